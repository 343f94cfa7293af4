//! A paragraph's sentences: where they end (Arabic and Latin terminators, outside
//! quotations, not inside numbers or after abbreviations), found from byte hints.

use super::quotes::{QuoteSpan, top_level_quotes};
use super::words::is_blank;
use super::{Paragraph, Sentence, Span, words};

/// A paragraph and its sentences, with its quotation marks (read once: the attribution
/// passes use them too). Without `texts`, the paragraph's and its sentences' `text` are
/// left empty (their spans say where they are): for a caller that drops the paragraph,
/// copying its text twice was a tenth of the extraction.
pub(crate) fn paragraph(
    text: &str,
    index: usize,
    span: Span,
    texts: bool,
) -> (Paragraph, Vec<QuoteSpan>) {
    let p = &text[span.start..span.end];
    // Sorted and disjoint: lookups are binary searches, so a paragraph with thousands
    // of quotations stays linear.
    let marks = top_level_quotes(p);
    let quotes: Vec<Span> = marks.iter().map(|q| q.outer).collect();
    let in_quote = |pos: usize| {
        let i = quotes.partition_point(|q| q.start < pos);
        i > 0 && pos < quotes[i - 1].end
    };
    let closes_quote = |end: usize| {
        let i = quotes.partition_point(|q| q.end < end);
        quotes.get(i).is_some_and(|q| q.end == end)
    };
    let mut sentences = Vec::new();
    let mut start = 0;
    // A quotation that ends with its own full stop ends the sentence with its mark.
    let ends_quoted_sentence = |i: usize, c: char| {
        closes_quote(i + c.len_utf8())
            && p[..i]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(is_terminator)
    };
    let mut from = 0;
    while let Some((i, c)) = next_stop_or_mark(p, from) {
        from = i + c.len_utf8();
        let splits = if is_terminator(c) {
            !in_quote(i) && ends_sentence(p, i, c)
        } else {
            ends_quoted_sentence(i, c)
        };
        if !splits {
            continue;
        }
        // Take the whole run of terminators, then closing marks and brackets.
        let mut end = from;
        for (j, d) in p[from..].char_indices() {
            let j = from + j;
            if is_terminator(d)
                || (crate::normalize::is_quote_mark(d) && closes_quote(j + d.len_utf8()))
                || matches!(d, ')' | ']')
            {
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        push_sentence(text, texts, span.start, p, start, end, &mut sentences);
        start = end;
        from = end;
    }
    push_sentence(text, texts, span.start, p, start, p.len(), &mut sentences);
    // Most paragraphs are a sentence or two: the growth's spare room would be most of
    // the memory of an article of short lines.
    sentences.shrink_to_fit();
    let para = Paragraph {
        index,
        text: if texts { p.to_string() } else { String::new() },
        span,
        sentences,
    };
    (para, marks)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؛' | ';' | '…')
}

/// Whether the character at byte `i` of `b` (a char boundary) is a terminator or a
/// quotation mark ([`is_terminator`], [`crate::normalize::is_quote_mark`]), read from
/// its bytes: `. ! ? ; "`, `« »` (C2 AB, C2 BB), `؛ ؟` (D8 9B, D8 9F), and `… “ ” „ ‟ ‹ ›`
/// (E2 80 …). A test checks it against the two predicates for every character.
#[inline]
fn is_stop_or_mark_at(b: &[u8], i: usize) -> bool {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'.' | b'!' | b'?' | b';' | b'"' => true,
        0xC2 => matches!(next(1), 0xAB | 0xBB),
        0xD8 => matches!(next(1), 0x9B | 0x9F),
        0xE2 => next(1) == 0x80 && matches!(next(2), 0x9C..=0x9F | 0xA6 | 0xB9 | 0xBA),
        _ => false,
    }
}

/// The bytes that say a terminator or quotation mark may be at or just before them:
/// the ASCII ones, C2 and E2 (the first bytes of the others but `؛ ؟`), and the second
/// bytes of `؛ ؟` (9B, 9F; their first, D8, starts most Arabic letters).
#[inline]
fn is_hint(x: u8) -> bool {
    matches!(
        x,
        b'.' | b'!' | b'?' | b';' | b'"' | 0xC2 | 0xE2 | 0x9B | 0x9F
    )
}

/// The first terminator or quotation mark of `p` at or after byte `from` (a char
/// boundary), found from the bytes: 32 at a time are tested for a hint (a loop that
/// vectorises), and only a piece with one is read byte by byte (decoding every
/// character of every paragraph was a fifth of the extractor's time).
fn next_stop_or_mark(p: &str, from: usize) -> Option<(usize, char)> {
    const PIECE: usize = 32;
    let b = p.as_bytes();
    let mut i = from;
    while i < b.len() {
        let end = (i + PIECE).min(b.len());
        if b[i..end].iter().fold(false, |any, &x| any | is_hint(x)) {
            for j in i..end {
                // `b[from]` starts a character, so a second byte is past `from`.
                let at = match b[j] {
                    0x9B | 0x9F if j > from && b[j - 1] == 0xD8 => j - 1,
                    _ => j,
                };
                if is_hint(b[j]) && is_stop_or_mark_at(b, at) {
                    return Some((at, p[at..].chars().next()?));
                }
            }
        }
        i = end;
    }
    None
}

/// Whether the terminator `c` at `i` ends a sentence: not a decimal point (3.5), not the
/// dot of a one-letter abbreviation before a word (د. محمد, U.S.).
fn ends_sentence(p: &str, i: usize, c: char) -> bool {
    if c != '.' {
        return true;
    }
    let before = p[..i].chars().next_back();
    let after = p[i + 1..].chars().next();
    if before.is_some_and(char::is_numeric) && after.is_some_and(char::is_numeric) {
        return false;
    }
    let mut letters = p[..i].chars().rev().take_while(|&ch| words::is_alpha(ch));
    let one_letter = letters.next().is_some() && letters.next().is_none();
    let word_follows = p[i + 1..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(words::is_alpha);
    !(one_letter && word_follows)
}

fn push_sentence(
    text: &str,
    texts: bool,
    base: usize,
    p: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Sentence>,
) {
    let piece = &p[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_blank).len();
    let trimmed = piece.trim_matches(is_blank);
    if trimmed.is_empty() {
        return;
    }
    let span = Span::new(base + start + lead, base + start + lead + trimmed.len());
    out.push(Sentence {
        text: if texts {
            text[span.start..span.end].to_string()
        } else {
            String::new()
        },
        span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_scan_finds_what_a_scan_of_the_characters_finds(
            s in proptest::collection::vec(proptest::sample::select(vec![
                'ب', 'ث', 'ؠ', 'ٛ', 'ڛ', '؛', '؟', '«', '»', '.', '"', '…', '”', '‟', ' ', 'a',
                '\u{A0}', '—', '\u{200F}',
            ]), 0..120),
            from in 0usize..40,
        ) {
            let p: String = s.into_iter().collect();
            let from = p.char_indices().map(|(i, _)| i).nth(from).unwrap_or(p.len());
            let naive = p[from..]
                .char_indices()
                .find(|&(_, c)| is_terminator(c) || crate::normalize::is_quote_mark(c))
                .map(|(i, c)| (from + i, c));
            prop_assert_eq!(next_stop_or_mark(&p, from), naive);
        }
    }

    #[test]
    fn every_terminator_and_mark_starts_with_a_byte_the_scan_stops_at() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut b = [0; 4];
            let b = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(
                is_stop_or_mark_at(b, 0),
                is_terminator(c) || crate::normalize::is_quote_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
        let p = "قال: «نعم». ثم؟ ذهب… \"لا\"";
        let found: Vec<char> = std::iter::successors(next_stop_or_mark(p, 0), |&(i, c)| {
            next_stop_or_mark(p, i + c.len_utf8())
        })
        .map(|(_, c)| c)
        .collect();
        assert_eq!(found, ['«', '»', '.', '؟', '…', '"', '"']);
    }

    fn sentences(p: &str) -> Vec<String> {
        paragraph(p, 1, Span::new(0, p.len()), true)
            .0
            .sentences
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn sentences_split_on_arabic_and_latin_punctuation() {
        assert_eq!(
            sentences("جملة أولى. جملة ثانية؟ ثالثة! رابعة؛ خامسة"),
            ["جملة أولى.", "جملة ثانية؟", "ثالثة!", "رابعة؛", "خامسة"]
        );
    }

    #[test]
    fn no_split_in_numbers_abbreviations_or_quotes() {
        assert_eq!(
            sentences("ارتفع بنسبة 3.5 بالمئة. ثم هبط"),
            ["ارتفع بنسبة 3.5 بالمئة.", "ثم هبط"]
        );
        assert_eq!(
            sentences("قال د. محمد إنه بخير. انتهى"),
            ["قال د. محمد إنه بخير.", "انتهى"]
        );
        assert_eq!(
            sentences("قال: «جاء. وذهب». ثم سكت"),
            ["قال: «جاء. وذهب».", "ثم سكت"]
        );
        assert_eq!(sentences("وقال: ”نعم.” ثم مضى"), ["وقال: ”نعم.”", "ثم مضى"]);
    }
}
