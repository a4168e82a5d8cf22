//! An article's signature: the content terms of its title and lead, with
//! their counts. Two articles on the same story share their rare terms
//! (names, places, products) even when every sentence is worded differently.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

use tantivy::tokenizer::TextAnalyzer;

use crate::index::{schema, terms};

/// Words of the body read: the lead carries the story; the tail carries
/// boilerplate and tangents.
const LEAD_WORDS: usize = 400;
/// Terms kept per article, most frequent first.
const MAX_TERMS: usize = 40;

/// Content terms (analyzed as the index does) with their counts, most frequent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signature(pub Vec<(String, u16)>);

thread_local! {
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(schema::news_analyzer());
}

/// The first `LEAD_WORDS` words of a body.
fn lead(body: &str) -> &str {
    let end = body
        .split_whitespace()
        .nth(LEAD_WORDS)
        .map_or(body.len(), |w| w.as_ptr() as usize - body.as_ptr() as usize);
    &body[..end]
}

/// Calls `f` with each content term of the title (twice) and the lead.
fn for_each_term(title: Option<&str>, body: &str, mut f: impl FnMut(&str)) {
    ANALYZER.with(|analyzer| {
        let analyzer = &mut analyzer.borrow_mut();
        let title = title.unwrap_or("");
        for text in [title, title, lead(body)] {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let term = &stream.token().text;
                if terms::is_content_term(term) {
                    f(term);
                }
            }
        }
    });
}

/// The signature of an article from its title (counted twice) and lead.
pub fn signature(title: Option<&str>, body: &str) -> Signature {
    let mut counts: HashMap<String, u16> = HashMap::default();
    for_each_term(title, body, |term| {
        let n = counts.entry(term.to_string()).or_default();
        *n = n.saturating_add(1);
    });
    let mut terms: Vec<(String, u16)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_TERMS);
    Signature(terms)
}

/// The signature as stored in the index: per term (as `signature` picks
/// them), 4 bytes of the term's hash and 2 of its count, little-endian.
/// Hashes keep it small; two words sharing a hash only blur one cosine.
/// Words are copied once per distinct word, not per occurrence.
pub fn packed(title: Option<&str>, body: &str) -> Vec<u8> {
    let mut counts: HashMap<u32, (u16, String)> = HashMap::default();
    for_each_term(title, body, |term| {
        let entry = counts
            .entry(term_id(term))
            .or_insert_with(|| (0, term.to_string()));
        entry.0 = entry.0.saturating_add(1);
    });
    let mut terms: Vec<(u32, (u16, String))> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.1 .1.cmp(&b.1 .1)));
    terms.truncate(MAX_TERMS);
    let mut out = Vec::with_capacity(terms.len() * PACKED_ENTRY_BYTES);
    for (id, (count, _)) in terms {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
    }
    out
}

/// Bytes of one (term id, count) pair in a packed signature.
pub const PACKED_ENTRY_BYTES: usize = 6;

/// The id a term has in a packed signature.
pub fn term_id(term: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes()) as u32
}

/// (term id, count) pairs of a packed signature.
pub fn unpack(bytes: &[u8]) -> impl Iterator<Item = (u32, u16)> + '_ {
    bytes.chunks_exact(PACKED_ENTRY_BYTES).map(|c| {
        (
            u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
            u16::from_le_bytes([c[4], c[5]]),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_content_terms_of_title_and_lead() {
        let sig = signature(
            Some("Amazon bans TikTok"),
            "Amazon told employees to delete TikTok. The app is owned by ByteDance.",
        );
        let terms: Vec<&str> = sig.0.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms[..2], ["amazon", "tiktok"]);
        assert_eq!(sig.0[0].1, 3);
        assert!(terms.contains(&"byted"), "{terms:?}");
        assert!(!terms.contains(&"the") && !terms.contains(&"by"));
        let packed = packed(
            Some("Amazon bans TikTok"),
            "Amazon told employees to delete TikTok. The app is owned by ByteDance.",
        );
        let stored: Vec<(u32, u16)> = unpack(&packed).collect();
        let expected: Vec<(u32, u16)> = sig.0.iter().map(|(t, n)| (term_id(t), *n)).collect();
        assert_eq!(stored, expected);
    }
}
