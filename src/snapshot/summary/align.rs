//! Two lists of items aligned by their text: Myers' diff (`similar`), then, inside a
//! run it replaced, the old and new items paired that are one item edited. Pure
//! functions.

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One step of an alignment of two lists (indices into the old and the new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The same key on both sides.
    Same(usize, usize),
    /// Paired in a replaced run: the key changed.
    Changed(usize, usize),
    /// Only in the old list.
    Deleted(usize),
    /// Only in the new list.
    Inserted(usize),
}

/// `a` and `b` aligned by their keys, in order. Inside a run that Myers' diff replaced,
/// `pairs(i, j)` says which old and new items are one item changed; the pairs are chosen
/// in order, as many as can be (the rest deleted and inserted).
pub(super) fn aligned(
    a: &[String],
    b: &[String],
    pairs: impl Fn(usize, usize) -> bool,
) -> Vec<Step> {
    let mut steps = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => steps.extend((0..len).map(|k| Step::Same(old_index + k, new_index + k))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => steps.extend((old_index..old_index + old_len).map(Step::Deleted)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => steps.extend((new_index..new_index + new_len).map(Step::Inserted)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => steps.extend(pair_run(
                old_index..old_index + old_len,
                new_index..new_index + new_len,
                &pairs,
            )),
        }
    }
    steps
}

/// The most pairs `(i, j)` of a replaced run, in order on both sides, for which
/// `pairs(i, j)` holds (a longest common subsequence over that relation); a run too
/// long for that (over 4,096 cells) pairs by position.
pub(super) fn pair_run(
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
    pairs: &impl Fn(usize, usize) -> bool,
) -> Vec<Step> {
    let (n, m) = (old.len(), new.len());
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    if n * m <= 4096 {
        let mut best = vec![vec![0usize; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let take = if pairs(old.start + i, new.start + j) {
                    best[i + 1][j + 1] + 1
                } else {
                    0
                };
                best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if pairs(old.start + i, new.start + j) && best[i][j] == best[i + 1][j + 1] + 1 {
                chosen.push((old.start + i, new.start + j));
                i += 1;
                j += 1;
            } else if best[i + 1][j] >= best[i][j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    } else {
        chosen.extend(old.clone().zip(new.clone()));
    }
    // Steps in order: before each pair, the old items deleted and the new inserted.
    let mut steps = Vec::new();
    let (mut i, mut j) = (old.start, new.start);
    for (pi, pj) in chosen.into_iter().chain([(old.end, new.end)]) {
        steps.extend((i..pi).map(Step::Deleted));
        steps.extend((j..pj).map(Step::Inserted));
        if pi < old.end && pj < new.end {
            steps.push(Step::Changed(pi, pj));
        }
        (i, j) = (pi + 1, pj + 1);
    }
    steps
}

/// `true` if two texts share at least half their words (Dice coefficient ≥ 0.5, as
/// the diff pairs blocks): a text edited rather than replaced.
pub(super) fn alike(a: &str, b: &str) -> bool {
    let mut wa: Vec<&str> = a.split_whitespace().collect();
    let mut wb: Vec<&str> = b.split_whitespace().collect();
    if wa.is_empty() && wb.is_empty() {
        return true;
    }
    wa.sort_unstable();
    wb.sort_unstable();
    let (mut x, mut y, mut common) = (0, 0, 0);
    while x < wa.len() && y < wb.len() {
        match wa[x].cmp(wb[y]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                x += 1;
                y += 1;
            }
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
        }
    }
    4 * common >= wa.len() + wb.len()
}
