//! The one deterministic renderer of an article's structure for snapshots, and snapshot
//! files in insta's `.snap` format, so that `cargo insta review` and `naskh snapshot`
//! work on the same files.
//!
//! A snapshot file is a YAML header between two `---` lines, then the body:
//!
//! ```text
//! ---
//! source: tests/snapshots.rs
//! description: "naskh 0.1.0 extract, structure v1, snapshot v2"
//! expression: "naskh::snapshot::render(&naskh::structure::extract(&text))"
//! input_file: corpus/rt-lavrov-de-mistura.txt
//! ---
//! headline: null
//! …
//! ```
//!
//! The body is the structure without byte offsets ([`view`]: an edit changes only the
//! lines about what it changed), as YAML ([`yaml`]). Bodies are compared as insta
//! compares them: trailing whitespace ignored, CRLF read as LF. The header's
//! `description` names the extractor's and the snapshot format's versions, so a change
//! of output can be traced to it. Rendering does no I/O and never fails; reading a
//! `.snap` fails with the file and line of what is wrong.
//!
//! The parts: [`view`] and [`yaml`] render a body; [`snap`] reads and writes `.snap`
//! text; [`names`] gives each article its snapshot's file name; [`store`] compares a
//! corpus folder with a snapshots folder and writes the changes (the only part that
//! touches files, through [`crate::fs`] and [`crate::corpus::walk_followed`]); [`summary`] says
//! what changed in a structure; [`report`] turns the result into diffs, summaries and
//! CI reports.

pub mod json;
pub mod names;
pub mod report;
pub mod snap;
pub mod store;
pub mod summary;
pub mod view;
pub mod yaml;

use crate::structure::{Article, STRUCTURE_VERSION};

pub use names::{snapshot_file_name, snapshot_names};
pub use snap::{SnapFile, normalise_body, parse_snap, write_snap};
pub use store::{
    Checked, SnapshotEntry, SnapshotState, check_corpus, check_snapshots, write_snapshots,
};
pub use yaml::{MapWriter, to_yaml, value_to_yaml, write_extracted};

/// The snapshot name the glob test uses: files are `extract@<input>.snap`.
pub const SNAPSHOT_NAME: &str = "extract";

/// The test file that asserts the snapshots (the `source:` of the header).
pub const TEST_SOURCE: &str = "tests/snapshots.rs";

/// The expression the glob test snapshots (the `expression:` of the header).
pub const EXPRESSION: &str = "naskh::snapshot::render(&naskh::structure::extract(&text))";

/// The version of what [`render`] makes of a structure: it changes when the same
/// structure may give another body (2: byte offsets left out, places by paragraph,
/// YAML quoting for every 1.1 and 1.2 reader).
pub const SNAPSHOT_VERSION: u32 = 2;

/// The header's description: naskh's version, the structure's and the snapshot
/// format's.
pub fn description() -> String {
    format!(
        "naskh {} extract, structure v{STRUCTURE_VERSION}, snapshot v{SNAPSHOT_VERSION}",
        env!("CARGO_PKG_VERSION"),
    )
}

/// The snapshot body of an article: its structure as YAML, without byte offsets (each
/// thing placed by its paragraph instead: see [`view`]), with invisible and control
/// characters shown as `<U+200F>` so that a reviewer sees them.
///
/// ```
/// let a = naskh::structure::extract("قال\u{200F}: «نعم».\n");
/// let body = naskh::snapshot::render(&a);
/// assert!(body.contains("قال<U+200F>: «نعم»."));
/// assert!(!body.contains("span"));
/// ```
pub fn render(article: &Article) -> String {
    yaml::value_to_yaml(&view::snapshot_value(article), true)
}
