//! Blocks of both versions, and which block became which: equal in place, moved, split,
//! merged, edited, deleted or inserted.

use std::collections::hash_map::Entry as MapEntry;

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::BlockKind;
use super::tokens::{Utf16Index, block_key, tokens};
use crate::structure::{Layout, Span, layout};

/// A block: its whole line, and its alignment key.
#[derive(Clone, Debug)]
pub(crate) struct BlockLine {
    pub(crate) kind: BlockKind,
    pub(crate) number: usize,
    /// The whole line, without its newline.
    pub(crate) span: Span,
    pub(crate) key: u64,
}

/// One version, as the stages read it.
pub(crate) struct Version<'a> {
    pub(crate) text: &'a str,
    pub(crate) blocks: &'a [BlockLine],
    pub(crate) utf16: &'a Utf16Index<'a>,
}

impl Version<'_> {
    pub(crate) fn block_text(&self, i: usize) -> &str {
        let s = self.blocks[i].span;
        &self.text[s.start..s.end]
    }
}

/// The line holding `span`, without its newline.
fn whole_line(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Span::new(start, end)
}

/// A version's blocks, as `extract` lays the article out; with `lines`, every line that
/// is not blank.
pub(crate) fn read_side(text: &str, lines: bool) -> Vec<BlockLine> {
    if lines {
        let mut start = 0;
        let mut out = Vec::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if !body.trim().is_empty() {
                out.push(BlockLine {
                    kind: BlockKind::Line,
                    number: i + 1,
                    span: Span::new(start, start + line.trim_end_matches('\n').len()),
                    key: block_key(body),
                });
            }
            start += line.len();
        }
        return out;
    }
    let layout: Layout = layout(text);
    let mut raw: Vec<(BlockKind, usize, Span)> = Vec::new();
    raw.extend(
        layout
            .headline
            .iter()
            .map(|b| (BlockKind::Headline, 0, b.span)),
    );
    raw.extend(layout.byline.iter().map(|b| (BlockKind::Byline, 0, b.span)));
    raw.extend(
        layout
            .dateline
            .iter()
            .map(|b| (BlockKind::Dateline, 0, b.span)),
    );
    raw.extend(
        layout
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, &s)| (BlockKind::Paragraph, i + 1, s)),
    );
    // A source that ends the last paragraph (… (أ ف ب)) is part of that line.
    if let Some(s) = &layout.source
        && !layout.paragraphs.iter().any(|p| p.contains(s.span))
    {
        raw.push((BlockKind::Source, 0, s.span));
    }
    raw.sort_by_key(|&(_, _, s)| s.start);
    raw.into_iter()
        .map(|(kind, number, span)| {
            let span = whole_line(text, span);
            BlockLine {
                kind,
                number,
                span,
                key: block_key(&text[span.start..span.end]),
            }
        })
        .collect()
}

/// How a group of blocks was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// Equal keys (elsewhere than the alignment put them).
    Exact,
    /// Alike by their words.
    Similar,
    /// One old block, two new ones.
    Split,
    /// Two old blocks, one new one.
    Merge,
}

/// Blocks matched outside the alignment.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub(crate) old: Vec<usize>,
    pub(crate) new: Vec<usize>,
    pub(crate) how: Match,
    pub(crate) similarity: f64,
    /// In the same place (between the same aligned neighbours, and in order).
    pub(crate) in_place: bool,
}

/// What became of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Aligned with this block of the other side (equal keys, in place).
    Equal(usize),
    /// In this group.
    Group(usize),
    /// Only on its side.
    Alone,
}

/// The block-level result.
pub(crate) struct Alignment {
    /// The alignment's operations, in order.
    pub(crate) ops: Vec<similar::DiffOp>,
    pub(crate) old_fate: Vec<Fate>,
    pub(crate) new_fate: Vec<Fate>,
    pub(crate) groups: Vec<Group>,
    /// Per block: how many aligned blocks precede it (equal on both sides: the same
    /// place).
    pub(crate) old_region: Vec<usize>,
    pub(crate) new_region: Vec<usize>,
}

