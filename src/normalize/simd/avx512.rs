//! The AVX-512 kernels (F, BW, VBMI, VBMI2): 64 bytes per step, with byte permutes for
//! the table lookups and `vpcompressb` for the deletions. Callers reach them through the
//! safe wrappers of the parent module, which call them only when run-time detection found
//! every feature they enable (see the safety notes there).
#![allow(unsafe_code)]

use std::arch::x86_64::*;

use super::{
    BlockLoop, CHANGED, FALLBACK, HeadBlock, KEEP_CONT, KEEP_CONT2, KEEP_LEAD, NFC_QC_NOT_YES,
    NFC_UNSAFE, PageTables,
};
use crate::normalize::scan::PairLut;

#[target_feature(enable = "avx512f")]
fn splat(b: u8) -> __m512i {
    _mm512_set1_epi8(b as i8)
}

#[target_feature(enable = "avx512f,avx512bw")]
fn load65(window: &[u8; 65], at: usize) -> __m512i {
    debug_assert!(at <= 1);
    // SAFETY: kind 2: `at <= 1`, so bytes at..at+64 lie inside the 65-byte array.
    unsafe { _mm512_loadu_si512(window.as_ptr().add(at).cast()) }
}

#[target_feature(enable = "avx512f,avx512bw")]
fn load64(a: &[u8], at: usize) -> __m512i {
    assert!(at + 64 <= a.len());
    // SAFETY: kind 2: asserted that 64 bytes from `at` are inside the slice.
    unsafe { _mm512_loadu_si512(a.as_ptr().add(at).cast()) }
}

#[target_feature(enable = "avx512f,avx512bw")]
fn load67(window: &[u8; 67], at: usize) -> __m512i {
    debug_assert!(at <= 3);
    // SAFETY: kind 2: `at <= 3`, so bytes at..at+64 lie inside the 67-byte array.
    unsafe { _mm512_loadu_si512(window.as_ptr().add(at).cast()) }
}

#[target_feature(enable = "avx512f,avx512bw")]
fn eq(v: __m512i, b: u8) -> u64 {
    _mm512_cmpeq_epi8_mask(v, splat(b))
}

/// Classes of bytes below 0x40 for [`punct_mask`].
const TIGHT: u8 = 1; // ! , . : ; ?
const SPACE: u8 = 2; // space, tab: spacing's "space before"
const WS: u8 = 4; // space, tab, newline: collapse's runs
const RUN: u8 = 8; // space, newline: may start a run of two
const TAB: u8 = 16;
const QUOTE: u8 = 32; // "

const fn low_classes() -> [u8; 64] {
    let mut t = [0u8; 64];
    t[b'!' as usize] = TIGHT;
    t[b',' as usize] = TIGHT;
    t[b'.' as usize] = TIGHT;
    t[b':' as usize] = TIGHT;
    t[b';' as usize] = TIGHT;
    t[b'?' as usize] = TIGHT;
    t[b' ' as usize] = SPACE | WS | RUN;
    t[b'\t' as usize] = SPACE | WS | TAB;
    t[b'\n' as usize] = WS | RUN;
    t[b'"' as usize] = QUOTE;
    t
}

static LOW_CLASSES: [u8; 64] = low_classes();

/// The class bits of bytes below 0x40 (0 for the others).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn low_class(v: __m512i) -> __m512i {
    let low = _mm512_cmplt_epu8_mask(v, splat(0x40));
    _mm512_maskz_permutexvar_epi8(low, v, load64(&LOW_CLASSES, 0))
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn punct_mask(window: &[u8; 67], punct: bool, spaces: bool) -> u64 {
    let x = load67(window, 1);
    let y = load67(window, 2);
    let cx = low_class(x);
    let cy = low_class(y);
    let mut m = 0;
    if punct {
        let w = load67(window, 0);
        let z = load67(window, 3);
        let spaced = test(low_class(w), SPACE);
        let joins_y = _mm512_cmpge_epu8_mask(y, splat(0x80)) | test(cy, QUOTE);
        let joins_z = _mm512_cmpge_epu8_mask(z, splat(0x80)) | test(low_class(z), QUOTE);
        let arabic = eq(x, 0xD8) & (eq(y, 0x8C) | eq(y, 0x9B) | eq(y, 0x9F));
        m |= (test(cx, TIGHT) & (spaced | joins_y)) | (arabic & (spaced | joins_z));
    }
    if spaces {
        m |= test(cx, TAB) | (test(cx, RUN) & test(cy, WS));
    }
    m
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn pair_mask(window: &[u8; 65], lut: &PairLut) -> u64 {
    let x = load65(window, 0);
    let y = load65(window, 1);
    let both = _mm512_and_si512(lookup256(&lut.first, x), lookup256(&lut.next, y));
    _mm512_test_epi8_mask(both, both)
}

/// Look up 256-entry table `t` at byte indices `idx`.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn lookup256(t: &[u8; 256], idx: __m512i) -> __m512i {
    let lo = _mm512_permutex2var_epi8(load64(t, 0), idx, load64(t, 64));
    let hi = _mm512_permutex2var_epi8(load64(t, 128), idx, load64(t, 192));
    let upper = _mm512_test_epi8_mask(idx, splat(0x80));
    _mm512_mask_blend_epi8(upper, lo, hi)
}

