//! The diff's outputs: a terminal, a unified diff, JSON, and an HTML page.

mod html;
mod term;
mod unified;

pub use html::html;
pub use term::{TermOptions, term};
pub use unified::unified;

use super::Diff;

/// The diff as pretty-printed JSON (schema [`super::DIFF_SCHEMA`]), with a final newline.
pub fn json(diff: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(diff).expect("a diff serialises");
    s.push('\n');
    s
}

/// How an invisible or control character is shown: `⟨RLM⟩` for the named invisible
/// characters, `⟨U+001B⟩` for other controls; `None` for a character shown as itself.
pub fn visible(c: char) -> Option<String> {
    if let Some(name) = crate::normalize::invisible_name(c) {
        return Some(format!("⟨{name}⟩"));
    }
    if (c.is_control() && c != '\n' && c != '\t') || crate::normalize::is_invisible(c) {
        return Some(format!("⟨U+{:04X}⟩", c as u32));
    }
    None
}

use super::{BlockKind, Class, Entry, EntryKind, Fact, FactKind, Side, TextRange};

/// A block's short name: `¶3`, `headline`, `byline`, `dateline`, `source`.
pub fn block_label(side: &Side, i: usize) -> String {
    let b = &side.blocks[i];
    match b.kind {
        BlockKind::Paragraph => format!("¶{}", b.number),
        BlockKind::Headline => "headline".to_string(),
        BlockKind::Byline => "byline".to_string(),
        BlockKind::Dateline => "dateline".to_string(),
        BlockKind::Source => "source".to_string(),
    }
}

fn labels(side: &Side, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| block_label(side, i))
        .collect::<Vec<_>>()
        .join("+")
}

/// The block holding `r`, by start offset.
fn block_at(side: &Side, r: TextRange) -> Option<usize> {
    let i = side.blocks.partition_point(|b| b.range.start <= r.start);
    (i > 0 && r.end <= side.blocks[i - 1].range.end).then(|| i - 1)
}

/// An entry's one-line title: blocks, what happened, classes shown.
pub fn entry_title(diff: &Diff, e: &Entry, hidden: &[Class]) -> String {
    let (o, n) = (labels(&diff.old, &e.old), labels(&diff.new, &e.new));
    let what = match e.kind {
        EntryKind::Unchanged => format!("{n} unchanged"),
        EntryKind::Changed => format!("{n} changed"),
        EntryKind::Moved => format!("{o} → {n} moved"),
        EntryKind::Deleted => format!("{o} deleted"),
        EntryKind::Inserted => format!("{n} inserted"),
        EntryKind::Split => format!("{o} → {n} split"),
        EntryKind::Merged => format!("{o} → {n} merged"),
    };
    let classes: Vec<&str> = e
        .classes
        .iter()
        .filter(|c| !hidden.contains(c) && **c != Class::Moved)
        .map(|c| c.name())
        .collect();
    let mut t = what;
    if e.kind == EntryKind::Moved && classes.is_empty() {
        t.push_str(" unchanged");
    }
    if !classes.is_empty() && !matches!(e.kind, EntryKind::Deleted | EntryKind::Inserted) {
        t.push_str(": ");
        t.push_str(&classes.join(", "));
    }
    if let Some(s) = e.similarity
        && e.kind != EntryKind::Changed
    {
        t.push_str(&format!(" (similarity {s:.2})"));
    }
    t
}

