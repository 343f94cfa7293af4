//! `naskh extract` and `naskh snapshot` as a black box: the built binary on files in a
//! temporary folder, its output, messages, exit codes and the files it leaves.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn seed() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rt-lavrov-de-mistura.txt"),
    )
    .unwrap()
}

/// A corpus of two articles (one in a subfolder) and an empty snapshot folder.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("corpus/sub")).unwrap();
        fs::write(dir.path().join("corpus/seed.txt"), seed()).unwrap();
        fs::write(
            dir.path().join("corpus/sub/short.txt"),
            "قال الوزير: «الاتفاق جاهز».\nوأضاف أن التوقيع سيتم في 3 مارس.\n",
        )
        .unwrap();
        Project { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn snapshot(&self, args: &[&str]) -> Output {
        naskh()
            .arg("snapshot")
            .args(args)
            .arg("--corpus")
            .arg(self.path("corpus"))
            .arg("--snapshots")
            .arg(self.path("snaps"))
            .output()
            .unwrap()
    }

    fn snaps(&self) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(self.path("snaps"))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

#[test]
fn extract_prints_yaml_or_json_of_the_seed() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rt-lavrov-de-mistura.txt");
    let o = naskh()
        .args(["extract", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 11);
    assert_eq!(v["quotes"].as_array().unwrap().len(), 12);
    assert_eq!(v["source"]["name"], "موقع روسيا اليوم");
    // Spans are byte ranges of the original file.
    let seed = seed();
    let q = &v["quotes"][0];
    let (a, b) = (
        q["span"][0].as_u64().unwrap() as usize,
        q["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&seed[a..b], q["text"].as_str().unwrap());

    let y = naskh().arg("extract").arg(&file).output().unwrap();
    let y = text(&y.stdout);
    assert!(y.starts_with("headline: null\n"), "{y}");
    assert!(y.contains("  verb: تابع قائلا\n"));

    // -o writes the same text to a file.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("seed.yaml");
    let st = naskh()
        .arg("extract")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(fs::read_to_string(&out).unwrap(), y);
}

#[test]
fn extract_reads_stdin_and_empty_input_is_an_empty_structure() {
    let mut child = naskh()
        .args(["extract", "-", "-f", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["paragraphs"], serde_json::json!([]));
    assert_eq!(v["quotes"], serde_json::json!([]));
    assert_eq!(v["stats"]["words"], 0);
    assert!(v["headline"].is_null());

    let mut child = naskh()
        .arg("extract")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("وقال: «نعم».\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(
        text(&o.stdout).contains("- text: نعم\n"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn extract_rejects_invalid_utf8_missing_and_binary_files() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.txt");
    let mut bytes = "قال الوزير".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xD8, 0x20, b'x']);
    fs::write(&bad, &bytes).unwrap();
    let o = naskh().arg("extract").arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("bad.txt") && e.contains("byte 19"), "{e}");
    assert!(o.stdout.is_empty());

    let o = naskh()
        .arg("extract")
        .arg(tmp.path().join("nope.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("nope.txt"));

    let bin = tmp.path().join("x.bin");
    fs::write(&bin, b"\x00\x01\x02PK\x03\x04").unwrap();
    let o = naskh().arg("extract").arg(&bin).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("binary"), "{}", text(&o.stderr));
}

#[test]
fn check_update_check_cycle() {
    let p = Project::new();
    // Nothing stored yet: both articles are missing their snapshots.
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("missing:") && out.contains("sub/short.txt"),
        "{out}"
    );
    assert!(
        out.contains("2 articles: 0 match, 0 changed, 2 missing"),
        "{out}"
    );

    let o = p.snapshot(&["update"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        p.snaps(),
        ["extract@seed.txt.snap", "extract@sub__short.txt.snap"]
    );
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));

    // Update rewrites only what changed.
    let seed_snap = p.path("snaps/extract@seed.txt.snap");
    let short_snap = p.path("snaps/extract@sub__short.txt.snap");
    let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    for f in [&seed_snap, &short_snap] {
        fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    fs::write(
        p.path("corpus/sub/short.txt"),
        "قال الوزير: «الاتفاق جاهز تماما».\n",
    )
    .unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("changed: ") && out.contains("sub/short.txt"),
        "{out}"
    );
    assert!(
        out.contains("-- text: الاتفاق جاهز\n") && out.contains("+- text: الاتفاق جاهز تماما\n"),
        "{out}"
    );
    let o = p.snapshot(&["update"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).contains("1 updated, 1 unchanged"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(fs::metadata(&seed_snap).unwrap().modified().unwrap(), old);
    assert_ne!(fs::metadata(&short_snap).unwrap().modified().unwrap(), old);
    assert_eq!(p.snapshot(&["check"]).status.code(), Some(0));
}

#[test]
fn invisible_characters_are_visible_in_the_diff() {
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    fs::write(
        p.path("corpus/sub/short.txt"),
        "قال الوزير:\u{200F} «الاتفاق جاهز».\n",
    )
    .unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("<U+200F>"), "{}", text(&o.stdout));
}

#[test]
fn orphans_fail_the_check_and_prune_removes_them() {
    let p = Project::new();
    fs::write(p.path("corpus/sub/extra.txt"), "خبر قصير.\n").unwrap();
    assert!(p.snapshot(&["update"]).status.success());
    assert_eq!(p.snaps().len(), 3);
    fs::remove_file(p.path("corpus/sub/extra.txt")).unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("orphan: ") && out.contains("extract@sub__extra.txt.snap"),
        "{out}"
    );
    assert!(out.contains("1 orphaned"), "{out}");
    // Without --prune the orphan stays (and is named).
    let o = p.snapshot(&["update"]);
    assert!(text(&o.stdout).contains("--prune"));
    assert_eq!(p.snaps().len(), 3);
    let o = p.snapshot(&["update", "--prune"]);
    assert!(o.status.success());
    assert_eq!(
        p.snaps(),
        ["extract@seed.txt.snap", "extract@sub__short.txt.snap"]
    );
    assert_eq!(p.snapshot(&["check"]).status.code(), Some(0));
}

#[test]
fn names_follow_insta_glob_naming() {
    // insta names each snapshot after the path below the matches' common folder; with
    // one article that folder is the file itself, and the name is `extract@`.
    let p = Project::new();
    fs::remove_file(p.path("corpus/seed.txt")).unwrap();
    assert!(p.snapshot(&["update"]).status.success());
    assert_eq!(p.snaps(), ["extract@.snap"]);
}

#[test]
fn pending_writes_snap_new_files_only() {
    let p = Project::new();
    let o = p.snapshot(&["update", "--pending"]);
    assert!(o.status.success());
    assert_eq!(
        p.snaps(),
        [
            "extract@seed.txt.snap.new",
            "extract@sub__short.txt.snap.new"
        ]
    );
    assert_eq!(p.snapshot(&["check"]).status.code(), Some(1));
    // Accepting (what `cargo insta accept` does) makes the check pass; a later plain
    // update leaves no stale proposal behind.
    for name in p.snaps() {
        let from = p.path("snaps").join(&name);
        fs::rename(&from, from.with_extension("")).unwrap();
    }
    assert_eq!(p.snapshot(&["check"]).status.code(), Some(0));
    fs::write(p.path("snaps/extract@seed.txt.snap.new"), "stale").unwrap();
    assert!(p.snapshot(&["update"]).status.success());
    assert_eq!(
        p.snaps(),
        ["extract@seed.txt.snap", "extract@sub__short.txt.snap"]
    );
}

#[test]
fn malformed_snapshot_names_file_and_line() {
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    let snap = p.path("snaps/extract@seed.txt.snap");
    let good = fs::read_to_string(&snap).unwrap();
    // A header that never closes.
    let broken = good.replacen("---\nheadline", "headline", 1);
    fs::write(&snap, broken).unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let all = text(&o.stdout) + &text(&o.stderr);
    assert!(
        all.contains("extract@seed.txt.snap:") && all.contains("malformed snapshot"),
        "{all}"
    );
    // The other article was still checked.
    let o = p.snapshot(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let states: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["error", "ok"]);

    fs::write(&snap, "not a snapshot\n").unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stdout).contains("extract@seed.txt.snap:1:"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn unreadable_article_is_reported_and_the_others_still_checked() {
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    // (Not FF FE: that is a UTF-16 byte order mark, read as UTF-16 since issue 7.)
    fs::write(p.path("corpus/sub/short.txt"), b"\xff\xff bad").unwrap();
    fs::write(p.path("corpus/seed.txt"), seed().replace("2254", "2255")).unwrap();
    let report = p.path("report.json");
    let o = p.snapshot(&["check", "--report", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o.stdout);
    assert!(out.contains("short.txt") && out.contains("byte 0"), "{out}");
    assert!(
        out.contains("changed: ") && out.contains("seed.txt"),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["schema"], "naskh.snapshots/1");
    let states: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["changed", "error"]);
    assert!(
        v["entries"][0]["diff"]
            .as_str()
            .unwrap()
            .contains("+  value: '2255'")
    );
}

#[test]
fn junit_report_for_ci_pages() {
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    fs::write(p.path("corpus/seed.txt"), seed().replace("2254", "2255")).unwrap();
    let report = p.path("junit.xml");
    let o = p.snapshot(&["check", "--report", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let xml = fs::read_to_string(&report).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains("tests=\"2\"") && xml.contains("failures=\"1\""),
        "{xml}"
    );
    assert!(xml.contains("<failure"), "{xml}");
    assert!(xml.contains("2255"), "{xml}");
}

#[test]
fn missing_corpus_folder_is_trouble() {
    let p = Project::new();
    let o = naskh()
        .args(["snapshot", "check", "--corpus"])
        .arg(p.path("no-such-dir"))
        .arg("--snapshots")
        .arg(p.path("snaps"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no-such-dir"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn list_json_names_articles_snapshots_and_states() {
    let p = Project::new();
    let o = p.snapshot(&["list", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let e = v.as_array().unwrap();
    assert_eq!(e.len(), 2);
    assert!(
        e[0]["article"]
            .as_str()
            .unwrap()
            .ends_with("corpus/seed.txt")
    );
    assert!(
        e[0]["snapshot"]
            .as_str()
            .unwrap()
            .ends_with("snaps/extract@seed.txt.snap")
    );
    assert_eq!(e[0]["state"], "missing");
}
