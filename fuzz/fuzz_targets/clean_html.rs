//! The cleaner forced onto the HTML path: the input follows an `<html>` start
//! tag, which `detect_kind` reads as a page whatever comes after it. Pages
//! nested deeper than `MAX_HTML_DEPTH` take the strip-tags path, also covered.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PREFIX: &[u8] = b"<html>";

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(PREFIX.len() + data.len());
    bytes.extend_from_slice(PREFIX);
    bytes.extend_from_slice(data);
    let _ = search::ingest::article_from_bytes("/fuzz/page.html", &bytes);
});
