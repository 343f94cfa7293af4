//! Words of a text, with their byte spans and their `search` fold for matching.

use super::Span;
use super::lexicon::fold;

/// A word: letters, digits and the marks and tatweel inside them.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Byte range in the whole text.
    pub(crate) span: Span,
    /// The `search` fold of the word.
    pub(crate) key: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{0640}' || crate::normalize::is_combining_mark(c)
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

fn word(part: &str, s: usize, e: usize, base: usize) -> Word {
    Word {
        span: Span::new(base + s, base + e),
        key: fold(&part[s..e]),
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
}
