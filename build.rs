//! Links the `naskh` binary as a fixed-address executable on Linux with glibc.
//!
//! A position-independent executable has its 14,000 pointers to static data (word
//! lists, rule tables, the argument parser's strings) rewritten by the loader at every
//! start: 60-75 page faults, a third of `naskh --version`'s and a seventh of a diff of
//! two articles'. Linked at a fixed address, the linker writes them once. The
//! price is that the binary's own code and data are not placed at a random address
//! (libraries, stack and heap still are). Set `NASKH_PIE=1` when building to keep the
//! position-independent executable. The library, the tests and the Python module are
//! linked as before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=NASKH_PIE");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let pie = std::env::var_os("NASKH_PIE").is_some_and(|v| v != "0" && !v.is_empty());
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" && !pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
