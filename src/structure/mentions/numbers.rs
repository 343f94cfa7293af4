//! Numbers written in digits: ASCII, Arabic-Indic and Persian, with a glued prefix
//! (بـ2.3%، لـ800، الـ29، وبـ5), decimal and grouping separators (`.` `,` `٫` `٬`, the
//! Arabic comma where it can only be a decimal, the Saudi wire's reversed `ر`), a scale
//! word (2.5 مليون), ranges (10-15, بين 10 و15، من 10 إلى 15), small fractions (1/2) and
//! their unit.

use super::super::words::{Word, is_alpha};
use super::super::{Number, Span};
use super::value::Decimal;
use super::{digit, next_digit, scale_at, unit_after};

/// Whether the letters glued before a number are a prefix: (و|ف)?(ب|ل|ك)?(ال)? or لل,
/// with tatweel after them (بـ2.3، الـ29، وبـ5، لـ800).
fn is_prefix_run(letters: &str) -> bool {
    let mut s = letters.trim_end_matches('\u{0640}');
    if s.contains('\u{0640}') {
        return false;
    }
    if s == "لل" || s == "ولل" {
        return true;
    }
    for set in [&['و', 'ف'][..], &['ب', 'ل', 'ك'][..]] {
        if let Some(c) = s.chars().next().filter(|c| set.contains(c)) {
            s = &s[c.len_utf8()..];
        }
    }
    s.is_empty() || s == "ال"
}

/// The letters (and tatweel) right before byte `pos` of `part`, if they are glued to the
/// digit there.
fn glued_letters(part: &str, pos: usize) -> &str {
    let before = &part[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_alpha(c) || c == '\u{0640}')
        .last()
        .map_or(pos, |(i, _)| i);
    &before[start..]
}

/// The digits from `pos` with their separators: (value as ASCII with `.`, end).
fn read_digits(part: &str, pos: usize) -> (String, usize) {
    let mut value = String::new();
    let mut j = pos;
    let mut reversed_at: Option<usize> = None;
    let mut separators = 0;
    while let Some(ch) = part[j..].chars().next() {
        if let Some(d) = digit(ch) {
            value.push(char::from_digit(d, 10).expect("0-9"));
            j += ch.len_utf8();
            continue;
        }
        let ahead = |n: usize| part[j..].chars().nth(n).and_then(digit);
        if ahead(1).is_none() {
            break;
        }
        // Exactly three digits, then no digit: a thousands group.
        let three = (1..=3).all(|d| ahead(d).is_some()) && ahead(4).is_none();
        match ch {
            '\u{066B}' | '.' => value.push('.'),
            ',' | '\u{060C}' if !three => value.push('.'),
            '\u{066C}' | ',' | '\u{060C}' => {}
            // The Saudi wire's decimal: 3ر42 is 42.3 (the fraction is written first).
            'ر' if reversed_at.is_none() && separators == 0 => reversed_at = Some(value.len()),
            _ => break,
        }
        separators += 1;
        j += ch.len_utf8();
    }
    if let Some(at) = reversed_at {
        if separators == 1 {
            let (frac, int) = value.split_at(at);
            value = format!("{int}.{frac}");
        } else {
            value.truncate(at);
        }
    }
    if value.matches('.').count() > 1 {
        value.retain(|c| c != '.');
    }
    (value, j)
}

