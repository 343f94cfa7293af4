//! `naskh extract` and `naskh snapshot` as a black box: the built binary on files in a
//! temporary folder, its output, messages, exit codes and the files it leaves.

use std::fs;
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
fn names_do_not_depend_on_which_articles_exist() {
    // Issue 8: insta's glob! alone names files after the folder the matches share, so
    // deleting the only top-level article renamed every other snapshot and `update
    // --prune` then deleted the reviewed ones. Names are relative to the corpus folder.
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    let short = p.path("snaps/extract@sub__short.txt.snap");
    let reviewed = fs::read(&short).unwrap();
    fs::remove_file(p.path("corpus/seed.txt")).unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("1 articles: 1 match, 0 changed, 0 missing, 1 orphaned"),
        "{out}"
    );
    let o = p.snapshot(&["update", "--prune"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(p.snaps(), ["extract@sub__short.txt.snap"]);
    assert_eq!(
        fs::read(&short).unwrap(),
        reviewed,
        "the reviewed snapshot was rewritten"
    );
    assert_eq!(p.snapshot(&["check"]).status.code(), Some(0));
}

#[test]
fn names_that_would_collide_are_an_error_naming_both() {
    // Issue 8: `x/b.txt` and `x__b.txt` both map to `extract@x__b.txt.snap`.
    let p = Project::new();
    fs::create_dir_all(p.path("corpus/x")).unwrap();
    fs::write(p.path("corpus/x/b.txt"), "خبر أول.\n").unwrap();
    fs::write(p.path("corpus/x__b.txt"), "خبر ثان.\n").unwrap();
    for cmd in ["check", "update", "list"] {
        let o = p.snapshot(&[cmd]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let e = text(&o.stderr);
        assert!(
            e.contains("corpus/x/b.txt")
                && e.contains("corpus/x__b.txt")
                && e.contains("extract@x__b.txt.snap"),
            "{cmd}: {e}"
        );
    }
    assert!(p.snaps().is_empty(), "{:?}", p.snaps());
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
fn missing_or_empty_corpus_folder_is_trouble() {
    let p = Project::new();
    let run = |corpus: &str, cmd: &str| {
        naskh()
            .args(["snapshot", cmd, "--corpus"])
            .arg(p.path(corpus))
            .arg("--snapshots")
            .arg(p.path("snaps"))
            .output()
            .unwrap()
    };
    let o = run("no-such-dir", "check");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no-such-dir: no such directory"),
        "{}",
        text(&o.stderr)
    );
    let o = run("corpus/seed.txt", "check");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("seed.txt: not a directory"));
    // A folder with no article: a CI job pointed at the wrong folder fails, and
    // `update --prune` does not take every snapshot for an orphan.
    assert!(p.snapshot(&["update"]).status.success());
    fs::create_dir_all(p.path("empty/sub")).unwrap();
    fs::write(p.path("empty/notes.md"), "x").unwrap();
    for cmd in ["check", "update", "list"] {
        let o = run("empty", cmd);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let e = text(&o.stderr);
        assert!(
            e.contains("no article") && e.contains("--corpus"),
            "{cmd}: {e}"
        );
    }
    let o = naskh()
        .args(["snapshot", "update", "--prune", "--corpus"])
        .arg(p.path("empty"))
        .arg("--snapshots")
        .arg(p.path("snaps"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(p.snaps().len(), 2, "snapshots were pruned");
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

/// The seed article with one word inserted into its second paragraph (issue 11): 94
/// lines of the snapshot changed when it held byte offsets. Now only the lines about
/// what changed do (that paragraph, its speaker, the counts), after a summary.
#[test]
fn one_word_changes_only_the_lines_about_it() {
    let p = Project::new();
    assert!(p.snapshot(&["update"]).status.success());
    let edited = seed().replacen("وقال لافروف، خلال", "وقال سيرغي لافروف، خلال", 1);
    assert_ne!(edited, seed());
    fs::write(p.path("corpus/seed.txt"), edited).unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let changed: Vec<&str> = out
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    for line in &changed {
        let about_it = (line.contains("  text: وقال") && line.contains("لافروف، خلال"))
            || (line.contains("name:") && line.contains("لافروف"))
            || line.contains("  words: ")
            || line.contains("  characters: ");
        assert!(about_it, "a line not about the edit changed: {line}\n{out}");
    }
    assert!(
        changed.len() <= 10,
        "{} lines changed:\n{out}",
        changed.len()
    );
    // The summary comes first, before the diff.
    let summary_at = out.find("  paragraph 2 changed, 1 word added").expect(&out);
    assert!(summary_at < out.find("--- snapshot").unwrap(), "{out}");
    assert!(out.contains("speaker لافروف → سيرغي لافروف"), "{out}");
    assert!(out.contains("  stats: words "), "{out}");
    // The reports carry the same summary.
    let report = p.path("report.json");
    let o = p.snapshot(&["check", "--report", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let summary = v["entries"][0]["summary"].as_array().unwrap();
    assert!(
        summary
            .iter()
            .any(|l| l.as_str().unwrap().starts_with("paragraph 2 changed")),
        "{summary:?}"
    );
}

/// Issue 8: nothing from an article, a stored `.snap` or a file name reaches the
/// terminal raw (an OSC 52 clipboard write, a screen clear, an RLO did).
#[test]
fn nothing_reaches_the_terminal_raw() {
    let p = Project::new();
    let hostile = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u{202E}\u{9b}";
    // In an article's text, and in an article's file name.
    fs::write(
        p.path("corpus/sub/short.txt"),
        format!("قال الوزير: «الاتفاق {hostile} جاهز».\n"),
    )
    .unwrap();
    fs::write(p.path(&format!("corpus/sub/name{hostile}.txt")), "خبر.\n").unwrap();
    let raw = |o: &Output| {
        let all = text(&o.stdout) + &text(&o.stderr);
        all.chars()
            .find(|&c| naskh::escape::needs_escape(c))
            .map(|c| format!("U+{:04X} in:\n{all}", c as u32))
    };
    for args in [
        &["check"][..],
        &["update"],
        &["list"],
        &["list", "--json"],
        &["check"],
    ] {
        let o = p.snapshot(args);
        assert_eq!(raw(&o), None, "{args:?}");
    }
    // `list --json` still reads back to the real names.
    let o = p.snapshot(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.to_string().contains('\u{202E}'));
    // A stored snapshot whose body holds the sequences itself (written by hand, or by
    // another tool): its diff is shown escaped.
    let snap = p.path("snaps/extract@seed.txt.snap");
    let stored = fs::read_to_string(&snap).unwrap();
    fs::write(
        &snap,
        stored.replacen("headline: null", &format!("headline: {hostile}"), 1),
    )
    .unwrap();
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(raw(&o), None);
    assert!(
        text(&o.stdout).contains("\\x1b]52;c;"),
        "{}",
        text(&o.stdout)
    );
}

/// Issue 8: a folder reached through a symbolic link is followed (insta's glob! follows
/// it) and said; a FIFO named `*.txt` is skipped with a warning (it hung the check).
#[cfg(unix)]
#[test]
fn linked_folders_are_said_and_fifos_skipped() {
    let p = Project::new();
    fs::create_dir_all(p.path("elsewhere")).unwrap();
    fs::write(p.path("elsewhere/far.txt"), "خبر بعيد.\n").unwrap();
    std::os::unix::fs::symlink(p.path("elsewhere"), p.path("corpus/linked")).unwrap();
    let fifo = p.path("corpus/sub/pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = naskh()
        .args(["snapshot", "update", "--corpus"])
        .arg(p.path("corpus"))
        .arg("--snapshots")
        .arg(p.path("snaps"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("snapshot update hangs on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let e = text(&o.stderr);
    assert!(
        e.contains("corpus/linked: a symbolic link to a folder"),
        "{e}"
    );
    assert!(
        e.contains("sub/pipe.txt: a FIFO (named pipe), not a regular file: skipped"),
        "{e}"
    );
    assert!(
        p.snaps()
            .contains(&"extract@linked__far.txt.snap".to_string()),
        "{:?}",
        p.snaps()
    );
    let o = p.snapshot(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("FIFO"));
}

/// Issue 11: `snapshot check | head -1` keeps its status, as GNU diff and git do
/// (killed by SIGPIPE: 141 in a shell), instead of 0 ("all match").
#[cfg(unix)]
#[test]
fn check_keeps_its_status_through_a_closed_pipe() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let p = Project::new();
    // Enough missing snapshots to fill the pipe (naskh widens it to 1 MiB) with room
    // to spare: naskh must wait for the reader, which closes it. Each report line names
    // the file twice (about 560 bytes with these names).
    let long = "ب".repeat(110);
    for i in 0..2500 {
        fs::write(
            p.path(&format!("corpus/sub/a{i:04}{long}.txt")),
            "خبر قصير.\n",
        )
        .unwrap();
    }
    let mut child = naskh()
        .args(["snapshot", "check", "--corpus"])
        .arg(p.path("corpus"))
        .arg("--snapshots")
        .arg(p.path("snaps"))
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
    assert_eq!(
        o.status.signal(),
        Some(13),
        "{:?} {}",
        o.status,
        text(&o.stderr)
    );
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    // What a shell reports, as for `diff` and `git diff`.
    let script = format!(
        "set -o pipefail; '{}' snapshot check --corpus '{}' --snapshots '{}' | head -c 1 >/dev/null",
        env!("CARGO_BIN_EXE_naskh"),
        p.path("corpus").display(),
        p.path("snaps").display()
    );
    let st = Command::new("bash").args(["-c", &script]).status().unwrap();
    assert_eq!(st.code(), Some(141));
    // extract stays quiet with 0.
    let big = p.path("big.txt");
    fs::write(&big, "وقال الوزير: «نعم».\n".repeat(20_000)).unwrap();
    let mut child = naskh()
        .arg("extract")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}
