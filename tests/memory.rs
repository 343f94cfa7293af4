//! Peak memory of the built binary on the shapes that once took hundreds of times their
//! input (issue 8): a million one-letter lines, extracted, and a pair of them diffed.
//! The floor is 30× the input (both versions, for a diff).
//!
//! Extended (`cargo test --release -- --ignored`, as `.ci/run` does): the peak is read
//! from `/proc/PID/status` (`VmHWM`, the resident set's high-water mark) while the
//! process runs, so it is Linux only, and a debug build's figures are not the release's.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A deterministic text of `lines` one-letter lines (Arabic letters, two bytes and a
/// newline each), and a copy of it with `changes` lines changed.
fn pair(lines: usize, changes: usize) -> (String, String) {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let letter = |k: u64| char::from_u32(0x0628 + (k % 19) as u32).unwrap();
    let old: Vec<char> = (0..lines).map(|_| letter(next())).collect();
    let mut new = old.clone();
    for _ in 0..changes {
        let at = (next() % lines as u64) as usize;
        // The next letter of the 19.
        new[at] = letter(u64::from(u32::from(new[at]) - 0x0628 + 1));
    }
    let text = |v: &[char]| v.iter().map(|c| format!("{c}\n")).collect::<String>();
    (text(&old), text(&new))
}

/// The peak resident memory of `naskh ARGS`, in bytes, and its exit status.
#[cfg(target_os = "linux")]
fn peak(args: &[&std::ffi::OsStr]) -> (u64, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_naskh"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut high = 0;
    loop {
        // The high-water mark only grows: the last reading before the exit is the peak,
        // unless the process reached it in its last millisecond (it writes its output
        // after its peak).
        if let Ok(s) = std::fs::read_to_string(&status)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            high = high.max(kb * 1024);
        }
        if let Some(exit) = child.try_wait().unwrap() {
            return (high, exit.code());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[cfg(target_os = "linux")]
fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "extended: the release binary's peak memory on a million lines"]
fn a_diff_of_a_million_short_lines_stays_under_30_times_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair(1_000_000, 2_000);
    let input = (old.len() + new.len()) as u64;
    let (a, b) = (
        write(dir.path(), "a.txt", &old),
        write(dir.path(), "b.txt", &new),
    );
    let out = dir.path().join("out.json");
    for format in ["term", "json", "unified", "html"] {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "diff".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ];
        if format == "json" {
            args.extend(["-o".as_ref(), out.as_os_str()]);
        }
        let (bytes, code) = peak(&args);
        assert_eq!(code, Some(1), "{format}: the versions differ");
        assert!(
            bytes <= 30 * input,
            "{format}: {} MB peak for a {} MB pair ({:.1}×)",
            bytes >> 20,
            input >> 20,
            bytes as f64 / input as f64
        );
    }
    // The JSON is whole: it parses, and the runs of unchanged blocks cover every block.
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let blocks = v["old"]["blocks"].as_array().unwrap().len();
    let summary = &v["summary"];
    let counted: u64 = [
        "unchanged",
        "changed",
        "moved",
        "deleted",
        "split",
        "merged",
    ]
    .iter()
    .map(|k| summary[k].as_u64().unwrap())
    .sum();
    assert_eq!(blocks, 1_000_000);
    assert!(counted > 0 && counted <= blocks as u64, "{summary}");
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "extended: the release binary's peak memory on a million lines"]
fn extracting_a_million_short_lines_stays_under_30_times_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = pair(1_000_000, 0);
    let a = write(dir.path(), "a.txt", &text);
    for format in ["yaml", "json"] {
        let out = dir.path().join(format!("out.{format}"));
        let (bytes, code) = peak(&[
            "extract".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            a.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(code, Some(0), "{format}");
        assert!(
            bytes <= 30 * text.len() as u64,
            "{format}: {} MB peak for {} MB ({:.1}×)",
            bytes >> 20,
            text.len() >> 20,
            bytes as f64 / text.len() as f64
        );
    }
}
