//! The word lists extraction matches against, compiled into one table.
//!
//! The lists themselves are tables with their tests beside them: [`verbs`] (speech verbs
//! and attribution phrases), [`names`] (titles, particles and the words that end a
//! name), [`calendar`] (months of four calendars, weekdays, relative dates, clock
//! words) and [`numbers`] (number words, scales, units). Each list is written in
//! ordinary spelling and matched on the `search` fold of both sides (أ إ آ → ا, ى → ي,
//! ة → ه, marks and tatweel dropped), so that أضاف, اضاف and أضافَ are one word.
//!
//! [`Lexicon`] maps every folded word to one [`Entry`] holding everything known about
//! it, so a word of the text is looked up once (twice with a prefix), not once per list.
//! Built once, on first use.

pub(crate) mod calendar;
pub(crate) mod names;
pub(crate) mod numbers;
pub(crate) mod verbs;

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::normalize::fold_for_search;
use numbers::NumberWord;
use verbs::{CueKind, VerbDef};

/// The `search` fold of `s`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_for_search(s, &mut out);
    out
}

/// Grammatical gender and number of a verb form (and so of the speaker it names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    /// Masculine singular.
    Masc,
    /// Feminine singular (also what a verb takes before most plurals: قالت السلطات).
    Fem,
    /// Plural.
    Plural,
}

/// Past, present or participle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Aspect {
    /// قال، أضافت.
    Past,
    /// يقول، تضيف.
    Present,
    /// مضيفا، مشيرة: refers to the subject of the clause before it.
    Participle,
}

/// A verb's listed words, folded once: its prepositions, objects and ambiguous forms.
#[derive(Debug, Default)]
pub(crate) struct VerbWords {
    /// [`VerbDef::preps`], folded.
    pub(crate) preps: Vec<String>,
    /// [`VerbDef::objects`], folded.
    pub(crate) objects: Vec<String>,
    /// [`VerbDef::ambiguous`], folded.
    pub(crate) ambiguous: Vec<String>,
}

/// A speech verb as written.
#[derive(Clone, Copy)]
pub(crate) struct VerbForm {
    /// Its verb.
    pub(crate) def: &'static VerbDef,
    /// Its listed words, folded.
    pub(crate) words: &'static VerbWords,
    /// The form's gender and number.
    pub(crate) gender: Gender,
    /// The form's aspect.
    pub(crate) aspect: Aspect,
}

impl std::fmt::Debug for VerbForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} {:?}", self.def.lemma, self.gender, self.aspect)
    }
}

/// Word classes, as bits of [`Entry::flags`].
pub(crate) mod class {
    /// أن، إن، بأن … (with pronoun suffixes).
    pub(crate) const COMPLEMENTIZER: u32 = 1;
    /// A person's title or role.
    pub(crate) const TITLE: u32 = 1 << 1;
    /// A particle inside names: بن، أبو، عبد.
    pub(crate) const PARTICLE: u32 = 1 << 2;
    /// Begins an adverbial: خلال، أمس، أيضا.
    pub(crate) const ADVERBIAL: u32 = 1 << 3;
    /// A noun that makes في an adverbial: بيان، تصريح، وقت.
    pub(crate) const ADVERBIAL_NOUN: u32 = 1 << 4;
    /// A recipient: له، للصحفيين، لوكالة.
    pub(crate) const RECIPIENT: u32 = 1 << 5;
    /// A noun object of a speech verb: عدم، ضرورة.
    pub(crate) const OBJECT: u32 = 1 << 6;
    /// A noun that names a source: مصادر، وكالة، بيان.
    pub(crate) const SOURCE: u32 = 1 << 7;
    /// The first word of a label line: المصدر، رابط.
    pub(crate) const LABEL: u32 = 1 << 8;
    /// A present form that is impersonal with no subject: يذكر.
    pub(crate) const IMPERSONAL: u32 = 1 << 9;
    /// A noun after على حد: تعبير، قول.
    pub(crate) const AS_PUT: u32 = 1 << 10;
    /// A word that makes an ambiguous month a month: الماضي، المقبل.
    pub(crate) const MONTH_CONTEXT: u32 = 1 << 11;
    /// A unit word.
    pub(crate) const UNIT: u32 = 1 << 12;
    /// An ambiguous month name: مارس، رمضان.
    pub(crate) const AMBIGUOUS_MONTH: u32 = 1 << 13;
    /// A word after which a fraction word is a name: نصف النهائي.
    pub(crate) const NOT_AFTER_FRACTION: u32 = 1 << 14;
    /// A preposition that ends a name: إلى، عن، مع.
    pub(crate) const PREPOSITION: u32 = 1 << 15;
    /// A word before من that keeps it in a name: عدد، وفد.
    pub(crate) const QUANTITY: u32 = 1 << 16;
    /// A relative pronoun or demonstrative: الذي، ذلك.
    pub(crate) const RELATIVE: u32 = 1 << 17;
    /// A place that labels a headline as its topic: سوريا، المنستير.
    pub(crate) const PLACE: u32 = 1 << 18;
    /// A topic word that labels a headline: دراسة، استطلاع.
    pub(crate) const TOPIC: u32 = 1 << 19;
    /// A word before عن that keeps it in a name: الصادرة (عن).
    pub(crate) const ISSUED: u32 = 1 << 20;
    /// A word after which marks hold a name or title: بعنوان، صحيفة.
    pub(crate) const NAMING: u32 = 1 << 21;
    /// An outlet after في: مجلة، صحيفة.
    pub(crate) const OUTLET: u32 = 1 << 22;
    /// A participle that ends a reported clause after a comma: معربا، محملا.
    pub(crate) const CLAUSE_ENDER: u32 = 1 << 23;
    /// A preposition with a pronoun suffix: عنه، فيها، إليه، به.
    pub(crate) const PRONOUN_PREP: u32 = 1 << 24;
}

