//! Comparing two revisions of an article the way an editor reads them.
//!
//! 1. Both versions are split into blocks (headline, byline, dateline, paragraphs,
//!    source line), each the whole line it stands on, by [`crate::structure`]'s layout.
//! 2. Blocks are aligned on a key: the block's `search` normalisation without spaces, so
//!    that a paragraph that only changed its spelling, marks, punctuation or spacing still
//!    lines up. The alignment is `similar`'s Patience diff over the keys' hashes.
//! 3. Blocks left over are matched again: equal keys elsewhere are moves; a block whose
//!    words equal two adjacent blocks of the other side is a split or a merge; then blocks
//!    alike by their words (Dice coefficient of the word keys ≥ 0.5) are pairs, either in
//!    place (edited) or elsewhere (moved and edited).
//! 4. Inside every pair whose text differs, words are diffed (UAX #29 word boundaries,
//!    marks never split from their letter) on their `search` keys with `similar`'s Myers
//!    diff, and the original text is shown.
//! 5. Every change gets a class, the first rung of the normaliser's ladder at which its
//!    two sides become equal: [`Class::Invisible`], [`Class::Whitespace`] (`canonical`),
//!    [`Class::Punctuation`] (`typography`), [`Class::Diacritics`] (marks and tatweel
//!    stripped), [`Class::Orthography`] (`search`), else [`Class::Content`]; a pair that
//!    changed place is also [`Class::Moved`].
//! 6. Facts compare the two extracted structures: quotations added, removed or reworded,
//!    speakers, numbers, dates, headline, byline, dateline and source.
//!
//! Nothing degrades silently: a stage that is capped (a time limit in the word diff, a
//! paragraph too long to diff word by word, facts skipped on huge input) sets
//! [`Diff::approximate`] and says why in [`Diff::notes`].
//!
//! ```
//! use naskh::diff::{diff, Class, DiffOptions};
//!
//! let old = "قال الوزير إن النمو بلغ 19%.\nوأضاف أن الحكومة مستعدة.\n";
//! let new = "قال الوزير إن النمو بلغ 7%.\nوأضاف أن الحكومةَ مستعدة.\n";
//! let d = diff(old, new, &DiffOptions::default());
//! assert_eq!(d.summary.count(Class::Content), 1);
//! assert_eq!(d.summary.count(Class::Diacritics), 1);
//! assert!(d.facts.iter().any(|f| f.old.as_deref() == Some("19%") && f.new.as_deref() == Some("7%")));
//! ```

mod align;
mod classify;
mod facts;
mod inline;
mod model;
pub mod render;
mod segment;
mod sentences;
mod spacing;
mod tokens;

use crate::structure::Deferred;
use std::time::Duration;

pub use classify::classify;
pub use model::*;

/// The JSON schema name and version of [`Diff`].
pub const DIFF_SCHEMA: &str = "naskh.diff/2";

/// Limits and labels of a comparison.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// The old version's name, for output.
    pub old_name: String,
    /// The new version's name.
    pub new_name: String,
    /// Facts are computed only when both versions are at most this many bytes (the
    /// structure of a huge text is not an article's). Above it the diff says so.
    pub facts_limit: usize,
    /// A block pair with more words than this on a side is diffed sentence by sentence
    /// first, and only the changed sentences word by word.
    pub word_limit: usize,
    /// Time allowed for all word diffs together; past it, the remaining ones are
    /// coarser and the diff says so.
    pub time_limit: Duration,
    /// Read every non-blank line as a block ([`BlockKind::Line`]), with no article
    /// layout and no facts: for text that is not an article, such as insta's snapshot
    /// YAML. Words are still diffed and classed.
    pub lines: bool,
    /// Compute the facts (default `true`). The alignment and the word diff never use
    /// the extracted structures, so a caller that shows no facts (the unified format)
    /// sets this to `false` and the two extractions, most of a diff's work, are skipped.
    pub facts: bool,
}

