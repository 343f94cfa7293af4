//! Quotation marks: which mark opens and which closes, read from context, and the two
//! rules built on that reading (`unify-quotes`, `punctuation-spacing`).
//!
//! Real Arabic articles mix styles: « », “ ”, plain ", and RT's ” used both to open and to
//! close. A mark's role is decided per paragraph (line) with a stack of open quotes:
//! « ‹ „ “ always open, » › always close, and the ambiguous ” ‟ " close the innermost open
//! quote unless the text around them says a new quote starts (space before, a word
//! after). Unbalanced marks never reach past the end of their line.

use serde::Serialize;

use super::edit::Editor;

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
    /// For an opening mark, the byte offset of its closing mark if it has one on the
    /// same line; `None` for closing marks and for quotes left open.
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
    if prev_open && next_word {
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
    let mut marks: Vec<QuoteMark> = Vec::new();
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |k| line_start + k);
        analyze_line(text, line_start, line_end, &mut marks);
        line_start = line_end + 1;
    }
    marks
}

/// Decide the marks of one line, `text[start..end]`, appending them to `marks`.
fn analyze_line(text: &str, start: usize, end: usize, marks: &mut Vec<QuoteMark>) {
    let line = &text[start..end];
    if !has_quote_bytes(line) {
        return;
    }
    let found: Vec<(usize, char)> = line
        .char_indices()
        .filter(|&(_, c)| is_quote_mark(c))
        .map(|(p, c)| (start + p, c))
        .collect();
    if found.is_empty() {
        return;
    }
    // A paragraph that opens with “ or „ is in curly style: its ” and ‟ only close.
    let curly = found.iter().any(|&(_, c)| c == '“' || c == '„');
    let first = marks.len();
    // Indices into `marks` of the open quotes.
    let mut stack: Vec<usize> = Vec::new();
    for (k, &(pos, c)) in found.iter().enumerate() {
        let prev = text[start..pos].chars().next_back();
        let next = text[pos + c.len_utf8()..end].chars().next();
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
            if let Some(t) = stack.pop() {
                marks[t].partner = Some(pos);
            }
            marks.push(QuoteMark {
                pos,
                ch: c,
                role: QuoteRole::Close,
                partner: None,
                depth,
            });
        }
    }
    debug_assert!(marks[first..].windows(2).all(|w| w[0].pos < w[1].pos));
}

/// `unify-quotes`: rewrite every mark in `style`. Returns the number of marks changed.
pub(crate) fn unify(input: &str, style: QuoteStyle, ed: &mut Editor<'_>) -> u64 {
    if !has_quote_bytes(input) {
        return 0;
    }
    let (open, close) = style.marks();
    let mut changed = 0;
    let mut buf = [0u8; 4];
    for m in analyze_quotes(input) {
        let want = match m.role {
            QuoteRole::Open => open,
            QuoteRole::Close => close,
        };
        if want != m.ch {
            ed.replace(m.pos..m.end(), want.encode_utf8(&mut buf));
            changed += 1;
        }
    }
    changed
}

/// Cheap pre-check: does the text contain a byte that can start a quotation mark?
fn has_quote_bytes(s: &str) -> bool {
    // " is 0x22; « » start with 0xC2; “ ” „ ‟ ‹ › start with 0xE2.
    memchr::memchr3(b'"', 0xC2, 0xE2, s.as_bytes()).is_some()
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

/// `punctuation-spacing`. Returns the number of edits.
pub(crate) fn spacing(input: &str, ed: &mut Editor<'_>) -> u64 {
    let bytes = input.as_bytes();
    let marks = analyze_quotes(input);
    let mut mi = 0; // next quote mark
    let mut edits = 0;
    // End of the last edit: edits go strictly left to right.
    let mut floor = 0;
    let mut iter = input.char_indices().peekable();
    while let Some((pos, c)) = iter.next() {
        if pos < floor {
            continue;
        }
        let end = pos + c.len_utf8();
        let role = if mi < marks.len() && marks[mi].pos == pos {
            mi += 1;
            Some(marks[mi - 1].role)
        } else {
            None
        };
        let tight = is_tight_punct(c) || role == Some(QuoteRole::Close);
        if tight {
            // Delete the spaces before, unless they start the line.
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
                edits += 1;
                floor = pos;
            }
            // One space after, before an Arabic letter or an opening quote.
            if let Some(&(_, next)) = iter.peek() {
                let next_opens =
                    mi < marks.len() && marks[mi].pos == end && marks[mi].role == QuoteRole::Open;
                if is_arabic_letter(next) || next_opens {
                    ed.insert(end, " ");
                    edits += 1;
                    floor = end;
                }
            }
        } else if role == Some(QuoteRole::Open) {
            // A space before, after a letter or digit.
            let prev = input[..pos].chars().next_back();
            if pos >= floor && prev.is_some_and(|p| p.is_alphanumeric()) {
                ed.insert(pos, " ");
                edits += 1;
                floor = pos;
            }
            // No space after, unless the line ends there.
            let mut e = end;
            while e < bytes.len() && is_hspace(bytes[e]) {
                e += 1;
            }
            if e > end && e < bytes.len() && bytes[e] != b'\n' && bytes[e] != b'\r' {
                ed.delete(end..e);
                edits += 1;
                floor = e;
            }
        }
    }
    edits
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
        spacing(s, &mut ed);
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
