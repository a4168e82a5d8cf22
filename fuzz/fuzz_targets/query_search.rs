//! The query language end to end, ranked by relevance: `query::search` parses
//! the text, compiles it to a tantivy query (analyzers, phrases, `date:`
//! ranges, field scopes, sentence queries with relevance feedback), runs it and
//! builds snippets, against a small index made once per process.
#![no_main]

use libfuzzer_sys::fuzz_target;
use search::query::SortOrder;

#[path = "common/index.rs"]
mod index;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        index::run(text, SortOrder::Relevance);
    }
});
