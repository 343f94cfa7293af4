//! The word lists extraction matches against: attribution verbs, months of four calendars,
//! weekdays, relative dates, units. Each list is written in ordinary spelling and matched
//! on the `search` fold of both sides (أ إ آ → ا, ى → ي, ة → ه, marks dropped), so that
//! أضاف, اضاف and أضافَ are one word. Built once, on first use.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::normalize::fold_for_search;

/// The `search` fold of `s`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_for_search(s, &mut out);
    out
}

/// Attribution verbs: the lemma reported, and the surface forms (past masculine and
/// feminine, present masculine and feminine, the participle of "adding" clauses:
/// مضيفا). Prefixes و and ف are handled apart.
const VERBS: &[(&str, &[&str])] = &[
    // قائلا alone ("…, saying:") reports speech too; right after another verb it is
    // read as part of that verb (تابع قائلا).
    (
        "قال",
        &["قال", "قالت", "يقول", "تقول", "قالوا", "قائلا", "قائلة"],
    ),
    (
        "أضاف",
        &["أضاف", "أضافت", "يضيف", "تضيف", "أضافوا", "مضيفا", "مضيفة"],
    ),
    (
        "أكد",
        &["أكد", "أكدت", "يؤكد", "تؤكد", "أكدوا", "مؤكدا", "مؤكدة"],
    ),
    ("أوضح", &["أوضح", "أوضحت", "يوضح", "توضح", "موضحا", "موضحة"]),
    ("أشار", &["أشار", "أشارت", "يشير", "تشير", "مشيرا", "مشيرة"]),
    ("ذكر", &["ذكر", "ذكرت", "يذكر", "تذكر"]),
    ("تابع", &["تابع", "تابعت"]),
    ("صرح", &["صرح", "صرحت", "يصرح", "تصرح"]),
    ("لفت", &["لفت", "لفتت", "يلفت", "تلفت"]),
    (
        "اعتبر",
        &["اعتبر", "اعتبرت", "يعتبر", "تعتبر", "معتبرا", "معتبرة"],
    ),
    ("شدد", &["شدد", "شددت", "يشدد", "تشدد"]),
    ("دعا", &["دعا", "دعت", "يدعو", "تدعو"]),
    ("أعلن", &["أعلن", "أعلنت", "يعلن", "تعلن"]),
    ("كشف", &["كشف", "كشفت", "يكشف", "تكشف"]),
    ("نفى", &["نفى", "نفت", "ينفي", "تنفي"]),
    ("أفاد", &["أفاد", "أفادت", "يفيد", "تفيد"]),
    ("أردف", &["أردف", "أردفت"]),
    ("استطرد", &["استطرد", "استطردت"]),
    ("ختم", &["ختم", "ختمت"]),
    ("علق", &["علق", "علقت"]),
    ("حذر", &["حذر", "حذرت", "يحذر", "تحذر", "محذرا", "محذرة"]),
    ("وصف", &["وصف", "وصفت", "يصف", "تصف"]),
    ("بحسب", &["بحسب", "حسب"]),
    ("وفقا لـ", &["وفقا", "وفق"]),
    ("نقلا عن", &["نقلا"]),
];

/// Words that follow a verb and make it "verb + saying": تابع قائلا.
const SAYING: &[&str] = &["قائلا", "قائلة", "قائلين"];

