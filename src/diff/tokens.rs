//! Words of a block with their comparison keys, block keys, and UTF-16 offsets.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use unicode_segmentation::UnicodeSegmentation;

use super::TextRange;
use std::sync::LazyLock;

use crate::normalize::{CharFold, char_fold, is_quote_mark};
use crate::structure::{Span, fold_visible, is_alnum};

/// A word or punctuation mark of a block (UAX #29 word boundaries: a letter's marks stay
/// with it), with the whitespace and invisible characters after it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    /// Start of the token, including invisible characters before a block's first word.
    pub(crate) start: usize,
    /// End of the visible word (`start..word_end` is what is shown).
    pub(crate) word_end: usize,
    /// End of the whitespace after it.
    pub(crate) end: usize,
    /// Hash of the word's `search` key.
    pub(crate) key: u64,
}

/// Append `seg`'s comparison key to `key`: the `search` character fold (marks, tatweel,
/// letter variants, digits, Arabic punctuation) without blanks, every quotation mark as
/// `"`, nothing for a segment of blanks. Says whether `seg` has a letter or digit.
fn fold_key(seg: &str, key: &mut String) -> bool {
    // A space between words, every other segment of a text: nothing to fold.
    if seg == " " {
        key.clear();
        return false;
    }
    let mut chars = seg.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && is_quote_mark(c)
    {
        key.push('"');
        return false;
    }
    let seen = fold_visible(seg, key);
    if !seen.visible {
        key.clear();
    }
    seen.alnum
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// The tokens of `text[span]`, appended to `out`.
pub(crate) fn tokens(text: &str, span: Span, out: &mut Vec<Token>) {
    let part = &text[span.start..span.end];
    let mut build = Build {
        base: span.start,
        first: out.len(),
        key: String::new(),
        lead: None,
    };
    let fast = super::segment::each(part, |i, j| build.segment(&part[i..j], i, out));
    if fast.is_err() {
        // A character the fast split does not know: split again with the crate.
        out.truncate(build.first);
        build.lead = None;
        for (i, seg) in part.split_word_bound_indices() {
            build.segment(seg, i, out);
        }
    }
    // Only blanks: one token with an empty key, so the text is not lost.
    if let Some(start) = build.lead {
        out.push(Token {
            start,
            word_end: span.end,
            end: span.end,
            key: hash_str(""),
        });
    }
}

/// The keys of the words of `text[span]` (its tokens with a letter or digit), in order,
/// appended to `out`: the keys [`tokens`] gives them, without making the tokens (the
/// alignment's word bags and the quotations' words need only these).
pub(crate) fn word_keys(text: &str, span: Span, out: &mut Vec<u64>) {
    let part = &text[span.start..span.end];
    let first = out.len();
    let mut keys = WordKeys::default();
    if super::segment::each(part, |i, j| keys.segment(&part[i..j], out)).is_err() {
        out.truncate(first);
        keys = WordKeys::default();
        for seg in part.split_word_bounds() {
            keys.segment(seg, out);
        }
    }
    // No token: [`tokens`] makes one of the whole span, with the empty key (a lone
    // vowel mark, which is a letter to `char::is_alphabetic`).
    if !keys.tokened && keys.alnum {
        out.push(hash_str(""));
    }
}

/// [`word_keys`] one segment at a time.
#[derive(Default)]
struct WordKeys {
    key: String,
    /// Some segment was a token (its key is not empty, see [`Build::segment`]).
    tokened: bool,
    /// A segment without a key before the first token has a letter or digit.
    alnum: bool,
}

impl WordKeys {
    fn segment(&mut self, seg: &str, out: &mut Vec<u64>) {
        self.key.clear();
        let alnum = fold_key(seg, &mut self.key);
        if self.key.is_empty() {
            // Before the first token, it is part of that token's word.
            self.alnum |= alnum && !self.tokened;
            return;
        }
        if alnum || (self.alnum && !self.tokened) {
            out.push(hash_str(&self.key));
        }
        self.tokened = true;
    }
}

/// Tokens made of a block's word segments, one at a time.
struct Build {
    /// Where the block starts in the text.
    base: usize,
    /// The block's first token in the output.
    first: usize,
    /// The current segment's key.
    key: String,
    /// The start of blanks at the block's start, before its first word.
    lead: Option<usize>,
}

impl Build {
    /// Add the segment `seg` at byte `i` of the block.
    fn segment(&mut self, seg: &str, i: usize, out: &mut Vec<Token>) {
        let (start, end) = (self.base + i, self.base + i + seg.len());
        self.key.clear();
        fold_key(seg, &mut self.key);
        if self.key.is_empty() {
            // Whitespace, or characters with no key (a lone mark or control): they
            // belong to the token before (or, at the start, to the first one).
            match out.len() > self.first {
                true => out.last_mut().expect("a token").end = end,
                false => {
                    self.lead.get_or_insert(start);
                }
            }
            return;
        }
        out.push(Token {
            start: self.lead.take().unwrap_or(start),
            word_end: end,
            end,
            key: hash_str(&self.key),
        });
    }
}

/// A block's alignment key: the hash of its letters and digits under the `search` fold
/// (marks, tatweel, letter variants, digits), skipping everything else. Equal keys
/// mean the blocks differ at most in spacing, punctuation, marks, spelling variants,
/// digits or invisible characters; the word diff then says which.
pub(crate) fn block_key(text: &str) -> u64 {
    // The kept characters hashed as they come (equal sequences, equal keys). A
    // character below U+0800 is read from a table of what it adds (one character, none,
    // or several); others are folded one by one.
    let (table, fold) = (&*KEY_LOW, char_fold());
    let mut h = FxHasher::default();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (kept, len) = match crate::normalize::nfc::decode_low(b, i) {
            Some((cp, len)) => (table[cp], len),
            None => (SEVERAL, text[i..].chars().next().map_or(1, char::len_utf8)),
        };
        match kept {
            NONE => {}
            SEVERAL => {
                let c = text[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                kept_chars(fold, c, |d| h.write_u32(d.into()));
            }
            one => h.write_u32(one),
        }
        i += len;
    }
    h.finish()
}

/// The letters and digits of `c`'s `search` fold, in order.
fn kept_chars(fold: CharFold, c: char, mut f: impl FnMut(char)) {
    match fold.of(c) {
        Some(with) => with.chars().filter(|&d| is_alnum(d)).for_each(f),
        None if is_alnum(c) => f(c),
        None => {}
    }
}

/// [`KEY_LOW`]: the character adds nothing to the key.
const NONE: u32 = 0;
/// [`KEY_LOW`]: it adds more than one character (or is not in the table).
const SEVERAL: u32 = u32::MAX;

/// What each character below U+0800 adds to a block key: [`NONE`], [`SEVERAL`], or the
/// one character (U+0000 is never kept, so 0 is free).
static KEY_LOW: LazyLock<[u32; 0x800]> = LazyLock::new(|| {
    let fold = char_fold();
    let mut t = [NONE; 0x800];
    for (cp, slot) in t.iter_mut().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        let mut kept = Vec::new();
        kept_chars(fold, c, |d| kept.push(d));
        *slot = match kept[..] {
            [] => NONE,
            [one] => one.into(),
            _ => SEVERAL,
        };
    }
    t
});

