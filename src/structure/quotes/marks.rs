//! Quotations in marks: the top-level marked spans of a paragraph, and which of them are
//! quotations rather than a title or name in marks.
//!
//! Double marks are read with [`crate::normalize::analyze_quotes`] (RT's ” … ”, mixed
//! « … ”, curly and straight quotes); single quotes (' … ', ‘ … ’) and mixed pairs
//! (' … ", " … ') are paired here, in the text the double marks leave. A quote left open
//! ends with its paragraph, so an unbalanced mark never swallows the rest of the article.

use super::super::Span;
use crate::normalize::{QuoteMark, QuoteRole, analyze_quotes};

/// A top-level quotation in a paragraph; spans relative to the paragraph's text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QuoteSpan {
    /// From the opening mark to the end of the closing one (or of the paragraph).
    pub(crate) outer: Span,
    /// The words inside, trimmed.
    pub(crate) inner: Span,
    /// The closing mark is there.
    pub(crate) closed: bool,
}

pub(crate) fn is_space(c: char) -> bool {
    crate::structure::words::is_blank(c)
}

pub(crate) fn trim(p: &str, span: Span) -> Span {
    let piece = &p[span.start..span.end];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let t = piece.trim_matches(is_space);
    Span::new(span.start + lead, span.start + lead + t.len())
}

fn is_letter(c: char) -> bool {
    super::super::words::is_alnum(c)
}

/// A single quote that opens: after the line's start, a space, a colon or a bracket,
/// and before a letter.
fn opens_single(p: &str, pos: usize, c: char) -> bool {
    let prev = p[..pos].chars().next_back();
    let next = p[pos + c.len_utf8()..].chars().next();
    matches!(c, '\'' | '‘')
        && prev.is_none_or(|b| is_space(b) || matches!(b, ':' | '(' | '['))
        && next.is_some_and(is_letter)
}

/// A mark that closes a single quote: ' ’ or a double mark, after a letter or
/// punctuation and before a space, punctuation or the line's end.
fn closes_single(p: &str, pos: usize, c: char) -> bool {
    let prev = p[..pos].chars().next_back();
    let next = p[pos + c.len_utf8()..].chars().next();
    matches!(c, '\'' | '’' | '"' | '”')
        && prev.is_some_and(|b| !is_space(b))
        && next.is_none_or(|n| !is_letter(n))
}

/// The rest of a paragraph after an unclosed mark, without its final punctuation.
fn open_rest(p: &str, from: usize) -> Span {
    open_until(p, from, p.len())
}

/// `p[from..to]` without the final punctuation and spaces.
fn open_until(p: &str, from: usize, to: usize) -> Span {
    let rest = p[from..to]
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…'));
    trim(p, Span::new(from, from + rest.len()))
}

/// The outermost quotations of paragraph text `p`, in order and disjoint.
pub(crate) fn top_level_quotes(p: &str) -> Vec<QuoteSpan> {
    let mut out: Vec<QuoteSpan> = Vec::new();
    // Double marks that close nothing: they may close a single quote (' … ").
    let mut stray: Vec<usize> = Vec::new();
    let marks = analyze_quotes(p);
    let is_top_open = |m: &QuoteMark| m.role == QuoteRole::Open && m.depth == 1;
    // Where each outermost quotation opens: an unclosed one looks for a single closing
    // mark only before the next (else two quotations overlapped, and every unclosed
    // mark scanned the rest of the paragraph: 700 overlapping quotations, 40 times the
    // text, in a 1 MB line of 2,000 stray marks).
    let opens: Vec<usize> = marks
        .iter()
        .filter(|m| is_top_open(m))
        .map(|m| m.pos)
        .collect();
    let mut nth = 0;
    for m in marks {
        if m.role == QuoteRole::Close && m.partner.is_none() && m.depth == 1 {
            stray.push(m.pos);
        }
        if !is_top_open(&m) {
            continue;
        }
        nth += 1;
        let next_open = opens.get(nth).copied().unwrap_or(p.len());
        let q = match m.partner {
            Some(close) => {
                let close_len = p[close..].chars().next().map_or(1, char::len_utf8);
                QuoteSpan {
                    outer: Span::new(m.pos, close + close_len),
                    inner: trim(p, Span::new(m.end(), close)),
                    closed: true,
                }
            }
            None => {
                // " … ': a single quote may close it; else the rest of the paragraph.
                let close = p[m.end()..next_open.max(m.end())]
                    .char_indices()
                    .map(|(i, c)| (m.end() + i, c))
                    .find(|&(i, c)| matches!(c, '\'' | '’') && closes_single(p, i, c));
                match close {
                    Some((i, c)) => QuoteSpan {
                        outer: Span::new(m.pos, i + c.len_utf8()),
                        inner: trim(p, Span::new(m.end(), i)),
                        closed: true,
                    },
                    None => QuoteSpan {
                        outer: Span::new(m.pos, p.len()),
                        inner: open_rest(p, m.end()),
                        closed: false,
                    },
                }
            }
        };
        out.push(q);
    }
    // Two byte searches (memchr), not a scan of every character.
    if p.contains('\'') || p.contains('‘') {
        single_quotes(p, &mut out, &stray);
    }
    // A quote left open ends where the next one opens (the marks say a new quotation
    // starts there): the spans stay disjoint.
    for i in 1..out.len() {
        let next = out[i].outer.start;
        let q = &mut out[i - 1];
        if !q.closed && q.outer.end > next {
            q.outer.end = next;
            q.inner = open_until(p, q.inner.start.min(next), next);
        }
    }
    out
}