/// Words at which a speaker's name after the verb stops: particles, prepositions,
/// pronoun phrases, time words.
const STOP: &[&str] = &[
    "إن",
    "أن",
    "إنه",
    "أنه",
    "إنها",
    "أنها",
    "بأن",
    "بأنه",
    "بأنها",
    "لأن",
    "إنهم",
    "أنهم",
    "في",
    "على",
    "عن",
    "إلى",
    "من",
    "مع",
    "خلال",
    "بعد",
    "قبل",
    "حول",
    "أمس",
    "اليوم",
    "أيضا",
    "كذلك",
    "إنما",
    "ذلك",
    "هذا",
    "هذه",
    "له",
    "لها",
    "لهم",
    "فيه",
    "فيها",
    "عنه",
    "عنها",
    "قائلا",
    "قائلة",
    "بدوره",
    "بدورها",
    "لدى",
    "عبر",
    "أثناء",
    "ضمن",
    "رغم",
    "حيث",
    "إذ",
    "لكن",
    "كما",
    "التي",
    "الذي",
    "ما",
    "ل",
    "لـ",
    "تعبيره",
    "تعبيرها",
    "قوله",
    "قولها",
    "وصفه",
    "وصفها",
    "لشبكة",
    "لصحيفة",
    "لوكالة",
    "لقناة",
    "لموقع",
    "لإذاعة",
    "لتلفزيون",
    "لمجلة",
    "لرويترز",
    "لفرانس",
    "لسبوتنيك",
    "لروسيا",
    "لبي",
    "لسي",
    "لشبكات",
    "لوسائل",
    "للصحفيين",
];

/// Gregorian months (as used in Egypt and the Gulf), 1-based.
const GREGORIAN: &[(u8, &str)] = &[
    (1, "يناير"),
    (2, "فبراير"),
    (3, "مارس"),
    (4, "أبريل"),
    (4, "إبريل"),
    (5, "مايو"),
    (6, "يونيو"),
    (6, "يونيه"),
    (7, "يوليو"),
    (7, "يوليه"),
    (8, "أغسطس"),
    (9, "سبتمبر"),
    (10, "أكتوبر"),
    (11, "نوفمبر"),
    (12, "ديسمبر"),
];

/// Syriac (Levantine and Iraqi) months.
const LEVANTINE: &[(u8, &str)] = &[
    (1, "كانون الثاني"),
    (2, "شباط"),
    (3, "آذار"),
    (4, "نيسان"),
    (5, "أيار"),
    (6, "حزيران"),
    (7, "تموز"),
    (8, "آب"),
    (9, "أيلول"),
    (10, "تشرين الأول"),
    (11, "تشرين الثاني"),
    (12, "كانون الأول"),
];

/// Maghrebi months (Tunisia, Algeria, Morocco), where they differ from the Gregorian.
const MAGHREBI: &[(u8, &str)] = &[
    (1, "جانفي"),
    (2, "فيفري"),
    (4, "أفريل"),
    (5, "ماي"),
    (6, "جوان"),
    (7, "جويلية"),
    (7, "يوليوز"),
    (8, "أوت"),
    (8, "غشت"),
];

/// Hijri months.
const HIJRI: &[(u8, &str)] = &[
    (1, "محرم"),
    (2, "صفر"),
    (3, "ربيع الأول"),
    (4, "ربيع الآخر"),
    (4, "ربيع الثاني"),
    (5, "جمادى الأولى"),
    (5, "جمادى الأول"),
    (6, "جمادى الآخرة"),
    (6, "جمادى الثانية"),
    (7, "رجب"),
    (8, "شعبان"),
    (9, "رمضان"),
    (10, "شوال"),
    (11, "ذو القعدة"),
    (11, "ذي القعدة"),
    (12, "ذو الحجة"),
    (12, "ذي الحجة"),
];

/// Month names that are also ordinary words or names (مارس "practised", رجب, رمضان,
/// صفر "zero"…): they count as months only next to a number, after شهر, in a pair, or
/// before الماضي/المقبل.
const AMBIGUOUS_MONTHS: &[&str] = &[
    "مارس",
    "ماي",
    "آب",
    "صفر",
    "رجب",
    "رمضان",
    "شعبان",
    "محرم",
    "شوال",
    "تموز",
];

