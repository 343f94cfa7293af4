//! Where each block went, read from the diff's entries (the public model), not from the
//! alignment that made them: the units numbers and dates are compared in, and the
//! blocks a quotation's block became.
//!
//! A *place* is a stretch of the reading order between blocks that stayed where they
//! were (unchanged, changed, split or merged in place): the blocks deleted and inserted
//! there (moved ones aside) are each other's counterparts, as the paragraphs an editor
//! rewrote in that place.

use super::super::{Entry, EntryKind};
use crate::structure::Span;

use super::Version;

/// An entry, for each block of one side.
const NONE: u32 = u32::MAX;

/// Where each block of both versions went.
pub(super) struct Places<'e> {
    entries: &'e [Entry],
    /// Per old block, its entry.
    old_entry: Vec<u32>,
    /// Per new block, its entry.
    new_entry: Vec<u32>,
    /// Per entry, its place (deleted and inserted entries only), else [`NONE`].
    place: Vec<u32>,
    /// Per place, its deleted (old) and inserted (new) blocks, in order.
    lone: Vec<(Vec<usize>, Vec<usize>)>,
}

impl<'e> Places<'e> {
    /// The places of `entries`, a diff of versions of `old_blocks` and `new_blocks`
    /// blocks.
    pub(super) fn new(entries: &'e [Entry], old_blocks: usize, new_blocks: usize) -> Places<'e> {
        let mut old_entry = vec![NONE; old_blocks];
        let mut new_entry = vec![NONE; new_blocks];
        let mut place = vec![NONE; entries.len()];
        let mut lone: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut open = false;
        for (i, e) in entries.iter().enumerate() {
            for &b in &e.old {
                old_entry[b] = i as u32;
            }
            for &b in &e.new {
                new_entry[b] = i as u32;
            }
            match e.kind {
                EntryKind::Deleted | EntryKind::Inserted => {
                    if !open {
                        lone.push((Vec::new(), Vec::new()));
                        open = true;
                    }
                    let last = lone.len() - 1;
                    place[i] = last as u32;
                    lone[last].0.extend(&e.old);
                    lone[last].1.extend(&e.new);
                }
                // A block moved here from elsewhere marks no place.
                EntryKind::Moved => {}
                _ => open = false,
            }
        }
        Places {
            entries,
            old_entry,
            new_entry,
            place,
            lone,
        }
    }

    /// The blocks of the other side that block `i` of one side (`old` or not) became or
    /// came from: its counterpart in an unchanged run, its entry's other blocks, or the
    /// blocks deleted or inserted in its place.
    pub(super) fn counterpart(&self, old: bool, i: usize) -> Vec<usize> {
        let entry = if old {
            &self.old_entry
        } else {
            &self.new_entry
        };
        let Some(&k) = entry.get(i).filter(|&&k| k != NONE) else {
            return Vec::new();
        };
        let e = &self.entries[k as usize];
        let (mine, other) = if old {
            (&e.old, &e.new)
        } else {
            (&e.new, &e.old)
        };
        match e.kind {
            EntryKind::Unchanged => mine
                .binary_search(&i)
                .ok()
                .and_then(|at| other.get(at))
                .map(|&j| vec![j])
                .unwrap_or_default(),
            EntryKind::Deleted | EntryKind::Inserted => {
                let (o, n) = &self.lone[self.place[k as usize] as usize];
                if old { n.clone() } else { o.clone() }
            }
            _ => other.clone(),
        }
    }

    /// The units numbers and dates are compared in: each changed, moved, split or
    /// merged entry's blocks (a value in place of another is a change), and each place's
    /// deleted and inserted blocks (values only removed and added).
    pub(super) fn units(&self, old: &Version, new: &Version) -> Vec<Unit> {
        let spans = |v: &Version, idx: &[usize]| {
            idx.iter().map(|&i| v.blocks[i].span()).collect::<Vec<_>>()
        };
        let mut out = Vec::new();
        for e in self.entries {
            match e.kind {
                EntryKind::Unchanged | EntryKind::Deleted | EntryKind::Inserted => {}
                _ => out.push(Unit {
                    old: spans(old, &e.old),
                    new: spans(new, &e.new),
                    pair: true,
                }),
            }
        }
        for (o, n) in &self.lone {
            out.push(Unit {
                old: spans(old, o),
                new: spans(new, n),
                pair: false,
            });
        }
        out
    }
}

/// A unit of comparison for numbers and dates: old blocks and the new blocks they became.
pub(super) struct Unit {
    pub(super) old: Vec<Span>,
    pub(super) new: Vec<Span>,
    /// One block's versions (or a split or merge): a number in place of another is a
    /// change. Else (deleted and inserted blocks) only removed and added.
    pub(super) pair: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: EntryKind, old: &[usize], new: &[usize]) -> Entry {
        Entry {
            kind,
            old: old.to_vec(),
            new: new.to_vec(),
            classes: Vec::new(),
            similarity: None,
            ops: Vec::new(),
        }
    }

    #[test]
    fn counterparts_by_run_entry_and_place() {
        // Old 0 1 2 3 4 5, new 0 1 2 3 4: an unchanged run, a rewritten paragraph in
        // place (old 2 deleted, new 2 inserted), a moved one between them, a change.
        let entries = [
            entry(EntryKind::Unchanged, &[0, 1], &[0, 1]),
            entry(EntryKind::Deleted, &[2], &[]),
            entry(EntryKind::Moved, &[5], &[2]),
            entry(EntryKind::Inserted, &[], &[3]),
            entry(EntryKind::Changed, &[3], &[4]),
            entry(EntryKind::Deleted, &[4], &[]),
        ];
        let p = Places::new(&entries, 6, 5);
        assert_eq!(p.counterpart(true, 1), [1]);
        assert_eq!(p.counterpart(false, 0), [0]);
        assert_eq!(
            p.counterpart(true, 2),
            [3],
            "the block inserted in its place"
        );
        assert_eq!(p.counterpart(false, 3), [2]);
        assert_eq!(p.counterpart(true, 5), [2], "a moved block's new self");
        assert_eq!(p.counterpart(true, 3), [4]);
        // After the change, a new place with nothing inserted.
        assert!(p.counterpart(true, 4).is_empty());
        assert!(p.counterpart(true, 99).is_empty());
    }
}
