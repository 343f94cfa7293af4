//! `naskh completions SHELL` and `naskh man`: shell completions and manual pages,
//! generated from the clap definitions the parser uses, so they never fall behind it.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::CommandFactory;

use super::{Cli, Outcome};

/// Print a completion script for a shell.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: bash (`naskh completions bash > ~/.local/share/bash-completion/completions/naskh`),
    /// zsh (into a folder of `$fpath`, as `_naskh`), fish
    /// (`~/.config/fish/completions/naskh.fish`), elvish, powershell.
    #[arg(value_enum, value_name = "SHELL")]
    shell: clap_complete::Shell,
}

/// Print a manual page (roff), or write them all.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (`naskh man snapshot check`); none: naskh's
    /// own page. Read one with `naskh man | man -l -`.
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Vec<String>,
    /// Write every page (`naskh.1`, `naskh-normalize.1`, `naskh-snapshot-check.1` …) into
    /// DIR instead, each replaced atomically.
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    out_dir: Option<PathBuf>,
}

/// The command as the manual pages describe it: built (so that every subcommand has its
/// full name, `naskh-snapshot-check`), without clap's `help` subcommand.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn to_stdout(bytes: &[u8]) -> anyhow::Result<Outcome> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).context("writing to standard output")?;
    out.flush().context("writing to standard output")?;
    Ok(Outcome::Success)
}

pub(crate) fn completions(args: CompletionsArgs) -> anyhow::Result<Outcome> {
    // Into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "naskh", &mut buf);
    to_stdout(&buf)
}

fn page(cmd: &clap::Command) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    Ok(buf)
}

pub(crate) fn man(args: ManArgs) -> anyhow::Result<Outcome> {
    let root = command();
    if let Some(dir) = args.out_dir {
        naskh::fs::create_dir_all(&dir)?;
        fn write_all(cmd: &clap::Command, dir: &std::path::Path) -> anyhow::Result<()> {
            let name = format!("{}.1", cmd.get_display_name().unwrap_or(cmd.get_name()));
            naskh::fs::write_atomic(&dir.join(name), &page(cmd)?)?;
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                write_all(sub, dir)?;
            }
            Ok(())
        }
        write_all(&root, &dir)?;
        return Ok(Outcome::Success);
    }
    let mut cmd = &root;
    for (i, name) in args.subcommand.iter().enumerate() {
        cmd = cmd.find_subcommand(name).ok_or_else(|| {
            let path = args.subcommand[..i].join(" ");
            let known: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
            anyhow::anyhow!(
                "naskh {path}{}has no subcommand {name:?} (it has: {})",
                if path.is_empty() { "" } else { " " },
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )
        })?;
    }
    to_stdout(&page(cmd)?)
}
