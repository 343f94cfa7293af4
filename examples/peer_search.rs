//! The whole-process peer for the normaliser's speed floors: the `arabic-normalize`
//! crate's `Normalizer::search()` from standard input to standard output, as a user of
//! that crate would write it (read everything, check UTF-8 with std, normalise, write).
//!
//! ```sh
//! cargo build --release --example peer_search
//! hyperfine -N --input big.txt --output pipe \
//!   'target/release/naskh normalize -p search' 'target/release/examples/peer_search'
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("peer_search: standard input: {e}");
        return ExitCode::from(2);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("peer_search: invalid UTF-8: {}", e.utf8_error());
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
            eprintln!("peer_search: standard output: {e}");
            ExitCode::from(2)
        }
    }
}
