//! `naskh diff` where its output meets a terminal, a pipe and git: nothing from an article
//! or a file name reaches the terminal raw (issue 8), a file git hands over that naskh
//! cannot read does not stop `git diff` (issue 8), the exit status survives a closed pipe
//! and the colour decision follows NO_COLOR, CLICOLOR_FORCE, TERM=dumb and git's
//! `--no-color` (issue 11).

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use naskh::escape::needs_escape;

fn naskh() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_naskh"));
    for v in ["NO_COLOR", "CLICOLOR_FORCE", "GIT_PAGER_IN_USE", "TERM"] {
        c.env_remove(v);
    }
    c
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What an article must not do to a terminal: clear the screen (ESC [2J), write the
/// clipboard (OSC 52), hide a link (OSC 8), reorder the line (RLO), write over it (CR);
/// and a line separator, a C1 CSI and a bell.
const HOSTILE: &str = "\x1b[2J \x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://x\x1b\\رابط\x1b]8;;\x1b\\ \u{202E}نعم\u{202C} سطر\rفوق \u{2028} \u{9b}31m";

fn pair(dir: &Path) -> (String, String) {
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    fs::write(
        &a,
        "أعلنت الوزارة خطة جديدة للتعليم.\n\nوقال الوزير إن الخطة تبدأ غدا.\n",
    )
    .unwrap();
    fs::write(
        &b,
        format!("أعلنت الوزارة خطة {HOSTILE} للتعليم.\n\nوقال الوزير {HOSTILE} تبدأ غدا.\n"),
    )
    .unwrap();
    (a.display().to_string(), b.display().to_string())
}

/// No character a terminal acts on, but for the colours naskh writes itself.
fn assert_safe(t: &str) {
    let stripped = t
        .replace("\x1b[0m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[2m", "");
    let no_sgr = regex_free_strip(&stripped);
    assert!(!no_sgr.chars().any(needs_escape), "{t:?}");
}

/// `s` without naskh's own SGR sequences (`ESC [ digits ; digits m`).
fn regex_free_strip(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let n = after
            .find(|c: char| !c.is_ascii_digit() && c != ';')
            .unwrap_or(after.len());
        if after[n..].starts_with('m') {
            rest = &after[n + 1..];
        } else {
            // Not a colour: keep the ESC for the assertion to find.
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_text_reaches_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = pair(dir.path());
    for args in [
        vec!["diff", &a, &b],
        vec!["diff", "--color", "always", &a, &b],
        vec!["diff", "-f", "unified", &a, &b],
        vec!["diff", "--lines", &a, &b],
        vec!["diff", "--lines", "--color", "always", &a, &b],
        vec!["diff", "--lines", "-f", "unified", &a, &b],
    ] {
        let o = naskh().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        let t = out(&o);
        assert_safe(&t);
        // Shown escaped, not dropped: a reviewer sees what the article holds.
        assert!(t.contains("\\x1b[2J"), "{args:?}: {t}");
        assert!(t.contains("\\x1b]52;c;ZXZpbA==\\x07"), "{args:?}: {t}");
        assert!(t.contains("RLO") || t.contains("<U+202E>"), "{args:?}: {t}");
    }
    // --raw keeps git's behaviour for patch tools.
    let o = naskh()
        .args(["diff", "-f", "unified", "--raw", &a, &b])
        .output()
        .unwrap();
    let t = out(&o);
    assert!(
        t.contains("\x1b[2J \x1b]52;c;ZXZpbA==\x07") && t.contains('\u{202E}'),
        "{t}"
    );
}

#[test]
fn a_newline_in_a_path_forges_no_header_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = pair(dir.path());
    // git's seven arguments, with a path made to look like the start of another file.
    let path = "x.txt\n+++ b/evil.txt\n\x1b[2J";
    for format in ["term", "unified"] {
        let o = naskh()
            .args(["diff", "-f", format, "--raw", path, &a, "0123", "100644"])
            .args([&b, "4567", "100644"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let t = out(&o);
        let lines: Vec<&str> = t.lines().take(2).collect();
        assert_eq!(
            lines,
            [
                "--- a/x.txt\\n+++ b/evil.txt\\n\\x1b[2J",
                "+++ b/x.txt\\n+++ b/evil.txt\\n\\x1b[2J"
            ],
            "{format}: {t}"
        );
        assert!(!t.lines().any(|l| l == "+++ b/evil.txt"), "{t}");
    }
}

fn git(repo: &Path, args: &[&str]) -> Output {
    let o = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c"])
        .arg(format!(
            "diff.naskh.command={} diff",
            env!("CARGO_BIN_EXE_naskh")
        ))
        .args(args)
        .current_dir(repo)
        .env_remove("GIT_PAGER_IN_USE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("GIT_PAGER", "cat")
        .env("TERM", "xterm")
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", err(&o));
    o
}

fn repo_with(files: &[(&str, &[u8], &[u8])]) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    fs::write(repo.path().join(".gitattributes"), "*.txt diff=naskh\n").unwrap();
    for (name, old, _) in files {
        fs::write(repo.path().join(name), old).unwrap();
    }
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "old"]);
    for (name, _, new) in files {
        fs::write(repo.path().join(name), new).unwrap();
    }
    repo
}

#[test]
fn git_goes_on_past_a_file_naskh_cannot_read() {
    // قال الوزير: نعم / لا, in Windows-1256, between two UTF-8 articles.
    let cp1256_old = b"\xe2\xc7\xe1 \xc7\xe1\xe6\xd2\xed\xd1: \xe4\xda\xe3.\n";
    let cp1256_new = b"\xe2\xc7\xe1 \xc7\xe1\xe6\xd2\xed\xd1: \xe1\xc7.\n";
    let repo = repo_with(&[
        (
            "a.txt",
            "قال الوزير: نعم.\n".as_bytes(),
            "قال الوزير: لا.\n".as_bytes(),
        ),
        ("b.txt", cp1256_old, cp1256_new),
        (
            "c.txt",
            "خبر قصير.\n".as_bytes(),
            "خبر قصير جدا.\n".as_bytes(),
        ),
    ]);
    let o = git(repo.path(), &["diff"]);
    let t = out(&o);
    // Every file's diff, in git's order; the one naskh cannot read said so, with the way out.
    let (a, b, c) = (
        t.find("--- a/a.txt").expect(&t),
        t.find("--- a/b.txt").expect(&t),
        t.find("--- a/c.txt").expect(&t),
    );
    assert!(a < b && b < c, "{t}");
    assert!(t.contains("{+لا+}"), "{t}");
    assert!(t.contains("{+جدا+}"), "{t}");
    let said = &t[b..c];
    assert!(said.contains("cannot compare"), "{said}");
    assert!(said.contains("--encoding"), "{said}");
    assert!(!err(&o).contains("external diff died"), "{}", err(&o));
}

#[test]
fn the_exit_status_survives_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = pair(dir.path());
    let status = |args: &[&str]| {
        let mut child = naskh()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before naskh writes (it reads and compares first).
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        (o.status.code(), err(&o))
    };
    // As GNU diff and git: 128 + SIGPIPE, and no error message.
    for format in ["term", "unified", "json"] {
        assert_eq!(
            status(&["diff", "-f", format, &a, &b]),
            (Some(141), String::new()),
            "{format}"
        );
    }
    // No difference: nothing written, nothing cut.
    assert_eq!(status(&["diff", &a, &a]), (Some(0), String::new()));
    // git's external diff: git gets its own SIGPIPE; naskh does not say it died.
    assert_eq!(
        status(&["diff", "x.txt", &a, "0", "100644", &b, "1", "100644"]),
        (Some(0), String::new())
    );
}

