//! The command line: clap types, turning arguments into library options, printing. The
//! only code that touches the terminal; errors become messages and exit codes here.

mod color;
mod corpus;
mod diff;
mod extract;
mod normalize;
mod pipe;
mod snapshot;

use std::io;
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// naskh: normalise, extract, diff and snapshot Arabic news text.
#[derive(Debug, Parser)]
#[command(name = "naskh", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Normalise Arabic text: diacritics, letters, digits, quotes, spaces, invisible marks.
    Normalize(normalize::Args),
    /// Extract an article's structure: headline, paragraphs, quotes and speakers, source,
    /// numbers, dates (YAML or JSON).
    Extract(extract::Args),
    /// Check, update and list the structure snapshots of a corpus (insta's format).
    #[command(subcommand)]
    Snapshot(snapshot::Command),
    /// Compare two versions of an article: blocks aligned, moves found, words diffed,
    /// every change classed, facts (quotes, speakers, numbers, dates) called out.
    Diff(diff::Args),
    /// Normalise a whole corpus (folders, JSON Lines, .gz, .zst) in parallel, resumable;
    /// or report what normalising it would change.
    #[command(subcommand)]
    Corpus(corpus::Command),
}

/// What a command reports back to `main`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: differences found (snapshot check, diff, normalize --check).
    Differences,
    /// Exit with this status, the summary already printed (2: some files had problems,
    /// 130: interrupted).
    Exit(u8),
}

/// The encoding of the inputs: shared by every command that reads text.
#[derive(Debug, clap::Args)]
pub(crate) struct EncodingArg {
    /// The inputs' encoding: auto (UTF-8, or UTF-16 with a byte order mark; anything else
    /// is an error that says what it looks like), utf-8, utf-16, utf-16le, utf-16be,
    /// windows-1256, iso-8859-6. Output is always UTF-8.
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    pub(crate) encoding: naskh::fs::Encoding,
}

fn parse_encoding(s: &str) -> Result<naskh::fs::Encoding, String> {
    s.parse()
}

impl EncodingArg {
    /// Read an input (`-`: standard input) in the chosen encoding, up to the input limit.
    pub(crate) fn read(&self, path: &Path) -> anyhow::Result<String> {
        Ok(naskh::fs::read_text_limited(
            path,
            self.encoding,
            input_limit()?,
        )?)
    }
}

/// The most a command reads into memory at once: `NASKH_MAX_INPUT` (bytes, or with a
/// binary suffix K, M, G, T: `4G`), else [`naskh::fs::DEFAULT_INPUT_LIMIT`].
fn input_limit() -> anyhow::Result<u64> {
    let Some(v) = std::env::var_os("NASKH_MAX_INPUT") else {
        return Ok(naskh::fs::DEFAULT_INPUT_LIMIT);
    };
    let v = v.to_string_lossy();
    let t = v.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let shift = match c.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                'G' => 30,
                'T' => 40,
                _ => anyhow::bail!("NASKH_MAX_INPUT={v}: not a size (bytes, or 512K, 64M, 4G)"),
            };
            (&t[..i], shift)
        }
        _ => (t, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| anyhow::anyhow!("NASKH_MAX_INPUT={v}: not a size (bytes, or 512K, 64M, 4G)"))
}

/// Parse the command line and run it. Errors are printed once, here.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Normalize(args) => normalize::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Snapshot(cmd) => snapshot::run(cmd),
        Command::Diff(args) => diff::run(args),
        Command::Corpus(cmd) => corpus::run(cmd),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Differences) => ExitCode::from(1),
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // A message names files and quotes text: neither reaches the terminal raw.
            eprintln!(
                "naskh: error: {}",
                naskh::escape::terminal_safe(&message(&e))
            );
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated, each said once (the library's messages
/// already name their cause: `a.txt: No such file or directory`).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// `naskh … | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// An error if writing `out` (the value of `option`) would overwrite one of `inputs`: the
/// same file, through symbolic links or as another hard link to it. `hint` says what to
/// do instead.
fn refuse_inputs(
    out: &Path,
    option: &str,
    inputs: &[std::path::PathBuf],
    hint: &str,
) -> anyhow::Result<()> {
    if naskh::fs::is_stdio(out) {
        return Ok(());
    }
    for f in inputs.iter().filter(|f| !naskh::fs::is_stdio(f)) {
        if naskh::fs::same_file(out, f) {
            anyhow::bail!(
                "refusing to overwrite the input {} with {option} {}{hint}",
                f.display(),
                out.display()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
