//! `naskh diff` as a black box: exit statuses as diff(1), formats, options, bad input,
//! git's external-diff calling convention.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/revisions")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    naskh().args(args).output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn old() -> String {
    data("unemployment.old.txt").display().to_string()
}

fn new() -> String {
    data("unemployment.new.txt").display().to_string()
}

#[test]
fn differences_exit_1_and_print_a_summary() {
    let o = run(&["diff", &old(), &new()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let t = out(&o);
    assert!(t.contains("¶5 → ¶8 moved"), "{t}");
    assert!(t.contains("[-19-]{+7+}"), "{t}");
    assert!(t.contains("number changed: 19% → 7%"), "{t}");
    assert!(
        t.lines()
            .any(|l| l.starts_with("naskh diff: ") && l.contains("7 content")),
        "{t}"
    );
    // Not a terminal: no colours.
    assert!(!t.contains('\x1b'));
}

#[test]
fn identical_files_exit_0_silently() {
    let o = run(&["diff", &old(), &old()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}

#[test]
fn hiding_classes_changes_output_and_status() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    fs::write(&a, "قال أحمد إن الحكومة مستعدة.\n").unwrap();
    fs::write(&b, "قال احمد إن الحكومةَ مستعدة.\n").unwrap();
    let o = naskh().arg("diff").arg(&a).arg(&b).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = naskh()
        .args(["diff", "--hide", "diacritics,orthography"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = naskh()
        .args(["diff", "--hide", "diacritic"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("did you mean diacritics"), "{}", err(&o));
    let o = naskh()
        .args(["diff", "--hide", "content"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn colour_follows_the_options() {
    let o = run(&["diff", "--color", "always", &old(), &new()]);
    assert!(out(&o).contains("\x1b[31m"));
    // NO_COLOR where colour would be on without it (CLICOLOR_FORCE colours a pipe): a
    // pipe alone has no colours anyway, so that check could not fail.
    let forced = |no_color: Option<&str>| {
        let mut c = naskh();
        c.args(["diff", &old(), &new()])
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        out(&c.output().unwrap()).contains('\x1b')
    };
    assert!(forced(None));
    assert!(!forced(Some("1")));
}

#[test]
fn json_format_is_the_versioned_schema() {
    let o = run(&["diff", "-f", "json", &old(), &new()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "naskh.diff/2");
    assert!(
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "moved")
    );
    assert!(v["summary"]["classes"].is_array());
}

#[test]
fn unified_format_is_git_style() {
    let o = run(&["diff", "-f", "unified", &old(), &new()]);
    let t = out(&o);
    assert!(
        t.starts_with(&format!("--- {}\n+++ {}\n@@ ", old(), new())),
        "{t}"
    );
    assert!(
        t.contains("\n-ارتفاع نسبة البطالة في المدن الكبرى\n+تراجع نسبة البطالة في المدن الكبرى\n")
    );
}

#[test]
fn html_to_a_file_atomically_and_never_over_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("diff.html");
    let o = naskh()
        .args(["diff", "-f", "html", "-o"])
        .arg(&page)
        .args([&old(), &new()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(o.stdout.is_empty());
    let h = fs::read_to_string(&page).unwrap();
    assert!(h.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // Only the page is left in the folder (no temporary file).
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

    let input = tmp.path().join("a.txt");
    fs::copy(data("unemployment.old.txt"), &input).unwrap();
    let before = fs::read(&input).unwrap();
    let o = naskh()
        .args(["diff", "-o"])
        .arg(&input)
        .arg(&input)
        .arg(new())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("refusing to overwrite"), "{}", err(&o));
    assert_eq!(fs::read(&input).unwrap(), before);
}

#[test]
fn standard_input_for_one_side() {
    let mut child = naskh()
        .args(["diff", &old(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&fs::read(data("unemployment.new.txt")).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("[-19-]{+7+}"));
    let o = run(&["diff", "-", "-"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_input_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.txt");
    let mut bytes = "قال الوزير\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    fs::write(&bad, &bytes).unwrap();
    let o = naskh().arg("diff").arg(&bad).arg(new()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("bad.txt") && err(&o).contains("byte 20"),
        "{}",
        err(&o)
    );
    assert!(o.stdout.is_empty());

    let o = naskh()
        .arg("diff")
        .arg(old())
        .arg(tmp.path().join("none.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("none.txt"));

    let o = naskh()
        .arg("diff")
        .arg(old())
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("directory"), "{}", err(&o));

    let bin = tmp.path().join("x.bin");
    fs::write(&bin, b"PK\x03\x04\x00\x00binary").unwrap();
    let o = naskh().arg("diff").arg(old()).arg(&bin).output().unwrap();
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["diff", &old()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_empty_side_is_all_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let o = naskh().arg("diff").arg(old()).arg(&empty).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("deleted"));
}

/// `naskh diff` as git calls it: path, old file, hex, mode, new file, hex, mode (for an
/// added file git passes `/dev/null` with hex and mode `.`).
fn git_args(old_file: &str, old_mode: &str) -> Vec<String> {
    let old_hex = if old_mode == "." { "." } else { "0123abc" };
    let new = new();
    [
        "diff",
        "article.txt",
        old_file,
        old_hex,
        old_mode,
        &new,
        "4567def",
        "100644",
    ]
    .map(String::from)
    .to_vec()
}

/// Run the binary with owned arguments.
fn run_owned(args: &[String]) -> Output {
    naskh().args(args).output().unwrap()
}

#[test]
fn git_external_diff_arguments() {
    // path old-file old-hex old-mode new-file new-hex new-mode: compares, exits 0.
    let o = run_owned(&git_args(&old(), "100644"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let t = out(&o);
    assert!(
        t.starts_with("--- a/article.txt\n+++ b/article.txt\n"),
        "{t}"
    );
    assert!(t.contains("[-19-]{+7+}"));
    // git passes /dev/null for a file added or deleted.
    let o = run_owned(&git_args("/dev/null", "."));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("inserted"));
}

#[test]
fn colours_in_git_pager_only_under_git() {
    let seven = git_args(&old(), "100644");
    let coloured = |args: &[String], pager: bool| {
        let mut c = naskh();
        c.args(args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("GIT_PAGER_IN_USE")
            .env("TERM", "xterm");
        if pager {
            c.env("GIT_PAGER_IN_USE", "true");
        }
        out(&c.output().unwrap()).contains('\x1b')
    };
    assert!(coloured(&seven, true));
    assert!(!coloured(&seven, false));
    // Outside git the variable means nothing: a pipe gets no colours.
    let plain = ["diff".to_string(), old(), new()];
    assert!(!coloured(&plain, true));
}

/// Real git calling naskh as the external diff of `*.txt` files.
#[test]
fn as_git_external_diff() {
    let repo = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c"])
            .arg(format!(
                "diff.naskh.command={}",
                env!("CARGO_BIN_EXE_naskh").to_string() + " diff"
            ))
            .args(args)
            .current_dir(repo.path())
            .env_remove("GIT_PAGER_IN_USE")
            .env("GIT_PAGER", "cat")
            .output()
            .expect("git runs");
        assert!(o.status.success(), "git {args:?}: {}", err(&o));
        out(&o)
    };
    git(&["init", "-q"]);
    fs::write(repo.path().join(".gitattributes"), "*.txt diff=naskh\n").unwrap();
    fs::copy(data("unemployment.old.txt"), repo.path().join("a.txt")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    fs::copy(data("unemployment.new.txt"), repo.path().join("a.txt")).unwrap();
    let t = git(&["diff"]);
    assert!(t.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{t}");
    assert!(t.contains("¶5 → ¶8 moved"), "{t}");
    assert!(t.contains("number changed: 19% → 7%"), "{t}");
    // Without the attribute, git's own diff.
    fs::remove_file(repo.path().join(".gitattributes")).unwrap();
    let t = git(&["diff"]);
    assert!(t.starts_with("diff --git"), "{t}");
}

/// As insta calls `INSTA_DIFF_TOOL="naskh diff --lines"`: two snapshot files, relative to
/// the working folder; a line-by-line diff with classes, no article reading.
#[test]
fn as_insta_diff_tool() {
    let dir = tempfile::tempdir().unwrap();
    let snap = |text: &str, span: &str| {
        format!("paragraphs:\n- index: 1\n  text: {text}\n  span: {span}\n")
    };
    fs::write(
        dir.path().join("extract@a.txt.old.snap"),
        snap("أعلنت الوزارة خطة جديدة", "[0, 40]"),
    )
    .unwrap();
    fs::write(
        dir.path().join("extract@a.txt.new.snap"),
        snap("أعلنت الوزارةُ خطة جديدة", "[0, 42]"),
    )
    .unwrap();
    let o = naskh()
        .args([
            "diff",
            "--lines",
            "extract@a.txt.old.snap",
            "extract@a.txt.new.snap",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let t = out(&o);
    assert!(t.contains("line 3 changed: diacritics\n"), "{t}");
    assert!(t.contains("line 4 changed: content\n"), "{t}");
    assert!(!t.contains("facts:"), "{t}");
}
