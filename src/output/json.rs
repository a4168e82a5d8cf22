//! The JSON renderers: the scripting contract.
//!
//! `--format json` prints one object:
//! `{"query": str, "total": int, "hits": [Hit, ...]}` where `total` counts every
//! matching article, not only the hits printed.
//! `--format jsonl` prints one Hit object per line.
//!
//! A Hit has exactly these fields; new fields may be added, none renamed or removed:
//! - `rank` (int, 1-based, counting `--offset`), `score` (float; BM25 with boosts)
//! - `path` (str, absolute), `title` (str|null), `source` (str|null),
//!   `date` (str `YYYY-MM-DD`|null), `authors` ([str], possibly empty),
//!   `url` (str|null), `lang` (str ISO 639-1|null)
//! - `snippet`: `{"text": str, "highlights": [[start, end], ...]}`, where start
//!   and end are character (Unicode scalar) offsets into `text`, end exclusive.
//! - `copies` ([str]): other paths holding exactly the same file, folded into
//!   this hit (empty with `--duplicates`, which lists each copy as a hit).
//!
//! `search extract --format json|jsonl` prints records with the fields
//! `path, kind, title, date, authors, source, url, lang, words, hash, body`
//! (`hash`: xxh3-128 of the file's bytes, hex; equal for exact copies).

use std::io::Write;

use crate::document::Article;
use crate::query::Results;
use crate::Result;

use super::write_error;

/// Prints the whole result set as one JSON object.
pub fn render_hits_json(results: &Results, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, results).map_err(|e| write_error(e.into()))?;
    writeln!(out).map_err(write_error)
}

/// Prints one hit per line.
pub fn render_hits_jsonl(results: &Results, out: &mut dyn Write) -> Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit).map_err(|e| write_error(e.into()))?;
        writeln!(out).map_err(write_error)?;
    }
    Ok(())
}

/// Prints one extracted record as a JSON object on one line.
pub fn render_record_json(article: &Article, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer(&mut *out, article).map_err(|e| write_error(e.into()))?;
    writeln!(out).map_err(write_error)
}
