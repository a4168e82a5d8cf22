//! Pseudo-relevance feedback (RM3-style) for sentence queries.
//!
//! A long question names its topic with few of the words the articles use.
//! The best few hits of the first pass do use them: the words that are frequent
//! in those hits, weighted by how well each hit scored, are added to the query
//! as extra evidence. Only the ranking changes: the query still decides which
//! articles match, so no article is returned for an expansion word alone.

use std::collections::{HashMap, HashSet};

use tantivy::schema::{Field, Term};
use tantivy::tokenizer::TextAnalyzer;

use super::compile::tokens;

/// How feedback is drawn and mixed in.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Top hits of the first pass taken as relevant.
    pub docs: usize,
    /// Expansion terms added.
    pub terms: usize,
    /// Weight of the original query; the expansion gets the rest.
    pub original_weight: f32,
}

/// The expansion terms (field `body`) and their weights, summing to 1.
///
/// `hits` are the first pass's best (score, body) pairs; `query_terms` are the
/// analyzed query words, never proposed again; `doc_freq` tells in how many
/// articles of `total_docs` a term occurs.
pub fn expansion_terms(
    hits: &[(f32, String)],
    query_terms: &[String],
    analyzer: &mut TextAnalyzer,
    stop_stems: &HashSet<String>,
    doc_freq: impl Fn(&str) -> u64,
    body: Field,
    settings: Settings,
) -> Vec<(Term, f32)> {
    let total: f32 = hits.iter().map(|(s, _)| s.max(0.0)).sum();
    if hits.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    // RM1: P(t|R) = Σ_D P(t|D) · P(D|Q), with the first-pass scores as P(D|Q).
    let mut weights: HashMap<String, f32> = HashMap::new();
    for (score, text) in hits {
        let words = tokens(analyzer, text);
        if words.is_empty() {
            continue;
        }
        let doc_weight = score.max(0.0) / total / words.len() as f32;
        for word in words {
            *weights.entry(word).or_default() += doc_weight;
        }
    }
    let mut candidates: Vec<(String, f32)> = weights
        .into_iter()
        .filter(|(t, _)| useful(t, query_terms, stop_stems))
        // A word found in a single article says nothing about the topic.
        .filter(|(t, _)| doc_freq(t) >= 2)
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    candidates.truncate(settings.terms);
    let sum: f32 = candidates.iter().map(|(_, w)| w).sum();
    if sum <= 0.0 {
        return Vec::new();
    }
    candidates
        .into_iter()
        .map(|(t, w)| (Term::from_field_text(body, &t), w / sum))
        .collect()
}

fn useful(term: &str, query_terms: &[String], stop_stems: &HashSet<String>) -> bool {
    term.chars().count() >= 3
        && !term.chars().all(|c| c.is_ascii_digit())
        && !stop_stems.contains(term)
        && !query_terms.iter().any(|q| q == term)
}
