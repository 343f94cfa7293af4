//! Quotations and who said them: statements in marks, statements after a verb and a
//! colon, reported speech (قال إن …، أشار إلى أن …، بحسب …), and `Name: statement`
//! headlines, each with its verb and speaker.
//!
//! Attribution is a list of small named passes over a paragraph ([`context::Para`]):
//!
//! 1. [`marks`]: the quotations in marks, and the titles in marks that are words of the
//!    sentence (صحيفة «فوربس»).
//! 2. [`cues`]: find the verb: speech verbs and attribution phrases, in order.
//! 3. [`read`]: read the subject after the verb, up to its clause, colon or quotation, or
//!    before it (SV order); the original speaker of a relay (نقلت … عن).
//! 4. [`name`]: trim the name: title and apposition kept, adverbials, recipients and
//!    objects left out.
//! 5. [`speakers`]: infer: a verb that names nobody takes the last speaker whose gender
//!    and number agree with it.
//! 6. [`clause`]: the reported clause, or the sentence a phrase attributes.
//! 7. [`label`]: `Name: statement` headlines and sub-headings.
//!
//! The state carried from one paragraph to the next is the speakers seen. Linear in the
//! text: verbs, quotations and names are visited in order, every lookup by position is a
//! binary search, and a name or clause is read within a bounded window.

mod clause;
mod context;
mod cues;
mod label;
mod marked;
mod marks;
mod name;
mod read;
mod speakers;
mod subjects;

pub(crate) use marks::{QuoteSpan, top_level_quotes};

use compact_str::CompactString;

use super::lexicon::Gender;
use super::lexicon::verbs::CueKind;
use super::words::Word;
use super::{Paragraph, Quote, QuoteKind, Span, Speaker};
use context::Para;
use cues::CueWord;
use read::{Outcome, Reading, Who};
use speakers::{Speakers, gender_of_name};

/// A cue, read: a verb (with its reported clause) or an attribution phrase (with its
/// source).
enum Read {
    Verb(Reading, Option<Span>),
    Phrase(Who, Span),
}

/// A quotation being built, before it is placed in its paragraph.
pub(crate) struct Found {
    pub(crate) span: Span,
    pub(crate) kind: QuoteKind,
    pub(crate) marked: bool,
    pub(crate) verb: Option<String>,
    pub(crate) speaker: Option<Speaker>,
}

/// Quotations and their attribution, paragraph by paragraph.
pub(crate) struct Attribution {
    speakers: Speakers,
}

impl Attribution {
    pub(crate) fn new() -> Attribution {
        Attribution {
            speakers: Speakers::new(),
        }
    }

    /// The speaker a name at `span` is, remembered for later paragraphs.
    fn named(&mut self, ctx: &Para, span: Span, gender: Gender) -> Speaker {
        let s = unnamed(ctx.text, span);
        // The folded words of the name, from the paragraph's (read once).
        let from = ctx.word_from(span.start);
        let to = ctx.ws.partition_point(|w| w.span.start < span.end);
        let keys: Vec<CompactString> = ctx.ws[from..to.max(from)]
            .iter()
            .map(|w| w.key.clone())
            .collect();
        // A verb before a plural or feminine plural noun is singular: قال محللون.
        let by_name = keys.first().map_or(Gender::Masc, |k| gender_of_name(k));
        let gender = match (gender, by_name) {
            (Gender::Masc, Gender::Plural) => Gender::Plural,
            (g, _) => g,
        };
        self.speakers.add(&s, keys, gender);
        s
    }

