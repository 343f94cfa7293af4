//! Extended tests (`cargo test --release -- --ignored`), on data next to the repository:
//! - pairs built by `../shared/tools/make_revision_pair.py` with known edits, scored
//!   against its truth file: moves found, moved-and-edited paragraphs found, and
//!   diacritic-only and orthography-only edits classified as such;
//! - the 53 real revision pairs of `$NASKH_REALDATA/revisions` (default
//!   `../shared/realdata`): pairs that differ only in whitespace or paragraph breaks
//!   report no content change; changed figures show up in the facts.

mod support {
    pub mod realdata;
    pub mod score;
}

use std::path::{Path, PathBuf};
use std::process::Command;

use naskh::diff::{Class, DiffOptions, FactKind, diff};
use support::score::score;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Build a pair with the generator; returns (v1, v2, truth).
fn generated(mb: &str, extra: &[&str]) -> (String, String, serde_json::Value) {
    let tmp = tempfile::tempdir().unwrap();
    let prefix = tmp.path().join("pair");
    let st = Command::new("python3")
        .arg(shared().join("tools/make_revision_pair.py"))
        .arg(mb)
        .arg(&prefix)
        .args(extra)
        .output()
        .expect("python3 runs the generator");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let read = |ext: &str| std::fs::read_to_string(format!("{}.{ext}", prefix.display())).unwrap();
    let truth = serde_json::from_str(&read("truth.json")).unwrap();
    (read("v1.txt"), read("v2.txt"), truth)
}

#[test]
#[ignore = "needs ../shared/tools and python3"]
fn moves_and_classes_on_generated_pairs() {
    for seed in ["7", "11", "23"] {
        let (v1, v2, truth) = generated(
            "1",
            &["--moves", "20", "--edited-moves", "5", "--seed", seed],
        );
        let d = diff(&v1, &v2, &DiffOptions::default());
        let s = score(&v1, &v2, &d, &truth);
        eprintln!("seed {seed}: {s:?}");
        assert_eq!((s.moves_total, s.edited_moves_total), (20, 5));
        assert!(
            s.diacritics_total > 150 && s.orthography_total > 50,
            "{s:?}"
        );
        assert!(s.moves_found >= 19, "seed {seed}: {s:?}");
        assert!(s.edited_moves_found >= 4, "seed {seed}: {s:?}");
        assert!(s.diacritics_rate() >= 0.95, "seed {seed}: {s:?}");
        assert!(s.orthography_rate() >= 0.95, "seed {seed}: {s:?}");
        assert!(s.false_moves <= 2, "seed {seed}: {s:?}");
        assert!(s.false_content <= 5, "seed {seed}: {s:?}");
        assert!(!d.approximate);
    }
}

#[test]
#[ignore = "needs ../shared/tools and python3"]
fn heavily_edited_ten_megabytes() {
    let (v1, v2, truth) = generated("10", &["--word-edits", "3000", "--moves", "200"]);
    let d = diff(&v1, &v2, &DiffOptions::default());
    let s = score(&v1, &v2, &d, &truth);
    eprintln!("{s:?}");
    assert!(s.moves_found >= 190, "{s:?}");
    assert!(s.edited_moves_found >= 4, "{s:?}");
    assert!(
        s.diacritics_rate() >= 0.95 && s.orthography_rate() >= 0.95,
        "{s:?}"
    );
    assert!(!d.approximate, "{:?}", d.notes);
}

/// The real pairs: (id, old, new, whitespace only).
fn real_pairs() -> Vec<(String, String, String, bool)> {
    let root = support::realdata::realdata().join("revisions");
    let mut out = Vec::new();
    for group in ["ant_same_url", "saudinewsnet_republished"] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join(group))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let (o, n) = if d.join("a.txt").exists() {
                ("a.txt", "b.txt")
            } else {
                ("old.txt", "new.txt")
            };
            let meta: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(d.join("meta.json")).unwrap())
                    .unwrap();
            out.push((
                d.file_name().unwrap().to_string_lossy().into_owned(),
                naskh::fs::read_text(&d.join(o)).unwrap(),
                naskh::fs::read_text(&d.join(n)).unwrap(),
                meta["whitespace_only"].as_bool().unwrap_or(false),
            ));
        }
    }
    out
}

#[test]
#[ignore = "reads $NASKH_REALDATA"]
fn real_revision_pairs() {
    let pairs = real_pairs();
    assert_eq!(pairs.len(), 53);
    let mut whitespace_only = 0;
    for (id, old, new, ws) in &pairs {
        let d = diff(old, new, &DiffOptions::default());
        assert!(!d.approximate, "{id}: {:?}", d.notes);
        assert!(d.has_changes(&[]), "{id}: the versions differ");
        if *ws {
            whitespace_only += 1;
            assert_eq!(d.summary.count(Class::Content), 0, "{id}: {:?}", d.summary);
            assert_eq!(d.summary.count(Class::Moved), 0, "{id}");
            assert!(d.facts.is_empty(), "{id}: {:?}", d.facts);
            assert!(
                !d.has_changes(&[Class::Whitespace, Class::Invisible]),
                "{id}"
            );
        }
    }
    assert!(whitespace_only >= 10, "{whitespace_only}");
    // Figures that changed in France 24 updates are facts.
    let facts = |id: &str| {
        let (_, o, n, _) = pairs.iter().find(|p| p.0 == id).unwrap();
        diff(o, n, &DiffOptions::default()).facts
    };
    let f = facts("antm-003");
    assert!(
        f.iter()
            .any(|f| f.kind == FactKind::NumberRemoved && f.old.as_deref() == Some("2013")),
        "{f:?}"
    );
    let f = facts("antm-059");
    assert!(
        f.iter()
            // The number is read with its scale and unit (issue 9): 50 مليار دولار.
            .any(|f| f.kind == FactKind::NumberAdded && f.new.as_deref() == Some("50 مليار دولار")),
        "{f:?}"
    );
    let f = facts("snn-102");
    assert!(
        f.iter()
            .any(|f| f.kind == FactKind::DateChanged && f.new.as_deref() == Some("26 شوال 1436")),
        "{f:?}"
    );
}
