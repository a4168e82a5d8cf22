//! The cleaner forced onto the markdown path: a heading and a link come first,
//! which `detect_kind` reads as markdown unless the input itself looks like an
//! HTML page (`<body`, `<head>` in its first 2 KB).
#![no_main]

use libfuzzer_sys::fuzz_target;

const PREFIX: &[u8] = b"# Headline\n\nSee [the source](https://example.com/a).\n\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(PREFIX.len() + data.len());
    bytes.extend_from_slice(PREFIX);
    bytes.extend_from_slice(data);
    let _ = search::ingest::article_from_bytes("/fuzz/page.md", &bytes);
});
