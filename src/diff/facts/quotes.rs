//! Quotations (in marks, after a colon, and reported speech) matched across the whole
//! article, in four named passes:
//!
//! 1. [`same_words`]: the same words (spelling, punctuation and spacing aside) anywhere
//!    in the other version; a fact only when the marks went or came, or when the
//!    speaker named in the text changed (not when only an inference changed).
//! 2. [`in_place`]: quotations left over, in a block and the block it became, paired in
//!    reading order (a few steps of look-ahead) when alike: reworded.
//! 3. [`anywhere`]: those still left, paired article-wide through the words they share
//!    (words shared by many quotations are not used to find pairs): reworded.
//! 4. [`kept`]: a quotation still alone whose words are still in the other version
//!    lost (or gained) its marks; else it was removed (added).
//!
//! Each pass is linear or near-linear in the number of quotations and the text's size:
//! one paragraph of thousands of short quotations, each changed, must not take minutes.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::tokens::{dice, word_keys};
use super::places::Places;
use super::quote_words::{QuoteWords, Words};
use super::{Fact, FactKind, Version, block_of_span, fact};
use crate::structure::Quote;

/// A quotation and what the passes need of it.
struct Item<'a> {
    q: &'a Quote,
    /// A quotation mark right before or after it in the text (the extractor's
    /// [`Quote::marked`] also says whether the closing mark is missing, which changes
    /// with edits elsewhere in the paragraph).
    in_marks: bool,
    /// The words' keys in reading order.
    words: &'a [u64],
    /// The same, sorted.
    bag: &'a [u64],
    block: Option<usize>,
}

/// The item of `q`, with its words `w`.
fn item<'a>(v: &Version, q: &'a Quote, w: &'a Words) -> Item<'a> {
    let is_mark = |c: Option<char>| c.is_some_and(is_mark);
    let in_marks = is_mark(v.text[..q.span.start].chars().next_back())
        || is_mark(v.text[q.span.end..].chars().next());
    Item {
        q,
        in_marks,
        words: &w.words,
        bag: &w.bag,
        block: block_of_span(v, q.span),
    }
}

fn hash_words(w: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    w.hash(&mut h);
    h.finish()
}

fn named(q: &Quote) -> Option<&str> {
    q.speaker
        .as_ref()
        .filter(|s| !s.inferred)
        .map(|s| s.name.as_str())
}

pub(super) fn quote_fact(
    kind: FactKind,
    old: &Version,
    o: Option<&Quote>,
    new: &Version,
    n: Option<&Quote>,
) -> Fact {
    let mut f = fact(
        kind,
        old,
        o.map(|q| (q.text.as_str(), q.span)),
        new,
        n.map(|q| (q.text.as_str(), q.span)),
    );
    fn speaker(q: Option<&Quote>) -> Option<&crate::structure::Speaker> {
        q.and_then(|q| q.speaker.as_ref())
    }
    f.old_speaker = speaker(o).map(|s| s.name.clone());
    f.new_speaker = speaker(n).map(|s| s.name.clone());
    f.old_speaker_inferred = speaker(o).is_some_and(|s| s.inferred);
    f.new_speaker_inferred = speaker(n).is_some_and(|s| s.inferred);
    f
}

