//! Lines into blocks: headline, byline or dateline, paragraphs, the source line (their
//! sentences: `sentences.rs`).

use super::lexicon::fold;
use super::words::is_blank;
use super::{Block, Source, Span, words};

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

#[cfg(test)]
mod tests {
    use super::*;

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
