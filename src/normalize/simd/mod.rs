//! The SIMD kernels of the two hot loops (finding candidate bytes, and rewriting blocks of
//! Arabic text through a compiled table), and the choice of which kernel runs.
//!
//! # Which kernel runs
//! At run time, the best this CPU has: [`Kernel::Avx512`] (F, BW, VBMI, VBMI2: Ice Lake
//! and later Xeons, Zen 4), else [`Kernel::Avx2`] (with BMI1, BMI2, POPCNT, LZCNT: Haswell,
//! Zen 1 and later, most laptops and cloud machines), else [`Kernel::Scalar`] (plain Rust:
//! ARM, old x86). `NASKH_SIMD=avx512|avx2|off` forces one; a value naming a kernel the CPU
//! lacks, or an unknown value, is an error the library records ([`Kernel::from_env`]) and
//! the command line reports; the library itself then runs the best kernel the CPU has.
//! [`Kernel::run`] forces a kernel on one thread, so that tests check each kernel
//! explicitly. Every kernel gives the same output on every input: the scalar path is the
//! reference, and property tests compare each kernel the CPU has with it.
//!
//! # Why `unsafe` is here, and why it is sound
//! This is the only module of the crate allowed `unsafe` code: its kernels are
//! `#[target_feature]` functions, which may only run on a CPU that has the features, and
//! they load and store vectors through raw pointers. Why: the plain-Rust path needs about
//! 10 instructions per byte of vowelled text for the table pass; the AVX2 kernel does a
//! 64-byte block in about 3 per byte, the AVX-512 one in about 1 (`benches/normalize.rs`
//! has the figures per kernel).
//!
//! Every `unsafe` block is one of these kinds:
//! 1. calling a `#[target_feature]` function: done only through a [`Simd`] token, which
//!    can only be made ([`Simd::active`]) for a kernel whose features run-time detection
//!    (`is_x86_feature_detected!`) confirmed; each wrapper below calls only the functions
//!    of the token's own kernel, whose features are a subset of what was detected (one
//!    exception: [`control_mask`] runs the AVX2 function for an AVX-512 token, only after
//!    checking that AVX2's features were detected as well);
//! 2. unaligned vector loads (`_mm512_loadu_si512`, `_mm256_loadu_si256`,
//!    `_mm_loadu_si128`, `_mm_loadl_epi64`) from a borrowed array or slice, at an offset
//!    checked (by a type's fixed length, an `assert!`, or a `debug_assert!` on a constant
//!    argument) to leave the whole vector inside it; unaligned loads have no alignment
//!    requirement;
//! 3. unaligned vector stores (`_mm512_storeu_si512`, `_mm256_storeu_si256`,
//!    `_mm_storel_epi64`) into a `&mut` array at an offset that keeps the whole vector
//!    inside it;
//! 4. `String::from_utf8_unchecked` right after simdutf8 validated the same bytes.
//!
//! No pointer arithmetic beyond a fixed array, no uninitialised memory, no lifetimes
//! extended. The kernels' output is checked against the scalar path by property tests
//! (`tests/normalize_kernels.rs`), on every kernel the CPU has.
#![allow(unsafe_code)]

use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

use super::scan::PairLut;

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;

/// The instruction sets the normaliser's hot loops have kernels for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kernel {
    /// AVX-512 F, BW, VBMI and VBMI2: 64 bytes per step, byte permutes for the lookups
    /// and `vpcompressb` for deletions.
    Avx512,
    /// AVX2 (with BMI1, BMI2, POPCNT and LZCNT): 64 bytes per step as two 32-byte
    /// halves, nibble shuffles for the lookups.
    Avx2,
    /// Plain Rust, on every CPU: one character per step through a packed table.
    Scalar,
}

impl Kernel {
    /// Every kernel, fastest first.
    pub const ALL: [Kernel; 3] = [Kernel::Avx512, Kernel::Avx2, Kernel::Scalar];

