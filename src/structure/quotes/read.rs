//! Read the subject: what follows a speech verb up to its clause (أن/إن/بأن), its colon or
//! its quotation, and the name in it; or, when nothing names the speaker after the verb,
//! the subject written before it (حميد بدرخان، رئيس مؤسسة بدرخان، قال؛ إلا أن محاميه
//! تييري مارنبير قال؛ وكان الرئيس قد أكد).

use super::super::Span;
use super::super::lexicon::verbs::CueKind;
use super::super::lexicon::{Aspect, Gender, VerbWords, class};
use super::context::Para;
use super::cues::{Cue, CueWord, suffix_gender};
use super::marks::is_space;
use super::name::{is_object, read_name};
use super::speakers::{MAX_NAME_WORDS, Speakers};

/// How far (in words) a verb's clause, colon or quotation may be from it.
const WINDOW: usize = 24;

/// Where the words after a verb lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A reported clause after the complementizer at this word: قال إن …
    Clause(usize),
    /// A statement after the colon at this byte: وأضاف: …
    Colon(usize),
    /// The quotation (index of the paragraph's marks) the verb introduces.
    Quote(usize),
    /// Nothing the verb reports (a noun object, or no clause in reach).
    Nothing,
}

/// Someone a relaying verb names as the original speaker: نقلت الوكالة عن الوزير، على
/// لسان أردوغان، نقلت عنها.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// Named at this span.
    Named(Span),
    /// A pronoun of this gender: the last such speaker.
    Pronoun(Gender),
}

/// A speech verb, read.
#[derive(Clone, Debug)]
pub(crate) struct Reading {
    /// The verb's word.
    pub(crate) k: usize,
    /// The lemma reported (قال, تابع قائلا, جاء في).
    pub(crate) lemma: String,
    /// The verb form's gender and number.
    pub(crate) gender: Gender,
    /// An active participle: its subject is the clause's before it.
    pub(crate) participle: bool,
    /// Written with و/ف.
    pub(crate) conj: bool,
    /// Who it names: after it, before it, or as the original speaker of a relay.
    pub(crate) who: Option<Who>,
    /// Where its words lead.
    pub(crate) outcome: Outcome,
}

/// Whether word `j` is a complementizer that opens the verb's clause (not the إن of إن
/// شاء الله, "God willing").
fn is_complementizer(para: &Para, j: usize) -> bool {
    para.ws[j]
        .lex
        .exact
        .is_some_and(|e| e.is(class::COMPLEMENTIZER))
        && para.ws.get(j + 1).is_none_or(|w| w.key != "شاء")
}

/// A ؛ in the gap before `j` that does not end the verb's sentence: أشار … ؛ إلى أن.
fn soft_break(para: &Para, j: usize, preps: &[String]) -> bool {
    if !para.gap(j).contains('؛') {
        return false;
    }
    is_complementizer(para, j)
        || (preps.iter().any(|p| p == para.ws[j].key.as_str())
            && j + 1 < para.ws.len()
            && is_complementizer(para, j + 1))
}

/// A ؛ between a name and its role, before the verb's clause: قال محمد عزوز؛ عضو اللجنة
/// الوطنية …، إنه. It does not end the verb's sentence when a short name (`next..j`)
/// stands before it and a comma then a complementizer follow within a name's length.
fn semicolon_apposition(para: &Para, next: usize, j: usize) -> bool {
    if !para.gap(j).contains('؛') || j <= next || j - next > 6 {
        return false;
    }
    let here = para.sentence_of_word(j);
    let last = para.ws.len().min(j + MAX_NAME_WORDS);
    (j + 1..last)
        .take_while(|&c| para.sentence_of_word(c) == here)
        .find(|&c| is_complementizer(para, c))
        .is_some_and(|c| para.gap(c).contains(['،', ',']))
}

/// Fixed adverbial phrases that may stand between a verb and its subject or clause:
/// أكثر من مرة، مرة أخرى، غير مرة (folded keys).
pub(crate) const ADVERBIAL_PHRASES: &[&[&str]] = &[
    &["اكثر", "من", "مره"],
    &["مره", "اخري"],
    &["غير", "مره"],
    &["في", "اكثر", "من", "مناسبه"],
];