/// Weekdays, Sunday = 1.
const WEEKDAYS: &[(u8, &str, &str)] = &[
    (1, "الأحد", "sunday"),
    (2, "الاثنين", "monday"),
    (2, "الإثنين", "monday"),
    (3, "الثلاثاء", "tuesday"),
    (4, "الأربعاء", "wednesday"),
    (5, "الخميس", "thursday"),
    (6, "الجمعة", "friday"),
    (7, "السبت", "saturday"),
];

/// Relative dates, longest first (so that "مساء أمس" wins over "أمس").
const RELATIVE: &[(&str, &str)] = &[
    ("أول أمس", "day before yesterday"),
    ("أول من أمس", "day before yesterday"),
    ("بعد غد", "day after tomorrow"),
    ("مساء أمس", "yesterday evening"),
    ("صباح أمس", "yesterday morning"),
    ("ظهر أمس", "yesterday noon"),
    ("ليلة أمس", "last night"),
    ("فجر أمس", "yesterday dawn"),
    ("مساء اليوم", "this evening"),
    ("صباح اليوم", "this morning"),
    ("ظهر اليوم", "today noon"),
    ("فجر اليوم", "today dawn"),
    ("مساء غد", "tomorrow evening"),
    ("يوم غد", "tomorrow"),
    ("صباح الغد", "tomorrow morning"),
    ("مساء الغد", "tomorrow evening"),
    ("صباح غد", "tomorrow morning"),
    ("الأسبوع الماضي", "last week"),
    ("الأسبوع المقبل", "next week"),
    ("الأسبوع القادم", "next week"),
    ("الأسبوع الجاري", "this week"),
    ("الأسبوع الحالي", "this week"),
    ("الشهر الماضي", "last month"),
    ("الشهر المقبل", "next month"),
    ("الشهر القادم", "next month"),
    ("الشهر الجاري", "this month"),
    ("الشهر الحالي", "this month"),
    ("العام الماضي", "last year"),
    ("العام المقبل", "next year"),
    ("العام القادم", "next year"),
    ("العام الجاري", "this year"),
    ("العام الحالي", "this year"),
    ("السنة الماضية", "last year"),
    ("السنة المقبلة", "next year"),
    ("أمس", "yesterday"),
    ("البارحة", "yesterday"),
    ("اليوم", "today"),
    ("الليلة", "tonight"),
    ("غدا", "tomorrow"),
    ("الغد", "tomorrow"),
];

/// Words after a number that give its unit, scale words first.
const UNITS: &[&str] = &[
    "ألف",
    "آلاف",
    "ألفا",
    "مليون",
    "ملايين",
    "مليونا",
    "مليار",
    "مليارات",
    "تريليون",
    "دولار",
    "دولارا",
    "دولارات",
    "ريال",
    "ريالا",
    "ريالات",
    "يورو",
    "جنيه",
    "جنيها",
    "جنيهات",
    "إسترليني",
    "درهم",
    "دراهم",
    "درهما",
    "دينار",
    "دنانير",
    "دينارا",
    "ليرة",
    "ليرات",
    "روبل",
    "يوان",
    "ين",
    "بالمئة",
    "بالمائة",
    "%",
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "كلم",
    "كم",
    "متر",
    "مترا",
    "أمتار",
    "طن",
    "طنا",
    "أطنان",
    "برميل",
    "براميل",
    "ميغاواط",
    "هكتار",
    "عام",
    "عاما",
    "أعوام",
    "سنة",
    "سنوات",
    "يوم",
    "يوما",
    "أيام",
    "شهر",
    "شهرا",
    "أشهر",
    "أسبوع",
    "أسبوعا",
    "أسابيع",
    "ساعة",
    "ساعات",
    "دقيقة",
    "دقائق",
    "شخص",
    "شخصا",
    "أشخاص",
    "قتيلا",
    "قتلى",
    "جريحا",
    "جرحى",
    "مواطن",
    "مواطنا",
];

/// Two-word units.
const UNITS_2: &[&str] = &["في المئة", "في المائة"];

