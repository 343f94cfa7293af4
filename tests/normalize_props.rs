//! Property tests for the normaliser: idempotence of every profile, and the offset map's
//! invariants, over arbitrary strings and over strings built from the characters Arabic
//! news text is made of (letters, marks, presentation forms, controls, quotes, entities).

mod support {
    pub mod texts;
}

use naskh::normalize::{
    NormalizeOptions, Normalizer, OffsetMap, Profile, QuoteStyle, Rule, RuleSet, normalize,
};
use proptest::prelude::*;
use support::texts::{any_text, arabic_text, long_arabic_text};
use unicode_normalization::is_nfc;

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
