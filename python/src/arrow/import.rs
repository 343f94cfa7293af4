//! An Arrow array from Python, and the proof that its strings are strings.
//!
//! [`import`] takes the array through the C data interface and checks what is cheap to
//! check on the calling thread: the type, the buffers' sizes, the nulls, and that the
//! offsets never decrease and end within the values. The rest of what Arrow's
//! `validate_full` checks of a string array (the values are UTF-8, cut at character
//! boundaries by every offset) is proved piece by piece where the piece is normalised
//! ([`piece_text`], [`row_text`]): on every thread, with the bytes in cache. Checked
//! whole before the work, on one thread, it took a seventh of `normalize_arrow`'s time on
//! two (`python/benches/bench_normalize.py`).

use arrow_array::{Array, GenericStringArray, OffsetSizeTrait};
use arrow_data::ArrayData;
use arrow_pyarrow::FromPyArrowUnchecked;
use arrow_schema::DataType;
use pyo3::prelude::*;

use crate::errors;

/// A row that is not a string, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct BadRow {
    /// The row (of the array as Python sees it, offset applied).
    pub row: usize,
    /// What is wrong with it.
    pub what: String,
}

/// `TextError("not a valid Arrow string array: row …: …")`.
pub fn bad_row_error(py: Python<'_>, bad: BadRow) -> PyErr {
    errors::new_error(
        py,
        "TextError",
        (
            format!(
                "not a valid Arrow string array: row {}: {}",
                bad.row, bad.what
            ),
            bad.row,
        ),
    )
}

/// The Python type name of `ob`, for an error.
pub fn type_name(ob: &Bound<'_, PyAny>) -> String {
    ob.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// `UnsupportedArrayError`: what `normalize_arrow` takes, and what it got.
pub fn unsupported(py: Python<'_>, what: String) -> PyErr {
    errors::new_error(
        py,
        "UnsupportedArrayError",
        (format!(
            "normalize_arrow takes a pyarrow string or large_string array, or a ChunkedArray \
             of one; {what}"
        ),),
    )
}

/// The array behind `array`, its type, buffers, nulls and offsets checked (see the
/// module's doc for the UTF-8 of its values).
///
/// Types other than strings are refused before anything reads their buffers.
pub fn import(py: Python<'_>, array: &Bound<'_, PyAny>) -> PyResult<ArrayData> {
    let invalid = |e: arrow_schema::ArrowError| {
        errors::new_error(py, "TextError", (format!("not a valid Arrow array: {e}"),))
    };
    // SAFETY: the exception to the crate's `deny(unsafe_code)`, argued here.
    // `from_pyarrow_bound_unchecked` imports the C data interface structs the object
    // exports (`__arrow_c_array__`, else pyarrow's `_export_to_c`) without validating the
    // data; its contract is that the data meet the invariants `validate_full` checks. The
    // import trusts the producer for the buffers' addresses and sizes exactly as the
    // checked `from_pyarrow_bound` does (that one only adds `validate_full` afterwards), so
    // what is left to prove is that nothing relies on the other invariants before they are
    // checked. Here the data are read only through `ArrayData::validate` and
    // `validate_nulls` (which check buffer counts and sizes against the type, length and
    // offset, and the null bitmap) and through bounds-checked slices of its buffers, in
    // `check_offsets`, which proves the offsets increasing and within the values as
    // `validate_offsets_full` does. After that the values are read only as bytes, and as
    // text only through `piece_text` (simdutf8's checked `from_utf8`) and `row_text`
    // (`str::get`, which checks character boundaries), never through
    // `GenericStringArray::value`, which assumes both.
    #[allow(unsafe_code)]
    let data = unsafe { ArrayData::from_pyarrow_bound_unchecked(array) }.map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            unsupported(py, format!("got {}", type_name(array)))
        } else {
            e
        }
    })?;
    match data.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Null => {}
        other => {
            return Err(unsupported(
                py,
                format!("got an array of type {other} (cast it to string first)"),
            ));
        }
    }
    data.validate().map_err(invalid)?;
    data.validate_nulls().map_err(invalid)?;
    match data.data_type() {
        DataType::Utf8 => check_offsets::<i32>(&data),
        DataType::LargeUtf8 => check_offsets::<i64>(&data),
        _ => Ok(()),
    }
    .map_err(|bad| bad_row_error(py, bad))?;
    Ok(data)
}

