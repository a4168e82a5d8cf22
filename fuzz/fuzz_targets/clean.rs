//! The cleaner on raw file bytes: binary sniffing, decoding, format detection
//! and whichever cleaner (html, markdown, text) the content selects.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = search::ingest::article_from_bytes("/fuzz/input", data);
});
