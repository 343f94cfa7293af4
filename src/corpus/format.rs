//! The formats of a corpus's files and their compression, told apart by file name
//! (`.txt`, `.jsonl`, each optionally `.gz` or `.zst`), and the streams that read and
//! write them: a decompressing reader that counts the bytes it takes from the file and
//! hashes them, and a compressing writer into an atomic output file.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use xxhash_rust::xxh3::Xxh3;

use crate::Error;
use crate::fs::{AtomicFile, io_error};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: the whole file is one document.
    Text,
    /// JSON Lines: one JSON object per line; one string field is the document.
    Jsonl,
}

/// How a file is compressed; its output is compressed the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`; several members are read one after the other, as `gzip -d` does).
    Gzip,
    /// Zstandard (`.zst`; several frames are read one after the other).
    Zstd,
}

/// Which files of a folder are read, and as what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FormatChoice {
    /// By extension: `.txt` is text, `.jsonl` is JSON Lines (each also `.gz`, `.zst`).
    #[default]
    Auto,
    /// Every file is text (folders: `.txt`, `.txt.gz`, `.txt.zst`, or the globs).
    Text,
    /// Every file is JSON Lines (folders: `.jsonl`, `.jsonl.gz`, `.jsonl.zst`, or the
    /// globs).
    Jsonl,
}

/// A file's compression from its name's last extension, and the name without it.
pub fn split_compression(name: &str) -> (&str, Compression) {
    if let Some(stem) = name.strip_suffix(".gz") {
        (stem, Compression::Gzip)
    } else if let Some(stem) = name.strip_suffix(".zst") {
        (stem, Compression::Zstd)
    } else {
        (name, Compression::None)
    }
}

/// The format of a file named `name` when a folder is walked: `None` for files that are
/// not read (without globs, only the extensions of `choice`). With `globbed` (the name
/// matched a `--glob`), every file is read; [`FormatChoice::Auto`] then reads `.jsonl`
/// as JSON Lines and anything else as text.
///
/// ```
/// use naskh::corpus::{detect, Compression, Format, FormatChoice};
/// assert_eq!(detect("a.jsonl.zst", FormatChoice::Auto, false), Some((Format::Jsonl, Compression::Zstd)));
/// assert_eq!(detect("a.txt", FormatChoice::Jsonl, false), None);
/// assert_eq!(detect("a.md", FormatChoice::Auto, false), None);
/// assert_eq!(detect("a.md", FormatChoice::Auto, true), Some((Format::Text, Compression::None)));
/// ```
pub fn detect(name: &str, choice: FormatChoice, globbed: bool) -> Option<(Format, Compression)> {
    let (stem, compression) = split_compression(name);
    let by_ext = if stem.ends_with(".jsonl") {
        Some(Format::Jsonl)
    } else if stem.ends_with(".txt") {
        Some(Format::Text)
    } else {
        None
    };
    let format = match (choice, by_ext, globbed) {
        (FormatChoice::Auto, Some(f), _) => f,
        (FormatChoice::Auto, None, true) => Format::Text,
        (FormatChoice::Text, Some(Format::Text), _) | (FormatChoice::Text, _, true) => Format::Text,
        (FormatChoice::Jsonl, Some(Format::Jsonl), _) | (FormatChoice::Jsonl, _, true) => {
            Format::Jsonl
        }
        _ => return None,
    };
    Some((format, compression))
}

/// Reads a file, counting and hashing the bytes it takes, for the progress bar and the
/// manifest.
pub struct CountingReader<'a> {
    inner: File,
    hash: Xxh3,
    read: u64,
    progress: &'a AtomicU64,
}

impl CountingReader<'_> {
    /// The hash (xxh3, 64 bits) of every byte read so far.
    pub fn digest(&self) -> u64 {
        self.hash.digest()
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.read
    }
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.read += n as u64;
        self.progress.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A file's decompressed stream; the raw reader underneath counts and hashes.
