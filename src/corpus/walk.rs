//! Finding a corpus's files: folders walked in sorted order (hidden files and folders
//! skipped, symbolic links skipped unless followed, loops reported), files chosen by
//! format or by globs, each given the path its output takes below OUTPUT; and the
//! checks that keep OUTPUT and the inputs apart, through symbolic links too.

use std::path::{Component, Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

use super::format::{Compression, Format, FormatChoice, detect};
use crate::Error;
use crate::fs::{io_error, slash_path};

/// How to choose a corpus's files.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Formats by extension, or one format for every file.
    pub format: FormatChoice,
    /// Glob patterns (`**/*.md`, `2019/*.txt`): when given, files that match any of them
    /// are read, whatever their extension. A pattern without `/` matches file names at
    /// any depth; one with `/` matches the path below the input folder.
    pub globs: Vec<String>,
    /// Follow symbolic links (loops are reported, not followed).
    pub follow: bool,
}

/// One file of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// The file, as reached from the input given.
    pub path: PathBuf,
    /// Its output's path below OUTPUT: its path below the input folder it was found in,
    /// or its name for a file given directly.
    pub relative: PathBuf,
    /// What it holds.
    pub format: Format,
    /// How it is compressed.
    pub compression: Compression,
    /// Its size on disk.
    pub size: u64,
}

/// What walking the inputs found.
#[derive(Clone, Debug, Default)]
pub struct Walked {
    /// The files, sorted by output path.
    pub files: Vec<InputFile>,
    /// Paths that could not be walked or read, with the reason (a loop, an unreadable
    /// folder, a missing input).
    pub problems: Vec<(PathBuf, String)>,
    /// Symbolic links that were not followed.
    pub links_skipped: Vec<PathBuf>,
}

fn globset(globs: &[String]) -> Result<(GlobSet, GlobSet), Error> {
    let mut names = GlobSetBuilder::new();
    let mut paths = GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .map_err(|e| Error::Usage(format!("--glob {g}: {e}")))?;
        if g.contains('/') {
            paths.add(glob);
        } else {
            names.add(glob);
        }
    }
    let build = |b: GlobSetBuilder| b.build().map_err(|e| Error::Usage(format!("--glob: {e}")));
    Ok((build(names)?, build(paths)?))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Find the files of `inputs` (folders and files). `output`, when given, is never walked
/// into (with `follow`, a link that leads into it is reported).
pub fn find_inputs(
    inputs: &[PathBuf],
    options: &WalkOptions,
    output: Option<&Path>,
) -> Result<Walked, Error> {
    let (names, paths) = globset(&options.globs)?;
    let globbed = !options.globs.is_empty();
    let output_real = output.and_then(|o| real_path(o).ok());
    let mut walked = Walked::default();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                walked
                    .problems
                    .push((input.clone(), io_error(input, e).to_string()));
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named on the command line is read whatever its name, as its
            // extension says or as the format asked for.
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (format, compression) =
                detect(&name, options.format, true).unwrap_or((Format::Text, Compression::None));
            walked.files.push(InputFile {
                path: input.clone(),
                relative: PathBuf::from(&name),
                format,
                compression,
                size: meta.len(),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(input)
            .follow_links(options.follow)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().unwrap_or(input).to_path_buf();
                    let why = match e.loop_ancestor() {
                        Some(a) => format!(
                            "{}: symbolic link loop (leads back to {}), not followed",
                            at.display(),
                            a.display()
                        ),
                        None => match e.io_error() {
                            Some(io) => format!("{}: {io}", at.display()),
                            None => e.to_string(),
                        },
                    };
                    walked.problems.push((at, why));
                    continue;
                }
            };
            if entry.path_is_symlink() {
                if !options.follow {
                    walked.links_skipped.push(entry.path().to_path_buf());
                    continue;
                }
                if let (Some(out), Ok(real)) = (&output_real, real_path(entry.path()))
                    && (real.starts_with(out) || out.starts_with(&real))
                {
                    walked.problems.push((
                        entry.path().to_path_buf(),
                        format!(
                            "{}: symbolic link into the output folder, not followed",
                            entry.path().display()
                        ),
                    ));
                    continue;
                }
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(input)
                .unwrap_or(entry.path())
                .to_path_buf();
            let name = entry.file_name().to_string_lossy();
            let matched =
                globbed && (names.is_match(&*name) || paths.is_match(slash_path(&relative)));
            if globbed && !matched {
                continue;
            }
            let Some((format, compression)) = detect(&name, options.format, matched) else {
                continue;
            };
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            walked.files.push(InputFile {
                path: entry.path().to_path_buf(),
                relative,
                format,
                compression,
                size,
            });
        }
    }
    walked.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    // Two inputs that give the same output path would overwrite each other's output.
    for pair in walked.files.windows(2) {
        if pair[0].relative == pair[1].relative {
            return Err(Error::Usage(format!(
                "{} and {} would both be written to {} in the output folder; give them in separate runs",
                pair[0].path.display(),
                pair[1].path.display(),
                slash_path(&pair[0].relative)
            )));
        }
    }
    Ok(walked)
}

