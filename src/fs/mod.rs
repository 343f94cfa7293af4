//! The one place that reads and writes files: reading text with the checks every command
//! needs (missing, directory, binary, invalid UTF-8 with its byte offset, legacy
//! encodings decoded or recognised), and writing files atomically, whole or streamed.
//!
//! Writes of regular files go to a temporary file in the target's folder (anonymous where
//! Linux can: `O_TMPFILE`), are flushed to disk, then renamed over the target, and the
//! folder is synced: an interrupted run (even `kill -9` or a power cut) leaves either the
//! old file or the new one, never half of one. Devices, FIFOs and `-` are written
//! directly; symbolic links are followed. A named temporary file is `.naskh-*.tmp`; one
//! left by a killed process is never mistaken for an output (see [`AtomicFile`]).

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::Error;

/// The path that stands for standard input and output.
pub const STDIO: &str = "-";

/// The prefix of naskh's temporary files (`.naskh-XXXXXX.tmp`).
pub const TEMP_PREFIX: &str = ".naskh-";

/// The suffix of naskh's temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// `true` if `path` is `-`.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

pub(crate) fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

mod encoding;
mod write;

pub use encoding::{Encoding, TextDecoder, check_text, decode, looks_like};
pub use write::{
    AtomicFile, Output, create_output, remove_stale_temp_files, same_file, write_output,
};

/// How much a command reads into memory at once unless told otherwise: 1 GiB. Commands
/// that hold a whole text (`normalize`, `extract`, `diff`, `snapshot`) take a small
/// multiple of it; `/dev/zero` or a 50 GB file is refused, not read until memory runs
/// out. `naskh corpus normalize` streams and has no such limit.
pub const DEFAULT_INPUT_LIMIT: u64 = 1 << 30;

/// Read a text file (or standard input for `-`) and check it with [`check_text`], up to
/// [`DEFAULT_INPUT_LIMIT`] bytes.
pub fn read_text(path: &Path) -> Result<String, Error> {
    read_text_as(path, Encoding::Auto)
}

/// Read a text file (or standard input for `-`) in `encoding` ([`decode`]), up to
/// [`DEFAULT_INPUT_LIMIT`] bytes.
pub fn read_text_as(path: &Path, encoding: Encoding) -> Result<String, Error> {
    read_text_limited(path, encoding, DEFAULT_INPUT_LIMIT)
}

/// Read at most `limit` bytes of `reader` (named `name`); more is [`Error::TooLarge`].
fn read_limited(
    mut reader: impl Read,
    name: &Path,
    limit: u64,
    hint: usize,
) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(hint);
    (&mut reader)
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| io_error(name, e))?;
    if buf.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: name.to_path_buf(),
            size: None,
            limit,
        });
    }
    Ok(buf)
}

/// The bytes left to read in standard input when it is a regular file (`naskh … <
/// file`), so that its buffer is allocated once at its size (read into a growing buffer,
/// 10 MB took a tenth of the whole run in faults and copies); `None` for a pipe, a
/// terminal or a device.
fn stdin_left() -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let stdin = io::stdin();
        let fd = stdin.as_fd();
        let st = rustix::fs::fstat(fd).ok()?;
        if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
            return None;
        }
        let at = rustix::fs::seek(fd, rustix::fs::SeekFrom::Current(0)).ok()?;
        Some(u64::try_from(st.st_size).ok()?.saturating_sub(at))
    }
    #[cfg(not(unix))]
    None
}

/// [`read_text_as`] with a limit of `limit` bytes: a regular file larger than that is
/// refused before it is read, and a device, FIFO or standard input once `limit` bytes
/// came and more follow ([`Error::TooLarge`]).
pub fn read_text_limited(path: &Path, encoding: Encoding, limit: u64) -> Result<String, Error> {
    let bytes = if is_stdio(path) {
        let hint = stdin_left().unwrap_or(0).min(limit.saturating_add(1)) as usize;
        read_limited(io::stdin().lock(), Path::new("<stdin>"), limit, hint)?
    } else {
        let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        if meta.is_file() && meta.len() > limit {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                size: Some(meta.len()),
                limit,
            });
        }
        let f = fs::File::open(path).map_err(|e| io_error(path, e))?;
        read_limited(f, path, limit, meta.len() as usize)?
    };
    let name = if is_stdio(path) {
        Path::new("<stdin>")
    } else {
        path
    };
    if encoding == Encoding::Auto
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && memchr::memchr(0, &bytes).is_some()
    {
        // NUL bytes: binary, or UTF-16 without a byte order mark.
        if let Some(enc @ (Encoding::Utf16Le | Encoding::Utf16Be)) = looks_like(&bytes) {
            return Err(Error::WrongEncoding {
                path: name.to_path_buf(),
                offset: 0,
                line: 1,
                looks_like: enc,
            });
        }
        return check_text(name, bytes);
    }
    decode(name, bytes, encoding)
}

/// The folder a file at `path` is in (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Sync a folder, so that a rename in it survives a crash. Best effort where the system
/// cannot open folders.
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        let d = fs::File::open(dir).map_err(|e| io_error(dir, e))?;
        d.sync_all().map_err(|e| io_error(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Write `contents` to `path` atomically: a temporary file in the same folder, synced,
/// then renamed over `path`, the folder synced. An existing file keeps its permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.commit()
}

/// Read a file as UTF-8 text, or `None` if it does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<String>, Error> {
    match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path, e)),
        Ok(bytes) => check_text(path, bytes).map(Some),
    }
}

/// Remove a file; one that does not exist is not an error.
pub fn remove_if_exists(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(path, e)),
        _ => Ok(()),
    }
}

/// Create a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    fs::create_dir_all(path).map_err(|e| io_error(path, e))
}

/// Sync the whole file system that holds `path` (one `syncfs(2)`, far cheaper than a
/// sync per file for a run that wrote thousands). Elsewhere than Linux, nothing.
pub fn sync_file_system(path: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        let d = fs::File::open(path).map_err(|e| io_error(path, e))?;
        rustix::fs::syncfs(&d).map_err(|e| io_error(path, e.into()))?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
    Ok(())
}

/// `true` for a temporary file naskh writes (`.naskh-*.tmp`): what a killed run leaves.
pub fn is_temp_file(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Remove the temporary files (`.naskh-*.tmp`) in the folder `dir`, not below it: what
/// a killed run left. Best effort.
pub fn remove_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_file(&entry.file_name()) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Open a file for reading (an error names it).
pub fn open(path: &Path) -> Result<fs::File, Error> {
    fs::File::open(path).map_err(|e| io_error(path, e))
}

/// Open a file for appending, created if need be; with `truncate`, emptied first.
pub fn open_append(path: &Path, truncate: bool) -> Result<fs::File, Error> {
    let f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    if truncate {
        f.set_len(0).map_err(|e| io_error(path, e))?;
    }
    Ok(f)
}

/// Take the exclusive lock of the lock file `path` (created if need be), held while the
/// returned file lives. [`Error::Locked`] if another process holds it.
pub fn lock(path: &Path) -> Result<fs::File, Error> {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(fs::TryLockError::WouldBlock) => Err(Error::Locked {
            path: path.to_path_buf(),
        }),
        Err(fs::TryLockError::Error(e)) => Err(io_error(path, e)),
    }
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

    #[test]
    fn an_uncommitted_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        fs::write(&p, "old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"half of the new").unwrap();
        drop(f);
        assert_eq!(fs::read(&p).unwrap(), b"old");
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
}