/// Look up 128-entry table `t` at byte indices `idx` (bit 7 ignored).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn lookup128(t: &[u8; 128], idx: __m512i) -> __m512i {
    _mm512_permutex2var_epi8(load64(t, 0), idx, load64(t, 64))
}

/// Byte shift across the whole vector: lane k takes lane k - 1 (lane 0 gets 0).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn shift_up1(v: __m512i) -> __m512i {
    let idx = _mm512_sub_epi8(lanes(), splat(1));
    _mm512_maskz_permutexvar_epi8(!1u64, idx, v)
}

/// Lane k takes lane k + 2 (the last two lanes get 0).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn shift_down2(v: __m512i) -> __m512i {
    let idx = _mm512_add_epi8(lanes(), splat(2));
    _mm512_maskz_permutexvar_epi8(u64::MAX >> 2, idx, v)
}

/// Lanes whose byte has `bit` set.
#[target_feature(enable = "avx512f,avx512bw")]
fn test(v: __m512i, bit: u8) -> u64 {
    _mm512_test_epi8_mask(v, splat(bit))
}

#[target_feature(enable = "avx512f,avx512bw")]
fn lanes() -> __m512i {
    const L: [u8; 64] = {
        let mut a = [0u8; 64];
        let mut i = 0;
        while i < 64 {
            a[i] = i as u8;
            i += 1;
        }
        a
    };
    load64(&L, 0)
}

#[target_feature(enable = "avx512f,avx512bw")]
fn load66(window: &[u8; 66], at: usize) -> __m512i {
    debug_assert!(at <= 2);
    // SAFETY: kind 2: `at <= 2`, so bytes at..at+64 lie inside the 66-byte array.
    unsafe { _mm512_loadu_si512(window.as_ptr().add(at).cast()) }
}

/// Lane k takes lane k - 2 (lanes 0 and 1 get 0).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn shift_up2(v: __m512i) -> __m512i {
    let idx = _mm512_sub_epi8(lanes(), splat(2));
    _mm512_maskz_permutexvar_epi8(!3u64, idx, v)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2")]
