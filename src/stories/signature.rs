//! An article's signature: the content terms of its title and lead, with
//! their counts. Two articles on the same story share their rare terms
//! (names, places, products) even when every sentence is worded differently.

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::cell::RefCell;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use tantivy::tokenizer::Language;

use crate::index::news_tokenizer::{next_indexed, written};
use crate::index::stem_cache::{TermCache, TermOfWord};
use crate::index::terms;
use crate::index::tokenizer::Word;
use crate::index::word_table::{WordKey, WordTable};

/// Words of the body read: the lead carries the story; the tail carries
/// boilerplate and tangents.
const LEAD_WORDS: usize = 400;
/// Terms kept per article, most frequent first.
const MAX_TERMS: usize = 40;

/// Content terms (analyzed as the index does) with their counts, most frequent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signature(pub Vec<(String, u16)>);

/// The first `LEAD_WORDS` words of a body.
fn lead(body: &str) -> &str {
    let end = body
        .split_whitespace()
        .nth(LEAD_WORDS)
        .map_or(body.len(), |w| w.as_ptr() as usize - body.as_ptr() as usize);
    &body[..end]
}

/// The signature of an article from its title (counted twice) and lead.
pub fn signature(title: Option<&str>, body: &str) -> Signature {
    LEAD_TERMS.with(|lead_terms| lead_terms.borrow_mut().signature(title, body))
}

/// The signature as stored in the index: per term (as `signature` picks
/// them), 4 bytes of the term's hash and 2 of its count, little-endian.
/// Hashes keep it small; two words sharing a hash only blur one cosine.
pub fn packed(title: Option<&str>, body: &str) -> Vec<u8> {
    LEAD_TERMS.with(|lead_terms| lead_terms.borrow_mut().packed(title, body))
}

thread_local! {
    static LEAD_TERMS: RefCell<LeadTerms> = RefCell::new(LeadTerms::default());
}

/// Forget every word past this many (bounded memory, as the analyzers' own caches).
const MAX_REMEMBERED_WORDS: usize = 50_000;
/// A remembered word that is not a content term.
const NOT_CONTENT: u32 = u32::MAX;

/// What `packed` remembers of the words it has read, per cleaning thread.
///
/// Every word of a title and lead went through the index's analyzer (its
/// term copied out, then checked against the stop words, then hashed) and
/// was counted by hash: a tenth of indexing's CPU, for words that repeat
/// endlessly. Here a word as written leads straight to its content term, or
/// to nothing, and each article's terms are counted by that term.
#[derive(Default)]
struct LeadTerms {
    /// The analyzer's term of a word not remembered yet (unmarked text).
    term_of_word: Option<TermOfWord>,
    /// The analyzer's terms for language-marked text, which is not remembered.
    marked_terms: Option<TermCache>,
    /// Each remembered word's entry in `terms`, or `NOT_CONTENT`.
    known: WordTable<u32>,
    /// Each content term met.
    terms: ContentTerms,
    /// Per entry of `terms`: the article it was last counted in (numbered
    /// by `article`) and its place in that article's counts. An array
    /// rather than a map per article, which grew by rehashing each time.
    counted_in: Vec<(u32, u32)>,
    article: u32,
    /// Scratch for `packed`: per term id, its count and first term.
    by_id: HashMap<u32, (u16, u32)>,
    /// Scratch: a word with its apostrophes left out, a word's term.
    elided: String,
    term: String,
}

/// Content terms, each with its id and its text, numbered as met.
#[derive(Default)]
struct ContentTerms {
    terms: Vec<ContentTerm>,
    /// Each entry of `terms`, by its text: a new word may share a known term.
    index: HashTable<u32>,
    text: String,
}

#[derive(Clone, Copy)]
struct ContentTerm {
    id: u32,
    start: u32,
    len: u32,
}

