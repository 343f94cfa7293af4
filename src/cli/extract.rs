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
    let article = naskh::structure::extract(&text);
    drop(text);
    // Written as it is rendered (issue 8: the whole text built first, then copied to
    // escape it, took hundreds of times the input).
    if let Some(to) = args.output {
        super::refuse_inputs(&to, "-o", std::slice::from_ref(&path), "")?;
        let mut out = fs::create_output(&to)?;
        let target = out.target().to_path_buf();
        render(&article, args.format, &mut out)
            .with_context(|| format!("writing {}", target.display()))?;
        out.commit()?;
        return Ok(Outcome::Success);
    }
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    render(&article, args.format, &mut stdout)
        .and_then(|()| stdout.flush())
        .context("writing to standard output")?;
    Ok(Outcome::Success)
}

/// `article` in `format` into `w`.
fn render(
    article: &naskh::structure::Article,
    format: Format,
    w: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Yaml => naskh::snapshot::write_article(article, false, w),
        Format::Json => {
            // Bidi controls and C1 in the text are written as \u escapes (serde_json
            // leaves them raw): the same data, and nothing a terminal acts on.
            let mut safe = naskh::snapshot::report::JsonSafeWriter::new(&mut *w);
            serde_json::to_writer_pretty(&mut safe, article).map_err(|e| {
                // Keep the kind, so that a closed pipe stays one.
                io::Error::new(e.io_error_kind().unwrap_or(io::ErrorKind::Other), e)
            })?;
            safe.flush()?;
            w.write_all(b"\n")
        }
    }
}
