//! The rules that look at neighbouring characters: HTML entities, line endings, the last
//! haraka of a word, Arabic separators between digits, ASCII punctuation to Arabic,
//! repeated letters, and whitespace. Each writes through an [`Editor`] and returns how many
//! edits it made; each scans with `memchr` or a byte loop and does nothing (allocates
//! nothing) when its trigger characters are absent.

use super::edit::Editor;
use super::nfc::is_mark;
use super::quotes::is_arabic_letter;
use super::scan::PairSet;
use super::simd::{self, Simd};

/// HTML5 remaps numeric references in 0x80–0x9F to windows-1252.
fn windows_1252(n: u32) -> u32 {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..=0x9F).contains(&n) {
        TABLE[(n - 0x80) as usize]
    } else {
        n
    }
}

/// `true` for the characters a numeric reference may stand for. A reference to a control
/// character other than TAB and LF, or to a noncharacter, stays as it was written: HTML5
/// calls these parse errors, and decoding them would create what the text did not
/// contain (`&#27;` a real ESC that reaches a terminal, `&#7;` a BEL, `&#xD;` a CR that
/// `crlf-to-lf` turns into a line break only on a second run). Surrogates and code points
/// past U+10FFFF are not characters at all (`char::from_u32` refuses them).
fn is_decodable(c: char) -> bool {
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32 & 0xFFFE) == 0xFFFE;
    let control = c.is_control() && !matches!(c, '\t' | '\n');
    !control && !noncharacter
}

/// Decoded text of the character reference that starts after an `&` at `body` (the bytes
/// after the `&`), and the length of the reference body including its `;`.
fn parse_reference(body: &[u8], buf: &mut [u8; 4]) -> Option<(usize, DecodedRef)> {
    if body.first() == Some(&b'#') {
        let (digits, radix, skip) = match body.get(1) {
            Some(b'x' | b'X') => (&body[2..], 16, 2),
            _ => (&body[1..], 10, 1),
        };
        let len = digits
            .iter()
            .take_while(|b| (b as &u8).is_ascii_alphanumeric())
            .take(8)
            .count();
        if len == 0 || digits.get(len) != Some(&b';') {
            return None;
        }
        let text = std::str::from_utf8(&digits[..len]).ok()?;
        let n = u32::from_str_radix(text, radix).ok()?;
        let c = char::from_u32(windows_1252(n)).filter(|&c| is_decodable(c))?;
        let s = c.encode_utf8(buf);
        return Some((skip + len + 1, DecodedRef::Char(s.len())));
    }
    let len = body
        .iter()
        .take(htmlize::ENTITY_MAX_LENGTH)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || body.get(len) != Some(&b';') {
        return None;
    }
    let mut key = [0u8; 64];
    let key_len = len + 2;
    if key_len > key.len() {
        return None;
    }
    key[0] = b'&';
    key[1..=len].copy_from_slice(&body[..len]);
    key[len + 1] = b';';
    let value = htmlize::ENTITIES.get(&key[..key_len])?;
    Some((len + 1, DecodedRef::Named(value)))
}

