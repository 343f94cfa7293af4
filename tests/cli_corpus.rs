//! `naskh corpus` as a black box: the built binary on corpora written here (trees of
//! text, JSON Lines, gzip, zstd), its outputs byte for byte, messages and exit codes; runs
//! killed part-way and resumed, compared with clean runs.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use naskh::normalize::{NormalizeOptions, normalize};

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    naskh()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run naskh")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Text an article might hold, with something for each profile to do: a no-break space,
/// an RLM, a presentation form, tatweel, marks, mixed digits, RT's quotes, an entity.
fn article(i: usize) -> String {
    format!(
        "قال الوزير\u{00A0}{i}\u{200F}:  ”الاجتمـاع كان مُفيدًا“ &amp; ﻻ بد من ٣ خطوات\n\nوأضاف أن العدد بلغ {i}٬٥٠٠ شخص.\n"
    )
}

fn canonical(text: &str) -> String {
    normalize(text, &NormalizeOptions::default()).into_owned()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 1).unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(bytes), &mut out).unwrap();
    out
}

/// Every file below `dir` (relative path → bytes), naskh's own bookkeeping left out.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for f in walk_all(dir) {
        let rel = f
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == ".naskh-manifest.jsonl" || rel == ".naskh-lock" {
            continue;
        }
        out.insert(rel, fs::read(&f).unwrap());
    }
    out
}

fn walk_all(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk_all(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn summary_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_tree_is_mirrored_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let texts: Vec<String> = (0..3).map(article).collect();
    write(&input.join("a.txt"), &texts[0]);
    write(&input.join("2019/05/b.txt.gz"), gzip(texts[1].as_bytes()));
    write(&input.join("2019/c.txt.zst"), zstd(texts[2].as_bytes()));
    let line = |i: usize| {
        format!(
            "{{\"id\":{i},\"text\":{}}}\n",
            serde_json::to_string(&texts[i]).unwrap()
        )
    };
    let jsonl: String = (0..3).map(line).collect();
    write(&input.join("shards/s1.jsonl"), &jsonl);
    write(&input.join("shards/s2.jsonl.gz"), gzip(jsonl.as_bytes()));
    write(&input.join("shards/s3.jsonl.zst"), zstd(jsonl.as_bytes()));
    write(&input.join(".hidden/x.txt"), "x");
    write(&input.join("notes.md"), "x");
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "--stats",
            "stats.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tree(&dir.path().join("out"));
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "2019/05/b.txt.gz",
            "2019/c.txt.zst",
            "a.txt",
            "shards/s1.jsonl",
            "shards/s2.jsonl.gz",
            "shards/s3.jsonl.zst"
        ]
    );
    assert_eq!(out["a.txt"], canonical(&texts[0]).as_bytes());
    assert_eq!(
        gunzip(&out["2019/05/b.txt.gz"]),
        canonical(&texts[1]).as_bytes()
    );
    assert_eq!(
        zstd::decode_all(&out["2019/c.txt.zst"][..]).unwrap(),
        canonical(&texts[2]).as_bytes()
    );
    let expected: String = (0..3)
        .map(|i| {
            format!(
                "{{\"id\":{i},\"text\":{}}}\n",
                serde_json::to_string(&canonical(&texts[i])).unwrap()
            )
        })
        .collect();
    assert_eq!(String::from_utf8_lossy(&out["shards/s1.jsonl"]), expected);
    assert_eq!(gunzip(&out["shards/s2.jsonl.gz"]), expected.as_bytes());
    assert_eq!(
        zstd::decode_all(&out["shards/s3.jsonl.zst"][..]).unwrap(),
        expected.as_bytes()
    );
    // The inputs are untouched, and the summary counts what happened.
    assert_eq!(fs::read_to_string(input.join("a.txt")).unwrap(), texts[0]);
    let s = summary_json(&dir.path().join("stats.json"));
    assert_eq!(s["schema"], "naskh.corpus-stats/1");
    assert_eq!(s["files"]["done"], 6);
    assert_eq!(s["documents"], 3 + 9);
    assert!(s["changes"]["strip-format-controls"].as_u64().unwrap() >= 12);
    let summary = stderr(&o);
    assert!(summary.contains("6 files: 6 normalised"), "{summary}");
    assert!(summary.contains("strip-format-controls"), "{summary}");
}

