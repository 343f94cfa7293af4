//! Mentions of numbers, times and dates in the text: what the diff compares by value.
//!
//! A span's words are read in four passes: clock times first (their digits are no
//! numbers), then numbers in digits ([`numbers`]), numbers in words ([`number_words`]),
//! and dates, which take the times next to them ([`dates`]). One pass over a span's
//! characters for digits; no per-character storage.

mod dates;
mod number_words;
mod numbers;
mod times;
mod value;

use super::lexicon::numbers::NumberWord;
use super::words::Word;
use super::{DateMention, Number, Span};

/// The value of a digit of any of the three systems.
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// The value of a word that is a number (digits only, or a one-letter prefix and
/// digits), and the byte offset in the word where its digits start.
fn word_number(w: &str) -> Option<(u32, usize)> {
    let skip = w
        .chars()
        .next()
        .filter(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'))
        .map_or(0, char::len_utf8);
    let digits = &w[skip..];
    if digits.is_empty() {
        return None;
    }
    let mut v: u32 = 0;
    for c in digits.chars() {
        v = v.checked_mul(10)?.checked_add(digit(c)?)?;
    }
    Some((v, skip))
}

/// The byte offset of the first digit of any of the three systems in `s`: ASCII,
/// Arabic-Indic (U+0660–U+0669: D9 A0–D9 A9) or Extended Arabic-Indic (U+06F0–U+06F9:
/// DB B0–DB B9). A byte scan: most text has no digits.
fn next_digit(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    b.iter().enumerate().position(|(i, &x)| {
        x.is_ascii_digit()
            || (x == 0xD9 && b.get(i + 1).is_some_and(|y| (0xA0..=0xA9).contains(y)))
            || (x == 0xDB && b.get(i + 1).is_some_and(|y| (0xB0..=0xB9).contains(y)))
    })
}

/// A scale word right after byte `end` (spaces between), at `ws[first]`: the power of
/// ten it multiplies by, and its index. Only a scale itself (مليون، آلاف), not a dual.
fn scale_at(text: &str, ws: &[Word], first: usize, end: usize) -> Option<(u32, usize)> {
    let w = ws.get(first)?;
    if w.span.start < end || !text[end..w.span.start].chars().all(char::is_whitespace) {
        return None;
    }
    match w.lex.exact?.number? {
        NumberWord::Scale(s) => Some((s.ilog10(), first)),
        _ => None,
    }
}

/// The unit right after byte `end`: the unit words after spaces (في المئة، دولار), or a
/// unit glued to the number (1.6بالمائة).
fn unit_after(text: &str, ws: &[Word], end: usize) -> Option<String> {
    let lex = super::lexicon::lexicon();
    let first = ws.partition_point(|w| w.span.end <= end);
    let w = ws.get(first)?;
    if w.span.start < end {
        // Glued: the rest of the word the number ends in.
        let rest = &text[end..w.span.end];
        let key = super::lexicon::fold(rest);
        return (!rest.is_empty() && lex.unit_len(&[&key]) == 1).then(|| rest.to_string());
    }
    if !text[end..w.span.start].chars().all(char::is_whitespace) {
        return None;
    }
    let after = &ws[first..(first + 2).min(ws.len())];
    let keys: Vec<&str> = after.iter().map(|w| w.key.as_str()).collect();
    let n = lex.unit_len(&keys);
    (n > 0).then(|| text[after[0].span.start..after[n - 1].span.end].to_string())
}

/// The numbers and dates of `text[span]`, whose words are `ws`.
pub(crate) fn mentions(text: &str, span: Span, ws: &[Word]) -> (Vec<Number>, Vec<DateMention>) {
    let times = times::times(text, ws);
    let time_spans: Vec<Span> = times.iter().map(|t| t.span).collect();
    let mut numbers = numbers::digit_numbers(text, span, ws, &time_spans);
    let mut taken: Vec<Span> = numbers.iter().map(|n| n.span).collect();
    taken.extend(&time_spans);
    taken.sort();
    numbers.extend(number_words::word_numbers(text, ws, &taken));
    numbers.sort_by_key(|n| n.span.start);
    let dates = dates::dates(text, ws, times);
    (numbers, dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::words::words;

    fn nums(t: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
        let s = Span::new(0, t.len());
        mentions(t, s, &words(t, s))
            .0
            .into_iter()
            .map(|n| (n.text, n.value, n.to, n.unit))
            .collect()
    }

    fn n(
        text: &str,
        value: &str,
        unit: Option<&str>,
    ) -> (String, String, Option<String>, Option<String>) {
        (text.into(), value.into(), None, unit.map(str::to_string))
    }

    #[test]
    fn numbers_in_every_digit_system_with_units() {
        assert_eq!(
            nums("بلغت ١٬٥٠٠٫٥ مليون دولار و19% و ٢٣ ٪ و3.5 بالمئة والقرار 2254"),
            vec![
                n("١٬٥٠٠٫٥ مليون", "1500500000", Some("دولار")),
                n("19%", "19", Some("%")),
                n("٢٣ ٪", "23", Some("٪")),
                n("3.5", "3.5", Some("بالمئة")),
                n("2254", "2254", None),
            ]
        );
        assert_eq!(
            nums("1,000,000 و 12 في المئة")[1].3.as_deref(),
            Some("في المئة")
        );
        assert_eq!(nums("1,000,000")[0].1, "1000000");
    }

    #[test]
    fn numbers_glued_to_a_prefix() {
        // Issue 9: بـ2.3% gave 3%, the others nothing.
        let got = nums("ارتفع بـ2.3% ثم لـ800 ثم الـ29 وبـ5 وكـ10 فـ3");
        let values: Vec<(&str, &str)> = got.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(
            values,
            [
                ("2.3%", "2.3"),
                ("800", "800"),
                ("29", "29"),
                ("5", "5"),
                ("10", "10"),
                ("3", "3")
            ]
        );
        // A digit inside a word is no number.
        assert!(nums("طائرة F16 وورقة A4").is_empty());
    }

    #[test]
    fn decimal_separators() {
        assert_eq!(nums("بنسبة 3ر42 في المائة")[0].1, "42.3");
        assert_eq!(nums("بنسبة 8،4 بالمائة")[0].1, "8.4");
        assert_eq!(nums("نمو 1.6بالمائة")[0].3.as_deref(), Some("بالمائة"));
        assert_eq!(nums("6,5 بالمائة")[0].1, "6.5");
    }

    #[test]
    fn ranges_and_fractions() {
        let r = nums("بين 10 و15 شخصا وفي 2015 - 2019 و20-30% وفاز 2-1 و1/2 الكمية");
        let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = r
            .iter()
            .map(|x| (x.0.as_str(), x.1.as_str(), x.2.as_deref(), x.3.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("10 و15", "10", Some("15"), Some("شخصا")),
                ("2015 - 2019", "2015", Some("2019"), None),
                ("20-30%", "20", Some("30"), Some("%")),
                ("2", "2", None, None),
                ("1", "1", None, None),
                ("1/2", "0.5", None, None),
            ]
        );
    }

    #[test]
    fn number_words_and_digits_give_one_value() {
        assert_eq!(nums("قتل ستة أشخاص")[0].1, nums("قتل 6 أشخاص")[0].1);
        assert_eq!(nums("ثلاثة آلاف")[0].1, nums("3 آلاف")[0].1);
        assert_eq!(nums("بعشرة")[0].1, nums("بـ 10")[0].1);
    }

    #[test]
    fn times_are_no_numbers() {
        assert!(nums("في 18:30 والساعة 6 صباحا").is_empty());
    }
}
