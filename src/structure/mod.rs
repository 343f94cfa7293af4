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
mod words;

pub(crate) use blocks::{Layout, layout};
pub use model::*;
pub(crate) use words::is_alnum;

/// The version of the structure's schema: it changes when the extractor's output for the
/// same text may change, and is recorded in every snapshot.
pub const STRUCTURE_VERSION: u32 = 2;

/// Extract the structure of an article.
pub fn extract(text: &str) -> Article {
    let layout = blocks::layout(text);
    let (paragraphs, marks): (Vec<Paragraph>, Vec<Vec<quotes::QuoteSpan>>) = layout
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, &span)| blocks::paragraph(text, i + 1, span))
        .unzip();
    // Mentions come from the headline, the byline/dateline and the body, never from the
    // source line ("روسيا اليوم" is no date); quotations from the headline (as
    // paragraph 0) and the body. Words are read one span at a time, so memory follows
    // the longest paragraph, not the article.
    // The headline is one sentence, whatever its punctuation.
    let headline = layout.headline.as_ref().map(|b| Paragraph {
        index: 0,
        text: b.text.clone(),
        span: b.span,
        sentences: vec![Sentence {
            text: b.text.clone(),
            span: b.span,
        }],
    });
    let mut head_spans: Vec<Span> = Vec::new();
    head_spans.extend(layout.byline.iter().map(|b| b.span));
    head_spans.extend(layout.dateline.iter().map(|b| b.span));
    head_spans.sort();
    let (mut numbers, mut dates, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
    let mut words = 0;
    let mut attribution = quotes::Attribution::new();
    let headline_marks = headline
        .as_ref()
        .map(|h| quotes::top_level_quotes(&h.text))
        .unwrap_or_default();
    let spans = headline
        .iter()
        .map(|h| (h.span, Some((h, headline_marks.as_slice()))))
        .chain(head_spans.iter().map(|&s| (s, None)))
        .chain(
            paragraphs
                .iter()
                .zip(&marks)
                .map(|(p, m)| (p.span, Some((p, m.as_slice())))),
        );
    // Characters are counted while the words are split; the text between the spans
    // (line ends, blank lines, the source line) is counted apart.
    let mut chars = words::CharCounts::default();
    let mut counted = 0;
    for (span, para) in spans {
        chars.add(&text[counted..span.start.max(counted)]);
        counted = counted.max(span.end);
        let ws = words::words_counted(text, span, &mut chars);
        words += ws.len();
        let (n, d) = mentions::mentions(text, span, &ws);
        numbers.extend(n);
        dates.extend(d);
        if let Some((p, m)) = para {
            attribution.paragraph(text, p, m, &ws, p.index == 0, &mut quotes);
        }
    }
    chars.add(&text[counted..]);
    let stats = Counts {
        paragraphs: paragraphs.len(),
        sentences: paragraphs.iter().map(|p| p.sentences.len()).sum(),
        words,
        quotes: quotes.len(),
        characters: chars.characters,
        diacritics: chars.diacritics,
        tatweel: chars.tatweel,
        invisible: chars.invisible,
    };
    Article {
        headline: layout.headline,
        byline: layout.byline,
        dateline: layout.dateline,
        paragraphs,
        quotes,
        source: layout.source,
        numbers,
        dates,
        stats,
    }
}
