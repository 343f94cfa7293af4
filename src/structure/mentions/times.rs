//! Clock times, each one item: `18:30`, `الساعة السادسة مساء`, `الساعة 6 صباحا`,
//! `الساعة الحادية عشرة والنصف`, `6 مساء`. Their digits are no numbers.

use super::super::Span;
use super::super::words::Word;
use super::digit;

/// A time found in a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Time {
    /// Where it is written.
    pub(crate) span: Span,
    /// `HH:MM`.
    pub(crate) value: String,
}

/// `H:MM` or `HH:MM` at `s` (digits of any system), with the byte length.
fn clock(s: &str) -> Option<(u32, u32, usize)> {
    let mut it = s.char_indices().peekable();
    let mut h: u32 = 0;
    let mut hd = 0;
    while let Some(&(_, c)) = it.peek() {
        let Some(d) = digit(c) else { break };
        // Past two digits it is no hour: count on without overflowing.
        h = h.saturating_mul(10).saturating_add(d);
        hd += 1;
        it.next();
    }
    if !(1..=2).contains(&hd) || it.next().map(|(_, c)| c) != Some(':') {
        return None;
    }
    let mut m: u32 = 0;
    let mut md = 0;
    let mut end = 0;
    while let Some(&(i, c)) = it.peek() {
        let Some(d) = digit(c) else { break };
        m = m.saturating_mul(10).saturating_add(d);
        md += 1;
        end = i + c.len_utf8();
        it.next();
    }
    // Not a ratio or score followed by more digits (1:2:3), nor a time with seconds.
    let next = it.peek().map(|&(_, c)| c);
    (md == 2 && h <= 24 && m < 60 && next != Some(':')).then_some((h, m, end))
}

/// The byte offset of the digits in a word that is a prefix letter (و ف ب ل ك), maybe
/// elongated with tatweel, glued to digits: و18، بـ18.
fn glued_digits(text: &str, w: &Word) -> Option<usize> {
    // Every prefix letter is two bytes in UTF-8: the digit is the third byte.
    if !w.key.as_bytes().get(2).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut keys = w.key.chars();
    if !keys
        .next()
        .is_some_and(|c| super::super::lexicon::PREFIXES.contains(&c))
        || !keys.next().is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    text[w.span.start..w.span.end]
        .char_indices()
        .find(|&(_, c)| digit(c).is_some())
        .map(|(i, _)| i)
}

/// The hour and minute in 24 hours: a time-of-day word (مساء) moves hours 1–11 by
/// twelve; ليلا only from six on (الواحدة ليلا is 01:00), ظهرا only up to five.
fn hour24(h: u32, add: Option<(u8, &str)>) -> u32 {
    match add {
        Some((12, "ليلا")) => {
            if (6..12).contains(&h) {
                h + 12
            } else {
                h
            }
        }
        Some((12, "ظهرا")) => {
            if (1..=5).contains(&h) {
                h + 12
            } else {
                h
            }
        }
        Some((12, _)) if (1..12).contains(&h) => h + 12,
        _ => h,
    }
}

fn render(h: u32, m: u32) -> String {
    format!("{h:02}:{m:02}")
}

/// A time-of-day word at `ws[k]`: the hours it adds and its folded form.
fn time_of_day(ws: &[Word], k: usize) -> Option<(u8, &str)> {
    let w = ws.get(k)?;
    w.lex
        .exact
        .and_then(|e| e.time_of_day)
        .map(|a| (a, w.key.as_str()))
}

/// The number of a word made only of digits (1–2 of them), as an hour.
fn digits_hour(text: &str, w: &Word) -> Option<u32> {
    let s = &text[w.span.start..w.span.end];
    let mut v = 0;
    let mut n = 0;
    for c in s.chars() {
        n += 1;
        if n > 2 {
            return None;
        }
        v = v * 10 + digit(c)?;
    }
    (n > 0 && (0..=24).contains(&v)).then_some(v)
}

/// Whether the words `ws[a]` and `ws[b]` are separated by spaces only.
fn adjacent(text: &str, ws: &[Word], a: usize, b: usize) -> bool {
    text[ws[a].span.end..ws[b].span.start]
        .chars()
        .all(char::is_whitespace)
}

