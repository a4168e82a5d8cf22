//! Walking the input folders: which files are candidates, in a stable order.
//!
//! Sorted by file name so doc order (and score ties) are the same on every run.
//! Hidden entries and the index folder are never entered. Symlinks are followed
//! only when asked (`--follow`); a loop is reported, never walked forever.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::packed_strings::PackedStrings;

/// Extensions taken as articles; files without an extension are sniffed too.
const EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "md", "markdown", "txt"];

/// Why a walked path is not read. `NotArticle` is counted but not warned about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// An extension we do not index (images, PDFs, …).
    NotArticle,
    /// A symlink, not followed without `--follow`.
    Symlink,
    /// A FIFO, socket or device: reading it could block or never end.
    Special,
    /// The walk could not enter or list it (permissions, a symlink loop, …).
    Unwalkable(String),
}

impl SkipReason {
    /// A short reason used to group skipped files in the summary.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::NotArticle => "not an article",
            SkipReason::Symlink => "symlink",
            SkipReason::Special => "not a regular file",
            SkipReason::Unwalkable(_) => "unreadable",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NotArticle => f.write_str("not an article file type"),
            SkipReason::Symlink => f.write_str("symlink not followed (use --follow)"),
            SkipReason::Special => f.write_str("not a regular file (FIFO, socket or device)"),
            SkipReason::Unwalkable(why) => write!(f, "cannot read: {why}"),
        }
    }
}

/// A file to read: where it is, the key it is indexed under, and its stamp.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The absolute, symlink-free path the article is stored under.
    pub key: String,
    /// The path to open, when it is not the key (a relative or symlinked input).
    path: Option<PathBuf>,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime: i64,
}

/// The walk's files, packed: each key as its folder and its name, the names
/// back to back in one buffer and each run of files in one folder naming it
/// once; stamps in another buffer, and the few paths that differ from their
/// keys apart. A run holds every file it will clean until the end: at
/// news-bench ×4 (179k files) a `Candidate` each took 23 MB (a 64-byte struct
/// and an allocation per key), whole keys back to back 13.
#[derive(Debug, Default)]
pub struct Candidates {
    /// The folder part of the keys (up to and with the last separator), once
    /// per run of files that share it.
    folders: PackedStrings,
    /// The index of each run's first file; run r's folder is `folders[r]`.
    run_starts: Vec<usize>,
    /// The rest of each key: the file's name.
    names: PackedStrings,
    /// (size, mtime) of each file.
    stamps: Vec<(u64, i64)>,
    /// The path to open of the files whose path is not their key, by index.
    paths: Vec<(usize, PathBuf)>,
}

/// One file of `Candidates`.
#[derive(Debug, Clone)]
pub struct CandidateRef<'a> {
    pub key: String,
    path: Option<&'a Path>,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime: i64,
}

impl CandidateRef<'_> {
    /// The path to open.
    pub fn path(&self) -> &Path {
        self.path.unwrap_or(Path::new(&self.key))
    }
}

impl Candidates {
    pub fn push(&mut self, file: Candidate) {
        if let Some(path) = file.path {
            self.paths.push((self.names.len(), path));
        }
        let cut = file
            .key
            .rfind(std::path::is_separator)
            .map_or(0, |at| at + 1);
        let (folder, name) = file.key.split_at(cut);
        if self.folders.is_empty() || &self.folders[self.folders.len() - 1] != folder {
            self.folders.push(folder);
            self.run_starts.push(self.names.len());
        }
        self.names.push(name);
        self.stamps.push((file.size, file.mtime));
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The `i`th file pushed.
    pub fn get(&self, i: usize) -> Option<CandidateRef<'_>> {
        let name = self.names.get(i)?;
        let run = self.run_starts.partition_point(|&start| start <= i) - 1;
        let key = [&self.folders[run], name].concat();
        let path = self
            .paths
            .binary_search_by_key(&i, |(at, _)| *at)
            .ok()
            .map(|at| self.paths[at].1.as_path());
        let (size, mtime) = self.stamps[i];
        Some(CandidateRef {
            key,
            path,
            size,
            mtime,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = CandidateRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Gives back the room the lists grew into.
    pub fn shrink_to_fit(&mut self) {
        self.folders.shrink_to_fit();
        self.run_starts.shrink_to_fit();
        self.names.shrink_to_fit();
        self.stamps.shrink_to_fit();
        self.paths.shrink_to_fit();
    }
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    /// A file to read and clean.
    File(Candidate),
    /// A path passed over, with the reason (counted in the summary).
    Skipped {
        path: PathBuf,
        key: Option<String>,
        reason: SkipReason,
    },
}

/// How to walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions<'a> {
    /// The index folder, which may live inside an input and is never walked.
    pub exclude: Option<&'a Path>,
    /// Follow symlinks (to files and folders).
    pub follow: bool,
}

/// The absolute, symlink-free form of each input: the roots whose documents a
/// run is responsible for (and may remove when their files are gone).
pub fn roots(inputs: &[PathBuf]) -> Vec<String> {
    inputs
        .iter()
        .map(|input| key_of(input).unwrap_or_else(|| input.to_string_lossy().into_owned()))
        .collect()
}

fn key_of(path: &Path) -> Option<String> {
    let absolute = path
        .canonicalize()
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    Some(absolute.to_string_lossy().into_owned())
}

/// Walks every input (folder or single file), yielding its entries in order
/// as they are found: a run's list of every file it walked would be held
/// beside the index's list of known files (at news-bench ×4, 179k files, a
/// struct and a key string each, about 25 MB).
pub fn walk<'a>(
    inputs: &'a [PathBuf],
    options: WalkOptions<'a>,
) -> impl Iterator<Item = Entry> + 'a {
    let exclude = options.exclude.and_then(|p| p.canonicalize().ok());
    inputs.iter().flat_map(move |input| {
        // Keys are built from the canonical root plus the path below it: one
        // realpath per input instead of one per file. Below the root nothing is
        // a symlink unless --follow, where each file is resolved on its own.
        let root = input.canonicalize().unwrap_or_else(|_| input.clone());
        let exclude = exclude.clone();
        walkdir::WalkDir::new(input)
            .follow_links(options.follow)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_index = e.file_type().is_dir()
                    && exclude.is_some()
                    && e.path().canonicalize().ok() == exclude;
                !hidden && !is_index
            })
            .filter_map(move |item| entry(item, input, &root, options.follow))
    })
}

