//! The AVX2 kernels: the same three functions as the AVX-512 ones, with the same results
//! on every input. A 64-byte block is two 32-byte halves whose compare results are joined
//! into one 64-bit mask (`vpmovmskb`), so that the mask arithmetic is the AVX-512 code's.
//! AVX2 has no byte permute over a whole table and no byte compression, so:
//! - a 64-entry table (one lead byte's page) is looked up with four in-lane shuffles
//!   (`vpshufb`) on indices that send every lane outside a shuffle's 16 entries to 0;
//!   only the lead bytes a block holds are looked up;
//! - characters the table changes take their new bytes in a short scalar loop (a handful
//!   per block), and so do the mark pairs NFC swaps;
//! - the kept bytes are packed 8 at a time through a table of 256 shuffles.
//!
//! Callers reach these through the safe wrappers of the parent module, which call them
//! only when run-time detection found every feature they enable.
#![allow(unsafe_code)]

use std::arch::x86_64::*;

use super::{BlockLoop, HeadBlock, PageTables};
use crate::normalize::scan::PairLut;

/// 64 bytes as two halves: lanes 0–31 and 32–63.
#[derive(Clone, Copy)]
struct V(__m256i, __m256i);

#[target_feature(enable = "avx2")]
fn splat(b: u8) -> __m256i {
    _mm256_set1_epi8(b as i8)
}

/// The 64 bytes of `a` from `at`.
#[target_feature(enable = "avx2")]
fn load<const N: usize>(a: &[u8; N], at: usize) -> V {
    assert!(at + 64 <= N);
    let p = a.as_ptr();
    // SAFETY: kind 2: asserted that the 64 bytes from `at` are inside the array.
    unsafe {
        V(
            _mm256_loadu_si256(p.add(at).cast()),
            _mm256_loadu_si256(p.add(at + 32).cast()),
        )
    }
}

/// Bit `k` of the result is the top bit of lane `k`.
#[target_feature(enable = "avx2")]
fn mask(v: V) -> u64 {
    let lo = _mm256_movemask_epi8(v.0) as u32 as u64;
    let hi = _mm256_movemask_epi8(v.1) as u32 as u64;
    lo | hi << 32
}

#[target_feature(enable = "avx2")]
fn map2(v: V, f: impl Fn(__m256i) -> __m256i) -> V {
    V(f(v.0), f(v.1))
}

/// Lanes whose byte is `b & m == want`.
#[target_feature(enable = "avx2")]
fn masked_eq(v: V, m: u8, want: u8) -> u64 {
    mask(map2(v, |h| {
        _mm256_cmpeq_epi8(_mm256_and_si256(h, splat(m)), splat(want))
    }))
}

/// Lanes in `lo..=hi` (unsigned).
#[target_feature(enable = "avx2")]
fn in_range(v: V, lo: u8, hi: u8) -> u64 {
    mask(map2(v, |h| {
        let d = _mm256_sub_epi8(h, splat(lo));
        _mm256_cmpeq_epi8(_mm256_min_epu8(d, splat(hi.wrapping_sub(lo))), d)
    }))
}

/// Lanes of 0x80 and above.
#[target_feature(enable = "avx2")]
fn high(v: V) -> u64 {
    mask(v)
}

/// Lanes whose byte has bit `7 - S` set.
#[target_feature(enable = "avx2")]
fn bit<const S: i32>(v: V) -> u64 {
    // Shifting 16-bit lanes left by S <= 7 moves bit 7 - S of each byte to its top bit
    // (the bits a low byte loses go to the high byte's bottom, not its top).
    mask(map2(v, |h| _mm256_slli_epi16::<S>(h)))
}

#[target_feature(enable = "avx2")]
pub(super) fn pair_mask(window: &[u8; 65], lut: &PairLut) -> u64 {
    let x = load(window, 0);
    let y = load(window, 1);
    // Per bit of the tables: the lanes whose first byte has it, and those whose next
    // byte has it (bit 7, "any next byte", holds everywhere).
    let mut first = [0u64; 8];
    let mut next = [0u64; 8];
    next[7] = u64::MAX;
    for &(lo, hi, bits) in &lut.first_ranges {
        let m = in_range(x, lo, hi);
        for (j, f) in first.iter_mut().enumerate() {
            if bits & (1 << j) != 0 {
                *f |= m;
            }
        }
    }
    for &(lo, hi, bits) in &lut.next_ranges {
        let m = in_range(y, lo, hi);
        for (j, n) in next.iter_mut().enumerate() {
            if bits & (1 << j) != 0 {
                *n |= m;
            }
        }
    }
    first.iter().zip(next).fold(0, |acc, (f, n)| acc | (f & n))
}

