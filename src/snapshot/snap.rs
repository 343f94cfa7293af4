//! The `.snap` file: insta's header (a small YAML map between `---` lines) and the
//! body, written byte for byte as insta writes them and read back with every escape
//! decoded. Pure functions, no I/O.

use std::fmt::Write as _;
use std::path::Path;

use super::{EXPRESSION, TEST_SOURCE, description};
use crate::Error;

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

/// A header value written as insta's YAML emitter writes it (insta 1.49,
/// `content/yaml/vendored/emitter.rs`, `need_quotes` and `escape_str`): plain, or
/// double-quoted when it is empty, starts or ends with a space, starts with one of
/// `&*?|-<>=!%@.`, holds one of `:{}[],#`"'\` or a control character other than BEL, BS,
/// VT, FF, ESC and DEL (insta leaves those plain), reads as a boolean, null or number,
/// or starts with `0x`.
pub(crate) fn header_string(s: &str) -> String {
    let reserved = [
        "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    let quote = s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.starts_with(['&', '*', '?', '|', '-', '<', '>', '=', '!', '%', '@', '.'])
        || s.contains(|c: char| {
            matches!(
                c,
                ':' | '{'
                    | '}'
                    | '['
                    | ']'
                    | ','
                    | '#'
                    | '`'
                    | '"'
                    | '\''
                    | '\\'
                    | '\0'..='\x06'
                    | '\t'
                    | '\n'
                    | '\r'
                    | '\x0e'..='\x1a'
                    | '\x1c'..='\x1f'
            )
        })
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
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0c' => out.push_str("\\f"),
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
    /// The header's fields, in order, their values unquoted and unescaped (a nested
    /// value, such as insta's `info:`, is kept as its lines).
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
        let t = l.trim_end_matches(['\n', '\r']);
        if t.trim_end() == "---" {
            closed = true;
            break;
        }
        if t.trim().is_empty() || t.starts_with(' ') || t.starts_with('-') {
            // Continuation of a nested value (insta's `info:`): kept with the key above.
            if let Some(last) = header.last_mut() {
                let (_, v): &mut (String, String) = last;
                v.push('\n');
                v.push_str(t.trim_end());
                continue;
            }
            return Err(bad(line_no, "header line without a key"));
        }
        let Some((k, v)) = t.split_once(':') else {
            return Err(bad(line_no, "header line is not `key: value`"));
        };
        let v = scalar_value(v.trim()).map_err(|what| bad(line_no, &what))?;
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

/// A one-line YAML scalar's string: plain as it is, single-quoted with `''` read as
/// `'`, double-quoted with YAML's escapes decoded.
fn scalar_value(v: &str) -> Result<String, String> {
    if let Some(inner) = v.strip_prefix('\'') {
        let inner = inner
            .strip_suffix('\'')
            .ok_or("single-quoted value is not closed")?;
        return Ok(inner.replace("''", "'"));
    }
    let Some(inner) = v.strip_prefix('"') else {
        return Ok(v.to_string());
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    loop {
        match chars.next() {
            None => return Err("double-quoted value is not closed".into()),
            Some('"') => {
                return if chars.as_str().trim().is_empty() {
                    Ok(out)
                } else {
                    Err("text after a double-quoted value".into())
                };
            }
            Some('\\') => {
                let c = chars.next().ok_or("double-quoted value is not closed")?;
                let hex = |n: usize, chars: &mut std::str::Chars| -> Result<char, String> {
                    let digits: String = chars.by_ref().take(n).collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .filter(|_| digits.len() == n)
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad escape \\{c}{digits}"))
                };
                out.push(match c {
                    '0' => '\0',
                    'a' => '\x07',
                    'b' => '\x08',
                    't' | '\t' => '\t',
                    'n' => '\n',
                    'v' => '\x0b',
                    'f' => '\x0c',
                    'r' => '\r',
                    'e' => '\x1b',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{A0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(2, &mut chars)?,
                    'u' => hex(4, &mut chars)?,
                    'U' => hex(8, &mut chars)?,
                    other => return Err(format!("unknown escape \\{other}")),
                });
            }
            Some(c) => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snap_round_trip() {
        let text = write_snap("corpus/a.txt", "a: 1\nb: [1, 2]\n");
        let snap = parse_snap(Path::new("x.snap"), &text).unwrap();
        assert_eq!(snap.field("source"), Some(TEST_SOURCE));
        assert_eq!(snap.field("description"), Some(description().as_str()));
        assert_eq!(snap.field("input_file"), Some("corpus/a.txt"));
        assert_eq!(snap.field("expression"), Some(EXPRESSION));
        assert!(snap.matches("a: 1\nb: [1, 2]"));
        assert!(!snap.matches("a: 2\nb: [1, 2]"));
        // Every header value comes back as it was written, whatever it holds: quotes,
        // backslashes, the escapes insta writes (\t \n \r \b \f \u001b), text insta
        // leaves plain (BEL, ESC), and what would read as a number or a boolean.
        for name in [
            "corpus/tab\there.txt",
            "corpus/new\nline.txt",
            "corpus/cr\r.txt",
            "corpus/q\"uote's\\back.txt",
            "corpus/bs\x08ff\x0c.txt",
            "corpus/esc\x1b[2J.txt",
            "corpus/bel\x07.txt",
            "corpus/\x01\x1f\x7f.txt",
            "corpus/a: b # c.txt",
            "-leading",
            " spaced ",
            "yes",
            "2254",
            "1e3",
            "0x1F",
            ".hidden",
            "",
            "corpus/قال\u{202E}.txt",
        ] {
            let text = write_snap(name, "a: 1\n");
            let snap = parse_snap(Path::new("x.snap"), &text)
                .unwrap_or_else(|e| panic!("{name:?}: {e}\n{text}"));
            assert_eq!(snap.field("input_file"), Some(name), "{text}");
            assert!(snap.matches("a: 1"));
        }
    }

    #[test]
    fn header_is_written_as_insta_writes_it() {
        assert_eq!(header_string("corpus/a.txt"), "corpus/a.txt");
        assert_eq!(header_string("a: b"), "\"a: b\"");
        assert_eq!(header_string("a\tb"), "\"a\\tb\"");
        assert_eq!(header_string("a\x08\x0c\x01:"), "\"a\\b\\f\\u0001:\"");
        // insta leaves ESC, BEL and DEL alone when nothing else asks for quotes.
        assert_eq!(header_string("a\x1bb"), "a\x1bb");
        assert_eq!(header_string("a\x1b:"), "\"a\\u001b:\"");
        assert_eq!(header_string("12"), "\"12\"");
        assert_eq!(header_string(".x"), "\".x\"");
    }

    #[test]
    fn malformed_snap_names_the_line() {
        let e = parse_snap(Path::new("x.snap"), "---\nsource: a\nno colon here\n").unwrap_err();
        assert!(e.to_string().contains("x.snap:3"), "{e}");
        let e = parse_snap(Path::new("x.snap"), "---\nsource: a\n").unwrap_err();
        assert!(e.to_string().contains("not closed"), "{e}");
        let e = parse_snap(Path::new("x.snap"), "hello\n").unwrap_err();
        assert!(e.to_string().contains("x.snap:1"), "{e}");
        let e = parse_snap(Path::new("x.snap"), "---\nsource: \"a\\q\"\n---\n").unwrap_err();
        assert!(
            e.to_string().contains("x.snap:2") && e.to_string().contains("\\q"),
            "{e}"
        );
    }
}
