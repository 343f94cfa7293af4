//! Quotations and who said them.
//!
//! Marks are read per paragraph with [`crate::normalize::analyze_quotes`] (RT's ” … ”,
//! mixed « … ”, curly and straight quotes); a quote left open ends with its paragraph, so
//! an unbalanced mark never swallows the rest of the article. A quotation is also a
//! statement introduced by an attribution verb and a colon without marks.
//!
//! A name or term of up to three words in quotation marks inside a sentence (صحيفة
//! «فوربس») is not a quotation.
//!
//! Attribution: the nearest attribution verb before the opening mark in the same
//! sentence (or right after the closing mark: «…»، قال الوزير); the speaker is the name
//! written after the verb, up to a colon, comma, quotation mark, إن/أن or a preposition.
//! A verb that names nobody (وأضاف:) takes the last speaker named, in document order.
//! Names seen once are recognised later at the head of longer phrases (وأكد لافروف الدعم…).

use compact_str::CompactString;
use rustc_hash::FxHashSet as HashSet;

use super::lexicon::lexicon;
use super::words::{Word, words};
use super::{Paragraph, Quote, QuoteKind, Span, Speaker};
use crate::normalize::{QuoteRole, analyze_quotes, is_quote_mark};

/// A top-level quotation in a paragraph; spans relative to the paragraph's text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QuoteSpan {
    /// From the opening mark to the end of the closing one (or of the paragraph).
    pub(crate) outer: Span,
    /// The words inside, trimmed.
    pub(crate) inner: Span,
    /// The closing mark is there.
    pub(crate) closed: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || crate::normalize::is_invisible(c)
}

fn trim(p: &str, span: Span) -> Span {
    let piece = &p[span.start..span.end];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let t = piece.trim_matches(is_space);
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// The outermost quotations of paragraph text `p`.
pub(crate) fn top_level_quotes(p: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    for m in analyze_quotes(p) {
        if m.role != QuoteRole::Open || m.depth != 1 {
            continue;
        }
        let q = match m.partner {
            Some(close) => {
                let close_len = p[close..].chars().next().map_or(1, char::len_utf8);
                QuoteSpan {
                    outer: Span::new(m.pos, close + close_len),
                    inner: trim(p, Span::new(m.end(), close)),
                    closed: true,
                }
            }
            None => {
                // Left open: the rest of the paragraph, without its final punctuation.
                let rest = p[m.end()..].trim_end_matches(|c: char| {
                    is_space(c) || matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…')
                });
                QuoteSpan {
                    outer: Span::new(m.pos, p.len()),
                    inner: trim(p, Span::new(m.end(), m.end() + rest.len())),
                    closed: false,
                }
            }
        };
        out.push(q);
    }
    out
}

/// How the words after a verb ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// A punctuation mark (its character and byte position).
    Punct(char, usize),
    /// A quotation begins.
    Quote,
    /// A complementizer: إن, أن, أنه…
    Complementizer,
    /// Another stop word: a preposition, a time word.
    Stop,
    /// [`MAX_NAME_WORDS`] words and still going.
    TooLong,
    /// The paragraph ended.
    Paragraph,
}

/// An attribution verb in a paragraph.
#[derive(Clone, Debug)]
struct Verb {
    /// The lemma, with " قائلا" for "verb + saying".
    lemma: String,
    /// Byte position of the verb.
    pos: usize,
    /// The speaker it names, or `None` when it names nobody or its subject is unclear.
    named: Option<(String, Span)>,
    /// It names nobody: the last named speaker is meant.
    subjectless: bool,
    /// Where the words after it stopped.
    end: End,
}

struct Names {
    /// Folded word sequences of every speaker named so far.
    known: HashSet<Vec<CompactString>>,
    /// The last word of every name of two words or more (surnames).
    surnames: HashSet<CompactString>,
}

impl Names {
    fn new() -> Names {
        Names {
            known: HashSet::default(),
            surnames: HashSet::default(),
        }
    }

