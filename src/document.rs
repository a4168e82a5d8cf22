//! `Article`: the one record that ingest produces and the index stores.
//!
//! Ingest fills it from a file; the index writer turns it into a tantivy
//! document; `search extract` prints it as is. Neither side depends on the other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a file's content was recognised (by content, not by extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A raw HTML page.
    Html,
    /// Markdown, possibly with leftover HTML tags (pandoc conversions of web pages).
    Markdown,
    /// A plain-text scrape.
    Text,
}

impl Kind {
    /// The name stored in the index and printed in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Markdown => "markdown",
            Kind::Text => "text",
        }
    }
}

/// A cleaned article with its metadata. Unknown values are `None`/empty, never guessed.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Short stable identifier derived from the path (see `article_id`).
    pub id: String,
    /// Absolute path of the file, the article's unique key.
    pub path: String,
    /// The detected input format.
    pub kind: Kind,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    /// Author names, in byline order.
    pub authors: Vec<String>,
    /// Outlet name, e.g. `The New York Times`.
    pub source: Option<String>,
    /// Canonical or short URL of the article.
    pub url: Option<String>,
    /// ISO 639-1 language code, e.g. `en`.
    pub lang: Option<String>,
    /// Number of words in the body.
    pub words: u64,
    /// Hash of the file's bytes (xxh3-128, hex): equal for exact copies under other paths.
    pub hash: String,
    /// Readable text: paragraphs separated by blank lines, no markup or site chrome.
    pub body: String,
}

fn serialize_date<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// The article's id: 16 hex digits of the path's xxh3-64 hash. Stable across
/// rebuilds and machines for the same path; `search show` accepts it or a prefix.
pub fn article_id(path: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(path.as_bytes()))
}

/// Counts words the way `words` is reported: whitespace-separated runs with a letter or digit.
pub fn count_words(text: &str) -> u64 {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u64
}
