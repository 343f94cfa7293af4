//! Quotation marks: which mark opens and which closes, read from context, and the two
//! rules built on that reading (`unify-quotes`, `punctuation-spacing`).
//!
//! Real Arabic articles mix styles: « », “ ”, plain ", and RT's ” used both to open and to
//! close. A mark's role is decided per paragraph (line) with a stack of open quotes:
//! « ‹ „ “ always open, » › always close, and the ambiguous ” ‟ " close the innermost open
//! quote unless the text around them says a new quote starts (space before, a word
//! after). Unbalanced marks never reach past the end of their line.

use serde::Serialize;

use super::context::SPACE_CANDIDATES;
use super::edit::Editor;
use super::scan::{Blocks, PairSet, Scan};
use super::simd;

/// Whether a quotation mark opens or closes a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteRole {
    /// Opens a quotation.
    Open,
    /// Closes a quotation (or is a closing mark with nothing to close).
    Close,
}

/// A quotation mark found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    /// Byte offset of the mark.
    pub pos: usize,
    /// The mark.
    pub ch: char,
    /// Opening or closing.
    pub role: QuoteRole,
    /// The byte offset of the other mark of the pair: an opening mark's closing mark, a
    /// closing mark's opening mark. `None` for a quote left open at the end of its line,
    /// and for a closing mark with nothing to close.
    pub partner: Option<usize>,
    /// Nesting depth: 1 for an outermost quote.
    pub depth: usize,
}

impl QuoteMark {
    /// Byte offset just after the mark.
    pub fn end(&self) -> usize {
        self.pos + self.ch.len_utf8()
    }
}

/// How `unify-quotes` writes quotation marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuoteStyle {
    /// « and » (the default: unambiguous, and the most common style in Arabic print).
    #[default]
    Guillemets,
    /// The ASCII " for both.
    Straight,
    /// “ and ”.
    Curly,
}

impl QuoteStyle {
    /// The opening and closing marks.
    pub fn marks(self) -> (char, char) {
        match self {
            QuoteStyle::Guillemets => ('«', '»'),
            QuoteStyle::Straight => ('"', '"'),
            QuoteStyle::Curly => ('“', '”'),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Opener,
    Closer,
    /// ” ‟ ": role from context.
    Either,
}

/// `Some` if `c` is a quotation mark this module reads.
fn kind(c: char) -> Option<Kind> {
    Some(match c {
        '«' | '‹' | '„' | '“' => Kind::Opener,
        '»' | '›' => Kind::Closer,
        '”' | '‟' | '"' => Kind::Either,
        _ => return None,
    })
}

/// `true` for the quotation marks this module reads.
pub fn is_quote_mark(c: char) -> bool {
    kind(c).is_some()
}

fn is_double_family(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '"')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lean {
    Open,
    Close,
    Unknown,
}

/// Punctuation after which a quote may close (`طرف”،`), and which may follow one.
pub(crate) fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '\u{060C}'
            | '\u{061B}'
            | '\u{061F}'
            | '\u{06D4}'
            | '…'
    )
}

/// What the text around a mark suggests: a mark after a space or colon and before a
/// word opens; a mark after a word and before a space or punctuation closes.
fn lean(prev: Option<char>, next: Option<char>) -> Lean {
    // A neighbouring mark counts as what it is: « before a mark is like a space (the mark
    // may open a nested quote), » before it like a word; ” " ‟ count as neither.
    let prev_open = match prev {
        None => true,
        Some(c) => match kind(c) {
            Some(k) => k == Kind::Opener,
            None => c.is_whitespace() || matches!(c, '(' | '[' | '{' | ':' | '-' | '–' | '—'),
        },
    };
    let prev_word = match prev {
        None => false,
        Some(c) => match kind(c) {
            Some(k) => k == Kind::Closer,
            None => !c.is_whitespace() && !matches!(c, '(' | '[' | '{' | ':'),
        },
    };
    let next_word = match next {
        None => false,
        Some(c) => match kind(c) {
            Some(k) => k == Kind::Opener,
            None => !c.is_whitespace() && !is_closing_punct(c) && c != ':',
        },
    };
    let next_end = match next {
        None => true,
        Some(c) => match kind(c) {
            Some(k) => k == Kind::Closer,
            None => c.is_whitespace() || is_closing_punct(c) || c == ':',
        },
    };
    // After a colon a mark opens even when a space follows it (`قال:” نص`). Any space
    // counts, a tab or NBSP as much as ' ': `collapse-spaces` and `spaces-to-ascii` turn
    // them into ' ', and a mark must read the same before and after they do (a tab here
    // once read as closing, and the space it became as opening, on a second run).
    let after_colon = prev == Some(':') && next.is_some_and(char::is_whitespace);
    // A space, colon or opener, then this mark, then a mark that may open: this one opens
    // too (`قال: ""نعم"`). No closer follows a space in what punctuation-spacing writes,
    // so reading it so keeps straight quotes idempotent (`«:«««` → `": """`).
    let next_either = next.is_some_and(|c| kind(c) == Some(Kind::Either));
    if (prev_open && (next_word || next_either)) || after_colon {
        Lean::Open
    } else if prev_word && next_end {
        Lean::Close
    } else {
        Lean::Unknown
    }
}

