//! Words of a text, with their byte spans and their `search` fold for matching.

use std::sync::LazyLock;

use compact_str::CompactString;

use super::Span;
use super::lexicon::{Lookup, lexicon};
use crate::normalize::fold_chars;

/// A word: letters, digits and the marks and tatweel inside them.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Byte range in the whole text.
    pub(crate) span: Span,
    /// The `search` fold of the word (inline up to 24 bytes: no allocation for
    /// nearly every Arabic word).
    pub(crate) key: CompactString,
    /// What the word lists know of it, looked up once for every pass.
    pub(crate) lex: Lookup,
}

const ALPHA: u8 = 1;
const ALNUM: u8 = 2;
const WORD: u8 = 4;
const MARK: u8 = 8;
const INVISIBLE: u8 = 16;

/// The classes of the Arabic block's characters, looked up rather than searched for in
/// the Unicode tables (that search was most of the extractor's time).
static ARABIC: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [0u8; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            *slot = classify(c);
        }
    }
    t
});

fn classify(c: char) -> u8 {
    let mut k = 0;
    if c.is_alphabetic() {
        k |= ALPHA;
    }
    if c.is_alphanumeric() {
        k |= ALNUM;
    }
    if c.is_alphanumeric() || c == '\u{0640}' || crate::normalize::is_combining_mark(c) {
        k |= WORD;
    }
    if crate::normalize::is_combining_mark(c) {
        k |= MARK;
    }
    if crate::normalize::is_invisible(c) {
        k |= INVISIBLE;
    }
    k
}

fn class(c: char) -> u8 {
    match c as u32 {
        0..0x80 => {
            if c.is_ascii_alphabetic() {
                ALPHA | ALNUM | WORD
            } else if c.is_ascii_digit() {
                ALNUM | WORD
            } else {
                0
            }
        }
        u @ 0x0600..0x0700 => ARABIC[(u - 0x0600) as usize],
        _ => classify(c),
    }
}

/// `char::is_alphabetic`, fast for ASCII and Arabic.
pub(crate) fn is_alpha(c: char) -> bool {
    class(c) & ALPHA != 0
}

/// `char::is_alphanumeric`, fast for ASCII and Arabic.
pub(crate) fn is_alnum(c: char) -> bool {
    class(c) & ALNUM != 0
}

/// `normalize::is_combining_mark`, fast for ASCII and Arabic.
pub(crate) fn is_mark(c: char) -> bool {
    class(c) & MARK != 0
}

/// `normalize::is_invisible`, fast for ASCII and Arabic.
pub(crate) fn is_invisible(c: char) -> bool {
    class(c) & INVISIBLE != 0
}

/// A character of a word: letters, digits, and the marks and tatweel inside words.
fn is_word_char(c: char) -> bool {
    class(c) & WORD != 0
}

/// The words of `text[span]`, spans relative to the whole `text`.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word> {
    let part = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in part.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(part, s, i, span.start));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(part, s, part.len(), span.start));
    }
    out
}

fn fold_compact(s: &str) -> CompactString {
    let mut out = CompactString::with_capacity(s.len());
    fold_chars(s, |piece| out.push_str(piece));
    out
}

fn word(part: &str, s: usize, e: usize, base: usize) -> Word {
    let key = fold_compact(&part[s..e]);
    Word {
        span: Span::new(base + s, base + e),
        lex: lexicon().lookup(&key),
        key,
    }
}

/// The number of words in `text`.
pub(crate) fn count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = is_word_char(c);
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_marks_and_spans() {
        let t = "وقال: «نقدّر الـفرصة»، 2254";
        let ws = words(t, Span::new(0, t.len()));
        let texts: Vec<&str> = ws.iter().map(|w| &t[w.span.start..w.span.end]).collect();
        assert_eq!(texts, ["وقال", "نقدّر", "الـفرصة", "2254"]);
        assert_eq!(ws[2].key, "الفرصه");
        assert_eq!(count(t), 4);
    }

    #[test]
    fn fast_classes_agree_with_the_standard_library() {
        for u in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{u:X}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{u:X}");
            assert_eq!(is_mark(c), crate::normalize::is_combining_mark(c), "{u:X}");
            assert_eq!(is_invisible(c), crate::normalize::is_invisible(c), "{u:X}");
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || c == '\u{0640}' || crate::normalize::is_combining_mark(c),
                "{u:X}"
            );
        }
    }
}
