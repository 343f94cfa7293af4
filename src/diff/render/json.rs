//! The diff as pretty-printed JSON: the same bytes as `serde_json::to_writer_pretty` of
//! the [`Diff`] (then made terminal-safe), serialised in pieces side by side and written
//! in order. The long lists (each version's blocks, the entries, the facts) are cut into
//! pieces of about [`PIECE_BYTES`], at most [`IN_FLIGHT`] of them held at once: the JSON
//! of a long diff is many times its texts, and serialising it alone took a tenth of the
//! whole diff of a 10 MB pair.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::super::{Diff, Side};
use crate::snapshot::report::json_safe;

/// About how many bytes of JSON a piece holds (after the first window: an item's size is
/// known only once it is serialised).
const PIECE_BYTES: usize = 32 << 10;
/// Items a piece of the first window holds.
const FIRST_PIECE: usize = 1;
/// Pieces serialised at once before they are written: with [`PIECE_BYTES`], about 512 KB
/// held at a time (each thread's pieces come from its own allocator arena: 2 MB in flight
/// raised the peak of a million-line pair's diff by 5 MB).
const IN_FLIGHT: usize = 16;

/// Write `diff` into `w` (see [`super::write_json`]).
pub(super) fn write<W: Write + ?Sized>(diff: &Diff, w: &mut W) -> io::Result<()> {
    // Every field, in the order of the model (a field added there is a compile error
    // here until it is written).
    let Diff {
        schema,
        approximate,
        notes,
        old,
        new,
        entries,
        summary,
        facts,
    } = diff;
    let mut w = io::BufWriter::with_capacity(1 << 16, w);
    let mut o = Object::open(&mut w, 0)?;
    o.field("schema", |w, d| value(w, d, schema))?;
    o.field("approximate", |w, d| value(w, d, approximate))?;
    o.field("notes", |w, d| list(w, d, notes))?;
    o.field("old", |w, d| side(w, d, old))?;
    o.field("new", |w, d| side(w, d, new))?;
    o.field("entries", |w, d| list(w, d, entries))?;
    o.field("summary", |w, d| value(w, d, summary))?;
    o.field("facts", |w, d| list(w, d, facts))?;
    o.close()?;
    w.write_all(b"\n")?;
    w.flush()
}

fn side<W: Write>(w: &mut W, depth: usize, s: &Side) -> io::Result<()> {
    let Side {
        name,
        bytes,
        blocks,
        text: _,
    } = s;
    let mut o = Object::open(w, depth)?;
    o.field("name", |w, d| value(w, d, name))?;
    o.field("bytes", |w, d| value(w, d, bytes))?;
    o.field("blocks", |w, d| list(w, d, blocks))?;
    o.close()
}

/// An object written at `depth`, a field a line (every object here has a field).
struct Object<'w, W> {
    w: &'w mut W,
    depth: usize,
    first: bool,
}

impl<'w, W: Write> Object<'w, W> {
    fn open(w: &'w mut W, depth: usize) -> io::Result<Self> {
        w.write_all(b"{")?;
        Ok(Object {
            w,
            depth,
            first: true,
        })
    }

    /// The field `name`, its value written by `value` (given the writer and its depth).
    fn field(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut W, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        self.w.write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        pad(self.w, self.depth + 1)?;
        write!(self.w, "\"{name}\": ")?;
        value(self.w, self.depth + 1)
    }

    fn close(self) -> io::Result<()> {
        self.w.write_all(b"\n")?;
        pad(self.w, self.depth)?;
        self.w.write_all(b"}")
    }
}

/// Two spaces a level.
fn pad<W: Write + ?Sized>(w: &mut W, depth: usize) -> io::Result<()> {
    (0..depth).try_for_each(|_| w.write_all(b"  "))
}

fn value<W: Write, T: Serialize + ?Sized>(w: &mut W, depth: usize, v: &T) -> io::Result<()> {
    let mut out = Vec::new();
    at_depth(v, depth, &mut out)?;
    w.write_all(&safe(out)?)
}

