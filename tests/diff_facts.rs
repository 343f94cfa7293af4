//! The diff's facts, one pair written for each rule of issue 10: quotations matched
//! across the article (reworded at either end, a name added inside, moved), marks
//! removed and added, numbers and dates by value, deleted and inserted paragraphs, and a
//! text against its own normalised form.

use naskh::diff::{Class, Diff, DiffOptions, FactKind, diff, render};
use naskh::normalize::{Normalizer, Profile};

fn facts<'t>(old: &'t str, new: &'t str) -> (Diff<'t>, Vec<FactKind>) {
    let d = diff(old, new, &DiffOptions::default());
    let kinds = d.facts.iter().map(|f| f.kind).collect();
    (d, kinds)
}

fn show(d: &Diff) -> String {
    render::term(d, &Default::default())
}

const SAID: &str = "وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب على المهن الحديثة\".\n";
const SAID_MORE: &str =
    "وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب على المهن الحديثة جدا\".\n";

#[test]
fn words_added_or_dropped_at_an_end_are_reworded() {
    for (old, new) in [(SAID, SAID_MORE), (SAID_MORE, SAID)] {
        let (d, kinds) = facts(old, new);
        assert_eq!(kinds, [FactKind::QuoteReworded], "{}", show(&d));
        let f = &d.facts[0];
        assert!(f.old.is_some() && f.new.is_some());
        assert_eq!((f.old_block, f.new_block), (Some(0), Some(0)));
    }
}

#[test]
fn a_name_added_inside_a_quotation_is_reworded() {
    let old = "وقال رئيس النادي إنه يعتزم \"التخلي عن المدرب\" بعد الهزيمة.\n";
    let new = "وقال رئيس النادي إنه يعتزم \"التخلي عن المدرب (لوبيتيغي)\" بعد الهزيمة.\n";
    let (d, kinds) = facts(old, new);
    assert_eq!(kinds, [FactKind::QuoteReworded], "{}", show(&d));
}

#[test]
fn a_quotation_moved_to_another_paragraph_and_reworded() {
    let old = format!("عنوان الخبر\n\n{SAID}\nوفي سياق آخر تحدث الوزير عن الميزانية.\n");
    let new = format!(
        "عنوان الخبر\n\nتحدث الوزير عن الميزانية في سياق آخر.\n\n{}",
        SAID_MORE
    );
    let (d, kinds) = facts(&old, &new);
    assert!(
        kinds.contains(&FactKind::QuoteReworded)
            && !kinds.contains(&FactKind::QuoteAdded)
            && !kinds.contains(&FactKind::QuoteRemoved),
        "{}",
        show(&d)
    );
}

#[test]
fn marks_removed_and_added() {
    let marked = "وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب\".\n";
    let bare = "وقال الوزير أحمد سالم: سنبدأ برنامجا لتدريب الشباب.\n";
    let (d, kinds) = facts(marked, bare);
    assert_eq!(kinds, [FactKind::QuoteUnmarked], "{}", show(&d));
    let (d, kinds) = facts(bare, marked);
    assert_eq!(kinds, [FactKind::QuoteMarked], "{}", show(&d));
    // Another style of marks is punctuation, not a fact.
    let guillemets = "وقال الوزير أحمد سالم: «سنبدأ برنامجا لتدريب الشباب».\n";
    let (d, kinds) = facts(marked, guillemets);
    assert!(kinds.is_empty(), "{}", show(&d));
}

#[test]
fn numbers_and_dates_by_value_not_spelling() {
    let old = "بلغت الخسائر 57 مليار في 6 أشهر، بـ 10 مواقع، في مارس/ آذار.\n";
    let new = "بلغت الخسائر ٥٧ مليار ريال في ستة أشهر، بعشرة مواقع، في آذار/مارس.\n";
    let (d, kinds) = facts(old, new);
    // Only the unit that came is a change, and it is shown.
    assert_eq!(kinds, [FactKind::NumberChanged], "{}", show(&d));
    assert_eq!(d.facts[0].new.as_deref(), Some("٥٧ مليار ريال"));
}

