//! The diff's views: a terminal, a unified diff, JSON, and an HTML page. Each takes the
//! [`Diff`] (which borrows both texts) and its options, and [`write()`] is the one entry
//! point for all four:
//!
//! ```
//! use naskh::diff::{diff, render, DiffOptions};
//!
//! let d = diff("قال الوزير\n", "قالت الوزيرة\n", &DiffOptions::default());
//! let mut out = Vec::new();
//! render::write(&d, &render::View::Unified(Default::default()), &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("\n+قالت الوزيرة\n"));
//! ```

mod html;
mod json;
mod term;
mod unified;
mod window;

pub use html::{HtmlOptions, Lang, html, write_html};
pub use term::{TermOptions, term};
pub use unified::{UnifiedOptions, unified};

use super::Diff;

/// A view of a diff, with its options: what [`write()`] writes.
#[derive(Clone, Debug)]
pub enum View {
    /// For a terminal: [`term`].
    Term(TermOptions),
    /// A git-style unified diff: [`unified`].
    Unified(UnifiedOptions),
    /// The model as JSON: [`write_json`].
    Json,
    /// An HTML page: [`write_html`].
    Html(HtmlOptions),
}

/// Write `diff` as `view` into `w`. JSON and HTML are streamed (each is many times the
/// texts for a long one); the terminal and unified views are made whole, then written.
pub fn write<W: std::io::Write + ?Sized>(
    diff: &Diff,
    view: &View,
    w: &mut W,
) -> std::io::Result<()> {
    match view {
        View::Term(o) => w.write_all(term(diff, o).as_bytes()),
        View::Unified(o) => w.write_all(unified(diff, o).as_bytes()),
        View::Json => write_json(diff, w),
        View::Html(o) => write_html(diff, o, w),
    }
}

