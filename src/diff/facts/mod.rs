//! What changed for a reader: headline, byline, dateline, source, quotations and
//! speakers, numbers and dates; from the two extracted structures (their public model,
//! [`crate::structure`]) and the diff's entries (its public model: where each block
//! went, [`places`]).
//!
//! One rule for blocks that were deleted or inserted (or rewritten beyond recognition in
//! place): their numbers and dates are removed or added with them, never paired by
//! position with an unrelated block. Numbers are compared by value, range and unit, dates
//! by their calendar value and time, never by spelling (`57` = `٥٧`, `6` = `ستة`,
//! `مارس/ آذار` = `آذار/مارس`).

mod places;
mod quote_words;
mod quotes;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use places::{Places, Unit};
pub(crate) use quote_words::{QuoteWords, quote_words};

use super::tokens::{Utf16Index, block_key};
use super::{Block, Entry, Fact, FactKind, Side};
use crate::normalize::{Normalizer, Profile};
use crate::structure::{DateKind, DateMention, Deferred, Number, Span};

/// One version as the facts read it: the diff's side (its text and blocks) and the
/// UTF-16 offsets of its text.
pub(crate) struct Version<'a> {
    text: &'a str,
    blocks: &'a [Block],
    utf16: &'a Utf16Index<'a>,
}

impl<'a> Version<'a> {
    pub(crate) fn new(side: &'a Side<'a>, utf16: &'a Utf16Index<'a>) -> Version<'a> {
        Version {
            text: side.text,
            blocks: &side.blocks,
            utf16,
        }
    }

    fn block_text(&self, i: usize) -> &'a str {
        let s = self.blocks[i].span();
        &self.text[s.start..s.end]
    }
}

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
        old_speaker_inferred: false,
        new_speaker_inferred: false,
        old_block: o.and_then(|(_, s)| block_of_span(old, s)),
        new_block: n.and_then(|(_, s)| block_of_span(new, s)),
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
    // Changed words, as the diff classes them: an entity decoded (`&nbsp;`), a spelling
    // or a mark is not a changed headline.
    let content = match (o, n) {
        (Some((a, _)), Some((b, _))) => super::classify(a, b) == Some(super::Class::Content),
        _ => true,
    };
    if key(o) != key(n) && content {
        out.push(fact(kind, old, o, new, n));
    }
}

/// The letters and digits of `s` under `search`: its words, whatever their spelling,
/// punctuation, spacing or line breaks.
fn squash(s: &str) -> String {
    let n = Normalizer::for_profile(Profile::Search).normalize(s);
    n.chars()
        .filter(|&c| crate::structure::is_alnum(c))
        .collect()
}

fn words_key(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    squash(s).hash(&mut h);
    h.finish()
}