impl Alignment {
    /// The blocks of the other side that block `i` of one side (`old` or not) became
    /// or came from: its aligned block, its group's, or the lone blocks in its place.
    pub(crate) fn counterpart(&self, old: bool, i: usize) -> Vec<usize> {
        let (fate, other_fate, region, other_region) = if old {
            (
                &self.old_fate,
                &self.new_fate,
                &self.old_region,
                &self.new_region,
            )
        } else {
            (
                &self.new_fate,
                &self.old_fate,
                &self.new_region,
                &self.old_region,
            )
        };
        match fate[i] {
            Fate::Equal(j) => vec![j],
            Fate::Group(g) => {
                let g = &self.groups[g];
                if old { g.new.clone() } else { g.old.clone() }
            }
            Fate::Alone => {
                let from = other_region.partition_point(|&r| r < region[i]);
                (from..other_region.len())
                    .take_while(|&j| other_region[j] == region[i])
                    .filter(|&j| other_fate[j] == Fate::Alone)
                    .collect()
            }
        }
    }
}

/// Dice similarity of two sorted multisets.
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v = [a, b].concat();
    v.sort_unstable();
    v
}

/// The sorted keys of the words in `span` (punctuation left out: it makes unrelated
/// paragraphs look alike).
pub(crate) fn bag(v: &Version, span: Span) -> Vec<u64> {
    // Read in pieces, so that a huge block never holds all its tokens at once.
    let mut buf = Vec::new();
    let mut keys = Vec::new();
    for piece in pieces_at_spaces(v.text, span, 1 << 16) {
        buf.clear();
        tokens(v.text, piece, &mut buf);
        keys.extend(
            buf.iter()
                .filter(|t| {
                    v.text[t.start..t.word_end]
                        .chars()
                        .any(char::is_alphanumeric)
                })
                .map(|t| t.key),
        );
    }
    keys.sort_unstable();
    keys
}

/// `span` cut into pieces of about `size` bytes, each cut after an ASCII space and before
/// a letter or digit: a word boundary whatever surrounds it (UAX #29 never joins a
/// space to a following letter), so the pieces' tokens are the whole span's.
fn pieces_at_spaces(text: &str, span: Span, size: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start = span.start;
    std::iter::from_fn(move || {
        if start >= span.end {
            return None;
        }
        let mut cut = span.end;
        // Never a piece of blanks alone (blanks before the first word belong to it).
        let rest = &text[start..span.end];
        let mut from = (start + size).max(start + rest.len() - rest.trim_start().len());
        while from < span.end {
            let Some(i) = memchr::memchr(b' ', &text.as_bytes()[from..span.end]) else {
                break;
            };
            let p = from + i + 1;
            if p < span.end && text[p..].chars().next().is_some_and(char::is_alphanumeric) {
                cut = p;
                break;
            }
            from = p;
        }
        let piece = Span::new(start, cut);
        start = cut;
        Some(piece)
    })
}

/// A block (its index) and its word keys, sorted.
type Bag<'a> = (usize, &'a [u64]);

/// Words rarer than this (in how many unmatched blocks they occur) propose candidates.
const RARE: usize = 32;
/// Candidates scored per block.
const CANDIDATES: usize = 8;
/// Regions with more blocks than this are searched by rare words, not scored whole.
const LOCAL_ALL: usize = 64;
/// Least similarity of a pair.
pub(crate) const SIMILAR: f64 = 0.5;
/// Least similarity of a split or merge (with both parts together).
const SPLIT: f64 = 0.8;

