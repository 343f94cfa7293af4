//! Diff speed: the library on a large revision pair, the whole `naskh diff` process on
//! the same pair next to `git diff --no-index --word-diff=porcelain`, and an
//! article-sized pair (~20 KB) as a whole process.
//!
//! Input: `NASKH_BENCH_PAIR=PREFIX` reads `PREFIX.v1.txt` and `PREFIX.v2.txt`, as written
//! by `../shared/tools/make_revision_pair.py`:
//!
//! ```sh
//! python3 ../shared/tools/make_revision_pair.py 10 /tmp/big --word-edits 3000 --moves 200
//! NASKH_BENCH_PAIR=/tmp/big cargo bench --bench diff
//! ```
//!
//! The article-sized pair is made from `corpus/` (`NASKH_BENCH_ARTICLE` to change it).
//! Without `NASKH_BENCH_PAIR`, the large pair is made from the news input of the other benches
//! (`NASKH_BENCH_NEWS`, repeated to `NASKH_BENCH_MB`): every 50th paragraph edited, every
//! 97th moved to the end.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, Throughput};
use naskh::diff::{DiffOptions, diff};

use common::{articles, load, manifest, mean_ns};

/// A pair made from `text`: some paragraphs edited (a word, a mark), some moved.
fn synthetic(text: &str) -> (String, String) {
    let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut kept = Vec::new();
    let mut moved = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let p = if i % 50 == 0 {
            p.replacen(' ', " جدا ", 1).replacen('ة', "ةً", 1)
        } else {
            p.to_string()
        };
        if i % 97 == 0 {
            moved.push(p)
        } else {
            kept.push(p)
        }
    }
    kept.extend(moved);
    (paras.join("\n") + "\n", kept.join("\n") + "\n")
}

fn write_pair(dir: &Path, name: &str, old: &str, new: &str) -> (PathBuf, PathBuf) {
    let (a, b) = (
        dir.join(format!("{name}.v1.txt")),
        dir.join(format!("{name}.v2.txt")),
    );
    std::fs::write(&a, old).expect("write pair");
    std::fs::write(&b, new).expect("write pair");
    (a, b)
}

fn run(cmd: &mut Command) {
    let st = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(st.code().is_some_and(|c| c <= 1), "{cmd:?}: {st}");
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (label, old, new) = match std::env::var_os("NASKH_BENCH_PAIR") {
        Some(prefix) => {
            let p = prefix.to_string_lossy().into_owned();
            let read = |ext: &str| {
                std::fs::read_to_string(format!("{p}.{ext}")).expect("NASKH_BENCH_PAIR files")
            };
            (p.clone(), read("v1.txt"), read("v2.txt"))
        }
        None => {
            let (label, text) = load("NASKH_BENCH_NEWS", &manifest().join("corpus"));
            let (a, b) = synthetic(&text);
            (format!("synthetic from {label}"), a, b)
        }
    };
    let (a, b) = write_pair(tmp.path(), "large", &old, &new);
    // An article-sized pair: the corpus's seed article and fixtures, ~20 KB.
    let small = {
        let (_, texts) = articles("NASKH_BENCH_ARTICLE", &manifest().join("corpus"));
        let one = texts.join("\n");
        let mut s = one.clone();
        while s.len() < 20_000 {
            s.push('\n');
            s.push_str(&one);
        }
        s
    };
    let (sa, sb) = synthetic(&small);
    let (small_a, small_b) = write_pair(tmp.path(), "small", &sa, &sb);
    let bytes = (old.len() + new.len()) as u64;
    eprintln!(
        "diff: {label}, {:.1} + {:.1} MB; article pair {:.1} KB",
        old.len() as f64 / 1e6,
        new.len() as f64 / 1e6,
        sa.len() as f64 / 1e3
    );

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut g = c.benchmark_group("diff");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("library", |bn| {
        bn.iter(|| {
            diff(black_box(&old), black_box(&new), &DiffOptions::default())
                .entries
                .len()
        })
    });
    let naskh = env!("CARGO_BIN_EXE_naskh");
    g.bench_function("naskh-process-json", |bn| {
        bn.iter(|| {
            run(Command::new(naskh)
                .args(["diff", "-f", "json", "-o", "/dev/null"])
                .arg(&a)
                .arg(&b))
        })
    });
    let git = Command::new("git").arg("--version").output().is_ok();
    if git {
        g.bench_function("git-word-diff-process", |bn| {
            bn.iter(|| {
                run(Command::new("git")
                    .args(["diff", "--no-index", "--word-diff=porcelain"])
                    .arg(&a)
                    .arg(&b))
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("diff-article");
    g.throughput(Throughput::Bytes((sa.len() + sb.len()) as u64));
    g.bench_function("naskh-process-term", |bn| {
        bn.iter(|| {
            run(Command::new(naskh)
                .args(["diff", "--color=never"])
                .arg(&small_a)
                .arg(&small_b))
        })
    });
    g.finish();
    c.final_summary();

    println!("\nsummary (from criterion's mean):");
    if let Some(ns) = mean_ns("diff", "library") {
        println!(
            "  library, large pair       {:>8.1} ms  {:>6.1} MB/s",
            ns / 1e6,
            bytes as f64 / ns * 1e3
        );
    }
    let ours = mean_ns("diff", "naskh-process-json");
    if let Some(ns) = ours {
        println!("  naskh diff process        {:>8.1} ms", ns / 1e6);
    }
    if let (Some(o), Some(g)) = (ours, mean_ns("diff", "git-word-diff-process")) {
        println!(
            "  git diff --word-diff      {:>8.1} ms   naskh/git {:.1}x",
            g / 1e6,
            o / g
        );
    }
    if let Some(ns) = mean_ns("diff-article", "naskh-process-term") {
        println!("  article pair, process     {:>8.2} ms", ns / 1e6);
    }
}
