//! What `naskh snapshot check` tells a reviewer or a CI page: each entry's state, the
//! unified diff of a changed structure, and reports as JUnit XML or JSON
//! (`naskh.snapshots/1`). Pure functions, no I/O.

use std::path::Path;

use serde_json::json;

use super::store::{SnapshotEntry, SnapshotState};
use crate::fs::slash_path;

/// The short name of a state: `ok`, `changed`, `missing`, `orphan`, `error`.
pub fn state_name(s: &SnapshotState) -> &'static str {
    match s {
        SnapshotState::Matches => "ok",
        SnapshotState::Changed { .. } => "changed",
        SnapshotState::Missing { .. } => "missing",
        SnapshotState::Orphan => "orphan",
        SnapshotState::Trouble(_) => "error",
    }
}

/// What names an entry: its article as the user gave the corpus folder
/// (`corpus/rt.txt`), or the snapshot file of an orphan.
pub fn label(e: &SnapshotEntry, corpus: &Path) -> String {
    match &e.article {
        Some(a) => slash_path(&corpus.join(a)),
        None => slash_path(&e.snapshot),
    }
}

/// An entry as JSON, for `list --json` and the report: article, snapshot, state.
pub fn entry_json(e: &SnapshotEntry, corpus: &Path) -> serde_json::Value {
    json!({
        "article": e.article.as_ref().map(|a| slash_path(&corpus.join(a))),
        "snapshot": slash_path(&e.snapshot),
        "state": state_name(&e.state),
    })
}

/// A unified diff of two snapshot bodies (already showing invisible characters).
pub fn body_diff(stored: &str, current: &str) -> String {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(stored, current);
    diff.unified_diff()
        .context_radius(2)
        .header("snapshot", "extracted now")
        .to_string()
}

/// Counts of the states, for the summary line.
pub fn summary(entries: &[SnapshotEntry]) -> String {
    let count = |name: &str| {
        entries
            .iter()
            .filter(|e| state_name(&e.state) == name)
            .count()
    };
    let articles = entries.iter().filter(|e| e.article.is_some()).count();
    format!(
        "{articles} articles: {} match, {} changed, {} missing, {} orphaned snapshots, {} errors",
        count("ok"),
        count("changed"),
        count("missing"),
        count("orphan"),
        count("error")
    )
}

/// The report as JUnit XML: one test case per entry, a failure for a change, an error
/// for trouble.
pub fn junit(entries: &[SnapshotEntry], corpus: &Path) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("naskh snapshot check");
    for e in entries {
        let status = match &e.state {
            SnapshotState::Matches => TestCaseStatus::success(),
            SnapshotState::Trouble(msg) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                s.set_message(msg.as_str());
                s
            }
            other => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(state_name(other));
                if let SnapshotState::Changed { stored, current } = other {
                    s.set_description(body_diff(stored, current));
                }
                s
            }
        };
        let mut case = TestCase::new(label(e, corpus), status);
        case.set_classname("snapshot");
        suite.add_test_case(case);
    }
    let mut report = Report::new("naskh");
    report.add_test_suite(suite);
    // quick-junit fails only on a writer's I/O error; it writes to a String here.
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- report failed: {e} -->\n"))
}

/// The report as JSON (`naskh.snapshots/1`): every entry with its diff or error.
pub fn json_report(entries: &[SnapshotEntry], corpus: &Path) -> String {
    let items: Vec<_> = entries
        .iter()
        .map(|e| {
            let mut v = entry_json(e, corpus);
            v["diff"] = json!(match &e.state {
                SnapshotState::Changed { stored, current } => Some(body_diff(stored, current)),
                _ => None,
            });
            v["error"] = json!(match &e.state {
                SnapshotState::Trouble(m) => Some(m.clone()),
                _ => None,
            });
            v
        })
        .collect();
    let doc = json!({ "schema": "naskh.snapshots/1", "entries": items });
    serde_json::to_string_pretty(&doc).expect("JSON of plain values") + "\n"
}