impl Default for DiffOptions {
    fn default() -> DiffOptions {
        DiffOptions {
            old_name: "old".to_string(),
            new_name: "new".to_string(),
            facts_limit: 32 << 20,
            word_limit: 50_000,
            time_limit: Duration::from_secs(5),
            lines: false,
            facts: true,
        }
    }
}

/// Above this many bytes (both versions together) the structures are extracted before
/// the alignment rather than beside it: less memory at once, less parallelism.
const SEQUENTIAL_ABOVE: usize = 1 << 20;

/// Above this many lines (both versions together) the two versions' blocks are read one
/// after the other: a side's layout takes memory per line while it is read, and a pair
/// of a million short lines each would hold both at once (issue 8's 30× bound).
const PARALLEL_READ_LINES: usize = 100_000;

fn many_lines(old: &str, new: &str) -> bool {
    memchr::memchr_iter(b'\n', old.as_bytes())
        .chain(memchr::memchr_iter(b'\n', new.as_bytes()))
        .take(PARALLEL_READ_LINES + 1)
        .count()
        > PARALLEL_READ_LINES
}

/// Compare two versions of an article.
pub fn diff<'t>(old: &'t str, new: &'t str, options: &DiffOptions) -> Diff<'t> {
    if old == new {
        return identical(old, options);
    }
    let mut notes = Vec::new();
    let with_facts =
        options.facts && !options.lines && old.len().max(new.len()) <= options.facts_limit;
    if options.facts && !options.lines && !with_facts {
        notes.push(format!(
            "facts not computed: a version is larger than {} MB",
            options.facts_limit >> 20
        ));
    }
    // The two structures (the slow part) are extracted while the blocks are aligned
    // and diffed: three independent jobs.
    let extract_both = || {
        rayon::join(
            // The facts use no paragraph of the structure (each is dropped as it is
            // read), and numbers and dates only where blocks changed (read later).
            || with_facts.then(|| crate::structure::extract_deferred(old)),
            || with_facts.then(|| crate::structure::extract_deferred(new)),
        )
    };
    // Long versions are extracted first, before their blocks are read: beside the
    // alignment, the extractions' working memory adds to its peak (issue 8: a pair of
    // 3 MB texts of short lines took 35× its size). Short ones run beside it.
    let early = (old.len() + new.len() > SEQUENTIAL_ABOVE).then(extract_both);
    let (old_index, new_index) = rayon::join(
        || tokens::Utf16Index::new(old),
        || tokens::Utf16Index::new(new),
    );
    // Both versions' blocks are read side by side, then aligned and diffed. The
    // alignment is read only here: the entries say where every block went, and the
    // facts read them.
    let read_and_compare = || {
        let read_old = || align::read_side(old, options.lines, &old_index);
        let read_new = || align::read_side(new, options.lines, &new_index);
        let ((old_blocks, old_keys), (new_blocks, new_keys)) = if many_lines(old, new) {
            (read_old(), read_new())
        } else {
            rayon::join(read_old, read_new)
        };
        let old_side = align::Version {
            text: old,
            blocks: &old_blocks,
            utf16: &old_index,
        };
        let new_side = align::Version {
            text: new,
            blocks: &new_blocks,
            utf16: &new_index,
        };
        let alignment = align::align(&old_side, &new_side, (old_keys, new_keys));
        let mut budget = inline::Budget::new(options.time_limit, options.word_limit);
        let entries = inline::entries(&old_side, &new_side, &alignment, &mut budget);
        (old_blocks, new_blocks, entries, budget.notes())
    };
    // The quotations' words need only the structures: read beside the alignment too.
    let words_of = |articles: &(Option<Deferred>, Option<Deferred>)| match articles {
        (Some(a), Some(b)) => Some(facts::quote_words(
            old,
            &a.article.quotes,
            new,
            &b.article.quotes,
        )),
        _ => None,
    };
    let (articles, quote_words, (old_blocks, new_blocks, entries, budget_notes)) = match early {
        Some(articles) => {
            // The blocks are read and compared on this thread, as when nothing ran
            // beside them: on a pool thread, the alignment's memory came from another
            // allocator arena than the extractions' freed memory, and the million-line
            // pair's peak rose by 8 MB.
            let mut words = None;
            let compared = rayon::in_place_scope(|s| {
                s.spawn(|_| words = words_of(&articles));
                read_and_compare()
            });
            (articles, words, compared)
        }
        None => {
            let ((articles, words), compared) = rayon::join(
                || {
                    let articles = extract_both();
                    let words = words_of(&articles);
                    (articles, words)
                },
                read_and_compare,
            );
            (articles, words, compared)
        }
    };
    notes.extend(budget_notes);
    let (old, new) = (
        side(&options.old_name, old, old_blocks),
        side(&options.new_name, new, new_blocks),
    );
    let facts = match (&articles, &quote_words) {
        ((Some(a), Some(b)), Some(words)) => facts::facts(
            &facts::Version::new(&old, &old_index),
            a,
            &facts::Version::new(&new, &new_index),
            b,
            words,
            &entries,
        ),
        _ => Vec::new(),
    };
    let summary = summarise(&entries);
    // The two structures and the quotations' words are freed on the pool, beside what
    // the caller does next (the 10 MB pair's took 8-11 ms, serial, on this thread).
    rayon::spawn(move || drop((articles, quote_words)));
    Diff {
        schema: DIFF_SCHEMA,
        approximate: !notes.is_empty(),
        notes,
        old,
        new,
        entries,
        summary,
        facts,
    }
}

