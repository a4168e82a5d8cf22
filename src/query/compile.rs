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
use tantivy::{DateTime, Searcher};

use super::any_of::AnyOf;
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
    /// For prefix and fuzzy words, which are expanded to the indexed words they match.
    searcher: Option<Searcher>,
    /// The words prefix and fuzzy terms expanded to, highlighted as what matched.
    expanded: Vec<String>,
    /// Prose analyzers for the other languages the index holds: a query word
    /// also matches its stem in each (`Häuser` finds German `Haus`).
    others: Vec<TextAnalyzer>,
    /// How many ANDs enclose the node being compiled: inside one, a word's
    /// clauses are sought document by document (see `any_of`).
    within_and: usize,
}

/// A prefix or fuzzy word matches at most this many indexed words (the most
/// frequent), so `a*` cannot turn into a query over the whole vocabulary.
pub const MAX_EXPANSIONS: usize = 200;

impl Compiler {
    /// A compiler for an index with these fields.
    pub fn new(fields: Fields) -> Compiler {
        Compiler {
            fields,
            news: schema::news_analyzer(),
            name: schema::name_analyzer(),
            searcher: None,
            expanded: Vec::new(),
            others: Vec::new(),
            within_and: 0,
        }
    }

    /// A compiler that can expand prefix and fuzzy words against `searcher`'s
    /// terms, and stems words in every language the index holds.
    pub fn with_searcher(fields: Fields, searcher: Searcher) -> Compiler {
        let mut languages = Vec::new();
        // From the language terms, not the column: opening a column decodes
        // a header per 512 documents, a cost that grew with the index.
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(fields.lang) else {
                continue;
            };
            let Ok(mut codes) = index.terms().stream() else {
                continue;
            };
            while codes.advance() {
                let code = String::from_utf8_lossy(codes.key());
                if let Some(language) = crate::index::language::stemmer_for(&code) {
                    if !languages.contains(&language) {
                        languages.push(language);
                    }
                }
            }
        }
        Compiler {
            searcher: Some(searcher),
            others: languages
                .into_iter()
                .map(schema::news_analyzer_in)
                .collect(),
            ..Compiler::new(fields)
        }
    }

    /// Compiles `expr` (the parse of `raw`), adding a phrase boost when it is a bag of plain words.
    pub fn compile(&mut self, expr: &Expr, raw: &str) -> Result<Compiled> {
        let mut highlight_terms = Vec::new();
        collect_highlights(expr, &mut self.news, &mut highlight_terms);
        for analyzer in &mut self.others {
            collect_highlights(expr, analyzer, &mut highlight_terms);
        }
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
        for term in std::mem::take(&mut self.expanded) {
            if !highlight_terms.contains(&term) {
                highlight_terms.push(term);
            }
        }
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
                    if let Some(query) = self.within_and(|c| c.node(item))? {
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
            Expr::SloppyPhrase { scope, text, slop } => {
                let words = tokens(&mut self.news, text);
                (!words.is_empty())
                    .then(|| self.sequences_query(*scope, vec![Alternative::Slop(words, *slop)]))
            }
            Expr::Near { .. } => {
                let alternatives = self.sequences(expr);
                (!alternatives.is_empty())
                    .then(|| self.sequences_query(leaf_scope(expr), alternatives))
            }
            Expr::Prefix { scope, text } | Expr::Fuzzy { scope, text, .. } => {
                let distance = match expr {
                    Expr::Fuzzy { distance, .. } => Some(*distance),
                    _ => None,
                };
                self.expansion(*scope, text, distance)
            }
        })
    }

    /// The alternatives a proximity expression allows.
    fn sequences(&mut self, expr: &Expr) -> Vec<Alternative> {
        match expr {
            Expr::Term { text, .. } | Expr::Phrase { text, .. } => {
                let words = tokens(&mut self.news, text);
                if words.is_empty() {
                    Vec::new()
                } else {
                    vec![Alternative::Ordered(vec![words], Vec::new())]
                }
            }
            Expr::SloppyPhrase { text, slop, .. } => {
                vec![Alternative::Slop(tokens(&mut self.news, text), *slop)]
            }
            Expr::Or(items) => items.iter().flat_map(|e| self.sequences(e)).collect(),
            Expr::Near {
                left,
                right,
                distance,
                ordered,
            } => {
                let (left, right) = (self.sequences(left), self.sequences(right));
                let mut out = Vec::new();
                for a in &left {
                    for b in &right {
                        out.push(Alternative::then(a, b, *distance));
                        if !ordered {
                            out.push(Alternative::then(b, a, *distance));
                        }
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Any of the alternatives, in the scope's fields (title boosted by default).
    fn sequences_query(&mut self, scope: Scope, alternatives: Vec<Alternative>) -> Box<dyn Query> {
        let f = self.fields;
        let fields: Vec<(Field, f32)> = match scope {
            Scope::Title => vec![(f.title, 1.0)],
            Scope::Body => vec![(f.body, 1.0)],
            _ => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for alternative in &alternatives {
            for &(field, boost) in &fields {
                for query in alternative.queries(field) {
                    clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
                }
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// A prefix (`distance` None) or fuzzy word: the indexed words it matches,
    /// ORed; highlighted as those words.
    fn expansion(
        &mut self,
        scope: Scope,
        text: &str,
        distance: Option<u8>,
    ) -> Option<Box<dyn Query>> {
        let f = self.fields;
        // Folded and lowercased like the index, but a prefix is not stemmed
        // (`secur*` must not become `secur` → nothing longer).
        let folded: String = tokens(&mut self.name, text).concat();
        if folded.is_empty() {
            return None;
        }
        let base = match distance {
            Some(_) => tokens(&mut self.news, text).concat(),
            None => folded,
        };
        let fields: Vec<(Field, f32)> = match scope {
            Scope::Title => vec![(f.title, 1.0)],
            Scope::Body => vec![(f.body, 1.0)],
            Scope::Author => vec![(f.authors, 1.0)],
            Scope::Source => vec![(f.source, 1.0)],
            _ => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
        };
        let words = match &self.searcher {
            Some(searcher) => expand(searcher, &fields, &base, distance),
            None => Vec::new(),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            for &(field, boost) in &fields {
                let query = TermQuery::new(
                    Term::from_field_text(field, word),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost)),
                ));
            }
        }
        if matches!(scope, Scope::Default | Scope::Title | Scope::Body) {
            self.expanded.extend(words);
        }
        Some(if clauses.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
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
                self.any_of(vec![Box::new(BoostQuery::new(title, TITLE_BOOST)), body])
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
        if name {
            let words = tokens(&mut self.name, text);
            return words_query(field, &words);
        }
        let mut variants = vec![tokens(&mut self.news, text)];
        for analyzer in &mut self.others {
            let words = tokens(analyzer, text);
            if !variants.contains(&words) {
                variants.push(words);
            }
        }
        if variants.len() == 1 {
            return words_query(field, &variants[0]);
        }
        let clauses = variants
            .iter()
            .map(|words| words_query(field, words))
            .collect();
        self.any_of(clauses)
    }

    /// Compiles with `compile` as a part of an AND (see `any_of`).
    fn within_and<T>(&mut self, compile: impl FnOnce(&mut Compiler) -> T) -> T {
        self.within_and += 1;
        let compiled = compile(self);
        self.within_and -= 1;
        compiled
    }

    /// Any of a word's few clauses (its fields, its stems). Inside an AND,
    /// where the intersection seeks it, a union that reads no further than
    /// asked; elsewhere tantivy's, which walks a whole union faster.
    fn any_of(&self, clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if self.within_and > 0 {
            Box::new(AnyOf::new(clauses))
        } else {
            Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
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
        // Beside the words' AND, the boost is sought at each of its matches.
        let (title, body) = self.within_and(|c| {
            (
                c.field_words(title, &phrase, false),
                c.field_words(body, &phrase, false),
            )
        });
        Some(Box::new(BoostQuery::new(
            Box::new(AnyOf::new(vec![title, body])),
            PHRASE_BOOST,
        )))
    }

    /// A filter for `--source NAME`: the name's words as a phrase in the outlet name.
    pub fn source_filter(&mut self, names: &[String]) -> Option<Box<dyn Query>> {
        if names.is_empty() {
            return None;
        }
        let source = self.fields.source;
        // Names are stored in NFC (see `text_form`); a name typed otherwise must match.
        let clauses = names
            .iter()
            .map(|n| {
                let n = crate::text_form::canonical(n);
                (Occur::Should, self.field_words(source, &n, true))
            })
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
            .map(|n| {
                let n = crate::text_form::canonical(n);
                (Occur::Should, self.field_words(authors, &n, true))
            })
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

/// One analyzed word as a term query, several as a phrase.
fn words_query(field: Field, words: &[String]) -> Box<dyn Query> {
    let terms: Vec<Term> = words
        .iter()
        .map(|t| Term::from_field_text(field, t))
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

/// One way a proximity expression can match.
#[derive(Debug, Clone)]
enum Alternative {
    /// Phrases in order, `gaps[i]` = most words allowed between phrase i and i+1.
    Ordered(Vec<Vec<String>>, Vec<u32>),
    /// Words that may move `slop` positions in all (Lucene's phrase slop).
    Slop(Vec<String>, u32),
}

impl Alternative {
    /// `a` then, within `distance` words, `b`.
    fn then(a: &Alternative, b: &Alternative, distance: u32) -> Alternative {
        match (a, b) {
            (Alternative::Ordered(p, g), Alternative::Ordered(q, h)) => {
                let gaps = [g.clone(), vec![distance], h.clone()].concat();
                Alternative::Ordered([p.clone(), q.clone()].concat(), gaps)
            }
            _ => {
                let (a_words, a_slop) = a.flat();
                let (b_words, b_slop) = b.flat();
                Alternative::Slop(
                    [a_words, b_words].concat(),
                    a_slop.saturating_add(distance).saturating_add(b_slop),
                )
            }
        }
    }

    fn flat(&self) -> (Vec<String>, u32) {
        match self {
            Alternative::Ordered(phrases, gaps) => (
                phrases.concat(),
                gaps.iter().fold(0u32, |sum, g| sum.saturating_add(*g)),
            ),
            Alternative::Slop(words, slop) => (words.clone(), *slop),
        }
    }

    /// Tantivy queries matching this alternative in `field` (any of them).
    ///
    /// Tantivy's phrase slop is symmetric: a term at offset `o` matches within
    /// `slop` of where the offsets put it, before or after. Two phrases with
    /// up to `g` words between are the second phrase placed `1 + g/2` after
    /// the first with slop `g/2` (for odd `g`, two such windows), which is
    /// exactly "after, with 0..=g words between". Longer chains fall back to
    /// one slop budget for all gaps, as Lucene does.
    fn queries(&self, field: Field) -> Vec<Box<dyn Query>> {
        let term = |w: &String| Term::from_field_text(field, w);
        match self {
            Alternative::Ordered(phrases, gaps) if gaps.len() == 1 => {
                let (first, second) = (&phrases[0], &phrases[1]);
                let half = gaps[0] / 2;
                let shifts: &[u32] = if gaps[0] % 2 == 0 { &[0] } else { &[0, 1] };
                shifts
                    .iter()
                    .map(|shift| {
                        let start = (first.len() as u32).saturating_add(half + shift);
                        let mut terms: Vec<(usize, Term)> = first
                            .iter()
                            .enumerate()
                            .map(|(i, w)| (i, term(w)))
                            .collect();
                        terms.extend(
                            second
                                .iter()
                                .enumerate()
                                .map(|(i, w)| (start.saturating_add(i as u32) as usize, term(w))),
                        );
                        Box::new(PhraseQuery::new_with_offset_and_slop(terms, half))
                            as Box<dyn Query>
                    })
                    .collect()
            }
            _ => {
                let (words, slop) = self.flat();
                let terms: Vec<Term> = words.iter().map(term).collect();
                vec![match terms.len() {
                    0 => Box::new(EmptyQuery) as Box<dyn Query>,
                    1 => Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => {
                        let mut phrase = PhraseQuery::new(terms);
                        phrase.set_slop(slop);
                        Box::new(phrase)
                    }
                }]
            }
        }
    }
}

/// The scope of a proximity expression: its first word's.
fn leaf_scope(expr: &Expr) -> Scope {
    match expr {
        Expr::Term { scope, .. }
        | Expr::Phrase { scope, .. }
        | Expr::SloppyPhrase { scope, .. } => *scope,
        Expr::Or(items) => items.first().map_or(Scope::Default, leaf_scope),
        Expr::Near { left, .. } => leaf_scope(left),
        _ => Scope::Default,
    }
}

/// The indexed words of `fields` starting with `base` (`distance` None) or
/// within `distance` edits of it; at most `MAX_EXPANSIONS`, most frequent first.
fn expand(
    searcher: &Searcher,
    fields: &[(Field, f32)],
    base: &str,
    distance: Option<u8>,
) -> Vec<String> {
    let mut found: std::collections::HashMap<String, u64> = Default::default();
    for segment in searcher.segment_readers() {
        for &(field, _) in fields {
            let Ok(index) = segment.inverted_index(field) else {
                continue;
            };
            let terms = index.terms();
            let stream = match distance {
                None => {
                    let mut upper = base.as_bytes().to_vec();
                    upper.push(0xff);
                    terms.range().ge(base.as_bytes()).lt(&upper).into_stream()
                }
                Some(_) => terms.stream(),
            };
            let Ok(mut stream) = stream else { continue };
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let hit = match distance {
                    None => word.starts_with(base),
                    Some(d) => within_edits(base, word, d.into()),
                };
                if hit {
                    *found.entry(word.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    let mut words: Vec<(String, u64)> = found.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(MAX_EXPANSIONS);
    words.into_iter().map(|(w, _)| w).collect()
}

/// Whether `a` and `b` are at most `max` edits apart (insertions, deletions,
/// substitutions, and swaps of neighbours, as tantivy's fuzzy queries count).
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        let mut best = rows[i][0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            best = best.min(d);
        }
        if best > max {
            return false;
        }
    }
    rows[a.len()][b.len()] <= max
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
        Expr::Term { scope, text }
        | Expr::Phrase { scope, text }
        | Expr::SloppyPhrase { scope, text, .. }
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
        Expr::Near { left, right, .. } => {
            collect_highlights(left, analyzer, out);
            collect_highlights(right, analyzer, out);
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
