//! Every rule on its code points, the traps listed in reference/normalization.md, and the
//! compatibility profiles checked against independent re-implementations of the peers
//! (Lucene's ArabicNormalizer, CAMeL Tools' pipeline), written here from the reference
//! table and not from naskh's own tables.

use naskh::normalize::{
    NormalizeOptions, Normalizer, Profile, QuoteStyle, Rule, RuleSet, normalize, normalize_profile,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn only(rules: &[Rule]) -> Normalizer {
    Normalizer::new(&NormalizeOptions {
        rules: RuleSet::of(rules),
        quote_style: QuoteStyle::default(),
    })
}

fn run(rules: &[Rule], s: &str) -> String {
    only(rules).normalize(s).into_owned()
}

/// (rule, input, expected): hand-written from the reference table.
const CASES: &[(Rule, &str, &str)] = &[
    (
        Rule::StripControlChars,
        "قال\u{1A}:\u{0}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{85}\u{9F} نعم\t\r\n",
        "قال: نعم\t\r\n",
    ),
    (
        Rule::StripTagChars,
        "\u{1F3F4}\u{E0067}\u{E0062}\u{E007F} نعم",
        "\u{1F3F4} نعم",
    ),
    (
        Rule::DecodeHtmlEntities,
        "&quot;نعم&quot;&nbsp;&#1575;&#x644;",
        "\"نعم\"\u{A0}ال",
    ),
    (Rule::CrlfToLf, "أ\r\nب\rج", "أ\nب\nج"),
    (
        Rule::UnicodeNfc,
        "\u{0627}\u{0653} \u{0627}\u{0655} \u{0628}\u{0651}\u{064F}",
        "آ إ \u{0628}\u{064F}\u{0651}",
    ),
    (Rule::UnicodeNfkc, "x² ﬁ \u{FDFC} \u{FEE1}", "x2 fi ريال م"),
    (
        Rule::PresentationFormsToBase,
        "\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA} \u{FDF2} \u{FDFD}",
        "الله الله بسم الله الرحمن الرحيم",
    ),
    (Rule::PresentationFormsToBase, "x² ﬁ", "x² ﬁ"),
    (
        Rule::LamAlefLigatureDecompose,
        "\u{FEF5}\u{FEF7}\u{FEF9}\u{FEFB}\u{FEFC}",
        "لآلألإلالا",
    ),
    (
        Rule::StripFormatControls,
        "\u{200F}أ\u{200E}\u{061C}ب\u{202B}ج\u{202C}\u{2067}د\u{2069}\u{FEFF}\u{00AD}\u{200B}\u{200D}",
        "أبجد",
    ),
    (
        Rule::StripFormatControls,
        "می\u{200C}خواهم",
        "می\u{200C}خواهم",
    ),
    (
        Rule::SpacesToAscii,
        "أ\u{00A0}ب\u{2009}ج\u{202F}د\u{3000}ه\u{1680}و\u{205F}ز",
        "أ ب ج د ه و ز",
    ),
    (Rule::ZwnjToSpace, "می\u{200C}خواهم", "می خواهم"),
    (Rule::StripZwnj, "می\u{200C}خواهم", "میخواهم"),
    (Rule::StripLastHaraka, "كَتَبَ كِتَابًا", "كَتَب كِتَابا"),
    (Rule::StripTashkeel, "مُحَمَّدٌ وَكِتَابًا", "محمد وكتابا"),
    (Rule::StripHarakat, "مُحَمَّدٌ", "محمّد"),
    (Rule::StripShadda, "مُحَمَّدٌ", "مُحَمَدٌ"),
    (Rule::DaggerAlefToAlef, "هَٰذَا", "هَاذَا"),
    (Rule::StripDaggerAlef, "هَٰذَا", "هَذَا"),
    (Rule::StripSmallLetters, "هٰ\u{06E5}\u{06E6}", "ه"),
    (
        Rule::StripQuranicMarks,
        "قَالَ\u{06D6} \u{0610}\u{0653}\u{08F0}",
        "قَالَ ",
    ),
    // Signs, not marks: END OF AYAH, RUB EL HIZB, PLACE OF SAJDAH; and the digit zero.
    (
        Rule::StripQuranicMarks,
        "\u{06DD}\u{06DE}\u{06E9}\u{0660}",
        "\u{06DD}\u{06DE}\u{06E9}\u{0660}",
    ),
    (
        Rule::StripHamzaAboveCombining,
        "\u{0628}\u{0654}",
        "\u{0628}",
    ),
    (Rule::StripTatweel, "الـــقـاهرة", "القاهرة"),
    (Rule::HamzaUniform, "آ أ إ ؤ ئ ء", "ءء ء ء ء ء ء"),
    (Rule::AlefHamzaToAlef, "آمن أحمد إسلام", "امن احمد اسلام"),
    (Rule::AlefWaslaToAlef, "ٱلْحَمْد", "الْحَمْد"),
    (Rule::AlefWavyToAlef, "\u{0672}\u{0673}\u{0675}", "ااا"),
    // Never to alef (PyArabic's bug #39).
    (Rule::AlefMaksuraToYeh, "على مستشفى", "علي مستشفي"),
    (Rule::TehMarbutaToHeh, "مدرسة", "مدرسه"),
    (Rule::HamzaCarriersToLetter, "مؤتمر رئيس", "موتمر رييس"),
    (Rule::HamzaCarriersToHamza, "مؤتمر رئيس", "مءتمر رءيس"),
    (
        Rule::PersianLettersToArabic,
        "کتاب ی ے ۀ ہ ھ ۃ",
        "كتاب ي ي ه ه ه ة",
    ),
    (Rule::ArabicLettersToPersian, "كي ى", "کی ی"),
    (Rule::DigitsAllToAscii, "٢٠١٥ ۲۰۱۵ 2015", "2015 2015 2015"),
    (Rule::DigitsAllToArabicIndic, "2015 ۲۰۱۵", "٢٠١٥ ٢٠١٥"),
    (Rule::DigitsAllToPersian, "2015 ٢٠١٥", "۲۰۱۵ ۲۰۱۵"),
    (Rule::DigitsArabicIndicToAscii, "٢٠١٥ ۲", "2015 ۲"),
    (Rule::DigitsArabicIndicToPersian, "٢٠١٥ 2", "۲۰۱۵ 2"),
    (Rule::DigitsPersianToAscii, "۲۰۱۵ ٢", "2015 ٢"),
    (Rule::DigitsPersianToArabicIndic, "۲۰۱۵ 2", "٢٠١٥ 2"),
    (Rule::DigitsAsciiToArabicIndic, "2015 ۲", "٢٠١٥ ۲"),
    (Rule::DigitsAsciiToPersian, "2015 ٢", "۲۰۱۵ ٢"),
    (
        Rule::StripThousandsSeparator,
        "١٬٥٠٠ 1٬500 ٬٣ ٣٫٥",
        "١٥٠٠ 1500 ٬٣ ٣٫٥",
    ),
    (
        Rule::ArabicSeparatorsToAscii,
        "٣٫٥ ١٬٠٠٠ كلمة٫",
        "٣.٥ ١,٠٠٠ كلمة٫",
    ),
    (
        Rule::ArabicPunctToAscii,
        "نعم، لا؛ لماذا؟ ٥٪ ۔",
        "نعم, لا; لماذا? ٥% .",
    ),
    (
        Rule::AsciiPunctToArabic,
        "نعم, لا; لماذا? 1,000 Reuters, AFP",
        "نعم، لا؛ لماذا؟ 1,000 Reuters, AFP",
    ),
    (Rule::CollapseRepeatsTo1, "جميييييل", "جميل"),
    (Rule::CollapseRepeatsTo2, "جميييييل www", "جمييل www"),
    (
        Rule::UnifyDashes,
        "السورية – السورية — ‐ ‑ ‒ ― −5",
        "السورية - السورية - - - - - -5",
    ),
    (
        Rule::UnifyQuotes,
        "قال:” نص”، و“آخر” و\"ثالث\" و„رابع“ و‹خامس›",
        "قال:« نص»، و«آخر» و«ثالث» و«رابع» و«خامس»",
    ),
    (
        Rule::PunctuationSpacing,
        "قال :” مخرجات ” ،وأضاف",
        "قال: ”مخرجات”، وأضاف",
    ),
    (Rule::CollapseSpaces, " أ  ب\t ج \n\n\n\nد ", "أ ب ج\n\nد"),
];

#[test]
fn every_rule_on_its_code_points() {
    for &(rule, input, expected) in CASES {
        assert_eq!(run(&[rule], input), expected, "rule {rule} on {input:?}");
    }
    // Every rule has at least one hand-written case.
    for r in Rule::ALL {
        assert!(CASES.iter().any(|c| c.0 == *r), "no case for {r}");
    }
}

#[test]
fn alef_maksura_never_becomes_alef_in_any_profile() {
    for &p in Profile::ALL {
        let out = normalize_profile("على", p);
        assert!(!out.ends_with('ا'), "{p}: {out}");
    }
}

#[test]
fn hamza_above_composes_before_alef_rules() {
    // NFC first: ا + U+0654 is أ before strip-hamza-above-combining can drop the hamza.
    assert_eq!(
        run(
            &[Rule::UnicodeNfc, Rule::StripHamzaAboveCombining],
            "\u{0627}\u{0654}"
        ),
        "أ"
    );
    assert_eq!(
        run(&[Rule::UnicodeNfc, Rule::HamzaUniform], "\u{0627}\u{0654}"),
        "ء"
    );
    assert_eq!(
        normalize_profile("\u{0627}\u{0654}", Profile::Canonical),
        "أ"
    );
    // strip-quranic-marks covers U+0654, but only after NFC kept the hamza on its alef.
    assert_eq!(
        run(
            &[Rule::UnicodeNfc, Rule::StripQuranicMarks],
            "\u{0627}\u{0654}"
        ),
        "أ"
    );
}

#[test]
fn lam_alef_keeps_hamza_in_canonical() {
    assert_eq!(
        normalize_profile("\u{FEF7}\u{FEF9}\u{FEF5}", Profile::Canonical),
        "لألإلآ"
    );
}

#[test]
fn rial_ligature_uses_arabic_yeh() {
    for p in [Profile::Canonical, Profile::Camel] {
        assert_eq!(
            normalize_profile("\u{FDFC}", p),
            "\u{0631}\u{064A}\u{0627}\u{0644}",
            "{p}"
        );
    }
}

#[test]
fn dagger_alef_is_promoted_before_it_is_stripped() {
    // خَٰلِدُونَ must not become the name خلدون in the quran profile.
    assert_eq!(normalize_profile("خَٰلِدُونَ", Profile::Quran), "خالدون");
}

#[test]
fn non_arabic_text_is_untouched_by_default() {
    let s = "Line one, café.\nسطر ثان\n\nemoji 😀 € 中文 ½ x² ﬁ\n";
    assert_eq!(normalize_profile(s, Profile::Canonical), s);
    let out = normalize_profile(s, Profile::Search);
    for keep in ["😀", "€", "中文", "½", "x²", "ﬁ", "café", "\n\n"] {
        assert!(out.contains(keep), "search lost {keep:?}: {out:?}");
    }
}

#[test]
fn clean_text_is_borrowed() {
    let s = "قال لافروف إن العملية السياسية مهمة.\n";
    for p in [Profile::None, Profile::Canonical, Profile::Typography] {
        assert!(
            matches!(normalize_profile(s, p), std::borrow::Cow::Borrowed(_)),
            "{p}"
        );
    }
}

#[test]
fn typography_fixes_the_seed_style_quote() {
    assert_eq!(
        normalize_profile("قال:” مخرجات الجولة”", Profile::Typography),
        "قال: «مخرجات الجولة»"
    );
}

#[test]
fn expansion_maps_back_to_the_ligature() {
    let input = "أ \u{FDFA} ب";
    let (out, map) = naskh::normalize::normalize_with_offsets(
        input,
        &NormalizeOptions::profile(Profile::Canonical),
    );
    assert_eq!(out.chars().count(), 2 + 18 + 2);
    let start = "أ ".len();
    let lig = start..start + '\u{FDFA}'.len_utf8();
    let expansion = start..out.len() - " ب".len();
    assert_eq!(map.to_input(expansion.clone()), lig);
    // Any single character of the expansion maps to the whole ligature.
    let third = out[expansion.clone()].char_indices().nth(2).unwrap().0 + start;
    assert_eq!(map.to_input(third..third + 2), lig);
    // The letters around it map to themselves.
    assert_eq!(map.to_input(0..2), 0..2);
    assert_eq!(
        map.to_input(out.len() - 2..out.len()),
        input.len() - 2..input.len()
    );
}

// ---- peers, re-implemented from the reference table --------------------------------

/// Lucene's ArabicNormalizer: alef variants, dotless yeh, teh marbuta, tatweel and
/// tashkeel, one UTF-16 unit at a time.
fn lucene(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{0622}' | '\u{0623}' | '\u{0625}' => Some('\u{0627}'),
            '\u{0649}' => Some('\u{064A}'),
            '\u{0629}' => Some('\u{0647}'),
            '\u{0640}' | '\u{064B}'..='\u{0652}' => None,
            c => Some(c),
        })
        .collect()
}

