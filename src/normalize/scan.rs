//! Finding the next character a stage may act on without decoding every character.
//!
//! A [`PairSet`] is a handful of conditions on a byte and the byte after it, compiled into
//! two byte tables and tested 64 positions at a time by a vector kernel (AVX-512: two
//! table lookups per 64 bytes, whatever the number of conditions; AVX2: a range compare
//! per distinct range), else a byte at a time. Stages with fixed trigger characters
//! (punctuation, quotes, whitespace, NFC candidates) use it.
//!
//! A [`Triggers`] set holds, for every pair of bytes `(lead, next)`, whether a character
//! starting with those two bytes may interest a stage. Scanning is then one table lookup
//! per byte: continuation bytes are never leads, so a hit is always on a character
//! boundary. For an ASCII trigger every pair with that first byte is set; for a two-byte
//! character the pair is exact; for longer characters the pair is a prefix and the stage
//! checks the whole character.

use std::sync::OnceLock;

use super::simd::{self, Simd};

/// A set of byte pairs that may start an interesting character.
#[derive(Clone)]
pub(crate) struct Triggers {
    bits: Box<[u64; 1024]>,
}

impl std::fmt::Debug for Triggers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        write!(f, "Triggers({n} pairs)")
    }
}

impl Triggers {
    pub(crate) fn new() -> Triggers {
        Triggers {
            bits: Box::new([0; 1024]),
        }
    }

    fn set_pair(&mut self, a: u8, b: u8) {
        let idx = ((a as usize) << 8) | b as usize;
        self.bits[idx >> 6] |= 1 << (idx & 63);
    }

    /// Mark `c` (or, for characters of 3 and 4 bytes, every character sharing its first
    /// two bytes) as interesting.
    pub(crate) fn add(&mut self, c: char) {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf).as_bytes();
        if s.len() == 1 {
            for b in 0..=255 {
                self.set_pair(s[0], b);
            }
        } else {
            self.set_pair(s[0], s[1]);
        }
    }

    #[inline]
    fn hit(&self, a: u8, b: u8) -> bool {
        let idx = ((a as usize) << 8) | b as usize;
        self.bits[idx >> 6] & (1 << (idx & 63)) != 0
    }

    /// Position of the first interesting character at or after `from`, if any.
    #[inline]
    pub(crate) fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let n = bytes.len();
        let mut i = from;
        if n == 0 {
            return None;
        }
        while i + 1 < n {
            if self.hit(bytes[i], bytes[i + 1]) {
                return Some(i);
            }
            i += 1;
        }
        // The last byte: only an ASCII character can end there.
        (i + 1 == n && bytes[i] < 0x80 && self.hit(bytes[i], 0)).then_some(i)
    }
}

/// A set of conditions on a byte and the byte after it: `(first_lo, first_hi, next_lo,
/// next_hi)` holds when the byte is in `first_lo..=first_hi` and the next byte (0 after the
/// last one) in `next_lo..=next_hi`. Conditions must only match ASCII or lead bytes, so
/// that every hit is a character boundary. At most 7 distinct `next` ranges other than
/// the full one.
pub(crate) struct PairSet<const N: usize> {
    conds: [(u8, u8, u8, u8); N],
    lut: OnceLock<PairLut>,
}

/// A [`PairSet`] as two byte tables: the pair `(b, c)` matches when
/// `first[b] & next[c] != 0`. Each distinct `next` range gets a bit; bit 7 is "any".
/// The same tables as ranges, for kernels that compare rather than look up: `first[b]`
/// is the union of the bits of the `first_ranges` holding `b`, `next[c]` that of the
/// `next_ranges` holding `c`, and bit 7.
#[derive(Clone, Debug)]
pub(crate) struct PairLut {
    pub(crate) first: [u8; 256],
    pub(crate) next: [u8; 256],
    /// `(lo, hi, bits)`: bytes `lo..=hi` have `bits` in `first`.
    pub(crate) first_ranges: Vec<(u8, u8, u8)>,
    /// `(lo, hi, bit)`: bytes `lo..=hi` have `bit` in `next` (bit 7 is everywhere).
    pub(crate) next_ranges: Vec<(u8, u8, u8)>,
}

