//! Lines into blocks: headline, byline or dateline, paragraphs, the source line; and
//! paragraphs into sentences.

use super::lexicon::fold;
use super::quotes::{QuoteSpan, top_level_quotes};
use super::words::is_blank;
use super::{Block, Paragraph, Sentence, Source, Span, words};

/// The blocks of an article, before paragraphs are read.
pub(crate) struct Layout {
    pub(crate) headline: Option<Block>,
    pub(crate) byline: Option<Block>,
    pub(crate) dateline: Option<Block>,
    pub(crate) paragraphs: Vec<Span>,
    pub(crate) source: Option<Source>,
}

/// Every line of `text`, trimmed of whitespace and invisible characters at both ends
/// (`None` for a blank line).
fn line_spans(text: &str) -> impl Iterator<Item = Option<Span>> + '_ {
    let mut start = 0;
    // `memchr`'s search (vectorised), not `str::split`'s byte loop.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut from = 0;
    let lines = ends.map(move |end| {
        let line = &text[from..end];
        from = end + 1;
        line
    });
    lines.map(move |line| {
        let lead = line.len() - line.trim_start_matches(is_blank).len();
        let trimmed = line.trim_matches(is_blank);
        let at = start;
        start += line.len() + 1;
        (!trimmed.is_empty()).then(|| Span::new(at + lead, at + lead + trimmed.len()))
    })
}

/// The first lines of `lines`, as many as the head's reading needs: up to the first
/// line with text, then its block of lines up to three (a longer block reads as a
/// three-line one), and when the block ends sooner, up to two lines with text after it.
/// The paragraphs that follow are read from the rest, not kept as lines (a text of a
/// million short lines held them twice).
fn head_lines(lines: &mut impl Iterator<Item = Option<Span>>) -> Vec<Option<Span>> {
    let mut out = Vec::new();
    let (mut head, mut head_done, mut after) = (0, false, 0);
    for line in lines {
        out.push(line);
        match (line.is_some(), head, head_done) {
            (false, 0, _) => {}
            (true, _, false) => head += 1,
            (false, _, false) => head_done = true,
            (true, _, true) => after += 1,
            (false, _, true) => {}
        }
        if (!head_done && head >= 3) || after >= 2 {
            break;
        }
    }
    out
}

fn block(text: &str, span: Span) -> Block {
    Block {
        text: text[span.start..span.end].to_string(),
        span,
    }
}

/// Ends like a sentence: a full stop (not a `..` pause), with closing quotes and brackets
/// after it allowed.
fn ends_as_sentence(line: &str) -> bool {
    let t = line
        .trim_end_matches(|c: char| crate::normalize::is_quote_mark(c) || matches!(c, ')' | ']'));
    t.ends_with('.') && !t.ends_with("..")
}

/// `PLACE - WHO`, `PLACE: WHO`: one or two words, then a dash or colon, then more. After
/// a colon the rest is a name or agency of at most three words: with more it is a
/// statement (`ناجي جلول : إضراب المعلمين غير قانوني` is a headline, not a dateline).
fn is_dateline(line: &str) -> bool {
    let Some(sep) = line.find([':', '-', '–', '—']) else {
        return false;
    };
    let place = line[..sep].trim();
    let rest = line[sep..].trim_start_matches([':', '-', '–', '—', ' ']);
    let place_words = words::count(place);
    let colon = line[sep..].starts_with(':');
    (1..=2).contains(&place_words) && !rest.trim().is_empty() && !(colon && words::count(rest) > 3)
}

/// A short line without punctuation at its end or a colon: a name (or place and agency)
/// that can stand under a headline as its byline or dateline.
fn is_credit_line(line: &str) -> bool {
    (1..=5).contains(&words::count(line))
        && !line.contains(':')
        && !line.ends_with(['.', '،', ',', '؟', '?', '!'])
        && !line.chars().any(|c| c.is_ascii_digit())
}

