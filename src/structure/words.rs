//! Words of a text, with their byte spans and their `search` fold for matching.

use std::sync::LazyLock;

use compact_str::CompactString;

use super::Span;
use super::lexicon::{Lexicon, Lookup, lexicon};
use crate::normalize::char_fold;

/// A word: letters, digits and the marks and tatweel inside them.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Byte range in the whole text.
    pub(crate) span: Span,
    /// The `search` fold of the word (inline up to 24 bytes: no allocation for
    /// nearly every Arabic word).
    pub(crate) key: CompactString,
    /// What the word lists know of it, looked up once for every pass.
    pub(crate) lex: Lookup,
}

const ALPHA: u8 = 1;
const ALNUM: u8 = 2;
const WORD: u8 = 4;
const MARK: u8 = 8;
const INVISIBLE: u8 = 16;
/// U+0640 ARABIC TATWEEL.
const TATWEEL: u8 = 32;
/// The `search` fold changes the character.
const FOLDS: u8 = 64;
/// White space (`char::is_whitespace`) or invisible.
const BLANK: u8 = 128;
/// A character counted apart (see [`CharCounts`]).
const COUNTED: u8 = MARK | INVISIBLE | TATWEEL;

/// The classes of U+0000–U+07FF (ASCII, Latin-1 with NBSP and « », and the Arabic
/// block) and of the General Punctuation block U+2000–U+206F (“ ” and the bidi and
/// zero-width controls): looked up rather than searched for in the Unicode tables (that
/// search was most of the extractor's time).
struct Classes {
    low: [u8; 0x800],
    punct: [u8; 0x70],
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let mut t = Classes {
        low: [0; 0x800],
        punct: [0; 0x70],
    };
    for (i, slot) in t.low.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(i as u32) {
            *slot = classify(c);
        }
    }
    for (i, slot) in t.punct.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x2000 + i as u32) {
            *slot = classify(c);
        }
    }
    t
});

fn classify(c: char) -> u8 {
    // Each Unicode lookup once: the tables of 2,160 characters are built at every start.
    let alpha = c.is_alphabetic();
    let alnum = alpha || c.is_numeric();
    let mark = crate::normalize::is_combining_mark(c);
    let mut k = 0;
    if alpha {
        k |= ALPHA;
    }
    if alnum {
        k |= ALNUM;
    }
    if alnum || c == '\u{0640}' || mark {
        k |= WORD;
    }
    if mark {
        k |= MARK;
    }
    if crate::normalize::is_invisible(c) {
        k |= INVISIBLE;
    }
    if c == '\u{0640}' {
        k |= TATWEEL;
    }
    if c.is_whitespace() || crate::normalize::is_invisible(c) {
        k |= BLANK;
    }
    if char_fold().of(c).is_some() {
        k |= FOLDS;
    }
    k
}

#[inline]
fn class(c: char) -> u8 {
    match c as u32 {
        u @ 0..0x800 => CLASSES.low[u as usize],
        u @ 0x2000..0x2070 => CLASSES.punct[(u - 0x2000) as usize],
        _ => classify(c),
    }
}

/// `char::is_alphabetic`, fast for ASCII and Arabic.
pub(crate) fn is_alpha(c: char) -> bool {
    class(c) & ALPHA != 0
}

/// `char::is_alphanumeric`, fast for ASCII and Arabic.
pub(crate) fn is_alnum(c: char) -> bool {
    class(c) & ALNUM != 0
}

/// `normalize::is_combining_mark`, fast for ASCII and Arabic.
pub(crate) fn is_mark(c: char) -> bool {
    class(c) & MARK != 0
}

/// White space or an invisible character (`char::is_whitespace` or
/// `normalize::is_invisible`), fast for ASCII and Arabic.
pub(crate) fn is_blank(c: char) -> bool {
    class(c) & BLANK != 0
}

/// The class and length of the character at byte `i` of `s` (a boundary). One and two
/// byte characters (all of ASCII and Arabic) are read from the table, the rest decoded.
#[inline(always)]
fn class_at(classes: &Classes, s: &str, i: usize) -> (u8, usize) {
    match crate::normalize::nfc::decode_low(s.as_bytes(), i) {
        Some((cp, len)) => (classes.low[cp], len),
        None => {
            let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (class(c), c.len_utf8())
        }
    }
}

/// What [`fold_visible`] saw of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seen {
    /// A character that is not blank.
    pub(crate) visible: bool,
    /// A letter or digit ([`is_alnum`]).
    pub(crate) alnum: bool,
}

