//! `naskh diff`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use naskh::diff::{Class, DiffOptions, diff, render};
use naskh::escape::line_safe;
use naskh::fs;

use super::Outcome;
use super::color::{Color, Environment, use_color};
use super::pipe::{CLOSED_PIPE_STATUS, Written, write_stdout, write_stdout_with};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// For reading in a terminal (colours when it is one).
    #[default]
    Term,
    /// A git-style unified diff of the original lines, a changed line cut to its changed
    /// sentences (--context) for reading; with --raw (or --context all), whole lines for
    /// patch tools.
    Unified,
    /// Machine-readable, schema `naskh.diff/2` (UTF-8 and UTF-16 offsets).
    Json,
    /// One self-contained right-to-left HTML page.
    Html,
}

/// The marks and colours of the terminal format, at the end of `naskh diff --help`.
const LEGEND: &str = "\
The terminal format (--format term):
  [-old-]{+new+}   a deletion and an insertion; a marker's own character at the edge of a
                   change is written ⟨-⟩ or ⟨+⟩ (a deleted hyphen: [-⟨-⟩-])
  ⟦orthography⟧    the class after every change but content, in colour too
  ␣ ⍽ ⏎ ⇥ ⟨RLM⟩    a space, no-break space, line end, tab, invisible character (in
                   whitespace and invisible changes)
  …                sentences left out (--context)
In colour, deletions are struck through and insertions underlined, each class in its colour:
  content          red (deleted), green (inserted)
  orthography      magenta
  diacritics       yellow
  punctuation      cyan
  whitespace       blue
  invisible        grey
With --bidi, each change (its marks with it) is isolated between FSI and PDI.";

/// Compare two versions of an article.
///
/// Exit status as diff(1): 0 when there is no difference (of a class shown), 1 when
/// there are, 2 on trouble. Called by git as an external diff (seven arguments: path,
/// old file, old hash, old mode, new file, new hash, new mode) it compares the two files
/// and exits 0 either way, as git expects (a file it cannot read, such as one in another
/// encoding, is said so on standard output, and git goes on). When the reader of standard
/// output goes away (`naskh diff a b | head -1`) the exit status is 141, as GNU diff's and
/// git's.
///
/// Nothing from the texts or file names reaches a terminal raw: control characters and
/// bidi controls are written out (`\x1b`, `<U+202E>`), in the unified format too unless
/// `--raw`.
#[derive(Debug, clap::Args)]
#[command(after_help = LEGEND)]
pub(crate) struct Args {
    /// The old version (`-`: standard input), the new one; or git's seven arguments.
    #[arg(value_name = "FILE", num_args = 2..=7, required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave these classes out of the output and of the exit status: any of
    /// invisible, whitespace, punctuation, diacritics, orthography, moved.
    #[arg(long, value_name = "CLASSES", value_delimiter = ',')]
    hide: Vec<String>,
    /// Colours in the terminal format (auto: when standard output is a terminal, unless
    /// NO_COLOR is set or TERM=dumb; always when CLICOLOR_FORCE is set; under git, as git's
    /// --color/--no-color and color.diff).
    #[arg(long, value_enum, default_value_t)]
    color: Color,
    /// The unified format with the lines as they are, whole (--context does not cut them)
    /// and with control characters included, for `patch`, `git apply` and other tools.
    #[arg(long)]
    raw: bool,
    /// Read every line as a block, without an article's layout and without facts (for
    /// text that is not an article, such as insta's snapshots: INSTA_DIFF_TOOL="naskh
    /// diff --lines").
    #[arg(long)]
    lines: bool,
    #[command(flatten)]
    encoding: super::EncodingArg,
    /// The language of the HTML page's labels (the article is never translated).
    #[arg(long, value_enum, default_value_t)]
    lang: Lang,
    /// Sentences shown either side of a sentence with a change, in the terminal format
    /// and in the `-` and `+` lines of the unified format (the rest of a changed paragraph
    /// is left out, `…` where it is; a change of only spacing or invisible characters
    /// shows a few words either side instead). `--context all` shows whole paragraphs.
    /// A cut unified diff is for reading (its hunk headers count whole lines); patch tools
    /// need --raw or --context all.
    #[arg(long, value_name = "N", default_value = "1", value_parser = parse_context)]
    context: usize,
    /// In the terminal format, isolate each change between FSI and PDI (U+2068, U+2069)
    /// for a terminal that reorders right-to-left text (bidi): a changed word keeps its
    /// place among its neighbours. Only these isolates are written raw; bidi controls in
    /// the texts are still escaped (`<U+2068>`).
    #[arg(long)]
    bidi: bool,
    /// Lines of context around each hunk of the unified format.
    #[arg(long, short = 'U', value_name = "N", default_value_t = 3)]
    unified: usize,
}

/// The language of the HTML page's labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    /// Arabic, the page right to left.
    #[default]
    Ar,
    /// English, the labels left to right (the article stays right to left).
    En,
}

