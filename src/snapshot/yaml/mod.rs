//! The one YAML emitter of naskh: `naskh extract`'s YAML and the snapshot bodies.
//!
//! Promise: what it writes loads, in a YAML 1.1 reader (PyYAML, libyaml, Ruby's Psych,
//! snakeyaml) and in a YAML 1.2 reader (core and JSON schemas), to the same data as the
//! JSON of the same value: every string stays a string. A scalar is written plain only
//! when no reader could take it for anything else ([`resolves_to_non_string`]), else
//! single-quoted; text with characters a reader would refuse or fold (controls, line
//! separators, noncharacters) or that a reviewer could not see is double-quoted with
//! escapes. Rendering never fails; the only I/O is [`MapWriter`]'s and
//! [`write_extracted`]'s, into the writer they are given.

mod stream;

use std::fmt::Write as _;

pub use stream::{MapWriter, write_extracted};

use serde_json::{Map, Value};

/// `value` as YAML. With `visible`, characters a reviewer cannot see (bidi and format
/// controls, control characters …) are written as `<U+200F>` text, for reading: the
/// snapshots. Without, they are escaped (`"\u200F"`) so that the YAML holds the original
/// text: `naskh extract`. Keys keep the order of the type's fields; lists of scalars
/// (spans) are written inline as `[start, end]`.
///
/// ```
/// let v = serde_json::json!({"value": "2017-03-04", "text": "قال: نعم", "span": [1, 2], "on": "yes"});
/// let y = naskh::snapshot::to_yaml(&v, false);
/// assert_eq!(y, "value: '2017-03-04'\ntext: 'قال: نعم'\nspan: [1, 2]\n'on': 'yes'\n");
/// ```
pub fn to_yaml<T: serde::Serialize>(value: &T, visible: bool) -> String {
    let v = serde_json::to_value(value).expect("structure types serialise");
    value_to_yaml(&v, visible)
}

/// A JSON value as YAML (see [`to_yaml`]).
pub fn value_to_yaml(v: &Value, visible: bool) -> String {
    let mut out = String::new();
    match v {
        Value::Object(map) if !map.is_empty() => emit_map(map, 0, visible, &mut out),
        Value::Array(_) if !is_inline(v) => emit_block(v, 0, visible, &mut out),
        other => {
            out.push_str(&inline(other, visible));
            out.push('\n');
        }
    }
    out
}

/// Whether `v` is written on its key's line: scalars, empty collections, and lists of
/// numbers, booleans and nulls (spans: `[start, end]`). A list of strings (a paragraph's
/// sentences) is a block list, one item a line, so that a diff of two bodies shows the
/// one sentence that changed.
fn is_inline(v: &Value) -> bool {
    match v {
        Value::Array(a) => {
            a.is_empty()
                || a.iter()
                    .all(|x| !x.is_array() && !x.is_object() && !x.is_string())
        }
        Value::Object(o) => o.is_empty(),
        _ => true,
    }
}

fn inline(v: &Value, visible: bool) -> String {
    match v {
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| scalar(x, visible, true)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(_) => "{}".to_string(),
        other => scalar(other, visible, false),
    }
}

fn emit_map(map: &Map<String, Value>, indent: usize, visible: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    for (k, v) in map {
        let key = string(k, visible, false);
        if is_inline(v) {
            let _ = writeln!(out, "{pad}{key}: {}", inline(v, visible));
        } else {
            let _ = writeln!(out, "{pad}{key}:");
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
                emit_item(item, indent, visible, out);
            }
        }
        Value::Object(m) => emit_map(m, indent + 2, visible, out),
        other => {
            let _ = writeln!(out, "{pad}{}", inline(other, visible));
        }
    }
}

/// One item of a block list whose dash is at `indent`.
fn emit_item(item: &Value, indent: usize, visible: bool, out: &mut String) {
    let pad = " ".repeat(indent);
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

fn scalar(v: &Value, visible: bool, flow: bool) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, visible, flow),
        Value::Array(_) | Value::Object(_) => inline(v, visible),
    }
}

