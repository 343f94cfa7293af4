//! The one deterministic renderer of an article's structure (YAML), and snapshot files in
//! insta's `.snap` format, so that `cargo insta review` and `naskh snapshot` work on the
//! same files.
//!
//! A snapshot file is a YAML header between two `---` lines, then the body:
//!
//! ```text
//! ---
//! source: tests/snapshots.rs
//! description: naskh 0.1.0 extract, structure v1
//! expression: "naskh::snapshot::render(&naskh::structure::extract(&text))"
//! input_file: corpus/rt-lavrov-de-mistura.txt
//! ---
//! headline: null
//! …
//! ```
//!
//! Bodies are compared as insta compares them: trailing whitespace ignored, CRLF read as
//! LF. The header's `description` names the extractor's version, so a change of output
//! can be traced to it. Rendering does no I/O and never fails; reading a `.snap` fails
//! with the file and line of what is wrong.
//!
//! The parts: this module is the format (the YAML renderer, `.snap` text read and
//! written); [`names`] gives each article its snapshot's file name as insta does;
//! [`store`] compares a corpus folder with a snapshots folder and writes the changes
//! (the only part that touches files, through [`crate::fs`]); [`report`] turns the
//! result into diffs, summaries and CI reports.

pub mod names;
pub mod report;
pub mod store;

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::Error;
use crate::structure::{Article, STRUCTURE_VERSION};

pub use names::{snapshot_file_name, snapshot_names};
pub use store::{SnapshotEntry, SnapshotState, check_snapshots, write_snapshots};

/// The snapshot name the glob test uses: files are `extract@<input>.snap`.
pub const SNAPSHOT_NAME: &str = "extract";

/// The test file that asserts the snapshots (the `source:` of the header).
pub const TEST_SOURCE: &str = "tests/snapshots.rs";

/// The expression the glob test snapshots (the `expression:` of the header).
pub const EXPRESSION: &str = "naskh::snapshot::render(&naskh::structure::extract(&text))";

/// The header's description: naskh's version and the structure's.
pub fn description() -> String {
    format!(
        "naskh {} extract, structure v{}",
        env!("CARGO_PKG_VERSION"),
        STRUCTURE_VERSION
    )
}

/// The snapshot body of an article: its structure as YAML, with invisible and control
/// characters shown as `<U+200F>` so that a reviewer sees them.
///
/// ```
/// let a = naskh::structure::extract("قال\u{200F}: «نعم».\n");
/// let body = naskh::snapshot::render(&a);
/// assert!(body.contains("قال<U+200F>: «نعم»."));
/// ```
pub fn render(article: &Article) -> String {
    to_yaml(article, true)
}

/// `value` as YAML. With `visible`, invisible and control characters become `<U+XXXX>`
/// (for reading); without, they are escaped so that the YAML holds the original text.
/// Keys keep the order of the type's fields; pairs of numbers (spans) are written
/// inline as `[start, end]`.
pub fn to_yaml<T: serde::Serialize>(value: &T, visible: bool) -> String {
    let v = serde_json::to_value(value).expect("structure types serialise");
    let mut out = String::new();
    match &v {
        Value::Object(map) => emit_map(map, 0, visible, &mut out),
        other => {
            out.push_str(&scalar(other, visible));
            out.push('\n');
        }
    }
    out
}

fn is_inline(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty() || a.iter().all(|x| !x.is_array() && !x.is_object()),
        Value::Object(o) => o.is_empty(),
        _ => true,
    }
}

fn inline(v: &Value, visible: bool) -> String {
    match v {
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| scalar(x, visible)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(_) => "{}".to_string(),
        other => scalar(other, visible),
    }
}

fn emit_map(map: &serde_json::Map<String, Value>, indent: usize, visible: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    for (k, v) in map {
        if is_inline(v) {
            let _ = writeln!(out, "{pad}{k}: {}", inline(v, visible));
        } else {
            let _ = writeln!(out, "{pad}{k}:");
            emit_block(v, indent, visible, out);
        }
    }
}

/// A non-inline value under a key at `indent`: a list (items at the same indent, as
/// insta's YAML does) or a nested map (indented by two).
fn emit_block(v: &Value, indent: usize, visible: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        // "- " then the map, its first key on the dash's line.
                        let mut sub = String::new();
                        emit_map(m, indent + 2, visible, &mut sub);
                        let sub = sub.strip_prefix(&" ".repeat(indent + 2)).unwrap_or(&sub);
                        let _ = write!(out, "{pad}- {sub}");
                    }
                    other if is_inline(other) => {
                        let _ = writeln!(out, "{pad}- {}", inline(other, visible));
                    }
                    other => {
                        let _ = writeln!(out, "{pad}-");
                        emit_block(other, indent + 2, visible, out);
                    }
                }
            }
        }
        Value::Object(m) => emit_map(m, indent + 2, visible, out),
        other => {
            let _ = writeln!(out, "{pad}{}", scalar(other, visible));
        }
    }
}

fn scalar(v: &Value, visible: bool) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, visible),
        Value::Array(_) | Value::Object(_) => inline(v, visible),
    }
}

fn needs_marking(c: char) -> bool {
    c.is_control() || crate::normalize::is_invisible(c)
}

