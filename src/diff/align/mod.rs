//! Blocks of both versions, and which block became which: equal in place, moved, split,
//! merged, edited, deleted or inserted. The blocks are read in [`blocks`]; [`align`] runs
//! the alignment's passes of [`passes`] in order (the same place, equal keys, splits,
//! merges and pairs alike by their words, the one headline, in place), with the likeness
//! measures in [`likeness`] and the ordering in [`order`].

mod blocks;
mod likeness;
mod order;
mod passes;

pub(crate) use crate::diff::tokens::dice;
pub(crate) use blocks::read_side;
pub(crate) use likeness::{SIMILAR, bag};
use passes::Aligner;

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
}

/// Align the blocks of two versions, given each block's key (`keys`, old and new; they
/// are dropped when the alignment is done): the passes of [`passes`], in order.
pub(crate) fn align(old: &Version, new: &Version, keys: (Vec<u64>, Vec<u64>)) -> Alignment {
    let mut a = Aligner::anchored(old, new, keys);
    // In the same place first (a paragraph that also occurs elsewhere, or that was
    // edited where it stands, must not be taken for a move), then anywhere.
    for same_region in [true, false] {
        a.equal_keys(same_region);
        // Lines of a text that is not an article (snapshot YAML) repeat their few words
        // (`span: [110, 340]`): likeness far away is noise there, so only in place.
        if a.lines() && !same_region {
            continue;
        }
        let proposals = a.splits_merges_and_likes(same_region);
        a.accept(proposals, same_region);
    }
    a.one_of_a_kind();
    a.finish()
}

/// `f` of the versions `a` and `b` (read as articles) and their keys: for tests.
#[cfg(test)]
pub(crate) fn with_versions<R>(
    a: &str,
    b: &str,
    f: impl FnOnce(&Version, &Version, (Vec<u64>, Vec<u64>)) -> R,
) -> R {
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
    f(&o, &n, (ok, nk))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(a: &str, b: &str) -> Alignment {
        with_versions(a, b, align)
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
