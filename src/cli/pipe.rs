//! How a command whose exit status carries an answer (`snapshot check`, `diff`: 0 same,
//! 1 different) ends when the reader of its standard output goes away
//! (`naskh snapshot check | head -1`): as GNU diff and git end, killed by SIGPIPE, which a
//! shell reports as 141, never 0 ("no differences"). The others (`normalize`, `extract`)
//! stay quiet with 0 (see `cli::run`).

use std::process::ExitCode;

/// The exit status of a command killed by SIGPIPE, as a shell reports it: 128 + 13.
pub(crate) const CLOSED_PIPE_STATUS: u8 = 141;

/// End as a closed pipe ends GNU diff. Rust ignores SIGPIPE, so the write failed with
/// EPIPE instead: the default action is restored and the signal raised (what git's
/// `check_pipe` does), and the process dies of it; where that cannot be, the status is
/// [`CLOSED_PIPE_STATUS`].
pub(crate) fn closed_pipe_exit() -> ExitCode {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
    }
    ExitCode::from(CLOSED_PIPE_STATUS)
}
