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

const FIVE: [&str; 5] = [
    "افتتح الوزير المعرض صباح اليوم.",
    "وحضر الافتتاح عدد من السفراء.",
    "وقال الوزير إن المعرض يضم مئة جناح.",
    "ويستمر المعرض أسبوعا كاملا.",
    "ويفتح أبوابه للجمهور مجانا.",
];

fn paragraph(third: &str) -> String {
    let mut s = FIVE;
    s[2] = third;
    with(&s.join(" "))
}

#[test]
fn a_changed_paragraph_shows_its_changed_sentence_and_one_either_side() {
    let (old, new) = (
        paragraph(FIVE[2]),
        paragraph("وقال الوزير إن المعرض يضم مئتي جناح."),
    );
    let line = |t: &str| {
        t.lines()
            .find(|l| l.contains("{+مئتي+}"))
            .unwrap_or_else(|| panic!("{t}"))
            .to_string()
    };
    let t = line(&term(&old, &new, &[]));
    assert!(t.contains(FIVE[1]) && t.contains(FIVE[3]), "{t}");
    assert!(!t.contains(FIVE[0]) && !t.contains(FIVE[4]), "{t}");
    assert!(t.starts_with("  … ") && t.ends_with(" …"), "{t}");
    let t = line(&term(&old, &new, &["--context", "0"]));
    assert!(!t.contains(FIVE[1]) && !t.contains(FIVE[3]), "{t}");
    assert_eq!(t, "  … وقال الوزير إن المعرض يضم [-مئة-]{+مئتي+} جناح. …");
    let t = line(&term(&old, &new, &["--context", "all"]));
    assert!(FIVE.iter().all(|s| s == &FIVE[2] || t.contains(s)), "{t}");
    assert!(!t.contains('…'), "{t}");
}

