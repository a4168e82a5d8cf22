//! Writing articles: create or open the index, upsert by path, commit.
//!
//! `path` is the unique key: re-indexing a file deletes its old document in the
//! same commit, so a folder indexed twice holds each article once.

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::schema::Term;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{doc, DateTime, Index, IndexSettings, TantivyDocument, TantivyError};

use super::schema::{self, Fields};
use crate::document::Article;
use crate::error::{Error, Result};

/// Tantivy's commit point; its presence marks a folder as an index.
pub const META_FILE: &str = "meta.json";

/// Heap for the single indexing thread: large enough to make few segments.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// An index open for writing; holds the writer lock until dropped.
pub struct IndexWriter {
    path: PathBuf,
    writer: tantivy::IndexWriter,
    fields: Fields,
}

impl IndexWriter {
    /// Opens the index at `path`, creating it (and the folder) if there is none.
    ///
    /// With `full`, the index is emptied in the same commit as the new documents,
    /// or, if it was made with an incompatible schema, deleted and created anew.
    pub fn open_or_create(path: &Path, full: bool) -> Result<IndexWriter> {
        let existing = path.join(META_FILE).is_file();
        if existing
            && full
            && !Index::open_in_dir(path).is_ok_and(|i| Fields::from_schema(&i.schema()).is_some())
        {
            super::remove(path)?;
        }
        let index = if path.join(META_FILE).is_file() {
            Index::open_in_dir(path).map_err(|source| bad(path, source))?
        } else {
            ensure_empty_folder(path)?;
            let settings = IndexSettings {
                docstore_compression: Compressor::Zstd(ZstdCompressor {
                    compression_level: Some(3),
                }),
                docstore_blocksize: 64 * 1024,
                ..IndexSettings::default()
            };
            Index::builder()
                .schema(schema::build_schema())
                .settings(settings)
                .create_in_dir(path)
                .map_err(|source| bad(path, source))?
        };
        schema::register_analyzers(&index);
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| {
            bad(
                path,
                TantivyError::SchemaError("not an index made by this version of `search`".into()),
            )
        })?;
        let writer = index
            .writer_with_num_threads(1, WRITER_HEAP_BYTES)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    Error::IndexBusy(path.to_path_buf())
                }
                source => bad(path, source),
            })?;
        let writer = IndexWriter {
            path: path.to_path_buf(),
            writer,
            fields,
        };
        if full {
            writer
                .writer
                .delete_all_documents()
                .map_err(|source| writer.failed("clearing the index", source))?;
        }
        Ok(writer)
    }

    /// Adds an article, replacing any earlier version with the same path.
    pub fn upsert(&mut self, article: &Article) -> Result<()> {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_text(f.path, &article.path));
        let mut document: TantivyDocument = doc!(
            f.path => article.path.as_str(),
            f.kind => article.kind.as_str(),
            f.body => article.body.as_str(),
            f.words => article.words,
        );
        if let Some(title) = &article.title {
            document.add_text(f.title, title);
        }
        for author in &article.authors {
            document.add_text(f.authors, author);
            document.add_text(f.author_key, author.to_lowercase());
        }
        if let Some(source) = &article.source {
            document.add_text(f.source, source);
            document.add_text(f.source_key, source.to_lowercase());
        }
        if let Some(date) = article.date {
            let secs = date.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp());
            if let Some(secs) = secs {
                document.add_date(f.date, DateTime::from_timestamp_secs(secs));
            }
        }
        if let Some(url) = &article.url {
            document.add_text(f.url, url);
        }
        if let Some(lang) = &article.lang {
            document.add_text(f.lang, lang);
        }
        self.writer
            .add_document(document)
            .map_err(|source| self.failed("adding a document", source))?;
        Ok(())
    }

    /// Makes everything added so far durable and visible to readers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|source| self.failed("commit", source))?;
        Ok(())
    }

    /// Commits, merges the index into one segment, waits for merges, and releases the lock.
    ///
    /// One segment means one set of files for each `search query` process to open,
    /// which is most of a query's cost on a CLI.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        let segments = self
            .writer
            .index()
            .searchable_segment_ids()
            .map_err(|source| self.failed("listing segments", source))?;
        if segments.len() > 1 {
            self.writer
                .merge(&segments)
                .wait()
                .map_err(|source| self.failed("merging segments", source))?;
        }
        let path = self.path.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|source| Error::Index {
                path,
                what: "merging segments",
                source,
            })
    }

    fn failed(&self, what: &'static str, source: TantivyError) -> Error {
        Error::Index {
            path: self.path.clone(),
            what,
            source,
        }
    }
}

fn bad(path: &Path, source: TantivyError) -> Error {
    Error::BadIndex {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates the folder, or checks that an existing one holds nothing but hidden files,
/// so `search index` never writes an index into a folder of other things.
fn ensure_empty_folder(path: &Path) -> Result<()> {
    let io = |source| Error::Io {
        what: "cannot create the index folder",
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(path).map_err(io)?;
    let occupied = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok())
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if occupied {
        return Err(bad(
            path,
            TantivyError::SchemaError("the folder exists, is not empty and holds no index".into()),
        ));
    }
    Ok(())
}
