//! One file streamed through the normaliser: read in blocks (decompressed, decoded), cut
//! into chunks at line ends (a text file only where [`next_cut`] allows; a JSON Lines
//! file at any line end), a batch of chunks normalised across the pool, the results
//! written in order. A chunk depends only on the data, never on the thread count.

use std::borrow::Cow;
use std::io::Read;

use super::format::{Compressed, Decompressed};
use super::jsonl::{LineError, is_blank, normalize_line};
use super::runner::{BLOCK, CHUNK, Ctx, OnError, Stop};
use super::stats::{DigitSystems, FileOutcome, Inspection, Problem};
use super::walk::InputFile;
use crate::Error;
use crate::fs::{Encoding, TextDecoder, looks_like};
use crate::normalize::{Stats, next_cut};

/// Up to [`BLOCK`] bytes (fewer only at the end of the stream); `hint` is how many are
/// expected (a small file gets a small buffer).
fn read_block(r: &mut impl Read, hint: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_block_into(r, hint, &mut buf)?;
    Ok(buf)
}

/// [`read_block`] appended to `buf`; returns how many bytes were read (0 at the end).
fn read_block_into(r: &mut impl Read, hint: u64, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.reserve(BLOCK.min(hint as usize + 1));
    r.take(BLOCK as u64).read_to_end(buf)
}

/// What is left to read of `file`, as far as its size tells (compressed: a block).
fn left(file: &InputFile, reader: &Decompressed<'_>) -> u64 {
    match file.compression {
        super::format::Compression::None => file.size.saturating_sub(reader.raw().bytes()),
        _ => BLOCK as u64,
    }
}

fn read_error(file: &InputFile, e: std::io::Error) -> Stop {
    let what = match file.compression {
        super::format::Compression::None => String::new(),
        c => format!(" (a damaged or truncated {c:?} stream?)"),
    };
    Stop::Failed(Error::Io {
        path: file.path.clone(),
        source: std::io::Error::new(e.kind(), format!("{e}{what}")),
    })
}

fn write(w: &mut Option<&mut Compressed<'_>>, bytes: &[u8]) -> Result<(), Stop> {
    if let Some(w) = w {
        w.write_all(bytes)?;
    }
    Ok(())
}

/// The result of one chunk.
struct Done {
    out: Option<String>,
    stats: Stats,
    inspection: Inspection,
    digits: DigitSystems,
}

pub(super) fn text_file(
    file: &InputFile,
    reader: &mut Decompressed<'_>,
    w: &mut Option<&mut Compressed<'_>>,
    ctx: &Ctx<'_>,
    o: &mut FileOutcome,
) -> Result<(), Stop> {
    let mut decoder = TextDecoder::new(&file.path, ctx.options.encoding);
    let inspect = ctx.target.is_none();
    let mut pending = String::new();
    let mut batch: Vec<String> = Vec::new();
    let mut digits: DigitSystems = 0;
    let work = |chunk: &String| -> Done {
        let mut stats = Stats::default();
        let mut inspection = Inspection::default();
        let digits = if inspect { inspection.scan(chunk) } else { 0 };
        let out = match ctx.normalizer.normalize_with_stats(chunk, &mut stats) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) => None,
        };
        Done {
            out,
            stats,
            inspection,
            digits,
        }
    };
    loop {
        if ctx.control.stopped() {
            return Err(Stop::Interrupted);
        }
        let block = read_block(reader, left(file, reader)).map_err(|e| read_error(file, e))?;
        let eof = block.is_empty();
        let text = if eof {
            decoder.finish()?
        } else {
            decoder.decode(block)?
        };
        pending.push_str(&text);
        let mut start = 0;
        while pending.len() - start >= CHUNK {
            match next_cut(&pending[start..], CHUNK) {
                Some(cut) => {
                    batch.push(pending[start..start + cut].to_string());
                    start += cut;
                }
                None => break,
            }
        }
        pending.drain(..start);
        if eof && !pending.is_empty() {
            batch.push(std::mem::take(&mut pending));
        }
        if batch.len() >= ctx.batch || (eof && !batch.is_empty()) {
            let results: Vec<Done> = ctx.map_batch(&batch, work);
            for (chunk, done) in batch.drain(..).zip(results) {
                let out = done.out.as_deref().unwrap_or(&chunk);
                o.bytes_in += chunk.len() as u64;
                o.bytes_out += out.len() as u64;
                o.changes.merge(&done.stats);
                o.inspection.merge(&done.inspection);
                digits |= done.digits;
                write(w, out.as_bytes())?;
            }
        }
        if eof {
            break;
        }
    }
    o.documents = 1;
    o.inspection.end_document(digits);
    Ok(())
}

