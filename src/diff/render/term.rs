//! The diff for a terminal: changed blocks with their changes marked, then the facts
//! and a summary line.

use std::fmt::Write as _;

use super::window::{Version, Window, window};
use super::{entry_title, fact_line, marked, summary_line, visible};
use crate::diff::{Class, Diff, EntryKind, Op, OpKind};

/// How to print.
#[derive(Clone, Debug)]
pub struct TermOptions {
    /// ANSI colours (else `[-deleted-]` and `{+inserted+}` markers).
    pub color: bool,
    /// Classes left out.
    pub hidden: Vec<Class>,
    /// Sentences shown either side of a sentence with a change (the rest of the
    /// paragraph is left out, shown as `…`); `usize::MAX` for whole paragraphs.
    pub context: usize,
    /// Each change (its marks with it) isolated between FSI (U+2068) and PDI (U+2069),
    /// for a terminal that applies the bidi algorithm: a deleted or inserted Arabic word
    /// then keeps its place among its neighbours whatever its first character. These two
    /// are the only bidi controls written raw; those in the texts are still escaped.
    pub bidi: bool,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            color: false,
            hidden: Vec::new(),
            context: 1,
            bidi: false,
        }
    }
}

/// The new text of a block as it is written out: the parts the [`Window`] keeps, `…`
/// where text is left out.
struct Clip<'a> {
    window: Option<Window>,
    new: &'a str,
    /// Text was left out since the last text written.
    pending: bool,
    /// Text was written on this line.
    wrote: bool,
}

impl Clip<'_> {
    /// Say that text was left out, if it was, before what comes next.
    fn flush(&mut self, out: &mut String) {
        if self.pending {
            out.push_str(if self.wrote { " …" } else { "…" });
            self.pending = false;
            self.wrote = true;
        }
    }

    /// The new text `start..end`, as much of it as is shown.
    fn text(&mut self, out: &mut String, start: usize, end: usize) {
        let Some(w) = &self.window else {
            out.push_str(&shown(&self.new[start..end], false));
            return;
        };
        if self.new[start..end].contains('\n') {
            // A line break between blocks (a split or merge) is always shown.
            self.flush(out);
            out.push_str(&shown(&self.new[start..end], false));
            self.wrote = false;
            return;
        }
        let mut at = start;
        for (s, gap) in w.parts(start, end) {
            self.pending |= gap;
            self.flush(out);
            out.push_str(&shown(&self.new[s.start..s.end], false));
            self.wrote = true;
            at = s.end;
        }
        self.pending |= at < end;
    }
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BLUE: &str = "\x1b[34m";
const MAGENTA: &str = "\x1b[35m";
const GREY: &str = "\x1b[90m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const STRIKE: &str = "\x1b[9m";
const UNDERLINE: &str = "\x1b[4m";
const RESET: &str = "\x1b[0m";

/// `s` made safe and readable: invisible characters as `⟨RLM⟩`, controls escaped; with
/// `show_space`, spaces as `␣` (in whitespace changes, where they are the change).
fn shown(s: &str, show_space: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (c, show_space) {
            (' ', true) => out.push('␣'),
            ('\u{00A0}', true) => out.push('⍽'),
            ('\n', true) => out.push('⏎'),
            ('\r', _) => out.push_str("⟨CR⟩"),
            ('\t', true) => out.push('⇥'),
            // Named invisible characters as `⟨RLM⟩`; every other character a terminal
            // must not get raw through the one escaping function.
            _ => match visible(c) {
                Some(v) if crate::normalize::invisible_name(c).is_some() => out.push_str(&v),
                _ if crate::escape::needs_escape(c) => crate::escape::push_safe(&mut out, c),
                Some(v) => out.push_str(&v),
                None => out.push(c),
            },
        }
    }
    out
}

fn paint(out: &mut String, color: bool, style: &str, open: &str, close: &str, s: &str) {
    if color {
        let _ = write!(out, "{style}{s}{RESET}");
    } else {
        let _ = write!(out, "{open}{s}{close}");
    }
}

/// The colour of a class's marks and label (the legend in `naskh diff --help` and the
/// README says the same): content is red when deleted and green when inserted.
fn class_color(c: Class) -> &'static str {
    match c {
        Class::Invisible => GREY,
        Class::Whitespace => BLUE,
        Class::Punctuation => CYAN,
        Class::Diacritics => YELLOW,
        Class::Orthography => MAGENTA,
        Class::Moved => BOLD,
        Class::Content => RED,
    }
}

/// Without colours, a change that starts or ends with its marker's character (a
/// deleted hyphen, `[---]`) has that character written `⟨-⟩` (`[-⟨-⟩-]`), so the marks
/// and the text stay apart.
fn guarded(s: String, marker: char, color: bool) -> String {
    if color || !(s.starts_with(marker) || s.ends_with(marker)) {
        return s;
    }
    let shown = format!("⟨{marker}⟩");
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| match c == marker && (i == 0 || i + 1 == n) {
            true => shown.clone(),
            false => c.to_string(),
        })
        .collect()
}

/// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9, Unicode 6.3): the text
/// between takes the direction of its first strong character and does not reorder its
/// neighbours.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// What `write` appends, between FSI and PDI when `bidi`.
fn isolated(out: &mut String, bidi: bool, write: impl FnOnce(&mut String)) {
    if bidi {
        out.push(FSI);
    }
    write(out);
    if bidi {
        out.push(PDI);
    }
}

