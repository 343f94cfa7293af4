//! The command line: clap types, turning arguments into library options, printing. The
//! only code that touches the terminal; errors become messages and exit codes here.

mod color;
mod corpus;
mod diff;
mod extract;
mod generate;
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
    /// With --version: also the SIMD kernels this CPU runs and the one naskh uses
    #[arg(long)]
    verbose: bool,
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print naskh's manual page (roff) on standard output, or write every page.
    Man(generate::ManArgs),
}

impl Command {
    /// `true` for the commands whose exit status says something (1: differences found)
    /// and must survive a closed pipe ([`pipe::closed_pipe_exit`]). The others (`normalize`,
    /// `extract` …) end quietly with 0 when their reader stops early.
    fn keeps_status_through_closed_pipe(&self) -> bool {
        matches!(self, Command::Snapshot(snapshot::Command::Check { .. }))
    }
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
    // clap's own --version prints and exits as it meets the flag: --verbose is seen first.
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.len() == 2
        && args.iter().any(|a| a == "--verbose")
        && args.iter().any(|a| a == "--version" || a == "-V")
    {
        return version_verbose();
    }
    let cli = Cli::parse();
    // A bad NASKH_SIMD is an error before any work (the library runs the best kernel).
    if let Err(e) = naskh::normalize::Kernel::from_env() {
        eprintln!("naskh: error: {e}");
        return ExitCode::from(2);
    }
    let _ = cli.verbose; // only meaningful with --version
    pipe::widen_stdout_pipe();
    let keeps_status = cli.command.keeps_status_through_closed_pipe();
    let result = match cli.command {
        Command::Normalize(args) => normalize::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Snapshot(cmd) => snapshot::run(cmd),
        Command::Diff(args) => diff::run(args),
        Command::Corpus(cmd) => corpus::run(cmd),
        Command::Completions(args) => generate::completions(args),
        Command::Man(args) => generate::man(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Differences) => ExitCode::from(1),
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) && keeps_status => pipe::closed_pipe_exit(),
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

/// `naskh --version --verbose`: the version, then the kernels (as ripgrep lists its SIMD
/// features): which this CPU runs, and the one in use and why. Exit 2 if `NASKH_SIMD` is
/// bad.
fn version_verbose() -> ExitCode {
    use naskh::normalize::Kernel;
    println!("naskh {}", env!("CARGO_PKG_VERSION"));
    let arch = std::env::consts::ARCH;
    let kernels: Vec<String> = Kernel::ALL
        .iter()
        .map(|k| format!("{}{}", if k.is_supported() { '+' } else { '-' }, k.name()))
        .collect();
    println!("kernels ({arch}, run time): {}", kernels.join(" "));
    let setting = std::env::var_os("NASKH_SIMD").filter(|v| !v.is_empty() && v != "auto");
    match Kernel::from_env() {
        Ok(k) if setting.is_some() => {
            println!("kernel: {} ({k}; NASKH_SIMD={})", k.name(), k.name())
        }
        Ok(k) => println!(
            "kernel: {} ({k}; the best this CPU runs; NASKH_SIMD=avx512|avx2|off forces one)",
            k.name()
        ),
        Err(e) => {
            println!("kernel: {} (the best this CPU runs)", Kernel::best().name());
            eprintln!("naskh: error: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
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