/// Split `text` into header, paragraphs and source line.
pub(crate) fn layout(text: &str) -> Layout {
    let mut rest = line_spans(text);
    let lines = head_lines(&mut rest);
    let mut layout = Layout {
        headline: None,
        byline: None,
        dateline: None,
        paragraphs: Vec::new(),
        source: None,
    };
    let Some(first) = lines.iter().position(Option::is_some) else {
        return layout;
    };
    // The lines before the first blank line, and whether any body follows it.
    let head_len = lines[first..].iter().take_while(|l| l.is_some()).count();
    let body_after = lines[first + head_len..].iter().any(Option::is_some);
    let line_text = |k: usize| lines[k].map(|s| &text[s.start..s.end]).unwrap_or("");
    let mut body_from = first;
    let short = |s: &str, n: usize| words::count(s) <= n;
    if body_after && head_len <= 2 {
        // A header block set off by a blank line.
        let l0 = line_text(first);
        if head_len == 1 && is_dateline(l0) && short(l0, 6) {
            layout.dateline = Some(block(text, lines[first].unwrap()));
            body_from = first + 1;
        } else if !ends_as_sentence(l0) && short(l0, 30) {
            layout.headline = Some(block(text, lines[first].unwrap()));
            body_from = first + 1;
            // The byline or dateline: the line under the headline, or the first line
            // after the blank when it is a short credit line with more body after it
            // (`عبير الدخيل: …` / blank / `عبير الدخيل` / body).
            let credit = if head_len == 2 && short(line_text(first + 1), 12) {
                Some(first + 1)
            } else if head_len == 1 {
                let body: Vec<usize> = (first + 1..lines.len())
                    .filter(|&k| lines[k].is_some())
                    .take(2)
                    .collect();
                (body.len() == 2 && is_credit_line(line_text(body[0]))).then(|| body[0])
            } else {
                None
            };
            if let Some(c) = credit {
                let b = block(text, lines[c].unwrap());
                if is_dateline(&b.text) {
                    layout.dateline = Some(b);
                } else {
                    layout.byline = Some(b);
                }
                body_from = c + 1;
            }
        }
    } else if head_len >= 3 {
        // No blank line: a short first line without a full stop, before at least two
        // more lines, is a headline; a first line that is a full sentence is the lead.
        let l0 = line_text(first);
        if !ends_as_sentence(l0) && short(l0, 12) && !l0.ends_with([':', '،', ',']) {
            layout.headline = Some(block(text, lines[first].unwrap()));
            body_from = first + 1;
            let l1 = line_text(first + 1);
            if is_dateline(l1) && short(l1, 6) {
                layout.dateline = Some(block(text, lines[first + 1].unwrap()));
                body_from = first + 2;
            }
        }
    }
    // Counted first, so that the paragraphs take no more room than they need.
    let read = lines.len();
    let count = lines[body_from.min(read)..].iter().flatten().count()
        + line_spans(text).skip(read).flatten().count();
    let mut body: Vec<Span> = Vec::with_capacity(count);
    body.extend(lines[body_from.min(read)..].iter().flatten());
    body.extend(rest.flatten());
    // The source: the last line, when it is an attribution line.
    if let Some(&last) = body.last() {
        if let Some(name) = source_name(&text[last.start..last.end]) {
            layout.source = Some(Source {
                text: text[last.start..last.end].to_string(),
                name: name.to_string(),
                span: last,
            });
            body.pop();
        } else if let Some(tail) = trailing_agency(&text[last.start..last.end]) {
            let span = Span::new(last.start + tail.0, last.end);
            layout.source = Some(Source {
                text: text[span.start..span.end].to_string(),
                name: tail.1.to_string(),
                span,
            });
        }
    }
    layout.paragraphs = body;
    layout
}

/// The source's name if `line` is an attribution line: `المصدر: X`, `المصدر : X`,
/// `(المصدر: X)`, `- وكالات`, `(أ ف ب)`.
fn source_name(line: &str) -> Option<&str> {
    let inner = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(line)
        .trim();
    // المصدر: … / المصادر: …
    // The label before the colon is one word (a long line is a paragraph).
    if let Some(colon) = inner.find(':').filter(|&c| c < 40) {
        let key = fold(inner[..colon].trim());
        if key == "المصدر" || key == "المصادر" || key == "مصدر" {
            let name = inner[colon + 1..].trim();
            return (!name.is_empty()).then_some(name);
        }
    }
    // - وكالات
    if let Some(rest) = line.strip_prefix(['-', '–', '—']) {
        let name = rest.trim();
        return (!name.is_empty() && words::count(name) <= 4).then_some(name);
    }
    // (أ ف ب), (رويترز)
    if line.starts_with('(') && line.ends_with(')') && (1..=4).contains(&words::count(inner)) {
        return Some(inner);
    }
    // فرانس24/ أ ف ب/ رويترز: agencies' names alone, separated by / or ،.
    if is_agency_credit(line) {
        return Some(line);
    }
    None
}

