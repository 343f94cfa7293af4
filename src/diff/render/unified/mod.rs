//! A git-style unified diff of the original texts, line by line, made from the diff's
//! alignment (not by diffing the lines again): the lines of blocks unchanged in place
//! are the context, a block changed in place is its old lines then its new ones, and
//! what lies between (deleted, inserted, moved, split and merged blocks, blank lines)
//! is matched only where its first and last lines are equal. Hunks whose change is of
//! a hidden class are left out. For reading (not `raw`), a changed paragraph's `-` and
//! `+` lines hold only its changed sentences and their context, as the terminal view
//! shows them (the hunk headers still count whole lines); `raw` is the patch as it is.

mod script;

use std::collections::HashMap;

use super::window::{Version, Window, window};
use script::{Lines, Tag, hunks, script};

use crate::diff::{Class, Diff, classify};
use crate::escape::{line_safe, terminal_safe};

/// How to print a unified diff.
#[derive(Clone, Debug)]
pub struct UnifiedOptions {
    /// Lines of context around each hunk.
    pub context: usize,
    /// Classes left out: a hunk whose lines differ only in one of them is not printed.
    pub hidden: Vec<Class>,
    /// The lines as they are, for `patch` and other tools (git's behaviour); else every
    /// control and bidi control in them is written out by
    /// [`terminal_safe`](crate::escape::terminal_safe). The file names in the header are
    /// escaped either way: a newline in a path must not forge a header line.
    pub raw: bool,
    /// Sentences shown either side of a sentence with a change, in the `-` and `+` lines
    /// of a changed paragraph: the rest of the line is left out, `…` where it is (a change
    /// of only spacing or invisible characters shows a few words either side instead), as
    /// in [`TermOptions::context`](super::TermOptions::context). `usize::MAX` for whole
    /// lines. Such a diff is for reading: with `raw`, lines are always whole, so that
    /// `patch` and `git apply` take the output.
    pub sentences: usize,
}

impl Default for UnifiedOptions {
    fn default() -> Self {
        UnifiedOptions {
            context: 3,
            hidden: Vec::new(),
            raw: false,
            sentences: 1,
        }
    }
}

/// What is written of a changed line, cut by the windows of the entries it is in.
struct Cut<'a> {
    diff: &'a Diff<'a>,
    opts: &'a UnifiedOptions,
    windows: HashMap<(usize, bool), Option<Window>>,
}

impl Cut<'_> {
    /// `body`, line `i` of `lines` without its line end, as much of it as is shown,
    /// `…` where text is left out.
    fn line(&mut self, lines: &Lines, i: usize, body: &str) -> String {
        let start = lines.starts[i];
        let end = start + body.len();
        let Some(e) = lines.entry(start, end) else {
            return body.to_string();
        };
        let key = (e, lines.version == Version::Old);
        let (diff, opts) = (self.diff, self.opts);
        let w = self.windows.entry(key).or_insert_with(|| {
            window(
                diff,
                &diff.entries[e],
                lines.version,
                opts.sentences,
                &opts.hidden,
            )
        });
        let Some(w) = w else {
            return body.to_string();
        };
        let mut out = String::new();
        let mut at = start;
        for (s, gap) in w.parts(start, end) {
            if gap {
                out.push_str(if out.is_empty() { "…" } else { " …" });
            }
            out.push_str(&lines.text[s.start..s.end]);
            at = s.end;
        }
        if at < end {
            out.push_str(if out.is_empty() { "…" } else { " …" });
        }
        out
    }
}

/// `@@` range of `len` lines from line `start` (from 0), as diff(1) writes it.
fn range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

