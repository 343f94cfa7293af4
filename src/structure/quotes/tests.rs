//! The attribution passes together, on sentences written for them: every pattern of
//! issue 9 with its expected result.

use crate::structure::{QuoteKind, extract};

/// (text, verb, speaker, kind) of every quotation.
fn quotes(t: &str) -> Vec<(String, Option<String>, Option<String>, QuoteKind)> {
    extract(t)
        .quotes
        .into_iter()
        .map(|q| (q.text, q.verb, q.speaker.map(|s| s.name), q.kind))
        .collect()
}

#[test]
fn verb_after_the_quote() {
    let q = quotes("«الوضع مستقر»، قال المتحدث باسم الجيش.\n");
    assert_eq!(q[0].1.as_deref(), Some("قال"));
    assert_eq!(q[0].2.as_deref(), Some("المتحدث باسم الجيش"));
}

#[test]
fn colon_statement_without_marks() {
    let q = quotes("وقالت الوزيرة: الاتفاق سيوقع الأسبوع المقبل.\n");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "الاتفاق سيوقع الأسبوع المقبل");
    assert_eq!(q[0].2.as_deref(), Some("الوزيرة"));
    assert_eq!(q[0].3, QuoteKind::Full);
}

#[test]
fn unbalanced_quote_stays_in_its_paragraph() {
    let a = extract("قال الوزير: «لن نتراجع عن القرار.\nوفي موضوع آخر قال: «نعم».\n");
    assert_eq!(a.quotes.len(), 2);
    assert_eq!(a.quotes[0].text, "لن نتراجع عن القرار");
    assert!(!a.quotes[0].marked);
    assert_eq!(a.quotes[1].text, "نعم");
    assert_eq!(a.quotes[1].speaker.as_ref().unwrap().name, "الوزير");
    assert!(a.quotes[1].speaker.as_ref().unwrap().inferred);
}

#[test]
fn short_quote_after_a_complementizer_is_reported() {
    let q = quotes("ووصف الناشر الكتاب بأنه «عمل ناضج» في بيان.\n");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "عمل ناضج");
    assert_eq!(q[0].1.as_deref(), Some("وصف"));
    assert_eq!(q[0].2.as_deref(), Some("الناشر"));
    assert_eq!(q[0].3, QuoteKind::Partial);
    // A title in quotation marks is not a quotation, nor the subject of what is said.
    let q = quotes("وقال الوزير لصحيفة «فوربس» إن الخطة جاهزة.\n");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "الخطة جاهزة");
    assert_eq!(q[0].3, QuoteKind::Reported);
}

#[test]
fn nested_quote_is_part_of_the_outer_one() {
    let q = quotes("قال: «سمعته يقول “لا” ثم خرج».\n");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "سمعته يقول “لا” ثم خرج");
}

/// (text, speaker, inferred) of the reported quotations.
fn reported(t: &str) -> Vec<(String, Option<String>, bool)> {
    extract(t)
        .quotes
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Reported)
        .map(|q| {
            let inferred = q.speaker.as_ref().is_some_and(|s| s.inferred);
            (q.text, q.speaker.map(|s| s.name), inferred)
        })
        .collect()
}

#[test]
fn issue_9_semicolon_between_name_and_role() {
    let q = reported(
        "من جهته، قال سالم الحربي؛ عضو مجلس إدارة الغرفة التجارية، إن الأسعار سترتفع قريبا.\n",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "الأسعار سترتفع قريبا");
    assert_eq!(
        q[0].1.as_deref(),
        Some("سالم الحربي؛ عضو مجلس إدارة الغرفة التجارية")
    );
}

