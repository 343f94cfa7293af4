//! Arrow string arrays in and out, through the Arrow C data interface (`arrow-pyarrow`):
//! the input's buffers are read where pyarrow keeps them, never copied into Python
//! strings; the output is one new array of the same type, with the same nulls.
//!
//! The work runs without the GIL. The array is cut into pieces of about [`PIECE_BYTES`]
//! of text; each piece's UTF-8 is checked where it is normalised ([`import`] checks the
//! rest before the work). With more than one thread, each piece is normalised into a
//! buffer of its own, then the pieces are copied into the output buffer in order, on
//! every thread.

use std::borrow::Cow;

use arrow_array::builder::GenericStringBuilder;
use arrow_array::{Array, GenericStringArray, OffsetSizeTrait};
use arrow_buffer::{Buffer, NullBufferBuilder, OffsetBuffer, ScalarBuffer};
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;

mod import;

use import::{BadRow, bad_row_error, import, piece_text, row_text, type_name, unsupported};

use crate::errors;
use crate::normalizer::Normalizer;
use crate::parallel::Threads;

/// Text per piece of parallel work: large enough that a piece costs far more than its
/// scheduling, small enough that two threads share an article-sized batch evenly.
pub const PIECE_BYTES: usize = 256 * 1024;

/// Why an array could not be normalised.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// A row is not a string (invalid UTF-8, or cut inside a character).
    Text(BadRow),
    /// The output has more bytes than the array type's offsets can address.
    Capacity {
        /// Output bytes needed.
        bytes: usize,
    },
}

/// One piece's output: the normalised texts of rows `start..end` back to back, and where
/// each row's text ends (a null row has an empty text and `None`).
struct Piece {
    text: String,
    ends: Vec<Option<usize>>,
}

fn run_piece<O: OffsetSizeTrait>(
    n: &naskh::normalize::Normalizer,
    a: &GenericStringArray<O>,
    rows: std::ops::Range<usize>,
) -> Result<Piece, BadRow> {
    let input = piece_text(a, rows.clone())?;
    let start = a.value_offsets()[rows.start].as_usize();
    let mut text = String::with_capacity(input.len() + input.len() / 16);
    let mut ends = Vec::with_capacity(rows.len());
    for i in rows {
        if a.is_null(i) {
            ends.push(None);
            continue;
        }
        text.push_str(&n.normalize(row_text(a, input, start, i)));
        ends.push(Some(text.len()));
    }
    Ok(Piece { text, ends })
}

