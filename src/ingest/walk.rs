//! Walking the input folders: which files are candidates, in a stable order.
//!
//! Sorted by file name so doc order (and score ties) are the same on every run.
//! Hidden entries and the index folder are never entered; symlinks are not followed.

use std::path::{Path, PathBuf};

/// Extensions taken as articles; files without an extension are sniffed too.
const EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "md", "markdown", "txt"];

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    /// A file to read and clean.
    File(PathBuf),
    /// A file passed over, with the reason (counted in the summary).
    Skipped { path: PathBuf, reason: String },
}

/// Walks every input (folder or single file) and returns its entries in order.
///
/// `exclude` is the index folder, which may live inside an input.
pub fn walk(inputs: &[PathBuf], exclude: Option<&Path>) -> Vec<Entry> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut entries = Vec::new();
    for input in inputs {
        let walker = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_index = e.file_type().is_dir()
                    && exclude.is_some()
                    && e.path().canonicalize().ok() == exclude;
                !hidden && !is_index
            });
        for item in walker {
            match item {
                Ok(e) if e.file_type().is_file() => {
                    if has_article_extension(e.path()) {
                        entries.push(Entry::File(e.into_path()));
                    } else {
                        entries.push(Entry::Skipped {
                            path: e.into_path(),
                            reason: "not an article file type".into(),
                        });
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                    let reason = err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string());
                    entries.push(Entry::Skipped { path, reason });
                }
            }
        }
    }
    entries
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