    fn add(&mut self, keys: Vec<CompactString>) {
        if keys.len() > 1
            && let Some(last) = keys.last()
        {
            self.surnames.insert(last.clone());
        }
        self.known.insert(keys);
    }

    /// The longest known name at the head of `phrase`: how many words. At most
    /// [`MAX_NAME_WORDS`] lookups, however many names are known.
    fn head_match(&self, phrase: &[&Word]) -> usize {
        let Some(first) = phrase.first() else {
            return 0;
        };
        let mut keys: Vec<CompactString> = phrase
            .iter()
            .take(MAX_NAME_WORDS)
            .map(|w| w.key.clone())
            .collect();
        while !keys.is_empty() {
            if self.known.contains(&keys) {
                return keys.len();
            }
            keys.pop();
        }
        // A surname alone: لافروف for سيرغي لافروف.
        usize::from(self.surnames.contains(&first.key))
    }
}

/// The longest name (with its title) read after a verb.
const MAX_NAME_WORDS: usize = 8;

const COMPLEMENTIZERS: &[&str] = &["ان", "انه", "انها", "بان", "بانه", "بانها", "انهم", "لان"];

/// The first punctuation (or quotation mark) in `gap`, with its absolute position.
fn punct_in(gap: &str, base: usize) -> Option<(char, usize)> {
    gap.char_indices()
        .find(|&(_, c)| !is_space(c))
        .filter(|&(_, c)| !super::words::is_alnum(c))
        .map(|(i, c)| (c, base + i))
}

fn read_verb(
    text: &str,
    para_end: usize,
    ws: &[Word],
    k: usize,
    lemma: &str,
    in_quote: &dyn Fn(Span) -> bool,
    names: &Names,
) -> Verb {
    let lex = lexicon();
    let mut lemma = lemma.to_string();
    let mut next = k + 1;
    let mut prev_end = ws[k].span.end;
    if let Some(w) = ws.get(next) {
        let gap = &text[prev_end..w.span.start];
        if lex.is_saying(&w.key) && gap.chars().all(is_space) && !in_quote(w.span) {
            lemma.push_str(" قائلا");
            prev_end = w.span.end;
            next += 1;
        }
    }
    let mut phrase: Vec<&Word> = Vec::new();
    let mut end = End::Paragraph;
    for w in &ws[next..] {
        let gap = &text[prev_end..w.span.start];
        // The dot of a one-letter title (د. خالد) belongs to the name.
        let title_dot = gap.trim() == "."
            && phrase
                .last()
                .is_some_and(|p: &&Word| text[p.span.start..p.span.end].chars().count() == 1);
        if let (false, Some((c, at))) = (title_dot, punct_in(gap, prev_end)) {
            end = if is_quote_mark(c) {
                End::Quote
            } else {
                End::Punct(c, at)
            };
            break;
        }
        if in_quote(w.span) {
            end = End::Quote;
            break;
        }
        if COMPLEMENTIZERS.contains(&w.key.as_str()) {
            end = End::Complementizer;
            break;
        }
        if lex.is_stop(&w.key) {
            end = End::Stop;
            break;
        }
        if phrase.len() == MAX_NAME_WORDS {
            end = End::TooLong;
            break;
        }
        phrase.push(w);
        prev_end = w.span.end;
    }
    if end == End::Paragraph {
        // Punctuation after the last word (`وقال الوزير:` at the end of the line).
        if let Some((c, at)) = punct_in(&text[prev_end..para_end.max(prev_end)], prev_end) {
            end = if is_quote_mark(c) {
                End::Quote
            } else {
                End::Punct(c, at)
            };
        }
    }
    // A name and title run up to a colon, comma, quotation mark or إن/أن (سفيان السليطي
    // المتحدث باسم القطب القضائي لمكافحة الإرهاب أن …). Cut by a preposition or by the
    // end of the sentence, the words may hold an object too (أكد لافروف الدعم الروسي
    // لجهود …): a name already seen at their head wins, else only a few words count.
    let clean = matches!(
        end,
        End::Quote | End::Complementizer | End::Punct(':' | '،' | ',' | '؛' | ';' | '-' | '–', _)
    );
    let sentence_end = matches!(end, End::Paragraph | End::Punct('.' | '!' | '؟' | '?', _));
    let known = names.head_match(&phrase);
    let take = if phrase.is_empty() {
        0
    } else if lemma == "وصف" && end == End::Complementizer && phrase.len() >= 2 {
        // وصف takes its object before بأنه: ووصف الناشر الكتاب بأنه …
        known.max(phrase.len() - 1)
    } else if clean {
        phrase.len()
    } else if known > 0 {
        known
    } else if (end == End::Stop && phrase.len() <= 6) || (sentence_end && phrase.len() <= 4) {
        phrase.len()
    } else {
        0
    };
    let named = (take > 0).then(|| {
        let span = Span::new(phrase[0].span.start, phrase[take - 1].span.end);
        (text[span.start..span.end].to_string(), span)
    });
    Verb {
        lemma,
        pos: ws[k].span.start,
        named,
        subjectless: phrase.is_empty(),
        end,
    }
}

