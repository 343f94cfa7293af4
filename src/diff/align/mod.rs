//! Blocks of both versions, and which block became which: equal in place, moved, split,
//! merged, edited, deleted or inserted. The blocks are read in [`blocks`]; the
//! alignment's passes (same place, equal keys elsewhere, splits and merges, likeness, the
//! one headline, in order) are in [`align`], with the likeness measures in [`likeness`]
//! and the ordering in [`order`].

mod blocks;
mod likeness;
mod order;

use std::collections::hash_map::Entry as MapEntry;

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};

pub(crate) use blocks::read_side;
use likeness::{Bag, SPLIT, candidates, local_candidates, merged};
pub(crate) use likeness::{SIMILAR, bag, dice};
use order::longest_increasing;

use super::tokens::Utf16Index;
use super::{Block, BlockKind};

/// One version, as the stages read it.
pub(crate) struct Version<'a> {
    pub(crate) text: &'a str,
    /// Its blocks, each the whole line it stands on (without its newline): the model's
    /// blocks, which the diff returns as they are.
    pub(crate) blocks: &'a [Block],
    pub(crate) utf16: &'a Utf16Index<'a>,
}

impl Version<'_> {
    pub(crate) fn block_text(&self, i: usize) -> &str {
        let s = self.blocks[i].span();
        &self.text[s.start..s.end]
    }
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

/// What became of a block, as [`Alignment`] stores it: a [`Fated`] in one word (an enum
/// with a `usize` is two, 16 bytes a block of a long text of short lines). The top bit
/// marks a group; all bits set, a lone block. Block and group indices index vectors, so
/// they are below `isize::MAX` and never reach the top bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fate(usize);

const GROUP_BIT: usize = 1 << (usize::BITS - 1);

#[allow(non_upper_case_globals)]
impl Fate {
    /// Only on its side.
    pub(crate) const Alone: Fate = Fate(usize::MAX);

    /// Aligned with block `j` of the other side.
    pub(crate) fn equal(j: usize) -> Fate {
        debug_assert!(j < GROUP_BIT);
        Fate(j)
    }

    /// In group `g`.
    pub(crate) fn group(g: usize) -> Fate {
        debug_assert!(g < GROUP_BIT - 1);
        Fate(g | GROUP_BIT)
    }

    /// What it is.
    pub(crate) fn get(self) -> Fated {
        match self.0 {
            usize::MAX => Fated::Alone,
            g if g & GROUP_BIT != 0 => Fated::Group(g & !GROUP_BIT),
            j => Fated::Equal(j),
        }
    }
}

/// What became of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fated {
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
        match fate[i].get() {
            Fated::Equal(j) => vec![j],
            Fated::Group(g) => {
                let g = &self.groups[g];
                if old { g.new.clone() } else { g.old.clone() }
            }
            Fated::Alone => {
                let from = other_region.partition_point(|&r| r < region[i]);
                (from..other_region.len())
                    .take_while(|&j| other_region[j] == region[i])
                    .filter(|&j| other_fate[j] == Fate::Alone)
                    .collect()
            }
        }
    }
}

/// Align the blocks of two versions, given each block's key (`keys`, old and new; they
/// are dropped when the alignment is done).
pub(crate) fn align(old: &Version, new: &Version, keys: (Vec<u64>, Vec<u64>)) -> Alignment {
    let (old_keys, new_keys) = keys;
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
                old_fate[i] = Fate::equal(j);
                new_fate[j] = Fate::equal(i);
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
        o.iter().for_each(|&i| old_fate[i] = Fate::group(g));
        n.iter().for_each(|&j| new_fate[j] = Fate::group(g));
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
    // Only lone blocks get a bag: a map, not a slot per block (most blocks are aligned,
    // and a slot is 24 bytes a block of a long text of short lines).
    let mut old_bags: FxHashMap<usize, Vec<u64>> = FxHashMap::default();
    let mut new_bags: FxHashMap<usize, Vec<u64>> = FxHashMap::default();
    // Two passes: in the same place first (a paragraph that also occurs elsewhere, or
    // that was edited where it stands, must not be taken for a move), then anywhere.
    // Each pass: equal keys, then splits, merges and pairs alike by their words.
    for same_region in [true, false] {
        let mut by_key: FxHashMap<(u64, usize), Vec<usize>> = FxHashMap::default();
        for j in (0..new.blocks.len()).rev() {
            if new_fate[j] == Fate::Alone {
                let r = if same_region { new_region[j] } else { 0 };
                by_key.entry((new_keys[j], r)).or_default().push(j);
            }
        }
        for i in 0..old.blocks.len() {
            if old_fate[i] != Fate::Alone {
                continue;
            }
            let r = if same_region { old_region[i] } else { 0 };
            if let MapEntry::Occupied(mut e) = by_key.entry((old_keys[i], r))
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
        fn lone<'c>(
            v: &Version,
            fate: &[Fate],
            cache: &'c mut FxHashMap<usize, Vec<u64>>,
        ) -> Vec<Bag<'c>> {
            for i in (0..v.blocks.len()).filter(|&i| fate[i] == Fate::Alone) {
                cache.entry(i).or_insert_with(|| bag(v, v.blocks[i].span()));
            }
            let cache: &'c FxHashMap<usize, Vec<u64>> = cache;
            (0..v.blocks.len())
                .filter(|&i| fate[i] == Fate::Alone)
                .filter_map(|i| Some((i, cache.get(&i)?.as_slice())))
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
                &bag(old, old.blocks[*i].span()),
                &bag(new, new.blocks[*j].span()),
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

    mark_in_place(&mut groups, &old_region, &new_region);
    Alignment {
        ops,
        old_fate,
        new_fate,
        groups,
        old_region,
        new_region,
    }
}

/// The last pass, in place: a group is in place when its blocks are in the same region
/// on both sides and in order with the region's other groups (a longest increasing run).
fn mark_in_place(groups: &mut [Group], old_region: &[usize], new_region: &[usize]) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(a: &str, b: &str) -> Alignment {
        let (oi, ni) = (Utf16Index::new(a), Utf16Index::new(b));
        let (ob, ok) = read_side(a, false, &oi);
        let (nb, nk) = read_side(b, false, &ni);
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
        align(&o, &n, (ok, nk))
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
}
