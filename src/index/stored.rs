//! Reading articles back out of the index: the stored record of one document,
//! lookup by path or id, and every live document in order.

use tantivy::schema::document::Value;
use tantivy::schema::Term;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::{schema, Fields, OpenIndex};
use crate::document::{article_id, Article, Kind};
use crate::error::{Error, Result};
use crate::packed_strings::PackedStrings;

/// The shortest id prefix `find` accepts, so a typo rarely hits another article.
pub const MIN_ID_PREFIX: usize = 4;

/// Rebuilds the `Article` that was indexed from its stored fields.
pub fn article(doc: &TantivyDocument, f: &Fields) -> Article {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let path = text(f.path).unwrap_or_default();
    let kind = match text(f.kind).as_deref() {
        Some("html") => Kind::Html,
        Some("markdown") => Kind::Markdown,
        _ => Kind::Text,
    };
    Article {
        id: article_id(&path),
        kind,
        title: text(f.title).map(|t| super::language::unmark(&t).to_string()),
        date: date(doc, f),
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        source: text(f.source),
        url: text(f.url),
        lang: text(f.lang),
        words: doc.get_first(f.words).and_then(|v| v.as_u64()).unwrap_or(0),
        hash: text(f.hash).unwrap_or_default(),
        body: text(f.body)
            .map(|b| super::language::unmark(&b).to_string())
            .unwrap_or_default(),
        path,
    }
}

/// The stored publication date.
pub fn date(doc: &TantivyDocument, f: &Fields) -> Option<chrono::NaiveDate> {
    doc.get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.date_naive())
}

/// Loads one stored document.
pub fn load(open: &OpenIndex, searcher: &Searcher, addr: DocAddress) -> Result<TantivyDocument> {
    searcher.doc(addr).map_err(|source| Error::Index {
        path: open.path.clone(),
        what: "reading a stored document",
        source,
    })
}

/// Finds the article stored under `key`: an indexed path (absolute, or
/// relative to the current folder), or an id or unique id prefix.
pub fn find(open: &OpenIndex, searcher: &Searcher, key: &str) -> Result<DocAddress> {
    let not_found = |why: &str| Error::NotFound {
        key: key.to_string(),
        why: why.to_string(),
    };
    let mut paths = vec![key.to_string()];
    if let Ok(absolute) = std::path::absolute(key) {
        paths.push(absolute.to_string_lossy().into_owned());
    }
    if let Ok(canonical) = std::fs::canonicalize(key) {
        paths.push(canonical.to_string_lossy().into_owned());
    }
    for path in &paths {
        if let Some(addr) = by_path(searcher, open.fields, path) {
            return Ok(addr);
        }
    }
    let is_id = key.len() >= MIN_ID_PREFIX && key.chars().all(|c| c.is_ascii_hexdigit());
    if !is_id {
        return Err(not_found("no indexed article has this path"));
    }
    let prefix = key.to_ascii_lowercase();
    let mut found = Vec::new();
    for_each_path(searcher, |addr, path| {
        if article_id(path).starts_with(&prefix) {
            found.push(addr);
        }
    });
    match found.len() {
        0 => Err(not_found("no indexed article has this path or id")),
        1 => Ok(found[0]),
        n => Err(not_found(&format!(
            "{n} articles have ids starting with it; give more digits"
        ))),
    }
}

fn by_path(searcher: &Searcher, f: Fields, path: &str) -> Option<DocAddress> {
    let term = Term::from_field_text(f.path, path);
    searcher
        .segment_readers()
        .iter()
        .enumerate()
        .find_map(|(ord, segment)| {
            let postings = segment.inverted_index(f.path).ok()?;
            let doc = live_docs(segment, &postings, &term).next()?;
            Some(DocAddress::new(ord as u32, doc))
        })
}

/// The live documents of `segment` holding `term`, in index order.
fn live_docs<'a>(
    segment: &'a tantivy::SegmentReader,
    postings: &tantivy::InvertedIndexReader,
    term: &Term,
) -> impl Iterator<Item = tantivy::DocId> + 'a {
    use tantivy::DocSet;
    let mut docs = postings
        .read_postings(term, tantivy::schema::IndexRecordOption::Basic)
        .ok()
        .flatten();
    std::iter::from_fn(move || {
        let docs = docs.as_mut()?;
        loop {
            let doc = docs.doc();
            if doc == tantivy::TERMINATED {
                return None;
            }
            docs.advance();
            if !segment.is_deleted(doc) {
                return Some(doc);
            }
        }
    })
}

