//! Excluded clauses, read in full before they exclude anything.
//!
//! Tantivy 0.27 asks an excluded docset whether it holds a document with
//! `seek_danger`, sometimes for a document before the one the docset already
//! stands on. A phrase scorer asserts against that (`oil -company-owned`
//! panicked in debug builds; found by the query fuzzer). A bitset of the
//! excluded documents answers any such question correctly.

use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Matches what `inner` matches, as a precomputed set of documents (score 0).
#[derive(Debug)]
pub struct Exclusion(pub Box<dyn Query>);

impl Clone for Exclusion {
    fn clone(&self) -> Self {
        Exclusion(self.0.box_clone())
    }
}

impl Query for Exclusion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExclusionWeight(self.0.weight(enable_scoring)?)))
    }
}

struct ExclusionWeight(Box<dyn Weight>);

impl Weight for ExclusionWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = tantivy::BitSet::with_max_value(reader.max_doc());
        let mut inner = self.0.scorer(reader, 1.0)?;
        let mut doc = inner.doc();
        while doc != TERMINATED {
            docs.insert(doc);
            doc = inner.advance();
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}
