//! Entries in reading order, and the word diff inside each changed block pair.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use similar::{Algorithm, DiffTag, capture_diff_deadline, capture_diff_slices};

use super::align::{Alignment, Fate, Fated, Group, Match, Version};
use super::sentences::sentences;
use super::tokens::{Token, block_key, tokens};
use super::{Class, Entry, EntryKind, Op, OpKind, classify, spacing};
use crate::structure::Span;

/// The word diff's limits, and what hit them.
pub(crate) struct Budget {
    deadline: Instant,
    word_limit: usize,
    /// Word diffs cut short by the deadline.
    timed_out: usize,
    /// Block pairs (or parts) not diffed word by word.
    coarse: usize,
}

impl Budget {
    pub(crate) fn new(time: Duration, word_limit: usize) -> Budget {
        Budget {
            deadline: Instant::now() + time,
            word_limit,
            timed_out: 0,
            coarse: 0,
        }
    }

    /// Why the result is approximate, if it is.
    pub(crate) fn notes(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.timed_out > 0 {
            v.push(format!(
                "{} word diffs hit the time limit and may not be minimal",
                self.timed_out
            ));
        }
        if self.coarse > 0 {
            v.push(format!(
                "{} changed stretches were too long (or past the time limit) to diff word by word and are shown whole",
                self.coarse
            ));
        }
        v
    }

