//! The `news` analyzer in one tokenizer: words (see `tokenizer`), too-long
//! ones dropped, each turned into its term through a `TermCache`.
//!
//! As a chain of token filters, every word was copied into the token, then
//! lowercased and folded in place before the stem cache could look it up:
//! a fifth of indexing's CPU. Here a word already seen is looked up as it
//! stands in the text, and only its term is copied.

use tantivy::tokenizer::{Language, Token, TokenStream, Tokenizer};

use super::schema::MAX_TOKEN_BYTES;
use super::stem_cache::{LanguageTerms, TermCache};
use super::tokenizer::{next_word, Word};

/// Splits prose into stemmed, folded terms; see the module documentation.
#[derive(Clone)]
pub struct NewsTokenizer {
    token: Token,
    /// A word with its apostrophes left out (`don't` → `dont`).
    elided: String,
    terms: TermCache,
}

impl NewsTokenizer {
    /// Stems unmarked text with `language`'s stemmer.
    pub fn new(language: Language) -> NewsTokenizer {
        NewsTokenizer {
            token: Token::default(),
            elided: String::new(),
            terms: TermCache::new(language),
        }
    }
}

pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    elided: &'a mut String,
    terms: &'a mut LanguageTerms,
}

/// The next word of `text` from byte `*at` that the analyzer indexes, with
/// how many words too long to index were dropped before it. An elided word's
/// text (see `Word::push_text`) is left in `elided`; `written` gives either.
pub fn next_indexed(text: &str, at: &mut usize, elided: &mut String) -> Option<(Word, usize)> {
    let mut dropped = 0;
    loop {
        let Some(word) = next_word(text, *at) else {
            *at = text.len();
            return None;
        };
        *at = word.resume;
        if word.elided {
            elided.clear();
            word.push_text(text, elided);
        }
        // As `RemoveLongFilter` did before lowercasing and folding: the
        // limit is on the word as written, and a word must be shorter.
        if written(text, &word, elided).len() >= MAX_TOKEN_BYTES {
            dropped += 1;
            continue;
        }
        return Some((word, dropped));
    }
}

/// The text of a word `next_indexed` returned: the analyzer's input for it.
pub fn written<'a>(text: &'a str, word: &Word, elided: &'a str) -> &'a str {
    if word.elided {
        elided
    } else {
        &text[word.start..word.end]
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            elided: &mut self.elided,
            terms: self.terms.for_text(text),
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((word, dropped)) = next_indexed(self.text, &mut self.at, self.elided) else {
            self.token.text.clear();
            return false;
        };
        // A dropped word still takes its position, as `RemoveLongFilter` left it.
        self.token.position = self.token.position.wrapping_add(1 + dropped);
        self.token.text.clear();
        self.terms
            .push_term(written(self.text, &word, self.elided), &mut self.token.text);
        self.token.offset_from = word.start;
        self.token.offset_to = word.end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer,
    };

    use super::*;
    use crate::index::language;
    use crate::index::tokenizer::WordTokenizer;

    /// Every token as (text, from, to, position), over each text in turn.
    fn tokens(analyzer: &mut TextAnalyzer, texts: &[&str]) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        for text in texts {
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
        }
        out
    }

    /// The `news` analyzer as it was, a chain of tantivy's own filters.
    fn chain(language: Language) -> TextAnalyzer {
        TextAnalyzer::builder(WordTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(language))
            .build()
    }

    fn fused(language: Language) -> TextAnalyzer {
        TextAnalyzer::from(NewsTokenizer::new(language))
    }

    const TEXTS: &[&str] = &[
        "Employees were told to delete the app; the employee deleted it, happily running skies",
        "Café Müller's naïve façade: CAFÉ MÜLLER’S NAÏVE FAÇADE, café müllerʼs",
        "Russia’s refusal, VIET NAM'S president; don't O'Neill's 'quoted' it's l’Élysée",
        "Straße STRASSE Maßnahmen Ærø Øresund İstanbul ΣΊΣΥΦΟΣ Ωμέγα naïveté Œuvre ᴀʙ",
        "2020 1.5% 3rd COVID-19 G7 x86_64 4x4 Ⅻ ½ ① ⑽",
        "东京 日本語のテキスト 서울 Москва МОСКВА Київ العربية हिन्दी",
        // Words of 47, 40, 39, 40 (accented), 38 (accented) bytes, and
        // apostrophe-elided words of 32 and 40 bytes once elided.
        "supercalifragilisticexpialidociousnessesandmore word \
         exactly40bytesxxxxxxxxxxxxxxxxxxxxxxxxxx exactly39bytesxxxxxxxxxxxxxxxxxxxxxxxxx \
         ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ éééééééééééééééééééé ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ \
         don'tdon'tdon'tdon'tdon'tdon'tdon'tdon't don'tdon'tdon'tdon'tdon'tdon'tdon'tdon'tdon'tdon't",
        "",
        "   ...   ",
        "The THE the tHe Running RUNNING running",
        "ends with a long word exactly40bytesxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ];

    #[test]
    fn same_tokens_as_the_filter_chain() {
        for language in [Language::English, Language::German, Language::French] {
            // Twice: the second pass is served from the cache.
            let twice: Vec<&str> = TEXTS.iter().chain(TEXTS).copied().collect();
            assert_eq!(
                tokens(&mut fused(language), &twice),
                tokens(&mut chain(language), &twice),
                "{language:?}"
            );
        }
    }

    #[test]
    fn marked_text_is_stemmed_in_its_language() {
        let german = language::mark("Die Häuser des Müllers, Maßnahmen", Some("de"));
        let english = "Die Häuser des Müllers, Maßnahmen";
        let texts = [german.as_ref(), english, german.as_ref(), english];
        let once = [
            tokens(&mut chain(Language::German), &[german.as_ref()]),
            tokens(&mut chain(Language::English), &[english]),
        ]
        .concat();
        assert_eq!(
            tokens(&mut fused(Language::English), &texts),
            [once.clone(), once].concat()
        );
    }
}
