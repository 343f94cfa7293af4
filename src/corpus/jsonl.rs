//! One JSON Lines document normalised in place: the line is parsed (so that a malformed
//! one is reported with the JSON error), the top-level field's string value is found by
//! its byte span, and only that span is replaced. Every other byte of the line (key
//! order, spacing, number spelling, escapes in other fields, nested objects, even a
//! nested field of the same name) is kept exactly. A value that normalising leaves as it
//! is keeps its own escapes too; a changed one is written with the minimal escapes JSON
//! requires, always the same way.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Why a line could not be normalised (it is then copied unchanged, or dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineError {
    /// The line is not UTF-8: the offset of the first invalid byte in the line.
    InvalidUtf8(usize),
    /// The line is not one JSON object: serde_json's message, with the column.
    Json(String),
    /// The object has no top-level field of that name.
    MissingField,
    /// The field's value is not a string: what it is.
    NotAString(&'static str),
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineError::InvalidUtf8(at) => write!(f, "invalid UTF-8 at byte {at} of the line"),
            LineError::Json(e) => write!(f, "malformed JSON: {e}"),
            LineError::MissingField => f.write_str("no such top-level field"),
            LineError::NotAString(what) => write!(f, "the field is {what}, not a string"),
        }
    }
}

/// The byte spans of the top-level values of `field` in a JSON object, found while the
/// whole line is checked.
struct Spans<'f> {
    field: &'f str,
}

/// Whether a key is the field, compared after unescaping (`"t\u0065xt"` is `text`).
struct KeyIs<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

impl<'de, 'f> Visitor<'de> for Spans<'f> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Vec::new();
        while let Some(is_field) = map.next_key_seed(KeyIs(self.field))? {
            if is_field {
                found.push(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// serde_json's message without its "line 1": a line is one line.
fn json_message(e: &serde_json::Error) -> String {
    e.to_string()
        .replace(&format!(" at line 1 column {}", e.column()), "")
        + &format!(" (column {})", e.column())
}

/// What a value that is not a string is.
fn kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "a number",
    }
}

/// The documents of a line: the spans (byte ranges in `line`) of the top-level `field`'s
/// string values. Checks that the line is one JSON object.
pub fn field_spans(line: &str, field: &str) -> Result<Vec<std::ops::Range<usize>>, LineError> {
    let mut de = serde_json::Deserializer::from_str(line);
    let raws = de
        .deserialize_map(Spans { field })
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            if e.classify() == serde_json::error::Category::Data {
                // Not an object at the top.
                LineError::Json(format!(
                    "a line must be a JSON object: {}",
                    json_message(&e)
                ))
            } else {
                LineError::Json(json_message(&e))
            }
        })?;
    if raws.is_empty() {
        return Err(LineError::MissingField);
    }
    let base = line.as_ptr() as usize;
    let mut spans = Vec::with_capacity(raws.len());
    for raw in raws {
        let text = raw.get();
        if !text.starts_with('"') {
            return Err(LineError::NotAString(kind(text)));
        }
        // The raw value borrows from `line`: its place is its address's distance.
        let start = text.as_ptr() as usize - base;
        spans.push(start..start + text.len());
    }
    Ok(spans)
}

/// The string a JSON string literal (with its quotes) stands for; borrowed when it has
/// no escapes.
/// `column` is where the literal starts in its line (from 0), for the error's column.
pub fn unescape(literal: &str, column: usize) -> Result<Cow<'_, str>, LineError> {
    let inner = &literal[1..literal.len() - 1];
    if memchr::memchr(b'\\', inner.as_bytes()).is_none() {
        return Ok(Cow::Borrowed(inner));
    }
    if let Some(s) = unescape_fast(inner) {
        return Ok(Cow::Owned(s));
    }
    // An escape the fast path does not take (a lone surrogate, a bad escape): serde_json
    // says what is wrong.
    serde_json::from_str::<String>(literal)
        .map(Cow::Owned)
        .map_err(|e| {
            let what = e
                .to_string()
                .replace(&format!(" at line 1 column {}", e.column()), "");
            // serde_json reads `\ud800` not followed by a low surrogate as a cut escape.
            let hint = if what.contains("hex escape") || what.contains("surrogate") {
                " (a lone UTF-16 surrogate?)"
            } else {
                ""
            };
            LineError::Json(format!(
                "in the field's string: {what}{hint} (column {})",
                column + e.column()
            ))
        })
}

