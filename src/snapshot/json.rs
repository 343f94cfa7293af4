//! `naskh extract -f json`: the structure of an article as pretty JSON (serde_json's),
//! streamed into a writer while it is extracted, and safe for a terminal
//! ([`super::report::json_safe`]). The only I/O is into the writer it is given.

use std::cell::RefCell;
use std::io;

use serde::ser::{SerializeStruct, Serializer};

use super::report::JsonSafeWriter;
use crate::structure::{Article, Extraction, extraction};

/// The structure of `text`, as `serde_json::to_writer_pretty` writes
/// [`crate::structure::extract`]'s with [`super::report::json_safe`] applied and a final
/// newline, streamed into `w`: each paragraph is written as it is read and dropped
/// (issue 8: the whole JSON built, then copied to escape it, took 280× the input).
///
/// ```
/// let text = "وقال الوزير: «نعم\u{202E}».\n";
/// let mut out = Vec::new();
/// naskh::snapshot::json::write_extracted(text, &mut out).unwrap();
/// let whole = serde_json::to_string_pretty(&naskh::structure::extract(text)).unwrap();
/// let whole = naskh::snapshot::report::json_safe(&whole).into_owned() + "\n";
/// assert_eq!(String::from_utf8(out).unwrap(), whole);
/// ```
pub fn write_extracted<W: io::Write>(text: &str, w: &mut W) -> io::Result<()> {
    // Buffered before the escaping, which then reads serde_json's many small writes in
    // large pieces.
    let mut safe = io::BufWriter::with_capacity(1 << 16, JsonSafeWriter::new(&mut *w));
    {
        let mut ser = serde_json::Serializer::pretty(&mut safe);
        article(&mut ser, extraction(text)).map_err(|e| {
            // Keep the kind, so that a closed pipe stays one.
            io::Error::new(e.io_error_kind().unwrap_or(io::ErrorKind::Other), e)
        })?;
    }
    io::Write::write_all(&mut safe, b"\n")?;
    io::Write::flush(&mut safe)
}

/// The article's fields in [`Article`]'s order, the paragraphs as they are extracted.
fn article<S: Serializer>(ser: S, mut e: Extraction<'_>) -> Result<S::Ok, S::Error> {
    let mut st = ser.serialize_struct("Article", 9)?;
    st.serialize_field("headline", &e.headline())?;
    st.serialize_field("byline", &e.byline())?;
    st.serialize_field("dateline", &e.dateline())?;
    st.serialize_field("paragraphs", &Lazy(RefCell::new(&mut e)))?;
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
    st.serialize_field("quotes", &quotes)?;
    st.serialize_field("source", &source)?;
    st.serialize_field("numbers", &numbers)?;
    st.serialize_field("dates", &dates)?;
    st.serialize_field("stats", &stats)?;
    st.end()
}

/// The paragraphs still to come, serialised as a list while they are extracted (a
/// `RefCell` because serialising takes `&self`).
struct Lazy<'a, 't>(RefCell<&'a mut Extraction<'t>>);

impl serde::Serialize for Lazy<'_, '_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut e = self.0.borrow_mut();
        // The exact length is known: an empty list is written `[]`.
        ser.collect_seq(&mut **e)
    }
}
