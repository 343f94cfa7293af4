//! A headline or sub-heading of the form `Name: statement` (`عبير الدخيل: إيران تتدارك
//! …`، `ناجي جلول : إضراب المعلمين غير قانوني`، `بومبيو: كيم جونغ أون مستعد …`): the
//! statement is a quotation and the name its speaker.

use super::super::Span;
use super::super::lexicon::class;
use super::context::Para;
use super::marks::is_space;

/// The most words a label (the name before the colon) has.
const MAX_LABEL_WORDS: usize = 5;
/// The fewest words of the statement.
const MIN_STATEMENT_WORDS: usize = 3;
/// The most words of a sub-heading in the body (a headline may be longer).
const MAX_SUBHEAD_WORDS: usize = 20;

/// `(name, statement)` when the paragraph (or headline) is `Name: statement`.
pub(crate) fn label(para: &Para, headline: bool) -> Option<(Span, Span)> {
    let ws = para.ws;
    if ws.is_empty() || (!headline && ws.len() > MAX_SUBHEAD_WORDS) {
        return None;
    }
    // A sub-heading has no full stop at its end.
    let t = para.text[para.p.span.start..para.p.span.end].trim_end();
    if !headline && t.ends_with('.') {
        return None;
    }
    // The colon after the first 1–5 words, outside marks.
    let colon_word =
        (1..=MAX_LABEL_WORDS.min(ws.len() - 1)).find(|&j| para.gap(j).contains(':'))?;
    // The name: words, or a name in marks (“هيومن رايتس واتش”: …), up to a recipient
    // (مستثمرون لـ"الاقتصادية": …: the outlet is not the speaker).
    let opening_gap = para.gap(0).trim_matches(is_space);
    if !opening_gap.is_empty() && !para.in_title(0) {
        return None;
    }
    let mut name_len = colon_word;
    for (j, w) in ws.iter().enumerate().take(colon_word) {
        let gap = para.gap(j).trim_matches(is_space);
        let marks_only = gap
            .chars()
            .all(|c| c == '\u{0640}' || crate::normalize::is_quote_mark(c));
        if j > 0 && !gap.is_empty() && !(marks_only && (para.in_title(j) || para.in_title(j - 1))) {
            return None;
        }
        let recipient = j > 0
            && (w.lex.is(class::RECIPIENT) || w.key.starts_with("لل"))
            && (j + 1..colon_word).all(|r| para.in_title(r));
        if recipient {
            name_len = j;
            break;
        }
        if w.lex.verb().is_some()
            || w.lex.is(class::COMPLEMENTIZER)
            || w.lex.is(class::PREPOSITION)
            || para
                .word(j)
                .chars()
                .any(|c| super::super::mentions::digit(c).is_some())
            || para.mark_at(w.span.start).is_some_and(|(_, m)| !m.title)
        {
            return None;
        }
    }
    if name_len == 0 {
        return None;
    }
    // A label, a topic or a place is no speaker (المصدر: …، دراسة: …، سوريا: …), nor
    // a circumstance (في ذكرى …: …، بعد أن …: …).
    let first = &ws[0];
    if first.lex.is(class::LABEL)
        || first.lex.is(class::TOPIC)
        || (first.lex.is(class::PLACE) && colon_word == 1)
        || first.lex.is(class::ADVERBIAL)
        || first.key == "في"
    {
        return None;
    }
    // The statement: at least three words, not a verb's report (الرياض: أعلنت الوزارة …
    // is a dateline run into the text), nor a count of an event (سوريا: 30 قتيلا).
    let opening = para.word(colon_word);
    if ws.len() - colon_word < MIN_STATEMENT_WORDS
        || ws[colon_word].lex.verb().is_some()
        || opening
            .chars()
            .any(|c| super::super::mentions::digit(c).is_some())
    {
        return None;
    }
    let name_span = para.name_span(0, name_len);
    let colon = ws[colon_word - 1].span.end + para.gap(colon_word).find(':')?;
    let rest = para.slice(Span::new(colon + 1, para.p.span.end));
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let body = rest.trim_end_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '؟' | '?'));
    let start = colon + 1 + lead;
    let end = colon + 1 + body.len();
    (end > start).then(|| (name_span, Span::new(start, end)))
}