#[test]
fn issue_9_recipient_before_the_subject() {
    // VOS: the outlet in marks, then the speaker.
    let q =
        reported("وقال لـ\"الوطن\" رئيس البلدية خالد العمري، إن المشروع سينتهي العام المقبل.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("رئيس البلدية خالد العمري"));
    let q = reported("وقال له المدرب إن الفريق جاهز للمباراة.\n");
    assert_eq!(q[0].1.as_deref(), Some("المدرب"));
    // A media word before a bare outlet name is no subject.
    let q = reported("وقال لوكالة الأنباء إن الفريق جاهز للمباراة.\n");
    assert_ne!(q[0].1.as_deref(), Some("الأنباء"));
}

#[test]
fn issue_9_fixed_adverbial_between_verb_and_clause() {
    let q =
        reported("وعاد المدرب يوسف العلي إلى النادي، لكنه كرر أكثر من مرة أنه سيرحل بعد الموسم.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "سيرحل بعد الموسم");
    assert_eq!(q[0].1.as_deref(), Some("المدرب يوسف العلي"));
    assert!(q[0].2, "inferred");
}

#[test]
fn issue_9_temporal_an_is_no_complementizer() {
    // بعد أن كشفت …: the verb after بعد أن reports, it is not reported words.
    let q = reported("وأحيل الموظف إلى المحكمة بعد أن كشفت التحقيقات أنه تلقى رشوة كبيرة.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "تلقى رشوة كبيرة");
    assert_eq!(q[0].1.as_deref(), Some("التحقيقات"));
    let q = reported("ونفى النادي الخبر قبل أن تذكر تقارير أخرى أن المدرب استقال.\n");
    assert_eq!(q.last().map(|x| x.1.as_deref()), Some(Some("تقارير أخرى")));
}

#[test]
fn issue_9_attribution_to_an_outlet() {
    let q = reported("ووفقا لمجلة كيكر الألمانية فإن المدرب وقع عقدا جديدا مع النادي.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "المدرب وقع عقدا جديدا مع النادي");
    assert_eq!(q[0].1.as_deref(), Some("مجلة كيكر الألمانية"));
}

#[test]
fn issue_9_subject_of_another_verb_is_inferred() {
    // No speaker named before: the subject of the sentence's first verb speaks.
    let q = reported("سجلت وزارة الصحة أمس ثلاث إصابات جديدة.\nوأكدت أن المصابين في حالة مستقرة.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("وزارة الصحة"));
    assert!(q[0].2, "inferred");
    // A dateline's dash before the verb; a participle takes the sentence's subject.
    let q =
        reported("الرياض – اعتذرت هيئة الرياضة عن الخطأ، مشددة على أنها ستحاسب الشركة المنفذة.\n");
    assert_eq!(q[0].1.as_deref(), Some("هيئة الرياضة"));
    // The gender must agree: a feminine verb does not take a masculine subject.
    let q = reported("وصل المدرب إلى المطار أمس.\nوأكدت أن الفريق جاهز للمباراة.\n");
    assert_eq!(q[0].1, None, "{q:?}");
    // A speaker already named of that gender wins over a subject of an earlier paragraph.
    let q = reported(
        "قال الوزير إن الخطة جاهزة للتنفيذ.\nوصل المدرب إلى المطار أمس.\nوأضاف أن التنفيذ يبدأ غدا.\n",
    );
    assert_eq!(q[1].1.as_deref(), Some("الوزير"), "{q:?}");
}

#[test]
fn issue_9_subject_is_a_person_or_institution() {
    // A definite noun that is no title (العقوبة) introduces no speaker; an adjective of
    // origin before a name does.
    let q = reported(
        "خسرت الأميركية سارة وليامز المباراة النهائية.\nوتسببت العقوبة في خسارتها.\nوقالت إنها لا تغش أبدا في اللعب.\n",
    );
    assert_eq!(q[0].1.as_deref(), Some("الأميركية سارة وليامز"), "{q:?}");
    // A ؛ apposition opens no sentence: تاجر is no verb.
    let q = reported("قال سالم العلي؛ تاجر ذهب ومجوهرات، إن السوق هادئ.\nوأكد أن الأسعار مستقرة.\n");
    assert_eq!(
        q[1].1.as_deref(),
        Some("سالم العلي؛ تاجر ذهب ومجوهرات"),
        "{q:?}"
    );
}

#[test]
fn issue_9_name_described_by_a_relative_clause_is_remembered() {
    let q = reported(
        "وينفي سليمان الذي يعيش في المنفى الضلوع في الهجوم، ويقول إن حركته سلمية تماما.\n",
    );
    assert_eq!(q[0].1.as_deref(), Some("سليمان"), "{q:?}");
}

#[test]
fn issue_9_titles_in_marks_stay_titles() {
    // A heading that is only a short span in marks.
    let a = extract(
        "عنوان الخبر هنا\n\nقال الوزير إن الخطة جاهزة للتنفيذ.\n\n«لا تراجع»\n\nوتابع الوزير حديثه.\n",
    );
    assert!(
        a.quotes.iter().all(|q| q.text != "لا تراجع"),
        "{:?}",
        a.quotes
    );
    // A book's title opening the paragraph, the sentence going on after it.
    let q = quotes("«الظل الطويل» هو عنوان كتاب صدر حديثا في القاهرة.\n");
    assert!(q.is_empty(), "{q:?}");
    // The same span followed by a speech verb is a quotation.
    let q = quotes("«الوضع مستقر» قال المتحدث باسم الجيش.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    // A headline's marks after a section label; a charge after موضوعها; a signature.
    let a = extract(
        "محليات / « مدينة بلا نفايات » .. مشروع جديد في البلدية\n\nبدأت البلدية مشروعا جديدا أمس.\n",
    );
    assert!(a.quotes.is_empty(), "{:?}", a.quotes);
    let q = quotes("وفتحت النيابة قضية موضوعها \"الاشتباه في الانضمام إلى تنظيم محظور\".\n");
    assert!(q.is_empty(), "{q:?}");
    let q = quotes("وألقت الطائرات منشورات تحمل توقيع \"القيادة العامة للجيش\".\n");
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn issue_9_verbal_nouns_and_between_report_nothing() {
    // بين "between" across a relative clause, نقل after أو: no speech.
    let q = quotes("جرت المفاوضات بين بلاده والدول الكبرى والتي من المقرر أن يناقشها المجلس غدا.\n");
    assert!(q.is_empty(), "{q:?}");
    let q = quotes("ودعا إلى عدم تحريك أو نقل المصابين حيث أنهم بحاجة إلى رعاية خاصة.\n");
    assert!(q.iter().all(|x| x.1.as_deref() != Some("نقل")), "{q:?}");
    // بين as a verb still reports: وبين أنه …
    let q = quotes("وبين الوزير أن الخطة جاهزة للتنفيذ.\n");
    assert_eq!(q[0].2.as_deref(), Some("الوزير"));
}

/// Every reporting verb and form issue 9 names, in a sentence of its own: (sentence,
/// lemma, speaker). A verb with no subject takes the speaker named before it.
const REPORTING_VERBS: &[(&str, &str, &str)] = &[
    ("قال الوزير إن الخطة جاهزة للتنفيذ.", "قال", "الوزير"),
    ("أكد الوزير أن الخطة جاهزة للتنفيذ.", "أكد", "الوزير"),
    ("أوضح الوزير أن الخطة جاهزة للتنفيذ.", "أوضح", "الوزير"),
    ("أشار الوزير إلى أن الخطة جاهزة للتنفيذ.", "أشار", "الوزير"),
    ("لفت الوزير إلى أن الخطة جاهزة للتنفيذ.", "لفت", "الوزير"),
    ("أفاد الوزير بأن الخطة جاهزة للتنفيذ.", "أفاد", "الوزير"),
    ("اعتبر الوزير أن الخطة جاهزة للتنفيذ.", "اعتبر", "الوزير"),
    ("رأى الوزير أن الخطة جاهزة للتنفيذ.", "رأى", "الوزير"),
    ("توقع الوزير أن تكون الخطة جاهزة للتنفيذ.", "توقع", "الوزير"),
    ("نفى الوزير أن تكون الخطة جاهزة للتنفيذ.", "نفى", "الوزير"),
    ("شدد الوزير على أن الخطة جاهزة للتنفيذ.", "شدد", "الوزير"),
    ("كشف الوزير أن الخطة جاهزة للتنفيذ.", "كشف", "الوزير"),
    ("أعلن الوزير أن الخطة جاهزة للتنفيذ.", "أعلن", "الوزير"),
    ("فقال الوزير إن الخطة جاهزة للتنفيذ.", "قال", "الوزير"),
    ("ويرى الوزير أن الخطة جاهزة للتنفيذ.", "رأى", "الوزير"),
    ("وتقول الوزيرة إن الخطة جاهزة للتنفيذ.", "قال", "الوزيرة"),
];

#[test]
fn issue_9_every_reporting_verb() {
    for (sentence, lemma, speaker) in REPORTING_VERBS {
        let q = quotes(&format!("{sentence}\n"));
        assert_eq!(q.len(), 1, "{sentence}: {q:?}");
        assert!(q[0].0.ends_with("الخطة جاهزة للتنفيذ"), "{sentence}: {q:?}");
        assert_eq!(q[0].1.as_deref(), Some(*lemma), "{sentence}");
        assert_eq!(q[0].2.as_deref(), Some(*speaker), "{sentence}");
        assert_eq!(q[0].3, QuoteKind::Reported, "{sentence}");
    }
}

#[test]
fn issue_9_participles_and_agreement() {
    // مشيرا إلى أن، مؤكدا أن: the sentence's subject; وأضافت أن: the last feminine
    // speaker, inferred.
    let q = reported(
        "قالت الوزيرة إن الخطة جاهزة، مشيرة إلى أن التنفيذ يبدأ غدا.\nوقال المدير إن الفريق مستعد، مؤكدا أن العمل بدأ.\nوأضافت أن الميزانية كافية للعام.\n",
    );
    let speakers: Vec<_> = q
        .iter()
        .map(|x| (x.0.as_str(), x.1.as_deref(), x.2))
        .collect();
    assert_eq!(
        speakers,
        [
            ("الخطة جاهزة", Some("الوزيرة"), false),
            ("التنفيذ يبدأ غدا", Some("الوزيرة"), true),
            ("الفريق مستعد", Some("المدير"), false),
            ("العمل بدأ", Some("المدير"), true),
            ("الميزانية كافية للعام", Some("الوزيرة"), true),
        ]
    );
}

#[test]
fn issue_9_descriptions_and_adverbials() {
    for (sentence, speaker) in [
        (
            "وقال مصدر في المقاومة إن الهجوم فشل تماما.",
            "مصدر في المقاومة",
        ),
        (
            "وقال المتحدث باسم وزارة الخارجية إن الهجوم فشل تماما.",
            "المتحدث باسم وزارة الخارجية",
        ),
        (
            "وقال قائد المنطقة العسكرية الرابعة إن الهجوم فشل تماما.",
            "قائد المنطقة العسكرية الرابعة",
        ),
        ("وقال الوزير في حديث لنا إن الهجوم فشل تماما.", "الوزير"),
        ("وقال الوزير عقب اللقاء إن الهجوم فشل تماما.", "الوزير"),
        ("وقال الوزير خلال مؤتمر صحفي إن الهجوم فشل تماما.", "الوزير"),
        ("وقال الوزير اليوم إن الهجوم فشل تماما.", "الوزير"),
    ] {
        let q = reported(&format!("{sentence}\n"));
        assert_eq!(q.len(), 1, "{sentence}: {q:?}");
        assert_eq!(q[0].1.as_deref(), Some(speaker), "{sentence}");
    }
    // كما قال: an attribution phrase in the sentence it stands in.
    let q = quotes("الحرب لن تطول أكثر من شهر، كما قال الرئيس أمس.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "الحرب لن تطول أكثر من شهر");
    assert_eq!(q[0].3, QuoteKind::Reported);
    assert_eq!(q[0].2.as_deref(), Some("الرئيس"), "{q:?}");
    // كما + verb + more words is "also": no quotation.
    let q = quotes("فاز الفريق بالمباراة. كما علقت الصحيفة على أحداث الشغب بعد اللقاء.\n");
    assert!(q.is_empty(), "{q:?}");
}

/// The speakers issue 9 names: (text, speaker of the first reported quotation).
const SPEAKERS: &[(&str, &str)] = &[
    // Verb before subject, and subject before verb.
    (
        "وقال الوزير أحمد سالم إن الخطة جاهزة للتنفيذ.",
        "الوزير أحمد سالم",
    ),
    (
        "حميد بدرخان، رئيس مؤسسة بدرخان للثقافة، قال إن الخطة جاهزة للتنفيذ.",
        "حميد بدرخان، رئيس مؤسسة بدرخان للثقافة",
    ),
    (
        "إلا أن محاميه تييري مارنبير قال إن الخطة جاهزة للتنفيذ.",
        "محاميه تييري مارنبير",
    ),
    ("وكان الرئيس قد أكد أن الخطة جاهزة للتنفيذ.", "الرئيس"),
    // The whole name with its title and apposition.
    (
        "وقال الجنرال كينيث ماكنزي، مدير هيئة الأركان المشتركة، إن الخطة جاهزة للتنفيذ.",
        "الجنرال كينيث ماكنزي، مدير هيئة الأركان المشتركة",
    ),
    // Names with words that are also prepositions or common words.
    ("وقال آغ محمد علي إن الخطة جاهزة للتنفيذ.", "آغ محمد علي"),
    (
        "وقال عبد الله الحربي إن الخطة جاهزة للتنفيذ.",
        "عبد الله الحربي",
    ),
    (
        "وقال أبو بكر الأنصاري إن الخطة جاهزة للتنفيذ.",
        "أبو بكر الأنصاري",
    ),
    // The name ends before بالقول and never takes the object.
    ("وختم الوزير بالقول إن الخطة جاهزة للتنفيذ.", "الوزير"),
    (
        "ودعا الاتحاد الأوروبي إسرائيل إلى أن توقف البناء فورا.",
        "الاتحاد الأوروبي",
    ),
    // A cue elongated with tatweel.
    ("وأوضــــــح الوزير أن الخطة جاهزة للتنفيذ.", "الوزير"),
    // A statement speaks for its issuer; a relay names the original speaker.
    ("وجاء في البيان أن الخطة جاهزة للتنفيذ.", "البيان"),
    (
        "ونقلت الوكالة على لسان الوزير قوله إن الخطة جاهزة للتنفيذ.",
        "الوزير",
    ),
    // Attribution phrases.
    ("وبحسب المصدر فإن الخطة جاهزة للتنفيذ.", "المصدر"),
    ("الخطة جاهزة للتنفيذ، حسب وزارة الخارجية.", "وزارة الخارجية"),
    ("الخطة جاهزة للتنفيذ، وفق مصادر مطلعة.", "مصادر مطلعة"),
    ("الخطة جاهزة للتنفيذ، وفقا لوكالة الأنباء.", "وكالة الأنباء"),
    ("الخطة جاهزة للتنفيذ، نقلا عن مصادر رسمية.", "مصادر رسمية"),
];

#[test]
fn issue_9_speakers_as_the_issue_names_them() {
    for (text, speaker) in SPEAKERS {
        let q = reported(&format!("{text}\n"));
        assert!(!q.is_empty(), "{text}: nothing");
        assert_eq!(q[0].1.as_deref(), Some(*speaker), "{text}: {q:?}");
        assert!(
            q[0].0.contains("الخطة جاهزة للتنفيذ") || q[0].0.contains("توقف"),
            "{text}: {q:?}"
        );
    }
    // A verbal noun object: no speaker, no clause (أكد عدم قدرته).
    assert!(reported("وأكد عدم قدرته على الحضور إلى الاجتماع.\n").is_empty());
    // على حد قوله and نقلت عنها: pronouns, the last speaker of their gender.
    let q = reported(
        "قالت الوزيرة إن الخطة جاهزة للتنفيذ.\nوالعمل سيبدأ غدا، على حد قولها.\nكما نقلت عنها وسائل إعلام أن الميزانية كافية.\n",
    );
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(q.iter().all(|x| x.1.as_deref() == Some("الوزيرة")), "{q:?}");
    assert!(q[1].2 && q[2].2, "inferred: {q:?}");
}

#[test]
fn issue_9_headline_label_is_a_quotation() {
    let a = extract(
        "ناجي جلول : إضراب المعلمين غير قانوني\n\nتونس - قال الوزير إن الإضراب غير قانوني.\n",
    );
    assert_eq!(
        a.headline.as_ref().map(|h| h.text.as_str()),
        Some("ناجي جلول : إضراب المعلمين غير قانوني")
    );
    let q = &a.quotes[0];
    assert_eq!(q.paragraph, 0);
    assert_eq!(q.text, "إضراب المعلمين غير قانوني");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.name.as_str()),
        Some("ناجي جلول")
    );
}

#[test]
fn issue_9_subject_ends_before_its_object() {
    // A known surname is the whole subject: the words after it are the verb's object.
    let q = reported(
        "قال جون نيكولسن إن الوضع صعب.\nوانتقد نيكولسن الوضع الحالي بشدة، وقال إن الحل بعيد.\n",
    );
    assert_eq!(
        q.last().and_then(|x| x.1.as_deref()),
        Some("نيكولسن"),
        "{q:?}"
    );
}

#[test]
fn a_short_quotation_after_a_speech_verb_and_colon_is_one_even_when_the_sentence_goes_on() {
    let q = quotes("قال الوزير: «نعم» في 3 مارس.\n");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "نعم");
    assert_eq!(q[0].2.as_deref(), Some("الوزير"));
    // A label's colon has no speech verb before it: the marks name a thing.
    let q = quotes("وزير الإسكان: «الصندوق العقاري» مقبل على مرحلة جديدة.\n");
    assert!(q.iter().all(|q| q.0 != "الصندوق العقاري"), "{q:?}");
}

#[test]
fn a_colon_statement_ends_before_a_sentence_another_verb_attributes() {
    let t = "وقال السفير: نتابع الطلبة في دراستهم ونلتقي بهم كل فصل. وأفاد السفير أن سر التميز هو الطموح.\n";
    let q = quotes(t);
    assert_eq!(q[0].0, "نتابع الطلبة في دراستهم ونلتقي بهم كل فصل", "{q:?}");
    // The same text with that sentence in a paragraph of its own reads the same.
    let split = t.replace("فصل. وأفاد", "فصل.\n\nوأفاد");
    assert_eq!(quotes(&split)[0].0, q[0].0);
}
