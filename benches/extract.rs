//! Extraction throughput, and the time `naskh snapshot check` needs for a corpus of
//! 1,000 articles.
//!
//! - `extract/whole`: the news input (see `benches/normalize.rs`: `NASKH_BENCH_NEWS`,
//!   repeated to `NASKH_BENCH_MB`) as one long article.
//! - `extract/articles`: each article of the news input on its own, as `naskh` meets
//!   them.
//! - `snapshot-check/1000-articles`: [`naskh::snapshot::check_snapshots`] over 1,000
//!   articles written to a temporary folder (the news articles, cycled and made
//!   distinct), with their snapshots: read, extract, render, compare.
//!
//! Real data: `NASKH_BENCH_NEWS=../shared/realdata/articles cargo bench --bench extract`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use naskh::snapshot::{SnapshotState, check_snapshots, write_snapshots};
use naskh::structure::extract;

use common::{articles, load, manifest};

const CHECKED_ARTICLES: usize = 1000;

fn main() {
    let (label, whole) = load("NASKH_BENCH_NEWS", &manifest().join("corpus"));
    let (_, list) = articles("NASKH_BENCH_NEWS", &manifest().join("corpus"));
    let list_bytes: usize = list.iter().map(String::len).sum();
    eprintln!(
        "extract: {label}, {:.1} MB whole, {} articles ({:.2} MB)",
        whole.len() as f64 / 1e6,
        list.len(),
        list_bytes as f64 / 1e6
    );

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(whole.len() as u64));
    g.bench_function("whole", |b| {
        b.iter(|| extract(black_box(&whole)).stats.words)
    });
    g.throughput(Throughput::Bytes(list_bytes as u64));
    g.bench_function("articles", |b| {
        b.iter(|| {
            list.iter()
                .map(|t| extract(black_box(t)).stats.words)
                .sum::<usize>()
        })
    });
    g.finish();

    // 1,000 distinct articles in 10 folders, and their snapshots.
    let tmp = tempfile::tempdir().expect("temp dir");
    let (corpus, snaps) = (tmp.path().join("corpus"), tmp.path().join("snapshots"));
    let mut corpus_bytes = 0;
    for i in 0..CHECKED_ARTICLES {
        let dir = corpus.join(format!("d{}", i % 10));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let text = format!("{}\nالعدد {i}.\n", list[i % list.len()]);
        corpus_bytes += text.len();
        std::fs::write(dir.join(format!("a{i:04}.txt")), text).expect("write article");
    }
    let entries = check_snapshots(&corpus, &snaps).expect("first check");
    write_snapshots(&corpus, &entries, false).expect("write snapshots");
    let entries = check_snapshots(&corpus, &snaps).expect("check");
    assert!(entries.iter().all(|e| e.state == SnapshotState::Matches));

    let mut g = c.benchmark_group("snapshot-check");
    g.throughput(Throughput::Bytes(corpus_bytes as u64));
    g.sample_size(10);
    g.bench_function("1000-articles", |b| {
        b.iter(|| {
            check_snapshots(black_box(&corpus), &snaps)
                .expect("check")
                .len()
        })
    });
    g.finish();
    c.final_summary();

    let mean = |group: &str, name: &str| common::mean_ns(group, name);
    println!("\nsummary (from criterion's mean):");
    if let Some(ns) = mean("extract", "whole") {
        println!(
            "  extract, one long article   {:>7.1} MB/s",
            whole.len() as f64 / ns * 1e3
        );
    }
    if let Some(ns) = mean("extract", "articles") {
        println!(
            "  extract, article by article {:>7.1} MB/s",
            list_bytes as f64 / ns * 1e3
        );
    }
    if let Some(ns) = mean("snapshot-check", "1000-articles") {
        println!(
            "  snapshot check, {CHECKED_ARTICLES} articles ({:.1} MB): {:.0} ms",
            corpus_bytes as f64 / 1e6,
            ns / 1e6
        );
    }
}