    /// The name `NASKH_SIMD` takes for it (`avx512`, `avx2`, `off`).
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Avx512 => "avx512",
            Kernel::Avx2 => "avx2",
            Kernel::Scalar => "off",
        }
    }

    /// The CPU features the kernel needs, as `is_x86_feature_detected!` names them.
    pub fn features(self) -> &'static [&'static str] {
        match self {
            Kernel::Avx512 => &["avx512f", "avx512bw", "avx512vbmi", "avx512vbmi2"],
            Kernel::Avx2 => &["avx2", "bmi1", "bmi2", "popcnt", "lzcnt"],
            Kernel::Scalar => &[],
        }
    }

    /// `true` when this CPU can run the kernel (checked once, at first use).
    pub fn is_supported(self) -> bool {
        static SUPPORTED: OnceLock<[bool; 3]> = OnceLock::new();
        let s = SUPPORTED.get_or_init(|| Kernel::ALL.map(detect));
        s[self as usize]
    }

    /// The fastest kernel this CPU can run.
    pub fn best() -> Kernel {
        Kernel::ALL
            .into_iter()
            .find(|k| k.is_supported())
            .unwrap_or(Kernel::Scalar)
    }

    /// The kernel `NASKH_SIMD` asks for: the best this CPU has when it is unset, empty or
    /// `auto`. An error for an unknown value, or a kernel this CPU cannot run; the
    /// normaliser then runs [`Kernel::best`]. Read once per process.
    pub fn from_env() -> Result<Kernel, KernelError> {
        static CHOICE: OnceLock<Result<Kernel, KernelError>> = OnceLock::new();
        CHOICE
            .get_or_init(|| {
                let value = std::env::var_os("NASKH_SIMD").unwrap_or_default();
                Kernel::from_setting(&value.to_string_lossy())
            })
            .clone()
    }

    /// The kernel a `NASKH_SIMD` value asks for (see [`Kernel::from_env`]).
    pub fn from_setting(value: &str) -> Result<Kernel, KernelError> {
        let kernel = match value {
            "" | "auto" => return Ok(Kernel::best()),
            "avx512" => Kernel::Avx512,
            "avx2" => Kernel::Avx2,
            "off" => Kernel::Scalar,
            other => {
                return Err(KernelError::Unknown {
                    value: other.to_string(),
                });
            }
        };
        if kernel.is_supported() {
            Ok(kernel)
        } else {
            Err(KernelError::Unsupported { kernel })
        }
    }

    /// The kernel normalisation uses on this thread now: the one [`Kernel::run`] forces,
    /// else the one `NASKH_SIMD` asks for, else the best the CPU has.
    pub fn active() -> Kernel {
        Simd::active().0
    }

    /// Run `f` with this kernel forced on the current thread (texts normalised by `f` on
    /// other threads are not affected). An error if the CPU cannot run the kernel. For
    /// tests and benchmarks that must check or measure one kernel whatever the CPU's best.
    ///
    /// ```
    /// use naskh::normalize::{Kernel, Profile, normalize_profile};
    ///
    /// let text = "أَعْلَنَتْ الحُكُومَةُ";
    /// let scalar = Kernel::Scalar.run(|| normalize_profile(text, Profile::Search).into_owned());
    /// assert_eq!(scalar.unwrap(), "اعلنت الحكومه");
    /// ```
    pub fn run<R>(self, f: impl FnOnce() -> R) -> Result<R, KernelError> {
        if !self.is_supported() {
            return Err(KernelError::Unsupported { kernel: self });
        }
        /// Puts the previous choice back, also when `f` panics.
        struct Restore(Option<Kernel>);
        impl Drop for Restore {
            fn drop(&mut self) {
                FORCED.with(|f| f.set(self.0));
            }
        }
        let _restore = Restore(FORCED.with(|f| f.replace(Some(self))));
        Ok(f())
    }
}

impl fmt::Display for Kernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kernel::Avx512 => "AVX-512",
            Kernel::Avx2 => "AVX2",
            Kernel::Scalar => "scalar",
        })
    }
}

/// A `NASKH_SIMD` value that cannot be honoured.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KernelError {
    /// Not one of `avx512`, `avx2`, `off`, `auto`.
    Unknown {
        /// The value given.
        value: String,
    },
    /// A kernel this CPU cannot run.
    Unsupported {
        /// The kernel asked for.
        kernel: Kernel,
    },
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelError::Unknown { value } => write!(
                f,
                "NASKH_SIMD=\"{}\": unknown value; expected avx512, avx2, off or auto",
                value.escape_debug()
            ),
            KernelError::Unsupported { kernel } => {
                let missing: Vec<&str> = kernel
                    .features()
                    .iter()
                    .copied()
                    .filter(|&f| !has_feature(f))
                    .collect();
                write!(
                    f,
                    "NASKH_SIMD={}: this CPU cannot run the {kernel} kernel (it lacks {}); \
                     the best it has is {}",
                    kernel.name(),
                    missing.join(", "),
                    Kernel::best().name()
                )
            }
        }
    }
}

impl std::error::Error for KernelError {}

thread_local! {
    /// The kernel [`Kernel::run`] forces on this thread.
    static FORCED: Cell<Option<Kernel>> = const { Cell::new(None) };
}

