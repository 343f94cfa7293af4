//! Trim the name: how many words after a verb (or before it) are the speaker's name with
//! its title, role and apposition (الجنرال كينيث ماكنزي، مدير هيئة الأركان), and where
//! it ends: before adverbials and circumstances (في بيان، خلال مؤتمر صحفي، اليوم، أمس),
//! recipients (له، للصحفيين، لوكالة …), بالقول, a preposition, a relative pronoun, or an
//! object (دعا الاتحاد الأوروبي إسرائيل: the name ends before إسرائيل). Words that are
//! also prepositions or common words stay in names where the grammar says so (آغ محمد
//! علي، عبد الله، أبو بكر، مكتب الرئاسة في كوريا الجنوبية).

use super::super::lexicon::verbs::CueKind;
use super::super::lexicon::{Entry, class};
use super::context::Para;
use super::speakers::{MAX_NAME_WORDS, Speakers};

/// What the name reader found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameRead {
    /// How many words the name takes.
    pub(crate) len: usize,
    /// It stopped at a noun object of the verb (أكد عدم قدرته، أفاد باستمرار): the verb
    /// reports no clause.
    pub(crate) object: bool,
}

/// Whether the folded key starts with the article, with or without a prefix letter.
fn is_definite(key: &str) -> bool {
    ["ال", "وال", "فال", "بال", "كال", "لل", "ولل"]
        .iter()
        .any(|p| key.starts_with(p))
}

/// A word with no article (إسرائيل، كيم، كسر), which after an institution's name is its
/// object, not part of it. Words with ب or ل are genitives that go on (بقيادة، لكرة
/// القدم), words with و a second name (الجبيل وينبع).
fn is_bare(key: &str) -> bool {
    // و joins two names (الجبيل وينبع), ب and ل make a genitive.
    !is_definite(key) && !key.starts_with(['ب', 'ل', 'و'])
}

/// An adjective of origin standing for a person (الكوري الجنوبي، اليابانية): a personal
/// name may follow it.
fn is_nisba(key: &str) -> bool {
    is_definite(key) && key.chars().count() > 4 && (key.ends_with('ي') || key.ends_with("يه"))
}

/// The noun at `k` after في (at `k - 1`) that makes it an adverbial, with the article or
/// a pronoun suffix allowed (في بيانه، في المؤتمر، في تصريحها).
fn is_adverbial_noun(para: &Para, k: usize) -> bool {
    let w = &para.ws[k];
    if w.lex.exact.is_some_and(|e| e.is(class::ADVERBIAL_NOUN))
        || w.lex.exact.is_some_and(|e| e.weekday.is_some())
        || w.key
            .starts_with(|c: char| c.is_ascii_digit() || super::super::mentions::digit(c).is_some())
    {
        return true;
    }
    let lex = super::super::lexicon::lexicon();
    // في المؤتمر، في بيانه: with the article or a pronoun suffix.
    let bare = w.key.strip_prefix("ال");
    bare.and_then(|k| lex.get(k))
        .is_some_and(|e| e.is(class::ADVERBIAL_NOUN))
        || ["ه", "ها", "هم"].iter().any(|suffix| {
            w.key
                .strip_suffix(suffix)
                .and_then(|stem| lex.get(stem))
                .is_some_and(|e| e.is(class::ADVERBIAL_NOUN))
        })
        // في مجلة …: where it was said, unless a role came before (الكاتب في صحيفة …).
        || (w.lex.exact.is_some_and(|e| e.is(class::OUTLET))
            && !para.ws[k - 2].lex.is(class::TITLE))
}

/// The word's entry, as written or without و/ف.
fn entry(para: &Para, k: usize) -> Option<&'static Entry> {
    para.ws[k].lex.conj()
}

