//! Numbers (with their units) and dates (month names of four calendars, weekdays,
//! relative dates) in the text.

use super::lexicon::{Calendar, lexicon};
use super::words::{Word, is_alpha};
use super::{DateKind, DateMention, Number, Span};

/// The value of a digit of any of the three systems.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// A letter that may be a one-letter prefix before a number: و ف ب ل ك.
fn is_prefix(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
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

/// Numbers in the given spans of `text`, with the spans' words. One pass over each
/// span's characters; no per-character storage.
pub(crate) fn numbers(text: &str, spans: &[(Span, Vec<Word>)]) -> Vec<Number> {
    let lex = lexicon();
    let mut out = Vec::new();
    for (span, ws) in spans {
        let span = *span;
        let part = &text[span.start..span.end];
        let mut pos = 0;
        while let Some(found) = next_digit(&part[pos..]) {
            pos += found;
            // A number starts at a digit that does not continue a word (A4), though it
            // may carry a one-letter prefix (و19%, ب2254).
            let mut before = part[..pos].chars().rev();
            let (p1, p2) = (before.next(), before.next());
            let glued = p1
                .is_some_and(|a| is_alpha(a) && !(is_prefix(a) && p2.is_none_or(|b| !is_alpha(b))));
            if glued {
                // Skip the rest of this run of digits.
                pos += part[pos..]
                    .find(|ch: char| digit(ch).is_none())
                    .unwrap_or(part.len() - pos);
                continue;
            }
            let start = pos;
            // Digits, with separators between digits: ٫ is a decimal point, ٬ groups,
            // `,` groups before exactly three digits (else it is a decimal comma), `.`
            // is a decimal point unless it repeats (1.000.000).
            let mut value = String::new();
            let mut j = pos;
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
                let three = (1..=3).all(|d| ahead(d).is_some()) && ahead(4).is_none();
                match ch {
                    '\u{066B}' | '.' => value.push('.'),
                    ',' if !three => value.push('.'),
                    '\u{066C}' | ',' => {}
                    _ => break,
                }
                j += ch.len_utf8();
            }
            if value.matches('.').count() > 1 {
                value.retain(|c| c != '.');
            }
            let mut end = j;
            // A percent sign right after the number, or after one space.
            let mut unit: Option<String> = None;
            let after_space = part[j..].strip_prefix(' ').unwrap_or(&part[j..]);
            if let Some(c) = after_space.chars().next()
                && (c == '%' || c == '\u{066A}')
            {
                end = part.len() - after_space.len() + c.len_utf8();
                unit = Some(c.to_string());
            }
            pos = end;
            let abs = Span::new(span.start + start, span.start + end);
            if unit.is_none() {
                // Unit words right after the number: مليون دولار, بالمئة, في المئة.
                let first = ws.partition_point(|w| w.span.start < abs.end);
                let after = &ws[first..(first + 3).min(ws.len())];
                let keys: Vec<&str> = after.iter().map(|w| w.key.as_str()).collect();
                let n = lex.unit_len(&keys);
                let adjacent = after
                    .first()
                    .is_some_and(|w| text[abs.end..w.span.start].chars().all(char::is_whitespace));
                if n > 0 && adjacent {
                    unit = Some(text[after[0].span.start..after[n - 1].span.end].to_string());
                }
            }
            out.push(Number {
                text: text[abs.start..abs.end].to_string(),
                span: abs,
                value,
                unit,
            });
        }
    }
    out
}

