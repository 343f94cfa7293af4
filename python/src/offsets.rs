//! Offset maps for Python: the library's byte map, queried in `str` indices (code points)
//! or in UTF-8 bytes.
//!
//! The library maps byte ranges; a Python `str` is indexed by code point. Both texts are
//! kept with a checkpoint every [`STRIDE`] characters, so a code point index becomes a byte
//! offset (and back) by walking at most `STRIDE` characters. Every boundary the library
//! returns is a character boundary of its text, so the conversions are exact.

use std::ops::Range;

use pyo3::prelude::*;

/// Characters between checkpoints.
const STRIDE: usize = 64;

/// A text with the byte offset of every `STRIDE`-th character.
#[derive(Debug)]
struct CharIndex {
    text: String,
    /// `marks[k]` is the byte offset of character `k * STRIDE`.
    marks: Vec<usize>,
    chars: usize,
}

impl CharIndex {
    fn new(text: String) -> CharIndex {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                marks.push(b);
            }
            chars = i + 1;
        }
        if marks.is_empty() {
            marks.push(0);
        }
        CharIndex { text, marks, chars }
    }

    /// Byte offset of character `cp` (clamped to the end).
    fn byte_of(&self, cp: usize) -> usize {
        if cp >= self.chars {
            return self.text.len();
        }
        let start = self.marks[cp / STRIDE];
        let skip = cp % STRIDE;
        self.text[start..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(b, _)| start + b)
    }

    /// Character index of byte offset `b` (a byte inside a character counts as that
    /// character's start; past the end is the end).
    fn char_of(&self, b: usize) -> usize {
        if b >= self.text.len() {
            return self.chars;
        }
        // Last checkpoint at or before b.
        let k = self.marks.partition_point(|&m| m <= b).saturating_sub(1);
        let from = self.marks[k];
        let between = self.text.as_bytes()[from..b]
            .iter()
            .filter(|&&byte| (byte as i8) >= -0x40) // not a continuation byte
            .count();
        k * STRIDE + between
    }
}

/// Maps ranges of a normalised text back to the text it came from, in `str` indices or
/// in UTF-8 bytes. Returned by `Normalizer.normalize_with_offsets`.
///
/// >>> from naskh import Normalizer
/// >>> out, m = Normalizer(profile="search").normalize_with_offsets("ﷺ!")
/// >>> out
/// 'صلي الله عليه وسلم!'
/// >>> m.to_input(4, 8)      # any part of an expansion maps to the whole ligature
/// (0, 1)
/// >>> m.to_input(18, 19)    # the '!' maps to itself
/// (1, 2)
#[pyclass(module = "naskh", frozen)]
#[derive(Debug)]
pub struct OffsetMap {
    map: naskh::normalize::OffsetMap,
    output: CharIndex,
    input: CharIndex,
}

impl OffsetMap {
    /// The map of `input` normalised to `output`.
    pub fn new(map: naskh::normalize::OffsetMap, input: String, output: String) -> OffsetMap {
        OffsetMap {
            map,
            output: CharIndex::new(output),
            input: CharIndex::new(input),
        }
    }

    fn to_input_chars(&self, range: Range<usize>) -> Range<usize> {
        let a = self.output.byte_of(range.start);
        let b = self.output.byte_of(range.end.max(range.start));
        let r = self.map.to_input(a..b);
        self.input.char_of(r.start)..self.input.char_of(r.end)
    }
}

/// Python's `slice` semantics are not ours: an index must be a non-negative position.
fn check(start: isize, end: isize) -> PyResult<Range<usize>> {
    if start < 0 || end < 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "positions must be >= 0, not {start}..{end}"
        )));
    }
    Ok(start as usize..end as usize)
}

#[pymethods]
impl OffsetMap {
    /// The range of the original text (`str` indices) that the normalised range
    /// `start:end` came from. Inside unchanged text, each character maps to itself; a
    /// range that touches part of an edit grows to the whole edit; deleted characters
    /// belong to no output character (an empty range maps to what was deleted there).
    /// Positions past the end are clamped.
    fn to_input(&self, start: isize, end: isize) -> PyResult<(usize, usize)> {
        let r = self.to_input_chars(check(start, end)?);
        Ok((r.start, r.end))
    }

    /// `to_input` in UTF-8 byte offsets of both texts (as `naskh normalize --offsets`).
    fn to_input_bytes(&self, start: isize, end: isize) -> PyResult<(usize, usize)> {
        let r = check(start, end)?;
        let r = self.map.to_input(r.start..r.end.max(r.start));
        Ok((r.start, r.end))
    }

    /// The segments `(output_start, output_end, input_start, input_end, copy)` in `str`
    /// indices, covering both texts in order; `copy` is `False` for an edit.
    fn segments(&self) -> Vec<(usize, usize, usize, usize, bool)> {
        self.map
            .segments()
            .map(|s| {
                (
                    self.output.char_of(s.output.start),
                    self.output.char_of(s.output.end),
                    self.input.char_of(s.input.start),
                    self.input.char_of(s.input.end),
                    s.copy,
                )
            })
            .collect()
    }

    /// The segments in UTF-8 byte offsets (the `segments` of `naskh.offsets/1`).
    fn segments_bytes(&self) -> Vec<(usize, usize, usize, usize, bool)> {
        self.map
            .segments()
            .map(|s| {
                (
                    s.output.start,
                    s.output.end,
                    s.input.start,
                    s.input.end,
                    s.copy,
                )
            })
            .collect()
    }

    /// Length of the normalised text, in characters.
    #[getter]
    fn output_len(&self) -> usize {
        self.output.chars
    }

    /// Length of the original text, in characters.
    #[getter]
    fn input_len(&self) -> usize {
        self.input.chars
    }

    /// `True` when nothing was changed.
    #[getter]
    fn is_identity(&self) -> bool {
        self.map.is_identity()
    }

    fn __repr__(&self) -> String {
        format!(
            "<naskh.OffsetMap {} chars -> {} chars, {} segments>",
            self.input.chars,
            self.output.chars,
            self.map.segments().count()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_on_mixed_widths() {
        // 1-, 2-, 3- and 4-byte characters, past several checkpoints.
        let text: String = "aب€𝔸".repeat(100);
        let idx = CharIndex::new(text.clone());
        assert_eq!(idx.chars, 400);
        for (cp, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte_of(cp), b, "byte_of({cp})");
            assert_eq!(idx.char_of(b), cp, "char_of({b})");
        }
        assert_eq!(idx.byte_of(400), text.len());
        assert_eq!(idx.byte_of(10_000), text.len());
        assert_eq!(idx.char_of(text.len()), 400);
    }

    #[test]
    fn empty_text_has_one_checkpoint() {
        let idx = CharIndex::new(String::new());
        assert_eq!((idx.byte_of(0), idx.char_of(0), idx.chars), (0, 0, 0));
    }
}
