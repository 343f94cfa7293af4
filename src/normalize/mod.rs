//! Arabic text normalisation: named rules in one fixed order, bundled into profiles, with
//! an optional map from every byte range of the output back to the original.
//!
//! Promises: normalising a `&str` never fails and never panics; the output is valid UTF-8;
//! every profile is idempotent (`normalize(normalize(x)) == normalize(x)`, checked by
//! property tests); a text that needs no change comes back as `Cow::Borrowed` without an
//! allocation. No I/O.
//!
//! How it runs: the enabled rules are planned into stages. Consecutive context-free rules
//! (letters, marks, digits, punctuation, spaces) are compiled into one table and applied in
//! one pass; NFC runs only on the clusters that fail the quick check, and is re-established
//! after a stage that deleted characters (a deleted tatweel or ZWJ can leave ا followed by
//! U+0654); rules that need context (entities, quotes, spacing) run as their own passes,
//! each a `memchr` scan that costs nothing when its characters are absent.
//!
//! ```
//! use naskh::normalize::{normalize, NormalizeOptions, Profile};
//!
//! let search = NormalizeOptions::profile(Profile::Search);
//! assert_eq!(normalize("أَعْلَنَتْ الحُكُومَةُ", &search), "اعلنت الحكومه");
//! // The default profile changes nothing a reader could see:
//! let text = "قال لافروف:\u{00A0}«نعم»";
//! assert_eq!(normalize(text, &NormalizeOptions::default()), "قال لافروف: «نعم»");
//! ```

mod context;
mod edit;
pub(crate) mod nfc;
mod offsets;
mod pipeline;
mod quotes;
mod rules;
mod scan;
mod simd;
mod table;

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;

pub use offsets::{OffsetMap, Segment};
pub use quotes::{QuoteMark, QuoteRole, QuoteStyle, analyze_quotes, is_quote_mark};
pub use rules::{
    Mapping, Profile, RULE_COUNT, Rule, RuleDef, RuleKind, RuleSet, Target, UnknownName,
};
pub use simd::{Kernel, KernelError};

use pipeline::Pipeline;
use table::CharTable;

/// `bytes` as a `String` if they are valid UTF-8 (fast SIMD validation), else the bytes.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    simd::utf8_string(bytes)
}

/// `true` for characters that render as nothing and change no letter: bidi and format
/// controls, zero-width characters, the byte order mark, the soft hyphen, control
/// characters other than TAB, LF and CR, variation selectors, tag characters and Hangul
/// fillers. A reviewer cannot see them, so diffs and snapshots show them by name, and a
/// change in them alone is an `invisible` change.
pub fn is_invisible(c: char) -> bool {
    invisible_name(c).is_some()
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            // WORD JOINER .. NOMINAL DIGIT SHAPES (invisible operators, deprecated controls)
            '\u{2060}'..='\u{206F}'
            // INTERLINEAR ANNOTATION ANCHOR .. TERMINATOR
            | '\u{FFF9}'..='\u{FFFB}'
            // MONGOLIAN FREE VARIATION SELECTORS ONE .. FOUR, MONGOLIAN VOWEL SEPARATOR
            | '\u{180B}'..='\u{180F}'
            // COMBINING GRAPHEME JOINER
            | '\u{034F}'
            // VARIATION SELECTOR-1 .. -16, and -17 .. -256
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}'
            // Tag characters (LANGUAGE TAG .. CANCEL TAG)
            | '\u{E0000}'..='\u{E007F}'
            // HANGUL CHOSEONG FILLER, JUNGSEONG FILLER, HANGUL FILLER, HALFWIDTH HANGUL FILLER
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
        )
}

/// The short name of a common invisible character (`RLM`, `ZWNJ`, `BOM`…), if it has one.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SHY",
        '\u{061C}' => "ALM",
        '\u{200B}' => "ZWSP",
        '\u{200C}' => "ZWNJ",
        '\u{200D}' => "ZWJ",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2060}' => "WJ",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{FEFF}' => "BOM",
        _ => return None,
    })
}

/// `true` for combining marks (non-zero canonical combining class): harakat, shadda,
/// Quranic marks, and the marks of other scripts.
pub fn is_combining_mark(c: char) -> bool {
    nfc::is_mark(c)
}