/// One chunk of JSON lines in a batch, with its output buffer: both are reused from one
/// batch to the next. Fresh megabyte buffers for every chunk (and every block read) had
/// the allocator give memory back to the system and take it again: 100 MB of JSON Lines
/// took 8,900 page faults with `-j1` and 18,000-28,000 with `-j2`, now 4,100 and 7,400.
#[derive(Default)]
struct Lines {
    chunk: Vec<u8>,
    first_line: u64,
    offset: u64,
    /// The chunk as normalised, when a line changed.
    out: Vec<u8>,
}

/// The result of one chunk of JSON lines.
struct LinesDone {
    /// A line changed: the output is in the chunk's `out`.
    changed: bool,
    stats: Stats,
    inspection: Inspection,
    documents: u64,
    /// (line, byte offset of the line in the file's text, error).
    problems: Vec<(u64, u64, LineError)>,
    /// The first invalid line's bytes' likely encoding.
    not_utf8: Option<Option<Encoding>>,
}

/// One chunk of whole lines: `first_line` is its first line's number, `offset` its
/// first byte's offset in the (decompressed) file.
fn jsonl_chunk(lines: &mut Lines, ctx: &Ctx<'_>) -> LinesDone {
    let Lines {
        chunk,
        first_line,
        offset,
        out,
    } = lines;
    let (chunk, first_line, offset) = (chunk.as_slice(), *first_line, *offset);
    out.clear();
    let inspect = ctx.target.is_none();
    let field = ctx.options.field.as_str();
    let skip = ctx.options.on_error == OnError::Skip;
    let mut d = LinesDone {
        changed: false,
        stats: Stats::default(),
        inspection: Inspection::default(),
        documents: 0,
        problems: Vec::new(),
        not_utf8: None,
    };
    let mut copied = 0;
    let mut start = 0;
    let mut line_no = first_line;
    while start < chunk.len() {
        let end = memchr::memchr(b'\n', &chunk[start..]).map_or(chunk.len(), |k| start + k);
        // A UTF-8 byte order mark before the first line is kept, and not parsed.
        let bom = if offset == 0 && start == 0 && chunk.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let line = &chunk[start + bom..end];
        if !is_blank(line) {
            d.documents += 1;
            let result = normalize_line(line, field, |text| {
                if inspect {
                    let systems = d.inspection.scan(text);
                    d.inspection.end_document(systems);
                }
                ctx.normalizer.normalize_with_stats(text, &mut d.stats)
            });
            match result {
                Ok(None) => {}
                Ok(Some(new)) => {
                    d.changed = true;
                    out.extend_from_slice(&chunk[copied..start + bom]);
                    out.extend_from_slice(new.as_bytes());
                    copied = end;
                }
                Err(e) => {
                    if let LineError::InvalidUtf8(at) = e
                        && d.not_utf8.is_none()
                    {
                        d.not_utf8 = Some(looks_like(&line[at..]));
                    }
                    d.problems.push((line_no, offset + start as u64, e));
                    if skip {
                        d.changed = true;
                        out.extend_from_slice(&chunk[copied..start]);
                        copied = (end + 1).min(chunk.len());
                    }
                }
            }
        }
        start = end + 1;
        line_no += 1;
    }
    if d.changed {
        out.extend_from_slice(&chunk[copied.min(chunk.len())..]);
    }
    d
}