/// The unified diff of the texts `diff` compared (named by `diff.old.name` and
/// `diff.new.name` in the header), made from the diff's alignment.
/// A hunk whose lines differ only in a class of `opts.hidden` (by [`classify`] on its
/// old and new lines; [`Class::Moved`] when they are the same lines in another order) is
/// left out. Unless `opts.raw` (or `opts.sentences` is
/// `usize::MAX`), changed lines are cut to their changed sentences (see
/// [`UnifiedOptions::sentences`]).
pub fn unified(diff: &Diff, opts: &UnifiedOptions) -> String {
    let (old_lines, new_lines) = (
        Lines::new(diff, Version::Old),
        Lines::new(diff, Version::New),
    );
    let script = script(diff, &old_lines, &new_lines);
    let runs = &script.runs;
    let cutting = !opts.raw && opts.sentences != usize::MAX;
    let mut cut = Cut {
        diff,
        opts,
        windows: HashMap::new(),
    };
    let mut out = String::new();
    let mut header = false;
    for h in hunks(runs, opts.context) {
        // The lines of the hunk, in order: what each does, and its number in its text
        // (the old one for context and deletions, the new one for insertions).
        let mut lines: Vec<(Tag, usize)> = Vec::new();
        if h.before > 0 {
            let r = runs[h.first - 1];
            lines.extend((r.old + r.len - h.before..r.old + r.len).map(|i| (Tag::Equal, i)));
        }
        for r in &runs[h.first..=h.last] {
            match r.tag {
                Tag::Equal | Tag::Delete => {
                    lines.extend((r.old..r.old + r.len).map(|i| (r.tag, i)))
                }
                Tag::Insert => lines.extend((r.new..r.new + r.len).map(|i| (r.tag, i))),
            }
        }
        if h.after > 0 {
            let r = runs[h.last + 1];
            lines.extend((r.old..r.old + h.after).map(|i| (Tag::Equal, i)));
        }
        let (mut o, mut n) = (String::new(), String::new());
        for &(tag, i) in &lines {
            match tag {
                Tag::Delete => o.push_str(old_lines.line(i)),
                Tag::Insert => n.push_str(new_lines.line(i)),
                Tag::Equal => {}
            }
        }
        // Equal text on both sides is lines put in another order: a move.
        if opts
            .hidden
            .contains(&classify(&o, &n).unwrap_or(Class::Moved))
        {
            continue;
        }
        if !header {
            out.push_str(&format!(
                "--- {}\n+++ {}\n",
                line_safe(&diff.old.name),
                line_safe(&diff.new.name)
            ));
            header = true;
        }
        let first = runs[h.first];
        let (old_start, new_start) = (first.old - h.before, first.new - h.before);
        let old_len = lines.iter().filter(|l| l.0 != Tag::Insert).count();
        let new_len = lines.iter().filter(|l| l.0 != Tag::Delete).count();
        let mut text = format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_len),
            range(new_start, new_len)
        );
        for &(tag, i) in &lines {
            let (sign, side) = match tag {
                Tag::Equal => (' ', &old_lines),
                Tag::Delete => ('-', &old_lines),
                Tag::Insert => ('+', &new_lines),
            };
            let value = side.line(i);
            let body = value.strip_suffix('\n').unwrap_or(value);
            text.push(sign);
            if cutting && tag != Tag::Equal {
                text.push_str(&cut.line(side, i, body));
            } else {
                text.push_str(body);
            }
            text.push('\n');
            if body.len() == value.len() {
                text.push_str("\\ No newline at end of file\n");
            }
        }
        if opts.raw {
            out.push_str(&text);
        } else {
            out.push_str(&terminal_safe(&text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{DiffOptions, diff};

    fn u(old: &str, new: &str, opts: &UnifiedOptions) -> String {
        let options = DiffOptions {
            old_name: "a.txt".into(),
            new_name: "b.txt".into(),
            ..DiffOptions::default()
        };
        unified(&diff(old, new, &options), opts)
    }

    #[test]
    fn hunks_and_hidden_classes() {
        let old = "أ\nقال الوزير\nب\n";
        let new = "أ\nقالَ الوزير\nب\n";
        let one = UnifiedOptions {
            context: 1,
            ..UnifiedOptions::default()
        };
        let t = u(old, new, &one);
        assert!(
            t.starts_with("--- a.txt\n+++ b.txt\n@@ -1,3 +1,3 @@\n"),
            "{t}"
        );
        assert!(t.contains("-قال الوزير\n+قالَ الوزير\n"));
        let hide = UnifiedOptions {
            hidden: vec![Class::Diacritics],
            ..one
        };
        assert_eq!(u(old, new, &hide), "");
    }

    #[test]
    fn changed_lines_are_cut_to_their_sentences_unless_raw() {
        let old = "أ\nجملة أولى. جملة ثانية. جملة ثالثة فيها كلمة. جملة رابعة. جملة خامسة.";
        let new = "أ\nجملة أولى. جملة ثانية. جملة ثالثة فيها لفظة. جملة رابعة. جملة خامسة.";
        let zero = UnifiedOptions {
            sentences: 0,
            ..UnifiedOptions::default()
        };
        let t = u(old, new, &zero);
        // The header counts the whole lines; the last line's missing line end is said.
        assert!(
            t.ends_with(
                "@@ -1,2 +1,2 @@\n أ\n-… جملة ثالثة فيها كلمة. …\n\\ No newline at end of file\n\
                 +… جملة ثالثة فيها لفظة. …\n\\ No newline at end of file\n"
            ),
            "{t}"
        );
        for whole in [
            UnifiedOptions {
                raw: true,
                ..zero.clone()
            },
            UnifiedOptions {
                sentences: usize::MAX,
                ..zero
            },
        ] {
            let t = u(old, new, &whole);
            assert!(t.contains(&format!("\n-{}\n", &old[3..])), "{t}");
        }
    }

    #[test]
    fn lines_end_at_newlines_only_as_in_git_and_patch() {
        let whole = UnifiedOptions {
            sentences: usize::MAX,
            ..UnifiedOptions::default()
        };
        for (old, new, line) in [
            ("أ\r\nب\r\n", "أ\r\nج\r\n", "+ج\\x0d\n"),
            // A lone carriage return ends no line.
            (
                "أ\rب\rد",
                "أ\rج\rد",
                "+أ\\x0dج\\x0dد\n\\ No newline at end of file\n",
            ),
            ("أ\nب", "أ\nج", "+ج\n\\ No newline at end of file\n"),
        ] {
            let t = u(old, new, &UnifiedOptions::default());
            assert_eq!(t, u(old, new, &whole), "{old:?}");
            assert!(t.contains(line), "{t}");
        }
    }

    #[test]
    fn paragraphs_swapped_are_a_hunk_of_class_moved() {
        let (old, new) = ("أول فقرة هنا\nثانية هنا\n", "ثانية هنا\nأول فقرة هنا\n");
        let t = u(old, new, &UnifiedOptions::default());
        assert!(t.contains("@@ -1,2 +1,2 @@\n"), "{t}");
        let hide = UnifiedOptions {
            hidden: vec![Class::Moved],
            ..UnifiedOptions::default()
        };
        assert_eq!(u(old, new, &hide), "");
    }

    #[test]
    fn a_changed_paragraph_is_its_old_lines_then_its_new_ones() {
        let old = "عنوان\n\nفقرة أولى قال فيها الوزير.\n\nفقرة ثانية عن الطقس.\n";
        let new = "عنوان\n\nفقرة أولى قال فيها الرئيس.\n\nفقرة ثانية عن المطر.\n";
        let t = u(
            old,
            new,
            &UnifiedOptions {
                sentences: usize::MAX,
                ..UnifiedOptions::default()
            },
        );
        assert!(
            t.ends_with(
                "-فقرة أولى قال فيها الوزير.\n+فقرة أولى قال فيها الرئيس.\n \n\
                 -فقرة ثانية عن الطقس.\n+فقرة ثانية عن المطر.\n"
            ),
            "{t}"
        );
    }

    #[test]
    fn nothing_reaches_a_terminal_raw_unless_asked() {
        let old = "قال\n";
        let new = "قال \x1b[2J\x1b]52;c;eA==\x07 \u{202E}نعم\r\n";
        let t = u(old, new, &UnifiedOptions::default());
        assert!(!t.chars().any(crate::escape::needs_escape), "{t:?}");
        assert!(
            t.contains("+قال \\x1b[2J\\x1b]52;c;eA==\\x07 <U+202E>نعم\\x0d\n"),
            "{t:?}"
        );
        let raw = UnifiedOptions {
            raw: true,
            ..UnifiedOptions::default()
        };
        assert!(u(old, new, &raw).contains(new), "--raw keeps the lines");
    }

    #[test]
    fn a_newline_in_a_name_forges_no_header() {
        let options = DiffOptions {
            old_name: "a/x\n+++ b/evil".into(),
            new_name: "b/x\n@@ -1 +1 @@".into(),
            ..DiffOptions::default()
        };
        let raw = UnifiedOptions {
            raw: true,
            ..UnifiedOptions::default()
        };
        let t = unified(&diff("أ\n", "ب\n", &options), &raw);
        assert!(
            t.starts_with("--- a/x\\n+++ b/evil\n+++ b/x\\n@@ -1 +1 @@\n@@ "),
            "{t}"
        );
    }
}