impl<const N: usize> PairSet<N> {
    pub(crate) const fn new(conds: [(u8, u8, u8, u8); N]) -> PairSet<N> {
        PairSet {
            conds,
            lut: OnceLock::new(),
        }
    }

    /// The set as two byte tables (built on first use).
    pub(crate) fn lut(&self) -> &PairLut {
        self.lut.get_or_init(|| {
            let mut lut = PairLut {
                first: [0; 256],
                next: [0x80; 256],
                first_ranges: Vec::new(),
                next_ranges: Vec::new(),
            };
            let mut ranges: Vec<(u8, u8)> = Vec::new();
            for &(blo, bhi, clo, chi) in &self.conds {
                let bit = if (clo, chi) == (0, 0xFF) {
                    0x80
                } else {
                    let k = ranges
                        .iter()
                        .position(|&r| r == (clo, chi))
                        .unwrap_or_else(|| {
                            ranges.push((clo, chi));
                            ranges.len() - 1
                        });
                    assert!(k < 7, "at most 7 distinct next-byte ranges");
                    1 << k
                };
                for b in blo..=bhi {
                    lut.first[b as usize] |= bit;
                }
                match lut
                    .first_ranges
                    .iter_mut()
                    .find(|r| (r.0, r.1) == (blo, bhi))
                {
                    Some(r) => r.2 |= bit,
                    None => lut.first_ranges.push((blo, bhi, bit)),
                }
                if bit != 0x80 {
                    for c in clo..=chi {
                        lut.next[c as usize] |= bit;
                    }
                    if !lut.next_ranges.iter().any(|r| r.2 == bit) {
                        lut.next_ranges.push((clo, chi, bit));
                    }
                }
            }
            lut
        })
    }

    /// A scanner over `bytes`, with the kernel active now.
    pub(crate) fn scan<'a>(&'a self, bytes: &'a [u8]) -> Scan<'a, N> {
        let simd = Simd::active();
        Scan {
            set: self,
            blocks: simd
                .is_vector()
                .then(|| Blocks::new(bytes, (simd, self.lut()))),
            bytes,
            last: None,
        }
    }
}

/// Finds the positions where a [`PairSet`] holds: 64 bytes at a time with a vector
/// kernel, else a byte at a time through the same two tables.
pub(crate) struct Scan<'a, const N: usize> {
    set: &'a PairSet<N>,
    /// Present when a vector kernel runs.
    blocks: Option<Blocks<'a, (Simd, &'a PairLut)>>,
    bytes: &'a [u8],
    /// The last answer: the first hit at or after `.0` is `.1`. Still the answer for any
    /// later `from` up to that hit, so callers that ask often cost no rescanning.
    last: Option<(usize, Option<usize>)>,
}

impl<const N: usize> Scan<'_, N> {
    /// The first position at or after `from` where the set holds.
    pub(crate) fn next_from(&mut self, from: usize) -> Option<usize> {
        if let Some((at, hit)) = self.last
            && from >= at
            && hit.is_none_or(|h| h >= from)
        {
            return hit;
        }
        let hit = self.find(from);
        self.last = Some((from, hit));
        hit
    }

    fn find(&mut self, from: usize) -> Option<usize> {
        match &mut self.blocks {
            Some(b) => b.next_from(from, |bytes, at, (simd, lut)| {
                let n = bytes.len();
                if at + 65 <= n {
                    simd::pair_mask(simd, bytes[at..at + 65].try_into().expect("65 bytes"), lut)
                } else {
                    let mut w = [0u8; 65];
                    w[..n - at].copy_from_slice(&bytes[at..]);
                    // Lanes past the end are masked off.
                    simd::pair_mask(simd, &w, lut) & (u64::MAX >> (64 - (n - at).min(64)))
                }
            }),
            None => {
                let lut = self.set.lut();
                find_pair_lut(self.bytes, from, lut)
            }
        }
    }
}

