//! What of a changed block the terminal and unified views show: the sentences with a
//! change shown and `context` sentences either side, or, when every change shown is
//! spacing or invisible, a few words either side of each change. The rest is left out and
//! said so with `…`. Works on the byte offsets of one version (the new one for the
//! terminal view, either for the unified view's `-` and `+` lines); never fails.

use crate::diff::sentences::sentences;
use crate::diff::{Class, Diff, Entry, EntryKind, Op, OpKind, TextRange};
use crate::structure::Span;

/// Which version's text a [`Window`] is cut from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    /// The old text (the unified view's `-` lines).
    Old,
    /// The new text.
    New,
}

impl Version {
    /// An op's range in this version, then in the other.
    fn ranges(self, o: &Op) -> (Option<TextRange>, Option<TextRange>) {
        match self {
            Version::Old => (o.old, o.new),
            Version::New => (o.new, o.old),
        }
    }
}

/// Words shown either side of a spacing or invisible change.
const WORDS_AROUND: usize = 3;

/// The parts of the new text to show, sorted and apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    kept: Vec<Span>,
}

impl Window {
    /// The parts of `start..end` to show, and whether text is left out before each.
    pub(crate) fn parts(&self, start: usize, end: usize) -> Vec<(Span, bool)> {
        let mut out = Vec::new();
        let mut at = start;
        let first = self.kept.partition_point(|k| k.end <= start);
        for k in &self.kept[first..] {
            if k.start >= end {
                break;
            }
            let s = Span::new(k.start.max(start), k.end.min(end));
            out.push((s, s.start > at));
            at = s.end;
        }
        out
    }
}

/// Where the changes of `e` that are shown are, in `mine` (the text of `version`;
/// `other` is the other version's): the text of a change, the place of a change that has
/// no text in this version, the line breaks a split or merge added or removed.
fn places(
    e: &Entry,
    version: Version,
    mine: &str,
    other: &str,
    start: usize,
    hidden: &[Class],
) -> Vec<Span> {
    let mut out = Vec::new();
    // Where this version's text stands before the first op: its first block's start.
    let (mut other_end, mut mine_end): (Option<usize>, usize) = (None, start);
    let first = start;
    for o in &e.ops {
        let (m, t) = version.ranges(o);
        let at = m.map_or(mine_end, |r| r.start);
        let broke_other = matches!((other_end, t), (Some(l), Some(r)) if r.start > l && other[l..r.start].contains('\n'));
        let broke_mine = mine_end > first && at > mine_end && mine[mine_end..at].contains('\n');
        if broke_mine {
            // A line break of this version: the end of the line before it and the start
            // of the next.
            out.push(Span::new(mine_end, mine_end));
        }
        if broke_other || broke_mine {
            out.push(Span::new(at, at));
        }
        let shown = o.op != OpKind::Equal && o.class.is_none_or(|c| !hidden.contains(&c));
        if shown {
            out.push(m.map_or(Span::new(at, at), |r| Span::new(r.start, r.end)));
        }
        other_end = t.map(|r| r.end).or(other_end);
        mine_end = m.map_or(mine_end, |r| r.end);
    }
    out
}

fn touches(s: Span, p: Span) -> bool {
    if p.is_empty() {
        s.start <= p.start && p.start <= s.end
    } else {
        s.start < p.end && p.start < s.end
    }
}

/// `n` words before `at` and after `end` in `text[block]`: the span between.
fn words_around(text: &str, block: Span, p: Span, n: usize) -> Span {
    let before = text[block.start..p.start].char_indices().rev();
    let start = nth_word_end(before, n).map_or(block.start, |i| block.start + i);
    let after = text[p.end..block.end].char_indices();
    let end = nth_word_end(after, n).map_or(block.end, |i| p.end + i);
    Span::new(start, end)
}

