//! Bench inputs shared by the benches: files named by environment variables.

use std::path::{Path, PathBuf};

/// The crate's folder.
pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The texts of the file named by `var` (or `default`), or of every `.txt` file under
/// that folder, with their paths. Without `var`, the vowelled fixtures
/// (`vowelled-*.txt`) are not news and are skipped.
pub fn articles(var: &str, default: &Path) -> (PathBuf, Vec<String>) {
    let path = std::env::var_os(var).map_or_else(|| default.to_path_buf(), PathBuf::from);
    let mut texts = Vec::new();
    if path.is_dir() {
        for f in naskh::corpus::walk(&path, "txt").expect("bench input folder") {
            let vowelled = f
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("vowelled-"));
            if std::env::var_os(var).is_none() && vowelled {
                continue;
            }
            if let Ok(t) = std::fs::read_to_string(path.join(f)) {
                texts.push(t);
            }
        }
    } else {
        let t =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        texts.push(t);
    }
    assert!(
        texts.iter().any(|t| !t.is_empty()),
        "{}: no text",
        path.display()
    );
    (path, texts)
}

/// The megabytes to repeat inputs to: `NASKH_BENCH_MB`, 10 by default.
pub fn target_bytes() -> usize {
    let mb: f64 = std::env::var("NASKH_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    (mb * 1e6) as usize
}

/// [`articles`] joined by newlines and repeated to [`target_bytes`]: (label, text).
pub fn load(var: &str, default: &Path) -> (String, String) {
    let (path, texts) = articles(var, default);
    let mut text = String::new();
    for t in &texts {
        text.push_str(t);
        text.push('\n');
    }
    let target = target_bytes();
    let mut out = String::with_capacity(target + text.len());
    while out.len() < target {
        out.push_str(&text);
    }
    (path.display().to_string(), out)
}

/// Mean time per iteration, in ns, from criterion's saved estimate.
pub fn mean_ns(group: &str, name: &str) -> Option<f64> {
    // Where criterion writes: `CRITERION_HOME`, else the target directory's `criterion`
    // (`CARGO_TARGET_DIR` when set: reading `target/` then gave an older run's figures).
    let dir = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| manifest().join("target/criterion"));
    let json =
        std::fs::read_to_string(dir.join(group).join(name).join("new/estimates.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&json).ok()?;
    v["mean"]["point_estimate"].as_f64()
}