/// Quotations and their attribution, paragraph by paragraph: the state carried from one
/// paragraph to the next is the names seen and the last speaker.
///
/// Linear in the text: verbs and quotations are visited in order, and every lookup by
/// position is a binary search (a paragraph may hold thousands of both).
pub(crate) struct Attribution {
    names: Names,
    last: Option<Speaker>,
}

impl Attribution {
    pub(crate) fn new() -> Attribution {
        Attribution {
            names: Names::new(),
            last: None,
        }
    }

    /// The quotations of `para` (whose words are `ws`), appended to `out` in order.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        para: &Paragraph,
        ws: &[Word],
        out: &mut Vec<Quote>,
    ) {
        let lex = lexicon();
        let Attribution { names, last } = self;
        let first_new = out.len();
        let base = para.span.start;
        let qs: Vec<QuoteSpan> = top_level_quotes(&para.text);
        // Sorted and disjoint.
        let outer: Vec<Span> = qs
            .iter()
            .map(|q| Span::new(base + q.outer.start, base + q.outer.end))
            .collect();
        let in_quote = |s: Span| {
            let i = outer.partition_point(|q| q.start <= s.start);
            i > 0 && s.end <= outer[i - 1].end
        };
        let sentence_of = |pos: usize| {
            para.sentences
                .partition_point(|s| s.span.start <= pos)
                .saturating_sub(1)
        };

        // Verbs in order, each with the speaker it names or means.
        let mut verbs: Vec<(Verb, Option<Speaker>)> = Vec::new();
        for (k, w) in ws.iter().enumerate() {
            if in_quote(w.span) {
                continue;
            }
            let Some(lemma) = lex.verb(&w.key) else {
                continue;
            };
            // تابع قائلا: read with the verb before it.
            let after_verb = k > 0
                && lex.is_saying(&w.key)
                && lex.verb(&ws[k - 1].key).is_some()
                && text[ws[k - 1].span.end..w.span.start].chars().all(is_space);
            if after_verb {
                continue;
            }
            // A verb after أن/أنه belongs to the reported words (ذكر أنه يعتبر “…”): it
            // attributes nothing.
            let after_complementizer = k > 0
                && COMPLEMENTIZERS.contains(&ws[k - 1].key.as_str())
                && text[ws[k - 1].span.end..w.span.start].chars().all(is_space);
            if after_complementizer {
                continue;
            }
            let v = read_verb(text, para.span.end, ws, k, lemma, &in_quote, names);
            let speaker = match &v.named {
                Some((name, span)) => {
                    names.add(words(text, *span).into_iter().map(|w| w.key).collect());
                    let s = Speaker {
                        name: name.clone(),
                        span: *span,
                        inferred: false,
                    };
                    *last = Some(s.clone());
                    Some(s)
                }
                None if v.subjectless => last.clone().map(|s| Speaker {
                    inferred: true,
                    ..s
                }),
                None => None,
            };
            verbs.push((v, speaker));
        }
        let verb_at = |pos: usize| {
            let i = verbs.partition_point(|(v, _)| v.pos < pos);
            verbs.get(i).filter(|(v, _)| v.pos == pos)
        };

        // Marked quotations.
        let mut verbs_before = 0;
        for (q, outer_abs) in qs.iter().zip(&outer) {
            let open = outer_abs.start;
            let sentence = sentence_of(open);
            while verbs_before < verbs.len() && verbs[verbs_before].0.pos < open {
                verbs_before += 1;
            }
            let before = verbs_before
                .checked_sub(1)
                .map(|i| &verbs[i])
                .filter(|(v, _)| sentence_of(v.pos) == sentence);
            // «…»، قال الوزير: the verb right after the closing mark.
            let after = || {
                let next = ws.partition_point(|w| w.span.start < outer_abs.end);
                let next_word = ws.get(next).filter(|w| !in_quote(w.span))?;
                let gap = &text[outer_abs.end..next_word.span.start];
                let only_punct = gap
                    .chars()
                    .all(|c| is_space(c) || matches!(c, '،' | ',' | '-' | '–'));
                verb_at(next_word.span.start)
                    .filter(|(v, _)| only_punct && sentence_of(v.pos) == sentence)
            };
            let attribution = before.or_else(after);
            let inner = Span::new(base + q.inner.start, base + q.inner.end);
            let p_before = para.text[..q.outer.start].trim_end_matches(is_space);
            let kind = if p_before.is_empty() || p_before.ends_with(':') {
                QuoteKind::Full
            } else {
                QuoteKind::Partial
            };
            // A name or term in quotation marks inside a sentence (صحيفة «فوربس»,
            // ما يسمى «الخط الأحمر») is not a quotation, unless it is what someone said:
            // after إن/أن and closing the clause (وصفه بأنه «عمل ناضج».), not the
            // clause's subject (إن «موديز» خفضت …).
            let reported = attribution.is_some() && {
                let prev = ws.partition_point(|w| w.span.end <= open);
                let after_complementizer = prev > 0 && {
                    let w = &ws[prev - 1];
                    COMPLEMENTIZERS.contains(&w.key.as_str())
                        && text[w.span.end..open].chars().all(is_space)
                };
                // Punctuation, the paragraph's end, or a preposition follows.
                let next = ws.partition_point(|w| w.span.start < outer_abs.end);
                let clause_ends = text[outer_abs.end..para.span.end]
                    .chars()
                    .find(|&c| !is_space(c))
                    .is_none_or(|c| !super::words::is_alnum(c))
                    || ws.get(next).is_some_and(|w| lex.is_stop(&w.key));
                after_complementizer && clause_ends
            };
            if kind == QuoteKind::Partial
                && !reported
                && super::words::count(&text[inner.start..inner.end]) <= 3
            {
                continue;
            }
            out.push(Quote {
                text: text[inner.start..inner.end].to_string(),
                span: inner,
                paragraph: para.index,
                kind,
                marked: q.closed,
                verb: attribution.map(|(v, _)| v.lemma.clone()),
                speaker: attribution.and_then(|(_, s)| s.clone()),
            });
        }

        // Statements after a verb and a colon, without marks: up to the next marked
        // quotation, the next such statement, or the end of the paragraph.
        let mut colons: Vec<(usize, &(Verb, Option<Speaker>))> = verbs
            .iter()
            .filter_map(|entry| match entry.0.end {
                End::Punct(':', colon) if !in_quote(Span::new(colon, colon + 1)) => {
                    Some((colon, entry))
                }
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
        for (i, &(colon, (v, speaker))) in colons.iter().enumerate() {
            let after = &text[colon + 1..para.span.end];
            let first = after.trim_start_matches(is_space).chars().next();
            if first.is_none_or(is_quote_mark) {
                continue;
            }
            let next_quote = outer
                .get(outer.partition_point(|q| q.start <= colon))
                .map_or(para.span.end, |q| q.start);
            let next_statement = colons
                .get(i + 1)
                .map_or(para.span.end, |&(_, (v, _))| v.pos);
            let stop = next_quote.min(next_statement).max(colon + 1);
            let body = text[colon + 1..stop].trim_end_matches(|c: char| {
                is_space(c) || matches!(c, '.' | '!' | '؟' | '?' | '؛' | '…' | '،' | ',')
            });
            let span = trim(text, Span::new(colon + 1, colon + 1 + body.len()));
            if super::words::count(&text[span.start..span.end]) < 2 {
                continue;
            }
            out.push(Quote {
                text: text[span.start..span.end].to_string(),
                span,
                paragraph: para.index,
                kind: QuoteKind::Full,
                marked: false,
                verb: Some(v.lemma.clone()),
                speaker: speaker.clone(),
            });
        }
        out[first_new..].sort_by_key(|q| q.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::extract;

    fn quotes(t: &str) -> Vec<(String, Option<String>, Option<String>, QuoteKind)> {
        extract(t)
            .quotes
            .into_iter()
            .map(|q| (q.text, q.verb, q.speaker.map(|s| s.name), q.kind))
            .collect()
    }

    #[test]
    fn verb_after_the_quote() {
        let q = quotes("«الوضع مستقر»، قال المتحدث باسم الجيش.\n");
        assert_eq!(q[0].1.as_deref(), Some("قال"));
        assert_eq!(q[0].2.as_deref(), Some("المتحدث باسم الجيش"));
    }

    #[test]
    fn colon_statement_without_marks() {
        let q = quotes("وقالت الوزيرة: الاتفاق سيوقع الأسبوع المقبل.\n");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "الاتفاق سيوقع الأسبوع المقبل");
        assert_eq!(q[0].2.as_deref(), Some("الوزيرة"));
        assert_eq!(q[0].3, QuoteKind::Full);
    }

    #[test]
    fn unbalanced_quote_stays_in_its_paragraph() {
        let a = extract("قال الوزير: «لن نتراجع عن القرار.\nوفي موضوع آخر قال: «نعم».\n");
        assert_eq!(a.quotes.len(), 2);
        assert_eq!(a.quotes[0].text, "لن نتراجع عن القرار");
        assert!(!a.quotes[0].marked);
        assert_eq!(a.quotes[1].text, "نعم");
        assert_eq!(a.quotes[1].speaker.as_ref().unwrap().name, "الوزير");
        assert!(a.quotes[1].speaker.as_ref().unwrap().inferred);
    }

    #[test]
    fn short_quote_after_a_complementizer_is_reported() {
        let q = quotes("ووصف الناشر الكتاب بأنه «عمل ناضج» في بيان.\n");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "عمل ناضج");
        assert_eq!(q[0].1.as_deref(), Some("وصف"));
        assert_eq!(q[0].2.as_deref(), Some("الناشر"));
        assert_eq!(q[0].3, QuoteKind::Partial);
        // A title in quotation marks is not a quotation, nor the subject of what is said.
        assert!(quotes("وقال الوزير لصحيفة «فوربس» إن الخطة جاهزة.\n").is_empty());
        assert!(quotes("وقالت صحيفة «زمان» إن «موديز» خفضت التصنيف.\n").is_empty());
    }

    #[test]
    fn nested_quote_is_part_of_the_outer_one() {
        let q = quotes("قال: «سمعته يقول “لا” ثم خرج».\n");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "سمعته يقول “لا” ثم خرج");
    }
}