enum DecodedRef {
    /// UTF-8 of the character is in the caller's buffer, this many bytes.
    Char(usize),
    Named(&'static [u8]),
}

/// One pass of `decode-html-entities` (the pipeline repeats it until nothing changes: a
/// decoded `;` or `&` can complete a reference with the text around it).
pub(crate) fn decode_entities(input: &str, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let mut edits = 0;
    let mut from = 0;
    let mut buf = [0u8; 4];
    while let Some(k) = memchr::memchr(b'&', &bytes[from..]) {
        let amp = from + k;
        // `cursor` is just after a (real or decoded) '&'.
        let mut cursor = amp + 1;
        let mut result: Option<(usize, Vec<u8>)> = None;
        while let Some((len, decoded)) = parse_reference(&bytes[cursor..], &mut buf) {
            let value: &[u8] = match &decoded {
                DecodedRef::Char(n) => &buf[..*n],
                DecodedRef::Named(v) => v,
            };
            cursor += len;
            if value == b"&" {
                // `&amp;lt;`: the decoded '&' may start another reference.
                result = Some((cursor, b"&".to_vec()));
                continue;
            }
            result = Some((cursor, value.to_vec()));
            break;
        }
        match result {
            Some((end, value)) => {
                let text = std::str::from_utf8(&value).expect("entity values are UTF-8");
                ed.replace(amp..end, text);
                edits += 1;
                from = end;
            }
            None => from = amp + 1,
        }
    }
    edits
}

/// What [`strip_controls`] deleted.
pub(crate) struct ControlsDeleted {
    pub(crate) controls: u64,
    pub(crate) tags: u64,
}

/// Calls `hit` with every position `i` of `bytes` where [`simd::control_hit`] holds for
/// `(bytes[i], bytes[i + 1])` (a zero past the end): 64 bytes per step through the vector
/// kernel's mask, or without one through a branch-free fold the compiler vectorises; only
/// a block that holds a candidate is read byte by byte. A text with a few controls (a
/// stray U+001A in every article of a real archive) costs about what one with none does.
fn control_candidates(bytes: &[u8], mut hit: impl FnMut(usize)) {
    const BLOCK: usize = 64;
    let n = bytes.len();
    let simd = Simd::active();
    let mut i = 0;
    while i + BLOCK < n {
        let end = i + BLOCK;
        let w: &[u8; 65] = bytes[i..end + 1].try_into().expect("65 bytes");
        if simd.is_vector() {
            let mut m = simd::control_mask(simd, w);
            while m != 0 {
                hit(i + m.trailing_zeros() as usize);
                m &= m - 1;
            }
        } else {
            let any = w[..BLOCK]
                .iter()
                .zip(&w[1..])
                .fold(false, |acc, (&a, &b)| acc | simd::control_hit(a, b));
            if any {
                for j in i..end {
                    if simd::control_hit(bytes[j], bytes[j + 1]) {
                        hit(j);
                    }
                }
            }
        }
        i = end;
    }
    let next = |i: usize| bytes.get(i + 1).copied().unwrap_or(0);
    for (j, &a) in bytes.iter().enumerate().skip(i) {
        if simd::control_hit(a, next(j)) {
            hit(j);
        }
    }
}

/// `strip-control-chars` (with `controls`) and `strip-tag-chars` (with `tags`) in one pass.
pub(crate) fn strip_controls(
    input: &str,
    controls: bool,
    tags: bool,
    ed: &mut Editor<'_>,
) -> ControlsDeleted {
    let mut n = ControlsDeleted {
        controls: 0,
        tags: 0,
    };
    // Runs of deleted characters are deleted as one edit, so that the offset map stays
    // as small as the text's own structure.
    let mut run: Option<std::ops::Range<usize>> = None;
    control_candidates(input.as_bytes(), |pos| {
        // A candidate starts with an ASCII byte or the lead byte C2 or F3, so it is
        // always a character boundary of valid UTF-8.
        let Some(c) = input.get(pos..).and_then(|t| t.chars().next()) else {
            return;
        };
        let is_control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        let is_tag = matches!(c, '\u{E0000}'..='\u{E007F}');
        if (controls && is_control) || (tags && is_tag) {
            n.controls += u64::from(is_control);
            n.tags += u64::from(is_tag);
            let end = pos + c.len_utf8();
            run = Some(match run.take() {
                Some(r) if r.end == pos => r.start..end,
                Some(r) => {
                    ed.delete(r);
                    pos..end
                }
                None => pos..end,
            });
        }
    });
    if let Some(r) = run {
        ed.delete(r);
    }
    n
}

/// `crlf-to-lf`.
pub(crate) fn crlf(input: &str, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let mut edits = 0;
    for i in memchr::memchr_iter(b'\r', bytes) {
        if bytes.get(i + 1) == Some(&b'\n') {
            ed.delete(i..i + 1);
        } else {
            ed.replace(i..i + 1, "\n");
        }
        edits += 1;
    }
    edits
}

/// `strip-last-haraka`: every tanwin, and the harakat of a word's final marks.
pub(crate) fn strip_last_haraka(input: &str, ed: &mut Editor<'_>) -> u64 {
    // Every tanwin and haraka is U+064B..U+0652 = D9 8B..D9 92.
    let bytes = input.as_bytes();
    if !memchr::memchr_iter(0xD9, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x8B..=0x92))) {
        return 0;
    }
    let mut edits = 0;
    let mut chars = input.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        if !is_mark(c) {
            continue;
        }
        // A cluster of marks starts at pos.
        let mut cluster = vec![(pos, c)];
        while let Some(&(p, m)) = chars.peek() {
            if !is_mark(m) {
                break;
            }
            cluster.push((p, m));
            chars.next();
        }
        let word_final = chars.peek().is_none_or(|&(_, n)| !n.is_alphabetic());
        for (p, m) in cluster {
            let tanwin = ('\u{064B}'..='\u{064D}').contains(&m);
            let haraka = matches!(m, '\u{064E}' | '\u{064F}' | '\u{0650}' | '\u{0652}');
            if tanwin || (haraka && word_final) {
                ed.delete(p..p + m.len_utf8());
                edits += 1;
            }
        }
    }
    edits
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn between_digits(input: &str, pos: usize, len: usize) -> bool {
    input[..pos].chars().next_back().is_some_and(is_digit)
        && input[pos + len..].chars().next().is_some_and(is_digit)
}