/// Byte offsets to UTF-16 offsets for one text: checkpoints every 256 bytes, counting
/// from the nearest one.
pub(crate) struct Utf16Index<'a> {
    text: &'a str,
    /// UTF-16 offset at byte `k * STEP` (or at the next char boundary after it).
    marks: Vec<(usize, usize)>,
}

const STEP: usize = 256;

/// UTF-16 code units of `b` (whole characters): one per character, two for those
/// outside the BMP (four-byte sequences). Counts bytes in pieces of 256 into 16-bit
/// sums (at most 512 each), which vectorise eight or more bytes at a time; a sum into
/// `usize` took 64-bit lanes and cost nine instructions a byte.
fn units(b: &[u8]) -> usize {
    b.chunks(256)
        .map(|piece| {
            let n: u16 = piece
                .iter()
                .map(|&x| u16::from((x as i8) >= -0x40) + u16::from(x >= 0xF0))
                .sum();
            usize::from(n)
        })
        .sum()
}

impl<'a> Utf16Index<'a> {
    pub(crate) fn new(text: &'a str) -> Utf16Index<'a> {
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let (mut at, mut total) = (0, 0);
        while at < text.len() {
            marks.push((at, total));
            let mut next = (at + STEP).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            total += units(&text.as_bytes()[at..next]);
            at = next;
        }
        marks.push((text.len(), total));
        Utf16Index { text, marks }
    }

    /// The UTF-16 offset of byte offset `b` (a char boundary).
    pub(crate) fn at(&self, b: usize) -> usize {
        let i = self.marks.partition_point(|&(m, _)| m <= b) - 1;
        let (m, u) = self.marks[i];
        u + units(&self.text.as_bytes()[m..b])
    }

    /// `start..end` as a [`TextRange`].
    pub(crate) fn range(&self, start: usize, end: usize) -> TextRange {
        TextRange {
            start,
            end,
            start16: self.at(start),
            end16: self.at(end),
        }
    }
}

/// Dice similarity of two sorted multisets.
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<(&str, &str)> {
        let mut v = Vec::new();
        tokens(t, Span::new(0, t.len()), &mut v);
        v.iter()
            .map(|k| (&t[k.start..k.word_end], &t[k.word_end..k.end]))
            .collect()
    }

    #[test]
    fn marks_stay_with_their_letters_and_spaces_follow_words() {
        assert_eq!(
            toks("قالَ الوزيرُ: «نعم»،  2,254"),
            [
                ("قالَ", " "),
                ("الوزيرُ", ""),
                (":", " "),
                ("«", ""),
                ("نعم", ""),
                ("»", ""),
                ("،", "  "),
                ("2,254", "")
            ]
        );
    }

