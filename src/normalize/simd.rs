//! AVX-512 kernels for the two hot loops: finding candidate bytes (64 at a time) and
//! rewriting blocks of Arabic text through a compiled table (look up, replace, compress).
//!
//! # Why `unsafe` is here, and why it is sound
//! This is the only module of the crate allowed `unsafe` code. Scalar Rust tops out near
//! 0.4–0.5 GB/s for a per-character table pass on Arabic UTF-8 (measured: a plain
//! `chars()` loop, a branch-free byte loop and a run-copying loop all land there), which is
//! the speed of the `arabic-normalize` crate itself; the issue asks for twice that. The
//! kernels here process 64 bytes per step (see `benches/normalize.rs` for the figures).
//!
//! Every `unsafe` block is one of three kinds:
//! 1. calling a `#[target_feature]` function: done only after [`avx512`] has confirmed at
//!    run time (`is_x86_feature_detected!`) that the CPU has every feature the function
//!    enables;
//! 2. unaligned loads (`_mm512_loadu_si512`) from a `&[u8; 65]` or `&[u8; 64]` / `[u8; 256]`
//!    borrowed array: the pointer is valid for the 64 bytes read, and `loadu` has no
//!    alignment requirement;
//! 3. unaligned stores (`_mm512_storeu_si512`) into a `&mut [u8; 64]`: valid for 64 bytes.
//!
//! No pointer arithmetic beyond a fixed array, no uninitialised memory, no lifetimes
//! extended. The kernels' output is checked against the scalar path by property tests
//! (`tests/normalize_props.rs`), and `NASKH_SIMD=off` switches them off.
#![allow(unsafe_code)]

use std::sync::OnceLock;

use super::scan::PairLut;

/// `true` when the AVX-512 kernels can run on this CPU (and `NASKH_SIMD` is not `off`).
pub(crate) fn avx512() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        if std::env::var_os("NASKH_SIMD").is_some_and(|v| v == "off") {
            return false;
        }
        detect()
    })
}

#[cfg(target_arch = "x86_64")]
fn detect() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vbmi")
        && is_x86_feature_detected!("avx512vbmi2")
}

#[cfg(not(target_arch = "x86_64"))]
fn detect() -> bool {
    false
}

/// `bytes` as a `String` if they are valid UTF-8, validated by simdutf8 (~18 GB/s, where
/// std's validator runs at ~1 GB/s on Arabic); the bytes back if not.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: kind 4: validated as UTF-8 on the line above.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// The output of the kernel path as a `String`. Every piece appended to `bytes` was a
/// whole UTF-8 sequence (an input character, a table entry, or a kernel block, which
/// keeps or drops a character's bytes together); it is validated anyway.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    utf8_string(bytes).unwrap_or_else(|bytes| {
        debug_assert!(false, "kernel produced invalid UTF-8");
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Bit `k` set when `lut.first[window[k]] & lut.next[window[k + 1]] != 0`. Only call when
/// [`avx512`] is true.
pub(crate) fn pair_mask(window: &[u8; 65], lut: &PairLut) -> u64 {
    debug_assert!(avx512());
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: kind 1 (see the module docs): avx512() confirmed the features.
        unsafe { x86::pair_mask(window, lut) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (window, lut);
        unreachable!("avx512() is false off x86_64")
    }
}

/// Bit `k` set when `window[k + 1]` starts tight punctuation (`! , . : ; ?` or ، ؛ ؟)
/// that spacing may have to act on: a space or tab right before it, or a byte of a
/// non-ASCII character or `"` right after it. `window[0]` is the byte before the block
/// (0 at the start of the text); `window[65..67]` the bytes after it. With `spaces`,
/// also a tab, and a space or newline followed by whitespace (a run `collapse-spaces` may
/// rewrite). Only call when [`avx512`] is true.
pub(crate) fn punct_mask(window: &[u8; 67], punct: bool, spaces: bool) -> u64 {
    debug_assert!(avx512());
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: kind 1 (see the module docs): avx512() confirmed the features.
        unsafe { x86::punct_mask(window, punct, spaces) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (window, punct, spaces);
        unreachable!("avx512() is false off x86_64")
    }
}