/// `true` for the characters a reviewer cannot see or a terminal would act on, which
/// snapshots show as `<U+XXXX>`: controls, invisible characters
/// ([`crate::normalize::is_invisible`]), what [`crate::escape`] escapes (bidi controls),
/// and the ones YAML cannot hold raw (control characters, U+2028, U+2029, U+FEFF,
/// U+FFFE, U+FFFF).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || crate::normalize::is_invisible(c)
        || crate::escape::needs_escape(c)
        || must_escape(c)
}

/// `true` for characters a YAML string cannot hold as they are: control characters
/// (YAML's printable set excludes C0 but TAB/LF/CR, DEL and C1; TAB, LF and CR are
/// escaped too, so a string stays on its line), U+2028 and U+2029 (line breaks to a
/// YAML 1.1 reader), U+FEFF (a byte order mark) and the noncharacters U+FFFE, U+FFFF,
/// which PyYAML's reader refuses.
fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// A YAML string. In `flow` context (inside `[…]`) the flow indicators also force
/// quotes. With `visible`, hidden characters are first written as `<U+XXXX>` text.
pub(crate) fn string(s: &str, visible: bool, flow: bool) -> String {
    let shown: String;
    let s = if visible && s.chars().any(is_hidden) {
        shown = s
            .chars()
            .map(|c| {
                if is_hidden(c) {
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
    if s.chars().any(is_hidden) {
        return double_quoted(s);
    }
    if is_plain(s, flow) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// `s` as a double-quoted YAML scalar: `\"`, `\\`, `\t`, `\n`, `\r`, and every other
/// character of [`is_hidden`] as `\uXXXX` (`\UXXXXXXXX` beyond the BMP).
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_hidden(c) && (c as u32) > 0xFFFF => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can be written as a plain scalar and read back, by every reader, as this
/// string.
fn is_plain(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false; // the empty plain scalar is null
    };
    // Indicators that start something else (a sequence entry, a key, a flow collection,
    // a comment, an anchor, an alias, a tag, a block scalar, a quoted scalar, a
    // directive, reserved characters).
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    !(special_start
        || resolves_to_non_string(s)
        || s.starts_with("...")
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || (flow && s.contains([',', '[', ']', '{', '}', ':'])))
}

/// `true` if a YAML 1.1 or 1.2 reader could resolve the plain scalar `s` to something
/// other than a string. Conservative: a string that no reader would retype may still be
/// reported (it is then quoted, which loses nothing). Covers:
///
/// - null: `~`, `null` and the empty scalar (1.1 and 1.2);
/// - booleans: `true`, `false` (1.2); `yes`, `no`, `on`, `off`, `y`, `n` (1.1, the
///   type repository's bool; PyYAML leaves out `y` and `n`, other 1.1 readers do not);
///   in any case, since readers differ on which spellings they accept;
/// - numbers: 1.1 ints in binary (`0b1`), octal (`017`), decimal with `_` (`1_000`),
///   hexadecimal (`0x1F`) and base 60 (`1:30` is 90), 1.1 floats (`1.5`, `.5`, `1.`,
///   `190:20:30.15`), 1.2 octal (`0o17`) and exponents without a dot (`1e3`), signed
///   or not; `.inf`, `-.inf`, `.nan` in any case;
/// - timestamps (1.1): anything that starts like `2017-03-04` (four digits and a dash);
/// - the 1.1 merge key `<<` and value key `=` (PyYAML's safe loader refuses both).
pub fn resolves_to_non_string(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "" | "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) || s == "<<"
        || s == "="
    {
        return true;
    }
    let body = lower.strip_prefix(['-', '+']).unwrap_or(&lower);
    if body == ".inf" || body == ".nan" {
        return true;
    }
    // Every numeric form above is made of digits, hex letters, the prefixes' letters and
    // `. _ : + -` (an exponent's sign), starting with a digit or a dot.
    let numeric = body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.contains(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, 'x' | 'o' | '_' | '.' | ':' | '+' | '-'));
    let b = s.as_bytes();
    let timestamp = b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    numeric || timestamp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_plain_only_when_every_reader_reads_a_string() {
        assert_eq!(string("قال لافروف", true, false), "قال لافروف");
        assert_eq!(string("قال: نعم", true, false), "'قال: نعم'");
        assert_eq!(string("- وكالات", true, false), "'- وكالات'");
        assert_eq!(string("it's", true, false), "it's");
        assert_eq!(string("'x", true, false), "'''x'");
        assert_eq!(string("", true, false), "''");
        assert_eq!(string("hijri:1440-01-15", true, false), "hijri:1440-01-15");
        assert_eq!(string("١٢٫٥", true, false), "١٢٫٥");
        assert_eq!(string("a, b", true, false), "a, b");
        assert_eq!(string("a, b", true, true), "'a, b'");
        assert_eq!(string("...", false, false), "'...'");
    }

    #[test]
    fn every_scalar_a_reader_would_retype_is_quoted() {
        for s in [
            // null
            "~",
            "null",
            "Null",
            "NULL", // booleans, 1.2 and 1.1
            "true",
            "True",
            "FALSE",
            "yes",
            "Yes",
            "NO",
            "on",
            "On",
            "OFF",
            "y",
            "Y",
            "n",
            "N", // integers
            "0",
            "2254",
            "-12",
            "+12",
            "017",
            "0o17",
            "0b101",
            "0x1F",
            "0X1f",
            "1_000",
            "1:30",
            "190:20:30", // floats
            "1.5",
            "-1.5",
            ".5",
            "1.",
            "1e3",
            "1E3",
            "1.5e-3",
            "-1e+3",
            "190:20:30.15",
            ".inf",
            "-.inf",
            "+.INF",
            ".Inf",
            ".nan",
            ".NaN",
            ".NAN", // timestamps
            "2017-03-04",
            "2017-3-4",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "2016-02", // merge and value keys
            "<<",
            "=",
        ] {
            assert!(resolves_to_non_string(s), "{s}");
            let q = string(s, false, false);
            assert!(q.starts_with('\''), "{s} written as {q}");
            assert_eq!(q, format!("'{s}'"));
        }
        for s in [
            "نعم",
            "12 مليون",
            "hijri:1440",
            "yesterday evening",
            ".",
            "face",
        ] {
            assert!(!resolves_to_non_string(s), "{s}");
        }
    }

    #[test]
    fn characters_yaml_cannot_hold_are_escaped() {
        assert_eq!(string("a\u{200F}b", true, false), "a<U+200F>b");
        assert_eq!(string("a\u{200F}b", false, false), "\"a\\u200Fb\"");
        assert_eq!(string("a\tb\nc\"\\", false, false), "\"a\\tb\\nc\\\"\\\\\"");
        assert_eq!(string("a\u{2028}b", false, false), "\"a\\u2028b\"");
        assert_eq!(string("a\u{85}b", false, false), "\"a\\u0085b\"");
        assert_eq!(string("a\u{FFFE}", false, false), "\"a\\uFFFE\"");
        // Beyond the BMP, eight digits (`\uE0001` would read as U+E000 then "1").
        assert_eq!(string("a\u{E0001}", false, false), "\"a\\U000E0001\"");
        assert_eq!(string("a\u{E0001}", true, false), "a<U+E0001>");
        // Visible text holds nothing a terminal acts on.
        assert_eq!(
            string("\u{1b}[2J\u{202E}", true, false),
            "<U+001B>[2J<U+202E>"
        );
    }

    #[test]
    fn lists_of_strings_are_block_lists() {
        let v = serde_json::json!({"a": ["x, y", "[z]", "ok"], "b": {}, "c": [], "d": [1, null]});
        assert_eq!(
            value_to_yaml(&v, false),
            "a:\n- x, y\n- '[z]'\n- ok\nb: {}\nc: []\nd: [1, null]\n"
        );
        let v = serde_json::json!([{"k": 1}, [[1, 2]], "yes"]);
        assert_eq!(value_to_yaml(&v, false), "- k: 1\n-\n  - [1, 2]\n- 'yes'\n");
        assert_eq!(value_to_yaml(&serde_json::json!("on"), false), "'on'\n");
    }
}
