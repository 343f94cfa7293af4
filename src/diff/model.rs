//! The diff's model: what [`diff`](super::diff) returns and every renderer reads. Plain
//! data, serialised as schema [`DIFF_SCHEMA`](super::DIFF_SCHEMA).

use serde::{Serialize, Serializer};

/// What kind of change a change is, from the most cosmetic to content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Only invisible characters differ (bidi marks, zero-width characters, BOM).
    Invisible,
    /// Equal under the `canonical` profile: spaces, line ends, Unicode encoding.
    Whitespace,
    /// Equal under `typography`: punctuation, quotation marks, dashes, entities.
    Punctuation,
    /// Equal once marks (tashkeel, dagger alef, Quranic marks) and tatweel are stripped.
    Diacritics,
    /// Equal under `search`: alef, yeh, ta marbuta and hamza forms, digits.
    Orthography,
    /// The block changed place.
    Moved,
    /// Words changed.
    Content,
}

impl Class {
    /// Every class, in ladder order.
    pub const ALL: [Class; 7] = [
        Class::Invisible,
        Class::Whitespace,
        Class::Punctuation,
        Class::Diacritics,
        Class::Orthography,
        Class::Moved,
        Class::Content,
    ];

    /// The class's name, as in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Class::Invisible => "invisible",
            Class::Whitespace => "whitespace",
            Class::Punctuation => "punctuation",
            Class::Diacritics => "diacritics",
            Class::Orthography => "orthography",
            Class::Moved => "moved",
            Class::Content => "content",
        }
    }

    /// The class called `name`.
    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A range of one version's text, in UTF-8 bytes and in UTF-16 code units (for
/// JavaScript and browsers). Serialised as `{"utf8": [start, end], "utf16": [start, end]}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    /// Byte offsets, `start..end`.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// UTF-16 offset of `start`.
    pub start16: usize,
    /// UTF-16 offset of `end`.
    pub end16: usize,
}

impl Serialize for TextRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("TextRange", 2)?;
        st.serialize_field("utf8", &[self.start, self.end])?;
        st.serialize_field("utf16", &[self.start16, self.end16])?;
        st.end()
    }
}

/// What a block of an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline.
    Headline,
    /// The author line.
    Byline,
    /// The place and agency line.
    Dateline,
    /// A paragraph of the body.
    Paragraph,
    /// The attribution line.
    Source,
    /// A line of text that is not read as an article ([`DiffOptions::lines`](super::DiffOptions::lines)).
    Line,
}

/// A block of one version: a whole line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// For paragraphs, the paragraph's number (from 1, as `extract` counts); for lines,
    /// the line's number in the file (from 1); 0 otherwise.
    pub number: usize,
    /// Where it is.
    pub range: TextRange,
}

impl Block {
    /// Its range as a byte span.
    pub(crate) fn span(&self) -> crate::structure::Span {
        crate::structure::Span::new(self.range.start, self.range.end)
    }
}

/// One version: its name, its text (borrowed, not serialised: the JSON carries ranges
/// into it) and its blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side<'t> {
    /// The version's name (its file name, or `-`).
    pub name: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its blocks, in order.
    pub blocks: Vec<Block>,
    /// The text compared.
    #[serde(skip)]
    pub text: &'t str,
}

impl<'t> Side<'t> {
    /// The text of `range`, a range of this version.
    ///
    /// ```
    /// use naskh::diff::{diff, DiffOptions};
    ///
    /// let d = diff("قال الوزير\n", "قالت الوزيرة\n", &DiffOptions::default());
    /// assert_eq!(d.new.slice(d.new.blocks[0].range), "قالت الوزيرة");
    /// ```
    pub fn slice(&self, range: TextRange) -> &'t str {
        &self.text[range.start..range.end]
    }
}

/// How a block (or group of blocks) fared from one version to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// The same text in the same place.
    Unchanged,
    /// In the same place, with changes.
    Changed,
    /// In another place (maybe with changes).
    Moved,
    /// Only in the old version.
    Deleted,
    /// Only in the new version.
    Inserted,
    /// One old block became two adjacent new ones.
    Split,
    /// Two adjacent old blocks became one new one.
    Merged,
}

/// What an operation inside a block pair does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// The same text on both sides.
    Equal,
    /// Text only in the old version.
    Delete,
    /// Text only in the new version.
    Insert,
    /// Old text replaced by new text.
    Replace,
}

/// An operation inside a block pair: a run of equal text, or one change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Op {
    /// What it does.
    pub op: OpKind,
    /// The change's class (`None` for [`OpKind::Equal`]).
    pub class: Option<Class>,
    /// The old text's range (`None` for an insertion).
    pub old: Option<TextRange>,
    /// The new text's range (`None` for a deletion).
    pub new: Option<TextRange>,
    /// The old text, for changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_text: Option<String>,
    /// The new text, for changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_text: Option<String>,
}