/// Dates in the given spans of `text`, with the spans' words.
pub(crate) fn dates(text: &str, spans: &[(Span, Vec<Word>)]) -> Vec<DateMention> {
    let lex = lexicon();
    let mut out = Vec::new();
    for (_, ws) in spans {
        let keys: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
        let number = |w: &Word| word_number(&text[w.span.start..w.span.end]).map(|(v, _)| v);
        let mut k = 0;
        while k < ws.len() {
            // A month name, alone or as a pair joined by / (فبراير/شباط).
            if let Some((n, month, cal)) = lex.month_at(&keys[k..]) {
                let mut last = k + n - 1;
                let mut calendars = vec![cal];
                if let Some(next) = ws.get(last + 1)
                    && text[ws[last].span.end..next.span.start].trim() == "/"
                    && let Some((n2, m2, cal2)) = lex.month_at(&keys[last + 1..])
                    && m2 == month
                {
                    last += n2;
                    calendars.push(cal2);
                }
                let day = k
                    .checked_sub(1)
                    .and_then(|d| number(&ws[d]))
                    .filter(|d| (1..=31).contains(d));
                let year = ws
                    .get(last + 1)
                    .and_then(number)
                    .filter(|y| (1000..=3000).contains(y) || (1300..=1600).contains(y));
                let prev_key = k.checked_sub(1).map(|d| keys[d]);
                let next_key = keys.get(last + 1).copied();
                let context = day.is_some()
                    || year.is_some()
                    || calendars.len() > 1
                    || prev_key == Some("شهر")
                    || next_key.is_some_and(|n| {
                        [
                            "الماضي",
                            "المقبل",
                            "الجاري",
                            "القادم",
                            "الحالي",
                            "المبارك",
                            "الكريم",
                        ]
                        .contains(&n)
                    })
                    || ws
                        .get(last + 1)
                        .is_some_and(|w| text[ws[last].span.end..w.span.start].trim() == "/");
                let ambiguous = lex.is_ambiguous_month(keys[k]) || cal == Calendar::Hijri;
                if context || !ambiguous {
                    let start = match day {
                        Some(_) => {
                            let w = &ws[k - 1];
                            w.span.start
                                + word_number(&text[w.span.start..w.span.end])
                                    .map_or(0, |(_, skip)| skip)
                        }
                        None => ws[k].span.start,
                    };
                    let end = if year.is_some() {
                        ws[last + 1].span.end
                    } else {
                        ws[last].span.end
                    };
                    let hijri = calendars.iter().all(|&c| c == Calendar::Hijri);
                    let mut value = match year {
                        Some(y) => format!("{y}-{month:02}"),
                        None => format!("--{month:02}"),
                    };
                    if let Some(d) = day {
                        value.push_str(&format!("-{d:02}"));
                    }
                    if hijri {
                        value = format!("hijri:{value}");
                    }
                    let calendar: Vec<&str> = calendars.iter().map(|c| c.name()).collect();
                    out.push(DateMention {
                        text: text[start..end].to_string(),
                        span: Span::new(start, end),
                        kind: DateKind::Month,
                        calendar: Some(calendar.join("/")),
                        value,
                    });
                    k = if year.is_some() { last + 2 } else { last + 1 };
                    continue;
                }
            }
            if let Some(day) = lex.weekday(keys[k]) {
                out.push(DateMention {
                    text: text[ws[k].span.start..ws[k].span.end].to_string(),
                    span: ws[k].span,
                    kind: DateKind::Weekday,
                    calendar: None,
                    value: day.to_string(),
                });
                k += 1;
                continue;
            }
            if let Some((n, value)) = lex.relative_at(&keys[k..]) {
                // "روسيا اليوم" is a channel, not a day.
                let channel = keys[k] == "اليوم" && k > 0 && keys[k - 1] == "روسيا";
                if !channel {
                    let s = Span::new(ws[k].span.start, ws[k + n - 1].span.end);
                    out.push(DateMention {
                        text: text[s.start..s.end].to_string(),
                        span: s,
                        kind: DateKind::Relative,
                        calendar: None,
                        value: value.to_string(),
                    });
                    k += n;
                    continue;
                }
            }
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::words::words;

    fn whole(t: &str) -> Vec<(Span, Vec<Word>)> {
        let s = Span::new(0, t.len());
        vec![(s, words(t, s))]
    }

    fn nums(t: &str) -> Vec<(String, String, Option<String>)> {
        numbers(t, &whole(t))
            .into_iter()
            .map(|n| (n.text, n.value, n.unit))
            .collect()
    }

    #[test]
    fn numbers_in_every_digit_system_with_units() {
        assert_eq!(
            nums("بلغت ١٬٥٠٠٫٥ مليون دولار و19% و ٢٣ ٪ و3.5 بالمئة والقرار 2254"),
            vec![
                ("١٬٥٠٠٫٥".into(), "1500.5".into(), Some("مليون دولار".into())),
                ("19%".into(), "19".into(), Some("%".into())),
                ("٢٣ ٪".into(), "23".into(), Some("٪".into())),
                ("3.5".into(), "3.5".into(), Some("بالمئة".into())),
                ("2254".into(), "2254".into(), None),
            ]
        );
        assert_eq!(
            nums("1,000,000 و 12 في المئة")[1].2.as_deref(),
            Some("في المئة")
        );
        assert_eq!(nums("1,000,000")[0].1, "1000000");
    }

    fn date_values(t: &str) -> Vec<(String, String)> {
        dates(t, &whole(t))
            .into_iter()
            .map(|d| (d.text, d.value))
            .collect()
    }

    #[test]
    fn dates_of_four_calendars() {
        assert_eq!(
            date_values("في 15 فبراير/شباط 2016 وفي 3 جانفي و26 شوال 1436 هـ"),
            vec![
                ("15 فبراير/شباط 2016".into(), "2016-02-15".into()),
                ("3 جانفي".into(), "--01-03".into()),
                ("26 شوال 1436".into(), "hijri:1436-10-26".into()),
            ]
        );
        assert_eq!(date_values("في كانون الثاني الماضي")[0].1, "--01");
    }

    #[test]
    fn ambiguous_month_names_need_context() {
        assert!(date_values("مارس الضغط على الحكومة").is_empty());
        assert_eq!(date_values("في شهر رمضان الماضي")[0].1, "hijri:--09");
        assert!(date_values("قال رمضان إن").is_empty());
    }

    #[test]
    fn weekdays_and_relative_dates() {
        assert_eq!(
            date_values("أعلن مساء أمس الخميس أن الأسبوع الماضي كان صعبا، بحسب روسيا اليوم"),
            vec![
                ("مساء أمس".into(), "yesterday evening".into()),
                ("الخميس".into(), "thursday".into()),
                ("الأسبوع الماضي".into(), "last week".into()),
            ]
        );
    }
}