/// The block of `v` holding `span`.
fn block_of_span(v: &Version, span: Span) -> Option<usize> {
    let i = v.blocks.partition_point(|b| b.range.start <= span.start);
    (i > 0 && v.blocks[i - 1].span().contains(span)).then(|| i - 1)
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

/// Compare two lists of (key, text, span) in order: replaced, removed, added. A value on
/// both sides is no fact wherever it stands in the unit (`630` moved within its
/// paragraph); with `pair`, what is left is paired in place as changed. A value written
/// in words that is still there once spaces are ignored (`مساء السبت` → `مساءالسبت`,
/// which the extractor no longer reads as a date) is a spacing change, not a fact.
#[allow(clippy::too_many_arguments)]
fn compare_items(
    old: &Version,
    o: &[(String, String, Span)],
    new: &Version,
    n: &[(String, String, Span)],
    kinds: [FactKind; 3],
    unit: &Unit,
    out: &mut Vec<Fact>,
) {
    let ok: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
    let nk: Vec<&str> = n.iter().map(|x| x.0.as_str()).collect();
    let hunks: Vec<(Vec<usize>, Vec<usize>)> = capture_diff_slices(Algorithm::Myers, &ok, &nk)
        .into_iter()
        .filter(|d| d.tag() != DiffTag::Equal)
        .map(|d| {
            let (_, a, b) = d.as_tag_tuple();
            (a.collect(), b.collect())
        })
        .collect();
    // Values removed in one place and added in another of the same unit cancel.
    let mut added: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (_, b) in &hunks {
        for &j in b.iter().rev() {
            added.entry(nk[j]).or_default().push(j);
        }
    }
    let mut gone = vec![false; n.len()];
    let mut stays = vec![false; o.len()];
    for (a, _) in &hunks {
        for &i in a {
            if let Some(j) = added.get_mut(ok[i]).and_then(Vec::pop) {
                gone[j] = true;
                stays[i] = true;
            }
        }
    }
    let mut texts: [Option<String>; 2] = [None, None];
    let mut still_there = |side: usize, text: &str| -> bool {
        // Only values in words, in units of a reasonable size (a check per value).
        if !text.chars().any(char::is_alphabetic) {
            return false;
        }
        let (v, spans) = if side == 0 {
            (new, &unit.new)
        } else {
            (old, &unit.old)
        };
        if spans.iter().map(|s| s.end - s.start).sum::<usize>() > 1 << 16 {
            return false;
        }
        let t = texts[side].get_or_insert_with(|| {
            spans
                .iter()
                .map(|s| squash(&v.text[s.start..s.end]))
                .collect()
        });
        let w = squash(text);
        !w.is_empty() && t.contains(&w)
    };
    for (a, b) in &hunks {
        let a: Vec<usize> = a.iter().copied().filter(|&i| !stays[i]).collect();
        let b: Vec<usize> = b.iter().copied().filter(|&j| !gone[j]).collect();
        // Replaced in place, when the blocks are one block's two versions.
        let paired = if unit.pair { a.len().min(b.len()) } else { 0 };
        for k in 0..paired {
            let (x, y) = (&o[a[k]], &n[b[k]]);
            out.push(fact(
                kinds[0],
                old,
                Some((&x.1, x.2)),
                new,
                Some((&y.1, y.2)),
            ));
        }
        for &i in &a[paired..] {
            if !still_there(0, &o[i].1) {
                out.push(fact(kinds[1], old, Some((&o[i].1, o[i].2)), new, None));
            }
        }
        for &j in &b[paired..] {
            if !still_there(1, &n[j].1) {
                out.push(fact(kinds[2], old, None, new, Some((&n[j].1, n[j].2))));
            }
        }
    }
}

fn fold(s: &str) -> String {
    let mut k = String::new();
    crate::normalize::fold_for_search(s, &mut k);
    k
}

/// The numbers and dates of one version where the facts compare them.
struct Mentions {
    numbers: Vec<Number>,
    dates: Vec<DateMention>,
}

impl Mentions {
    /// Those of `art` (of `v`) in the spans of its side of `units` (`old` or not).
    fn of(art: &Deferred, v: &Version, units: &[Unit], old: bool) -> Mentions {
        let wanted: Vec<Span> = units
            .iter()
            .flat_map(|u| if old { &u.old } else { &u.new })
            .copied()
            .collect();
        let (numbers, dates) = art.mentions_near(v.text, &wanted);
        Mentions { numbers, dates }
    }
}

/// The numbers of `art` inside `spans`, but those of a date (the date says it):
/// (value and unit key, text, span).
fn numbers_in(art: &Mentions, spans: &[Span]) -> Vec<(String, String, Span)> {
    let dates: Vec<Span> = inside(&art.dates, |x| x.span, spans)
        .iter()
        .map(|d| d.span)
        .collect();
    inside(&art.numbers, |x| x.span, spans)
        .into_iter()
        .filter(|x| !dates.iter().any(|d| d.contains(x.span)))
        .map(|x| {
            let key = format!(
                "{} {} {}",
                x.value,
                x.to.as_deref().unwrap_or_default(),
                x.unit.as_deref().map(fold).unwrap_or_default()
            );
            // The unit is part of what a reader compares (`57 مليار` → `57 مليار ريال`).
            let text = match x.unit.as_deref() {
                Some(u) if !x.text.contains(u) => format!("{} {u}", x.text),
                _ => x.text.clone(),
            };
            (key, text, x.span)
        })
        .collect()
}

/// The part of the day (`""` for all of it) of a relative date `value` that names a day
/// within two of the article's (`yesterday evening`, `tonight`, `day after tomorrow`);
/// `None` for a wider one (`last week`).
fn day_part(value: &str) -> Option<&str> {
    match value {
        "tonight" | "last night" => return Some("night"),
        "this evening" => return Some("evening"),
        "this morning" => return Some("morning"),
        "this afternoon" => return Some("afternoon"),
        _ => {}
    }
    let rest = [
        "day before yesterday",
        "day after tomorrow",
        "yesterday",
        "today",
        "tomorrow",
    ]
    .iter()
    .find_map(|day| value.strip_prefix(day))?
    .trim_start();
    ["", "evening", "morning", "noon", "afternoon", "dawn"]
        .contains(&rest)
        .then_some(rest)
}

/// A date's comparison key: its value and time. A day named relative to the article's
/// date with its weekday (مساء اليوم الأحد, مساء أمس (الأحد)) is keyed as the weekday
/// (`sunday evening`, as مساء الأحد is): such words reach two days either side of the
/// article's date, so the same weekday is the same day, re-anchored when the article was
/// published again the next day (اليوم → أمس), not a date that changed.
fn date_key(x: &DateMention) -> String {
    let day = match (&x.kind, &x.weekday) {
        (DateKind::Relative, Some(w)) => day_part(&x.value).map(|part| match part {
            "" => w.clone(),
            part => format!("{w} {part}"),
        }),
        _ => None,
    };
    format!(
        "{} {}",
        day.as_deref().unwrap_or(&x.value),
        x.time.as_deref().unwrap_or_default()
    )
}

/// The dates of `art` inside `spans`: (value and text key, text, span).
fn dates_in(art: &Mentions, spans: &[Span]) -> Vec<(String, String, Span)> {
    inside(&art.dates, |x| x.span, spans)
        .into_iter()
        // By value, never by spelling: `مارس/ آذار` is `آذار/مارس`; a time is part of
        // its date (one fact when it changes).
        .map(|x| (date_key(x), x.text.clone(), x.span))
        .collect()
}

fn numbers_and_dates(
    old: &Version,
    a: &Deferred,
    new: &Version,
    b: &Deferred,
    places: &Places,
    out: &mut Vec<Fact>,
) {
    let units = places.units(old, new);
    // Read only in the units' blocks: elsewhere no number or date is compared.
    let (a, b) = rayon::join(
        || Mentions::of(a, old, &units, true),
        || Mentions::of(b, new, &units, false),
    );
    let (a, b) = (&a, &b);
    for u in &units {
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
            u,
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
            u,
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

/// Facts of two versions (`a` and `b` their structures, numbers and dates deferred;
/// `words`, [`quote_words`] of their quotations) and the diff's `entries`.
pub(crate) fn facts(
    old: &Version,
    a: &Deferred,
    new: &Version,
    b: &Deferred,
    words: &QuoteWords,
    entries: &[Entry],
) -> Vec<Fact> {
    let (a_art, b_art) = (&a.article, &b.article);
    let places = Places::new(entries, old.blocks.len(), new.blocks.len());
    let mut out = Vec::new();
    for (kind, o, n) in [
        (
            FactKind::Headline,
            block_of(&a_art.headline),
            block_of(&b_art.headline),
        ),
        (
            FactKind::Byline,
            block_of(&a_art.byline),
            block_of(&b_art.byline),
        ),
        (
            FactKind::Dateline,
            block_of(&a_art.dateline),
            block_of(&b_art.dateline),
        ),
        (
            FactKind::Source,
            source_of(&a_art.source),
            source_of(&b_art.source),
        ),
    ] {
        line(kind, old, o, new, n, &mut out);
    }
    // Quotations and the numbers and dates are independent: side by side.
    let (quoted, mut nd) = rayon::join(
        || {
            let mut q = Vec::new();
            quotes::quotes(
                old,
                &a_art.quotes,
                new,
                &b_art.quotes,
                words,
                &places,
                &mut q,
            );
            q
        },
        || {
            let mut nd = Vec::new();
            numbers_and_dates(old, a, new, b, &places, &mut nd);
            nd
        },
    );
    out.extend(quoted);
    nd.sort_by_key(|f| {
        (
            f.new_range.map_or(usize::MAX, |r| r.start),
            f.old_range.map_or(usize::MAX, |r| r.start),
        )
    });
    out.extend(nd);
    out
}