/// `strip-thousands-separator` (with `strip_thousands`: ٬ between digits deleted) and
/// `arabic-separators-to-ascii` (with `to_ascii`: ٫ → `.` and ٬ → `,` between digits).
/// Returns the separators deleted and those converted.
pub(crate) fn separators(
    input: &str,
    strip_thousands: bool,
    to_ascii: bool,
    ed: &mut Editor<'_>,
) -> (u64, u64) {
    let bytes = input.as_bytes();
    let (mut stripped, mut converted) = (0, 0);
    // ٫ is D9 AB, ٬ is D9 AC.
    for i in memchr::memchr2_iter(0xAB, 0xAC, bytes) {
        if i == 0 || bytes[i - 1] != 0xD9 {
            continue;
        }
        let pos = i - 1;
        if !between_digits(input, pos, 2) {
            continue;
        }
        match bytes[i] {
            0xAC if strip_thousands => {
                ed.delete(pos..pos + 2);
                stripped += 1;
            }
            0xAB if to_ascii => {
                ed.replace(pos..pos + 2, ".");
                converted += 1;
            }
            0xAC if to_ascii => {
                ed.replace(pos..pos + 2, ",");
                converted += 1;
            }
            _ => {}
        }
    }
    (stripped, converted)
}

/// What a character next to ASCII punctuation says about the language around it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Arabic,
    Latin,
    Digit,
    /// The line ends before a letter or digit is found.
    Nothing,
}

/// The nearest letter or digit from `chars` on, on the same line: spaces, punctuation,
/// quotation marks, brackets and marks are looked past, so that what one mark becomes
/// never depends on what another became (that keeps the rule idempotent). At most 32
/// characters other than spaces are looked at (a run of punctuation must not make the
/// rule quadratic); spaces are not counted, since `punctuation-spacing` adds and removes
/// them.
fn side(chars: impl Iterator<Item = char>) -> Side {
    chars
        .filter(|c| *c == '\n' || !c.is_whitespace())
        .take(32)
        .find_map(|c| {
            if c == '\n' {
                Some(Side::Nothing)
            } else if is_arabic_letter(c) {
                Some(Side::Arabic)
            } else if c.is_numeric() {
                Some(Side::Digit)
            } else if c.is_alphabetic() {
                Some(Side::Latin)
            } else {
                None
            }
        })
        .unwrap_or(Side::Nothing)
}

/// `ascii-punct-to-arabic`: `,` `;` `?` become ، ؛ ؟ in Arabic text. Arabic text is where
/// an Arabic letter is the nearest letter or digit on one side and no Latin letter is on
/// the other (`قال, نعم`, `عام 2015, وقال`, `ماذا?`); `Reuters, AFP`, `قال Reuters,`,
/// `http://x.y/?q`, `3, 4` and a comma between digits (`1,500`) keep ASCII.
pub(crate) fn ascii_punct_to_arabic(input: &str, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let mut edits = 0;
    for i in memchr::memchr3_iter(b',', b';', b'?', bytes) {
        if bytes[i] == b',' && between_digits(input, i, 1) {
            continue;
        }
        let before = side(input[..i].chars().rev());
        let after = side(input[i + 1..].chars());
        let arabic = (before == Side::Arabic || after == Side::Arabic)
            && before != Side::Latin
            && after != Side::Latin;
        if !arabic {
            continue;
        }
        let with = match bytes[i] {
            b',' => "\u{060C}",
            b';' => "\u{061B}",
            _ => "\u{061F}",
        };
        ed.replace(i..i + 1, with);
        edits += 1;
    }
    edits
}

