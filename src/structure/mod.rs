//! An article's structure: headline, byline and dateline, paragraphs and sentences,
//! quotations with their speakers and verbs, the source line, numbers and dates, counts.
//!
//! Promises: [`extract`] never fails and never panics, takes time linear in the text
//! (property-tested, 10 MB with 50,000 unbalanced quote marks included), and returns a
//! structure in which every `text` is the original text and every `span` the byte range
//! of that text in the input. Normalisation (the `search` fold) is used for matching
//! words only. The field order of every type is fixed: it is the order of the YAML and
//! JSON output and of the snapshots.
//!
//! ```
//! let a = naskh::structure::extract("الرياض - واس\n\nوقال الوزير: «نعم».\n");
//! assert_eq!(a.paragraphs.len(), 1);
//! assert_eq!(a.quotes[0].text, "نعم");
//! assert_eq!(a.quotes[0].speaker.as_ref().unwrap().name, "الوزير");
//! ```

mod blocks;
mod lexicon;
mod mentions;
mod model;
mod quotes;
mod sentences;
mod words;

use rayon::prelude::*;

pub(crate) use blocks::{Layout, layout};
pub use model::*;
pub(crate) use words::{fold_visible, is_alnum, is_blank};

/// The version of the structure's schema: it changes when the extractor's output for the
/// same text may change, and is recorded in every snapshot.
pub const STRUCTURE_VERSION: u32 = 2;

/// Extract the structure of an article.
pub fn extract(text: &str) -> Article {
    extraction(text).finish()
}

/// [`extract`] without keeping the paragraphs: `paragraphs` is empty (the counts are the
/// whole article's). For a caller that needs only the quotations, mentions and head
/// lines (the diff's facts): the paragraphs' and sentences' texts are most of the
/// structure's memory.
///
/// ```
/// let text = "وقال الوزير: «نعم».\n";
/// let lean = naskh::structure::extract_without_paragraphs(text);
/// let whole = naskh::structure::extract(text);
/// assert!(lean.paragraphs.is_empty());
/// assert_eq!((lean.quotes, lean.stats), (whole.quotes, whole.stats));
/// ```
pub fn extract_without_paragraphs(text: &str) -> Article {
    let mut e = extraction(text);
    // The paragraphs are dropped: their texts are not copied.
    e.texts = false;
    e.by_ref().for_each(drop);
    e.finish()
}

/// An article extracted without its numbers and dates, which are read afterwards only
/// where they are wanted ([`Deferred::mentions_near`]): the diff's facts compare the
/// numbers and dates of the blocks that changed, a few of an article's, and reading them
/// was a quarter of the extraction.
pub(crate) struct Deferred {
    /// The article: `paragraphs` empty (and `numbers` and `dates` when `deferred`), the
    /// rest as [`extract`]'s.
    pub(crate) article: Article,
    /// Whether the numbers and dates were left for later. Not when the paragraphs are
    /// tiny: a text of a million one-letter lines would keep 16 bytes of span for each
    /// 2 bytes of text (the diff's memory bound), so they are read as they come.
    deferred: bool,
    /// The spans whose mentions were not read, in the order [`extract`] reads them: the
    /// head's (headline, byline, dateline), then the paragraphs'.
    head: Vec<Span>,
    paragraphs: Vec<Span>,
}

/// [`extract_without_paragraphs`], the numbers and dates left for later.
pub(crate) fn extract_deferred(text: &str) -> Deferred {
    let mut e = extraction_with(text, false);
    e.texts = false;
    let deferred = !e.mentions;
    e.by_ref().for_each(drop);
    let head = std::mem::take(&mut e.unread);
    let paragraphs = std::mem::take(&mut e.paragraph_spans);
    let mut article = e.finish();
    article.stats.paragraphs = paragraphs.len();
    let paragraphs = if deferred { paragraphs } else { Vec::new() };
    Deferred {
        article,
        deferred,
        head,
        paragraphs,
    }
}

impl Deferred {
    /// The numbers and dates, as [`extract`] lists them, of every span of the article
    /// (headline, byline, dateline, paragraph) that overlaps a span of `wanted` (disjoint
    /// spans, in any order): any item inside a wanted span is among them.
    pub(crate) fn mentions_near(
        &self,
        text: &str,
        wanted: &[Span],
    ) -> (Vec<Number>, Vec<DateMention>) {
        if !self.deferred {
            // Read already: all of them (a superset of those near `wanted`).
            return (self.article.numbers.clone(), self.article.dates.clone());
        }
        let mut wanted = wanted.to_vec();
        wanted.sort();
        let overlaps = |p: &Span| {
            let i = wanted.partition_point(|w| w.end <= p.start);
            wanted.get(i).is_some_and(|w| w.start < p.end)
        };
        // Each span's are its own: read side by side, kept in order.
        let unread: Vec<Span> = (self.head.iter().chain(&self.paragraphs))
            .filter(|p| overlaps(p))
            .copied()
            .collect();
        let read: Vec<(Vec<Number>, Vec<DateMention>)> = unread
            .par_iter()
            .map(|&span| mentions::mentions(text, span, &words::words(text, span)))
            .collect();
        let (mut numbers, mut dates) = (Vec::new(), Vec::new());
        for (n, d) in read {
            numbers.extend(n);
            dates.extend(d);
        }
        (numbers, dates)
    }
}

