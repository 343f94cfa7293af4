//! The terminal view of `naskh diff` as a black box, on small fixture pairs written for
//! each rule: the classes of spacing and of numbers in words, the sentences shown, the
//! paragraph labels, colours and bidi isolates.

use std::path::Path;
use std::process::{Command, Output};

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

/// `naskh diff ARGS old new` on two files holding `old` and `new`.
fn diff(old: &str, new: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    let path = |p: &Path| p.display().to_string();
    naskh()
        .arg("diff")
        .args(args)
        .args([path(&a), path(&b)])
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The plain terminal view.
fn term(old: &str, new: &str, args: &[&str]) -> String {
    let mut all = vec!["--color", "never"];
    all.extend(args);
    let o = diff(old, new, &all);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    out(&o)
}

/// The exit status with `--hide CLASSES`.
fn status_hiding(old: &str, new: &str, classes: &str) -> Option<i32> {
    diff(old, new, &["--hide", classes]).status.code()
}

const ARTICLE: &str = "قال الوزير إن الحكومة بدأت برنامجا جديدا.\n";

fn with(sentence: &str) -> String {
    format!("{ARTICLE}\n{sentence}\n")
}

#[test]
fn a_space_inside_or_between_words_is_whitespace() {
    for (old, new) in [
        ("و قام الرئيس بزيارة.", "وقام الرئيس بزيارة."),
        (
            "الشكر للجمهور والجميل رفع الأعلام.",
            "الشكر للجمهور والجميلرفع الأعلام.",
        ),
    ] {
        let (old, new) = (with(old), with(new));
        let t = term(&old, &new, &[]);
        assert!(t.contains("⟦whitespace⟧"), "{t}");
        assert!(!t.contains("content"), "{t}");
        assert_eq!(status_hiding(&old, &new, "whitespace"), Some(0), "{t}");
    }
    // Only the space is marked, not the words around it.
    let t = term(
        &with("و قام الرئيس بزيارة."),
        &with("وقام الرئيس بزيارة."),
        &[],
    );
    assert!(t.contains("و[-␣-]⟦whitespace⟧قام"), "{t}");
}

#[test]
fn a_line_break_inside_a_word_pair_is_whitespace() {
    let old = with("شكر اللاعبون الجمهور والجميل\nرفع الأعلام في الملعب.");
    let new = with("شكر اللاعبون الجمهور والجميلرفع الأعلام في الملعب.");
    let t = term(&old, &new, &[]);
    assert!(!t.contains("content"), "{t}");
    assert_eq!(status_hiding(&old, &new, "whitespace"), Some(0), "{t}");
}

#[test]
fn tatweel_and_space_are_each_their_class() {
    let old = with("وصل ال188 مشاركا إلى المدينة.");
    let new = with("وصل الـ 188 مشاركا إلى المدينة.");
    let t = term(&old, &new, &[]);
    assert!(t.contains("changed: whitespace, diacritics"), "{t}");
    assert!(!t.contains("content"), "{t}");
    assert_eq!(status_hiding(&old, &new, "whitespace"), Some(1));
    assert_eq!(status_hiding(&old, &new, "diacritics"), Some(1));
    assert_eq!(status_hiding(&old, &new, "whitespace,diacritics"), Some(0));
}

#[test]
fn a_number_in_digits_against_words_is_orthography() {
    for (old, new) in [
        ("قتل 6 أشخاص في الحادث.", "قتل ستة أشخاص في الحادث."),
        ("ارتفع السعر بـ 10 دولارات.", "ارتفع السعر بعشرة دولارات."),
    ] {
        let (old, new) = (with(old), with(new));
        let t = term(&old, &new, &[]);
        assert!(t.contains("⟦orthography⟧"), "{t}");
        assert!(!t.contains("content"), "{t}");
        assert_eq!(status_hiding(&old, &new, "orthography"), Some(0), "{t}");
    }
    // Another value is content.
    let t = term(
        &with("قتل 7 أشخاص في الحادث."),
        &with("قتل ستة أشخاص في الحادث."),
        &[],
    );
    assert!(t.contains("content"), "{t}");
}
