//! The library's error type. Every variant carries what a user needs to act on it: the
//! path, the byte offset, the line.

use std::path::PathBuf;

/// Everything that can go wrong in naskh's library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// Input that is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte {offset} (line {line})", path.display())]
    InvalidUtf8 {
        /// The file (`<stdin>` for standard input).
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// Line (from 1) of that byte.
        line: usize,
    },
    /// Input in another encoding than UTF-8, read with `--encoding auto`: the encoding
    /// the bytes look like is named.
    #[error(
        "{}: invalid UTF-8 at byte {offset} (line {line}); it looks like {looks_like}: read it with --encoding {looks_like}",
        path.display()
    )]
    WrongEncoding {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
        /// Line (from 1) of that byte.
        line: usize,
        /// The encoding the file looks like.
        looks_like: crate::fs::Encoding,
    },
    /// Input that the encoding it was read with cannot decode.
    #[error("{}: not {encoding}: undecodable byte at offset {offset} (line {line})", path.display())]
    Undecodable {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first undecodable sequence.
        offset: usize,
        /// Line (from 1) of that byte.
        line: usize,
        /// The encoding.
        encoding: crate::fs::Encoding,
    },
    /// Input that looks binary (it contains NUL bytes).
    #[error("{}: binary data (NUL byte at offset {offset}), not text", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// An input larger than naskh reads into memory at once.
    #[error(
        "{}: {} is more than naskh reads at once ({} MiB; set NASKH_MAX_INPUT to raise the limit, or normalise it with `naskh corpus normalize`, which streams)",
        path.display(),
        match size { Some(n) => format!("{:.1} MiB", *n as f64 / 1048576.0), None => "the input".to_string() },
        limit >> 20
    )]
    TooLarge {
        /// The file (`<stdin>` for standard input).
        path: PathBuf,
        /// Its size, when known before reading (a regular file).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// A path that is a directory where a file was expected.
    #[error("{}: is a directory", path.display())]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// A snapshot file that cannot be read as one.
    #[error("{}:{line}: malformed snapshot: {what}", path.display())]
    MalformedSnapshot {
        /// The file.
        path: PathBuf,
        /// Line (from 1) of the problem.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// Options that cannot work together, or a request that would lose data (an output
    /// folder inside an input, two inputs written to one output).
    #[error("{0}")]
    Usage(String),
    /// Another naskh run holds the output folder's lock.
    #[error("{}: another naskh run is writing to this folder (its lock is held)", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
    },
    /// A rule or profile name that does not exist.
    #[error(transparent)]
    UnknownName(#[from] crate::normalize::UnknownName),
}
