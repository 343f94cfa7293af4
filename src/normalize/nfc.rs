//! Unicode NFC and NFKC, applied only where the quick check says they are needed.
//!
//! The `unicode-normalization` crate's `nfc()` runs at 40–100 MB/s on Arabic: calling it
//! on every input would make it the bottleneck. This stage scans with the Unicode quick
//! check (canonical combining class order and the `NFC_QC`/`NFKC_QC` property) and hands
//! only the cluster around a failure, from the last safe starter to the next, to the crate.

use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

use super::edit::Editor;
use super::scan::PairSet;

/// Which normalisation form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    Nfc,
    Nfkc,
}

/// Quick-check properties of 256 consecutive code points, for one form.
struct Page {
    ccc: [u8; 256],
    yes: [u64; 4],
}

/// The pages of each form, made on first use: the two quick checks apart, as a process
/// that normalises to NFC never needs NFKC's (which cost as much again to build).
static PAGES: [[OnceLock<Page>; 256]; 2] = [
    [const { OnceLock::new() }; 256],
    [const { OnceLock::new() }; 256],
];

fn page(p: usize, form: Form) -> &'static Page {
    PAGES[form as usize][p].get_or_init(|| {
        let mut page = Page {
            ccc: [0; 256],
            yes: [0; 4],
        };
        for k in 0..256 {
            let Some(c) = char::from_u32(((p << 8) | k) as u32) else {
                page.yes[k / 64] |= 1 << (k % 64);
                continue;
            };
            page.ccc[k] = canonical_combining_class(c);
            let qc = match form {
                Form::Nfc => is_nfc_quick(std::iter::once(c)),
                Form::Nfkc => is_nfkc_quick(std::iter::once(c)),
            };
            if qc == IsNormalized::Yes {
                page.yes[k / 64] |= 1 << (k % 64);
            }
        }
        page
    })
}

/// Canonical combining class and "quick check says Yes" for `c` in `form`.
#[inline]
pub(crate) fn props(c: u32, form: Form) -> (u8, bool) {
    if c < 0x300 && (form == Form::Nfc || c < 0xA0) {
        // Nothing below U+0300 combines or has a canonical decomposition; below U+00A0
        // nothing has a compatibility decomposition either.
        return (0, true);
    }
    if c > 0xFFFF {
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        let qc = match form {
            Form::Nfc => is_nfc_quick(std::iter::once(ch)),
            Form::Nfkc => is_nfkc_quick(std::iter::once(ch)),
        };
        return (canonical_combining_class(ch), qc == IsNormalized::Yes);
    }
    let pg = page((c >> 8) as usize, form);
    let k = (c & 0xFF) as usize;
    (pg.ccc[k], pg.yes[k / 64] & (1 << (k % 64)) != 0)
}

