//! `naskh normalize`.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use naskh::fs::{self, is_stdio};
use naskh::normalize::{
    Mapping, NormalizeOptions, Normalizer, OffsetMap, Profile, QuoteStyle, Rule, RuleKind, Stats,
    Target,
};
use serde_json::json;

use super::Outcome;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum QuoteStyleArg {
    /// « and »
    #[default]
    Guillemets,
    /// " and "
    Straight,
    /// “ and ”
    Curly,
}

impl From<QuoteStyleArg> for QuoteStyle {
    fn from(a: QuoteStyleArg) -> QuoteStyle {
        match a {
            QuoteStyleArg::Guillemets => QuoteStyle::Guillemets,
            QuoteStyleArg::Straight => QuoteStyle::Straight,
            QuoteStyleArg::Curly => QuoteStyle::Curly,
        }
    }
}

/// The rule selection shared by every command that normalises.
#[derive(Debug, clap::Args)]
pub(crate) struct RuleArgs {
    /// Profile: none, canonical, typography, search, lucene, camel, quran.
    #[arg(short, long, default_value = "canonical", value_parser = parse_profile)]
    pub(crate) profile: Profile,
    /// Rules to add or remove, applied to the profile: `name` or `+name` adds, `-name`
    /// removes (comma-separated). `--profile none --rules a,b` runs exactly a and b.
    #[arg(short, long, value_name = "RULES", allow_hyphen_values = true)]
    pub(crate) rules: Option<String>,
    /// How unify-quotes writes quotation marks.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) quote_style: QuoteStyleArg,
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    s.parse()
        .map_err(|e: naskh::normalize::UnknownName| e.to_string())
}

impl RuleArgs {
    pub(crate) fn options(&self) -> anyhow::Result<NormalizeOptions> {
        let mut rules = self.profile.rules();
        if let Some(spec) = &self.rules {
            rules = rules.edit(spec)?;
        }
        Ok(NormalizeOptions {
            rules,
            quote_style: self.quote_style.into(),
        })
    }
}