/// `collapse-repeats-to-1` and `-to-2`: runs of 3 or more equal Arabic letters to `keep`.
pub(crate) fn collapse_repeats(input: &str, keep: usize, ed: &mut Editor<'_>) -> u64 {
    let mut edits = 0;
    let mut run_start = 0;
    let mut run_char = '\0';
    let mut run_len = 0;
    let mut flush = |end: usize, c: char, n: usize, start: usize, ed: &mut Editor<'_>| {
        if n >= 3 && is_arabic_letter(c) {
            ed.delete(start + keep * c.len_utf8()..end);
            edits += 1;
        }
    };
    for (pos, c) in input.char_indices() {
        if c == run_char {
            run_len += 1;
            continue;
        }
        flush(pos, run_char, run_len, run_start, ed);
        run_start = pos;
        run_char = c;
        run_len = 1;
    }
    flush(input.len(), run_char, run_len, run_start, ed);
    edits
}

/// `collapse-spaces`: every maximal run of spaces, tabs and newlines is rewritten: with no
/// newline, to one space (nothing at the start or end of the text); with newlines, to one
/// newline, or two if it had two or more (spaces around them dropped).
/// Where a run of whitespace may need rewriting: a tab, or two whitespace bytes in a row
/// (double space, space at a line's end or start, blank lines). A lone space between two
/// words, the common case, never matches; the two ends of the text are checked apart.
pub(crate) static SPACE_CANDIDATES: PairSet<5> = PairSet::new(SPACE_CONDS);

/// The pairs of [`SPACE_CANDIDATES`].
pub(crate) const SPACE_CONDS: [(u8, u8, u8, u8); 5] = [
    (b'\t', b'\t', 0x00, 0xFF),
    (b' ', b' ', b'\t', b'\n'),
    (b' ', b' ', b' ', b' '),
    (b'\n', b'\n', b'\t', b'\n'),
    (b'\n', b'\n', b' ', b' '),
];

