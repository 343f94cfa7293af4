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

/// Segments per checkpoint: a query finds its checkpoint by binary search, then walks at
/// most this many segments.
const BLOCK: usize = 64;

/// The copy flag in a packed segment's input length.
const COPY: u64 = 1 << 31;

/// A packed segment that stands for a segment kept in [`OffsetMap::wide`].
const WIDE: u64 = u64::MAX;

/// A segment as stored: the output length in the high 32 bits, the input length in bits
/// 0–30 and the copy flag in bit 31. Eight bytes, a third of three `usize`s: a map of
/// fully vowelled text has a segment for nearly every mark.
fn pack(out_len: usize, in_len: usize, copy: bool) -> Option<u64> {
    (out_len <= u32::MAX as usize && (in_len as u64) < COPY)
        .then_some(((out_len as u64) << 32) | in_len as u64 | if copy { COPY } else { 0 })
}

/// A segment with its absolute position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    out: usize,
    inp: usize,
    out_len: usize,
    in_len: usize,
    copy: bool,
}

impl Seg {
    fn out_end(&self) -> usize {
        self.out + self.out_len
    }

    fn in_end(&self) -> usize {
        self.inp + self.in_len
    }
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
    /// The segments in order, packed (see [`pack`]).
    lens: Vec<u64>,
    /// Segments too long to pack (an edit of 2 GiB or more): index, output and input
    /// length. Copies, deletions and insertions are split instead, so this is empty in
    /// practice.
    wide: Vec<(usize, usize, usize)>,
    /// Where segment `k * BLOCK` starts: output and input offsets.
    marks: Vec<(usize, usize)>,
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
        self.wide.is_empty()
            && self.lens.iter().all(|&l| l & COPY != 0)
            && self.out_len == self.in_len
    }

    /// Number of segments.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// `true` for the map of an empty text.
    pub fn is_empty(&self) -> bool {
        self.out_len == 0 && self.in_len == 0
    }

    /// Lengths and kind of segment `i`.
    fn lengths(&self, i: usize) -> (usize, usize, bool) {
        let l = self.lens[i];
        if l == WIDE {
            let k = self.wide.partition_point(|w| w.0 < i);
            let (_, o, n) = self.wide[k];
            return (o, n, false);
        }
        ((l >> 32) as usize, (l & (COPY - 1)) as usize, l & COPY != 0)
    }

    /// Segment `i`, given where it starts.
    fn seg_at(&self, i: usize, out: usize, inp: usize) -> Seg {
        let (out_len, in_len, copy) = self.lengths(i);
        Seg {
            out,
            inp,
            out_len,
            in_len,
            copy,
        }
    }

    /// The segments from the one the checkpoint before segment `from` names on.
    fn walk(&self, from: usize) -> Walk<'_> {
        let k = from / BLOCK;
        let (out, inp) = self
            .marks
            .get(k)
            .copied()
            .unwrap_or((self.out_len, self.in_len));
        Walk {
            map: self,
            next: k * BLOCK,
            out,
            inp,
        }
    }

    /// The segments in order, copies and edits alike.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.walk(0).map(|s| Segment {
            output: s.out..s.out_end(),
            input: s.inp..s.in_end(),
            copy: s.copy,
        })
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

    /// The last segment that starts at or before `p` (`p < out_len`): several segments
    /// can start at `p` (deletions, then the segment that holds `p`); only the last of
    /// them can be non-empty, and since `p < out_len` the next start lies beyond `p`.
    fn segment_containing(&self, p: usize) -> Seg {
        let k = self.marks.partition_point(|m| m.0 <= p).max(1) - 1;
        let mut walk = self.walk(k * BLOCK);
        let mut found = walk.next().expect("a checkpoint starts a segment");
        for s in walk.take(BLOCK) {
            if s.out > p {
                break;
            }
            found = s;
        }
        found
    }

    fn map_start(&self, p: usize) -> usize {
        if p >= self.out_len {
            return self.in_len;
        }
        let s = self.segment_containing(p);
        if s.copy { s.inp + (p - s.out) } else { s.inp }
    }

    fn map_end(&self, p: usize) -> usize {
        if p == 0 {
            return 0;
        }
        let s = self.segment_containing(p - 1);
        if s.copy {
            s.inp + (p - s.out)
        } else {
            s.in_end()
        }
    }

    fn deleted_at(&self, p: usize) -> Range<usize> {
        // The empty-output segments located at p, from the checkpoint before them.
        let k = self.marks.partition_point(|m| m.0 < p).max(1) - 1;
        let mut range: Option<Range<usize>> = None;
        for s in self.walk(k * BLOCK) {
            if s.out > p {
                break;
            }
            if s.out == p && s.out_len == 0 {
                range = Some(match range {
                    None => s.inp..s.in_end(),
                    Some(r) => r.start..s.in_end(),
                });
            }
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
        let mut ear = earlier.walk(0).peekable();
        // The first earlier segment that is non-empty and ends after `m` (`m < mid_len`).
        fn advance(ear: &mut std::iter::Peekable<Walk<'_>>, m: usize) -> Seg {
            while let Some(e) = ear.peek() {
                if e.out_end() > m {
                    return *e;
                }
                ear.next();
            }
            unreachable!("the earlier map covers its whole output")
        }
        for s in self.walk(0) {
            let (o0, m0, me) = (s.out, s.inp, s.in_end());
            if s.copy {
                // Split the copied mid range along earlier's segments.
                let mut m = m0;
                while m < me {
                    let e = advance(&mut ear, m);
                    let piece_end = me.min(e.out_end());
                    let len = piece_end - m;
                    if e.copy {
                        let in0 = e.inp + (m - e.out);
                        b.push(len, in0..in0 + len, true);
                    } else {
                        b.push(len, e.inp..e.in_end(), false);
                    }
                    m = piece_end;
                }
            } else if m0 == me {
                b.push_insertion(s.out_len);
            } else {
                let e = advance(&mut ear, m0);
                let start = if e.copy { e.inp + (m0 - e.out) } else { e.inp };
                // The earlier segment holding the edit's last byte; every earlier segment
                // before it ends at or before `me`, which the next segment starts from.
                let last = advance(&mut ear, me - 1);
                let end = if last.copy {
                    last.inp + (me - last.out)
                } else {
                    last.in_end()
                };
                b.push(s.out_len, start..end, false);
            }
            debug_assert_eq!(b.out_pos, o0 + s.out_len);
        }
        b.finish_with_input(earlier.in_len)
    }
}

