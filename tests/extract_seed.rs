//! The seed article's structure, as issue 3 states it, written before the extractor;
//! with the reported speech issue 9 adds (paragraphs 8 and 11).

use naskh::structure::{QuoteKind, extract};

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/rt-lavrov-de-mistura.txt"
    ))
    .unwrap()
}

#[test]
fn seed_blocks_and_source() {
    let text = seed();
    let a = extract(&text);
    // The first line is a full sentence: a lead paragraph, not a headline.
    assert!(a.headline.is_none());
    assert!(a.byline.is_none() && a.dateline.is_none());
    assert_eq!(a.paragraphs.len(), 11);
    assert!(
        a.paragraphs[0]
            .text
            .starts_with("أعرب وزير الخارجية الروسي")
    );
    let source = a.source.as_ref().expect("source line");
    assert_eq!(source.name, "موقع روسيا اليوم");
    assert_eq!(&text[source.span.start..source.span.end], source.text);
    // Every span points at its text in the original.
    for p in &a.paragraphs {
        assert_eq!(&text[p.span.start..p.span.end], p.text);
        for s in &p.sentences {
            assert_eq!(&text[s.span.start..s.span.end], s.text);
        }
    }
}

#[test]
fn seed_quotes_speakers_and_verbs() {
    let text = seed();
    let a = extract(&text);
    let got: Vec<(usize, &str, Option<&str>, QuoteKind)> = a
        .quotes
        .iter()
        .map(|q| {
            (
                q.paragraph,
                q.speaker.as_ref().map_or("", |s| s.name.as_str()),
                q.verb.as_deref(),
                q.kind,
            )
        })
        .collect();
    let full = QuoteKind::Full;
    let partial = QuoteKind::Partial;
    let reported = QuoteKind::Reported;
    assert_eq!(
        got,
        vec![
            (2, "لافروف", Some("قال"), full),
            (2, "وزير الخارجية", Some("أضاف"), full),
            (3, "لافروف", Some("قال"), full),
            (4, "لافروف", Some("أضاف"), full),
            (5, "لافروف", Some("تابع قائلا"), full),
            (6, "لافروف", Some("قال"), partial),
            (7, "لافروف", Some("أضاف"), full),
            (8, "دي ميستورا", Some("قال"), reported),
            (9, "دي ميستورا", Some("أضاف"), full),
            (10, "دي ميستورا", Some("ذكر"), partial),
            (11, "دي ميستورا", Some("أشار"), reported),
            (11, "دي ميستورا", Some("أشار"), reported),
        ]
    );
    // Paragraphs 3, 4, 5 and 7 (subject-less verbs, وتابع قائلا) and the participle of
    // paragraph 11 (مشيرا إلى أنه) name nobody next to the verb: the speaker is the last
    // one named, marked as inferred.
    for (i, q) in a.quotes.iter().enumerate() {
        let inferred = q.speaker.as_ref().unwrap().inferred;
        assert_eq!(
            inferred,
            [3, 4, 5, 7].contains(&q.paragraph) || i == 11,
            "quote {i}, paragraph {}",
            q.paragraph
        );
        assert_eq!(&text[q.span.start..q.span.end], q.text);
    }
    // Paragraph 1 (أعرب عن أمله في أن: a wish) reports no speech.
    assert!(a.quotes.iter().all(|q| q.paragraph != 1));
    assert!(a.quotes[0].text.starts_with("مخرجات الجولة الأخيرة"));
    assert!(a.quotes[5].text.starts_with("واشنطن وبعض العواصم"));
    assert!(a.quotes[5].text.ends_with("العملية السياسية"));
    // Reported speech: the clause after إن/أن, to the next act (…، معبرا عن أمله) or
    // the next reporting verb (…، مشيرا إلى أنه).
    assert_eq!(
        a.quotes[7].text,
        "العملية السياسية هي حجر الزاوية للعمل في سوريا"
    );
    assert!(a.quotes[10].text.starts_with("كان من الضروري"));
    assert!(a.quotes[10].text.ends_with("في جنيف"));
    assert_eq!(a.quotes[11].text, "سيجري زيارة إلى الرياض وطهران بعد موسكو");
    // Every quotation knows its sentence: paragraph 6's starts in its second.
    assert_eq!(a.quotes[5].sentence, 2);
}

#[test]
fn seed_dates_and_numbers() {
    let text = seed();
    let a = extract(&text);
    let dates: Vec<&str> = a.dates.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(dates, ["فبراير/شباط"]);
    assert_eq!(a.dates[0].value, "--02");
    let numbers: Vec<(&str, &str)> = a
        .numbers
        .iter()
        .map(|n| (n.text.as_str(), n.value.as_str()))
        .collect();
    assert_eq!(numbers, [("2254", "2254")]);
    assert_eq!(a.stats.paragraphs, 11);
    assert_eq!(a.stats.quotes, 12);
}
