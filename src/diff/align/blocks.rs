//! Each version's blocks, each the whole line it stands on, with its alignment key.
//! Does no I/O and never fails.

use crate::diff::tokens::{Utf16Index, block_key};
use crate::diff::{Block, BlockKind};
use crate::structure::{Layout, Span, layout};

/// The line holding `span`, without its newline.
fn whole_line(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Span::new(start, end)
}

/// A version's blocks, as `extract` lays the article out (with `lines`, every line that
/// is not blank), and their alignment keys.
pub(crate) fn read_side(text: &str, lines: bool, utf16: &Utf16Index) -> (Vec<Block>, Vec<u64>) {
    let block = |kind, number, start, end| Block {
        kind,
        number,
        range: utf16.range(start, end),
    };
    if lines {
        let mut start = 0;
        let (mut blocks, mut keys) = (Vec::new(), Vec::new());
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if !body.trim().is_empty() {
                let end = start + line.trim_end_matches('\n').len();
                blocks.push(block(BlockKind::Line, i + 1, start, end));
                keys.push(block_key(body));
            }
            start += line.len();
        }
        blocks.shrink_to_fit();
        keys.shrink_to_fit();
        return (blocks, keys);
    }
    let layout: Layout = layout(text);
    // The few head lines (and the source); the paragraphs, in order, are merged in
    // without a copy of them all.
    let mut heads: Vec<(BlockKind, usize, Span)> = Vec::new();
    heads.extend(
        layout
            .headline
            .iter()
            .map(|b| (BlockKind::Headline, 0, b.span)),
    );
    heads.extend(layout.byline.iter().map(|b| (BlockKind::Byline, 0, b.span)));
    heads.extend(
        layout
            .dateline
            .iter()
            .map(|b| (BlockKind::Dateline, 0, b.span)),
    );
    // A source that ends the last paragraph (… (أ ف ب)) is part of that line.
    if let Some(s) = &layout.source
        && !layout.paragraphs.iter().any(|p| p.contains(s.span))
    {
        heads.push((BlockKind::Source, 0, s.span));
    }
    heads.sort_by_key(|&(_, _, s)| s.start);
    let n = heads.len() + layout.paragraphs.len();
    let (mut blocks, mut keys) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut push = |(kind, number, span): (BlockKind, usize, Span)| {
        let span = whole_line(text, span);
        keys.push(block_key(&text[span.start..span.end]));
        blocks.push(block(kind, number, span.start, span.end));
    };
    let mut heads = heads.into_iter().peekable();
    for (i, &p) in layout.paragraphs.iter().enumerate() {
        while let Some(h) = heads.next_if(|h| h.2.start <= p.start) {
            push(h);
        }
        push((BlockKind::Paragraph, i + 1, p));
    }
    heads.for_each(&mut push);
    (blocks, keys)
}