#[target_feature(enable = "avx2")]
pub(super) fn punct_mask(window: &[u8; 67], punct: bool, spaces: bool) -> u64 {
    // In the vector domain throughout, one `vpmovmskb` per half at the end: only the
    // top bit of each lane counts, and AND and OR keep it.
    let any = |v: V, bs: &[u8]| {
        map2(v, |h| {
            bs.iter().fold(_mm256_setzero_si256(), |acc, &b| {
                _mm256_or_si256(acc, _mm256_cmpeq_epi8(h, splat(b)))
            })
        })
    };
    let or = |a: V, b: V| V(_mm256_or_si256(a.0, b.0), _mm256_or_si256(a.1, b.1));
    let and = |a: V, b: V| V(_mm256_and_si256(a.0, b.0), _mm256_and_si256(a.1, b.1));
    let x = load(window, 1);
    let y = load(window, 2);
    let mut m = zero();
    if punct {
        let w = load(window, 0);
        let z = load(window, 3);
        let spaced = any(w, b" \t");
        // A byte of 0x80 or above has its top bit set already.
        let joins_y = or(y, any(y, b"\""));
        let joins_z = or(z, any(z, b"\""));
        let arabic = and(any(x, &[0xD8]), any(y, &[0x8C, 0x9B, 0x9F]));
        let tight = any(x, b"!,.:;?");
        m = or(
            and(tight, or(spaced, joins_y)),
            and(arabic, or(spaced, joins_z)),
        );
    }
    if spaces {
        let run = and(any(x, b" \n"), any(y, b" \t\n"));
        m = or(m, or(any(x, b"\t"), run));
    }
    mask(m)
}

/// Bit `k` set when `(window[k], window[k + 1])` may start a character
/// `strip-control-chars` or `strip-tag-chars` deletes (see [`super::control_hit`]).
#[target_feature(enable = "avx2")]
pub(super) fn control_mask(window: &[u8; 65]) -> u64 {
    // One half of 32 lanes, written out (no helper closures): this runs on every byte.
    let half = |at: usize| {
        // SAFETY: kind 2: `at` is 0 or 32, so the 33 bytes from `at` are inside the array.
        let (x, y) = unsafe {
            let p = window.as_ptr().add(at);
            (
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(1).cast()),
            )
        };
        let eq = |v: __m256i, b: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8));
        let at_most =
            |v: __m256i, b: u8| _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(b as i8)), v);
        let keep = _mm256_or_si256(_mm256_or_si256(eq(x, b'\t'), eq(x, b'\n')), eq(x, b'\r'));
        let c0 = _mm256_andnot_si256(keep, at_most(x, 0x1F));
        let c1 = _mm256_and_si256(eq(x, 0xC2), at_most(y, 0x9F));
        let tag = _mm256_and_si256(eq(x, 0xF3), eq(y, 0xA0));
        let all = _mm256_or_si256(_mm256_or_si256(c0, eq(x, 0x7F)), _mm256_or_si256(c1, tag));
        _mm256_movemask_epi8(all) as u32 as u64
    };
    half(0) | half(32) << 32
}

/// 16 bytes of `t` from `at`, in both 128-bit lanes.
#[target_feature(enable = "avx2")]
fn table16(t: &[u8], at: usize) -> __m256i {
    assert!(at + 16 <= t.len());
    // SAFETY: kind 2: asserted that the 16 bytes from `at` are inside the slice.
    let v = unsafe { _mm_loadu_si128(t.as_ptr().add(at).cast()) };
    _mm256_broadcastsi128_si256(v)
}

/// Indices 0..64 prepared for [`lookup64`]: the `j`-th sends lanes whose index is in
/// `16j..16j+16` to entry `index & 15` of a shuffle and every other lane to 0 (an index
/// with its top bit set); `0x70 + (index ^ 16j)` saturates for the others.
#[derive(Clone, Copy)]
struct Index([V; 4]);

#[target_feature(enable = "avx2")]
fn index64(v: V) -> Index {
    let low6 = map2(v, |h| _mm256_and_si256(h, splat(0x3F)));
    let part = |j: u8| {
        map2(low6, |h| {
            _mm256_adds_epu8(_mm256_xor_si256(h, splat(16 * j)), splat(0x70))
        })
    };
    Index([part(0), part(1), part(2), part(3)])
}