/// A word that ends a name wherever it stands.
fn ends_name(para: &Para, k: usize) -> bool {
    let w = &para.ws[k];
    let lx = &w.lex;
    const ENDS: u32 = class::COMPLEMENTIZER
        | class::ADVERBIAL
        | class::RECIPIENT
        | class::RELATIVE
        | class::PREPOSITION
        | class::PRONOUN_PREP;
    if lx.flags() & ENDS != 0
        || lx.verb().is_some()
        || lx
            .conj()
            .and_then(|e| e.cue)
            .is_some_and(|(kind, _)| kind != CueKind::AsPut)
    {
        return true;
    }
    let key = w.key.as_str();
    // لكنه، ولكنني: "but"; للصحفيين، للصاحفيين: "to the (plural)", a recipient.
    if key.starts_with("لكن")
        || key.starts_with("ولكن")
        || (key.starts_with("لل") && key.ends_with("ين"))
    {
        return true;
    }
    // على as written (with ى) is the preposition; علي is a name (آغ محمد علي).
    if key == "علي" && para.word(k).ends_with('ى') {
        return true;
    }
    has_digit(para.word(k))
}

/// Whether `s` has a digit of any of the three systems (a byte scan).
fn has_digit(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        x.is_ascii_digit()
            || (x == 0xD9 && b.get(i + 1).is_some_and(|y| (0xA0..=0xA9).contains(y)))
            || (x == 0xDB && b.get(i + 1).is_some_and(|y| (0xB0..=0xB9).contains(y)))
    })
}

/// A preposition with the verb's object after it: أفاد باستمرار، أكد على ضرورة.
pub(crate) fn is_object(para: &Para, k: usize) -> bool {
    let w = &para.ws[k];
    if w.lex.exact.is_some_and(|e| e.is(class::OBJECT)) {
        return true;
    }
    matches!(w.lex.prefixed, Some(('ب' | 'ل', e)) if e.is(class::OBJECT))
}

/// Whether the gap before word `k` keeps the name going: spaces, a hyphen or
/// underscore inside a name (يونغ-تشان، كوريا_الشمالية), a hashtag (#ترمب), the dot of
/// a one-letter title (د. خالد), or the marks of a title in marks.
fn joins(para: &Para, k: usize) -> bool {
    let gap = para.gap(k);
    let t = gap.trim_matches(super::marks::is_space);
    if t.is_empty() {
        return true;
    }
    if matches!(t, "-" | "_" | "#" | "‐") && !gap.starts_with(' ') {
        return true;
    }
    if t == "#" {
        return true;
    }
    if t == "." && k > 0 && para.word(k - 1).chars().count() == 1 {
        return true;
    }
    // Into, out of, or between titles in marks: صحيفة «المستقبل» اللبنانية.
    let marks_only = t.chars().all(crate::normalize::is_quote_mark);
    marks_only && (para.in_title(k) || (k > 0 && para.in_title(k - 1)))
}

/// Whether words `from..to` can all stand in a name (an apposition after a comma).
fn is_name_chunk(para: &Para, from: usize, to: usize) -> bool {
    to > from
        && to - from <= 10
        && (from..to).all(|k| {
            (k == from || joins(para, k)) && (!ends_name(para, k) || para.ws[k].key == "في")
        })
        && !is_object(para, from)
}

