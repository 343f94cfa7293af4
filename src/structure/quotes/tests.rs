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
