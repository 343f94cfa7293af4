//! Every article under `corpus/` against its snapshot under `snapshots/`, in insta's
//! format: `cargo insta review` works on these files, and so does `naskh snapshot`.
//!
//! One format, two front doors: the interop tests below run this same assertion (by
//! re-running this test binary) over snapshots that `naskh snapshot update` wrote, and
//! `naskh snapshot check` over snapshots that insta wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

use naskh::snapshot::{EXPRESSION, SNAPSHOT_NAME, description, render};
use naskh::structure::extract;

/// Where `corpus_structure` looks, unless the interop tests point it elsewhere.
const CORPUS_VAR: &str = "NASKH_TEST_CORPUS";
const SNAPSHOTS_VAR: &str = "NASKH_TEST_SNAPSHOTS";

/// The one insta configuration of the project: snapshots in the top-level `snapshots/`,
/// named without the module, with the extractor's version in the header.
fn settings(snapshots: &Path) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(snapshots);
    s.set_prepend_module_to_snapshot(false);
    s.set_description(description());
    s
}

fn dir_from_env(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

#[test]
fn corpus_structure() {
    // Relative defaults are taken from this file's folder, as insta does.
    let corpus = dir_from_env(CORPUS_VAR, "../corpus");
    let snapshots = dir_from_env(SNAPSHOTS_VAR, "../snapshots");
    settings(&snapshots).bind(|| {
        insta::glob!(&corpus, "**/*.txt", |path| {
            let text = naskh::fs::read_text(path).unwrap_or_else(|e| panic!("{e}"));
            let body = render(&extract(&text));
            insta::assert_snapshot!(SNAPSHOT_NAME, body, EXPRESSION);
        });
    });
}

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

/// Run `corpus_structure` in a child process on `corpus` and `snapshots`, with the
/// given insta environment. Returns whether it passed.
fn run_insta(corpus: &Path, snapshots: &Path, env: &[(&str, &str)]) -> bool {
    let exe = std::env::current_exe().expect("test binary path");
    let mut cmd = Command::new(exe);
    cmd.args(["--exact", "corpus_structure", "--test-threads", "1"])
        .env(CORPUS_VAR, corpus)
        .env(SNAPSHOTS_VAR, snapshots)
        .env_remove("INSTA_UPDATE")
        .env_remove("INSTA_FORCE_PASS")
        .env_remove("INSTA_GLOB_FILTER");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("re-running the test binary");
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stdout));
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

/// A corpus in a temporary folder: the project's own articles plus one written to be
/// hard on a YAML emitter (marks YAML reads as syntax, invisible controls, an empty file).
fn interop_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for rel in naskh::corpus::walk(&project, "txt").unwrap() {
        let to = corpus.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(project.join(&rel), to).unwrap();
    }
    let hard = "- null: 'yes' # not a comment\n\n\
                \u{200F}قال الوزير: \"نعم\"، و{أ: ب} [1, 2] &ref *x !tag | > % @ `\n\n\
                true\n\n  مسافة في البداية\t\n";
    std::fs::create_dir_all(corpus.join("zz")).unwrap();
    std::fs::write(corpus.join("zz/yaml-traps.txt"), hard).unwrap();
    std::fs::write(corpus.join("zz/empty.txt"), "").unwrap();
    tmp
}

#[test]
fn insta_accepts_what_naskh_writes() {
    let tmp = interop_corpus();
    let (corpus, snaps) = (tmp.path().join("corpus"), tmp.path().join("snapshots"));
    let st = naskh()
        .args(["snapshot", "update", "--corpus"])
        .arg(&corpus)
        .arg("--snapshots")
        .arg(&snaps)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let written = naskh::corpus::walk(&snaps, "snap").unwrap().len();
    let articles = naskh::corpus::walk(&corpus, "txt").unwrap().len();
    assert_eq!(written, articles);
    // insta must find every snapshot and agree with it: with updates off, a missing or
    // different snapshot fails the child.
    assert!(run_insta(&corpus, &snaps, &[("INSTA_UPDATE", "no")]));
    let pending = naskh::corpus::walk(&snaps, "new").unwrap();
    assert!(pending.is_empty(), "insta proposed changes: {pending:?}");

    // And the converse holds: with one article changed, insta rejects the snapshot.
    let seed = corpus.join("rt-lavrov-de-mistura.txt");
    let text = std::fs::read_to_string(&seed)
        .unwrap()
        .replace("2254", "2255");
    std::fs::write(&seed, text).unwrap();
    assert!(!run_insta(&corpus, &snaps, &[("INSTA_UPDATE", "no")]));
}

#[test]
fn naskh_accepts_what_insta_writes() {
    let tmp = interop_corpus();
    let (corpus, snaps) = (tmp.path().join("corpus"), tmp.path().join("snapshots"));
    assert!(run_insta(
        &corpus,
        &snaps,
        &[("INSTA_UPDATE", "always"), ("INSTA_FORCE_PASS", "1")]
    ));
    let written = naskh::corpus::walk(&snaps, "snap").unwrap().len();
    assert_eq!(written, naskh::corpus::walk(&corpus, "txt").unwrap().len());
    let check = || {
        naskh()
            .args(["snapshot", "check", "--corpus"])
            .arg(&corpus)
            .arg("--snapshots")
            .arg(&snaps)
            .output()
            .unwrap()
    };
    let out = check();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // naskh and insta write the same bytes (header included) for the same article.
    let ours = tempfile::tempdir().unwrap();
    let st = naskh()
        .args(["snapshot", "update", "--corpus"])
        .arg(&corpus)
        .arg("--snapshots")
        .arg(ours.path())
        .status()
        .unwrap();
    assert!(st.success());
    for rel in naskh::corpus::walk(&snaps, "snap").unwrap() {
        let a = std::fs::read_to_string(snaps.join(&rel)).unwrap();
        let b = std::fs::read_to_string(ours.path().join(&rel)).unwrap();
        // insta records the input file relative to the workspace; naskh as given.
        let body = |s: &str| {
            s.lines()
                .filter(|l| !l.starts_with("input_file:"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(body(&a), body(&b), "{}", rel.display());
    }
    // A snapshot insta rewrote after an edit is seen as changed until updated.
    let seed = corpus.join("rt-lavrov-de-mistura.txt");
    let text = std::fs::read_to_string(&seed)
        .unwrap()
        .replace("2254", "2255");
    std::fs::write(&seed, text).unwrap();
    assert_eq!(check().status.code(), Some(1));
    assert!(run_insta(
        &corpus,
        &snaps,
        &[("INSTA_UPDATE", "always"), ("INSTA_FORCE_PASS", "1")]
    ));
    assert_eq!(check().status.code(), Some(0));
}
