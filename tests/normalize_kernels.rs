//! Every kernel gives the same output on every input: each kernel this CPU can run is
//! forced in turn ([`Kernel::run`]) and compared with the reference, the pass through the
//! editor that `normalize_with_offsets` takes (no kernel, no fused NFC). A kernel the CPU
//! cannot run is named on stderr, never silently taken for another.
//!
//! `.ci/run` also runs the normalisation tests once per kernel with `NASKH_SIMD`.

mod support {
    pub mod realdata;
    pub mod texts;
}

use std::sync::Once;

use naskh::normalize::{Kernel, NormalizeOptions, Normalizer, Profile, QuoteStyle, Rule, RuleSet};
use proptest::prelude::*;
use support::texts::{any_text, long_arabic_text, vowelled_text};

/// The kernels to check: every one this CPU runs (the others are reported once).
fn kernels() -> Vec<Kernel> {
    static REPORT: Once = Once::new();
    REPORT.call_once(|| {
        for k in Kernel::ALL.iter().filter(|k| !k.is_supported()) {
            eprintln!("normalize_kernels: this CPU cannot run the {k} kernel: not checked");
        }
    });
    let ks: Vec<Kernel> = Kernel::ALL
        .into_iter()
        .filter(|k| k.is_supported())
        .collect();
    assert!(
        ks.contains(&Kernel::Scalar),
        "the scalar path runs everywhere"
    );
    ks
}

/// `n`'s output on `s` with kernel `k` equals the reference, whole and in chunks.
fn check(n: &Normalizer, k: Kernel, s: &str, chunk: usize) -> Result<(), TestCaseError> {
    let reference = n.normalize_with_offsets(s).0.into_owned();
    let (whole, chunked) = k
        .run(|| {
            (
                n.normalize(s).into_owned(),
                n.normalize_in_chunks(s, chunk).into_owned(),
            )
        })
        .expect("a supported kernel");
    prop_assert_eq!(&whole, &reference, "{} kernel, {:?}", k, n.options());
    prop_assert_eq!(&chunked, &reference, "{} kernel in chunks of {}", k, chunk);
    Ok(())
}

fn rule_set(bits: u64) -> Normalizer {
    let rules: RuleSet = Rule::ALL
        .iter()
        .copied()
        .filter(|r| bits & (1 << r.index()) != 0)
        .collect();
    Normalizer::new(&NormalizeOptions {
        rules,
        quote_style: QuoteStyle::default(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_kernel_equals_the_reference_on_news_like_text(
        s in prop_oneof![long_arabic_text(), any_text()],
        bits in any::<u64>(),
        chunk in 1usize..300,
    ) {
        for k in kernels() {
            for &p in Profile::ALL {
                check(Normalizer::for_profile(p), k, &s, chunk)?;
            }
            check(&rule_set(bits), k, &s, chunk)?;
        }
    }

    #[test]
    fn every_kernel_equals_the_reference_on_vowelled_text(
        s in vowelled_text(),
        bits in any::<u64>(),
    ) {
        for k in kernels() {
            for &p in Profile::ALL {
                check(Normalizer::for_profile(p), k, &s, 4096)?;
            }
            check(&rule_set(bits), k, &s, 4096)?;
        }
    }

    /// The same text shifted by 0 to 63 bytes puts every character and every pair of
    /// marks at every lane of a 64-byte block.
    #[test]
    fn every_kernel_agrees_at_every_block_offset(s in vowelled_text(), shift in 0usize..64) {
        let s = format!("{}{s}", "x".repeat(shift));
        for k in kernels() {
            for p in [Profile::Canonical, Profile::Search, Profile::Quran] {
                check(Normalizer::for_profile(p), k, &s, 1 << 20)?;
            }
        }
    }
}

/// Traps of the block kernels, each at every offset in a block: shadda typed before its
/// vowel (swapped), three marks out of order (the scalar path), alef + madda (composed),
/// characters of three bytes cut by a block's end, Latin-1 and General Punctuation
/// characters the table maps, a deleted tatweel under a mark.
#[test]
fn every_kernel_agrees_on_the_block_traps() {
    let traps = [
        "\u{0628}\u{0651}\u{064E}",
        "\u{0628}\u{0651}\u{064E}\u{0650}",
        "\u{0628}\u{0652}\u{0651}\u{064E}",
        "\u{0627}\u{0653}",
        "\u{0627}\u{0654}\u{064E}",
        "\u{0640}\u{0651}\u{064E}",
        "\u{200F}\u{0651}",
        "“\u{2014}”",
        "\u{00A0}\u{00D7}\u{00AD}",
        "\u{FEF7}\u{0651}\u{064E}",
        "\u{0661}\u{06F2}3",
        "&amp;\u{064E}",
        "😀\u{0651}\u{064E}",
    ];
    for k in kernels() {
        for trap in traps {
            for shift in 0..70 {
                let s = format!(
                    "{}{trap} كتب{trap}\n{}",
                    "a".repeat(shift),
                    "\u{0643}\u{064E}".repeat(40)
                );
                for &p in Profile::ALL {
                    check(Normalizer::for_profile(p), k, &s, 1 << 20)
                        .unwrap_or_else(|e| panic!("{trap:?} after {shift} bytes: {e}"));
                }
            }
        }
    }
}

/// Texts longer than two chunks (256 KiB) run chunk by chunk: every kernel, every
/// profile, the same output as the reference.
#[test]
fn every_kernel_agrees_on_long_texts() {
    let line = "\u{0648}\u{064E}\u{0642}\u{064E}\u{0627}\u{0644}\u{064E} \u{0627}\u{0644}\u{0648}\u{064E}\u{0632}\u{0650}\u{064A}\u{0631}\u{064F}: «\u{0625}\u{0650}\u{0646}\u{0651}\u{064E} \u{0627}\u{0644}\u{062A}\u{0651}\u{064E}\u{0639}\u{064E}\u{0627}\u{0648}\u{064F}\u{0646}\u{064E}»  ،\u{00A0}١٢ “\u{0629}”\n";
    let text = line.repeat(300 * 1024 / line.len());
    for k in kernels() {
        for &p in Profile::ALL {
            check(Normalizer::for_profile(p), k, &text, 128 * 1024).unwrap();
        }
    }
}

/// Regression test for issue 13: with `NASKH_SIMD` unset, the kernel that runs is the
/// best this CPU has, and forcing one changes what runs.
#[test]
fn issue_13_the_active_kernel_is_the_best_unless_forced() {
    if std::env::var_os("NASKH_SIMD").is_none() {
        assert_eq!(Kernel::active(), Kernel::best());
    }
    for k in kernels() {
        assert_eq!(k.run(Kernel::active), Ok(k));
    }
    for k in Kernel::ALL.into_iter().filter(|k| !k.is_supported()) {
        assert!(k.run(|| ()).is_err());
    }
}

/// Extended: every real article and vowelled text, every profile, every kernel.
#[test]
#[ignore = "extended: reads NASKH_REALDATA (default ../shared/realdata)"]
fn every_kernel_agrees_on_real_text() {
    let root = support::realdata::realdata();
    let files = naskh::corpus::walk(&root, "txt").expect("the real data can be walked");
    assert!(files.len() > 100);
    for f in files {
        let text = std::fs::read_to_string(root.join(&f)).unwrap();
        for k in kernels() {
            for &p in Profile::ALL {
                check(Normalizer::for_profile(p), k, &text, 128 * 1024)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            }
        }
    }
}