pub(crate) fn collapse_spaces(input: &str, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let n = bytes.len();
    let is_ws = |b: u8| b == b' ' || b == b'\t' || b == b'\n';
    let mut edits = 0;
    let mut done = 0; // end of the last run looked at
    let mut scan = SPACE_CANDIDATES.scan(bytes);
    let mut next = if n > 0 && is_ws(bytes[0]) {
        Some(0)
    } else {
        scan.next_from(0)
    };
    while let Some(start) = next {
        let mut end = start;
        let mut newlines = 0;
        while end < n && is_ws(bytes[end]) {
            newlines += (bytes[end] == b'\n') as usize;
            end += 1;
        }
        let want = match newlines {
            0 if start == 0 || end == n => "",
            0 => " ",
            1 => "\n",
            _ => "\n\n",
        };
        if &input[start..end] != want {
            ed.replace(start..end, want);
            edits += 1;
        }
        done = end;
        next = scan.next_from(end);
    }
    // A lone space at the very end matches no pair.
    if n > 0 && bytes[n - 1] == b' ' && n > done {
        ed.delete(n - 1..n);
        edits += 1;
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: impl Fn(&str, &mut Editor<'_>) -> u64, s: &str) -> String {
        let mut ed = Editor::new(s, false);
        f(s, &mut ed);
        ed.finish().map(|e| e.text).unwrap_or_else(|| s.to_string())
    }

    fn entities(s: &str) -> String {
        run(decode_entities, s)
    }

    #[test]
    fn entities_named_numeric_and_double_escaped() {
        assert_eq!(
            entities("a&nbsp;b &quot;x&quot; &amp; &lt;&gt;"),
            "a\u{A0}b \"x\" & <>"
        );
        assert_eq!(entities("&#1575;&#x627;&#X627;"), "ااا");
        assert_eq!(entities("&amp;quot;نعم&amp;amp;quot;"), "\"نعم\"");
        assert_eq!(entities("&#150;"), "\u{2013}");
        assert_eq!(entities("&#9;&#10;&Tab;"), "\t\n\t");
        // HTML5 reads &#x85; as windows-1252's ellipsis, not as NEXT LINE.
        assert_eq!(entities("&#x85;"), "…");
        assert_eq!(entities("&laquo;&raquo;&hellip;&rlm;"), "«»…\u{200F}");
    }

    #[test]
    fn entities_invalid_are_kept() {
        for s in [
            "AT&T",
            "&nbsp",
            "&#0;",
            // Controls other than TAB and LF, and noncharacters, stay as written.
            "&#27;",
            "&#7;",
            "&#xD;",
            "&#129;",
            "&#xFFFE;",
            "&#xFDD0;",
            "&#x10FFFF;",
            "&#xD800;",
            "&#99999999;",
            "&nosuch;",
            "& ;",
            "&",
        ] {
            assert_eq!(entities(s), s);
        }
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(run(crlf, "a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn last_haraka_per_word() {
        // كَتَبَ → كَتَب ; kitābun: tanwin removed; shadda kept at the end.
        assert_eq!(run(strip_last_haraka, "كَتَبَ كِتَابٌ مُدَرِّسَّ"), "كَتَب كِتَاب مُدَرِّسّ");
    }

    #[test]
    fn separators_only_between_digits() {
        let sep = |strip, ascii| {
            move |s: &str, e: &mut Editor<'_>| {
                let (a, b) = separators(s, strip, ascii, e);
                a + b
            }
        };
        let s = "٣٫٥ و١٬٠٠٠ ٫ x٫ ٬٣";
        assert_eq!(run(sep(false, true), s), "٣.٥ و١,٠٠٠ ٫ x٫ ٬٣");
        assert_eq!(run(sep(true, false), s), "٣٫٥ و١٠٠٠ ٫ x٫ ٬٣");
        assert_eq!(run(sep(true, true), s), "٣.٥ و١٠٠٠ ٫ x٫ ٬٣");
    }

    #[test]
    fn ascii_punct_in_arabic_text_only() {
        let arabic = |s| run(ascii_punct_to_arabic, s);
        assert_eq!(arabic("نعم, لا; لماذا? 1,000"), "نعم، لا؛ لماذا؟ 1,000");
        // After a number or a closing quote, before Arabic: still Arabic text.
        assert_eq!(
            arabic("عام 2015, وقال «نعم», ثم"),
            "عام 2015، وقال «نعم»، ثم"
        );
        // Latin text, URLs, lists of numbers and mixed neighbours keep ASCII.
        for s in [
            "Reuters, AFP",
            "قال Reuters, ثم",
            "http://x.y/?q=1",
            "3, 4",
            "نعم ,Reuters",
        ] {
            assert_eq!(arabic(s), s);
        }
        // A run of marks reads the same after the first is converted.
        assert_eq!(arabic("ماذا??"), "ماذا؟؟");
    }

    #[test]
    fn controls_and_tags_deleted_in_runs() {
        let strip = |controls, tags| {
            move |s: &str, e: &mut Editor<'_>| {
                let n = strip_controls(s, controls, tags, e);
                n.controls + n.tags
            }
        };
        let s = "a\u{1A}\u{85}b\tc\r\n\u{7F}\u{E0067}\u{E007F}d\u{0}";
        assert_eq!(run(strip(true, true), s), "ab\tc\r\nd");
        assert_eq!(run(strip(true, false), s), "ab\tc\r\n\u{E0067}\u{E007F}d");
        assert_eq!(
            run(strip(false, true), s),
            "a\u{1A}\u{85}b\tc\r\n\u{7F}d\u{0}"
        );
        // NBSP, « » and other C2 characters are not C1 controls.
        let clean = "\u{A0}«»\u{AD}";
        assert_eq!(run(strip(true, true), clean), clean);
        let hits = |b: &[u8]| {
            let mut v = Vec::new();
            control_candidates(b, |i| v.push(i));
            v
        };
        assert!(hits(clean.as_bytes()).is_empty());
        // Candidates are found in the vectorised blocks and in the tail, at every place.
        let mut long = "ب".repeat(100).into_bytes();
        long[37] = 0x01;
        long[63] = 0x7F;
        long[64] = 0x1B;
        long[199] = 0x02;
        assert_eq!(hits(&long), [37, 63, 64, 199]);
        // Controls far apart and in runs, past the first block.
        let s = format!("{}\u{1A}{}\u{1}\u{2}x", "ي".repeat(70), "م".repeat(40));
        assert_eq!(
            run(strip(true, true), &s),
            format!("{}{}x", "ي".repeat(70), "م".repeat(40))
        );
    }

    #[test]
    fn repeats_collapse_arabic_only() {
        assert_eq!(
            run(|s, e| collapse_repeats(s, 2, e), "جميييييل www"),
            "جمييل www"
        );
        assert_eq!(run(|s, e| collapse_repeats(s, 1, e), "هههههه"), "ه");
    }

    #[test]
    fn spaces_collapse_and_trim() {
        assert_eq!(
            run(collapse_spaces, "  a  b\t c  \n\n\n\n d \n"),
            "a b c\n\nd\n"
        );
        assert_eq!(run(collapse_spaces, "a b\nc\n\nd\n"), "a b\nc\n\nd\n");
    }
}
