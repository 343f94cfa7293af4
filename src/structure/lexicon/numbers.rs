//! Numbers written as words, scale words, and the units that follow numbers.
//!
//! Cardinals are listed in the forms news text uses: masculine and feminine (ثلاثة،
//! ثلاث), nominative and oblique (عشرون، عشرين), hundreds glued or apart (ثلاثمائة، ثلاث
//! مئة), with مئة and مائة both. Scale words multiply what comes before them (ثلاثة
//! آلاف = 3000) and are part of the number, not of its unit.

/// A number word's role when numbers are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberWord {
    /// A cardinal below 1000, added to the number being read: ستة، عشرين، مئتين.
    Cardinal(u32),
    /// A scale word: multiplies the number before it (or 1): ألف، آلاف، مليون.
    Scale(u64),
    /// A scale word in the dual: ألفين = 2 × 1000.
    Dual(u64),
    /// A fraction (numerator, denominator): نصف، ربع، ثلث.
    Fraction(u32, u32),
    /// A unit that is a number only before عشر/عشرة: أحد عشر = 11, اثنا عشر = 12.
    TeenUnit(u32),
}

/// Cardinal words and their values.
pub(crate) const CARDINALS: &[(u32, &str)] = &[
    (1, "واحد"),
    (1, "واحدة"),
    (2, "اثنان"),
    (2, "اثنين"),
    (2, "اثنتان"),
    (2, "اثنتين"),
    (3, "ثلاثة"),
    (3, "ثلاث"),
    (4, "أربعة"),
    (4, "أربع"),
    (5, "خمسة"),
    (5, "خمس"),
    (6, "ستة"),
    (6, "ست"),
    (7, "سبعة"),
    (7, "سبع"),
    (8, "ثمانية"),
    (8, "ثماني"),
    (8, "ثمان"),
    (9, "تسعة"),
    (9, "تسع"),
    (10, "عشرة"),
    (10, "عشر"),
    (20, "عشرون"),
    (20, "عشرين"),
    (30, "ثلاثون"),
    (30, "ثلاثين"),
    (40, "أربعون"),
    (40, "أربعين"),
    (50, "خمسون"),
    (50, "خمسين"),
    (60, "ستون"),
    (60, "ستين"),
    (70, "سبعون"),
    (70, "سبعين"),
    (80, "ثمانون"),
    (80, "ثمانين"),
    (90, "تسعون"),
    (90, "تسعين"),
    (100, "مئة"),
    (100, "مائة"),
    (200, "مئتان"),
    (200, "مئتين"),
    (200, "مائتان"),
    (200, "مائتين"),
    (300, "ثلاثمئة"),
    (300, "ثلاثمائة"),
    (400, "أربعمئة"),
    (400, "أربعمائة"),
    (500, "خمسمئة"),
    (500, "خمسمائة"),
    (600, "ستمئة"),
    (600, "ستمائة"),
    (700, "سبعمئة"),
    (700, "سبعمائة"),
    (800, "ثمانمئة"),
    (800, "ثمانمائة"),
    (800, "ثمانيمائة"),
    (900, "تسعمئة"),
    (900, "تسعمائة"),
];

/// Scale words: singular and plural multiply, the dual stands for two of them.
pub(crate) const SCALES: &[(&str, NumberWord)] = &[
    ("ألف", NumberWord::Scale(1_000)),
    ("آلاف", NumberWord::Scale(1_000)),
    ("ألفا", NumberWord::Scale(1_000)),
    ("ألفان", NumberWord::Dual(1_000)),
    ("ألفين", NumberWord::Dual(1_000)),
    ("مليون", NumberWord::Scale(1_000_000)),
    ("ملايين", NumberWord::Scale(1_000_000)),
    ("مليونا", NumberWord::Scale(1_000_000)),
    ("مليونان", NumberWord::Dual(1_000_000)),
    ("مليونين", NumberWord::Dual(1_000_000)),
    ("مليار", NumberWord::Scale(1_000_000_000)),
    ("مليارات", NumberWord::Scale(1_000_000_000)),
    ("مليارا", NumberWord::Scale(1_000_000_000)),
    ("ملياران", NumberWord::Dual(1_000_000_000)),
    ("مليارين", NumberWord::Dual(1_000_000_000)),
    ("بليون", NumberWord::Scale(1_000_000_000)),
    ("تريليون", NumberWord::Scale(1_000_000_000_000)),
    ("تريليونات", NumberWord::Scale(1_000_000_000_000)),
];

