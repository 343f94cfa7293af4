//! Corpus speed: `naskh corpus normalize` as a whole process on a corpus of a few hundred
//! MB built from the news input, in three layouts, with `-j1` and `-j2`:
//!
//! - `txt`: many `.txt` files of about `NASKH_BENCH_TXT_KB` (default 100) KB, whole
//!   articles joined by newlines (the news input's articles, repeated);
//! - `txt-articles` (`-j1` only): one `.txt` file per article, to show what a file costs
//!   (creating, renaming and syncing a file is most of the time for 3 KB articles);
//! - `jsonl`: four big `.jsonl` files, one article per line (`id`, `url`, `text`);
//! - `jsonl-zst`: the same as `.jsonl.zst` (zstd level 3).
//!
//! Next to them: `naskh normalize` on one file of the same bytes as `txt` (the floor:
//! `corpus -j1` within 20% of it), zstd's own decompress + compress of the `jsonl-zst`
//! data (in process, the library naskh uses), and the `jsonl-zst` run taken apart in
//! process, one core: decompress, parse (find the field), normalise, compress.
//!
//! Input: `NASKH_BENCH_NEWS` (a `.txt` file or a folder; default every `corpus/` file
//! but the vowelled fixtures; real news: `../shared/realdata/articles`), repeated to
//! `NASKH_BENCH_CORPUS_MB` (default 200) MB of text. The corpus is written once to a
//! temporary folder in `NASKH_BENCH_TMP` (default the system's; `/dev/shm` takes the
//! disk out of the figures); every run writes its outputs over the last run's.

#[allow(dead_code)] // shared with the other benches; this one uses part of it
mod common;

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use naskh::corpus::jsonl::field_spans;
use naskh::normalize::{NormalizeOptions, Normalizer};

use common::{articles, manifest, mean_ns};

fn run(cmd: &mut Command) {
    let st = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(st.success(), "{cmd:?}: {st}");
}

struct Corpus {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    text_bytes: u64,
    jsonl_bytes: u64,
}

