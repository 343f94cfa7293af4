//! `naskh normalize` as a black box: the built binary, its output, messages and exit codes.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = naskh()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn naskh");
    // naskh may exit before reading (a bad option): a closed pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn stdin_to_stdout_with_the_default_profile() {
    let o = run_with_stdin(
        &["normalize"],
        "قال\u{00A0}لافروف\u{200F}:  نعم\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "قال لافروف: نعم\n");
}

#[test]
fn dash_means_stdin_and_profiles_and_rules_apply() {
    let o = run_with_stdin(&["normalize", "-", "-p", "search"], "الحُكُومَة".as_bytes());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "الحكومه");
    let o = run_with_stdin(
        &[
            "normalize",
            "-p",
            "none",
            "-r",
            "strip-tatweel,teh-marbuta-to-heh",
        ],
        "القـاهرة\u{00A0}".as_bytes(),
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "القاهره\u{00A0}");
    let o = run_with_stdin(
        &["normalize", "-p", "search", "-r", "-teh-marbuta-to-heh"],
        "القاهرة".as_bytes(),
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "القاهرة");
}

#[test]
fn files_are_concatenated_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "أ\u{00A0}ب\n").unwrap();
    fs::write(&b, "ج  د\n").unwrap();
    let o = naskh().arg("normalize").arg(&a).arg(&b).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "أ ب\nج د\n");
}

#[test]
fn unknown_rule_and_profile_suggest_the_nearest_name() {
    let o = run_with_stdin(&["normalize", "-r", "strip-tashkel"], b"x");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule 'strip-tashkel'; did you mean 'strip-tashkeel'"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    let o = run_with_stdin(&["normalize", "-p", "serch"], b"x");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean 'search'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn invalid_utf8_names_file_and_offset_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    let mut bytes = "سطر\nب".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xD8, 0x20]);
    fs::write(&bad, &bytes).unwrap();
    let out = dir.path().join("out.txt");
    let o = naskh()
        .arg("normalize")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains("bad.txt") && msg.contains("invalid UTF-8 at byte 9"),
        "{msg}"
    );
    assert!(!out.exists(), "nothing may be written");
    // On standard input too.
    let o = run_with_stdin(&["normalize"], &bytes);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("<stdin>: invalid UTF-8 at byte 9"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_bad_second_file_stops_the_run_before_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "نص\n").unwrap();
    let o = naskh()
        .arg("normalize")
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
}

#[test]
fn missing_file_directory_and_binary_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = naskh()
        .arg("normalize")
        .arg(dir.path().join("nope.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope.txt") && stderr(&o).to_lowercase().contains("no such file"),
        "{}",
        stderr(&o)
    );
    // The cause is said once, on one line.
    assert_eq!(
        stderr(&o).to_lowercase().matches("no such file").count(),
        1,
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let o = naskh().arg("normalize").arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    let bin = dir.path().join("x.bin");
    fs::write(&bin, b"PK\x03\x04\x00\x00binary").unwrap();
    let o = naskh().arg("normalize").arg(&bin).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("binary data"), "{}", stderr(&o));
}

#[test]
fn empty_input_gives_empty_output() {
    let o = run_with_stdin(&["normalize", "-p", "search"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn in_place_rewrites_atomically_and_leaves_clean_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = dir.path().join("dirty.txt");
    let clean = dir.path().join("clean.txt");
    fs::write(&dirty, "أ\u{00A0}\u{00A0}ب\n").unwrap();
    fs::write(&clean, "أ ب\n").unwrap();
    let before = fs::metadata(&clean).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = naskh()
        .arg("normalize")
        .arg("--in-place")
        .arg(&dirty)
        .arg(&clean)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(fs::read_to_string(&dirty).unwrap(), "أ ب\n");
    assert_eq!(
        fs::metadata(&clean).unwrap().modified().unwrap(),
        before,
        "unchanged file rewritten"
    );
    assert_eq!(
        names_in(dir.path()),
        ["clean.txt", "dirty.txt"],
        "temporary files left behind"
    );
}

#[test]
fn output_file_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "أ\u{00A0}ب").unwrap();
    let o = naskh()
        .arg("normalize")
        .arg(&f)
        .arg("-o")
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--in-place"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&f).unwrap(), "أ\u{00A0}ب");
    let out = dir.path().join("out.txt");
    let o = naskh()
        .arg("normalize")
        .arg(&f)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&out).unwrap(), "أ ب");
}