/// Fractions: half, third, quarter, two thirds, quarters (ثلاثة أرباع).
pub(crate) const FRACTIONS: &[(&str, u32, u32)] = &[
    ("نصف", 1, 2),
    ("ثلث", 1, 3),
    ("ربع", 1, 4),
    ("ثلثي", 2, 3),
    ("ثلثا", 2, 3),
    ("أرباع", 1, 4),
];

/// Units that are numbers only in the teens (أحد alone is "someone", إحدى "one of").
/// Any unit before عشر/عشرة makes a teen: ثلاثة عشر = 13.
pub(crate) const TEEN_UNITS: &[(u32, &str)] = &[
    (1, "أحد"),
    (1, "إحدى"),
    (2, "اثنا"),
    (2, "اثني"),
    (2, "اثنتا"),
    (2, "اثنتي"),
];

/// Words after which a fraction word is a name, not a value (نصف النهائي: the semi-final).
pub(crate) const NOT_AFTER_FRACTION: &[&str] = &["النهائي", "نهائي"];

/// Words after a number that give its unit: currencies, percent, measures, durations,
/// counted people. Scale words are not units: they belong to the number.
pub(crate) const UNITS: &[&str] = &[
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
    "روبية",
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
    "سنتيمتر",
    "ميل",
    "ميلا",
    "أميال",
    "طن",
    "طنا",
    "أطنان",
    "كيلوغرام",
    "كيلوغراما",
    "كلغ",
    "غرام",
    "برميل",
    "براميل",
    "ميغاواط",
    "هكتار",
    "هكتارا",
    "لتر",
    "لترا",
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
    "ثانية",
    "ثوان",
    "شخص",
    "شخصا",
    "أشخاص",
    "قتيل",
    "قتيلا",
    "قتلى",
    "جريح",
    "جريحا",
    "جرحى",
    "مواطن",
    "مواطنا",
    "مواطنين",
    "حالة",
    "حالات",
    "إصابة",
    "إصابات",
    "طالب",
    "طالبا",
    "طلاب",
    "لاجئ",
    "لاجئا",
    "لاجئين",
    "نقطة",
    "نقاط",
    "هدف",
    "أهداف",
    "درجة",
    "درجات",
    "مرة",
    "مرات",
];

/// Two-word units.
pub(crate) const UNITS_2: &[&str] = &["في المئة", "في المائة"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::lexicon::fold;

    #[test]
    fn no_word_is_two_kinds_of_number() {
        let mut seen = std::collections::HashSet::new();
        for w in CARDINALS
            .iter()
            .map(|c| c.1)
            .chain(SCALES.iter().map(|s| s.0))
            .chain(FRACTIONS.iter().map(|f| f.0))
            .chain(TEEN_UNITS.iter().map(|t| t.1))
        {
            assert!(seen.insert(fold(w)), "{w} listed twice");
        }
        // Units never include a scale word: the scale is part of the value.
        for u in UNITS {
            assert!(!SCALES.iter().any(|s| fold(s.0) == fold(u)), "{u}");
        }
    }

    #[test]
    fn hundreds_are_in_steps_of_one_hundred() {
        for &(v, w) in CARDINALS {
            assert!(v < 1000 && (v < 100 || v % 100 == 0), "{w}: {v}");
        }
    }
}