#[test]
fn a_spacing_change_shows_the_place_not_the_paragraph() {
    let old = paragraph(FIVE[2]);
    let new = paragraph("وقال الوزير إن  المعرض يضم مئة جناح.");
    let t = term(&old, &new, &[]);
    let line = t
        .lines()
        .find(|l| l.contains("⟦whitespace⟧"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(line.contains("الوزير إن"), "{line}");
    assert!(!line.contains(FIVE[1]) && !line.contains(FIVE[3]), "{line}");
    assert!(line.starts_with("  … ") && line.ends_with(" …"), "{line}");
}

#[test]
fn paragraph_labels_name_both_numbers_when_they_differ() {
    let p = |s: &str| format!("{s} وأضاف المتحدث أن العمل مستمر.");
    let old = format!(
        "{ARTICLE}\n{}\n\n{}\n\n{}\n",
        p("افتتح الوزير المعرض."),
        "وانسحبت شركتان بسبب ارتفاع التكاليف هذا العام.",
        p("ويستمر المعرض أسبوعا.")
    );
    let new = format!(
        "{ARTICLE}\n{}\n\n{}\n\n{}\n",
        p("افتتح الوزير المعرض."),
        p("ويستمر المعرضُ أسبوعا."),
        "ووصلت وفود من عشرين بلدا إلى العاصمة."
    );
    let t = term(&old, &new, &[]);
    // Old ¶4 is new ¶3: both numbers; the deleted block by its old number, the
    // inserted one by its new, as the summary says.
    assert!(t.contains("\n¶4 → ¶3 changed: diacritics\n"), "{t}");
    assert!(t.contains("\n¶3 deleted\n"), "{t}");
    assert!(t.contains("\n¶4 inserted\n"), "{t}");
    assert!(
        t.contains("1 deleted (old numbers), 1 inserted (new numbers)"),
        "{t}"
    );
    // The same number on both sides: once.
    let t = term(
        &with(FIVE[0]),
        &with("افتتح الوزيرُ المعرض صباح اليوم."),
        &[],
    );
    assert!(t.contains("\n¶2 changed: diacritics\n"), "{t}");
}

/// A pair with one change of each of three classes.
fn three_classes() -> (String, String) {
    (
        with("قال أحمد إن الحكومة وافقت، وإن العمل يبدأ غدا."),
        with("قال احمد إن الحكومةَ وافقت, وإن العمل يبدأ غدا."),
    )
}

#[test]
fn colour_keeps_every_label_and_gives_each_class_its_colour() {
    let (old, new) = three_classes();
    let o = diff(&old, &new, &["--color", "always"]);
    let t = out(&o);
    for (class, colour) in [
        ("orthography", "\x1b[35m"),
        ("diacritics", "\x1b[33m"),
        ("punctuation", "\x1b[36m"),
    ] {
        assert!(t.contains(&format!("{colour}⟦{class}⟧")), "{class}: {t:?}");
        // The change itself is struck through in the class's colour.
        assert!(t.contains(&format!("{colour}\x1b[9m")), "{class}: {t:?}");
    }
    // The legend is in the help.
    let help = out(&naskh().args(["diff", "--help"]).output().unwrap());
    for line in [
        "orthography      magenta",
        "diacritics       yellow",
        "[-⟨-⟩-]",
    ] {
        assert!(help.contains(line), "{help}");
    }
}

#[test]
fn a_deleted_hyphen_is_readable() {
    let t = term(
        &with("وصل الوفد - الذي يضم عشرة أعضاء - إلى العاصمة."),
        &with("وصل الوفد الذي يضم عشرة أعضاء - إلى العاصمة."),
        &[],
    );
    assert!(t.contains("[-⟨-⟩-]⟦punctuation⟧"), "{t}");
    assert!(!t.contains("[---]"), "{t}");
}

#[test]
fn the_summary_reads_well_when_every_change_is_hidden() {
    // The marks of a quotation removed: the change is punctuation, the fact stays.
    let old = with("وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب على المهن الحديثة\".");
    let new = with("وقال الوزير أحمد سالم: سنبدأ برنامجا لتدريب الشباب على المهن الحديثة.");
    let o = diff(&old, &new, &["--color", "never", "--hide", "punctuation"]);
    let t = out(&o);
    let summary = t.lines().last().unwrap_or_default();
    assert_eq!(
        summary, "naskh diff: no changed block shown of 2 blocks; 1 fact (hidden: 2 punctuation)",
        "{t}"
    );
}

#[test]
fn bidi_isolates_each_change_and_only_naskhs_own() {
    let (fsi, pdi) = ('\u{2068}', '\u{2069}');
    // An isolate and an override of the article's own, which must stay escaped.
    let old = with("قال الوزير\u{2068} إن المعرض يضم مئة جناح\u{202E}.");
    let new = with("قال الوزير\u{2068} إن المعرض يضم مئتي جناح\u{202E}.");
    let count = |t: &str, c: char| t.chars().filter(|&x| x == c).count();
    let plain = term(&old, &new, &[]);
    assert_eq!(count(&plain, fsi) + count(&plain, pdi), 0, "{plain}");
    let t = term(&old, &new, &["--bidi"]);
    assert!(
        t.contains(&format!("{fsi}[-مئة-]{pdi}{fsi}{{+مئتي+}}{pdi}")),
        "{t}"
    );
    // Two changes isolated; the article's isolate and override written out.
    assert_eq!((count(&t, fsi), count(&t, pdi)), (2, 2), "{t}");
    assert!(!t.contains('\u{202E}'), "{t}");
    // In colour too, the isolates hold the colour codes.
    let o = diff(&old, &new, &["--bidi", "--color", "always"]);
    let t = out(&o);
    assert!(t.contains(&format!("{fsi}\x1b[31m")), "{t:?}");
    assert_eq!(count(&t, fsi), 2, "{t:?}");
}

#[test]
fn a_space_removed_at_a_paragraph_start_shows_the_words_after_it() {
    let old = with(&format!(" {}", FIVE.join(" ")));
    let new = with(&FIVE.join(" "));
    let t = term(&old, &new, &[]);
    let line = t
        .lines()
        .find(|l| l.contains("⟦whitespace⟧"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(
        line.contains("[-␣-]⟦whitespace⟧افتتح الوزير المعرض"),
        "{line}"
    );
    assert!(!line.contains(FIVE[4]), "{line}");
}

#[test]
fn an_unmarked_quotation_shows_the_marks_on_the_old_side_only() {
    let old = with("وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب على المهن الحديثة\".");
    let new = with("وقال الوزير أحمد سالم: سنبدأ برنامجا لتدريب الشباب على المهن الحديثة.");
    let q = "سنبدأ برنامجا لتدريب الشباب على المهن الحديثة";
    let t = term(&old, &new, &[]);
    assert!(
        t.contains(&format!("quote unmarked (الوزير أحمد سالم): «{q}» → {q}\n")),
        "{t}"
    );
    let t = term(&new, &old, &[]);
    assert!(
        t.contains(&format!("quote marked (الوزير أحمد سالم): {q} → «{q}»\n")),
        "{t}"
    );
}

#[test]
fn a_merge_of_unchanged_words_shows_the_break_and_a_few_words() {
    let (first, second) = (FIVE[..3].join(" "), FIVE[3..].join(" "));
    // The old first paragraph ends in a space: the words and spaces are all equal, only
    // the line break went.
    let old = format!("{ARTICLE}\n{first} \n\n{second}\n");
    let new = format!("{ARTICLE}\n{first} {second}\n");
    let t = term(&old, &new, &[]);
    let line = t
        .lines()
        .find(|l| l.contains("[-⏎-]"))
        .unwrap_or_else(|| panic!("no line break shown: {t}"));
    assert!(line.contains("مئة جناح. [-⏎-]ويستمر المعرض"), "{line}");
    assert!(!line.contains(FIVE[0]), "{line}");
}

/// `naskh diff -f unified ARGS old new`, its output.
fn unified(old: &str, new: &str, args: &[&str]) -> String {
    let mut all = vec!["-f", "unified"];
    all.extend(args);
    let o = diff(old, new, &all);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    out(&o)
}

/// The `-` and `+` lines of a unified diff, headers left out.
fn changed_lines(t: &str) -> Vec<&str> {
    t.lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
        .filter(|l| l.starts_with('-') || l.starts_with('+'))
        .collect()
}

/// Issue 10: the unified view's `-` and `+` lines hold the changed sentence and one
/// either side, not the whole paragraph; its hunk headers still count whole lines.
#[test]
fn the_unified_view_shows_the_changed_sentence_and_one_either_side() {
    let third = "وقال الوزير إن المعرض يضم مئتي جناح.";
    let (old, new) = (paragraph(FIVE[2]), paragraph(third));
    let t = unified(&old, &new, &[]);
    let mut new_five = FIVE;
    new_five[2] = third;
    assert_eq!(
        changed_lines(&t),
        [
            format!("-… {} …", FIVE[1..4].join(" ")),
            format!("+… {} …", new_five[1..4].join(" ")),
        ],
        "{t}"
    );
    let raw = unified(&old, &new, &["--raw"]);
    let headers = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("@@"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(headers(&t), headers(&raw), "{t}");

    let t = unified(&old, &new, &["--context", "0"]);
    assert_eq!(
        changed_lines(&t),
        [format!("-… {} …", FIVE[2]), format!("+… {third} …")],
        "{t}"
    );
}

#[test]
fn the_unified_view_with_context_all_or_raw_prints_whole_lines() {
    let third = "وقال الوزير إن المعرض يضم مئتي جناح.";
    let (old, new) = (paragraph(FIVE[2]), paragraph(third));
    let mut new_five = FIVE;
    new_five[2] = third;
    let whole = [
        format!("-{}", FIVE.join(" ")),
        format!("+{}", new_five.join(" ")),
    ];
    let all = unified(&old, &new, &["--context", "all"]);
    assert_eq!(changed_lines(&all), whole, "{all}");
    assert!(!all.contains('…'), "{all}");
    // --raw is today's patch whatever --context says, the same as --context all here
    // (the texts hold nothing to escape).
    // The file names (two temporary folders) left out.
    let body = |t: &str| t.lines().skip(2).collect::<Vec<_>>().join("\n");
    for args in [&["--raw"][..], &["--raw", "--context", "0"]] {
        let raw = unified(&old, &new, args);
        assert_eq!(body(&raw), body(&all), "{args:?}");
    }
}

#[test]
fn a_spacing_change_in_the_unified_view_shows_the_place() {
    let old = paragraph(FIVE[2]);
    let new = paragraph("وقال الوزير إن  المعرض يضم مئة جناح.");
    let t = unified(&old, &new, &[]);
    let lines = changed_lines(&t);
    assert_eq!(lines.len(), 2, "{t}");
    for (line, sign) in lines.iter().zip(["-… ", "+… "]) {
        assert!(line.starts_with(sign) && line.ends_with(" …"), "{line}");
        assert!(line.contains("الوزير إن"), "{line}");
        assert!(!line.contains(FIVE[1]) && !line.contains(FIVE[3]), "{line}");
    }
}

/// `patch` takes `naskh diff -f unified --raw` (and `--context all`) and makes the new
/// text of the old, long changed paragraphs and a last line without a line end included.
#[test]
fn patch_applies_the_raw_unified_diff() {
    let third = "وقال الوزير إن المعرض يضم مئتي جناح.";
    let old = format!("{}ختام", paragraph(FIVE[2]));
    let new = format!("{}\nختام القول", paragraph(third));
    for args in [&["--raw"][..], &["--context", "all"]] {
        let dir = tempfile::tempdir().unwrap();
        let (a, p, result) = (
            dir.path().join("a.txt"),
            dir.path().join("d.patch"),
            dir.path().join("out.txt"),
        );
        std::fs::write(&a, &old).unwrap();
        std::fs::write(&p, unified(&old, &new, args)).unwrap();
        let o = Command::new("patch")
            .arg("-s")
            .arg("-o")
            .arg(&result)
            .arg(&a)
            .arg(&p)
            .output()
            .expect("patch(1) runs");
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(std::fs::read_to_string(&result).unwrap(), new, "{args:?}");
    }
}