/// What the walk makes of one item below `input` (canonical form `root`);
/// `None` for a folder.
fn entry(
    item: walkdir::Result<walkdir::DirEntry>,
    input: &Path,
    root: &Path,
    follow: bool,
) -> Option<Entry> {
    let e = match item {
        Ok(e) => e,
        Err(err) => {
            let path = err.path().map(Path::to_path_buf).unwrap_or_default();
            let why = if err.loop_ancestor().is_some() {
                "symlink loop".to_string()
            } else {
                err.io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string())
            };
            return Some(Entry::Skipped {
                path,
                key: None,
                reason: SkipReason::Unwalkable(why),
            });
        }
    };
    let file_type = e.file_type();
    if file_type.is_dir() {
        return None;
    }
    let key = if follow || e.depth() == 0 {
        key_of(e.path())
    } else {
        e.path()
            .strip_prefix(input)
            .ok()
            .map(|rel| root.join(rel).to_string_lossy().into_owned())
    };
    let reason = if file_type.is_symlink() {
        Some(SkipReason::Symlink)
    } else if !file_type.is_file() {
        Some(SkipReason::Special)
    } else if !has_article_extension(e.path()) {
        Some(SkipReason::NotArticle)
    } else {
        None
    };
    if let Some(reason) = reason {
        return Some(Entry::Skipped {
            path: e.into_path(),
            key,
            reason,
        });
    }
    let (size, mtime) = match e.metadata() {
        Ok(meta) => (meta.len(), mtime_nanos(&meta)),
        Err(err) => {
            let why = err
                .io_error()
                .map(|e| e.to_string())
                .unwrap_or_else(|| err.to_string());
            return Some(Entry::Skipped {
                path: e.into_path(),
                key,
                reason: SkipReason::Unwalkable(why),
            });
        }
    };
    let key = key.unwrap_or_else(|| e.path().to_string_lossy().into_owned());
    let path = (e.path() != Path::new(&key)).then(|| e.into_path());
    Some(Entry::File(Candidate {
        key,
        path,
        size,
        mtime,
    }))
}

fn mtime_nanos(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn has_article_extension(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.to_string_lossy().to_ascii_lowercase();
            EXTENSIONS.contains(&ext.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_candidates_give_back_what_was_pushed() {
        // Folders in runs, one coming back after a subfolder, and a key with
        // no folder at all.
        let pushed = [
            ("/news/a.txt", None, 10),
            ("/news/bb.html", Some("docs/bb.html"), 20),
            ("/news/world/d.txt", None, 40),
            ("/news/world/e.txt", Some("world/e.txt"), 50),
            ("/news/c.md", None, 30),
            ("plain.txt", None, 60),
        ];
        let mut files = Candidates::default();
        for (key, path, size) in pushed {
            files.push(Candidate {
                key: key.to_string(),
                path: path.map(PathBuf::from),
                size,
                mtime: -(size as i64),
            });
        }
        files.shrink_to_fit();
        let listed: Vec<(String, PathBuf, u64, i64)> = files
            .iter()
            .map(|f| (f.key.clone(), f.path().to_path_buf(), f.size, f.mtime))
            .collect();
        let expected: Vec<(String, PathBuf, u64, i64)> = pushed
            .iter()
            .map(|&(key, path, size)| {
                let path = PathBuf::from(path.unwrap_or(key));
                (key.to_string(), path, size, -(size as i64))
            })
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(files.len(), 6);
        assert!(files.get(6).is_none());
    }
}
