//! Query: parse the user's query, run it, and turn tantivy's answer into `Hit`s.

mod any_of;
mod compile;
pub mod count;
mod exclusion;
mod feedback;
mod parse;
mod similar;
mod snippet;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::document::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

pub use compile::period;
pub use parse::{parse, Expr, Scope, FIELD_NAMES};
pub use similar::similar;
pub use snippet::Snippet;

use crate::error::{Error, Result};
use crate::index::{schema, stored, Fields, OpenIndex};
use crate::stories::{Stories, StoryMember};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Relevance,
    /// Newest first, undated last.
    Date,
    /// Outlet A to Z, then relevance; unknown outlet last.
    Source,
    /// Author A to Z (an article's alphabetically first author), then relevance; no author last.
    Author,
}

/// Everything a search needs besides the index.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub filter: Filter,
    pub sort: SortOrder,
    /// List exact copies as hits of their own instead of folding them.
    pub duplicates: bool,
    /// One hit per story: the best-ranked article, with the story's members.
    pub group: bool,
}

fn widened<S: serde::Serializer>(
    score: &f32,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_f64(f64::from(*score))
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    /// Printed at f64 precision, as scripts have always read it.
    #[serde(serialize_with = "widened")]
    pub score: f32,
    /// The article's stable id (`search show ID`).
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub snippet: Snippet,
    /// Other paths holding exactly the same file (folded into this hit).
    pub copies: Vec<String>,
    /// With `--group`: the story's id (its lead article's id; the hit's own
    /// id when no other article covers it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// With `--group`: every article of the story, earliest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<StoryMember>>,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    /// All matching articles, not only those returned.
    pub total: usize,
    /// With `--group`: how many distinct stories the matching articles make.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<usize>,
    pub hits: Vec<Hit>,
}

/// Filters that narrow any query: date range and outlets.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<String>,
    pub until: Option<String>,
    pub sources: Vec<String>,
    pub authors: Vec<String>,
    /// ISO 639-1 codes.
    pub langs: Vec<String>,
}

/// The user's query compiled, with the filters as unscored clauses.
fn build(
    open: &OpenIndex,
    query: &str,
    filter: &Filter,
) -> Result<(BooleanQuery, compile::Compiled)> {
    // Articles are stored in this form (see `text_form`); the query must match it.
    let query = &*crate::text_form::canonical(query);
    let expr = parse(query)?;
    let mut compiler = compile::Compiler::with_searcher(open.fields, open.reader.searcher());
    let compiled = compiler.compile(&expr, query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query.box_clone())];
    for only in filters(&mut compiler, filter)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(only, 0.0))));
    }
    Ok((BooleanQuery::new(clauses), compiled))
}

/// The filters as queries (to be added as unscored `Must` clauses).
fn build_filters(open: &OpenIndex, filter: &Filter) -> Result<Vec<Box<dyn Query>>> {
    filters(&mut compile::Compiler::new(open.fields), filter)
}

fn filters(compiler: &mut compile::Compiler, filter: &Filter) -> Result<Vec<Box<dyn Query>>> {
    let dates = compiler.date_filter(filter.since.as_deref(), filter.until.as_deref())?;
    Ok([
        dates,
        compiler.source_filter(&filter.sources),
        compiler.author_filter(&filter.authors),
        compiler.lang_filter(&filter.langs),
    ]
    .into_iter()
    .flatten()
    .collect())
}

/// Every article matching `query` (all articles if `None`) and `filter`, in
/// index order: for exports and counts, which need no ranking.
pub fn matching(open: &OpenIndex, query: Option<&str>, filter: &Filter) -> Result<Vec<DocAddress>> {
    let query = query
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .unwrap_or("*");
    let (query, _) = build(open, query, filter)?;
    let searcher = open.reader.searcher();
    let found = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .map_err(|source| Error::Index {
            path: open.path.clone(),
            what: "search",
            source,
        })?;
    let mut docs: Vec<DocAddress> = found.into_iter().collect();
    docs.sort_unstable();
    Ok(docs)
}

/// Runs `request` against an open index.
pub fn search(open: &OpenIndex, request: &Request) -> Result<Results> {
    let (query, compiled) = build(open, &request.query, &request.filter)?;
    let searcher = open.reader.searcher();
    let query: Box<dyn Query> = match &compiled.sentence_terms {
        Some(terms) if request.sort == SortOrder::Relevance => {
            feedback::rerank(Box::new(query), terms, &searcher, open)?
        }
        _ => Box::new(query),
    };
    execute(open, &searcher, query, &compiled.highlight_terms, request)
}