/// Find every quotation mark in `text` and decide its role. Marks are paired per line:
/// a quote left open at the end of a line is closed by nothing.
///
/// ```
/// use naskh::normalize::{analyze_quotes, QuoteRole};
/// let marks = analyze_quotes("قال:” نعم”، وأضاف: «لا»");
/// let roles: Vec<_> = marks.iter().map(|m| m.role).collect();
/// assert_eq!(roles, [QuoteRole::Open, QuoteRole::Close, QuoteRole::Open, QuoteRole::Close]);
/// assert_eq!(marks[0].partner, Some(marks[1].pos));
/// ```
pub fn analyze_quotes(text: &str) -> Vec<QuoteMark> {
    let bytes = text.as_bytes();
    // " is 0x22; « » start with 0xC2; “ ” „ ‟ ‹ › start with 0xE2.
    let found: Vec<(usize, char)> = memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes)
        .filter_map(|p| {
            let c = text[p..].chars().next()?;
            is_quote_mark(c).then_some((p, c))
        })
        .collect();
    let mut marks = Vec::with_capacity(found.len());
    let mut g = 0;
    while g < found.len() {
        // Marks on one line: no newline between a mark and the next.
        let mut h = g + 1;
        while h < found.len() && memchr::memchr(b'\n', &bytes[found[h - 1].0..found[h].0]).is_none()
        {
            h += 1;
        }
        analyze_line(text, &found[g..h], &mut marks);
        g = h;
    }
    marks
}

/// Decide the marks `found` of one line of `text`, appending them to `marks`.
fn analyze_line(text: &str, found: &[(usize, char)], marks: &mut Vec<QuoteMark>) {
    // A paragraph that opens with “ or „ is in curly style: its ” and ‟ only close.
    let curly = found.iter().any(|&(_, c)| c == '“' || c == '„');
    let first = marks.len();
    // Indices into `marks` of the open quotes.
    let mut stack: Vec<usize> = Vec::new();
    for (k, &(pos, c)) in found.iter().enumerate() {
        // A line's ends read as nothing before or after the mark. A mark right before this
        // one counts as what it was read as (« for opening, » for closing), not as the
        // character it is: `unify-quotes` may write both as `"`, and `""` must read back
        // as the roles it was written with. Read as an unknown neighbour instead, a pair of
        // nested openers written `""` came back as opener + closer, which shifted the
        // pairing of every later mark on the line, one more on each run.
        let prev = match marks.last() {
            Some(m) if marks.len() > first && m.end() == pos => Some(match m.role {
                QuoteRole::Open => '«',
                QuoteRole::Close => '»',
            }),
            _ => text[..pos].chars().next_back().filter(|&p| p != '\n'),
        };
        let next = text[pos + c.len_utf8()..]
            .chars()
            .next()
            .filter(|&n| n != '\n');
        let lean = lean(prev, next);
        let kind = match kind(c) {
            Some(Kind::Either) if curly && c != '"' => Kind::Closer,
            Some(k) => k,
            None => continue,
        };
        let top_double = stack.last().is_some_and(|&t| is_double_family(marks[t].ch));
        let top_low = stack.last().is_some_and(|&t| marks[t].ch == '„');
        let open = match kind {
            // German style „…“: after „ the mark “ closes.
            Kind::Opener if c == '“' && top_low => false,
            Kind::Opener => true,
            // Nothing open: a mark opens unless the text says it closes; when the text
            // cannot tell, it opens only if another mark follows on the line to close it.
            // This holds for » and › too (German »…«, or a stray mark), which keeps every
            // quote style idempotent: what was written as a closer is read back as one.
            Kind::Closer | Kind::Either if stack.is_empty() => match lean {
                Lean::Open => true,
                Lean::Close => false,
                Lean::Unknown => k + 1 < found.len(),
            },
            Kind::Closer => false,
            Kind::Either if lean == Lean::Open => {
                if top_double {
                    // An unterminated quote followed by a new one: the old one ends here.
                    stack.pop();
                }
                true
            }
            Kind::Either => false,
        };
        if open {
            stack.push(marks.len());
            marks.push(QuoteMark {
                pos,
                ch: c,
                role: QuoteRole::Open,
                partner: None,
                depth: stack.len(),
            });
        } else {
            let depth = stack.len().max(1);
            let opener = stack.pop().map(|t| {
                marks[t].partner = Some(pos);
                marks[t].pos
            });
            marks.push(QuoteMark {
                pos,
                ch: c,
                role: QuoteRole::Close,
                partner: opener,
                depth,
            });
        }
    }
    debug_assert!(marks[first..].windows(2).all(|w| w[0].pos < w[1].pos));
}