/// What to normalise: a set of rules and the style `unify-quotes` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    /// The rules to apply (always in the fixed order of [`Rule::ALL`]).
    pub rules: RuleSet,
    /// Quotation marks written by `unify-quotes`.
    pub quote_style: QuoteStyle,
}

impl Default for NormalizeOptions {
    /// The `canonical` profile.
    fn default() -> NormalizeOptions {
        NormalizeOptions::profile(Profile::Canonical)
    }
}

impl NormalizeOptions {
    /// The rules of `profile`, with guillemets for quotes.
    pub fn profile(profile: Profile) -> NormalizeOptions {
        NormalizeOptions {
            rules: profile.rules(),
            quote_style: QuoteStyle::default(),
        }
    }
}

/// How many times each rule changed something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    counts: [u64; RULE_COUNT],
}

impl Default for Stats {
    fn default() -> Stats {
        Stats {
            counts: [0; RULE_COUNT],
        }
    }
}

impl Stats {
    /// Changes made by `rule`: characters for map rules, edits for context rules.
    pub fn get(&self, rule: Rule) -> u64 {
        self.counts[rule.index()]
    }

    /// Rules that changed something, with their counts, in rule order.
    pub fn iter(&self) -> impl Iterator<Item = (Rule, u64)> + '_ {
        Rule::ALL
            .iter()
            .map(|&r| (r, self.counts[r.index()]))
            .filter(|&(_, n)| n > 0)
    }

    /// Add another tally to this one.
    pub fn merge(&mut self, other: &Stats) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    /// Total changes by all rules.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

impl Serialize for Stats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for (r, n) in self.iter() {
            m.serialize_entry(r.name(), &n)?;
        }
        m.end()
    }
}

/// A compiled set of rules, ready to normalise any number of texts. Building one compiles
/// the character tables (well under a millisecond); reuse it.
#[derive(Debug)]
pub struct Normalizer {
    options: NormalizeOptions,
    pipeline: Pipeline,
}

impl Normalizer {
    /// Compile `options`.
    pub fn new(options: &NormalizeOptions) -> Normalizer {
        Normalizer {
            options: *options,
            pipeline: Pipeline::plan(options),
        }
    }

    /// The shared normaliser of a built-in profile, compiled on first use.
    pub fn for_profile(profile: Profile) -> &'static Normalizer {
        static CACHE: [OnceLock<Normalizer>; 7] = [const { OnceLock::new() }; 7];
        let i = Profile::ALL.iter().position(|&p| p == profile).unwrap_or(0);
        CACHE[i].get_or_init(|| Normalizer::new(&NormalizeOptions::profile(profile)))
    }

    /// The options this normaliser was built from.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Every character table of this normaliser was loaded from `table/prebuilt.rs`.
    #[cfg(test)]
    pub(crate) fn tables_prebuilt(&self) -> bool {
        self.pipeline.tables().all(|t| t.is_prebuilt())
    }

    fn run<'a>(
        &self,
        text: &'a str,
        offsets: bool,
        stats: Option<&mut Stats>,
    ) -> (Cow<'a, str>, Option<OffsetMap>) {
        self.pipeline.run(text, offsets, stats)
    }

    /// Normalise `text` in chunks of about `chunk` bytes, as [`Normalizer::normalize`]
    /// does for long texts (with 128 KiB chunks). For tests of that cut; the result is
    /// always the same as normalising the whole text.
    #[doc(hidden)]
    pub fn normalize_in_chunks<'a>(&self, text: &'a str, chunk: usize) -> Cow<'a, str> {
        self.pipeline.run_chunked(text, chunk, None)
    }

    /// Normalise `text`.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.run(text, false, None).0
    }

    /// Normalise `text` and write the result to `out`. A long text is written as it is
    /// normalised, in pieces of about 128 KiB, so that no buffer holds the whole output
    /// (the same bytes [`Normalizer::normalize`] returns).
    ///
    /// ```
    /// use naskh::normalize::{Normalizer, Profile};
    ///
    /// let mut out = Vec::new();
    /// Normalizer::for_profile(Profile::Search).normalize_to("الحُكُومَة\n", &mut out)?;
    /// assert_eq!(out, "الحكومه\n".as_bytes());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn normalize_to(&self, text: &str, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.pipeline
            .run_to(text, None, &mut |piece, _| out.write_all(piece.as_bytes()))
    }

    /// [`Normalizer::normalize_to`], adding to `stats` how many times each rule changed
    /// something.
    pub fn normalize_to_with_stats(
        &self,
        text: &str,
        stats: &mut Stats,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        self.pipeline.run_to(text, Some(stats), &mut |piece, _| {
            out.write_all(piece.as_bytes())
        })
    }

    /// Normalise `text`, adding to `stats` how many times each rule changed something.
    pub fn normalize_with_stats<'a>(&self, text: &'a str, stats: &mut Stats) -> Cow<'a, str> {
        self.run(text, false, Some(stats)).0
    }

    /// Normalise `text` and map every byte range of the result to the original.
    pub fn normalize_with_offsets<'a>(&self, text: &'a str) -> (Cow<'a, str>, OffsetMap) {
        let (out, map) = self.run(text, true, None);
        let map = map.expect("offsets were requested");
        (out, map)
    }
}

