//! `naskh::diff` on revision pairs written for it: every kind of change, class and fact,
//! the JSON schema and its offsets, the HTML page's safety, and the caps.

use std::path::Path;

use naskh::diff::{BlockKind, Class, DiffOptions, EntryKind, FactKind, OpKind, diff, render};

fn pair(name: &str) -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/revisions");
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}.txt"))).unwrap();
    (read("old"), read("new"))
}

fn kinds(d: &naskh::diff::Diff) -> Vec<EntryKind> {
    d.entries
        .iter()
        .map(|e| e.kind)
        .filter(|k| *k != EntryKind::Unchanged)
        .collect()
}

#[test]
fn every_kind_of_change_in_one_article() {
    let (old, new) = pair("unemployment");
    let d = diff(&old, &new, &DiffOptions::default());
    assert_eq!(
        kinds(&d),
        [
            EntryKind::Changed, // headline
            EntryKind::Changed,
            EntryKind::Changed,
            EntryKind::Changed,
            EntryKind::Split,
            EntryKind::Changed,
            // What was deleted at a place comes before what was inserted there.
            EntryKind::Deleted,
            EntryKind::Inserted,
            EntryKind::Moved,
        ]
    );
    // Each edit has its class.
    let ops: Vec<(Class, String, String)> = d
        .entries
        .iter()
        .flat_map(|e| &e.ops)
        .filter_map(|o| {
            Some((
                o.class?,
                o.old_text.clone().unwrap_or_default(),
                o.new_text.clone().unwrap_or_default(),
            ))
        })
        .collect();
    let has = |c: Class, o: &str, n: &str| {
        ops.iter()
            .any(|(k, a, b)| *k == c && a.trim() == o && b.trim() == n)
    };
    assert!(has(Class::Content, "ارتفاع", "تراجع"), "{ops:#?}");
    assert!(has(Class::Content, "19", "7"));
    assert!(has(Class::Punctuation, "،", ","));
    assert!(has(Class::Orthography, "أحمد", "احمد"));
    assert!(has(Class::Diacritics, "الحكومة", "الحكومةَ"));
    // Only the space changed (a no-break space): only the space is the change.
    assert!(
        ops.iter()
            .any(|(k, a, b)| *k == Class::Whitespace && a == " " && b == "\u{A0}"),
        "{ops:#?}"
    );
    assert!(has(Class::Invisible, "على", "على\u{200F}"));
    assert!(has(Class::Content, "15", "20"));
    // The moved paragraph, unchanged, from ¶5 to ¶8.
    let moved = d
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Moved)
        .unwrap();
    assert_eq!(d.old.blocks[moved.old[0]].number, 5);
    assert_eq!(d.new.blocks[moved.new[0]].number, 8);
    assert_eq!(moved.classes, [Class::Moved]);
    // Facts.
    let facts: Vec<(FactKind, Option<&str>, Option<&str>)> = d
        .facts
        .iter()
        .map(|f| (f.kind, f.old.as_deref(), f.new.as_deref()))
        .collect();
    assert!(
        facts.contains(&(FactKind::NumberChanged, Some("19%"), Some("7%"))),
        "{facts:#?}"
    );
    assert!(facts.contains(&(FactKind::DateChanged, Some("15 مارس"), Some("20 مارس"))));
    assert!(facts.iter().any(|f| f.0 == FactKind::Headline));
    assert!(facts.iter().any(|f| f.0 == FactKind::QuoteReworded));
    let speaker = d
        .facts
        .iter()
        .find(|f| f.kind == FactKind::SpeakerChanged)
        .unwrap();
    assert_eq!(
        speaker.old_speaker.as_deref(),
        Some("الخبير الاقتصادي سامي نور")
    );
    assert_eq!(speaker.new_speaker.as_deref(), Some("الباحثة ليلى حسن"));
    assert!(!d.approximate);
}

#[test]
fn the_reverse_diff_mirrors() {
    let (old, new) = pair("unemployment");
    let d = diff(&new, &old, &DiffOptions::default());
    assert!(kinds(&d).contains(&EntryKind::Merged));
    assert!(kinds(&d).contains(&EntryKind::Moved));
    assert!(
        d.facts
            .iter()
            .any(|f| f.kind == FactKind::NumberChanged && f.old.as_deref() == Some("7%"))
    );
}

