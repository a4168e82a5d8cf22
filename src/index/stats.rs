//! What an index holds, summarised from its fast fields (no stored document is read
//! but one per outlet, for the outlet's name as written).

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher};

use super::{schema, stored, OpenIndex};
use crate::error::{Error, Result};

/// A name and how many articles have it.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub name: String,
    pub articles: u64,
}

/// The summary `search stats` prints.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub articles: u64,
    /// Per input kind (`html`, `markdown`, `text`).
    pub kinds: Vec<Tally>,
    /// Outlets, most articles first; articles with no known outlet are not listed.
    pub sources: Vec<Tally>,
    pub unknown_source: u64,
    /// ISO 639-1 codes, most articles first.
    pub languages: Vec<Tally>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated: u64,
    /// Stories of two or more articles (see `stories`), and the articles in them.
    pub stories: usize,
    pub articles_in_stories: usize,
    /// Bytes of the index folder on disk.
    pub size_bytes: u64,
    pub segments: usize,
    /// When the last commit was made (RFC 3339).
    pub indexed_at: Option<String>,
    /// Every folder ever indexed into this index.
    pub roots: Vec<String>,
}

/// Summarises the open index.
pub fn stats(open: &OpenIndex) -> Result<IndexStats> {
    let searcher = open.reader.searcher();
    let (sources, unknown_source) = tally_column(&searcher, schema::SOURCE_KEY);
    let sources = sources
        .into_iter()
        .map(|(key, (articles, addr))| {
            let name = stored::load(open, &searcher, addr)
                .ok()
                .and_then(|doc| stored::article(&doc, &open.fields).source)
                .unwrap_or(key);
            Tally { name, articles }
        })
        .collect();
    let (languages, _) = tally_column(&searcher, schema::LANG);
    let languages = languages
        .into_iter()
        .map(|(name, (articles, _))| Tally { name, articles })
        .collect();

    let mut kinds = Vec::new();
    for kind in ["html", "markdown", "text"] {
        let query = TermQuery::new(
            Term::from_field_text(open.fields.kind, kind),
            IndexRecordOption::Basic,
        );
        let articles = searcher
            .search(&query, &Count)
            .map_err(|source| Error::Index {
                path: open.path.clone(),
                what: "counting kinds",
                source,
            })? as u64;
        if articles > 0 {
            kinds.push(Tally {
                name: kind.into(),
                articles,
            });
        }
    }

    let (mut first, mut last, mut undated) = (i64::MAX, i64::MIN, 0u64);
    for segment in searcher.segment_readers() {
        let Ok(dates) = segment.fast_fields().date(schema::DATE) else {
            undated += u64::from(segment.num_docs());
            continue;
        };
        for doc in segment.doc_ids_alive() {
            match dates.first(doc) {
                Some(d) => {
                    let secs = d.into_timestamp_secs();
                    first = first.min(secs);
                    last = last.max(secs);
                }
                None => undated += 1,
            }
        }
    }
    let day = |secs: i64| {
        (secs != i64::MAX && secs != i64::MIN)
            .then(|| chrono::DateTime::from_timestamp(secs, 0))
            .flatten()
            .map(|d| d.format("%Y-%m-%d").to_string())
    };

    let (stories, articles_in_stories) = crate::stories::Stories::load(&open.path).sizes();
    Ok(IndexStats {
        index: std::path::absolute(&open.path)
            .unwrap_or_else(|_| open.path.clone())
            .display()
            .to_string(),
        articles: searcher.num_docs(),
        kinds,
        sources: sorted(sources),
        unknown_source,
        languages: sorted(languages),
        first_date: day(first),
        last_date: day(last),
        undated,
        stories,
        articles_in_stories,
        size_bytes: folder_size(&open.path),
        segments: searcher.segment_readers().len(),
        indexed_at: open.payload.indexed_at.clone(),
        roots: open.payload.roots.clone(),
    })
}

/// Counts live documents per value of a string fast field; also returns how many
/// have no value, and one document holding each value.
fn tally_column(searcher: &Searcher, field: &str) -> (HashMap<String, (u64, DocAddress)>, u64) {
    let mut counts: HashMap<String, (u64, DocAddress)> = HashMap::new();
    let mut missing = 0u64;
    let mut value = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Ok(Some(column)) = segment.fast_fields().str(field) else {
            missing += u64::from(segment.num_docs());
            continue;
        };
        // Count by term ordinal first: one string lookup per distinct value.
        let mut per_term: HashMap<u64, (u64, tantivy::DocId)> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            match column.term_ords(doc).next() {
                Some(term) => per_term.entry(term).or_insert((0, doc)).0 += 1,
                None => missing += 1,
            }
        }
        for (term, (n, doc)) in per_term {
            value.clear();
            if column.ord_to_str(term, &mut value).is_ok() {
                counts
                    .entry(value.clone())
                    .or_insert((0, DocAddress::new(ord as u32, doc)))
                    .0 += n;
            }
        }
    }
    (counts, missing)
}

fn sorted(mut tallies: Vec<Tally>) -> Vec<Tally> {
    tallies.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    tallies
}

fn folder_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