/// Ranks `query`'s matches and turns the requested page into hits whose
/// snippets highlight `highlight_terms` (analyzed forms).
fn execute(
    open: &OpenIndex,
    searcher: &Searcher,
    query: Box<dyn Query>,
    highlight_terms: &[String],
    request: &Request,
) -> Result<Results> {
    // Never ask for more than the index holds: `--limit` may be any number.
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let wanted = request.limit.saturating_add(request.offset).min(docs);
    let failed = |source| Error::Index {
        path: open.path.clone(),
        what: "search",
        source,
    };
    // Newest first for `--sort date` (undated last), then by score; equal
    // ones by path (the path column's term order, which is path order within
    // a segment), not by document number, which depends on how segments were
    // merged: every build of the same articles answers alike. By relevance,
    // plain score order serves unless a tie runs across the cut.
    // Outlets and authors sort A to Z by their lowercased name (the key
    // column's term order), unknown last.
    let sort = request.sort;
    // A folder saved several times over folds every page of hits into fewer
    // articles: ask for that many more at once instead of searching again
    // (each search of a phrase checks every candidate's positions).
    let saved_times = if request.duplicates {
        1
    } else {
        copies_per_article(searcher, &open.fields)
    };
    // Every pass sees the same matches: they are counted in the first only.
    let counted: std::cell::Cell<Option<usize>> = std::cell::Cell::new(None);
    let fetch = |n: usize| -> Result<(Vec<Ranked>, usize)> {
        let n = n.max(1);
        if sort == SortOrder::Relevance {
            // Plain score order. When a tie runs across the cut, fetch further
            // until the whole tied group is in (exact copies score alike, so
            // all of a copy's twins come along); ties are put in path order.
            // A tie too large for that (everything matching `*`) is cut by
            // the ranking below, which breaks ties as it goes.
            // Room for a hit's copies, which tie with it, past the cut.
            let mut limit = n + saved_times;
            while limit <= n.saturating_mul(8).saturating_add(64) {
                let top_docs = TopDocs::with_limit(limit).order_by_score();
                let mut top = match counted.get() {
                    Some(_) => searcher.search(&query, &top_docs),
                    None => searcher
                        .search(&query, &(top_docs, Count))
                        .map(|(top, total)| {
                            counted.set(Some(total));
                            top
                        }),
                }
                .map_err(failed)?;
                if top.len() < limit || top[limit - 1].0 != top[n - 1].0 {
                    if top.len() > n {
                        // Keep the first n and the rest of the tie at the cut.
                        let cut = top[n - 1].0;
                        let rest = top[n..].iter().take_while(|(s, _)| *s == cut).count();
                        top.truncate(n + rest);
                    }
                    order_ties_by_path(searcher, &mut top);
                    let total = counted.get().unwrap_or(top.len());
                    return Ok((top, total));
                }
                limit = limit.saturating_mul(2);
            }
        }
        let collector =
            TopDocs::with_limit(n.max(1)).tweak_score(move |segment: &tantivy::SegmentReader| {
                let fast = segment.fast_fields();
                let dates = fast
                    .date(schema::DATE)
                    .ok()
                    .filter(|_| sort == SortOrder::Date);
                let names = match sort {
                    SortOrder::Source => fast.str(schema::SOURCE_KEY).ok().flatten(),
                    SortOrder::Author => fast.str(schema::AUTHOR_KEY).ok().flatten(),
                    _ => None,
                };
                let paths = fast.str(schema::PATH).ok().flatten();
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    let date = match (&dates, &names) {
                        (Some(dates), _) => dates
                            .first(doc)
                            .map_or(i64::MIN, |d| d.into_timestamp_secs()),
                        (None, Some(names)) => names
                            .term_ords(doc)
                            .next()
                            .map_or(i64::MIN, |ord| -(ord.min(i64::MAX as u64) as i64)),
                        (None, None) => 0,
                    };
                    let path = paths
                        .as_ref()
                        .and_then(|p| p.term_ords(doc).next())
                        .unwrap_or(u64::MAX);
                    (date, score, std::cmp::Reverse(path))
                }
            });
        let (top, total) = match counted.get() {
            Some(total) => (searcher.search(&query, &collector), total),
            None => match searcher.search(&query, &(collector, Count)) {
                Ok((top, total)) => {
                    counted.set(Some(total));
                    (Ok(top), total)
                }
                Err(e) => (Err(e), 0),
            },
        };
        Ok((
            top.map_err(failed)?
                .into_iter()
                .map(|((_, score, _), addr)| (score, addr))
                .collect(),
            total,
        ))
    };
    // Exact copies (same content hash) fold into the best-ranked one; fetch
    // more until enough distinct articles fill the page or nothing is left.
    let stories = request.group.then(|| Stories::load(&open.path));
    let mut n = wanted.saturating_mul(saved_times).min(docs);
    let (groups, total) = loop {
        let (top, total) = fetch(n)?;
        let groups = if request.duplicates {
            top
        } else {
            fold_copies(searcher, top)
        };
        let groups = match &stories {
            Some(stories) => collapse_stories(searcher, groups, stories),
            None => groups,
        };
        if groups.len() >= wanted || n >= total.min(docs) {
            break (groups, total);
        }
        // Ask for as many more as the folding so far suggests (at least
        // twice as many): a corpus saved four times over needs one more pass,
        // not three.
        let per_group = n.div_ceil(groups.len().max(1));
        n = wanted
            .saturating_mul(per_group)
            .saturating_add(wanted / 4)
            .max(n.saturating_mul(2))
            .min(docs);
    };

    let exact_copies = stored::Copies::new(searcher, open.fields);
    // A copy's path from the table beside the index, else from its stored
    // document. Opened at the first copy: most hits have none.
    let path_table = std::cell::OnceCell::new();
    let path_of = |addr: DocAddress| -> Result<String> {
        let table = path_table
            .get_or_init(|| crate::index::path_table::PathTable::open(&open.path, searcher));
        match table.as_ref().and_then(|table| table.path(addr)) {
            Some(path) => Ok(path),
            None => {
                Ok(first_text(&load(searcher, addr, open)?, open.fields.path).unwrap_or_default())
            }
        }
    };
    let hits = groups
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .enumerate()
        .map(|(i, (score, addr))| {
            let doc = load(searcher, addr, open)?;
            let body = first_text(&doc, open.fields.body)
                .map(|b| crate::index::language::unmark(&b).to_string())
                .unwrap_or_default();
            let language = first_text(&doc, open.fields.lang)
                .and_then(|code| crate::index::language::stemmer_for(&code))
                .unwrap_or(tantivy::tokenizer::Language::English);
            let snippet = snippet::make_snippet(&body, highlight_terms, language);
            let mut hit = to_hit(request.offset + i + 1, score, &doc, &open.fields, snippet);
            if let Some(stories) = &stories {
                hit.story = Some(stories.id_of(&hit.id).to_string());
                hit.articles = Some(
                    stories
                        .members(open, &hit.id)
                        .unwrap_or_else(|| vec![StoryMember::alone(&hit)]),
                );
            }
            if !request.duplicates {
                // Every copy, matched or not, and however far down the
                // ranking it fell: the page's fetch need not hold them all.
                let hash = first_text(&doc, open.fields.hash).unwrap_or_default();
                for copy in exact_copies.with_hash(&hash) {
                    if copy != addr {
                        hit.copies.push(path_of(copy)?);
                    }
                }
                hit.copies.sort_unstable();
            }
            Ok(hit)
        })
        .collect::<Result<Vec<Hit>>>()?;
    let story_count = match &stories {
        Some(stories) => Some(count_stories(open, &query, stories)?),
        None => None,
    };
    Ok(Results {
        query: request.query.clone(),
        total,
        stories: story_count,
        hits,
    })
}