/// A YAML string: plain when YAML reads it back as the same string, else single-quoted;
/// double-quoted with escapes when it holds control or invisible characters that are
/// not made visible.
fn string(s: &str, visible: bool) -> String {
    let shown: String;
    let s = if visible && s.chars().any(needs_marking) {
        shown = s
            .chars()
            .map(|c| {
                if needs_marking(c) {
                    format!("<U+{:04X}>", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        shown.as_str()
    } else {
        s
    };
    if s.chars().any(needs_marking) {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if needs_marking(c) => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        return out;
    }
    if is_plain(s) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// Whether `s` can be written as a plain YAML scalar and read back as this string.
fn is_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "~", "y", "n",
    ]
    .iter()
    .any(|r| s.eq_ignore_ascii_case(r));
    let numeric = s.parse::<f64>().is_ok() || s.starts_with("0x") || s.starts_with("0o");
    !(special_start
        || reserved
        || numeric
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.contains('\n'))
}

/// A snapshot file's text, as insta writes it: header, `---`, body, newline.
pub fn write_snap(input_file: &str, body: &str) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "source: {}", header_string(TEST_SOURCE));
    let _ = writeln!(out, "description: {}", header_string(&description()));
    let _ = writeln!(out, "expression: {}", header_string(EXPRESSION));
    let _ = writeln!(out, "input_file: {}", header_string(input_file));
    out.push_str("---\n");
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// A header value written as insta's YAML emitter writes it: plain, or double-quoted
/// when it holds one of `:{}[],#`"'\\` or a control character, starts with a space or one
/// of `&*?|-<>=!%@.`, ends with a space, or reads as a number, boolean or null.
fn header_string(s: &str) -> String {
    let reserved = [
        "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    let quote = s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.starts_with(['&', '*', '?', '|', '-', '<', '>', '=', '!', '%', '@', '.'])
        || s.contains([':', '{', '}', '[', ']', ',', '#', '`', '"', '\'', '\\'])
        || s.chars().any(|c| c.is_ascii_control() && c != '\x1b')
        || reserved.contains(&s)
        || s.starts_with("0x")
        || s.parse::<i64>().is_ok()
        || s.parse::<f64>().is_ok();
    if !quote {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A snapshot file read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapFile {
    /// The header's fields, in order, as written (values unquoted where they were simple).
    pub header: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl SnapFile {
    /// A header field.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `true` if `body` is what this snapshot holds, compared as insta compares:
    /// trailing whitespace ignored, CRLF as LF.
    pub fn matches(&self, body: &str) -> bool {
        normalise_body(&self.body) == normalise_body(body)
    }
}

/// A body as insta compares it.
pub fn normalise_body(body: &str) -> String {
    body.trim_end().replace("\r\n", "\n")
}

/// Read a `.snap` file's text. `path` names the file in errors.
pub fn parse_snap(path: &Path, text: &str) -> Result<SnapFile, Error> {
    let bad = |line: usize, what: &str| Error::MalformedSnapshot {
        path: path.to_path_buf(),
        line,
        what: what.to_string(),
    };
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(l) if l.trim_end() == "---" => {}
        _ => return Err(bad(1, "does not start with '---' (not an insta snapshot)")),
    }
    let mut header = Vec::new();
    let mut line_no = 1;
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut closed = false;
    for l in lines {
        line_no += 1;
        offset += l.len();
        let t = l.trim_end();
        if t == "---" {
            closed = true;
            break;
        }
        if t.is_empty() || t.starts_with(' ') || t.starts_with('-') {
            // Continuation of a nested value (insta's `info:`): kept with the key above.
            if let Some(last) = header.last_mut() {
                let (_, v): &mut (String, String) = last;
                v.push('\n');
                v.push_str(t);
                continue;
            }
            return Err(bad(line_no, "header line without a key"));
        }
        let Some((k, v)) = t.split_once(':') else {
            return Err(bad(line_no, "header line is not `key: value`"));
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .map(|x| x.replace("\\\"", "\"").replace("\\\\", "\\"))
            .or_else(|| {
                v.strip_prefix('\'')
                    .and_then(|x| x.strip_suffix('\''))
                    .map(|x| x.replace("''", "'"))
            })
            .unwrap_or_else(|| v.to_string());
        header.push((k.trim().to_string(), v));
    }
    if !closed {
        return Err(bad(line_no, "header is not closed by a '---' line"));
    }
    Ok(SnapFile {
        header,
        body: text[offset.min(text.len())..].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_quotes_only_what_needs_it() {
        assert_eq!(string("قال لافروف", true), "قال لافروف");
        assert_eq!(string("قال: نعم", true), "'قال: نعم'");
        assert_eq!(string("- وكالات", true), "'- وكالات'");
        assert_eq!(string("2254", true), "'2254'");
        assert_eq!(string("it's", true), "it's");
        assert_eq!(string("'x", true), "'''x'");
        assert_eq!(string("a\u{200F}b", true), "a<U+200F>b");
        assert_eq!(string("a\u{200F}b", false), "\"a\\u200Fb\"");
        assert_eq!(string("", true), "''");
    }

    #[test]
    fn snap_round_trip() {
        let text = write_snap("corpus/a.txt", "a: 1\nb: [1, 2]\n");
        let snap = parse_snap(Path::new("x.snap"), &text).unwrap();
        assert_eq!(snap.field("input_file"), Some("corpus/a.txt"));
        assert_eq!(snap.field("expression"), Some(EXPRESSION));
        assert!(snap.matches("a: 1\nb: [1, 2]"));
        assert!(!snap.matches("a: 2\nb: [1, 2]"));
    }

    #[test]
    fn malformed_snap_names_the_line() {
        let e = parse_snap(Path::new("x.snap"), "---\nsource: a\nno colon here\n").unwrap_err();
        assert!(e.to_string().contains("x.snap:3"), "{e}");
        let e = parse_snap(Path::new("x.snap"), "---\nsource: a\n").unwrap_err();
        assert!(e.to_string().contains("not closed"), "{e}");
        let e = parse_snap(Path::new("x.snap"), "hello\n").unwrap_err();
        assert!(e.to_string().contains("x.snap:1"), "{e}");
    }
}
