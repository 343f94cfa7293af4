//! Offset maps: from byte ranges of normalised text back to byte ranges of the original.
//!
//! A map is a monotone list of segments that together cover the whole output and the whole
//! input. A *copy* segment maps bytes one to one (the text was not changed there); an *edit*
//! segment maps its output bytes as a block to its input bytes (a replacement, an expansion
//! such as U+FDFA → 18 characters, a deletion with an empty output side, or an insertion
//! with an empty input side). Nothing here does I/O or fails.

use std::ops::Range;

use serde::Serialize;

/// One segment of an [`OffsetMap`]: `output` bytes came from `input` bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Byte range in the normalised text.
    pub output: Range<usize>,
    /// Byte range in the original text.
    pub input: Range<usize>,
    /// `true` when the bytes were copied unchanged (the ranges then have equal length and
    /// map byte for byte); `false` for an edit, which maps only as a whole.
    pub copy: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Start {
    out: usize,
    inp: usize,
    copy: bool,
}

/// Maps byte ranges of a normalised text to byte ranges of the text it came from.
///
/// Behaviour, for a query [`OffsetMap::to_input`] on output range `a..b`:
/// - inside unchanged text, every byte maps to itself (shifted by earlier edits);
/// - a range that touches part of an edit grows to the whole edit: any part of the 18
///   characters U+FDFA expands to maps to the 3 bytes of U+FDFA;
/// - deleted input (a tatweel, a bidi mark) belongs to no output byte: a range that lies
///   on one side of the deletion leaves it out, a range that spans it includes it;
/// - an empty range `p..p` maps to the input deleted at `p` (empty if nothing was).
///
/// ```
/// use naskh::normalize::{normalize_with_offsets, NormalizeOptions, Profile};
///
/// let input = "ﷺ\u{0640}!";
/// let (out, map) = normalize_with_offsets(input, &NormalizeOptions::profile(Profile::Search));
/// assert_eq!(out, "صلي الله عليه وسلم!");
/// // The second word of the expansion maps back to the whole ligature (3 bytes).
/// let allah = out.find("الله").unwrap();
/// assert_eq!(map.to_input(allah..allah + "الله".len()), 0..3);
/// // The '!' maps to itself; the deleted tatweel before it is not part of it.
/// let bang = out.len() - 1;
/// assert_eq!(map.to_input(bang..bang + 1), 5..6);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    starts: Vec<Start>,
    out_len: usize,
    in_len: usize,
}

impl OffsetMap {
    /// The map of a text of `len` bytes that was not changed.
    pub fn identity(len: usize) -> OffsetMap {
        let mut b = MapBuilder::new();
        b.push_raw(len, len, true);
        b.finish()
    }

    /// Length in bytes of the normalised text.
    pub fn output_len(&self) -> usize {
        self.out_len
    }

    /// Length in bytes of the original text.
    pub fn input_len(&self) -> usize {
        self.in_len
    }

    /// `true` when the map is the identity (nothing was changed).
    pub fn is_identity(&self) -> bool {
        self.starts.iter().all(|s| s.copy) && self.out_len == self.in_len
    }