/// Everything known about one folded word.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    /// [`class`] bits.
    pub(crate) flags: u32,
    /// A speech verb form.
    pub(crate) verb: Option<VerbForm>,
    /// An attribution phrase's first word: its kind and the lemma reported.
    pub(crate) cue: Option<(CueKind, &'static str)>,
    /// A number word.
    pub(crate) number: Option<NumberWord>,
    /// A weekday's English name.
    pub(crate) weekday: Option<&'static str>,
    /// A clock hour written as an ordinal (السادسة = 6).
    pub(crate) hour: Option<u8>,
    /// Minutes written as a word after an hour (والنصف = 30).
    pub(crate) minutes: Option<u8>,
    /// A time-of-day word after a clock time, and the hours it adds (مساء = 12).
    pub(crate) time_of_day: Option<u8>,
    /// A part of the day before a weekday (مساء يوم الخميس): its English word.
    pub(crate) day_part: Option<&'static str>,
    /// Month names starting with this word: a range of [`Lexicon::months`].
    months: (u16, u16),
    /// Relative dates starting with this word: a range of [`Lexicon::relative`].
    relative: (u16, u16),
}

impl Entry {
    /// Whether the word has all the bits of `c`.
    pub(crate) fn is(&self, c: u32) -> bool {
        self.flags & c == c
    }

    /// Whether a date can start with this word: a month, a relative date, a weekday or
    /// a part of the day (the dates pass skips every other word at once).
    pub(crate) fn starts_date(&self) -> bool {
        self.months.1 > 0
            || self.relative.1 > 0
            || self.weekday.is_some()
            || self.day_part.is_some()
    }
}

/// A calendar a month name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    Levantine,
    Maghrebi,
    Hijri,
}

impl Calendar {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Levantine => "levantine",
            Calendar::Maghrebi => "maghrebi",
            Calendar::Hijri => "hijri",
        }
    }
}

/// A month name of one or more words.
struct MonthName {
    words: Vec<String>,
    month: u8,
    calendar: Calendar,
}

/// A relative date of one or more words.
struct RelativeName {
    words: Vec<String>,
    value: &'static str,
}

/// Everything matched by fold, built once.
pub(crate) struct Lexicon {
    words: Words,
    /// Grouped by first word, longest first within a group.
    months: Vec<MonthName>,
    relative: Vec<RelativeName>,
    units_2: Vec<Vec<String>>,
}

