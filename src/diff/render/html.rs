//! The diff as one self-contained HTML page: right to left, inline and side-by-side
//! views (switched by CSS alone), every changed span isolated in `<bdi>`, emphasis on
//! whole words, classes as badges, moves linked, invisible characters visible, all
//! article text escaped.

use std::fmt::Write as _;

use super::{block_label, entry_heading, fact_parts, marked, summary_line};
use crate::diff::{Class, Diff, Entry, EntryKind, Op, OpKind, TextRange};

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
.entry.unchanged h2 { display: none; }
.entry:target { background: #ddf4ff; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side > div { min-width: 0; }
.side .old::before, .side .new::before { display: block; font-size: .75rem; color: var(--mute); font-family: system-ui, sans-serif; }
.side .old::before { content: "قبل"; }
.side .new::before { content: "بعد"; }
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

fn entry_id(e: &Entry) -> String {
    match (e.new.first(), e.old.first()) {
        (Some(n), _) => format!("n{n}"),
        (None, Some(o)) => format!("o{o}"),
        _ => "x".to_string(),
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

/// The page. `old` and `new` are the texts compared.
pub fn html(diff: &Diff, old: &str, new: &str, hidden: &[Class]) -> String {
    let mut h = String::with_capacity(old.len() + new.len() + 8192);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"naskh {}\">\n<title>naskh diff: {} → {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escaped(&diff.old.name),
        escaped(&diff.new.name)
    );
    h.push_str("<input type=\"radio\" name=\"view\" id=\"view-inline\" checked>\n<input type=\"radio\" name=\"view\" id=\"view-side\">\n");
    let _ = write!(
        h,
        "<header>\n<h1>ما الذي تغيّر؟</h1>\n<p class=\"files\" dir=\"ltr\"><bdi>{}</bdi> → <bdi>{}</bdi></p>\n<p class=\"summary\" dir=\"ltr\"><bdi>{}</bdi>",
        escaped(&diff.old.name),
        escaped(&diff.new.name),
        escaped(&summary_line(diff, hidden))
    );
    for (c, n) in &diff.summary.classes {
        if *n > 0 && !hidden.contains(c) {
            let _ = write!(h, "<span class=\"badge {0}\">{0} {n}</span>", c.name());
        }
    }
    h.push_str("</p>\n");
    if diff.approximate {
        h.push_str("<p class=\"approximate\" dir=\"ltr\">Approximate result: ");
        h.push_str(&escaped(&diff.notes.join("; ")));
        h.push_str("</p>\n");
    }
    h.push_str("</header>\n");
    h.push_str("<nav class=\"views\"><label for=\"view-inline\">مدمج</label><label for=\"view-side\">جنبًا إلى جنب</label></nav>\n");

    // Facts and moves.
    let moves: Vec<&Entry> = diff
        .entries
        .iter()
        .filter(|e| e.classes.contains(&Class::Moved) && e.shows(hidden))
        .collect();
    let show_facts = !diff.facts.is_empty() && !hidden.contains(&Class::Content);
    if show_facts || !moves.is_empty() {
        h.push_str("<section class=\"facts\">\n");
        if show_facts {
            h.push_str("<h2>وقائع</h2>\n<ul>\n");
            for f in &diff.facts {
                let p = fact_parts(diff, f);
                let _ = write!(
                    h,
                    "<li class=\"fact\"><span class=\"fk\" dir=\"ltr\">{}</span>",
                    escaped(&p.label)
                );
                if let Some(w) = &p.who {
                    let _ = write!(h, " <bdi class=\"who\">({})</bdi>", escaped(w));
                }
                // Right to left: the old text first, then an arrow pointing left to the new.
                match (&p.old, &p.new) {
                    (Some(o), Some(n)) => {
                        let _ = write!(
                            h,
                            " <bdi class=\"was\">{}</bdi> ← <bdi class=\"now\">{}</bdi>",
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
            h.push_str("<h2>فقرات منقولة</h2>\n<p class=\"moves\">");
            for e in &moves {
                let o: Vec<String> = e.old.iter().map(|&i| block_label(&diff.old, i)).collect();
                let n: Vec<String> = e.new.iter().map(|&i| block_label(&diff.new, i)).collect();
                let _ = write!(
                    h,
                    "<a href=\"#{}\"><bdi>{} → {}</bdi></a>",
                    entry_id(e),
                    o.join("+"),
                    n.join("+")
                );
            }
            h.push_str("</p>\n");
        }
        h.push_str("</section>\n");
    }

    h.push_str("<main>\n");
    for e in &diff.entries {
        let kind = match e.kind {
            EntryKind::Unchanged => "unchanged",
            EntryKind::Changed => "changed",
            EntryKind::Moved => "moved",
            EntryKind::Deleted => "deleted",
            EntryKind::Inserted => "inserted",
            EntryKind::Split => "split",
            EntryKind::Merged => "merged",
        };
        let shows = e.shows(hidden);
        let kind = if shows { kind } else { "unchanged" };
        let _ = write!(
            h,
            "<article class=\"entry {kind}\" id=\"{}\">\n<h2><bdi>{}</bdi>",
            entry_id(e),
            escaped(&entry_heading(diff, e))
        );
        for c in &e.classes {
            if !hidden.contains(c) {
                let _ = write!(h, "<span class=\"badge {0}\">{0}</span>", c.name());
            }
        }
        h.push_str("</h2>\n");
        match e.kind {
            EntryKind::Unchanged => {
                h.push_str("<div class=\"inline\">");
                block_texts(&mut h, new, &diff.new, &e.new);
                h.push_str("</div>\n<div class=\"side\"><div class=\"old\">");
                block_texts(&mut h, old, &diff.old, &e.old);
                h.push_str("</div><div class=\"new\">");
                block_texts(&mut h, new, &diff.new, &e.new);
                h.push_str("</div></div>\n");
            }
            _ => {
                h.push_str("<div class=\"inline\"><p>");
                ops_html(&mut h, &e.ops, old, new, hidden, None);
                h.push_str("</p></div>\n");
                h.push_str("<div class=\"side\"><div class=\"old\"><p>");
                ops_html(&mut h, &e.ops, old, new, hidden, Some(true));
                h.push_str("</p></div><div class=\"new\"><p>");
                ops_html(&mut h, &e.ops, old, new, hidden, Some(false));
                h.push_str("</p></div></div>\n");
            }
        }
        h.push_str("</article>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}