/// A block, or a group of blocks, and what happened to it.
///
/// An [`EntryKind::Unchanged`] entry is a run of consecutive blocks, each the same text
/// in the same place: `old[k]` is unchanged as `new[k]` (one entry per block took many
/// times a long text of short lines in memory and in JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// What happened.
    pub kind: EntryKind,
    /// Its old blocks (indices into [`Diff::old`]'s blocks), in order.
    pub old: Vec<usize>,
    /// Its new blocks (indices into [`Diff::new`]'s blocks), in order.
    pub new: Vec<usize>,
    /// The classes of its changes, in ladder order.
    pub classes: Vec<Class>,
    /// For blocks matched by their words: the Dice similarity of their word keys.
    pub similarity: Option<f64>,
    /// The operations inside, when the text differs.
    pub ops: Vec<Op>,
}

impl Entry {
    /// `true` when the entry has at least one change of a class not in `hidden`.
    pub fn shows(&self, hidden: &[Class]) -> bool {
        self.classes.iter().any(|c| !hidden.contains(c))
    }
}

/// Counts over the whole diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Changes per class, in ladder order (moves count once per moved entry; a
    /// deleted or inserted block counts as one content change).
    pub classes: Vec<(Class, usize)>,
    /// Blocks unchanged (each block of an unchanged run; the other counts are entries
    /// per kind).
    pub unchanged: usize,
    /// Blocks changed in place.
    pub changed: usize,
    /// Blocks moved.
    pub moved: usize,
    /// Blocks deleted.
    pub deleted: usize,
    /// Blocks inserted.
    pub inserted: usize,
    /// Blocks split in two.
    pub split: usize,
    /// Block pairs merged into one.
    pub merged: usize,
}

impl Summary {
    /// The number of changes of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.classes
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(0, |&(_, n)| n)
    }
}

/// What a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// The headline's words changed (or it appeared, or went).
    Headline,
    /// The byline changed.
    Byline,
    /// The dateline changed.
    Dateline,
    /// The source line changed.
    Source,
    /// A quotation only in the new version.
    QuoteAdded,
    /// A quotation only in the old version.
    QuoteRemoved,
    /// A quotation whose words changed.
    QuoteReworded,
    /// A quotation attributed to someone else (both speakers named in the text, not
    /// inferred).
    SpeakerChanged,
    /// A quotation whose marks were removed: its words are still there, as paraphrase
    /// or reported speech.
    QuoteUnmarked,
    /// Words that were paraphrase or reported speech, now quoted in marks.
    QuoteMarked,
    /// A number replaced by another in the same place.
    NumberChanged,
    /// A number only in the new version of a block.
    NumberAdded,
    /// A number only in the old version of a block.
    NumberRemoved,
    /// A date replaced by another in the same place.
    DateChanged,
    /// A date only in the new version of a block.
    DateAdded,
    /// A date only in the old version of a block.
    DateRemoved,
}

/// Something a reader cares about that changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// What it is about.
    pub kind: FactKind,
    /// The old text (a number, a quotation, a headline).
    pub old: Option<String>,
    /// The new text.
    pub new: Option<String>,
    /// Where the old text is.
    pub old_range: Option<TextRange>,
    /// Where the new text is.
    pub new_range: Option<TextRange>,
    /// For quotations: the old speaker.
    pub old_speaker: Option<String>,
    /// For quotations: the new speaker.
    pub new_speaker: Option<String>,
    /// `true` when the old speaker is not named next to the quotation but inferred (the
    /// last one named whose gender agrees with the verb).
    pub old_speaker_inferred: bool,
    /// `true` when the new speaker is inferred.
    pub new_speaker_inferred: bool,
    /// The old block holding the old text: an index into [`Diff::old`]'s blocks (its
    /// `number` is the paragraph's).
    pub old_block: Option<usize>,
    /// The new block holding the new text, an index into [`Diff::new`]'s blocks.
    pub new_block: Option<usize>,
}

/// The comparison of two versions; it borrows their texts, so a view needs nothing
/// else (see [`render`](super::render)).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff<'t> {
    /// Always [`DIFF_SCHEMA`](super::DIFF_SCHEMA).
    pub schema: &'static str,
    /// `true` when a stage was capped and the result may not be the finest one.
    pub approximate: bool,
    /// Why, for each capped stage.
    pub notes: Vec<String>,
    /// The old version.
    pub old: Side<'t>,
    /// The new version.
    pub new: Side<'t>,
    /// Every block's fate, in reading order (new version's order, deletions where they
    /// were).
    pub entries: Vec<Entry>,
    /// Counts.
    pub summary: Summary,
    /// Facts.
    pub facts: Vec<Fact>,
}

impl Diff<'_> {
    /// `true` when any change is of a class not in `hidden`.
    pub fn has_changes(&self, hidden: &[Class]) -> bool {
        self.entries.iter().any(|e| e.shows(hidden))
            || (!self.facts.is_empty() && !hidden.contains(&Class::Content))
    }
}