/// For each block of `from`, its best candidates in `to`, by shared rare words, among
/// the slots of `to` that `keep(block of from, slot of to)` allows.
fn candidates(from: &[Bag], to: &[Bag], keep: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
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
fn local_candidates(
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

/// Align the blocks of two versions.
pub(crate) fn align(old: &Version, new: &Version) -> Alignment {
    let old_keys: Vec<u64> = old.blocks.iter().map(|b| b.key).collect();
    let new_keys: Vec<u64> = new.blocks.iter().map(|b| b.key).collect();
    // Paragraph keys are nearly all unique: Patience anchors on them.
    let ops = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    let mut old_fate = vec![Fate::Alone; old.blocks.len()];
    let mut new_fate = vec![Fate::Alone; new.blocks.len()];
    // Region: how many aligned blocks come before (same region on both sides = same
    // place).
    let mut old_region = vec![0usize; old.blocks.len()];
    let mut new_region = vec![0usize; new.blocks.len()];
    let mut region = 0;
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                old_fate[i] = Fate::Equal(j);
                new_fate[j] = Fate::Equal(i);
                region += 1;
                old_region[i] = region;
                new_region[j] = region;
            }
        } else {
            o.for_each(|i| old_region[i] = region);
            n.for_each(|j| new_region[j] = region);
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let add = |groups: &mut Vec<Group>,
               old_fate: &mut [Fate],
               new_fate: &mut [Fate],
               o: Vec<usize>,
               n: Vec<usize>,
               how: Match,
               similarity: f64| {
        let g = groups.len();
        o.iter().for_each(|&i| old_fate[i] = Fate::Group(g));
        n.iter().for_each(|&j| new_fate[j] = Fate::Group(g));
        groups.push(Group {
            old: o,
            new: n,
            how,
            similarity,
            in_place: false,
        });
    };

    let lines = old
        .blocks
        .iter()
        .chain(new.blocks)
        .any(|b| b.kind == BlockKind::Line);
    let mut old_bags: Vec<Option<Vec<u64>>> = vec![None; old.blocks.len()];
    let mut new_bags: Vec<Option<Vec<u64>>> = vec![None; new.blocks.len()];
    // Two passes: in the same place first (a paragraph that also occurs elsewhere, or
    // that was edited where it stands, must not be taken for a move), then anywhere.
    // Each pass: equal keys, then splits, merges and pairs alike by their words.
    for same_region in [true, false] {
        let mut by_key: FxHashMap<(u64, usize), Vec<usize>> = FxHashMap::default();
        for j in (0..new.blocks.len()).rev() {
            if new_fate[j] == Fate::Alone {
                let r = if same_region { new_region[j] } else { 0 };
                by_key.entry((new.blocks[j].key, r)).or_default().push(j);
            }
        }
        for i in 0..old.blocks.len() {
            if old_fate[i] != Fate::Alone {
                continue;
            }
            let r = if same_region { old_region[i] } else { 0 };
            if let MapEntry::Occupied(mut e) = by_key.entry((old.blocks[i].key, r))
                && let Some(j) = e.get_mut().pop()
            {
                add(
                    &mut groups,
                    &mut old_fate,
                    &mut new_fate,
                    vec![i],
                    vec![j],
                    Match::Exact,
                    1.0,
                );
            }
        }

        // The rest, by their words (each block's words read once).
        fn lone<'c>(v: &Version, fate: &[Fate], cache: &'c mut [Option<Vec<u64>>]) -> Vec<Bag<'c>> {
            for i in (0..v.blocks.len()).filter(|&i| fate[i] == Fate::Alone) {
                cache[i].get_or_insert_with(|| bag(v, v.blocks[i].span));
            }
            let cache: &'c [Option<Vec<u64>>] = cache;
            (0..v.blocks.len())
                .filter(|&i| fate[i] == Fate::Alone)
                .filter_map(|i| Some((i, cache[i].as_deref()?)))
                .collect()
        }
        // Lines of a text that is not an article (snapshot YAML) repeat their few words
        // (`span: [110, 340]`): likeness far away is noise there, so only in place.
        if lines && !same_region {
            continue;
        }
        let lone_old = lone(old, &old_fate, &mut old_bags);
        let lone_new = lone(new, &new_fate, &mut new_bags);
        if !lone_old.is_empty() && !lone_new.is_empty() {
            let old_slot: FxHashMap<usize, usize> = lone_old
                .iter()
                .enumerate()
                .map(|(s, (i, _))| (*i, s))
                .collect();
            let new_slot: FxHashMap<usize, usize> = lone_new
                .iter()
                .enumerate()
                .map(|(s, (j, _))| (*j, s))
                .collect();
            let (old_cands, new_cands) = if same_region {
                // In place: the blocks of the same region, all of them when few.
                (
                    local_candidates(&lone_old, &old_region, &lone_new, &new_region),
                    local_candidates(&lone_new, &new_region, &lone_old, &old_region),
                )
            } else {
                (
                    candidates(&lone_old, &lone_new, |_, _| true),
                    candidates(&lone_new, &lone_old, |_, _| true),
                )
            };

            // Splits and merges: a block against a run of adjacent blocks of the other
            // side, grown one neighbour at a time while the likeness grows.
            let mut proposals: Vec<(f64, Vec<usize>, Vec<usize>, Match)> = Vec::new();
            let mut runs = |from: &[Bag],
                            to: &[Bag],
                            cands: &[Vec<usize>],
                            to_slot: &FxHashMap<usize, usize>,
                            split: bool| {
                for (slot, (i, keys)) in from.iter().enumerate() {
                    for &c in &cands[slot] {
                        let alone = dice(keys, to[c].1);
                        let (mut lo, mut hi) = (to[c].0, to[c].0);
                        let mut union = to[c].1.to_vec();
                        let mut best = alone;
                        loop {
                            let grow = |j: Option<usize>| {
                                let s = *to_slot.get(&j?)?;
                                let u = merged(&union, to[s].1);
                                Some((dice(keys, &u), j?, u))
                            };
                            let left = grow(lo.checked_sub(1));
                            let right = grow(Some(hi + 1));
                            let pick = match (left, right) {
                                (Some(l), Some(r)) => Some(if r.0 >= l.0 { r } else { l }),
                                (l, r) => l.or(r),
                            };
                            match pick {
                                Some((d, j, u)) if d > best => {
                                    best = d;
                                    union = u;
                                    if j < lo { lo = j } else { hi = j }
                                }
                                _ => break,
                            }
                        }
                        if hi > lo && best >= SPLIT && best > alone + 0.1 {
                            let run: Vec<usize> = (lo..=hi).collect();
                            let (o, n) = if split {
                                (vec![*i], run)
                            } else {
                                (run, vec![*i])
                            };
                            proposals.push((
                                best,
                                o,
                                n,
                                if split { Match::Split } else { Match::Merge },
                            ));
                        }
                    }
                }
            };
            runs(&lone_old, &lone_new, &old_cands, &new_slot, true);
            runs(&lone_new, &lone_old, &new_cands, &old_slot, false);
            // Pairs alike by their words.
            for (slot, (i, keys)) in lone_old.iter().enumerate() {
                for &c in &old_cands[slot] {
                    let d = dice(keys, lone_new[c].1);
                    if d >= SIMILAR {
                        proposals.push((d, vec![*i], vec![lone_new[c].0], Match::Similar));
                    }
                }
            }
            // Best first; splits and merges win ties over pairs.
            proposals.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then((a.3 == Match::Similar).cmp(&(b.3 == Match::Similar)))
                    .then(a.1.cmp(&b.1))
                    .then(a.2.cmp(&b.2))
            });
            for (d, o, n, how) in &proposals {
                let free = o.iter().all(|&i| old_fate[i] == Fate::Alone)
                    && n.iter().all(|&j| new_fate[j] == Fate::Alone);
                let here = o.iter().all(|&i| old_region[i] == new_region[n[0]])
                    && n.iter().all(|&j| new_region[j] == new_region[n[0]]);
                if free && (here || !same_region) {
                    add(
                        &mut groups,
                        &mut old_fate,
                        &mut new_fate,
                        o.clone(),
                        n.clone(),
                        *how,
                        *d,
                    );
                }
            }
        }
    }

    // An article has one headline (byline, dateline, source line): rewritten, it is
    // still that headline, changed, however few of its words it kept.
    for kind in [
        BlockKind::Headline,
        BlockKind::Byline,
        BlockKind::Dateline,
        BlockKind::Source,
    ] {
        let alone_of = |v: &Version, fate: &[Fate]| -> Vec<usize> {
            (0..v.blocks.len())
                .filter(|&i| fate[i] == Fate::Alone && v.blocks[i].kind == kind)
                .collect()
        };
        let (o, n) = (alone_of(old, &old_fate), alone_of(new, &new_fate));
        if let ([i], [j]) = (o.as_slice(), n.as_slice()) {
            let d = dice(
                &bag(old, old.blocks[*i].span),
                &bag(new, new.blocks[*j].span),
            );
            add(
                &mut groups,
                &mut old_fate,
                &mut new_fate,
                vec![*i],
                vec![*j],
                Match::Similar,
                d,
            );
        }
    }

    // In place: same region, and in order with the other groups of the region.
    let mut by_region: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (g, group) in groups.iter().enumerate() {
        let (o, n) = (group.old[0], group.new[0]);
        if old_region[o] == new_region[n] {
            by_region.entry(old_region[o]).or_default().push(g);
        }
    }
    for (_, mut members) in by_region {
        members.sort_by_key(|&g| groups[g].old[0]);
        let seq: Vec<usize> = members.iter().map(|&g| groups[g].new[0]).collect();
        for k in longest_increasing(&seq) {
            groups[members[k]].in_place = true;
        }
    }
    Alignment {
        ops,
        old_fate,
        new_fate,
        groups,
        old_region,
        new_region,
    }
}