/// Pair single quotes (and ' … " mixed pairs) outside the double-marked quotations.
fn single_quotes(p: &str, out: &mut Vec<QuoteSpan>, stray: &[usize]) {
    let doubles: Vec<Span> = out.iter().map(|q| q.outer).collect();
    let outside = |pos: usize| {
        let i = doubles.partition_point(|d| d.start <= pos);
        i == 0 || doubles[i - 1].end <= pos
    };
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = p[i..].find(['\'', '‘']) {
        let pos = i + off;
        let c = p[pos..].chars().next().expect("found a mark");
        i = pos + c.len_utf8();
        if !outside(pos) || !opens_single(p, pos, c) {
            continue;
        }
        // The next closer outside the double quotations, before the next double one.
        let limit = doubles
            .iter()
            .find(|d| d.start > pos)
            .map_or(p.len(), |d| d.start);
        let close = p[i..limit]
            .char_indices()
            .map(|(k, ch)| (i + k, ch))
            .find(|&(k, ch)| {
                (matches!(ch, '\'' | '’') || (stray.contains(&k) && matches!(ch, '"' | '”')))
                    && closes_single(p, k, ch)
            });
        let Some((k, ch)) = close else { continue };
        found.push(QuoteSpan {
            outer: Span::new(pos, k + ch.len_utf8()),
            inner: trim(p, Span::new(i, k)),
            closed: true,
        });
        i = k + ch.len_utf8();
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|q| q.outer.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(p: &str) -> Vec<&str> {
        top_level_quotes(p)
            .iter()
            .map(|q| &p[q.inner.start..q.inner.end])
            .collect()
    }

    #[test]
    fn double_marks_of_every_style() {
        assert_eq!(inner("قال: «نعم» ثم “لا” و\"ربما\""), ["نعم", "لا", "ربما"]);
        assert_eq!(inner("قال:” نعم ”، وأضاف"), ["نعم"]);
        assert_eq!(inner("قال: «نص بلا نهاية."), ["نص بلا نهاية"]);
    }

    #[test]
    fn an_open_quote_ends_where_the_next_opens() {
        let p = "قال: \"نص بلا نهاية، ثم قال: \"نعم\".";
        let qs = top_level_quotes(p);
        assert!(qs.windows(2).all(|w| w[0].outer.end <= w[1].outer.start));
        assert_eq!(inner(p).last(), Some(&"نعم"));
    }

    #[test]
    fn stray_double_marks_before_a_single_closer_stay_disjoint() {
        // Issue 8: each unclosed " took the one ' far after it as its closer, so the
        // quotations overlapped (and each scanned the rest of the paragraph).
        let p = "قال \"نعم ثم قال \"لا ثم قال \"ربما نص' انتهى";
        let qs = top_level_quotes(p);
        assert_eq!(qs.len(), 3);
        assert!(qs.windows(2).all(|w| w[0].outer.end <= w[1].outer.start));
        assert_eq!(inner(p).last(), Some(&"ربما نص"));
    }

    #[test]
    fn single_quotes_and_mixed_pairs() {
        assert_eq!(
            inner("وقال: 'لن نتراجع عن القرار' ثم خرج"),
            ["لن نتراجع عن القرار"]
        );
        assert_eq!(inner("وقال: ‘لن نتراجع’."), ["لن نتراجع"]);
        assert_eq!(
            inner("وقال: 'لن نتراجع عن القرار\" ثم خرج"),
            ["لن نتراجع عن القرار"]
        );
        assert_eq!(
            inner("وقال: \"لن نتراجع عن القرار' ثم خرج"),
            ["لن نتراجع عن القرار"]
        );
        // An apostrophe inside a Latin word opens nothing.
        assert!(inner("O'Neill قال").is_empty());
    }
}
