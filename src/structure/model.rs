//! The structure's types: what [`super::extract`] returns and what YAML, JSON and the
//! snapshots show. The field order of every type is the order of the output.

use serde::{Serialize, Serializer};

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

/// What kind of quotation: a statement in marks or after a colon, a fragment in marks,
/// or reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A statement of its own: after a colon, a whole paragraph, or a headline
    /// `Name: statement`.
    Full,
    /// A fragment in quotation marks inside a reporting sentence (after إن, أن, or in the
    /// middle of it).
    Partial,
    /// Reported speech without marks: the clause after a speech verb and أن/إن/بأن
    /// (قال إن …، أشار إلى أن …، مضيفا أن …), or a sentence attributed by a phrase
    /// (بحسب …، وفقا لـ …، على حد تعبيره).
    Reported,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The name as written next to the verb, with its title or role (الجنرال كينيث
    /// ماكنزي، مدير هيئة الأركان), or at its last mention when inferred.
    pub name: String,
    /// Where that name is written.
    pub span: Span,
    /// `true` when the verb names nobody (وأضاف:، مشيرا إلى أن) and the speaker is the
    /// last one named whose gender and number agree with the verb (وأضافت: the last
    /// feminine speaker).
    pub inferred: bool,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// The paragraph that holds it (from 1; 0 for the headline).
    pub paragraph: usize,
    /// The sentence of that paragraph where it starts (from 1).
    pub sentence: usize,
    /// Full statement, partial fragment, or reported speech.
    pub kind: QuoteKind,
    /// `false` when the closing mark is missing (the quote then ends with its paragraph),
    /// or when the quotation has no marks (after a colon, or reported).
    pub marked: bool,
    /// The attribution verb or phrase, as its lemma (قال, أضاف, تابع قائلا, بحسب…), if
    /// any.
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

/// A number in the text, in digits or in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Number {
    /// As written: digits with their prefix removed (`بـ2.3%` → `2.3%`), or words
    /// (`ثلاثة آلاف`), with a scale word (`2.5 مليون`) and a % or ٪ if any.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Its value in ASCII: digits 0-9, `.` for the decimal separator, no grouping, the
    /// scale applied (`١٬٥٠٠٫٥` → `1500.5`, `2.5 مليون` → `2500000`, `ستة` → `6`,
    /// `نصف` → `0.5`). The lower bound of a range.
    pub value: String,
    /// The upper bound of a range (`10-15`, `بين 10 و15`, `من 10 إلى 15`), if it is one.
    pub to: Option<String>,
    /// What it counts, as written after it (`دولار`, `بالمئة`, `في المائة`, `%`,
    /// `قتيلا`), if any.
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
    /// A clock time alone: 18:30، الساعة السادسة مساء.
    Time,
}

/// A date mentioned in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// As written.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Month, weekday, relative date or time.
    pub kind: DateKind,
    /// For months: the calendars of the names used (`gregorian`, `levantine`,
    /// `maghrebi`, `hijri`; `gregorian/levantine` for a pair such as فبراير/شباط).
    pub calendar: Option<String>,
    /// A comparable value: ISO-like for months (`--02`, `--02-15`, `2016-02`,
    /// `2016-02-15`, prefixed `hijri:` for Hijri dates), the English weekday (`thursday`,
    /// `evening thursday`), the relative date in English (`yesterday evening`), or the
    /// time (`18:30`).
    pub value: String,
    /// The weekday written with the date (`الخميس 12 جانفي`, `أمس الخميس`), in English.
    pub weekday: Option<String>,
    /// The clock time written with the date (`مساء أمس الساعة 6`), or of a time alone,
    /// as `HH:MM` (24 hours when صباحا/مساء says which half of the day).
    pub time: Option<String>,
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