/// Read the name at word `from`, with no word at or after `limit`. `speakers` gives the
/// names already seen: a known name keeps going where the grammar alone would stop.
pub(crate) fn read_name(para: &Para, from: usize, limit: usize, speakers: &Speakers) -> NameRead {
    let limit = limit.min(para.ws.len());
    if from >= limit {
        return NameRead {
            len: 0,
            object: false,
        };
    }
    if is_object(para, from) {
        return NameRead {
            len: 0,
            object: true,
        };
    }
    // A name does not start with "to the" (دعا للمساواة) or a preposition with a
    // pronoun (قال فيها).
    if para.ws[from].key.starts_with("لل") || para.ws[from].lex.is(class::PRONOUN_PREP) {
        return NameRead {
            len: 0,
            object: false,
        };
    }
    let head = &para.ws[from].key;
    let mut person = is_nisba(head) || entry(para, from).is_some_and(|e| e.is(class::TITLE));
    let mut k = from;
    let mut object = false;
    let mut paren = false;
    while k < limit && k - from < MAX_NAME_WORDS {
        // The first word of an apposition (…، عضو اللجنة): a name, not an object.
        let mut apposition = false;
        if k > from {
            let gap = para.gap(k);
            let t = gap.trim_matches(super::marks::is_space);
            if t == "(" && !paren {
                // منظمة البلدان المصدرة للبترول (أوبك): a short bracket belongs to the name.
                let close = (k..limit.min(k + 4)).find(|&j| para.gap(j + 1).trim() == ")");
                if close.is_none() {
                    break;
                }
                paren = true;
            } else if paren && t == ")" {
                paren = false;
            } else if t == "،" || t == "," || t == "؛" {
                // An apposition: the words up to the next comma or the end are a name
                // (also after a ؛: قال محمد عزوز؛ عضو اللجنة …، إنه).
                let end = (k..limit)
                    .find(|&j| j > k && matches!(para.gap(j).trim(), "،" | ","))
                    .unwrap_or(limit);
                if !is_name_chunk(para, k, end) {
                    break;
                }
                apposition = true;
            } else if !joins(para, k) {
                break;
            }
        }
        let w = &para.ws[k];
        if para.in_title(k) {
            k += 1;
            continue;
        }
        if w.key == "في" || w.key == "وفي" {
            // في + a place stays (مكتب الرئاسة في كوريا الجنوبية); في + بيان، وقت … ends it.
            if k == from || k + 1 >= limit || is_adverbial_noun(para, k + 1) {
                break;
            }
            k += 1;
            continue;
        }
        if w.key == "من" {
            let after_quantity = k > from && para.ws[k - 1].lex.is(class::QUANTITY);
            if !after_quantity {
                break;
            }
            k += 1;
            continue;
        }
        // الأرقام الصادرة عن الهيئة: "issued by" keeps the issuer in the name.
        if w.key == "عن" && k > from && para.ws[k - 1].lex.is(class::ISSUED) {
            k += 1;
            continue;
        }
        if ends_name(para, k) {
            break;
        }
        if k > from && is_object(para, k) {
            object = true;
            break;
        }
        // A word with a pronoun suffix after a name is its object (أكد شتاينماير تفهمه
        // قلق الرياض), but not عبد ربه or الله.
        let original = para.word(k);
        if k > from
            && original.ends_with('\u{0647}')
            && original.chars().count() > 3
            && w.key != "الله"
            && !para.ws[k - 1].lex.is(class::PARTICLE)
            && !w.lex.is(class::TITLE)
        {
            break;
        }
        // الزوار مازحا: an adverb of manner after the name (a person's name may end so:
        // الناقدة ديانا).
        if k > from
            && !person
            && is_bare(&w.key)
            && original.ends_with('ا')
            && original.chars().count() > 3
            && is_definite(&para.ws[k - 1].key)
        {
            break;
        }
        let known = speakers.is_known_word(&w.key);
        if k > from
            && !apposition
            && !person
            && !known
            && is_bare(&w.key)
            && !w.lex.is(class::PARTICLE)
        {
            // After an institution's name, a bare word is an object (الاتحاد الأوروبي
            // إسرائيل), unless a particle or a title came before it.
            let prev = &para.ws[k - 1];
            if is_definite(&prev.key) && !prev.lex.is(class::PARTICLE) {
                break;
            }
        }
        if entry(para, k).is_some_and(|e| e.is(class::TITLE)) {
            person = true;
        }
        k += 1;
    }
    // Never end on a particle, a lone و, or a preposition kept for what followed it.
    while k > from && {
        let w = &para.ws[k - 1];
        w.lex.is(class::PARTICLE) || matches!(w.key.as_str(), "في" | "من" | "عن" | "و")
    } {
        k -= 1;
    }
    NameRead {
        len: k - from,
        object,
    }
}