pub(super) fn head_block(
    window: &[u8; 66],
    t: &PageTables,
    nfc: bool,
    out: &mut [u8; 64],
) -> HeadBlock {
    let x = load66(window, 0);
    let y = load66(window, 1);
    let z = load66(window, 2);
    let none = HeadBlock::default();
    // Three-byte characters of U+2000–U+207F (E2 80, E2 81) are handled; any other
    // three- or four-byte character sends the block to the scalar path.
    let lead3 = _mm512_cmpge_epu8_mask(x, splat(0xE0));
    let gp = lead3 & eq(x, 0xE2) & eq(_mm512_and_si512(y, splat(0xFE)), 0x80);
    if lead3 & !gp != 0 {
        return none;
    }
    let lead2 = _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, splat(0xE0)), splat(0xC0));
    let ar = lead2 & _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, splat(0xFC)), splat(0xD8));
    let l1 = lead2 & _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, splat(0xFE)), splat(0xC2));
    if lead2 & !(ar | l1) != 0 {
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
    let (lead2, gp, l1) = (lead2 & valid, gp & valid, l1 & valid);
    let lead = lead2 | gp;
    let ascii = _mm512_cmplt_epu8_mask(x, splat(0x80)) & valid;
    if lead == 0 {
        // All ASCII, which the table leaves alone: the block is copied as it is.
        // SAFETY: kind 3: `out` is a 64-byte array.
        unsafe { _mm512_storeu_si512(out.as_mut_ptr().cast(), x) };
        return HeadBlock {
            lanes: covered,
            keep: valid,
            safe_starts: valid,
            ..HeadBlock::default()
        };
    }

    // Page indices: ((lead & 3) << 6 | cont & 0x3F) for Arabic, (lead & 1) for Latin-1,
    // ((second & 1) << 6 | third & 0x3F) for General Punctuation.
    let low6 = _mm512_and_si512(y, splat(0x3F));
    let ar_idx = _mm512_or_si512(
        _mm512_slli_epi16::<6>(_mm512_and_si512(x, splat(0x03))),
        low6,
    );
    let l1_idx = _mm512_or_si512(
        _mm512_slli_epi16::<6>(_mm512_and_si512(x, splat(0x01))),
        low6,
    );
    let gp_idx = _mm512_or_si512(
        _mm512_slli_epi16::<6>(_mm512_and_si512(y, splat(0x01))),
        _mm512_and_si512(z, splat(0x3F)),
    );
    // Blocks rarely hold Latin-1 or punctuation characters: skip those lookups then.
    let pick = |ar_t: &[u8; 256], l1_t: &[u8; 128], gp_t: &[u8; 128]| {
        let mut v = lookup256(ar_t, ar_idx);
        if l1 != 0 {
            v = _mm512_mask_blend_epi8(l1, v, lookup128(l1_t, l1_idx));
        }
        if gp != 0 {
            v = _mm512_mask_blend_epi8(gp, v, lookup128(gp_t, gp_idx));
        }
        v
    };
    let mut flags = pick(&t.ar_flags, &t.l1_flags, &t.gp_flags);
    if test(flags, FALLBACK) & lead != 0 {
        return none;
    }
    let mut out_lead = pick(&t.ar_lead, &t.l1_lead, &t.gp_lead);
    let mut out_cont = pick(&t.ar_cont, &t.l1_cont, &t.gp_cont);
    let out_cont2 = if gp != 0 {
        lookup128(&t.gp_cont2, gp_idx)
    } else {
        _mm512_setzero_si512()
    };
    let cont = lead << 1;

    // NFC. Marks here are two bytes long, so the next character starts two lanes on.
    // Two marks out of order with no mark on either side (shadda typed before its
    // vowel, nearly every case in real text) are swapped here; anything else is left
    // to the scalar path. Most news blocks hold no mark at all: nothing to look at.
    let unsafe_ = test(flags, NFC_UNSAFE) & lead;
    let (swap, nfc_problem) = if nfc && unsafe_ != 0 {
        let mut ccc = lookup256(&t.ar_ccc, ar_idx);
        if l1 != 0 {
            ccc = _mm512_mask_blend_epi8(l1, ccc, lookup128(&t.l1_ccc, l1_idx));
        }
        // General Punctuation has no marks.
        let ccc = _mm512_maskz_mov_epi8(lead2, ccc);
        let marks = _mm512_cmpneq_epi8_mask(ccc, _mm512_setzero_si512());
        let descending = _mm512_cmpgt_epu8_mask(ccc, shift_down2(ccc)) & marks & (marks >> 2);
        // Pairs that end by lane 63: the character after the block is a safe starter
        // (the caller ends blocks before one), so no mark follows a pair ending there.
        let lone_pair = !(marks << 2) & !(marks >> 4) & (u64::MAX >> 3);
        let swap = descending & lone_pair & valid;
        (
            swap,
            (descending & !swap) | (test(flags, NFC_QC_NOT_YES) & lead),
        )
    } else {
        (0, 0)
    };
    let x = if swap != 0 {
        // Lanes p, p+1 take p+2, p+3 and the other way round, for every pair start p.
        let fwd = swap | swap << 1;
        let back = swap << 2 | swap << 3;
        let idx = _mm512_sub_epi8(
            _mm512_add_epi8(lanes(), _mm512_maskz_mov_epi8(fwd, splat(2))),
            _mm512_maskz_mov_epi8(back, splat(2)),
        );
        flags = _mm512_permutexvar_epi8(idx, flags);
        out_lead = _mm512_permutexvar_epi8(idx, out_lead);
        out_cont = _mm512_permutexvar_epi8(idx, out_cont);
        _mm512_permutexvar_epi8(idx, x)
    } else {
        x
    };

    let keep = ascii
        | (test(flags, KEEP_LEAD) & lead)
        | ((test(flags, KEEP_CONT) & lead) << 1)
        | ((test(flags, KEEP_CONT2) & gp) << 2);
    let bytes = _mm512_mask_blend_epi8(lead, x, out_lead);
    let bytes = _mm512_mask_blend_epi8(cont, bytes, shift_up1(out_cont));
    let bytes = if gp != 0 {
        _mm512_mask_blend_epi8(gp << 2, bytes, shift_up2(out_cont2))
    } else {
        bytes
    };
    let packed = _mm512_maskz_compress_epi8(keep, bytes);
    // SAFETY: kind 3: `out` is a 64-byte array.
    unsafe { _mm512_storeu_si512(out.as_mut_ptr().cast(), packed) };

    let changed = test(flags, CHANGED) & lead;
    // Swapping marks moves flags, not the unsafe set: the same lanes hold marks.
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

/// [`BlockLoop::run`] with [`head_block`], compiled with this kernel's features.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2")]
pub(super) fn drive<L: BlockLoop>(t: &PageTables, nfc: bool, l: L) -> L::Output {
    l.run(|window, out| head_block(window, t, nfc, out))
}
