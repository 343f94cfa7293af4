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
mod facts;
mod lexicon;
mod quotes;
mod words;

pub(crate) use blocks::{Layout, layout};
pub(crate) use words::is_alnum;

use serde::{Serialize, Serializer};

/// The version of the structure's schema: it changes when the extractor's output for the
/// same text may change, and is recorded in every snapshot.
pub const STRUCTURE_VERSION: u32 = 1;

/// A byte range of the original text, `[start, end)`. Serialised as `[start, end]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// `true` for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// `true` if `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// A line of the article that is not a paragraph: headline, byline, dateline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The text, as in the input (trimmed of surrounding whitespace).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A sentence of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The text, with its final punctuation.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A paragraph: a line of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Position in the article, from 1.
    pub index: usize,
    /// The text.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Its sentences, split on . ؟ ! ؛ ? ; (never inside a number like 3.5, after a
    /// one-letter abbreviation such as د., or inside a quotation).
    pub sentences: Vec<Sentence>,
}

/// Whether a quotation is a whole statement or a fragment inside a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A statement of its own: after a colon, or a whole paragraph.
    Full,
    /// A fragment inside a reporting sentence (after إن, أن, or in the middle of it).
    Partial,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The name as written next to the verb (or at its last mention).
    pub name: String,
    /// Where that name is written.
    pub span: Span,
    /// `true` when the verb names nobody (وأضاف:) and the speaker is the last one named.
    pub inferred: bool,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// The paragraph that holds it (from 1).
    pub paragraph: usize,
    /// Full statement or partial fragment.
    pub kind: QuoteKind,
    /// `false` when the closing mark is missing (the quote then ends with its paragraph),
    /// or when the quotation is introduced by a verb and a colon without marks.
    pub marked: bool,
    /// The attribution verb, as its lemma (قال, أضاف, تابع قائلا…), if any.
    pub verb: Option<String>,
    /// The speaker, if one is named or can be inferred.
    pub speaker: Option<Speaker>,
}

/// The attribution line: where the article says it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The whole line (or the parenthesised end of the last paragraph).
    pub text: String,
    /// The source's name: موقع روسيا اليوم, وكالات, أ ف ب.
    pub name: String,
    /// Where the text is.
    pub span: Span,
}

/// A number in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Number {
    /// As written, with its % or ٪ if any.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Its value in ASCII: digits 0-9, `.` for the decimal separator, no grouping
    /// (`١٬٥٠٠٫٥` → `1500.5`).
    pub value: String,
    /// The unit that follows, as written (`مليون دولار`, `بالمئة`, `%`), if any.
    pub unit: Option<String>,
}

/// What kind of date a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A month name (with its day and year when they are next to it).
    Month,
    /// A day of the week.
    Weekday,
    /// A date relative to the article's: أمس, مساء اليوم, الأسبوع الماضي.
    Relative,
}

/// A date mentioned in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// As written.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Month, weekday or relative.
    pub kind: DateKind,
    /// For months: the calendars of the names used (`gregorian`, `levantine`,
    /// `maghrebi`, `hijri`; `gregorian/levantine` for a pair such as فبراير/شباط).
    pub calendar: Option<String>,
    /// A comparable value: ISO-like for months (`--02`, `--02-15`, `2016-02`,
    /// `2016-02-15`, prefixed `hijri:` for Hijri dates), the English weekday, or the
    /// relative date in English (`yesterday evening`).
    pub value: String,
}

/// Counts over the article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Paragraphs.
    pub paragraphs: usize,
    /// Sentences in all paragraphs.
    pub sentences: usize,
    /// Words in the headline, byline and paragraphs.
    pub words: usize,
    /// Quotations.
    pub quotes: usize,
    /// Characters (Unicode scalar values) of the whole input.
    pub characters: usize,
    /// Combining marks: tashkeel, Quranic marks, dagger alef, other scripts' marks.
    pub diacritics: usize,
    /// Tatweel (U+0640).
    pub tatweel: usize,
    /// Invisible characters: bidi and format controls, zero-width characters, BOM.
    pub invisible: usize,
}

/// An article's structure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The headline: a first line that is not a full sentence, before the body.
    pub headline: Option<Block>,
    /// The author line (`بقلم …`, a name).
    pub byline: Option<Block>,
    /// The place and agency line (`الرياض - واس`).
    pub dateline: Option<Block>,
    /// The body's paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Every quotation of the body, in order.
    pub quotes: Vec<Quote>,
    /// The attribution line.
    pub source: Option<Source>,
    /// Numbers in the headline and body.
    pub numbers: Vec<Number>,
    /// Dates in the headline and body.
    pub dates: Vec<DateMention>,
    /// Counts.
    pub stats: Counts,
}

/// Extract the structure of an article.
pub fn extract(text: &str) -> Article {
    let layout = blocks::layout(text);
    let paragraphs: Vec<Paragraph> = layout
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, &span)| blocks::paragraph(text, i + 1, span))
        .collect();
    // Facts come from the headline, the byline/dateline and the body, never from the
    // source line ("روسيا اليوم" is no date). Words are read one span at a time, so
    // memory follows the longest paragraph, not the article.
    let mut head_spans: Vec<Span> = Vec::new();
    head_spans.extend(layout.headline.iter().map(|b| b.span));
    head_spans.extend(layout.byline.iter().map(|b| b.span));
    head_spans.extend(layout.dateline.iter().map(|b| b.span));
    let (mut numbers, mut dates, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
    let mut words = 0;
    let mut attribution = quotes::Attribution::new();
    let spans = head_spans
        .iter()
        .map(|&s| (s, None))
        .chain(paragraphs.iter().map(|p| (p.span, Some(p))));
    for (span, para) in spans {
        let one = [(span, words::words(text, span))];
        words += one[0].1.len();
        numbers.extend(facts::numbers(text, &one));
        dates.extend(facts::dates(text, &one));
        if let Some(p) = para {
            attribution.paragraph(text, p, &one[0].1, &mut quotes);
        }
    }
    let mut stats = Counts {
        paragraphs: paragraphs.len(),
        sentences: paragraphs.iter().map(|p| p.sentences.len()).sum(),
        words,
        quotes: quotes.len(),
        ..Counts::default()
    };
    // One pass; ASCII is none of the three.
    for c in text.chars() {
        stats.characters += 1;
        if c.is_ascii() {
            continue;
        }
        stats.diacritics += usize::from(words::is_mark(c));
        stats.tatweel += usize::from(c == '\u{0640}');
        stats.invisible += usize::from(words::is_invisible(c));
    }
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
