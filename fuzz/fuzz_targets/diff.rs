//! Diff two versions (the bytes before and after the first 0xFF) as an article and as
//! lines: no panic, every range in its text, JSON parses, nothing raw reaches a
//! terminal from the terminal and unified views, HTML renders, a text against itself
//! has no changes.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (old, new) = invariants::diff_input(data);
    invariants::check_diff(&old, &new);
});