/// Numbers in digits in `text[span]`, whose words are `ws`; times (`skip`, sorted) are
/// left out.
pub(crate) fn digit_numbers(text: &str, span: Span, ws: &[Word], skip: &[Span]) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    let part = &text[span.start..span.end];
    let mut pos = 0;
    let mut skip_i = 0;
    // Digits are inside words: only the words whose key (where every digit is ASCII)
    // has one are searched, not every byte of the text.
    let mut wi = 0;
    let mut next = |pos: usize| -> Option<usize> {
        while let Some(w) = ws.get(wi) {
            let (ws_, we) = (w.span.start - span.start, w.span.end - span.start);
            if we > pos && w.key.bytes().any(|b| b.is_ascii_digit()) {
                let from = pos.max(ws_);
                if let Some(found) = next_digit(&part[from..we]) {
                    return Some(from + found);
                }
            }
            wi += 1;
        }
        None
    };
    while let Some(found) = next(pos) {
        pos = found;
        let abs = span.start + pos;
        while skip_i < skip.len() && skip[skip_i].end <= abs {
            skip_i += 1;
        }
        if let Some(s) = skip.get(skip_i)
            && s.start <= abs
        {
            pos = s.end - span.start;
            continue;
        }
        let glued = glued_letters(part, pos);
        if !glued.is_empty() && !is_prefix_run(glued) {
            // A digit that continues a word (A4, G20).
            pos += part[pos..]
                .find(|ch: char| digit(ch).is_none())
                .unwrap_or(part.len() - pos);
            continue;
        }
        let start = pos;
        let (mut value, mut j) = read_digits(part, pos);
        let mut to: Option<String> = None;
        let rest = &part[j..];
        // 10-15, 2015 - 2019: a range when the second bound is larger (2-1 is a score).
        let dash = rest
            .strip_prefix(['-', '–'])
            .or_else(|| rest.strip_prefix(" - "))
            .or_else(|| rest.strip_prefix(" – "));
        if let Some(after) = dash
            && after.chars().next().and_then(digit).is_some()
        {
            let at = part.len() - after.len();
            let (hi, end) = read_digits(part, at);
            if Decimal::parse(&hi).approx() > Decimal::parse(&value).approx() {
                to = Some(hi);
                j = end;
            }
        }
        // 1/2, 3/4: a small fraction (not a date: 15/2, 1/5/2018).
        if to.is_none()
            && let Some(after) = part[j..].strip_prefix('/')
            && after.chars().next().and_then(digit).is_some()
        {
            let at = j + 1;
            let (den, end) = read_digits(part, at);
            let (a, b) = (value.parse::<u32>(), den.parse::<u32>());
            if let (Ok(a), Ok(b)) = (a, b)
                && a < b
                && (2..=10).contains(&b)
                && !part[end..].starts_with('/')
            {
                value = super::value::Ratio::new(a.into(), b.into()).render();
                j = end;
            }
        }
        let mut end = j;
        let mut unit: Option<String> = None;
        // A percent sign right after the number, or after one space.
        let after_space = part[j..].strip_prefix(' ').unwrap_or(&part[j..]);
        if let Some(c) = after_space.chars().next()
            && (c == '%' || c == '\u{066A}')
        {
            end = part.len() - after_space.len() + c.len_utf8();
            unit = Some(c.to_string());
        }
        pos = end;
        let mut abs = Span::new(span.start + start, span.start + end);
        if unit.is_none() {
            // A scale word after it belongs to the number: 2.5 مليون.
            let first = ws.partition_point(|w| w.span.start < abs.end);
            if let Some((pow, k)) = scale_at(text, ws, first, abs.end) {
                value = Decimal::parse(&value).scaled(pow).render();
                if let Some(t) = &to {
                    to = Some(Decimal::parse(t).scaled(pow).render());
                }
                abs.end = ws[k].span.end;
                pos = abs.end - span.start;
            }
            unit = unit_after(text, ws, abs.end);
        }
        out.push(Number {
            text: text[abs.start..abs.end].to_string(),
            span: abs,
            value,
            to,
            unit,
        });
    }
    word_ranges(text, ws, &mut out);
    out
}

/// بين 10 و15: two numbers joined into a range (the first number's span grows to the
/// second's end). (من 10 إلى 15 is left as two numbers: it is as often a change, "rose
/// from 10 to 15", as a range.)
fn word_ranges(text: &str, ws: &[Word], out: &mut Vec<Number>) {
    let mut merged: Vec<Number> = Vec::with_capacity(out.len());
    for b in out.drain(..) {
        if let Some(a) = merged.last_mut()
            && a.to.is_none()
            && b.to.is_none()
        {
            let before = ws.partition_point(|w| w.span.end <= a.span.start);
            let between = before
                .checked_sub(1)
                .is_some_and(|k| ws[k].key == "بين" || ws[k].key == "وبين");
            // The و of و15 is the number's prefix: the gap between the numbers is "و".
            let joined = between && text[a.span.end..b.span.start].trim() == "و";
            if joined && Decimal::parse(&b.value).approx() > Decimal::parse(&a.value).approx() {
                a.to = Some(b.value);
                a.span.end = b.span.end;
                a.text = text[a.span.start..a.span.end].to_string();
                a.unit = b.unit.or(a.unit.take());
                continue;
            }
        }
        merged.push(b);
    }
    *out = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_runs() {
        for p in [
            "ب", "بـ", "لـ", "الـ", "ال", "وبـ", "و", "ك", "ف", "لل", "وال", "بال",
        ] {
            assert!(is_prefix_run(p), "{p}");
        }
        for p in ["A", "مم", "بب", "كتاب", "الال"] {
            assert!(!is_prefix_run(p), "{p}");
        }
    }

    #[test]
    fn separators() {
        let v = |s: &str| read_digits(s, 0).0;
        assert_eq!(v("١٬٥٠٠٫٥"), "1500.5");
        assert_eq!(v("1,000,000"), "1000000");
        assert_eq!(v("1.000.000"), "1000000");
        assert_eq!(v("3.5"), "3.5");
        assert_eq!(v("6,5"), "6.5");
        assert_eq!(v("8،4"), "8.4");
        assert_eq!(v("2،000"), "2000");
        assert_eq!(v("3ر42"), "42.3");
        assert_eq!(v("1ر3"), "3.1");
    }
}