/// The listed words and their entries. The map holds an index, not the entry: an entry
/// is about 140 bytes and a hash table's slots are spread over all its memory, so a map
/// of entries touched (and, as it grew, copied) over a megabyte on every start: 135 of
/// the 680 page faults of a diff of two articles.
#[derive(Default)]
struct Words {
    index: HashMap<String, u32>,
    entries: Vec<Entry>,
}

impl Words {
    /// The entry of `key`, added empty if it is not listed yet.
    fn at(&mut self, key: String) -> &mut Entry {
        let next = self.entries.len() as u32;
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.entries.push(Entry::default());
        }
        &mut self.entries[i as usize]
    }
}

fn words_of(s: &str) -> Vec<String> {
    s.split(' ').map(fold).collect()
}

/// The and-forms of a verb: its spellings with a ف or و prefix are looked up by
/// stripping it, not listed.
fn add_verb(words: &mut Words, def: &'static VerbDef, listed: &'static VerbWords) {
    for (forms, aspect) in [
        (&def.past, Aspect::Past),
        (&def.present, Aspect::Present),
        (&def.participle, Aspect::Participle),
    ] {
        for (form, gender) in forms
            .iter()
            .zip([Gender::Masc, Gender::Fem, Gender::Plural])
        {
            if *form == "-" {
                continue;
            }
            let key = fold(form);
            let form = VerbForm {
                def,
                words: listed,
                gender,
                aspect,
            };
            // A verb that takes an object before its clause, with the object pronoun
            // glued to it: يصفها … بأنها، أبلغه أن.
            if def.object_first {
                for suffix in OBJECT_SUFFIXES {
                    let e = words.at(format!("{key}{suffix}"));
                    e.verb.get_or_insert(form);
                }
            }
            // A form listed under two verbs keeps the first (the table has no such clash
            // today).
            words.at(key).verb.get_or_insert(form);
        }
    }
}

/// Object pronouns glued to a verb: him, her, them, both, me, us, you.
const OBJECT_SUFFIXES: &[&str] = &["ه", "ها", "هم", "هما", "ني", "نا", "كم"];

