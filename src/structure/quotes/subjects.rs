//! Subjects introduced by verbs that are not speech verbs: a sentence that opens with a
//! verb and its subject (سجلت وزارة الصحة أمس …، وروى الأب المكلوم …، اعتذرت هيئة
//! الرياضة …) names someone a later speech verb with no subject may mean (وأكدت أن …،
//! وقال: …). Only the verb-subject order at the start of a sentence (or after a
//! dateline's dash) is read: there an unknown word followed by a name is a verb.

use super::super::Span;
use super::super::lexicon::{Gender, class};
use super::context::Para;
use super::marks::is_space;
use super::name::read_name;
use super::speakers::{MAX_NAME_WORDS, Speakers};

/// A subject found: the verb's word, the name's span, the verb's gender and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Subject {
    /// The verb's word index.
    pub(crate) k: usize,
    /// The name.
    pub(crate) span: Span,
    /// Gender and number of the verb form (ـت feminine, ـوا plural).
    pub(crate) gender: Gender,
}

/// Whether word `k` opens its sentence: the paragraph's first word, the first after a
/// sentence break, or the first after a dateline's dash (دبي (CNN) – اعتذرت …).
fn opens_sentence(para: &Para, k: usize) -> bool {
    if k == 0 {
        return true;
    }
    let raw = para.gap(k);
    // A ؛ joins more often than it ends (قال مجدي الريس؛ تاجر ذهب …).
    if para.sentence_of_word(k) != para.sentence_of_word(k - 1) {
        return !raw.contains('؛');
    }
    // Most gaps are one space: no dash there.
    if raw.len() < 2 {
        return false;
    }
    let gap = raw.trim_matches(is_space);
    gap.ends_with(['–', '-', '—']) && !gap.contains(['،', ','])
}

/// The stem of a word that reads as a past verb: a word no list knows, without the
/// article or a digit, three to six letters once a و/ف is taken off.
fn verb_stem<'a>(para: &Para<'a>, k: usize) -> Option<&'a str> {
    let ws: &'a [super::super::words::Word] = para.ws;
    let w = &ws[k];
    if w.lex.exact.is_some() || w.lex.prefixed.is_some() || w.key.starts_with("ال") {
        return None;
    }
    let key = w.key.as_str();
    let stem = match key.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => key,
    };
    let n = stem.chars().count();
    ((3..=6).contains(&n) && stem.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
        .then_some(stem)
}

/// The gender and number a past verb's ending gives: ـوا plural, ـت feminine.
fn past_gender(stem: &str) -> Gender {
    if stem.ends_with("وا") {
        Gender::Plural
    } else if stem.ends_with('ت') {
        Gender::Fem
    } else {
        Gender::Masc
    }
}

/// Whether word `k` can begin a person's or institution's name: a title or source
/// noun (وزارة، الأب), a name particle (أبو), a name seen before, two bare words (يوب
/// هاينكس), or an adjective of origin before a bare name (الأميركية سيرينا). Not any
/// definite noun: وتسببت العقوبة … names no speaker.
fn begins_name(para: &Para, k: usize, speakers: &Speakers) -> bool {
    let ws = para.ws;
    let w = &ws[k];
    if w.lex.is(class::TITLE) || w.lex.is(class::SOURCE) || w.lex.is(class::PARTICLE) {
        return true;
    }
    if w.lex.flags() != 0 || w.lex.verb().is_some() || w.lex.conj().is_some_and(|e| e.cue.is_some())
    {
        return false;
    }
    if speakers.is_known_word(&w.key) {
        return true;
    }
    let bare = |j: usize| {
        ws.get(j).is_some_and(|x| {
            x.lex.exact.is_none()
                && x.lex.prefixed.is_none()
                && !x.key.starts_with("ال")
                && x.key.chars().count() >= 3
        }) && para.gap(j).chars().all(is_space)
    };
    let nisba = w.key.starts_with("ال")
        && w.key.chars().count() > 4
        && (w.key.ends_with('ي') || w.key.ends_with("يه"));
    (bare(k) || nisba) && bare(k + 1)
}

