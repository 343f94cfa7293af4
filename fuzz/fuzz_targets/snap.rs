//! Parse a `.snap` file: no panic, and what parses is written back and read again to the
//! same header value and body.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_snap(&String::from_utf8_lossy(data));
});
