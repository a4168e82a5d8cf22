//! The on-disk index: schema, opening for search, and writing articles.
//!
//! Tantivy types stay inside `index/` and `query/`.

pub mod schema;
mod writer;

use std::path::Path;

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use schema::Fields;
pub use writer::{IndexWriter, META_FILE};

use crate::error::{Error, Result};

/// An index opened for reading.
pub struct OpenIndex {
    /// Where the index lives, for error messages.
    pub path: std::path::PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
}

/// Deletes the index at `path` (for a full rebuild). Only a folder holding an
/// index is touched, and only its non-hidden files.
pub(crate) fn remove(path: &Path) -> Result<()> {
    if !path.join(META_FILE).is_file() {
        return Ok(());
    }
    let io = |source| Error::Io {
        what: "cannot remove the old index in",
        path: path.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_lock = entry.file_name().to_string_lossy().ends_with(".lock");
        if entry.file_type().map_err(io)?.is_file() && (!hidden || !is_lock) {
            std::fs::remove_file(entry.path()).map_err(io)?;
        }
    }
    Ok(())
}

/// Opens an existing index read-only (never takes the writer lock).
pub fn open(path: &Path) -> Result<OpenIndex> {
    if !path.join(META_FILE).is_file() {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    let index = Index::open_in_dir(path).map_err(|source| Error::BadIndex {
        path: path.to_path_buf(),
        source,
    })?;
    schema::register_analyzers(&index);
    let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::BadIndex {
        path: path.to_path_buf(),
        source: tantivy::TantivyError::SchemaError("not an index made by `search`".into()),
    })?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|source| Error::BadIndex {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(OpenIndex {
        path: path.to_path_buf(),
        index,
        reader,
        fields,
    })
}