#[test]
fn identical_versions_have_no_changes() {
    let (old, _) = pair("unemployment");
    let d = diff(&old, &old, &DiffOptions::default());
    assert!(!d.has_changes(&[]));
    // One run of every block.
    assert_eq!(d.entries.len(), 1);
    let run = &d.entries[0];
    assert_eq!(run.kind, EntryKind::Unchanged);
    let all: Vec<usize> = (0..d.old.blocks.len()).collect();
    assert_eq!((&run.old, &run.new), (&all, &all));
    assert_eq!(d.summary.unchanged, d.old.blocks.len());
}

#[test]
fn unchanged_blocks_are_runs_broken_by_each_change() {
    let old = "الأول.\nالثاني.\nالثالث.\nالرابع.\nالخامس.\n";
    let new = "الأول.\nالثاني.\nالثالث الجديد.\nالرابع.\nالخامس.\n";
    let d = diff(old, new, &DiffOptions::default());
    let runs: Vec<(EntryKind, Vec<usize>, Vec<usize>)> = d
        .entries
        .iter()
        .map(|e| (e.kind, e.old.clone(), e.new.clone()))
        .collect();
    assert_eq!(
        runs,
        [
            (EntryKind::Unchanged, vec![0, 1], vec![0, 1]),
            (EntryKind::Changed, vec![2], vec![2]),
            (EntryKind::Unchanged, vec![3, 4], vec![3, 4]),
        ]
    );
    // Counted as blocks, as before runs.
    assert_eq!(d.summary.unchanged, 4);
    assert_eq!(d.summary.changed, 1);
}

#[test]
fn crlf_against_lf_is_whitespace_only() {
    let (old, _) = pair("unemployment");
    let crlf = old.replace('\n', "\r\n");
    let d = diff(&old, &crlf, &DiffOptions::default());
    assert!(d.has_changes(&[]));
    assert_eq!(d.summary.count(Class::Content), 0, "{:#?}", d.summary);
    assert!(d.summary.count(Class::Whitespace) > 0);
    assert!(!d.has_changes(&[Class::Whitespace]));
}

#[test]
fn paragraph_breaks_alone_are_whitespace() {
    let (old, _) = pair("unemployment");
    // Every paragraph of the body joined into one, and blank lines between the rest.
    let joined = old.replacen(".\nوقال", ". وقال", 1).replace('\n', "\n\n");
    let d = diff(&old, &joined, &DiffOptions::default());
    assert_eq!(
        d.summary.count(Class::Content),
        0,
        "{}",
        render::term(&d, &Default::default())
    );
    assert_eq!(kinds(&d), [EntryKind::Merged]);
}

#[test]
fn one_empty_side() {
    let (old, _) = pair("unemployment");
    let d = diff(&old, "", &DiffOptions::default());
    assert_eq!(d.summary.deleted, d.old.blocks.len());
    let d = diff("", &old, &DiffOptions::default());
    assert_eq!(d.summary.inserted, d.new.blocks.len());
    let d = diff("", "", &DiffOptions::default());
    assert!(d.entries.is_empty() && !d.has_changes(&[]));
}

