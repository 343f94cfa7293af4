//! Text made safe for a terminal: the one function every terminal output of naskh goes
//! through (the term and unified diffs, `snapshot check`, error messages, file names).
//!
//! An article, a `.snap` file or a file name can hold anything: an ESC sequence that
//! clears the screen (`ESC [2J`), writes the clipboard (OSC 52) or makes a link (OSC 8);
//! a carriage return that writes over what came before; a right-to-left override that
//! reorders what a reviewer reads. None of them may reach a terminal as they are. Does no
//! I/O and never fails.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `true` for the characters [`terminal_safe`] escapes: control characters other than
/// LF and TAB (C0, DEL, C1: CR too, which writes over a line), the bidi controls (ALM,
/// LRM, RLM, the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069),
/// and the line and paragraph separators U+2028 and U+2029.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// `s` with every character of [`needs_escape`] written out: `\x1b` for the C0 controls
/// and DEL, `<U+202E>` for the others. Text that needs nothing is borrowed.
///
/// ```
/// use naskh::escape::terminal_safe;
/// assert_eq!(terminal_safe("قال\u{202E}: نعم\x1b[2J"), "قال<U+202E>: نعم\\x1b[2J");
/// assert_eq!(terminal_safe("سطر\nوسطر"), "سطر\nوسطر");
/// ```
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    let Some(first) = find_escape(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        push_safe(&mut out, c);
    }
    Cow::Owned(out)
}

/// The byte offset of the first character of `s` that [`needs_escape`]: the same as
/// `s.find(needs_escape)`, found 32 bytes at a time (most text has none, and the JSON
/// and terminal outputs are scanned whole).
///
/// ```
/// use naskh::escape::find_escape;
/// assert_eq!(find_escape("قال\u{202E}"), Some(6));
/// assert_eq!(find_escape("سطر\nوسطر «نعم»"), None);
/// ```
pub fn find_escape(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A character that needs escaping holds one of these bytes: a C0 control or DEL; the
    // lead byte of C1 (C2 80..9F) and of U+200E..U+2069 (E2); the last byte of ALM
    // (D8 9C: D8, the lead byte of most Arabic letters, is no filter).
    let may = |x: u8| {
        (x < 0x20 && x != b'\n' && x != b'\t')
            | (x == 0x7F)
            | (x == 0xC2)
            | (x == 0xE2)
            | (x == 0x9C)
    };
    let at = |i: usize| -> Option<usize> {
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match b[i] {
            0xC2 => (0x80..=0x9F).contains(&next(1)).then_some(i),
            0xE2 => matches!(
                (next(1), next(2)),
                (0x80, 0x8E | 0x8F | 0xA8..=0xAE) | (0x81, 0xA6..=0xA9)
            )
            .then_some(i),
            // A continuation byte: ALM when it follows D8 (always a lead byte).
            0x9C => (i > 0 && b[i - 1] == 0xD8).then(|| i - 1),
            x => may(x).then_some(i),
        }
    };
    let mut chunks = b.chunks_exact(32);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |acc, &x| acc | may(x))
            && let Some(i) = (base..base + 32).find_map(at)
        {
            return Some(i);
        }
        base += 32;
    }
    (base..b.len()).find_map(at)
}

/// `s` as [`terminal_safe`] writes it, and on one line: LF written `\n` too, so a file
/// name that holds a newline cannot forge a header line (`--- a/x\n+++ b/y`).
///
/// ```
/// use naskh::escape::line_safe;
/// assert_eq!(line_safe("a/x\n+++ b/y\u{202E}"), "a/x\\n+++ b/y<U+202E>");
/// ```
pub fn line_safe(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return terminal_safe(s);
    }
    Cow::Owned(terminal_safe(s).replace('\n', "\\n"))
}

/// Append `c` to `out` as [`terminal_safe`] writes it.
pub fn push_safe(out: &mut String, c: char) {
    if !needs_escape(c) {
        out.push(c);
    } else if (c as u32) < 0x20 || c == '\u{7F}' {
        let _ = write!(out, "\\x{:02x}", c as u32);
    } else {
        let _ = write!(out, "<U+{:04X}>", c as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dangerous_character_is_written_out() {
        // A screen clear, an OSC 52 clipboard write, an OSC 8 link, a bell, CR, C1 CSI.
        let hostile = "a\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://x\x1b\\b\rc\u{9b}d";
        let safe = terminal_safe(hostile);
        assert!(!safe.chars().any(needs_escape), "{safe:?}");
        assert_eq!(
            safe,
            "a\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\x1b]8;;http://x\\x1b\\b\\x0dc<U+009B>d"
        );
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{2028}',
        ] {
            assert_eq!(
                terminal_safe(&c.to_string()),
                format!("<U+{:04X}>", c as u32)
            );
        }
    }

    #[test]
    fn find_escape_is_find_needs_escape() {
        // Every code point, at every place of a 32-byte chunk and across its end, among
        // Arabic letters (lead byte D8), guillemets (C2) and quotation marks (E2).
        let fill = "ابـ«»“”\n\t";
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c as u32 > 0x3000 && !(c as u32).is_multiple_of(97) {
                continue;
            }
            for pad in [0, 1, 2, 3, 29, 30, 31, 32, 33] {
                let mut s: String = fill.chars().cycle().take(pad).collect();
                s.push(c);
                s.push_str(fill);
                assert_eq!(find_escape(&s), s.find(needs_escape), "{c:?} after {pad}");
            }
        }
        let none: String = fill.repeat(40);
        assert_eq!(find_escape(&none), None);
    }

    #[test]
    fn text_stays_itself() {
        let s = "قال لافروف: «نعم»\n\tالسطر الثاني ‌ـ";
        assert!(matches!(terminal_safe(s), Cow::Borrowed(_)));
    }
}
