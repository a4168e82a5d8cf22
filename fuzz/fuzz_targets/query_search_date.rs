//! The query language end to end, sorted by date (`--sort date`): hits and
//! their scores come from a collector ordered by (date, score), a path of its
//! own in `query::search`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use search::query::SortOrder;

#[path = "common/index.rs"]
mod index;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        index::run(text, SortOrder::Date);
    }
});
