//! Dates: month names of four calendars with their day and year, one date when a month is
//! written in two calendars (`فبراير/شباط`، `مارس/ آذار`، `تموز (يوليو)`); weekdays, with
//! the date or relative date they name (`الخميس 12 جانفي`، `أمس الخميس`، `الأحد المقبل`,
//! `مساء يوم الخميس`); compound relative dates (`أمس الأول`، `الليلة الماضية`،
//! `صباح اليوم`); and the clock time written next to any of them.

use super::super::lexicon::{Calendar, class, lexicon};
use super::super::words::Word;
use super::super::{DateKind, DateMention, Span};
use super::times::Time;
use super::word_number;

/// Hijri years are written 1300–1600, Gregorian ones 1000–3000 (news never goes beyond).
fn is_year(y: u32) -> bool {
    (1000..=3000).contains(&y)
}

/// The gap between two words is only spaces.
fn spaced(text: &str, a: &Word, b: &Word) -> bool {
    text[a.span.end..b.span.start]
        .chars()
        .all(char::is_whitespace)
}

/// A month name at `k`, with a second calendar's name for the same month after it:
/// (last word index, month, calendars, end byte).
fn month_run(
    text: &str,
    ws: &[Word],
    keys: &[&str],
    k: usize,
) -> Option<(usize, u8, Vec<Calendar>, usize)> {
    let lex = lexicon();
    let (n, month, cal) = lex.month_at(&keys[k..])?;
    let mut last = k + n - 1;
    let mut end = ws[last].span.end;
    let mut calendars = vec![cal];
    if let Some(next) = ws.get(last + 1) {
        let gap = &text[ws[last].span.end..next.span.start];
        // فبراير/شباط, مارس/ آذار, تموز (يوليو).
        let slash = gap.trim() == "/";
        let paren = gap.trim() == "(";
        if (slash || paren)
            && let Some((n2, m2, cal2)) = lex.month_at(&keys[last + 1..])
            && m2 == month
            && cal2 != cal
        {
            let close = ws[last + n2].span.end;
            let closes = text[close..].trim_start().starts_with(')');
            if slash || closes {
                last += n2;
                end = if paren {
                    close + text[close..].find(')').map_or(0, |i| i + 1)
                } else {
                    close
                };
                calendars.push(cal2);
            }
        }
    }
    Some((last, month, calendars, end))
}

