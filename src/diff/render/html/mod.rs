//! The diff as one self-contained HTML page: right to left, inline and side-by-side
//! views (switched by CSS alone), every changed span isolated in `<bdi>`, emphasis on
//! whole words, classes as badges, moves linked, invisible characters visible, all
//! article text escaped; unchanged blocks folded (a CSS-only toggle shows them, and the
//! text of an unchanged block is written once, not once per view); labels in one
//! language ([`Lang`]); every fact links to its block.

mod labels;

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

pub use labels::Lang;
use labels::Text;

use super::{fact_parts, marked};
use crate::diff::{Class, Diff, Entry, EntryKind, Op, OpKind, TextRange};

/// How the page is made.
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions {
    /// Classes left out (shown as their new text, folded with the unchanged blocks).
    pub hidden: Vec<Class>,
    /// The language of the labels (Arabic by default).
    pub lang: Lang,
}

const CSS: &str = r#"
:root { color-scheme: light; --del: #ffd7d5; --ins: #d3f5d6; --cos: #fff1b8; --ink: #1f2328; --mute: #59636e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem; font: 1.15rem/1.9 "Noto Naskh Arabic", "Amiri", "Scheherazade New", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
.files { color: var(--mute); font-size: .95rem; }
.files bdi { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.summary { margin: .5rem 0; }
.approximate { background: #fff3cd; border: 1px solid #e0b000; padding: .4rem .8rem; border-radius: .4rem; }
.badge { display: inline-block; font-size: .75rem; line-height: 1.4; padding: 0 .5rem; margin-inline-start: .3rem; border-radius: 1rem; border: 1px solid #8c959f; color: #24292f; background: #f6f8fa; font-family: system-ui, sans-serif; direction: ltr; unicode-bidi: isolate; }
.badge.content { background: #ffebe9; border-color: #cf222e; }
.badge.moved { background: #ddf4ff; border-color: #0969da; }
.badge.diacritics, .badge.orthography { background: #fff8c5; border-color: #9a6700; }
.badge.whitespace, .badge.punctuation, .badge.invisible { background: #f6f8fa; }
.views { margin: 1rem 0; }
.views label { cursor: pointer; padding: .2rem .8rem; border: 1px solid #8c959f; border-radius: .4rem; margin-inline-end: .4rem; }
#view-inline, #view-side { position: absolute; opacity: 0; }
#view-inline:checked ~ .views label[for=view-inline], #view-side:checked ~ .views label[for=view-side] { background: #0969da; color: #fff; }
#view-inline:checked ~ main .side { display: none; }
#view-side:checked ~ main .inline { display: none; }
.facts { border: 1px solid #d0d7de; border-radius: .5rem; padding: .5rem 1rem; margin: 1rem 0; }
.facts h2 { font-size: 1rem; margin: .2rem 0; }
.facts ul { margin: 0; padding-inline-start: 1.2rem; }
.fk { font-size: .8rem; color: var(--mute); font-family: system-ui, sans-serif; unicode-bidi: isolate; }
.was { text-decoration: line-through; text-decoration-color: #cf222e; }
.now { background: var(--ins); }
.moves a { margin-inline-end: .6rem; }
.entry { border-top: 1px solid #d0d7de; padding: .6rem 0; }
.entry h2 { font-size: .95rem; font-weight: 600; margin: 0 0 .2rem; color: var(--mute); }
.entry.unchanged { color: var(--mute); }
.entry:target { background: #ddf4ff; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side > div { min-width: 0; }
.side .old::before, .side .new::before { content: attr(data-label); display: block; font-size: .75rem; color: var(--mute); font-family: system-ui, sans-serif; }
.same { border-top: 1px solid #d0d7de; }
.same > .open, #show-same { position: absolute; opacity: 0; }
.same > .fold { display: block; cursor: pointer; padding: .3rem 0; color: var(--mute); font-size: .9rem; font-family: system-ui, sans-serif; }
.same > .fold::before { content: "▸ "; display: inline-block; }
.same > .fold[dir=rtl]::before { content: "◂ "; }
.same > .open:checked + .fold::before { content: "▾ "; }
.same > .open:focus-visible + .fold, #show-same:focus-visible ~ .views label[for=show-same] { outline: 2px solid #0969da; }
.same > .body { display: none; }
.same > .open:checked ~ .body, .same:has(:target) > .body, #show-same:checked ~ main .same > .body { display: block; }
#show-same:checked ~ .views label[for=show-same] { background: #0969da; color: #fff; }
.same .entry { border-top: none; padding: .2rem 0; color: var(--mute); }
.fact a { margin-inline-end: .4rem; }
p { margin: .2rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
del, ins { text-decoration: none; border-radius: .2rem; padding: 0 .1rem; }
del { background: var(--del); text-decoration: line-through; text-decoration-color: #cf222e; }
ins { background: var(--ins); }
del.cosmetic, ins.cosmetic { background: var(--cos); }
del + ins { margin-inline-start: .2em; }
del.cosmetic { text-decoration: line-through dotted; }
.inv { font-size: .7em; color: #8250df; font-family: ui-monospace, monospace; unicode-bidi: isolate; direction: ltr; }
.class { font-size: .7em; color: var(--mute); font-family: system-ui, sans-serif; }
a { color: #0969da; }
"#;

/// Escape `s` for HTML text, with invisible and control characters made visible.
fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => match super::visible(c) {
                Some(v) => {
                    let _ = write!(out, "<span class=\"inv\">{v}</span>");
                }
                None => out.push(c),
            },
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::new();
    esc(&mut out, s);
    out
}

fn slice(text: &str, r: Option<TextRange>) -> &str {
    r.map_or("", |r| &text[r.start..r.end])
}

/// One op into the inline view (`Some` side: both), or one side's view.
fn op_html(out: &mut String, o: &Op, old: &str, new: &str, hidden: &[Class], side: Option<bool>) {
    let hide = o.op == OpKind::Equal || o.class.is_some_and(|c| hidden.contains(&c));
    if hide {
        // Equal text (or a hidden change): each view shows its own side's text.
        let t = match side {
            Some(true) => slice(old, o.old),
            _ => slice(new, o.new),
        };
        esc(out, t);
        return;
    }
    let class = o.class.unwrap_or(Class::Content);
    let cosmetic = if class == Class::Content {
        ""
    } else {
        " cosmetic"
    };
    let title = class.name();
    let m = marked(o, old, new);
    // In a whitespace change the spaces are what changed: shown.
    let spaces = matches!(class, Class::Whitespace | Class::Invisible);
    let mark = |out: &mut String, tag: &str, t: &str| {
        if !t.is_empty() {
            let inner = if spaces {
                let shown: String = t
                    .chars()
                    .map(|c| match c {
                        ' ' => '␣',
                        '\u{00A0}' => '⍽',
                        '\n' => '⏎',
                        '\t' => '⇥',
                        c => c,
                    })
                    .collect();
                escaped(&shown)
            } else {
                escaped(t)
            };
            let _ = write!(
                out,
                "<{tag} class=\"c-{title}{cosmetic}\" title=\"{title}\"><bdi>{inner}</bdi></{tag}>"
            );
        }
    };
    // A side shows the change only if it has text there.
    let shows = match side {
        Some(true) => !m.old.is_empty(),
        Some(false) => !m.new.is_empty(),
        None => true,
    };
    if !shows {
        return;
    }
    esc(out, m.lead);
    if side != Some(false) {
        mark(out, "del", m.old);
    }
    if side != Some(true) {
        mark(out, "ins", m.new);
    }
    esc(out, m.tail);
}

/// The ops of an entry, with the paragraph breaks between them (a split or merge): a
/// break of the shown side starts a new paragraph; in the inline view, a break only in
/// the old version is shown deleted.
fn ops_html(
    h: &mut String,
    ops: &[Op],
    old: &str,
    new: &str,
    hidden: &[Class],
    side: Option<bool>,
) {
    let (mut old_end, mut new_end): (Option<usize>, Option<usize>) = (None, None);
    for o in ops {
        let old_break = matches!((old_end, o.old), (Some(l), Some(r)) if r.start > l && old[l..r.start].contains('\n'));
        let new_break = matches!((new_end, o.new), (Some(l), Some(r)) if r.start > l && new[l..r.start].contains('\n'));
        match side {
            Some(true) if old_break => h.push_str("</p><p>"),
            Some(false) | None if new_break => h.push_str("</p><p>"),
            None if old_break => h.push_str(
                "<del class=\"c-whitespace cosmetic\" title=\"whitespace\"><bdi>⏎</bdi></del>",
            ),
            _ => {}
        }
        op_html(h, o, old, new, hidden, side);
        old_end = o.old.map(|r| r.end).or(old_end);
        new_end = o.new.map(|r| r.end).or(new_end);
    }
}

/// The anchor of a block: the id of the entry that shows it (`n3` for the entry whose
/// first new block is 3, `o2` for a deleted block 2; a block of an unchanged run is its
/// own article, `n` and its new block). Kept for the blocks of changed entries only, and
/// the unchanged runs as ranges (a string per block took 80 bytes a line of a long text
/// of short lines, for the few blocks the facts link to).
struct Anchors {
    old: FxHashMap<usize, String>,
    new: FxHashMap<usize, String>,
    /// Unchanged runs: first old block, first new block, length; by old block.
    runs: Vec<(usize, usize, usize)>,
}

fn entry_id(e: &Entry) -> String {
    match (e.new.first(), e.old.first()) {
        (Some(n), _) => format!("n{n}"),
        (None, Some(o)) => format!("o{o}"),
        _ => "x".to_string(),
    }
}

impl Anchors {
    fn new(diff: &Diff) -> Anchors {
        let mut a = Anchors {
            old: FxHashMap::default(),
            new: FxHashMap::default(),
            runs: Vec::new(),
        };
        for e in &diff.entries {
            if e.kind == EntryKind::Unchanged {
                if let (Some(&i), Some(&j)) = (e.old.first(), e.new.first()) {
                    a.runs.push((i, j, e.old.len()));
                }
                continue;
            }
            let id = entry_id(e);
            for &i in &e.old {
                a.old.insert(i, id.clone());
            }
            for &j in &e.new {
                a.new.insert(j, id.clone());
            }
        }
        a.runs.sort_unstable();
        a
    }

    /// The anchor of old block `i` (empty if no entry shows it).
    fn old(&self, i: usize) -> String {
        if let Some(id) = self.old.get(&i) {
            return id.clone();
        }
        let k = self.runs.partition_point(|r| r.0 <= i);
        match k.checked_sub(1).map(|k| self.runs[k]) {
            Some((o, n, len)) if i < o + len => format!("n{}", n + (i - o)),
            _ => String::new(),
        }
    }

    /// The anchor of new block `j`.
    fn new_block(&self, j: usize) -> String {
        self.new.get(&j).cloned().unwrap_or_else(|| format!("n{j}"))
    }
}

fn block_texts(out: &mut String, text: &str, diff_side: &crate::diff::Side, idx: &[usize]) {
    for &i in idx {
        let r = diff_side.blocks[i].range;
        out.push_str("<p>");
        esc(out, &text[r.start..r.end]);
        out.push_str("</p>");
    }
}

/// The page: [`write_html`] into a string.
pub fn html(diff: &Diff, opts: &HtmlOptions) -> String {
    let mut out = Vec::new();
    write_html(diff, opts, &mut out).expect("writing into memory");
    String::from_utf8(out).expect("the page is UTF-8")
}

/// Written to the output a piece at a time when the page's buffer holds this much.
const PIECE: usize = 1 << 20;

/// Write the page into `w` as it is made, a piece of about a megabyte at a time (the
/// page of a long text is many times its size).
pub fn write_html<W: std::io::Write + ?Sized>(
    diff: &Diff,
    opts: &HtmlOptions,
    w: &mut W,
) -> std::io::Result<()> {
    let (old, new) = (diff.old.text, diff.new.text);
    let (hidden, lang) = (&opts.hidden[..], opts.lang);
    let mut h = String::with_capacity(PIECE + 8192);
    let piece = |h: &mut String, w: &mut W| -> std::io::Result<()> {
        if h.len() >= PIECE {
            w.write_all(h.as_bytes())?;
            h.clear();
        }
        Ok(())
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"naskh {}\">\n<title>naskh diff: {} → {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        lang.tag(),
        lang.dir(),
        env!("CARGO_PKG_VERSION"),
        escaped(&diff.old.name),
        escaped(&diff.new.name)
    );
    h.push_str("<input type=\"radio\" name=\"view\" id=\"view-inline\" checked>\n<input type=\"radio\" name=\"view\" id=\"view-side\">\n<input type=\"checkbox\" id=\"show-same\">\n");
    let _ = write!(
        h,
        "<header>\n<h1>{}</h1>\n<p class=\"files\" dir=\"ltr\"><bdi>{}</bdi> → <bdi>{}</bdi></p>\n<p class=\"summary\"><bdi>{}</bdi>",
        lang.text(Text::Title),
        escaped(&diff.old.name),
        escaped(&diff.new.name),
        escaped(&lang.summary(diff, hidden))
    );
    for (c, n) in &diff.summary.classes {
        if *n > 0 && !hidden.contains(c) {
            let _ = write!(
                h,
                "<span class=\"badge {}\">{} {n}</span>",
                c.name(),
                lang.class(*c)
            );
        }
    }
    h.push_str("</p>\n");
    if diff.approximate {
        // The notes are the library's, in English.
        let _ = writeln!(
            h,
            "<p class=\"approximate\">{} <span lang=\"en\" dir=\"ltr\">{}</span></p>",
            lang.text(Text::Approximate),
            escaped(&diff.notes.join("; "))
        );
    }
    h.push_str("</header>\n");
    let _ = writeln!(
        h,
        "<nav class=\"views\"><label for=\"view-inline\">{}</label><label for=\"view-side\">{}</label><label for=\"show-same\">{}</label></nav>",
        lang.text(Text::Inline),
        lang.text(Text::Side),
        lang.text(Text::ShowSame)
    );

    let anchors = Anchors::new(diff);
    facts_and_moves(&mut h, diff, hidden, lang, &anchors);

    // The article's text is right to left whatever the labels' language.
    h.push_str("<main lang=\"ar\" dir=\"rtl\">\n");
    let mut i = 0;
    while i < diff.entries.len() {
        let e = &diff.entries[i];
        if e.shows(hidden) {
            changed_entry(&mut h, diff, e, old, new, opts);
            piece(&mut h, w)?;
            i += 1;
            continue;
        }
        // A run of blocks with nothing shown: folded, each block's text once.
        let run = diff.entries[i..]
            .iter()
            .take_while(|e| !e.shows(hidden))
            .count();
        let (first, last) = (e, &diff.entries[i + run - 1]);
        // Counted as blocks: an unchanged entry is a run of them.
        let blocks: usize = diff.entries[i..i + run]
            .iter()
            .map(|e| match e.kind {
                EntryKind::Unchanged => e.new.len(),
                _ => 1,
            })
            .sum();
        let _ = writeln!(
            h,
            "<section class=\"same\"><input type=\"checkbox\" class=\"open\" id=\"same-{i}\"><label class=\"fold\" for=\"same-{i}\" lang=\"{}\" dir=\"{}\"><bdi>{}</bdi></label><div class=\"body\">",
            lang.tag(),
            lang.dir(),
            escaped(&lang.same_run(diff, first, last, blocks))
        );
        for e in &diff.entries[i..i + run] {
            if e.kind == EntryKind::Unchanged {
                for &j in &e.new {
                    let _ = write!(h, "<article class=\"entry unchanged\" id=\"n{j}\">");
                    block_texts(&mut h, new, &diff.new, &[j]);
                    h.push_str("</article>\n");
                    piece(&mut h, w)?;
                }
                continue;
            }
            let _ = write!(
                h,
                "<article class=\"entry unchanged\" id=\"{}\">",
                entry_id(e)
            );
            if e.new.is_empty() {
                block_texts(&mut h, old, &diff.old, &e.old);
            } else {
                block_texts(&mut h, new, &diff.new, &e.new);
            }
            h.push_str("</article>\n");
            piece(&mut h, w)?;
        }
        h.push_str("</div></section>\n");
        i += run;
    }
    h.push_str("</main>\n</body>\n</html>\n");
    w.write_all(h.as_bytes())
}

/// The facts, each linked to its block, and the moves, linked to theirs.
fn facts_and_moves(h: &mut String, diff: &Diff, hidden: &[Class], lang: Lang, anchors: &Anchors) {
    let moves: Vec<&Entry> = diff
        .entries
        .iter()
        .filter(|e| e.classes.contains(&Class::Moved) && e.shows(hidden))
        .collect();
    let show_facts = !diff.facts.is_empty() && !hidden.contains(&Class::Content);
    if !show_facts && moves.is_empty() {
        return;
    }
    h.push_str("<section class=\"facts\">\n");
    if show_facts {
        let _ = writeln!(h, "<h2>{}</h2>\n<ul>", lang.text(Text::Facts));
        for f in &diff.facts {
            let p = fact_parts(diff, f);
            h.push_str("<li class=\"fact\">");
            // Where: the new block, else the old one (a removed fact).
            let place = match (f.new_block, f.old_block) {
                (Some(b), _) => Some((lang.block(&diff.new, b), anchors.new_block(b))),
                (None, Some(b)) => Some((lang.block(&diff.old, b), anchors.old(b))),
                _ => None,
            };
            if let Some((label, id)) = place {
                let _ = write!(h, "<a href=\"#{id}\"><bdi>{}</bdi></a>", escaped(&label));
            }
            let _ = write!(
                h,
                "<span class=\"fk\">{}</span>",
                lang.fact(f.kind, f.old.is_some(), f.new.is_some())
            );
            if let Some(w) = &p.who {
                let _ = write!(h, " <bdi class=\"who\">({})</bdi>", escaped(w));
            }
            // Old first, then an arrow to the new in the labels' reading direction.
            let arrow = lang.arrow();
            match (&p.old, &p.new) {
                (Some(o), Some(n)) => {
                    let _ = write!(
                        h,
                        " <bdi class=\"was\">{}</bdi> {arrow} <bdi class=\"now\">{}</bdi>",
                        escaped(o),
                        escaped(n)
                    );
                }
                (Some(o), None) => {
                    let _ = write!(h, " <bdi class=\"was\">{}</bdi>", escaped(o));
                }
                (None, Some(n)) => {
                    let _ = write!(h, " <bdi class=\"now\">{}</bdi>", escaped(n));
                }
                (None, None) => {}
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    if !moves.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<p class=\"moves\">",
            lang.text(Text::Moves)
        );
        for e in &moves {
            let o: Vec<String> = e.old.iter().map(|&i| lang.block(&diff.old, i)).collect();
            let n: Vec<String> = e.new.iter().map(|&i| lang.block(&diff.new, i)).collect();
            let _ = write!(
                h,
                "<a href=\"#{}\"><bdi>{} {} {}</bdi></a>",
                entry_id(e),
                o.join("+"),
                lang.arrow(),
                n.join("+")
            );
        }
        h.push_str("</p>\n");
    }
    h.push_str("</section>\n");
}

/// A block (or group) with a change shown: its heading and badges, both views.
fn changed_entry(h: &mut String, diff: &Diff, e: &Entry, old: &str, new: &str, opts: &HtmlOptions) {
    let (hidden, lang) = (&opts.hidden[..], opts.lang);
    let kind = match e.kind {
        EntryKind::Unchanged => "unchanged",
        EntryKind::Changed => "changed",
        EntryKind::Moved => "moved",
        EntryKind::Deleted => "deleted",
        EntryKind::Inserted => "inserted",
        EntryKind::Split => "split",
        EntryKind::Merged => "merged",
    };
    let _ = write!(
        h,
        "<article class=\"entry {kind}\" id=\"{}\">\n<h2 lang=\"{}\" dir=\"{}\"><bdi>{}</bdi>",
        entry_id(e),
        lang.tag(),
        lang.dir(),
        escaped(&lang.heading(diff, e))
    );
    for c in &e.classes {
        if !hidden.contains(c) {
            let _ = write!(
                h,
                "<span class=\"badge {}\">{}</span>",
                c.name(),
                lang.class(*c)
            );
        }
    }
    h.push_str("</h2>\n<div class=\"inline\"><p>");
    ops_html(h, &e.ops, old, new, hidden, None);
    let _ = write!(
        h,
        "</p></div>\n<div class=\"side\"><div class=\"old\" data-label=\"{}\"><p>",
        lang.text(Text::Before)
    );
    ops_html(h, &e.ops, old, new, hidden, Some(true));
    let _ = write!(
        h,
        "</p></div><div class=\"new\" data-label=\"{}\"><p>",
        lang.text(Text::After)
    );
    ops_html(h, &e.ops, old, new, hidden, Some(false));
    h.push_str("</p></div></div>\n</article>\n");
}