/// Positions of a longest strictly increasing subsequence of `seq`.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // positions
    let mut prev = vec![usize::MAX; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cutting a span into pieces at spaces gives the tokens of the whole span, marks,
    /// punctuation, digits and runs of spaces included.
    #[test]
    fn pieces_at_spaces_keep_the_tokens() {
        let text = "  قالَ الوزيرُ:  «النمو 3.5%»، وأضاف   (أ ف ب) ٢٠٢٤ ok\u{200F} هنا ";
        let span = Span::new(0, text.len());
        let mut whole = Vec::new();
        tokens(text, span, &mut whole);
        for size in 1..12 {
            let pieces: Vec<Span> = pieces_at_spaces(text, span, size).collect();
            assert!(pieces.len() > 3, "size {size}: {pieces:?}");
            assert_eq!(pieces.first().unwrap().start, 0);
            assert_eq!(pieces.last().unwrap().end, text.len());
            assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
            let mut cut = Vec::new();
            for p in pieces {
                tokens(text, p, &mut cut);
            }
            let keys = |v: &[crate::diff::tokens::Token]| -> Vec<(usize, usize, u64)> {
                v.iter().map(|t| (t.start, t.end, t.key)).collect()
            };
            assert_eq!(keys(&cut), keys(&whole), "size {size}");
        }
    }

    fn aligned(a: &str, b: &str) -> Alignment {
        let ob = read_side(a, false);
        let nb = read_side(b, false);
        let (oi, ni) = (Utf16Index::new(a), Utf16Index::new(b));
        let o = Version {
            text: a,
            blocks: &ob,
            utf16: &oi,
        };
        let n = Version {
            text: b,
            blocks: &nb,
            utf16: &ni,
        };
        align(&o, &n)
    }

    const P: [&str; 6] = [
        "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة الشمالية بحضور عدد من المسؤولين.",
        "وقال الوزير إن المستشفى يضم مئتي سرير وقسما خاصا لعلاج الأطفال وأمراض القلب.",
        "وأضاف أن الحكومة ستفتتح ثلاثة مستشفيات أخرى قبل نهاية العام الجاري في الجنوب.",
        "ويعاني القطاع الصحي منذ سنوات من نقص في الأطباء والممرضين في المناطق الريفية.",
        "وكانت نقابة الأطباء قد طالبت برفع الأجور وتحسين ظروف العمل في المستشفيات العامة.",
        "ومن المنتظر أن يزور الوزير محافظات أخرى الأسبوع المقبل لمتابعة سير المشاريع.",
    ];

    fn text(order: &[usize]) -> String {
        order.iter().map(|&i| format!("{}\n", P[i])).collect()
    }

    #[test]
    fn a_moved_paragraph_is_a_move() {
        let a = aligned(&text(&[0, 1, 2, 3, 4, 5]), &text(&[0, 2, 3, 4, 1, 5]));
        assert_eq!(a.groups.len(), 1);
        let g = &a.groups[0];
        assert_eq!(
            (g.old.clone(), g.new.clone(), g.how, g.in_place),
            (vec![1], vec![4], Match::Exact, false)
        );
    }

    #[test]
    fn moved_and_edited() {
        let edited = P[1].replace("مئتي سرير", "ثلاثمئة سرير");
        let new = format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n",
            P[0], P[2], P[3], P[4], edited, P[5]
        );
        let a = aligned(&text(&[0, 1, 2, 3, 4, 5]), &new);
        let g = &a.groups[0];
        assert_eq!(
            (g.old.clone(), g.new.clone(), g.how, g.in_place),
            (vec![1], vec![4], Match::Similar, false)
        );
        assert!(g.similarity > 0.8);
    }

    #[test]
    fn edited_in_place() {
        let edited = P[2].replace("ثلاثة", "أربعة");
        let new = format!("{}\n{}\n{}\n{}\n", P[0], P[1], edited, P[3]);
        let a = aligned(&text(&[0, 1, 2, 3]), &new);
        assert_eq!(a.groups.len(), 1);
        assert!(a.groups[0].in_place);
    }

    #[test]
    fn split_and_merge() {
        let joined = format!("{} {}", P[1], P[2]);
        let one = format!("{}\n{}\n{}\n", P[0], joined, P[3]);
        let two = text(&[0, 1, 2, 3]);
        let a = aligned(&one, &two);
        let g = &a.groups[0];
        assert_eq!(
            (g.old.clone(), g.new.clone(), g.how, g.in_place),
            (vec![1], vec![1, 2], Match::Split, true)
        );
        let a = aligned(&two, &one);
        let g = &a.groups[0];
        assert_eq!(
            (g.old.clone(), g.new.clone(), g.how),
            (vec![1, 2], vec![1], Match::Merge)
        );
    }

    #[test]
    fn unrelated_paragraphs_are_deleted_and_inserted() {
        let a = aligned(&text(&[0, 1, 3]), &text(&[0, 2, 3]));
        assert!(a.groups.is_empty());
        assert_eq!(a.old_fate[1], Fate::Alone);
        assert_eq!(a.new_fate[1], Fate::Alone);
    }

    #[test]
    fn lis() {
        assert_eq!(longest_increasing(&[3, 1, 2, 5, 4]), vec![1, 2, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