fn detect(k: Kernel) -> bool {
    k.features().iter().all(|f| has_feature(f))
}

#[cfg(target_arch = "x86_64")]
fn has_feature(f: &str) -> bool {
    match f {
        "avx512f" => is_x86_feature_detected!("avx512f"),
        "avx512bw" => is_x86_feature_detected!("avx512bw"),
        "avx512vbmi" => is_x86_feature_detected!("avx512vbmi"),
        "avx512vbmi2" => is_x86_feature_detected!("avx512vbmi2"),
        "avx2" => is_x86_feature_detected!("avx2"),
        "bmi1" => is_x86_feature_detected!("bmi1"),
        "bmi2" => is_x86_feature_detected!("bmi2"),
        "popcnt" => is_x86_feature_detected!("popcnt"),
        "lzcnt" => is_x86_feature_detected!("lzcnt"),
        _ => false,
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn has_feature(_: &str) -> bool {
    false
}

/// Proof that the kernel it names can run on this CPU: made only by [`Simd::active`],
/// which hands out nothing but detected kernels. The wrappers below take it, so that no
/// caller can reach a kernel the CPU lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Simd(Kernel);

impl Simd {
    /// The kernel to use now (see [`Kernel::active`]).
    #[inline]
    pub(crate) fn active() -> Simd {
        static GLOBAL: OnceLock<Kernel> = OnceLock::new();
        let k = FORCED.with(Cell::get).unwrap_or_else(|| {
            *GLOBAL.get_or_init(|| Kernel::from_env().unwrap_or_else(|_| Kernel::best()))
        });
        // `FORCED` and `from_env` only ever hold supported kernels; checked anyway, as the
        // soundness of every call below rests on it.
        if k.is_supported() {
            Simd(k)
        } else {
            Simd(Kernel::Scalar)
        }
    }

    /// `true` when a vector kernel runs (the scalar path otherwise).
    pub(crate) fn is_vector(self) -> bool {
        self.0 != Kernel::Scalar
    }
}

/// `bytes` as a `String` if they are valid UTF-8, validated by simdutf8 (5–18 GB/s, where
/// std's validator runs at ~1 GB/s on Arabic); the bytes back if not.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: kind 4: validated as UTF-8 on the line above.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// The output of a table pass as a `String`. Every piece appended to `bytes` was a whole
/// UTF-8 sequence (an input character, a table entry, or a kernel block, which keeps or
/// drops a character's bytes together); it is validated anyway.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    utf8_string(bytes).unwrap_or_else(|bytes| {
        debug_assert!(false, "kernel produced invalid UTF-8");
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Bit `k` set when `lut.first[window[k]] & lut.next[window[k + 1]] != 0`. Only for a
/// vector kernel (`simd.is_vector()`).
pub(crate) fn pair_mask(simd: Simd, window: &[u8; 65], lut: &PairLut) -> u64 {
    match simd.0 {
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512::pair_mask(window, lut) },
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2::pair_mask(window, lut) },
        _ => scalar_pair_mask(window, lut),
    }
}

/// [`pair_mask`] a byte at a time (what a vector kernel must agree with).
pub(crate) fn scalar_pair_mask(window: &[u8; 65], lut: &PairLut) -> u64 {
    (0..64).fold(0, |m, k| {
        let hit = lut.first[window[k] as usize] & lut.next[window[k + 1] as usize] != 0;
        m | (hit as u64) << k
    })
}

/// Bit `k` set when [`control_hit`] holds for `(window[k], window[k + 1])`. Only for a
/// vector kernel (`simd.is_vector()`). An AVX-512 token runs the AVX2 code (a CPU with
/// AVX-512 has AVX2: checked, as the proof rests on it): at about one instruction per
/// byte, the scan leaves little for a wider kernel to win.
pub(crate) fn control_mask(simd: Simd, window: &[u8; 65]) -> u64 {
    match simd.0 {
        // SAFETY: kind 1: the token's kernel was detected, and for AVX-512 the AVX2
        // kernel's features too (`is_supported` runs the same detection).
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 | Kernel::Avx512 if Kernel::Avx2.is_supported() => unsafe {
            avx2::control_mask(window)
        },
        _ => scalar_control_mask(window),
    }
}

/// [`control_mask`] a byte at a time (what a vector kernel must agree with).
pub(crate) fn scalar_control_mask(window: &[u8; 65]) -> u64 {
    (0..64).fold(0, |m, k| {
        m | (control_hit(window[k], window[k + 1]) as u64) << k
    })
}

