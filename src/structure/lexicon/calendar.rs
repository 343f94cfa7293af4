//! Months of four calendars, weekdays, relative dates, and the words of clock times.
//!
//! Month names: the Gregorian names of Egypt and the Gulf, the Syriac names of the Levant
//! and Iraq, the French-derived names of the Maghreb, and the Hijri months, each with the
//! spellings wire copy uses (أبريل/إبريل، يونيو/يونيه). Relative dates are listed longest
//! first where one contains another (مساء أمس before أمس).

/// Gregorian months (as used in Egypt and the Gulf), 1-based.
pub(crate) const GREGORIAN: &[(u8, &str)] = &[
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
    (8, "اغسطس"),
    (9, "سبتمبر"),
    (10, "أكتوبر"),
    (11, "نوفمبر"),
    (12, "ديسمبر"),
];

/// Syriac (Levantine and Iraqi) months.
pub(crate) const LEVANTINE: &[(u8, &str)] = &[
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
pub(crate) const MAGHREBI: &[(u8, &str)] = &[
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
pub(crate) const HIJRI: &[(u8, &str)] = &[
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
/// صفر "zero", آب "father", ماي, تموز …): they count as months only next to a number,
/// after شهر, in a pair, or before الماضي/المقبل.
pub(crate) const AMBIGUOUS_MONTHS: &[&str] = &[
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

/// Words after a month that make it one (في رمضان المقبل).
pub(crate) const MONTH_CONTEXT: &[&str] = &[
    "الماضي",
    "المقبل",
    "الجاري",
    "القادم",
    "الحالي",
    "المبارك",
    "الكريم",
    "الفارط",
];

/// Weekdays, Sunday = 1, with their English names (the value).
pub(crate) const WEEKDAYS: &[(u8, &str, &str)] = &[
    (1, "الأحد", "sunday"),
    (2, "الاثنين", "monday"),
    (2, "الإثنين", "monday"),
    (3, "الثلاثاء", "tuesday"),
    (4, "الأربعاء", "wednesday"),
    (5, "الخميس", "thursday"),
    (6, "الجمعة", "friday"),
    (7, "السبت", "saturday"),
];

/// Relative dates and their English value. A longer phrase wins over one it contains.
pub(crate) const RELATIVE: &[(&str, &str)] = &[
    ("أول أمس", "day before yesterday"),
    ("أول من أمس", "day before yesterday"),
    ("أمس الأول", "day before yesterday"),
    ("البارحة الأولى", "day before yesterday"),
    ("ليلة البارحة", "last night"),
    ("بعد غد", "day after tomorrow"),
    ("مساء أمس", "yesterday evening"),
    ("صباح أمس", "yesterday morning"),
    ("ظهر أمس", "yesterday noon"),
    ("عصر أمس", "yesterday afternoon"),
    ("ليلة أمس", "last night"),
    ("فجر أمس", "yesterday dawn"),
    ("الليلة الماضية", "last night"),
    ("مساء اليوم", "this evening"),
    ("صباح اليوم", "this morning"),
    ("ظهر اليوم", "today noon"),
    ("عصر اليوم", "this afternoon"),
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
    ("هذا الأسبوع", "this week"),
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
    ("السنة الحالية", "this year"),
    ("أمس", "yesterday"),
    ("البارحة", "yesterday"),
    ("اليوم", "today"),
    ("الليلة", "tonight"),
    ("غدا", "tomorrow"),
    ("الغد", "tomorrow"),
];

/// Parts of the day before a weekday or يوم (مساء يوم الخميس، صباح الأحد): the English
/// word put before the weekday's value.
pub(crate) const DAY_PARTS: &[(&str, &str)] = &[
    ("مساء", "evening"),
    ("صباح", "morning"),
    ("ظهر", "noon"),
    ("عصر", "afternoon"),
    ("فجر", "dawn"),
    ("ليلة", "night"),
];

/// Words after a clock time that place it in the day, and how they shift a 12-hour
/// reading: (word, hour added to hours 1–11, or to 12 for the night's "12").
pub(crate) const TIME_OF_DAY: &[(&str, u8)] = &[
    ("صباحا", 0),
    ("صباح", 0),
    ("فجرا", 0),
    ("ظهرا", 12),
    ("عصرا", 12),
    ("مساء", 12),
    ("مساءا", 12),
    ("ليلا", 12),
];

/// Hours written as ordinal words after الساعة (الساعة السادسة), 1–10; the 11th and 12th
/// are الحادية عشرة and الثانية عشرة (the hour word, then عشرة adds ten).
pub(crate) const HOURS: &[(u8, &str)] = &[
    (1, "الواحدة"),
    (2, "الثانية"),
    (3, "الثالثة"),
    (4, "الرابعة"),
    (5, "الخامسة"),
    (6, "السادسة"),
    (7, "السابعة"),
    (8, "الثامنة"),
    (9, "التاسعة"),
    (10, "العاشرة"),
    (1, "الحادية"),
];

/// Minutes written as words after an hour (السادسة والنصف).
pub(crate) const MINUTES: &[(u8, &str)] = &[(30, "والنصف"), (15, "والربع"), (20, "والثلث")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_twelve_in_each_full_calendar() {
        for cal in [GREGORIAN, LEVANTINE, HIJRI] {
            let mut months: Vec<u8> = cal.iter().map(|m| m.0).collect();
            months.dedup();
            assert_eq!(months, (1..=12).collect::<Vec<u8>>());
        }
        assert!(MAGHREBI.iter().all(|m| (1..=12).contains(&m.0)));
    }

    #[test]
    fn ambiguous_months_are_listed_months() {
        let all: Vec<&str> = [GREGORIAN, LEVANTINE, MAGHREBI, HIJRI]
            .iter()
            .flat_map(|c| c.iter().map(|m| m.1))
            .collect();
        for m in AMBIGUOUS_MONTHS {
            assert!(all.contains(m), "{m}");
        }
    }

    #[test]
    fn hour_words_are_ordinals() {
        // الحادية (عشرة) and الثانية (عشرة): the 11th and 12th hours take a second word.
        assert!(
            HOURS
                .iter()
                .all(|h| h.1.starts_with("ال") && (1..=10).contains(&h.0))
        );
        assert_eq!(WEEKDAYS.len(), 8);
    }
}