/// `--context`: a number of sentences, or `all`.
fn parse_context(s: &str) -> Result<usize, String> {
    match s {
        "all" => Ok(usize::MAX),
        _ => s
            .parse()
            .map_err(|_| format!("'{s}' is not a number of sentences (or 'all')")),
    }
}

fn hidden_classes(names: &[String]) -> anyhow::Result<Vec<Class>> {
    let mut out = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        match Class::from_name(name) {
            Some(Class::Content) => bail!("content changes cannot be hidden"),
            Some(c) => out.push(c),
            None => {
                let names: Vec<&str> = Class::ALL
                    .iter()
                    .filter(|c| **c != Class::Content)
                    .map(|c| c.name())
                    .collect();
                let near: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| strsim::jaro_winkler(n, name) > 0.8)
                    .collect();
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                bail!(
                    "unknown class '{name}'{hint}; classes: {}",
                    names.join(", ")
                );
            }
        }
    }
    Ok(out)
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode.
    let git = args.files.len() == 7;
    let (old_path, new_path, old_name, new_name) = match args.files.as_slice() {
        [a, b] => (
            a.clone(),
            b.clone(),
            a.display().to_string(),
            b.display().to_string(),
        ),
        [path, a, _, _, b, _, _] => (
            a.clone(),
            b.clone(),
            format!("a/{}", path.display()),
            format!("b/{}", path.display()),
        ),
        _ => bail!("naskh diff takes two files (or git's seven arguments)"),
    };
    if fs::is_stdio(&old_path) && fs::is_stdio(&new_path) {
        bail!("only one side can be standard input");
    }
    let hidden = hidden_classes(&args.hide)?;
    if let Some(out) = &args.output {
        super::refuse_inputs(out, "-o", &[old_path.clone(), new_path.clone()], "")?;
    }
    // Read (and checked) side by side: each is a pass over a file that may be large.
    let read = |path: &Path| args.encoding.read(path);
    let (old, new) = match rayon::join(|| read(&old_path), || read(&new_path)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) if git => {
            // One file git hands over that naskh cannot read (another encoding, binary)
            // must not stop `git diff` ("external diff died"): say so where git shows the
            // file's diff, and let git go on.
            let said = format!(
                "--- {}\n+++ {}\nnaskh: cannot compare: {}\n(git diff --no-ext-diff shows git's own diff)\n",
                line_safe(&old_name),
                line_safe(&new_name),
                line_safe(&super::message(&e))
            );
            return Ok(match write_stdout(said.as_bytes())? {
                Written::All => Outcome::Success,
                Written::PipeClosed => Outcome::Exit(CLOSED_PIPE_STATUS),
            });
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let options = DiffOptions {
        old_name,
        new_name,
        lines: args.lines,
        // The unified format prints no facts: don't extract the two structures.
        facts: args.format != Format::Unified,
        ..DiffOptions::default()
    };
    let d = diff(&old, &new, &options);
    let differs = d.has_changes(&hidden);
    let color = use_color(
        args.color,
        &Environment::current(args.output.is_none(), git),
    );
    let view = match args.format {
        Format::Term => render::View::Term(render::TermOptions {
            color,
            hidden: hidden.clone(),
            context: args.context,
            bidi: args.bidi,
        }),
        Format::Unified => render::View::Unified(render::UnifiedOptions {
            context: args.unified,
            hidden: hidden.clone(),
            raw: args.raw,
            sentences: args.context,
        }),
        Format::Json => render::View::Json,
        Format::Html => render::View::Html(render::HtmlOptions {
            hidden: hidden.clone(),
            lang: match args.lang {
                Lang::Ar => render::Lang::Arabic,
                Lang::En => render::Lang::English,
            },
        }),
    };
    // The terminal view of no change (that shows) is nothing at all, as `diff` prints.
    let silent = args.format == Format::Term && !differs && !d.approximate;
    let written = match &args.output {
        Some(path) => {
            let mut out = fs::create_output(path)?;
            let target = out.target().to_path_buf();
            if !silent {
                render::write(&d, &view, &mut out)
                    .with_context(|| format!("writing {}", target.display()))?;
            }
            out.commit()?;
            Written::All
        }
        None if silent => Written::All,
        None => write_stdout_with(|w| render::write(&d, &view, w))?,
    };
    Ok(finish(&d, args.format, written, differs, git))
}

/// The exit of a diff whose output was `written`.
fn finish(
    d: &naskh::diff::Diff,
    format: Format,
    written: Written,
    differs: bool,
    git: bool,
) -> Outcome {
    if written == Written::PipeClosed {
        // The reader went away: git goes on with its own SIGPIPE; a script sees 141.
        return if git {
            Outcome::Success
        } else {
            Outcome::Exit(CLOSED_PIPE_STATUS)
        };
    }
    if d.approximate && format != Format::Term {
        for n in &d.notes {
            eprintln!("naskh: approximate: {}", line_safe(n));
        }
    }
    if differs && !git {
        Outcome::Differences
    } else {
        Outcome::Success
    }
}
