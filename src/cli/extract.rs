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
    let out = match args.format {
        Format::Yaml => naskh::snapshot::to_yaml(&article, false),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&article)?;
            s.push('\n');
            s
        }
    };
    if let Some(to) = args.output {
        super::refuse_inputs(&to, "-o", std::slice::from_ref(&path), "")?;
        fs::write_output(&to, out.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .context("writing to standard output")?;
    stdout.flush().context("writing to standard output")?;
    Ok(Outcome::Success)
}