/// One op, appended to `out`.
fn op(out: &mut String, o: &Op, old: &str, new: &str, opts: &TermOptions, clip: &mut Clip) {
    let class = o.class;
    if o.op == OpKind::Equal || class.is_some_and(|c| opts.hidden.contains(&c)) {
        // Equal, or a hidden change: the new text (nothing, for a hidden deletion).
        if let Some(r) = o.new {
            clip.text(out, r.start, r.end);
        }
        return;
    }
    clip.flush(out);
    clip.wrote = true;
    let cosmetic = class != Some(Class::Content);
    let space = class == Some(Class::Whitespace) || class == Some(Class::Invisible);
    let m = marked(o, old, new);
    let (lead, ot_s, nt_s, tail) = (m.lead, m.old, m.new, m.tail);
    out.push_str(&shown(lead, false));
    let (del_style, ins_style) = match class {
        Some(c) if cosmetic => (
            format!("{}{STRIKE}", class_color(c)),
            format!("{}{UNDERLINE}", class_color(c)),
        ),
        _ => (format!("{RED}{STRIKE}"), format!("{GREEN}{UNDERLINE}")),
    };
    if !ot_s.is_empty() {
        let text = guarded(shown(ot_s, space), '-', opts.color);
        isolated(out, opts.bidi, |out| {
            paint(out, opts.color, &del_style, "[-", "-]", &text)
        });
    }
    if !nt_s.is_empty() {
        let text = guarded(shown(nt_s, space), '+', opts.color);
        isolated(out, opts.bidi, |out| {
            paint(out, opts.color, &ins_style, "{+", "+}", &text)
        });
    }
    if let Some(c) = class.filter(|_| cosmetic) {
        let label = format!("⟦{}⟧", c.name());
        paint(out, opts.color, class_color(c), "", "", &label);
    }
    out.push_str(&shown(tail, false));
}

/// The diff as text for a terminal.
pub fn term(diff: &Diff, opts: &TermOptions) -> String {
    let (old, new) = (diff.old.text, diff.new.text);
    let mut out = String::new();
    let header = |out: &mut String, s: &str| paint(out, opts.color, BOLD, "", "", s);
    header(
        &mut out,
        &format!(
            "--- {}\n+++ {}\n",
            crate::escape::line_safe(&diff.old.name),
            crate::escape::line_safe(&diff.new.name)
        ),
    );
    for e in &diff.entries {
        if !e.shows(&opts.hidden) {
            continue;
        }
        let title = entry_title(diff, e, &opts.hidden);
        out.push('\n');
        paint(&mut out, opts.color, BOLD, "", "", &shown(&title, false));
        out.push('\n');
        let prefix = match e.kind {
            EntryKind::Deleted => "- ",
            EntryKind::Inserted => "+ ",
            _ => "  ",
        };
        match e.kind {
            EntryKind::Deleted | EntryKind::Inserted => {
                let o = &e.ops[0];
                let (r, t, style) = match e.kind {
                    EntryKind::Deleted => (o.old, old, RED),
                    _ => (o.new, new, GREEN),
                };
                let s = r.map_or("", |r| &t[r.start..r.end]);
                out.push_str(prefix);
                isolated(&mut out, opts.bidi, |out| {
                    paint(out, opts.color, style, "", "", &shown(s, false))
                });
            }
            _ => {
                out.push_str(prefix);
                let at = out.len();
                let mut clip = Clip {
                    window: window(diff, e, Version::New, opts.context, &opts.hidden),
                    new,
                    pending: false,
                    wrote: false,
                };
                // Line breaks between the ops (a split or merge): new ones kept, old
                // ones shown as deleted.
                let (mut old_end, mut new_end) = (None, None);
                for o in &e.ops {
                    if let (Some(l), Some(r)) = (old_end, o.old)
                        && r.start > l
                        && old[l..r.start].contains('\n')
                        && !new_end.is_some_and(|n: usize| {
                            o.new.is_some_and(|r| new[n..r.start].contains('\n'))
                        })
                    {
                        paint(&mut out, opts.color, RED, "[-", "-]", "⏎");
                    }
                    if let (Some(l), Some(r)) = (new_end, o.new)
                        && r.start > l
                    {
                        clip.text(&mut out, l, r.start);
                    }
                    op(&mut out, o, old, new, opts, &mut clip);
                    old_end = o.old.map(|r| r.end).or(old_end);
                    new_end = o.new.map(|r| r.end).or(new_end);
                }
                clip.flush(&mut out);
                // A split or merged group spans lines: indent each.
                if out[at..].contains('\n') {
                    let line = out.split_off(at);
                    out.push_str(&line.replace('\n', &format!("\n{prefix}")));
                }
            }
        }
        out.push('\n');
    }
    if !diff.facts.is_empty() && !opts.hidden.contains(&Class::Content) {
        out.push('\n');
        header(&mut out, "facts:\n");
        for f in &diff.facts {
            let _ = writeln!(out, "  {}", shown(&fact_line(diff, f), false));
        }
    }
    out.push('\n');
    let summary = summary_line(diff, &opts.hidden);
    if opts.color {
        let _ = writeln!(out, "{DIM}{summary}{RESET}");
    } else {
        let _ = writeln!(out, "{summary}");
    }
    if diff.approximate {
        for n in &diff.notes {
            paint(
                &mut out,
                opts.color,
                YELLOW,
                "",
                "",
                &format!("approximate: {}", shown(n, false)),
            );
            out.push('\n');
        }
    }
    out
}