/// Only the top-level field's string changes; every other byte of the line is kept.
#[test]
fn jsonl_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "قال\u{00A0}الوزير ﻻ";
    let new = canonical(doc);
    assert_ne!(new, doc);
    let esc = |s: &str| serde_json::to_string(s).unwrap();
    let lines = [
        // Odd key order, spacing, a number spelled 1e5 and 1.50, \/ and \u escapes in
        // other fields, the field in a nested object (not the document).
        format!(
            "{{ \"z\" : 1e5,\"meta\":{{\"text\":{}}},  \"text\" : {} , \"url\":\"a\\/b\",\"n\":[1.50,-0.0],\"k\":\"\\u0627\"}}",
            esc(doc),
            esc(doc)
        ),
        // The document written with escapes: \u0627 is ا, a surrogate pair is one
        // character; unchanged text keeps its escapes.
        "{\"text\":\"\\u0627\\ud83d\\ude00 \\/ \\\"x\\\"\"}".to_string(),
        "{\"text\":\"\\u0627\\u00a0\\ud83d\\ude00\\/\"}\r".to_string(),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    write(&dir.path().join("in/d.jsonl"), &input);
    let o = run(&["corpus", "normalize", "in", "-o", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = fs::read_to_string(dir.path().join("out/d.jsonl")).unwrap();
    let got: Vec<&str> = got.split_inclusive('\n').collect();
    assert_eq!(
        got[0],
        format!(
            "{{ \"z\" : 1e5,\"meta\":{{\"text\":{}}},  \"text\" : {} , \"url\":\"a\\/b\",\"n\":[1.50,-0.0],\"k\":\"\\u0627\"}}\n",
            esc(doc),
            esc(&new)
        )
    );
    assert_eq!(got[1], format!("{}\n", lines[1]));
    // Changed: re-escaped minimally (the no-break space became a space; ا and the emoji
    // as themselves, `/` unescaped); the CR before the newline kept.
    assert_eq!(got[2], "{\"text\":\"ا \u{1F600}/\"}\r\n");
    assert_eq!(got.len(), 3);
}

#[test]
fn bad_files_and_lines_are_reported_and_the_rest_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("good.txt"), article(1));
    let mut bad = article(2).into_bytes();
    bad.insert(19, 0xFF);
    write(&input.join("bad-utf8.txt"), &bad);
    write(&input.join("binary.txt"), b"abc\0def");
    let jsonl = "{\"text\":\"ﻻ\"}\n{\"text\": 5}\nnot json\n{\"body\":\"x\"}\n{\"text\":\"\\ud800\"}\n{\"text\":\"ﻻ\"}\n";
    write(&input.join("lines.jsonl"), jsonl);
    let full = gzip(article(3).repeat(2000).as_bytes());
    write(&input.join("cut.txt.gz"), &full[..full.len() / 2]);
    let full = zstd(article(4).repeat(2000).as_bytes());
    write(&input.join("cut.txt.zst"), &full[..full.len() / 2]);
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "--stats",
            "s.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for expected in [
        "in/bad-utf8.txt: invalid UTF-8 at byte 19 (line 1)",
        "in/binary.txt: binary data (NUL byte at offset 3)",
        "in/lines.jsonl:2: the field \"text\" is a number, not a string; line copied unchanged",
        "in/lines.jsonl:3: malformed JSON",
        "in/lines.jsonl:4: no top-level field \"text\"",
        "in/lines.jsonl:5: malformed JSON: in the field's string: unexpected end of hex escape (a lone UTF-16 surrogate?) (column 16)",
        "in/cut.txt.gz: ",
        "in/cut.txt.zst: ",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
    let out = tree(&dir.path().join("out"));
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    // No output for a file that could not be read through; no temporary file either.
    assert_eq!(names, ["good.txt", "lines.jsonl"]);
    let lines: Vec<&str> = std::str::from_utf8(&out["lines.jsonl"])
        .unwrap()
        .lines()
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], "{\"text\":\"لا\"}");
    assert_eq!(&lines[1..5], &jsonl.lines().collect::<Vec<_>>()[1..5]);
    let s = summary_json(&dir.path().join("s.json"));
    assert_eq!(s["files"]["done"], 2);
    assert_eq!(s["files"]["failed"], 4);
    assert_eq!(s["problems"].as_array().unwrap().len(), 8);
    assert_eq!(s["problems"][4]["line"], 2);

    // --on-error skip drops the bad lines (still reported).
    let o = run(
        &[
            "corpus",
            "normalize",
            "in/lines.jsonl",
            "-o",
            "out2",
            "--on-error",
            "skip",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line left out"), "{}", stderr(&o));
    let got = fs::read_to_string(dir.path().join("out2/lines.jsonl")).unwrap();
    assert_eq!(got, "{\"text\":\"لا\"}\n{\"text\":\"لا\"}\n");
}

#[test]
fn output_and_inputs_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/sub/a.txt"), article(1));
    for out in ["in", "in/sub", "in/new/out", "."] {
        let o = run(&["corpus", "normalize", "in", "-o", out], dir.path());
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(stderr(&o).contains("refusing to write"), "{}", stderr(&o));
    }
    assert!(!dir.path().join("in/new").exists());
    // A file input's own folder is refused too: its output would overwrite it.
    let o = run(
        &["corpus", "normalize", "in/sub/a.txt", "-o", "in/sub"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("in"), dir.path().join("alias")).unwrap();
        let o = run(
            &["corpus", "normalize", "in", "-o", "alias/out"],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(!dir.path().join("in/out").exists());
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("in/sub/a.txt")).unwrap(),
        article(1)
    );
}