    #[test]
    fn invisible_characters_have_no_key_of_their_own() {
        let t = "\u{200F}قال\u{200F} نعم";
        let v = toks(t);
        assert_eq!(v, [("\u{200F}قال\u{200F}", " "), ("نعم", "")]);
        let mut a = Vec::new();
        tokens(t, Span::new(0, t.len()), &mut a);
        let mut b = Vec::new();
        tokens("قال نعم", Span::new(0, "قال نعم".len()), &mut b);
        assert_eq!(
            a.iter().map(|t| t.key).collect::<Vec<_>>(),
            b.iter().map(|t| t.key).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_character_the_fast_split_does_not_know_splits_with_the_crate() {
        // The emoji sends the whole block to `unicode-segmentation`; the tokens are the
        // ones its word boundaries give, blanks after the words as before.
        assert_eq!(
            toks("\u{200F} قال 😀: نعم"),
            [("\u{200F} قال", " "), ("😀", ""), (":", " "), ("نعم", "")]
        );
        assert_eq!(toks(" \u{200F}"), [(" \u{200F}", "")]);
    }

    #[test]
    fn keys_fold_spelling_marks_digits_and_quotes() {
        let key = |s: &str| {
            let mut v = Vec::new();
            tokens(s, Span::new(0, s.len()), &mut v);
            v[0].key
        };
        assert_eq!(key("أحمد"), key("احمد"));
        assert_eq!(key("مدرسةُ"), key("مدرسه"));
        assert_eq!(key("١٩"), key("19"));
        assert_eq!(key("«"), key("”"));
        assert_ne!(key("قال"), key("قالت"));
    }

    /// [`word_keys`] of `t`, and the keys of its tokens with a letter or digit.
    fn both_word_keys(t: &str) -> (Vec<u64>, Vec<u64>) {
        let span = Span::new(0, t.len());
        let mut ts = Vec::new();
        tokens(t, span, &mut ts);
        let want = ts
            .iter()
            .filter(|k| t[k.start..k.word_end].chars().any(is_alnum))
            .map(|k| k.key)
            .collect();
        let mut got = Vec::new();
        word_keys(t, span, &mut got);
        (got, want)
    }

    #[test]
    fn word_keys_are_the_keys_of_the_tokens_with_a_letter_or_digit() {
        for t in [
            "قالَ الوزيرُ: «نعم»،  2,254 \u{0670} ـــ café",
            "\u{200F} قال 😀: نعم",
            " \u{200F}",
            "",
            // Found by the property test while the function was written: a lone vowel
            // mark (a letter to `is_alphabetic`) is the whole span's one token; a mark
            // before the first token is part of its word; a quotation mark's key is `"`.
            "\u{64E}",
            "\u{64E}\u{2E5} ",
            "\u{64B}«",
        ] {
            let (got, want) = both_word_keys(t);
            assert_eq!(got, want, "{t:?}");
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn word_keys_match_the_tokens_on_random_text(
            s in proptest::collection::vec(prop_oneof![
                proptest::sample::select(vec![
                    'ب', 'ة', 'أ', '٣', '3', ' ', ':', '«', '»', '"', '\u{064E}', '\u{0670}',
                    '\u{0640}', '\u{200F}', '\u{00A0}', '.', ',', '،', '\'', 'a', '\n', '😀',
                ]),
                (0u32..0x800).prop_filter_map("a char", char::from_u32),
            ], 0..32)
        ) {
            let s: String = s.into_iter().collect();
            let (got, want) = both_word_keys(&s);
            prop_assert_eq!(got, want, "{:?}", s);
        }
    }

    #[test]
    fn block_keys_ignore_spacing_and_spelling() {
        assert_eq!(block_key("قال:” نعم ”"), block_key("قال: «نعم»"));
        assert_eq!(block_key("الحكومةَ  الجديدة"), block_key("الحكومه الجديده"));
        assert_eq!(block_key("نعم، قال"), block_key("نعم , قال"));
        assert_ne!(block_key("الحكومة الجديدة"), block_key("الحكومة القديمة"));
    }

    #[test]
    fn block_keys_hash_the_letters_and_digits_of_the_search_fold() {
        let by_definition = |t: &str| {
            let mut folded = String::new();
            crate::normalize::fold_for_search(t, &mut folded);
            let mut h = FxHasher::default();
            folded
                .chars()
                .filter(|&c| is_alnum(c))
                .for_each(|c| h.write_u32(c.into()));
            h.finish()
        };
        for t in [
            "قال الوزيرُ: «نعم» ١٢٣ café ﻻ ﷲ ﺍﻟﺴﻼﻡ ـــ 😀 Ⅻ ½ ²",
            "\u{200F}أإآٱ ى ة ۱۲ ک ی",
            "",
        ] {
            assert_eq!(block_key(t), by_definition(t), "{t}");
        }
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        assert_eq!(block_key(&all), by_definition(&all));
    }

    #[test]
    fn utf16_offsets() {
        let t = "a😀ب".repeat(300);
        let idx = Utf16Index::new(&t);
        for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
            assert_eq!(idx.at(b), t[..b].encode_utf16().count());
        }
    }
}
