//! What a corpus run reports: per-file outcomes folded into one summary (files,
//! documents, bytes, changes per rule, errors), serialised as `naskh.corpus-stats/1`; and
//! for `naskh corpus stats`, what the text holds that normalising would touch (invisible
//! characters, presentation forms, mixed digit systems, HTML entities, files in another
//! encoding). Pure functions, no I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::normalize::{Rule, Stats, invisible_name};

/// The schema name of the JSON summary.
pub const SCHEMA: &str = "naskh.corpus-stats/1";

/// A problem with one file, or one line of one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// The input file (`/` separators).
    pub file: String,
    /// The line (from 1), for a problem with one line of a JSON Lines file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What is wrong (the whole message, with file, line and byte offset where known).
    pub message: String,
}

/// The text properties `naskh corpus stats` counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// Invisible characters by name (`U+200F RLM`): format controls, zero-width
    /// characters, the byte order mark, the soft hyphen.
    pub invisible: BTreeMap<String, u64>,
    /// Control characters other than newline, tab and carriage return (U+001A from old
    /// DOS exports, C1 controls from mis-decoded Windows-1252), by code point.
    pub controls: BTreeMap<String, u64>,
    /// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC): legacy glyph codes
    /// from PDFs and old systems.
    pub presentation_forms: u64,
    /// HTML character references (`&amp;`, `&#1575;`, `&#x627;`) left in the text.
    pub html_entities: u64,
    /// Digits by system: `ascii` 0–9, `arabic-indic` ٠–٩ (U+0660–U+0669), `persian`
    /// ۰–۹ (U+06F0–U+06F9).
    pub digits: BTreeMap<&'static str, u64>,
    /// Documents that mix two or more digit systems.
    pub mixed_digit_documents: u64,
    /// Tatweel (U+0640) characters.
    pub tatweel: u64,
    /// Tashkeel marks (U+064B–U+0652).
    pub tashkeel: u64,
}

/// Digit systems seen in one document (bits: ASCII, Arabic-Indic, Persian).
pub type DigitSystems = u8;

const DIGIT_NAMES: [&str; 3] = ["ascii", "arabic-indic", "persian"];

impl Inspection {
    /// Count what `text` holds; returns the digit systems it uses (to tell, over a whole
    /// document cut in pieces, whether it mixes them).
    pub fn scan(&mut self, text: &str) -> DigitSystems {
        let mut systems = 0u8;
        let mut digits = [0u64; 3];
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            match c {
                '0'..='9' => digits[0] += 1,
                '&' if is_entity(&bytes[i + 1..]) => self.html_entities += 1,
                '\n' | '\t' | '\r' => {}
                c if c.is_control() => {
                    *self
                        .controls
                        .entry(format!("U+{:04X}", c as u32))
                        .or_default() += 1;
                }
                c if c.is_ascii() => {}
                '\u{0660}'..='\u{0669}' => digits[1] += 1,
                '\u{06F0}'..='\u{06F9}' => digits[2] += 1,
                '\u{0640}' => self.tatweel += 1,
                '\u{064B}'..='\u{0652}' => self.tashkeel += 1,
                '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => self.presentation_forms += 1,
                c if crate::normalize::is_invisible(c) => {
                    let name = match invisible_name(c) {
                        Some(n) => format!("U+{:04X} {n}", c as u32),
                        None => format!("U+{:04X}", c as u32),
                    };
                    *self.invisible.entry(name).or_default() += 1;
                }
                _ => {}
            }
        }
        for (k, n) in digits.iter().enumerate() {
            if *n > 0 {
                systems |= 1 << k;
                *self.digits.entry(DIGIT_NAMES[k]).or_default() += n;
            }
        }
        systems
    }

    /// Close a document that used `systems`.
    pub fn end_document(&mut self, systems: DigitSystems) {
        if systems.count_ones() > 1 {
            self.mixed_digit_documents += 1;
        }
    }

    /// Add another file's counts.
    pub fn merge(&mut self, other: &Inspection) {
        for (k, v) in &other.invisible {
            *self.invisible.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.controls {
            *self.controls.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.digits {
            *self.digits.entry(k).or_default() += v;
        }
        self.presentation_forms += other.presentation_forms;
        self.html_entities += other.html_entities;
        self.mixed_digit_documents += other.mixed_digit_documents;
        self.tatweel += other.tatweel;
        self.tashkeel += other.tashkeel;
    }
}

/// `true` if `rest` (what follows an `&`) is an HTML character reference: a name or
/// `#` digits or `#x` hex digits, then `;`.
fn is_entity(rest: &[u8]) -> bool {
    let body = match rest.first() {
        Some(b'#') => match rest.get(1) {
            Some(b'x' | b'X') => &rest[2..],
            _ => &rest[1..],
        },
        _ => rest,
    };
    let n = body
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    n > 0 && body.get(n) == Some(&b';')
}

/// How one file went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Normalised (and written, unless a dry run).
    Done,
    /// Skipped by `--resume`: its output is complete and matches.
    Resumed,
    /// Not written: the file could not be read through (its problem says why).
    Failed,
    /// Not finished: the run was interrupted.
    Interrupted,
}