/// Dates in the words `ws` of `text`, with the times found there (`times`, sorted)
/// attached to the date next to them; the times left alone are returned as dates of
/// kind `time`.
pub(crate) fn dates(text: &str, ws: &[Word], times: Vec<Time>) -> Vec<DateMention> {
    let lex = lexicon();
    let mut out: Vec<DateMention> = Vec::new();
    let keys: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
    let weekday_at = |j: usize| ws.get(j).and_then(|w| w.lex.conj()?.weekday);
    // Where a date starting at word `j` starts: after its و/ف (والخميس، ومساء أمس).
    let start_of = |j: usize| {
        let w = &ws[j];
        let conj = w
            .lex
            .exact
            .is_none_or(|e| e.weekday.is_none() && e.day_part.is_none())
            && matches!(w.lex.prefixed, Some(('و' | 'ف', _)))
            && !w.key.starts_with("ال");
        w.span.start
            + if conj {
                text[w.span.start..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8)
            } else {
                0
            }
    };
    // A date starts at a word the lexicon knows as one, or at digits.
    let may_start = |w: &Word| {
        w.lex.exact.is_some_and(|e| e.starts_date())
            || w.lex.prefixed.is_some_and(|(_, e)| e.starts_date())
            || w.key == "يوم"
            // 12 جانفي، و15 مارس: a day, with a prefix letter allowed (the key has
            // ASCII digits for every digit system).
            || w.key.bytes().take(3).any(|b| b.is_ascii_digit())
    };
    let mut k = 0;
    while k < ws.len() {
        if !may_start(&ws[k]) {
            k += 1;
            continue;
        }
        // مساء يوم الخميس، صباح الأحد، يوم الخميس: the part of the day, then the weekday.
        let mut part: Option<&str> = None;
        let mut at = k;
        if let Some(p) = ws[k].lex.conj().and_then(|e| e.day_part) {
            let j = if keys.get(k + 1) == Some(&"يوم") {
                k + 2
            } else {
                k + 1
            };
            if weekday_at(j).is_some() {
                part = Some(p);
                at = j;
            }
        } else if keys[k] == "يوم" && weekday_at(k + 1).is_some() {
            at = k + 1;
        }
        if let Some(day) = weekday_at(at) {
            // The weekday names the date after it: الخميس 12 جانفي، الخميس الموافق ….
            let next = if keys.get(at + 1) == Some(&"الموافق") {
                at + 2
            } else {
                at + 1
            };
            if let Some(mut m) = ws
                .get(next)
                .filter(|w| spaced(text, &ws[next - 1], w))
                .and_then(|_| date_at(text, ws, &keys, next))
            {
                m.mention.span.start = start_of(k);
                m.mention.weekday = Some(day.to_string());
                let s = m.mention.span;
                m.mention.text = text[s.start..s.end].to_string();
                out.push(m.mention);
                k = m.words_end + 1;
                continue;
            }
            let mut value = match part {
                Some(p) => format!("{day} {p}"),
                None => day.to_string(),
            };
            // الخميس الماضي / الأحد المقبل.
            let rel = keys.get(at + 1).and_then(|n| match *n {
                "الماضي" => Some("last"),
                "المقبل" | "القادم" => Some("next"),
                _ => None,
            });
            if let Some(rel) = rel {
                value = format!("{rel} {value}");
                at += 1;
            }
            let s = Span::new(start_of(k), ws[at].span.end);
            out.push(DateMention {
                text: text[s.start..s.end].to_string(),
                span: s,
                kind: DateKind::Weekday,
                calendar: None,
                value,
                weekday: None,
                time: None,
            });
            k = at + 1;
            continue;
        }
        if let Some(m) = date_at(text, ws, &keys, k) {
            k = m.words_end + 1;
            out.push(m.mention);
            continue;
        }
        if let Some((last, day, start)) = day_of_this_month(text, ws, &keys, k) {
            let s = Span::new(start, ws[last].span.end);
            out.push(DateMention {
                text: text[s.start..s.end].to_string(),
                span: s,
                kind: DateKind::Relative,
                calendar: None,
                value: format!("day {day} of this month"),
                weekday: None,
                time: None,
            });
            k = last + 1;
            continue;
        }
        if let Some((n, value)) = lex.relative_at(&keys[k..]) {
            // "روسيا اليوم" and "صحيفة اليوم" are names, not days.
            let name =
                keys[k] == "اليوم" && k > 0 && (keys[k - 1] == "روسيا" || keys[k - 1] == "صحيفه");
            if !name {
                let mut last = k + n - 1;
                let mut weekday = None;
                // أمس الخميس، اليوم الأحد: the relative date names its weekday.
                if let Some(day) = weekday_at(last + 1) {
                    weekday = Some(day.to_string());
                    last += 1;
                }
                let s = Span::new(start_of(k), ws[last].span.end);
                out.push(DateMention {
                    text: text[s.start..s.end].to_string(),
                    span: s,
                    kind: DateKind::Relative,
                    calendar: None,
                    value: value.to_string(),
                    weekday,
                    time: None,
                });
                k = last + 1;
                continue;
            }
        }
        k += 1;
    }
    attach_times(text, out, times)
}

/// A day of the current month at `k`: `16 الحالي`, `16 الجاري`, `16 من الشهر الحالي`,
/// `3 من الشهر الجاري` (the news way of writing "the 16th of this month"): the last word,
/// the day and where the date starts (after a prefix letter of the number).
fn day_of_this_month(
    text: &str,
    ws: &[Word],
    keys: &[&str],
    k: usize,
) -> Option<(usize, u32, usize)> {
    let w = ws.get(k)?;
    let (day, skip) = word_number(&text[w.span.start..w.span.end])?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let last = match keys.get(k + 1).copied()? {
        "الحالي" | "الجاري" => k + 1,
        "من" => {
            let (n, value) = lexicon().relative_at(keys.get(k + 2..)?)?;
            if value != "this month" {
                return None;
            }
            k + 1 + n
        }
        _ => return None,
    };
    Some((last, day, w.span.start + skip))
}