pub(super) fn jsonl_file(
    file: &InputFile,
    reader: &mut Decompressed<'_>,
    w: &mut Option<&mut Compressed<'_>>,
    ctx: &Ctx<'_>,
    o: &mut FileOutcome,
) -> Result<(), Stop> {
    // UTF-8 lines are read as bytes, so that one bad line is only that line; another
    // encoding is decoded first (a bad byte then stops the file).
    let mut decoder: Option<TextDecoder> = match ctx.options.encoding {
        Encoding::Auto | Encoding::Utf8 => None,
        other => Some(TextDecoder::new(&file.path, other)),
    };
    let mut first = true;
    let mut pending: Vec<u8> = Vec::new();
    let mut batch: Vec<Lines> = Vec::new();
    // The chunks of the last batch, written: their buffers hold the next ones.
    let mut spare: Vec<Lines> = Vec::new();
    let (mut line, mut offset) = (1u64, 0u64);
    loop {
        if ctx.control.stopped() {
            return Err(Stop::Interrupted);
        }
        // UTF-8 is read straight into `pending` (no block buffer to allocate and copy);
        // another encoding is decoded block by block.
        let eof = match &mut decoder {
            Some(d) => {
                let block =
                    read_block(reader, left(file, reader)).map_err(|e| read_error(file, e))?;
                let eof = block.is_empty();
                let text = if eof { d.finish()? } else { d.decode(block)? };
                pending.extend_from_slice(text.as_bytes());
                eof
            }
            None => {
                let from = pending.len();
                let hint = left(file, reader);
                let read =
                    read_block_into(reader, hint, &mut pending).map_err(|e| read_error(file, e))?;
                if first
                    && ctx.options.encoding == Encoding::Auto
                    && (pending[from..].starts_with(&[0xFF, 0xFE])
                        || pending[from..].starts_with(&[0xFE, 0xFF]))
                {
                    // UTF-16 after all: what was read is decoded.
                    let mut d = TextDecoder::new(&file.path, Encoding::Auto);
                    let block = pending.split_off(from);
                    let text = d.decode(block)?;
                    pending.extend_from_slice(text.as_bytes());
                    decoder = Some(d);
                }
                read == 0
            }
        };
        first = false;
        let mut start = 0;
        while pending.len() - start > CHUNK {
            let Some(k) = memchr::memchr(b'\n', &pending[start + CHUNK..]) else {
                break;
            };
            let end = start + CHUNK + k + 1;
            let mut piece = spare.pop().unwrap_or_default();
            piece.chunk.clear();
            piece.chunk.extend_from_slice(&pending[start..end]);
            let lines = memchr::memchr_iter(b'\n', &piece.chunk).count() as u64;
            (piece.first_line, piece.offset) = (line, offset);
            line += lines;
            offset += piece.chunk.len() as u64;
            batch.push(piece);
            start = end;
        }
        pending.drain(..start);
        if eof && !pending.is_empty() {
            batch.push(Lines {
                chunk: std::mem::take(&mut pending),
                first_line: line,
                offset,
                out: Vec::new(),
            });
        }
        if batch.len() >= ctx.batch || (eof && !batch.is_empty()) {
            let results: Vec<LinesDone> =
                ctx.map_batch_mut(&mut batch, |lines| jsonl_chunk(lines, ctx));
            for (piece, done) in batch.drain(..).zip(results) {
                let (chunk, out) = (&piece.chunk, &piece.out);
                let out = if done.changed { out } else { chunk };
                o.bytes_in += chunk.len() as u64;
                o.bytes_out += out.len() as u64;
                o.documents += done.documents;
                o.changes.merge(&done.stats);
                o.inspection.merge(&done.inspection);
                if let Some(enc) = done.not_utf8
                    && o.not_utf8.is_none()
                {
                    o.not_utf8 = Some(enc.map_or("unknown", |e| e.name()).to_string());
                }
                for (line, at, e) in done.problems {
                    let message = match e {
                        LineError::InvalidUtf8(k) => {
                            format!("invalid UTF-8 at byte {} (line {line})", at + k as u64)
                        }
                        LineError::MissingField => {
                            format!("no top-level field \"{}\"", ctx.options.field)
                        }
                        LineError::NotAString(what) => format!(
                            "the field \"{}\" is {what}, not a string",
                            ctx.options.field
                        ),
                        other => other.to_string(),
                    };
                    let kept = match ctx.options.on_error {
                        OnError::Copy => "copied unchanged",
                        OnError::Skip => "left out",
                    };
                    o.problems.push(Problem {
                        file: o.file.clone(),
                        line: Some(line),
                        message: format!("{message}; line {kept}"),
                    });
                }
                write(w, out)?;
                spare.push(piece);
            }
        }
        if eof {
            break;
        }
    }
    Ok(())
}