/// The first word at or after `from` that may begin the subject: a recipient (له، لنا،
/// للصحفيين, or ل with a name in marks: لـ«الاقتصادية») and a fixed adverbial phrase
/// ([`ADVERBIAL_PHRASES`]) are passed over.
fn skip_before_subject(para: &Para, from: usize) -> usize {
    let ws = para.ws;
    let mut j = from;
    loop {
        let Some(w) = ws.get(j) else { return j };
        if let Some(p) = ADVERBIAL_PHRASES.iter().find(|p| {
            p.iter()
                .enumerate()
                .all(|(i, k)| ws.get(j + i).is_some_and(|w| w.key == *k))
        }) {
            j += p.len();
            continue;
        }
        let key = w.key.as_str();
        let plain = matches!(key, "له" | "لها" | "لهم" | "لهما" | "لنا" | "لي" | "لكم")
            || (key.starts_with("لل") && key.ends_with("ين"));
        let listed = w.lex.exact.is_some_and(|e| e.is(class::RECIPIENT));
        // A media word or ل before a name in marks; not one before a bare name
        // (لوكالة الأنباء …: the outlet follows, it is no subject).
        let outlet = listed && j + 1 < ws.len() && para.in_title(j + 1);
        let recipient = (plain || outlet) && !para.in_quotation(j);
        if !recipient {
            return j;
        }
        j += 1;
        // The outlet in marks after ل: لـ«الاقتصادية».
        while j < ws.len() && para.in_title(j) {
            j += 1;
        }
    }
}

