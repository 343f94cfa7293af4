//! The manifest an output folder keeps, so that `--resume` redoes exactly what is not
//! done: for every output written, its input's size and xxh3 hash, the fingerprint of
//! the settings (profile, rules, quote style, field, encoding, error policy, naskh's
//! version) and the output's own size and hash. An output is skipped only when all of
//! them still match: the input is hashed again (timestamps are never trusted) and so is
//! the output, so an output truncated or edited since is redone.
//!
//! The manifest is `OUTPUT/.naskh-manifest.jsonl`, one JSON object per line, appended
//! after each output is in place (a line cut by a kill is ignored when read back), and
//! rewritten compactly, sorted, at the end of a run. The folder is locked
//! (`OUTPUT/.naskh-lock`) while a run writes into it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::Error;
use crate::fs::{io_error, lock, open, open_append, write_atomic};

/// The manifest's file name in OUTPUT.
pub const MANIFEST_NAME: &str = ".naskh-manifest.jsonl";

/// The lock file's name in OUTPUT.
pub const LOCK_NAME: &str = ".naskh-lock";

/// One output, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The output's path below OUTPUT, with `/`.
    pub output: String,
    /// The input's size in bytes.
    pub input_size: u64,
    /// The input's xxh3 (64 bits), in hex.
    pub input_xxh3: String,
    /// The settings' fingerprint, in hex.
    pub settings: String,
    /// The output's size in bytes.
    pub output_size: u64,
    /// The output's xxh3, in hex.
    pub output_xxh3: String,
}

/// A 64-bit hash in the manifest's spelling.
pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The xxh3 of a file's bytes, and its size.
pub fn hash_file(path: &Path) -> Result<(u64, u64), Error> {
    let mut f = open(path)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(|e| io_error(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        len += n as u64;
    }
    Ok((len, h.digest()))
}

/// An output folder's manifest: what earlier runs recorded, and the file new entries are
/// appended to. Holds the folder's lock while it lives.
pub struct Manifest {
    path: PathBuf,
    old: HashMap<String, Entry>,
    new: Mutex<(File, HashMap<String, Entry>)>,
    _lock: File,
}

impl Manifest {
    /// Open the manifest of `output` (created if need be) and lock the folder. With
    /// `resume`, the entries of earlier runs are read; without, the manifest starts
    /// empty.
    pub fn open(output: &Path, resume: bool) -> Result<Manifest, Error> {
        let lock = lock(&output.join(LOCK_NAME))?;
        let path = output.join(MANIFEST_NAME);
        let mut old = HashMap::new();
        if resume && let Ok(f) = open(&path) {
            for line in BufReader::new(f).split(b'\n') {
                let line = line.map_err(|e| io_error(&path, e))?;
                // A line cut by a kill, or anything else unreadable, is no record.
                if let Ok(e) = serde_json::from_slice::<Entry>(&line) {
                    old.insert(e.output.clone(), e);
                }
            }
        }
        let file = open_append(&path, !resume)?;
        Ok(Manifest {
            path,
            old,
            new: Mutex::new((file, HashMap::new())),
            _lock: lock,
        })
    }

    /// What an earlier run recorded for `output`.
    pub fn previous(&self, output: &str) -> Option<&Entry> {
        self.old.get(output)
    }

    /// Record an output now in place (appended at once: a run killed after this keeps
    /// it).
    pub fn record(&self, entry: Entry) -> Result<(), Error> {
        let mut line = serde_json::to_string(&entry).expect("JSON of plain values");
        line.push('\n');
        let mut guard = self.new.lock().unwrap_or_else(|p| p.into_inner());
        let (file, entries) = &mut *guard;
        file.write_all(line.as_bytes())
            .map_err(|e| io_error(&self.path, e))?;
        entries.insert(entry.output.clone(), entry);
        Ok(())
    }

    /// Keep a previous entry (an output skipped because it is complete).
    pub fn keep(&self, entry: &Entry) -> Result<(), Error> {
        self.record(entry.clone())
    }

    /// Rewrite the manifest with one entry per output recorded in this run, sorted
    /// (atomically).
    pub fn compact(&self) -> Result<(), Error> {
        let guard = self.new.lock().unwrap_or_else(|p| p.into_inner());
        let mut entries: Vec<&Entry> = guard.1.values().collect();
        entries.sort_by(|a, b| a.output.cmp(&b.output));
        let mut text = String::new();
        for e in entries {
            text.push_str(&serde_json::to_string(e).expect("JSON of plain values"));
            text.push('\n');
        }
        write_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> Entry {
        Entry {
            output: name.into(),
            input_size: 3,
            input_xxh3: hex(1),
            settings: hex(2),
            output_size: 3,
            output_xxh3: hex(3),
        }
    }

    /// [`Manifest::open`] once the lock a dropped manifest held is free. The lock is the
    /// open file's flock: a child that another test thread forked before the drop holds
    /// a copy of the file until it execs (close-on-exec), so the lock may outlive the drop
    /// for a moment (seen once in CI); a real second run is another process, after this one.
    fn open_when_free(dir: &Path, resume: bool) -> Manifest {
        for _ in 0..200 {
            match Manifest::open(dir, resume) {
                Err(Error::Locked { .. }) => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                other => return other.unwrap(),
            }
        }
        panic!("the lock stayed taken for 2 s after the manifest was dropped");
    }

    #[test]
    fn entries_survive_a_cut_line_and_resume() {
        let dir = tempfile::tempdir().unwrap();
        {
            let m = Manifest::open(dir.path(), false).unwrap();
            m.record(entry("a.txt")).unwrap();
            m.record(entry("b.txt")).unwrap();
        }
        // A kill in the middle of a line.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join(MANIFEST_NAME))
            .unwrap();
        f.write_all(br#"{"output":"c.txt","input_si"#).unwrap();
        drop(f);
        let m = open_when_free(dir.path(), true);
        assert_eq!(m.previous("a.txt"), Some(&entry("a.txt")));
        assert!(m.previous("c.txt").is_none());
        // A second run on the same folder at once is refused.
        assert!(matches!(
            Manifest::open(dir.path(), true),
            Err(Error::Locked { .. })
        ));
        m.keep(&entry("b.txt")).unwrap();
        m.compact().unwrap();
        drop(m);
        let text = std::fs::read_to_string(dir.path().join(MANIFEST_NAME)).unwrap();
        assert_eq!(text.lines().count(), 1);
        // Without resume, the old entries are gone.
        let m = open_when_free(dir.path(), false);
        assert!(m.previous("b.txt").is_none());
    }
}
