//! The only module that touches the file system: reading text files with the checks every
//! command needs (missing, directory, binary, invalid UTF-8 with its byte offset), writing
//! files atomically, and walking a corpus folder.
//!
//! Writes go to a temporary file in the target's folder, are flushed to disk, then renamed
//! over the target: an interrupted run leaves either the old file or the new one, never
//! half of one.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;

/// The path that stands for standard input and output.
pub const STDIO: &str = "-";

/// `true` if `path` is `-`.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Check that `bytes` are text: no NUL byte, valid UTF-8. `path` names them in errors.
///
/// ```
/// use naskh::corpus::check_text;
/// let err = check_text("a.txt".as_ref(), b"ok \xD8 bad".to_vec()).unwrap_err();
/// assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte 3 (line 1)");
/// ```
pub fn check_text(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let bytes = match crate::normalize::utf8_string(bytes) {
        Ok(s) => return Ok(s),
        Err(bytes) => bytes,
    };
    let offset = std::str::from_utf8(&bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to());
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
    Err(Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset,
        line,
    })
}

/// Read a text file (or standard input for `-`) and check it with [`check_text`].
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = if is_stdio(path) {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| io_error(Path::new("<stdin>"), e))?;
        buf
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        fs::read(path).map_err(|e| io_error(path, e))?
    };
    let name = if is_stdio(path) {
        Path::new("<stdin>")
    } else {
        path
    };
    check_text(name, bytes)
}

/// Write `contents` to `path` atomically: a temporary file in the same folder, synced,
/// then renamed over `path`. An existing file keeps its permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// [`write_atomic`] for output produced as a stream: `write` writes into a buffered
/// writer on the temporary file, which replaces `path` only if `write` succeeds.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".naskh-").suffix(".tmp");
    // A new file gets the mode any new file gets, 0666 less the umask; tempfile's own
    // 0600 would hide an HTML diff from the web server or a report from a colleague.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder.tempfile_in(dir).map_err(|e| io_error(path, e))?;
    let mut w = io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut w).map_err(|e| io_error(path, e))?;
    let tmp = w.into_inner().map_err(|e| io_error(path, e.into_error()))?;
    tmp.as_file().sync_all().map_err(|e| io_error(path, e))?;
    if let Ok(meta) = fs::metadata(path) {
        // Best effort: a file we may replace keeps its mode.
        let _ = fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| io_error(path, e.error))?;
    Ok(())
}

/// Every file under `dir` whose name ends with `.{ext}`, sorted by path, with paths
/// relative to `dir` using `/`. Hidden files and folders are skipped.
pub fn walk(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    fn visit(root: &Path, dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), Error> {
        let entries = fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(dir, e))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| io_error(&path, e))?;
            if kind.is_dir() {
                visit(root, &path, ext, out)?;
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
        Ok(())
    }
    if !dir.is_dir() {
        return Err(io_error(
            dir,
            io::Error::new(io::ErrorKind::NotFound, "not a directory"),
        ));
    }
    let mut out = Vec::new();
    visit(dir, dir, ext, &mut out)?;
    out.sort();
    Ok(out)
}

/// A path written with `/` whatever the platform (`./` components dropped).
pub fn slash_path(path: &Path) -> String {
    use std::path::Component;
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::RootDir => out.push('/'),
            Component::CurDir => {}
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8_are_named() {
        let e = check_text(Path::new("x"), b"ab\0cd".to_vec()).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 2, .. }));
        let mut bytes = "سطر\nبـ".as_bytes().to_vec();
        bytes.push(0xC3);
        let e = check_text(Path::new("x"), bytes).unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidUtf8 {
                    offset: 11,
                    line: 2,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A new file has the mode `File::create` gives (0666 less the umask), not
    /// tempfile's 0600; a replaced file keeps its own.
    #[cfg(unix)]
    #[test]
    fn atomic_write_modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.txt");
        fs::File::create(&plain).unwrap();
        let new = dir.path().join("new.txt");
        write_atomic(&new, b"x").unwrap();
        assert_eq!(mode(&new), mode(&plain));
        fs::set_permissions(&new, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&new, b"y").unwrap();
        assert_eq!(mode(&new), 0o640);
    }

    #[test]
    fn walk_sorts_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b/c")).unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        for f in ["z.txt", "b/a.txt", "b/c/d.txt", ".git/x.txt", "b/skip.md"] {
            fs::write(dir.path().join(f), "x").unwrap();
        }
        let got: Vec<_> = walk(dir.path(), "txt")
            .unwrap()
            .iter()
            .map(|p| slash_path(p))
            .collect();
        assert_eq!(got, ["b/a.txt", "b/c/d.txt", "z.txt"]);
    }
}

