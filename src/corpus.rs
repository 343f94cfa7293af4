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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".naskh-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io_error(path, e))?;
    tmp.write_all(contents).map_err(|e| io_error(path, e))?;
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

/// A path relative to a corpus root, written with `/` whatever the platform.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
