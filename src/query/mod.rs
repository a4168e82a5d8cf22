//! Query: parse the user's query, run it, and turn tantivy's answer into `Hit`s.

mod compile;
mod feedback;
mod parse;
mod snippet;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::document::Value;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument};

pub use compile::period;
pub use parse::{parse, Expr, Scope, FIELD_NAMES};
pub use snippet::Snippet;

use crate::error::{Error, Result};
use crate::index::{schema, Fields, OpenIndex};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Relevance,
    /// Newest first, undated last.
    Date,
}

/// Everything a search needs besides the index.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sources: Vec<String>,
    pub sort: SortOrder,
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub snippet: Snippet,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    /// All matching articles, not only those returned.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Runs `request` against an open index.
pub fn search(open: &OpenIndex, request: &Request) -> Result<Results> {
    let expr = parse(&request.query)?;
    let mut compiler = compile::Compiler::new(open.fields);
    let compiled = compiler.compile(&expr, &request.query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query)];
    if let Some(filter) =
        compiler.date_filter(request.since.as_deref(), request.until.as_deref())?
    {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if let Some(filter) = compiler.source_filter(&request.sources) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    let query = BooleanQuery::new(clauses);

    let searcher = open.reader.searcher();
    let query: Box<dyn Query> = match compiled.sentence_words {
        Some(words) if request.sort == SortOrder::Relevance => with_feedback(
            Box::new(query),
            words,
            &compiled.highlight_terms,
            &searcher,
            open,
        )?,
        _ => Box::new(query),
    };
    // Never ask for more than the index holds: `--limit` may be any number.
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let wanted = request.limit.saturating_add(request.offset).min(docs);
    let failed = |source| Error::Index {
        path: open.path.clone(),
        what: "search",
        source,
    };
    let (addresses, total): (Vec<(f32, DocAddress)>, usize) = match request.sort {
        SortOrder::Relevance => {
            let (top, total) = searcher
                .search(
                    &query,
                    &(TopDocs::with_limit(wanted.max(1)).order_by_score(), Count),
                )
                .map_err(failed)?;
            (top, total)
        }
        SortOrder::Date => {
            let collector = TopDocs::with_limit(wanted.max(1))
                .order_by_fast_field::<DateTime>(schema::DATE, Order::Desc);
            let (top, total) = searcher
                .search(&query, &(collector, Count))
                .map_err(failed)?;
            let scored = top
                .into_iter()
                .map(|(_, addr)| {
                    let score = query
                        .explain(&searcher, addr)
                        .map(|e| e.value())
                        .unwrap_or(0.0);
                    (score, addr)
                })
                .collect();
            (scored, total)
        }
    };

    let mut analyzer = schema::news_analyzer();
    let hits = addresses
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .enumerate()
        .map(|(i, (score, addr))| {
            let doc = load(&searcher, addr, open)?;
            let body = first_text(&doc, open.fields.body).unwrap_or_default();
            let snippet = snippet::make_snippet(&body, &compiled.highlight_terms, &mut analyzer);
            Ok(to_hit(
                request.offset + i + 1,
                score,
                &doc,
                &open.fields,
                snippet,
            ))
        })
        .collect::<Result<Vec<Hit>>>()?;
    Ok(Results {
        query: request.query.clone(),
        total,
        hits,
    })
}

/// Re-ranks a sentence query with expansion terms drawn from its first hits.
fn with_feedback(
    query: Box<dyn Query>,
    words: usize,
    query_terms: &[String],
    searcher: &Searcher,
    open: &OpenIndex,
) -> Result<Box<dyn Query>> {
    let settings = feedback::Settings {
        docs: compile::knob("SK_FB_DOCS", 0.0) as usize,
        terms: compile::knob("SK_FB_TERMS", 10.0) as usize,
        original_weight: compile::knob("SK_FB_LAMBDA", 0.5),
    };
    if settings.docs == 0 || settings.terms == 0 {
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
        let doc = load(searcher, addr, open)?;
        hits.push((
            score,
            first_text(&doc, open.fields.body).unwrap_or_default(),
        ));
    }
    let body = open.fields.body;
    let mut analyzer = schema::news_analyzer();
    let stop_stems: std::collections::HashSet<String> =
        compile::tokens(&mut analyzer, crate::ingest::ENGLISH_STOPWORDS)
            .into_iter()
            .collect();
    let doc_freq = |t: &str| {
        searcher
            .doc_freq(&tantivy::Term::from_field_text(body, t))
            .unwrap_or(0)
    };
    let expansion = feedback::expansion_terms(
        &hits,
        query_terms,
        &mut analyzer,
        &stop_stems,
        doc_freq,
        body,
        settings,
    );
    if expansion.is_empty() {
        return Ok(query);
    }
    let lambda = settings.original_weight;
    let scale = (1.0 - lambda) * words as f32;
    let clauses: Vec<(Occur, Box<dyn Query>)> = expansion
        .into_iter()
        .map(|(term, weight)| {
            let term_query =
                tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::WithFreqs);
            (
                Occur::Should,
                Box::new(tantivy::query::BoostQuery::new(
                    Box::new(term_query),
                    weight * scale,
                )) as Box<dyn Query>,
            )
        })
        .collect();
    let expansion_occur = if compile::knob("SK_FB_MUST", 1.0) > 0.0 {
        Occur::Must
    } else {
        Occur::Should
    };
    Ok(Box::new(BooleanQuery::new(vec![
        (
            expansion_occur,
            Box::new(tantivy::query::BoostQuery::new(query, lambda)),
        ),
        (Occur::Should, Box::new(BooleanQuery::new(clauses))),
    ])))
}

fn load(searcher: &Searcher, addr: DocAddress, open: &OpenIndex) -> Result<TantivyDocument> {
    searcher.doc(addr).map_err(|source| Error::Index {
        path: open.path.clone(),
        what: "reading a stored document",
        source,
    })
}

fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(rank: usize, score: f32, doc: &TantivyDocument, f: &Fields, snippet: Snippet) -> Hit {
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.format("%Y-%m-%d").to_string());
    Hit {
        rank,
        score,
        path: first_text(doc, f.path).unwrap_or_default(),
        title: first_text(doc, f.title),
        source: first_text(doc, f.source),
        date,
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        url: first_text(doc, f.url),
        lang: first_text(doc, f.lang),
        snippet,
    }
}