/// The segments of a map in order, with their positions.
struct Walk<'m> {
    map: &'m OffsetMap,
    next: usize,
    out: usize,
    inp: usize,
}

impl Iterator for Walk<'_> {
    type Item = Seg;

    fn next(&mut self) -> Option<Seg> {
        if self.next >= self.map.lens.len() {
            return None;
        }
        let s = self.map.seg_at(self.next, self.out, self.inp);
        self.next += 1;
        self.out = s.out_end();
        self.inp = s.in_end();
        Some(s)
    }
}

/// Builds an [`OffsetMap`] left to right. Used by every normalisation stage. The last
/// segment is kept unpacked while later pushes may still merge into it.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    lens: Vec<u64>,
    wide: Vec<(usize, usize, usize)>,
    marks: Vec<(usize, usize)>,
    /// The last segment, not yet stored: output and input length, copy.
    last: Option<(usize, usize, bool)>,
    out_pos: usize,
    in_pos: usize,
}

impl MapBuilder {
    pub(crate) fn new() -> MapBuilder {
        MapBuilder::default()
    }

    /// Store the last segment. A copy, deletion or insertion too long to pack is stored
    /// in pieces (which map the same); an edit that long goes to the wide list.
    fn store_last(&mut self) {
        let Some((mut o, mut i, copy)) = self.last.take() else {
            return;
        };
        let splittable = copy || o == 0 || i == 0;
        let mut start = (self.out_pos - o, self.in_pos - i);
        loop {
            let (po, pi) = if splittable {
                (o.min(u32::MAX as usize), i.min(COPY as usize - 1))
            } else {
                (o, i)
            };
            // A copy splits into equal halves.
            let (po, pi) = if copy {
                (po.min(pi), po.min(pi))
            } else {
                (po, pi)
            };
            if self.lens.len().is_multiple_of(BLOCK) {
                self.marks.push(start);
            }
            match pack(po, pi, copy) {
                Some(l) => self.lens.push(l),
                None => {
                    self.wide.push((self.lens.len(), po, pi));
                    self.lens.push(WIDE);
                }
            }
            o -= po;
            i -= pi;
            start = (start.0 + po, start.1 + pi);
            if o == 0 && i == 0 {
                return;
            }
        }
    }

    /// Append a segment of `out_len` output bytes for `in_len` input bytes.
    pub(crate) fn push_raw(&mut self, out_len: usize, in_len: usize, copy: bool) {
        if out_len == 0 && in_len == 0 {
            return;
        }
        if let Some((lo, li, lcopy)) = &mut self.last {
            // Merge runs of copies, and runs of pure deletions or pure insertions.
            let merge = (copy && *lcopy)
                || (!copy && !*lcopy && out_len == 0 && *lo == 0)
                || (!copy && !*lcopy && in_len == 0 && *li == 0);
            if merge {
                *lo += out_len;
                *li += in_len;
                self.out_pos += out_len;
                self.in_pos += in_len;
                return;
            }
        }
        self.store_last();
        self.last = Some((out_len, in_len, copy));
        self.out_pos += out_len;
        self.in_pos += in_len;
    }

