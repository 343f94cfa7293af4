//! Writing files so that nothing is lost: atomic replacement of regular files, direct
//! writes to everything else, and the checks that keep an input from being overwritten.
//!
//! - A regular file (or a path that does not exist yet) is written to an anonymous
//!   temporary file in its folder (Linux `O_TMPFILE`: it has no name, so a process killed
//!   while writing leaves nothing), synced, given a name and renamed over the target, and
//!   the folder is synced. Where the system cannot make anonymous files, the temporary
//!   file is named `.naskh-<pid>-XXXXXX.tmp`, and one left by a process that is gone is
//!   removed by the next [`create_output`] in that folder.
//! - A symbolic link is followed: the file it names is replaced, the link stays a link.
//! - A device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a named pipe) is written
//!   directly: replacing it by a regular file would turn `/dev/null` into a file.
//! - `-` is standard output.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{TEMP_PREFIX, TEMP_SUFFIX, io_error, is_stdio, parent_dir, sync_dir};
use crate::Error;

/// The temporary file behind an [`AtomicFile`].
enum Temp {
    /// An `O_TMPFILE` file: no name until it is complete.
    #[cfg(target_os = "linux")]
    Anonymous { file: fs::File, dir: PathBuf },
    /// A named temporary file, where anonymous ones are not available.
    Named(tempfile::NamedTempFile),
}

impl Write for Temp {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Anonymous { file, .. } => file.write(buf),
            Temp::Named(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Anonymous { file, .. } => file.flush(),
            Temp::Named(f) => f.flush(),
        }
    }
}

impl Temp {
    fn file(&self) -> &fs::File {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Anonymous { file, .. } => file,
            Temp::Named(f) => f.as_file(),
        }
    }

    /// A temporary file in `dir` for `target`.
    fn create(dir: &Path, target: &Path) -> Result<Temp, Error> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, Mode, OFlags, openat};
            // 0666 less the umask, the mode any new file gets.
            let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
            match openat(CWD, dir, flags, Mode::from_raw_mode(0o666)) {
                Ok(fd) => {
                    return Ok(Temp::Anonymous {
                        file: fs::File::from(fd),
                        dir: dir.to_path_buf(),
                    });
                }
                // Not every file system can (EOPNOTSUPP, EISDIR on old kernels): fall
                // back to a named file.
                Err(e) if e == rustix::io::Errno::NOENT || e == rustix::io::Errno::NOTDIR => {
                    return Err(io_error(target, e.into()));
                }
                Err(_) => {}
            }
        }
        let mut builder = tempfile::Builder::new();
        let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        // A new file gets the mode any new file gets, 0666 less the umask; tempfile's own
        // 0600 would hide an HTML diff from the web server or a report from a colleague.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder.tempfile_in(dir).map_err(|e| io_error(target, e))?;
        Ok(Temp::Named(tmp))
    }

    /// Give the complete file the name `target`, replacing what was there.
    fn persist(self, target: &Path) -> io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Anonymous { file, dir } => {
                use rustix::fs::{AtFlags, CWD, linkat};
                use std::os::fd::AsRawFd;
                // A name for it (linkat cannot replace a file), then the rename that
                // replaces the target atomically. Only a kill between the two leaves the
                // complete file under its temporary name, for the next run to remove.
                let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
                let mut k = 0u32;
                loop {
                    let name = dir.join(format!(
                        "{TEMP_PREFIX}{}-{k}{TEMP_SUFFIX}",
                        std::process::id()
                    ));
                    match linkat(CWD, proc_path.as_str(), CWD, &name, AtFlags::SYMLINK_FOLLOW) {
                        Ok(()) => {
                            return fs::rename(&name, target).inspect_err(|_| {
                                let _ = fs::remove_file(&name);
                            });
                        }
                        Err(rustix::io::Errno::EXIST) if k < 1000 => k += 1,
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            Temp::Named(tmp) => tmp.persist(target).map(|_| ()).map_err(|e| e.error),
        }
    }
}

/// A file being written atomically: bytes go to a temporary file in the target's folder;
/// [`AtomicFile::commit`] syncs it, renames it over the target and syncs the folder.
/// Dropped without a commit, the temporary file is gone and the target is untouched. A
/// symbolic link is followed: the file it names is replaced.
pub struct AtomicFile {
    target: PathBuf,
    out: BufWriter<Temp>,
    hash: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl AtomicFile {
    /// Start writing `path`. Its folder must exist.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let target = resolve_links(path)?;
        let tmp = Temp::create(parent_dir(&target), path)?;
        Ok(AtomicFile {
            target,
            out: BufWriter::with_capacity(1 << 16, tmp),
            hash: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        })
    }