fn build() -> Lexicon {
    let mut words = Words::default();
    let flag = |list: &[&str], c: u32, words: &mut Words| {
        for w in list {
            words.at(fold(w)).flags |= c;
        }
    };
    flag(names::COMPLEMENTIZERS, class::COMPLEMENTIZER, &mut words);
    flag(names::PERSON_TITLES, class::TITLE, &mut words);
    flag(names::NAME_PARTICLES, class::PARTICLE, &mut words);
    flag(names::ADVERBIALS, class::ADVERBIAL, &mut words);
    flag(names::ADVERBIAL_NOUNS, class::ADVERBIAL_NOUN, &mut words);
    flag(names::RECIPIENTS, class::RECIPIENT, &mut words);
    flag(names::OBJECT_NOUNS, class::OBJECT, &mut words);
    flag(names::SOURCE_NOUNS, class::SOURCE, &mut words);
    flag(names::LABELS, class::LABEL, &mut words);
    flag(verbs::IMPERSONAL, class::IMPERSONAL, &mut words);
    flag(verbs::AS_PUT_NOUNS, class::AS_PUT, &mut words);
    flag(calendar::MONTH_CONTEXT, class::MONTH_CONTEXT, &mut words);
    flag(
        calendar::AMBIGUOUS_MONTHS,
        class::AMBIGUOUS_MONTH,
        &mut words,
    );
    flag(numbers::UNITS, class::UNIT, &mut words);
    flag(
        numbers::NOT_AFTER_FRACTION,
        class::NOT_AFTER_FRACTION,
        &mut words,
    );
    flag(names::PREPOSITIONS, class::PREPOSITION, &mut words);
    flag(names::QUANTITY_HEADS, class::QUANTITY, &mut words);
    flag(names::RELATIVES, class::RELATIVE, &mut words);
    flag(names::PLACES, class::PLACE, &mut words);
    flag(names::TOPICS, class::TOPIC, &mut words);
    flag(names::ISSUED, class::ISSUED, &mut words);
    flag(names::NAMING, class::NAMING, &mut words);
    flag(names::OUTLETS, class::OUTLET, &mut words);
    flag(names::CLAUSE_ENDERS, class::CLAUSE_ENDER, &mut words);
    for p in names::PRONOUN_PREPOSITIONS {
        for suffix in names::PRONOUN_SUFFIXES {
            // بي is also the B of بي بي سي (BBC).
            if (*p, *suffix) != ("ب", "ي") {
                let key = format!("{}{suffix}", fold(p));
                words.at(key).flags |= class::PRONOUN_PREP;
            }
        }
    }
    // Weekdays are adverbials too: a name ends before them (الإعلام الإيراني الأحد).
    for &(_, w, en) in calendar::WEEKDAYS {
        let e = words.at(fold(w));
        e.weekday = Some(en);
        e.flags |= class::ADVERBIAL;
    }
    for def in verbs::VERBS {
        let fold_all = |list: &str| list.split_whitespace().map(fold).collect();
        // Built once per process, with the lexicon: leaked so forms can point at it.
        let listed: &'static VerbWords = Box::leak(Box::new(VerbWords {
            preps: fold_all(def.preps),
            objects: fold_all(def.objects),
            ambiguous: fold_all(def.ambiguous),
        }));
        add_verb(&mut words, def, listed);
    }
    for &(w, kind, lemma) in verbs::CUES {
        words.at(fold(w)).cue = Some((kind, lemma));
    }
    for &(v, w) in numbers::CARDINALS {
        words.at(fold(w)).number = Some(NumberWord::Cardinal(v));
    }
    for &(v, w) in numbers::TEEN_UNITS {
        words.at(fold(w)).number = Some(NumberWord::TeenUnit(v));
    }
    for &(w, n) in numbers::SCALES {
        words.at(fold(w)).number = Some(n);
    }
    for &(w, a, b) in numbers::FRACTIONS {
        words.at(fold(w)).number = Some(NumberWord::Fraction(a, b));
    }
    for &(h, w) in calendar::HOURS {
        words.at(fold(w)).hour.get_or_insert(h);
    }
    for &(m, w) in calendar::MINUTES {
        words.at(fold(w)).minutes = Some(m);
    }
    for &(w, add) in calendar::TIME_OF_DAY {
        words.at(fold(w)).time_of_day = Some(add);
    }
    for &(w, en) in calendar::DAY_PARTS {
        words.at(fold(w)).day_part = Some(en);
    }

    let mut months: Vec<MonthName> = Vec::new();
    for (list, calendar) in [
        (calendar::GREGORIAN, Calendar::Gregorian),
        (calendar::LEVANTINE, Calendar::Levantine),
        (calendar::MAGHREBI, Calendar::Maghrebi),
        (calendar::HIJRI, Calendar::Hijri),
    ] {
        for &(month, name) in list {
            months.push(MonthName {
                words: words_of(name),
                month,
                calendar,
            });
        }
    }
    // Grouped by first word, longest first: كانون الثاني before a shorter name.
    months.sort_by(|a, b| {
        a.words[0]
            .cmp(&b.words[0])
            .then(b.words.len().cmp(&a.words.len()))
    });
    for (i, m) in months.iter().enumerate() {
        let e = words.at(m.words[0].clone());
        if e.months.1 == 0 {
            e.months.0 = i as u16;
        }
        e.months.1 += 1;
    }
    let mut relative: Vec<RelativeName> = calendar::RELATIVE
        .iter()
        .map(|&(name, value)| RelativeName {
            words: words_of(name),
            value,
        })
        .collect();
    relative.sort_by(|a, b| {
        a.words[0]
            .cmp(&b.words[0])
            .then(b.words.len().cmp(&a.words.len()))
    });
    for (i, r) in relative.iter().enumerate() {
        let e = words.at(r.words[0].clone());
        if e.relative.1 == 0 {
            e.relative.0 = i as u16;
        }
        e.relative.1 += 1;
    }
    Lexicon {
        words,
        months,
        relative,
        units_2: numbers::UNITS_2.iter().map(|s| words_of(s)).collect(),
    }
}

/// The lexicon, built on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

/// `key` without its first letter if that is one of `prefixes` and at least two letters
/// are left. (A `match` on the first char: `str::strip_prefix` costs a `memcmp` call,
/// which showed in profiles as this runs for every word.)
pub(crate) fn strip_letter<'a>(key: &'a str, prefixes: &[char]) -> Option<&'a str> {
    let mut chars = key.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let mut left = rest.chars();
    (prefixes.contains(&first) && left.next().is_some() && left.next().is_some()).then_some(rest)
}