    /// The segments in order, copies and edits alike.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.starts.iter().enumerate().map(|(i, s)| {
            let (out_end, in_end) = self.end_of(i);
            Segment {
                output: s.out..out_end,
                input: s.inp..in_end,
                copy: s.copy,
            }
        })
    }

    fn end_of(&self, i: usize) -> (usize, usize) {
        match self.starts.get(i + 1) {
            Some(n) => (n.out, n.inp),
            None => (self.out_len, self.in_len),
        }
    }

    /// The byte range of the original text that the output range `range` came from.
    /// See the type's documentation for the exact behaviour. Positions past the end are
    /// clamped to the end.
    pub fn to_input(&self, range: Range<usize>) -> Range<usize> {
        let a = range.start.min(self.out_len);
        let b = range.end.min(self.out_len).max(a);
        if a == b {
            return self.deleted_at(a);
        }
        self.map_start(a)..self.map_end(b)
    }

    /// Index of the first segment whose output range is non-empty and contains `p`
    /// (`p < out_len`).
    fn segment_containing(&self, p: usize) -> usize {
        // The last segment starting at or before p. Several segments can start at p
        // (deletions, then the segment that holds p); only the last of them can be
        // non-empty, and since p < out_len the next start lies beyond p.
        self.starts.partition_point(|s| s.out <= p) - 1
    }

    fn map_start(&self, p: usize) -> usize {
        if p >= self.out_len {
            return self.in_len;
        }
        let i = self.segment_containing(p);
        let s = self.starts[i];
        if s.copy { s.inp + (p - s.out) } else { s.inp }
    }

    fn map_end(&self, p: usize) -> usize {
        if p == 0 {
            return 0;
        }
        let i = self.segment_containing(p - 1);
        let s = self.starts[i];
        if s.copy {
            s.inp + (p - s.out)
        } else {
            self.end_of(i).1
        }
    }

    fn deleted_at(&self, p: usize) -> Range<usize> {
        // Empty-output segments located at p.
        let lo = self.starts.partition_point(|s| s.out < p);
        let mut range: Option<Range<usize>> = None;
        let mut i = lo;
        while i < self.starts.len() && self.starts[i].out == p {
            let (oe, ie) = self.end_of(i);
            if oe == p {
                let s = self.starts[i];
                range = Some(match range {
                    None => s.inp..ie,
                    Some(r) => r.start..ie,
                });
            }
            i += 1;
        }
        range.unwrap_or_else(|| {
            let q = if p < self.out_len {
                self.map_start(p)
            } else {
                self.in_len
            };
            q..q
        })
    }

    /// Compose two maps: `self` maps `out → mid` and `earlier` maps `mid → in`; the result
    /// maps `out → in`. Runs in time linear in the number of segments.
    pub fn compose(&self, earlier: &OffsetMap) -> OffsetMap {
        debug_assert_eq!(self.in_len, earlier.out_len);
        let mut b = MapBuilder::new();
        let mut j = 0; // cursor into earlier
        for (i, s) in self.starts.iter().enumerate() {
            let (oe, me) = self.end_of(i);
            let (o0, m0) = (s.out, s.inp);
            if s.copy {
                // Split the copied mid range along earlier's segments.
                let mut m = m0;
                while m < me {
                    // Advance j to the non-empty earlier segment containing m.
                    while earlier.end_of(j).0 <= m {
                        j += 1;
                    }
                    let e = earlier.starts[j];
                    let (e_out_end, e_in_end) = earlier.end_of(j);
                    let piece_end = me.min(e_out_end);
                    let len = piece_end - m;
                    if e.copy {
                        let in0 = e.inp + (m - e.out);
                        b.push(len, in0..in0 + len, true);
                    } else {
                        b.push(len, e.inp..e_in_end, false);
                    }
                    m = piece_end;
                }
                debug_assert_eq!(o0 + (me - m0), oe);
            } else if m0 == me {
                b.push_insertion(oe - o0);
            } else {
                while earlier.end_of(j).0 <= m0 {
                    j += 1;
                }
                let start = {
                    let e = earlier.starts[j];
                    if e.copy { e.inp + (m0 - e.out) } else { e.inp }
                };
                let mut k = j;
                while earlier.end_of(k).0 < me {
                    k += 1;
                }
                let end = {
                    let e = earlier.starts[k];
                    if e.copy {
                        e.inp + (me - e.out)
                    } else {
                        earlier.end_of(k).1
                    }
                };
                b.push(oe - o0, start..end, false);
            }
        }
        b.finish_with_input(earlier.in_len)
    }
}

/// Builds an [`OffsetMap`] left to right. Used by every normalisation stage.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    starts: Vec<Start>,
    out_pos: usize,
    in_pos: usize,
}

impl MapBuilder {
    pub(crate) fn new() -> MapBuilder {
        MapBuilder::default()
    }

    /// Append a segment of `out_len` output bytes for `in_len` input bytes.
    pub(crate) fn push_raw(&mut self, out_len: usize, in_len: usize, copy: bool) {
        if out_len == 0 && in_len == 0 {
            return;
        }
        if let Some(last) = self.starts.last() {
            // Merge runs of copies, and runs of pure deletions or pure insertions.
            let last_out_empty = last.out == self.out_pos;
            let last_in_empty = last.inp == self.in_pos;
            let merge = (copy && last.copy)
                || (!copy && !last.copy && out_len == 0 && last_out_empty)
                || (!copy && !last.copy && in_len == 0 && last_in_empty);
            if merge {
                self.out_pos += out_len;
                self.in_pos += in_len;
                return;
            }
        }
        self.starts.push(Start {
            out: self.out_pos,
            inp: self.in_pos,
            copy,
        });
        self.out_pos += out_len;
        self.in_pos += in_len;
    }

