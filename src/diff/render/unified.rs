//! A git-style unified diff of the original texts, line by line, leaving out the hunks
//! whose change is of a hidden class. For reading (not `raw`), a changed paragraph's `-`
//! and `+` lines hold only its changed sentences and their context, as the terminal view
//! shows them (the hunk headers still count whole lines); `raw` is the patch as it is.

use std::collections::HashMap;

use similar::{Algorithm, ChangeTag, TextDiff};

use super::window::{Version, Window, window};
use rustc_hash::FxHashMap;

use crate::diff::{Class, Diff, EntryKind, Side, classify};
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

/// One version's text, and which changed entry of the diff each of its changed blocks is
/// in (unchanged runs are not kept: their lines are printed whole; a slot per block, and
/// each line's start, took 24 bytes a line of a long text of short lines).
struct Lines<'a> {
    version: Version,
    side: &'a Side,
    text: &'a str,
    /// The entry each block of `side` in a changed entry belongs to.
    owner: FxHashMap<usize, usize>,
}

impl<'a> Lines<'a> {
    fn new(diff: &'a Diff, version: Version, text: &'a str) -> Lines<'a> {
        let side = match version {
            Version::Old => &diff.old,
            Version::New => &diff.new,
        };
        let mut owner = FxHashMap::default();
        for (i, e) in diff.entries.iter().enumerate() {
            if e.kind == EntryKind::Unchanged {
                continue;
            }
            let blocks = match version {
                Version::Old => &e.old,
                Version::New => &e.new,
            };
            for &b in blocks {
                owner.insert(b, i);
            }
        }
        Lines {
            version,
            side,
            text,
            owner,
        }
    }

    /// The byte offset of `line` in the text: `similar` cuts the lines as slices of it.
    fn start_of(&self, line: &str) -> Option<usize> {
        let (text, at) = (self.text.as_ptr() as usize, line.as_ptr() as usize);
        (at >= text && at + line.len() <= text + self.text.len()).then(|| at - text)
    }

    /// The changed entry whose blocks hold the text of `start..end`, if one does.
    fn entry(&self, start: usize, end: usize) -> Option<usize> {
        let b = self.side.blocks.partition_point(|b| b.range.end <= start);
        let block = self.side.blocks.get(b)?;
        (block.range.start < end).then_some(())?;
        self.owner.get(&b).copied()
    }
}

/// What is written of a changed line, cut by the windows of the entries it is in.
struct Cut<'a> {
    diff: &'a Diff,
    texts: (&'a str, &'a str),
    opts: &'a UnifiedOptions,
    windows: HashMap<(usize, bool), Option<Window>>,
}

impl Cut<'_> {
    /// `body`, a line of `lines`' text (a slice of it) without its line end, as much of
    /// it as is shown, `…` where text is left out.
    fn line(&mut self, lines: &Lines, body: &str) -> String {
        let Some(start) = lines.start_of(body) else {
            return body.to_string();
        };
        let end = start + body.len();
        let Some(e) = lines.entry(start, end) else {
            return body.to_string();
        };
        let key = (e, lines.version == Version::Old);
        let (diff, texts, opts) = (self.diff, self.texts, self.opts);
        let w = self.windows.entry(key).or_insert_with(|| {
            window(
                diff,
                &diff.entries[e],
                lines.version,
                texts,
                opts.sentences,
                &opts.hidden,
            )
        });
        let Some(w) = w else {
            return body.to_string();
        };
        let text = match lines.version {
            Version::Old => texts.0,
            Version::New => texts.1,
        };
        let mut out = String::new();
        let mut at = start;
        for (s, gap) in w.parts(start, end) {
            if gap {
                out.push_str(if out.is_empty() { "…" } else { " …" });
            }
            out.push_str(&text[s.start..s.end]);
            at = s.end;
        }
        if at < end {
            out.push_str(if out.is_empty() { "…" } else { " …" });
        }
        out
    }
}

/// The unified diff of `old` and `new` (the texts `diff` compared, named by
/// `diff.old.name` and `diff.new.name` in the header). A hunk whose lines differ only in a
/// class of `opts.hidden` (by [`classify`] on its old and new lines) is left out. Unless
/// `opts.raw` (or `opts.sentences` is `usize::MAX`), changed lines are cut to their
/// changed sentences (see [`UnifiedOptions::sentences`]).
pub fn unified(diff: &Diff, old: &str, new: &str, opts: &UnifiedOptions) -> String {
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(old, new);
    let cutting = !opts.raw && opts.sentences != usize::MAX;
    let (old_lines, new_lines) = if cutting {
        (
            Some(Lines::new(diff, Version::Old, old)),
            Some(Lines::new(diff, Version::New, new)),
        )
    } else {
        (None, None)
    };
    let mut cut = Cut {
        diff,
        texts: (old, new),
        opts,
        windows: HashMap::new(),
    };
    let mut out = String::new();
    let mut header = false;
    for hunk in lines
        .unified_diff()
        .context_radius(opts.context)
        .iter_hunks()
    {
        let (mut o, mut n) = (String::new(), String::new());
        for change in hunk.iter_changes() {
            match change.tag() {
                similar::ChangeTag::Delete => o.push_str(change.value()),
                similar::ChangeTag::Insert => n.push_str(change.value()),
                similar::ChangeTag::Equal => {}
            }
        }
        if classify(&o, &n).is_none_or(|c| opts.hidden.contains(&c)) {
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
        let text = match (&old_lines, &new_lines) {
            (Some(ol), Some(nl)) => {
                let mut text = format!("{}\n", hunk.header());
                for change in hunk.iter_changes() {
                    let value = change.value();
                    // A line ends as `similar` cut it: `\r\n`, `\n`, a lone `\r`, or not.
                    let body = value
                        .strip_suffix("\r\n")
                        .or_else(|| value.strip_suffix(['\n', '\r']))
                        .unwrap_or(value);
                    let ending = &value[body.len()..];
                    let body = match change.tag() {
                        ChangeTag::Delete => cut.line(ol, body),
                        ChangeTag::Insert => cut.line(nl, body),
                        ChangeTag::Equal => body.to_string(),
                    };
                    // As `similar` writes a hunk (its `Display`).
                    text.push_str(&format!("{}{body}{ending}", change.tag()));
                    if !lines.newline_terminated() {
                        text.push('\n');
                    } else if ending.is_empty() {
                        text.push_str("\n\\ No newline at end of file\n");
                    }
                }
                text
            }
            _ => hunk.to_string(),
        };
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
        unified(&diff(old, new, &options), old, new, opts)
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
    fn a_line_uncut_is_written_as_similar_writes_it() {
        let whole = UnifiedOptions {
            sentences: usize::MAX,
            ..UnifiedOptions::default()
        };
        for (old, new) in [
            ("أ\r\nب\r\n", "أ\r\nج\r\n"),
            ("أ\rب\rد", "أ\rج\rد"),
            ("أ\nب", "أ\nج"),
        ] {
            let t = u(old, new, &UnifiedOptions::default());
            assert_eq!(t, u(old, new, &whole), "{old:?}");
            assert!(t.contains("+ج"), "{t}");
        }
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
        let t = unified(&diff("أ\n", "ب\n", &options), "أ\n", "ب\n", &raw);
        assert!(
            t.starts_with("--- a/x\\n+++ b/evil\n+++ b/x\\n@@ -1 +1 @@\n@@ "),
            "{t}"
        );
    }
}