/// The string between a literal's quotes, its escapes decoded; `None` for anything but
/// valid escapes (the line was checked by serde_json, which then names the problem).
/// Runs between backslashes are copied whole (serde_json's own decoding was a twelfth
/// of a JSON Lines run, callgrind).
fn unescape_fast(inner: &str) -> Option<String> {
    let bytes = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &bytes[i..]) {
        out.push_str(&inner[i..i + k]);
        i += k + 1;
        let c = match *bytes.get(i)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = |at: usize| -> Option<u32> {
                    let h = inner.get(at..at + 4)?;
                    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    u32::from_str_radix(h, 16).ok()
                };
                let first = hex(i + 1)?;
                i += 4;
                match first {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by `\u` and a low one.
                        if inner.get(i + 1..i + 3)? != "\\u" {
                            return None;
                        }
                        let second = hex(i + 3)?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return None;
                        }
                        i += 6;
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))?
                    }
                    0xDC00..=0xDFFF => return None,
                    cp => char::from_u32(cp)?,
                }
            }
            _ => return None,
        };
        out.push(c);
        i += 1;
    }
    out.push_str(&inner[i..]);
    Some(out)
}

/// Append `s` to `out` as a JSON string literal with the escapes JSON requires and no
/// others: `"` and `\` and the control characters U+0000–U+001F (`\n`, `\r`, `\t`, `\b`,
/// `\f`, else `\u00XX` in lowercase hex). Everything else, Arabic and U+2028 included, is
/// written as itself.
///
/// ```
/// let mut out = String::new();
/// naskh::corpus::escape_json_string("قال: \"نعم\"\n\u{1}", &mut out);
/// assert_eq!(out, r#""قال: \"نعم\"\n\u0001""#);
/// ```
pub fn escape_json_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(k) = next_to_escape(bytes, i) {
        let b = bytes[k];
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            _ => "",
        };
        out.push_str(&s[run..k]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(esc);
        }
        run = k + 1;
        i = k + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// The first byte at or after `from` that JSON requires escaped (`"`, `\`, or below
