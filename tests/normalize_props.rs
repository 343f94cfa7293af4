//! Property tests for the normaliser: idempotence of every profile, and the offset map's
//! invariants, over arbitrary strings and over strings built from the characters Arabic
//! news text is made of (letters, marks, presentation forms, controls, quotes, entities).

use naskh::normalize::{
    NormalizeOptions, Normalizer, OffsetMap, Profile, QuoteStyle, Rule, RuleSet, normalize,
};
use proptest::prelude::*;
use unicode_normalization::is_nfc;

/// Pieces of Arabic-heavy text, including every trap the rules have.
fn piece() -> impl Strategy<Value = String> {
    let singles = prop_oneof![
        // letters, incl. hamza forms, alef variants, ta marbuta, alef maksura, Persian
        (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x0671u32..=0x06D5).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        // marks: tashkeel, Quranic marks, dagger alef, extended marks
        (0x064Bu32..=0x065F).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x06D6u32..=0x06ED).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x0610u32..=0x061A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x08D3u32..=0x08FF).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        Just("\u{0670}".to_string()),
        Just("\u{0640}".to_string()),
        // digits and separators
        (0x0660u32..=0x066D).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x06F0u32..=0x06F9).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (b'0'..=b'9').prop_map(|c| (c as char).to_string()),
        // presentation forms
        (0xFB50u32..=0xFDFF)
            .prop_filter_map("assigned", |c| char::from_u32(c).map(|c| c.to_string())),
        (0xFE70u32..=0xFEFF)
            .prop_filter_map("assigned", |c| char::from_u32(c).map(|c| c.to_string())),
    ];
    let specials = prop::sample::select(vec![
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        "\r",
        "\u{00A0}",
        "\u{2009}",
        "\u{3000}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{200E}",
        "\u{200F}",
        "\u{061C}",
        "\u{202B}",
        "\u{202C}",
        "\u{202E}",
        "\u{2067}",
        "\u{2069}",
        "\u{FEFF}",
        "\u{00AD}",
        "«",
        "»",
        "“",
        "”",
        "„",
        "‟",
        "‹",
        "›",
        "\"",
        "'",
        "،",
        "؛",
        "؟",
        ":",
        ".",
        "!",
        ",",
        ";",
        "?",
        "...",
        "(",
        ")",
        "-",
        "–",
        "—",
        "\u{2212}",
        "&",
        "&amp;",
        "&lt;",
        "&quot;",
        "&nbsp;",
        "&#1575;",
        "&#x627;",
        "&#59;",
        "&#38;",
        "#",
        "amp;",
        "lt",
        "a",
        "Z",
        "é",
        "e\u{0301}",
        "€",
        "😀",
        "中",
        "x²",
        "ﷺ",
        "ﷲ",
        "ﻷ",
        "ا\u{0654}",
        "\u{0654}",
    ])
    .prop_map(str::to_string);
    prop_oneof![3 => singles, 2 => specials]
}

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|v| v.concat())
}

/// Long enough for the 64-byte SIMD blocks to run, with long Arabic stretches.
fn long_arabic_text() -> impl Strategy<Value = String> {
    let word = prop::collection::vec(
        prop_oneof![
            6 => (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            2 => (0x064Bu32..=0x0655).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            1 => piece(),
        ],
        1..12,
    )
    .prop_map(|v| v.concat());
    prop::collection::vec(
        (
            word,
            prop::sample::select(vec![" ", " ", " ", "، ", ". ", "\n", "  ", "\u{00A0}"]),
        ),
        10..120,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), arabic_text()]
}

fn check_idempotent(n: &Normalizer, s: &str) -> Result<(), TestCaseError> {
    let once = n.normalize(s).into_owned();
    let twice = n.normalize(&once).into_owned();
    prop_assert_eq!(
        &twice,
        &once,
        "not idempotent for {:?} on {:?}",
        n.options(),
        s
    );
    Ok(())
}

