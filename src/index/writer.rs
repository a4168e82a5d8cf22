//! Writing articles: create or open the index, upsert by path, commit.
//!
//! `path` is the unique key: re-indexing a file deletes its old document in the
//! same commit, so a folder indexed twice holds each article once. Every commit
//! is atomic (tantivy swaps `meta.json`), so a killed run leaves the last commit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::LockError;
use tantivy::schema::Term;
use tantivy::store::Compressor;
use tantivy::{doc, DateTime, Index, IndexSettings, TantivyDocument, TantivyError};

use super::backlog::Backlog;
use super::known::{KnownFiles, Stamp};
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::{check_version, Payload};
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
    payload: Payload,
    /// What tantivy's indexing thread has analyzed, against `added`.
    backlog: Arc<Backlog>,
    /// Bytes of prose given to tantivy (see `backlog`).
    added: u64,
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
            && !Index::open_in_dir(path).is_ok_and(|i| check_version(&i, path).is_ok())
        {
            super::remove(path)?;
        }
        let index = if path.join(META_FILE).is_file() {
            Index::open(unmapped(path)?).map_err(|source| bad(path, source))?
        } else {
            ensure_empty_folder(path)?;
            // LZ4 in 4 KiB blocks: a hit decompresses about one article, fast.
            // Measured on news-bench (20 bench queries, 7 interleaved runs):
            // zstd-3/16 KiB p50 4.62 ms, 64 MB, indexed in 14.0 s;
            // LZ4/4 KiB p50 4.29 ms, 80 MB (0.36 of the corpus), 11.7 s.
            let settings = IndexSettings {
                docstore_compression: Compressor::Lz4,
                docstore_blocksize: 4 * 1024,
                // Compressed in tantivy's indexing thread: handing each 4 KiB
                // block to a thread of its own woke that thread for each one.
                // (Kept in meta.json: an index made before keeps its thread.)
                docstore_compress_dedicated_thread: false,
                ..IndexSettings::default()
            };
            Index::create(unmapped(path)?, schema::build_schema(), settings)
                .map_err(|source| bad(path, source))?
        };
        schema::register_analyzers(&index);
        let backlog = Backlog::new();
        index.tokenizers().register(
            schema::NEWS_ANALYZER,
            backlog.analyzer(schema::news_tokenizer()),
        );
        let (fields, payload) = check_version(&index, path)?;
        let writer = index
            .writer_with_num_threads(1, WRITER_HEAP_BYTES)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    Error::IndexBusy(path.to_path_buf())
                }
                source => bad(path, source),
            })?;
        // No background merges: `finish` merges everything once at the end,
        // and a background merge running then would make that merge fail
        // ("segments … could not be found", seen after many small commits).
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut writer = IndexWriter {
            path: path.to_path_buf(),
            writer,
            fields,
            payload,
            backlog,
            added: 0,
        };
        if full {
            writer.payload.roots.clear();
            writer
                .writer
                .delete_all_documents()
                .map_err(|source| writer.failed("clearing the index", source))?;
        }
        Ok(writer)
    }

    /// The files the last commit holds, by path, with their stamps.
    pub fn known_files(&self) -> Result<KnownFiles> {
        let failed = |source| self.failed("reading the indexed files", source);
        let reader = self
            .writer
            .index()
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(failed)?;
        let searcher = reader.searcher();
        let mut known = KnownFiles::default();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(paths), Some(hashes)) = (
                fast.str(schema::PATH).map_err(failed)?,
                fast.str(schema::HASH).map_err(failed)?,
            ) else {
                continue;
            };
            let sizes = fast.u64(schema::SIZE).map_err(failed)?;
            let mtimes = fast.i64(schema::MTIME).map_err(failed)?;
            let (path_values, hash_values) = (
                super::stored::column_values(&paths),
                super::stored::column_values(&hashes),
            );
            known.reserve(segment.num_docs() as usize, path_values.text_len());
            for doc in segment.doc_ids_alive() {
                let stamp = Stamp::new(
                    sizes.first(doc).unwrap_or(0),
                    mtimes.first(doc).unwrap_or(0),
                    super::stored::first_value(&hashes, &hash_values, doc),
                );
                known.insert(super::stored::first_value(&paths, &path_values, doc), stamp);
            }
        }
        Ok(known)
    }

    /// Records the input folders of this run (shown by `stats`, kept across runs).
    pub fn add_roots(&mut self, roots: &[String]) {
        let mut all: BTreeSet<String> = self.payload.roots.drain(..).collect();
        all.extend(roots.iter().cloned());
        self.payload.roots = all.into_iter().collect();
    }

    /// Adds an article read from a file of `size` bytes modified at `mtime`,
    /// with its packed story signature, replacing any earlier version with the same path.
    pub fn upsert(
        &mut self,
        article: &Article,
        size: u64,
        mtime: i64,
        signature: &[u8],
    ) -> Result<()> {
        self.remove(&article.path);
        self.add(article, size, mtime, signature)
    }

    /// Adds an article whose path the index does not hold yet. Cheaper than
    /// `upsert`: tantivy applies each delete at commit as a term query over the
    /// new segments (11 MB of query state at the 4× copy, all of it for nothing
    /// on a fresh index).
    pub fn add(
        &mut self,
        article: &Article,
        size: u64,
        mtime: i64,
        signature: &[u8],
    ) -> Result<()> {
        let f = &self.fields;
        let lang = article.lang.as_deref();
        let body = super::language::mark(&article.body, lang);
        let title = article
            .title
            .as_deref()
            .map(|t| super::language::mark(t, lang));
        let prose = body.len() + title.as_ref().map_or(0, |t| t.len());
        let mut document: TantivyDocument = doc!(
            f.path => article.path.as_str(),
            f.kind => article.kind.as_str(),
            f.body => body.as_ref(),
            f.words => article.words,
            f.hash => article.hash.as_str(),
            f.size => size,
            f.mtime => mtime,
            f.signature => signature,
        );
        // The document holds its own copy; this one need not wait with it.
        drop(body);
        if let Some(title) = title {
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
        self.added += prose as u64;
        self.backlog.wait_for(self.added);
        Ok(())
    }

    /// Deletes the article stored under `path` (its file is gone).
    pub fn remove(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Makes everything added so far durable and visible to readers, atomically.
    pub fn commit(&mut self) -> Result<()> {
        self.payload.schema_version = SCHEMA_VERSION;
        self.payload.indexed_at = Some(chrono::Utc::now().to_rfc3339());
        let payload = serde_json::to_string(&self.payload).unwrap_or_default();
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|source| Error::Index {
                path: self.path.clone(),
                what: "commit",
                source,
            })?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|source| Error::Index {
            path: self.path.clone(),
            what: "commit",
            source,
        })?;
        // The commit waited for the indexing thread to empty its queue.
        debug_assert_eq!(self.added, self.backlog.total());
        self.added = self.backlog.total();
        Ok(())
    }

    /// Commits, merges the index into one segment, waits for merges, and releases the lock.
    ///
    /// One segment means one set of files for each `search query` process to open,
    /// which is most of a query's cost on a CLI.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.merge_all()
    }

    /// Merges every committed segment into one and waits for it (the commit
    /// stays readable meanwhile, so other work can read it).
    pub fn merge_all(mut self) -> Result<()> {
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

pub(super) fn bad(path: &Path, source: TantivyError) -> Error {
    Error::BadIndex {
        path: path.to_path_buf(),
        source,
    }
}

/// The index folder for the writer: read, not mapped (see `read_directory`).
fn unmapped(path: &Path) -> Result<super::read_directory::ReadDirectory> {
    super::read_directory::ReadDirectory::open(path)
        .map_err(|source| bad(path, TantivyError::from(source)))
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