    /// The file this will become (the file a symbolic link named, if it was one).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Write all of `bytes` (an error names the target).
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        Write::write_all(self, bytes).map_err(|e| io_error(&self.target, e))
    }

    /// Finish: flush and sync the data, rename it over the target (which keeps its mode
    /// if it existed), sync the folder.
    pub fn commit(self) -> Result<(), Error> {
        self.commit_with(true).map(|_| ())
    }

    /// [`AtomicFile::commit`], syncing data and folder only with `sync` (the rename is
    /// atomic either way: a killed process leaves the old file or the new one; only a
    /// power cut can leave a new file empty without the sync). Returns the file's
    /// length and xxh3 hash.
    pub fn commit_with(self, sync: bool) -> Result<(u64, u64), Error> {
        let target = self.target;
        let (len, hash) = (self.len, self.hash.digest());
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| io_error(&target, e.into_error()))?;
        if let Ok(meta) = fs::metadata(&target) {
            // Best effort: a file we replace keeps its mode.
            let _ = tmp.file().set_permissions(meta.permissions());
        }
        if sync {
            tmp.file().sync_all().map_err(|e| io_error(&target, e))?;
        }
        tmp.persist(&target).map_err(|e| io_error(&target, e))?;
        if sync {
            sync_dir(parent_dir(&target))?;
        }
        Ok((len, hash))
    }

    /// Make the new file's owner that of `meta` (as `--in-place` must). Fails unless
    /// allowed (the same owner, or root).
    #[cfg(unix)]
    pub fn keep_owner(&self, meta: &fs::Metadata) -> Result<(), Error> {
        use std::os::unix::fs::MetadataExt;
        let file = self.out.get_ref().file();
        let now = file.metadata().map_err(|e| io_error(&self.target, e))?;
        if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
            return Ok(());
        }
        std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()))
            .map_err(|e| io_error(&self.target, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The file `path` stands for once symbolic links are followed (the link's target, read
/// relative to the link's folder, even if it does not exist yet); `path` itself if it
/// is no link. A loop of links is an error.
fn resolve_links(path: &Path) -> Result<PathBuf, Error> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p).map_err(|e| io_error(path, e))?;
                p = if to.is_absolute() {
                    to
                } else {
                    parent_dir(&p).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io_error(
        path,
        io::Error::other("too many levels of symbolic links"),
    ))
}

/// Where an output goes: standard output, a device or FIFO written directly, or a
/// regular file replaced atomically. Nothing is in place before [`Output::commit`].
pub enum Output {
    /// Standard output (`-`).
    Stdout(BufWriter<io::Stdout>),
    /// A device, FIFO or socket, written as it is.
    Direct(BufWriter<fs::File>, PathBuf),
    /// A regular file, written atomically.
    Atomic(Box<AtomicFile>),
}

/// Open `path` for output as [`Output`] says: `-` is standard output, a device or FIFO
/// is written directly, anything else is replaced atomically (through symbolic links).
/// Temporary files that naskh processes which are gone left in the folder are removed.
pub fn create_output(path: &Path) -> Result<Output, Error> {
    if is_stdio(path) {
        return Ok(Output::Stdout(BufWriter::with_capacity(
            1 << 16,
            io::stdout(),
        )));
    }
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        Ok(m) if !m.is_file() => {
            let f = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| io_error(path, e))?;
            return Ok(Output::Direct(
                BufWriter::with_capacity(1 << 16, f),
                path.to_path_buf(),
            ));
        }
        _ => {}
    }
    let out = AtomicFile::create(path)?;
    remove_stale_temp_files(parent_dir(out.target()));
    Ok(Output::Atomic(Box::new(out)))
}

impl Output {
    /// The path written (the file a link named), or `-`.
    pub fn target(&self) -> &Path {
        match self {
            Output::Stdout(_) => Path::new(super::STDIO),
            Output::Direct(_, p) => p,
            Output::Atomic(f) => f.target(),
        }
    }

    /// Finish: flush, and put an atomic file in place.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| io_error(Path::new("<stdout>"), e)),
            Output::Direct(mut w, p) => w.flush().map_err(|e| io_error(&p, e)),
            Output::Atomic(f) => (*f).commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Direct(w, _) => w.write(buf),
            Output::Atomic(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Direct(w, _) => w.flush(),
            Output::Atomic(f) => f.flush(),
        }
    }
}

/// Write `contents` to `path` as [`create_output`] says.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut out = create_output(path)?;
    let target = out.target().to_path_buf();
    out.write_all(contents).map_err(|e| io_error(&target, e))?;
    out.commit()
}

/// `true` if `a` and `b` are the same file: the same one once links are followed, or hard
/// links to one file. A path that does not exist is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            (x.dev(), x.ino()) == (y.dev(), y.ino())
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        },
        _ => false,
    }
}

/// The process id in a temporary file's name (`.naskh-<pid>-…`), if it has one.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?;
    rest.split('-').next()?.parse().ok()
}

/// Remove the temporary files in `dir` whose process is gone (what a killed run left,
/// where anonymous temporary files are not available). A file of a live process, or
/// one with no process id in its name, is left alone: it may still be written.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !super::is_temp_file(&name) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if let Some(pid) = temp_owner(&name.to_string_lossy())
            && pid != std::process::id()
            && !process_exists(pid)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `true` if a process `pid` runs (Linux: `/proc`; elsewhere assumed, so nothing is
/// removed that may be in use).
fn process_exists(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}
