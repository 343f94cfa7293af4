//! Nothing lost (issue 8), the built binary as a black box: where every writing option
//! writes (devices, FIFOs, `-`, symbolic links), that no option overwrites an input (also
//! through links), what `--in-place` keeps and refuses, that a killed run leaves no
//! temporary file, and the input limit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn naskh() -> Command {
    Command::new(env!("CARGO_BIN_EXE_naskh"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    naskh().args(args).stdin(Stdio::null()).output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "قال الوزير: «نعم».\nوأضافَ أن الخطة جاهزة.\n";

/// A folder with `a.txt` holding [`ARTICLE`].
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, ARTICLE).unwrap();
    (dir, a)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
fn is_char_device(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

/// `-o /dev/null` writes into the device (it stays a device: replacing it by a file
/// needs only root, and broke the machine for every later program); `-o /dev/stdout`
/// and `-o -` print.
#[cfg(unix)]
#[test]
fn devices_and_dash_are_written_directly() {
    let (dir, a) = folder();
    // As root a device of our own (the null device's numbers) in the test's folder, so
    // that a regression cannot break the machine's /dev/null; otherwise /dev/null itself,
    // which a process that is not root cannot replace anyway.
    let private = dir.path().join("null");
    let null = if rustix_is_root()
        && Command::new("mknod")
            .arg(&private)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success())
    {
        private
    } else {
        PathBuf::from("/dev/null")
    };
    if is_char_device(&null) {
        for cmd in [&["normalize"][..], &["extract"], &["diff"]] {
            let mut args: Vec<&std::ffi::OsStr> = cmd.iter().map(|c| os(c)).collect();
            args.push(a.as_os_str());
            if cmd[0] == "diff" {
                args.push(a.as_os_str());
            }
            args.extend([os("-o"), null.as_os_str()]);
            let o = run(&args);
            assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
            assert!(is_char_device(&null), "{cmd:?} replaced {}", null.display());
        }
    }
    for out in ["-", "/dev/stdout"] {
        let o = run(&[
            os("normalize"),
            os("-p"),
            os("search"),
            a.as_os_str(),
            os("-o"),
            out.as_ref(),
        ]);
        assert!(o.status.success(), "{out}: {}", stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("واضاف"),
            "{out}"
        );
        assert!(!Path::new("-").exists());
    }
}

/// A FIFO is written into, not replaced.
#[cfg(unix)]
#[test]
fn a_fifo_is_written_into() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let (dir, a) = folder();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let o = run(&[os("extract"), a.as_os_str(), os("-o"), fifo.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(reader.join().unwrap().contains("نعم"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// A symbolic link as the target: the file it names is replaced, the link stays.
#[cfg(unix)]
#[test]
fn a_link_is_followed() {
    let (dir, a) = folder();
    let real = dir.path().join("real.txt");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let o = run(&[
        os("normalize"),
        os("-p"),
        os("search"),
        a.as_os_str(),
        os("-o"),
        link.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains("واضاف"));
    // A dangling link: the file it names is created.
    let dangling = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink("made.txt", &dangling).unwrap();
    let o = run(&[os("extract"), a.as_os_str(), os("-o"), dangling.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::read_to_string(dir.path().join("made.txt"))
            .unwrap()
            .contains("نعم")
    );
}

/// No writing option overwrites an input: not by name, not through a symbolic link, not
/// through another hard link to it.
#[cfg(unix)]
#[test]
fn no_option_overwrites_an_input() {
    let (dir, a) = folder();
    let hard = dir.path().join("hard.txt");
    fs::hard_link(&a, &hard).unwrap();
    let soft = dir.path().join("soft.txt");
    std::os::unix::fs::symlink("a.txt", &soft).unwrap();
    for target in [&a, &hard, &soft] {
        let t = target.as_os_str();
        let attempts: Vec<Vec<&std::ffi::OsStr>> = vec![
            vec![os("normalize"), a.as_os_str(), os("-o"), t],
            vec![os("normalize"), a.as_os_str(), os("--offsets"), t],
            vec![os("extract"), a.as_os_str(), os("-o"), t],
            vec![os("diff"), a.as_os_str(), a.as_os_str(), os("-o"), t],
        ];
        for args in attempts {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("refusing to overwrite the input"),
                "{}",
                stderr(&o)
            );
            assert_eq!(fs::read_to_string(&a).unwrap(), ARTICLE, "{args:?}");
        }
    }
    // --offsets and -o naming one new file.
    let both = dir.path().join("both.json");
    let o = run(&[
        os("normalize"),
        a.as_os_str(),
        os("-o"),
        both.as_os_str(),
        os("--offsets"),
        both.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// `snapshot check --report` never lands on an article or a snapshot.
#[test]
fn the_report_never_replaces_an_article_or_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let snaps = dir.path().join("snapshots");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), ARTICLE).unwrap();
    fs::write(corpus.join("b.txt"), ARTICLE).unwrap();
    let dirs = |cmd: &str| {
        let mut c = naskh();
        c.args(["snapshot", cmd, "--corpus"])
            .arg(&corpus)
            .arg("--snapshots")
            .arg(&snaps);
        c
    };
    assert!(dirs("update").output().unwrap().status.success());
    let snap = fs::read_dir(&snaps)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = fs::read(&snap).unwrap();
    for target in [corpus.join("a.txt"), snap.clone()] {
        let o = dirs("check").arg("--report").arg(&target).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("refusing to overwrite"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(fs::read_to_string(corpus.join("a.txt")).unwrap(), ARTICLE);
    assert_eq!(fs::read(&snap).unwrap(), before);
}

/// `--in-place` keeps mode and owner, writes through a link, refuses a read-only file and
/// (without --force) a file with other hard links.
#[cfg(unix)]
#[test]
fn in_place_keeps_and_refuses() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let in_place = |f: &Path, extra: &[&str]| {
        naskh()
            .args(["normalize", "-p", "search", "--in-place"])
            .args(extra)
            .arg(f)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let (dir, a) = folder();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    let root = rustix_is_root();
    if root {
        // Owned by someone else: the rewritten file still is.
        assert!(
            Command::new("chown")
                .args(["1234:4321"])
                .arg(&a)
                .status()
                .unwrap()
                .success()
        );
    }
    let o = in_place(&a, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = fs::metadata(&a).unwrap();
    assert_eq!(m.permissions().mode() & 0o777, 0o640);
    if root {
        assert_eq!((m.uid(), m.gid()), (1234, 4321));
    }
    assert!(fs::read_to_string(&a).unwrap().contains("واضاف"));

    // Through a link: the link stays a link.
    let b = dir.path().join("b.txt");
    fs::write(&b, ARTICLE).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("b.txt", &link).unwrap();
    let o = in_place(&link, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&b).unwrap().contains("واضاف"));

    // Read-only: refused, untouched (even for root, who could write it).
    let ro = dir.path().join("ro.txt");
    fs::write(&ro, ARTICLE).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let o = in_place(&ro, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&ro).unwrap(), ARTICLE);

    // Other hard links: refused, then with --force this name only.
    let h1 = dir.path().join("h1.txt");
    let h2 = dir.path().join("h2.txt");
    fs::write(&h1, ARTICLE).unwrap();
    fs::hard_link(&h1, &h2).unwrap();
    let o = in_place(&h1, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hard link"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&h1).unwrap(), ARTICLE);
    let o = in_place(&h1, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&h1).unwrap().contains("واضاف"));
    assert_eq!(fs::read_to_string(&h2).unwrap(), ARTICLE);
    // Nothing but the files made here is left in the folder.
    assert_eq!(
        names(dir.path()),
        ["a.txt", "b.txt", "h1.txt", "h2.txt", "link.txt", "ro.txt"]
    );
}

#[cfg(unix)]
fn rustix_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `kill -9` at any moment of a write leaves no temporary file (the temporary file has
/// no name until it is complete), and the target is the old file or the new one.
#[cfg(unix)]
#[test]
fn a_killed_write_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, ARTICLE.repeat(200_000)).unwrap(); // ~12 MB
    let out = dir.path().join("out.txt");
    let normalize = || {
        let mut c = naskh();
        // `none`: the run is mostly reading and writing.
        c.args(["normalize", "-p", "none"])
            .arg(&big)
            .arg("-o")
            .arg(&out);
        c.stderr(Stdio::null());
        c
    };
    // How long a whole run takes here, to kill runs all along it.
    let t = std::time::Instant::now();
    assert!(normalize().status().unwrap().success());
    let whole = t.elapsed();
    fs::write(&out, "old").unwrap();
    for k in 1..=8 {
        let mut child = normalize().spawn().unwrap();
        std::thread::sleep(whole * k / 8);
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(names(dir.path()), ["big.txt", "out.txt"], "killed at {k}/8");
        let now = fs::metadata(&out).unwrap().len();
        assert!(
            now == 3 || now == fs::metadata(&big).unwrap().len(),
            "half a file at {k}/8"
        );
    }
}

/// A named temporary file left by a process that is gone is removed by the next run that
/// writes in that folder; one of a live process is left alone.
#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_are_removed() {
    let (dir, a) = folder();
    let stale = dir.path().join(".naskh-3999999-abcdef.tmp");
    let live = dir
        .path()
        .join(format!(".naskh-{}-abcdef.tmp", std::process::id()));
    fs::write(&stale, "x").unwrap();
    fs::write(&live, "x").unwrap();
    let out = dir.path().join("out.txt");
    let o = run(&[os("normalize"), a.as_os_str(), os("-o"), out.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stale.exists());
    assert!(live.exists());
}

/// An input larger than the limit is refused with a clear error, whether its size is
/// known (a file) or not (a device that never ends).
#[test]
fn inputs_past_the_limit_are_refused() {
    let (_dir, a) = folder();
    let o = naskh()
        .env("NASKH_MAX_INPUT", "16")
        .args(["extract"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("more than naskh reads at once"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("NASKH_MAX_INPUT"), "{}", stderr(&o));
    if Path::new("/dev/zero").exists() {
        let o = naskh()
            .env("NASKH_MAX_INPUT", "1M")
            .args(["normalize", "/dev/zero"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("/dev/zero"), "{}", stderr(&o));
    }
    let o = naskh()
        .env("NASKH_MAX_INPUT", "lots")
        .arg("extract")
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a size"), "{}", stderr(&o));
}
