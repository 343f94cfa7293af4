//! What changed for a reader: headline, byline, dateline, source, quotations and
//! speakers, numbers and dates; from the two extracted structures.

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::align::{Alignment, Fate, Version, bag, dice};
use super::tokens::block_key;
use super::{Fact, FactKind};
use crate::normalize::{Normalizer, Profile};
use crate::structure::{Article, Quote, Span};

fn fact(
    kind: FactKind,
    old: &Version,
    o: Option<(&str, Span)>,
    new: &Version,
    n: Option<(&str, Span)>,
) -> Fact {
    Fact {
        kind,
        old: o.map(|(t, _)| t.to_string()),
        new: n.map(|(t, _)| t.to_string()),
        old_range: o.map(|(_, s)| old.utf16.range(s.start, s.end)),
        new_range: n.map(|(_, s)| new.utf16.range(s.start, s.end)),
        old_speaker: None,
        new_speaker: None,
    }
}

/// A line that changed its words (or appeared, or went).
fn line(
    kind: FactKind,
    old: &Version,
    o: Option<(&str, Span)>,
    new: &Version,
    n: Option<(&str, Span)>,
    out: &mut Vec<Fact>,
) {
    let key = |x: Option<(&str, Span)>| x.map(|(t, _)| block_key(t));
    if key(o) != key(n) {
        out.push(fact(kind, old, o, new, n));
    }
}

fn speaker_key(q: &Quote) -> Option<u64> {
    q.speaker.as_ref().map(|s| block_key(&s.name))
}

fn quote_fact(
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
    f.old_speaker = o.and_then(|q| q.speaker.as_ref()).map(|s| s.name.clone());
    f.new_speaker = n.and_then(|q| q.speaker.as_ref()).map(|s| s.name.clone());
    f
}

