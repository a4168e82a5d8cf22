//! The indexed term of each word as written (lowercased, accents folded,
//! stemmed), remembered.
//!
//! Stemming was a third of all the instructions of `search index` (callgrind,
//! 1,200 news files): about 1,200 instructions a word, for words that repeat
//! endlessly, so stems were cached, keyed by the folded word. Lowercasing,
//! folding and the cache lookups were then still a fifth of indexing's CPU
//! (perf, 44.7k files), the lookups mostly waiting on memory: each key and
//! each stem was an allocation of its own, read after the table's slot. Now
//! the key is the word as written, so a word seen before is neither
//! lowercased nor folded, and words and terms lie side by side in one buffer.
//! Callgrind, 1,200 files: 2.27G -> 2.16G instructions for the whole run,
//! 430M -> 345M in the analyzer; 44.7k files: 7.6 s -> 7.0 s (wall, median
//! of five, on a shared machine). (A capitalised word is stemmed once more on
//! its own, `The` apart from `the`: 7k more stemmings there, against 470k
//! lookups made cheaper.)
//!
//! Each analyzer (one per indexing or query thread) keeps its own terms;
//! FxHash hashes the words (they are the indexed text's own, and SipHash's
//! flood resistance would double the cost).

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer,
};

/// Forget everything past this many distinct words (bounded memory). At
/// 200,000 the three indexing analyzers' tables held about 23 MB at the 4×
/// copy; at 50,000, peak RSS fell 3-7 MiB at the 4× copy, 2-10 MiB at 1× and
/// 0-3 MiB at 25 %, and the 1× wall and CPU stayed the same (the words that
/// matter repeat within any 50,000, and a smaller table stays in cache).
const MAX_CACHED: usize = 50_000;

/// Each language's terms, for texts marked with it (see `language`).
#[derive(Clone)]
pub struct TermCache {
    /// The language of unmarked text.
    default: Language,
    /// Created on first use, one per language met.
    languages: Vec<LanguageTerms>,
}

impl TermCache {
    pub fn new(default: Language) -> TermCache {
        TermCache {
            default,
            languages: Vec::new(),
        }
    }

    /// The terms for the language `text` is marked with.
    pub fn for_text(&mut self, text: &str) -> &mut LanguageTerms {
        let language = super::language::marked(text).unwrap_or(self.default);
        let i = match self.languages.iter().position(|l| l.language == language) {
            Some(i) => i,
            None => {
                self.languages.push(LanguageTerms::new(language));
                self.languages.len() - 1
            }
        };
        let terms = &mut self.languages[i];
        if terms.known.len() > MAX_CACHED {
            terms.clear();
        }
        terms
    }
}

/// The term of a word as written, worked out each time: lowercased, accents
/// folded, stemmed in one language (the tantivy filters the index was first
/// built with).
#[derive(Clone)]
pub struct TermOfWord(TextAnalyzer);

impl TermOfWord {
    pub fn new(language: Language) -> TermOfWord {
        TermOfWord(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(language))
                .build(),
        )
    }

    /// Appends the term of `word` to `out`.
    pub fn push_term(&mut self, word: &str, out: &mut String) {
        match self.0.token_stream(word).next() {
            Some(t) => out.push_str(&t.text),
            None => out.push_str(word),
        }
    }
}

/// One language's words and their terms.
#[derive(Clone)]
pub struct LanguageTerms {
    language: Language,
    /// What the uncached chain did to a word: the cache's source of truth.
    term_of_word: TermOfWord,
    /// Where each word seen is in `seen`.
    known: HashTable<Known>,
    /// Each word seen followed by its term: one allocation for all, and a
    /// word found is next to its term (one memory read, not two).
    seen: String,
}

/// A word and its term, at `start` in `LanguageTerms::seen`.
#[derive(Clone, Copy)]
struct Known {
    start: u32,
    word_len: u16,
    term_len: u16,
}

impl Known {
    /// As bytes: slicing a `str` would check for character boundaries.
    fn word(self, seen: &str) -> &[u8] {
        let start = self.start as usize;
        &seen.as_bytes()[start..start + self.word_len as usize]
    }

    fn term(self, seen: &str) -> &str {
        let start = self.start as usize + self.word_len as usize;
        &seen[start..start + self.term_len as usize]
    }
}

fn hash(word: &[u8]) -> u64 {
    FxBuildHasher.hash_one(word)
}

impl LanguageTerms {
    fn new(language: Language) -> LanguageTerms {
        LanguageTerms {
            language,
            term_of_word: TermOfWord::new(language),
            known: HashTable::new(),
            seen: String::new(),
        }
    }

    fn clear(&mut self) {
        self.known.clear();
        self.seen.clear();
    }

    /// Appends the term of `word` (as the tokenizer wrote it) to `out`.
    pub fn push_term(&mut self, word: &str, out: &mut String) {
        let hash = hash(word.as_bytes());
        let seen = &self.seen;
        if let Some(known) = self.known.find(hash, |k| k.word(seen) == word.as_bytes()) {
            out.push_str(known.term(seen));
            return;
        }
        let start = out.len();
        self.term_of_word.push_term(word, out);
        let term = &out[start..];
        let known = (
            u32::try_from(self.seen.len()),
            u16::try_from(word.len()),
            u16::try_from(term.len()),
        );
        // Past the offsets' range (never, in practice), words just go unremembered.
        if let (Ok(start), Ok(word_len), Ok(term_len)) = known {
            self.seen.push_str(word);
            self.seen.push_str(term);
            let seen = &self.seen;
            self.known.insert_unique(
                hash,
                Known {
                    start,
                    word_len,
                    term_len,
                },
                |k| self::hash(k.word(seen)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(terms: &mut LanguageTerms, words: &[&str]) -> Vec<String> {
        words
            .iter()
            .map(|word| {
                let mut out = String::new();
                terms.push_term(word, &mut out);
                out
            })
            .collect()
    }

    #[test]
    fn forgetting_changes_no_term() {
        let words = [
            "Running",
            "running",
            "Café",
            "Maßnahmen",
            "ΣΊΣΥΦΟΣ",
            "Running",
        ];
        let mut terms = LanguageTerms::new(Language::English);
        let first = terms_of(&mut terms, &words);
        assert_eq!(first[0], "run");
        assert_eq!(first[0], first[1]);
        terms.clear();
        assert_eq!(terms_of(&mut terms, &words), first);
        assert_eq!(terms.known.len(), 5);
    }
}
