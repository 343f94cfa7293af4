//! `naskh corpus`: normalise a whole corpus, or report what normalising would change.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::bail;
use naskh::corpus::{
    Control, CorpusOptions, FormatChoice, OnError, Summary, WalkOptions, inspect_corpus,
    normalize_corpus,
};
use naskh::fs;

use super::Outcome;
use super::normalize::RuleArgs;
use naskh::escape::terminal_safe as term_safe;

/// Normalise a corpus, or report what normalising it would change.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Normalise every file of INPUT (folders mirrored into OUTPUT; JSON Lines: one field
    /// of every line, every other byte kept), in parallel; resumable; never writes into
    /// an input. Exit 0, or 2 when a file or line had a problem (the rest is done), 130
    /// when interrupted.
    Normalize(NormalizeArgs),
    /// Report what normalising would change, writing nothing: changes per rule, the
    /// files with most changes, invisible characters, presentation forms, mixed digit
    /// systems, HTML entities, files that are not UTF-8.
    Stats(StatsArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormatArg {
    /// By extension: .txt is text, .jsonl is JSON Lines (each also .gz or .zst).
    #[default]
    Auto,
    /// Every file is text.
    Text,
    /// Every file is JSON Lines.
    Jsonl,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OnErrorArg {
    /// Copy the line to the output unchanged.
    #[default]
    Copy,
    /// Leave the line out of the output.
    Skip,
}

/// Which files, read how: shared by `normalize` and `stats`.
#[derive(Debug, clap::Args)]
pub(crate) struct Selection {
    /// Folders (their files are mirrored under OUTPUT) and files (written to OUTPUT
    /// under their name).
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Threads (default: one per core). The output is the same for any number.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// How files are read.
    #[arg(long, value_enum, default_value_t)]
    format: FormatArg,
    /// The JSON Lines field to normalise (top level only).
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,
    /// Read the files that match PATTERN (`*.md`, `2019/**/*.txt`), whatever their
    /// extension; a pattern without `/` matches file names at any depth. Repeatable.
    #[arg(long, value_name = "PATTERN")]
    glob: Vec<String>,
    /// Follow symbolic links (loops are reported, not followed).
    #[arg(long)]
    follow: bool,
    #[command(flatten)]
    encoding: super::EncodingArg,
    /// No progress bar, and (for normalize) no summary unless something went wrong;
    /// problems are always listed.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct NormalizeArgs {
    #[command(flatten)]
    selection: Selection,
    /// The output folder (created if need be; never an input, inside one, or holding
    /// one).
    #[arg(short, long, value_name = "OUTPUT", required = true)]
    output: PathBuf,
    /// Also write the summary as JSON (`naskh.corpus-stats/1`) to FILE.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// Skip the outputs that are complete and match their input and the settings
    /// (checked by hash in OUTPUT's manifest); redo the rest.
    #[arg(long)]
    resume: bool,
    /// A JSON line that cannot be normalised: copy it unchanged, or leave it out. It is
    /// reported either way.
    #[arg(long, value_enum, default_value_t)]
    on_error: OnErrorArg,
    /// Sync every output and its folder to disk before the next (survives a power cut
    /// at any moment; a few milliseconds per file). Without it outputs are still
    /// renamed into place whole, and the disk is synced once at the end.
    #[arg(long)]
    sync_each: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    selection: Selection,
    /// Print the report as JSON (`naskh.corpus-stats/1`).
    #[arg(long)]
    json: bool,
}

impl Selection {
    fn options(&self) -> anyhow::Result<CorpusOptions> {
        if self.field.is_empty() {
            bail!("--field needs a name");
        }
        Ok(CorpusOptions {
            normalize: self.rules.options()?,
            walk: WalkOptions {
                format: match self.format {
                    FormatArg::Auto => FormatChoice::Auto,
                    FormatArg::Text => FormatChoice::Text,
                    FormatArg::Jsonl => FormatChoice::Jsonl,
                },
                globs: self.glob.clone(),
                follow: self.follow,
            },
            field: self.field.clone(),
            encoding: self.encoding.encoding,
            jobs: self.jobs.unwrap_or(0),
            ..CorpusOptions::default()
        })
    }
}

/// The exit status of an interrupted run, as shells give a process killed by SIGINT.
const INTERRUPTED: u8 = 130;

pub(crate) fn run(cmd: Command) -> anyhow::Result<Outcome> {
    let control = Arc::new(Control::default());
    let interrupt = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // The first SIGINT or SIGTERM asks the run to stop (no new file; files in flight
    // discarded; summary printed); a second one ends the process at once (outputs in
    // place are whole either way).
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(
            signal,
            INTERRUPTED.into(),
            interrupt.clone(),
        )?;
        signal_hook::flag::register(signal, interrupt.clone())?;
    }
    if let Command::Normalize(a) = &cmd
        && let Some(stats) = &a.stats
    {
        refuse_into_inputs(stats, &a.selection.inputs)?;
    }
    let summary = match &cmd {
        Command::Normalize(a) => {
            let options = CorpusOptions {
                resume: a.resume,
                on_error: match a.on_error {
                    OnErrorArg::Copy => OnError::Copy,
                    OnErrorArg::Skip => OnError::Skip,
                },
                sync_each: a.sync_each,
                ..a.selection.options()?
            };
            with_progress(&a.selection, &control, &interrupt, || {
                normalize_corpus(&a.selection.inputs, &a.output, &options, &control)
            })?
        }
        Command::Stats(a) => {
            let options = a.selection.options()?;
            with_progress(&a.selection, &control, &interrupt, || {
                inspect_corpus(&a.selection.inputs, &options, &control)
            })?
        }
    };
    match &cmd {
        Command::Normalize(a) => {
            if let Some(path) = &a.stats {
                fs::write_output(path, summary.to_json().as_bytes())?;
            }
            let mut err = io::stderr().lock();
            write_problems(&mut err, &summary)?;
            if !a.selection.quiet || summary.has_problems() {
                write_summary(&mut err, &summary)?;
            }
        }
        Command::Stats(a) => {
            let mut out = io::stdout().lock();
            if a.json {
                out.write_all(summary.to_json().as_bytes())?;
            } else {
                write_problems(&mut io::stderr().lock(), &summary)?;
                write_report(&mut out, &summary)?;
            }
            out.flush()?;
        }
    }
    if summary.interrupted {
        return Ok(Outcome::Exit(INTERRUPTED));
    }
    if summary.has_problems() {
        return Ok(Outcome::Exit(2));
    }
    Ok(Outcome::Success)
}

/// Run `job` with a progress bar on standard error when it is a terminal (and not
/// `--quiet`), and with signals turned into a stop request.
fn with_progress(
    selection: &Selection,
    control: &Arc<Control>,
    interrupt: &Arc<std::sync::atomic::AtomicBool>,
    job: impl FnOnce() -> Result<Summary, naskh::Error> + Send,
) -> anyhow::Result<Summary> {
    let show = !selection.quiet && io::stderr().is_terminal();
    // The job's end wakes the monitor at once (dropping `finished`): a sleep of its tick
    // kept every run waiting up to 50 ms more (a one-file run took 52 ms, 4 of them CPU).
    let (finished, ended) = std::sync::mpsc::channel::<()>();
    let summary = std::thread::scope(|s| {
        s.spawn(move || {
            let bar = show.then(|| {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            loop {
                if interrupt.load(Ordering::Relaxed) {
                    control.stop.store(true, Ordering::Relaxed);
                }
                if let Some(bar) = &bar {
                    bar.set_length(control.total_bytes.load(Ordering::Relaxed));
                    bar.set_position(control.bytes_read.load(Ordering::Relaxed));
                    let problems = control.problems.load(Ordering::Relaxed);
                    bar.set_message(format!(
                        "files {}/{}, errors {problems}{}",
                        control.files_done.load(Ordering::Relaxed),
                        control.total_files.load(Ordering::Relaxed),
                        if control.stop.load(Ordering::Relaxed) {
                            " (stopping)"
                        } else {
                            ""
                        }
                    ));
                }
                match ended.recv_timeout(Duration::from_millis(50)) {
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    _ => break,
                }
            }
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
        });
        let r = job();
        drop(finished);
        r
    })?;
    Ok(summary)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn write_problems(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    for p in &s.problems {
        match p.line {
            Some(line) => writeln!(
                out,
                "naskh: {}:{line}: {}",
                term_safe(&p.file),
                term_safe(&p.message)
            )?,
            None => writeln!(
                out,
                "naskh: {}: {}",
                term_safe(&p.file),
                term_safe(&p.message)
            )?,
        }
    }
    if s.problems_omitted > 0 {
        writeln!(out, "naskh: … and {} more problems", s.problems_omitted)?;
    }
    Ok(())
}

fn write_changes(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    for (rule, n) in s.changes.iter() {
        writeln!(out, "  {:<32} {n:>12}", rule.name())?;
    }
    writeln!(out, "  {:<32} {:>12}", "total", s.total_changes)
}

fn write_summary(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    let f = &s.files;
    writeln!(
        out,
        "{}{} files: {} normalised, {} already done (--resume), {} failed{}; {} documents",
        if s.interrupted { "interrupted: " } else { "" },
        f.total,
        f.done,
        f.resumed,
        f.failed,
        if f.interrupted > 0 {
            format!(", {} not finished", f.interrupted)
        } else {
            String::new()
        },
        s.documents
    )?;
    writeln!(
        out,
        "{:.1} MB in, {:.1} MB out ({:.1} MB on disk read) in {:.2} s: {:.1} MB/s",
        mb(s.bytes_in),
        mb(s.bytes_out),
        mb(s.file_bytes),
        s.seconds,
        s.mb_per_s
    )?;
    if s.total_changes > 0 {
        writeln!(out, "changes per rule:")?;
        write_changes(out, s)?;
    } else {
        writeln!(out, "no changes")?;
    }
    if !s.links_skipped.is_empty() {
        writeln!(
            out,
            "{} symbolic links not followed (--follow follows them)",
            s.links_skipped.len()
        )?;
    }
    let n = s.problems.len() as u64 + s.problems_omitted;
    if n > 0 {
        writeln!(
            out,
            "{n} problems in {} files (listed above)",
            f.with_problems
        )?;
    }
    Ok(())
}

fn write_report(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(
        out,
        "{} files, {} documents, {:.1} MB of text{}",
        s.files.total,
        s.documents,
        mb(s.bytes_in),
        if s.interrupted { " (interrupted)" } else { "" }
    )?;
    writeln!(out, "rules: {}", s.rules.join(", "))?;
    writeln!(out)?;
    if s.total_changes > 0 {
        let per_kb = if s.bytes_in > 0 {
            1000.0 * s.total_changes as f64 / s.bytes_in as f64
        } else {
            0.0
        };
        writeln!(
            out,
            "normalising would make {} changes ({per_kb:.2} per KB of text):",
            s.total_changes
        )?;
        write_changes(out, s)?;
        writeln!(out)?;
        writeln!(out, "files with most changes:")?;
        for c in &s.most_changed {
            writeln!(
                out,
                "  {:>10}  {}  ({:.1} KB)",
                c.changes,
                term_safe(&c.file),
                c.bytes as f64 / 1e3
            )?;
        }
    } else {
        writeln!(out, "normalising would change nothing")?;
    }
    if let Some(i) = &s.inspection {
        writeln!(out)?;
        writeln!(out, "the text holds:")?;
        if i.invisible.is_empty() {
            writeln!(out, "  invisible characters: none")?;
        } else {
            writeln!(
                out,
                "  invisible characters: {}",
                i.invisible.values().sum::<u64>()
            )?;
            for (name, n) in &i.invisible {
                writeln!(out, "    {name:<16} {n:>10}")?;
            }
        }
        if i.controls.is_empty() {
            writeln!(out, "  control characters:   none")?;
        } else {
            let list: Vec<String> = i.controls.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(out, "  control characters:   {}", list.join(", "))?;
        }
        writeln!(out, "  presentation forms:   {}", i.presentation_forms)?;
        writeln!(out, "  HTML entities:        {}", i.html_entities)?;
        writeln!(out, "  tatweel:              {}", i.tatweel)?;
        writeln!(out, "  tashkeel marks:       {}", i.tashkeel)?;
        let digits: Vec<String> = i.digits.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            out,
            "  digits:               {}",
            if digits.is_empty() {
                "none".to_string()
            } else {
                digits.join(", ")
            }
        )?;
        writeln!(
            out,
            "  documents mixing digit systems: {} of {}",
            i.mixed_digit_documents, s.documents
        )?;
    }
    if s.not_utf8.is_empty() {
        writeln!(out, "  files not in UTF-8:   none")?;
    } else {
        writeln!(out, "  files not in UTF-8:   {}", s.not_utf8.len())?;
        for f in &s.not_utf8 {
            writeln!(
                out,
                "    {}  (looks like {})",
                term_safe(&f.file),
                f.looks_like
            )?;
        }
    }
    if !s.links_skipped.is_empty() {
        writeln!(
            out,
            "  symbolic links not followed: {}",
            s.links_skipped.len()
        )?;
    }
    Ok(())
}

/// `--stats FILE` never writes an input, nor into an input folder.
fn refuse_into_inputs(file: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    super::refuse_inputs(file, "--stats", inputs, "")?;
    let folder = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(folder) = folder.canonicalize() else {
        return Ok(());
    };
    for input in inputs {
        if let Ok(real) = input.canonicalize()
            && real.is_dir()
            && folder.starts_with(&real)
        {
            anyhow::bail!(
                "refusing to write --stats {} inside the input {}",
                file.display(),
                input.display()
            );
        }
    }
    Ok(())
}