/// Finds an article's exact copies: the live documents with its content hash.
pub struct Copies<'a> {
    searcher: &'a Searcher,
    field: tantivy::schema::Field,
    /// Each segment's postings of the hash field, opened once per query.
    postings: Vec<Option<std::sync::Arc<tantivy::InvertedIndexReader>>>,
}

impl<'a> Copies<'a> {
    pub fn new(searcher: &'a Searcher, f: Fields) -> Copies<'a> {
        let postings = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.inverted_index(f.hash).ok())
            .collect();
        Copies {
            searcher,
            field: f.hash,
            postings,
        }
    }

    /// Every live document whose content hash is `hash`, in index order.
    pub fn with_hash(&self, hash: &str) -> Vec<DocAddress> {
        let term = Term::from_field_text(self.field, hash);
        let mut found = Vec::new();
        let segments = self.searcher.segment_readers().iter().zip(&self.postings);
        for (ord, (segment, postings)) in segments.enumerate() {
            if let Some(postings) = postings {
                found.extend(
                    live_docs(segment, postings, &term).map(|doc| DocAddress::new(ord as u32, doc)),
                );
            }
        }
        found
    }
}

/// Calls `f` with every live document's address and path, in index order.
pub fn for_each_path(searcher: &Searcher, mut f: impl FnMut(DocAddress, &str)) {
    let mut path = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Ok(Some(column)) = segment.fast_fields().str(schema::PATH) else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            path.clear();
            if let Some(term) = column.term_ords(doc).next() {
                let _ = column.ord_to_str(term, &mut path);
            }
            f(DocAddress::new(ord as u32, doc), &path);
        }
    }
}

/// Every live document's address, in index order.
pub fn all_docs(searcher: &Searcher) -> impl Iterator<Item = DocAddress> + '_ {
    searcher
        .segment_readers()
        .iter()
        .enumerate()
        .flat_map(|(ord, segment)| {
            segment
                .doc_ids_alive()
                .map(move |doc| DocAddress::new(ord as u32, doc))
        })
}

/// Every value of a string fast field, by term ordinal, in one buffer: one
/// pass over the dictionary instead of a block decode per `ord_to_str`, and no
/// allocation per value (a `String` each took 15.5 MB for the paths of one
/// news-bench ×4 segment, 179k articles; the values 8.8).
pub fn column_values(column: &tantivy::columnar::StrColumn) -> PackedStrings {
    // Sized first: grown by doubling, the buffer and its copy while it moved
    // took twice the values' bytes.
    let mut bytes = 0;
    if let Ok(mut stream) = column.dictionary().stream() {
        while stream.advance() {
            bytes += stream.key().len();
        }
    }
    let mut values = PackedStrings::with_capacity(column.num_terms(), bytes);
    if let Ok(mut stream) = column.dictionary().stream() {
        while stream.advance() {
            values.push(&String::from_utf8_lossy(stream.key()));
        }
    }
    values
}

/// A document's value of a single-valued string fast field ("" if none),
/// from the values `column_values` listed.
pub fn first_value<'a>(
    column: &tantivy::columnar::StrColumn,
    values: &'a PackedStrings,
    doc: tantivy::DocId,
) -> &'a str {
    column
        .term_ords(doc)
        .next()
        .and_then(|t| values.get(t as usize))
        .unwrap_or("")
}

/// Sorts documents by path: an order that does not depend on how segments
/// were written and merged.
pub fn sort_by_path(searcher: &Searcher, docs: &mut [DocAddress]) {
    let columns: Vec<Option<(tantivy::columnar::StrColumn, PackedStrings)>> = searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            let column = segment.fast_fields().str(schema::PATH).ok().flatten()?;
            let values = column_values(&column);
            Some((column, values))
        })
        .collect();
    let path = |addr: &DocAddress| match &columns[addr.segment_ord as usize] {
        Some((column, values)) => first_value(column, values, addr.doc_id),
        None => "",
    };
    docs.sort_by(|a, b| path(a).cmp(path(b)));
}