/// One file's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct FileOutcome {
    /// The input file (`/` separators).
    pub file: String,
    /// How it went.
    pub status: FileStatus,
    /// Documents (a text file is one; a JSON Lines file has one per object line).
    pub documents: u64,
    /// Text bytes read (decompressed, decoded to UTF-8).
    pub bytes_in: u64,
    /// Text bytes written (before compression).
    pub bytes_out: u64,
    /// Bytes read from disk.
    pub file_bytes: u64,
    /// Changes per rule.
    pub changes: Stats,
    /// Its problems (a file with bad lines is still written: the lines are copied or
    /// dropped).
    pub problems: Vec<Problem>,
    /// What its text holds (`naskh corpus stats`).
    #[serde(skip)]
    pub inspection: Inspection,
    /// For a file that is not UTF-8: the encoding it looks like, or `unknown`.
    #[serde(skip)]
    pub not_utf8: Option<String>,
}

impl FileOutcome {
    /// An outcome with nothing counted yet.
    pub fn new(file: String) -> FileOutcome {
        FileOutcome {
            file,
            status: FileStatus::Done,
            documents: 0,
            bytes_in: 0,
            bytes_out: 0,
            file_bytes: 0,
            changes: Stats::default(),
            problems: Vec::new(),
            inspection: Inspection::default(),
            not_utf8: None,
        }
    }
}

/// File counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileCounts {
    /// Files found.
    pub total: u64,
    /// Normalised.
    pub done: u64,
    /// Skipped by `--resume` (complete already).
    pub resumed: u64,
    /// Not written because of an error.
    pub failed: u64,
    /// Not finished because the run was interrupted (or not started).
    pub interrupted: u64,
    /// Files with at least one problem (failed ones, and ones with bad lines).
    pub with_problems: u64,
}

/// A file and how much normalising changes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The input file.
    pub file: String,
    /// Changes, all rules together.
    pub changes: u64,
    /// Text bytes.
    pub bytes: u64,
}

/// A file that is not UTF-8 and the encoding it looks like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suspect {
    /// The input file.
    pub file: String,
    /// The encoding it looks like (`windows-1256`, `iso-8859-6`, `utf-16le`…), or
    /// `unknown`.
    pub looks_like: String,
}

/// The whole run, as the closing summary and `--stats FILE` report it.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// naskh's version.
    pub naskh: &'static str,
    /// The rules applied, in order.
    pub rules: Vec<&'static str>,
    /// `true` for `naskh corpus stats` (nothing written).
    pub dry_run: bool,
    /// `true` if the run was interrupted.
    pub interrupted: bool,
    /// File counts.
    pub files: FileCounts,
    /// Documents read.
    pub documents: u64,
    /// Text bytes read (decompressed, as UTF-8).
    pub bytes_in: u64,
    /// Text bytes written (before compression).
    pub bytes_out: u64,
    /// Bytes read from disk.
    pub file_bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Text megabytes (10^6 bytes) read per second.
    pub mb_per_s: f64,
    /// Changes per rule.
    pub changes: Stats,
    /// All changes.
    pub total_changes: u64,
    /// The files with most changes (at most [`TOP_FILES`]), most first.
    pub most_changed: Vec<Changed>,
    /// What the text holds (`naskh corpus stats` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspection: Option<Inspection>,
    /// Files that are not UTF-8.
    pub not_utf8: Vec<Suspect>,
    /// Symbolic links not followed.
    pub links_skipped: Vec<String>,
    /// Every problem, sorted by file and line (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<Problem>,
    /// Problems beyond [`MAX_PROBLEMS`], counted but not listed.
    pub problems_omitted: u64,
}

