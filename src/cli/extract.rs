//! `naskh extract`.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;
use naskh::fs;

use super::Outcome;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// YAML, fields in a fixed order (invisible characters escaped).
    #[default]
    Yaml,
    /// JSON, same fields.
    Json,
}

/// Extract an article's structure.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The article; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    encoding: super::EncodingArg,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let path = args.file.unwrap_or_else(|| PathBuf::from(fs::STDIO));
    let text = args.encoding.read(&path)?;
    // Written as it is extracted (issue 8: the whole structure, then the whole text,
    // then an escaped copy, took hundreds of times the input).
    if let Some(to) = args.output {
        super::refuse_inputs(&to, "-o", std::slice::from_ref(&path), "")?;
        let mut out = fs::create_output(&to)?;
        let target = out.target().to_path_buf();
        render(&text, args.format, &mut out)
            .with_context(|| format!("writing {}", target.display()))?;
        out.commit()?;
        return Ok(Outcome::Success);
    }
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    render(&text, args.format, &mut stdout)
        .and_then(|()| stdout.flush())
        .context("writing to standard output")?;
    Ok(Outcome::Success)
}

/// The structure of `text` in `format` into `w`.
fn render(text: &str, format: Format, w: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Yaml => naskh::snapshot::write_extracted(text, false, w),
        // Bidi controls and C1 in the text are written as \u escapes (serde_json leaves
        // them raw): the same data, and nothing a terminal acts on.
        Format::Json => naskh::snapshot::json::write_extracted(text, w),
    }
}