    /// The quotations of `para` (whose words are `ws` and marks `marks`, from
    /// [`top_level_quotes`]), appended to `out` in order. The headline is read as
    /// paragraph 0.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        para: &Paragraph,
        marks: &[QuoteSpan],
        ws: &[Word],
        headline: bool,
        out: &mut Vec<Quote>,
    ) {
        let ctx = Para::new(text, para, marks, ws);
        self.speakers.paragraph = para.index;
        let mut found: Vec<Found> = Vec::new();
        let label_speaker = self.label(&ctx, headline, &mut found);

        // Find the verbs and read them; each reported clause's extent.
        let cues = cues::find(&ctx);
        let next_act = clause::next_acts(&ctx, &cues, &self.speakers);
        let mut read_cues: Vec<(usize, Read)> = Vec::new();
        for ci in 0..cues.len() {
            let c = &cues[ci];
            let read = match c.word {
                CueWord::Phrase(kind, _) if kind != CueKind::Statement => {
                    clause::source(&ctx, c, &self.speakers)
                        .map(|(who, phrase)| Read::Phrase(who, phrase))
                }
                _ => read::read(&ctx, &cues, ci, &self.speakers).map(|r| {
                    let clause = match r.outcome {
                        Outcome::Clause(comp) => clause::clause(&ctx, comp, &cues, &next_act),
                        _ => None,
                    };
                    Read::Verb(r, clause)
                }),
            };
            if let Some(read) = read {
                read_cues.push((ci, read));
            }
        }
        // A sentence a verb or a quotation reports: a phrase in it relays (…، وفقا لما
        // نقلته الأناضول), it attributes nothing itself.
        let mut reported = vec![false; para.sentences.len().max(1)];
        for (_, r) in &read_cues {
            if let Read::Verb(r, _) = r
                && r.outcome != Outcome::Nothing
            {
                reported[ctx.sentence_of_word(r.k)] = true;
            }
        }
        for m in ctx.marks.iter().filter(|m| !m.title) {
            reported[ctx.sentence_of(m.outer.start)] = true;
        }

        // Speakers, in order: named ones are remembered, the others inferred.
        let mut readings: Vec<(Reading, Option<Speaker>)> = Vec::new();
        let mut phrases: Vec<(usize, Span, Option<Speaker>)> = Vec::new();
        // The clauses open at the current verb (nested at most one deep), and the last
        // speaker named in the current sentence.
        let mut open: Vec<usize> = Vec::new();
        let mut in_sentence: Option<(usize, Speaker)> = None;
        // Subjects of other verbs, remembered in their place among the speakers.
        let subjects = subjects::find(&ctx, &self.speakers);
        let mut next_subject = 0;
        for (ci, read) in read_cues {
            while let Some(s) = subjects.get(next_subject).filter(|s| s.k < cues[ci].k) {
                self.subject(&ctx, s);
                next_subject += 1;
            }
            match read {
                Read::Phrase(who, phrase) => {
                    let sentence = ctx.sentence_of(phrase.start);
                    // One attribution per sentence: the first phrase.
                    let relay = reported[sentence]
                        || phrases
                            .last()
                            .is_some_and(|(_, p, _)| ctx.sentence_of(p.start) == sentence);
                    let speaker = match who {
                        Who::Named(span) if relay => Some(unnamed(text, span)),
                        Who::Named(span) => {
                            let g = gender_of_name(&ws[ctx.word_from(span.start)].key);
                            Some(self.named(&ctx, span, g))
                        }
                        Who::Pronoun(g) => self.speakers.infer(g),
                    };
                    if !relay {
                        phrases.push((ci, phrase, speaker));
                    }
                }
                Read::Verb(r, clause) => {
                    // A verb inside another verb's clause reports nested speech: it
                    // needs its own subject, and is not remembered as a speaker.
                    let pos = ws[r.k].span.start;
                    open.retain(|&end| pos < end);
                    let nested = !open.is_empty();
                    let sentence = ctx.sentence_of(pos);
                    let before = in_sentence
                        .as_ref()
                        .filter(|(s, _)| *s == sentence)
                        .map(|(_, sp)| sp.clone());
                    let speaker = match r.who {
                        _ if open.len() > 1 => continue,
                        Some(Who::Named(span)) if nested => Some(unnamed(text, span)),
                        _ if nested => continue,
                        // A verb that reports nothing remembers only a clear name: not
                        // its object read as one (ابنته تكشف حقائق وتتوجه بطلبات).
                        Some(Who::Named(span))
                            if r.outcome == Outcome::Nothing && !self.is_clear_name(&ctx, span) =>
                        {
                            Some(unnamed(text, span))
                        }
                        Some(Who::Named(span)) => Some(self.named(&ctx, span, r.gender)),
                        Some(Who::Pronoun(g)) => self.speakers.infer(g),
                        None => self.infer(&ctx, &r, before),
                    };
                    if let Some(s) = &speaker {
                        in_sentence = Some((sentence, s.clone()));
                    }
                    // الحرب لن تطول، كما قال الرئيس: "as he said" attributes its
                    // sentence, like بحسب.
                    let as_said = clause.is_none()
                        && r.outcome == Outcome::Nothing
                        && r.k > 0
                        && matches!(ws[r.k - 1].key.as_str(), "كما" | "وكما")
                        && ctx.gap(r.k).trim().is_empty();
                    let end = match r.who {
                        Some(Who::Named(span)) => span.end,
                        _ => ws[r.k].span.end,
                    };
                    // "As he said" closes its sentence or its clause (…، كما قال الرئيس.
                    // / وكما قال الوزير، فإن …); كما علقت الصحيفة على … is "also".
                    let closes = || {
                        let s_end = ctx.sentence_end(sentence);
                        let rest = text[end.min(s_end)..s_end].trim_start_matches(marks::is_space);
                        // Only time words may follow (كما قال الرئيس أمس).
                        let adverbials = ws[ctx.word_from(end)..ctx.word_from(s_end)]
                            .iter()
                            .all(|w| w.lex.is(super::lexicon::class::ADVERBIAL));
                        adverbials || rest.starts_with(['،', ','])
                    };
                    if as_said && closes() {
                        let kama = cues::Cue {
                            k: r.k - 1,
                            ..cues[ci]
                        };
                        let phrase = Span::new(ws[r.k - 1].span.start, end);
                        if let Some(span) = clause::attributed(&ctx, &kama, phrase) {
                            found.push(Found {
                                span,
                                kind: QuoteKind::Reported,
                                marked: false,
                                verb: Some(format!("كما {}", r.lemma)),
                                speaker: speaker.clone(),
                            });
                        }
                    }
                    if let Some(c) = clause {
                        open.push(c.end);
                        found.push(Found {
                            span: c,
                            kind: QuoteKind::Reported,
                            marked: false,
                            verb: Some(r.lemma.clone()),
                            speaker: speaker.clone(),
                        });
                    }
                    readings.push((r, speaker));
                }
            }
        }

        for s in &subjects[next_subject.min(subjects.len())..] {
            self.subject(&ctx, s);
        }

        // Sentences an attribution phrase attributes.
        for (ci, phrase, speaker) in &phrases {
            let c = &cues[*ci];
            if let Some(span) = clause::attributed(&ctx, c, *phrase)
                && let CueWord::Phrase(_, lemma) = c.word
            {
                found.push(Found {
                    span,
                    kind: QuoteKind::Reported,
                    marked: false,
                    verb: Some(lemma.to_string()),
                    speaker: speaker.clone(),
                });
            }
        }

        marked::marked(
            &ctx,
            &readings,
            &phrases,
            &cues,
            label_speaker,
            &self.speakers,
            &mut found,
        );
        marked::colon_statements(&ctx, &readings, &mut found);

        found.sort_by_key(|f| f.span.start);
        for f in found {
            out.push(Quote {
                text: text[f.span.start..f.span.end].to_string(),
                span: f.span,
                paragraph: para.index,
                sentence: ctx.sentence_of(f.span.start) + 1,
                kind: f.kind,
                marked: f.marked,
                verb: f.verb,
                speaker: f.speaker,
            });
        }
    }

    /// Remember the subject of a verb that is not a speech verb, for inference.
    fn subject(&mut self, ctx: &Para, s: &subjects::Subject) {
        let speaker = unnamed(ctx.text, s.span);
        let from = ctx.word_from(s.span.start);
        let to = ctx.ws.partition_point(|w| w.span.start < s.span.end);
        let keys: Vec<CompactString> = ctx.ws[from..to.max(from)]
            .iter()
            .map(|w| w.key.clone())
            .collect();
        let by_name = keys.first().map_or(Gender::Masc, |k| gender_of_name(k));
        let gender = match (s.gender, by_name) {
            (Gender::Masc, Gender::Plural) => Gender::Plural,
            (g, _) => g,
        };
        self.speakers.add_subject(&speaker, keys, gender);
    }

    /// `Name: statement`: the statement as a quotation of the name; or, when the
    /// statement is all in marks, the name as the speaker of that quotation (returned).
    fn label(&mut self, ctx: &Para, headline: bool, found: &mut Vec<Found>) -> Option<Speaker> {
        let (name, statement) = label::label(ctx, headline)?;
        let g = gender_of_name(&ctx.ws[0].key);
        let s = self.named(ctx, name, g);
        let marked_first = ctx
            .mark_at(statement.start)
            .is_some_and(|(_, m)| !m.title && m.outer.end >= statement.end);
        if marked_first {
            return Some(s);
        }
        found.push(Found {
            span: statement,
            kind: QuoteKind::Full,
            marked: false,
            verb: None,
            speaker: Some(s),
        });
        None
    }

    /// Whether the words at `span` are clearly a name: a definite noun, a title, a
    /// source, a name seen before, or two to four words without prefixes (عبير موسي).
    fn is_clear_name(&self, ctx: &Para, span: Span) -> bool {
        let from = ctx.word_from(span.start);
        let to = ctx.ws.partition_point(|w| w.span.start < span.end);
        let Some(head) = ctx.ws.get(from) else {
            return false;
        };
        // وينفي غولن الذي يعيش …: a name a relative clause describes.
        let described = ctx.ws.get(to).is_some_and(|w| {
            matches!(w.key.as_str(), "الذي" | "التي" | "الذين") && ctx.gap(to).trim().is_empty()
        });
        described
            || head.key.starts_with("ال")
            || head.lex.is(super::lexicon::class::TITLE)
            || head.lex.is(super::lexicon::class::SOURCE)
            || self.speakers.is_known_word(&head.key)
            || ((2..=4).contains(&(to - from))
                && ctx.ws[from..to]
                    .iter()
                    .all(|w| !w.key.starts_with(['و', 'ب', 'ل', 'ف', 'ك'])))
    }

    /// The speaker of a verb that names nobody: a participle takes the subject of the
    /// verb before it in its sentence (`before`); a verb with و/ف the subject of كان …
    /// قد before it; else the last speaker of the verb's gender and number.
    fn infer(&mut self, ctx: &Para, r: &Reading, before: Option<Speaker>) -> Option<Speaker> {
        if r.participle
            && let Some(s) = before
        {
            return Some(Speaker {
                inferred: true,
                ..s
            });
        }
        if r.conj
            && let Some((span, g)) = read::kana_subject(ctx, r.k, &self.speakers)
        {
            let s = self.named(ctx, span, g);
            return Some(Speaker {
                inferred: true,
                ..s
            });
        }
        self.speakers.infer(r.gender)
    }
}

/// A speaker as written at `span`, not remembered.
fn unnamed(text: &str, span: Span) -> Speaker {
    Speaker {
        name: text[span.start..span.end].to_string(),
        span,
        inferred: false,
    }
}

#[cfg(test)]
mod tests;