/// The code point starting at byte `i` of valid UTF-8 and its length, when it is below
/// U+0800 (one or two bytes: ASCII, Latin and Arabic): what the per-character tables
/// index directly. A lead byte below 0xE0 starts a sequence of at most two bytes.
#[inline(always)]
pub(crate) fn decode_low(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let x = bytes[i];
    if x < 0x80 {
        Some((usize::from(x), 1))
    } else if x < 0xE0 {
        Some((
            (usize::from(x & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F),
            2,
        ))
    } else {
        None
    }
}

/// The code point starting at byte `i` of valid UTF-8, and its length.
#[inline]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b = bytes[i];
    if b < 0x80 {
        (b as u32, 1)
    } else if b < 0xE0 {
        (((b as u32 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
    } else if b < 0xF0 {
        (
            ((b as u32 & 0x0F) << 12)
                | ((bytes[i + 1] as u32 & 0x3F) << 6)
                | (bytes[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b as u32 & 0x07) << 18)
                | ((bytes[i + 1] as u32 & 0x3F) << 12)
                | ((bytes[i + 2] as u32 & 0x3F) << 6)
                | (bytes[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// CAMeL Tools replaces these two before NFKC (U+FDFC's NFKC uses the Persian yeh;
/// U+FDFD has no decomposition).
fn camel_fix(c: u32) -> Option<&'static str> {
    match c {
        0xFDFC => Some("\u{0631}\u{064A}\u{0627}\u{0644}"),
        0xFDFD => Some("بسم الله الرحمن الرحيم"),
        _ => None,
    }
}

/// `true` if `c` is not a safe starter for `form`: composing with or reordering around
/// its neighbours is possible.
pub(crate) fn is_unsafe(c: char, form: Form) -> bool {
    let (ccc, yes) = props(c as u32, form);
    ccc != 0 || !yes
}

/// Byte pairs that may start a character that is not a safe NFC starter: exactly for the
/// Arabic block (marks U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED), and
/// conservatively elsewhere (every lead byte from U+0300 to U+05FF and from U+0700 up).
static NFC_CANDIDATES: PairSet<6> = PairSet::new([
    (0xD9, 0xD9, 0x8B, 0x9F),
    (0xD9, 0xD9, 0xB0, 0xB0),
    (0xD8, 0xD8, 0x90, 0x9A),
    (0xDB, 0xDB, 0x96, 0xAD),
    (0xCC, 0xD7, 0x00, 0xFF),
    (0xDC, 0xFF, 0x00, 0xFF),
]);

/// Byte pairs that may start a character that is not a safe NFKC starter, for the
/// vector scan: the Arabic marks as for NFC and U+0670–U+0678 (the dagger alef and the
/// letters with a compatibility decomposition), U+00A0–U+00BF, and conservatively every
/// lead byte from U+0100 to U+05FF and from U+0700 up (CAMeL's two fixes, U+FDFC and
/// U+FDFD, are three bytes). The byte-pair trigger table was exact but went a byte at a
/// time: 15 instructions a byte of news, most of the `camel` profile's time.
static NFKC_CANDIDATES: PairSet<7> = PairSet::new([
    (0xC2, 0xC2, 0xA0, 0xBF),
    (0xC4, 0xD7, 0x00, 0xFF),
    (0xD8, 0xD8, 0x90, 0x9A),
    (0xD9, 0xD9, 0x8B, 0x9F),
    (0xD9, 0xD9, 0xB0, 0xB8),
    (0xDB, 0xDB, 0x96, 0xAD),
    (0xDC, 0xFF, 0x00, 0xFF),
]);

/// Start of the character that ends at `p` (0 if `p` is 0).
pub(crate) fn prev_char_start(bytes: &[u8], p: usize) -> usize {
    let mut q = p.saturating_sub(1);
    while q > 0 && (0x80..0xC0).contains(&bytes[q]) {
        q -= 1;
    }
    q
}

/// Normalise `input` to `form`. Returns how many clusters changed.
pub(crate) fn apply(input: &str, form: Form, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let n = bytes.len();
    let mut changed = 0;
    let mut normalized = String::new();
    let mut marks: Vec<(u8, usize, usize)> = Vec::new();
    let mut from = 0;
    // The run of unsafe characters being scanned: where it ends, the combining class of
    // its last character, and the safe starter before it.
    let mut run_end = usize::MAX;
    let mut last_ccc = 0u8;
    let mut run_safe = 0usize;
    // End of the last edit: a new span never reaches back before it.
    let mut floor = 0usize;
    let mut nfc_scan = NFC_CANDIDATES.scan(bytes);
    let mut nfkc_scan = NFKC_CANDIDATES.scan(bytes);
    let mut next = |from: usize| match form {
        Form::Nfc => nfc_scan.next_from(from),
        Form::Nfkc => nfkc_scan.next_from(from),
    };
    let arabic = page(6, Form::Nfc);
    let mut inline_next: Option<usize> = None;
    while let Some(p) = inline_next.take().or_else(|| next(from)) {
        let (c, len) = decode(bytes, p);
        from = p + len;
        // Vowelled text has a mark every other letter: walk on through the two-byte
        // Arabic characters that follow instead of asking the scanner for each mark.
        if from + 1 < n && bytes[from] & 0xFC == 0xD8 {
            inline_next = Some(from);
        }
        if form == Form::Nfkc
            && let Some(fix) = camel_fix(c)
        {
            ed.replace(p..p + len, fix);
            changed += 1;
            run_end = usize::MAX;
            floor = p + len;
            continue;
        }
        let (ccc, yes) = if c >> 8 == 6 && form == Form::Nfc {
            let k = (c & 0xFF) as usize;
            (arabic.ccc[k], arabic.yes[k / 64] & (1 << (k % 64)) != 0)
        } else {
            props(c, form)
        };
        if ccc == 0 && yes {
            run_end = usize::MAX;
            continue;
        }
        if p != run_end {
            // A new run: the character before it is a safe starter (or there is none).
            run_safe = prev_char_start(bytes, p).max(floor);
            last_ccc = 0;
        }
        if (ccc != 0 && last_ccc > ccc) || !yes {
            let start = run_safe;
            let mut j = p + len;
            let mut all_yes = yes;
            while j < n {
                let (c2, len2) = decode(bytes, j);
                let (ccc2, yes2) = props(c2, form);
                if ccc2 == 0 && yes2 || camel_fix(c2).is_some() {
                    break;
                }
                all_yes &= yes2;
                j += len2;
            }
            normalized.clear();
            if form == Form::Nfc
                && all_yes
                && reorder_marks(&input[start..j], &mut marks, &mut normalized)
            {
                // Only the order of the marks was wrong (shadda typed before the vowel,
                // the common case): a stable sort by combining class is the whole of NFC.
            } else {
                normalized.clear();
                match form {
                    Form::Nfc => normalized.extend(input[start..j].nfc()),
                    Form::Nfkc => normalized.extend(input[start..j].nfkc()),
                }
            }
            if normalized != input[start..j] {
                ed.replace_tight(start..j, &normalized);
                changed += 1;
            }
            from = j;
            floor = j;
            run_end = usize::MAX;
            inline_next = None;
            continue;
        }
        last_ccc = ccc;
        run_end = p + len;
    }
    changed
}

/// Append the NFC of `span` (a cluster: a safe starter or none, then characters that are
/// not safe starters) to `out`: a stable sort of the marks when every character is quick
/// check Yes and only their order can be wrong, else the `unicode-normalization` crate.
/// `marks` is scratch space.
pub(crate) fn nfc_cluster_into(span: &str, marks: &mut Vec<(u8, usize, usize)>, out: &mut String) {
    let all_yes = span.chars().all(|c| props(c as u32, Form::Nfc).1);
    if !(all_yes && reorder_marks(span, marks, out)) {
        out.extend(span.nfc());
    }
}

/// Canonical ordering of `span` (a safe starter, or none, then characters that are all
/// NFC quick-check Yes, so that nothing composes): the characters of non-zero combining
/// class between starters are stably sorted by class. Writes the result to `out`;
/// returns `false` (leaving `out` unspecified) if a character of class 0 other than
/// the first is met, which this does not handle.
fn reorder_marks(span: &str, marks: &mut Vec<(u8, usize, usize)>, out: &mut String) -> bool {
    marks.clear();
    let mut chars = span.char_indices();
    let mut head = 0;
    for (i, c) in chars.by_ref() {
        let ccc = props(c as u32, Form::Nfc).0;
        if i == 0 && ccc == 0 {
            head = c.len_utf8();
            continue;
        }
        if ccc == 0 {
            return false;
        }
        marks.push((ccc, i, i + c.len_utf8()));
    }
    marks.sort_by_key(|m| m.0);
    out.push_str(&span[..head]);
    for &(_, a, b) in marks.iter() {
        out.push_str(&span[a..b]);
    }
    true
}

/// `true` if `c` is a combining mark (non-zero canonical combining class).
pub(crate) fn is_mark(c: char) -> bool {
    props(c as u32, Form::Nfc).0 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(form: Form, s: &str) -> String {
        let mut ed = Editor::new(s, false);
        apply(s, form, &mut ed);
        ed.finish().map(|e| e.text).unwrap_or_else(|| s.to_string())
    }

    /// Every character that is not a safe starter (and CAMeL's two fixes) is a candidate
    /// of its form's scan: the scans may find more, never less.
    #[test]
    fn the_candidate_scans_find_every_unsafe_character() {
        let samples = (0x80..0x800u32).chain([0x0800, 0x2026, 0xFDFC, 0xFDFD, 0xFEFB, 0x1F600]);
        for cp in samples {
            let c = char::from_u32(cp).expect("no surrogates sampled");
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            for (form, set) in [
                (Form::Nfc, &NFC_CANDIDATES.scan(bytes).next_from(0)),
                (Form::Nfkc, &NFKC_CANDIDATES.scan(bytes).next_from(0)),
            ] {
                let must = is_unsafe(c, form) || (form == Form::Nfkc && camel_fix(cp).is_some());
                assert!(
                    !must || *set == Some(0),
                    "U+{cp:04X} missed by the {form:?} scan"
                );
            }
        }
    }

    #[test]
    fn composes_alef_with_hamza_above() {
        assert_eq!(run(Form::Nfc, "\u{0627}\u{0654}"), "\u{0623}");
        assert_eq!(
            run(Form::Nfc, "\u{0648}\u{0654} \u{064A}\u{0654}"),
            "\u{0624} \u{0626}"
        );
    }

    #[test]
    fn orders_shadda_after_vowel() {
        // shadda (ccc 33) typed before fatha (ccc 30)
        assert_eq!(
            run(Form::Nfc, "\u{0628}\u{0651}\u{064E}"),
            "\u{0628}\u{064E}\u{0651}"
        );
    }

    #[test]
    fn leaves_normalised_text_alone() {
        let s = "قال لافروف: «نقدّر فرصة» café 😀 €";
        let mut ed = Editor::new(s, false);
        assert_eq!(apply(s, Form::Nfc, &mut ed), 0);
        assert!(ed.finish().is_none());
    }

    #[test]
    fn nfkc_with_camel_fixes() {
        assert_eq!(run(Form::Nfkc, "x² \u{FDFC}"), "x2 ريال");
        assert_eq!(run(Form::Nfkc, "\u{FEFB}"), "\u{0644}\u{0627}");
    }

    #[test]
    fn matches_the_crate_on_mixed_input() {
        let s = "e\u{0301}\u{0327} \u{1100}\u{1161}\u{11A8} \u{0627}\u{0651}\u{064E}\u{0654}";
        assert_eq!(run(Form::Nfc, s), s.nfc().collect::<String>());
        assert_eq!(run(Form::Nfkc, s), s.nfkc().collect::<String>());
    }
}