#[test]
fn json_offsets_are_utf8_and_utf16() {
    let (old, new) = pair("unemployment");
    let d = diff(&old, &new, &DiffOptions::default());
    let v: serde_json::Value = serde_json::from_str(&render::json(&d)).unwrap();
    assert_eq!(v["schema"], "naskh.diff/2");
    assert_eq!(v["approximate"], false);
    let mut checked = 0;
    for e in v["entries"].as_array().unwrap() {
        for op in e["ops"].as_array().unwrap() {
            for (side, text) in [("old", &old), ("new", &new)] {
                if op[side].is_null() {
                    continue;
                }
                let u8r = &op[side]["utf8"];
                let (a, b) = (
                    u8r[0].as_u64().unwrap() as usize,
                    u8r[1].as_u64().unwrap() as usize,
                );
                let u16r = &op[side]["utf16"];
                assert_eq!(
                    u16r[0].as_u64().unwrap() as usize,
                    text[..a].encode_utf16().count()
                );
                assert_eq!(
                    u16r[1].as_u64().unwrap() as usize,
                    text[..b].encode_utf16().count()
                );
                if op["op"] != "equal" {
                    assert_eq!(op[format!("{side}_text")].as_str().unwrap(), &text[a..b]);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20);
    assert!(
        v["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "number-changed")
    );
}

#[test]
fn html_escapes_the_article_and_isolates_changes() {
    let (old, new) = pair("unemployment");
    let d = diff(&old, &new, &DiffOptions::default());
    let h = render::html(&d, &Default::default());
    assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    assert!(!h.contains("<script"), "an article's <script> must be text");
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !h.contains("src=") && !h.contains("href=\"http"),
        "nothing fetched"
    );
    assert_isolated(&h);
    assert!(h.contains("<span class=\"inv\">⟨RLM⟩</span>"));
    assert!(h.contains("href=\"#n"), "moves are linked");
}

/// Every changed span of the page is a classed `<del>` or `<ins>` isolated in `<bdi>`.
fn assert_isolated(h: &str) {
    for tag in ["<del", "<ins"] {
        assert_eq!(
            h.matches(tag).count(),
            h.matches(&format!("{tag} class=\"c-")).count()
        );
        for (i, _) in h.match_indices(tag) {
            let rest = &h[i..];
            let close = rest.find('>').unwrap();
            assert!(
                rest[close + 1..].starts_with("<bdi>"),
                "{}",
                &rest[..80.min(rest.len())]
            );
        }
    }
}

/// Issue 8: the paragraph break a merge removes (and a split adds) is isolated too, in
/// both views.
#[test]
fn html_isolates_the_breaks_of_splits_and_merges() {
    let two = "قال الوزير إن الخطة جاهزة للتنفيذ الآن.\nوأضاف أن العمل يبدأ غدا في كل المدن.\n";
    let one = "قال الوزير إن الخطة جاهزة للتنفيذ الآن. وأضاف أن العمل يبدأ غدا في كل المدن.\n";
    for (old, new) in [(two, one), (one, two)] {
        let d = diff(old, new, &DiffOptions::default());
        let h = render::html(&d, &Default::default());
        // The inline view shows the new text's paragraphs; a removed break is marked.
        assert_eq!(h.contains("⏎"), old == two, "{h}");
        assert_isolated(&h);
    }
}

#[test]
fn marks_never_cut_a_word() {
    // A mark added inside a word is a change of the whole word.
    let d = diff(
        "قال الوزير كلمة\n",
        "قال الوزير كلمةً\n",
        &DiffOptions::default(),
    );
    let op = d.entries[0].ops.iter().find(|o| o.class.is_some()).unwrap();
    assert_eq!(
        (op.old_text.as_deref(), op.new_text.as_deref()),
        (Some("كلمة"), Some("كلمةً"))
    );
    assert_eq!(op.class, Some(Class::Diacritics));
    assert_eq!(op.op, OpKind::Replace);
}

#[test]
fn hidden_classes_leave_the_exit_status() {
    let d = diff(
        "قال أحمد: نعم.\n",
        "قالَ احمد: نعم.\n",
        &DiffOptions::default(),
    );
    assert!(d.has_changes(&[]));
    assert!(d.has_changes(&[Class::Diacritics]));
    assert!(!d.has_changes(&[Class::Diacritics, Class::Orthography]));
    let t = render::term(
        &d,
        &render::TermOptions {
            color: false,
            hidden: vec![Class::Diacritics, Class::Orthography],
            ..render::TermOptions::default()
        },
    );
    assert!(!t.contains("[-"), "{t}");
}

#[test]
fn terminal_output_escapes_controls() {
    let d = diff("قال نعم\n", "قال \x1b[31mنعم\n", &DiffOptions::default());
    let t = render::term(&d, &Default::default());
    assert!(!t.contains('\x1b'), "{t:?}");
    assert!(t.contains("\\x1b"), "{t:?}");
}

#[test]
fn a_huge_line_is_capped_and_says_so() {
    // One paragraph of 200,000 words with no sentence end, changed throughout: more
    // words than the word diff takes, so it is shown whole and flagged.
    let old = "كلمة أخرى ".repeat(100_000);
    let new = "كلمة ثانية ".repeat(100_000);
    let options = DiffOptions {
        word_limit: 10_000,
        ..DiffOptions::default()
    };
    let d = diff(&old, &new, &options);
    assert!(d.approximate);
    assert!(
        d.notes.iter().any(|n| n.contains("too long")),
        "{:?}",
        d.notes
    );
    assert_eq!(d.summary.count(Class::Content), 1);
    let t = render::term(&d, &Default::default());
    assert!(t.contains("approximate:"));
    let j: serde_json::Value = serde_json::from_str(&render::json(&d)).unwrap();
    assert_eq!(j["approximate"], true);
}

#[test]
fn long_paragraphs_are_diffed_sentence_by_sentence() {
    // Long text with sentence ends: the sentences that did not change are skipped and
    // the one that did is diffed word by word, exactly.
    let sentences: Vec<String> = (0..3000)
        .map(|i| format!("هذه الجملة رقم {i} في الفقرة الطويلة."))
        .collect();
    let old = sentences.join(" ");
    let new = old.replace("الجملة رقم 1500 في", "الجملة رقم 1500 من");
    let options = DiffOptions {
        word_limit: 2_000,
        ..DiffOptions::default()
    };
    let d = diff(&old, &new, &options);
    assert!(!d.approximate, "{:?}", d.notes);
    let changes: Vec<_> = d.entries[0]
        .ops
        .iter()
        .filter(|o| o.class.is_some())
        .collect();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].old_text.as_deref().map(str::trim), Some("في"));
}

#[test]
fn facts_can_be_skipped_on_huge_input() {
    let (old, new) = pair("unemployment");
    let options = DiffOptions {
        facts_limit: 100,
        ..DiffOptions::default()
    };
    let d = diff(&old, &new, &options);
    assert!(d.facts.is_empty() && d.approximate);
    assert!(d.notes[0].contains("facts not computed"));
}

/// `lines`: text that is not an article (insta's snapshot YAML) is read line by line:
/// every non-blank line a block numbered as in the file, words still diffed and classed,
/// no facts, and no moves guessed from likeness between far-apart look-alike lines.
#[test]
fn lines_mode_for_snapshot_yaml() {
    let old = "headline:\n  text: وزارة الصحة تعلن خطة\n  span: [0, 40]\n\nparagraphs:\n- index: 1\n  text: قال الوزير إن النمو بلغ 19%\n  span: [41, 90]\n- index: 2\n  text: شيء آخر\n  span: [91, 110]\n";
    let new = "headline:\n  text: وزارةُ الصحة تعلن خطة\n  span: [0, 42]\n\nparagraphs:\n- index: 1\n  text: قال الوزير إن النمو بلغ 7%\n  span: [43, 91]\n- index: 2\n  text: شيء آخر\n  span: [92, 111]\n";
    let options = DiffOptions {
        lines: true,
        ..DiffOptions::default()
    };
    let d = diff(old, new, &options);
    assert!(d.facts.is_empty(), "{:?}", d.facts);
    assert!(d.old.blocks.iter().all(|b| b.kind == BlockKind::Line));
    // Line numbers are the file's (line 4 is blank).
    let numbers: Vec<usize> = d.old.blocks.iter().map(|b| b.number).collect();
    assert_eq!(numbers, [1, 2, 3, 5, 6, 7, 8, 9, 10, 11]);
    let changed: Vec<(usize, Vec<Class>)> = d
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Changed)
        .map(|e| (d.new.blocks[e.new[0]].number, e.classes.clone()))
        .collect();
    assert!(
        changed.contains(&(2, vec![Class::Diacritics])),
        "{changed:?}"
    );
    assert!(changed.contains(&(7, vec![Class::Content])), "{changed:?}");
    assert!(
        !d.entries.iter().any(|e| e.kind == EntryKind::Moved),
        "{:#?}",
        d.entries
    );
    // The article reading of the same text finds quotes and numbers in it: facts.
    let article = diff(old, new, &DiffOptions::default());
    assert!(!article.facts.is_empty());
}

