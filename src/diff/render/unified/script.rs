//! The unified diff's line script, made from the diff's alignment: the lines of blocks
//! unchanged in place are context, a block changed in place is its old lines then its
//! new ones, and what lies between is matched only where its first and last lines are
//! equal; then the script's hunks.

use rustc_hash::FxHashMap;

use super::super::window::Version;
use crate::diff::{Diff, EntryKind, Side};

/// One version's text cut into lines (at `\n`, as git and patch cut them), and which
/// changed entry of the diff each of its changed blocks is in (unchanged runs are not
/// kept: their lines are printed whole; a slot per block took 24 bytes a line of a long
/// text of short lines).
pub(super) struct Lines<'a> {
    pub(super) version: Version,
    side: &'a Side<'a>,
    pub(super) text: &'a str,
    /// Where each line starts (the text's length after the last).
    pub(super) starts: Vec<usize>,
    /// The entry each block of `side` in a changed entry belongs to.
    owner: FxHashMap<usize, usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(diff: &'a Diff<'a>, version: Version) -> Lines<'a> {
        let side = match version {
            Version::Old => &diff.old,
            Version::New => &diff.new,
        };
        let text = side.text;
        let mut owner = FxHashMap::default();
        for (i, e) in diff.entries.iter().enumerate() {
            if e.kind == EntryKind::Unchanged {
                continue;
            }
            let blocks = match version {
                Version::Old => &e.old,
                Version::New => &e.new,
            };
            for &b in blocks {
                owner.insert(b, i);
            }
        }
        let mut starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&s| s < text.len())
            .collect();
        starts.push(text.len());
        Lines {
            version,
            side,
            text,
            starts,
            owner,
        }
    }

    /// How many lines.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Line `i`, its line end included.
    pub(super) fn line(&self, i: usize) -> &'a str {
        &self.text[self.starts[i]..self.starts[i + 1]]
    }

    /// The lines block `b` is on.
    fn of_block(&self, b: usize) -> std::ops::Range<usize> {
        let r = self.side.blocks[b].range;
        let first = self.starts.partition_point(|&s| s <= r.start) - 1;
        let last = self.starts.partition_point(|&s| s < r.end.max(r.start + 1)) - 1;
        first..(last + 1).min(self.len())
    }

    /// The changed entry whose blocks hold the text of `start..end`, if one does.
    pub(super) fn entry(&self, start: usize, end: usize) -> Option<usize> {
        let b = self.side.blocks.partition_point(|b| b.range.end <= start);
        let block = self.side.blocks.get(b)?;
        (block.range.start < end).then_some(())?;
        self.owner.get(&b).copied()
    }
}

/// What a run of lines does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
    Equal,
    Delete,
    Insert,
}

/// A run of lines: `len` lines from line `old` of the old text (`Equal`, `Delete`) and
/// from line `new` of the new one (`Equal`, `Insert`); the other side's number says
/// where the run stands in that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) tag: Tag,
    pub(super) old: usize,
    pub(super) new: usize,
    pub(super) len: usize,
}

/// The line script: runs in order, the same tag's touching runs merged.
#[derive(Default)]
pub(super) struct Script {
    pub(super) runs: Vec<Run>,
}

impl Script {
    fn push(&mut self, tag: Tag, old: usize, new: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.tag == tag
        {
            let (o, n) = match tag {
                Tag::Equal => (last.old + last.len, last.new + last.len),
                Tag::Delete => (last.old + last.len, last.new),
                Tag::Insert => (last.old, last.new + last.len),
            };
            if (o, n) == (old, new) {
                last.len += len;
                return;
            }
        }
        self.runs.push(Run { tag, old, new, len });
    }

    /// Old lines `o` and new lines `n`, between two anchors: equal first and last lines
    /// are context, the rest deleted, then inserted.
    fn gap(
        &mut self,
        old: &Lines,
        new: &Lines,
        o: std::ops::Range<usize>,
        n: std::ops::Range<usize>,
    ) {
        let (mut o, mut n) = (o, n);
        let mut head = 0;
        while o.start + head < o.end
            && n.start + head < n.end
            && old.line(o.start + head) == new.line(n.start + head)
        {
            head += 1;
        }
        self.push(Tag::Equal, o.start, n.start, head);
        o.start += head;
        n.start += head;
        let mut tail = 0;
        while o.end - tail > o.start
            && n.end - tail > n.start
            && old.line(o.end - tail - 1) == new.line(n.end - tail - 1)
        {
            tail += 1;
        }
        self.push(Tag::Delete, o.start, n.start, o.end - tail - o.start);
        self.push(Tag::Insert, o.end - tail, n.start, n.end - tail - n.start);
        self.push(Tag::Equal, o.end - tail, n.end - tail, tail);
    }
}