/// Per-code-point data for the three pages the block kernel handles: U+0600–U+06FF
/// (Arabic, 256 entries), U+0080–U+00FF (Latin-1, 128 entries) and U+2000–U+207F
/// (General Punctuation: quotes, dashes, spaces, bidi marks; 128 entries). Flags are
/// [`KEEP_LEAD`] and the other `pub(crate) const`s below.
#[derive(Clone, Debug)]
pub(crate) struct PageTables {
    pub(crate) ar_lead: [u8; 256],
    pub(crate) ar_cont: [u8; 256],
    pub(crate) ar_flags: [u8; 256],
    pub(crate) ar_ccc: [u8; 256],
    pub(crate) l1_lead: [u8; 128],
    pub(crate) l1_cont: [u8; 128],
    pub(crate) l1_flags: [u8; 128],
    pub(crate) l1_ccc: [u8; 128],
    pub(crate) gp_lead: [u8; 128],
    pub(crate) gp_cont: [u8; 128],
    pub(crate) gp_cont2: [u8; 128],
    pub(crate) gp_flags: [u8; 128],
}

/// The first byte of the output is kept (unchanged, replaced, or an ASCII replacement).
pub(crate) const KEEP_LEAD: u8 = 1;
/// The second byte of the output is kept.
pub(crate) const KEEP_CONT: u8 = 2;
/// The table changes this character.
pub(crate) const CHANGED: u8 = 4;
/// Not a safe NFC starter (a mark, or a character NFC may compose).
pub(crate) const NFC_UNSAFE: u8 = 8;
/// NFC quick check is not Yes: a cluster to normalise.
pub(crate) const NFC_QC_NOT_YES: u8 = 16;
/// The mapping does not fit: the block goes to the scalar path.
pub(crate) const FALLBACK: u8 = 32;
/// The third byte of the output is kept (three-byte characters only).
pub(crate) const KEEP_CONT2: u8 = 64;

/// What [`head_block`] did with a 64-byte window. Masks have bit `k` for lane `k`; the
/// caller may keep only a prefix of the block (the output of a prefix is the first
/// `popcount(keep & prefix)` bytes, since compression keeps order).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HeadBlock {
    /// Lanes the block covers (fewer than 64 when a character is cut by the window's end),
    /// or 0 when the block needs the scalar path.
    pub(crate) lanes: usize,
    /// Lanes whose byte is written to the output.
    pub(crate) keep: u64,
    /// First lanes of characters the table changes.
    pub(crate) changed: u64,
    /// First lanes of pairs of marks that were put in canonical order.
    pub(crate) reordered: u64,
    /// Lanes of an NFC problem the kernel does not fix (marks out of order in a run of
    /// three or more, or a character whose quick check is not Yes).
    pub(crate) nfc_problem: u64,
    /// First lanes of unchanged characters that are not safe NFC starters, right after a
    /// changed one: the change may have given them a new neighbour to compose with.
    pub(crate) exposed: u64,
    /// First lanes of characters that are safe NFC starters (ASCII included).
    pub(crate) safe_starts: u64,
}

/// Rewrite up to the first 64 bytes of `window` (which starts on a character boundary)
/// through `t`, writing the kept bytes to the front of `out`. With `nfc`, first puts
/// pairs of marks in canonical order and reports the NFC problems it does not fix. Only
/// call when [`avx512`] is true. Returns `lanes == 0` if the block holds a character of
/// another page, or one whose mapping does not fit.
pub(crate) fn head_block(
    window: &[u8; 66],
    t: &PageTables,
    nfc: bool,
    out: &mut [u8; 64],
) -> HeadBlock {
    debug_assert!(avx512());
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: kind 1 (see the module docs): avx512() confirmed the features.
        unsafe { x86::head_block(window, t, nfc, out) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (window, t, nfc, out);
        unreachable!("avx512() is false off x86_64")
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    use super::*;

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
}
