//! Snapshot names as insta's `glob!` gives them: `extract@` + the article's path below the
//! folder all articles share, with `/` as `__`. Pure functions, no I/O.

use std::path::PathBuf;

use super::SNAPSHOT_NAME;

/// The file name insta gives the snapshot of the corpus file at `relative` (relative to
/// the common folder of all corpus files, `/`-separated): `extract@fixtures__a.txt.snap`.
pub fn snapshot_file_name(relative: &str) -> String {
    format!(
        "{SNAPSHOT_NAME}@{}.snap",
        relative.replace(['/', '\\'], "__")
    )
}

/// Where the snapshot of each corpus file lives: `files` are the corpus files (paths
/// relative to the corpus folder, sorted); returns `(file, snapshot file name)` pairs.
/// Names are taken relative to the files' common folder, as insta's `glob!` does.
pub fn snapshot_names(files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let prefix = common_prefix(files);
    files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&prefix).unwrap_or(f);
            (f.clone(), snapshot_file_name(&crate::fs::slash_path(rel)))
        })
        .collect()
}

/// The longest leading run of path components all `files` share (as insta computes it,
/// on the sorted list's first and last paths).
fn common_prefix(files: &[PathBuf]) -> PathBuf {
    let (Some(first), Some(last)) = (files.first(), files.last()) else {
        return PathBuf::new();
    };
    first
        .components()
        .zip(last.components())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_insta_glob() {
        let files: Vec<PathBuf> = ["fixtures/b.txt", "rt.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let names: Vec<String> = snapshot_names(&files).into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            ["extract@fixtures__b.txt.snap", "extract@rt.txt.snap"]
        );
    }
}