/// A month date found at a word.
struct MonthDate {
    mention: DateMention,
    words_end: usize,
}

/// A month date (with its day before and year after) whose day or month is at `k`.
fn date_at(text: &str, ws: &[Word], keys: &[&str], k: usize) -> Option<MonthDate> {
    let lex = lexicon();
    let number = |w: &Word| word_number(&text[w.span.start..w.span.end]).map(|(v, _)| v);
    // 12 جانفي: the day is at k and the month after it.
    let (day_k, month_k) = match ws.get(k).and_then(number) {
        Some(d) if (1..=31).contains(&d) && k + 1 < ws.len() => (Some(k), k + 1),
        _ => (None, k),
    };
    let (last, month, calendars, mut end) = month_run(text, ws, keys, month_k)?;
    let day = day_k.and_then(|d| number(&ws[d]));
    let year_w = ws.get(last + 1).filter(|w| {
        spaced(text, &ws[last], w) || text[ws[last].span.end..w.span.start].trim() == "/"
    });
    let year = year_w.and_then(number).filter(|&y| is_year(y));
    let next_key = keys.get(last + 1).copied();
    let cal = calendars[0];
    let context = day.is_some()
        || year.is_some()
        || calendars.len() > 1
        || month_k
            .checked_sub(1)
            .is_some_and(|p| keys[p] == "شهر" || keys[p] == "لشهر")
        || next_key.is_some_and(|n| lex.get(n).is_some_and(|e| e.is(class::MONTH_CONTEXT)));
    let ambiguous = lex.is(keys[month_k], class::AMBIGUOUS_MONTH) || cal == Calendar::Hijri;
    if !context && ambiguous {
        return None;
    }
    let start = match day_k {
        Some(d) => {
            let w = &ws[d];
            w.span.start + word_number(&text[w.span.start..w.span.end]).map_or(0, |(_, skip)| skip)
        }
        None => ws[month_k].span.start,
    };
    let mut words_end = last;
    if year.is_some() {
        words_end = last + 1;
        end = ws[last + 1].span.end;
    }
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
    Some(MonthDate {
        mention: DateMention {
            text: text[start..end].to_string(),
            span: Span::new(start, end),
            kind: DateKind::Month,
            calendar: Some(calendar.join("/")),
            value,
            weekday: None,
            time: None,
        },
        words_end,
    })
}