/// Words deleted at the end of a line keep the space before them in every view (the new
/// text has no space there to show).
#[test]
fn deleted_line_end_keeps_its_space() {
    let old = "قال الوزير إن الخطة جاهزة الآن تماما\n";
    let new = "قال الوزير إن الخطة جاهزة\n";
    let d = diff(old, new, &DiffOptions::default());
    let t = render::term(&d, &Default::default());
    assert!(t.contains("جاهزة [-الآن تماما-]"), "{t}");
    let h = render::html(&d, &Default::default());
    assert!(h.contains("جاهزة <del"), "{h}");
    // The ranges still tile both texts.
    let ops = &d.entries[0].ops;
    assert!(
        ops.windows(2)
            .all(|w| w[0].old.unwrap().end == w[1].old.unwrap().start)
    );
}

/// A headline rewritten with few words kept is still the headline, changed.
#[test]
fn rewritten_headline_is_changed() {
    let body = "\n\nأعلنت الحكومة اليوم خطة جديدة لدعم الزراعة في المناطق الريفية.\n";
    let old = format!("أردوغان وترامب يتباحثان الأزمة السورية وماي تدعو لاجتماع طارئ{body}");
    let new = format!("الرئيسان التركي والأمريكي يتباحثان مستجدات الأزمة{body}");
    let d = diff(&old, &new, &DiffOptions::default());
    assert_eq!(kinds(&d), [EntryKind::Changed], "{:#?}", d.entries);
    let e = d
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Changed)
        .unwrap();
    assert_eq!(d.old.blocks[e.old[0]].kind, BlockKind::Headline);
    assert_eq!(d.new.blocks[e.new[0]].kind, BlockKind::Headline);
    assert!(d.facts.iter().any(|f| f.kind == FactKind::Headline));
}

