//! UAX #29 word boundaries, fast for the characters of Arabic news text.
//!
//! The word diff splits blocks at Unicode word boundaries (`unicode-segmentation`'s
//! `split_word_bound_indices`), and on a 10 MB pair that split was a fifth of the
//! diff's work: a binary search in the Unicode tables for every character. Text made only
//! of ASCII, Latin-1, Latin Extended-A/B, combining diacritics, the Arabic blocks
//! (U+0600–U+06FF, U+0750–U+077F) and General Punctuation (U+2000–U+206F, but for the two
//! emoji-like marks ‼ ⁉) is split here instead, with the word-break categories of those
//! characters in a table and the rules of UAX #29 that can apply to them. Any other
//! character makes [`each`] return [`Unsupported`], and the caller splits with the crate:
//! the boundaries are the same either way (tests check the table against the crate,
//! character by character, and whole random strings).

use std::sync::LazyLock;

/// A word-break category (UAX #29, table 3), for the characters of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Cat {
    Other,
    Cr,
    Lf,
    Newline,
    /// Extend, Format and ZWJ (rule WB4 treats them alike; ZWJ's own rule, WB3c, needs
    /// an emoji, none of which is in the table).
    Extend,
    ALetter,
    Numeric,
    MidLetter,
    MidNum,
    /// MidNumLet and Single_Quote (MidNumLetQ: there is no Hebrew letter in the table).
    MidNumLetQ,
    ExtendNumLet,
    WSegSpace,
    /// Not in the table: the text goes to the crate.
    Unknown,
}

use Cat::*;

/// The category of `cp` in the table, `Unknown` outside it. Double_Quote is `Other`:
/// its rules (WB7b, WB7c) need a Hebrew letter.
fn category(cp: u32) -> Cat {
    match cp {
        0x0A => Lf,
        0x0B | 0x0C | 0x85 | 0x2028 | 0x2029 => Newline,
        0x0D => Cr,
        0x20 | 0x2000..=0x2006 | 0x2008..=0x200A | 0x205F => WSegSpace,
        0x27 | 0x2E | 0x2018 | 0x2019 | 0x2024 => MidNumLetQ,
        0x2C | 0x3B | 0x60C | 0x60D | 0x66C | 0x2044 => MidNum,
        0x3A | 0xB7 | 0x2027 => MidLetter,
        0x30..=0x39 | 0x600..=0x605 | 0x660..=0x669 | 0x66B | 0x6DD | 0x6F0..=0x6F9 => Numeric,
        0x5F | 0x202F | 0x203F | 0x2040 | 0x2054 => ExtendNumLet,
        0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xB5 | 0xB8 | 0xBA => ALetter,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => ALetter,
        0xAD | 0x300..=0x36F => Extend,
        0x610..=0x61A | 0x61C | 0x64B..=0x65F | 0x670 => Extend,
        0x6D6..=0x6DC | 0x6DF..=0x6E4 | 0x6E7 | 0x6E8 | 0x6EA..=0x6ED => Extend,
        0x200C..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Extend,
        0x620..=0x64A | 0x66E | 0x66F | 0x671..=0x6D3 | 0x6D5 | 0x6E5 | 0x6E6 => ALetter,
        0x6EE | 0x6EF | 0x6FA..=0x6FC | 0x6FF | 0x750..=0x77F => ALetter,
        0x203C | 0x2049 => Unknown,
        0x00..=0x24F | 0x600..=0x6FF | 0x2000..=0x206F => Other,
        _ => Unknown,
    }
}

/// The table for U+0000–U+07FF and U+2000–U+207F (every character whose UTF-8 starts
/// E2 80 or E2 81; those after U+206F are [`Unknown`]), one byte per character.
struct Table {
    low: [Cat; 0x800],
    punct: [Cat; 0x80],
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        low: [Unknown; 0x800],
        punct: [Unknown; 0x80],
    };
    for (cp, slot) in t.low.iter_mut().enumerate() {
        *slot = category(cp as u32);
    }
    for (i, slot) in t.punct.iter_mut().enumerate() {
        *slot = category(0x2000 + i as u32);
    }
    t
});