/// Cut rows into pieces of about `PIECE_BYTES` of text (at least one row each).
fn pieces<O: OffsetSizeTrait>(a: &GenericStringArray<O>) -> Vec<std::ops::Range<usize>> {
    let offsets = a.value_offsets();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..a.len() {
        if (offsets[i + 1] - offsets[start]).as_usize() >= PIECE_BYTES {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < a.len() {
        out.push(start..a.len());
    }
    out
}

/// Normalise every string of `a` (imported by [`import`]: its UTF-8 is checked here,
/// piece by piece); nulls stay null.
pub fn normalize_array<O: OffsetSizeTrait>(
    n: &naskh::normalize::Normalizer,
    a: &GenericStringArray<O>,
    threads: &Threads,
) -> Result<GenericStringArray<O>, Failure> {
    normalize_array_within(n, a, threads, O::MAX_OFFSET)
}

/// [`normalize_array`] with an output of at most `limit` bytes (the offsets' range; a
/// parameter so that tests can reach it without gigabytes). A row that is not a string
/// is reported before an output too large for the offsets, as a check of the whole
/// array before the work would report it.
fn normalize_array_within<O: OffsetSizeTrait>(
    n: &naskh::normalize::Normalizer,
    a: &GenericStringArray<O>,
    threads: &Threads,
    limit: usize,
) -> Result<GenericStringArray<O>, Failure> {
    let ranges = pieces(a);
    let fits = |bytes: usize| bytes <= limit;
    if !threads.is_parallel() {
        let in_bytes = (a.value_offsets()[a.len()] - a.value_offsets()[0]).as_usize();
        let mut b = GenericStringBuilder::<O>::with_capacity(a.len(), in_bytes + in_bytes / 16);
        let mut total = 0usize;
        for (k, rows) in ranges.iter().enumerate() {
            let input = piece_text(a, rows.clone()).map_err(Failure::Text)?;
            let start = a.value_offsets()[rows.start].as_usize();
            for i in rows.clone() {
                if a.is_null(i) {
                    b.append_null();
                    continue;
                }
                let out: Cow<'_, str> = n.normalize(row_text(a, input, start, i));
                total += out.len();
                if !fits(total) {
                    // Stops here, but a bad row further on is said first.
                    for rest in &ranges[k + 1..] {
                        piece_text(a, rest.clone()).map_err(Failure::Text)?;
                    }
                    return Err(Failure::Capacity { bytes: total });
                }
                b.append_value(out);
            }
        }
        return Ok(b.finish());
    }
    let done: Vec<Result<Piece, BadRow>> =
        threads.install(|| ranges.into_par_iter().map(|r| run_piece(n, a, r)).collect());
    // The first bad row, in order.
    let done = done
        .into_iter()
        .collect::<Result<Vec<Piece>, BadRow>>()
        .map_err(Failure::Text)?;
    let total: usize = done.iter().map(|p| p.text.len()).sum();
    if !fits(total) {
        return Err(Failure::Capacity { bytes: total });
    }
    Ok(assemble(&done, total, threads))
}

/// The pieces as one array, their text copied into one buffer on every thread: appended
/// one by one, the copy (and the page faults of a new buffer of the whole output's size)
/// was serial, and kept two threads at 1.25-1.45x one (bench_normalize.py).
fn assemble<O: OffsetSizeTrait>(
    done: &[Piece],
    total: usize,
    threads: &Threads,
) -> GenericStringArray<O> {
    let rows: usize = done.iter().map(|p| p.ends.len()).sum();
    let mut offsets: Vec<O> = Vec::with_capacity(rows + 1);
    let mut nulls = NullBufferBuilder::new(rows);
    offsets.push(O::usize_as(0));
    let mut base = 0;
    for p in done {
        let mut last = 0;
        for end in &p.ends {
            match *end {
                None => nulls.append_null(),
                Some(end) => {
                    last = end;
                    nulls.append_non_null();
                }
            }
            offsets.push(O::usize_as(base + last));
        }
        base += p.text.len();
    }
    // Zeroed by the allocator (fresh pages for a large buffer): touched first by the
    // copies below, so the page faults are taken on every thread too.
    let mut values = vec![0u8; total];
    let mut parts: Vec<(&mut [u8], &str)> = Vec::with_capacity(done.len());
    let mut rest = values.as_mut_slice();
    for p in done {
        let (part, tail) = rest.split_at_mut(p.text.len());
        parts.push((part, &p.text));
        rest = tail;
    }
    threads.install(|| {
        parts
            .into_par_iter()
            .for_each(|(part, text)| part.copy_from_slice(text.as_bytes()))
    });
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
    let values = Buffer::from_vec(values);
    // SAFETY: the crate's second exception to `deny(unsafe_code)`. `new_unchecked`
    // requires what `try_new` would check: offsets that start at 0, never decrease and end
    // within `values`, one per row plus one, a null buffer of the rows' length, and values
    // that are valid UTF-8 cut at character boundaries by every offset. `offsets` starts
    // at 0 and gets one entry per row (`rows + 1` in all, as `nulls` gets one per row);
    // each is `base + last`, where `base` is the length of the pieces before (their texts
    // lie in `values` in order, copied whole above) and `last` is 0 or an end of this
    // piece's text, and ends only grow within a piece (each is `text.len()` after a
    // `push_str`, see `run_piece`), so they never decrease and the last is `total`, the
    // length of `values`. `values` is the concatenation of `String`s, so valid UTF-8, and
    // each offset is a piece's start or a `text.len()` taken after a whole `&str` was
    // appended, so a character boundary. `try_new` proves the same again with std's UTF-8
    // check, serially: ~0.3 GB/s on Arabic text, longer than the normalisation itself.
    #[allow(unsafe_code)]
    unsafe {
        GenericStringArray::<O>::new_unchecked(offsets, values, nulls.finish())
    }
}

/// Normalise one Arrow array (anything with `__arrow_c_array__`, or a pyarrow `Array`).
fn normalize_one<'py>(
    py: Python<'py>,
    n: &Normalizer,
    array: &Bound<'py, PyAny>,
    threads: &Threads,
) -> PyResult<Bound<'py, PyAny>> {
    if !array.hasattr("__arrow_c_array__")? && !array.hasattr("_export_to_c")? {
        return Err(unsupported(py, format!("got {}", type_name(array))));
    }
    let data = import(py, array)?;
    let inner = n.inner();
    let out: Result<ArrayData, Failure> = match data.data_type() {
        DataType::Utf8 => {
            let a = GenericStringArray::<i32>::from(data);
            py.detach(|| normalize_array(inner, &a, threads).map(|o| o.into_data()))
        }
        DataType::LargeUtf8 => {
            let a = GenericStringArray::<i64>::from(data);
            py.detach(|| normalize_array(inner, &a, threads).map(|o| o.into_data()))
        }
        // Only nulls (pyarrow infers `null` for a batch without one string, as Ray's
        // blocks can be): nothing to normalise, the array as it is.
        DataType::Null => return Ok(array.clone()),
        other => {
            return Err(unsupported(
                py,
                format!("got an array of type {other} (cast it to string first)"),
            ));
        }
    };
    match out {
        Ok(d) => d.to_pyarrow(py),
        Err(Failure::Text(bad)) => Err(bad_row_error(py, bad)),
        Err(Failure::Capacity { bytes }) => Err(errors::new_error(
            py,
            "CapacityError",
            (format!(
                "the normalised strings need {bytes} bytes, more than a string array's 32-bit \
                 offsets address; cast the input to large_string"
            ),),
        )),
    }
}

