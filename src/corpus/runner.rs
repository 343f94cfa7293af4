//! The parallel runner: every file of a corpus streamed through the normaliser and into
//! its output, in parallel across files and across the chunks of a big file, with the
//! same bytes out whatever the number of threads.
//!
//! How: `jobs` threads take files, largest first. Each reads its file in 1 MiB blocks
//! (decompressing, decoding), cuts the text into chunks of about [`CHUNK`] bytes at line
//! ends (a text file only where [`next_cut`](crate::normalize::next_cut) allows, so the
//! pieces normalise to the whole file's result; a JSON Lines file at any line end),
//! normalises a batch of chunks (on its own thread while every thread has a file;
//! spread over a shared pool of `jobs` threads when some thread would idle, as at the
//! end), and writes the results in order. Chunks depend only on the data, never on the
//! thread count, so the output is byte-identical for any `-j`. Memory holds a batch of
//! chunks per thread (plus the longest line of a text file that cannot be cut), never a
//! whole file.
//!
//! Nothing half-written: an output is a temporary file renamed into place when complete
//! ([`crate::fs::AtomicFile`]), then recorded in the [manifest](super::manifest). A run
//! that is asked to stop ([`Control::stop`]) takes no new file, discards the ones in
//! flight at their next chunk, and returns its summary.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::format::{Compressed, Decompressed, Format, ZstdContexts};
use super::manifest::{Entry, Manifest, hash_file, hex};
use super::stats::{FileOutcome, FileStatus, Problem, Summary};
use super::stream;
use super::walk::{InputFile, WalkOptions, check_apart, find_inputs, is_contained, real_path};
use crate::Error;
use crate::fs::{Encoding, create_dir_all, remove_temp_files, slash_path};
use crate::normalize::{NormalizeOptions, Normalizer};

/// The size chunks are cut at (at the next line end that allows a cut).
pub const CHUNK: usize = 1 << 20;

/// The size of the blocks read from a (decompressed) file.
pub(super) const BLOCK: usize = 1 << 20;

/// What to do with a JSON line that cannot be normalised (it is reported either way).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OnError {
    /// Copy it to the output unchanged: nothing is lost.
    #[default]
    Copy,
    /// Leave it out of the output.
    Skip,
}

/// Everything a corpus run needs to know.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    /// The rules and quote style.
    pub normalize: NormalizeOptions,
    /// Which files, and how to walk.
    pub walk: WalkOptions,
    /// The JSON Lines field that is the document (top level only).
    pub field: String,
    /// The inputs' encoding.
    pub encoding: Encoding,
    /// Threads (0: one per core).
    pub jobs: usize,
    /// Skip outputs that are complete and match their input and settings.
    pub resume: bool,
    /// Bad JSON lines: copied or dropped.
    pub on_error: OnError,
    /// Sync every output and its folder before going on (survives a power cut at any
    /// moment; costs a few milliseconds per file). Without it, outputs are still renamed
    /// into place whole, and the file system is synced once at the end.
    pub sync_each: bool,
}

impl Default for CorpusOptions {
    fn default() -> CorpusOptions {
        CorpusOptions {
            normalize: NormalizeOptions::default(),
            walk: WalkOptions::default(),
            field: "text".to_string(),
            encoding: Encoding::Auto,
            jobs: 0,
            resume: false,
            on_error: OnError::Copy,
            sync_each: false,
        }
    }
}