/// The letters and digits of `s` under `search`: its words, whatever their spelling,
/// punctuation, spacing or line breaks.
fn squash(s: &str) -> String {
    let n = Normalizer::for_profile(Profile::Search).normalize(s);
    n.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn words_key(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    squash(s).hash(&mut h);
    h.finish()
}

/// Quotations by their words (punctuation aside): the same words with another
/// speaker; words reworded;
/// added; removed. A quotation whose words are all still in the other version (its
/// marks or its paragraph's end moved) is no fact.
fn quotes(
    old: &Version,
    a: &Article,
    new: &Version,
    b: &Article,
    al: &Alignment,
    out: &mut Vec<Fact>,
) {
    let mut by_key: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, q) in b.quotes.iter().enumerate().rev() {
        by_key.entry(words_key(&q.text)).or_default().push(j);
    }
    let mut taken_new = vec![false; b.quotes.len()];
    let mut lone_old = Vec::new();
    for q in &a.quotes {
        match by_key.get_mut(&words_key(&q.text)).and_then(Vec::pop) {
            Some(j) => {
                taken_new[j] = true;
                let n = &b.quotes[j];
                if let (Some(x), Some(y)) = (speaker_key(q), speaker_key(n))
                    && x != y
                {
                    out.push(quote_fact(
                        FactKind::SpeakerChanged,
                        old,
                        Some(q),
                        new,
                        Some(n),
                    ));
                }
            }
            None => lone_old.push(q),
        }
    }
    let lone_new: Vec<&Quote> = b
        .quotes
        .iter()
        .zip(&taken_new)
        .filter(|(_, t)| !**t)
        .map(|(q, _)| q)
        .collect();
    if lone_old.is_empty() && lone_new.is_empty() {
        return;
    }
    // Still there: the quotation's words are in the blocks its block became.
    let kept = |q: &Quote, is_old: bool| {
        let (this, other) = if is_old { (old, new) } else { (new, old) };
        let Some(b) = block_of_span(this, q.span) else {
            return false;
        };
        let there: String = al
            .counterpart(is_old, b)
            .into_iter()
            .map(|j| squash(other.block_text(j)))
            .collect();
        there.contains(&squash(&q.text))
    };
    let lone_old: Vec<&Quote> = lone_old.into_iter().filter(|q| !kept(q, true)).collect();
    let lone_new: Vec<&Quote> = lone_new.into_iter().filter(|q| !kept(q, false)).collect();
    // Reworded: alike by their words, best pairs first.
    let ob: Vec<Vec<u64>> = lone_old.iter().map(|q| bag(old, q.span)).collect();
    let nb: Vec<Vec<u64>> = lone_new.iter().map(|q| bag(new, q.span)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in ob.iter().enumerate() {
        for (j, y) in nb
            .iter()
            .enumerate()
            .take(MAX_QUOTE_PAIRS / ob.len().max(1))
        {
            let d = dice(x, y);
            if d >= 0.5 {
                pairs.push((d, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (vec![false; ob.len()], vec![false; nb.len()]);
    let mut found: Vec<Fact> = Vec::new();
    for (_, i, j) in pairs {
        if used_old[i] || used_new[j] {
            continue;
        }
        used_old[i] = true;
        used_new[j] = true;
        found.push(quote_fact(
            FactKind::QuoteReworded,
            old,
            Some(lone_old[i]),
            new,
            Some(lone_new[j]),
        ));
    }
    for (_, q) in lone_old.iter().enumerate().filter(|(i, _)| !used_old[*i]) {
        found.push(quote_fact(FactKind::QuoteRemoved, old, Some(q), new, None));
    }
    for (_, q) in lone_new.iter().enumerate().filter(|(j, _)| !used_new[*j]) {
        found.push(quote_fact(FactKind::QuoteAdded, old, None, new, Some(q)));
    }
    found.sort_by_key(|f| {
        (
            f.new_range.map_or(usize::MAX, |r| r.start),
            f.old_range.map_or(usize::MAX, |r| r.start),
        )
    });
    out.extend(found);
}

/// Reworded quotations are looked for among at most this many pairs (a heavily rewritten
/// long text has thousands of lone quotations on each side).
const MAX_QUOTE_PAIRS: usize = 1_000_000;

/// The block of `v` holding `span`.
fn block_of_span(v: &Version, span: Span) -> Option<usize> {
    let i = v.blocks.partition_point(|b| b.span.start <= span.start);
    (i > 0 && v.blocks[i - 1].span.contains(span)).then(|| i - 1)
}

/// A unit of comparison for numbers and dates: old blocks and the new blocks they became.
struct Unit {
    old: Vec<Span>,
    new: Vec<Span>,
}

fn units(old: &Version, new: &Version, al: &Alignment) -> Vec<Unit> {
    let mut out = Vec::new();
    let spans = |v: &Version, idx: &mut dyn Iterator<Item = usize>| {
        idx.map(|i| v.blocks[i].span).collect::<Vec<_>>()
    };
    for op in &al.ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                if old.block_text(i) != new.block_text(j) {
                    out.push(Unit {
                        old: vec![old.blocks[i].span],
                        new: vec![new.blocks[j].span],
                    });
                }
            }
        } else {
            // Blocks rewritten beyond recognition, in the same place: compared together.
            let lo = spans(old, &mut o.filter(|&i| al.old_fate[i] == Fate::Alone));
            let ln = spans(new, &mut n.filter(|&j| al.new_fate[j] == Fate::Alone));
            if !lo.is_empty() && !ln.is_empty() {
                out.push(Unit { old: lo, new: ln });
            }
        }
    }
    for g in &al.groups {
        out.push(Unit {
            old: spans(old, &mut g.old.iter().copied()),
            new: spans(new, &mut g.new.iter().copied()),
        });
    }
    out
}

/// The items of `all` (sorted by span) inside `spans`.
fn inside<'a, T>(all: &'a [T], span_of: impl Fn(&T) -> Span, spans: &[Span]) -> Vec<&'a T> {
    let mut v = Vec::new();
    for s in spans {
        let from = all.partition_point(|x| span_of(x).start < s.start);
        v.extend(all[from..].iter().take_while(|x| span_of(x).end <= s.end));
    }
    v
}

/// Compare two lists of (key, text, span) in order: replaced, removed, added.
#[allow(clippy::too_many_arguments)]
fn compare_items(
    old: &Version,
    o: &[(String, &str, Span)],
    new: &Version,
    n: &[(String, &str, Span)],
    kinds: [FactKind; 3],
    out: &mut Vec<Fact>,
) {
    let ok: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
    let nk: Vec<&str> = n.iter().map(|x| x.0.as_str()).collect();
    for d in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, a, b) = d.as_tag_tuple();
        let (a, b): (Vec<usize>, Vec<usize>) = (a.collect(), b.collect());
        match tag {
            DiffTag::Equal => {}
            _ => {
                let paired = a.len().min(b.len());
                for k in 0..paired {
                    let (x, y) = (&o[a[k]], &n[b[k]]);
                    out.push(fact(kinds[0], old, Some((x.1, x.2)), new, Some((y.1, y.2))));
                }
                for &i in &a[paired..] {
                    out.push(fact(kinds[1], old, Some((o[i].1, o[i].2)), new, None));
                }
                for &j in &b[paired..] {
                    out.push(fact(kinds[2], old, None, new, Some((n[j].1, n[j].2))));
                }
            }
        }
    }
}