    fn expired(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// The same limits, nothing hit yet: for one pair diffed beside others.
    fn share(&self) -> Budget {
        Budget {
            timed_out: 0,
            coarse: 0,
            ..*self
        }
    }

    /// Count what a [`Budget::share`] hit.
    fn add(&mut self, share: &Budget) {
        self.timed_out += share.timed_out;
        self.coarse += share.coarse;
    }
}

/// Push `op`, joining it to the previous one when both are equal text that follows it
/// on both sides.
fn push(out: &mut Vec<Op>, op: Op) {
    if op.op == OpKind::Equal
        && let Some(last) = out.last_mut()
        && last.op == OpKind::Equal
        && let (Some(a), Some(b), Some(c), Some(d)) =
            (last.old.as_mut(), op.old, last.new.as_mut(), op.new)
        // Only text that follows on both sides: the line break between two blocks of a
        // merge or split stays between two ops, where the views show it.
        && a.end == b.start
        && c.end == d.start
    {
        a.end = b.end;
        a.end16 = b.end16;
        c.end = d.end;
        c.end16 = d.end16;
        return;
    }
    out.push(op);
}

fn equal_op(old: &Version, o: Span, new: &Version, n: Span) -> Op {
    Op {
        op: OpKind::Equal,
        class: None,
        old: Some(old.utf16.range(o.start, o.end)),
        new: Some(new.utf16.range(n.start, n.end)),
        old_text: None,
        new_text: None,
    }
}

/// A change from `o` to `n` (either may be empty), appended to `out`: one op, or, when
/// the two sides are spaced differently, one op per part that changed
/// ([`spacing::pieces`]).
fn change_op(old: &Version, o: Option<Span>, new: &Version, n: Option<Span>, out: &mut Vec<Op>) {
    let ot = o.map_or("", |s| &old.text[s.start..s.end]);
    let nt = n.map_or("", |s| &new.text[s.start..s.end]);
    let Some(class) = classify(ot, nt) else {
        return;
    };
    let kind = match (o, n) {
        (Some(_), Some(_)) => OpKind::Replace,
        (Some(_), None) => OpKind::Delete,
        (None, Some(_)) => OpKind::Insert,
        (None, None) => return,
    };
    if let (Some(os), Some(ns)) = (o, n)
        && let Some(pieces) = spacing::pieces(ot, nt, class)
    {
        for p in pieces {
            let a = Span::new(os.start + p.old.start, os.start + p.old.end);
            let b = Span::new(ns.start + p.new.start, ns.start + p.new.end);
            match p.class {
                None => push(out, equal_op(old, a, new, b)),
                Some(_) => change_op(
                    old,
                    (!a.is_empty()).then_some(a),
                    new,
                    (!b.is_empty()).then_some(b),
                    out,
                ),
            }
        }
        return;
    }
    out.push(Op {
        op: kind,
        class: Some(class),
        old: o.map(|s| old.utf16.range(s.start, s.end)),
        new: n.map(|s| new.utf16.range(s.start, s.end)),
        old_text: o.map(|_| ot.to_string()),
        new_text: n.map(|_| nt.to_string()),
    });
}

/// A deletion after text whose new version lost its trailing space (the last words of
/// a line deleted: `هاتفيا وتيريزا ماي…` → `هاتفيا`) takes that space from the equal text
/// before it, so that every view shows the space before the deleted words instead of
/// gluing them to the word before.
fn keep_space_before_deletions(old: &Version, new: &Version, ops: &mut [Op]) {
    for k in 1..ops.len() {
        let (before, rest) = ops.split_at_mut(k);
        let (prev, del) = (&mut before[k - 1], &mut rest[0]);
        let (Some(po), Some(pn), Some(d)) = (prev.old, prev.new, del.old) else {
            continue;
        };
        if prev.op != OpKind::Equal || del.op != OpKind::Delete || po.end != d.start {
            continue;
        }
        let (ot, nt) = (&old.text[po.start..po.end], &new.text[pn.start..pn.end]);
        let space = ot.len() - ot.trim_end().len();
        if space == 0 || nt.ends_with(char::is_whitespace) || ot.len() == space {
            continue;
        }
        let cut = po.end - space;
        prev.old = Some(old.utf16.range(po.start, cut));
        del.old = Some(old.utf16.range(cut, d.end));
        del.old_text = Some(old.text[cut..d.end].to_string());
    }
}

fn cover(ts: &[Token]) -> Option<Span> {
    Some(Span::new(ts.first()?.start, ts.last()?.end))
}

/// Word diff of the text in `os` against the text in `ns`.
fn words(
    old: &Version,
    os: &[Span],
    new: &Version,
    ns: &[Span],
    budget: &mut Budget,
    out: &mut Vec<Op>,
) {
    // Every word is at least one token: text with more words than the limit (or past
    // the deadline) is shown whole without being cut into tokens at all.
    let words_in = |text: &str, spans: &[Span]| {
        spans
            .iter()
            .map(|s| text[s.start..s.end].split_whitespace().count())
            .sum::<usize>()
    };
    if budget.expired() || words_in(old.text, os).max(words_in(new.text, ns)) > budget.word_limit {
        budget.coarse += 1;
        // What the tokens would cover: all of it (blanks belong to their neighbours).
        let whole = |spans: &[Span]| {
            let whole = Span::new(spans.first()?.start, spans.last()?.end);
            (!whole.is_empty()).then_some(whole)
        };
        change_op(old, whole(os), new, whole(ns), out);
        return;
    }
    let (mut ot, mut nt) = (Vec::new(), Vec::new());
    os.iter().for_each(|&s| tokens(old.text, s, &mut ot));
    ns.iter().for_each(|&s| tokens(new.text, s, &mut nt));
    if budget.expired() || ot.len().max(nt.len()) > budget.word_limit {
        budget.coarse += 1;
        change_op(old, cover(&ot), new, cover(&nt), out);
        return;
    }
    let ok: Vec<u64> = ot.iter().map(|t| t.key).collect();
    let nk: Vec<u64> = nt.iter().map(|t| t.key).collect();
    let ops = capture_diff_deadline(
        Algorithm::Myers,
        &ok,
        0..ok.len(),
        &nk,
        0..nk.len(),
        Some(budget.deadline),
    );
    if budget.expired() {
        budget.timed_out += 1;
    }
    for (at, op) in ops.iter().enumerate() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            change_op(old, cover(&ot[o]), new, cover(&nt[n]), out);
            continue;
        }
        // Equal keys: the text may still differ (marks, spelling, spacing…). Runs of
        // identical tokens are one equal op; differing neighbours of one class, one
        // change. The space after the last token before a change belongs to that
        // change (a comma deleted takes its space along), so it is not compared.
        let next_changes = at + 1 < ops.len();
        let len = o.len();
        let same_at = |e: usize| {
            let (x, y) = (ot[o.start + e], nt[n.start + e]);
            if next_changes && e + 1 == len {
                old.text[x.start..x.word_end] == new.text[y.start..y.word_end]
            } else {
                old.text[x.start..x.end] == new.text[y.start..y.end]
            }
        };
        let mut k = 0;
        while k < len {
            let (a, b) = (ot[o.start + k], nt[n.start + k]);
            let same = same_at(k);
            let mut e = k + 1;
            if same {
                // Never across a line (the break between two blocks of a group): the
                // views show it between two ops.
                let follows = |e: usize| {
                    ot[o.start + e - 1].end == ot[o.start + e].start
                        && nt[n.start + e - 1].end == nt[n.start + e].start
                };
                while e < len && same_at(e) && follows(e) {
                    e += 1;
                }
                let (x, y) = (ot[o.start + e - 1], nt[n.start + e - 1]);
                push(
                    out,
                    equal_op(
                        old,
                        Span::new(a.start, x.end),
                        new,
                        Span::new(b.start, y.end),
                    ),
                );
            } else {
                let class = classify(&old.text[a.start..a.end], &new.text[b.start..b.end]);
                // Neighbours only: never across a line (a block boundary of a group).
                while e < len && {
                    let (x, y) = (ot[o.start + e], nt[n.start + e]);
                    let (px, py) = (ot[o.start + e - 1], nt[n.start + e - 1]);
                    let xt = &old.text[x.start..x.end];
                    let yt = &new.text[y.start..y.end];
                    px.end == x.start && py.end == y.start && xt != yt && classify(xt, yt) == class
                } {
                    e += 1;
                }
                let (x, y) = (ot[o.start + e - 1], nt[n.start + e - 1]);
                change_op(
                    old,
                    Some(Span::new(a.start, x.end)),
                    new,
                    Some(Span::new(b.start, y.end)),
                    out,
                );
            }
            k = e;
        }
    }
}