/// Times in the words `ws` of `text`.
pub(crate) fn times(text: &str, ws: &[Word]) -> Vec<Time> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let w = &ws[k];
        // A time starts at الساعة or at digits: every other word is passed at once.
        // The key has ASCII digits for every digit system.
        let digits = w.key.as_bytes().first().is_some_and(u8::is_ascii_digit);
        // و18:30، بـ18:30: a prefix letter (with or without tatweel) glued to a clock.
        let glued = if digits { None } else { glued_digits(text, w) };
        let with_saa = w.key.ends_with("الساعه")
            && (w.key == "الساعه" || w.key == "بالساعه" || w.key == "والساعه");
        if !digits && !with_saa && glued.is_none() {
            k += 1;
            continue;
        }
        let start_k = k;
        let at = if with_saa && k + 1 < ws.len() && adjacent(text, ws, k, k + 1) {
            k + 1
        } else {
            k
        };
        // 18:30: the clock is read from the text (its ':' is between two words).
        let c = &ws[at];
        let off = if at == k { glued.unwrap_or(0) } else { 0 };
        let clock_here = clock(&text[c.span.start + off..]);
        if glued.is_some() && clock_here.is_none() {
            k += 1;
            continue;
        }
        let (h, m, mut end_k, mut end) = if let Some((h, m, len)) = clock_here {
            // The minutes are the next word; the time ends after them.
            let end = c.span.start + off + len;
            let end_k = ws[at..]
                .iter()
                .position(|x| x.span.end >= end)
                .map_or(at, |p| at + p);
            (h, m, end_k, end)
        } else if let Some(hour) = (at > k)
            .then(|| ws[at].lex.exact.and_then(|e| e.hour))
            .flatten()
        {
            // الساعة السادسة, الساعة الحادية عشرة, الساعة الثانية عشرة.
            let mut h = u32::from(hour);
            let mut end_k = at;
            if let Some(n) = ws.get(at + 1)
                && (n.key == "عشره" || n.key == "عشر")
                && adjacent(text, ws, at, at + 1)
            {
                h += 10;
                end_k = at + 1;
            }
            let mut m = 0;
            if let Some(n) = ws.get(end_k + 1)
                && let Some(mins) = n.lex.exact.and_then(|e| e.minutes)
                && adjacent(text, ws, end_k, end_k + 1)
            {
                m = u32::from(mins);
                end_k += 1;
            }
            (h, m, end_k, ws[end_k].span.end)
        } else if let Some(h) = digits_hour(text, c).filter(|&h| {
            // الساعة 6, or 6 followed by صباحا/مساء.
            at > k || (h <= 12 && time_of_day(ws, at + 1).is_some())
        }) {
            (h, 0, at, c.span.end)
        } else {
            k += 1;
            continue;
        };
        let add = time_of_day(ws, end_k + 1).filter(|_| adjacent(text, ws, end_k, end_k + 1));
        if add.is_some() {
            end_k += 1;
            end = ws[end_k].span.end;
        }
        out.push(Time {
            span: Span::new(ws[start_k].span.start + off, end),
            value: render(hour24(h, add), m),
        });
        k = end_k + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::words::words;

    fn t(s: &str) -> Vec<(String, String)> {
        let ws = words(s, Span::new(0, s.len()));
        times(s, &ws)
            .into_iter()
            .map(|t| (s[t.span.start..t.span.end].to_string(), t.value))
            .collect()
    }

    #[test]
    fn clock_times_in_digits_and_words() {
        assert_eq!(t("عند 18:30 بتوقيت"), [("18:30".into(), "18:30".into())]);
        assert_eq!(
            t("في الساعة السادسة مساء أمس"),
            [("الساعة السادسة مساء".into(), "18:00".into())]
        );
        assert_eq!(
            t("الساعة 6 صباحا"),
            [("الساعة 6 صباحا".into(), "06:00".into())]
        );
        assert_eq!(
            t("الساعة الحادية عشرة والنصف ليلا"),
            [("الساعة الحادية عشرة والنصف ليلا".into(), "23:30".into())]
        );
        assert_eq!(t("نحو 7 مساء"), [("7 مساء".into(), "19:00".into())]);
        // A prefix glued to the clock, with or without tatweel (issue 9).
        assert_eq!(
            t("بين 17:00 و18:30"),
            [
                ("17:00".into(), "17:00".into()),
                ("18:30".into(), "18:30".into())
            ]
        );
        assert_eq!(t("تبدأ بـ18:30"), [("18:30".into(), "18:30".into())]);
        assert_eq!(
            t("الساعة الواحدة ظهرا"),
            [("الساعة الواحدة ظهرا".into(), "13:00".into())]
        );
    }

    #[test]
    fn not_times() {
        // Long runs of digits are no hours, and reading them does not overflow.
        assert!(t("12345678901234 مساء").is_empty());
        assert!(t("الساعة ٩٩٩٩٩٩٩٩٩٩٩٩ صباحا").is_empty());
        assert!(t("99999999999999:30").is_empty());
        assert!(t("10:99999999999999").is_empty());
        // A score, a ratio, a plain number, a number before مساء that is no hour.
        assert!(t("بنتيجة 3:1").is_empty());
        assert!(t("1:2:3").is_empty());
        assert!(t("قتل 6 أشخاص").is_empty());
        assert!(t("30 مساء").is_empty());
    }
}
