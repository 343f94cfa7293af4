//! Find the verb: the words of a paragraph that attribute speech, speech verbs (قال،
//! أضافت، مشيرا) and attribution phrases (بحسب، وفقا لـ، على حد تعبيره، جاء في), in order.

use super::super::lexicon::verbs::CueKind;
use super::super::lexicon::{Aspect, VerbForm, class, lexicon};
use super::context::Para;
use super::marks::is_space;

/// What attributes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum CueWord {
    /// A speech verb form.
    Verb(VerbForm),
    /// An attribution phrase: its kind and the lemma reported.
    Phrase(CueKind, &'static str),
}

/// A word that attributes speech.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    /// Its word index.
    pub(crate) k: usize,
    /// Verb or phrase.
    pub(crate) word: CueWord,
    /// Followed by "saying": تابع قائلا (the participle is part of it).
    pub(crate) saying: bool,
    /// Written with و or ف (وأضاف): it opens a clause of its own.
    pub(crate) conj: bool,
}

impl Cue {
    /// The verb form, if a verb.
    pub(crate) fn verb(&self) -> Option<VerbForm> {
        match self.word {
            CueWord::Verb(v) => Some(v),
            CueWord::Phrase(..) => None,
        }
    }

    /// Whether it is an active participle (مضيفا، مشيرة).
    pub(crate) fn is_participle(&self) -> bool {
        self.verb().is_some_and(|v| v.aspect == Aspect::Participle)
    }
}

/// "Saying" after a verb: قائلا، قائلة، قائلين.
fn is_saying(v: VerbForm) -> bool {
    v.def.lemma == "قال" && v.aspect == Aspect::Participle
}

/// Conjunctions of time that take أن before a verb (بعد أن كشفت التحقيقات أنه …، قبل أن
/// تذكر تقارير أخرى أن …): the verb after them is a clause of its own, not reported words.
pub(crate) const TEMPORAL_BEFORE_AN: &[&str] = &["بعد", "قبل", "منذ", "الي", "حتي", "وبعد", "وقبل"];

/// Whether word `k` follows a temporal بعد أن / قبل أن ([`TEMPORAL_BEFORE_AN`]).
pub(crate) fn after_temporal_an(para: &Para, k: usize) -> bool {
    k > 1
        && para.ws[k - 1].key == "ان"
        && TEMPORAL_BEFORE_AN.contains(&para.ws[k - 2].key.as_str())
        && para.gap(k).chars().all(is_space)
        && para.gap(k - 1).chars().all(is_space)
}

/// Whether the word before `k` is أن/إن with only spaces after it: a verb there is part
/// of the reported words (ذكر أنه يعتبر “…”), not an attribution; but not after a
/// temporal بعد أن ([`after_temporal_an`]).
fn after_complementizer(para: &Para, k: usize) -> bool {
    k > 0
        && para.ws[k - 1].lex.is(class::COMPLEMENTIZER)
        && para.gap(k).chars().all(is_space)
        && !after_temporal_an(para, k)
}

/// The cues of a paragraph, in order. Words inside quotations and titles are skipped.
pub(crate) fn find(para: &Para) -> Vec<Cue> {
    let ws = para.ws;
    let mut out: Vec<Cue> = Vec::new();
    for k in 0..ws.len() {
        let lx = &ws[k].lex;
        let verb = lx.verb();
        let cue = lx.conj().and_then(|e| e.cue);
        if verb.is_none() && cue.is_none() {
            continue;
        }
        if para.mark_of_word(k).is_some() {
            continue;
        }
        // After a preposition or تم the word is a verbal noun (تم نقل المصابين، عند
        // نقلهم، بعد كشف), not a verb.
        let after_preposition = k > 0
            && para.gap(k).chars().all(is_space)
            && (matches!(
                ws[k - 1].key.as_str(),
                "تم" | "يتم"
                    | "سيتم"
                    | "وتم"
                    | "ويتم"
                    | "عند"
                    | "بعد"
                    | "قبل"
                    | "اثناء"
                    | "خلال"
                    | "من"
                    | "في"
                    | "الي"
                    | "عن"
                    | "مع"
                    | "حول"
                    | "عبر"
                    | "بين"
                    | "لدي"
                    | "منذ"
                    // عدم تحريك أو نقل المصابين: a verbal noun after "or".
                    | "او"
            ) || (ws[k - 1].key == "علي" && para.word(k - 1).ends_with('ى')));
        // After ما the verb is what is said, not who says it (ما أعلنه).
        let after_relative = k > 0
            && para.gap(k).chars().all(is_space)
            && matches!(ws[k - 1].key.as_str(), "ما" | "مما");
        // بحسب وصفه: the noun after an attribution phrase (وصفه is a verb form too).
        let after_phrase = out
            .last()
            .is_some_and(|c| c.k + 1 == k && matches!(c.word, CueWord::Phrase(..)));
        if after_preposition || after_relative || after_phrase {
            continue;
        }
        let conj = lx.exact.is_none_or(|e| e.verb.is_none() && e.cue.is_none());
        if let Some(v) = verb {
            // تابع قائلا: read with the verb before it.
            if is_saying(v)
                && let Some(prev) = out.last_mut()
                && prev.k + 1 == k
                && prev.verb().is_some()
                && para.gap(k).chars().all(is_space)
            {
                prev.saying = true;
                continue;
            }
            if after_complementizer(para, k) {
                continue;
            }
            out.push(Cue {
                k,
                word: CueWord::Verb(v),
                saying: false,
                conj,
            });
            continue;
        }
        let Some((kind, lemma)) = cue else { continue };
        let next = |n: usize| ws.get(k + n).map(|w| w.key.as_str());
        let keep = match kind {
            // على حد تعبيره / قوله / وصفه.
            CueKind::AsPut => {
                next(1) == Some("حد")
                    && ws.get(k + 2).is_some_and(|w| {
                        ["ه", "ها", "هم"].iter().any(|s| {
                            w.key
                                .strip_suffix(s)
                                .and_then(|stem| lexicon().get(stem))
                                .is_some_and(|e| e.is(class::AS_PUT))
                        })
                    })
            }
            // جاء في البيان / ورد في التقرير.
            CueKind::Statement => next(1) == Some("في"),
            CueKind::Source | CueKind::SourceVerb => true,
        };
        if keep {
            out.push(Cue {
                k,
                word: CueWord::Phrase(kind, lemma),
                saying: false,
                conj,
            });
        }
    }
    out
}

/// The gender a pronoun suffix gives (تعبيره، عنها، قولهم).
pub(crate) fn suffix_gender(key: &str) -> Option<super::super::lexicon::Gender> {
    use super::super::lexicon::Gender;
    if key.ends_with("هم") || key.ends_with("هن") {
        Some(Gender::Plural)
    } else if key.ends_with("ها") {
        Some(Gender::Fem)
    } else if key.ends_with('ه') {
        Some(Gender::Masc)
    } else {
        None
    }
}
