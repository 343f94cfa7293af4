//! Attribute the quotations in marks and the statements after a colon: each quotation
//! takes the verb that leads to it (or the nearest one before it in its sentence, or
//! the one right after it: «…»، قال الوزير), else its sentence's attribution phrase; a
//! paragraph that is only a quotation goes on with the last speaker.

use super::super::{QuoteKind, Span, Speaker};
use super::Found;
use super::context::Para;
use super::cues::{Cue, CueWord};
use super::marks::{is_space, trim};
use super::read::{Outcome, Reading};
use super::speakers::Speakers;

/// The quotations in marks of `ctx`, attributed, appended to `found`.
pub(crate) fn marked(
    ctx: &Para,
    readings: &[(Reading, Option<Speaker>)],
    phrases: &[(usize, Span, Option<Speaker>)],
    cues: &[Cue],
    label_speaker: Option<Speaker>,
    speakers: &Speakers,
    found: &mut Vec<Found>,
) {
    let ws = ctx.ws;
    // The reading that leads to each mark, and the first phrase of each sentence: built
    // once, so that attributing every mark stays linear.
    let mut leading: Vec<Option<usize>> = vec![None; ctx.marks.len()];
    for (i, (r, _)) in readings.iter().enumerate() {
        if let Outcome::Quote(m) = r.outcome {
            leading[m].get_or_insert(i);
        }
    }
    let mut phrase_of: Vec<Option<usize>> = vec![None; ctx.p.sentences.len().max(1)];
    for (i, (ci, _, _)) in phrases.iter().enumerate() {
        phrase_of[ctx.sentence_of_word(cues[*ci].k)].get_or_insert(i);
    }
    let mut before_i = 0;
    for (mi, m) in ctx.marks.iter().enumerate() {
        if m.title {
            continue;
        }
        let open = m.outer.start;
        let sentence = ctx.sentence_of(open);
        while before_i < readings.len() && ws[readings[before_i].0.k].span.start < open {
            before_i += 1;
        }
        let same_sentence = |i: &usize| ctx.sentence_of_word(readings[*i].0.k) == sentence;
        let before = leading[mi].or_else(|| before_i.checked_sub(1).filter(same_sentence));
        // «…»، قال الوزير: the verb right after the closing mark.
        let after = || {
            let next = ctx.word_from(m.outer.end);
            let w = ws.get(next)?;
            let gap = &ctx.text[m.outer.end..w.span.start];
            let only_punct = gap
                .chars()
                .all(|c| is_space(c) || matches!(c, '،' | ',' | '-' | '–'));
            let i = readings.partition_point(|(r, _)| r.k < next);
            (only_punct && readings.get(i).is_some_and(|(r, _)| r.k == next))
                .then_some(i)
                .filter(same_sentence)
        };
        let p_before = ctx.text[ctx.p.span.start..open].trim_end_matches(is_space);
        let kind = if p_before.is_empty() || p_before.ends_with(':') {
            QuoteKind::Full
        } else {
            QuoteKind::Partial
        };
        let (verb, speaker) = match before.or_else(after) {
            Some(i) => (Some(readings[i].0.lemma.clone()), readings[i].1.clone()),
            None => match phrase_of[sentence] {
                Some(p) => match cues[phrases[p].0].word {
                    CueWord::Phrase(_, lemma) => (Some(lemma.to_string()), phrases[p].2.clone()),
                    CueWord::Verb(_) => (None, None),
                },
                None if label_speaker.is_some() && p_before.ends_with(':') => {
                    (None, label_speaker.clone())
                }
                // A paragraph that is only a quotation goes on with the last speaker.
                None if p_before.is_empty() && ctx.p.index > 0 => (None, speakers.infer_any()),
                None => (None, None),
            },
        };
        found.push(Found {
            span: m.inner,
            kind,
            marked: m.closed,
            verb,
            speaker,
        });
    }
}

/// Statements after a verb and a colon, without marks: up to the next quotation in
/// marks, the next such statement, or the end of the paragraph.
pub(crate) fn colon_statements(
    ctx: &Para,
    readings: &[(Reading, Option<Speaker>)],
    found: &mut Vec<Found>,
) {
    let text = ctx.text;
    let mut colons: Vec<(usize, &(Reading, Option<Speaker>))> = readings
        .iter()
        .filter_map(|entry| match entry.0.outcome {
            Outcome::Colon(at) => Some((at, entry)),
            _ => None,
        })
        .collect();
    // Two verbs before one colon (قال … أضاف:): the nearer one introduces it.
    colons.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            *earlier = *later;
        }
        same
    });
    let end = ctx.p.span.end;
    for (i, &(colon, (r, speaker))) in colons.iter().enumerate() {
        let after = &text[colon + 1..end];
        let first = after.trim_start_matches(is_space).chars().next();
        if first.is_none_or(crate::normalize::is_quote_mark) {
            continue;
        }
        let next_quote = ctx
            .next_quotation(colon + 1)
            .map_or(end, |m| ctx.marks[m].outer.start);
        let next_statement = colons
            .get(i + 1)
            .map_or(end, |&(_, (r, _))| ctx.ws[r.k].span.start);
        // A later sentence that another speech verb attributes (… عقبات. وأفاد السبهان
        // أن …) is not part of the statement: the statement ends before it, as it would
        // if that sentence began a paragraph of its own.
        // Readings are in text order and sentences grow with it: a binary search, so
        // that many colons and verbs on one line stay linear.
        let colon_sentence = ctx.sentence_of(colon);
        let later = readings.partition_point(|(r, _)| ctx.sentence_of_word(r.k) <= colon_sentence);
        let next_attribution = readings.get(later).map_or(end, |(r, _)| {
            let s = ctx.sentence_of_word(r.k);
            ctx.p.sentences.get(s).map_or(end, |x| x.span.start)
        });
        let stop = next_quote
            .min(next_statement)
            .min(next_attribution)
            .max(colon + 1);
        let body = text[colon + 1..stop].trim_end_matches(|c: char| {
            is_space(c) || matches!(c, '.' | '!' | '؟' | '?' | '؛' | '…' | '،' | ',')
        });
        let span = trim(text, Span::new(colon + 1, colon + 1 + body.len()));
        if ctx.words_in(span) < 2 {
            continue;
        }
        found.push(Found {
            span,
            kind: QuoteKind::Full,
            marked: false,
            verb: Some(r.lemma.clone()),
            speaker: speaker.clone(),
        });
    }
}