/// The 64-entry table `t[at..at + 64]` at `idx`.
#[target_feature(enable = "avx2")]
fn lookup64(t: &[u8], at: usize, idx: &Index) -> V {
    let look = |half: usize| {
        let mut r = _mm256_setzero_si256();
        for (j, part) in idx.0.iter().enumerate() {
            let p = if half == 0 { part.0 } else { part.1 };
            r = _mm256_or_si256(r, _mm256_shuffle_epi8(table16(t, at + 16 * j), p));
        }
        r
    };
    V(look(0), look(1))
}

/// `b` in the lanes whose `sel` byte has its top bit set, `a` elsewhere.
#[target_feature(enable = "avx2")]
fn blend(a: V, b: V, sel: V) -> V {
    V(
        _mm256_blendv_epi8(a.0, b.0, sel.0),
        _mm256_blendv_epi8(a.1, b.1, sel.1),
    )
}

/// Either of two lookups, or the blend of both when both were made.
#[target_feature(enable = "avx2")]
fn pick(a: Option<V>, b: Option<V>, sel: V) -> Option<V> {
    match (a, b) {
        (Some(a), Some(b)) => Some(blend(a, b, sel)),
        (a, b) => a.or(b),
    }
}

/// Which two-byte lead bytes a block holds (among those looked up).
#[derive(Clone, Copy, Default)]
struct Leads {
    d8: bool,
    d9: bool,
    da: bool,
    db: bool,
    c2: bool,
    c3: bool,
}

/// The lead bytes' 64-entry pages of `ar` (D8 D9 DA DB) and `l1` (C2 C3) looked up at
/// `idx` for the leads present, each lane taking its own lead's page: bit 0 of the lead
/// picks between D8/D9, DA/DB and C2/C3, bit 1 between D8-D9 and DA-DB, bit 4 between
/// Latin-1 and Arabic. Lanes of other bytes hold anything; callers mask them off.
#[target_feature(enable = "avx2")]
fn lookup_leads(ar: &[u8; 256], l1: &[u8; 128], idx: &Index, x: V, leads: Leads) -> V {
    let look = |on: bool, t: &[u8], at: usize| on.then(|| lookup64(t, at, idx));
    let bit0 = map2(x, |h| _mm256_slli_epi16::<7>(h));
    let bit1 = map2(x, |h| _mm256_slli_epi16::<6>(h));
    let bit4 = map2(x, |h| _mm256_slli_epi16::<3>(h));
    let ar01 = pick(look(leads.d8, ar, 0), look(leads.d9, ar, 64), bit0);
    let ar23 = pick(look(leads.da, ar, 128), look(leads.db, ar, 192), bit0);
    let arabic = pick(ar01, ar23, bit1);
    let latin1 = pick(look(leads.c2, l1, 0), look(leads.c3, l1, 64), bit0);
    pick(latin1, arabic, bit4).unwrap_or_else(|| zero())
}

#[target_feature(enable = "avx2")]
fn lanes_eq(v: V, b: u8) -> V {
    map2(v, |h| _mm256_cmpeq_epi8(h, splat(b)))
}

#[target_feature(enable = "avx2")]
fn zero() -> V {
    V(_mm256_setzero_si256(), _mm256_setzero_si256())
}

/// Lane k takes lane k + 2 of the 64 (the last two get 0).
#[target_feature(enable = "avx2")]
fn shift_down2(v: V) -> V {
    // [lo.hi, hi.lo] and [hi.hi, 0]: the bytes that slide into each half's upper lane.
    let mid = _mm256_permute2x128_si256::<0x21>(v.0, v.1);
    let top = _mm256_permute2x128_si256::<0x81>(v.1, v.1);
    V(
        _mm256_alignr_epi8::<2>(mid, v.0),
        _mm256_alignr_epi8::<2>(top, v.1),
    )
}

/// Lanes where `a > b` (unsigned).
#[target_feature(enable = "avx2")]
fn gt(a: V, b: V) -> u64 {
    let not_gt = |a: __m256i, b: __m256i| _mm256_cmpeq_epi8(_mm256_max_epu8(a, b), b);
    !mask(V(not_gt(a.0, b.0), not_gt(a.1, b.1)))
}

/// For each 8-bit mask, the shuffle that moves its set lanes to the front, in order.
static PACK: [[u8; 8]; 256] = {
    let mut t = [[0x80u8; 8]; 256];
    let mut m = 0;
    while m < 256 {
        let (mut k, mut w) = (0, 0);
        while k < 8 {
            if m & (1 << k) != 0 {
                t[m][w] = k as u8;
                w += 1;
            }
            k += 1;
        }
        m += 1;
    }
    t
};