/// The line script of the diff: its anchors are the blocks unchanged in place (context)
/// and the single blocks changed in place (old lines, then new), in order on both sides.
pub(super) fn script(diff: &Diff, old: &Lines, new: &Lines) -> Script {
    let mut s = Script::default();
    let (mut o, mut n) = (0, 0);
    let mut anchor = |s: &mut Script, ob: usize, nb: usize, same: bool| {
        let (ol, nl) = (old.of_block(ob), new.of_block(nb));
        // Out of order (or sharing a line with the anchor before): left to the gap.
        if ol.start < o || nl.start < n {
            return;
        }
        s.gap(old, new, o..ol.start, n..nl.start);
        let equal = same
            && ol.len() == nl.len()
            && old.text[old.starts[ol.start]..old.starts[ol.end]]
                == new.text[new.starts[nl.start]..new.starts[nl.end]];
        if equal {
            s.push(Tag::Equal, ol.start, nl.start, ol.len());
        } else {
            s.push(Tag::Delete, ol.start, nl.start, ol.len());
            s.push(Tag::Insert, ol.end, nl.start, nl.len());
        }
        (o, n) = (ol.end, nl.end);
    };
    for e in &diff.entries {
        match e.kind {
            EntryKind::Unchanged => {
                for (&ob, &nb) in e.old.iter().zip(&e.new) {
                    anchor(&mut s, ob, nb, true);
                }
            }
            EntryKind::Changed if e.old.len() == 1 && e.new.len() == 1 => {
                anchor(&mut s, e.old[0], e.new[0], false);
            }
            _ => {}
        }
    }
    s.gap(old, new, o..old.len(), n..new.len());
    s
}

/// A hunk: runs `first..=last` of the script, with `before` lines of context taken from
/// the end of the equal run before and `after` from the start of the one after.
pub(super) struct Hunk {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) before: usize,
    pub(super) after: usize,
}

/// The script's hunks with `context` lines around each change.
pub(super) fn hunks(runs: &[Run], context: usize) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        if r.tag == Tag::Equal {
            continue;
        }
        // Joined to the hunk before when the equal run between is short enough.
        if let Some(h) = out.last_mut()
            && (h.last + 1..i)
                .all(|k| runs[k].tag != Tag::Equal || runs[k].len <= context.saturating_mul(2))
        {
            h.last = i;
            continue;
        }
        out.push(Hunk {
            first: i,
            last: i,
            before: 0,
            after: 0,
        });
    }
    for h in &mut out {
        if let Some(r) = h.first.checked_sub(1).map(|k| runs[k]) {
            h.before = r.len.min(context);
        }
        if let Some(r) = runs.get(h.last + 1) {
            h.after = r.len.min(context);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tag: Tag, old: usize, new: usize, len: usize) -> Run {
        Run { tag, old, new, len }
    }

    #[test]
    fn touching_runs_of_a_tag_merge_and_empty_ones_vanish() {
        let mut s = Script::default();
        s.push(Tag::Equal, 0, 0, 2);
        s.push(Tag::Equal, 2, 2, 1);
        s.push(Tag::Delete, 3, 3, 0);
        s.push(Tag::Delete, 3, 3, 1);
        s.push(Tag::Insert, 4, 3, 2);
        assert_eq!(
            s.runs,
            [
                run(Tag::Equal, 0, 0, 3),
                run(Tag::Delete, 3, 3, 1),
                run(Tag::Insert, 4, 3, 2)
            ]
        );
    }

    #[test]
    fn changes_closer_than_twice_the_context_share_a_hunk() {
        let runs = [
            run(Tag::Equal, 0, 0, 10),
            run(Tag::Delete, 10, 10, 1),
            run(Tag::Equal, 11, 10, 6),
            run(Tag::Insert, 17, 16, 1),
            run(Tag::Equal, 17, 17, 7),
            run(Tag::Delete, 24, 24, 1),
        ];
        let h = hunks(&runs, 3);
        let spans: Vec<_> = h
            .iter()
            .map(|h| (h.first, h.last, h.before, h.after))
            .collect();
        assert_eq!(spans, [(1, 3, 3, 3), (5, 5, 3, 0)]);
        // No context: every change its own hunk.
        assert_eq!(hunks(&runs, 0).len(), 3);
    }
}