/// `Normalizer.normalize_arrow`: an array, or a `ChunkedArray` chunk by chunk.
pub fn normalize_any<'py>(
    py: Python<'py>,
    n: &Normalizer,
    array: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let threads = Threads::from_arg(threads)?;
    let pa = py.import("pyarrow")?;
    if array.is_instance(&pa.getattr("ChunkedArray")?)? {
        let ty = array.getattr("type")?;
        let is_string = DataType::from_pyarrow_bound(&ty)
            .is_ok_and(|t| matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Null));
        if !is_string {
            return Err(unsupported(
                py,
                format!(
                    "got a ChunkedArray of type {} (cast it to string first)",
                    ty.str()?
                ),
            ));
        }
        let chunks = PyList::empty(py);
        for chunk in array.getattr("chunks")?.try_iter()? {
            chunks.append(normalize_one(py, n, &chunk?, &threads)?)?;
        }
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("type", &ty)?;
        return pa.call_method("chunked_array", (chunks,), Some(&kwargs));
    }
    normalize_one(py, n, array, &threads)
}

/// `naskh._native.normalize_arrow_array(array, profile, rules, quote_style, threads)`:
/// the module-level function behind `naskh.normalize_arrow`.
#[pyfunction]
#[pyo3(signature = (array, profile = "canonical", rules = None, quote_style = crate::options::QuoteStyleArg::default(), threads = None))]
pub fn normalize_arrow_array<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    profile: &str,
    rules: Option<&Bound<'py, PyAny>>,
    quote_style: crate::options::QuoteStyleArg,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let spec = crate::options::Spec::parse(py, profile, rules, quote_style)?;
    let n = crate::normalizer::spec_normalizer(spec);
    normalize_any(py, &n, array, threads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use naskh::normalize::{NormalizeOptions, Profile};

    fn search() -> naskh::normalize::Normalizer {
        naskh::normalize::Normalizer::new(&NormalizeOptions::profile(Profile::Search))
    }

    fn sample(rows: usize) -> GenericStringArray<i32> {
        (0..rows)
            .map(|i| match i % 5 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("أَعْلَنَتْ الحُكُومَةُ {i} ").repeat(i % 700)),
            })
            .collect()
    }

    #[test]
    fn parallel_pieces_equal_one_thread_and_keep_nulls() {
        let a = sample(3000);
        assert!(pieces(&a).len() > 4, "the sample spans several pieces");
        let n = search();
        let one = normalize_array(&n, &a, &Threads::One).unwrap();
        let pool = Threads::from_arg(Some(3)).unwrap();
        let many = normalize_array(&n, &a, &pool).unwrap();
        assert_eq!(one, many);
        for i in 0..a.len() {
            assert_eq!(one.is_null(i), a.is_null(i), "row {i}");
            if !a.is_null(i) {
                assert_eq!(one.value(i), n.normalize(a.value(i)), "row {i}");
            }
        }
    }

    #[test]
    fn an_output_past_the_offsets_range_fails_on_every_path() {
        let a: GenericStringArray<i32> = vec![Some("ﷺ"); 2000].into_iter().collect();
        let n = search();
        let out_len = n.normalize("ﷺ").len() * 2000;
        let pool = Threads::from_arg(Some(2)).unwrap();
        for threads in [&Threads::One, &pool] {
            assert!(normalize_array_within(&n, &a, threads, out_len).is_ok());
            let err = normalize_array_within(&n, &a, threads, out_len - 1).unwrap_err();
            assert!(matches!(err, Failure::Capacity { bytes } if bytes > out_len - 1));
        }
    }

    #[test]
    fn a_sliced_array_is_read_from_its_offset() {
        let a = sample(40);
        let s = a.slice(7, 20);
        let n = search();
        let out = normalize_array(&n, &s, &Threads::One).unwrap();
        assert_eq!(out.len(), 20);
        for i in 0..20 {
            assert_eq!(out.is_null(i), s.is_null(i));
            assert_eq!(out.value(i), n.normalize(s.value(i)).as_ref());
        }
    }
}
