//! Where the extended tests (`cargo test --release -- --ignored`) find the real data
//! that is not part of this repository: the folder named by `NASKH_REALDATA` (relative
//! paths are taken from the repository, where cargo runs the tests), else
//! `../shared/realdata` next to the repository. It holds `articles/` (real news
//! articles as `.txt`), `revisions/` (real revision pairs) and `diacritized/`
//! (`tanzil/`, `tashkeela/`).

use std::path::PathBuf;

/// The real-data folder; panics with what to do when there is none.
pub fn realdata() -> PathBuf {
    let dir = match std::env::var_os("NASKH_REALDATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata"),
    };
    assert!(
        dir.is_dir(),
        "{} is not a folder: set NASKH_REALDATA to the real-data folder (articles/, revisions/, diacritized/) to run the extended tests",
        dir.display()
    );
    dir
}