/// The diff as pretty-printed JSON (schema [`super::DIFF_SCHEMA`]), with a final newline:
/// [`write_json`] into a string.
pub fn json(diff: &Diff) -> String {
    let mut out = Vec::new();
    write_json(diff, &mut out).expect("a diff serialises into memory");
    // JSON is UTF-8, and the escaping writer passes only whole characters on.
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Write the diff as pretty-printed JSON (schema [`super::DIFF_SCHEMA`]) into `w`, with a
/// final newline: what `serde_json::to_writer_pretty` writes, serialised in pieces side by
/// side and written as they come, a window of pieces at a time (the JSON of a long diff is
/// many times its inputs; no copy of the whole is held). Bidi controls and C1 controls in
/// the texts are written as `\u` escapes ([`crate::snapshot::report::json_safe`]): the
/// same data, and nothing a terminal acts on.
///
/// ```
/// use naskh::diff::{diff, render, DiffOptions};
///
/// let d = diff("قال\n", "قالت\n", &DiffOptions::default());
/// let mut out = Vec::new();
/// render::write_json(&d, &mut out).unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["schema"], "naskh.diff/2");
/// assert_eq!(out, render::json(&d).into_bytes());
/// ```
pub fn write_json<W: std::io::Write + ?Sized>(diff: &Diff, w: &mut W) -> std::io::Result<()> {
    json::write(diff, w)
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

use super::{BlockKind, Class, Entry, EntryKind, Fact, FactKind, Op, OpKind, Side, TextRange};

/// A change, split for marking: whitespace around the words (`lead`, `tail`) stays
/// outside the marks, except in whitespace and invisible changes, where it is the
/// change; `old` and `new` are what to mark.
pub(crate) struct Marked<'a> {
    pub(crate) lead: &'a str,
    pub(crate) old: &'a str,
    pub(crate) new: &'a str,
    pub(crate) tail: &'a str,
}

/// Split `s` into (leading whitespace, text, trailing whitespace).
fn trim3(s: &str) -> (&str, &str, &str) {
    let t = s.trim_end_matches(char::is_whitespace);
    let core = t.trim_start_matches(char::is_whitespace);
    (&t[..t.len() - core.len()], core, &s[t.len()..])
}

/// The parts of change `o` to mark; `old` and `new` are the texts compared.
pub(crate) fn marked<'a>(o: &Op, old: &'a str, new: &'a str) -> Marked<'a> {
    let ot = o.old.map_or("", |r| &old[r.start..r.end]);
    let nt = o.new.map_or("", |r| &new[r.start..r.end]);
    let whole = Marked {
        lead: "",
        old: ot,
        new: nt,
        tail: "",
    };
    if matches!(o.class, Some(Class::Whitespace | Class::Invisible)) {
        return whole;
    }
    let (ol, oc, ot_) = trim3(ot);
    let (nl, nc, nt_) = trim3(nt);
    match o.op {
        OpKind::Delete => Marked {
            lead: ol,
            old: oc,
            new: "",
            tail: ot_,
        },
        OpKind::Insert => Marked {
            lead: nl,
            old: "",
            new: nc,
            tail: nt_,
        },
        _ if ol == nl && ot_ == nt_ => Marked {
            lead: nl,
            old: oc,
            new: nc,
            tail: nt_,
        },
        _ => whole,
    }
}

/// A block's short name: `¶3`, `headline`, `byline`, `dateline`, `source`.
pub fn block_label(side: &Side, i: usize) -> String {
    let b = &side.blocks[i];
    match b.kind {
        BlockKind::Paragraph => format!("¶{}", b.number),
        BlockKind::Headline => "headline".to_string(),
        BlockKind::Byline => "byline".to_string(),
        BlockKind::Dateline => "dateline".to_string(),
        BlockKind::Source => "source".to_string(),
        BlockKind::Line => format!("line {}", b.number),
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

/// What happened to an entry's blocks: `¶3 → ¶7 moved`. A block whose number is not
/// the same in both versions is named by both (`¶11 → ¶8 changed`); a deleted block by
/// its old number, an inserted one by its new.
pub fn entry_heading(diff: &Diff, e: &Entry) -> String {
    let (o, n) = (labels(&diff.old, &e.old), labels(&diff.new, &e.new));
    let both = if o == n {
        n.clone()
    } else {
        format!("{o} → {n}")
    };
    match e.kind {
        EntryKind::Unchanged => format!("{both} unchanged"),
        EntryKind::Changed => format!("{both} changed"),
        EntryKind::Moved => format!("{o} → {n} moved"),
        EntryKind::Deleted => format!("{o} deleted"),
        EntryKind::Inserted => format!("{n} inserted"),
        EntryKind::Split => format!("{o} → {n} split"),
        EntryKind::Merged => format!("{o} → {n} merged"),
    }
}

/// An entry's one-line title: blocks, what happened, classes shown.
pub fn entry_title(diff: &Diff, e: &Entry, hidden: &[Class]) -> String {
    let what = entry_heading(diff, e);
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

/// A fact's parts: what and where (`¶3: number changed`), the old and new texts
/// (clipped), and who said it for quotations (`A → B` when the speaker changed).
pub struct FactParts {
    /// What and where.
    pub label: String,
    /// The old text.
    pub old: Option<String>,
    /// The new text.
    pub new: Option<String>,
    /// The speaker, for quotations.
    pub who: Option<String>,
}

/// The parts of fact `f`, for a line or a page.
pub fn fact_parts(diff: &Diff, f: &Fact) -> FactParts {
    let place = |side: &Side, r: Option<TextRange>| {
        r.and_then(|r| block_at(side, r))
            .map(|i| block_label(side, i))
            .unwrap_or_default()
    };
    let at = {
        let n = place(&diff.new, f.new_range);
        if n.is_empty() {
            place(&diff.old, f.old_range)
        } else {
            n
        }
    };
    let what = match f.kind {
        FactKind::Headline | FactKind::Byline | FactKind::Dateline | FactKind::Source => {
            let name = match f.kind {
                FactKind::Headline => "headline",
                FactKind::Byline => "byline",
                FactKind::Dateline => "dateline",
                _ => "source",
            };
            match (&f.old, &f.new) {
                (Some(_), Some(_)) => format!("{name} changed"),
                (None, Some(_)) => format!("{name} added"),
                _ => format!("{name} removed"),
            }
        }
        FactKind::QuoteAdded => "quote added".into(),
        FactKind::QuoteRemoved => "quote removed".into(),
        FactKind::QuoteReworded => "quote reworded".into(),
        FactKind::SpeakerChanged => "speaker changed".into(),
        FactKind::QuoteUnmarked => "quote unmarked".into(),
        FactKind::QuoteMarked => "quote marked".into(),
        FactKind::NumberChanged => "number changed".into(),
        FactKind::NumberAdded => "number added".into(),
        FactKind::NumberRemoved => "number removed".into(),
        FactKind::DateChanged => "date changed".into(),
        FactKind::DateAdded => "date added".into(),
        FactKind::DateRemoved => "date removed".into(),
    };
    let is_line = matches!(
        f.kind,
        FactKind::Headline | FactKind::Byline | FactKind::Dateline | FactKind::Source
    );
    // An inferred speaker is said to be one: `(الوزير?)`.
    let name = |s: &Option<String>, inferred: bool| {
        s.as_ref()
            .map(|s| if inferred { format!("{s}?") } else { s.clone() })
    };
    let (old_who, new_who) = (
        name(&f.old_speaker, f.old_speaker_inferred),
        name(&f.new_speaker, f.new_speaker_inferred),
    );
    let who = match f.kind {
        FactKind::SpeakerChanged => Some(format!(
            "{} → {}",
            old_who.as_deref().unwrap_or("?"),
            new_who.as_deref().unwrap_or("?")
        )),
        FactKind::QuoteRemoved | FactKind::QuoteUnmarked => old_who.or(new_who),
        FactKind::QuoteAdded | FactKind::QuoteReworded | FactKind::QuoteMarked => {
            new_who.or(old_who)
        }
        _ => None,
    };
    let quoted = matches!(
        f.kind,
        FactKind::QuoteAdded
            | FactKind::QuoteRemoved
            | FactKind::QuoteReworded
            | FactKind::SpeakerChanged
            | FactKind::QuoteUnmarked
            | FactKind::QuoteMarked
    );
    // Both long and alike at the start: from a little before where they differ, so the
    // change is in what is shown.
    let skip = match (&f.old, &f.new) {
        // The same words (a quotation unmarked or marked): nothing to point at.
        (Some(o), Some(n)) if o != n => {
            let same = o.chars().zip(n.chars()).take_while(|(a, b)| a == b).count();
            same.saturating_sub(30)
        }
        _ => 0,
    };
    // A quotation unmarked is in marks only on the old side, one marked only on the new:
    // the marks are what changed, so only that side is shown in «».
    let text = |s: &Option<String>, side_quoted: bool| {
        s.as_deref().map(|s| {
            let body = if skip > 0 {
                // From the start of a word.
                let rest: String = s.chars().skip(skip).collect();
                let rest = match rest.find(' ') {
                    Some(i) if i < 40 => rest[i + 1..].to_string(),
                    _ => rest,
                };
                format!("…{}", clip(&rest, 90))
            } else {
                clip(s, 90)
            };
            if quoted && side_quoted {
                format!("«{body}»")
            } else {
                body
            }
        })
    };
    // The speaker change is about who, not what: the quotation once.
    let old = if f.kind == FactKind::SpeakerChanged {
        None
    } else {
        text(&f.old, f.kind != FactKind::QuoteMarked)
    };
    FactParts {
        label: if at.is_empty() || is_line {
            what
        } else {
            format!("{at}: {what}")
        },
        old,
        new: text(&f.new, f.kind != FactKind::QuoteUnmarked),
        who,
    }
}

/// A fact as one line.
pub fn fact_line(diff: &Diff, f: &Fact) -> String {
    let p = fact_parts(diff, f);
    let mut s = p.label;
    if let Some(w) = &p.who {
        s.push_str(&format!(" ({w})"));
    }
    s.push_str(": ");
    match (&p.old, &p.new) {
        (Some(o), Some(n)) => s.push_str(&format!("{o} → {n}")),
        (Some(o), None) => s.push_str(o),
        (None, Some(n)) => s.push_str(n),
        (None, None) => {}
    }
    s
}

/// "3 whitespace", "1 content" …: the classes that occur and `keep` keeps, in ladder order.
fn class_counts(diff: &Diff, keep: impl Fn(Class) -> bool) -> Vec<String> {
    diff.summary
        .classes
        .iter()
        .filter(|&&(c, n)| n > 0 && keep(c))
        .map(|(c, n)| format!("{n} {}", c.name()))
        .collect()
}

/// The closing summary: blocks per fate, changes per class, facts, what was hidden.
pub fn summary_line(diff: &Diff, hidden: &[Class]) -> String {
    if !diff.has_changes(hidden) {
        let mut s = "naskh diff: no differences".to_string();
        let cosmetic = class_counts(diff, |c| hidden.contains(&c));
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
        // Which numbers a deleted or inserted block goes by.
        let numbering = match k {
            EntryKind::Deleted => " (old numbers)",
            EntryKind::Inserted => " (new numbers)",
            _ => "",
        };
        if n > 0 {
            blocks.push(format!("{n} {name}{numbering}"));
        }
    }
    let classes = class_counts(diff, |c| !hidden.contains(&c));
    let total = diff.new.blocks.len().max(diff.old.blocks.len());
    // Every change hidden, facts left: say that no block is shown, not an empty list.
    let mut parts = vec![match blocks.is_empty() {
        true => format!("no changed block shown of {total} blocks"),
        false => format!("{} of {total} blocks", blocks.join(", ")),
    }];
    if !classes.is_empty() {
        parts.push(format!("changes: {}", classes.join(", ")));
    }
    if !diff.facts.is_empty() && !hidden.contains(&Class::Content) {
        let n = diff.facts.len();
        parts.push(format!("{n} {}", if n == 1 { "fact" } else { "facts" }));
    }
    let mut s = format!("naskh diff: {}", parts.join("; "));
    let hid = class_counts(diff, |c| hidden.contains(&c));
    if !hid.is_empty() {
        s.push_str(&format!(" (hidden: {})", hid.join(", ")));
    }
    if diff.approximate {
        s.push_str(" [approximate]");
    }
    s
}
