//! How alike blocks are by their words: word bags, the Dice coefficient, and the
//! candidates worth scoring (by shared rare words, so that likeness stays near-linear).
//! Does no I/O and never fails.

use rustc_hash::FxHashMap;

use super::Version;
use crate::diff::tokens::{dice, word_keys};
use crate::structure::Span;

pub(super) fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v = [a, b].concat();
    v.sort_unstable();
    v
}

/// The sorted keys of the words in `span` (punctuation left out: it makes unrelated
/// paragraphs look alike).
pub(crate) fn bag(v: &Version, span: Span) -> Vec<u64> {
    let mut keys = Vec::new();
    word_keys(v.text, span, &mut keys);
    keys.sort_unstable();
    keys
}

/// A block (its index) and its word keys, sorted.
pub(super) type Bag<'a> = (usize, &'a [u64]);

/// Words rarer than this (in how many unmatched blocks they occur) propose candidates.
const RARE: usize = 32;
/// Candidates scored per block.
const CANDIDATES: usize = 8;
/// Regions with more blocks than this are searched by rare words, not scored whole.
const LOCAL_ALL: usize = 64;
/// Least similarity of a pair.
pub(crate) const SIMILAR: f64 = 0.5;
/// Least similarity of a split or merge (with both parts together).
pub(super) const SPLIT: f64 = 0.8;

/// For each block of `from`, its best candidates in `to`, by shared rare words, among
/// the slots of `to` that `keep(block of from, slot of to)` allows.
pub(super) fn candidates(
    from: &[Bag],
    to: &[Bag],
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (slot, (_, keys)) in to.iter().enumerate() {
        let mut last = None;
        for &k in keys.iter() {
            if last != Some(k) {
                index.entry(k).or_default().push(slot);
                last = Some(k);
            }
        }
    }
    from.iter()
        .map(|&(i, keys)| {
            let mut score: FxHashMap<usize, u32> = FxHashMap::default();
            let mut last = None;
            for &k in keys.iter() {
                if last == Some(k) {
                    continue;
                }
                last = Some(k);
                if let Some(slots) = index.get(&k)
                    && slots.len() <= RARE
                {
                    for &s in slots.iter().filter(|&&s| keep(i, s)) {
                        *score.entry(s).or_default() += 1;
                    }
                }
            }
            let mut best: Vec<(u32, usize)> = score.into_iter().map(|(s, n)| (n, s)).collect();
            best.sort_unstable_by(|a, b| b.cmp(a));
            best.into_iter().take(CANDIDATES).map(|(_, s)| s).collect()
        })
        .collect()
}

/// Candidates in the same region: every block of `to` in the region of each block of
/// `from` when there are at most [`CANDIDATES`] of them; the best by likeness among them
/// when at most [`LOCAL_ALL`]; else the best by shared rare words among them (scoring a
/// whole large region against each block would be quadratic).
pub(super) fn local_candidates(
    from: &[Bag],
    from_region: &[usize],
    to: &[Bag],
    to_region: &[usize],
) -> Vec<Vec<usize>> {
    // `to` is in block order, so each region's slots are one run.
    let mut runs: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for (slot, (j, _)) in to.iter().enumerate() {
        runs.entry(to_region[*j])
            .and_modify(|r| r.1 = slot + 1)
            .or_insert((slot, slot + 1));
    }
    let large = runs.values().any(|&(a, b)| b - a > LOCAL_ALL);
    let rare = large.then(|| candidates(from, to, |i, s| from_region[i] == to_region[to[s].0]));
    from.iter()
        .enumerate()
        .map(|(slot, (i, keys))| {
            let Some(&(a, b)) = runs.get(&from_region[*i]) else {
                return Vec::new();
            };
            if b - a <= CANDIDATES {
                return (a..b).collect();
            }
            if b - a > LOCAL_ALL
                && let Some(rare) = &rare
            {
                return rare[slot].clone();
            }
            let mut scored: Vec<(u64, usize)> = (a..b)
                .map(|s| ((dice(keys, to[s].1) * 1e6) as u64, s))
                .collect();
            scored.sort_unstable_by(|x, y| y.cmp(x));
            scored
                .into_iter()
                .take(CANDIDATES)
                .map(|(_, s)| s)
                .collect()
        })
        .collect()
}
