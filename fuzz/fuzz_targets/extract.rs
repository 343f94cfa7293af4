//! Extract an article's structure: no panic, every span on character boundaries inside
//! the text and equal to its text, YAML and JSON render.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_extract(&String::from_utf8_lossy(data));
});