/// Run `f` with a normaliser for `options`: the shared one when they are a built-in
/// profile's, else one compiled for the call.
fn with_normalizer<R>(options: &NormalizeOptions, f: impl FnOnce(&Normalizer) -> R) -> R {
    if options.quote_style == QuoteStyle::default()
        && let Some(&p) = Profile::ALL.iter().find(|p| p.rules() == options.rules)
    {
        return f(Normalizer::for_profile(p));
    }
    f(&Normalizer::new(options))
}

/// Normalise `text` with `options`. For many texts, build a [`Normalizer`] once.
pub fn normalize<'a>(text: &'a str, options: &NormalizeOptions) -> Cow<'a, str> {
    with_normalizer(options, |n| n.normalize(text))
}

/// Normalise `text` and return the map from output byte ranges to input byte ranges (see
/// [`OffsetMap`] for what deletions and expansions map to).
pub fn normalize_with_offsets(text: &str, options: &NormalizeOptions) -> (String, OffsetMap) {
    with_normalizer(options, |n| {
        let (out, map) = n.normalize_with_offsets(text);
        (out.into_owned(), map)
    })
}

/// Append `word` to `out` as the `search` profile's character rules fold it: marks and
/// tatweel dropped, alef, yeh, ta marbuta and hamza variants folded, Persian letters and
/// all digits mapped, invisible controls dropped. No context rules (quotes, spaces). For
/// matching words against word lists without allocating.
///
/// ```
/// let mut key = String::new();
/// naskh::normalize::fold_for_search("وأضافَتْ", &mut key);
/// assert_eq!(key, "واضافت");
/// ```
pub fn fold_for_search(word: &str, out: &mut String) {
    fold_chars(word, |piece| out.push_str(piece));
}

/// [`fold_for_search`] into any sink: `emit` receives the folded text in pieces (runs of
/// unchanged text and replacements).
/// The `search` profile's character table (shared with the profile's, compiled once).
fn search_table() -> &'static CharTable {
    let map_rules: Vec<Rule> = Profile::Search
        .rules()
        .iter()
        .filter(|r| matches!(r.def().kind, RuleKind::Map(_)))
        .collect();
    CharTable::shared(&map_rules)
}

/// The `search` fold's table, and what it makes of U+0000–U+07FF (ASCII, Latin-1 and
/// Arabic: nearly every character of a word) looked up by code point.
struct Fold {
    table: &'static CharTable,
    low: Box<[Option<&'static str>; 0x800]>,
}

fn fold_table() -> &'static Fold {
    static FOLD: OnceLock<Fold> = OnceLock::new();
    FOLD.get_or_init(|| {
        let table = search_table();
        let mut low = Box::new([None; 0x800]);
        for (cp, slot) in low.iter_mut().enumerate() {
            *slot = char::from_u32(cp as u32).and_then(|c| table.mapped(c));
        }
        Fold { table, low }
    })
}

