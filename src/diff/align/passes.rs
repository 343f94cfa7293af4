//! The alignment's passes, each a method of [`Aligner`], run in this order by
//! [`align`](super::align):
//!
//! 1. [`Aligner::anchored`], the same place: `similar`'s Patience diff over the blocks'
//!    keys; every block gets its region (how many aligned blocks precede it).
//! 2. [`Aligner::equal_keys`]: lone blocks with equal keys, in the same region first, then
//!    anywhere (moves).
//! 3. [`Aligner::splits_merges_and_likes`] then [`Aligner::accept`]: a block against a run
//!    of adjacent blocks of the other side (splits, merges), and pairs alike by their
//!    words (Dice ≥ [`SIMILAR`]), best first; in the same region first, then anywhere.
//! 4. [`Aligner::one_of_a_kind`]: the one headline (byline, dateline, source line) left on
//!    each side is that headline, changed.
//! 5. [`Aligner::finish`]: which groups are in place (in their region, in order).

use std::collections::hash_map::Entry as MapEntry;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::likeness::{Bag, SPLIT, candidates, local_candidates, merged};
use super::order::longest_increasing;
use super::{Alignment, BlockKind, Fate, Group, Match, SIMILAR, Version, bag, dice};

/// A proposed group: its likeness, old blocks, new blocks, and how it matched.
pub(crate) type Proposal = (f64, Vec<usize>, Vec<usize>, Match);

/// The alignment being built, pass by pass.
pub(crate) struct Aligner<'v, 'a> {
    old: &'v Version<'a>,
    new: &'v Version<'a>,
    old_keys: Vec<u64>,
    new_keys: Vec<u64>,
    ops: Vec<similar::DiffOp>,
    old_fate: Vec<Fate>,
    new_fate: Vec<Fate>,
    old_region: Vec<usize>,
    new_region: Vec<usize>,
    groups: Vec<Group>,
    /// Each lone block's word keys, read once: a map, not a slot per block (most blocks
    /// are aligned, and a slot is 24 bytes a block of a long text of short lines).
    old_bags: FxHashMap<usize, Vec<u64>>,
    new_bags: FxHashMap<usize, Vec<u64>>,
}

/// The lone blocks of `v` with their word keys (read into `cache` once).
fn lone<'c>(v: &Version, fate: &[Fate], cache: &'c mut FxHashMap<usize, Vec<u64>>) -> Vec<Bag<'c>> {
    // The bags not read yet, side by side (each is its block's alone), a window of
    // blocks at a time: what waits to go into the cache stays small.
    const WINDOW: usize = 4096;
    for from in (0..v.blocks.len()).step_by(WINDOW) {
        let to = (from + WINDOW).min(v.blocks.len());
        let missing: Vec<usize> = (from..to)
            .filter(|&i| fate[i] == Fate::Alone && !cache.contains_key(&i))
            .collect();
        let bags: Vec<(usize, Vec<u64>)> = missing
            .par_iter()
            .map(|&i| (i, bag(v, v.blocks[i].span())))
            .collect();
        cache.extend(bags);
    }
    let cache: &'c FxHashMap<usize, Vec<u64>> = cache;
    (0..v.blocks.len())
        .filter(|&i| fate[i] == Fate::Alone)
        .filter_map(|i| Some((i, cache.get(&i)?.as_slice())))
        .collect()
}

impl<'v, 'a> Aligner<'v, 'a> {
    /// The same place: blocks aligned by Patience over their keys, each block's region.
    pub(crate) fn anchored(
        old: &'v Version<'a>,
        new: &'v Version<'a>,
        (old_keys, new_keys): (Vec<u64>, Vec<u64>),
    ) -> Self {
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
        Aligner {
            old,
            new,
            old_keys,
            new_keys,
            ops,
            old_fate,
            new_fate,
            old_region,
            new_region,
            groups: Vec::new(),
            old_bags: FxHashMap::default(),
            new_bags: FxHashMap::default(),
        }
    }

    /// Whether the versions are read as lines, not as an article.
    pub(crate) fn lines(&self) -> bool {
        self.old
            .blocks
            .iter()
            .chain(self.new.blocks)
            .any(|b| b.kind == BlockKind::Line)
    }