/// How many documents the index holds per distinct content, rounded (1 when
/// most articles were saved once); at most 16.
fn copies_per_article(searcher: &Searcher, fields: &Fields) -> usize {
    // The hash terms' count, not the hash column's: opening a column decodes
    // a header per 512 documents.
    let (docs, contents) = searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| {
            let hashes = segment.inverted_index(fields.hash).ok()?;
            Some((segment.num_docs() as usize, hashes.terms().num_terms()))
        })
        .fold((0, 0), |(d, c), (docs, terms)| (d + docs, c + terms));
    let contents = contents.max(1);
    ((docs + contents / 2) / contents).clamp(1, 16)
}

/// Orders equal scores by path, as the tie-breaking collector does.
fn order_ties_by_path(searcher: &Searcher, top: &mut [Ranked]) {
    let columns: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().str(schema::PATH).ok().flatten())
        .collect();
    let ordinal = |addr: DocAddress| {
        columns[addr.segment_ord as usize]
            .as_ref()
            .and_then(|column| column.term_ords(addr.doc_id).next())
    };
    let path = |addr: DocAddress| {
        let mut path = String::new();
        if let (Some(column), Some(ord)) = (&columns[addr.segment_ord as usize], ordinal(addr)) {
            let _ = column.ord_to_str(ord, &mut path);
        }
        path
    };
    let mut start = 0;
    while start < top.len() {
        let end = start
            + top[start..]
                .iter()
                .take_while(|(s, _)| *s == top[start].0)
                .count();
        let ties = &mut top[start..end];
        if ties.len() > 1 {
            // Within a segment the path column's ordinals are in path order;
            // spelling paths out (a dictionary block decoded each) is only
            // needed to compare across segments.
            let segment = ties[0].1.segment_ord;
            if ties.iter().all(|(_, addr)| addr.segment_ord == segment) {
                ties.sort_by_key(|(_, addr)| ordinal(*addr).map_or((0, 0), |ord| (1, ord)));
            } else {
                ties.sort_by_cached_key(|(_, addr)| path(*addr));
            }
        }
        start = end;
    }
}

