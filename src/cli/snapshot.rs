//! `naskh snapshot`: check, update and list the corpus's structure snapshots.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use naskh::fs::{self, slash_path};
use naskh::snapshot::report::{self, body_diff, entry_json, state_name, summary, summary_lines};
use naskh::snapshot::{Checked, SnapshotEntry, SnapshotState, check_corpus, write_snapshots};

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

/// A line of text for the terminal: article text, file names and stored snapshots can
/// hold anything (ESC sequences, bidi overrides), and none of it reaches the terminal raw.
fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    naskh::escape::terminal_safe(s)
}

/// The corpus checked, its notes said on standard error, and an error when it holds no
/// article: a CI job pointed at the wrong folder must fail, not pass on nothing (and
/// `update --prune` must not take every snapshot for an orphan).
fn checked(dirs: &Dirs) -> anyhow::Result<Checked> {
    let checked = check_corpus(&dirs.corpus, &dirs.snapshots)?;
    for note in &checked.notes {
        eprintln!("naskh: warning: {}", safe(note));
    }
    if checked.articles() == 0 {
        anyhow::bail!(
            "{}: no article (no .txt file) in this folder: point --corpus at the folder that holds the articles",
            dirs.corpus.display()
        );
    }
    Ok(checked)
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

fn print_check(out: &mut impl Write, entries: &[SnapshotEntry], dirs: &Dirs) -> io::Result<()> {
    for e in entries {
        let name = label(e, dirs);
        let snap = slash_path(&e.snapshot);
        match &e.state {
            SnapshotState::Matches => {}
            SnapshotState::Changed {
                stored, current, ..
            } => {
                writeln!(out, "changed: {} ({})", safe(&name), safe(&snap))?;
                for line in summary_lines(e) {
                    writeln!(out, "  {}", safe(&line))?;
                }
                write!(out, "{}", safe(&body_diff(stored, current)))?;
            }
            SnapshotState::Missing { .. } => writeln!(
                out,
                "missing: {} has no snapshot ({})",
                safe(&name),
                safe(&snap)
            )?,
            SnapshotState::Orphan => writeln!(out, "orphan: {} has no article", safe(&name))?,
            SnapshotState::Trouble(m) => writeln!(out, "error: {}", safe(m))?,
        }
    }
    writeln!(out, "{}", summary(entries))?;
    out.flush()
}

pub(crate) fn run(cmd: Command) -> anyhow::Result<Outcome> {
    match cmd {
        Command::Check { dirs, report } => {
            let checked = checked(&dirs)?;
            let entries = &checked.entries;
            // The report first: it does not depend on standard output staying open.
            if let Some(path) = report {
                write_report(&path, entries, &dirs)?;
            }
            print_check(&mut io::stdout().lock(), entries, &dirs)
                .context("writing to standard output")?;
            exit_for(entries)
        }
        Command::Update {
            dirs,
            pending,
            prune,
        } => {
            let entries = checked(&dirs)?.entries;
            let written = write_snapshots(&dirs.corpus, &entries, pending)?;
            let mut out = io::stdout().lock();
            for w in &written {
                writeln!(out, "wrote {}", safe(&slash_path(w)))?;
            }
            let mut pruned = 0;
            for e in entries.iter().filter(|e| e.state == SnapshotState::Orphan) {
                let snap = slash_path(&e.snapshot);
                if prune {
                    fs::remove_if_exists(&e.snapshot)?;
                    writeln!(out, "removed {}", safe(&snap))?;
                    pruned += 1;
                } else {
                    writeln!(
                        out,
                        "orphan: {} has no article (--prune removes it)",
                        safe(&snap)
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
            let entries = checked(&dirs)?.entries;
            let mut out = io::stdout().lock();
            if json {
                let items: Vec<_> = entries
                    .iter()
                    .map(|e| entry_json(e, &dirs.corpus))
                    .collect();
                write!(
                    out,
                    "{}",
                    report::json_text(&serde_json::Value::Array(items))
                )?;
            } else {
                for e in &entries {
                    writeln!(
                        out,
                        "{:<8} {}  {}",
                        state_name(&e.state),
                        safe(&label(e, &dirs)),
                        safe(&slash_path(&e.snapshot))
                    )?;
                }
            }
            out.flush().context("writing to standard output")?;
            Ok(Outcome::Success)
        }
    }
}