/// The quotation facts of two versions; `words`: [`quote_words`] of their quotations.
pub(super) fn quotes(
    old: &Version,
    a: &[Quote],
    new: &Version,
    b: &[Quote],
    words: &QuoteWords,
    places: &Places,
    out: &mut Vec<Fact>,
) {
    let olds: Vec<Item> = a
        .iter()
        .zip(&words.old)
        .map(|(q, w)| item(old, q, w))
        .collect();
    let news: Vec<Item> = b
        .iter()
        .enumerate()
        .map(|(j, q)| item(new, q, words.new_words(j)))
        .collect();
    let mut found = Vec::new();
    let (lone_old, lone_new) = same_words(old, &olds, new, &news, places, &mut found);
    let (lone_old, lone_new) = in_place(
        old, &olds, lone_old, new, &news, lone_new, places, &mut found,
    );
    let (lone_old, lone_new) = anywhere(
        old, &olds, lone_old, new, &news, lone_new, places, &mut found,
    );
    for (i, kind_marked, kind_gone) in [
        (true, FactKind::QuoteUnmarked, FactKind::QuoteRemoved),
        (false, FactKind::QuoteMarked, FactKind::QuoteAdded),
    ] {
        let (this, other, items, lone) = if i {
            (old, new, &olds, &lone_old)
        } else {
            (new, old, &news, &lone_new)
        };
        let still = kept(items, lone, other, places, i);
        let inner = nested(items);
        for (&k, still) in lone.iter().zip(still) {
            if inner[k] {
                // Inside another quotation (a fragment in marks within reported speech):
                // the outer one says what changed.
                continue;
            }
            let q = items[k].q;
            // Its words are still there: the marks went only if the other version has
            // fewer of them there (else the extractor only read the paragraph otherwise).
            if still && !fewer_marks(this, items[k].block, other, places, i) {
                continue;
            }
            let kind = if still { kind_marked } else { kind_gone };
            found.push(if i {
                quote_fact(kind, old, Some(q), new, None)
            } else {
                quote_fact(kind, old, None, new, Some(q))
            });
        }
    }
    found.sort_by_key(|f| {
        (
            f.new_range.map_or(usize::MAX, |r| r.start),
            f.old_range.map_or(usize::MAX, |r| r.start),
        )
    });
    out.extend(found);
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '"' | '“' | '”' | '„' | '‹' | '›' | '\'' | '‘' | '’'
    )
}

/// Whether the blocks of `other` that `block` of `this` became hold fewer quotation
/// marks than it.
fn fewer_marks(
    this: &Version,
    block: Option<usize>,
    other: &Version,
    places: &Places,
    is_old: bool,
) -> bool {
    let Some(b) = block else {
        return true;
    };
    let count = |t: &str| t.chars().filter(|&c| is_mark(c)).count();
    let there: usize = places
        .counterpart(is_old, b)
        .into_iter()
        .map(|j| count(other.block_text(j)))
        .sum();
    there < count(this.block_text(b))
}

/// For each quotation, whether it lies inside another one of the same version.
fn nested(items: &[Item]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&k| {
        (
            items[k].q.span.start,
            std::cmp::Reverse(items[k].q.span.end),
        )
    });
    let mut out = vec![false; items.len()];
    let mut reach = 0;
    for (n, &k) in order.iter().enumerate() {
        let s = items[k].q.span;
        out[k] = n > 0 && s.end <= reach;
        reach = reach.max(s.end);
    }
    out
}

/// Pass 1: the same words anywhere. Returns the quotations left alone on each side.
fn same_words(
    old: &Version,
    olds: &[Item],
    new: &Version,
    news: &[Item],
    places: &Places,
    out: &mut Vec<Fact>,
) -> (Vec<usize>, Vec<usize>) {
    let mut by_words: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, n) in news.iter().enumerate().rev() {
        by_words.entry(hash_words(n.words)).or_default().push(j);
    }
    let mut taken = vec![false; news.len()];
    let mut lone_old = Vec::new();
    for (i, o) in olds.iter().enumerate() {
        let Some(j) = by_words.get_mut(&hash_words(o.words)).and_then(Vec::pop) else {
            lone_old.push(i);
            continue;
        };
        taken[j] = true;
        let (q, n) = (o.q, news[j].q);
        let kind = match marks_went(old, o, new, &news[j], places) {
            Some(kind) => Some(kind),
            // Both speakers named in the text, and not the same name.
            _ => match (named(q), named(n)) {
                (Some(x), Some(y)) if !same_speaker(x, y) => Some(FactKind::SpeakerChanged),
                _ => None,
            },
        };
        if let Some(kind) = kind {
            out.push(quote_fact(kind, old, Some(q), new, Some(n)));
        }
    }
    let lone_new = (0..news.len()).filter(|&j| !taken[j]).collect();
    (lone_old, lone_new)
}

/// Alike enough to be one quotation reworded: half the words in common (Dice), or one's
/// words inside the other's (words added or dropped at either end).
fn alike(o: &Item, n: &Item) -> Option<f64> {
    let d = dice(o.bag, n.bag);
    if d >= 0.5 {
        return Some(d);
    }
    let (short, long) = if o.words.len() <= n.words.len() {
        (o.words, n.words)
    } else {
        (n.words, o.words)
    };
    (!short.is_empty() && long.windows(short.len()).any(|w| w == short)).then_some(0.5)
}