/// Read the verb of cue `ci`. `None` for a verb that reports nobody's words: an
/// impersonal يذكر أن.
pub(crate) fn read(para: &Para, cues: &[Cue], ci: usize, speakers: &Speakers) -> Option<Reading> {
    let cue = &cues[ci];
    let ws = para.ws;
    let k = cue.k;
    static NONE: VerbWords = VerbWords {
        preps: Vec::new(),
        objects: Vec::new(),
        ambiguous: Vec::new(),
    };
    let (listed, object_first, lemma, gender, aspect) = match cue.word {
        CueWord::Verb(v) => (v.words, v.def.object_first, v.def.lemma, v.gender, v.aspect),
        CueWord::Phrase(CueKind::Statement, lemma) => {
            (&NONE, false, lemma, Gender::Masc, Aspect::Past)
        }
        CueWord::Phrase(..) => return None,
    };
    let written = ws[k].key.as_str();
    let written = if cue.conj {
        written
            .char_indices()
            .nth(1)
            .map_or(written, |(i, _)| &written[i..])
    } else {
        written
    };
    let ambiguous = listed.ambiguous.iter().any(|f| f == written);
    let statement = matches!(cue.word, CueWord::Phrase(CueKind::Statement, _));
    let preps = &listed.preps;
    let mut lemma = lemma.to_string();
    let mut next = k + 1;
    if cue.saying {
        lemma.push_str(" قائلا");
        next += 1;
    }
    if statement {
        // جاء في: the document after في is the speaker.
        next += 1;
    }
    while next < ws.len() && listed.objects.iter().any(|o| o == ws[next].key.as_str()) {
        next += 1;
    }
    // أوضح ذلك اللواء …: ذلك is the object, the name follows.
    if ws
        .get(next)
        .is_some_and(|w| w.key == "ذلك" || w.key == "هذا")
    {
        next += 1;
    }
    // VOS order: the recipient or a fixed adverbial before the subject (قال لـ«الاقتصادية»
    // عبدالغني المهنا، قال له الوزير، كرر أكثر من مرة أنه).
    next = skip_before_subject(para, next);
    // Scan to the clause, colon or quotation.
    let verb_sentence = para.sentence_of_word(k);
    let mut sentence = verb_sentence;
    let mut outcome = Outcome::Nothing;
    let mut end = ws.len();
    let next_cue = cues.get(ci + 1).map_or(usize::MAX, |c| c.k);
    // Words read so far, those of titles in marks not counted (تحت عنوان: «…»), and
    // at most four windows in all.
    let mut read_words = 0;
    let last = ws.len().min(k + 1 + 4 * WINDOW);
    for j in k + 1..=last {
        let gap = para.gap(j);
        if let Some(colon) = gap.find(':') {
            let at = if j == 0 {
                para.p.span.start
            } else {
                ws[j - 1].span.end
            } + colon;
            // تحت عنوان: «…»: a colon before a title in marks introduces the title.
            let title_after = j < ws.len() && para.in_title(j);
            if para.mark_at(at).is_none() && !title_after {
                outcome = Outcome::Colon(at);
                end = j;
                break;
            }
        }
        if j == ws.len() || j == last {
            end = j;
            break;
        }
        let here = para.sentence_of_word(j);
        if here != sentence {
            if !soft_break(para, j, preps) && !semicolon_apposition(para, next, j) {
                end = j;
                break;
            }
            sentence = here;
        }
        if let Some((m, mark)) = para.mark_of_word(j)
            && !mark.title
        {
            outcome = Outcome::Quote(m);
            end = j;
            break;
        }
        if j > next.saturating_sub(1) && is_complementizer(para, j) && j >= next {
            outcome = Outcome::Clause(j);
            end = j;
            break;
        }
        // Another verb ends the reach; a relay phrase inside it (حسب الإعلام الإيراني)
        // does not.
        if j == next_cue && cues[ci + 1].verb().is_some() {
            end = j;
            break;
        }
        if !para.in_title(j) {
            read_words += 1;
        }
        if read_words > WINDOW {
            end = j;
            break;
        }
    }
    let end = end.max(next);
    // The verb's preposition before its complementizer is not part of the subject.
    let mut region_end = end;
    if let Outcome::Clause(c) = outcome
        && c > next
        && preps.iter().any(|p| p == ws[c - 1].key.as_str())
    {
        region_end = c - 1;
    }
    let mut who = None;
    let mut before = false;
    if statement {
        // The document: every word up to the clause (البيان، بيان الوزارة، بيان صادر عن …).
        if region_end > next {
            who = Some(Who::Named(Span::new(
                ws[next].span.start,
                ws[region_end - 1].span.end,
            )));
        }
    } else if aspect != Aspect::Participle {
        let mut nr = read_name(para, next, region_end, speakers);
        if object_first
            && matches!(outcome, Outcome::Clause(_))
            && nr.len >= 2
            && next + nr.len == region_end
        {
            // ووصف الناشر الكتاب بأنه: the last word is the object.
            nr.len = speakers
                .head_match(&ws[next..region_end].iter().collect::<Vec<_>>())
                .max(nr.len - 1);
        }
        if nr.object {
            outcome = Outcome::Nothing;
        }
        // A name seen before, then more words, with nothing reported: the words are
        // the verb's object (وأكد لافروف الدعم الروسي …، وقال).
        if outcome == Outcome::Nothing && nr.len > 1 {
            let phrase: Vec<&_> = ws[next..next + nr.len].iter().collect();
            let known = speakers.head_match(&phrase);
            if known > 0 && known < nr.len && !ws[next + known].lex.is(class::TITLE) {
                nr.len = known;
            }
        }
        if nr.len > 0 {
            who = Some(Who::Named(para.name_span(next, nr.len)));
        }
        // What lies between the name and the clause: adverbials, recipients, a relay;
        // a noun object there means the verb reports no clause (أكد العميد على ضرورة أن).
        let mut rest = next + nr.len;
        if rest < region_end && preps.iter().any(|p| p == ws[rest].key.as_str()) {
            rest += 1;
        }
        if rest < end && is_object(para, rest) {
            outcome = Outcome::Nothing;
        }
        if lemma.starts_with("نقل")
            && let Some(r) = relay(para, next + nr.len, region_end, speakers)
        {
            who = Some(r);
        }
        if who.is_none() && !cue.conj {
            // الشركة التي قالت إنها …: the subject is what the relative pronoun refers to.
            let relative = k > 0
                && matches!(
                    ws[k - 1].key.as_str(),
                    "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "اللواتي" | "اللاتي"
                );
            let at = if relative { k - 1 } else { k };
            who = subject_before(para, at, speakers).map(Who::Named);
            before = who.is_some();
        }
    }
    // A present form inside a sentence describes (بلاغ يفيد بتأخر، ما يؤكد أن): it
    // reports only at the start of its sentence or clause, after و/ف, after its subject,
    // or before its colon or quotation (كتبت الناقدة تقول: «…»).
    if aspect == Aspect::Present
        && !cue.conj
        && !before
        && !matches!(outcome, Outcome::Colon(_) | Outcome::Quote(_))
    {
        let opens = k == 0
            || super::cues::after_temporal_an(para, k)
            || para.sentence_of(ws[k - 1].span.start) != verb_sentence
            || para.gap(k).contains(['،', ','])
            || matches!(
                ws[k - 1].key.as_str(),
                "كما" | "فيما" | "بينما" | "حيث" | "اذ" | "ثم" | "بل" | "لذا"
            );
        if !opens {
            return None;
        }
    }
    // بين (between), كتب (books): a verb only when it reports something, and not
    // across a relative clause (جرت بين بلاده والسداسية والتي … من المقرر أن).
    if ambiguous
        && (outcome == Outcome::Nothing || (k + 1..end).any(|j| ws[j].lex.is(class::RELATIVE)))
    {
        return None;
    }
    // يذكر أن، ويعتقد أن with no subject: impersonal.
    let impersonal = aspect == Aspect::Present
        && ws[k].lex.is(class::IMPERSONAL)
        && who.is_none()
        && matches!(outcome, Outcome::Clause(_));
    if impersonal {
        return None;
    }
    Some(Reading {
        k,
        lemma,
        gender,
        participle: aspect == Aspect::Participle,
        conj: cue.conj,
        who,
        outcome,
    })
}