/// Append to `out` the `search` fold of `s` without its blanks (what folding `s`, then
/// dropping every blank, gives), and say whether `s` has a character that is not blank
/// and one that is a letter or digit. Runs of characters the fold keeps are copied
/// whole; only the others are decoded.
pub(crate) fn fold_visible(s: &str, out: &mut String) -> Seen {
    let (classes, fold) = (&*CLASSES, char_fold());
    let b = s.as_bytes();
    let (mut run, mut i, mut visible, mut alnum) = (0, 0, false, false);
    while i < b.len() {
        let (k, len) = class_at(classes, s, i);
        visible |= k & BLANK == 0;
        alnum |= k & ALNUM != 0;
        if k & (BLANK | FOLDS) != 0 {
            out.push_str(&s[run..i]);
            if k & FOLDS != 0
                && let Some(c) = s[i..].chars().next()
                && let Some(with) = fold.of(c)
            {
                out.extend(with.chars().filter(|&d| !is_blank(d)));
            }
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
    Seen { visible, alnum }
}

/// A character of a word: letters, digits, and the marks and tatweel inside words.
fn is_word_char(c: char) -> bool {
    class(c) & WORD != 0
}

/// Counts of characters, for the article's stats.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CharCounts {
    /// Unicode scalar values.
    pub(crate) characters: usize,
    /// Combining marks.
    pub(crate) diacritics: usize,
    /// Tatweel (U+0640).
    pub(crate) tatweel: usize,
    /// Invisible characters.
    pub(crate) invisible: usize,
}

impl CharCounts {
    /// Count the characters of `s`.
    pub(crate) fn add(&mut self, s: &str) {
        for c in s.chars() {
            self.count(class(c));
        }
    }

    fn add_counts(&mut self, n: CharCounts) {
        self.characters += n.characters;
        self.diacritics += n.diacritics;
        self.tatweel += n.tatweel;
        self.invisible += n.invisible;
    }

    #[inline]
    fn count(&mut self, k: u8) {
        self.characters += 1;
        if k & COUNTED != 0 {
            self.diacritics += usize::from(k & MARK != 0);
            self.tatweel += usize::from(k & TATWEEL != 0);
            self.invisible += usize::from(k & INVISIBLE != 0);
        }
    }
}

/// The words of `text[span]`, spans relative to the whole `text`.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    split_into(text, span, None, &mut out);
    out
}

/// [`words`] into `out` (emptied first: a buffer reused from one paragraph to the next),
/// counting the span's characters into `counts` in the same pass.
pub(crate) fn words_counted(text: &str, span: Span, counts: &mut CharCounts, out: &mut Vec<Word>) {
    out.clear();
    split_into(text, span, Some(counts), out);
}

/// One pass over the span's characters: each is decoded once, classed, counted and, in
/// a word, folded into the word's key (decoding every word again to fold it, and
/// splitting with `char_indices`, took 120 instructions a byte).
fn split_into(text: &str, span: Span, counts: Option<&mut CharCounts>, out: &mut Vec<Word>) {
    let part = &text[span.start..span.end];
    let b = part.as_bytes();
    let (lex, classes, fold) = (lexicon(), &*CLASSES, char_fold());
    // About one word in six bytes of Arabic: one allocation for most paragraphs.
    out.reserve(part.len() / 6 + 1);
    let mut n = CharCounts::default();
    let mut key = Key::default();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let (k, len) = class_at(classes, part, i);
        n.count(k);
        if k & WORD != 0 {
            if start.is_none() {
                start = Some(i);
                key.start(i);
            }
            if k & FOLDS != 0
                && let Some(c) = part[i..].chars().next()
                && let Some(with) = fold.of(c)
            {
                key.replace(part, i, len, with);
            }
        } else if let Some(s) = start.take() {
            out.push(word(lex, key.finish(part, s, i), s, i, span.start));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(word(
            lex,
            key.finish(part, s, b.len()),
            s,
            b.len(),
            span.start,
        ));
    }
    if let Some(counts) = counts {
        counts.add_counts(n);
    }
}

/// A word's `search` key while the word is read: nothing copied until the fold changes
/// a character, then the text up to it, the replacement, and so on.
#[derive(Default)]
struct Key {
    folded: String,
    /// Start of the word's bytes not yet copied into `folded`.
    run: usize,
    changed: bool,
}