    /// Make blocks `o` and `n` a group.
    fn add(&mut self, o: Vec<usize>, n: Vec<usize>, how: Match, similarity: f64) {
        let g = self.groups.len();
        o.iter().for_each(|&i| self.old_fate[i] = Fate::group(g));
        n.iter().for_each(|&j| self.new_fate[j] = Fate::group(g));
        self.groups.push(Group {
            old: o,
            new: n,
            how,
            similarity,
            in_place: false,
        });
    }

    /// Lone blocks with equal keys (in the same region, or anywhere): each old block
    /// takes the first such new block.
    pub(crate) fn equal_keys(&mut self, same_region: bool) {
        let mut by_key: FxHashMap<(u64, usize), Vec<usize>> = FxHashMap::default();
        for j in (0..self.new.blocks.len()).rev() {
            if self.new_fate[j] == Fate::Alone {
                let r = if same_region { self.new_region[j] } else { 0 };
                by_key.entry((self.new_keys[j], r)).or_default().push(j);
            }
        }
        for i in 0..self.old.blocks.len() {
            if self.old_fate[i] != Fate::Alone {
                continue;
            }
            let r = if same_region { self.old_region[i] } else { 0 };
            if let MapEntry::Occupied(mut e) = by_key.entry((self.old_keys[i], r))
                && let Some(j) = e.get_mut().pop()
            {
                self.add(vec![i], vec![j], Match::Exact, 1.0);
            }
        }
    }

    /// Groups proposed for the lone blocks (of the same region, or anywhere): splits and
    /// merges (a block against a run of adjacent blocks of the other side, grown one
    /// neighbour at a time while the likeness grows) and pairs alike by their words.
    pub(crate) fn splits_merges_and_likes(&mut self, same_region: bool) -> Vec<Proposal> {
        let lone_old = lone(self.old, &self.old_fate, &mut self.old_bags);
        let lone_new = lone(self.new, &self.new_fate, &mut self.new_bags);
        let mut proposals: Vec<Proposal> = Vec::new();
        if lone_old.is_empty() || lone_new.is_empty() {
            return proposals;
        }
        let slots = |bags: &[Bag]| -> FxHashMap<usize, usize> {
            bags.iter().enumerate().map(|(s, (i, _))| (*i, s)).collect()
        };
        let (old_slot, new_slot) = (slots(&lone_old), slots(&lone_new));
        // Each side's candidates in the other, side by side.
        let (old_cands, new_cands) = if same_region {
            // In place: the blocks of the same region, all of them when few.
            rayon::join(
                || local_candidates(&lone_old, &self.old_region, &lone_new, &self.new_region),
                || local_candidates(&lone_new, &self.new_region, &lone_old, &self.old_region),
            )
        } else {
            rayon::join(
                || candidates(&lone_old, &lone_new, |_, _| true),
                || candidates(&lone_new, &lone_old, |_, _| true),
            )
        };
        runs(
            &lone_old,
            &lone_new,
            &old_cands,
            &new_slot,
            true,
            &mut proposals,
        );
        runs(
            &lone_new,
            &lone_old,
            &new_cands,
            &old_slot,
            false,
            &mut proposals,
        );
        // Pairs alike by their words.
        for (slot, (i, keys)) in lone_old.iter().enumerate() {
            for &c in &old_cands[slot] {
                let d = dice(keys, lone_new[c].1);
                if d >= SIMILAR {
                    proposals.push((d, vec![*i], vec![lone_new[c].0], Match::Similar));
                }
            }
        }
        proposals
    }

    /// Take `proposals`, best first (splits and merges win ties over pairs), each whose
    /// blocks are all still lone (and, `same_region`, in one region).
    pub(crate) fn accept(&mut self, mut proposals: Vec<Proposal>, same_region: bool) {
        proposals.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then((a.3 == Match::Similar).cmp(&(b.3 == Match::Similar)))
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        for (d, o, n, how) in proposals {
            let free = o.iter().all(|&i| self.old_fate[i] == Fate::Alone)
                && n.iter().all(|&j| self.new_fate[j] == Fate::Alone);
            let place = self.new_region[n[0]];
            let here = o.iter().all(|&i| self.old_region[i] == place)
                && n.iter().all(|&j| self.new_region[j] == place);
            if free && (here || !same_region) {
                self.add(o, n, how, d);
            }
        }
    }