/// Start extracting `text`: the layout is read (headline, byline, dateline, source) and
/// the head's mentions and quotations, then the paragraphs come one at a time from the
/// iterator, each with its quotations, numbers and dates read as it comes. A caller
/// that writes paragraphs as they come (`naskh extract`) holds one at a time, not the
/// whole structure; [`Extraction::finish`] gives the rest of the article.
///
/// ```
/// let text = "الرياض - واس\n\nوقال الوزير: «نعم».\n\nوأضاف: «لا».\n";
/// let mut e = naskh::structure::extraction(text);
/// assert_eq!(e.len(), 2);
/// let first = e.next().unwrap();
/// assert_eq!(first.text, "وقال الوزير: «نعم».");
/// let rest = e.finish();
/// assert_eq!(rest.paragraphs.len(), 1); // the one not taken
/// assert_eq!(rest.quotes.len(), 2);
/// assert_eq!(rest.stats.paragraphs, 2);
/// ```
pub fn extraction(text: &str) -> Extraction<'_> {
    extraction_with(text, true)
}

/// Paragraphs shorter than this on average have their numbers and dates read as they
/// come even when they could wait (see [`Deferred`]).
const DEFER_ABOVE_BYTES: usize = 64;

/// [`extraction`]; with `mentions` false (and paragraphs not tiny), the numbers and
/// dates are not read and the spans they would be read in are kept in `unread`.
fn extraction_with(text: &str, mentions: bool) -> Extraction<'_> {
    let mut layout = blocks::layout(text);
    let paragraph_spans = std::mem::take(&mut layout.paragraphs);
    let mentions = mentions || text.len() < paragraph_spans.len() * DEFER_ABOVE_BYTES;
    let mut e = Extraction {
        text,
        layout,
        paragraph_spans,
        next: 0,
        numbers: Vec::new(),
        dates: Vec::new(),
        quotes: Vec::new(),
        words: 0,
        sentences: 0,
        attribution: quotes::Attribution::new(),
        words_buf: Vec::new(),
        chars: words::CharCounts::default(),
        counted: 0,
        mentions,
        unread: Vec::new(),
        texts: true,
    };
    // Mentions come from the headline, the byline/dateline and the body, never from the
    // source line ("روسيا اليوم" is no date); quotations from the headline (as
    // paragraph 0) and the body. Words are read one span at a time, so memory follows
    // the longest paragraph, not the article.
    // The headline is one sentence, whatever its punctuation.
    let headline = e.layout.headline.as_ref().map(|b| Paragraph {
        index: 0,
        text: b.text.clone(),
        span: b.span,
        sentences: vec![Sentence {
            text: b.text.clone(),
            span: b.span,
        }],
    });
    if let Some(h) = &headline {
        let marks = quotes::top_level_quotes(&h.text);
        e.read(h.span, Some((h, marks.as_slice())));
    }
    let mut head_spans: Vec<Span> = Vec::new();
    head_spans.extend(e.layout.byline.iter().map(|b| b.span));
    head_spans.extend(e.layout.dateline.iter().map(|b| b.span));
    head_spans.sort();
    for s in head_spans {
        e.read(s, None);
    }
    e
}

/// An article being extracted: an iterator over its paragraphs (see [`extraction`]).
pub struct Extraction<'t> {
    text: &'t str,
    layout: Layout,
    paragraph_spans: Vec<Span>,
    /// The index in `paragraph_spans` of the next paragraph.
    next: usize,
    numbers: Vec<Number>,
    dates: Vec<DateMention>,
    quotes: Vec<Quote>,
    words: usize,
    sentences: usize,
    attribution: quotes::Attribution,
    /// The words of the span being read (one buffer for every paragraph).
    words_buf: Vec<words::Word>,
    // Characters are counted while the words are split; the text between the spans
    // (line ends, blank lines, the source line) is counted apart.
    chars: words::CharCounts,
    counted: usize,
    /// Whether numbers and dates are read; if not, the head's spans are kept here (the
    /// paragraphs' are `paragraph_spans`).
    mentions: bool,
    unread: Vec<Span>,
    /// Whether the paragraphs given out hold their texts (and their sentences'); not when
    /// the caller drops them ([`extract_without_paragraphs`], [`extract_deferred`]).
    texts: bool,
}