/// Move the bytes of `buf` whose bit is set in `keep` to its front, in order.
#[target_feature(enable = "avx2,popcnt")]
fn compress(buf: &mut [u8; 64], keep: u64) {
    let mut w = 0usize;
    for c in 0..8 {
        let m = (keep >> (8 * c)) as u8;
        // SAFETY: kind 2: bytes 8c..8c+8 of the 64-byte array, and the 8-byte table row.
        let (src, shuf) = unsafe {
            (
                _mm_loadl_epi64(buf.as_ptr().add(8 * c).cast()),
                _mm_loadl_epi64(PACK[m as usize].as_ptr().cast()),
            )
        };
        let packed = _mm_shuffle_epi8(src, shuf);
        // `w <= 8c <= 56`: the 8 bytes stored lie inside the array, and before the bytes
        // of the chunks not yet read.
        debug_assert!(w <= 8 * c);
        let at = w.min(56);
        // SAFETY: kind 3: bytes at..at+8 with `at <= 56` lie inside the 64-byte array.
        unsafe { _mm_storel_epi64(buf.as_mut_ptr().add(at).cast(), packed) };
        w += m.count_ones() as usize;
    }
}

/// Bit planes: element `j` has bit `k` set when byte `k` has bit `j` set.
#[target_feature(enable = "avx2")]
fn planes(v: V) -> [u64; 8] {
    [
        bit::<7>(v),
        bit::<6>(v),
        bit::<5>(v),
        bit::<4>(v),
        bit::<3>(v),
        bit::<2>(v),
        bit::<1>(v),
        high(v),
    ]
}