impl LeadTerms {
    /// Each content term of the title (counted twice) and the lead, with
    /// its count, in the order first met.
    fn counts(&mut self, title: Option<&str>, body: &str) -> Vec<(u32, u16)> {
        if self.known.len() > MAX_REMEMBERED_WORDS {
            self.forget();
        }
        let mut counts: Vec<(u32, u16)> = Vec::new();
        self.article = self.article.wrapping_add(1);
        if self.article == 0 {
            // Numbers wrapped: no entry may claim to be of this article.
            self.counted_in.iter_mut().for_each(|c| c.0 = 0);
            self.article = 1;
        }
        for (text, weight) in [(title.unwrap_or(""), 2), (lead(body), 1)] {
            // Language-marked text is stemmed in its own language: not remembered.
            let marked = crate::index::language::marked(text).is_some();
            let mut at = 0;
            while let Some((word, _)) = next_indexed(text, &mut at, &mut self.elided) {
                let term = self.term_of(text, marked, &word);
                if term == NOT_CONTENT {
                    continue;
                }
                let slot = term as usize;
                if slot >= self.counted_in.len() {
                    self.counted_in.resize(slot + 1, (0, 0));
                }
                let (article, at) = &mut self.counted_in[slot];
                if *article != self.article {
                    *article = self.article;
                    *at = counts.len() as u32;
                    counts.push((term, 0));
                }
                let count = &mut counts[*at as usize].1;
                *count = count.saturating_add(weight);
            }
        }
        counts
    }

    fn signature(&mut self, title: Option<&str>, body: &str) -> Signature {
        let counts = self.counts(title, body);
        let picked = self.most_frequent(counts.into_iter().map(|(t, n)| (t, n, ())).collect());
        Signature(
            picked
                .into_iter()
                .map(|(term, count, ())| (self.terms.text(term).to_string(), count))
                .collect(),
        )
    }

    fn packed(&mut self, title: Option<&str>, body: &str) -> Vec<u8> {
        let counts = self.counts(title, body);
        // By term id, as stored: (count, the term first met with that id).
        let mut by_id = std::mem::take(&mut self.by_id);
        by_id.clear();
        by_id.reserve(counts.len());
        for (term, count) in counts {
            let entry = by_id.entry(self.terms.id(term)).or_insert((0, term));
            entry.0 = entry.0.saturating_add(count);
        }
        let picked = self.most_frequent(
            by_id
                .iter()
                .map(|(&id, &(count, term))| (term, count, id))
                .collect(),
        );
        self.by_id = by_id;
        let mut out = Vec::with_capacity(picked.len() * PACKED_ENTRY_BYTES);
        for (_, count, id) in picked {
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
        }
        out
    }

    /// The `MAX_TERMS` most frequent of (term, count, _), then A to Z (no
    /// two terms are equal): picked out before only they are sorted.
    fn most_frequent<T>(&self, mut terms: Vec<(u32, u16, T)>) -> Vec<(u32, u16, T)> {
        let order = |a: &(u32, u16, T), b: &(u32, u16, T)| {
            b.1.cmp(&a.1)
                .then_with(|| self.terms.text(a.0).cmp(self.terms.text(b.0)))
        };
        if terms.len() > MAX_TERMS {
            terms.select_nth_unstable_by(MAX_TERMS - 1, order);
            terms.truncate(MAX_TERMS);
        }
        terms.sort_unstable_by(order);
        terms
    }

    /// The entry in `terms` of the word `next_indexed` found in `text`, or `NOT_CONTENT`.
    fn term_of(&mut self, text: &str, marked: bool, word: &Word) -> u32 {
        let written = written(text, word, &self.elided);
        let key = WordKey::new(written.as_bytes());
        if !marked {
            if let Some(term) = self.known.get(&key) {
                return term;
            }
        }
        self.term.clear();
        if marked {
            self.marked_terms
                .get_or_insert_with(|| TermCache::new(Language::English))
                .for_text(text)
                .push_term(written, &mut self.term);
        } else {
            self.term_of_word
                .get_or_insert_with(|| TermOfWord::new(Language::English))
                .push_term(written, &mut self.term);
        }
        let term = if terms::is_content_term(&self.term) {
            self.terms.intern(&self.term)
        } else {
            NOT_CONTENT
        };
        if !marked {
            self.known.insert(key, term);
        }
        term
    }

    fn forget(&mut self) {
        self.known.clear();
        self.terms = ContentTerms::default();
        self.counted_in.clear();
    }
}

impl ContentTerms {
    /// The number of `term`, added if new.
    fn intern(&mut self, term: &str) -> u32 {
        let hash = FxBuildHasher.hash_one(term.as_bytes());
        if let Some(&at) = self.index.find(hash, |&at| self.text(at) == term) {
            return at;
        }
        let at = self.terms.len() as u32;
        self.terms.push(ContentTerm {
            id: term_id(term),
            start: self.text.len() as u32,
            len: term.len() as u32,
        });
        self.text.push_str(term);
        let (terms, text) = (&self.terms, &self.text);
        self.index.insert_unique(hash, at, |&at| {
            FxBuildHasher.hash_one(text_in(terms, text, at).as_bytes())
        });
        at
    }

    fn id(&self, at: u32) -> u32 {
        self.terms[at as usize].id
    }

