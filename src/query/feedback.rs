//! Pseudo-relevance feedback (RM3-style) for sentence queries.
//!
//! A long question names its topic with few of the words the articles use.
//! The best few hits of the first pass do use them: the words that are frequent
//! in those hits, weighted by how well each hit scored, are added to the query
//! as extra evidence. Only the ranking changes: the query still decides which
//! articles match, so no article is returned for an expansion word alone.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::{Field, Term};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use crate::error::{Error, Result};
use crate::index::terms::{is_content_term, tokens};
use crate::index::{schema, OpenIndex};

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

/// Measured on the TIME collection (bench/relevance.sh): MAP 0.605 -> 0.634.
/// 5/40/0.5 sits on a plateau (3-10 documents, 30-60 terms, λ 0.4-0.6 all give
/// 0.629-0.638); λ 0.5 is Anserini's RM3 default.
pub const SETTINGS: Settings = Settings {
    docs: 5,
    terms: 40,
    original_weight: 0.5,
};

/// The feedback model: expansion terms (field `body`) with weights summing to 1.
///
/// `hits` are the first pass's best (score, body) pairs. Each hit counts by
/// `exp(score − best score)` (the relevance model's P(D|Q) when scores are
/// log-likelihoods), each term by its share of the hit's words, times its idf
/// so that words common everywhere do not take over; query words stay in the
/// model and are re-weighted with the rest.
pub fn expansion_terms(
    hits: &[(f32, String)],
    analyzer: &mut TextAnalyzer,
    idf: impl Fn(&str) -> Option<f32>,
    body: Field,
    settings: Settings,
) -> Vec<(Term, f32)> {
    let Some(best) = hits.iter().map(|(s, _)| *s).reduce(f32::max) else {
        return Vec::new();
    };
    let doc_weights: Vec<f32> = hits.iter().map(|(s, _)| (s - best).exp()).collect();
    let total: f32 = doc_weights.iter().sum();
    let mut weights: HashMap<String, f32> = HashMap::new();
    for ((_, text), doc_weight) in hits.iter().zip(&doc_weights) {
        let words = tokens(analyzer, text);
        if words.is_empty() {
            continue;
        }
        let share = doc_weight / total / words.len() as f32;
        for word in words {
            *weights.entry(word).or_default() += share;
        }
    }
    let mut candidates: Vec<(String, f32)> = weights
        .into_iter()
        .filter(|(t, _)| is_content_term(t))
        // `idf` is None for a word found in a single article: it says nothing
        // about the topic.
        .filter_map(|(t, w)| idf(&t).map(|idf| (t, w * idf)))
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

/// Re-ranks a sentence query with a feedback model drawn from its first hits:
/// the articles that match stay the same, their order changes.
pub fn rerank(
    query: Box<dyn Query>,
    query_terms: &[String],
    searcher: &Searcher,
    open: &OpenIndex,
) -> Result<Box<dyn Query>> {
    let settings = SETTINGS;
    if query_terms.is_empty() {
        return Ok(query);
    }
    let failed = |source| Error::Index {
        path: open.path.clone(),
        what: "search",
        source,
    };
    let top = searcher
        .search(&query, &TopDocs::with_limit(settings.docs).order_by_score())
        .map_err(failed)?;
    let mut hits = Vec::new();
    for (score, addr) in top {
        let doc = super::load(searcher, addr, open)?;
        hits.push((
            score,
            super::first_text(&doc, open.fields.body)
                .map(|b| crate::index::language::unmark(&b).to_string())
                .unwrap_or_default(),
        ));
    }
    let body = open.fields.body;
    let mut analyzer = schema::news_analyzer();
    let docs = searcher.num_docs() as f32;
    let idf = |t: &str| {
        let n = searcher
            .doc_freq(&tantivy::Term::from_field_text(body, t))
            .unwrap_or(0) as f32;
        (n >= 2.0).then(|| (1.0 + (docs - n + 0.5) / (n + 0.5)).ln())
    };
    let model = expansion_terms(&hits, &mut analyzer, idf, body, settings);
    if model.is_empty() {
        return Ok(query);
    }
    // W(t) = λ·qtf(t)/|q| + (1−λ)·F(t), one boosted term query each.
    let lambda = settings.original_weight;
    let mut weights: Vec<(tantivy::Term, f32)> = Vec::new();
    let mut add = |term: tantivy::Term, w: f32| match weights.iter_mut().find(|(t, _)| *t == term) {
        Some((_, total)) => *total += w,
        None => weights.push((term, w)),
    };
    for t in query_terms {
        let weight = lambda / query_terms.len() as f32;
        add(tantivy::Term::from_field_text(body, t), weight);
        // Headlines keep their weight: the model only reads bodies.
        add(
            tantivy::Term::from_field_text(open.fields.title, t),
            weight * super::compile::TITLE_BOOST,
        );
    }
    for (term, w) in model {
        add(term, (1.0 - lambda) * w);
    }
    // Scaled so scores keep the magnitude of the query's own (for display).
    let scale = query_terms.len() as f32;
    let clauses: Vec<(Occur, Box<dyn Query>)> = weights
        .into_iter()
        .map(|(term, w)| {
            let term_query =
                tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::WithFreqs);
            let boosted = tantivy::query::BoostQuery::new(Box::new(term_query), w * scale);
            (Occur::Should, Box::new(boosted) as Box<dyn Query>)
        })
        .collect();
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))),
        (Occur::Should, Box::new(BooleanQuery::new(clauses))),
    ])))
}
