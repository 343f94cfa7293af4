//! The speakers named so far, and inference: a verb that names nobody (وأضافت، مشيرا إلى
//! أن) takes the last speaker whose gender and number agree with it.

use compact_str::CompactString;
use rustc_hash::FxHashSet as HashSet;

use super::super::Speaker;
use super::super::lexicon::Gender;
use super::super::words::Word;

/// The longest name (with its title) read after a verb, in words.
pub(crate) const MAX_NAME_WORDS: usize = 16;

/// Speakers named so far in the article.
pub(crate) struct Speakers {
    /// Folded word sequences of every speaker named so far.
    known: HashSet<Vec<CompactString>>,
    /// The last word of every name of two words or more (surnames).
    surnames: HashSet<CompactString>,
    /// The last speaker named, and the last of each gender and number.
    last: Option<Speaker>,
    last_masc: Option<Speaker>,
    last_fem: Option<Speaker>,
    last_plural: Option<Speaker>,
    /// When the last speaker of each gender (masculine, feminine, plural) was named: a
    /// count of names and subjects seen.
    spoken_at: [u64; 3],
    /// The last subject of each gender introduced by a verb that is not a speech verb
    /// (سجلت وزارة الصحة …): its speaker, paragraph and count.
    subjects: [Option<(Speaker, usize, u64)>; 3],
    /// Names and subjects seen so far.
    seen: u64,
    /// The paragraph being read.
    pub(crate) paragraph: usize,
}

fn slot(g: Gender) -> usize {
    match g {
        Gender::Masc => 0,
        Gender::Fem => 1,
        Gender::Plural => 2,
    }
}

/// The gender and number a name suggests by its first word, for a speaker named without
/// a verb that says it (بحسب …، headline labels): ـة or a feminine plural ـات is
/// feminine, ـون/ـين plural, else masculine.
pub(crate) fn gender_of_name(first_key: &str) -> Gender {
    let k = first_key.strip_prefix("ال").unwrap_or(first_key);
    if k.ends_with('ه') || k.ends_with("ات") {
        Gender::Fem
    } else if k.chars().count() > 4 && (k.ends_with("ون") || k.ends_with("ين")) {
        Gender::Plural
    } else {
        Gender::Masc
    }
}

impl Speakers {
    pub(crate) fn new() -> Speakers {
        Speakers {
            known: HashSet::default(),
            surnames: HashSet::default(),
            last: None,
            last_masc: None,
            last_fem: None,
            last_plural: None,
            spoken_at: [0; 3],
            subjects: [None, None, None],
            seen: 0,
            paragraph: 0,
        }
    }

    /// Remember the subject of a verb that is not a speech verb (سجلت وزارة الصحة،
    /// وروى الأب المكلوم): a speaker a later verb that names nobody may mean.
    pub(crate) fn add_subject(&mut self, s: &Speaker, keys: Vec<CompactString>, gender: Gender) {
        self.seen += 1;
        if keys.len() > 1
            && let Some(last) = keys.last()
        {
            self.surnames.insert(last.clone());
        }
        self.known.insert(keys);
        self.subjects[slot(gender)] = Some((s.clone(), self.paragraph, self.seen));
    }

    /// Remember a speaker named in the text (`keys`: the folded words of the name).
    pub(crate) fn add(&mut self, s: &Speaker, keys: Vec<CompactString>, gender: Gender) {
        if keys.len() > 1
            && let Some(last) = keys.last()
        {
            self.surnames.insert(last.clone());
        }
        self.known.insert(keys);
        self.seen += 1;
        self.spoken_at[slot(gender)] = self.seen;
        self.last = Some(s.clone());
        let slot = match gender {
            Gender::Masc => &mut self.last_masc,
            Gender::Fem => &mut self.last_fem,
            Gender::Plural => &mut self.last_plural,
        };
        *slot = Some(s.clone());
    }