/// Sentence-sized pieces of `spans` ([`sentences`]).
fn pieces(text: &str, spans: &[Span]) -> Vec<Span> {
    spans.iter().flat_map(|&s| sentences(text, s)).collect()
}

/// The ops of a block pair (or group): words directly, or for long text sentences first
/// and then words inside the sentences that changed.
fn pair_ops(
    old: &Version,
    os: &[Span],
    new: &Version,
    ns: &[Span],
    budget: &mut Budget,
) -> Vec<Op> {
    let mut out = Vec::new();
    let bytes = |spans: &[Span]| spans.iter().map(Span::len).sum::<usize>();
    // About eight bytes a word in Arabic news.
    let long = bytes(os).max(bytes(ns)) > budget.word_limit * 8;
    if !long {
        words(old, os, new, ns, budget, &mut out);
        keep_space_before_deletions(old, new, &mut out);
        return out;
    }
    let op = pieces(old.text, os);
    let np = pieces(new.text, ns);
    let ok: Vec<u64> = op
        .iter()
        .map(|s| block_key(&old.text[s.start..s.end]))
        .collect();
    let nk: Vec<u64> = np
        .iter()
        .map(|s| block_key(&new.text[s.start..s.end]))
        .collect();
    for d in capture_diff_slices(Algorithm::Patience, &ok, &nk) {
        let (tag, o, n) = d.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                let (a, b) = (op[i], np[j]);
                if old.text[a.start..a.end] == new.text[b.start..b.end] {
                    push(&mut out, equal_op(old, a, new, b));
                } else {
                    words(old, &[a], new, &[b], budget, &mut out);
                }
            }
        } else {
            words(old, &op[o], new, &np[n], budget, &mut out);
        }
    }
    keep_space_before_deletions(old, new, &mut out);
    out
}

