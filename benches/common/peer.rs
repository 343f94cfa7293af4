//! The whole-process peer of the normaliser's speed floors: the `arabic-normalize` crate's
//! `Normalizer::search()` from standard input to standard output, as a user of that crate
//! writes it (read everything, check UTF-8 with std, normalise, write). Used by
//! `benches/normalize.rs` (the bench runs itself in this mode) and by
//! `examples/peer_search.rs` (for hyperfine).

use std::io::{Read, Write};
use std::process::ExitCode;

/// Standard input through `arabic_normalize::Normalizer::search()` to standard output.
pub fn search_stdin_to_stdout() -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("peer: standard input: {e}");
        return ExitCode::from(2);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("peer: invalid UTF-8: {}", e.utf8_error());
            return ExitCode::from(2);
        }
    };
    let out = arabic_normalize::Normalizer::search().normalize(&text);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peer: standard output: {e}");
            ExitCode::from(2)
        }
    }
}