#[test]
fn a_day_named_again_from_the_next_day_is_no_fact() {
    // Published again the next day: the same Sunday evening, the same Wednesday.
    for (old, new) in [
        (
            "وقال الوزير مساء اليوم الأحد إن الوفد وصل.\n",
            "وقال الوزير مساء أمس (الأحد) إن الوفد وصل.\n",
        ),
        (
            "وتبدأ القمة بعد غد الأربعاء في الرياض.\n",
            "وتبدأ القمة يوم غد الأربعاء في الرياض.\n",
        ),
        (
            "وقال الوزير اليوم الأحد إن الوفد وصل.\n",
            "وقال الوزير أمس الأحد إن الوفد وصل.\n",
        ),
        ("وصل الوفد مساء اليوم الأحد.\n", "وصل الوفد مساء الأحد.\n"),
    ] {
        let (d, kinds) = facts(old, new);
        assert!(!kinds.contains(&FactKind::DateChanged), "{}", show(&d));
    }
    // Another weekday, another part of the day, or no weekday to pin it: a change.
    for (old, new) in [
        (
            "وقال الوزير اليوم الأحد إن الوفد وصل.\n",
            "وقال الوزير أمس السبت إن الوفد وصل.\n",
        ),
        (
            "وقال الوزير مساء اليوم الأحد إن الوفد وصل.\n",
            "وقال الوزير صباح أمس الأحد إن الوفد وصل.\n",
        ),
        (
            "وقال الوزير اليوم إن الوفد وصل.\n",
            "وقال الوزير أمس إن الوفد وصل.\n",
        ),
        (
            "وتبدأ القمة الأسبوع المقبل الأربعاء.\n",
            "وتبدأ القمة الأسبوع الماضي الأربعاء.\n",
        ),
    ] {
        let (d, kinds) = facts(old, new);
        assert_eq!(kinds, [FactKind::DateChanged], "{}", show(&d));
    }
}

#[test]
fn a_number_moved_within_its_paragraph_is_no_fact() {
    let old = "قتل أكثر من 630 مدنيا منذ عام 2013 خلال ثلاثة أسابيع.\n";
    let new = "منذ ثلاثة أسابيع قتل أكثر من 630 مدنيا.\n";
    let (d, kinds) = facts(old, new);
    assert_eq!(kinds, [FactKind::NumberRemoved], "{}", show(&d));
    assert_eq!(d.facts[0].old.as_deref(), Some("2013"));
}

#[test]
fn deleted_and_inserted_paragraphs_are_never_paired_by_position() {
    let old =
        "عنوان\n\nوصل الوفد يوم الخميس إلى العاصمة للمشاركة في القمة.\n\nوختم البيان بالشكر.\n";
    let new = "عنوان\n\nتبدأ المفاوضات في يونيو/حزيران المقبل بحضور الأطراف كلها.\n\nوختم البيان بالشكر.\n";
    let (d, kinds) = facts(old, new);
    assert!(!kinds.contains(&FactKind::DateChanged), "{}", show(&d));
    assert!(kinds.contains(&FactKind::DateRemoved) && kinds.contains(&FactKind::DateAdded));
}

#[test]
fn a_speaker_changed_only_when_both_are_named() {
    let old = "وقال الوزير أحمد سالم: \"سنبدأ برنامجا لتدريب الشباب\".\n";
    let new = "وقال المتحدث باسم الحكومة: \"سنبدأ برنامجا لتدريب الشباب\".\n";
    let (d, kinds) = facts(old, new);
    assert_eq!(kinds, [FactKind::SpeakerChanged], "{}", show(&d));
}

/// Many short quotations, each changed: reworded, one each, near-linear (see the scaling
/// test in diff_props).
#[test]
fn many_quotations_each_reworded() {
    let q = |shift: usize| -> String {
        (0..300)
            .map(|i| format!("وأضاف: «كلام رقم {}».", i + shift))
            .collect::<Vec<_>>()
            .join(" ")
            + "\n"
    };
    let (old, new) = (q(0), q(1000));
    let (_, kinds) = facts(&old, &new);
    let reworded = kinds
        .iter()
        .filter(|k| **k == FactKind::QuoteReworded)
        .count();
    assert_eq!(reworded, 300);
    assert!(!kinds.contains(&FactKind::QuoteAdded));
}

/// With every cosmetic class hidden, a text against its own normalised form has no fact.
#[test]
fn a_text_against_its_normalised_form_has_no_fact() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![SAID.to_string(), SAID_MORE.to_string()];
    for dir in ["tests/data/revisions", "corpus"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let cosmetic: Vec<Class> = Class::ALL
        .iter()
        .copied()
        .filter(|c| *c != Class::Content)
        .collect();
    for text in &texts {
        for profile in [
            Profile::Canonical,
            Profile::Typography,
            Profile::Search,
            Profile::Lucene,
            Profile::Camel,
            Profile::Quran,
        ] {
            let n = Normalizer::for_profile(profile)
                .normalize(text)
                .into_owned();
            let d = diff(text, &n, &DiffOptions::default());
            assert!(
                d.facts.is_empty() && !d.has_changes(&cosmetic),
                "{profile:?}: {}",
                show(&d)
            );
        }
    }
}
