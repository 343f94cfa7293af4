//! The `naskh` binary: parse arguments, run, exit. Everything else is in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
