//! `naskh snapshot`: check, update and list the corpus's structure snapshots.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use naskh::corpus::{self, SnapshotEntry, SnapshotState, slash_path};
use serde_json::json;

use super::Outcome;

/// Where the corpus and its snapshots are.
#[derive(Debug, clap::Args)]
pub(crate) struct Dirs {
    /// The articles (every `.txt` file below it).
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    corpus: PathBuf,
    /// The `.snap` files.
    #[arg(long, value_name = "DIR", default_value = "snapshots")]
    snapshots: PathBuf,
}

/// Check, update or list snapshots of the corpus's structure (insta's format).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Compare every article with its snapshot. Exit 0 when all match; 1 when one
    /// differs, is missing, or a snapshot has no article; 2 on trouble.
    Check {
        #[command(flatten)]
        dirs: Dirs,
        /// Also write a report for CI pages: JUnit XML (`.xml`) or JSON (any other name).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Rewrite the snapshots that changed or are missing (atomically).
    Update {
        #[command(flatten)]
        dirs: Dirs,
        /// Write `.snap.new` files instead, for `cargo insta review`.
        #[arg(long)]
        pending: bool,
        /// Also delete snapshots that have no article.
        #[arg(long)]
        prune: bool,
    },
    /// List the articles, their snapshots and their state.
    List {
        #[command(flatten)]
        dirs: Dirs,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

fn state_name(s: &SnapshotState) -> &'static str {
    match s {
        SnapshotState::Matches => "ok",
        SnapshotState::Changed { .. } => "changed",
        SnapshotState::Missing { .. } => "missing",
        SnapshotState::Orphan => "orphan",
        SnapshotState::Trouble(_) => "error",
    }
}

/// An entry as JSON, for `list --json` and the report: article, snapshot, state.
fn entry_json(e: &SnapshotEntry, dirs: &Dirs) -> serde_json::Value {
    json!({
        "article": e.article.as_ref().map(|a| slash_path(&dirs.corpus.join(a))),
        "snapshot": slash_path(&e.snapshot),
        "state": state_name(&e.state),
    })
}

fn label(e: &SnapshotEntry, dirs: &Dirs) -> String {
    match &e.article {
        Some(a) => slash_path(&dirs.corpus.join(a)),
        None => slash_path(&e.snapshot),
    }
}

/// A unified diff of two snapshot bodies (already showing invisible characters).
fn body_diff(stored: &str, current: &str) -> String {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(stored, current);
    diff.unified_diff()
        .context_radius(2)
        .header("snapshot", "extracted now")
        .to_string()
}

/// Counts of the states, for the summary line.
fn summary(entries: &[SnapshotEntry]) -> String {
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

fn write_report(path: &Path, entries: &[SnapshotEntry], dirs: &Dirs) -> anyhow::Result<()> {
    let is_xml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    let text = if is_xml {
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
            let mut case = TestCase::new(label(e, dirs), status);
            case.set_classname("snapshot");
            suite.add_test_case(case);
        }
        let mut report = Report::new("naskh");
        report.add_test_suite(suite);
        report.to_string()?
    } else {
        let items: Vec<_> = entries
            .iter()
            .map(|e| {
                let mut v = entry_json(e, dirs);
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
        serde_json::to_string_pretty(&json!({ "schema": "naskh.snapshots/1", "entries": items }))?
            + "\n"
    };
    corpus::write_atomic(path, text.as_bytes())?;
    Ok(())
}

fn exit_for(entries: &[SnapshotEntry]) -> anyhow::Result<Outcome> {
    if entries
        .iter()
        .any(|e| matches!(e.state, SnapshotState::Trouble(_)))
    {
        anyhow::bail!("{}", summary(entries));
    }
    Ok(
        if entries.iter().all(|e| e.state == SnapshotState::Matches) {
            Outcome::Success
        } else {
            Outcome::Differences
        },
    )
}

pub(crate) fn run(cmd: Command) -> anyhow::Result<Outcome> {
    match cmd {
        Command::Check { dirs, report } => {
            let entries = corpus::check_snapshots(&dirs.corpus, &dirs.snapshots)?;
            let mut out = io::stdout().lock();
            for e in &entries {
                let name = label(e, &dirs);
                match &e.state {
                    SnapshotState::Matches => {}
                    SnapshotState::Changed { stored, current } => {
                        writeln!(out, "changed: {name} ({})", slash_path(&e.snapshot))?;
                        write!(out, "{}", body_diff(stored, current))?;
                    }
                    SnapshotState::Missing { .. } => writeln!(
                        out,
                        "missing: {name} has no snapshot ({})",
                        slash_path(&e.snapshot)
                    )?,
                    SnapshotState::Orphan => writeln!(out, "orphan: {name} has no article")?,
                    SnapshotState::Trouble(m) => writeln!(out, "error: {m}")?,
                }
            }
            writeln!(out, "{}", summary(&entries))?;
            out.flush().context("writing to standard output")?;
            if let Some(path) = report {
                write_report(&path, &entries, &dirs)?;
            }
            exit_for(&entries)
        }
        Command::Update {
            dirs,
            pending,
            prune,
        } => {
            let entries = corpus::check_snapshots(&dirs.corpus, &dirs.snapshots)?;
            let written = corpus::write_snapshots(&dirs.corpus, &entries, pending)?;
            let mut out = io::stdout().lock();
            for w in &written {
                writeln!(out, "wrote {}", slash_path(w))?;
            }
            let mut pruned = 0;
            for e in entries.iter().filter(|e| e.state == SnapshotState::Orphan) {
                if prune {
                    std::fs::remove_file(&e.snapshot)
                        .with_context(|| format!("removing {}", e.snapshot.display()))?;
                    writeln!(out, "removed {}", slash_path(&e.snapshot))?;
                    pruned += 1;
                } else {
                    writeln!(
                        out,
                        "orphan: {} has no article (--prune removes it)",
                        slash_path(&e.snapshot)
                    )?;
                }
            }
            let unchanged = entries
                .iter()
                .filter(|e| e.state == SnapshotState::Matches)
                .count();
            writeln!(
                out,
                "{} {}, {unchanged} unchanged, {pruned} removed",
                written.len(),
                if pending {
                    "pending (.snap.new)"
                } else {
                    "updated"
                }
            )?;
            out.flush().context("writing to standard output")?;
            let troubles: Vec<&String> = entries
                .iter()
                .filter_map(|e| match &e.state {
                    SnapshotState::Trouble(m) => Some(m),
                    _ => None,
                })
                .collect();
            if !troubles.is_empty() {
                anyhow::bail!(
                    "{} files could not be read:\n{}",
                    troubles.len(),
                    troubles
                        .iter()
                        .map(|m| m.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            Ok(Outcome::Success)
        }
        Command::List { dirs, json } => {
            let entries = corpus::check_snapshots(&dirs.corpus, &dirs.snapshots)?;
            let mut out = io::stdout().lock();
            if json {
                let items: Vec<_> = entries.iter().map(|e| entry_json(e, &dirs)).collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
            } else {
                for e in &entries {
                    writeln!(
                        out,
                        "{:<8} {}  {}",
                        state_name(&e.state),
                        label(e, &dirs),
                        slash_path(&e.snapshot)
                    )?;
                }
            }
            out.flush().context("writing to standard output")?;
            Ok(Outcome::Success)
        }
    }
}