/// The conjunctions that may be glued to any word: و، ف.
pub(crate) const CONJUNCTIONS: &[char] = &['و', 'ف'];

/// What the lexicon knows of one word of the text, looked up once for every pass: the
/// entry of the word as written, and of the word without a one-letter prefix (و ف ب ل ك)
/// with that prefix.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lookup {
    /// The word as written.
    pub(crate) exact: Option<&'static Entry>,
    /// The word without its first letter, when that is a prefix letter.
    pub(crate) prefixed: Option<(char, &'static Entry)>,
}

/// The letters that may be glued to a word as a prefix: and, so, with, to, like.
pub(crate) const PREFIXES: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

impl Lookup {
    /// The class bits of the word, or of the word without a و/ف prefix.
    pub(crate) fn flags(&self) -> u32 {
        match (self.exact, self.prefixed) {
            (Some(e), _) => e.flags,
            (None, Some(('و' | 'ف', e))) => e.flags,
            _ => 0,
        }
    }

    /// The entry of the word, or of the word without a و/ف prefix.
    pub(crate) fn conj(&self) -> Option<&'static Entry> {
        self.exact.or(match self.prefixed {
            Some(('و' | 'ف', e)) => Some(e),
            _ => None,
        })
    }

    /// Whether the word (or the word without و/ف) has the class bits `c`.
    pub(crate) fn is(&self, c: u32) -> bool {
        self.exact.is_some_and(|e| e.is(c))
            || matches!(self.prefixed, Some(('و' | 'ف', e)) if e.is(c))
    }

    /// The speech verb form of the word (with or without و/ف).
    pub(crate) fn verb(&self) -> Option<VerbForm> {
        self.exact.and_then(|e| e.verb).or(match self.prefixed {
            Some(('و' | 'ف', e)) => e.verb,
            _ => None,
        })
    }
}

impl Lexicon {
    /// The entry of a key.
    #[inline]
    fn find(&self, key: &str) -> Option<&Entry> {
        self.words
            .index
            .get(key)
            .map(|&i| &self.words.entries[i as usize])
    }

    /// Look a folded word up once, as written and, when it is no listed word, without a
    /// prefix letter (a listed word wins over a prefix reading: بيان is not ب + يان).
    pub(crate) fn lookup(&'static self, key: &str) -> Lookup {
        let exact = self.find(key);
        let prefixed = if exact.is_some() {
            None
        } else {
            key.chars()
                .next()
                .filter(|c| PREFIXES.contains(c))
                .and_then(|c| Some((c, self.find(strip_letter(key, PREFIXES)?)?)))
        };
        Lookup { exact, prefixed }
    }