impl Key {
    fn start(&mut self, at: usize) {
        self.folded.clear();
        self.run = at;
        self.changed = false;
    }

    /// The character of `len` bytes at `at` folds to `with`.
    fn replace(&mut self, part: &str, at: usize, len: usize, with: &str) {
        self.folded.push_str(&part[self.run..at]);
        self.folded.push_str(with);
        self.run = at + len;
        self.changed = true;
    }

    /// The key of the word `part[s..e]`.
    fn finish(&mut self, part: &str, s: usize, e: usize) -> CompactString {
        if !self.changed {
            return CompactString::from(&part[s..e]);
        }
        self.folded.push_str(&part[self.run..e]);
        CompactString::from(self.folded.as_str())
    }
}

fn word(lex: &'static Lexicon, key: CompactString, s: usize, e: usize, base: usize) -> Word {
    Word {
        span: Span::new(base + s, base + e),
        lex: lex.lookup(&key),
        key,
    }
}

/// The number of words in `text`.
pub(crate) fn count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = is_word_char(c);
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_marks_and_spans() {
        let t = "وقال: «نقدّر الـفرصة»، 2254";
        let ws = words(t, Span::new(0, t.len()));
        let texts: Vec<&str> = ws.iter().map(|w| &t[w.span.start..w.span.end]).collect();
        assert_eq!(texts, ["وقال", "نقدّر", "الـفرصة", "2254"]);
        assert_eq!(ws[2].key, "الفرصه");
        assert_eq!(count(t), 4);
    }

    #[test]
    fn every_key_is_the_search_fold_of_its_word() {
        // Folded letters at the start, middle and end, marks and tatweel, presentation
        // forms (three bytes), digits, Latin, and a word with nothing to fold.
        let t = "أحمدُ مدرسة القـاهرة ﻷ ١٢٣ café ﺍﻟﺴﻼﻡ كتب إلى\u{0651}";
        for w in words(t, Span::new(0, t.len())) {
            let mut want = String::new();
            crate::normalize::fold_for_search(&t[w.span.start..w.span.end], &mut want);
            assert_eq!(w.key, want, "{}", &t[w.span.start..w.span.end]);
        }
        assert_eq!(words(t, Span::new(0, t.len())).len(), 9);
    }

    #[test]
    fn the_visible_fold_is_the_fold_without_blanks() {
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        for t in [
            "قالَ  الوزيرُ\u{200F}: «نعم» ١٢٣ café ﻻ\u{A0}ﺍﻟﺴﻼﻡ ـــ 😀",
            " \u{200F}\t",
            "",
            all.as_str(),
        ] {
            let mut folded = String::new();
            crate::normalize::fold_for_search(t, &mut folded);
            folded.retain(|c| !is_blank(c));
            let mut out = String::new();
            let seen = fold_visible(t, &mut out);
            assert_eq!(out, folded);
            assert_eq!(seen.visible, t.chars().any(|c| !is_blank(c)), "{t:?}");
            assert_eq!(seen.alnum, t.chars().any(is_alnum), "{t:?}");
        }
    }

    #[test]
    fn counting_while_splitting_counts_as_a_second_pass_does() {
        let t = "افتـــتاح\u{200F} المعرض، وقَالَ";
        let mut one = CharCounts::default();
        words_counted(t, Span::new(0, t.len()), &mut one, &mut Vec::new());
        let mut two = CharCounts::default();
        two.add(t);
        assert_eq!(
            (one.characters, one.diacritics, one.tatweel, one.invisible),
            (two.characters, two.diacritics, two.tatweel, two.invisible)
        );
        assert_eq!((two.diacritics, two.tatweel, two.invisible), (2, 3, 1));
    }

    #[test]
    fn fast_classes_agree_with_the_standard_library() {
        for u in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{u:X}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{u:X}");
            assert_eq!(is_mark(c), crate::normalize::is_combining_mark(c), "{u:X}");
            let k = class(c);
            assert_eq!(k & FOLDS != 0, char_fold().of(c).is_some(), "{u:X}");
            assert_eq!(k & TATWEEL != 0, c == '\u{0640}', "{u:X}");
            let blank = c.is_whitespace() || crate::normalize::is_invisible(c);
            assert_eq!(is_blank(c), blank, "{u:X}");
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || c == '\u{0640}' || crate::normalize::is_combining_mark(c),
                "{u:X}"
            );
        }
    }
}
