//! A stemming token filter that remembers its stems.
//!
//! Stemming was a third of all the instructions of `search index` (callgrind,
//! 1,200 news files): about 1,200 instructions a word, for words that repeat
//! endlessly. Each analyzer (one per indexing or query thread) keeps the stems
//! it has computed; a lookup costs a hash (FxHash: the keys are the indexed
//! text's own words, and SipHash's flood resistance would double the cost).

use rustc_hash::FxHashMap as HashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Forget everything past this many distinct words (bounded memory).
const MAX_CACHED: usize = 200_000;

/// `Stemmer` with a per-analyzer cache; same stems, fewer instructions.
#[derive(Clone)]
pub struct CachedStemmer {
    language: Language,
}

impl CachedStemmer {
    pub fn new(language: Language) -> CachedStemmer {
        CachedStemmer { language }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemFilter<T> {
        CachedStemFilter {
            inner: tokenizer,
            default: self.language,
            stemmers: Vec::new(),
        }
    }
}

/// One language's stemmer and the stems it has computed.
#[derive(Clone)]
struct LanguageStems {
    language: Language,
    /// Stems a single word (what `Stemmer` does to each token).
    stem_one: TextAnalyzer,
    cache: HashMap<String, String>,
}

#[derive(Clone)]
pub struct CachedStemFilter<T> {
    inner: T,
    /// The language of unmarked text (see `language`).
    default: Language,
    /// Created on first use, one per language met.
    stemmers: Vec<LanguageStems>,
}

impl<T: Tokenizer> Tokenizer for CachedStemFilter<T> {
    type TokenStream<'a> = CachedStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let language = super::language::marked(text).unwrap_or(self.default);
        let i = match self.stemmers.iter().position(|s| s.language == language) {
            Some(i) => i,
            None => {
                self.stemmers.push(LanguageStems {
                    language,
                    stem_one: TextAnalyzer::builder(RawTokenizer::default())
                        .filter(Stemmer::new(language))
                        .build(),
                    cache: HashMap::default(),
                });
                self.stemmers.len() - 1
            }
        };
        let stems = &mut self.stemmers[i];
        if stems.cache.len() > MAX_CACHED {
            stems.cache.clear();
        }
        CachedStemStream {
            tail: self.inner.token_stream(text),
            stem_one: &mut stems.stem_one,
            cache: &mut stems.cache,
        }
    }
}

pub struct CachedStemStream<'a, T> {
    tail: T,
    stem_one: &'a mut TextAnalyzer,
    cache: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for CachedStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = {
            let mut one = self.stem_one.token_stream(&token.text);
            match one.next() {
                Some(t) => t.text.clone(),
                None => token.text.clone(),
            }
        };
        self.cache.insert(token.text.clone(), stem.clone());
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn stems(filter_cached: bool, text: &str) -> Vec<String> {
        let mut analyzer = if filter_cached {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(Language::English))
                .build()
        } else {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build()
        };
        let mut out = Vec::new();
        // Twice: the second pass is served from the cache.
        for _ in 0..2 {
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                out.push(t.text.clone());
            }
        }
        out
    }

    #[test]
    fn same_stems_as_the_stemmer() {
        let text =
            "Employees were told to delete the app; the employee deleted it, happily running skies";
        assert_eq!(stems(true, text), stems(false, text));
    }
}
