//! Writing to standard output when the reader may have gone away (`naskh … | head -1`).
//!
//! Rust ignores SIGPIPE, so a closed pipe is an `EPIPE` error on write. Commands whose
//! exit status carries an answer (`diff`, `snapshot check`: 0 same, 1 different) end as
//! GNU diff and git do when the reader goes away: killed by SIGPIPE, which a shell
//! reports as 141 (128 + 13), never 0 ("no differences"), so a script's
//! `set -o pipefail` sees the pipe was cut; the others (`normalize`, `extract`) stay
//! quiet with 0 (see `cli::run`).

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;

/// The exit status of a command killed by SIGPIPE, as a shell reports it: 128 + 13.
pub(crate) const CLOSED_PIPE_STATUS: u8 = 141;

/// End as a closed pipe ends GNU diff: the default action of SIGPIPE is restored and the
/// signal raised (what git's `check_pipe` does), and the process dies of it; where that
/// cannot be, the status is [`CLOSED_PIPE_STATUS`].
pub(crate) fn closed_pipe_exit() -> ExitCode {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
    }
    ExitCode::from(CLOSED_PIPE_STATUS)
}

/// When standard output is a pipe, make its buffer a megabyte (Linux's default most for
/// an unprivileged process) instead of 64 KiB: a long output then goes in a sixteenth
/// of the writes, each a switch to the reader and back (`naskh normalize < 10 MB | …`
/// spent as long in those as in normalising). Nothing happens elsewhere, or on failure.
pub(crate) fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsFd;
        let stdout = io::stdout();
        let fd = stdout.as_fd();
        let is_pipe = rustix::fs::fstat(fd).is_ok_and(|st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::Fifo
        });
        if is_pipe {
            let _ = rustix::pipe::fcntl_setpipe_size(fd, 1 << 20);
        }
    }
}

/// What became of a write to standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// All of it was written.
    All,
    /// The reader closed the pipe first.
    PipeClosed,
}

/// Write `bytes` to standard output and flush; a closed pipe is [`Written::PipeClosed`],
/// any other failure an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> anyhow::Result<Written> {
    write_stdout_with(|out| out.write_all(bytes))
}

/// Let `write` write to standard output (buffered), then flush; a closed pipe is
/// [`Written::PipeClosed`], any other failure an error.
pub(crate) fn write_stdout_with(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<Written> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(Written::All),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Written::PipeClosed),
        Err(e) => Err(e).context("writing to standard output"),
    }
}
