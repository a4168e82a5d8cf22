//! Turns an `Expr` into a tantivy query, and collects the terms to highlight.
//!
//! Words go through the same analyzers as the indexed text (stemming,
//! folding), so `Employees` finds `employee`. A word the analyzer splits
//! (`company-owned`, `Amazon.com`) becomes a phrase.

use std::ops::Bound;

use chrono::{Months, NaiveDate};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::DateTime;

use super::parse::{Expr, Scope};
use crate::error::{Error, Result};
use crate::index::{schema, Fields};

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.0;
/// Extra weight for articles where a multi-word query stands as a phrase.
const PHRASE_BOOST: f32 = 2.0;

/// A compiled query and the analyzed terms its snippets should highlight.
pub struct Compiled {
    pub query: Box<dyn Query>,
    pub highlight_terms: Vec<String>,
    /// For a sentence query, its analyzed content words, repeats kept (the
    /// feedback model weighs them); `None` for a Boolean query.
    pub sentence_terms: Option<Vec<String>>,
}

/// Compiles expressions against one index's fields.
pub struct Compiler {
    fields: Fields,
    news: TextAnalyzer,
    name: TextAnalyzer,
}

impl Compiler {
    /// A compiler for an index with these fields.
    pub fn new(fields: Fields) -> Compiler {
        Compiler {
            fields,
            news: schema::news_analyzer(),
            name: schema::name_analyzer(),
        }
    }

