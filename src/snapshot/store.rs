//! The snapshot store: every article of a corpus folder compared with its `.snap` file
//! in a snapshots folder, and the snapshots that changed written back (atomically,
//! through [`crate::fs`]).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::names::snapshot_names;
use super::{SNAPSHOT_NAME, normalise_body, parse_snap, render, write_snap};
use crate::Error;
use crate::corpus::walk;
use crate::fs::{
    create_dir_all, read_if_exists, read_text, remove_if_exists, slash_path, write_atomic,
};

/// The state of one article's snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotState {
    /// The snapshot holds the article's structure.
    Matches,
    /// The snapshot differs: what it holds and what the extractor gives now.
    Changed {
        /// The body in the snapshot.
        stored: String,
        /// The body the extractor renders now.
        current: String,
    },
    /// The article has no snapshot yet.
    Missing {
        /// The body the extractor renders now.
        current: String,
    },
    /// A snapshot without an article.
    Orphan,
    /// The article or its snapshot could not be read.
    Trouble(String),
}

/// One article (or orphaned snapshot) and its snapshot's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotEntry {
    /// The article, relative to the corpus folder (`None` for an orphan).
    pub article: Option<PathBuf>,
    /// The snapshot file, in the snapshots folder.
    pub snapshot: PathBuf,
    /// Its state.
    pub state: SnapshotState,
}

/// Compare every `.txt` article under `corpus` with its snapshot under `snapshots`, as
/// the glob test does; also report snapshots that have no article. An unreadable
/// article or malformed snapshot is reported as [`SnapshotState::Trouble`] and the
/// others are still checked. Fails only when a folder cannot be listed.
pub fn check_snapshots(corpus: &Path, snapshots: &Path) -> Result<Vec<SnapshotEntry>, Error> {
    let files = walk(corpus, "txt")?;
    let named = snapshot_names(&files);
    let check = |(file, name): &(PathBuf, String)| -> SnapshotEntry {
        let snap_path = snapshots.join(name);
        let state = match read_text(&corpus.join(file)) {
            Err(e) => SnapshotState::Trouble(e.to_string()),
            Ok(text) => {
                let current = render(&crate::structure::extract(&text));
                match read_if_exists(&snap_path) {
                    Ok(None) => SnapshotState::Missing { current },
                    Err(e) => SnapshotState::Trouble(e.to_string()),
                    Ok(Some(stored)) => match parse_snap(&snap_path, &stored) {
                        Err(e) => SnapshotState::Trouble(e.to_string()),
                        Ok(snap) if snap.matches(&current) => SnapshotState::Matches,
                        Ok(snap) => SnapshotState::Changed {
                            stored: normalise_body(&snap.body) + "\n",
                            current,
                        },
                    },
                }
            }
        };
        SnapshotEntry {
            article: Some(file.clone()),
            snapshot: snap_path,
            state,
        }
    };
    // Reading and extracting are independent per article; the order is kept.
    let mut entries: Vec<SnapshotEntry> = named.par_iter().map(check).collect();
    // Snapshots of this test with no article.
    let expected: std::collections::HashSet<&str> = named.iter().map(|(_, n)| n.as_str()).collect();
    if snapshots.is_dir() {
        let prefix = format!("{}@", SNAPSHOT_NAME);
        for snap in walk(snapshots, "snap")? {
            let name = slash_path(&snap);
            if name.starts_with(&prefix) && !expected.contains(name.as_str()) {
                entries.push(SnapshotEntry {
                    article: None,
                    snapshot: snapshots.join(&snap),
                    state: SnapshotState::Orphan,
                });
            }
        }
    }
    Ok(entries)
}

/// Write the snapshot of every entry that is changed or missing (atomically), as
/// `.snap` files or, with `pending`, as `.snap.new` files for `cargo insta review`.
/// `corpus` is the folder as given by the user: the header's `input_file` is that folder
/// joined with the article's path. Without `pending`, a `.snap.new` left next to any
/// article's snapshot is removed: it is stale once the snapshot is accepted or matches.
/// Returns the files written.
pub fn write_snapshots(
    corpus: &Path,
    entries: &[SnapshotEntry],
    pending: bool,
) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for e in entries {
        if !pending && e.article.is_some() {
            // A pending proposal is stale once the snapshot is accepted or matches (insta
            // drops it when the assertion passes, too).
            let mut stale = e.snapshot.clone().into_os_string();
            stale.push(".new");
            remove_if_exists(Path::new(&stale))?;
        }
        let (
            Some(article),
            SnapshotState::Changed { current, .. } | SnapshotState::Missing { current },
        ) = (&e.article, &e.state)
        else {
            continue;
        };
        let input_file = slash_path(&corpus.join(article));
        let text = write_snap(&input_file, current);
        let path = if pending {
            let mut p = e.snapshot.clone().into_os_string();
            p.push(".new");
            PathBuf::from(p)
        } else {
            e.snapshot.clone()
        };
        if let Some(dir) = path.parent() {
            create_dir_all(dir)?;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