impl CorpusOptions {
    /// The fingerprint of the settings that decide an output's bytes (with naskh's
    /// version): a change to any of them redoes every file on `--resume`.
    pub fn fingerprint(&self) -> String {
        let rules: Vec<&str> = self.normalize.rules.iter().map(|r| r.name()).collect();
        let text = format!(
            "naskh {}\nrules {}\nquotes {:?}\nfield {}\nencoding {}\non-error {:?}\nformat {:?}\nglobs {:?}",
            env!("CARGO_PKG_VERSION"),
            rules.join(","),
            self.normalize.quote_style,
            self.field,
            self.encoding,
            self.on_error,
            self.walk.format,
            self.walk.globs,
        );
        hex(xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
    }

    fn threads(&self) -> usize {
        if self.jobs > 0 {
            self.jobs
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

/// Shared with whoever watches a run (a progress bar, a signal handler): counters the
/// run keeps up to date, and a flag that asks it to stop.
#[derive(Debug, Default)]
pub struct Control {
    /// Set to stop: no new file is started, files in flight are discarded.
    pub stop: AtomicBool,
    /// Bytes read from disk so far.
    pub bytes_read: AtomicU64,
    /// Bytes of all the files found.
    pub total_bytes: AtomicU64,
    /// Files finished (any outcome).
    pub files_done: AtomicU64,
    /// Files found.
    pub total_files: AtomicU64,
    /// Problems so far.
    pub problems: AtomicU64,
}

impl Control {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Normalise the corpus `inputs` (folders and files) into the folder `output`, mirrored.
/// Fails only when the run cannot start (the output inside an input, a lock held, a bad
/// glob); a bad file is reported in the summary and the others are done.
pub fn normalize_corpus(
    inputs: &[PathBuf],
    output: &Path,
    options: &CorpusOptions,
    control: &Control,
) -> Result<Summary, Error> {
    check_apart(inputs, output)?;
    create_dir_all(output)?;
    let output_real = real_path(output)?;
    let manifest = Manifest::open(output, options.resume)?;
    run(
        inputs,
        Some(Target {
            dir: output,
            real: &output_real,
            manifest: &manifest,
        }),
        options,
        control,
    )
}

/// What `normalize_corpus` would change, writing nothing: the changes per rule, the most
/// changed files, and what the text holds ([`Summary::inspection`]).
pub fn inspect_corpus(
    inputs: &[PathBuf],
    options: &CorpusOptions,
    control: &Control,
) -> Result<Summary, Error> {
    run(inputs, None, options, control)
}

#[derive(Clone, Copy)]
pub(super) struct Target<'a> {
    dir: &'a Path,
    real: &'a Path,
    manifest: &'a Manifest,
}

pub(super) struct Ctx<'a> {
    pub(super) options: &'a CorpusOptions,
    pub(super) normalizer: Normalizer,
    pub(super) target: Option<Target<'a>>,
    fingerprint: String,
    pub(super) control: &'a Control,
    pool: rayon::ThreadPool,
    pub(super) batch: usize,
    /// How many files workers are processing now.
    in_flight: AtomicUsize,
    /// Output folders made and checked to be inside OUTPUT.
    folders: Mutex<std::collections::HashSet<PathBuf>>,
}

impl Ctx<'_> {
    /// Whether a batch of `n` chunks is spread over the pool: only when fewer files are
    /// in flight than there are threads, so that a thread would otherwise idle; while
    /// every worker has a file of its own, spreading its chunks only adds hand-offs
    /// between threads. Either way each chunk gets the same result, so the output does
    /// not change.
    fn spread(&self, n: usize) -> bool {
        n > 1 && self.in_flight.load(Ordering::Relaxed) < self.pool.current_num_threads()
    }

    /// `work` applied to each chunk of a batch, the results in the batch's order (see
    /// [`Ctx::spread`]).
    pub(super) fn map_batch<T: Sync, R: Send>(
        &self,
        batch: &[T],
        work: impl Fn(&T) -> R + Sync + Send,
    ) -> Vec<R> {
        if self.spread(batch.len()) {
            self.pool.install(|| batch.par_iter().map(work).collect())
        } else {
            batch.iter().map(work).collect()
        }
    }

    /// [`Ctx::map_batch`] with each chunk's state writable (its buffers are reused
    /// from one batch to the next).
    pub(super) fn map_batch_mut<T: Send, R: Send>(
        &self,
        batch: &mut [T],
        work: impl Fn(&mut T) -> R + Sync + Send,
    ) -> Vec<R> {
        if self.spread(batch.len()) {
            self.pool
                .install(|| batch.par_iter_mut().map(work).collect())
        } else {
            batch.iter_mut().map(work).collect()
        }
    }
}

fn run(
    inputs: &[PathBuf],
    target: Option<Target<'_>>,
    options: &CorpusOptions,
    control: &Control,
) -> Result<Summary, Error> {
    let started = Instant::now();
    let walked = find_inputs(inputs, &options.walk, target.map(|t| t.dir))?;
    let mut summary = Summary::new(options.normalize.rules.iter(), target.is_none());
    summary.files.total = walked.files.len() as u64;
    summary.links_skipped = walked.links_skipped.iter().map(|p| slash_path(p)).collect();
    for (path, why) in &walked.problems {
        summary.add(failed(path, why.clone()));
    }
    control
        .total_files
        .store(walked.files.len() as u64, Ordering::Relaxed);
    control
        .total_bytes
        .store(walked.files.iter().map(|f| f.size).sum(), Ordering::Relaxed);
    let threads = options.threads();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("naskh-chunk-{i}"))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
    let ctx = Ctx {
        options,
        normalizer: Normalizer::new(&options.normalize),
        target,
        fingerprint: options.fingerprint(),
        control,
        pool,
        batch: threads.max(1),
        in_flight: AtomicUsize::new(0),
        folders: Mutex::default(),
    };
    // Largest first, so that the last file to finish is a small one.
    let mut order: Vec<&InputFile> = walked.files.iter().collect();
    order.sort_by(|a, b| {
        b.size
            .cmp(&a.size)
            .then_with(|| a.relative.cmp(&b.relative))
    });
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(summary);
    std::thread::scope(|s| {
        for _ in 0..threads.min(order.len()).max(1) {
            s.spawn(|| {
                let mut zstd = ZstdContexts::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = order.get(i) else { break };
                    ctx.in_flight.fetch_add(1, Ordering::Relaxed);
                    let outcome = process_file(file, &ctx, &mut zstd);
                    ctx.in_flight.fetch_sub(1, Ordering::Relaxed);
                    control.files_done.fetch_add(1, Ordering::Relaxed);
                    control
                        .problems
                        .fetch_add(outcome.problems.len() as u64, Ordering::Relaxed);
                    shared
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .add(outcome);
                }
            });
        }
    });
    let mut summary = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    summary.interrupted = control.stopped();
    if let Some(t) = target {
        if !options.sync_each {
            crate::fs::sync_file_system(t.dir)?;
        }
        // An interrupted run keeps every line, for the next --resume.
        if !summary.interrupted {
            t.manifest.compact()?;
        }
    }
    summary.finish(started.elapsed().as_secs_f64());
    Ok(summary)
}

