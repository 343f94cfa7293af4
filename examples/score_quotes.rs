//! Score `naskh extract`'s quotations and speakers against the hand annotation of real
//! articles (`$NASKH_REALDATA/annotations/quotes.tsv`, default `../shared/realdata`):
//!
//! ```sh
//! cargo run --release --example score_quotes                  # the table
//! cargo run --release --example score_quotes -- --misses      # + misses of the tuning half
//! cargo run --release --example score_quotes -- --unmatched   # + quotations matching no row
//! cargo run --release --example score_quotes -- --by-article  # + counts per article
//! ```
//!
//! Prints, by kind (`direct`, `colon`, `indirect`) and by half of the annotation
//! (tuning, held-out; split by article), the rows found and found with an acceptable
//! speaker, then how many extracted quotations match no row. `--misses` lists the
//! tuning half's misses and speaker errors (`--misses-all`: both halves);
//! `--unmatched` the quotations that match no row.

#[path = "../tests/support/quote_score.rs"]
mod quote_score;

use quote_score::{Half, Score};

fn line(s: &Score, label: &str, kinds: &[&str]) {
    let cell = |halves: &[Half]| {
        let t = s.tally(kinds, halves);
        format!(
            "{:>3}/{:<3} found {:>5.1}%  with speaker {:>5.1}%",
            t.with_speaker,
            t.total,
            t.found_rate(),
            t.speaker_rate()
        )
    };
    println!(
        "{label:<16} all {}   tuning {}   held-out {}",
        cell(&[Half::Tuning, Half::HeldOut]),
        cell(&[Half::Tuning]),
        cell(&[Half::HeldOut])
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |a: &str| args.iter().any(|x| x == a);
    let dir = quote_score::realdata();
    if !dir.join("annotations/quotes.tsv").exists() {
        eprintln!(
            "{}: no annotations/quotes.tsv (set NASKH_REALDATA)",
            dir.display()
        );
        std::process::exit(2);
    }
    let s = quote_score::score(&dir);
    println!("rows found with an acceptable speaker (and found at all), by kind:");
    line(&s, "direct", &["direct"]);
    line(&s, "colon", &["colon"]);
    line(&s, "direct + colon", &["direct", "colon"]);
    line(&s, "indirect", &["indirect"]);
    line(&s, "all", &["direct", "colon", "indirect"]);
    let by_half = |h: Half| s.unmatched.iter().filter(|u| u.half == h).count();
    println!(
        "extracted {} quotations in the annotated articles; {} match no row (tuning {}, held-out {})",
        s.extracted,
        s.unmatched.len(),
        by_half(Half::Tuning),
        by_half(Half::HeldOut)
    );
    if has("--by-article") {
        // Counts only: which articles the misses are in, not what they are.
        println!("\nby article (rows, found, with speaker):");
        let mut files: Vec<&str> = s.outcomes.iter().map(|o| o.row.file.as_str()).collect();
        files.dedup();
        for f in files {
            let os: Vec<_> = s.outcomes.iter().filter(|o| o.row.file == f).collect();
            println!(
                "  [{}] {f}: {} {} {}",
                os[0].half.name(),
                os.len(),
                os.iter().filter(|o| o.found).count(),
                os.iter().filter(|o| o.with_speaker).count()
            );
        }
    }
    let all = has("--misses-all");
    if has("--misses") || all {
        println!("\nmisses and speaker errors:");
        for o in &s.outcomes {
            if o.with_speaker || (!all && o.half != Half::Tuning) {
                continue;
            }
            println!(
                "- [{}] {} {} «{}» want {:?} verb {:?}",
                o.half.name(),
                o.row.file,
                o.row.kind,
                o.row.quote,
                o.row.speakers,
                o.row.verb
            );
            for (kind, verb, speaker, text) in &o.got {
                println!("    got {kind} {verb:?} speaker {speaker:?}: {text}");
            }
        }
    }
    if has("--unmatched") {
        println!("\nquotations that match no row:");
        for u in &s.unmatched {
            println!(
                "- [{}] {} {} {:?} speaker {:?}: {}",
                u.half.name(),
                u.file,
                u.kind,
                u.verb,
                u.speaker,
                u.text
            );
        }
    }
}