/// Folds articles of the same story into the best-ranked one (listed, with
/// the story's other articles, in the hit's `articles`).
fn collapse_stories(searcher: &Searcher, groups: Vec<Ranked>, stories: &Stories) -> Vec<Ranked> {
    let ids = article_ids(searcher);
    let mut seen = std::collections::HashSet::new();
    groups
        .into_iter()
        .filter(|(_, addr)| {
            let id = ids(*addr);
            seen.insert(stories.id_of(&id).to_string())
        })
        .collect()
}

/// How many distinct stories the articles matching `query` make.
fn count_stories(open: &OpenIndex, query: &dyn Query, stories: &Stories) -> Result<usize> {
    let searcher = open.reader.searcher();
    let found = searcher
        .search(query, &tantivy::collector::DocSetCollector)
        .map_err(|source| Error::Index {
            path: open.path.clone(),
            what: "search",
            source,
        })?;
    let ids = article_ids(&searcher);
    let distinct: std::collections::HashSet<String> = found
        .into_iter()
        .map(|addr| stories.id_of(&ids(addr)).to_string())
        .collect();
    Ok(distinct.len())
}

/// A function from a document to its article id (from the path fast field).
pub(crate) fn article_ids(searcher: &Searcher) -> impl Fn(DocAddress) -> String + '_ {
    let columns: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().str(schema::PATH).ok().flatten())
        .collect();
    move |addr: DocAddress| {
        let mut path = String::new();
        if let Some(column) = &columns[addr.segment_ord as usize] {
            if let Some(ord) = column.term_ords(addr.doc_id).next() {
                let _ = column.ord_to_str(ord, &mut path);
            }
        }
        crate::document::article_id(&path)
    }
}

type Ranked = (f32, DocAddress);

/// Keeps the first (best-ranked) of the hits with the same content hash.
fn fold_copies(searcher: &Searcher, top: Vec<Ranked>) -> Vec<Ranked> {
    let columns: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().str(schema::HASH).ok().flatten())
        .collect();
    // Within one segment a hash's term ordinal names it; spelling it out
    // (a dictionary block decoded per hit) is only needed across segments.
    let spell = columns.len() > 1;
    let mut kept: Vec<Ranked> = Vec::with_capacity(top.len());
    let mut seen: std::collections::HashSet<CopyKey> = Default::default();
    for (score, addr) in top {
        let key = columns[addr.segment_ord as usize]
            .as_ref()
            .and_then(|column| {
                let ord = column.term_ords(addr.doc_id).next()?;
                if !spell {
                    return Some(CopyKey::Ordinal(ord));
                }
                let mut hash = String::new();
                column.ord_to_str(ord, &mut hash).ok()?;
                Some(CopyKey::Hash(hash))
            });
        if key.is_none_or(|key| seen.insert(key)) {
            kept.push((score, addr));
        }
    }
    kept
}

/// What makes two hits exact copies: the same content hash.
#[derive(PartialEq, Eq, Hash)]
enum CopyKey {
    Ordinal(u64),
    Hash(String),
}

pub(super) fn load(
    searcher: &Searcher,
    addr: DocAddress,
    open: &OpenIndex,
) -> Result<TantivyDocument> {
    searcher.doc(addr).map_err(|source| Error::Index {
        path: open.path.clone(),
        what: "reading a stored document",
        source,
    })
}

pub(super) fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(rank: usize, score: f32, doc: &TantivyDocument, f: &Fields, snippet: Snippet) -> Hit {
    let article = crate::index::stored::article(doc, f);
    Hit {
        rank,
        score,
        id: article.id,
        path: article.path,
        title: article.title,
        source: article.source,
        date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
        authors: article.authors,
        url: article.url,
        lang: article.lang,
        snippet,
        copies: Vec::new(),
        story: None,
        articles: None,
    }
}