pub enum Decompressed<'a> {
    /// Not compressed.
    Plain(Box<BufReader<CountingReader<'a>>>),
    /// gzip.
    Gzip(Box<flate2::bufread::MultiGzDecoder<BufReader<CountingReader<'a>>>>),
    /// Zstandard.
    Zstd(Box<zstd::stream::read::Decoder<'a, BufReader<CountingReader<'a>>>>),
}

/// A thread's zstd contexts, made on first use and reused from file to file: a context
/// holds megabytes of tables and windows, and making one per file had the allocator
/// give them back to the system and take them again.
#[derive(Default)]
pub struct ZstdContexts {
    compress: Option<zstd::zstd_safe::CCtx<'static>>,
    decompress: Option<zstd::zstd_safe::DCtx<'static>>,
}

impl ZstdContexts {
    /// The compression context, at [`ZSTD_LEVEL`], and the decompression context.
    pub(super) fn both(
        &mut self,
    ) -> io::Result<(
        &mut zstd::zstd_safe::CCtx<'static>,
        &mut zstd::zstd_safe::DCtx<'static>,
    )> {
        if self.compress.is_none() {
            let mut c = zstd::zstd_safe::CCtx::create();
            c.set_parameter(zstd::zstd_safe::CParameter::CompressionLevel(ZSTD_LEVEL))
                .map_err(|code| io::Error::other(zstd::zstd_safe::get_error_name(code)))?;
            self.compress = Some(c);
        }
        let c = self.compress.as_mut().expect("made above");
        let d = self
            .decompress
            .get_or_insert_with(zstd::zstd_safe::DCtx::create);
        Ok((c, d))
    }
}

impl<'a> Decompressed<'a> {
    /// Open `path` for reading in `compression` (zstd through `context`); every raw
    /// byte read is added to `progress`.
    pub fn open(
        path: &Path,
        compression: Compression,
        progress: &'a AtomicU64,
        context: &'a mut zstd::zstd_safe::DCtx<'static>,
    ) -> Result<Decompressed<'a>, Error> {
        let file = crate::fs::open(path)?;
        // The buffer is zeroed before its first read (the counting reader has no
        // `read_buf`): a 3 KB article gets a small one, not 64 KiB of memset (callgrind:
        // 68,000 instructions a file).
        let size = file.metadata().map_or(1 << 16, |m| m.len());
        let raw = BufReader::with_capacity(
            (size as usize + 1).clamp(512, 1 << 16),
            CountingReader {
                inner: file,
                hash: Xxh3::new(),
                read: 0,
                progress,
            },
        );
        Ok(match compression {
            Compression::None => Decompressed::Plain(Box::new(raw)),
            Compression::Gzip => {
                Decompressed::Gzip(Box::new(flate2::bufread::MultiGzDecoder::new(raw)))
            }
            Compression::Zstd => Decompressed::Zstd(Box::new(
                zstd::stream::read::Decoder::with_context(raw, context),
            )),
        })
    }

    /// The raw reader underneath (for its byte count and hash).
    pub fn raw(&self) -> &CountingReader<'a> {
        match self {
            Decompressed::Plain(r) => r.get_ref(),
            Decompressed::Gzip(d) => d.get_ref().get_ref(),
            Decompressed::Zstd(d) => d.get_ref().get_ref(),
        }
    }

    /// Read the rest of the raw file (hashing it) without decompressing: for a file
    /// that failed part-way, so that its hash and size are still those of the file.
    pub fn drain_raw(&mut self) -> io::Result<()> {
        let raw: &mut BufReader<CountingReader<'a>> = match self {
            Decompressed::Plain(r) => r.as_mut(),
            Decompressed::Gzip(d) => d.get_mut(),
            Decompressed::Zstd(d) => d.get_mut(),
        };
        io::copy(raw, &mut io::sink()).map(|_| ())
    }
}

impl Read for Decompressed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decompressed::Plain(r) => r.read(buf),
            Decompressed::Gzip(d) => d.read(buf),
            Decompressed::Zstd(d) => d.read(buf),
        }
    }
}

/// The zstd level outputs are written at (zstd's default).
pub const ZSTD_LEVEL: i32 = 3;

/// An output file being written, compressed as its input was. Output is deterministic:
/// gzip headers carry no name and no time, zstd runs single-threaded at a fixed level.
pub enum Compressed<'c> {
    /// Not compressed.
    Plain(AtomicFile),
    /// gzip at the default level (6).
    Gzip(flate2::write::GzEncoder<AtomicFile>),
    /// Zstandard at [`ZSTD_LEVEL`].
    Zstd(zstd::stream::write::Encoder<'c, AtomicFile>),
}

impl<'c> Compressed<'c> {
    /// Start writing `path` compressed as `compression` (zstd through `context`, set to
    /// [`ZSTD_LEVEL`]).
    pub fn create(
        path: &Path,
        compression: Compression,
        context: &'c mut zstd::zstd_safe::CCtx<'static>,
    ) -> Result<Compressed<'c>, Error> {
        let file = AtomicFile::create(path)?;
        Ok(match compression {
            Compression::None => Compressed::Plain(file),
            Compression::Gzip => Compressed::Gzip(
                flate2::GzBuilder::new()
                    .mtime(0)
                    .write(file, flate2::Compression::default()),
            ),
            Compression::Zstd => {
                Compressed::Zstd(zstd::stream::write::Encoder::with_context(file, context))
            }
        })
    }

    fn target(&self) -> &Path {
        match self {
            Compressed::Plain(f) => f.target(),
            Compressed::Gzip(e) => e.get_ref().target(),
            Compressed::Zstd(e) => e.get_ref().target(),
        }
    }

    /// Write `bytes` (compressed).
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let r = match self {
            Compressed::Plain(f) => return f.write_all(bytes),
            Compressed::Gzip(e) => e.write_all(bytes),
            Compressed::Zstd(e) => e.write_all(bytes),
        };
        r.map_err(|e| io_error(self.target(), e))
    }

    /// Finish the stream and put the file in place ([`AtomicFile::commit_with`]);
    /// `sync` makes it durable first. Returns the file's size and xxh3 hash.
    pub fn commit(self, sync: bool) -> Result<(u64, u64), Error> {
        let file = match self {
            Compressed::Plain(f) => f,
            Compressed::Gzip(e) => {
                let target = e.get_ref().target().to_path_buf();
                e.finish().map_err(|err| io_error(&target, err))?
            }
            Compressed::Zstd(e) => {
                let target = e.get_ref().target().to_path_buf();
                e.finish().map_err(|err| io_error(&target, err))?
            }
        };
        file.commit_with(sync)
    }
}