/// A text seen 64 bytes at a time through a mask function: bit `k` of the mask of the
/// block at `at` says whether position `at + k` is a hit. The mask of the current block
/// is kept, so asking again from inside it costs nothing.
pub(crate) struct Blocks<'a, D> {
    bytes: &'a [u8],
    data: D,
    /// Start of the block `mask` describes, `usize::MAX` for none yet.
    block: usize,
    mask: u64,
}

impl<'a, D: Copy> Blocks<'a, D> {
    pub(crate) fn new(bytes: &'a [u8], data: D) -> Blocks<'a, D> {
        Blocks {
            bytes,
            data,
            block: usize::MAX,
            mask: 0,
        }
    }

    /// The first hit at or after `from`; `mask_at(bytes, at, data)` gives a block's mask.
    #[inline]
    pub(crate) fn next_from(
        &mut self,
        mut from: usize,
        mask_at: impl Fn(&'a [u8], usize, D) -> u64,
    ) -> Option<usize> {
        let n = self.bytes.len();
        while from < n {
            if self.block == usize::MAX || from < self.block || from >= self.block + 64 {
                self.block = from;
                self.mask = mask_at(self.bytes, from, self.data);
            }
            let m = self.mask & (u64::MAX << (from - self.block));
            if m != 0 {
                return Some(self.block + m.trailing_zeros() as usize);
            }
            from = self.block + 64;
        }
        None
    }
}

/// First position at or after `from` where `lut` matches the byte and the next (0 after
/// the last byte): two table loads per byte, and one branch per 8 positions while
/// nothing matches.
pub(crate) fn find_pair_lut(bytes: &[u8], from: usize, lut: &PairLut) -> Option<usize> {
    let n = bytes.len();
    if from >= n {
        return None;
    }
    let mut i = from;
    while i + 9 <= n {
        let w: &[u8; 9] = bytes[i..i + 9].try_into().expect("9 bytes");
        let any = (0..8).fold(0, |a, k| {
            a | (lut.first[w[k] as usize] & lut.next[w[k + 1] as usize])
        });
        if any != 0 {
            break;
        }
        i += 8;
    }
    let mut prev = lut.first[bytes[i] as usize];
    for i in i..n - 1 {
        let next = bytes[i + 1];
        if prev & lut.next[next as usize] != 0 {
            return Some(i);
        }
        prev = lut.first[next as usize];
    }
    (prev & lut.next[0] != 0).then_some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ascii_two_and_three_byte_triggers() {
        let mut t = Triggers::new();
        t.add('&');
        t.add('\u{0629}');
        t.add('\u{200F}');
        let s = "ab ة x\u{200F}&";
        let b = s.as_bytes();
        let hits: Vec<usize> = std::iter::successors(t.next(b, 0), |&i| t.next(b, i + 1)).collect();
        assert_eq!(hits, [3, 7, 10]);
    }

    static SET: PairSet<3> = PairSet::new([
        (b'&', b'&', 0, 0xFF),
        (0xD8, 0xD8, 0x8C, 0x8C),
        (b' ', b' ', b' ', b' '),
    ]);

    fn all_hits(bytes: &[u8]) -> Vec<usize> {
        let mut scan = SET.scan(bytes);
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(p) = scan.next_from(from) {
            out.push(p);
            from = p + 1;
        }
        out
    }

    #[test]
    fn pair_set_finds_every_hit_across_blocks() {
        // Hits in the first block, across the 64-byte boundary and in the short tail.
        let mut s = String::from("a&b،c  d");
        s.push_str(&"ب".repeat(40));
        s.push_str("x&y  z، ");
        let want: Vec<usize> = s
            .char_indices()
            .filter(|&(i, c)| c == '&' || c == '،' || (c == ' ' && s[i + 1..].starts_with(' ')))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(all_hits(s.as_bytes()), want);
        // The scalar path agrees.
        let lut = SET.lut();
        let bytes = s.as_bytes();
        let scalar: Vec<usize> = std::iter::successors(find_pair_lut(bytes, 0, lut), |&p| {
            find_pair_lut(bytes, p + 1, lut)
        })
        .collect();
        assert_eq!(scalar, want);
    }
}