    /// An article has one headline (byline, dateline, source line): rewritten, it is
    /// still that headline, changed, however few of its words it kept.
    pub(crate) fn one_of_a_kind(&mut self) {
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
            let (o, n) = (
                alone_of(self.old, &self.old_fate),
                alone_of(self.new, &self.new_fate),
            );
            if let ([i], [j]) = (o.as_slice(), n.as_slice()) {
                let d = dice(
                    &bag(self.old, self.old.blocks[*i].span()),
                    &bag(self.new, self.new.blocks[*j].span()),
                );
                self.add(vec![*i], vec![*j], Match::Similar, d);
            }
        }
    }

    /// The last pass, in place: a group is in place when its blocks are in the same
    /// region on both sides and in order with the region's other groups (a longest
    /// increasing run). The keys and word bags are dropped here.
    pub(crate) fn finish(mut self) -> Alignment {
        let mut by_region: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (g, group) in self.groups.iter().enumerate() {
            let (o, n) = (group.old[0], group.new[0]);
            if self.old_region[o] == self.new_region[n] {
                by_region.entry(self.old_region[o]).or_default().push(g);
            }
        }
        for (_, mut members) in by_region {
            members.sort_by_key(|&g| self.groups[g].old[0]);
            let seq: Vec<usize> = members.iter().map(|&g| self.groups[g].new[0]).collect();
            for k in longest_increasing(&seq) {
                self.groups[members[k]].in_place = true;
            }
        }
        Alignment {
            ops: self.ops,
            old_fate: self.old_fate,
            new_fate: self.new_fate,
            groups: self.groups,
        }
    }
}