/// News agencies and outlets that sign articles, folded.
const AGENCIES: &[&str] = &[
    "أ ف ب",
    "ا ف ب",
    "رويترز",
    "فرانس24",
    "فرانس 24",
    "وكالات",
    "واس",
    "الأناضول",
    "د ب أ",
    "يو بي آي",
    "أ ب",
    "أسوشيتد برس",
    "سبوتنيك",
    "روسيا اليوم",
    "بي بي سي",
    "كونا",
    "وام",
    "بنا",
    "قنا",
    "سانا",
    "شينخوا",
    "إرنا",
    "العربية نت",
    "الجزيرة نت",
    "سي إن إن",
    "إفي",
    "نوفوستي",
    "تاس",
    "معا",
    "وفا",
];

/// A line made only of agency names separated by `/`, `،`, `,` or `-`: a credit line.
fn is_agency_credit(line: &str) -> bool {
    static FOLDED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| AGENCIES.iter().map(|a| fold(a)).collect());
    // Eight words of agency names are well under 200 bytes: a paragraph is no credit.
    if line.len() > 200 || words::count(line) > 8 {
        return false;
    }
    let mut parts = line
        .split(['/', '،', ',', '-', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some() && parts.all(|p| FOLDED.contains(&fold(p)))
}

/// A parenthesised agency at the very end of a paragraph (`… السوري. (أ ف ب)`): its
/// offset in the line and its name.
fn trailing_agency(line: &str) -> Option<(usize, &str)> {
    let body = line.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let name = body[open + 1..].trim();
    let before = line[..open].trim_end();
    let agency_like =
        (1..=3).contains(&words::count(name)) && !name.chars().any(|c| c.is_ascii_digit());
    (agency_like && ends_as_sentence(before) && source_name(&line[open..]).is_some())
        .then_some((open, name))
}

/// A paragraph and its sentences, with its quotation marks (read once: the attribution
/// passes use them too). Without `texts`, the paragraph's and its sentences' `text` are
/// left empty (their spans say where they are): for a caller that drops the paragraph,
/// copying its text twice was a tenth of the extraction.
pub(crate) fn paragraph(
    text: &str,
    index: usize,
    span: Span,
    texts: bool,
) -> (Paragraph, Vec<QuoteSpan>) {
    let p = &text[span.start..span.end];
    // Sorted and disjoint: lookups are binary searches, so a paragraph with thousands
    // of quotations stays linear.
    let marks = top_level_quotes(p);
    let quotes: Vec<Span> = marks.iter().map(|q| q.outer).collect();
    let in_quote = |pos: usize| {
        let i = quotes.partition_point(|q| q.start < pos);
        i > 0 && pos < quotes[i - 1].end
    };
    let closes_quote = |end: usize| {
        let i = quotes.partition_point(|q| q.end < end);
        quotes.get(i).is_some_and(|q| q.end == end)
    };
    let mut sentences = Vec::new();
    let mut start = 0;
    // A quotation that ends with its own full stop ends the sentence with its mark.
    let ends_quoted_sentence = |i: usize, c: char| {
        closes_quote(i + c.len_utf8())
            && p[..i]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(is_terminator)
    };
    let mut from = 0;
    while let Some((i, c)) = next_stop_or_mark(p, from) {
        from = i + c.len_utf8();
        let splits = if is_terminator(c) {
            !in_quote(i) && ends_sentence(p, i, c)
        } else {
            ends_quoted_sentence(i, c)
        };
        if !splits {
            continue;
        }
        // Take the whole run of terminators, then closing marks and brackets.
        let mut end = from;
        for (j, d) in p[from..].char_indices() {
            let j = from + j;
            if is_terminator(d)
                || (crate::normalize::is_quote_mark(d) && closes_quote(j + d.len_utf8()))
                || matches!(d, ')' | ']')
            {
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        push_sentence(text, texts, span.start, p, start, end, &mut sentences);
        start = end;
        from = end;
    }
    push_sentence(text, texts, span.start, p, start, p.len(), &mut sentences);
    // Most paragraphs are a sentence or two: the growth's spare room would be most of
    // the memory of an article of short lines.
    sentences.shrink_to_fit();
    let para = Paragraph {
        index,
        text: if texts { p.to_string() } else { String::new() },
        span,
        sentences,
    };
    (para, marks)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؛' | ';' | '…')
}

/// Whether the character at byte `i` of `b` (a char boundary) is a terminator or a
/// quotation mark ([`is_terminator`], [`crate::normalize::is_quote_mark`]), read from
/// its bytes: `. ! ? ; "`, `« »` (C2 AB, C2 BB), `؛ ؟` (D8 9B, D8 9F), and `… “ ” „ ‟ ‹ ›`
/// (E2 80 …). A test checks it against the two predicates for every character.
#[inline]
fn is_stop_or_mark_at(b: &[u8], i: usize) -> bool {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'.' | b'!' | b'?' | b';' | b'"' => true,
        0xC2 => matches!(next(1), 0xAB | 0xBB),
        0xD8 => matches!(next(1), 0x9B | 0x9F),
        0xE2 => next(1) == 0x80 && matches!(next(2), 0x9C..=0x9F | 0xA6 | 0xB9 | 0xBA),
        _ => false,
    }
}

/// The bytes that say a terminator or quotation mark may be at or just before them:
/// the ASCII ones, C2 and E2 (the first bytes of the others but `؛ ؟`), and the second
/// bytes of `؛ ؟` (9B, 9F; their first, D8, starts most Arabic letters).
#[inline]
fn is_hint(x: u8) -> bool {
    matches!(
        x,
        b'.' | b'!' | b'?' | b';' | b'"' | 0xC2 | 0xE2 | 0x9B | 0x9F
    )
}

/// The first terminator or quotation mark of `p` at or after byte `from` (a char
/// boundary), found from the bytes: 32 at a time are tested for a hint (a loop that
/// vectorises), and only a piece with one is read byte by byte (decoding every
/// character of every paragraph was a fifth of the extractor's time).
fn next_stop_or_mark(p: &str, from: usize) -> Option<(usize, char)> {
    const PIECE: usize = 32;
    let b = p.as_bytes();
    let mut i = from;
    while i < b.len() {
        let end = (i + PIECE).min(b.len());
        if b[i..end].iter().fold(false, |any, &x| any | is_hint(x)) {
            for j in i..end {
                // `b[from]` starts a character, so a second byte is past `from`.
                let at = match b[j] {
                    0x9B | 0x9F if j > from && b[j - 1] == 0xD8 => j - 1,
                    _ => j,
                };
                if is_hint(b[j]) && is_stop_or_mark_at(b, at) {
                    return Some((at, p[at..].chars().next()?));
                }
            }
        }
        i = end;
    }
    None
}

/// Whether the terminator `c` at `i` ends a sentence: not a decimal point (3.5), not the
/// dot of a one-letter abbreviation before a word (د. محمد, U.S.).
fn ends_sentence(p: &str, i: usize, c: char) -> bool {
    if c != '.' {
        return true;
    }
    let before = p[..i].chars().next_back();
    let after = p[i + 1..].chars().next();
    if before.is_some_and(char::is_numeric) && after.is_some_and(char::is_numeric) {
        return false;
    }
    let mut letters = p[..i].chars().rev().take_while(|&ch| words::is_alpha(ch));
    let one_letter = letters.next().is_some() && letters.next().is_none();
    let word_follows = p[i + 1..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(words::is_alpha);
    !(one_letter && word_follows)
}

fn push_sentence(
    text: &str,
    texts: bool,
    base: usize,
    p: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Sentence>,
) {
    let piece = &p[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_blank).len();
    let trimmed = piece.trim_matches(is_blank);
    if trimmed.is_empty() {
        return;
    }
    let span = Span::new(base + start + lead, base + start + lead + trimmed.len());
    out.push(Sentence {
        text: if texts {
            text[span.start..span.end].to_string()
        } else {
            String::new()
        },
        span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_scan_finds_what_a_scan_of_the_characters_finds(
            s in proptest::collection::vec(proptest::sample::select(vec![
                'ب', 'ث', 'ؠ', 'ٛ', 'ڛ', '؛', '؟', '«', '»', '.', '"', '…', '”', '‟', ' ', 'a',
                '\u{A0}', '—', '\u{200F}',
            ]), 0..120),
            from in 0usize..40,
        ) {
            let p: String = s.into_iter().collect();
            let from = p.char_indices().map(|(i, _)| i).nth(from).unwrap_or(p.len());
            let naive = p[from..]
                .char_indices()
                .find(|&(_, c)| is_terminator(c) || crate::normalize::is_quote_mark(c))
                .map(|(i, c)| (from + i, c));
            prop_assert_eq!(next_stop_or_mark(&p, from), naive);
        }
    }

    #[test]
    fn every_terminator_and_mark_starts_with_a_byte_the_scan_stops_at() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut b = [0; 4];
            let b = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(
                is_stop_or_mark_at(b, 0),
                is_terminator(c) || crate::normalize::is_quote_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
        let p = "قال: «نعم». ثم؟ ذهب… \"لا\"";
        let found: Vec<char> = std::iter::successors(next_stop_or_mark(p, 0), |&(i, c)| {
            next_stop_or_mark(p, i + c.len_utf8())
        })
        .map(|(_, c)| c)
        .collect();
        assert_eq!(found, ['«', '»', '.', '؟', '…', '"', '"']);
    }

    fn sentences(p: &str) -> Vec<String> {
        paragraph(p, 1, Span::new(0, p.len()), true)
            .0
            .sentences
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn sentences_split_on_arabic_and_latin_punctuation() {
        assert_eq!(
            sentences("جملة أولى. جملة ثانية؟ ثالثة! رابعة؛ خامسة"),
            ["جملة أولى.", "جملة ثانية؟", "ثالثة!", "رابعة؛", "خامسة"]
        );
    }

    #[test]
    fn no_split_in_numbers_abbreviations_or_quotes() {
        assert_eq!(
            sentences("ارتفع بنسبة 3.5 بالمئة. ثم هبط"),
            ["ارتفع بنسبة 3.5 بالمئة.", "ثم هبط"]
        );
        assert_eq!(
            sentences("قال د. محمد إنه بخير. انتهى"),
            ["قال د. محمد إنه بخير.", "انتهى"]
        );
        assert_eq!(
            sentences("قال: «جاء. وذهب». ثم سكت"),
            ["قال: «جاء. وذهب».", "ثم سكت"]
        );
        assert_eq!(sentences("وقال: ”نعم.” ثم مضى"), ["وقال: ”نعم.”", "ثم مضى"]);
    }

    #[test]
    fn header_with_byline_then_body() {
        let t = "عنوان الخبر هنا\nالرياض - واس\n\nالفقرة الأولى.\nالفقرة الثانية.\n";
        let l = layout(t);
        assert_eq!(l.headline.unwrap().text, "عنوان الخبر هنا");
        assert_eq!(l.dateline.unwrap().text, "الرياض - واس");
        assert_eq!(l.paragraphs.len(), 2);
    }

    #[test]
    fn lead_sentence_is_not_a_headline() {
        let t = "قال الوزير إن الاجتماع كان مثمرا.\nوأضاف أن العمل مستمر.\nالمصدر: وكالات\n";
        let l = layout(t);
        assert!(l.headline.is_none());
        assert_eq!(l.paragraphs.len(), 2);
        assert_eq!(l.source.unwrap().name, "وكالات");
    }

    #[test]
    fn source_line_variants() {
        for (line, name) in [
            ("المصدر: موقع روسيا اليوم", "موقع روسيا اليوم"),
            ("المصدر : وكالات", "وكالات"),
            ("(المصدر: الأناضول)", "الأناضول"),
            ("- وكالات", "وكالات"),
            ("(أ ف ب)", "أ ف ب"),
            ("فرانس24/ أ ف ب/ رويترز", "فرانس24/ أ ف ب/ رويترز"),
            ("رويترز", "رويترز"),
        ] {
            assert_eq!(source_name(line), Some(name), "{line}");
        }
        assert_eq!(source_name("وقال المصدر إن"), None);
        assert_eq!(source_name("قال الوزير/ رويترز"), None);
        assert_eq!(
            trailing_agency("انتهى الاجتماع. (رويترز)"),
            Some(("انتهى الاجتماع. ".len(), "رويترز"))
        );
    }
}