/// One speaker: the same name, or one name the start of the other (`القوات` and
/// `القوات الموالية لحكومة الرئيس`: the extractor ends a name at different words when
/// the spelling around it changes).
fn same_speaker(x: &str, y: &str) -> bool {
    // Nearly every speaker is named alike in both versions: no keys to compute (they
    // were a third of the facts' work on a 10 MB pair).
    if x == y {
        return x.split_whitespace().next().is_some();
    }
    let words = |s: &str| -> Vec<u64> { s.split_whitespace().map(super::words_key).collect() };
    let (x, y) = (words(x), words(y));
    let n = x.len().min(y.len());
    n > 0 && x[..n] == y[..n]
}

/// Unmarked (or marked): the quotation lost (gained) its marks, and its paragraph has
/// fewer (more) quotation marks than before; a change of mark style (`"` → `«`) or a
/// paragraph the extractor reads otherwise is neither.
fn marks_went(
    old: &Version,
    o: &Item,
    new: &Version,
    n: &Item,
    places: &Places,
) -> Option<FactKind> {
    match (o.in_marks, n.in_marks) {
        (true, false) if fewer_marks(old, o.block, new, places, true) => {
            Some(FactKind::QuoteUnmarked)
        }
        (false, true) if fewer_marks(new, n.block, old, places, false) => {
            Some(FactKind::QuoteMarked)
        }
        _ => None,
    }
}

/// Reworded; and when the marks went (or came) too, said so (old and new both shown).
/// `None` when only spelling, spacing or punctuation differ (`الـ 28` and `ال28`).
fn reworded(old: &Version, o: &Item, new: &Version, n: &Item, places: &Places) -> Option<Fact> {
    let kind = marks_went(old, o, new, n, places);
    if kind.is_none() && super::words_key(&o.q.text) == super::words_key(&n.q.text) {
        return None;
    }
    Some(quote_fact(
        kind.unwrap_or(FactKind::QuoteReworded),
        old,
        Some(o.q),
        new,
        Some(n.q),
    ))
}

/// Up to this many pairs, pass 2 tries every pair of a block's quotations.
const SMALL: usize = 64;

/// How many lone new quotations ahead pass 2 looks for a partner.
const LOOK_AHEAD: usize = 4;

/// Pass 2: in a block and the blocks it became, in reading order.
#[allow(clippy::too_many_arguments)]
fn in_place(
    old: &Version,
    olds: &[Item],
    lone_old: Vec<usize>,
    new: &Version,
    news: &[Item],
    lone_new: Vec<usize>,
    places: &Places,
    out: &mut Vec<Fact>,
) -> (Vec<usize>, Vec<usize>) {
    // The lone new quotations of each new block, in order.
    let mut of_block: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &j in &lone_new {
        if let Some(b) = news[j].block {
            of_block.entry(b).or_default().push(j);
        }
    }
    let mut used_new = FxHashSet::default();
    let mut rest_old = Vec::new();
    // Old quotations grouped by block (they come in reading order).
    let mut k = 0;
    while k < lone_old.len() {
        let block = olds[lone_old[k]].block;
        let end = k + lone_old[k..]
            .iter()
            .take_while(|&&i| olds[i].block == block)
            .count();
        let group = &lone_old[k..end];
        k = end;
        let Some(b) = block else {
            rest_old.extend_from_slice(group);
            continue;
        };
        let candidates: Vec<usize> = places
            .counterpart(true, b)
            .into_iter()
            .flat_map(|j| of_block.get(&j).cloned().unwrap_or_default())
            .filter(|j| !used_new.contains(j))
            .collect();
        // A few quotations: every pair, best first.
        if group.len() * candidates.len() <= SMALL {
            let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
            for (x, &i) in group.iter().enumerate() {
                for (y, &j) in candidates.iter().enumerate() {
                    if let Some(d) = alike(&olds[i], &news[j]) {
                        pairs.push((d, x, y));
                    }
                }
            }
            pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let mut paired = vec![false; group.len()];
            for (_, x, y) in pairs {
                let j = candidates[y];
                if paired[x] || used_new.contains(&j) {
                    continue;
                }
                paired[x] = true;
                used_new.insert(j);
                out.extend(reworded(old, &olds[group[x]], new, &news[j], places));
            }
            rest_old.extend(group.iter().zip(paired).filter(|p| !p.1).map(|p| *p.0));
            continue;
        }
        // Many: in reading order, a few steps of look-ahead.
        let mut at = 0;
        for &i in group {
            let best = candidates[at.min(candidates.len())..]
                .iter()
                .take(LOOK_AHEAD)
                .enumerate()
                .filter_map(|(step, &j)| alike(&olds[i], &news[j]).map(|d| (d, step, j)))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            match best {
                Some((_, step, j)) => {
                    used_new.insert(j);
                    at += step + 1;
                    out.extend(reworded(old, &olds[i], new, &news[j], places));
                }
                None => rest_old.push(i),
            }
        }
    }
    let rest_new = lone_new
        .into_iter()
        .filter(|j| !used_new.contains(j))
        .collect();
    (rest_old, rest_new)
}

