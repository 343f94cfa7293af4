//! Normalisation throughput: naskh's profiles against the `arabic-normalize` crate
//! (`Normalizer::search()`, the fastest peer), in the same run and on the same input, on
//! news text and on fully diacritised text. Reports MB/s per function and, at the end,
//! naskh `search` ÷ arabic-normalize `search()` from criterion's own estimates.
//!
//! Inputs (each a `.txt` file or a folder of them, repeated to `NASKH_BENCH_MB`, 10 MB by
//! default):
//! - `NASKH_BENCH_NEWS`: news text; default every `.txt` under `corpus/` but the
//!   vowelled fixtures (`vowelled-*.txt`).
//!   Real data: `NASKH_BENCH_NEWS=../shared/realdata/articles`.
//! - `NASKH_BENCH_DIACRITIZED`: vowelled text; default `corpus/fixtures/vowelled-news.txt`.
//!   Real data: `NASKH_BENCH_DIACRITIZED=../shared/realdata/diacritized/tanzil/quran-simple.txt`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{load, manifest, mean_ns};

use criterion::{Criterion, Throughput};
use naskh::normalize::{Normalizer, Profile};

fn bench_input(c: &mut Criterion, group: &str, label: &str, text: &str) -> usize {
    let peer = arabic_normalize::Normalizer::search();
    let search = Normalizer::for_profile(Profile::Search);
    let canonical = Normalizer::for_profile(Profile::Canonical);
    let typography = Normalizer::for_profile(Profile::Typography);
    let clean = canonical.normalize(text).into_owned();
    eprintln!("{group}: {label}, {:.1} MB", text.len() as f64 / 1e6);

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("naskh-search", |b| {
        b.iter(|| search.normalize(black_box(text)).len())
    });
    g.bench_function("arabic-normalize-search", |b| {
        b.iter(|| peer.normalize(black_box(text)).len())
    });
    g.bench_function("naskh-typography", |b| {
        b.iter(|| typography.normalize(black_box(text)).len())
    });
    g.bench_function("naskh-canonical", |b| {
        b.iter(|| canonical.normalize(black_box(text)).len())
    });
    g.bench_function("naskh-search-offsets", |b| {
        b.iter(|| {
            search
                .normalize_with_offsets(black_box(text))
                .1
                .output_len()
        })
    });
    g.finish();

    // Already-canonical text: nothing to change, so this is the cost of looking.
    let mut g = c.benchmark_group(format!("{group}-clean"));
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("naskh-canonical", |b| {
        b.iter(|| canonical.normalize(black_box(&clean)).len())
    });
    g.bench_function("simdutf8-validate", |b| {
        b.iter(|| simdutf8::basic::from_utf8(black_box(clean.as_bytes())).is_ok())
    });
    g.bench_function("std-validate", |b| {
        b.iter(|| std::str::from_utf8(black_box(clean.as_bytes())).is_ok())
    });
    g.finish();
    clean.len()
}

fn main() {
    let news = load("NASKH_BENCH_NEWS", &manifest().join("corpus"));
    let diac = load(
        "NASKH_BENCH_DIACRITIZED",
        &manifest().join("corpus/fixtures/vowelled-news.txt"),
    );
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let clean_news = bench_input(&mut c, "news", &news.0, &news.1);
    let clean_diac = bench_input(&mut c, "diacritized", &diac.0, &diac.1);
    c.final_summary();

    println!("\nsummary (MB/s = 10^6 bytes per second, from criterion's mean):");
    for (group, (_, text), clean_len) in [
        ("news", &news, clean_news),
        ("diacritized", &diac, clean_diac),
    ] {
        let mbs = |name: &str| mean_ns(group, name).map(|ns| text.len() as f64 / ns * 1e3);
        if let (Some(ours), Some(peer)) = (mbs("naskh-search"), mbs("arabic-normalize-search")) {
            println!(
                "  {group:<12} naskh search {ours:>8.0} MB/s   arabic-normalize search() {peer:>6.0} MB/s   ratio {:.2}x",
                ours / peer
            );
        }
        for name in [
            "naskh-typography",
            "naskh-canonical",
            "naskh-search-offsets",
        ] {
            if let Some(v) = mbs(name) {
                println!("  {group:<12} {name:<24} {v:>8.0} MB/s");
            }
        }
        let clean_group = format!("{group}-clean");
        for name in ["naskh-canonical", "simdutf8-validate", "std-validate"] {
            if let Some(ns) = mean_ns(&clean_group, name) {
                println!(
                    "  {clean_group:<18} {name:<18} {:>8.0} MB/s",
                    clean_len as f64 / ns * 1e3
                );
            }
        }
    }
}