    fn text(&self, at: u32) -> &str {
        text_in(&self.terms, &self.text, at)
    }
}

fn text_in<'a>(terms: &[ContentTerm], text: &'a str, at: u32) -> &'a str {
    let t = terms[at as usize];
    &text[t.start as usize..(t.start + t.len) as usize]
}

/// Bytes of one (term id, count) pair in a packed signature.
pub const PACKED_ENTRY_BYTES: usize = 6;

/// The id a term has in a packed signature.
pub fn term_id(term: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes()) as u32
}

/// (term id, count) pairs of a packed signature.
pub fn unpack(bytes: &[u8]) -> impl Iterator<Item = (u32, u16)> + '_ {
    bytes.chunks_exact(PACKED_ENTRY_BYTES).map(|c| {
        (
            u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
            u16::from_le_bytes([c[4], c[5]]),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;

    /// The signature as the index's analyzer reads the title (twice) and lead.
    fn signature_as_analyzed(title: Option<&str>, body: &str) -> Vec<(String, u16)> {
        let mut analyzer = schema::news_analyzer();
        let mut counts: HashMap<String, u16> = HashMap::default();
        let title = title.unwrap_or("");
        for text in [title, title, lead(body)] {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let term = &stream.token().text;
                if terms::is_content_term(term) {
                    let n = counts.entry(term.to_string()).or_default();
                    *n = n.saturating_add(1);
                }
            }
        }
        let mut terms: Vec<(String, u16)> = counts.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(MAX_TERMS);
        terms
    }

    /// `packed`'s terms and counts, as the analyzer reads them.
    fn packed_as_analyzed(title: Option<&str>, body: &str) -> Vec<(u32, u16)> {
        let sig = signature_as_analyzed(title, body);
        sig.iter().map(|(t, n)| (term_id(t), *n)).collect()
    }

    #[test]
    fn packed_counts_the_terms_the_analyzer_gives() {
        let long = "x".repeat(60);
        let marked = crate::index::language::mark("Die Häuser des Müllers stehen", Some("de"));
        let texts: Vec<(Option<&str>, String)> = vec![
            (
                Some("Amazon bans TikTok"),
                "Amazon told employees to delete TikTok.".into(),
            ),
            (
                None,
                format!("Russia’s refusal, don't O'Neill's {long} running RUNNING Running"),
            ),
            (
                Some("Café Müller"),
                "CAFÉ MÜLLER’S naïve façade: Straße STRASSE Ærø".into(),
            ),
            (
                Some("2020 and 1.5% of G7"),
                "the of and 123 4567 COVID-19 ab abc".into(),
            ),
            (Some(marked.as_ref()), marked.to_string()),
            (Some("Die Häuser"), "Die Häuser des Müllers stehen".into()),
            (Some(""), String::new()),
        ];
        let mut lead_terms = LeadTerms::default();
        // Twice: the second time every word is remembered; then forgotten.
        for round in 0..3 {
            if round == 2 {
                lead_terms.forget();
            }
            for (title, body) in &texts {
                let stored: Vec<(u32, u16)> = unpack(&lead_terms.packed(*title, body)).collect();
                assert_eq!(
                    stored,
                    packed_as_analyzed(*title, body),
                    "{title:?} {body:?}"
                );
            }
        }
        // Past the lead, words do not count.
        let body = format!("{} tiktok", "amazon ".repeat(LEAD_WORDS));
        let stored: Vec<(u32, u16)> = unpack(&packed(None, &body)).collect();
        assert_eq!(stored, vec![(term_id("amazon"), LEAD_WORDS as u16)]);
    }

    #[test]
    fn keeps_content_terms_of_title_and_lead() {
        let sig = signature(
            Some("Amazon bans TikTok"),
            "Amazon told employees to delete TikTok. The app is owned by ByteDance.",
        );
        let terms: Vec<&str> = sig.0.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms[..2], ["amazon", "tiktok"]);
        assert_eq!(sig.0[0].1, 3);
        assert!(terms.contains(&"byted"), "{terms:?}");
        assert!(!terms.contains(&"the") && !terms.contains(&"by"));
        let packed = packed(
            Some("Amazon bans TikTok"),
            "Amazon told employees to delete TikTok. The app is owned by ByteDance.",
        );
        let stored: Vec<(u32, u16)> = unpack(&packed).collect();
        let expected: Vec<(u32, u16)> = sig.0.iter().map(|(t, n)| (term_id(t), *n)).collect();
        assert_eq!(stored, expected);
    }
}
