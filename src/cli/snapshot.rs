//! `naskh snapshot`: check, update and list the corpus's structure snapshots.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use naskh::fs::{self, slash_path};
use naskh::snapshot::report::{self, body_diff, entry_json, state_name, summary};
use naskh::snapshot::{SnapshotEntry, SnapshotState, check_snapshots, write_snapshots};

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

fn write_report(path: &Path, entries: &[SnapshotEntry], dirs: &Dirs) -> anyhow::Result<()> {
    // The report never replaces an article or a snapshot (through links too).
    let inputs: Vec<std::path::PathBuf> = entries
        .iter()
        .flat_map(|e| {
            let article = e.article.as_ref().map(|a| dirs.corpus.join(a));
            article.into_iter().chain([e.snapshot.clone()])
        })
        .collect();
    super::refuse_inputs(path, "--report", &inputs, "")?;
    let is_xml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    let text = if is_xml {
        report::junit(entries, &dirs.corpus)
    } else {
        report::json_report(entries, &dirs.corpus)
    };
    fs::write_output(path, text.as_bytes())?;
    Ok(())
}

fn label(e: &SnapshotEntry, dirs: &Dirs) -> String {
    report::label(e, &dirs.corpus)
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
            let entries = check_snapshots(&dirs.corpus, &dirs.snapshots)?;
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
            let entries = check_snapshots(&dirs.corpus, &dirs.snapshots)?;
            let written = write_snapshots(&dirs.corpus, &entries, pending)?;
            let mut out = io::stdout().lock();
            for w in &written {
                writeln!(out, "wrote {}", slash_path(w))?;
            }
            let mut pruned = 0;
            for e in entries.iter().filter(|e| e.state == SnapshotState::Orphan) {
                if prune {
                    fs::remove_if_exists(&e.snapshot)?;
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
            let entries = check_snapshots(&dirs.corpus, &dirs.snapshots)?;
            let mut out = io::stdout().lock();
            if json {
                let items: Vec<_> = entries
                    .iter()
                    .map(|e| entry_json(e, &dirs.corpus))
                    .collect();
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