#[cfg(unix)]
#[test]
fn links_are_followed_only_when_asked_and_loops_are_reported() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere.join("linked.txt"), article(2));
    write(&dir.path().join("in/a.txt"), article(1));
    symlink(&elsewhere, dir.path().join("in/dir-link")).unwrap();
    symlink(dir.path().join("in"), dir.path().join("in/loop")).unwrap();
    let o = run(&["corpus", "normalize", "in", "-o", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 symbolic links not followed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&dir.path().join("out")).len(), 1);
    let o = run(
        &["corpus", "normalize", "in", "-o", "out2", "--follow"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("symbolic link loop"), "{}", stderr(&o));
    let out = tree(&dir.path().join("out2"));
    assert_eq!(
        out.keys().map(String::as_str).collect::<Vec<_>>(),
        ["a.txt", "dir-link/linked.txt"]
    );
    // A link inside the output folder that leads out of it is not written through.
    let out3 = dir.path().join("out3");
    fs::create_dir_all(&out3).unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    symlink(&outside, out3.join("sub")).unwrap();
    write(&dir.path().join("in2/sub/b.txt"), article(3));
    let o = run(&["corpus", "normalize", "in2", "-o", "out3"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("outside the output folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

/// A corpus with a text file and a JSON Lines file of several chunks each (chunks are
/// 1 MiB), medium files and many small ones.
fn big_corpus(root: &Path) -> String {
    let mut big = String::new();
    let mut i = 0;
    while big.len() < 3_300_000 {
        big.push_str(&article(i));
        i += 1;
    }
    write(&root.join("big.txt"), &big);
    let mut jsonl = String::new();
    for (k, a) in big.split("\n\n").enumerate() {
        jsonl.push_str(&format!(
            "{{\"id\":{k},\"text\":{},\"lang\":\"ar\"}}\n",
            serde_json::to_string(a).unwrap()
        ));
    }
    write(&root.join("big.jsonl.zst"), zstd(jsonl.as_bytes()));
    for k in 0..60 {
        write(&root.join(format!("small/{k:03}.txt")), article(k));
    }
    // Medium files, so that outputs are written all through a run.
    for k in 0..12 {
        write(
            &root.join(format!("medium/{k:02}.txt")),
            article(k).repeat(300 + 40 * k),
        );
    }
    big
}

#[test]
fn the_output_is_the_same_for_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_corpus(&dir.path().join("in"));
    let mut trees = Vec::new();
    for j in ["1", "2", "5"] {
        let out = format!("out{j}");
        let o = run(
            &["corpus", "normalize", "in", "-o", &out, "-j", j],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        trees.push(tree(&dir.path().join(out)));
    }
    assert_eq!(trees[0].len(), 74);
    assert!(trees[0] == trees[1] && trees[1] == trees[2]);
    // Chunked = whole: the big file is what `naskh normalize` makes of it whole.
    let whole = canonical(&big);
    assert_eq!(trees[0]["big.txt"], whole.as_bytes());
    // And what a search-profile run of the stats command counts is what the normalize
    // run changes.
    let o = run(
        &["corpus", "stats", "in", "-p", "search", "--json", "-j", "2"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "outs",
            "-p",
            "search",
            "--stats",
            "s.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let done = summary_json(&dir.path().join("s.json"));
    assert_eq!(stats["changes"], done["changes"]);
    assert_eq!(stats["documents"], done["documents"]);
    assert!(stats["dry_run"].as_bool().unwrap());
}

#[test]
fn resume_redoes_exactly_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    for k in 0..5 {
        write(&input.join(format!("{k}.txt")), article(k));
    }
    let go = |extra: &[&str]| {
        let mut args = vec![
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "--resume",
            "--stats",
            "s.json",
        ];
        args.extend_from_slice(extra);
        let o = run(&args, dir.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let s = summary_json(&dir.path().join("s.json"));
        (
            s["files"]["done"].as_u64().unwrap(),
            s["files"]["resumed"].as_u64().unwrap(),
        )
    };
    assert_eq!(go(&[]), (5, 0));
    assert_eq!(go(&[]), (0, 5));
    // Same size, other bytes: found by the hash, not the size or the time.
    let mut text = article(1).into_bytes();
    text[0..2].copy_from_slice("ك".as_bytes());
    write(&input.join("1.txt"), &text);
    // An output truncated since.
    fs::write(dir.path().join("out/2.txt"), "").unwrap();
    assert_eq!(go(&[]), (2, 3));
    assert_eq!(
        fs::read(dir.path().join("out/1.txt")).unwrap(),
        canonical(std::str::from_utf8(&text).unwrap()).as_bytes()
    );
    // Other settings redo everything.
    assert_eq!(go(&["-p", "search"]), (5, 0));
    assert_eq!(go(&["-p", "search"]), (0, 5));
    assert_eq!(go(&["-p", "search", "--quote-style", "straight"]), (5, 0));
    // Without --resume everything is redone.
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "--stats",
            "s.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(summary_json(&dir.path().join("s.json"))["files"]["done"], 5);
}

/// No output file is ever partial: each is either absent or exactly the clean run's.
fn assert_no_partial_output(got: &BTreeMap<String, Vec<u8>>, clean: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in got {
        assert!(
            !name.rsplit('/').next().unwrap().starts_with(".naskh-"),
            "a temporary file is listed as an output: {name}"
        );
        assert_eq!(
            Some(bytes),
            clean.get(name),
            "{name} differs from the clean run's"
        );
    }
}

/// SIGKILL a real run at several points; what is left is never partial, and a resumed
/// run gives the clean run's bytes.
#[cfg(unix)]
#[test]
fn killed_runs_resume_to_the_clean_result() {
    let dir = tempfile::tempdir().unwrap();
    big_corpus(&dir.path().join("in"));
    let start = Instant::now();
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "clean",
            "-j",
            "2",
            "--sync-each",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let took = start.elapsed();
    let clean = tree(&dir.path().join("clean"));
    // How many kills left some outputs, and how many left fewer than all.
    let (mut some, mut cut_short) = (0, 0);
    for (k, fraction) in [0.1, 0.4, 0.6, 0.75, 0.9].into_iter().enumerate() {
        let out = format!("killed{k}");
        let mut child = naskh()
            .args([
                "corpus",
                "normalize",
                "in",
                "-o",
                &out,
                "-j",
                "2",
                "--sync-each",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill when that fraction of the outputs is written (or, failing that, after that
        // fraction of the clean run's time): by progress, so that a loaded machine does
        // not make every kill land before the first output or after the last.
        let out_dir = dir.path().join(&out);
        let want = ((clean.len() as f64 * fraction).ceil() as usize).max(1);
        let deadline = Instant::now() + took.mul_f64(fraction.max(0.5) * 4.0);
        while walk_all(&out_dir)
            .iter()
            .filter(|f| !f.to_string_lossy().contains(".naskh-"))
            .count()
            < want
            && Instant::now() < deadline
            && child.try_wait().ok().flatten().is_none()
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let left: BTreeMap<String, Vec<u8>> = tree(&out_dir)
            .into_iter()
            .filter(|(n, _)| !n.rsplit('/').next().unwrap().starts_with(".naskh-"))
            .collect();
        assert_no_partial_output(&left, &clean);
        some += usize::from(!left.is_empty());
        cut_short += usize::from(left.len() < clean.len());
        let o = run(
            &[
                "corpus",
                "normalize",
                "in",
                "-o",
                &out,
                "-j",
                "2",
                "--resume",
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // Byte for byte the clean run's, and no temporary file left.
        assert!(
            tree(&out_dir) == clean,
            "resumed run {k} differs from the clean run"
        );
    }
    // The kills did land part-way (else this test would check nothing).
    assert!(
        some >= 2 && cut_short >= 3,
        "kills: {some} left outputs, {cut_short} cut short"
    );
}

/// SIGINT: no new file, in-flight ones discarded, summary printed, exit 130.
#[cfg(unix)]
#[test]
fn sigint_stops_cleanly_with_130() {
    let dir = tempfile::tempdir().unwrap();
    big_corpus(&dir.path().join("in"));
    let o = run(
        &["corpus", "normalize", "in", "-o", "clean", "-j", "1"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let clean = tree(&dir.path().join("clean"));
    let child = naskh()
        .args([
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "-j",
            "1",
            "--sync-each",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let pid = child.id().to_string();
    let kill = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    if o.status.code() == Some(0) {
        // Finished before the signal: nothing to check on this machine.
        return;
    }
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted: "), "{err}");
    let left = tree(&dir.path().join("out"));
    assert!(left.len() < clean.len());
    // An interrupted run removes its temporary files itself.
    assert_no_partial_output(&left, &clean);
    let o = run(
        &["corpus", "normalize", "in", "-o", "out", "--resume"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(tree(&dir.path().join("out")) == clean);
}

#[test]
fn stats_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), article(1));
    write(
        &dir.path().join("in/old.txt"),
        encoding_rs::WINDOWS_1256.encode(&article(2)).0,
    );
    let o = run(&["corpus", "stats", "in"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report = stdout(&o);
    for expected in [
        "2 files, 1 documents",
        "strip-format-controls",
        "files with most changes:",
        "U+200F RLM",
        "presentation forms:   1",
        "HTML entities:        1",
        "documents mixing digit systems: 1 of 1",
        "in/old.txt  (looks like windows-1256)",
    ] {
        assert!(report.contains(expected), "{expected:?} not in:\n{report}");
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written"
    );
    // Read as Windows-1256, the old file is text like the other.
    let o = run(
        &[
            "corpus",
            "stats",
            "in/old.txt",
            "--encoding",
            "windows-1256",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["inspection"]["invisible"]["U+200F RLM"], 1);
}

#[test]
fn legacy_encodings_are_decoded_into_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1256 has no Arabic-Indic digits and no presentation forms.
    let text = "قال الوزير\u{00A0}5\u{200F}:  ”الاجتمـاع كان مُفيدًا“ &amp; 7 خطوات\n";
    write(
        &dir.path().join("in/a.txt"),
        encoding_rs::WINDOWS_1256.encode(text).0,
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(&dir.path().join("in16/b.txt"), &utf16);
    let o = run(&["corpus", "normalize", "in", "-o", "out"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("it looks like windows-1256: read it with --encoding windows-1256"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &[
            "corpus",
            "normalize",
            "in",
            "-o",
            "out",
            "--encoding",
            "windows-1256",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("out/a.txt")).unwrap(),
        canonical(text)
    );
    // UTF-16 with a byte order mark is read as it is.
    let o = run(&["corpus", "normalize", "in16", "-o", "out16"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("out16/b.txt")).unwrap(),
        canonical(text)
    );
}

#[test]
fn normalize_check_lists_what_would_change() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("dirty.txt"), article(1));
    write(&dir.path().join("clean.txt"), canonical(&article(1)));
    let o = run(
        &["normalize", "--check", "clean.txt", "dirty.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "dirty.txt\n");
    let o = run(&["normalize", "--check", "clean.txt"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    // --check writes nothing.
    assert_eq!(
        fs::read_to_string(dir.path().join("dirty.txt")).unwrap(),
        article(1)
    );
    let o = run(
        &["normalize", "--check", "-p", "search", "clean.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
}

/// Regression (issue 7): `naskh normalize *.txt` glued one article's last word to the
/// next one's first when the first lacked a final newline.
#[test]
fn several_files_are_never_glued() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), "الكلمة الأخيرة");
    write(&dir.path().join("b.txt"), "الأولى\n");
    write(&dir.path().join("empty.txt"), "");
    write(&dir.path().join("c.txt"), "ثالث");
    let o = run(
        &["normalize", "a.txt", "empty.txt", "b.txt", "c.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "الكلمة الأخيرة\nالأولى\nثالث");
    let o = run(
        &["normalize", "a.txt", "b.txt", "c.txt", "-o", "all.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(dir.path().join("all.txt")).unwrap(),
        "الكلمة الأخيرة\nالأولى\nثالث"
    );
}

#[test]
fn extract_and_diff_read_legacy_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "الرياض - واس\n\nقال الوزير: «نعم».\n";
    write(
        &dir.path().join("old.txt"),
        encoding_rs::WINDOWS_1256.encode(text).0,
    );
    write(&dir.path().join("new.txt"), text);
    let o = run(&["extract", "old.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("looks like windows-1256"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &["extract", "old.txt", "--encoding", "windows-1256"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let same = run(&["extract", "new.txt"], dir.path());
    assert_eq!(o.stdout, same.stdout);
    let o = run(&["diff", "old.txt", "new.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &["normalize", "--encoding", "cp1256", "old.txt"],
        dir.path(),
    );
    assert_eq!(stdout(&o), canonical(text));
}