impl Fold {
    /// The character of `word` at byte `i` (a boundary), what the fold makes of it
    /// (`None`: itself) and its length. One and two byte characters are
    /// decoded here (`word` is UTF-8: a lead byte below E0 has its one continuation
    /// byte); longer ones by `chars`.
    #[inline]
    fn at(&self, word: &str, i: usize) -> Option<(char, Option<&'static str>, usize)> {
        let b = word.as_bytes();
        let x = *b.get(i)?;
        Some(if x < 0x80 {
            (char::from(x), self.low[x as usize], 1)
        } else if x < 0xE0 {
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            // A two-byte sequence of valid UTF-8 is U+0080–U+07FF, a char.
            let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, self.low[cp as usize], 2)
        } else {
            let c = word[i..].chars().next()?;
            (c, self.table.mapped(c), c.len_utf8())
        })
    }
}

/// The `search` fold of single characters, for a caller that decodes the text itself
/// (the extractor's word split folds each word as it finds it, in the same pass).
#[derive(Clone, Copy)]
pub(crate) struct CharFold(&'static Fold);

/// The handle of [`CharFold`] (the table is built on the first call).
pub(crate) fn char_fold() -> CharFold {
    CharFold(fold_table())
}

impl CharFold {
    /// What the fold makes of `c` (`None`: itself), as [`fold_for_search`] does.
    #[inline]
    pub(crate) fn of(self, c: char) -> Option<&'static str> {
        match c as u32 {
            cp @ 0..0x800 => self.0.low[cp as usize],
            _ => self.0.table.mapped(c),
        }
    }
}

pub(crate) fn fold_chars(word: &str, mut emit: impl FnMut(&str)) {
    let fold = fold_table();
    let (mut run, mut i) = (0, 0);
    while let Some((_, with, n)) = fold.at(word, i) {
        if let Some(with) = with {
            emit(&word[run..i]);
            emit(with);
            run = i + n;
        }
        i += n;
    }
    emit(&word[run..]);
}

/// Where a long text may be cut so that its pieces normalise to the whole text's result:
/// just after the first newline at or past byte `from` whose neighbouring characters no
/// rule deletes or turns into whitespace (lines are the widest context any rule reads).
/// `None` when `text` has no such newline past `from` (the character after the newline
/// must be in `text`). Streams that normalise a file piece by piece cut it here.
///
/// ```
/// use naskh::normalize::next_cut;
/// let text = "سطر أول\nسطر ثان\n  \nسطر";
/// assert_eq!(next_cut(text, 0), Some("سطر أول\n".len()));
/// // The newlines around a blank line are not cut: collapse-spaces reads them together.
/// assert_eq!(next_cut(text, "سطر أول\n".len()), None);
/// ```
pub fn next_cut(text: &str, from: usize) -> Option<usize> {
    pipeline::next_cut(text, from)
}

/// Normalise `text` with a built-in profile.
pub fn normalize_profile(text: &str, profile: Profile) -> Cow<'_, str> {
    Normalizer::for_profile(profile).normalize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold character by character through the table, as it is defined.
    fn fold_by_table(word: &str) -> String {
        let table = search_table();
        word.chars()
            .map(|c| {
                table
                    .mapped(c)
                    .map_or_else(|| c.to_string(), str::to_string)
            })
            .collect()
    }

    #[test]
    fn the_fold_decodes_every_character_as_the_table_reads_it() {
        // `fold_for_search` (in pieces) and `CharFold` (a character at a time) alike.
        let each_char = |word: &str| -> String {
            let fold = char_fold();
            word.chars()
                .map(|c| fold.of(c).map_or_else(|| c.to_string(), str::to_string))
                .collect()
        };
        let mut all = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let word = format!("أ{c}ة");
            let mut folded = String::new();
            fold_for_search(&word, &mut folded);
            assert_eq!(folded, fold_by_table(&word), "U+{:04X}", c as u32);
            assert_eq!(each_char(&word), folded, "U+{:04X}", c as u32);
            if (c as u32) < 0x3000 || (c as u32).is_multiple_of(61) {
                all.push(c);
            }
        }
        let mut folded = String::new();
        fold_for_search(&all, &mut folded);
        assert_eq!(folded, fold_by_table(&all));
        assert_eq!(each_char(&all), folded);
    }
}