/// `s` cut to about `n` characters.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// A fact as one line.
pub fn fact_line(diff: &Diff, f: &Fact) -> String {
    let place = |side: &Side, r: Option<TextRange>| {
        r.and_then(|r| block_at(side, r))
            .map(|i| block_label(side, i))
            .unwrap_or_default()
    };
    let at = {
        let n = place(&diff.new, f.new_range);
        let at = if n.is_empty() {
            place(&diff.old, f.old_range)
        } else {
            n
        };
        if at.is_empty() { at } else { format!("{at}:") }
    };
    let o = f.old.as_deref().map(|s| clip(s, 90)).unwrap_or_default();
    let n = f.new.as_deref().map(|s| clip(s, 90)).unwrap_or_default();
    let who = |s: &Option<String>| s.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
    match f.kind {
        FactKind::Headline | FactKind::Byline | FactKind::Dateline | FactKind::Source => {
            let name = match f.kind {
                FactKind::Headline => "headline",
                FactKind::Byline => "byline",
                FactKind::Dateline => "dateline",
                _ => "source",
            };
            match (&f.old, &f.new) {
                (Some(_), Some(_)) => format!("{name} changed: {o} → {n}"),
                (None, Some(_)) => format!("{name} added: {n}"),
                _ => format!("{name} removed: {o}"),
            }
        }
        FactKind::QuoteAdded => format!("{at} quote added{}: «{n}»", who(&f.new_speaker)),
        FactKind::QuoteRemoved => format!("{at} quote removed{}: «{o}»", who(&f.old_speaker)),
        FactKind::QuoteReworded => {
            format!("{at} quote reworded{}: «{o}» → «{n}»", who(&f.new_speaker))
        }
        FactKind::SpeakerChanged => format!(
            "{at} speaker changed: {} → {}: «{n}»",
            f.old_speaker.as_deref().unwrap_or("?"),
            f.new_speaker.as_deref().unwrap_or("?")
        ),
        FactKind::NumberChanged => format!("{at} number changed: {o} → {n}"),
        FactKind::NumberAdded => format!("{at} number added: {n}"),
        FactKind::NumberRemoved => format!("{at} number removed: {o}"),
        FactKind::DateChanged => format!("{at} date changed: {o} → {n}"),
        FactKind::DateAdded => format!("{at} date added: {n}"),
        FactKind::DateRemoved => format!("{at} date removed: {o}"),
    }
}

/// The closing summary: blocks per fate, changes per class, facts, what was hidden.
pub fn summary_line(diff: &Diff, hidden: &[Class]) -> String {
    if !diff.has_changes(hidden) {
        let mut s = "naskh diff: no differences".to_string();
        let cosmetic: Vec<String> = diff
            .summary
            .classes
            .iter()
            .filter(|(c, n)| *n > 0 && hidden.contains(c))
            .map(|(c, n)| format!("{n} {}", c.name()))
            .collect();
        if !cosmetic.is_empty() {
            s.push_str(&format!(" (hidden: {})", cosmetic.join(", ")));
        }
        return s;
    }
    let shown: Vec<&Entry> = diff.entries.iter().filter(|e| e.shows(hidden)).collect();
    let count = |k: EntryKind| shown.iter().filter(|e| e.kind == k).count();
    let mut blocks = Vec::new();
    for (k, name) in [
        (EntryKind::Changed, "changed"),
        (EntryKind::Moved, "moved"),
        (EntryKind::Deleted, "deleted"),
        (EntryKind::Inserted, "inserted"),
        (EntryKind::Split, "split"),
        (EntryKind::Merged, "merged"),
    ] {
        let n = count(k);
        if n > 0 {
            blocks.push(format!("{n} {name}"));
        }
    }
    let classes: Vec<String> = diff
        .summary
        .classes
        .iter()
        .filter(|(c, n)| *n > 0 && !hidden.contains(c))
        .map(|(c, n)| format!("{n} {}", c.name()))
        .collect();
    let mut s = format!(
        "naskh diff: {} of {} blocks; changes: {}",
        blocks.join(", "),
        diff.new.blocks.len().max(diff.old.blocks.len()),
        classes.join(", ")
    );
    if !diff.facts.is_empty() && !hidden.contains(&Class::Content) {
        s.push_str(&format!("; {} facts", diff.facts.len()));
    }
    let hid: Vec<String> = diff
        .summary
        .classes
        .iter()
        .filter(|(c, n)| *n > 0 && hidden.contains(c))
        .map(|(c, n)| format!("{n} {}", c.name()))
        .collect();
    if !hid.is_empty() {
        s.push_str(&format!(" (hidden: {})", hid.join(", ")));
    }
    if diff.approximate {
        s.push_str(" [approximate]");
    }
    s
}
