//! Reported speech: the clause a speech verb introduces with أن/إن/بأن, to the end of its
//! sentence, to a quotation in marks, or to the next reporting act (…، مشيرا إلى أن);
//! and the sentence an attribution phrase stands in (بحسب …، وفقا لما نشرته …، على حد
//! تعبيره).

use super::super::Span;
use super::super::lexicon::verbs::CueKind;
use super::super::lexicon::{class, lexicon};
use super::context::Para;
use super::cues::{Cue, CueWord, suffix_gender};
use super::marks::is_space;
use super::read::Who;
use super::speakers::Speakers;

/// The fewest words a reported clause has.
const MIN_WORDS: usize = 2;

/// Punctuation, marks and spaces trimmed from the ends of a reported clause.
fn is_trimmed(c: char) -> bool {
    is_space(c)
        || crate::normalize::is_quote_mark(c)
        || matches!(
            c,
            '.' | '،' | ',' | '؛' | ';' | ':' | '!' | '?' | '؟' | '…' | '-' | '–' | '—' | '('
        )
}

/// `span` without the punctuation and spaces at its ends; a quotation mark stays when
/// its pair is inside the span (إن «موديز» خفضت …، … عن «الطلب المفرط»).
fn trimmed(para: &Para, span: Span) -> Span {
    let s = para.slice(span);
    let mut start = span.start;
    for (i, c) in s.char_indices() {
        let pos = span.start + i;
        let keeps = crate::normalize::is_quote_mark(c)
            && para
                .mark_at(pos)
                .is_some_and(|(_, m)| m.outer.start == pos && m.outer.end <= span.end);
        if !is_trimmed(c) || keeps {
            start = pos;
            break;
        }
        start = pos + c.len_utf8();
    }
    let mut end = span.end.max(start);
    for (i, c) in para.text[start..end].char_indices().rev() {
        let pos = start + i;
        let keeps = crate::normalize::is_quote_mark(c)
            && para
                .mark_at(pos)
                .is_some_and(|(_, m)| m.outer.end == pos + c.len_utf8() && m.outer.start >= start);
        if !is_trimmed(c) || keeps {
            end = pos + c.len_utf8();
            break;
        }
        end = pos;
    }
    Span::new(start, end.max(start))
}

fn words_in(para: &Para, s: Span) -> usize {
    para.words_in(s)
}

/// Whether cue `c` begins another reporting act, which ends the clause before it: a
/// participle (…، مضيفا أن), a verb with و/ف (…، وأضاف أن), or an attribution phrase
/// (…، بحسب المصدر).
fn starts_another_act(para: &Para, c: &Cue, speakers: &Speakers) -> bool {
    match c.word {
        CueWord::Verb(_) => c.is_participle() || c.conj,
        CueWord::Phrase(CueKind::AsPut, _) => true,
        CueWord::Phrase(CueKind::Source | CueKind::SourceVerb, _) => {
            source(para, c, speakers).is_some()
        }
        CueWord::Phrase(CueKind::Statement, _) => false,
    }
}

/// For each cue, the first cue at or after it that begins another reporting act (an
/// index into `cues`, or `cues.len()`): computed once per paragraph, so that finding
/// where each clause ends stays linear.
pub(crate) fn next_acts(para: &Para, cues: &[Cue], speakers: &Speakers) -> Vec<usize> {
    let mut next = vec![cues.len(); cues.len() + 1];
    for i in (0..cues.len()).rev() {
        next[i] = if starts_another_act(para, &cues[i], speakers) {
            i
        } else {
            next[i + 1]
        };
    }
    next
}