fn failed(path: &Path, message: String) -> FileOutcome {
    let mut o = FileOutcome::new(slash_path(path));
    o.status = FileStatus::Failed;
    o.problems.push(Problem {
        file: o.file.clone(),
        line: None,
        message,
    });
    o
}

/// An error's message without the path it starts with (the summary names the file).
fn message(path: &Path, e: &Error) -> String {
    let text = e.to_string();
    let prefix = format!("{}: ", path.display());
    text.strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(text)
}

/// Why a file stopped part-way.
pub(super) enum Stop {
    Interrupted,
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Stop {
        Stop::Failed(e)
    }
}

fn process_file(file: &InputFile, ctx: &Ctx<'_>, zstd: &mut ZstdContexts) -> FileOutcome {
    let mut o = FileOutcome::new(slash_path(&file.path));
    if ctx.control.stopped() {
        o.status = FileStatus::Interrupted;
        return o;
    }
    let (cctx, dctx) = match zstd.both() {
        Ok(both) => both,
        Err(e) => return failed(&file.path, format!("cannot start zstd: {e}")),
    };
    let rel = slash_path(&file.relative);
    let mut out = None;
    if let Some(t) = ctx.target {
        if !is_contained(&file.relative) {
            return failed(
                &file.path,
                "its output would be outside the output folder".into(),
            );
        }
        let out_path = t.dir.join(&file.relative);
        if ctx.options.resume
            && let Some(prev) = t.manifest.previous(&rel)
            && is_complete(prev, file, &out_path, &ctx.fingerprint)
        {
            if let Err(e) = t.manifest.keep(prev) {
                return failed(&file.path, message(&file.path, &e));
            }
            ctx.control
                .bytes_read
                .fetch_add(file.size, Ordering::Relaxed);
            o.status = FileStatus::Resumed;
            o.file_bytes = file.size;
            return o;
        }
        match open_output(&out_path, t, file, ctx, cctx) {
            Ok(w) => out = Some((out_path, w)),
            Err(e) => return failed(&file.path, message(&out_path, &e)),
        }
    }
    let mut reader =
        match Decompressed::open(&file.path, file.compression, &ctx.control.bytes_read, dctx) {
            Ok(r) => r,
            Err(e) => return failed(&file.path, message(&file.path, &e)),
        };
    let mut writer = out.as_mut().map(|(_, w)| w);
    let result = match file.format {
        Format::Text => stream::text_file(file, &mut reader, &mut writer, ctx, &mut o),
        Format::Jsonl => stream::jsonl_file(file, &mut reader, &mut writer, ctx, &mut o),
    };
    o.file_bytes = reader.raw().bytes();
    match result {
        Err(Stop::Interrupted) => {
            o.status = FileStatus::Interrupted;
            return o;
        }
        Err(Stop::Failed(e)) => {
            if matches!(e, Error::WrongEncoding { .. } | Error::InvalidUtf8 { .. }) {
                o.not_utf8 = Some(match &e {
                    Error::WrongEncoding { looks_like, .. } => looks_like.name().to_string(),
                    _ => "unknown".to_string(),
                });
            }
            let mut f = failed(&file.path, message(&file.path, &e));
            f.not_utf8 = o.not_utf8;
            f.file_bytes = o.file_bytes;
            return f;
        }
        Ok(()) => {}
    }
    let Some(t) = ctx.target else {
        return o;
    };
    let (out_path, writer) = out.expect("an output for a run with a target");
    // Read what the decompressor left (a trailing frame, padding) so the hash is the
    // file's.
    if let Err(e) = reader.drain_raw() {
        return failed(&file.path, format!("{e}"));
    }
    let (input_size, input_hash) = (reader.raw().bytes(), reader.raw().digest());
    match writer.commit(ctx.options.sync_each) {
        Ok((output_size, output_hash)) => {
            let entry = Entry {
                output: rel,
                input_size,
                input_xxh3: hex(input_hash),
                settings: ctx.fingerprint.clone(),
                output_size,
                output_xxh3: hex(output_hash),
            };
            if let Err(e) = t.manifest.record(entry) {
                o.problems.push(Problem {
                    file: o.file.clone(),
                    line: None,
                    message: e.to_string(),
                });
            }
        }
        Err(e) => return failed(&file.path, message(&out_path, &e)),
    }
    o
}