/// Offsets that never decrease and end within the values (after `validate`, which made
/// sure the offsets buffer holds `len + 1` offsets). The error names the row.
fn check_offsets<O: OffsetSizeTrait>(data: &ArrayData) -> Result<(), BadRow> {
    let len = data.len();
    let offsets = &data.buffer::<O>(0)[..len + 1];
    let values = data.buffers()[1].len();
    let mut prev = offsets[0].to_usize().ok_or_else(|| BadRow {
        row: 0,
        what: format!("negative offset {:?}", offsets[0]),
    })?;
    for (row, o) in offsets[1..].iter().enumerate() {
        prev = o.to_usize().filter(|&o| o >= prev).ok_or_else(|| BadRow {
            row,
            what: format!("offset {o:?} is less than the one before it"),
        })?;
    }
    if prev > values {
        return Err(BadRow {
            row: len.saturating_sub(1),
            what: format!("offset {prev} is past the end of the {values} bytes of values"),
        });
    }
    Ok(())
}

/// The text of rows `rows` of `a` (imported by [`import`]), proved UTF-8 with SIMD, and
/// every offset inside it on a character boundary, null rows' too (as `validate_full`
/// checks them). The error names the first bad row.
pub fn piece_text<O: OffsetSizeTrait>(
    a: &GenericStringArray<O>,
    rows: std::ops::Range<usize>,
) -> Result<&str, BadRow> {
    let offsets = a.value_offsets();
    let (start, end) = (offsets[rows.start].as_usize(), offsets[rows.end].as_usize());
    let bytes = &a.value_data()[start..end];
    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
        return Err(first_bad_row(a, rows));
    };
    // The piece starts and ends on boundaries (it is valid on its own); the rows inside.
    for (row, o) in (rows.start + 1..rows.end).zip(&offsets[rows.start + 1..rows.end]) {
        if !text.is_char_boundary(o.as_usize() - start) {
            return Err(BadRow {
                row,
                what: "a string starts or ends inside a UTF-8 character".to_string(),
            });
        }
    }
    Ok(text)
}

/// The first row of `rows` that is not UTF-8 or is cut inside a character (the slow path,
/// only for invalid input: a concatenation of valid strings is valid, so one of them is
/// not), named as a check of the whole array would name it.
fn first_bad_row<O: OffsetSizeTrait>(
    a: &GenericStringArray<O>,
    rows: std::ops::Range<usize>,
) -> BadRow {
    let (offsets, values) = (a.value_offsets(), a.value_data());
    let continues = |at: usize| values.get(at).is_some_and(|&b| b & 0xC0 == 0x80);
    let inside = |row| BadRow {
        row,
        what: "a string starts or ends inside a UTF-8 character".to_string(),
    };
    for row in rows.clone() {
        let (x, y) = (offsets[row].as_usize(), offsets[row + 1].as_usize());
        if x < y && continues(x) {
            return inside(row);
        }
        if let Err(e) = std::str::from_utf8(&values[x..y]) {
            // Cut short by the next row's start, not invalid: the next row starts inside.
            if e.error_len().is_none() && continues(y) {
                return inside((row + 1).min(a.len() - 1));
            }
            return BadRow {
                row,
                what: format!("invalid UTF-8 ({e})"),
            };
        }
    }
    BadRow {
        row: rows.start,
        what: "invalid UTF-8".to_string(),
    }
}

/// Row `row`'s text in `text`, the [`piece_text`] of rows starting at byte `start`.
pub fn row_text<'t, O: OffsetSizeTrait>(
    a: &GenericStringArray<O>,
    text: &'t str,
    start: usize,
    row: usize,
) -> &'t str {
    let offsets = a.value_offsets();
    // Both offsets are boundaries in `text` (proved by `piece_text`): `get` cannot fail,
    // and says so loudly if a caller passes another piece's text.
    text.get(offsets[row].as_usize() - start..offsets[row + 1].as_usize() - start)
        .expect("a row of its piece")
}