/// Normalise Arabic text.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files to normalise; none or `-` reads standard input. Outputs are concatenated,
    /// with a newline between two files when the first does not end with one (so that
    /// two articles' words are never glued together).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    encoding: super::EncodingArg,
    /// Write nothing; list the files that normalising would change and exit 1 if there
    /// are any, 0 if none (for CI: hold a corpus normalised).
    #[arg(long, conflicts_with_all = ["output", "in_place", "offsets"])]
    check: bool,
    /// Write the result to OUT (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT", conflicts_with = "in_place")]
    output: Option<PathBuf>,
    /// Rewrite each FILE in place (atomically, keeping its owner and mode; through a
    /// symbolic link, the file it names); files that need no change are not touched. A
    /// read-only file is refused, and so is a file with other hard links (they would keep
    /// the old text) unless --force.
    #[arg(long)]
    in_place: bool,
    /// With --in-place: rewrite files that have other hard links too (only this name gets
    /// the new text).
    #[arg(long, requires = "in_place")]
    force: bool,
    /// Print on standard error how many times each rule changed something.
    #[arg(long)]
    stats: bool,
    /// Like --stats, as JSON.
    #[arg(long, conflicts_with = "stats")]
    stats_json: bool,
    /// Write the offset map (output byte ranges → input byte ranges) as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    offsets: Option<PathBuf>,
    /// List every profile and rule with the code points it touches, and exit.
    #[arg(long)]
    list: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.list {
        let mut out = BufWriter::new(io::stdout().lock());
        write_list(&mut out)?;
        out.flush()?;
        return Ok(Outcome::Success);
    }
    let options = args.rules.options()?;
    let normalizer = Normalizer::new(&options);
    let mut files = args.files.clone();
    if files.is_empty() {
        files.push(PathBuf::from(fs::STDIO));
    }
    if args.in_place && files.iter().any(|f| is_stdio(f)) {
        bail!("--in-place needs files, not standard input");
    }
    if args.offsets.is_some() && files.len() != 1 {
        bail!(
            "--offsets works on one input at a time ({} given)",
            files.len()
        );
    }
    if let Some(out) = &args.output {
        super::refuse_inputs(out, "-o", &files, "; use --in-place to rewrite it")?;
    }
    if let Some(map) = &args.offsets {
        super::refuse_inputs(map, "--offsets", &files, "")?;
        if let Some(out) = &args.output
            && (map == out || fs::same_file(map, out))
        {
            bail!("--offsets and -o name the same file, {}", map.display());
        }
    }
    if args.in_place {
        for f in &files {
            check_in_place(f, args.force)?;
        }
    }
    // Read and check every input before writing anything: a bad file stops the run
    // before any output exists.
    let texts: Vec<String> = files
        .iter()
        .map(|f| args.encoding.read(f))
        .collect::<Result<_, _>>()?;
    let mut stats = Stats::default();
    let want_stats = args.stats || args.stats_json;
    let mut outcome = Outcome::Success;

    if args.check {
        let mut out = io::stdout().lock();
        for (path, text) in files.iter().zip(&texts) {
            let n = normalize_one(&normalizer, text, want_stats.then_some(&mut stats));
            if n != text.as_str() {
                let name = if is_stdio(path) {
                    "<stdin>".to_string()
                } else {
                    fs::slash_path(path)
                };
                writeln!(out, "{}", naskh::escape::terminal_safe(&name))
                    .context("writing to standard output")?;
                outcome = Outcome::Differences;
            }
        }
        out.flush().context("writing to standard output")?;
    } else if args.in_place {
        for (path, text) in files.iter().zip(&texts) {
            let out = normalize_one(&normalizer, text, want_stats.then_some(&mut stats));
            if let Cow::Owned(new) = &out
                && new != text
            {
                rewrite_in_place(path, new.as_bytes())?;
            }
        }
    } else if let Some(out_path) = &args.output {
        let mut all = String::new();
        for text in &texts {
            let n = normalize_one(&normalizer, text, want_stats.then_some(&mut stats));
            // Two files' words are never glued: a newline between them when needed.
            if !n.is_empty() && !all.is_empty() && !all.ends_with('\n') {
                all.push('\n');
            }
            all.push_str(&n);
        }
        fs::write_output(out_path, all.as_bytes())?;
    } else {
        let stdout = io::stdout();
        let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
        // Whether the last byte written was not a newline (a file to be separated).
        let mut open_line = false;
        for text in &texts {
            let n = normalize_one(&normalizer, text, want_stats.then_some(&mut stats));
            if open_line && !n.is_empty() {
                out.write_all(b"\n").context("writing to standard output")?;
            }
            out.write_all(n.as_bytes())
                .context("writing to standard output")?;
            if !n.is_empty() {
                open_line = !n.ends_with('\n');
            }
        }
        out.flush().context("writing to standard output")?;
    }

    if let Some(path) = &args.offsets {
        let (out, map) = normalizer.normalize_with_offsets(&texts[0]);
        let (in_len, out_len) = (texts[0].len(), out.len());
        drop(out);
        let mut file = fs::create_output(path)?;
        write_offsets_json(&mut file, &files[0], in_len, out_len, &map)
            .with_context(|| format!("writing {}", path.display()))?;
        file.commit()?;
    }
    if args.stats {
        print_stats(&stats)?;
    } else if args.stats_json {
        let json = serde_json::to_string_pretty(&json!({
            "schema": "naskh.stats/1",
            "profile": args.rules.profile.name(),
            "rules": options.rules.iter().map(Rule::name).collect::<Vec<_>>(),
            "changes": stats,
            "total": stats.total(),
        }))?;
        eprintln!("{json}");
    }
    Ok(outcome)
}

/// Refuse to rewrite `path` in place when that would lose something: a read-only file
/// (its mode says it must not change; root could write it anyway), or a file with other
/// hard links, which would keep the old text (unless `force`).
fn check_in_place(path: &Path, force: bool) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).with_context(|| path.display().to_string())?;
    if meta.permissions().readonly() {
        bail!(
            "{} is read-only; not rewritten in place (make it writable first)",
            path.display()
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 && !force {
            bail!(
                "{} has {} other hard link(s), which would keep the old text; not rewritten in place (--force rewrites this name only)",
                path.display(),
                meta.nlink() - 1
            );
        }
    }
    let _ = force;
    Ok(())
}

/// Replace `path` (the file a symbolic link names) by `contents` atomically, with the
/// owner and mode it had.
fn rewrite_in_place(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).with_context(|| path.display().to_string())?;
    let mut file = fs::AtomicFile::create(path)?;
    #[cfg(unix)]
    file.keep_owner(&meta).with_context(|| {
        format!(
            "{}: cannot keep its owner; not rewritten in place",
            path.display()
        )
    })?;
    file.write_all(contents)?;
    file.commit()?;
    Ok(())
}

fn normalize_one<'a>(n: &Normalizer, text: &'a str, stats: Option<&mut Stats>) -> Cow<'a, str> {
    match stats {
        Some(st) => n.normalize_with_stats(text, st),
        None => n.normalize(text),
    }
}