/// A word shared by more quotations than this does not propose pairs in pass 3.
const COMMON_WORD: usize = 16;

/// Pass 3: anywhere in the article, through the rarer words they share.
#[allow(clippy::too_many_arguments)]
fn anywhere(
    old: &Version,
    olds: &[Item],
    lone_old: Vec<usize>,
    new: &Version,
    news: &[Item],
    lone_new: Vec<usize>,
    places: &Places,
    out: &mut Vec<Fact>,
) -> (Vec<usize>, Vec<usize>) {
    if lone_old.is_empty() || lone_new.is_empty() {
        return (lone_old, lone_new);
    }
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (slot, &j) in lone_new.iter().enumerate() {
        let mut seen = news[j].bag.to_vec();
        seen.dedup();
        for w in seen {
            postings.entry(w).or_default().push(slot);
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (x, &i) in lone_old.iter().enumerate() {
        let mut cands: Vec<usize> = Vec::new();
        let mut seen = olds[i].bag.to_vec();
        seen.dedup();
        for w in seen {
            if let Some(p) = postings.get(&w).filter(|p| p.len() <= COMMON_WORD) {
                cands.extend(p);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        for y in cands {
            if let Some(d) = alike(&olds[i], &news[lone_new[y]]) {
                pairs.push((d, x, y));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (vec![false; lone_old.len()], vec![false; lone_new.len()]);
    for (_, x, y) in pairs {
        if used_old[x] || used_new[y] {
            continue;
        }
        used_old[x] = true;
        used_new[y] = true;
        out.extend(reworded(
            old,
            &olds[lone_old[x]],
            new,
            &news[lone_new[y]],
            places,
        ));
    }
    let keep = |v: Vec<usize>, used: Vec<bool>| {
        v.into_iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(i, _)| i)
            .collect()
    };
    (keep(lone_old, used_old), keep(lone_new, used_new))
}

/// Windows longer than this are checked by their pieces of this many words.
const WINDOW: usize = 6;

/// Pass 4: for each lone quotation of `this` (indices into `items`), whether its words
/// are still in the blocks of `other` its block became, in order (every run of
/// [`WINDOW`] words of it is there). One set of word runs per block group, so the cost
/// is the text's size, not quotations × text.
fn kept(
    items: &[Item],
    lone: &[usize],
    other: &Version,
    places: &Places,
    is_old: bool,
) -> Vec<bool> {
    let mut groups: FxHashMap<Vec<usize>, Vec<usize>> = FxHashMap::default();
    for (slot, &k) in lone.iter().enumerate() {
        let there = items[k]
            .block
            .map(|b| places.counterpart(is_old, b))
            .unwrap_or_default();
        groups.entry(there).or_default().push(slot);
    }
    let mut out = vec![false; lone.len()];
    for (there, slots) in groups {
        if there.is_empty() {
            continue;
        }
        let mut words = Vec::new();
        for &j in &there {
            word_keys(other.text, other.blocks[j].span(), &mut words);
        }
        let mut lengths: Vec<usize> = slots
            .iter()
            .map(|&s| items[lone[s]].words.len().min(WINDOW))
            .filter(|&l| l > 0)
            .collect();
        lengths.sort_unstable();
        lengths.dedup();
        let runs: FxHashMap<usize, FxHashSet<u64>> = lengths
            .into_iter()
            .map(|l| (l, words.windows(l).map(hash_words).collect()))
            .collect();
        for s in slots {
            let w = items[lone[s]].words;
            let l = w.len().min(WINDOW);
            if l == 0 {
                continue;
            }
            let set = &runs[&l];
            out[s] = w.chunks(l).all(|c| {
                if c.len() == l {
                    set.contains(&hash_words(c))
                } else {
                    set.contains(&hash_words(&w[w.len() - l..]))
                }
            });
        }
    }
    out
}
