//! Normalisation throughput: naskh's `search` profile on every kernel this CPU runs
//! (AVX-512, AVX2, scalar: each forced with `Kernel::run`), against the `arabic-normalize`
//! crate (`Normalizer::search()`, the fastest peer), in the same run and on the same input,
//! on news text and on fully vowelled text; then the same as whole processes (`naskh
//! normalize -p search` with `NASKH_SIMD` set, standard input to standard output, against
//! the peer's own process). Reports MB/s and the ratios to the peer from criterion's
//! estimates.
//!
//! Inputs (each a `.txt` file or a folder of them, repeated to `NASKH_BENCH_MB`, 10 MB by
//! default):
//! - `NASKH_BENCH_NEWS`: news text; default every `.txt` under `corpus/` but the
//!   vowelled fixtures (`vowelled-*.txt`).
//!   Real data: `NASKH_BENCH_NEWS=../shared/realdata/articles`.
//! - `NASKH_BENCH_DIACRITIZED`: vowelled text; default `corpus/fixtures/vowelled-news.txt`.
//!   Real data: `NASKH_BENCH_DIACRITIZED=../shared/realdata/diacritized/tanzil/quran-simple.txt`
//!   (or `.../tashkeela/val.txt`).
//!
//! `NASKH_BENCH_PROCESS=0` skips the whole-process groups.

mod common;
#[path = "common/peer.rs"]
mod peer;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{load, manifest, mean_ns};

use criterion::{Criterion, Throughput};
use naskh::normalize::{Kernel, Normalizer, Profile};

/// This binary runs as the peer's process when this variable is set.
const PEER_MODE: &str = "NASKH_BENCH_PEER_PROCESS";

fn kernels() -> Vec<Kernel> {
    Kernel::ALL
        .into_iter()
        .filter(|k| k.is_supported())
        .collect()
}

fn name(k: Kernel) -> String {
    format!("naskh-search-{}", k.name())
}

fn bench_input(c: &mut Criterion, group: &str, label: &str, text: &str) -> usize {
    let peer = arabic_normalize::Normalizer::search();
    let search = Normalizer::for_profile(Profile::Search);
    let canonical = Normalizer::for_profile(Profile::Canonical);
    let typography = Normalizer::for_profile(Profile::Typography);
    let clean = canonical.normalize(text).into_owned();
    eprintln!("{group}: {label}, {:.1} MB", text.len() as f64 / 1e6);

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(text.len() as u64));
    for k in kernels() {
        g.bench_function(name(k), |b| {
            b.iter(|| {
                k.run(|| search.normalize(black_box(text)).len())
                    .expect("a supported kernel")
            })
        });
    }
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

/// Run `cmd` with standard input from `input`, reading its standard output to the end.
fn run_process(cmd: &mut Command, input: &Path) -> usize {
    let out = cmd
        .stdin(std::fs::File::open(input).expect("bench input"))
        .stderr(Stdio::inherit())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{cmd:?}: {}", out.status);
    out.stdout.len()
}

/// Whole processes on `text` (written to a file in `dir`): naskh on every kernel, and the
/// peer (this binary in its peer mode).
fn bench_process(c: &mut Criterion, group: &str, text: &str, dir: &Path) {
    let input = dir.join(format!("{group}.txt"));
    std::fs::File::create(&input)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write bench input");
    let naskh = env!("CARGO_BIN_EXE_naskh");
    let me = std::env::current_exe().expect("bench binary");
    let mut g = c.benchmark_group(format!("{group}-process"));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    for k in kernels() {
        g.bench_function(name(k), |b| {
            b.iter(|| {
                let mut cmd = Command::new(naskh);
                cmd.args(["normalize", "-p", "search"])
                    .env("NASKH_SIMD", k.name());
                run_process(&mut cmd, &input)
            })
        });
    }
    g.bench_function("arabic-normalize-search", |b| {
        b.iter(|| run_process(Command::new(&me).env(PEER_MODE, "1"), &input))
    });
    g.finish();
}

fn main() -> std::process::ExitCode {
    if std::env::var_os(PEER_MODE).is_some() {
        return peer::search_stdin_to_stdout();
    }
    let news = load("NASKH_BENCH_NEWS", &manifest().join("corpus"));
    let diac = load(
        "NASKH_BENCH_DIACRITIZED",
        &manifest().join("corpus/fixtures/vowelled-news.txt"),
    );
    let process = std::env::var_os("NASKH_BENCH_PROCESS").is_none_or(|v| v != "0");
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let clean_news = bench_input(&mut c, "news", &news.0, &news.1);
    let clean_diac = bench_input(&mut c, "diacritized", &diac.0, &diac.1);
    if process {
        bench_process(&mut c, "news", &news.1, tmp.path());
        bench_process(&mut c, "diacritized", &diac.1, tmp.path());
    }
    c.final_summary();

    for k in Kernel::ALL.iter().filter(|k| !k.is_supported()) {
        println!("\n(this CPU cannot run the {k} kernel: not measured)");
    }
    println!("\nsummary (MB/s = 10^6 bytes per second, from criterion's mean):");
    for (group, (_, text), clean_len) in [
        ("news", &news, clean_news),
        ("diacritized", &diac, clean_diac),
    ] {
        for g in [group.to_string(), format!("{group}-process")] {
            let mbs = |name: &str| mean_ns(&g, name).map(|ns| text.len() as f64 / ns * 1e3);
            let Some(peer) = mbs("arabic-normalize-search") else {
                continue;
            };
            println!("  {g:<20} arabic-normalize search() {peer:>8.0} MB/s");
            for k in kernels() {
                if let Some(ours) = mbs(&name(k)) {
                    println!(
                        "  {g:<20} naskh search, {:<7} {ours:>8.0} MB/s   {:.2}x the peer",
                        k.name(),
                        ours / peer
                    );
                }
            }
        }
        let mbs = |name: &str| mean_ns(group, name).map(|ns| text.len() as f64 / ns * 1e3);
        for name in [
            "naskh-typography",
            "naskh-canonical",
            "naskh-search-offsets",
        ] {
            if let Some(v) = mbs(name) {
                println!("  {group:<20} {name:<24} {v:>8.0} MB/s");
            }
        }
        let clean_group = format!("{group}-clean");
        for name in ["naskh-canonical", "simdutf8-validate", "std-validate"] {
            if let Some(ns) = mean_ns(&clean_group, name) {
                println!(
                    "  {clean_group:<20} {name:<18} {:>8.0} MB/s",
                    clean_len as f64 / ns * 1e3
                );
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