/// The offset map as JSON (`naskh.offsets/1`), written segment by segment: the map of a
/// vowelled text has a segment for nearly every mark, and a document built in memory
/// first took 400 times the text.
fn write_offsets_json(
    w: &mut dyn Write,
    path: &Path,
    input_len: usize,
    output_len: usize,
    map: &OffsetMap,
) -> io::Result<()> {
    let name = if is_stdio(path) {
        "-".to_string()
    } else {
        fs::slash_path(path)
    };
    write!(
        w,
        r#"{{"schema":"naskh.offsets/1","input":{},"input_len":{input_len},"output_len":{output_len},"segments_format":["output_start","output_end","input_start","input_end","copy|edit"],"segments":["#,
        serde_json::to_string(&name)?
    )?;
    // Formatted by hand: `write!` spent half of the time of a run on its machinery.
    let mut line = Vec::with_capacity(128);
    for (k, s) in map.segments().enumerate() {
        line.clear();
        if k > 0 {
            line.push(b',');
        }
        line.push(b'[');
        for n in [s.output.start, s.output.end, s.input.start, s.input.end] {
            push_decimal(&mut line, n);
            line.push(b',');
        }
        line.extend_from_slice(if s.copy { b"\"copy\"]" } else { b"\"edit\"]" });
        w.write_all(&line)?;
    }
    w.write_all(b"]}\n")
}

/// Append `n` in decimal.
fn push_decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn print_stats(stats: &Stats) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "{:<32} {:>12}", "rule", "changes")?;
    for (rule, n) in stats.iter() {
        writeln!(err, "{:<32} {:>12}", rule.name(), n)?;
    }
    writeln!(err, "{:<32} {:>12}", "total", stats.total())
}

/// A character as `--list` shows it: marks on a dotted circle, invisible ones as <U+…>.
fn show(c: char) -> String {
    if c.is_control() || c.is_whitespace() || naskh::normalize::is_invisible(c) {
        format!("<U+{:04X}>", c as u32)
    } else if naskh::normalize::is_combining_mark(c) {
        format!("◌{c}")
    } else {
        c.to_string()
    }
}

fn show_str(s: &str) -> String {
    s.chars().map(show).collect()
}

fn describe(m: &Mapping) -> String {
    let from = if m.first == m.last {
        format!("U+{:04X} {}", m.first as u32, show(m.first))
    } else {
        format!(
            "U+{:04X}..U+{:04X} {}..{}",
            m.first as u32,
            m.last as u32,
            show(m.first),
            show(m.last)
        )
    };
    let to = match m.to {
        Target::Delete => "deleted".to_string(),
        Target::Char(c) => format!("→ U+{:04X} {}", c as u32, show(c)),
        Target::Str(s) => format!("→ {}", show_str(s)),
        Target::Shift(base) => format!("→ U+{:04X}.. {}..", base as u32, show(base)),
        Target::Nfkc => "→ NFKC decomposition".to_string(),
        Target::Context(what) => what.to_string(),
    };
    format!("{from}  {to}")
}

fn write_list(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "Profiles (the ladder none ⊂ canonical ⊂ typography ⊂ search, then compatibility profiles):"
    )?;
    for &p in Profile::ALL {
        writeln!(out, "  {:<11} {}", p.name(), p.summary())?;
        let names: Vec<_> = p.rules().iter().map(Rule::name).collect();
        if !names.is_empty() {
            writeln!(out, "  {:<11}   rules: {}", "", names.join(", "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Rules, in the order they always apply:")?;
    for &rule in Rule::ALL {
        let def = rule.def();
        let profiles: Vec<_> = Profile::ALL
            .iter()
            .filter(|p| p.rules().contains(rule))
            .map(|p| p.name())
            .collect();
        let (kind, maps) = match def.kind {
            RuleKind::Map(m) => ("map", m),
            RuleKind::Context(m) => ("context", m),
        };
        writeln!(
            out,
            "  {}  ({kind}; in: {})",
            rule.name(),
            if profiles.is_empty() {
                "no profile".to_string()
            } else {
                profiles.join(", ")
            }
        )?;
        writeln!(out, "      {}", def.summary)?;
        for m in maps {
            writeln!(out, "      {}", describe(m))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_every_rule_and_profile() {
        let mut buf = Vec::new();
        write_list(&mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        for r in Rule::ALL {
            assert!(text.contains(&format!("  {}  (", r.name())), "{r} missing");
        }
        for p in Profile::ALL {
            assert!(
                text.contains(&format!("  {:<11} ", p.name())),
                "{p} missing"
            );
        }
        // Straight from the tables: the strip-tashkeel range and a presentation-form fix.
        assert!(text.contains("U+064B..U+0652"));
        assert!(text.contains("U+FDFC"));
    }
}