/// Every file below `dir` whose name ends with `.{ext}`, sorted by path, with paths
/// relative to `dir` using the platform's separator. Hidden files and folders are
/// skipped, and symbolic links to folders are not followed.
pub fn walk(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Err(io_error(
            dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        ));
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(dir).to_path_buf();
            match e.into_io_error() {
                Some(io) => io_error(&at, io),
                None => io_error(&at, std::io::Error::other("cannot walk")),
            }
        })?;
        // A link to a file counts as the file.
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if is_file && entry.path().extension().is_some_and(|e| e == ext) {
            out.push(
                entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
            );
        }
    }
    out.sort();
    Ok(out)
}

/// `path` with every symbolic link resolved, also when it does not exist yet: its
/// nearest existing ancestor resolved, the rest appended.
pub fn real_path(path: &Path) -> Result<PathBuf, Error> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| io_error(path, e))?
            .join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => {
                let mut out = real;
                for c in rest.iter().rev() {
                    out.push(c);
                }
                return Ok(out);
            }
            Err(e) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => return Err(io_error(path, e)),
            },
        }
    }
}

/// Refuse an OUTPUT that is an INPUT, inside one, or holds one (through symbolic links
/// too): naskh never writes into its inputs, and never reads its own outputs.
pub fn check_apart(inputs: &[PathBuf], output: &Path) -> Result<(), Error> {
    let out = real_path(output)?;
    for input in inputs {
        let Ok(real) = real_path(input) else {
            continue; // reported when walked
        };
        let why = if real == out {
            "is the input"
        } else if out.starts_with(&real) {
            "is inside the input"
        } else if real.starts_with(&out) {
            "holds the input"
        } else {
            continue;
        };
        return Err(Error::Usage(format!(
            "refusing to write to {}: the output folder {why} {}",
            output.display(),
            input.display()
        )));
    }
    Ok(())
}

/// `true` if `relative` stays below the folder it is joined to (no `..`, no root).
pub fn is_contained(relative: &Path) -> bool {
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(w: &Walked) -> Vec<String> {
        w.files.iter().map(|f| slash_path(&f.relative)).collect()
    }

    #[test]
    fn walk_sorts_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b/c")).unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        for f in ["z.txt", "b/a.txt", "b/c/d.txt", ".git/x.txt", "b/skip.md"] {
            fs::write(dir.path().join(f), "x").unwrap();
        }
        let got: Vec<_> = walk(dir.path(), "txt")
            .unwrap()
            .iter()
            .map(|p| slash_path(p))
            .collect();
        assert_eq!(got, ["b/a.txt", "b/c/d.txt", "z.txt"]);
    }

    #[test]
    fn formats_globs_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        fs::create_dir_all(root.join("2019/05")).unwrap();
        for f in [
            "a.txt",
            "b.jsonl.zst",
            "c.txt.gz",
            "notes.md",
            "2019/05/d.jsonl",
            "2019/e.json",
            ".hidden.txt",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let w = find_inputs(std::slice::from_ref(&root), &WalkOptions::default(), None).unwrap();
        assert_eq!(
            names(&w),
            ["2019/05/d.jsonl", "a.txt", "b.jsonl.zst", "c.txt.gz"]
        );
        assert_eq!(w.files[2].format, Format::Jsonl);
        assert_eq!(w.files[2].compression, Compression::Zstd);
        let opts = WalkOptions {
            format: FormatChoice::Jsonl,
            ..WalkOptions::default()
        };
        let w = find_inputs(std::slice::from_ref(&root), &opts, None).unwrap();
        assert_eq!(names(&w), ["2019/05/d.jsonl", "b.jsonl.zst"]);
        let opts = WalkOptions {
            globs: vec!["*.md".into(), "2019/*.json".into()],
            ..WalkOptions::default()
        };
        let w = find_inputs(std::slice::from_ref(&root), &opts, None).unwrap();
        assert_eq!(names(&w), ["2019/e.json", "notes.md"]);
        assert!(w.files.iter().all(|f| f.format == Format::Text));

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&root, root.join("2019/loop")).unwrap();
            std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
            let w =
                find_inputs(std::slice::from_ref(&root), &WalkOptions::default(), None).unwrap();
            assert_eq!(w.links_skipped.len(), 2);
            assert!(!names(&w).contains(&"link.txt".to_string()));
            let opts = WalkOptions {
                follow: true,
                ..WalkOptions::default()
            };
            let w = find_inputs(std::slice::from_ref(&root), &opts, None).unwrap();
            assert!(names(&w).contains(&"link.txt".to_string()));
            assert!(
                w.problems.iter().any(|(_, why)| why.contains("loop")),
                "{:?}",
                w.problems
            );
        }
    }

    #[test]
    fn output_and_input_stay_apart() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        fs::create_dir_all(input.join("sub")).unwrap();
        let inputs = [input.clone()];
        assert!(check_apart(&inputs, &dir.path().join("out")).is_ok());
        for bad in [
            input.clone(),
            input.join("sub"),
            input.join("new/deeper"),
            dir.path().to_path_buf(),
        ] {
            assert!(check_apart(&inputs, &bad).is_err(), "{}", bad.display());
        }
        #[cfg(unix)]
        {
            // Through a link: `alias` is `in`.
            std::os::unix::fs::symlink(&input, dir.path().join("alias")).unwrap();
            assert!(check_apart(&inputs, &dir.path().join("alias/out")).is_err());
        }
        assert!(is_contained(Path::new("a/b.txt")));
        assert!(!is_contained(Path::new("../b.txt")));
        assert!(!is_contained(Path::new("/etc/passwd")));
    }
}
