//! Scoring `naskh extract`'s quotations and speakers against the hand annotation of
//! real articles, `$NASKH_REALDATA/annotations/quotes.tsv` (its README says how to score:
//! this follows it). Used by `examples/score_quotes.rs`.
//!
//! A row is *found* when an extraction from its file has a quotation whose text contains
//! the row's `quote_contains`, and *found with a speaker* when that quotation's speaker
//! contains one of the row's `speaker_any` variants; both sides are compared after the
//! README's normalisation (marks, tatweel, bidi and zero-width controls dropped, NBSP as
//! a space, whitespace collapsed).
//!
//! Against overfitting, the annotated articles are split in two halves by their sorted
//! path: even positions are the *tuning* half (the misses one reads while fixing
//! patterns), odd positions the *held-out* half (scored, not read). Both are reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use naskh::structure::{Quote, extract};

/// The real data: `NASKH_REALDATA`, else `../shared/realdata` next to the crate.
pub fn realdata() -> PathBuf {
    std::env::var_os("NASKH_REALDATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata"),
        PathBuf::from,
    )
}

/// One annotated quotation.
#[derive(Clone, Debug)]
pub struct Row {
    /// Path below `articles/`.
    pub file: String,
    /// A distinctive piece of the quotation (normalised).
    pub quote: String,
    /// Acceptable speakers (normalised).
    pub speakers: Vec<String>,
    /// `direct`, `colon` or `indirect`.
    pub kind: String,
    /// The verb as written (may be empty).
    pub verb: String,
}

/// Which half of the annotation an article is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Half {
    /// Even positions of the sorted paths: read while tuning.
    Tuning,
    /// Odd positions: never read, only scored.
    HeldOut,
}

impl Half {
    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Half::Tuning => "tuning",
            Half::HeldOut => "held-out",
        }
    }
}

/// The annotation's normalisation: drop Arabic marks (U+064B–U+065F, U+0670) and tatweel,
/// bidi and zero-width controls, BOM; NBSP and other spaces become one ASCII space.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let drop = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                    | '\u{061C}' | '\u{FEFF}' | '\u{00AD}'
            );
        if drop {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The rows of `quotes.tsv`.
pub fn rows(realdata: &Path) -> Vec<Row> {
    let path = realdata.join("annotations/quotes.tsv");
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "{}: short row {l:?}", path.display());
            Row {
                file: f[0].to_string(),
                quote: norm(f[1]),
                speakers: f[2].split('|').map(norm).collect(),
                kind: f[3].to_string(),
                verb: f.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

/// How a row fared.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The row.
    pub row: Row,
    /// Its half.
    pub half: Half,
    /// A quotation containing it was extracted.
    pub found: bool,
    /// ... with an acceptable speaker.
    pub with_speaker: bool,
    /// The quotations that contain it: (kind, verb, speaker, text).
    pub got: Vec<(String, String, String, String)>,
}

/// An extracted quotation that contains no annotated row of its file.
#[derive(Clone, Debug)]
pub struct Unmatched {
    /// Path below `articles/`.
    pub file: String,
    /// Its half.
    pub half: Half,
    /// The quotation's kind.
    pub kind: String,
    /// Its verb.
    pub verb: String,
    /// Its speaker.
    pub speaker: String,
    /// Its text.
    pub text: String,
}

/// Found and found-with-speaker counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    /// Rows.
    pub total: usize,
    /// Found.
    pub found: usize,
    /// Found with an acceptable speaker.
    pub with_speaker: usize,
}

impl Tally {
    /// Share found with an acceptable speaker, in percent.
    pub fn speaker_rate(&self) -> f64 {
        100.0 * self.with_speaker as f64 / self.total.max(1) as f64
    }

    /// Share found, in percent.
    pub fn found_rate(&self) -> f64 {
        100.0 * self.found as f64 / self.total.max(1) as f64
    }
}

/// The whole score.
#[derive(Debug, Default)]
pub struct Score {
    /// Every row's outcome, in the annotation's order.
    pub outcomes: Vec<Outcome>,
    /// Extracted quotations that match no row (in the annotated articles).
    pub unmatched: Vec<Unmatched>,
    /// Quotations extracted from the annotated articles.
    pub extracted: usize,
}

impl Score {
    /// Counts for the rows whose kind is in `kinds` and half in `halves`.
    pub fn tally(&self, kinds: &[&str], halves: &[Half]) -> Tally {
        let mut t = Tally::default();
        for o in &self.outcomes {
            if kinds.contains(&o.row.kind.as_str()) && halves.contains(&o.half) {
                t.total += 1;
                t.found += usize::from(o.found);
                t.with_speaker += usize::from(o.with_speaker);
            }
        }
        t
    }
}

fn kind_name(q: &Quote) -> String {
    serde_json::to_value(q.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Extract every annotated article and score it.
pub fn score(realdata: &Path) -> Score {
    let rows = rows(realdata);
    let mut by_file: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in &rows {
        by_file.entry(r.file.as_str()).or_default().push(r);
    }
    let half_of: BTreeMap<&str, Half> = by_file
        .keys()
        .enumerate()
        .map(|(i, f)| {
            (
                *f,
                if i % 2 == 0 {
                    Half::Tuning
                } else {
                    Half::HeldOut
                },
            )
        })
        .collect();
    let mut s = Score::default();
    let mut found_quotes: BTreeMap<&str, Vec<(String, String, String, String)>> = BTreeMap::new();
    for (file, file_rows) in &by_file {
        let path = realdata.join("articles").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let a = extract(&text);
        let qs: Vec<(String, String, String, String)> = a
            .quotes
            .iter()
            .map(|q| {
                (
                    kind_name(q),
                    q.verb.clone().unwrap_or_default(),
                    q.speaker.as_ref().map_or(String::new(), |s| norm(&s.name)),
                    norm(&q.text),
                )
            })
            .collect();
        s.extracted += qs.len();
        for q in &qs {
            if !file_rows.iter().any(|r| q.3.contains(&r.quote)) {
                s.unmatched.push(Unmatched {
                    file: file.to_string(),
                    half: half_of[file],
                    kind: q.0.clone(),
                    verb: q.1.clone(),
                    speaker: q.2.clone(),
                    text: q.3.clone(),
                });
            }
        }
        found_quotes.insert(file, qs);
    }
    for r in &rows {
        let qs = &found_quotes[r.file.as_str()];
        let got: Vec<_> = qs
            .iter()
            .filter(|q| q.3.contains(&r.quote))
            .cloned()
            .collect();
        let with_speaker = got.iter().any(|q| {
            r.speakers
                .iter()
                .any(|v| !v.is_empty() && q.2.contains(v.as_str()))
        });
        s.outcomes.push(Outcome {
            row: r.clone(),
            half: half_of[r.file.as_str()],
            found: !got.is_empty(),
            with_speaker,
            got,
        });
    }
    s
}