#[test]
fn offsets_file_maps_output_to_input() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    let input = "بـــت\u{FDFA}!";
    fs::write(&f, input).unwrap();
    let map = dir.path().join("map.json");
    let o = naskh()
        .args(["normalize", "-p", "search", "--offsets"])
        .arg(&map)
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&map).unwrap()).unwrap();
    assert_eq!(doc["schema"], "naskh.offsets/1");
    assert_eq!(doc["input_len"], input.len());
    assert_eq!(doc["output_len"], out.len());
    let segs = doc["segments"].as_array().unwrap();
    // Segments cover both sides without gaps; copies are byte for byte.
    let (mut o_end, mut i_end) = (0, 0);
    for s in segs {
        let s = s.as_array().unwrap();
        let (a, b, c, d) = (
            s[0].as_u64().unwrap() as usize,
            s[1].as_u64().unwrap() as usize,
            s[2].as_u64().unwrap() as usize,
            s[3].as_u64().unwrap() as usize,
        );
        assert_eq!((a, c), (o_end, i_end));
        if s[4] == "copy" {
            assert_eq!(out[a..b], input[c..d]);
        }
        (o_end, i_end) = (b, d);
    }
    assert_eq!((o_end, i_end), (out.len(), input.len()));
    // Only one input with --offsets.
    let o = naskh()
        .args(["normalize", "--offsets"])
        .arg(&map)
        .arg(&f)
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stats_go_to_stderr() {
    let o = run_with_stdin(
        &["normalize", "-p", "search", "--stats"],
        "مدرسةٌ".as_bytes(),
    );
    assert_eq!(String::from_utf8(o.stdout.clone()).unwrap(), "مدرسه");
    let err = stderr(&o);
    assert!(
        err.contains("teh-marbuta-to-heh") && err.contains("strip-tashkeel"),
        "{err}"
    );
    let o = run_with_stdin(
        &["normalize", "-p", "search", "--stats-json"],
        "مدرسةٌ".as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_str(&stderr(&o)).unwrap();
    assert_eq!(v["changes"]["teh-marbuta-to-heh"], 1);
    assert_eq!(v["changes"]["strip-tashkeel"], 1);
}

#[test]
fn list_shows_every_rule_from_the_tables() {
    let o = naskh().args(["normalize", "--list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    for name in [
        "canonical",
        "typography",
        "search",
        "lucene",
        "camel",
        "quran",
        "strip-tashkeel",
        "unify-quotes",
        "decode-html-entities",
    ] {
        assert!(text.contains(name), "{name} missing from --list");
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, "سطر عربي طويل\u{00A0}مع مسافة\n".repeat(200_000)).unwrap();
    let mut child = naskh()
        .arg("normalize")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn huge_single_line_is_fine() {
    let line = "كلمة\u{00A0}".repeat(500_000);
    let o = run_with_stdin(&["normalize", "-p", "search"], line.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout.len(), "كلمه ".len() * 500_000 - 1);
}

/// Issue 8: a file name in an error message never reaches the terminal raw (here a
/// screen clear and a right-to-left override in the name of a missing file).
#[test]
fn error_messages_escape_what_they_quote() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("a\u{1b}[2J\u{202E}txt.txt");
    let o = naskh().arg("normalize").arg(&name).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("a\\x1b[2J<U+202E>txt.txt"), "{err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202E}'),
        "{err:?}"
    );
}