    /// Compiles `expr` (the parse of `raw`), adding a phrase boost when it is a bag of plain words.
    pub fn compile(&mut self, expr: &Expr, raw: &str) -> Result<Compiled> {
        let mut highlight_terms = Vec::new();
        collect_highlights(expr, &mut self.news, &mut highlight_terms);
        let query = self
            .node(expr)?
            .ok_or_else(|| Error::NoWords(raw.to_string()))?;
        let query = match self.phrase_boost(expr) {
            Some(boost) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::Should, boost),
            ])),
            None => query,
        };
        let sentence_terms = match expr {
            Expr::Any(items) => Some(
                content_words(items)
                    .into_iter()
                    .flat_map(|e| match e {
                        Expr::Term { text, .. } | Expr::Phrase { text, .. } => {
                            tokens(&mut self.news, text)
                        }
                        _ => Vec::new(),
                    })
                    .collect(),
            ),
            _ => None,
        };
        Ok(Compiled {
            query,
            highlight_terms,
            sentence_terms,
        })
    }

    /// The query for `expr`; `None` when it holds no searchable word (`.`, `--`),
    /// so that punctuation in a query neither matches everything nor nothing.
    fn node(&mut self, expr: &Expr) -> Result<Option<Box<dyn Query>>> {
        Ok(match expr {
            Expr::Term { scope, text } | Expr::Phrase { scope, text } if *scope == Scope::Date => {
                Some(date_query(self.fields.date, text)?)
            }
            Expr::Term {
                scope: Scope::Default,
                text,
            } if text == "*" => Some(Box::new(AllQuery)),
            Expr::Term { scope, text } | Expr::Phrase { scope, text } => self.words(*scope, text),
            Expr::And(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    let (occur, item) = match item {
                        Expr::Not(inner) => (Occur::MustNot, inner.as_ref()),
                        _ => (Occur::Must, item),
                    };
                    if let Some(query) = self.node(item)? {
                        clauses.push((occur, excluded_if(occur, query)));
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    if clauses.is_empty() {
                        return Ok(None);
                    }
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Expr::Or(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    if let Some(query) = self.node(item)? {
                        clauses.push((Occur::Should, query));
                    }
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Expr::Not(inner) => self.node(inner)?.map(|inner| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, excluded_if(Occur::MustNot, inner)),
                ])) as Box<dyn Query>
            }),
            Expr::Any(items) => {
                let mut clauses = Vec::new();
                for item in content_words(items) {
                    if let Some(query) = self.node(item)? {
                        clauses.push((Occur::Should, query));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                // Any one word makes a match; the more (and rarer) words, the higher.
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        })
    }

    /// Words (one or a phrase) in a scope; the default scope is title (boosted) or body.
    fn words(&mut self, scope: Scope, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let analyzer = match scope {
            Scope::Author | Scope::Source => &mut self.name,
            _ => &mut self.news,
        };
        if scope != Scope::Lang && tokens(analyzer, text).is_empty() {
            return None;
        }
        Some(match scope {
            Scope::Default => {
                let title = self.field_words(f.title, text, false);
                let body = self.field_words(f.body, text, false);
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, Box::new(BoostQuery::new(title, TITLE_BOOST))),
                    (Occur::Should, body),
                ]))
            }
            Scope::Title => self.field_words(f.title, text, false),
            Scope::Body => self.field_words(f.body, text, false),
            Scope::Author => self.field_words(f.authors, text, true),
            Scope::Source => self.field_words(f.source, text, true),
            Scope::Lang => Box::new(TermQuery::new(
                Term::from_field_text(f.lang, &text.to_lowercase()),
                IndexRecordOption::Basic,
            )),
            Scope::Date => Box::new(EmptyQuery),
        })
    }

    fn field_words(&mut self, field: Field, text: &str, name: bool) -> Box<dyn Query> {
        let analyzer = if name { &mut self.name } else { &mut self.news };
        let terms: Vec<Term> = tokens(analyzer, text)
            .into_iter()
            .map(|t| Term::from_field_text(field, &t))
            .collect();
        match terms.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                terms.into_iter().next().expect("one term"),
                IndexRecordOption::WithFreqs,
            )),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    /// For `wells fargo` (plain words, ANDed), rank articles with the exact phrase higher.
    /// (Not for sentences: on the TIME collection, boosting neighbouring query
    /// words found close together lowered MAP, 0.604 -> 0.597.)
    fn phrase_boost(&mut self, expr: &Expr) -> Option<Box<dyn Query>> {
        let Expr::And(items) = expr else {
            return None;
        };
        let words: Vec<&str> = items
            .iter()
            .filter_map(|e| match e {
                Expr::Term {
                    scope: Scope::Default,
                    text,
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if words.len() < 2 {
            return None;
        }
        let phrase = words.join(" ");
        let (title, body) = (self.fields.title, self.fields.body);
        Some(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, self.field_words(title, &phrase, false)),
                (Occur::Should, self.field_words(body, &phrase, false)),
            ])),
            PHRASE_BOOST,
        )))
    }

    /// A filter for `--source NAME`: the name's words as a phrase in the outlet name.
    pub fn source_filter(&mut self, names: &[String]) -> Option<Box<dyn Query>> {
        if names.is_empty() {
            return None;
        }
        let source = self.fields.source;
        let clauses = names
            .iter()
            .map(|n| (Occur::Should, self.field_words(source, n, true)))
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A filter for `--author NAME`: the name's words as a phrase in an author's name.
    pub fn author_filter(&mut self, names: &[String]) -> Option<Box<dyn Query>> {
        if names.is_empty() {
            return None;
        }
        let authors = self.fields.authors;
        let clauses = names
            .iter()
            .map(|n| (Occur::Should, self.field_words(authors, n, true)))
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A filter for `--lang CODE`: the detected language, ISO 639-1.
    pub fn lang_filter(&self, codes: &[String]) -> Option<Box<dyn Query>> {
        if codes.is_empty() {
            return None;
        }
        let clauses = codes
            .iter()
            .map(|code| {
                let term = Term::from_field_text(self.fields.lang, &code.trim().to_lowercase());
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A filter for `--since`/`--until` (inclusive, whole periods).
    pub fn date_filter(
        &self,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Option<Box<dyn Query>>> {
        if since.is_none() && until.is_none() {
            return Ok(None);
        }
        let lower = match since {
            Some(s) => Bound::Included(period(s)?.0),
            None => Bound::Unbounded,
        };
        let upper = match until {
            Some(s) => Bound::Excluded(period(s)?.1),
            None => Bound::Unbounded,
        };
        Ok(Some(range(self.fields.date, lower, upper)))
    }
}

/// A `MustNot` clause is read in full first (see `exclusion`); others stay as they are.
fn excluded_if(occur: Occur, query: Box<dyn Query>) -> Box<dyn Query> {
    if occur == Occur::MustNot {
        Box::new(super::exclusion::Exclusion(query))
    } else {
        query
    }
}

/// Words too common to say anything in a sentence query; dropped from it
/// unless nothing else is left. Short on purpose: BM25's idf already weighs
/// common words down, this list only keeps them from counting as matches.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "does", "for",
    "from", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "not", "of", "on",
    "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
    "what", "when", "where", "which", "who", "whom", "why", "will", "with",
];

/// The items of a sentence that are not stop words (all of them if only stop words).
fn content_words(items: &[Expr]) -> Vec<&Expr> {
    let is_stopword = |e: &&Expr| {
        matches!(e, Expr::Term { text, .. }
            if STOPWORDS.contains(&text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str()))
    };
    let content: Vec<&Expr> = items.iter().filter(|e| !is_stopword(e)).collect();
    if content.is_empty() {
        items.iter().collect()
    } else {
        content
    }
}

pub use crate::index::terms::tokens;

fn collect_highlights(expr: &Expr, analyzer: &mut TextAnalyzer, out: &mut Vec<String>) {
    match expr {
        Expr::Term { scope, text } | Expr::Phrase { scope, text }
            if matches!(scope, Scope::Default | Scope::Body) =>
        {
            for t in tokens(analyzer, text) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_highlights(item, analyzer, out);
            }
        }
        Expr::Any(items) => {
            for item in content_words(items) {
                collect_highlights(item, analyzer, out);
            }
        }
        _ => {}
    }
}

/// `[start, end)` of a period written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn period(text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::BadDate {
        value: text.to_string(),
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str| -> Result<u32> {
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let year = |s: &str| -> Result<i32> {
        if s.len() != 4 {
            return Err(bad());
        }
        Ok(num(s)? as i32)
    };
    match parts.as_slice() {
        [y] => {
            let y = year(y)?;
            let start = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
            Ok((start, NaiveDate::from_ymd_opt(y + 1, 1, 1).ok_or_else(bad)?))
        }
        [y, m] => {
            let start = NaiveDate::from_ymd_opt(year(y)?, num(m)?, 1).ok_or_else(bad)?;
            Ok((start, start + Months::new(1)))
        }
        [y, m, d] => {
            let start = NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?).ok_or_else(bad)?;
            Ok((start, start.succ_opt().ok_or_else(bad)?))
        }
        _ => Err(bad()),
    }
}

/// `date:` values: a period, `A..B`, `A..`, `..B`, `>=A`, `>A`, `<=A`, `<A`.
fn date_query(field: Field, text: &str) -> Result<Box<dyn Query>> {
    let text = text.trim();
    let (lower, upper) = if let Some((a, b)) = text.split_once("..") {
        let lower = if a.is_empty() {
            Bound::Unbounded
        } else {
            Bound::Included(period(a)?.0)
        };
        let upper = if b.is_empty() {
            Bound::Unbounded
        } else {
            Bound::Excluded(period(b)?.1)
        };
        (lower, upper)
    } else if let Some(a) = text.strip_prefix(">=") {
        (Bound::Included(period(a)?.0), Bound::Unbounded)
    } else if let Some(a) = text.strip_prefix('>') {
        (Bound::Included(period(a)?.1), Bound::Unbounded)
    } else if let Some(a) = text.strip_prefix("<=") {
        (Bound::Unbounded, Bound::Excluded(period(a)?.1))
    } else if let Some(a) = text.strip_prefix('<') {
        (Bound::Unbounded, Bound::Excluded(period(a)?.0))
    } else {
        let (start, end) = period(text)?;
        (Bound::Included(start), Bound::Excluded(end))
    };
    Ok(range(field, lower, upper))
}

fn range(field: Field, lower: Bound<NaiveDate>, upper: Bound<NaiveDate>) -> Box<dyn Query> {
    // Tantivy keeps dates as i64 nanoseconds: years past 2262 (`date:9999`,
    // found by the fuzzer) would overflow, so bounds are clamped to what fits.
    const LIMIT_SECS: i64 = i64::MAX / 1_000_000_000;
    let term = |d: NaiveDate| {
        let secs = d
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp()
            .clamp(-LIMIT_SECS, LIMIT_SECS);
        Term::from_field_date(field, DateTime::from_timestamp_secs(secs))
    };
    Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period("2020").unwrap(), (d(2020, 1, 1), d(2021, 1, 1)));
        assert_eq!(period("2020-07").unwrap(), (d(2020, 7, 1), d(2020, 8, 1)));
        assert_eq!(
            period("2020-07-10").unwrap(),
            (d(2020, 7, 10), d(2020, 7, 11))
        );
        assert!(period("July 2020").is_err());
        assert!(period("2020-13-01").is_err());
        assert!(period("20-01-01").is_err());
    }
}