/// A list at `depth`: its items serialised in pieces side by side, a window of pieces at
/// a time. The pieces are cut by size: each window's bytes per item set the next one's
/// items per piece (an entry of a long unchanged run lists thousands of blocks; a block
/// is a few lines).
fn list<W: Write, T: Serialize + Sync>(w: &mut W, depth: usize, items: &[T]) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[\n")?;
    let (mut at, mut per_piece) = (0, FIRST_PIECE);
    while at < items.len() {
        let window = &items[at..items.len().min(at + per_piece * IN_FLIGHT)];
        let pieces: Vec<io::Result<Vec<u8>>> = window
            .par_chunks(per_piece)
            .map(|piece| {
                let mut out = Vec::new();
                for (k, item) in piece.iter().enumerate() {
                    if k > 0 {
                        out.extend_from_slice(b",\n");
                    }
                    pad(&mut out, depth + 1)?;
                    at_depth(item, depth + 1, &mut out)?;
                }
                safe(out)
            })
            .collect();
        let mut bytes = 0;
        for (k, piece) in pieces.into_iter().enumerate() {
            if at > 0 || k > 0 {
                w.write_all(b",\n")?;
            }
            let piece = piece?;
            bytes += piece.len();
            w.write_all(&piece)?;
        }
        per_piece = (PIECE_BYTES * window.len() / bytes.max(1)).clamp(1, 4096);
        at += window.len();
    }
    w.write_all(b"\n")?;
    pad(w, depth)?;
    w.write_all(b"]")
}

/// `v` pretty-printed as a value nested `depth` deep, appended to `out`.
fn at_depth<T: Serialize + ?Sized>(v: &T, depth: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Nested::at(depth));
    v.serialize(&mut ser).map_err(io::Error::other)
}

/// `out` made terminal-safe ([`json_safe`]); serde_json writes only UTF-8 (checked with
/// simdutf8: the JSON of a long diff is several times its texts).
fn safe(out: Vec<u8>) -> io::Result<Vec<u8>> {
    let text = simdutf8::compat::from_utf8(&out).map_err(io::Error::other)?;
    Ok(match json_safe(text) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(escaped) => escaped.into_bytes(),
    })
}

/// serde_json's pretty layout (two spaces a level, `"key": value`, one item a line,
/// `[]` and `{}` when empty) for a value that starts `depth` levels deep.
struct Nested {
    depth: usize,
    /// The array or object being written has an item.
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        pad(w, self.depth)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            pad(w, self.depth)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{DiffOptions, diff};

    /// What serde_json writes of the whole diff, made terminal-safe.
    fn by_serde(d: &Diff) -> String {
        json_safe(&serde_json::to_string_pretty(d).unwrap()).into_owned() + "\n"
    }

    fn ours(d: &Diff) -> String {
        let mut out = Vec::new();
        write(d, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_pieces_make_what_serde_json_writes_of_the_whole() {
        let seed = std::fs::read_to_string("corpus/rt-lavrov-de-mistura.txt").unwrap();
        // Words changed, a paragraph moved to the end, a quotation reworded.
        let mut paras: Vec<String> = seed.split('\n').map(str::to_string).collect();
        let first = paras.remove(2);
        paras.push(first);
        let edited = paras
            .join("\n")
            .replacen("قال", "أضاف", 2)
            .replacen("»", " جدا»", 1);
        let (a, b) = (&seed, &edited);
        // Long lists: more than a window of pieces of blocks and entries.
        let long_a: String = (0..IN_FLIGHT * 300 + 300)
            .map(|i| format!("وقال الوزير \u{202E}رقم {i}: «نعم».\n\n"))
            .collect();
        // Numbers spelt out (many changed blocks and number facts), a quotation reworded.
        let long_b = long_a
            .replace("رقم 7", "رقم سبعة")
            .replace("رقم 12: «نعم»", "رقم 12: «لا»");
        for (x, y) in [
            (a.as_str(), b.as_str()),
            ("", "قال\n"),
            ("قال\n", ""),
            ("قال\n", "قال\n"),
            (long_a.as_str(), long_b.as_str()),
        ] {
            let d = diff(x, y, &DiffOptions::default());
            assert_eq!(ours(&d), by_serde(&d));
        }
    }
}
