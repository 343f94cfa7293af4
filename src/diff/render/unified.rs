//! A git-style unified diff of the original texts, line by line, leaving out the hunks
//! whose change is of a hidden class.

use similar::{Algorithm, TextDiff};

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
}

impl Default for UnifiedOptions {
    fn default() -> Self {
        UnifiedOptions {
            context: 3,
            hidden: Vec::new(),
            raw: false,
        }
    }
}

/// The unified diff of `old` and `new` (the texts `diff` compared, named by
/// `diff.old.name` and `diff.new.name` in the header). A hunk whose lines differ only in a
/// class of `opts.hidden` (by [`classify`] on its old and new lines) is left out.
pub fn unified(diff: &Diff, old: &str, new: &str, opts: &UnifiedOptions) -> String {
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(old, new);
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
        let text = hunk.to_string();
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
