//! The emitter's streaming side: a map written one entry (and one list item) at a time
//! into a writer, and `naskh extract`'s YAML written while the article is extracted.

use std::fmt::Write as _;
use std::io;

use serde_json::{Map, Value};

use super::{emit_item, emit_map, is_inline, string};
use crate::structure::Article;

/// Writes the YAML of a map one entry (and one list item) at a time into a writer, each
/// value turned into a [`Value`] only while it is written: the same text as
/// [`to_yaml`](super::to_yaml) of the whole map, without a second copy of the structure in
/// memory.
pub struct MapWriter<'w, W: io::Write> {
    w: &'w mut W,
    visible: bool,
    buf: String,
}

/// What [`MapWriter`] fills before it writes to its writer.
const CHUNK: usize = 1 << 16;

impl<'w, W: io::Write> MapWriter<'w, W> {
    /// A writer of a map at the top level of the document (`visible` as in
    /// [`to_yaml`](super::to_yaml)).
    pub fn new(w: &'w mut W, visible: bool) -> Self {
        MapWriter {
            w,
            visible,
            buf: String::new(),
        }
    }

    fn flush_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.w.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    /// The entry `key: value`.
    pub fn entry<T: serde::Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        let mut m = Map::new();
        m.insert(key.to_string(), to_value(value)?);
        emit_map(&m, 0, self.visible, &mut self.buf);
        self.flush_full()
    }

    /// The entry `key: items`, a list written one item at a time.
    pub fn list<T: serde::Serialize>(&mut self, key: &str, items: &[T]) -> io::Result<()> {
        if items.is_empty() {
            return self.entry(key, items);
        }
        // A list of scalars is written inline, on its key's line: it is one value.
        let first = to_value(&items[0])?;
        if is_inline(&Value::Array(vec![first.clone()])) {
            return self.entry(key, items);
        }
        let _ = writeln!(self.buf, "{}:", string(key, self.visible, false));
        emit_item(&first, 0, self.visible, &mut self.buf);
        drop(first);
        for item in &items[1..] {
            emit_item(&to_value(item)?, 0, self.visible, &mut self.buf);
            self.flush_full()?;
        }
        Ok(())
    }

    /// The entry `key: items`, a block list of maps written as the iterator gives them
    /// (each item must be a struct: it is never written inline).
    pub fn items<T: serde::Serialize>(
        &mut self,
        key: &str,
        items: &mut dyn ExactSizeIterator<Item = T>,
    ) -> io::Result<()> {
        if items.len() == 0 {
            return self.entry(key, &[(); 0]);
        }
        let _ = writeln!(self.buf, "{}:", string(key, self.visible, false));
        for item in items {
            emit_item(&to_value(&item)?, 0, self.visible, &mut self.buf);
            self.flush_full()?;
        }
        Ok(())
    }

    /// Write what is left.
    pub fn finish(self) -> io::Result<()> {
        self.w.write_all(self.buf.as_bytes())
    }
}

/// The structure of `text` as [`to_yaml`](super::to_yaml) writes
/// [`crate::structure::extract`]'s, streamed into `w` while it is extracted: each
/// paragraph is written as it is read and dropped, so memory holds the text, the
/// quotations and mentions, and one paragraph, not the whole structure and then its YAML
/// (issue 8: `extract` of 1 M one-letter lines took 650× its input).
///
/// ```
/// let text = "وقال الوزير: «نعم».\n";
/// let mut out = Vec::new();
/// naskh::snapshot::write_extracted(text, false, &mut out).unwrap();
/// let whole = naskh::snapshot::to_yaml(&naskh::structure::extract(text), false);
/// assert_eq!(String::from_utf8(out).unwrap(), whole);
/// ```
pub fn write_extracted<W: io::Write>(text: &str, visible: bool, w: &mut W) -> io::Result<()> {
    let mut e = crate::structure::extraction(text);
    let mut m = MapWriter::new(w, visible);
    m.entry("headline", &e.headline())?;
    m.entry("byline", &e.byline())?;
    m.entry("dateline", &e.dateline())?;
    m.items("paragraphs", &mut e)?;
    // Destructured so that a field added to the article cannot be left out here.
    let Article {
        headline: _,
        byline: _,
        dateline: _,
        paragraphs: _,
        quotes,
        source,
        numbers,
        dates,
        stats,
    } = e.finish();
    m.list("quotes", &quotes)?;
    m.entry("source", &source)?;
    m.list("numbers", &numbers)?;
    m.list("dates", &dates)?;
    m.entry("stats", &stats)?;
    m.finish()
}

fn to_value<T: serde::Serialize + ?Sized>(v: &T) -> io::Result<Value> {
    serde_json::to_value(v).map_err(io::Error::other)
}