/// Punctuation that takes no space before it and one after it before a word.
fn is_tight_punct(c: char) -> bool {
    matches!(
        c,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | ':' | '.' | '!' | ',' | ';' | '?'
    )
}

/// An Arabic-script letter (the letters a space is inserted before).
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}')
}

fn is_hspace(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Byte pairs that may start tight punctuation or a quotation mark: ! " , . : ; ? as
/// bytes, « » (C2 AB, C2 BB), the E2 80 block (“ ” „ ‟ ‹ ›), ، ؛ ؟ (D8 8C, 9B, 9F).
static PUNCT_CANDIDATES: PairSet<11> = PairSet::new([
    (b'!', b'"', 0x00, 0xFF),
    (b',', b',', 0x00, 0xFF),
    (b'.', b'.', 0x00, 0xFF),
    (b':', b';', 0x00, 0xFF),
    (b'?', b'?', 0x00, 0xFF),
    (0xC2, 0xC2, 0xAB, 0xAB),
    (0xC2, 0xC2, 0xBB, 0xBB),
    (0xE2, 0xE2, 0x80, 0x80),
    (0xD8, 0xD8, 0x8C, 0x8C),
    (0xD8, 0xD8, 0x9B, 0x9B),
    (0xD8, 0xD8, 0x9F, 0x9F),
]);

/// Finds tight punctuation spacing may act on, and (with `spaces`) whitespace runs
/// `collapse-spaces` may act on. With AVX-512 only the punctuation with a space before it
/// or a non-ASCII character or `"` after it is reported; otherwise every candidate, and
/// [`quotes_and_spacing`] skips the well-spaced ones itself.
struct PunctScan<'a> {
    simd: Option<Blocks<'a, (bool, bool)>>,
    punct: Option<Scan<'a, 11>>,
    spaces: Option<Scan<'a, 5>>,
}