/// CAMeL Tools: normalize_unicode (two fixes, then NFKC), dediac_ar, normalize_alef_ar,
/// normalize_alef_maksura_ar, normalize_teh_marbuta_ar.
fn camel(s: &str) -> String {
    let fixed = s
        .replace('\u{FDFC}', "\u{0631}\u{064A}\u{0627}\u{0644}")
        .replace('\u{FDFD}', "بسم الله الرحمن الرحيم");
    fixed
        .nfkc()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{0652}' | '\u{0670}' => None,
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('\u{0627}'),
            '\u{0649}' => Some('\u{064A}'),
            '\u{0629}' => Some('\u{0647}'),
            c => Some(c),
        })
        .collect()
}

#[test]
fn lucene_profile_equals_lucene_on_every_bmp_character() {
    let n = Normalizer::for_profile(Profile::Lucene);
    for cp in 0..=0xFFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let s = format!("ب{c}ت");
        assert_eq!(n.normalize(&s), lucene(&s), "U+{cp:04X}");
    }
}

#[test]
fn camel_profile_equals_camel_on_arabic_blocks() {
    let n = Normalizer::for_profile(Profile::Camel);
    for cp in (0x0600..=0x06FF)
        .chain(0x0750..=0x077F)
        .chain(0x08A0..=0x08FF)
        .chain(0xFB50..=0xFEFF)
    {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let s = format!("ب{c}ت");
        assert_eq!(n.normalize(&s), camel(&s), "U+{cp:04X}");
    }
}