/// نقلت الوكالة على لسان أردوغان / عن الوزير / عنها: the original speaker.
fn relay(para: &Para, from: usize, to: usize, speakers: &Speakers) -> Option<Who> {
    let ws = para.ws;
    let mut j = from;
    while j < to {
        let key = ws[j].key.as_str();
        if key == "علي" && ws.get(j + 1).is_some_and(|w| w.key == "لسان") {
            let n = read_name(para, j + 2, to, speakers);
            return (n.len > 0).then(|| Who::Named(para.name_span(j + 2, n.len)));
        }
        if key == "عن" {
            let n = read_name(para, j + 1, to, speakers);
            return (n.len > 0).then(|| Who::Named(para.name_span(j + 1, n.len)));
        }
        if let Some(rest) = key.strip_prefix("عن")
            && !rest.is_empty()
            && let Some(g) = suffix_gender(key)
        {
            return Some(Who::Pronoun(g));
        }
        j += 1;
    }
    None
}

/// Words after which the subject of a verb begins: كان/كانت, إلا أن, لكن, بينما, فيما …
fn is_subject_boundary(para: &Para, j: usize) -> bool {
    let key = para.ws[j].key.as_str();
    matches!(
        key,
        "كان"
            | "كانت"
            | "وكان"
            | "وكانت"
            | "فكان"
            | "فكانت"
            | "كانوا"
            | "وكانوا"
            | "لكن"
            | "ولكن"
            | "بينما"
            | "فيما"
            | "حيث"
            | "اذ"
            | "ثم"
            | "بيد"
            | "غير"
            | "الا"
            | "بات"
            | "باتت"
            | "ظل"
            | "ظلت"
            | "اصبح"
            | "اصبحت"
            | "صار"
            | "صارت"
            | "مازال"
            | "يزال"
            | "تزال"
            | "عاد"
            | "عادت"
            | "ولذلك"
            | "لذلك"
            | "لذا"
    ) || key.starts_with("لكن")
        || key.starts_with("ولكن")
        || para.ws[j].lex.is(class::COMPLEMENTIZER)
}

/// The subject written before verb `k` in its sentence: from the sentence's start, a
/// comma-separated apposition, or a boundary word (كان، إلا أن، لكن), to the verb (or to
/// قد before it).
pub(crate) fn subject_before(para: &Para, k: usize, speakers: &Speakers) -> Option<Span> {
    let ws = para.ws;
    let mut end = k;
    if end > 0 && matches!(ws[end - 1].key.as_str(), "قد" | "لقد") {
        end -= 1;
    }
    let sentence = para.sentence_of_word(k);
    let mut start = end;
    while start > 0 && end - start < 12 {
        let j = start - 1;
        if para.sentence_of_word(j) != sentence
            || is_subject_boundary(para, j)
            || para.in_quotation(j)
        {
            break;
        }
        let gap = para.gap(start).trim_matches(is_space);
        if !gap.is_empty() && !matches!(gap, "،" | "," | "-" | "#" | "_") && !para.in_title(start)
        {
            break;
        }
        start = j;
    }
    if start >= end {
        return None;
    }
    let n = read_name(para, start, end, speakers);
    if n.len == 0 || n.object {
        return None;
    }
    // What the name leaves before the verb must be adverbials: الوزير أمس قال.
    if (start + n.len..end).any(|j| !ws[j].lex.is(class::ADVERBIAL)) {
        return None;
    }
    Some(para.name_span(start, n.len))
}

/// وكانت السلطات الألمانية قد اعتقلت … وتعتقد أنه: the subject of كان … قد earlier in the
/// sentence, for a verb that names nobody; with the gender كان/كانت gives it.
pub(crate) fn kana_subject(para: &Para, k: usize, speakers: &Speakers) -> Option<(Span, Gender)> {
    let ws = para.ws;
    let sentence = para.sentence_of_word(k);
    // Within the sentence and a window before the verb.
    let from = para
        .word_from(para.sentence_start(sentence))
        .max(k.saturating_sub(WINDOW));
    let kana = (from..k).rev().find(|&j| {
        matches!(
            ws[j].key.as_str(),
            "كان" | "كانت" | "وكان" | "وكانت" | "كانوا" | "وكانوا"
        )
    })?;
    let qad = (kana + 1..k).find(|&j| ws[j].key == "قد")?;
    let n = read_name(para, kana + 1, qad, speakers);
    if n.len == 0 || kana + 1 + n.len != qad {
        return None;
    }
    let gender = match ws[kana].key.trim_start_matches('و') {
        "كانت" => Gender::Fem,
        "كانوا" => Gender::Plural,
        _ => Gender::Masc,
    };
    Some((para.name_span(kana + 1, n.len), gender))
}
