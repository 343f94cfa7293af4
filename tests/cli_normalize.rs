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

/// Standard input redirected from a file (`naskh normalize < file`) is read at the file's
/// size, from where the file was left (a shell's `(head -c N; naskh …) < file`), to its
/// end; and a large one whole.
#[test]
fn stdin_from_a_file_is_read_from_its_position_to_its_end() {
    use std::io::{Seek, SeekFrom};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    let line = "قالَ الوزيرُ: «نعم»\n";
    let text = line.repeat(40_000);
    fs::write(&path, format!("SKIP{text}")).unwrap();
    let mut file = fs::File::open(&path).unwrap();
    file.seek(SeekFrom::Start(4)).unwrap();
    let o = naskh()
        .args(["normalize", "-p", "search"])
        .stdin(file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let want = "قال الوزير: «نعم»\n".repeat(40_000);
    let first_difference = out.bytes().zip(want.bytes()).position(|(a, b)| a != b);
    assert!(
        out == want,
        "{} bytes for {}, first difference at {first_difference:?}",
        out.len(),
        want.len()
    );
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
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let dirty = dir.path().join("dirty.txt");
    let clean = dir.path().join("clean.txt");
    fs::write(&dirty, "أ\u{00A0}\u{00A0}ب\n").unwrap();
    fs::write(&clean, "أ ب\n").unwrap();
    // Both files dated 2001: a rewrite, even of the same bytes and within the same clock
    // tick, dates a file now (a wait of a few milliseconds proves nothing on a file
    // system whose times are coarser than that).
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for f in [&dirty, &clean] {
        fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let (dirty_ino, clean_ino) = (
        fs::metadata(&dirty).unwrap().ino(),
        fs::metadata(&clean).unwrap().ino(),
    );
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
    // The changed file is a new file renamed over the old one (atomic: a reader sees the
    // old or the new text, never half), so it has a new inode and a new date.
    let d = fs::metadata(&dirty).unwrap();
    assert_ne!(
        d.ino(),
        dirty_ino,
        "the changed file was rewritten in place"
    );
    assert_ne!(d.modified().unwrap(), old);
    // The clean file was not touched at all: same inode, same date.
    let c = fs::metadata(&clean).unwrap();
    assert_eq!(c.modified().unwrap(), old, "unchanged file rewritten");
    assert_eq!(c.ino(), clean_ino, "unchanged file replaced");
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
    use naskh::normalize::{Profile, Rule};
    let o = naskh().args(["normalize", "--list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    // Each profile has its line (`  name  description`) in the profiles part, and its
    // `rules:` line lists the library's rules of that profile, in their order; each rule
    // of the table has its own header line (`  name  (class; in: …)`) in the rules part,
    // in the fixed order, followed by what it does. A name that only appears inside
    // another line (a profile's `rules:` list) does not count.
    let (profiles, rules) = text
        .split_once("\nRules")
        .expect("a profiles part and a rules part");
    let profile_lines: Vec<&str> = profiles.lines().collect();
    for p in Profile::ALL {
        let at = profile_lines
            .iter()
            .position(|l| {
                l.strip_prefix("  ")
                    .and_then(|l| l.split_whitespace().next())
                    == Some(p.name())
            })
            .unwrap_or_else(|| panic!("profile {} has no line in --list", p.name()));
        let listed = profile_lines
            .get(at + 1)
            .and_then(|l| l.trim().strip_prefix("rules: "))
            .map(|l| l.split(", ").collect::<Vec<_>>())
            .unwrap_or_default();
        let want: Vec<&str> = p.rules().iter().map(Rule::name).collect();
        if !want.is_empty() {
            assert_eq!(listed, want, "rules of profile {}", p.name());
        }
    }
    let headers: Vec<&str> = rules
        .lines()
        .filter_map(|l| {
            let name = l.strip_prefix("  ")?;
            let (name, rest) = name.split_once("  (")?;
            (!name.starts_with(' ') && rest.contains(')')).then_some(name)
        })
        .collect();
    let table: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(
        headers, table,
        "one header line per rule of the table, in order"
    );
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

/// Issue 13: `NASKH_SIMD` forces a kernel; an unknown value, or a kernel this CPU cannot
/// run, is an error (exit 2, nothing written), and every kernel writes the same output.
#[test]
fn naskh_simd_forces_a_kernel_or_is_a_clear_error() {
    use naskh::normalize::Kernel;
    let text = "قال\u{00A0}الوزيرُ: «إنَّ التَّعاون» ١٢\u{200F}\n".repeat(50);
    let with = |value: &str| {
        let mut child = naskh()
            .args(["normalize", "-p", "search"])
            .env("NASKH_SIMD", value)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
        child.wait_with_output().unwrap()
    };
    let o = with("sse9");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "naskh: error: NASKH_SIMD=\"sse9\": unknown value; expected avx512, avx2, off or auto\n"
    );
    let reference = with("off");
    assert_eq!(reference.status.code(), Some(0), "{}", stderr(&reference));
    for k in Kernel::ALL {
        let o = with(k.name());
        if k.is_supported() {
            assert_eq!(o.status.code(), Some(0), "{k}: {}", stderr(&o));
            assert_eq!(o.stdout, reference.stdout, "{k} kernel");
        } else {
            assert_eq!(o.status.code(), Some(2), "{k}");
            assert!(o.stdout.is_empty());
            assert!(stderr(&o).contains("this CPU cannot run"), "{}", stderr(&o));
        }
    }
}

/// Issue 13: `naskh --version --verbose` says which kernel runs and why.
#[test]
fn version_verbose_names_the_kernel() {
    use naskh::normalize::Kernel;
    let o = naskh()
        .args(["--version", "--verbose"])
        .env_remove("NASKH_SIMD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    let best = Kernel::best();
    assert!(
        out.starts_with(&format!("naskh {}\n", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "kernel: {} ({best}; the best this CPU runs",
            best.name()
        )),
        "{out}"
    );
    for k in Kernel::ALL {
        let sign = if k.is_supported() { '+' } else { '-' };
        assert!(out.contains(&format!("{sign}{}", k.name())), "{out}");
    }
    let o = naskh()
        .args(["-V", "--verbose"])
        .env("NASKH_SIMD", "off")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("kernel: off (scalar; NASKH_SIMD=off)")
    );
    let o = naskh()
        .args(["--version", "--verbose"])
        .env("NASKH_SIMD", "x")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown value"));
    // Without --verbose, the version alone, as before.
    let o = naskh().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!("naskh {}\n", env!("CARGO_PKG_VERSION"))
    );
}