/// The output's folder made, checked to be inside OUTPUT (a link placed in OUTPUT must
/// not lead elsewhere), and the output started.
/// Each folder is made, checked and cleaned of temporary files a killed run left there
/// once per run, under the lock (so that no thread's temporary file is taken for a
/// killed run's).
fn open_output<'c>(
    out_path: &Path,
    t: Target<'_>,
    file: &InputFile,
    ctx: &Ctx<'_>,
    cctx: &'c mut zstd::zstd_safe::CCtx<'static>,
) -> Result<Compressed<'c>, Error> {
    let parent = out_path.parent().unwrap_or(t.dir);
    {
        let mut folders = ctx.folders.lock().unwrap_or_else(|p| p.into_inner());
        if !folders.contains(parent) {
            create_dir_all(parent)?;
            let real = real_path(parent)?;
            if !real.starts_with(t.real) {
                return Err(Error::Usage(format!(
                    "{}: leads outside the output folder (a symbolic link?); not written",
                    parent.display()
                )));
            }
            remove_temp_files(parent);
            folders.insert(parent.to_path_buf());
        }
    }
    Compressed::create(out_path, file.compression, cctx)
}

/// An earlier output is complete and still matches: same settings, same input (size and
/// hash), and the output file as recorded (size and hash).
fn is_complete(prev: &Entry, file: &InputFile, out_path: &Path, fingerprint: &str) -> bool {
    if prev.settings != fingerprint || prev.input_size != file.size {
        return false;
    }
    let same = |path: &Path, size: u64, hash: &str| {
        hash_file(path).is_ok_and(|(len, h)| len == size && hex(h) == hash)
    };
    same(out_path, prev.output_size, &prev.output_xxh3)
        && same(&file.path, prev.input_size, &prev.input_xxh3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_every_setting() {
        let base = CorpusOptions::default();
        let mut other = base.clone();
        other.field = "body".into();
        assert_ne!(base.fingerprint(), other.fingerprint());
        let mut other = base.clone();
        other.normalize = NormalizeOptions::profile(crate::normalize::Profile::Search);
        assert_ne!(base.fingerprint(), other.fingerprint());
        let mut other = base.clone();
        other.on_error = OnError::Skip;
        assert_ne!(base.fingerprint(), other.fingerprint());
        let mut other = base.clone();
        other.jobs = 7; // threads do not change the output
        assert_eq!(base.fingerprint(), other.fingerprint());
    }
}