    /// The entry of a folded word, as written.
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.find(key)
    }

    /// Whether `key` (or `key` without و/ف) has the class bits `c`.
    pub(crate) fn is(&self, key: &str, c: u32) -> bool {
        self.get(key).is_some_and(|e| e.is(c))
            || strip_letter(key, CONJUNCTIONS)
                .and_then(|k| self.get(k))
                .is_some_and(|e| e.is(c))
    }

    /// The month name starting at `keys[0]`, longest first: (words used, month,
    /// calendar). The first word may carry a prefix: ب/ل/و/ف (بفبراير).
    pub(crate) fn month_at(&self, keys: &[&str]) -> Option<(usize, u8, Calendar)> {
        let first = *keys.first()?;
        let stripped = strip_letter(first, &['ب', 'ل', 'و', 'ف']);
        std::iter::once(first)
            .chain(stripped)
            .filter_map(|cand| self.get(cand))
            .flat_map(|e| &self.months[e.months.0 as usize..(e.months.0 + e.months.1) as usize])
            .find_map(|m| {
                let n = m.words.len();
                (keys.len() >= n && m.words[1..].iter().zip(&keys[1..n]).all(|(a, b)| a == b))
                    .then_some((n, m.month, m.calendar))
            })
    }

    /// A relative date starting at `keys[0]` (which may carry و/ف: ومساء أمس): (words
    /// used, value).
    pub(crate) fn relative_at(&self, keys: &[&str]) -> Option<(usize, &'static str)> {
        let first = keys.first()?;
        let e = self
            .get(first)
            .filter(|e| e.relative.1 > 0)
            .or_else(|| self.get(strip_letter(first, CONJUNCTIONS)?))?;
        self.relative[e.relative.0 as usize..(e.relative.0 + e.relative.1) as usize]
            .iter()
            .find_map(|r| {
                let n = r.words.len();
                (keys.len() >= n && r.words[1..].iter().zip(&keys[1..n]).all(|(a, b)| a == b))
                    .then_some((n, r.value))
            })
    }

    /// How many words from `keys[0]` form a unit (0 if none): a unit word, or a
    /// two-word unit (في المئة).
    pub(crate) fn unit_len(&self, keys: &[&str]) -> usize {
        if let Some(u) = self
            .units_2
            .iter()
            .find(|u| keys.len() >= u.len() && u.iter().zip(keys).all(|(a, b)| a == b))
        {
            return u.len();
        }
        usize::from(keys.first().is_some_and(|k| self.is(k, class::UNIT)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        s.split(' ').map(fold).collect()
    }

    #[test]
    fn verbs_match_with_prefixes_spellings_and_gender() {
        let verb = |w: &str| lexicon().lookup(&fold(w)).verb();
        let v = verb("وأضافت").unwrap();
        assert_eq!(
            (v.def.lemma, v.gender, v.aspect),
            ("أضاف", Gender::Fem, Aspect::Past)
        );
        assert_eq!(verb("فقالت").unwrap().def.lemma, "قال");
        assert_eq!(verb("اضافَ").unwrap().def.lemma, "أضاف");
        let v = verb("مشيرًا").unwrap();
        assert_eq!((v.def.lemma, v.aspect), ("أشار", Aspect::Participle));
        assert_eq!(verb("يقولون").unwrap().gender, Gender::Plural);
        assert!(verb("وزير").is_none());
        // بقال is no verb: only و and ف are read off a verb.
        assert!(verb("بقال").is_none());
    }

    #[test]
    fn months_of_every_calendar() {
        let lex = lexicon();
        let k = keys("كانون الثاني");
        let k: Vec<&str> = k.iter().map(String::as_str).collect();
        assert_eq!(lex.month_at(&k).unwrap(), (2, 1, Calendar::Levantine));
        assert_eq!(
            lex.month_at(&[&fold("جانفي")]).unwrap(),
            (1, 1, Calendar::Maghrebi)
        );
        assert_eq!(
            lex.month_at(&[&fold("بإبريل")]).unwrap(),
            (1, 4, Calendar::Gregorian)
        );
        let k = keys("ذي الحجة");
        let k: Vec<&str> = k.iter().map(String::as_str).collect();
        assert_eq!(lex.month_at(&k).unwrap(), (2, 12, Calendar::Hijri));
    }

    #[test]
    fn units_relative_dates_and_number_words() {
        let lex = lexicon();
        let w = keys("في المائة من");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(lex.unit_len(&w), 2);
        assert_eq!(lex.unit_len(&[&fold("دولار")]), 1);
        // Scale words are no units: they belong to the number.
        assert_eq!(lex.unit_len(&[&fold("مليون")]), 0);
        let w = keys("مساء أمس قال");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(lex.relative_at(&w), Some((2, "yesterday evening")));
        let w = keys("أمس الأول");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(lex.relative_at(&w), Some((2, "day before yesterday")));
        let ten = lex
            .lookup(&fold("بعشرة"))
            .prefixed
            .and_then(|(_, e)| e.number);
        assert_eq!(ten, Some(NumberWord::Cardinal(10)));
        assert_eq!(
            lex.get(&fold("ألفين")).and_then(|e| e.number),
            Some(NumberWord::Dual(1000))
        );
    }

    #[test]
    fn one_entry_holds_every_class_of_a_word() {
        let lex = lexicon();
        // الأحد: a weekday, and a word that ends a name.
        let e = lex.get(&fold("الأحد")).unwrap();
        assert_eq!(e.weekday, Some("sunday"));
        assert!(e.is(class::ADVERBIAL));
        assert!(lex.is(&fold("وأن"), class::COMPLEMENTIZER));
        assert!(lex.get(&fold("بحسب")).unwrap().cue.is_some());
    }
}