/// Everything matched by fold, built once.
pub(crate) struct Lexicon {
    verbs: HashMap<String, &'static str>,
    saying: Vec<String>,
    stop: Vec<String>,
    /// Month names by first folded word: (all folded words, month, calendar).
    months: HashMap<String, Vec<(Vec<String>, u8, Calendar)>>,
    ambiguous_months: Vec<String>,
    weekdays: HashMap<String, &'static str>,
    /// Relative dates by first folded word: (all words, value).
    relative: HashMap<String, Vec<(Vec<String>, &'static str)>>,
    units: Vec<String>,
    units_2: Vec<Vec<String>>,
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

fn words_of(s: &str) -> Vec<String> {
    s.split(' ').map(fold).collect()
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut verbs = HashMap::default();
        for &(lemma, forms) in VERBS {
            for f in forms {
                verbs.insert(fold(f), lemma);
            }
        }
        let mut months: HashMap<String, Vec<(Vec<String>, u8, Calendar)>> = HashMap::default();
        for (list, cal) in [
            (GREGORIAN, Calendar::Gregorian),
            (LEVANTINE, Calendar::Levantine),
            (MAGHREBI, Calendar::Maghrebi),
            (HIJRI, Calendar::Hijri),
        ] {
            for &(m, name) in list {
                let w = words_of(name);
                months.entry(w[0].clone()).or_default().push((w, m, cal));
            }
        }
        // Longest names first, so that "كانون الثاني" is tried before a shorter one.
        for v in months.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        let mut relative: HashMap<String, Vec<(Vec<String>, &'static str)>> = HashMap::default();
        for &(name, value) in RELATIVE {
            let w = words_of(name);
            relative.entry(w[0].clone()).or_default().push((w, value));
        }
        for v in relative.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Lexicon {
            verbs,
            saying: SAYING.iter().map(|s| fold(s)).collect(),
            stop: STOP.iter().map(|s| fold(s)).collect(),
            months,
            ambiguous_months: AMBIGUOUS_MONTHS.iter().map(|s| fold(s)).collect(),
            weekdays: WEEKDAYS.iter().map(|&(_, w, e)| (fold(w), e)).collect(),
            relative,
            units: UNITS.iter().map(|s| fold(s)).collect(),
            units_2: UNITS_2.iter().map(|s| words_of(s)).collect(),
        }
    })
}

/// Strip one of the conjunction prefixes و/ف, if what is left is still a word.
fn without_conjunction(key: &str) -> Option<&str> {
    strip_letter(key, &['و', 'ف'])
}

/// `key` without its first letter if that is one of `prefixes` and at least two letters
/// are left. (A `match` on the first char: `str::strip_prefix` costs a `memcmp` call,
/// which showed in profiles as this runs for every word.)
fn strip_letter<'a>(key: &'a str, prefixes: &[char]) -> Option<&'a str> {
    let mut chars = key.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let mut left = rest.chars();
    (prefixes.contains(&first) && left.next().is_some() && left.next().is_some()).then_some(rest)
}