/// The offset map's invariants for input `s`, output `out`.
fn check_map(s: &str, out: &str, map: &OffsetMap) -> Result<(), TestCaseError> {
    prop_assert_eq!(map.output_len(), out.len());
    prop_assert_eq!(map.input_len(), s.len());
    // Segments are monotone and cover both sides without gaps.
    let (mut o, mut i) = (0, 0);
    for seg in map.segments() {
        prop_assert_eq!(seg.output.start, o);
        prop_assert_eq!(seg.input.start, i);
        prop_assert!(seg.output.end >= seg.output.start && seg.input.end >= seg.input.start);
        if seg.copy {
            prop_assert_eq!(
                &out[seg.output.clone()],
                &s[seg.input.clone()],
                "copy segment differs"
            );
        }
        o = seg.output.end;
        i = seg.input.end;
    }
    prop_assert_eq!(o, out.len());
    prop_assert_eq!(i, s.len());
    // Each output character maps to a range on char boundaries, monotone; characters in
    // copied text map to themselves.
    let mut last = 0;
    for (p, c) in out.char_indices() {
        let r = map.to_input(p..p + c.len_utf8());
        prop_assert!(r.start <= r.end && r.end <= s.len());
        prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        prop_assert!(r.start >= last, "not monotone at {}", p);
        last = r.start;
    }
    for seg in map.segments().filter(|s| s.copy) {
        for (p, c) in out[seg.output.clone()].char_indices() {
            let at = seg.output.start + p;
            let r = map.to_input(at..at + c.len_utf8());
            prop_assert_eq!(
                &s[r.clone()],
                c.to_string(),
                "unchanged char maps elsewhere"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_profile_is_idempotent(s in any_text()) {
        for &p in Profile::ALL {
            let n = Normalizer::for_profile(p);
            if p == Profile::Camel && !is_nfc(&n.normalize(&s)) {
                // CAMeL's own exception (see `Profile::Camel`), checked below.
                continue;
            }
            check_idempotent(n, &s)?;
        }
    }

    #[test]
    fn camel_is_idempotent_unless_its_letter_rules_leave_text_out_of_nfc(s in any_text()) {
        let n = Normalizer::for_profile(Profile::Camel);
        let once = n.normalize(&s).into_owned();
        let twice = n.normalize(&once).into_owned();
        if once != twice {
            prop_assert!(!is_nfc(&once), "camel not idempotent on NFC output {:?}", once);
        }
    }

    #[test]
    fn quote_styles_are_idempotent_under_typography(s in arabic_text()) {
        for style in [QuoteStyle::Straight, QuoteStyle::Curly] {
            let n = Normalizer::new(&NormalizeOptions { rules: Profile::Typography.rules(), quote_style: style });
            check_idempotent(&n, &s)?;
        }
    }

    #[test]
    fn offsets_are_consistent_for_every_profile(s in any_text()) {
        for &p in Profile::ALL {
            let n = Normalizer::for_profile(p);
            let (out, map) = n.normalize_with_offsets(&s);
            prop_assert_eq!(&out, &n.normalize(&s));
            check_map(&s, &out, &map)?;
        }
    }

    /// `normalize` takes the SIMD kernel where the CPU has it; the offsets path never does.
    #[test]
    fn kernel_path_equals_scalar_path(s in long_arabic_text(), bits in any::<u64>()) {
        for &p in Profile::ALL {
            let n = Normalizer::for_profile(p);
            prop_assert_eq!(n.normalize(&s), n.normalize_with_offsets(&s).0, "{}", p);
        }
        let rules: RuleSet = Rule::ALL.iter().copied().filter(|r| bits & (1 << r.index()) != 0).collect();
        let n = Normalizer::new(&NormalizeOptions { rules, quote_style: QuoteStyle::default() });
        prop_assert_eq!(n.normalize(&s), n.normalize_with_offsets(&s).0);
    }

    /// Long texts are normalised in chunks cut at newlines; the cut must not show.
    #[test]
    fn chunks_equal_the_whole(s in long_arabic_text(), chunk in 1usize..200, bits in any::<u64>()) {
        for &p in Profile::ALL {
            let n = Normalizer::for_profile(p);
            prop_assert_eq!(n.normalize_in_chunks(&s, chunk), n.normalize_with_offsets(&s).0, "{}", p);
        }
        let rules: RuleSet = Rule::ALL.iter().copied().filter(|r| bits & (1 << r.index()) != 0).collect();
        let n = Normalizer::new(&NormalizeOptions { rules, quote_style: QuoteStyle::default() });
        prop_assert_eq!(n.normalize_in_chunks(&s, chunk), n.normalize_with_offsets(&s).0);
    }

    /// unify-quotes, punctuation-spacing and collapse-spaces run as one pass when they are
    /// all on; the result must be exactly that of the quote rules, then collapse-spaces.
    #[test]
    fn fused_tail_equals_rules_in_sequence(s in prop_oneof![arabic_text(), long_arabic_text()], bits in 0u8..4) {
        let one = |r: &[Rule]| Normalizer::new(&NormalizeOptions { rules: RuleSet::of(r), quote_style: QuoteStyle::default() });
        let quote_rules: Vec<Rule> = [Rule::UnifyQuotes, Rule::PunctuationSpacing]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, r)| r)
            .collect();
        let mut all = quote_rules.clone();
        all.push(Rule::CollapseSpaces);
        let fused = one(&all).normalize(&s).into_owned();
        let first = one(&quote_rules).normalize(&s).into_owned();
        let seq = one(&[Rule::CollapseSpaces]).normalize(&first).into_owned();
        prop_assert_eq!(fused, seq);
    }

    #[test]
    fn any_rule_set_runs_and_maps(s in arabic_text(), bits in any::<u64>()) {
        let rules: RuleSet = Rule::ALL.iter().copied().filter(|r| bits & (1 << r.index()) != 0).collect();
        let opts = NormalizeOptions { rules, quote_style: QuoteStyle::default() };
        let n = Normalizer::new(&opts);
        let (out, map) = n.normalize_with_offsets(&s);
        prop_assert_eq!(&out, &normalize(&s, &opts));
        check_map(&s, &out, &map)?;
    }
}