/// The reported clause after the complementizer at word `comp`: its span, or `None` when
/// it is only a quotation in marks (قال إن «…»: the quotation is the clause) or too
/// short. A quotation in marks inside a longer clause stays in it (قال إن كيم بدا «مستعدا»
/// خلال اللقاء) and is a quotation of its own too. `next_act` is [`next_acts`].
pub(crate) fn clause(para: &Para, comp: usize, cues: &[Cue], next_act: &[usize]) -> Option<Span> {
    let ws = para.ws;
    let start = ws[comp].span.end;
    let sentence = para.sentence_of(ws[comp].span.start);
    let mut end = para.sentence_end(sentence);
    let after = cues.partition_point(|c| c.k <= comp);
    if let Some(c) = cues.get(next_act[after]) {
        end = end.min(ws[c.k].span.start);
    }
    if let Some(e) = para.next_ender(comp + 1) {
        end = end.min(ws[e].span.start);
    }
    let mut span = trimmed(para, Span::new(start, end.max(start)));
    // قال إن «…» …: the quotation is the clause; what follows it is one only when it is
    // a clause of its own (… وإن الحكومة ستتدخل), not an adverbial (… في بيان).
    if let Some((_, m)) = para.mark_at(span.start)
        && !m.title
    {
        let rest = trimmed(para, Span::new(m.outer.end, span.end.max(m.outer.end)));
        let j = para.word_from(rest.start);
        let adverbial = ws.get(j).is_none_or(|w| {
            w.key == "في" || w.lex.is(class::ADVERBIAL) || w.lex.is(class::PREPOSITION)
        });
        if adverbial || words_in(para, rest) < 3 {
            return None;
        }
        span = rest;
    }
    // The words outside quotations: مضيفا أن كيم «…» reports through the quotation.
    let quoted = para.quoted_words_in(span);
    (words_in(para, span).saturating_sub(quoted) >= MIN_WORDS).then_some(span)
}

/// The source an attribution phrase names: بحسب وسائل الإعلام، وفقا لبيان صادر عن …،
/// حسبما أعلنت الشركة، وفق ما أعلن المتحدث …، بحسب وصفه (a pronoun). `None` when the
/// words after it are no source (حسب الإجراءات: "according to the rules").
pub(crate) fn source(para: &Para, c: &Cue, speakers: &Speakers) -> Option<(Who, Span)> {
    let ws = para.ws;
    let lex = lexicon();
    let CueWord::Phrase(kind, lemma) = c.word else {
        return None;
    };
    let k = c.k;
    if kind == CueKind::AsPut {
        // على حد تعبيره.
        let w = ws.get(k + 2)?;
        return Some((
            Who::Pronoun(suffix_gender(&w.key)?),
            Span::new(ws[k].span.start, w.span.end),
        ));
    }
    let mut n = k + 1;
    if lemma == "نقلا عن" {
        let w = ws.get(n)?;
        if w.key == "عن" {
            n += 1;
        } else if w.key.starts_with("عن") {
            return Some((
                Who::Pronoun(suffix_gender(&w.key)?),
                Span::new(ws[k].span.start, w.span.end),
            ));
        }
    }
    let mut any_noun = kind == CueKind::SourceVerb;
    if kind == CueKind::SourceVerb {
        // حسبما أعلنت: the verb, then its subject.
        n += 1;
    } else if ws.get(n).is_some_and(|w| w.key == "ما" || w.key == "لما") {
        // وفق ما أعلن، وفقا لما نشرته.
        n += 2;
        any_noun = true;
    }
    // وفقا لما صرحت به اليوم …: the pronoun and the time words before the source.
    while ws.get(n).is_some_and(|w| {
        any_noun
            && (matches!(w.key.as_str(), "به" | "بها" | "له" | "لها" | "فيه")
                || w.lex.is(class::ADVERBIAL))
    }) {
        n += 1;
    }
    let w = ws.get(n)?;
    // The source is in the phrase's sentence, with no punctuation before it.
    let cue_sentence = para.sentence_of_word(k);
    if para.sentence_of(w.span.start) != cue_sentence
        || (k + 1..=n).any(|j| {
            para.gap(j)
                .chars()
                .any(|c| !is_space(c) && !crate::normalize::is_quote_mark(c) && c != '\u{0640}')
        })
    {
        return None;
    }
    // بحسب وصفه، حسب قوله: the speaker is a pronoun.
    if let Some(g) = suffix_gender(&w.key)
        && ["ه", "ها", "هم"].iter().any(|s| {
            w.key
                .strip_suffix(s)
                .and_then(|stem| lex.get(stem))
                .is_some_and(|e| e.is(class::AS_PUT))
        })
    {
        return Some((Who::Pronoun(g), Span::new(ws[k].span.start, w.span.end)));
    }
    // وفقا لبيان: the ل belongs to وفقا.
    // وفقا لمجلة كيكر: لمجلة is listed as a recipient, مجلة as an outlet.
    let names_source = |e: &super::super::lexicon::Entry| {
        e.is(class::SOURCE) || e.is(class::TITLE) || e.is(class::OUTLET)
    };
    let recipient_of = w
        .lex
        .exact
        .filter(|e| e.is(class::RECIPIENT))
        .and_then(|_| w.key.strip_prefix('ل'))
        .and_then(|rest| lex.get(rest))
        .filter(|e| names_source(e));
    let (stem, skip_letter) = match (w.lex.prefixed, recipient_of) {
        (Some(('ل', e)), _) if names_source(e) => (Some(e), true),
        (_, Some(e)) => (Some(e), true),
        _ => (w.lex.exact, false),
    };
    let bare = w.key.strip_prefix("ال").and_then(|s| lex.get(s));
    let sourcey = |e: Option<&super::super::lexicon::Entry>| {
        e.is_some_and(|e| e.is(class::SOURCE) || e.is(class::TITLE) || e.is(class::OUTLET))
    };
    let latin = para.word(n).chars().all(|ch| ch.is_ascii_alphanumeric());
    if !(any_noun || sourcey(stem) || sourcey(bare) || latin || speakers.is_known_word(&w.key)) {
        return None;
    }
    // The source runs to the next comma, colon, quotation or the sentence's end (ten
    // words at most), without the time words at its end.
    let sentence = para.sentence_of(w.span.start);
    let mut last = n;
    let mut j = n + 1;
    while j < ws.len() && j - n < 10 {
        let gap = para.gap(j).trim_matches(is_space);
        let breaks = gap.contains(['،', ',', ':', '.', '؛', '-', '–', '(', ')'])
            || (!gap.is_empty() && !para.in_title(j) && !para.in_title(j - 1));
        let w = &ws[j];
        // A preposition ends the source (المصادر ذاتها على تسوية …), but "issued by"
        // does not (الأرقام الصادرة عن الهيئة).
        let preposition = (w.lex.is(class::PREPOSITION)
            && !(w.key == "عن" && ws[j - 1].lex.is(class::ISSUED)))
            || (w.key == "علي" && para.word(j).ends_with('ى'));
        // أحد الزوار مازحا: an adverb of manner after a definite word.
        let manner = !w.key.starts_with("ال")
            && para.word(j).ends_with('ا')
            && ws[j - 1].key.starts_with("ال");
        if breaks
            || preposition
            || manner
            || para.sentence_of(w.span.start) != sentence
            || w.lex.is(class::COMPLEMENTIZER)
            // فإن: read as ف + إن (فان is also the particle van).
            || w
                .key
                .strip_prefix('ف')
                .and_then(|rest| lex.get(rest))
                .is_some_and(|e| e.is(class::COMPLEMENTIZER))
            || w.lex.verb().is_some()
            || para.in_quotation(j)
        {
            break;
        }
        last = j;
        j += 1;
    }
    while last > n && ws[last].lex.is(class::ADVERBIAL) {
        last -= 1;
    }
    let mut start = w.span.start;
    if skip_letter {
        start += para.word(n).chars().next().map_or(0, char::len_utf8);
        let rest = &para.text[start..w.span.end];
        start += rest.len() - rest.trim_start_matches('\u{0640}').len();
    }
    Some((
        Who::Named(Span::new(start, ws[last].span.end)),
        Span::new(ws[k].span.start, ws[last].span.end),
    ))
}