/// Splits (`split`: one block of `from` against a run of `to`) or merges, proposed into
/// `out`: each block against each candidate, the run grown one neighbour at a time
/// (the likelier side first) while the likeness grows.
fn runs(
    from: &[Bag],
    to: &[Bag],
    cands: &[Vec<usize>],
    to_slot: &FxHashMap<usize, usize>,
    split: bool,
    out: &mut Vec<Proposal>,
) {
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
                out.push((best, o, n, if split { Match::Split } else { Match::Merge }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::align::with_versions;

    const P: [&str; 5] = [
        "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة الشمالية بحضور عدد من المسؤولين.",
        "وقال الوزير إن المستشفى يضم مئتي سرير وقسما خاصا لعلاج الأطفال وأمراض القلب.",
        "وأضاف أن الحكومة ستفتتح ثلاثة مستشفيات أخرى قبل نهاية العام الجاري في الجنوب.",
        "ويعاني القطاع الصحي منذ سنوات من نقص في الأطباء والممرضين في المناطق الريفية.",
        "وكانت نقابة الأطباء قد طالبت برفع الأجور وتحسين ظروف العمل في المستشفيات العامة.",
    ];

    fn text(paragraphs: &[&str]) -> String {
        paragraphs.iter().map(|p| format!("{p}\n")).collect()
    }

    /// Run `passes` on an aligner of `a` → `b` anchored in place, and finish it.
    fn run(a: &str, b: &str, passes: impl FnOnce(&mut Aligner)) -> Alignment {
        with_versions(a, b, |o, n, keys| {
            let mut aligner = Aligner::anchored(o, n, keys);
            passes(&mut aligner);
            aligner.finish()
        })
    }

    fn groups(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>, Match, bool)> {
        a.groups
            .iter()
            .map(|g| (g.old.clone(), g.new.clone(), g.how, g.in_place))
            .collect()
    }

    #[test]
    fn anchoring_aligns_equal_blocks_and_counts_regions() {
        // ¶1 deleted: the others align, and each block's region counts the aligned
        // blocks before it.
        let (old, new) = (text(&P), text(&[P[0], P[2], P[3], P[4]]));
        let regions = with_versions(&old, &new, |o, n, keys| {
            let a = Aligner::anchored(o, n, keys);
            (a.old_region.clone(), a.new_region.clone())
        });
        assert_eq!(regions, (vec![1, 1, 2, 3, 4], vec![1, 2, 3, 4]));
        let a = run(&old, &new, |_| {});
        assert_eq!(a.old_fate[1], Fate::Alone);
        assert_eq!(a.old_fate[2].get(), crate::diff::align::Fated::Equal(1));
        assert!(a.groups.is_empty());
    }

    #[test]
    fn equal_keys_anywhere_is_a_move_not_in_place() {
        let (old, new) = (text(&P), text(&[P[0], P[2], P[3], P[1], P[4]]));
        // In the same region only: the moved paragraph is in another region.
        let here = run(&old, &new, |a| a.equal_keys(true));
        assert!(here.groups.is_empty(), "{:?}", groups(&here));
        let anywhere = run(&old, &new, |a| {
            a.equal_keys(true);
            a.equal_keys(false);
        });
        assert_eq!(groups(&anywhere), [(vec![1], vec![3], Match::Exact, false)]);
    }

    #[test]
    fn likeness_pairs_an_edited_paragraph_in_place() {
        let edited = P[1].replace("مئتي سرير", "ثلاثمئة سرير");
        let a = run(&text(&P), &text(&[P[0], &edited, P[2], P[3], P[4]]), |a| {
            let proposals = a.splits_merges_and_likes(true);
            assert!(
                proposals
                    .iter()
                    .all(|p| p.3 == Match::Similar && p.0 >= SIMILAR)
            );
            a.accept(proposals, true);
        });
        assert_eq!(groups(&a), [(vec![1], vec![1], Match::Similar, true)]);
    }

    #[test]
    fn a_paragraph_cut_in_two_is_a_split_and_joined_a_merge() {
        let (first, second) = P[1].split_at(P[1].find(" وقسما").unwrap());
        let split = text(&[P[0], first, second.trim(), P[2], P[3], P[4]]);
        let in_place = |a: &mut Aligner| {
            let proposals = a.splits_merges_and_likes(true);
            a.accept(proposals, true);
        };
        let a = run(&text(&P), &split, in_place);
        assert_eq!(groups(&a), [(vec![1], vec![1, 2], Match::Split, true)]);
        let b = run(&split, &text(&P), in_place);
        assert_eq!(groups(&b), [(vec![1, 2], vec![1], Match::Merge, true)]);
    }

    #[test]
    fn accept_takes_the_best_proposal_first_and_each_block_once() {
        let (old, new) = (text(&P), text(&[P[0], P[2], P[3], P[4]]));
        let a = run(&old, &new, |a| {
            // Two proposals for the same lone old block ¶1: only the likelier is taken,
            // and a proposal naming an aligned block is not.
            a.accept(
                vec![
                    (0.6, vec![1], vec![2], Match::Similar),
                    (0.9, vec![1], vec![0], Match::Similar),
                ],
                false,
            );
        });
        assert!(
            a.groups.is_empty(),
            "aligned blocks are not free: {:?}",
            groups(&a)
        );
        let lone = text(&[P[0], "سطر جديد تماما لا يشبه شيئا.", P[2], P[3], P[4]]);
        let b = run(&old, &lone, |a| {
            a.accept(
                vec![
                    (0.6, vec![1], vec![1], Match::Similar),
                    (0.9, vec![1], vec![1], Match::Split),
                ],
                true,
            );
        });
        assert_eq!(groups(&b), [(vec![1], vec![1], Match::Split, true)]);
    }

    #[test]
    fn the_one_headline_left_is_that_headline_changed() {
        let old = format!("عنوان قديم للخبر\n\n{}", text(&P));
        let new = format!("عنوان آخر مختلف كليا\n\n{}", text(&P));
        let a = run(&old, &new, |a| a.one_of_a_kind());
        assert_eq!(groups(&a), [(vec![0], vec![0], Match::Similar, true)]);
    }
}