/// `true` if the pair of bytes `(a, b)` may start a control character
/// (`strip-control-chars`: C0 but TAB, LF and CR; DEL; C1, which is C2 80..C2 9F in
/// UTF-8) or a tag character (`strip-tag-chars`: F3 A0 80 80..F3 A0 81 BF).
#[inline]
pub(crate) fn control_hit(a: u8, b: u8) -> bool {
    (a < 0x20 && !matches!(a, b'\t' | b'\n' | b'\r'))
        | (a == 0x7F)
        | ((a == 0xC2) & (b < 0xA0))
        | ((a == 0xF3) & (b == 0xA0))
}

/// Bit `k` set when `window[k + 1]` starts tight punctuation (`! , . : ; ?` or ، ؛ ؟)
/// that spacing may have to act on: a space or tab right before it, or a byte of a
/// non-ASCII character or `"` right after it. `window[0]` is the byte before the block
/// (0 at the start of the text); `window[65..67]` the bytes after it. With `spaces`,
/// also a tab, and a space or newline followed by whitespace (a run `collapse-spaces` may
/// rewrite). Only for a vector kernel.
pub(crate) fn punct_mask(simd: Simd, window: &[u8; 67], punct: bool, spaces: bool) -> u64 {
    match simd.0 {
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512::punct_mask(window, punct, spaces) },
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2::punct_mask(window, punct, spaces) },
        _ => scalar_punct_mask(window, punct, spaces),
    }
}

/// [`punct_mask`] a byte at a time (what a vector kernel must agree with).
pub(crate) fn scalar_punct_mask(window: &[u8; 67], punct: bool, spaces: bool) -> u64 {
    (0..64).fold(0, |m, k| {
        let w = [window[k], window[k + 1], window[k + 2], window[k + 3]];
        m | (punct_hit(w, punct, spaces) as u64) << k
    })
}

/// Whether the byte `w[1]` (with `w[0]` before it and `w[2]`, `w[3]` after it; 0 past
/// either end of the text) is one [`punct_mask`] reports.
#[inline]
pub(crate) fn punct_hit(w: [u8; 4], punct: bool, spaces: bool) -> bool {
    let [before, x, y, z] = w;
    let joins = |b: u8| b >= 0x80 || b == b'"';
    let spaced = before == b' ' || before == b'\t';
    (punct
        && ((matches!(x, b'!' | b',' | b'.' | b':' | b';' | b'?') && (spaced || joins(y)))
            || (x == 0xD8 && matches!(y, 0x8C | 0x9B | 0x9F) && (spaced || joins(z)))))
        || (spaces
            && (x == b'\t' || (matches!(x, b' ' | b'\n') && matches!(y, b' ' | b'\t' | b'\n'))))
}

/// Per-code-point data for the three pages the block kernels handle: U+0600–U+06FF
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
    /// The first two output bytes of each character, for kernels that write changed
    /// characters one at a time (`lead | cont << 8`).
    pub(crate) ar_out: [u16; 256],
    pub(crate) l1_out: [u16; 128],
    pub(crate) gp_out: [u16; 128],
    /// The same facts in one byte per character, for kernels that look up one table per
    /// block: [`C_CHANGED`], [`C_SHORT`], [`C_FALLBACK`], [`C_QC`], and in the top four
    /// bits the rank of the combining class among the pages' classes (0 for none; the
    /// order of ranks is the order of classes), or [`C_KEEP_CONT2`] for the three-byte
    /// page, which has no marks.
    pub(crate) ar_compact: [u8; 256],
    pub(crate) l1_compact: [u8; 128],
    pub(crate) gp_compact: [u8; 128],
}

/// Compact: the table changes the character and keeps at least its first byte.
pub(crate) const C_CHANGED: u8 = 1;
/// Compact: the output keeps fewer than two bytes. With [`C_CHANGED`]: one; without: the
/// character is deleted. Neither: unchanged, or changed keeping two bytes or more.
pub(crate) const C_SHORT: u8 = 2;
/// Compact: as [`FALLBACK`].
pub(crate) const C_FALLBACK: u8 = 4;
/// Compact: as [`NFC_QC_NOT_YES`].
pub(crate) const C_QC: u8 = 8;
/// Compact, three-byte page: as [`KEEP_CONT2`].
pub(crate) const C_KEEP_CONT2: u8 = 16;
/// Compact: where the rank of the combining class starts.
pub(crate) const C_RANK_SHIFT: u8 = 4;

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