fn arabic_words() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        (0x0600u32..=0x06FF).prop_map(|c| char::from_u32(c).unwrap()),
        (0xFB50u32..=0xFEFF).prop_filter_map("char", char::from_u32),
        prop::sample::select(vec![' ', '\n', 'a', '²', '\u{0301}', 'é', '😀', '\u{200F}']),
    ];
    prop::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn lucene_profile_equals_lucene(s in prop_oneof![any::<String>(), arabic_words()]) {
        prop_assert_eq!(normalize_profile(&s, Profile::Lucene), lucene(&s));
    }

    #[test]
    fn camel_profile_equals_camel(s in prop_oneof![any::<String>(), arabic_words()]) {
        prop_assert_eq!(normalize_profile(&s, Profile::Camel), camel(&s));
    }

    #[test]
    fn nfc_rule_equals_full_nfc(s in prop_oneof![any::<String>(), arabic_words()]) {
        let want: String = s.nfc().collect();
        prop_assert_eq!(run(&[Rule::UnicodeNfc], &s), want);
    }
}

// ---- extended tests on ../shared/realdata (run with -- --ignored) -------------------

fn shared(path: &str) -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realdata")
        .join(path);
    std::fs::read_to_string(p).ok()
}

/// Stripping marks from Tanzil's simple Quran gives its undiacritised reference, except
/// for the 939 tatweels that only carried a dagger alef (ـٰ): the reference drops them too.
#[test]
#[ignore = "extended: reads ../shared/realdata"]
fn tanzil_marks_strip_to_the_reference() {
    let (Some(text), Some(reference)) = (
        shared("diacritized/tanzil/quran-simple.txt"),
        shared("diacritized/tanzil/quran-simple-clean_UNDIACRITISED_reference.txt"),
    ) else {
        panic!("../shared/realdata/diacritized/tanzil is missing");
    };
    let n = only(&[
        Rule::StripTashkeel,
        Rule::StripDaggerAlef,
        Rule::StripHamzaAboveCombining,
    ]);
    let out = n.normalize(&text);
    let carriers = text.matches("\u{0640}\u{0670}").count();
    assert_eq!(carriers, 939);
    assert_eq!(
        out.matches('\u{0640}').count(),
        carriers,
        "only carrier tatweels may remain"
    );
    // Verse lines are `sura|aya|text`; the copyright block at the end differs by name.
    let verses = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.split('|').count() == 3 && l.starts_with(|c: char| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    let (ours, theirs) = (verses(&out), verses(&reference));
    assert_eq!(ours.len(), 6236);
    assert_eq!(ours.len(), theirs.len());
    let mut mismatched = 0;
    for (a, b) in ours.iter().zip(&theirs) {
        if a != b {
            mismatched += 1;
            assert_eq!(&a.replace('\u{0640}', ""), b, "differs beyond tatweel");
        }
    }
    assert!(mismatched > 0);
}

/// Every profile is idempotent on every real article and on the vowelled corpora.
#[test]
#[ignore = "extended: reads ../shared/realdata"]
fn profiles_are_idempotent_on_real_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    let files = naskh::corpus::walk(&root, "txt").expect("../shared/realdata is missing");
    assert!(files.len() > 100);
    for f in files {
        let text = std::fs::read_to_string(root.join(&f)).unwrap();
        for &p in Profile::ALL {
            let once = normalize(&text, &NormalizeOptions::profile(p)).into_owned();
            let twice = normalize(&once, &NormalizeOptions::profile(p)).into_owned();
            assert!(once == twice, "{p} not idempotent on {}", f.display());
        }
    }
}