impl Extraction<'_> {
    /// The headline (see [`Article::headline`]).
    pub fn headline(&self) -> Option<&Block> {
        self.layout.headline.as_ref()
    }

    /// The author line (see [`Article::byline`]).
    pub fn byline(&self) -> Option<&Block> {
        self.layout.byline.as_ref()
    }

    /// The place and agency line (see [`Article::dateline`]).
    pub fn dateline(&self) -> Option<&Block> {
        self.layout.dateline.as_ref()
    }

    /// Read the words, mentions and (for a paragraph) quotations of `span`.
    fn read(&mut self, span: Span, para: Option<(&Paragraph, &[quotes::QuoteSpan])>) {
        let text = self.text;
        self.chars
            .add(&text[self.counted..span.start.max(self.counted)]);
        self.counted = self.counted.max(span.end);
        words::words_counted(text, span, &mut self.chars, &mut self.words_buf);
        let ws = &self.words_buf;
        self.words += ws.len();
        if self.mentions {
            let (n, d) = mentions::mentions(text, span, ws);
            self.numbers.extend(n);
            self.dates.extend(d);
        } else if para.is_none_or(|(p, _)| p.index == 0) {
            self.unread.push(span);
        }
        if let Some((p, m)) = para {
            self.attribution
                .paragraph(text, p, m, ws, p.index == 0, &mut self.quotes);
        }
    }

    /// The rest of the article: the paragraphs not taken from the iterator, the
    /// quotations, source, numbers, dates and counts of the whole.
    pub fn finish(mut self) -> Article {
        let paragraphs: Vec<Paragraph> = self.by_ref().collect();
        self.chars.add(&self.text[self.counted..]);
        let stats = Counts {
            paragraphs: self.paragraph_spans.len(),
            sentences: self.sentences,
            words: self.words,
            quotes: self.quotes.len(),
            characters: self.chars.characters,
            diacritics: self.chars.diacritics,
            tatweel: self.chars.tatweel,
            invisible: self.chars.invisible,
        };
        Article {
            headline: self.layout.headline,
            byline: self.layout.byline,
            dateline: self.layout.dateline,
            paragraphs,
            quotes: self.quotes,
            source: self.layout.source,
            numbers: self.numbers,
            dates: self.dates,
            stats,
        }
    }
}

impl Iterator for Extraction<'_> {
    type Item = Paragraph;

    fn next(&mut self) -> Option<Paragraph> {
        let &span = self.paragraph_spans.get(self.next)?;
        self.next += 1;
        let (p, marks) = sentences::paragraph(self.text, self.next, span, self.texts);
        self.sentences += p.sentences.len();
        self.read(span, Some((&p, &marks)));
        Some(p)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.paragraph_spans.len() - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Extraction<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<String> {
        let mut texts = vec![std::fs::read_to_string("corpus/rt-lavrov-de-mistura.txt").unwrap()];
        for e in std::fs::read_dir("corpus/fixtures").unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        texts
    }

    #[test]
    fn deferred_mentions_are_extracts_wherever_they_are_wanted() {
        for text in corpus() {
            let whole = extract(&text);
            let d = extract_deferred(&text);
            assert!(d.deferred, "news paragraphs wait");
            assert!(d.article.numbers.is_empty() && d.article.dates.is_empty());
            assert_eq!(d.article.quotes, whole.quotes);
            assert_eq!(d.article.stats, whole.stats);
            // Read without copying the paragraphs' texts: all but the paragraphs.
            let lean = extract_without_paragraphs(&text);
            assert_eq!(
                Article {
                    paragraphs: whole.paragraphs.clone(),
                    ..lean
                },
                whole
            );
            let all = d.mentions_near(&text, &[Span::new(0, text.len())]);
            assert_eq!((&all.0, &all.1), (&whole.numbers, &whole.dates));
            assert!(!whole.numbers.is_empty(), "the corpus has numbers");
            // One paragraph (and the spans around it): what is inside it is all there.
            for p in &whole.paragraphs {
                let (n, ds) = d.mentions_near(&text, &[p.span]);
                let inside = |s: Span| p.span.contains(s);
                let expect: Vec<_> = whole.numbers.iter().filter(|x| inside(x.span)).collect();
                assert_eq!(
                    n.iter().filter(|x| inside(x.span)).collect::<Vec<_>>(),
                    expect
                );
                assert!(n.iter().all(|x| inside(x.span)), "only the paragraph's");
                let expect: Vec<_> = whole.dates.iter().filter(|x| inside(x.span)).collect();
                assert_eq!(ds.iter().collect::<Vec<_>>(), expect);
            }
            assert_eq!(d.mentions_near(&text, &[]), (Vec::new(), Vec::new()));
        }
    }

    #[test]
    fn tiny_paragraphs_have_their_mentions_read_as_they_come() {
        let text = "٣\n".repeat(1000) + "5 مايو\n";
        let d = extract_deferred(&text);
        let whole = extract(&text);
        assert!(!d.deferred && d.paragraphs.is_empty());
        assert_eq!(d.article.numbers, whole.numbers);
        assert_eq!(d.article.dates, whole.dates);
        assert!(!whole.dates.is_empty());
        let near = d.mentions_near(&text, &[Span::new(0, 4)]);
        assert_eq!((near.0, near.1), (whole.numbers, whole.dates));
        assert_eq!(d.article.stats, whole.stats);
    }
}
