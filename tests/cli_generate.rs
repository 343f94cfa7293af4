//! `naskh completions` and `naskh man` as a black box: scripts for every shell, manual
//! pages on standard output and written to a folder, read by man(1) when it is there.

use std::fs;
use std::process::Command;

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn completions_and_manual_pages() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = naskh().args(["completions", shell]).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = text(&o.stdout);
        for word in ["normalize", "snapshot", "quote-style", "completions"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    let o = naskh().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = naskh().arg("man").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let page = text(&o.stdout);
    assert!(
        page.contains(".TH naskh 1") && page.contains(".SH SUBCOMMANDS"),
        "{page}"
    );
    assert!(page.contains("naskh\\-snapshot(1)"), "{page}");
    let o = naskh().args(["man", "snapshot", "check"]).output().unwrap();
    let page = text(&o.stdout);
    assert!(
        page.contains(".TH naskh-snapshot-check 1") && page.contains("\\-\\-report"),
        "{page}"
    );
    let o = naskh().args(["man", "snapshot", "nope"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("check, update, list"));
    let dir = tempfile::tempdir().unwrap();
    let o = naskh()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut pages: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for want in [
        "naskh.1",
        "naskh-normalize.1",
        "naskh-snapshot-check.1",
        "naskh-man.1",
    ] {
        assert!(pages.contains(&want.to_string()), "{pages:?}");
    }
    // man(1) reads them, if it is installed.
    if Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let o = Command::new("man")
            .arg("-l")
            .arg(dir.path().join("naskh-snapshot-check.1"))
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        assert!(text(&o.stdout).contains("--report"), "{}", text(&o.stderr));
    }
}