/// Straight quotes carry no direction: a mark after a space, a colon or an opener, and
/// before another mark, is read back as opening, as it was written. Unbalanced inputs
/// that a random search found not idempotent before.
#[test]
fn straight_quotes_read_back_as_written() {
    let mut o = NormalizeOptions::profile(Profile::Typography);
    o.quote_style = QuoteStyle::Straight;
    let n = Normalizer::new(&o);
    for s in ["«:«««", "\n‹ :»“)،\"‹", "«„\".:”\"‹“نعم", "›):„„ ”"]
    {
        let once = n.normalize(s).into_owned();
        assert_eq!(n.normalize(&once), once, "{s:?}");
    }
    assert_eq!(n.normalize("«:«««"), "\": \"\"\"");
}

/// Issue 8: three inputs a hostile-input run found where a second `typography` or
/// `search` run still changed the text.
#[test]
fn issue_8_inputs_are_idempotent() {
    let straight = Normalizer::new(&NormalizeOptions {
        rules: Profile::Typography.rules(),
        quote_style: QuoteStyle::Straight,
    });
    let eleven = format!(":” {}", "\"".repeat(11));
    for p in [Profile::Typography, Profile::Search] {
        let n = Normalizer::for_profile(p);
        for s in ["قال:”\tنعم", "&#xD;", "قال:”\u{A0}نعم"] {
            let once = n.normalize(s).into_owned();
            assert_eq!(n.normalize(&once), once, "{p} on {s:?}");
        }
    }
    // A tab after the colon reads as the space it becomes: the mark opens.
    assert_eq!(
        normalize_profile("قال:”\tنعم", Profile::Typography),
        "قال: «نعم"
    );
    let once = straight.normalize(&eleven).into_owned();
    assert_eq!(straight.normalize(&once), once);
    // Longer runs settle at once too (each run used to fix one more pair).
    for n in [12, 31, 200] {
        let s = format!(":” {}", "\"".repeat(n));
        let once = straight.normalize(&s).into_owned();
        assert_eq!(straight.normalize(&once), once, "{n} marks");
    }
}