/// The sentence an attribution phrase attributes, as a span: the words after the
/// phrase's source when the phrase opens the sentence (وبحسب المصدر، فإن …), else the
/// words before it (…، وفق ما أعلن المتحدث).
pub(crate) fn attributed(para: &Para, c: &Cue, phrase: Span) -> Option<Span> {
    let ws = para.ws;
    let sentence = para.sentence_of(ws[c.k].span.start);
    let s_start = para.sentence_start(sentence);
    let s_end = para.sentence_end(sentence);
    let before = para.slice(Span::new(s_start, ws[c.k].span.start));
    let opens = before.chars().all(|ch| is_space(ch) || is_trimmed(ch));
    let span = if opens {
        // After the source: skip فإن / فإنه / إن that opens the statement.
        let mut from = phrase.end;
        let j = para.word_from(from);
        if let Some(w) = ws.get(j).filter(|w| w.span.start < s_end) {
            let key = w.key.trim_start_matches('ف');
            if lexicon()
                .get(key)
                .is_some_and(|e| e.is(class::COMPLEMENTIZER))
            {
                from = w.span.end;
            }
        }
        Span::new(from.min(s_end), s_end)
    } else {
        // Before the phrase, without a وذلك that joins it: …، وذلك حسبما أعلنت.
        let mut to = ws[c.k].span.start;
        if c.k > 0 && ws[c.k - 1].key == "وذلك" && ws[c.k - 1].span.start >= s_start {
            to = ws[c.k - 1].span.start;
        }
        Span::new(s_start, to)
    };
    let span = trimmed(para, span);
    (words_in(para, span) >= MIN_WORDS).then_some(span)
}
