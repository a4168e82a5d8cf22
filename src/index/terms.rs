//! Content terms: analyzed (stemmed, folded) words that say what a text is
//! about. Shared by relevance feedback and story grouping.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use super::schema;

/// Analyzed tokens of `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// Whether an analyzed term carries meaning: three characters or more, not a
/// number, not a stop word.
pub fn is_content_term(term: &str) -> bool {
    term.chars().count() >= 3
        && !term.chars().all(|c| c.is_ascii_digit())
        && !stop_stems().contains(term)
}

/// Stems of the English stop words (built once).
fn stop_stems() -> &'static HashSet<String> {
    static STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    STEMS.get_or_init(|| {
        tokens(
            &mut schema::news_analyzer(),
            crate::ingest::ENGLISH_STOPWORDS,
        )
        .into_iter()
        .collect()
    })
}