impl<'a> PunctScan<'a> {
    fn new(bytes: &'a [u8], punct: bool, spaces: bool) -> PunctScan<'a> {
        let simd = simd::avx512();
        PunctScan {
            simd: simd.then(|| Blocks::new(bytes, (punct, spaces))),
            punct: (!simd && punct).then(|| PUNCT_CANDIDATES.scan(bytes)),
            spaces: (!simd && spaces).then(|| SPACE_CANDIDATES.scan(bytes)),
        }
    }

    fn next_from(&mut self, from: usize) -> Option<usize> {
        if let Some(b) = &mut self.simd {
            return b.next_from(from, |bytes, at, (punct, spaces)| {
                if at > 0 && at + 66 <= bytes.len() {
                    let w = bytes[at - 1..at + 66].try_into().expect("67 bytes");
                    return simd::punct_mask(w, punct, spaces);
                }
                let mut w = [0u8; 67];
                if at > 0 {
                    w[0] = bytes[at - 1];
                }
                let avail = (bytes.len() - at).min(66);
                w[1..1 + avail].copy_from_slice(&bytes[at..at + avail]);
                simd::punct_mask(&w, punct, spaces) & (u64::MAX >> (64 - avail.min(64)))
            });
        }
        let a = self.punct.as_mut().and_then(|s| s.next_from(from));
        let b = self.spaces.as_mut().and_then(|s| s.next_from(from));
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Counts of the edits made by [`quotes_and_spacing`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct QuoteEdits {
    pub(crate) unified: u64,
    pub(crate) spacing: u64,
    pub(crate) collapsed: u64,
    /// An edit next to a quotation mark whose reading depends on its neighbours, or a mark
    /// rewritten in an ambiguous style: how a mark reads may have changed, so its line
    /// must be read again. (Written as « and », only a » with nothing to close reads
    /// differently when its neighbours change: « always opens, a » after an open quote
    /// always closes.)
    pub(crate) touched_marks: bool,
}

/// `unify-quotes` (when `style` is given) and `punctuation-spacing` (when `spacing`), in
/// one pass over `marks` (from [`analyze_quotes`] on `input`). With `lines`, spacing looks only inside those byte
/// ranges (a second round rechecks just the lines that hold quotes).
pub(crate) fn quotes_and_spacing(
    input: &str,
    marks: &[QuoteMark],
    style: Option<QuoteStyle>,
    spacing: bool,
    collapse: bool,
    lines: Option<&[std::ops::Range<usize>]>,
    ed: &mut Editor<'_>,
) -> QuoteEdits {
    let bytes = input.as_bytes();
    let n = bytes.len();
    let mut counts = QuoteEdits::default();
    let mut buf = [0u8; 4];
    let mut mi = 0; // next quote mark
    // End of the last edit: edits go strictly left to right.
    let mut floor = 0;
    let mut from = 0;
    let mut line = 0; // index into `lines`
    let mut next_punct = None;
    let mut punct_done = false;
    let mut punct = PunctScan::new(bytes, spacing, collapse);
    let scanning = spacing || collapse;
    // Whether a re-read could read this mark differently once its neighbours change.
    let guillemets = style == Some(QuoteStyle::Guillemets);
    let sensitive =
        |m: &QuoteMark| !guillemets || (m.role == QuoteRole::Close && m.partner.is_none());
    if collapse && n > 0 && is_ws(bytes[0]) {
        // Whitespace at the very start: a run even when it is one space.
        next_punct = Some(0);
    }
    loop {
        // The next position to look at: a quote mark, or (with spacing) punctuation.
        let next_mark = marks.get(mi).map(|m| m.pos);
        if scanning && !punct_done && next_punct.is_none_or(|p| p < from) {
            next_punct = match lines {
                None => punct.next_from(from),
                // Only inside the given lines: jump from one to the next.
                Some(ls) => {
                    let mut found = None;
                    let mut l = ls.partition_point(|r| r.end < from);
                    while l < ls.len() {
                        match punct.next_from(from.max(ls[l].start)) {
                            Some(p) if p <= ls[l].end => {
                                found = Some(p);
                                break;
                            }
                            Some(p) => l += ls[l..].partition_point(|r| r.end < p).max(1),
                            None => break,
                        }
                    }
                    found
                }
            };
            // Nothing further: do not scan to the end again for every remaining mark.
            punct_done = next_punct.is_none();
        }
        let pos = match (next_mark, next_punct) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        let c = input[pos..]
            .chars()
            .next()
            .expect("candidates are char boundaries");
        let end = pos + c.len_utf8();
        from = pos + 1;
        if matches!(c, ' ' | '\t' | '\n') {
            if collapse
                && pos >= floor
                && let Some(e) =
                    collapse_run(input, pos, floor, marks.get(mi), spacing, ed, &mut counts)
            {
                floor = e;
                from = e;
            }
            continue;
        }
        let mark = (next_mark == Some(pos)).then(|| {
            mi += 1;
            marks[mi - 1]
        });
        if mark.is_none() {
            if !is_tight_punct(c) {
                continue;
            }
            // Well-spaced punctuation, the common case: no space before it and no Arabic
            // letter or opening mark right after it.
            let spaced_before = pos > 0 && is_hspace(bytes[pos - 1]);
            let joined_after = end < bytes.len()
                && (bytes[end] >= 0x80 || marks.get(mi).is_some_and(|m| m.pos == end));
            if !spaced_before && !joined_after {
                continue;
            }
        }
        let mut in_scope = spacing && pos >= floor;
        if let (true, Some(ls)) = (in_scope, lines) {
            while line < ls.len() && ls[line].end < pos {
                line += 1;
            }
            in_scope = line < ls.len() && ls[line].start <= pos;
        }
        let role = mark.map(|m| m.role);
        let closing = is_tight_punct(c) || role == Some(QuoteRole::Close);
        // Spaces before: a closing mark or punctuation takes none (unless they start the
        // line, or a `...` or an HTML-reference-like `&lt ;` needs them); an opening mark
        // takes one after a letter or digit.
        if in_scope && closing {
            let mut s = pos;
            while s > floor && is_hspace(bytes[s - 1]) {
                s -= 1;
            }
            if s < pos
                && s > 0
                && bytes[s - 1] != b'\n'
                && !(c == '.' && is_ellipsis_start(bytes, pos))
                && !(c == ';' && ends_like_reference(&bytes[..s]))
            {
                ed.delete(s..pos);
                counts.spacing += 1;
                counts.touched_marks |= mark.is_some_and(|m| sensitive(&m));
            }
        } else if in_scope && role == Some(QuoteRole::Open) {
            let prev = input[..pos].chars().next_back();
            if prev.is_some_and(char::is_alphanumeric) {
                ed.insert(pos, " ");
                counts.spacing += 1;
                counts.touched_marks |= mark.is_some_and(|m| sensitive(&m));
            }
        }
        // The mark itself.
        if let (Some(m), Some(style)) = (mark, style) {
            let (open, close) = style.marks();
            let want = if m.role == QuoteRole::Open {
                open
            } else {
                close
            };
            if want != m.ch {
                ed.replace(pos..end, want.encode_utf8(&mut buf));
                counts.unified += 1;
                // « and » read back the way they were written; " and ” may not.
                counts.touched_marks |= !guillemets;
            }
        }
        floor = floor.max(end);
        if !in_scope {
            continue;
        }
        // Spaces after: one after closing punctuation before an Arabic letter or an
        // opening mark; none after an opening mark, unless the line ends there.
        if closing {
            let next_opens = marks
                .get(mi)
                .is_some_and(|m| m.pos == end && m.role == QuoteRole::Open);
            if input[end..].chars().next().is_some_and(is_arabic_letter) || next_opens {
                ed.insert(end, " ");
                counts.spacing += 1;
                counts.touched_marks |= mark.is_some_and(|m| sensitive(&m))
                    || (next_opens && marks.get(mi).is_some_and(sensitive));
            }
        } else if role == Some(QuoteRole::Open) {
            let mut e = end;
            while e < bytes.len() && is_hspace(bytes[e]) {
                e += 1;
            }
            if e > end && e < bytes.len() && bytes[e] != b'\n' && bytes[e] != b'\r' {
                ed.delete(end..e);
                counts.spacing += 1;
                counts.touched_marks |= mark.is_some_and(|m| sensitive(&m));
                floor = e;
                from = e;
            }
        }
    }
    // A lone space at the very end matches no pair; a lone one at the start neither.
    if collapse && n > 0 && bytes[n - 1] == b' ' && n > floor && (n == 1 || !is_ws(bytes[n - 2])) {
        ed.delete(n - 1..n);
        counts.collapsed += 1;
    }
    counts
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\n'
}

/// `collapse-spaces` on the whitespace run around `pos`, as that rule would see it after
/// `punctuation-spacing`: a run spacing deletes (before tight punctuation or a closing
/// mark `next_mark`) is left to it. Returns the end of the run when it was dealt with.
fn collapse_run(
    input: &str,
    pos: usize,
    floor: usize,
    next_mark: Option<&QuoteMark>,
    spacing: bool,
    ed: &mut Editor<'_>,
    counts: &mut QuoteEdits,
) -> Option<usize> {
    let bytes = input.as_bytes();
    let n = bytes.len();
    let mut s = pos;
    while s > floor && is_ws(bytes[s - 1]) {
        s -= 1;
    }
    let mut e = pos;
    while e < n && is_ws(bytes[e]) {
        e += 1;
    }
    let newlines = memchr::memchr_iter(b'\n', &bytes[s..e]).count();
    if spacing && newlines == 0 && s > 0 && e < n {
        let next = input[e..].chars().next().expect("e < n");
        let closes = next_mark.is_some_and(|m| m.pos == e && m.role == QuoteRole::Close);
        let punct = is_tight_punct(next)
            && !(next == '.' && is_ellipsis_start(bytes, e))
            && !(next == ';' && ends_like_reference(&bytes[..s]));
        if closes || punct {
            return None;
        }
    }
    let want = match newlines {
        0 if s == 0 || e == n => "",
        0 => " ",
        1 => "\n",
        _ => "\n\n",
    };
    if &input[s..e] != want {
        ed.replace(s..e, want);
        counts.collapsed += 1;
    }
    Some(e)
}

/// The byte ranges of the lines of `text` that hold one of `marks`.
pub(crate) fn lines_of(text: &str, marks: &[QuoteMark]) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for m in marks {
        if out.last().is_some_and(|r| r.contains(&m.pos)) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..m.pos]).map_or(0, |k| k + 1);
        let end = memchr::memchr(b'\n', &bytes[m.pos..]).map_or(bytes.len(), |k| m.pos + k);
        out.push(start..end);
    }
    out
}

/// `true` if `before` ends with `&name` or `&#123`: removing the space between it and a
/// `;` would create an HTML character reference that was not in the text.
fn ends_like_reference(before: &[u8]) -> bool {
    let body = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    body > 0 && before.len() > body && before[before.len() - body - 1] == b'&'
}

/// `true` if the `.` at `pos` starts a run of dots (an ellipsis keeps its space before).
fn is_ellipsis_start(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos + 1) == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &str) -> String {
        analyze_quotes(s)
            .iter()
            .map(|m| match m.role {
                QuoteRole::Open => 'O',
                QuoteRole::Close => 'C',
            })
            .collect()
    }

    #[test]
    fn rt_style_same_mark_both_ways() {
        assert_eq!(roles("قال:” نص”، وأضاف:”نص”."), "OCOC");
    }

    #[test]
    fn mixed_and_curly() {
        assert_eq!(roles("إن “واشنطن هامة”. و«نعم” و“لا»"), "OCOCOC");
    }

    #[test]
    fn unbalanced_quote_stops_at_line_end() {
        let m = analyze_quotes("قال ”نص بلا إغلاق\nسطر ”آخر”");
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].partner, None);
        assert_eq!(m[1].partner, Some(m[2].pos));
    }

    #[test]
    fn a_new_quote_closes_an_unterminated_one() {
        let m = analyze_quotes("قال ”نص. وأضاف: ”نص آخر”");
        assert_eq!(roles("قال ”نص. وأضاف: ”نص آخر”"), "OOC");
        assert_eq!(m[0].partner, None);
        assert_eq!(m[1].partner, Some(m[2].pos));
    }

    fn run_spacing(s: &str) -> String {
        let mut ed = Editor::new(s, false);
        quotes_and_spacing(s, &analyze_quotes(s), None, true, false, None, &mut ed);
        ed.finish().map(|e| e.text).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn spacing_around_colon_and_quotes() {
        assert_eq!(run_spacing("قال:” مخرجات”"), "قال: ”مخرجات”");
        assert_eq!(run_spacing("قال :«نعم »،وأضاف"), "قال: «نعم»، وأضاف");
        assert_eq!(run_spacing("جنيف.وقال"), "جنيف. وقال");
    }

    #[test]
    fn spacing_leaves_numbers_urls_and_latin_alone() {
        for s in ["3.5 و10:30", "www.rt.com", "e.g. U.S.", "1,000"] {
            assert_eq!(run_spacing(s), s);
        }
    }
}