/// VSO: where the object begins after a subject of `len` words at `from`. A personal
/// name is bare words (no article, unknown to the lists); after it comes no source or
/// title (هاجم أردوغان وكالة «موديز») and, after two of them, no definite word (خسرت
/// الأميركية سيرينا وليامز المباراة; one is a surname: يوسف العلي). A construct
/// with a common noun in ة goes on (مدرب صالة الحديد). After a personal or one-word
/// name a word with ب or ل is a circumstance (انتقد العفاسي بمقطع فيديو).
pub(crate) fn object_cut(para: &Para, from: usize, len: usize) -> usize {
    let ws = para.ws;
    let is_bare = |w: &super::super::words::Word| {
        w.lex.exact.is_none() && w.lex.prefixed.is_none() && !w.key.starts_with("ال")
    };
    let mut bare_run = 0;
    for i in 0..len {
        let w = &ws[from + i];
        if i > 0 {
            let prev = &ws[from + i - 1];
            let after_name = bare_run > 0 && !prev.key.ends_with('ه');
            let definite = w.key.starts_with("ال");
            let role = w.lex.is(class::SOURCE) || w.lex.is(class::TITLE);
            // One bare word then a definite one is a name and its surname (يوسف العلي).
            if (definite && bare_run >= 2) || (role && after_name) {
                return i;
            }
            // After a personal name (bare, or after أبو/بن) or a one-word name, a word
            // with ب or ل is a circumstance or an object (أبو الخير لإصابة).
            let personal = is_bare(prev)
                || (i >= 2 && ws[from + i - 2].lex.is(class::PARTICLE))
                || (i == 1 && !prev.lex.is(class::TITLE) && !prev.lex.is(class::SOURCE));
            if personal && w.key.starts_with(['ب', 'ل']) && !w.lex.is(class::PARTICLE) {
                return i;
            }
        }
        if is_bare(w) {
            bare_run += 1;
        } else {
            bare_run = 0;
        }
    }
    len
}

/// The subjects of the sentences of `para` that open with a verb no list knows, in
/// order.
pub(crate) fn find(para: &Para, speakers: &Speakers) -> Vec<Subject> {
    let ws = para.ws;
    let mut out = Vec::new();
    for k in 0..ws.len().saturating_sub(1) {
        // The cheap tests first: most words are listed or no verb before a name.
        let w = &ws[k];
        if w.lex.exact.is_some() || w.lex.prefixed.is_some() {
            continue;
        }
        let next = k + 1;
        if !opens_sentence(para, k)
            || !begins_name(para, next, speakers)
            || para.mark_of_word(k).is_some()
            || !para.gap(next).chars().all(is_space)
            || para.in_quotation(next)
        {
            continue;
        }
        let Some(stem) = verb_stem(para, k) else {
            continue;
        };
        let sentence = para.sentence_of_word(k);
        // Within the sentence and a name's length: linear however many dashes.
        let reach = ws.len().min(next + MAX_NAME_WORDS);
        let limit = (next..reach)
            .find(|&j| para.sentence_of_word(j) != sentence)
            .unwrap_or(reach);
        let n = read_name(para, next, limit, speakers);
        if n.len == 0 || n.object {
            continue;
        }
        // A surname seen before is the whole name (شبه نيكولسن الوضع …).
        let len = if speakers.surname_only(&ws[next].key) {
            1
        } else {
            object_cut(para, next, n.len)
        };
        out.push(Subject {
            k,
            span: para.name_span(next, len),
            gender: past_gender(stem),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::structure::extract;

    /// The subjects of a one-paragraph text, as written.
    fn subjects_of(t: &str) -> Vec<String> {
        let a = extract(t);
        let p = &a.paragraphs[0];
        let ws = crate::structure::words::words(t, p.span);
        let marks = super::super::marks::top_level_quotes(&t[p.span.start..p.span.end]);
        let para = Para::new(t, p, &marks, &ws);
        find(&para, &Speakers::new())
            .into_iter()
            .map(|s| t[s.span.start..s.span.end].to_string())
            .collect()
    }

    #[test]
    fn subjects_end_before_the_object() {
        assert_eq!(
            subjects_of("شبه جون نيكولسن الوضع الحالي بما جرى في كولومبيا."),
            ["جون نيكولسن"]
        );
        assert_eq!(
            subjects_of("هاجم الرئيس التركي رجب طيب أردوغان وكالة «موديز» أمس."),
            ["الرئيس التركي رجب طيب أردوغان"]
        );
        assert_eq!(
            subjects_of("تعرض مدرب صالة الحديد محسن أبو الخير لإصابة."),
            ["مدرب صالة الحديد محسن أبو الخير"]
        );
        assert_eq!(
            subjects_of("خسرت الأميركية سارة وليامز المباراة النهائية."),
            ["الأميركية سارة وليامز"]
        );
        // No subject: a definite noun that is no title or source.
        assert!(subjects_of("وتسببت العقوبة في خسارتها.").is_empty());
    }

    #[test]
    fn past_endings_give_gender_and_number() {
        assert_eq!(past_gender("سجلت"), Gender::Fem);
        assert_eq!(past_gender("روي"), Gender::Masc);
        assert_eq!(past_gender("غادروا"), Gender::Plural);
    }
}