/// Where, walking `chars` (forwards or backwards), the `n`th word has been passed: the
/// index of the whitespace after it, if there are `n` words.
fn nth_word_end(chars: impl Iterator<Item = (usize, char)>, n: usize) -> Option<usize> {
    let (mut seen, mut in_word) = (0, false);
    for (i, c) in chars {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    return Some(i);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    None
}

/// What to show of changed entry `e` in the text of `version`, `None` for all of it (a
/// deleted or inserted block, or one whose every sentence is shown).
pub(crate) fn window(
    diff: &Diff,
    e: &Entry,
    version: Version,
    context: usize,
    hidden: &[Class],
) -> Option<Window> {
    if matches!(
        e.kind,
        EntryKind::Deleted | EntryKind::Inserted | EntryKind::Unchanged
    ) {
        return None;
    }
    let (old, new) = (diff.old.text, diff.new.text);
    let (side, indices, mine, other) = match version {
        Version::Old => (&diff.old, &e.old, old, new),
        Version::New => (&diff.new, &e.new, new, old),
    };
    let blocks: Vec<Span> = indices
        .iter()
        .map(|&i| {
            let r = side.blocks[i].range;
            Span::new(r.start, r.end)
        })
        .collect();
    let start = blocks.first()?.start;
    let places = places(e, version, mine, other, start, hidden);
    if places.is_empty() {
        return None;
    }
    let spacing_only = e.ops.iter().all(|o| {
        o.op == OpKind::Equal
            || o.class.is_none_or(|c| {
                hidden.contains(&c) || matches!(c, Class::Whitespace | Class::Invisible)
            })
    });
    let mut kept: Vec<Span> = Vec::new();
    if spacing_only {
        for &p in &places {
            if let Some(&b) = blocks.iter().find(|b| touches(**b, p)) {
                kept.push(words_around(mine, b, p, WORDS_AROUND));
            }
        }
    } else {
        let all: Vec<Span> = blocks.iter().flat_map(|&b| sentences(mine, b)).collect();
        // The sentences each place touches, found by bisection (the sentences are in
        // order and apart), and `context` either side marked in a difference array: a
        // paragraph of n sentences with a change in each costs n log n, not n².
        let mut delta = vec![0i64; all.len() + 1];
        for &p in &places {
            let first = all.partition_point(|s| {
                if p.is_empty() {
                    s.end < p.start
                } else {
                    s.end <= p.start
                }
            });
            for (i, s) in all.iter().enumerate().skip(first) {
                if !touches(*s, p) {
                    break;
                }
                delta[i.saturating_sub(context)] += 1;
                delta[i.saturating_add(context).min(all.len() - 1) + 1] -= 1;
            }
        }
        let keep: Vec<bool> = delta[..all.len()]
            .iter()
            .scan(0i64, |n, d| {
                *n += d;
                Some(*n > 0)
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return None;
        }
        kept = all
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(s, _)| *s)
            .collect();
    }
    if kept.is_empty() {
        // A change outside the blocks' text: show them whole rather than nothing.
        return None;
    }
    kept.sort();
    let mut merged: Vec<Span> = Vec::new();
    for k in kept {
        match merged.last_mut() {
            Some(m) if k.start <= m.end => m.end = m.end.max(k.end),
            _ => merged.push(k),
        }
    }
    let whole = blocks.iter().all(|b| merged.iter().any(|m| m.contains(*b)));
    (!whole).then_some(Window { kept: merged })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_say_where_text_is_left_out() {
        let w = Window {
            kept: vec![Span::new(10, 20), Span::new(30, 40)],
        };
        assert_eq!(
            w.parts(0, 35),
            [(Span::new(10, 20), true), (Span::new(30, 35), true)]
        );
        assert_eq!(w.parts(12, 18), [(Span::new(12, 18), false)]);
        assert_eq!(w.parts(20, 30), []);
    }

    #[test]
    fn a_few_words_around_a_place() {
        let t = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة";
        let at = t.find("خمسة").unwrap();
        let p = Span::new(at, at + "خمسة".len());
        let s = words_around(t, Span::new(0, t.len()), p, 2);
        assert_eq!(&t[s.start..s.end], " ثلاثة أربعة خمسة ستة سبعة");
    }
}