/// Issue 8: a numeric reference to a control character (other than TAB and LF) or a
/// noncharacter stays as written; decoding it created an ESC, a BEL or a CR the text
/// did not contain.
#[test]
fn entities_never_create_controls() {
    let n = Normalizer::for_profile(Profile::Typography);
    for s in [
        "&#27;[2J",
        "&#7;",
        "&#xD;",
        "&#x1b;]52;c;eA==&#7;",
        "&#xFFFF;",
    ] {
        assert_eq!(n.normalize(s), s);
    }
    assert_eq!(n.normalize("أ&#9;ب"), "أ ب");
}

/// Issue 11: `canonical` deletes control characters other than TAB, LF and CR (U+001A
/// is in real articles) and tag characters; `search` reads Arabic decimal and thousands
/// separators as ASCII numbers; `typography` writes Arabic punctuation in Arabic text
/// and keeps ASCII among Latin text; `search` writes ASCII everywhere.
#[test]
fn issue_11_defaults() {
    let canonical = |s| normalize_profile(s, Profile::Canonical).into_owned();
    assert_eq!(canonical("قال\u{1A} نعم\u{85}"), "قال نعم");
    assert_eq!(canonical("علم\u{E0067}\u{E007F}"), "علم");
    let search = |s| normalize_profile(s, Profile::Search).into_owned();
    assert_eq!(search("١٢٫٥ و١٬٥٠٠"), "12.5 و1500");
    assert_eq!(search("قال، نعم؛ لماذا؟"), "قال, نعم; لماذا?");
    assert_eq!(search("قال, نعم"), "قال, نعم");
    let typography = |s| normalize_profile(s, Profile::Typography).into_owned();
    assert_eq!(typography("قال, نعم; لماذا?"), "قال، نعم؛ لماذا؟");
    assert_eq!(typography("قال، نعم"), "قال، نعم");
    assert_eq!(typography("Reuters, AFP; 1,500?"), "Reuters, AFP; 1,500?");
}