fn classes_of(ops: &[Op], moved: bool) -> Vec<Class> {
    let mut v: Vec<Class> = ops.iter().filter_map(|o| o.class).collect();
    if moved {
        v.push(Class::Moved);
    }
    v.sort();
    v.dedup();
    v
}

fn spans(v: &Version, idx: &[usize]) -> Vec<Span> {
    idx.iter().map(|&i| v.blocks[i].span()).collect()
}

/// A group's entry, and whether it still needs its word diff (not when its blocks are the
/// same text: their ops are made here).
fn group_entry(old: &Version, new: &Version, g: &Group) -> (Entry, Wait) {
    let (os, ns) = (spans(old, &g.old), spans(new, &g.new));
    let identical = g.old.len() == g.new.len()
        && g.old
            .iter()
            .zip(&g.new)
            .all(|(&i, &j)| old.block_text(i) == new.block_text(j));
    let kind = match g.how {
        Match::Split => EntryKind::Split,
        Match::Merge => EntryKind::Merged,
        _ if g.in_place => EntryKind::Changed,
        _ => EntryKind::Moved,
    };
    let mut e = Entry {
        kind,
        old: g.old.clone(),
        new: g.new.clone(),
        classes: Vec::new(),
        similarity: (g.how != Match::Exact).then_some((g.similarity * 1000.0).round() / 1000.0),
        ops: Vec::new(),
    };
    let moved = !g.in_place;
    if identical {
        let ops = os
            .iter()
            .zip(&ns)
            .map(|(&a, &b)| equal_op(old, a, new, b))
            .collect();
        finish(&mut e, ops, moved);
        return (e, Wait::Done);
    }
    (e, Wait::Words { moved })
}

/// What an entry still needs once all are listed.
#[derive(Clone, Copy)]
enum Wait {
    Done,
    /// The word diff of its blocks; `moved`: it left its place.
    Words {
        moved: bool,
    },
}

/// Give entry `e` its `ops` and the classes they make (and [`Class::Moved`] if `moved`).
fn finish(e: &mut Entry, ops: Vec<Op>, moved: bool) {
    e.classes = classes_of(&ops, moved);
    // A paragraph break is whitespace even when the words around it did not change.
    if matches!(e.kind, EntryKind::Split | EntryKind::Merged)
        && !e.classes.contains(&Class::Whitespace)
    {
        e.classes.push(Class::Whitespace);
        e.classes.sort();
    }
    e.ops = ops;
}

fn lone_entry(v: &Version, i: usize, deleted: bool) -> Entry {
    let s = v.blocks[i].span();
    let text = &v.text[s.start..s.end];
    let (ot, nt) = if deleted { (text, "") } else { ("", text) };
    let class = classify(ot, nt).unwrap_or(Class::Content);
    let range = Some(v.utf16.range(s.start, s.end));
    Entry {
        kind: if deleted {
            EntryKind::Deleted
        } else {
            EntryKind::Inserted
        },
        old: if deleted { vec![i] } else { Vec::new() },
        new: if deleted { Vec::new() } else { vec![i] },
        classes: vec![class],
        similarity: None,
        ops: vec![Op {
            op: if deleted {
                OpKind::Delete
            } else {
                OpKind::Insert
            },
            class: Some(class),
            old: if deleted { range } else { None },
            new: if deleted { None } else { range },
            old_text: deleted.then(|| text.to_string()),
            new_text: (!deleted).then(|| text.to_string()),
        }],
    }
}

/// A vector of `first`, with room for `room` indices.
fn with_first(first: usize, room: usize) -> Vec<usize> {
    let mut v = Vec::with_capacity(room);
    v.push(first);
    v
}

/// Give back the room an unchanged run that ended did not use.
fn close_run(out: &mut [Entry]) {
    if let Some(run) = out.last_mut().filter(|e| e.kind == EntryKind::Unchanged) {
        run.old.shrink_to_fit();
        run.new.shrink_to_fit();
    }
}