/// A one-word change, so the output marks words (`[-…-]` without colours).
fn plain_pair(dir: &Path) -> (String, String) {
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    fs::write(&a, "قال الوزير: نعم.\n\nوأضاف أن الخطة تبدأ غدا.\n").unwrap();
    fs::write(&b, "قال الوزير: لا.\n\nوأضاف أن الخطة تبدأ غدا.\n").unwrap();
    (a.display().to_string(), b.display().to_string())
}

fn coloured(c: &mut Command) -> bool {
    let o = c.output().unwrap();
    out(&o).contains("\x1b[")
}

#[test]
fn colour_follows_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = plain_pair(dir.path());
    let diff = || {
        let mut c = naskh();
        c.args(["diff", &a, &b]);
        c
    };
    // A pipe: no colours, unless CLICOLOR_FORCE (not 0, not empty).
    assert!(!coloured(&mut diff()));
    assert!(coloured(diff().env("CLICOLOR_FORCE", "1")));
    assert!(!coloured(diff().env("CLICOLOR_FORCE", "0")));
    // NO_COLOR wins over CLICOLOR_FORCE: this half bites, as colour would be on without it.
    assert!(!coloured(
        diff().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")
    ));
    // Under git with its pager, colours; NO_COLOR and TERM=dumb turn them off there too.
    let seven = |c: &mut Command| {
        c.args(["diff", "x.txt", &a, "0", "100644", &b, "1", "100644"])
            .env("GIT_PAGER_IN_USE", "true")
            // git colours into its pager only for a terminal that is not dumb.
            .env("TERM", "xterm");
    };
    let mut c = naskh();
    seven(&mut c);
    assert!(coloured(&mut c));
    let mut c = naskh();
    seven(&mut c);
    assert!(!coloured(c.env("NO_COLOR", "1")));
    let mut c = naskh();
    seven(&mut c);
    assert!(!coloured(c.env("TERM", "dumb")));
}

/// Through a real terminal (`script` gives naskh a pseudo-terminal): colours, unless
/// NO_COLOR or TERM=dumb.
#[test]
fn colour_in_a_real_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no script(1) for a pseudo-terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = plain_pair(dir.path());
    let in_tty = |env: &str| {
        let cmd = format!("{env} '{}' diff '{a}' '{b}'", env!("CARGO_BIN_EXE_naskh"));
        let o = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        out(&o)
    };
    let t = in_tty("");
    assert!(t.contains("\x1b[31m"), "a terminal gets colours: {t:?}");
    let t = in_tty("NO_COLOR=1");
    assert!(!t.contains("\x1b[31m") && t.contains("[-"), "{t:?}");
    let t = in_tty("TERM=dumb");
    assert!(!t.contains("\x1b[31m") && t.contains("[-"), "{t:?}");
}

#[test]
fn git_no_color_is_respected() {
    let repo = repo_with(&[(
        "a.txt",
        "قال الوزير: نعم.\n".as_bytes(),
        "قال الوزير: لا.\n".as_bytes(),
    )]);
    let colours = |args: &[&str]| out(&git(repo.path(), args)).contains("\x1b[");
    // git colours into a pipe with color.ui=always, and so does naskh…
    assert!(colours(&["-c", "color.ui=always", "diff"]));
    // … but not with --no-color, which git tells an external diff only on its command line.
    assert!(!colours(&["-c", "color.ui=always", "diff", "--no-color"]));
    assert!(colours(&["diff", "--color"]));
    assert!(!colours(&["diff"]));
}