/// How many of the most-changed files a summary lists.
pub const TOP_FILES: usize = 10;

/// How many problems a summary lists (the rest are counted), so that a corpus of
/// millions of bad lines keeps a bounded summary.
pub const MAX_PROBLEMS: usize = 10_000;

impl Summary {
    /// An empty summary for a run with `rules`.
    pub fn new(rules: impl Iterator<Item = Rule>, dry_run: bool) -> Summary {
        Summary {
            schema: SCHEMA,
            naskh: env!("CARGO_PKG_VERSION"),
            rules: rules.map(Rule::name).collect(),
            dry_run,
            interrupted: false,
            files: FileCounts::default(),
            documents: 0,
            bytes_in: 0,
            bytes_out: 0,
            file_bytes: 0,
            seconds: 0.0,
            mb_per_s: 0.0,
            changes: Stats::default(),
            total_changes: 0,
            most_changed: Vec::new(),
            inspection: dry_run.then(Inspection::default),
            not_utf8: Vec::new(),
            links_skipped: Vec::new(),
            problems: Vec::new(),
            problems_omitted: 0,
        }
    }

    /// Fold one file's outcome in.
    pub fn add(&mut self, o: FileOutcome) {
        match o.status {
            FileStatus::Done => self.files.done += 1,
            FileStatus::Resumed => self.files.resumed += 1,
            FileStatus::Failed => self.files.failed += 1,
            FileStatus::Interrupted => self.files.interrupted += 1,
        }
        if !o.problems.is_empty() {
            self.files.with_problems += 1;
        }
        self.documents += o.documents;
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        self.file_bytes += o.file_bytes;
        self.changes.merge(&o.changes);
        let total = o.changes.total();
        if total > 0 {
            self.most_changed.push(Changed {
                file: o.file.clone(),
                changes: total,
                bytes: o.bytes_in,
            });
            self.most_changed
                .sort_by(|a, b| b.changes.cmp(&a.changes).then_with(|| a.file.cmp(&b.file)));
            self.most_changed.truncate(TOP_FILES);
        }
        if let Some(i) = &mut self.inspection {
            i.merge(&o.inspection);
        }
        if let Some(looks_like) = &o.not_utf8 {
            self.not_utf8.push(Suspect {
                file: o.file.clone(),
                looks_like: looks_like.clone(),
            });
        }
        for p in o.problems {
            if self.problems.len() < MAX_PROBLEMS {
                self.problems.push(p);
            } else {
                self.problems_omitted += 1;
            }
        }
    }

    /// Put lists in a fixed order and compute totals, after the last file.
    pub fn finish(&mut self, seconds: f64) {
        self.problems.sort();
        self.not_utf8.sort_by(|a, b| a.file.cmp(&b.file));
        self.links_skipped.sort();
        self.total_changes = self.changes.total();
        self.seconds = seconds;
        self.mb_per_s = if seconds > 0.0 {
            self.bytes_in as f64 / 1e6 / seconds
        } else {
            0.0
        };
    }

    /// `true` if any file or line had a problem (the exit status is then 2).
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.problems_omitted > 0
    }

    /// The summary as pretty JSON, with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("JSON of plain values") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inspection_counts_what_normalising_touches() {
        let mut i = Inspection::default();
        let sys = i.scan("سعر ١٢ و 34 &amp; &nbsp; & x;\u{200F}\u{FEFB}ـ\u{064E}\u{1A}\n");
        i.end_document(sys);
        assert_eq!(i.html_entities, 2);
        assert_eq!(i.presentation_forms, 1);
        assert_eq!(i.invisible.get("U+200F RLM"), Some(&1));
        assert_eq!(i.digits.get("ascii"), Some(&2));
        assert_eq!(i.digits.get("arabic-indic"), Some(&2));
        assert_eq!(i.mixed_digit_documents, 1);
        assert_eq!((i.tatweel, i.tashkeel), (1, 1));
        assert_eq!(i.controls.get("U+001A"), Some(&1));
        assert_eq!(i.controls.len(), 1);
        let sys = i.scan("٣ ۴");
        i.end_document(sys);
        i.end_document(i.clone().scan("5"));
        assert_eq!(i.mixed_digit_documents, 2);
    }
}
