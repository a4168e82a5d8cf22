//! The on-disk index: schema, opening for search, and writing articles.
//!
//! Tantivy types stay inside `index/` and `query/`.

mod backlog;
mod known;
pub mod language;
pub(crate) mod news_tokenizer;
pub mod path_table;
mod read_directory;
pub mod schema;
pub mod stats;
pub(crate) mod stem_cache;
pub mod stored;
pub mod terms;
pub mod tokenizer;
pub(crate) mod word_table;
mod writer;

use std::path::Path;

use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

pub use known::{KnownFiles, Stamp};
pub use schema::Fields;
pub use writer::{IndexWriter, META_FILE};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An index opened for reading.
pub struct OpenIndex {
    /// Where the index lives, for error messages.
    pub path: std::path::PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// What the last commit recorded.
    pub payload: Payload,
}

/// What every commit records beside the segments (tantivy's commit payload).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Payload {
    /// `schema::SCHEMA_VERSION` of the binary that made the commit.
    #[serde(default)]
    pub schema_version: u32,
    /// Every input folder ever indexed into this index, absolute.
    #[serde(default)]
    pub roots: Vec<String>,
    /// When the last commit was made (RFC 3339).
    #[serde(default)]
    pub indexed_at: Option<String>,
}

/// The last commit's payload, read from `meta.json` without building the
/// schema and segment list that tantivy already read when opening the index
/// (a query is a fresh process: that was 3-6 % of its instructions).
/// `None` when the file cannot be read that way; tantivy's reader then says why.
fn commit_payload(path: &Path) -> Option<Option<String>> {
    #[derive(serde::Deserialize)]
    struct Meta {
        payload: Option<String>,
    }
    let text = std::fs::read(path.join(META_FILE)).ok()?;
    serde_json::from_slice::<Meta>(&text)
        .ok()
        .map(|meta| meta.payload)
}

/// Checks that `index` was made by this version's schema; returns its fields
/// and its last payload. An index with no payload yet (killed before its first
/// commit) is fine if its fields are ours.
pub(crate) fn check_version(index: &Index, path: &Path) -> Result<(Fields, Payload)> {
    let version_error = |found: &str| Error::IndexVersion {
        path: path.to_path_buf(),
        found: found.to_string(),
    };
    let payload: Payload = match commit_payload(path)
        .map_or_else(|| index.load_metas().map(|meta| meta.payload), Ok)
    {
        Ok(Some(text)) => serde_json::from_str(&text).map_err(|_| version_error("an unknown"))?,
        Ok(None) => Payload::default(),
        Err(source) => return Err(writer::bad(path, source)),
    };
    if payload.schema_version > schema::SCHEMA_VERSION {
        return Err(version_error("a newer"));
    }
    let fields = Fields::from_schema(&index.schema()).ok_or_else(|| version_error("an older"))?;
    if payload.schema_version != 0 && payload.schema_version < schema::SCHEMA_VERSION {
        return Err(version_error("an older"));
    }
    Ok((fields, payload))
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

/// Replaces the file at `path` with what `write` writes, through a temporary
/// file beside it and a rename, so that readers never see half a file.
pub fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<()> {
    let io = |source| Error::Io {
        what: "cannot write",
        path: path.to_path_buf(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    write(&mut out).map_err(io)?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Opens an existing index read-only (never takes the writer lock).
pub fn open(path: &Path) -> Result<OpenIndex> {
    open_with(path, |path| Index::open_in_dir(path))
}

/// Opens an existing index read-only to scan it once, as story regrouping
/// does before the final merge: read, not mapped (see `read_directory`), so
/// what it has read does not stay resident (news-bench ×4, when regrouping ran
/// beside the merge: peak RSS of a fresh index 276–283 → 261–263 MB, 3 runs each).
pub fn open_to_scan(path: &Path) -> Result<OpenIndex> {
    open_with(path, |path| {
        Index::open(read_directory::ReadDirectory::open(path).map_err(TantivyError::from)?)
    })
}

fn open_with(path: &Path, open: impl FnOnce(&Path) -> tantivy::Result<Index>) -> Result<OpenIndex> {
    if !path.join(META_FILE).is_file() {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    let index = open(path).map_err(|source| Error::BadIndex {
        path: path.to_path_buf(),
        source,
    })?;
    schema::register_analyzers(&index);
    let (fields, payload) = check_version(&index, path)?;
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
        payload,
    })
}