/// The three layouts and the one-file copy, from `texts` repeated to `target` bytes.
fn build(texts: &[String], target: usize) -> Corpus {
    let tmp = match std::env::var_os("NASKH_BENCH_TMP") {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .expect("temp dir");
    let root = tmp.path().to_path_buf();
    for d in ["txt", "txt-articles", "jsonl", "jsonl-zst"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    let mut one = std::io::BufWriter::new(std::fs::File::create(root.join("one.txt")).unwrap());
    let shards = 4;
    let mut jsonl: Vec<_> = (0..shards)
        .map(|k| {
            std::io::BufWriter::new(
                std::fs::File::create(root.join(format!("jsonl/shard-{k}.jsonl"))).unwrap(),
            )
        })
        .collect();
    let file_kb: usize = std::env::var("NASKH_BENCH_TXT_KB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let (mut text_bytes, mut jsonl_bytes, mut n) = (0usize, 0usize, 0usize);
    let (mut group, mut files) = (String::new(), 0usize);
    let flush_group = |group: &mut String, files: &mut usize| {
        let dir = root.join(format!("txt/{:03}", *files / 1000));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{:06}.txt", *files)), &*group).unwrap();
        group.clear();
        *files += 1;
    };
    while text_bytes < target {
        for t in texts.iter().filter(|t| !t.is_empty()) {
            let dir = root.join(format!("txt-articles/{:03}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&dir).unwrap();
            }
            std::fs::write(dir.join(format!("{n:06}.txt")), t).unwrap();
            group.push_str(t);
            if !t.ends_with('\n') {
                group.push('\n');
            }
            if group.len() >= file_kb * 1000 {
                flush_group(&mut group, &mut files);
            }
            // The one-file copy: the same bytes, newline-separated as `naskh normalize`
            // would join them.
            one.write_all(t.as_bytes()).unwrap();
            if !t.ends_with('\n') {
                one.write_all(b"\n").unwrap();
            }
            let line = format!(
                "{{\"id\":{n},\"url\":\"https:\\/\\/example.org\\/{n}\",\"text\":{}}}\n",
                serde_json::to_string(t).unwrap()
            );
            jsonl[n % shards].write_all(line.as_bytes()).unwrap();
            text_bytes += t.len();
            jsonl_bytes += line.len();
            n += 1;
        }
    }
    if !group.is_empty() {
        flush_group(&mut group, &mut files);
    }
    drop(one);
    drop(jsonl);
    for k in 0..shards {
        let raw = std::fs::read(root.join(format!("jsonl/shard-{k}.jsonl"))).unwrap();
        let z = zstd::encode_all(&raw[..], naskh::corpus::format::ZSTD_LEVEL).unwrap();
        std::fs::write(root.join(format!("jsonl-zst/shard-{k}.jsonl.zst")), z).unwrap();
    }
    eprintln!(
        "corpus: {n} articles, {:.0} MB of text; txt: {files} files of ~{file_kb} KB; jsonl {:.0} MB",
        text_bytes as f64 / 1e6,
        jsonl_bytes as f64 / 1e6
    );
    Corpus {
        _tmp: tmp,
        root,
        text_bytes: text_bytes as u64,
        jsonl_bytes: jsonl_bytes as u64,
    }
}

/// Time the `jsonl-zst` run's stages in process, one core, over one shard.
fn stages(corpus: &Corpus) {
    let shard = corpus.root.join("jsonl-zst/shard-0.jsonl.zst");
    let z = std::fs::read(&shard).unwrap();
    let t = Instant::now();
    let mut raw = Vec::new();
    zstd::stream::read::Decoder::new(&z[..])
        .unwrap()
        .read_to_end(&mut raw)
        .unwrap();
    let decompress = t.elapsed();
    let t = Instant::now();
    let mut docs = 0usize;
    for line in raw.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let line = std::str::from_utf8(line).unwrap();
        docs += field_spans(black_box(line), "text").unwrap().len();
    }
    let parse = t.elapsed();
    let n = Normalizer::new(&NormalizeOptions::default());
    let mut stats = naskh::normalize::Stats::default();
    let mut out = Vec::with_capacity(raw.len());
    let t = Instant::now();
    for line in raw.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        match naskh::corpus::normalize_line(line, "text", |s| n.normalize_with_stats(s, &mut stats))
        {
            Ok(Some(new)) => out.extend_from_slice(new.as_bytes()),
            _ => out.extend_from_slice(line),
        }
        out.push(b'\n');
    }
    let whole_line = t.elapsed();
    let t = Instant::now();
    let compressed = zstd::encode_all(&out[..], naskh::corpus::format::ZSTD_LEVEL).unwrap();
    let compress = t.elapsed();
    let t = Instant::now();
    std::fs::write(corpus.root.join("stage-out.zst"), &compressed).unwrap();
    let write = t.elapsed();
    let mb = raw.len() as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64();
    let total = decompress + whole_line + compress + write;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    eprintln!(
        "jsonl-zst stages, one shard ({mb:.0} MB of JSON Lines, {docs} documents), one core:"
    );
    eprintln!(
        "  decompress {:>7.1} ms  {:>6.0} MB/s  {:>4.1}%",
        decompress.as_secs_f64() * 1e3,
        rate(decompress),
        pct(decompress)
    );
    eprintln!(
        "  parse+normalise+splice {:>7.1} ms  {:>6.0} MB/s  {:>4.1}%  (parse alone {:.1} ms, {:.0} MB/s)",
        whole_line.as_secs_f64() * 1e3,
        rate(whole_line),
        pct(whole_line),
        parse.as_secs_f64() * 1e3,
        rate(parse)
    );
    eprintln!(
        "  compress   {:>7.1} ms  {:>6.0} MB/s  {:>4.1}%",
        compress.as_secs_f64() * 1e3,
        rate(compress),
        pct(compress)
    );
    eprintln!(
        "  write      {:>7.1} ms  {:>6.0} MB/s  {:>4.1}%",
        write.as_secs_f64() * 1e3,
        rate(write),
        pct(write)
    );
    eprintln!(
        "  zstd alone (decompress + compress): {:.1} ms, {:.0} MB/s",
        (decompress + compress).as_secs_f64() * 1e3,
        rate(decompress + compress)
    );
}

fn main() {
    let (label, texts) = articles("NASKH_BENCH_NEWS", &manifest().join("corpus"));
    let mb: f64 = std::env::var("NASKH_BENCH_CORPUS_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200.0);
    eprintln!("corpus bench: news from {}", label.display());
    let corpus = build(&texts, (mb * 1e6) as usize);
    stages(&corpus);
    let naskh = env!("CARGO_BIN_EXE_naskh");
    let out = |name: &str| corpus.root.join(format!("out-{name}"));
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(corpus.text_bytes));
    g.bench_function("normalize-one-file", |b| {
        b.iter(|| {
            run(Command::new(naskh)
                .args(["normalize", "-o"])
                .arg(corpus.root.join("one-out.txt"))
                .arg(corpus.root.join("one.txt")))
        })
    });
    g.bench_function("txt-articles-j1", |b| {
        b.iter(|| {
            run(Command::new(naskh)
                .args(["corpus", "normalize", "--quiet", "-j", "1", "-o"])
                .arg(out("txt-articles"))
                .arg(corpus.root.join("txt-articles")))
        })
    });
    for layout in ["txt", "jsonl", "jsonl-zst"] {
        for j in ["1", "2"] {
            let name = format!("{layout}-j{j}");
            if layout != "txt" {
                g.throughput(Throughput::Bytes(corpus.jsonl_bytes));
            }
            g.bench_function(&name, |b| {
                b.iter(|| {
                    run(Command::new(naskh)
                        .args(["corpus", "normalize", "--quiet", "-j", j, "-o"])
                        .arg(out(&name))
                        .arg(corpus.root.join(layout)))
                })
            });
        }
    }
    g.throughput(Throughput::Bytes(corpus.jsonl_bytes));
    let zst_dir = corpus.root.join("jsonl-zst");
    g.bench_function("zstd-decompress-compress-j1", |b| {
        b.iter(|| {
            for k in 0..4 {
                let z = std::fs::read(zst_dir.join(format!("shard-{k}.jsonl.zst"))).unwrap();
                let raw = zstd::decode_all(&z[..]).unwrap();
                let again = zstd::encode_all(&raw[..], naskh::corpus::format::ZSTD_LEVEL).unwrap();
                black_box(again.len());
            }
        })
    });
    g.finish();
    c.final_summary();

    let ns = |name: &str| mean_ns("corpus", name);
    let rate = |name: &str, bytes: u64| ns(name).map(|t| bytes as f64 / 1e6 / (t / 1e9));
    eprintln!("\ncorpus: MB/s of text (txt) or JSON Lines (jsonl, jsonl-zst)");
    if let Some(one) = rate("normalize-one-file", corpus.text_bytes) {
        eprintln!("  naskh normalize, one file: {one:.1} MB/s");
    }
    for layout in ["txt", "jsonl", "jsonl-zst"] {
        let bytes = if layout == "txt" {
            corpus.text_bytes
        } else {
            corpus.jsonl_bytes
        };
        if let (Some(j1), Some(j2)) = (
            rate(&format!("{layout}-j1"), bytes),
            rate(&format!("{layout}-j2"), bytes),
        ) {
            eprintln!(
                "  {layout:<10} -j1 {j1:>7.1} MB/s   -j2 {j2:>7.1} MB/s   -j2/-j1 {:.2}x (floor 1.8x)",
                j2 / j1
            );
        }
    }
    if let (Some(one), Some(j1)) = (ns("normalize-one-file"), ns("txt-j1")) {
        eprintln!(
            "  txt -j1 takes {:.2}x the time of naskh normalize on one file (floor: within 1.20x)",
            j1 / one
        );
    }
    if let (Some(one), Some(a)) = (ns("normalize-one-file"), ns("txt-articles-j1")) {
        eprintln!(
            "  txt-articles -j1 (one file per article) takes {:.2}x the time of one file",
            a / one
        );
    }
    if let (Some(z), Some(j1)) = (ns("zstd-decompress-compress-j1"), ns("jsonl-zst-j1")) {
        eprintln!(
            "  jsonl-zst -j1 takes {:.2}x the time of zstd's own decompress + compress",
            j1 / z
        );
    }
}