/// What a kernel's block function did with a 64-byte window (see [`drive_head_blocks`]). Masks have bit `k` for lane `k`; the
/// caller may keep only a prefix of the block (the output of a prefix is the first
/// `popcount(keep & prefix)` bytes, since compression keeps order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

/// A loop over 64-byte blocks that a vector kernel drives: [`drive_head_blocks`] hands
/// [`BlockLoop::run`] the kernel's block function from inside a function compiled with
/// the kernel's features, so that the loop (marked `#[inline(always)]`) is compiled with
/// them too and the block function is inlined into it.
pub(crate) trait BlockLoop {
    /// What the loop returns.
    type Output;
    /// Run the loop; `block` is the kernel's block function with the tables and `nfc`
    /// bound.
    fn run(self, block: impl FnMut(&[u8; 66], &mut [u8; 64]) -> HeadBlock) -> Self::Output;
}

/// Run `l` with the block function of `simd`'s kernel for tables `t`. Without a vector
/// kernel, every block goes to the scalar path.
pub(crate) fn drive_head_blocks<L: BlockLoop>(
    simd: Simd,
    t: &PageTables,
    nfc: bool,
    l: L,
) -> L::Output {
    match simd.0 {
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512::drive(t, nfc, l) },
        // SAFETY: kind 1: the token's kernel was detected.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2::drive(t, nfc, l) },
        _ => {
            let _ = (t, nfc);
            l.run(|_, _| HeadBlock::default())
        }
    }
}

// What a kernel's `head_block(window, tables, nfc, out)` does (each kernel module has
// one, reached through `drive_head_blocks`): rewrite up to the first 64 bytes of
// `window` (which starts on a character boundary) through the tables, writing the kept
// bytes to the front of `out`. With `nfc`, first put pairs of marks in canonical order
// and report the NFC problems it does not fix. Return `lanes == 0` if the block holds a
// character of another page, or one whose mapping does not fit.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_unknown_values_are_errors() {
        assert_eq!(Kernel::from_setting("off"), Ok(Kernel::Scalar));
        assert_eq!(Kernel::from_setting(""), Ok(Kernel::best()));
        assert_eq!(Kernel::from_setting("auto"), Ok(Kernel::best()));
        let e = Kernel::from_setting("avx3\u{202E}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "NASKH_SIMD=\"avx3\\u{202e}\": unknown value; expected avx512, avx2, off or auto"
        );
        for k in [Kernel::Avx512, Kernel::Avx2] {
            match Kernel::from_setting(k.name()) {
                Ok(got) => assert!(got == k && k.is_supported()),
                Err(e) => {
                    assert!(!k.is_supported());
                    assert!(e.to_string().contains("this CPU cannot run"), "{e}");
                }
            }
        }
    }

    /// The controls scan of every kernel this CPU runs agrees with the byte-at-a-time
    /// mask on every pair of bytes, in every lane (and across the two halves).
    #[test]
    fn control_mask_agrees_with_scalar_on_every_byte_pair() {
        for k in Kernel::ALL.into_iter().filter(|k| k.is_supported()) {
            let simd = Simd(k);
            for a in 0..=255u8 {
                for b in 0..=255u8 {
                    let mut w = [0u8; 65];
                    for (j, x) in w.iter_mut().enumerate() {
                        *x = if j % 2 == 0 { a } else { b };
                    }
                    assert_eq!(
                        control_mask(simd, &w),
                        scalar_control_mask(&w),
                        "{k}: {a:#x} {b:#x}"
                    );
                }
            }
            // Known answers: DEL, C1 (C2 85), a tag (F3 A0), and what is kept.
            let mut w = [b'a'; 65];
            w[3] = 0x7F;
            (w[31], w[32]) = (0xC2, 0x85);
            (w[40], w[41]) = (0xC2, 0xAB);
            (w[63], w[64]) = (0xF3, 0xA0);
            w[10] = b'\t';
            w[11] = 0x1A;
            let want = 1 << 3 | 1 << 31 | 1 << 63 | 1 << 11;
            assert_eq!(control_mask(simd, &w), want, "{k}");
        }
    }

    #[test]
    fn run_forces_a_kernel_on_this_thread_only_and_restores_it() {
        let before = Kernel::active();
        let inside = Kernel::Scalar.run(|| {
            let other = std::thread::spawn(Kernel::active).join().unwrap();
            (Kernel::active(), other)
        });
        assert_eq!(inside, Ok((Kernel::Scalar, before)));
        assert_eq!(Kernel::active(), before);
        for k in Kernel::ALL {
            assert_eq!(k.run(Kernel::active).ok(), k.is_supported().then_some(k));
        }
    }
}
