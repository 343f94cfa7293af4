//! Each version's blocks, each the whole line it stands on, with its alignment key.
//! Does no I/O and never fails.

use super::BlockLine;
use crate::diff::BlockKind;
use crate::diff::tokens::block_key;
use crate::structure::{Layout, Span, layout};

/// The line holding `span`, without its newline.
fn whole_line(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Span::new(start, end)
}

/// A version's blocks, as `extract` lays the article out; with `lines`, every line that
/// is not blank.
pub(crate) fn read_side(text: &str, lines: bool) -> Vec<BlockLine> {
    if lines {
        let mut start = 0;
        let mut out = Vec::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if !body.trim().is_empty() {
                out.push(BlockLine {
                    kind: BlockKind::Line,
                    number: i + 1,
                    span: Span::new(start, start + line.trim_end_matches('\n').len()),
                    key: block_key(body),
                });
            }
            start += line.len();
        }
        return out;
    }
    let layout: Layout = layout(text);
    let mut raw: Vec<(BlockKind, usize, Span)> = Vec::new();
    raw.extend(
        layout
            .headline
            .iter()
            .map(|b| (BlockKind::Headline, 0, b.span)),
    );
    raw.extend(layout.byline.iter().map(|b| (BlockKind::Byline, 0, b.span)));
    raw.extend(
        layout
            .dateline
            .iter()
            .map(|b| (BlockKind::Dateline, 0, b.span)),
    );
    raw.extend(
        layout
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, &s)| (BlockKind::Paragraph, i + 1, s)),
    );
    // A source that ends the last paragraph (… (أ ف ب)) is part of that line.
    if let Some(s) = &layout.source
        && !layout.paragraphs.iter().any(|p| p.contains(s.span))
    {
        raw.push((BlockKind::Source, 0, s.span));
    }
    raw.sort_by_key(|&(_, _, s)| s.start);
    raw.into_iter()
        .map(|(kind, number, span)| {
            let span = whole_line(text, span);
            BlockLine {
                kind,
                number,
                span,
                key: block_key(&text[span.start..span.end]),
            }
        })
        .collect()
}
