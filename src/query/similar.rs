//! More like this: articles sharing an article's most telling terms.

use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::DocAddress;

use super::{build_filters, execute, Request, Results};
use crate::error::{Error, Result};
use crate::index::{stored, OpenIndex};
use crate::stories::signature;

/// Terms of the article that make up the query.
const QUERY_TERMS: usize = 25;

/// The articles most like the one at `addr`, best first; with `days`, only
/// those published within that many days of it.
pub fn similar(
    open: &OpenIndex,
    addr: DocAddress,
    days: Option<u32>,
    request: &Request,
) -> Result<Results> {
    let searcher = open.reader.searcher();
    let doc = stored::load(open, &searcher, addr)?;
    let article = stored::article(&doc, &open.fields);
    let f = open.fields;

    // The signature's terms, weighed by tf × idf in this index.
    let docs = searcher.num_docs().max(1) as f32;
    let mut weighted: Vec<(String, f32)> = signature(article.title.as_deref(), &article.body)
        .0
        .into_iter()
        .filter_map(|(term, tf)| {
            let df = searcher
                .doc_freq(&Term::from_field_text(f.body, &term))
                .ok()?;
            (df > 0).then(|| {
                let idf = (1.0 + docs / df as f32).ln();
                (term, (1.0 + f32::from(tf).ln()) * idf)
            })
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighted.truncate(QUERY_TERMS);
    if weighted.is_empty() {
        return Err(Error::NotFound {
            key: article.path,
            why: "the article has no words to compare".into(),
        });
    }

    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (term, weight) in &weighted {
        for field in [f.body, f.title] {
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), *weight)),
            ));
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(BooleanQuery::new(should))),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.path, &article.path),
                IndexRecordOption::Basic,
            )),
        ),
    ];
    let mut filter = request.filter.clone();
    if let Some(days) = days {
        let Some(date) = article.date else {
            return Err(Error::Usage(format!(
                "{} has no publication date, so --days cannot apply",
                article.path
            )));
        };
        let span = chrono::Duration::days(days.into());
        filter.since = Some((date - span).format("%Y-%m-%d").to_string());
        filter.until = Some((date + span).format("%Y-%m-%d").to_string());
    }
    for only in build_filters(open, &filter)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(only, 0.0))));
    }
    let terms: Vec<String> = weighted.into_iter().map(|(t, _)| t).collect();
    let mut results = execute(
        open,
        &searcher,
        Box::new(BooleanQuery::new(clauses)),
        &terms,
        request,
    )?;
    results.query = format!("similar to {}", article.id);
    Ok(results)
}
