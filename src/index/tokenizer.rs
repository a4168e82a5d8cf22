//! The word tokenizer under both analyzers.
//!
//! Like tantivy's `SimpleTokenizer` (runs of letters and digits), except for
//! apostrophes inside a word: a possessive `'s` is dropped (`Russia's` →
//! `Russia`, so it matches `Russia`), and other apostrophes are removed
//! (`don't` → `dont`, `O'Neill` → `ONeill`) instead of splitting the word into
//! pieces that would have to match as a phrase.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Whether `c` belongs in a word: a letter or digit. The curly quotes, dashes
/// and spaces of the General Punctuation block, common in news text, are
/// answered without Unicode's table lookup (none of them is a letter or digit).
fn is_word_char(c: char) -> bool {
    match c {
        '\u{2000}'..='\u{206f}' | '\u{a0}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The character starting at byte `at` of `text`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// Where the run of letters and digits starting at byte `at` ends. ASCII is
/// checked byte by byte: most news text is ASCII, and decoding every
/// character was most of the tokenizer's time.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            at += 1;
        } else {
            match char_at(text, at) {
                Some(c) if is_word_char(c) => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// One word of a text, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Where the word starts (a letter or digit).
    pub start: usize,
    /// Where its last letter or digit ends (before a possessive `'s`).
    pub end: usize,
    /// Where the search for the next word resumes (after a possessive `'s`).
    pub resume: usize,
    /// Whether apostrophes inside it are to be left out of its text.
    pub elided: bool,
}

impl Word {
    /// The word's text: `text[start..end]` without its inner apostrophes.
    pub fn push_text(&self, text: &str, out: &mut String) {
        if !self.elided {
            out.push_str(&text[self.start..self.end]);
            return;
        }
        // Runs of letters and digits, each ended by an apostrophe that the
        // word continues across (a letter-like `ʼ` inside a run stays).
        let mut run = self.start;
        loop {
            let end = word_end(text, run);
            out.push_str(&text[run..end]);
            match char_at(text, end) {
                Some(apostrophe) if end < self.end => run = end + apostrophe.len_utf8(),
                _ => break,
            }
        }
    }
}

/// The first word of `text` at or after byte `from`.
pub fn next_word(text: &str, from: usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let mut at = from;
    let start = loop {
        let byte = *bytes.get(at)?;
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                break at;
            }
            at += 1;
        } else {
            let c = char_at(text, at)?;
            if is_word_char(c) {
                break at;
            }
            at += c.len_utf8();
        }
    };
    let mut end = word_end(text, start);
    let mut resume = end;
    let mut elided = false;
    // Only `'` and non-ASCII characters (’ ʼ) can be apostrophes: other bytes
    // end the word without decoding a character.
    let may_continue = |end: usize| bytes.get(end).is_some_and(|&b| b == b'\'' || !b.is_ascii());
    while let Some(c) = may_continue(end)
        .then(|| char_at(text, end))
        .flatten()
        .filter(|&c| is_apostrophe(c))
    {
        // An apostrophe continues the word only between letters or digits.
        let after = end + c.len_utf8();
        let Some(next) = char_at(text, after).filter(|&n| is_word_char(n)) else {
            break;
        };
        let after_next = after + next.len_utf8();
        let possessive =
            matches!(next, 's' | 'S') && char_at(text, after_next).is_none_or(|c| !is_word_char(c));
        if possessive {
            // The `s` is not a word of its own: skip it with the apostrophe.
            resume = after_next;
            break;
        }
        elided = true;
        end = word_end(text, after);
        resume = end;
    }
    Some(Word {
        start,
        end,
        resume,
        elided,
    })
}

/// Splits text into words; see the module documentation.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The stream `WordTokenizer` produces.
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let Some(word) = next_word(self.text, self.at) else {
            self.at = self.text.len();
            return false;
        };
        word.push_text(self.text, &mut self.token.text);
        self.token.offset_from = word.start;
        self.token.offset_to = word.end;
        self.at = word.resume;
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

    /// The first, char-by-char version of the tokenizer: the byte-scanning
    /// one must split every text exactly as it did, or indexes built before
    /// would stop matching their queries.
    fn reference_words(text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, first)) = chars.next() {
            if !first.is_alphanumeric() {
                continue;
            }
            let mut word = String::from(first);
            let mut end = start + first.len_utf8();
            while let Some(&(at, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    word.push(c);
                    end = at + c.len_utf8();
                    chars.next();
                } else if is_apostrophe(c) {
                    let mut ahead = chars.clone();
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
                    chars.next();
                    if possessive {
                        chars.next();
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push((word, start, end));
        }
        out
    }

    #[test]
    fn splits_like_the_char_by_char_tokenizer() {
        let pieces = [
            "a", "S", "s", "7", "é", "ß", "Ω", "日本", "🙂", " ", ".", "-", "'", "’", "ʼ", "'s",
            "’S", "don", "t", "\u{300}", "\n", "l'", "O'", "Neill",
        ];
        // A fixed linear congruential sequence: the same texts every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(words(&text), reference_words(&text), "text {text:?}");
        }
    }

    #[test]
    fn word_chars_are_letters_and_digits() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
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
