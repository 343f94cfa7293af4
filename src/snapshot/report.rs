//! What `naskh snapshot check` tells a reviewer or a CI page: each entry's state, the
//! unified diff of a changed structure, and reports as JUnit XML or JSON
//! (`naskh.snapshots/1`). Pure functions, no I/O.

use std::path::Path;

use serde_json::json;

use super::store::{SnapshotEntry, SnapshotState};
use super::summary::summarise;
use crate::fs::slash_path;

/// The short name of a state: `ok`, `changed`, `missing`, `orphan`, `error`.
pub fn state_name(s: &SnapshotState) -> &'static str {
    match s {
        SnapshotState::Matches => "ok",
        SnapshotState::Changed { .. } => "changed",
        SnapshotState::Missing { .. } => "missing",
        SnapshotState::Orphan => "orphan",
        SnapshotState::Trouble(_) => "error",
    }
}

/// What names an entry: its article as the user gave the corpus folder
/// (`corpus/rt.txt`), or the snapshot file of an orphan.
pub fn label(e: &SnapshotEntry, corpus: &Path) -> String {
    match &e.article {
        Some(a) => slash_path(&corpus.join(a)),
        None => slash_path(&e.snapshot),
    }
}

/// An entry as JSON, for `list --json` and the report: article, snapshot, state.
pub fn entry_json(e: &SnapshotEntry, corpus: &Path) -> serde_json::Value {
    json!({
        "article": e.article.as_ref().map(|a| slash_path(&corpus.join(a))),
        "snapshot": slash_path(&e.snapshot),
        "state": state_name(&e.state),
    })
}

/// A unified diff of two snapshot bodies (already showing invisible characters).
pub fn body_diff(stored: &str, current: &str) -> String {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(stored, current);
    diff.unified_diff()
        .context_radius(2)
        .header("snapshot", "extracted now")
        .to_string()
}

/// Counts of the states, for the summary line.
pub fn summary(entries: &[SnapshotEntry]) -> String {
    let count = |name: &str| {
        entries
            .iter()
            .filter(|e| state_name(&e.state) == name)
            .count()
    };
    let articles = entries.iter().filter(|e| e.article.is_some()).count();
    format!(
        "{articles} articles: {} match, {} changed, {} missing, {} orphaned snapshots, {} errors",
        count("ok"),
        count("changed"),
        count("missing"),
        count("orphan"),
        count("error")
    )
}

/// The report as JUnit XML: one test case per entry, a failure for a change, an error
/// for trouble.
pub fn junit(entries: &[SnapshotEntry], corpus: &Path) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("naskh snapshot check");
    for e in entries {
        let status = match &e.state {
            SnapshotState::Matches => TestCaseStatus::success(),
            SnapshotState::Trouble(msg) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                s.set_message(msg.as_str());
                s
            }
            other => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(state_name(other));
                if let SnapshotState::Changed {
                    stored, current, ..
                } = other
                {
                    let mut text = summary_lines(e).join("\n");
                    text.push('\n');
                    text.push_str(&body_diff(stored, current));
                    s.set_description(text);
                }
                s
            }
        };
        let mut case = TestCase::new(label(e, corpus), status);
        case.set_classname("snapshot");
        suite.add_test_case(case);
    }
    let mut report = Report::new("naskh");
    report.add_test_suite(suite);
    // quick-junit fails only on a writer's I/O error; it writes to a String here.
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- report failed: {e} -->\n"))
}

/// The report as JSON (`naskh.snapshots/1`): every entry with its diff or error.
pub fn json_report(entries: &[SnapshotEntry], corpus: &Path) -> String {
    let items: Vec<_> = entries
        .iter()
        .map(|e| {
            let mut v = entry_json(e, corpus);
            v["summary"] = json!(match &e.state {
                SnapshotState::Changed { .. } => Some(summary_lines(e)),
                _ => None,
            });
            v["diff"] = json!(match &e.state {
                SnapshotState::Changed {
                    stored, current, ..
                } => Some(body_diff(stored, current)),
                _ => None,
            });
            v["error"] = json!(match &e.state {
                SnapshotState::Trouble(m) => Some(m.clone()),
                _ => None,
            });
            v
        })
        .collect();
    let doc = json!({ "schema": "naskh.snapshots/1", "entries": items });
    json_text(&doc)
}