    /// Append output bytes that came from the input range `input`, which must start at or
    /// after the end of what was pushed so far, or overlap it (then the two merge into
    /// one edit). Input skipped over becomes a deletion.
    fn push(&mut self, out_len: usize, input: Range<usize>, copy: bool) {
        if input.start < self.in_pos {
            // Overlaps the previous segment: widen it into an edit.
            if let Some(last) = self.starts.last_mut() {
                last.copy = false;
            }
            self.out_pos += out_len;
            self.in_pos = self.in_pos.max(input.end);
            return;
        }
        if input.start > self.in_pos {
            self.push_raw(0, input.start - self.in_pos, false);
        }
        self.push_raw(out_len, input.end - input.start, copy);
    }

    fn push_insertion(&mut self, out_len: usize) {
        self.push_raw(out_len, 0, false);
    }

    pub(crate) fn finish(self) -> OffsetMap {
        let (out_len, in_len) = (self.out_pos, self.in_pos);
        OffsetMap {
            starts: if self.starts.is_empty() {
                vec![Start {
                    out: 0,
                    inp: 0,
                    copy: true,
                }]
            } else {
                self.starts
            },
            out_len,
            in_len,
        }
    }

    fn finish_with_input(mut self, in_len: usize) -> OffsetMap {
        if self.in_pos < in_len {
            self.push_raw(0, in_len - self.in_pos, false);
        }
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(segs: &[(usize, usize, bool)]) -> OffsetMap {
        let mut b = MapBuilder::new();
        for &(o, i, c) in segs {
            b.push_raw(o, i, c);
        }
        b.finish()
    }

    #[test]
    fn identity_maps_every_range_to_itself() {
        let m = OffsetMap::identity(10);
        assert!(m.is_identity());
        assert_eq!(m.to_input(2..5), 2..5);
        assert_eq!(m.to_input(0..10), 0..10);
        assert_eq!(m.to_input(4..4), 4..4);
    }

    #[test]
    fn expansion_maps_any_part_to_the_whole_source() {
        // 3 input bytes became 33 output bytes, then 1 byte copied.
        let m = build(&[(33, 3, false), (1, 1, true)]);
        assert_eq!(m.to_input(5..9), 0..3);
        assert_eq!(m.to_input(33..34), 3..4);
        assert_eq!(m.to_input(30..34), 0..4);
    }

    #[test]
    fn deletion_is_left_out_unless_spanned() {
        // "ab" + 2 deleted bytes + "cd"
        let m = build(&[(2, 2, true), (0, 2, false), (2, 2, true)]);
        assert_eq!(m.to_input(0..2), 0..2);
        assert_eq!(m.to_input(2..4), 4..6);
        assert_eq!(m.to_input(1..3), 1..5);
        assert_eq!(m.to_input(2..2), 2..4);
    }

    #[test]
    fn insertion_maps_to_an_empty_input_range() {
        // "ab" + inserted " " + "cd"
        let m = build(&[(2, 2, true), (1, 0, false), (2, 2, true)]);
        assert_eq!(m.to_input(2..3), 2..2);
        assert_eq!(m.to_input(3..5), 2..4);
    }

    #[test]
    fn compose_follows_both_maps() {
        // earlier: "aXb" -> "ab" (X, 1 byte, deleted); later: "ab" -> "aYYb" (insert 2)
        let earlier = build(&[(1, 1, true), (0, 1, false), (1, 1, true)]);
        let later = build(&[(1, 1, true), (2, 0, false), (1, 1, true)]);
        let m = later.compose(&earlier);
        assert_eq!(m.output_len(), 4);
        assert_eq!(m.input_len(), 3);
        assert_eq!(m.to_input(0..1), 0..1);
        assert_eq!(m.to_input(3..4), 2..3);
        assert_eq!(m.to_input(1..3), 1..1);
    }

    #[test]
    fn compose_merges_pieces_of_one_earlier_edit() {
        // earlier: 3 bytes -> 9 bytes (an expansion); later deletes byte 4 of the 9.
        let earlier = build(&[(9, 3, false)]);
        let later = build(&[(4, 4, true), (0, 1, false), (4, 4, true)]);
        let m = later.compose(&earlier);
        assert_eq!(m.output_len(), 8);
        assert_eq!(m.to_input(0..1), 0..3);
        assert_eq!(m.to_input(7..8), 0..3);
    }
}
