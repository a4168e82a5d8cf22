//! Ingest: from a file on disk to a cleaned `Article`.
//!
//! `walk` lists candidate files; `read_article` sniffs, decodes, detects the
//! format and runs the matching cleaner. The index writer and `search extract`
//! both call `read_article`, so there is one cleaner, never two.

mod blocks;
mod body_edges;
mod byline;
mod chrome;
mod credits;
mod dates;
mod detect;
mod entities;
mod html;
mod html_meta;
mod lang;
mod learned;
mod markdown;
mod markup;
mod ndjson;
mod node_text;
mod origins;
mod outlet;
mod page_date;
mod page_marks;
mod read_file;
mod run_on;
mod scrape;
mod standfirst;
mod text;
mod thread_regex;
mod title;
mod walk;

pub use dates::parse_date;
pub use lang::ENGLISH_STOPWORDS;
pub use learned::LearnedChrome;
pub use ndjson::parse_record;
pub use origins::Origins;
pub use walk::{roots, walk, Candidate, CandidateRef, Candidates, Entry, SkipReason, WalkOptions};

use crate::document::{count_words, Article, Kind};
use crate::text_form::canonical_owned;

/// Files are read up to this many bytes; the rest is ignored (and reported).
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file yields no article. Each is a per-file warning, never fatal to a run.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is empty or only whitespace.
    #[error("empty file")]
    Empty,
    /// The file holds a binary format.
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// Cleaning left no title and no text.
    #[error("no article text found")]
    NoText,
}

impl IngestError {
    /// A short reason used to group skipped files in the summary.
    pub fn reason(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "unreadable",
            IngestError::Empty => "empty",
            IngestError::Binary(_) => "binary",
            IngestError::NoText => "no text",
        }
    }
}

/// A cleaned article, and what the user should know about how it was read
/// (cut at `MAX_BYTES`, markup too deep to parse): one warning each.
#[derive(Debug)]
pub struct Ingested {
    pub article: Article,
    pub notes: Vec<String>,
    /// Where each metadata field was read from.
    pub origins: Origins,
}

/// Markup nested deeper than this is not parsed (parsers and extractors recurse
/// and slow down quadratically); its text is read as a plain-text scrape.
/// Real pages stay under a few hundred levels.
pub const MAX_HTML_DEPTH: usize = 1_000;

/// Reads, cleans and describes one walked file.
///
/// `learned` is the chrome learned from the file's folder (see `LearnedChrome`).
pub fn read_article(
    file: &CandidateRef<'_>,
    learned: &LearnedChrome,
) -> Result<Ingested, IngestError> {
    let mut bytes = read_file::read_head(file.path(), MAX_BYTES + 1, Some(file.size))?;
    let mut notes = Vec::new();
    if bytes.len() as u64 > MAX_BYTES {
        notes.push(format!(
            "larger than {} MiB, only the start was indexed",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    bytes.truncate(MAX_BYTES as usize);
    let (article, note, origins) = clean(&file.key, &bytes, learned.for_file(&file.key))?;
    notes.extend(note);
    Ok(Ingested {
        article,
        notes,
        origins,
    })
}

/// The content hash stored with every article, hex-encoded.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Cleans file content already in memory; `path` is what the article is keyed by.
pub fn article_from_bytes(path: &str, bytes: &[u8]) -> Result<Article, IngestError> {
    clean(path, bytes, None).map(|(article, _, _)| article)
}

fn clean(
    path: &str,
    bytes: &[u8],
    learned: Option<&rustc_hash::FxHashSet<u64>>,
) -> Result<(Article, Option<String>, Origins), IngestError> {
    if let Some(format) = detect::binary_format(bytes) {
        return Err(IngestError::Binary(format));
    }
    let text = detect::decode(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let kind = detect::detect_kind(&text);
    let mut note = None;
    let scraped = match kind {
        Kind::Html if markup::nesting_depth(&text) > MAX_HTML_DEPTH => {
            note = Some(format!(
                "HTML nested more than {MAX_HTML_DEPTH} levels deep, read as plain text"
            ));
            scrape::scrape(text::to_blocks(&markup::strip_tags(&text)), learned)
        }
        Kind::Html => html::extract(&text),
        Kind::Markdown => scrape::scrape(markdown::to_blocks(&text), learned),
        Kind::Text => scrape::scrape(text::to_blocks(&text), learned),
    };
    if scraped.body.trim().is_empty() && scraped.title.is_none() {
        return Err(IngestError::NoText);
    }
    let body = canonical_owned(scraped.body);
    let article = Article {
        id: crate::document::article_id(path),
        path: path.to_string(),
        kind,
        words: count_words(&body),
        title: scraped.title.map(canonical_owned),
        date: scraped.date,
        authors: scraped.authors.into_iter().map(canonical_owned).collect(),
        source: scraped.source.map(canonical_owned),
        url: scraped.url,
        lang: scraped.lang,
        hash: content_hash(bytes),
        body,
    };
    Ok((article, note, scraped.origins))
}
