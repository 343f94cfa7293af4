//! Sentence-sized pieces of a block, for the word diff of long paragraphs and for the
//! view's context. The extractor's sentence splitter is private to
//! [`crate::structure`], so this is the small one the diff needs: a cut after `.` `!`
//! `?` `؟` `؛` `;` `…` followed by a space (so never inside `3.5`), and at every line
//! end. The pieces cover the span exactly: a piece starts with the space before it.

use crate::structure::Span;

/// The sentences of `text[span]`, in order, covering it without gaps.
pub(crate) fn sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let mut prev_end = false;
    for (i, c) in text[span.start..span.end].char_indices() {
        let at = span.start + i;
        if (prev_end && c.is_whitespace()) || (c == '\n' && at > start) {
            out.push(Span::new(start, at));
            start = at;
        }
        prev_end = matches!(c, '.' | '!' | '?' | '؟' | '؛' | ';' | '…');
    }
    if start < span.end || out.is_empty() {
        out.push(Span::new(start, span.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(t: &str) -> Vec<&str> {
        sentences(t, Span::new(0, t.len()))
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn cuts_after_sentence_ends_and_at_line_ends() {
        assert_eq!(
            cut("قال نعم. هل هذا؟ لا! بل؛ هكذا"),
            ["قال نعم.", " هل هذا؟", " لا!", " بل؛", " هكذا"]
        );
        assert_eq!(cut("نما 3.5 بالمئة.\nثم"), ["نما 3.5 بالمئة.", "\nثم"]);
        assert_eq!(cut(""), [""]);
    }
}
