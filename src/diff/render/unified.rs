//! A git-style unified diff of the original texts, line by line, leaving out the hunks
//! whose change is of a hidden class.

use similar::{Algorithm, TextDiff};

use crate::diff::{Class, classify};

/// The unified diff of `old` and `new` (named `old_name` and `new_name` in the header),
/// with `context` lines around each hunk. A hunk whose lines differ only in a class of
/// `hidden` (by [`classify`] on its old and new lines) is left out.
pub fn unified(
    old: &str,
    new: &str,
    old_name: &str,
    new_name: &str,
    context: usize,
    hidden: &[Class],
) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(old, new);
    let mut out = String::new();
    let mut header = false;
    for hunk in diff.unified_diff().context_radius(context).iter_hunks() {
        let (mut o, mut n) = (String::new(), String::new());
        for change in hunk.iter_changes() {
            match change.tag() {
                similar::ChangeTag::Delete => o.push_str(change.value()),
                similar::ChangeTag::Insert => n.push_str(change.value()),
                similar::ChangeTag::Equal => {}
            }
        }
        if classify(&o, &n).is_none_or(|c| hidden.contains(&c)) {
            continue;
        }
        if !header {
            out.push_str(&format!("--- {old_name}\n+++ {new_name}\n"));
            header = true;
        }
        out.push_str(&hunk.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_and_hidden_classes() {
        let old = "أ\nقال الوزير\nب\n";
        let new = "أ\nقالَ الوزير\nب\n";
        let u = unified(old, new, "a.txt", "b.txt", 1, &[]);
        assert!(
            u.starts_with("--- a.txt\n+++ b.txt\n@@ -1,3 +1,3 @@\n"),
            "{u}"
        );
        assert!(u.contains("-قال الوزير\n+قالَ الوزير\n"));
        assert_eq!(unified(old, new, "a", "b", 1, &[Class::Diacritics]), "");
    }
}