impl Lexicon {
    /// The lemma of an attribution verb, for a folded word (with or without و/ف).
    pub(crate) fn verb(&self, key: &str) -> Option<&'static str> {
        self.verbs
            .get(key)
            .or_else(|| without_conjunction(key).and_then(|k| self.verbs.get(k)))
            .copied()
    }

    pub(crate) fn is_saying(&self, key: &str) -> bool {
        self.saying.iter().any(|s| s == key)
    }

    /// A word at which a name stops: a listed stop word, a weekday (الإعلام الإيراني
    /// الأحد), or a word that starts with لل ("to the": المتحدث للصحفيين).
    pub(crate) fn is_stop(&self, key: &str) -> bool {
        let is = |k: &str| self.stop.iter().any(|s| s == k);
        is(key)
            || without_conjunction(key).is_some_and(is)
            || key.starts_with("لل")
            || self.weekdays.contains_key(key)
    }

    /// The month name starting at `keys[0]`, longest first: (words used, month,
    /// calendar).
    pub(crate) fn month_at(&self, keys: &[&str]) -> Option<(usize, u8, Calendar)> {
        let first = *keys.first()?;
        // A month may carry a prefix: في/ب/ل/و (بفبراير, لشهر).
        let stripped = strip_letter(first, &['ب', 'ل', 'و', 'ف']);
        std::iter::once(first)
            .chain(stripped)
            .filter_map(|cand| self.months.get(cand))
            .flatten()
            .find_map(|(words, m, cal)| {
                let n = words.len();
                (keys.len() >= n && words[1..].iter().zip(&keys[1..n]).all(|(a, b)| a == b))
                    .then_some((n, *m, *cal))
            })
    }

    pub(crate) fn is_ambiguous_month(&self, key: &str) -> bool {
        self.ambiguous_months.iter().any(|s| s == key)
    }

    pub(crate) fn weekday(&self, key: &str) -> Option<&'static str> {
        self.weekdays.get(key).copied()
    }

    /// A relative date starting at `keys[0]`: (words used, value).
    pub(crate) fn relative_at(&self, keys: &[&str]) -> Option<(usize, &'static str)> {
        let first = keys.first()?;
        let entries = self.relative.get(*first)?;
        entries.iter().find_map(|(words, value)| {
            let n = words.len();
            (keys.len() >= n && words[1..].iter().zip(&keys[1..n]).all(|(a, b)| a == b))
                .then_some((n, *value))
        })
    }

    /// How many words from `keys[0]` form a unit (0 if none): up to a scale word and a
    /// currency or measure ("مليار دولار"), or a two-word unit ("في المئة").
    pub(crate) fn unit_len(&self, keys: &[&str]) -> usize {
        if let Some(u) = self
            .units_2
            .iter()
            .find(|u| keys.len() >= u.len() && u.iter().zip(keys).all(|(a, b)| a == b))
        {
            return u.len();
        }
        let mut n = 0;
        while n < keys.len() && n < 2 && self.units.iter().any(|u| u == keys[n]) {
            n += 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_match_with_prefixes_and_spellings() {
        let lex = lexicon();
        assert_eq!(lex.verb(&fold("وأضاف")), Some("أضاف"));
        assert_eq!(lex.verb(&fold("فقالت")), Some("قال"));
        assert_eq!(lex.verb(&fold("اضافَ")), Some("أضاف"));
        assert_eq!(lex.verb(&fold("ونفى")), Some("نفى"));
        assert_eq!(lex.verb(&fold("وزير")), None);
    }

    #[test]
    fn months_of_every_calendar() {
        let lex = lexicon();
        let k = |s: &str| fold(s);
        let keys = [k("كانون"), k("الثاني")];
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(lex.month_at(&keys).unwrap(), (2, 1, Calendar::Levantine));
        assert_eq!(
            lex.month_at(&[&k("جانفي")]).unwrap(),
            (1, 1, Calendar::Maghrebi)
        );
        assert_eq!(
            lex.month_at(&[&k("ابريل")]).unwrap(),
            (1, 4, Calendar::Gregorian)
        );
        let hijri = [k("ذي"), k("الحجة")];
        let hijri: Vec<&str> = hijri.iter().map(String::as_str).collect();
        assert_eq!(lex.month_at(&hijri).unwrap(), (2, 12, Calendar::Hijri));
    }

    #[test]
    fn units_and_relative_dates() {
        let lex = lexicon();
        let w: Vec<String> = ["مليار", "دولار", "في"].iter().map(|s| fold(s)).collect();
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(lex.unit_len(&w), 2);
        let w: Vec<String> = ["مساء", "أمس", "قال"].iter().map(|s| fold(s)).collect();
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(lex.relative_at(&w), Some((2, "yesterday evening")));
    }
}
