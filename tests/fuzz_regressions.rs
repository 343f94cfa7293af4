//! Every seed and every finding of the fuzz targets (`fuzz/seeds/<target>/`), checked on
//! stable Rust with the targets' own invariants (`tests/support/invariants.rs`), so that
//! what fuzzing once found stays fixed. A finding is added as
//! `fuzz/seeds/<target>/finding-<what>`, with the fix.

#[path = "support/invariants.rs"]
mod invariants;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no seeds in {}", dir.display());
    v
}

#[test]
fn normalize_seeds_and_findings() {
    for (name, data) in inputs("normalize") {
        let (style, text) = invariants::normalize_input(&data);
        let r = std::panic::catch_unwind(|| invariants::check_normalize(&text, style));
        assert!(r.is_ok(), "fuzz/seeds/normalize/{name}");
    }
}

#[test]
fn extract_seeds_and_findings() {
    for (name, data) in inputs("extract") {
        let text = String::from_utf8_lossy(&data);
        let r = std::panic::catch_unwind(|| invariants::check_extract(&text));
        assert!(r.is_ok(), "fuzz/seeds/extract/{name}");
    }
}
