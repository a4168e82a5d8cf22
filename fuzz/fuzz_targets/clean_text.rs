//! The cleaner kept on the plain-text path: `<` becomes `{` and a `(` right
//! after `]` becomes a space, so no tag or markdown link is left for
//! `detect_kind` to see (headings alone do not make markdown). Everything the
//! text cleaner reads (lines, bylines, datelines, URLs, chrome) stays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    let mut prev = 0u8;
    for b in bytes.iter_mut() {
        if *b == b'<' {
            *b = b'{';
        } else if *b == b'(' && prev == b']' {
            *b = b' ';
        }
        prev = *b;
    }
    let _ = search::ingest::article_from_bytes("/fuzz/article.txt", &bytes);
});