impl Table {
    /// The category of the character at byte `i` of `b` (valid UTF-8, `i` a boundary)
    /// and its length.
    #[inline(always)]
    fn at(&self, b: &[u8], i: usize) -> (Cat, usize) {
        if let Some((cp, len)) = crate::normalize::nfc::decode_low(b, i) {
            (self.low[cp], len)
        } else if b[i] == 0xE2 && (b[i + 1] == 0x80 || b[i + 1] == 0x81) {
            let cp = (usize::from(b[i + 1] & 0x3F) << 6) | usize::from(b[i + 2] & 0x3F);
            (self.punct[cp], 3)
        } else {
            (Unknown, 0)
        }
    }
}

/// `text` holds a character outside the table.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unsupported;

/// Call `f(start, end)` for every UAX #29 word segment of `text` in order (what
/// `split_word_bound_indices` yields), or return [`Unsupported`] as soon as a character
/// outside the table is met (some segments may have been given already).
pub(crate) fn each(text: &str, mut f: impl FnMut(usize, usize)) -> Result<(), Unsupported> {
    let t = &*TABLE;
    let b = text.as_bytes();
    if b.is_empty() {
        return Ok(());
    }
    let (first, n) = t.at(b, 0);
    if first == Unknown {
        return Err(Unsupported);
    }
    // `raw`: the character just before; `last` and `before`: the last two characters
    // that WB4 did not fold into the one before them.
    let (mut raw, mut last, mut before) = (first, first, Other);
    let (mut start, mut i) = (0, n);
    while i < b.len() {
        let (cat, n) = t.at(b, i);
        if cat == Unknown {
            return Err(Unsupported);
        }
        let joined = match (raw, cat) {
            (Cr, Lf) => true,
            (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
            (WSegSpace, WSegSpace) => true,
            (_, Extend) => true,
            _ => joins(before, last, cat, || next_kept(t, b, i + n)),
        };
        if !joined {
            f(start, i);
            start = i;
        }
        if cat != Extend || !joined {
            before = if joined { last } else { Other };
            last = cat;
        }
        raw = cat;
        i += n;
    }
    f(start, b.len());
    Ok(())
}

/// Rules WB5–WB13b: is there no boundary between `last` (after `before`) and `cat`?
/// `next` is the character after `cat` that WB4 keeps.
#[inline]
fn joins(before: Cat, last: Cat, cat: Cat, next: impl FnOnce() -> Cat) -> bool {
    match (last, cat) {
        (ALetter, ALetter) | (ALetter | Numeric, Numeric) | (Numeric, ALetter) => true,
        (ALetter, MidLetter | MidNumLetQ) => next() == ALetter,
        (MidLetter | MidNumLetQ, ALetter) => before == ALetter,
        (Numeric, MidNum | MidNumLetQ) => next() == Numeric,
        (MidNum | MidNumLetQ, Numeric) => before == Numeric,
        (ALetter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, ALetter | Numeric) => true,
        _ => false,
    }
}

/// The category of the first character at or after byte `i` that is not folded by WB4.
fn next_kept(t: &Table, b: &[u8], mut i: usize) -> Cat {
    while i < b.len() {
        match t.at(b, i) {
            (Extend, n) => i += n,
            (cat, _) => return cat,
        }
    }
    Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn fast(s: &str) -> Result<Vec<(usize, usize)>, Unsupported> {
        let mut v = Vec::new();
        each(s, |a, b| v.push((a, b)))?;
        Ok(v)
    }

    fn crate_bounds(s: &str) -> Vec<(usize, usize)> {
        s.split_word_bound_indices()
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    /// One character of each category, standing for all of it.
    const SAMPLES: [char; 12] = [
        '#', '\r', '\n', '\u{0B}', '\u{064E}', 'ب', '٣', ':', ',', '.', '_', ' ',
    ];

    /// How the crate splits `c` among every pair of samples, before, between and after
    /// them: the segments' lengths in characters.
    fn signature(c: char) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for x in SAMPLES {
            for y in SAMPLES {
                for s in [
                    format!("{x}{c}{y}"),
                    format!("{x}{y}{c}"),
                    format!("{c}{x}{y}"),
                ] {
                    out.push(s.split_word_bounds().map(|w| w.chars().count()).collect());
                }
            }
        }
        out
    }

    #[test]
    fn every_character_of_the_table_splits_as_its_category_does_in_the_crate() {
        for (k, &c) in SAMPLES.iter().enumerate() {
            assert_eq!(category(c as u32) as usize, k, "sample {c:?}");
        }
        let samples: Vec<_> = SAMPLES.iter().map(|&c| signature(c)).collect();
        let mut wrong = Vec::new();
        let mut checked = 0;
        for cp in (0..0x800).chain(0x2000..0x2070) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let cat = category(cp);
            if cat == Unknown {
                continue;
            }
            let sig = signature(c);
            if sig != samples[cat as usize] {
                let seen = samples.iter().position(|s| *s == sig).map(|k| SAMPLES[k]);
                wrong.push(format!("U+{cp:04X} {cat:?} splits like {seen:?}"));
            }
            checked += 1;
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(checked > 1100, "{checked}");
    }

    #[test]
    fn outside_the_table_is_unsupported() {
        assert_eq!(fast("قال 😀"), Err(Unsupported));
        assert_eq!(fast("א"), Err(Unsupported));
        assert_eq!(fast("‼"), Err(Unsupported));
        assert_eq!(fast(""), Ok(vec![]));
    }

    #[test]
    fn news_text_splits_as_the_crate_does() {
        for s in [
            "قالَ الوزيرُ: «نعم»،  2,254 و3.5% في 12:30 يوم\r\n١٢/٣ ـ",
            "\u{200F}قال\u{200F} نعم‎ don't a.b.c 1,2,3. x_y ١٬٢ \u{064E}\u{064E}ب",
            "\n\u{0651}\u{0651}ا",
            "  \u{0651} x",
            "a:\u{064E}b",
            "1,\u{200E}2",
            "a:",
            ":a",
        ] {
            assert_eq!(fast(s).unwrap(), crate_bounds(s), "{s:?}");
        }
    }

    fn tricky() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::sample::select(SAMPLES.to_vec()),
            2 => proptest::sample::select(vec![
                '\'', ';', '’', '‘', '٫', '٬', '،', '\u{200D}', '\u{200C}', '\u{200E}',
                '\u{061C}', '\u{00AD}', '\u{0640}', 'a', '1', '\u{2028}', '\u{0085}',
                '\u{2007}', '\u{00A0}', '\u{202F}', '«', '"', '\u{0301}', '·', '\u{0600}',
            ]),
            1 => (0u32..0x800).prop_filter_map("a char", char::from_u32),
            1 => (0x2000u32..0x2080).prop_filter_map("a char", char::from_u32),
        ]
    }

    #[test]
    fn the_characters_after_general_punctuation_go_to_the_crate() {
        // U+2070–U+207F start E2 81 like General Punctuation's second half: they are
        // read from the table (once past its end: `diff("⁰", "")` panicked) as unknown.
        for cp in 0x2070..0x2080 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for s in [c.to_string(), format!("قال {c} نعم")] {
                assert_eq!(fast(&s), Err(Unsupported), "U+{cp:04X}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn random_text_splits_as_the_crate_does(s in proptest::collection::vec(tricky(), 0..24)) {
            let s: String = s.into_iter().collect();
            match fast(&s) {
                Ok(v) => prop_assert_eq!(v, crate_bounds(&s), "{:?}", s),
                Err(Unsupported) => prop_assert!(s.chars().any(|c| category(c as u32) == Unknown)),
            }
        }
    }
}
