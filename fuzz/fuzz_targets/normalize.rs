//! Normalise with every profile and the quote style the first byte picks: no panic,
//! idempotent, the offset map valid, chunked equal to whole.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (style, text) = invariants::normalize_input(data);
    invariants::check_normalize(&text, style);
});
