//! Snapshot names: `extract@` + the article's path below the corpus folder, with `/` (and
//! `\`) as `__`, as insta writes a snapshot suffix into a file name. Pure functions, no
//! I/O.
//!
//! insta's `glob!` alone would name each file after its path below the folder that all
//! matched files share (insta 1.49, `glob.rs`, `find_common_prefix`), so the names
//! would depend on which articles exist: delete the only article at the top of the
//! corpus and every other snapshot is renamed (and `update --prune` would then delete
//! the reviewed ones). naskh names every snapshot after its path below the corpus
//! folder itself, and `tests/snapshots.rs` gives insta the same name as the snapshot
//! suffix ([`snapshot_suffix`]), so both agree and no name moves when another article
//! comes or goes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::SNAPSHOT_NAME;
use crate::Error;
use crate::fs::slash_path;

/// The snapshot suffix of the article at `relative` (its path below the corpus folder):
/// that path with `/` separators (`fixtures/a.txt`). What `tests/snapshots.rs` sets as
/// insta's snapshot suffix.
pub fn snapshot_suffix(relative: &Path) -> String {
    slash_path(relative)
}

/// The file name of the snapshot of the article at `relative` (a `/`-separated path
/// below the corpus folder), as insta makes it from the suffix:
/// `extract@fixtures__a.txt.snap`.
pub fn snapshot_file_name(relative: &str) -> String {
    format!(
        "{SNAPSHOT_NAME}@{}.snap",
        relative.replace(['/', '\\'], "__")
    )
}

/// Where the snapshot of each article lives: `files` are the articles (paths relative
/// to the corpus folder); returns `(file, snapshot file name)` pairs in the same order.
/// Two articles whose names would be the same file (`x/b.txt` and `x__b.txt`) are an
/// error naming both: one would silently overwrite the other's snapshot. `corpus` is
/// used in that message only.
pub fn snapshot_names(corpus: &Path, files: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut seen: BTreeMap<String, &PathBuf> = BTreeMap::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let name = snapshot_file_name(&snapshot_suffix(f));
        if let Some(first) = seen.insert(name.clone(), f) {
            return Err(Error::Usage(format!(
                "{} and {} would share the snapshot {name}: rename one of them",
                slash_path(&corpus.join(first)),
                slash_path(&corpus.join(f)),
            )));
        }
        out.push((f.clone(), name));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(v: &[&str]) -> Vec<PathBuf> {
        v.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn names_are_relative_to_the_corpus_folder() {
        let names = |files: &[&str]| -> Vec<String> {
            snapshot_names(Path::new("corpus"), &paths(files))
                .unwrap()
                .into_iter()
                .map(|(_, n)| n)
                .collect()
        };
        assert_eq!(
            names(&["fixtures/b.txt", "rt.txt"]),
            ["extract@fixtures__b.txt.snap", "extract@rt.txt.snap"]
        );
        // Without the top-level article, the others keep their names (insta's common
        // folder would now be `fixtures/`).
        assert_eq!(names(&["fixtures/b.txt"]), ["extract@fixtures__b.txt.snap"]);
        assert_eq!(names(&["a/b/c.txt"]), ["extract@a__b__c.txt.snap"]);
    }

    #[test]
    fn names_that_collide_are_an_error_naming_both() {
        let e = snapshot_names(Path::new("corpus"), &paths(&["x/b.txt", "x__b.txt"]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("corpus/x/b.txt")
                && e.contains("corpus/x__b.txt")
                && e.contains("extract@x__b.txt.snap"),
            "{e}"
        );
        // A backslash in a Unix file name is a separator to insta's file naming.
        assert!(snapshot_names(Path::new("c"), &paths(&["x\\b.txt", "x/b.txt"])).is_err());
    }
}