#[test]
fn without_facts_the_alignment_and_words_are_the_same() {
    // `facts: false` (what the unified format asks for) skips the two extractions: no
    // fact, no note, and every entry, op and class exactly as with facts.
    let (old, new) = pair("unemployment");
    let with = diff(&old, &new, &DiffOptions::default());
    let without = diff(
        &old,
        &new,
        &DiffOptions {
            facts: false,
            ..DiffOptions::default()
        },
    );
    assert!(!with.facts.is_empty());
    assert!(without.facts.is_empty());
    assert!(without.notes.is_empty(), "{:?}", without.notes);
    assert_eq!(with.entries, without.entries);
    assert_eq!(with.summary, without.summary);
}

#[test]
fn html_folds_unchanged_blocks_and_writes_their_text_once() {
    // 300 paragraphs, one word changed: the page is about the size of one version, not
    // three (inline, old and new views of every block).
    let para = |i: usize| format!("وقال المتحدث إن الاجتماع رقم {i} ناقش الخطة الجديدة للتنمية.\n");
    let old: String = (0..300).map(para).collect();
    let new = old.replacen("الخطة الجديدة للتنمية.\n", "الخطة القديمة للتنمية.\n", 1);
    let d = diff(&old, &new, &DiffOptions::default());
    let h = render::html(&d, &Default::default());
    assert!(
        h.len() < 2 * new.len(),
        "{} bytes for {}",
        h.len(),
        new.len()
    );
    assert_eq!(h.matches("الاجتماع رقم 150 ").count(), 1);
    // One fold for the run after the change, with a CSS toggle and no script.
    assert_eq!(h.matches("<section class=\"same\">").count(), 1);
    assert!(h.contains("<input type=\"checkbox\" class=\"open\""));
    assert!(!h.contains("<script"));
    // Arabic labels by default, English on request, one language a page.
    assert!(h.contains("لم تتغيّر: 299"), "{}", &h[h.len() - 2000..]);
    let en = render::html(
        &d,
        &render::HtmlOptions {
            lang: render::Lang::English,
            ..Default::default()
        },
    );
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(en.contains("unchanged: 299 (¶2 to ¶300)"));
    assert!(en.contains("<main lang=\"ar\" dir=\"rtl\">"));
    for label in ["لم تتغيّر", "تغيّرت", "وقائع", "مضمون", "قبل"] {
        assert!(!en.contains(label), "{label} in the English page");
    }
}

#[test]
fn pairs_past_the_word_limit_are_counted_across_the_article() {
    // Three long paragraphs changed in spelling only (ة → ه), so each is paired with its
    // new version, between unchanged ones: their word diffs run side by side, and the
    // note counts each that was shown whole.
    let long = |w: &str| format!("{w} ").repeat(300);
    let keep = "فقرة لم تتغير في النص.";
    let old = [
        long("كلمة"),
        keep.into(),
        long("جملة"),
        keep.into(),
        long("مدينة"),
    ]
    .join("\n\n");
    let new = [
        long("كلمه"),
        keep.into(),
        long("جمله"),
        keep.into(),
        long("مدينه"),
    ]
    .join("\n\n");
    let options = DiffOptions {
        word_limit: 100,
        ..DiffOptions::default()
    };
    let d = diff(&old, &new, &options);
    assert!(d.approximate);
    assert!(
        d.notes
            .iter()
            .any(|n| n.starts_with("3 changed stretches were too long")),
        "{:?}",
        d.notes
    );
    let roomy = diff(&old, &new, &DiffOptions::default());
    assert!(!roomy.approximate, "{:?}", roomy.notes);
}