/// `v` as pretty JSON whose text is safe for a terminal ([`json_safe`]), with a final
/// newline.
pub fn json_text(v: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(v).expect("JSON of plain values");
    let mut out = json_safe(&text).into_owned();
    out.push('\n');
    out
}

/// JSON text made safe for a terminal: the characters [`crate::escape::needs_escape`]
/// names that serde_json leaves raw (DEL, C1, bidi controls, U+2028 and U+2029) written
/// as `\uXXXX` escapes. Outside strings JSON is ASCII without controls, so they only
/// occur inside strings, and the JSON reads back to the same data. Borrowed when there
/// is none.
///
/// ```
/// let json = serde_json::to_string(&"قال\u{202E}").unwrap();
/// let safe = naskh::snapshot::report::json_safe(&json);
/// assert_eq!(safe, "\"قال\\u202e\"");
/// assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "قال\u{202E}");
/// ```
pub fn json_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(mut at) = crate::escape::find_escape(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = 0;
    // A found offset is a character's.
    while let Some(c) = text[at..].chars().next() {
        out.push_str(&text[done..at]);
        // All of them are in the BMP: one \u escape each.
        let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04x}", c as u32));
        done = at + c.len_utf8();
        match crate::escape::find_escape(&text[done..]) {
            Some(i) => at = done + i,
            None => break,
        }
    }
    out.push_str(&text[done..]);
    std::borrow::Cow::Owned(out)
}

/// A writer that passes JSON text on as [`json_safe`] writes it, for JSON streamed by
/// `serde_json::to_writer_pretty` (no second copy of the text). A character cut between
/// two writes is held until its last byte comes.
///
/// ```
/// use std::io::Write;
/// let mut out = Vec::new();
/// let mut w = naskh::snapshot::report::JsonSafeWriter::new(&mut out);
/// serde_json::to_writer(&mut w, &"قال\u{202E}").unwrap();
/// w.flush().unwrap();
/// assert_eq!(out, b"\"\xd9\x82\xd8\xa7\xd9\x84\\u202e\"");
/// ```
pub struct JsonSafeWriter<W: std::io::Write> {
    inner: W,
    /// The first bytes of a character whose last bytes are still to come (at most 3).
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonSafeWriter<W> {
    /// A writer into `inner`.
    pub fn new(inner: W) -> Self {
        JsonSafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        // Checked with simdutf8 (the JSON is several times the text it holds).
        let (text, rest) = match simdutf8::compat::from_utf8(bytes) {
            Ok(t) => (t, &[][..]),
            // Cut inside a character: the rest waits for the next write.
            Err(e) if e.error_len().is_none() => {
                let (a, b) = bytes.split_at(e.valid_up_to());
                (simdutf8::compat::from_utf8(a).unwrap_or_default(), b)
            }
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        self.inner.write_all(json_safe(text).as_bytes())?;
        self.pending = rest.to_vec();
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            self.pass(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.pass(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "JSON text ends inside a character",
            ));
        }
        self.inner.flush()
    }
}

/// What changed in a changed entry's structure, one line each ([`summarise`]), after a
/// line saying which versions wrote the stored snapshot when they are not the current
/// ones (then every line of it may differ). Empty for other states.
pub fn summary_lines(e: &SnapshotEntry) -> Vec<String> {
    let SnapshotState::Changed {
        stored,
        current,
        stored_description,
    } = &e.state
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let now = super::description();
    if stored_description.as_deref() != Some(now.as_str()) {
        out.push(format!(
            "written by {}; extracted now by {now}",
            stored_description
                .as_deref()
                .unwrap_or("an unknown version")
        ));
    }
    out.extend(summarise(stored, current));
    out
}
