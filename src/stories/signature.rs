//! An article's signature: the content terms of its title and lead, with
//! their counts. Two articles on the same story share their rare terms
//! (names, places, products) even when every sentence is worded differently.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::index::{schema, terms};

/// Words of the body read: the lead carries the story; the tail carries
/// boilerplate and tangents.
const LEAD_WORDS: usize = 400;
/// Terms kept per article, most frequent first.
const MAX_TERMS: usize = 40;

/// Content terms (analyzed as the index does) with their counts, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature(pub Vec<(String, u16)>);

thread_local! {
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(schema::news_analyzer());
}

/// The signature of an article from its title (counted twice) and lead.
pub fn signature(title: Option<&str>, body: &str) -> Signature {
    let lead_end = body
        .split_whitespace()
        .nth(LEAD_WORDS)
        .map_or(body.len(), |w| w.as_ptr() as usize - body.as_ptr() as usize);
    let lead = &body[..lead_end];
    let mut counts: HashMap<String, u16> = HashMap::new();
    ANALYZER.with(|analyzer| {
        let analyzer = &mut analyzer.borrow_mut();
        let title = title.unwrap_or("");
        for text in [title, title, lead] {
            for term in terms::tokens(analyzer, text) {
                if terms::is_content_term(&term) {
                    let n = counts.entry(term).or_default();
                    *n = n.saturating_add(1);
                }
            }
        }
    });
    let mut terms: Vec<(String, u16)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_TERMS);
    Signature(terms)
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
    }
}