fn fold(s: &str) -> String {
    let mut k = String::new();
    crate::normalize::fold_for_search(s, &mut k);
    k
}

/// The numbers of `art` inside `spans`, but those of a date (the date says it):
/// (value and unit key, text, span).
fn numbers_in<'a>(art: &'a Article, spans: &[Span]) -> Vec<(String, &'a str, Span)> {
    let dates: Vec<Span> = inside(&art.dates, |x| x.span, spans)
        .iter()
        .map(|d| d.span)
        .collect();
    inside(&art.numbers, |x| x.span, spans)
        .into_iter()
        .filter(|x| !dates.iter().any(|d| d.contains(x.span)))
        .map(|x| {
            let key = format!(
                "{} {}",
                x.value,
                x.unit.as_deref().map(fold).unwrap_or_default()
            );
            (key, x.text.as_str(), x.span)
        })
        .collect()
}

/// The dates of `art` inside `spans`: (value and text key, text, span).
fn dates_in<'a>(art: &'a Article, spans: &[Span]) -> Vec<(String, &'a str, Span)> {
    inside(&art.dates, |x| x.span, spans)
        .into_iter()
        .map(|x| {
            (
                format!("{} {}", x.value, fold(&x.text)),
                x.text.as_str(),
                x.span,
            )
        })
        .collect()
}

fn numbers_and_dates(
    old: &Version,
    a: &Article,
    new: &Version,
    b: &Article,
    al: &Alignment,
    out: &mut Vec<Fact>,
) {
    for u in units(old, new, al) {
        compare_items(
            old,
            &numbers_in(a, &u.old),
            new,
            &numbers_in(b, &u.new),
            [
                FactKind::NumberChanged,
                FactKind::NumberRemoved,
                FactKind::NumberAdded,
            ],
            out,
        );
        compare_items(
            old,
            &dates_in(a, &u.old),
            new,
            &dates_in(b, &u.new),
            [
                FactKind::DateChanged,
                FactKind::DateRemoved,
                FactKind::DateAdded,
            ],
            out,
        );
    }
}

fn block_of(x: &Option<crate::structure::Block>) -> Option<(&str, Span)> {
    x.as_ref().map(|b| (b.text.as_str(), b.span))
}

fn source_of(x: &Option<crate::structure::Source>) -> Option<(&str, Span)> {
    x.as_ref().map(|s| (s.text.as_str(), s.span))
}

/// Facts of two versions and their alignment.
pub(crate) fn facts(
    old: &Version,
    a: &Article,
    new: &Version,
    b: &Article,
    al: &Alignment,
) -> Vec<Fact> {
    let mut out = Vec::new();
    for (kind, o, n) in [
        (
            FactKind::Headline,
            block_of(&a.headline),
            block_of(&b.headline),
        ),
        (FactKind::Byline, block_of(&a.byline), block_of(&b.byline)),
        (
            FactKind::Dateline,
            block_of(&a.dateline),
            block_of(&b.dateline),
        ),
        (FactKind::Source, source_of(&a.source), source_of(&b.source)),
    ] {
        line(kind, old, o, new, n, &mut out);
    }
    quotes(old, a, new, b, al, &mut out);
    let mut nd = Vec::new();
    numbers_and_dates(old, a, new, b, al, &mut nd);
    nd.sort_by_key(|f| {
        (
            f.new_range.map_or(usize::MAX, |r| r.start),
            f.old_range.map_or(usize::MAX, |r| r.start),
        )
    });
    out.extend(nd);
    out
}
