//! The whole-process peer for the normaliser's speed floors: the `arabic-normalize`
//! crate's `search()` from standard input to standard output (see
//! `benches/common/peer.rs`), for timing by hand next to `naskh normalize -p search`:
//!
//! ```sh
//! cargo build --release --example peer_search
//! hyperfine 'target/release/examples/peer_search < big.txt' \
//!   'target/release/naskh normalize -p search < big.txt'
//! ```

#[path = "../benches/common/peer.rs"]
mod peer;

fn main() -> std::process::ExitCode {
    peer::search_stdin_to_stdout()
}
