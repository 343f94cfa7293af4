//! Score `naskh diff` on a pair built by `../shared/tools/make_revision_pair.py`:
//!
//! ```sh
//! python3 ../shared/tools/make_revision_pair.py 1 /tmp/p --moves 20 --edited-moves 5
//! cargo run --release --example score_pair -- /tmp/p
//! ```
//!
//! Reads `PREFIX.v1.txt`, `PREFIX.v2.txt` and `PREFIX.truth.json`; prints moves found,
//! moved-and-edited paragraphs found, false moves, the share of diacritic-only and
//! orthography-only edits classified as such, and the time the diff took.

#[path = "../tests/support/score.rs"]
mod score;

use std::time::Instant;

fn main() {
    let Some(prefix) = std::env::args().nth(1) else {
        eprintln!("usage: score_pair PREFIX   (PREFIX.v1.txt, PREFIX.v2.txt, PREFIX.truth.json)");
        std::process::exit(2);
    };
    let read = |ext: &str| {
        let path = format!("{prefix}.{ext}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        })
    };
    let (v1, v2) = (read("v1.txt"), read("v2.txt"));
    let truth: serde_json::Value = serde_json::from_str(&read("truth.json")).expect("truth JSON");
    let t = Instant::now();
    let d = naskh::diff::diff(&v1, &v2, &naskh::diff::DiffOptions::default());
    let took = t.elapsed();
    let s = score::score(&v1, &v2, &d, &truth);
    println!(
        "moves {}/{}  moved+edited {}/{}  false moves {}  diacritics {}/{} ({:.1}%)  orthography {}/{} ({:.1}%)  content in unedited paragraphs {}  diff {:.0} ms{}",
        s.moves_found,
        s.moves_total,
        s.edited_moves_found,
        s.edited_moves_total,
        s.false_moves,
        s.diacritics_found,
        s.diacritics_total,
        s.diacritics_rate() * 100.0,
        s.orthography_found,
        s.orthography_total,
        s.orthography_rate() * 100.0,
        s.false_content,
        took.as_secs_f64() * 1e3,
        if d.approximate { "  (approximate)" } else { "" }
    );
}