fn side<'t>(name: &str, text: &'t str, blocks: Vec<Block>) -> Side<'t> {
    Side {
        name: name.to_string(),
        bytes: text.len(),
        blocks,
        text,
    }
}

/// Two identical versions: every block unchanged, read once, no facts.
fn identical<'t>(text: &'t str, options: &DiffOptions) -> Diff<'t> {
    let index = tokens::Utf16Index::new(text);
    let (blocks, _) = align::read_side(text, options.lines, &index);
    // One run of every block (none when the text has no block).
    let entries: Vec<Entry> = (!blocks.is_empty())
        .then(|| Entry {
            kind: EntryKind::Unchanged,
            old: (0..blocks.len()).collect(),
            new: (0..blocks.len()).collect(),
            classes: Vec::new(),
            similarity: None,
            ops: Vec::new(),
        })
        .into_iter()
        .collect();
    Diff {
        schema: DIFF_SCHEMA,
        approximate: false,
        notes: Vec::new(),
        summary: summarise(&entries),
        old: side(&options.old_name, text, blocks.clone()),
        new: side(&options.new_name, text, blocks),
        entries,
        facts: Vec::new(),
    }
}

fn summarise(entries: &[Entry]) -> Summary {
    let mut counts = [0usize; 7];
    let mut s = Summary::default();
    for e in entries {
        match e.kind {
            // A run of unchanged blocks counts each.
            EntryKind::Unchanged => s.unchanged += e.new.len(),
            EntryKind::Changed => s.changed += 1,
            EntryKind::Moved => s.moved += 1,
            EntryKind::Deleted => s.deleted += 1,
            EntryKind::Inserted => s.inserted += 1,
            EntryKind::Split => s.split += 1,
            EntryKind::Merged => s.merged += 1,
        }
        match e.kind {
            EntryKind::Deleted | EntryKind::Inserted => counts[Class::Content as usize] += 1,
            _ => {
                for op in &e.ops {
                    if let Some(c) = op.class {
                        counts[c as usize] += 1;
                    }
                }
                // Classes of the entry itself: a move; a paragraph break of a split.
                for &c in &e.classes {
                    if !e.ops.iter().any(|o| o.class == Some(c)) {
                        counts[c as usize] += 1;
                    }
                }
            }
        }
    }
    s.classes = Class::ALL
        .into_iter()
        .map(|c| (c, counts[c as usize]))
        .collect();
    s
}