    /// The speaker a verb of `gender` that names nobody means: the last one of that
    /// gender; a plural verb may mean the last plural or, failing one, any last speaker
    /// (قال محللون … وأضافوا). Marked inferred.
    ///
    /// A subject introduced by another verb ([`Speakers::add_subject`]) is meant when it
    /// stands in the current paragraph after the last such speaker (وعاد يوب هاينكس …،
    /// لكنه كرر أنه), or when no speaker of that gender has been named yet (سجلت وزارة
    /// الصحة … وأكدت أن).
    pub(crate) fn infer(&self, gender: Gender) -> Option<Speaker> {
        let spoken = match gender {
            Gender::Masc => self.last_masc.as_ref(),
            Gender::Fem => self.last_fem.as_ref(),
            Gender::Plural => self.last_plural.as_ref(),
        };
        let subject = self.subjects[slot(gender)].as_ref().filter(|(_, p, at)| {
            spoken.is_none() || (*p == self.paragraph && *at > self.spoken_at[slot(gender)])
        });
        let s = match (subject, gender) {
            (Some((s, _, _)), _) => s,
            (None, Gender::Plural) => spoken.or(self.last.as_ref())?,
            (None, _) => spoken?,
        };
        Some(Speaker {
            inferred: true,
            ..s.clone()
        })
    }

    /// The last speaker named, whatever the gender, marked inferred: for a paragraph
    /// that is only a quotation.
    pub(crate) fn infer_any(&self) -> Option<Speaker> {
        self.last.clone().map(|s| Speaker {
            inferred: true,
            ..s
        })
    }

    /// The longest known name at the head of `phrase`: how many words. At most
    /// [`MAX_NAME_WORDS`] lookups, however many names are known. A surname alone
    /// (لافروف for سيرغي لافروف) counts as one word.
    pub(crate) fn head_match(&self, phrase: &[&Word]) -> usize {
        let Some(first) = phrase.first() else {
            return 0;
        };
        let mut keys: Vec<CompactString> = phrase
            .iter()
            .take(MAX_NAME_WORDS)
            .map(|w| w.key.clone())
            .collect();
        while !keys.is_empty() {
            if self.known.contains(&keys) {
                return keys.len();
            }
            keys.pop();
        }
        usize::from(self.surnames.contains(&first.key))
    }

    /// Whether the word is a known speaker's surname (the last word of a longer name),
    /// with no article: a name by itself.
    pub(crate) fn surname_only(&self, key: &CompactString) -> bool {
        !key.starts_with("ال") && self.surnames.contains(key)
    }

    /// Whether the word is a known speaker's surname or one-word name.
    pub(crate) fn is_known_word(&self, key: &CompactString) -> bool {
        self.surnames.contains(key) || self.known.contains(std::slice::from_ref(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::Span;

    fn sp(name: &str) -> Speaker {
        Speaker {
            name: name.into(),
            span: Span::new(0, name.len()),
            inferred: false,
        }
    }

    #[test]
    fn inference_agrees_in_gender() {
        let mut s = Speakers::new();
        s.add(&sp("الوزيرة"), vec!["الوزيره".into()], Gender::Fem);
        s.add(&sp("المتحدث"), vec!["المتحدث".into()], Gender::Masc);
        assert_eq!(s.infer(Gender::Fem).unwrap().name, "الوزيرة");
        assert_eq!(s.infer(Gender::Masc).unwrap().name, "المتحدث");
        assert!(s.infer(Gender::Masc).unwrap().inferred);
        // No plural speaker yet: a plural verb takes the last one.
        assert_eq!(s.infer(Gender::Plural).unwrap().name, "المتحدث");
    }

    #[test]
    fn gender_from_the_name() {
        assert_eq!(gender_of_name("الوكاله"), Gender::Fem);
        assert_eq!(gender_of_name("السلطات"), Gender::Fem);
        assert_eq!(gender_of_name("محللون"), Gender::Plural);
        assert_eq!(gender_of_name("المجلس"), Gender::Masc);
    }
}
