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
mod nfc;
mod offsets;
mod quotes;
mod rules;
mod table;

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;

pub use offsets::{OffsetMap, Segment};
pub use quotes::{QuoteMark, QuoteRole, QuoteStyle, analyze_quotes, is_quote_mark};
pub use rules::{
    Mapping, Profile, RULE_COUNT, Rule, RuleDef, RuleKind, RuleSet, Target, UnknownName,
};

use edit::{Edited, Editor};
use nfc::Form;
use table::CharTable;

/// `true` for characters that render as nothing and change no letter: bidi and format
/// controls, zero-width characters, the byte order mark, the soft hyphen. A reviewer cannot
/// see them, so diffs and snapshots show them by name.
pub fn is_invisible(c: char) -> bool {
    invisible_name(c).is_some()
        || matches!(c, '\u{2060}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}' | '\u{180E}' | '\u{034F}')
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

#[derive(Debug)]
enum Stage {
    Entities,
    Crlf,
    Normalize(Form),
    /// A compiled table, and what to re-establish after it.
    Table {
        table: CharTable,
        refix: Refix,
    },
    LastHaraka,
    Separators,
    AsciiPunct,
    Repeats(Rule),
    /// `unify-quotes` (with its style) and/or `punctuation-spacing`.
    Quotes {
        style: Option<QuoteStyle>,
        spacing: bool,
    },
    CollapseSpaces,
}

impl Stage {
    fn for_rule(rule: Rule, style: QuoteStyle) -> Stage {
        match rule {
            Rule::DecodeHtmlEntities => Stage::Entities,
            Rule::CrlfToLf => Stage::Crlf,
            Rule::UnicodeNfc => Stage::Normalize(Form::Nfc),
            Rule::UnicodeNfkc => Stage::Normalize(Form::Nfkc),
            Rule::StripLastHaraka => Stage::LastHaraka,
            Rule::ArabicSeparatorsToAscii => Stage::Separators,
            Rule::AsciiPunctToArabic => Stage::AsciiPunct,
            Rule::CollapseRepeatsTo1 | Rule::CollapseRepeatsTo2 => Stage::Repeats(rule),
            Rule::UnifyQuotes => Stage::Quotes {
                style: Some(style),
                spacing: false,
            },
            Rule::PunctuationSpacing => Stage::Quotes {
                style: None,
                spacing: true,
            },
            Rule::CollapseSpaces => Stage::CollapseSpaces,
            _ => unreachable!("{rule} is a map rule"),
        }
    }

    /// Context rules that touch characters no later map rule reads or writes, and may
    /// therefore run after the table those map rules compile into.
    fn floats(rule: Rule) -> bool {
        matches!(
            rule,
            Rule::ArabicSeparatorsToAscii
                | Rule::AsciiPunctToArabic
                | Rule::CollapseRepeatsTo1
                | Rule::CollapseRepeatsTo2
        )
    }

    fn apply(&self, input: &str, offsets: bool, stats: Option<&mut Stats>) -> Option<Edited> {
        let mut ed = Editor::new(input, offsets);
        let (rule, n) = match self {
            Stage::Entities => {
                let (e, n) = context::decode_entities(input, offsets)?;
                if let Some(st) = stats {
                    st.counts[Rule::DecodeHtmlEntities.index()] += n;
                }
                return Some(e);
            }
            Stage::Crlf => (Rule::CrlfToLf, context::crlf(input, &mut ed)),
            Stage::Normalize(form) => {
                let rule = match form {
                    Form::Nfc => Rule::UnicodeNfc,
                    Form::Nfkc => Rule::UnicodeNfkc,
                };
                (rule, nfc::apply(input, *form, &mut ed))
            }
            Stage::Table { table, refix } => {
                return apply_table(table, *refix, input, offsets, stats);
            }
            Stage::LastHaraka => (
                Rule::StripLastHaraka,
                context::strip_last_haraka(input, &mut ed),
            ),
            Stage::Separators => (
                Rule::ArabicSeparatorsToAscii,
                context::separators(input, &mut ed),
            ),
            Stage::AsciiPunct => (
                Rule::AsciiPunctToArabic,
                context::ascii_punct_to_arabic(input, &mut ed),
            ),
            Stage::Repeats(rule) => {
                let keep = if *rule == Rule::CollapseRepeatsTo1 {
                    1
                } else {
                    2
                };
                (*rule, context::collapse_repeats(input, keep, &mut ed))
            }
            Stage::Quotes { style, spacing } => {
                return apply_quotes(*style, *spacing, input, offsets, stats);
            }
            Stage::CollapseSpaces => (
                Rule::CollapseSpaces,
                context::collapse_spaces(input, &mut ed),
            ),
        };
        if let Some(st) = stats {
            st.counts[rule.index()] += n;
        }
        ed.finish()
    }
}

/// Chain two stage results: `next` was computed from `prev.text`.
fn chain(prev: Option<Edited>, next: Edited) -> Edited {
    match prev {
        None => next,
        Some(p) => Edited {
            text: next.text,
            map: match (next.map, p.map) {
                (Some(a), Some(b)) => Some(a.compose(&b)),
                _ => None,
            },
        },
    }
}

/// What must be re-established after a table that deleted characters: a deleted mark or
/// ZWJ can leave ا followed by U+0654 (NFC composes it to أ) or join `&` and `amp;` into a
/// reference that was not there before.
#[derive(Clone, Copy, Debug, Default)]
struct Refix {
    entities: bool,
    nfc: bool,
}

/// Apply a table, then the fix-ups it may have made necessary; when a fix-up changed
/// something, the table runs again on the result.
fn apply_table(
    table: &CharTable,
    refix: Refix,
    input: &str,
    offsets: bool,
    mut stats: Option<&mut Stats>,
) -> Option<Edited> {
    let mut ed = Editor::new(input, offsets);
    table.apply(
        input,
        &mut ed,
        stats.as_deref_mut().map(|s| &mut s.counts[..]),
    );
    let mut done = ed.finish()?;
    for _ in 0..4 {
        let mut fixed: Option<Edited> = None;
        if refix.entities {
            if let Some((e, n)) = context::decode_entities(&done.text, offsets) {
                if let Some(st) = stats.as_deref_mut() {
                    st.counts[Rule::DecodeHtmlEntities.index()] += n;
                }
                fixed = Some(e);
            }
        }
        if refix.nfc {
            let current = fixed
                .as_ref()
                .map_or(done.text.as_str(), |f| f.text.as_str());
            let mut ed = Editor::new(current, offsets);
            let n = nfc::apply(current, Form::Nfc, &mut ed);
            if let Some(st) = stats.as_deref_mut() {
                st.counts[Rule::UnicodeNfc.index()] += n;
            }
            if let Some(next) = ed.finish() {
                fixed = Some(chain(fixed, next));
            }
        }
        let Some(fixed) = fixed else { break };
        done = chain(Some(done), fixed);
        let mut ed = Editor::new(&done.text, offsets);
        table.apply(
            &done.text,
            &mut ed,
            stats.as_deref_mut().map(|s| &mut s.counts[..]),
        );
        match ed.finish() {
            Some(again) => done = chain(Some(done), again),
            None => break,
        }
    }
    Some(done)
}

/// `unify-quotes` and `punctuation-spacing`. Spacing changes the context a mark is read
/// in (a space inserted before «), so the two repeat until the text is stable, which
/// makes a second run a no-op; real text settles in one round.
fn apply_quotes(
    style: Option<QuoteStyle>,
    spacing: bool,
    input: &str,
    offsets: bool,
    mut stats: Option<&mut Stats>,
) -> Option<Edited> {
    let mut done: Option<Edited> = None;
    for _ in 0..4 {
        let mut changed = false;
        if let Some(style) = style {
            let current = done.as_ref().map_or(input, |d| d.text.as_str());
            let mut ed = Editor::new(current, offsets);
            let n = quotes::unify(current, style, &mut ed);
            if let Some(st) = stats.as_deref_mut() {
                st.counts[Rule::UnifyQuotes.index()] += n;
            }
            if let Some(next) = ed.finish() {
                done = Some(chain(done, next));
                changed = true;
            }
        }
        if spacing {
            let current = done.as_ref().map_or(input, |d| d.text.as_str());
            let mut ed = Editor::new(current, offsets);
            let n = quotes::spacing(current, &mut ed);
            if let Some(st) = stats.as_deref_mut() {
                st.counts[Rule::PunctuationSpacing.index()] += n;
            }
            if let Some(next) = ed.finish() {
                done = Some(chain(done, next));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    done
}

/// A compiled set of rules, ready to normalise any number of texts. Building one compiles
/// the character tables (well under a millisecond); reuse it.
#[derive(Debug)]
pub struct Normalizer {
    options: NormalizeOptions,
    stages: Vec<Stage>,
}

impl Normalizer {
    /// Compile `options`.
    pub fn new(options: &NormalizeOptions) -> Normalizer {
        let rules = options.rules;
        let mut stages = Vec::new();
        let mut pending_map: Vec<Rule> = Vec::new();
        let mut deferred: Vec<Rule> = Vec::new();
        let refix = Refix {
            entities: rules.contains(Rule::DecodeHtmlEntities),
            nfc: rules.contains(Rule::UnicodeNfc) || rules.contains(Rule::UnicodeNfkc),
        };
        let flush = |stages: &mut Vec<Stage>, map: &mut Vec<Rule>, deferred: &mut Vec<Rule>| {
            if !map.is_empty() {
                stages.push(Stage::Table {
                    table: CharTable::compile(map),
                    refix,
                });
                map.clear();
            }
            for r in deferred.drain(..) {
                stages.push(Stage::for_rule(r, options.quote_style));
            }
        };
        for rule in rules.iter() {
            match rule.def().kind {
                RuleKind::Map(_) => pending_map.push(rule),
                RuleKind::Context(_) if Stage::floats(rule) => deferred.push(rule),
                RuleKind::Context(_) => {
                    flush(&mut stages, &mut pending_map, &mut deferred);
                    let stage = Stage::for_rule(rule, options.quote_style);
                    // unify-quotes and punctuation-spacing read the same marks: one stage.
                    if let (
                        Some(Stage::Quotes { spacing, .. }),
                        Stage::Quotes { spacing: true, .. },
                    ) = (stages.last_mut(), &stage)
                    {
                        *spacing = true;
                    } else {
                        stages.push(stage);
                    }
                }
            }
        }
        flush(&mut stages, &mut pending_map, &mut deferred);
        Normalizer {
            options: *options,
            stages,
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

    fn run<'a>(
        &self,
        text: &'a str,
        offsets: bool,
        mut stats: Option<&mut Stats>,
    ) -> (Cow<'a, str>, Option<OffsetMap>) {
        let mut done: Option<Edited> = None;
        for stage in &self.stages {
            let current = done.as_ref().map_or(text, |d| d.text.as_str());
            if let Some(next) = stage.apply(current, offsets, stats.as_deref_mut()) {
                done = Some(chain(done, next));
            }
        }
        match done {
            None => (
                Cow::Borrowed(text),
                offsets.then(|| OffsetMap::identity(text.len())),
            ),
            Some(d) => (Cow::Owned(d.text), d.map),
        }
    }

    /// Normalise `text`.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.run(text, false, None).0
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

fn normalizer_for(options: &NormalizeOptions) -> Cow<'static, Normalizer> {
    if options.quote_style == QuoteStyle::default() {
        if let Some(&p) = Profile::ALL.iter().find(|p| p.rules() == options.rules) {
            return Cow::Borrowed(Normalizer::for_profile(p));
        }
    }
    Cow::Owned(Normalizer::new(options))
}

impl Clone for Normalizer {
    fn clone(&self) -> Normalizer {
        Normalizer::new(&self.options)
    }
}

/// Normalise `text` with `options`. For many texts, build a [`Normalizer`] once.
pub fn normalize<'a>(text: &'a str, options: &NormalizeOptions) -> Cow<'a, str> {
    match normalizer_for(options) {
        Cow::Borrowed(n) => n.normalize(text),
        Cow::Owned(n) => n.normalize(text),
    }
}

/// Normalise `text` and return the map from output byte ranges to input byte ranges (see
/// [`OffsetMap`] for what deletions and expansions map to).
pub fn normalize_with_offsets(text: &str, options: &NormalizeOptions) -> (String, OffsetMap) {
    let (out, map) = match normalizer_for(options) {
        Cow::Borrowed(n) => n.normalize_with_offsets(text),
        Cow::Owned(n) => n.normalize_with_offsets(text),
    };
    (out.into_owned(), map)
}

/// Normalise `text` with a built-in profile.
pub fn normalize_profile(text: &str, profile: Profile) -> Cow<'_, str> {
    Normalizer::for_profile(profile).normalize(text)
}
