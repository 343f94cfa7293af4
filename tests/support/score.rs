//! Scoring a diff against the truth file of `../shared/tools/make_revision_pair.py`:
//! moves found, moved-and-edited paragraphs found, diacritic-only and orthography-only
//! edits classified as such. Shared by `tests/diff_accuracy.rs` and
//! `examples/score_pair.rs`.

use std::collections::HashMap;

use naskh::diff::{Class, Diff, EntryKind};

/// What a diff got right, against the truth.
#[derive(Debug, Default)]
pub struct Score {
    /// Moved paragraphs (unedited) reported as moved.
    pub moves_found: usize,
    pub moves_total: usize,
    /// Moved and edited paragraphs reported as moved.
    pub edited_moves_found: usize,
    pub edited_moves_total: usize,
    /// Paragraphs reported as moved that the truth did not move.
    pub false_moves: usize,
    /// Diacritic-only edits classified `diacritics`.
    pub diacritics_found: usize,
    pub diacritics_total: usize,
    /// Orthography-only edits classified `orthography`.
    pub orthography_found: usize,
    pub orthography_total: usize,
    /// Changes classified `content` in paragraphs the truth gave no word edit.
    pub false_content: usize,
}

impl Score {
    /// Share of diacritic edits classified right.
    pub fn diacritics_rate(&self) -> f64 {
        self.diacritics_found as f64 / self.diacritics_total.max(1) as f64
    }

    /// Share of orthography edits classified right.
    pub fn orthography_rate(&self) -> f64 {
        self.orthography_found as f64 / self.orthography_total.max(1) as f64
    }
}

fn indices(v: &serde_json::Value, key: &str) -> Vec<usize> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_u64().or_else(|| x[0].as_u64()))
                .map(|x| x as usize)
                .collect()
        })
        .unwrap_or_default()
}

/// `s` without its harakat (U+064B–U+0652), as the generator adds and removes them.
fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !('\u{064B}'..='\u{0652}').contains(c))
        .collect()
}

/// The whitespace-separated word of `text` around bytes `start..end` (an op inside it).
fn word_at(text: &str, start: usize, end: usize) -> Option<&str> {
    // The op's own text without the whitespace around it (ops carry the space after a word).
    let op = &text[start..end];
    let core = op.trim_start();
    let start = start + (op.len() - core.len());
    let end = start + core.trim_end().len();
    let from = text[..start].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let w = &text[from..to];
    (!w.is_empty() && !w.contains(char::is_whitespace)).then_some(w)
}

/// Score `diff` of `v1` against `v2` (the generator's old and new versions, one
/// paragraph per line) against the truth file's JSON.
pub fn score(v1: &str, v2: &str, diff: &Diff, truth: &serde_json::Value) -> Score {
    // The generator counts paragraphs by line: map each old block to its line.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(v1.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte) - 1;
    // For every old line: the entry holding it.
    let mut entry_of_line: HashMap<usize, usize> = HashMap::new();
    for (k, e) in diff.entries.iter().enumerate() {
        for &b in &e.old {
            entry_of_line.insert(line_of(diff.old.blocks[b].range.start), k);
        }
    }
    let moved = |line: usize| {
        entry_of_line
            .get(&line)
            .is_some_and(|&k| diff.entries[k].classes.contains(&Class::Moved))
    };
    let moves = indices(truth, "moves");
    let edited = indices(truth, "edited_moves");
    let mut s = Score {
        moves_total: moves.len(),
        edited_moves_total: edited.len(),
        ..Score::default()
    };
    s.moves_found = moves.iter().filter(|&&i| moved(i)).count();
    s.edited_moves_found = edited.iter().filter(|&&i| moved(i)).count();
    let truly_moved: std::collections::HashSet<usize> =
        moves.iter().chain(&edited).copied().collect();
    s.false_moves = diff
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Moved)
        .flat_map(|e| {
            e.old
                .iter()
                .map(|&b| line_of(diff.old.blocks[b].range.start))
        })
        .filter(|l| !truly_moved.contains(l))
        .count();
    let count = |list: &[usize]| {
        let mut m: HashMap<usize, usize> = HashMap::new();
        for &i in list {
            *m.entry(i).or_default() += 1;
        }
        m
    };
    let ops_of = |line: usize, class: Class| {
        entry_of_line.get(&line).map_or(0, |&k| {
            diff.entries[k]
                .ops
                .iter()
                .filter(|o| o.class == Some(class))
                .count()
        })
    };
    // A diacritics edit is credited only for a `diacritics` op on a word that the edit
    // touched: a word of the old line that is not in the new paragraph as written, but
    // is there once both lose their harakat (the truth names the paragraph, not the word).
    // Any other diacritics op in the paragraph (a false one) earns nothing.
    for (line, n) in count(&indices(truth, "diacritic_edits")) {
        s.diacritics_total += n;
        let Some(&k) = entry_of_line.get(&line) else {
            continue;
        };
        let e = &diff.entries[k];
        let words = |blocks: &[usize], side: &naskh::diff::Side, text: &'_ str| {
            let mut set = std::collections::HashSet::new();
            for &b in blocks {
                let r = side.blocks[b].range;
                set.extend(text[r.start..r.end].split_whitespace().map(str::to_string));
            }
            set
        };
        let (old_words, new_words) = (words(&e.old, &diff.old, v1), words(&e.new, &diff.new, v2));
        let bare_of =
            |set: &std::collections::HashSet<String>| -> std::collections::HashSet<String> {
                set.iter().map(|w| bare(w)).collect()
            };
        let (bare_old, bare_new) = (bare_of(&old_words), bare_of(&new_words));
        // The word around the op, on the side it has text on, is one the edit touched.
        let on_edited_words = e
            .ops
            .iter()
            .filter(|o| o.class == Some(Class::Diacritics))
            .filter(|o| match (o.new, o.old) {
                (Some(r), _) if r.end > r.start => word_at(v2, r.start, r.end)
                    .is_some_and(|w| !old_words.contains(w) && bare_old.contains(&bare(w))),
                (_, Some(r)) => word_at(v1, r.start, r.end)
                    .is_some_and(|w| !new_words.contains(w) && bare_new.contains(&bare(w))),
                _ => false,
            })
            .count();
        s.diacritics_found += n.min(on_edited_words);
    }
    for (line, n) in count(&indices(truth, "orthographic_edits")) {
        s.orthography_total += n;
        s.orthography_found += n.min(ops_of(line, Class::Orthography));
    }
    let word_edited: std::collections::HashSet<usize> =
        indices(truth, "word_edits").into_iter().collect();
    s.false_content = entry_of_line
        .iter()
        .filter(|(line, _)| !word_edited.contains(line))
        .map(|(&line, _)| ops_of(line, Class::Content))
        .sum();
    s
}
