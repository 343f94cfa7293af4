//! The corpus job: normalising a whole corpus (folders of `.txt` files, JSON Lines
//! shards, gzip- or zstd-compressed) into a mirrored output folder, in parallel,
//! resumable, never writing into its inputs and never leaving a half-written file; and
//! the same run as a dry run that reports what it would change.
//!
//! The parts, in the order a run uses them:
//! - [`walk`](mod@walk): the files of the inputs, the paths of their outputs, the checks that keep
//!   inputs and output apart.
//! - [`format`](mod@format): formats and compression by file name; decompressing readers and
//!   compressing writers.
//! - [`jsonl`]: one JSON line's field normalised with every other byte kept.
//! - [`runner`]: the parallel, chunked, interruptible run (a file's stream of chunks in
//!   `stream.rs`).
//! - [`manifest`]: what is done, for `--resume`.
//! - [`stats`]: the summary and what the text holds.
//!
//! Files are read and written through [`crate::fs`]. Nothing here prints: progress is
//! read from a [`Control`], the outcome is a [`Summary`].
//!
//! ```
//! use naskh::corpus::{normalize_corpus, Control, CorpusOptions};
//! let dir = tempfile::tempdir()?;
//! let input = dir.path().join("in");
//! std::fs::create_dir(&input)?;
//! std::fs::write(input.join("a.txt"), "قال\u{00A0}الوزير\u{200F}:  نعم")?;
//! std::fs::write(input.join("b.jsonl"), "{\"id\":1e5,\"text\":\"ﻻ\"}\n")?;
//! let out = dir.path().join("out");
//! let summary = normalize_corpus(&[input], &out, &CorpusOptions::default(), &Control::default())?;
//! assert_eq!(summary.files.done, 2);
//! assert_eq!(std::fs::read_to_string(out.join("a.txt"))?, "قال الوزير: نعم");
//! assert_eq!(std::fs::read_to_string(out.join("b.jsonl"))?, "{\"id\":1e5,\"text\":\"لا\"}\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod format;
pub mod jsonl;
pub mod manifest;
pub mod runner;
pub mod stats;
mod stream;
pub mod walk;

pub use format::{Compression, Format, FormatChoice, detect};
pub use jsonl::{LineError, escape_json_string, normalize_line};
pub use runner::{Control, CorpusOptions, OnError, inspect_corpus, normalize_corpus};
pub use stats::{FileStatus, Inspection, Problem, Summary};
pub use walk::{InputFile, WalkOptions, Walked, find_inputs, walk};

// The file functions lived here before `naskh::fs`; kept for callers not yet moved.
#[doc(hidden)]
pub use crate::fs::{STDIO, check_text, is_stdio, read_text, slash_path, write_atomic};
