//! The word tokenizer under both analyzers.
//!
//! Like tantivy's `SimpleTokenizer` (runs of letters and digits), except for
//! apostrophes inside a word: a possessive `'s` is dropped (`Russia's` →
//! `Russia`, so it matches `Russia`), and other apostrophes are removed
//! (`don't` → `dont`, `O'Neill` → `ONeill`) instead of splitting the word into
//! pieces that would have to match as a phrase.

use std::iter::Peekable;
use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Splits text into words; see the module documentation.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The stream `WordTokenizer` produces.
pub struct WordTokenStream<'a> {
    chars: Peekable<CharIndices<'a>>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl WordTokenStream<'_> {
    /// Reads the rest of a word whose first character is at `start`.
    fn read_word(&mut self, start: usize, first: char) {
        let token = &mut *self.token;
        token.offset_from = start;
        token.offset_to = start + first.len_utf8();
        token.text.push(first);
        while let Some(&(at, c)) = self.chars.peek() {
            if c.is_alphanumeric() {
                token.text.push(c);
                token.offset_to = at + c.len_utf8();
                self.chars.next();
            } else if is_apostrophe(c) {
                // An apostrophe continues the word only between letters or digits.
                let mut ahead = self.chars.clone();
                ahead.next();
                let Some(&(_, next)) = ahead.peek() else {
                    break;
                };
                if !next.is_alphanumeric() {
                    break;
                }
                let possessive = (next == 's' || next == 'S')
                    && ahead
                        .clone()
                        .nth(1)
                        .is_none_or(|(_, after)| !after.is_alphanumeric());
                self.chars.next();
                if possessive {
                    // Consume the `s` too: it is not a word of its own.
                    self.chars.next();
                    break;
                }
            } else {
                break;
            }
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((at, c)) = self.chars.next() {
            if c.is_alphanumeric() {
                self.read_word(at, c);
                return true;
            }
        }
        false
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
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn possessives_and_elisions_stay_one_word() {
        let texts: Vec<String> =
            words("VIET NAM'S president, Russia’s refusal; don't O'Neill's 'quoted' it's")
                .into_iter()
                .map(|w| w.0)
                .collect();
        assert_eq!(
            texts,
            [
                "VIET",
                "NAM",
                "president",
                "Russia",
                "refusal",
                "dont",
                "ONeill",
                "quoted",
                "it"
            ]
        );
        // Offsets cover the word as written, without the possessive.
        assert_eq!(words("Bonn's pact")[0], ("Bonn".to_string(), 0, 4));
        assert_eq!(words("Wells Fargo, 2020")[2], ("2020".to_string(), 13, 17));
    }
}