/// Put each time into the date written right next to it (only spaces, or a comma,
/// between); the others become dates of kind `time`. Both lists are sorted.
fn attach_times(text: &str, mut dates: Vec<DateMention>, times: Vec<Time>) -> Vec<DateMention> {
    let mut alone = Vec::new();
    for t in times {
        let i = dates.partition_point(|d| d.span.start < t.span.start);
        let near = |a: usize, b: usize| {
            a <= b
                && text[a..b]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '،' || c == ',')
        };
        let before = i
            .checked_sub(1)
            .filter(|&j| near(dates[j].span.end, t.span.start) && dates[j].time.is_none());
        let after =
            (i < dates.len() && near(t.span.end, dates[i].span.start) && dates[i].time.is_none())
                .then_some(i);
        match before.or(after) {
            Some(j) => {
                let d = &mut dates[j];
                d.span = Span::new(d.span.start.min(t.span.start), d.span.end.max(t.span.end));
                d.text = text[d.span.start..d.span.end].to_string();
                d.time = Some(t.value);
            }
            None => alone.push(DateMention {
                text: text[t.span.start..t.span.end].to_string(),
                span: t.span,
                kind: DateKind::Time,
                calendar: None,
                value: t.value.clone(),
                weekday: None,
                time: Some(t.value),
            }),
        }
    }
    dates.extend(alone);
    dates.sort_by_key(|d| d.span.start);
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::mentions::times::times;
    use crate::structure::words::words;

    fn d(s: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
        let ws = words(s, Span::new(0, s.len()));
        let ts = times(s, &ws);
        dates(s, &ws, ts)
            .into_iter()
            .map(|d| (d.text, d.value, d.weekday, d.time))
            .collect()
    }

    fn texts_values(s: &str) -> Vec<(String, String)> {
        d(s).into_iter().map(|x| (x.0, x.1)).collect()
    }

    #[test]
    fn dates_of_four_calendars() {
        assert_eq!(
            texts_values("في 15 فبراير/شباط 2016 وفي 3 جانفي و26 شوال 1436 هـ"),
            vec![
                ("15 فبراير/شباط 2016".into(), "2016-02-15".into()),
                ("3 جانفي".into(), "--01-03".into()),
                ("26 شوال 1436".into(), "hijri:1436-10-26".into()),
            ]
        );
        assert_eq!(texts_values("في كانون الثاني الماضي")[0].1, "--01");
    }

    #[test]
    fn a_month_in_two_calendars_is_one_date() {
        for s in ["آذار/مارس", "مارس/ آذار", "تموز (يوليو)", "يوليو/تموز 2018"]
        {
            let got = d(s);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!(got[0].0, s);
        }
        assert_eq!(d("في تموز (يوليو) الماضي")[0].1, "--07");
    }

    #[test]
    fn ambiguous_month_names_need_context() {
        assert!(d("مارس الضغط على الحكومة").is_empty());
        assert_eq!(d("في شهر رمضان الماضي")[0].1, "hijri:--09");
        assert!(d("قال رمضان إن").is_empty());
    }

    #[test]
    fn weekdays_with_their_date() {
        let got = d("يوم الخميس 12 جانفي");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "يوم الخميس 12 جانفي");
        assert_eq!(got[0].1, "--01-12");
        assert_eq!(got[0].2.as_deref(), Some("thursday"));
        let got = d("أمس الخميس");
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_deref()),
            ("yesterday", Some("thursday"))
        );
        assert_eq!(texts_values("مساء يوم الاربعاء")[0].1, "wednesday evening");
        assert_eq!(texts_values("الأحد المقبل")[0].1, "next sunday");
    }

    #[test]
    fn compound_relative_dates_are_whole() {
        assert_eq!(
            texts_values("أمس الأول والليلة الماضية وصباح اليوم ومساء أمس والأسبوع المقبل"),
            vec![
                ("أمس الأول".into(), "day before yesterday".into()),
                ("الليلة الماضية".into(), "last night".into()),
                ("صباح اليوم".into(), "this morning".into()),
                ("مساء أمس".into(), "yesterday evening".into()),
                ("الأسبوع المقبل".into(), "next week".into()),
            ]
        );
    }

    #[test]
    fn a_day_of_this_month_is_one_date_however_it_is_written() {
        // `في 16 الحالي` → `في 16 من الشهر الحالي` was reported as a date added (the
        // first was no date, the second "this month").
        let want = ("day 16 of this month".to_string(), ());
        for s in [
            "في 16 الحالي",
            "في 16 من الشهر الحالي",
            "في 16 الجاري",
            "في 16 من الشهر الجاري",
        ] {
            let got = texts_values(s);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!((got[0].1.clone(), ()), want, "{s}");
            assert_eq!(got[0].0, s.trim_start_matches("في "), "{s}");
        }
        // A number before another relative phrase, or a day out of range, is not one.
        assert!(
            texts_values("في 16 من الشهر الماضي")
                .iter()
                .all(|(_, v)| v != "day 16 of this month")
        );
        assert!(texts_values("نحو 40 الحالي").is_empty());
    }

    #[test]
    fn the_night_before_and_the_day_before_yesterday_are_whole() {
        // `البارحة الأولى` was read as البارحة (yesterday) and a stray word, so that a
        // revision moving a call from البارحة to البارحة الأولى showed no date change.
        assert_eq!(
            texts_values("اتصل البارحة الأولى، وعاد ليلة البارحة، ثم البارحة الاولى"),
            vec![
                ("البارحة الأولى".into(), "day before yesterday".into()),
                ("ليلة البارحة".into(), "last night".into()),
                ("البارحة الاولى".into(), "day before yesterday".into()),
            ]
        );
    }

    #[test]
    fn times_attach_to_their_date() {
        let got = d("مساء أمس الساعة 6 وفي 18:30");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "مساء أمس الساعة 6");
        assert_eq!(got[0].3.as_deref(), Some("06:00"));
        assert_eq!(got[1].1, "18:30");
    }
}
