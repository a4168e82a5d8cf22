//! The query language: `query::parse` on any string, and `query::period` (the
//! `--since`/`--until` and `date:` value parser) on the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(expr) = search::query::parse(text) {
        // Parsing is deterministic.
        assert_eq!(search::query::parse(text).ok(), Some(expr));
    }
    if let Ok((start, end)) = search::query::period(text) {
        assert!(start < end, "period {text:?} is empty: {start}..{end}");
    }
});
