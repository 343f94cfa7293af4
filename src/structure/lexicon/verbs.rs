//! Speech verbs and attribution phrases: the words that say someone said something.
//!
//! Each verb is listed with its forms in ordinary spelling (matched on the `search` fold,
//! with a و or ف prefix allowed): past, present and active participle, each as masculine,
//! feminine and plural. The gender and number of the form is what inference uses (وأضافت
//! takes the last feminine speaker). A verb also lists the prepositions that may stand
//! between it and أن/إن (أشار إلى أن), the words that belong to the verb phrase (لفت
//! الانتباه إلى أن), and whether it takes an object before its clause (وصف الكتاب بأنه).
//!
//! Sources: the reporting verbs of Arabic news style guides and wire copy (قال، أضاف، أكد،
//! أوضح، أشار …), and the forms of each from ordinary Arabic conjugation.

/// One speech verb.
pub(crate) struct VerbDef {
    /// The lemma reported in `Quote::verb` (past, masculine, singular).
    pub(crate) lemma: &'static str,
    /// Prepositions between the verb and its أن-clause, space-separated (`إلى`, `على`,
    /// `ب`, `من`, `عن`).
    pub(crate) preps: &'static str,
    /// Words that belong to the verb phrase before the clause (لفت الانتباه), space-separated.
    pub(crate) objects: &'static str,
    /// The verb takes an object before its clause: ووصف الناشر الكتاب بأنه.
    pub(crate) object_first: bool,
    /// Forms that are also common words (بين "between", كتب "books"), space-separated:
    /// written so, the verb counts only when its clause, colon or quotation is found,
    /// never just for the name after it.
    pub(crate) ambiguous: &'static str,
    /// Past: masculine, feminine, plural (`-` for none).
    pub(crate) past: [&'static str; 3],
    /// Present (third person): masculine, feminine, plural.
    pub(crate) present: [&'static str; 3],
    /// Active participle (accusative, as used in "…، مضيفا أن"): masculine, feminine, plural.
    pub(crate) participle: [&'static str; 3],
}

const fn v(
    lemma: &'static str,
    preps: &'static str,
    past: [&'static str; 3],
    present: [&'static str; 3],
    participle: [&'static str; 3],
) -> VerbDef {
    VerbDef {
        lemma,
        preps,
        objects: "",
        object_first: false,
        ambiguous: "",
        past,
        present,
        participle,
    }
}

/// The speech verbs.
pub(crate) const VERBS: &[VerbDef] = &[
    v(
        "قال",
        "",
        ["قال", "قالت", "قالوا"],
        ["يقول", "تقول", "يقولون"],
        ["قائلا", "قائلة", "قائلين"],
    ),
    v(
        "أضاف",
        "",
        ["أضاف", "أضافت", "أضافوا"],
        ["يضيف", "تضيف", "يضيفون"],
        ["مضيفا", "مضيفة", "مضيفين"],
    ),
    v(
        "أكد",
        "على",
        ["أكد", "أكدت", "أكدوا"],
        ["يؤكد", "تؤكد", "يؤكدون"],
        ["مؤكدا", "مؤكدة", "مؤكدين"],
    ),
    v(
        "أوضح",
        "",
        ["أوضح", "أوضحت", "أوضحوا"],
        ["يوضح", "توضح", "يوضحون"],
        ["موضحا", "موضحة", "موضحين"],
    ),
    v(
        "أشار",
        "إلى",
        ["أشار", "أشارت", "أشاروا"],
        ["يشير", "تشير", "يشيرون"],
        ["مشيرا", "مشيرة", "مشيرين"],
    ),
    v(
        "ذكر",
        "",
        ["ذكر", "ذكرت", "ذكروا"],
        ["يذكر", "تذكر", "يذكرون"],
        ["-", "-", "-"],
    ),
    v(
        "تابع",
        "",
        ["تابع", "تابعت", "تابعوا"],
        ["يتابع", "تتابع", "-"],
        ["متابعا", "متابعة", "-"],
    ),
    v(
        "صرح",
        "ب",
        ["صرح", "صرحت", "صرحوا"],
        ["يصرح", "تصرح", "-"],
        ["مصرحا", "مصرحة", "-"],
    ),
    VerbDef {
        objects: "النظر الانتباه",
        ..v(
            "لفت",
            "إلى",
            ["لفت", "لفتت", "لفتوا"],
            ["يلفت", "تلفت", "-"],
            ["لافتا", "لافتة", "-"],
        )
    },
    v(
        "اعتبر",
        "",
        ["اعتبر", "اعتبرت", "اعتبروا"],
        ["يعتبر", "تعتبر", "يعتبرون"],
        ["معتبرا", "معتبرة", "-"],
    ),
    v(
        "شدد",
        "على",
        ["شدد", "شددت", "شددوا"],
        ["يشدد", "تشدد", "-"],
        ["مشددا", "مشددة", "-"],
    ),
    v(
        "دعا",
        "إلى",
        ["دعا", "دعت", "دعوا"],
        ["يدعو", "تدعو", "يدعون"],
        ["داعيا", "داعية", "-"],
    ),
    v(
        "أعلن",
        "",
        ["أعلن", "أعلنت", "أعلنوا"],
        ["يعلن", "تعلن", "-"],
        ["معلنا", "معلنة", "-"],
    ),
    v(
        "كشف",
        "عن",
        ["كشف", "كشفت", "كشفوا"],
        ["يكشف", "تكشف", "-"],
        ["كاشفا", "كاشفة", "-"],
    ),
    v(
        "نفى",
        "",
        ["نفى", "نفت", "نفوا"],
        ["ينفي", "تنفي", "ينفون"],
        ["نافيا", "نافية", "-"],
    ),
    v(
        "أفاد",
        "ب",
        ["أفاد", "أفادت", "أفادوا"],
        ["يفيد", "تفيد", "-"],
        ["مفيدا", "مفيدة", "-"],
    ),
    v(
        "أردف",
        "",
        ["أردف", "أردفت", "-"],
        ["-", "-", "-"],
        ["مردفا", "مردفة", "-"],
    ),
    v(
        "استطرد",
        "",
        ["استطرد", "استطردت", "-"],
        ["-", "-", "-"],
        ["مستطردا", "مستطردة", "-"],
    ),
    v(
        "استدرك",
        "",
        ["استدرك", "استدركت", "-"],
        ["-", "-", "-"],
        ["مستدركا", "مستدركة", "-"],
    ),
    v(
        "ختم",
        "ب",
        ["ختم", "ختمت", "-"],
        ["-", "-", "-"],
        ["خاتما", "خاتمة", "-"],
    ),
    v(
        "اختتم",
        "ب",
        ["اختتم", "اختتمت", "-"],
        ["-", "-", "-"],
        ["مختتما", "مختتمة", "-"],
    ),
    v(
        "علق",
        "",
        ["علق", "علقت", "-"],
        ["-", "-", "-"],
        ["معلقا", "معلقة", "-"],
    ),
    v(
        "حذر",
        "من",
        ["حذر", "حذرت", "حذروا"],
        ["يحذر", "تحذر", "يحذرون"],
        ["محذرا", "محذرة", "-"],
    ),
    VerbDef {
        object_first: true,
        ..v(
            "وصف",
            "ب",
            ["وصف", "وصفت", "وصفوا"],
            ["يصف", "تصف", "-"],
            ["واصفا", "واصفة", "-"],
        )
    },
    v(
        "رأى",
        "",
        ["رأى", "رأت", "رأوا"],
        ["يرى", "ترى", "يرون"],
        ["-", "-", "-"],
    ),
    v(
        "توقع",
        "",
        ["توقع", "توقعت", "توقعوا"],
        ["يتوقع", "تتوقع", "يتوقعون"],
        ["متوقعا", "متوقعة", "-"],
    ),
    v(
        "اعتقد",
        "",
        ["اعتقد", "اعتقدت", "اعتقدوا"],
        ["يعتقد", "تعتقد", "يعتقدون"],
        ["معتقدا", "معتقدة", "-"],
    ),
    v(
        "رجح",
        "",
        ["رجح", "رجحت", "رجحوا"],
        ["يرجح", "ترجح", "-"],
        ["مرجحا", "مرجحة", "-"],
    ),
    v(
        "استبعد",
        "",
        ["استبعد", "استبعدت", "-"],
        ["يستبعد", "تستبعد", "-"],
        ["مستبعدا", "مستبعدة", "-"],
    ),
    VerbDef {
        object_first: true,
        ..v(
            "أبلغ",
            "ب",
            ["أبلغ", "أبلغت", "-"],
            ["يبلغ", "تبلغ", "-"],
            ["مبلغا", "مبلغة", "-"],
        )
    },
    VerbDef {
        object_first: true,
        ..v(
            "أخبر",
            "ب",
            ["أخبر", "أخبرت", "-"],
            ["يخبر", "تخبر", "-"],
            ["مخبرا", "مخبرة", "-"],
        )
    },
    v(
        "نوه",
        "إلى ب",
        ["نوه", "نوهت", "-"],
        ["ينوه", "تنوه", "-"],
        ["منوها", "منوهة", "-"],
    ),
    // بين is also "between" (and تبين "it turned out", left out).
    VerbDef {
        ambiguous: "بين",
        ..v(
            "بين",
            "",
            ["بين", "بينت", "-"],
            ["يبين", "-", "-"],
            ["مبينا", "مبينة", "-"],
        )
    },
    v(
        "أقر",
        "ب",
        ["أقر", "أقرت", "-"],
        ["يقر", "تقر", "-"],
        ["مقرا", "مقرة", "-"],
    ),
    v(
        "اعترف",
        "ب",
        ["اعترف", "اعترفت", "اعترفوا"],
        ["يعترف", "تعترف", "-"],
        ["معترفا", "معترفة", "-"],
    ),
    v(
        "زعم",
        "",
        ["زعم", "زعمت", "زعموا"],
        ["يزعم", "تزعم", "يزعمون"],
        ["زاعما", "زاعمة", "-"],
    ),
    v(
        "ادعى",
        "",
        ["ادعى", "ادعت", "ادعوا"],
        ["يدعي", "تدعي", "-"],
        ["مدعيا", "مدعية", "-"],
    ),
    v(
        "نقل",
        "عن",
        ["نقل", "نقلت", "نقلوا"],
        ["ينقل", "تنقل", "-"],
        ["ناقلا", "ناقلة", "-"],
    ),
    v(
        "أورد",
        "",
        ["أورد", "أوردت", "-"],
        ["يورد", "تورد", "-"],
        ["-", "-", "-"],
    ),
    // كتب is also "books".
    VerbDef {
        ambiguous: "كتب",
        ..v(
            "كتب",
            "",
            ["كتب", "كتبت", "كتبوا"],
            ["يكتب", "تكتب", "-"],
            ["-", "-", "-"],
        )
    },
    v(
        "نبه",
        "إلى",
        ["نبه", "نبهت", "نبهوا"],
        ["ينبه", "تنبه", "-"],
        ["منبها", "منبهة", "-"],
    ),
    v(
        "توصل",
        "إلى",
        ["توصل", "توصلت", "توصلوا"],
        ["يتوصل", "تتوصل", "-"],
        ["-", "-", "-"],
    ),
    // قدر is also "fate" and "amount".
    VerbDef {
        ambiguous: "قدر",
        ..v(
            "قدر",
            "",
            ["قدر", "قدرت", "قدروا"],
            ["يقدر", "تقدر", "يقدرون"],
            ["مقدرا", "مقدرة", "-"],
        )
    },
    v(
        "غرد",
        "",
        ["غرد", "غردت", "-"],
        ["يغرد", "تغرد", "-"],
        ["مغردا", "مغردة", "-"],
    ),
    v(
        "أجاب",
        "",
        ["أجاب", "أجابت", "-"],
        ["يجيب", "تجيب", "-"],
        ["مجيبا", "مجيبة", "-"],
    ),
    VerbDef {
        objects: "التأكيد",
        ..v(
            "جدد",
            "على",
            ["جدد", "جددت", "-"],
            ["يجدد", "تجدد", "-"],
            ["-", "-", "-"],
        )
    },
    v(
        "أصر",
        "على",
        ["أصر", "أصرت", "-"],
        ["يصر", "تصر", "-"],
        ["مصرا", "مصرة", "-"],
    ),
    v(
        "أجمع",
        "على",
        ["أجمع", "أجمعت", "أجمعوا"],
        ["يجمع", "تجمع", "يجمعون"],
        ["-", "-", "مجمعين"],
    ),
    v(
        "خلص",
        "إلى",
        ["خلص", "خلصت", "-"],
        ["يخلص", "تخلص", "-"],
        ["-", "-", "-"],
    ),
    v(
        "ألمح",
        "إلى",
        ["ألمح", "ألمحت", "-"],
        ["يلمح", "تلمح", "-"],
        ["ملمحا", "ملمحة", "-"],
    ),
    v(
        "أظهر",
        "",
        ["أظهر", "أظهرت", "-"],
        ["يظهر", "تظهر", "-"],
        ["مظهرا", "مظهرة", "-"],
    ),
    v(
        "تعهد",
        "ب",
        ["تعهد", "تعهدت", "تعهدوا"],
        ["يتعهد", "تتعهد", "-"],
        ["متعهدا", "متعهدة", "-"],
    ),
    v(
        "كرر",
        "",
        ["كرر", "كررت", "كرروا"],
        ["يكرر", "تكرر", "يكررون"],
        ["مكررا", "مكررة", "-"],
    ),
    VerbDef {
        object_first: true,
        ..v(
            "طلب",
            "من",
            ["طلب", "طلبت", "طلبوا"],
            ["يطلب", "تطلب", "يطلبون"],
            ["طالبا", "طالبة", "-"],
        )
    },
];

/// Present forms that, with no subject, are impersonal ("it is worth mentioning that",
/// "it is believed that"): ويذكر أن، يعتقد أن. They report nobody's words. (The passives
/// يشار and يقال are no listed form, so they are never read as speech.)
pub(crate) const IMPERSONAL: &[&str] = &["يذكر", "يعتقد", "يظهر", "يتوقع", "يرجح"];

/// Attribution phrases: words that give a statement's source without a speech verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// بحسب / حسب / وفق / وفقا / طبقا / نقلا, then the source: بحسب وسائل الإعلام.
    Source,
    /// The same glued to ما and a verb: حسبما أعلنت الشركة.
    SourceVerb,
    /// على حد: على حد تعبيره, on حد a pronoun names the speaker.
    AsPut,
    /// جاء / ورد (في): وجاء في البيان أن …: the document is the speaker.
    Statement,
}

/// The attribution phrases, by their first word: (word, kind, lemma reported).
pub(crate) const CUES: &[(&str, CueKind, &str)] = &[
    ("بحسب", CueKind::Source, "بحسب"),
    ("حسب", CueKind::Source, "بحسب"),
    ("وفق", CueKind::Source, "وفقا لـ"),
    ("وفقا", CueKind::Source, "وفقا لـ"),
    ("طبقا", CueKind::Source, "وفقا لـ"),
    ("نقلا", CueKind::Source, "نقلا عن"),
    ("حسبما", CueKind::SourceVerb, "بحسب"),
    ("بحسبما", CueKind::SourceVerb, "بحسب"),
    ("على", CueKind::AsPut, "على حد تعبيره"),
    ("جاء", CueKind::Statement, "جاء في"),
    ("ورد", CueKind::Statement, "ورد في"),
];

/// The words after على حد that make it an attribution (على حد تعبيره، على حد قوله).
pub(crate) const AS_PUT_NOUNS: &[&str] = &["تعبير", "قول", "وصف"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_a_word_and_lemmas_are_forms() {
        for d in VERBS {
            let forms: Vec<&str> = d
                .past
                .iter()
                .chain(&d.present)
                .chain(&d.participle)
                .copied()
                .filter(|f| *f != "-")
                .collect();
            assert!(forms.contains(&d.lemma), "{}", d.lemma);
            for f in forms {
                assert!(!f.contains(' ') && !f.is_empty(), "{f:?}");
            }
            for p in d.preps.split_whitespace() {
                assert!(["إلى", "على", "ب", "من", "عن"].contains(&p), "{p}");
            }
        }
    }

    #[test]
    fn impersonal_forms_are_present_forms_of_listed_verbs() {
        for i in IMPERSONAL {
            assert!(
                VERBS.iter().any(|d| d.present[0] == *i),
                "{i} is not a listed present form"
            );
        }
    }
}