#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,lzcnt")]
pub(super) fn head_block(
    window: &[u8; 66],
    t: &PageTables,
    nfc: bool,
    out: &mut [u8; 64],
) -> HeadBlock {
    let x = load(window, 0);
    let y = load(window, 1);
    let none = HeadBlock::default();
    // What each byte is, from its bits: 111x xxxx starts three or four bytes, 110x xxxx
    // two; 1101 10xx is D8–DB (Arabic), 1100 001x C2–C3 (Latin-1), 1110 0010 E2.
    let [p0, p1, p2, p3, p4, p5, p6, p7] = planes(x);
    let lead3 = p7 & p6 & p5;
    let lead2 = p7 & p6 & !p5;
    let ar = lead2 & p4 & p3 & !p2;
    let l1 = lead2 & !p4 & !p3 & !p2 & p1;
    // Three-byte characters of U+2000–U+207F (E2 80, E2 81) are handled; any other
    // three- or four-byte character sends the block to the scalar path.
    let e2 = lead3 & !p4 & !p3 & !p2 & p1 & !p0;
    let gp = if e2 != 0 {
        e2 & masked_eq(y, 0xFE, 0x80)
    } else {
        0
    };
    if lead3 & !gp != 0 || lead2 & !(ar | l1) != 0 {
        return none;
    }
    // A character cut by the end of the window waits for the next block.
    let cut = (lead2 & (1 << 63)) | (gp & (3 << 62));
    let covered = if cut == 0 {
        64
    } else {
        cut.trailing_zeros() as usize
    };
    let valid: u64 = if covered == 64 {
        u64::MAX
    } else {
        (1 << covered) - 1
    };
    let (lead2, gp, ar, l1) = (lead2 & valid, gp & valid, ar & valid, l1 & valid);
    let lead = lead2 | gp;
    let ascii = !p7 & valid;
    // SAFETY: kind 3: `out` is a 64-byte array; both halves lie inside it.
    unsafe {
        _mm256_storeu_si256(out.as_mut_ptr().cast(), x.0);
        _mm256_storeu_si256(out.as_mut_ptr().add(32).cast(), x.1);
    }
    if lead == 0 {
        // All ASCII, which the table leaves alone: the block is copied as it is.
        return HeadBlock {
            lanes: covered,
            keep: valid,
            safe_starts: valid,
            ..HeadBlock::default()
        };
    }

    // Flags, looked up in the pages of the lead bytes present. Two-byte characters index
    // their page by the continuation byte, General Punctuation by the third byte.
    let leads_in = |m: u64| Leads {
        d8: m & ar & !p1 & !p0 != 0,
        d9: m & ar & !p1 & p0 != 0,
        da: m & ar & p1 & !p0 != 0,
        db: m & ar & p1 & p0 != 0,
        c2: m & l1 & !p0 != 0,
        c3: m & l1 & p0 != 0,
    };
    let yidx = index64(y);
    let mut v = lookup_leads(&t.ar_compact, &t.l1_compact, &yidx, x, leads_in(u64::MAX));
    if gp != 0 {
        let zidx = index64(load(window, 2));
        let second_bit0 = map2(y, |h| _mm256_slli_epi16::<7>(h));
        let e280 = lookup64(&t.gp_compact, 0, &zidx);
        let e281 = lookup64(&t.gp_compact, 64, &zidx);
        v = blend(v, blend(e280, e281, second_bit0), lanes_eq(x, 0xE2));
    }
    // The compact bits (see `C_CHANGED` and the others) as masks.
    let (c, short, qc, keep_cont2) = (bit::<7>(v), bit::<6>(v), bit::<4>(v), bit::<3>(v));
    if bit::<5>(v) & lead != 0 {
        return none;
    }
    let mut changed = (c | short) & lead;
    let mut keep =
        ascii | ((c | !short) & lead) | ((!short & lead) << 1) | ((keep_cont2 & gp) << 2);
    // Marks: a class rank in the top four bits (General Punctuation has no marks; its
    // fourth bit is `C_KEEP_CONT2`).
    let rank = map2(v, |h| _mm256_and_si256(h, splat(0xF0)));
    let marks = !eq_zero(rank) & lead2;
    let unsafe_ = marks | (qc & lead);

    // NFC, as the AVX-512 kernel does it: two marks out of order with no mark on either
    // side are swapped; anything else is left to the scalar path. Ranks are in the order
    // of the classes.
    let (swap, nfc_problem) = if nfc && unsafe_ != 0 {
        let descending = gt(rank, shift_down2(rank)) & marks & (marks >> 2);
        // Pairs that end by lane 63: the character after the block is a safe starter
        // (the caller ends blocks before one), so no mark follows a pair ending there.
        let lone_pair = !(marks << 2) & !(marks >> 4) & (u64::MAX >> 3);
        let swap = descending & lone_pair & valid;
        (swap, (descending & !swap) | (qc & lead))
    } else {
        (0, 0)
    };

    // New bytes for the characters the table changes and keeps (at least in part).
    let mut patch = changed & keep;
    while patch != 0 {
        let k = patch.trailing_zeros() as usize;
        patch &= patch - 1;
        let (b, c) = (window[k] as usize, window[k + 1] as usize);
        let with = if b & 0xFC == 0xD8 {
            t.ar_out[((b & 3) << 6) | (c & 0x3F)]
        } else if b == 0xE2 {
            let i = ((c & 1) << 6) | (window[k + 2] as usize & 0x3F);
            out[k + 2] = t.gp_cont2[i];
            t.gp_out[i]
        } else {
            t.l1_out[((b & 1) << 6) | (c & 0x3F)]
        };
        out[k..k + 2].copy_from_slice(&with.to_le_bytes());
    }
    // Swapped pairs: lanes p, p+1 and p+2, p+3 trade bytes, keep bits and changed bits
    // (both characters are two-byte marks, so the lead lanes stay where they were).
    let mut s = swap;
    while s != 0 {
        let p = s.trailing_zeros() as usize;
        s &= s - 1;
        let saved = [out[p], out[p + 1]];
        out.copy_within(p + 2..p + 4, p);
        out[p + 2] = saved[0];
        out[p + 3] = saved[1];
        let swap_bits = |m: u64| {
            let (a, b) = ((m >> p) & 3, (m >> (p + 2)) & 3);
            (m & !(0xF << p)) | (a << (p + 2)) | (b << p)
        };
        keep = swap_bits(keep);
        changed = swap_bits(changed);
    }
    if keep != valid {
        compress(out, keep);
    }

    // The character after a changed one starts 2 or 3 lanes on.
    let after_change = ((changed & lead2) << 2) | ((changed & gp) << 3);
    HeadBlock {
        lanes: covered,
        keep,
        changed,
        reordered: swap,
        nfc_problem,
        exposed: after_change & unsafe_ & !changed,
        safe_starts: ascii | (lead & !unsafe_),
    }
}

/// Lanes equal to 0.
#[target_feature(enable = "avx2")]
fn eq_zero(v: V) -> u64 {
    mask(map2(v, |h| _mm256_cmpeq_epi8(h, _mm256_setzero_si256())))
}

/// [`BlockLoop::run`] with [`head_block`], compiled with this kernel's features.
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,lzcnt")]
pub(super) fn drive<L: BlockLoop>(t: &PageTables, nfc: bool, l: L) -> L::Output {
    l.run(|window, out| head_block(window, t, nfc, out))
}