/// The state of one article's snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotState {
    /// The snapshot holds the article's structure.
    Matches,
    /// The snapshot differs: what it holds and what the extractor gives now.
    Changed {
        /// The body in the snapshot.
        stored: String,
        /// The body the extractor renders now.
        current: String,
    },
    /// The article has no snapshot yet.
    Missing {
        /// The body the extractor renders now.
        current: String,
    },
    /// A snapshot without an article.
    Orphan,
    /// The article or its snapshot could not be read.
    Trouble(String),
}

/// One article (or orphaned snapshot) and its snapshot's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotEntry {
    /// The article, relative to the corpus folder (`None` for an orphan).
    pub article: Option<PathBuf>,
    /// The snapshot file, in the snapshots folder.
    pub snapshot: PathBuf,
    /// Its state.
    pub state: SnapshotState,
}

/// Compare every `.txt` article under `corpus` with its snapshot under `snapshots`, as
/// the glob test does; also report snapshots that have no article. An unreadable
/// article or malformed snapshot is reported as [`SnapshotState::Trouble`] and the
/// others are still checked. Fails only when a folder cannot be listed.
pub fn check_snapshots(corpus: &Path, snapshots: &Path) -> Result<Vec<SnapshotEntry>, Error> {
    use crate::snapshot::{parse_snap, render, snapshot_names};
    let files = walk(corpus, "txt")?;
    let named = snapshot_names(&files);
    let check = |(file, name): &(PathBuf, String)| -> SnapshotEntry {
        let snap_path = snapshots.join(name);
        let state = match read_text(&corpus.join(file)) {
            Err(e) => SnapshotState::Trouble(e.to_string()),
            Ok(text) => {
                let current = render(&crate::structure::extract(&text));
                match fs::read_to_string(&snap_path) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        SnapshotState::Missing { current }
                    }
                    Err(e) => SnapshotState::Trouble(io_error(&snap_path, e).to_string()),
                    Ok(stored) => match parse_snap(&snap_path, &stored) {
                        Err(e) => SnapshotState::Trouble(e.to_string()),
                        Ok(snap) if snap.matches(&current) => SnapshotState::Matches,
                        Ok(snap) => SnapshotState::Changed {
                            stored: crate::snapshot::normalise_body(&snap.body) + "\n",
                            current,
                        },
                    },
                }
            }
        };
        SnapshotEntry {
            article: Some(file.clone()),
            snapshot: snap_path,
            state,
        }
    };
    // Reading and extracting are independent per article; the order is kept.
    let mut entries: Vec<SnapshotEntry> = named.par_iter().map(check).collect();
    // Snapshots of this test with no article.
    let expected: std::collections::HashSet<&str> = named.iter().map(|(_, n)| n.as_str()).collect();
    if snapshots.is_dir() {
        let prefix = format!("{}@", crate::snapshot::SNAPSHOT_NAME);
        for snap in walk(snapshots, "snap")? {
            let name = slash_path(&snap);
            if name.starts_with(&prefix) && !expected.contains(name.as_str()) {
                entries.push(SnapshotEntry {
                    article: None,
                    snapshot: snapshots.join(&snap),
                    state: SnapshotState::Orphan,
                });
            }
        }
    }
    Ok(entries)
}

/// Write the snapshot of every entry that is changed or missing (atomically), as
/// `.snap` files or, with `pending`, as `.snap.new` files for `cargo insta review`.
/// `corpus` is the folder as given by the user: the header's `input_file` is that folder
/// joined with the article's path. Without `pending`, a `.snap.new` left next to any
/// article's snapshot is removed: it is stale once the snapshot is accepted or matches.
/// Returns the files written.
pub fn write_snapshots(
    corpus: &Path,
    entries: &[SnapshotEntry],
    pending: bool,
) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for e in entries {
        if !pending && e.article.is_some() {
            // A pending proposal is stale once the snapshot is accepted or matches (insta
            // drops it when the assertion passes, too).
            let mut stale = e.snapshot.clone().into_os_string();
            stale.push(".new");
            match fs::remove_file(&stale) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => {
                    return Err(io_error(Path::new(&stale), err));
                }
                _ => {}
            }
        }
        let (
            Some(article),
            SnapshotState::Changed { current, .. } | SnapshotState::Missing { current },
        ) = (&e.article, &e.state)
        else {
            continue;
        };
        let input_file = slash_path(&corpus.join(article));
        let text = crate::snapshot::write_snap(&input_file, current);
        let path = if pending {
            let mut p = e.snapshot.clone().into_os_string();
            p.push(".new");
            PathBuf::from(p)
        } else {
            e.snapshot.clone()
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|err| io_error(dir, err))?;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
