//! A union of a few clauses (a word in the title or the body) that reads no
//! further than it is asked to.
//!
//! Tantivy's union buffers the next 4,096 documents of every clause and, on
//! each seek past that window, clears a 4,096-score buffer and fills it again.
//! Inside an AND of words, every seek jumps past the window once the index
//! holds a few hundred thousand documents: the query spent most of its time
//! clearing and refilling (callgrind, `amazon employees` at the 4× bench copy).
//! This union keeps only each clause's current document and seeks the
//! clauses themselves. Scores are summed in clause order from zero, as
//! tantivy's `SumCombiner` does, so rankings do not move.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Matches what any clause matches; the score is the sum of the matching
/// clauses' scores.
#[derive(Debug)]
pub struct AnyOf(Vec<Box<dyn Query>>);

impl AnyOf {
    pub fn new(clauses: Vec<Box<dyn Query>>) -> AnyOf {
        AnyOf(clauses)
    }
}

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for AnyOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .0
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyOfWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.0 {
            clause.query_terms(visitor);
        }
    }
}

struct AnyOfWeight(Vec<Box<dyn Weight>>);

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut clauses = Vec::with_capacity(self.0.len());
        for weight in &self.0 {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                clauses.push(scorer);
            }
        }
        Ok(Box::new(AnyOfScorer::new(clauses)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the matching clauses", scorer.score());
        for weight in &self.0 {
            if let Ok(clause) = weight.explain(reader, doc) {
                explanation.add_detail(clause);
            }
        }
        Ok(explanation)
    }
}

struct AnyOfScorer {
    /// Clauses not yet exhausted, in query order.
    clauses: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl AnyOfScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> AnyOfScorer {
        let mut scorer = AnyOfScorer {
            clauses,
            doc: TERMINATED,
        };
        scorer.settle();
        scorer
    }

    /// The union stands on the lowest document any clause stands on.
    fn settle(&mut self) {
        let mut lowest = TERMINATED;
        let mut exhausted = false;
        for clause in &self.clauses {
            let doc = clause.doc();
            exhausted |= doc == TERMINATED;
            lowest = lowest.min(doc);
        }
        if exhausted {
            self.clauses.retain(|c| c.doc() != TERMINATED);
        }
        self.doc = lowest;
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        for clause in &mut self.clauses {
            if clause.doc() == current {
                clause.advance();
            }
        }
        self.settle();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for clause in &mut self.clauses {
            if clause.doc() < target {
                clause.seek(target);
            }
        }
        self.settle();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses
            .iter()
            .map(|c| c.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.clauses.iter().map(|c| c.cost()).sum()
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum: Score = 0.0;
        for clause in &mut self.clauses {
            if clause.doc() == doc {
                sum += clause.score();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BitSetDocSet, ConstScorer};

    fn clause(docs: &[DocId], score: Score) -> Box<dyn Scorer> {
        let mut set = tantivy::BitSet::with_max_value(30_000);
        for &doc in docs {
            set.insert(doc);
        }
        Box::new(ConstScorer::new(BitSetDocSet::from(set), score))
    }

    #[test]
    fn walks_and_seeks_the_union_summing_the_clauses_that_match() {
        let mut union = AnyOfScorer::new(vec![
            clause(&[1, 5, 9, 4000, 9000], 1.0),
            clause(&[5, 6, 9000, 20000], 2.0),
            clause(&[], 4.0),
        ]);
        let mut seen = Vec::new();
        while union.doc() != TERMINATED {
            seen.push((union.doc(), union.score()));
            union.advance();
        }
        assert_eq!(
            seen,
            [
                (1, 1.0),
                (5, 3.0),
                (6, 2.0),
                (9, 1.0),
                (4000, 1.0),
                (9000, 3.0),
                (20000, 2.0)
            ]
        );

        let mut union = AnyOfScorer::new(vec![
            clause(&[1, 5, 9, 4000, 9000], 1.0),
            clause(&[5, 6, 9000, 20000], 2.0),
        ]);
        assert_eq!(union.seek(6), 6);
        assert_eq!(union.seek(6), 6);
        assert_eq!(union.seek(10), 4000);
        assert_eq!(union.seek(8999), 9000);
        assert_eq!(union.score(), 3.0);
        assert_eq!(union.seek(20001), TERMINATED);
        assert_eq!(union.advance(), TERMINATED);
    }
}