/// 0x20), eight bytes at a time: a changed document is mostly Arabic letters that need
/// nothing (callgrind: the byte-at-a-time loop was a fifth of a JSON Lines run).
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero: the classic test, exact when no byte is above 0x80 after
    // the subtraction borrows; bytes >= 0x80 are masked out by `!x`.
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        // Below 0x20: (x & 0xE0 per byte) == 0, for bytes below 0x80 only.
        let low = zero_byte(x & 0xE0E0_E0E0_E0E0_E0E0);
        let quote = zero_byte(x ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(x ^ (ONES * u64::from(b'\\')));
        if low | quote | backslash != 0 {
            // Some byte may be a false positive of the borrow; check these eight.
            if let Some(k) = bytes[i..i + 8].iter().position(|&b| needs_escape(b)) {
                return Some(i + k);
            }
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| needs_escape(b))
        .map(|k| i + k)
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Normalise the `field` of one JSON line with `f` (which returns the new text, or
/// `Cow::Borrowed` when nothing changes). `Ok(None)`: nothing changed, keep the line's
/// bytes. `Ok(Some(line))`: the new line. A blank line is not a document: `Ok(None)`.
pub fn normalize_line(
    line: &[u8],
    field: &str,
    mut f: impl FnMut(&str) -> Cow<'_, str>,
) -> Result<Option<String>, LineError> {
    let line = match simdutf8::basic::from_utf8(line) {
        Ok(s) => s,
        Err(_) => {
            let at = std::str::from_utf8(line)
                .err()
                .map_or(line.len(), |e| e.valid_up_to());
            return Err(LineError::InvalidUtf8(at));
        }
    };
    let spans = field_spans(line, field)?;
    let mut out: Option<String> = None;
    let mut copied = 0;
    for span in spans {
        let literal = &line[span.clone()];
        let value = unescape(literal, span.start)?;
        if let Cow::Owned(new) = f(&value) {
            if new == *value {
                continue;
            }
            let o = out.get_or_insert_with(|| String::with_capacity(line.len() + 16));
            o.push_str(&line[copied..span.start]);
            escape_json_string(&new, o);
            copied = span.end;
        }
    }
    Ok(out.map(|mut o| {
        o.push_str(&line[copied..]);
        o
    }))
}

/// `true` for a line with nothing but JSON whitespace: not a document, copied as it is.
pub fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper(s: &str) -> Cow<'_, str> {
        if s.contains('a') {
            Cow::Owned(s.replace('a', "A"))
        } else {
            Cow::Borrowed(s)
        }
    }

    fn run(line: &str) -> Result<Option<String>, LineError> {
        normalize_line(line.as_bytes(), "text", upper)
    }

    #[test]
    fn only_the_top_level_field_changes() {
        let line =
            r#"{"id": 1e5, "meta": {"text": "a nested"}, "text": "a\/b \u0627", "z": [1.50, "a"]}"#;
        assert_eq!(
            run(line).unwrap().unwrap(),
            r#"{"id": 1e5, "meta": {"text": "a nested"}, "text": "A/b ا", "z": [1.50, "a"]}"#
        );
        // Unchanged: the escapes stay.
        assert_eq!(run(r#"{"text":"b\/\u0627"}"#).unwrap(), None);
        // Keys after the field and odd key order are kept; an escaped key is the field.
        assert_eq!(
            run(r#"{ "t\u0065xt" :"a" ,"b":2}"#).unwrap().unwrap(),
            r#"{ "t\u0065xt" :"A" ,"b":2}"#
        );
        // A surrogate pair decodes to one character and is written as itself.
        assert_eq!(
            run(r#"{"text":"a \ud83d\ude00"}"#).unwrap().unwrap(),
            "{\"text\":\"A \u{1F600}\"}"
        );
        // Duplicated fields: every one.
        assert_eq!(
            run(r#"{"text":"a","text":"aa"}"#).unwrap().unwrap(),
            r#"{"text":"A","text":"AA"}"#
        );
    }

    #[test]
    fn bad_lines_are_named() {
        assert!(matches!(run(r#"{"text": "a""#), Err(LineError::Json(_))));
        assert!(matches!(run(r#"["text"]"#), Err(LineError::Json(m)) if m.contains("object")));
        assert!(matches!(run(r#"{"text": "a"} x"#), Err(LineError::Json(_))));
        assert_eq!(run(r#"{"body": "a"}"#), Err(LineError::MissingField));
        assert_eq!(run(r#"{"text": null}"#), Err(LineError::NotAString("null")));
        assert_eq!(
            run(r#"{"text": 5}"#),
            Err(LineError::NotAString("a number"))
        );
        assert!(matches!(
            run(r#"{"text": "\ud800"}"#),
            Err(LineError::Json(_))
        ));
        assert_eq!(
            normalize_line(b"{\"text\": \"\xFF\"}", "text", upper),
            Err(LineError::InvalidUtf8(10))
        );
    }

    /// The fast unescaping gives serde_json's string, or leaves the error to it.
    #[test]
    fn fast_unescape_agrees_with_serde_json() {
        for lit in [
            r#""plain""#,
            r#""a\nb\t\"q\" \\ \/ \b\f\r""#,
            r#""\u0627\u00A0x\uFEFB""#,
            r#""\ud83d\ude00 ok""#,
            r#""\ud800""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12G4""#,
            r#""end\\""#,
        ] {
            let inner = &lit[1..lit.len() - 1];
            let serde = serde_json::from_str::<String>(lit).ok();
            match unescape_fast(inner) {
                Some(s) => assert_eq!(Some(s), serde, "{lit}"),
                None => assert!(serde.is_none(), "{lit}: fast path refused a valid string"),
            }
        }
    }

    /// The eight-at-a-time scan finds what the byte test finds, at every alignment.
    #[test]
    fn the_fast_scan_agrees_with_the_byte_test() {
        let mut bytes: Vec<u8> = "قال الوزير إن".bytes().collect();
        for special in [0u8, 0x1F, b'"', b'\\', 0x20, 0x7F, 0x80, 0xDF, 0xE0, 0xFF] {
            for at in 0..bytes.len() {
                let mut b = bytes.clone();
                b[at] = special;
                for from in 0..b.len() {
                    let slow = b[from..]
                        .iter()
                        .position(|&x| needs_escape(x))
                        .map(|k| from + k);
                    assert_eq!(
                        next_to_escape(&b, from),
                        slow,
                        "{special:#x} at {at} from {from}"
                    );
                }
            }
        }
        bytes.clear();
        assert_eq!(next_to_escape(&bytes, 0), None);
    }

    #[test]
    fn escapes_are_minimal_and_round_trip() {
        let s = "\"\\/\u{0}\u{1f}\u{7f}\u{2028}ا\t\r\n\u{8}\u{c}";
        let mut out = String::new();
        escape_json_string(s, &mut out);
        assert_eq!(
            out,
            "\"\\\"\\\\/\\u0000\\u001f\u{7f}\u{2028}ا\\t\\r\\n\\b\\f\""
        );
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
    }
}