/// Every block's entry, in reading order: the new version's order, with deleted blocks
/// where they stood; a moved block is listed where it arrived.
pub(crate) fn entries(
    old: &Version,
    new: &Version,
    al: &Alignment,
    budget: &mut Budget,
) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    // Per entry of `out`, whether its word diff is still to be made (filled in as entries
    // wait: one byte each).
    let mut wait: Vec<Wait> = Vec::new();
    let emit_old = |out: &mut Vec<Entry>, i: usize| {
        if al.old_fate[i] == Fate::Alone {
            out.push(lone_entry(old, i, true));
        }
        // Moved away, or in a group listed at its new place.
    };
    for op in &al.ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            let end = o.end;
            for (i, j) in o.zip(n) {
                if old.block_text(i) == new.block_text(j) {
                    // Consecutive unchanged blocks are one entry, a run.
                    match out.last_mut() {
                        Some(run)
                            if run.kind == EntryKind::Unchanged
                                && run.old.last().map(|&l| l + 1) == Some(i)
                                && run.new.last().map(|&l| l + 1) == Some(j) =>
                        {
                            run.old.push(i);
                            run.new.push(j);
                        }
                        _ => out.push(Entry {
                            kind: EntryKind::Unchanged,
                            // Room for the rest of the equal run (shrunk when it ends).
                            old: with_first(i, end - i),
                            new: with_first(j, end - i),
                            classes: Vec::new(),
                            similarity: None,
                            ops: Vec::new(),
                        }),
                    }
                } else {
                    close_run(&mut out);
                    wait.resize(out.len(), Wait::Done);
                    wait.push(Wait::Words { moved: false });
                    out.push(Entry {
                        kind: EntryKind::Changed,
                        old: vec![i],
                        new: vec![j],
                        classes: Vec::new(),
                        similarity: None,
                        ops: Vec::new(),
                    });
                }
            }
            close_run(&mut out);
            continue;
        }
        let mut oi = o.start;
        for j in n {
            match al.new_fate[j].get() {
                Fated::Group(g) => {
                    let group = &al.groups[g];
                    if group.in_place {
                        while oi < o.end && oi < group.old[0] {
                            emit_old(&mut out, oi);
                            oi += 1;
                        }
                        oi = oi.max(group.old.iter().max().map_or(oi, |m| m + 1));
                    }
                    if j == group.new[0] {
                        let (e, w) = group_entry(old, new, group);
                        wait.resize(out.len(), Wait::Done);
                        wait.push(w);
                        out.push(e);
                    }
                }
                Fated::Alone => {
                    // What was deleted here comes before what was inserted, as in
                    // diff(1): up to the next block that stays in place.
                    while oi < o.end
                        && !matches!(al.old_fate[oi].get(), Fated::Group(g) if al.groups[g].in_place)
                    {
                        emit_old(&mut out, oi);
                        oi += 1;
                    }
                    out.push(lone_entry(new, j, false));
                }
                Fated::Equal(_) => {}
            }
        }
        while oi < o.end {
            emit_old(&mut out, oi);
            oi += 1;
        }
    }
    // The word diffs of the changed pairs, independent of each other: side by side,
    // each with its share of the budget (the same limits, counted together after).
    wait.resize(out.len(), Wait::Done);
    let hit = out
        .par_iter_mut()
        .zip(wait)
        .filter_map(|(e, w)| match w {
            Wait::Words { moved } => Some((e, moved)),
            Wait::Done => None,
        })
        .map(|(e, moved)| {
            let mut share = budget.share();
            let (os, ns) = (spans(old, &e.old), spans(new, &e.new));
            let ops = pair_ops(old, &os, new, &ns, &mut share);
            finish(e, ops, moved);
            share
        })
        .reduce(
            || budget.share(),
            |mut a, b| {
                a.add(&b);
                a
            },
        );
    budget.add(&hit);
    out
}