    /// Append output bytes that came from the input range `input`, which must start at or
    /// after the end of what was pushed so far, or overlap it (then the two merge into
    /// one edit). Input skipped over becomes a deletion.
    fn push(&mut self, out_len: usize, input: Range<usize>, copy: bool) {
        if input.start < self.in_pos {
            // Overlaps the previous segment: widen it into an edit.
            let grow = input.end.saturating_sub(self.in_pos);
            if let Some((lo, li, lcopy)) = &mut self.last {
                *lcopy = false;
                *lo += out_len;
                *li += grow;
            }
            self.out_pos += out_len;
            self.in_pos += grow;
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

    pub(crate) fn finish(mut self) -> OffsetMap {
        self.store_last();
        if self.lens.is_empty() {
            // The empty text: one empty copy.
            self.marks.push((0, 0));
            self.lens.push(COPY);
        }
        OffsetMap {
            lens: self.lens,
            wide: self.wide,
            marks: self.marks,
            out_len: self.out_pos,
            in_len: self.in_pos,
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

    /// `to_input` as the type's documentation defines it, over the plain segment list.
    fn naive(segs: &[Segment], out_len: usize, in_len: usize, r: Range<usize>) -> Range<usize> {
        let (a, b) = (
            r.start.min(out_len),
            r.end.min(out_len).max(r.start.min(out_len)),
        );
        let start_of = |p: usize| {
            if p >= out_len {
                return in_len;
            }
            let s = segs.iter().rev().find(|s| s.output.start <= p).unwrap();
            if s.copy {
                s.input.start + (p - s.output.start)
            } else {
                s.input.start
            }
        };
        if a == b {
            let dels: Vec<_> = segs
                .iter()
                .filter(|s| s.output.start == a && s.output.is_empty())
                .collect();
            return match (dels.first(), dels.last()) {
                (Some(f), Some(l)) => f.input.start..l.input.end,
                _ => start_of(a)..start_of(a),
            };
        }
        let end = {
            let s = segs.iter().rev().find(|s| s.output.start < b).unwrap();
            if s.copy {
                s.input.start + (b - s.output.start)
            } else {
                s.input.end
            }
        };
        start_of(a)..end
    }

    /// Many segments (several checkpoints), runs of deletions across checkpoints: every
    /// query agrees with the definition.
    #[test]
    fn checkpoints_find_the_same_segments() {
        let mut b = MapBuilder::new();
        let mut x: u64 = 42;
        for k in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let (o, i, c) = match x % 5 {
                0 => (1 + (x % 3) as usize, 1 + (x % 3) as usize, true),
                1 => (0, 2, false),
                2 => (3, 0, false),
                3 => (2 + (x % 7) as usize, 2, false),
                _ if (300..500).contains(&k) => (0, 1, false),
                _ => (1, 1, true),
            };
            // Keep copies and deletions apart so that they do not all merge.
            b.push_raw(o, i, c);
            b.push_raw(1, 1, false);
        }
        let m = b.finish();
        assert!(m.len() > 10 * BLOCK);
        let segs: Vec<Segment> = m.segments().collect();
        assert_eq!(segs.len(), m.len());
        for p in (0..=m.output_len() + 1).step_by(3) {
            for w in [0, 1, 2, 7] {
                let r = p..p + w;
                assert_eq!(
                    m.to_input(r.clone()),
                    naive(&segs, m.output_len(), m.input_len(), r.clone()),
                    "{r:?}"
                );
            }
        }
    }

    /// Segments longer than a packed length are stored in pieces (copies, deletions,
    /// insertions) or whole in the wide list (an edit), and map as before.
    #[test]
    fn long_segments_map_whole() {
        let big = 5usize << 30; // 5 GiB: more than fits in 31 bits
        let m = build(&[
            (big, big, true),
            (0, big, false),
            (1, 1, true),
            (big, 3, false),
            (2, 2, true),
        ]);
        assert_eq!(m.output_len(), 2 * big + 3);
        assert_eq!(m.input_len(), 2 * big + 6);
        assert_eq!(m.to_input(0..big), 0..big);
        assert_eq!(m.to_input(big..big), big..2 * big);
        assert_eq!(m.to_input(big..big + 1), 2 * big..2 * big + 1);
        // Any part of the big edit maps to its 3 input bytes.
        let e = big + 1;
        assert_eq!(m.to_input(e + 10..e + 20), 2 * big + 1..2 * big + 4);
        assert_eq!(m.to_input(e + big..e + big + 2), 2 * big + 4..2 * big + 6);
        assert!(!m.wide.is_empty());
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
