//! Snippets: the best passage of an article for a query, with highlights.
//!
//! Tantivy's generator cuts mid-sentence, counts bytes and highlights nothing
//! for some queries; this one picks the window holding the most distinct query
//! terms, widens it to sentence (else word) boundaries, marks cuts with `…`,
//! and reports highlights as character offsets into the snippet text.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::tokenizer::{Language, TextAnalyzer};

use crate::index::schema;
use crate::index::tokenizer::{self, Word};

/// A passage and the character ranges in it that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// `[start, end)` character offsets into `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// Aim for passages about this long (characters).
const TARGET_CHARS: usize = 200;
const MIN_CHARS: usize = 150;
const MAX_CHARS: usize = 250;
/// How far back from the first match a sentence start is looked for.
const LOOK_BACK_CHARS: usize = 90;

/// Builds the snippet of `body` for the analyzed `terms`; the lead when nothing
/// matches. The body's words are stemmed for `language`, as the index stemmed them.
pub fn make_snippet(body: &str, terms: &[String], language: Language) -> Snippet {
    let matches = find_matches(body, terms, language);
    let anchor = best_window(&matches);
    let (start, end) = match anchor {
        Some((first, _)) => passage_around(body, matches[first].0),
        None => passage_around(body, 0),
    };
    render(body, start, end, &matches)
}

/// Byte ranges of tokens whose analyzed form is a query term, with the term's index.
///
/// Words are split and folded as the index does (the `news` analyzer without its
/// stemmer): stemming every word of ten bodies was a sixth of a query's
/// instructions, so only words that can stem to a term (stems keep a word's
/// first two letters) are stemmed, one by one.
fn find_matches(body: &str, terms: &[String], language: Language) -> Vec<(usize, usize, usize)> {
    matches_among(body, terms, language, |heads, check| {
        words_that_may_match(body, heads, check)
    })
}

/// A word's first two characters (lowercased and folded): stems keep them.
type Head = (Option<char>, Option<char>);

/// The matches among the words `read_words` hands to its check, in order.
fn matches_among(
    body: &str,
    terms: &[String],
    language: Language,
    read_words: impl FnOnce(&[Head], &mut dyn FnMut(Word)),
) -> Vec<(usize, usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let head = |s: &str| -> Head {
        let mut chars = s.chars();
        (chars.next(), chars.next())
    };
    let heads: Vec<Head> = terms.iter().map(|t| head(t)).collect();
    let mut stemmer = stem_analyzer(language);
    let mut fold = schema::name_analyzer();
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    let mut raw = String::new();
    let mut check = |word: Word| {
        // Most words fail on their first two letters; for ASCII ones that
        // needs neither the word's text nor a lowercasing or folding pass.
        let first = bytes[word.start];
        let second = (word.start + 1 < word.end).then(|| bytes[word.start + 1]);
        if !word.elided && first.is_ascii() && second.is_none_or(|b| b.is_ascii()) {
            let lower = (
                Some(first.to_ascii_lowercase() as char),
                second.map(|b| b.to_ascii_lowercase() as char),
            );
            if !heads.contains(&lower) {
                return;
            }
        }
        raw.clear();
        word.push_text(body, &mut raw);
        // As the index's analyzer drops them.
        if raw.len() >= schema::MAX_TOKEN_BYTES {
            return;
        }
        // Words recur in an article: each spelling is folded and stemmed once.
        let term = match seen.get(raw.as_str()) {
            Some(&term) => term,
            None => {
                let term = fold
                    .token_stream(&raw)
                    .next()
                    .map(|t| t.text.clone())
                    .filter(|folded| heads.contains(&head(folded)))
                    .and_then(|folded| {
                        let stem = stemmer.token_stream(&folded).next()?.text.clone();
                        terms.iter().position(|q| *q == stem)
                    });
                seen.insert(raw.clone(), term);
                term
            }
        };
        if let Some(t) = term {
            out.push((word.start, word.end, t));
        }
    };
    read_words(&heads, &mut check);
    out
}

/// Hands `check` every word of `body` that may begin with one of `heads`, in
/// order, and some others.
///
/// Only words that start with a term's first two letters (in either case),
/// or with characters outside ASCII or an apostrophe there, can match.
/// Instead of splitting every word of the body (two thirds of a snippet's
/// instructions), the bytes are scanned for such starts, and the words are
/// read from the last byte before one that no word runs across.
fn words_that_may_match(body: &str, heads: &[Head], check: &mut dyn FnMut(Word)) {
    let bytes = body.as_bytes();
    let starts = WordStarts::new(heads);
    // Every word starting before `at` has been checked.
    let mut at = 0;
    while let Some(start) = starts.next(bytes, at) {
        // ASCII other than letters, digits and apostrophes is never inside a word.
        let mut from = start;
        while from > at
            && (bytes[from - 1] >= 0x80
                || bytes[from - 1].is_ascii_alphanumeric()
                || bytes[from - 1] == b'\'')
        {
            from -= 1;
        }
        while from <= start {
            let Some(word) = tokenizer::next_word(body, from) else {
                return;
            };
            from = word.resume;
            check(word);
        }
        at = from;
    }
}

/// Where in a text a word may begin that has one of a few heads (first
/// two characters, lowercased and folded): a superset, never missing one.
struct WordStarts {
    /// By a first byte: 1 + its row in `seconds`, or 0 when no head begins with it.
    row: [u8; 256],
    /// By a second byte: whether a word so begun may have one of the heads.
    seconds: Vec<[bool; 256]>,
}

impl WordStarts {
    fn new(heads: &[Head]) -> WordStarts {
        let mut starts = WordStarts {
            row: [0; 256],
            seconds: Vec::new(),
        };
        for &(first, second) in heads {
            // A first character outside ASCII is only met at such bytes, which
            // are all taken.
            let Some(first) = first.filter(char::is_ascii) else {
                continue;
            };
            let first = first.to_ascii_lowercase() as u8;
            if starts.row[first as usize] == 0 {
                // An apostrophe (`o'neill`) or a character outside ASCII
                // (`Müller`, `O’Neill`) may lead to any second letter.
                let mut seconds = [false; 256];
                seconds[b'\'' as usize] = true;
                seconds[0x80..].fill(true);
                starts.seconds.push(seconds);
                let row = starts.seconds.len() as u8;
                starts.row[first as usize] = row;
                starts.row[first.to_ascii_uppercase() as usize] = row;
            }
            let seconds = &mut starts.seconds[starts.row[first as usize] as usize - 1];
            match second {
                Some(c) if c.is_ascii() => {
                    seconds[c.to_ascii_lowercase() as usize] = true;
                    seconds[c.to_ascii_uppercase() as usize] = true;
                }
                Some(_) => {}
                // A one-letter word: anything but a letter or digit follows.
                None => {
                    for (byte, ok) in seconds.iter_mut().enumerate().take(0x80) {
                        *ok |= !(byte as u8).is_ascii_alphanumeric();
                    }
                }
            }
        }
        starts
    }

    /// The first byte at or after `from` where such a word may begin.
    fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        (from..bytes.len()).find(|&at| {
            let first = bytes[at];
            if first >= 0x80 {
                return true;
            }
            match self.row[first as usize] {
                0 => false,
                row => bytes
                    .get(at + 1)
                    .is_none_or(|&second| self.seconds[row as usize - 1][second as usize]),
            }
        })
    }
}

/// Stems one already lowercased and folded word.
fn stem_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(tantivy::tokenizer::Stemmer::new(language))
        .build()
}

/// The match that opens the window with the most distinct terms (then the most matches).
fn best_window(matches: &[(usize, usize, usize)]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, (usize, usize))> = None;
    for i in 0..matches.len() {
        let limit = matches[i].0 + TARGET_CHARS;
        let mut distinct = Vec::new();
        let mut count = 0;
        let mut last = i;
        for (j, m) in matches.iter().enumerate().skip(i) {
            if m.1 > limit {
                break;
            }
            count += 1;
            last = j;
            if !distinct.contains(&m.2) {
                distinct.push(m.2);
            }
        }
        let score = (distinct.len(), count);
        if best.is_none_or(|(_, _, s)| score > s) {
            best = Some((i, last, score));
        }
    }
    best.map(|(i, last, _)| (i, last))
}

fn is_sentence_end(body: &str, at: usize) -> bool {
    // `at` is the byte just after a candidate terminator.
    let before = body[..at].chars().next_back();
    let after = body[at..].chars().next();
    matches!(before, Some('.' | '!' | '?' | '”' | '"' | '’'))
        && after.is_none_or(char::is_whitespace)
        || before == Some('\n')
}

/// Byte range of a passage that contains `anchor`, cut at sentence or word boundaries.
fn passage_around(body: &str, anchor: usize) -> (usize, usize) {
    // Start: the sentence holding the anchor if it starts close enough, else a word boundary.
    let mut start = anchor;
    let mut back = 0;
    let mut sentence_start = None;
    for (i, c) in body[..anchor].char_indices().rev() {
        back += 1;
        if back > LOOK_BACK_CHARS {
            break;
        }
        if c.is_whitespace() && (i == 0 || is_sentence_end(body, i)) {
            sentence_start = Some(i + c.len_utf8());
            break;
        }
    }
    if let Some(s) = sentence_start {
        start = s;
    } else if anchor <= LOOK_BACK_CHARS {
        start = 0;
    } else {
        // No sentence start nearby: begin a few words before the anchor.
        let mut words = 0;
        for (i, c) in body[..anchor].char_indices().rev() {
            if c.is_whitespace() {
                words += 1;
                if words == 4 {
                    start = i + c.len_utf8();
                    break;
                }
            }
        }
    }
    while body[start..].starts_with(char::is_whitespace) {
        start += body[start..].chars().next().map_or(1, char::len_utf8);
    }

    // End: a sentence end between MIN and MAX characters, else the last word boundary before TARGET.
    let mut end = body.len();
    let mut last_space = None;
    for (n, (i, c)) in body[start..].char_indices().enumerate() {
        let at = start + i;
        if n >= MIN_CHARS && c.is_whitespace() && is_sentence_end(body, at) {
            end = at;
            break;
        }
        if c.is_whitespace() && n <= TARGET_CHARS {
            last_space = Some(at);
        }
        if n >= MAX_CHARS {
            end = last_space.unwrap_or(at);
            break;
        }
    }
    // Near the end of a short article, widen backwards so the passage is not a stub.
    if end == body.len() && body[start..end].chars().count() < MIN_CHARS && start > 0 {
        let wanted = TARGET_CHARS.saturating_sub(body[start..end].chars().count());
        let earlier = body[..start]
            .char_indices()
            .rev()
            .nth(wanted)
            .map_or(0, |(i, _)| i);
        start = body[earlier..start]
            .char_indices()
            .find(|&(i, c)| c.is_whitespace() && is_sentence_end(body, earlier + i))
            .map_or(earlier, |(i, c)| earlier + i + c.len_utf8());
        if earlier == 0 {
            start = 0;
        }
    }
    (start, end)
}

fn render(body: &str, start: usize, end: usize, matches: &[(usize, usize, usize)]) -> Snippet {
    let mut text = String::new();
    let mut chars = 0usize;
    let cut_before = start > 0
        && !body[..start]
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', '’']);
    if cut_before {
        text.push('…');
        chars += 1;
    }
    let mut highlights = Vec::new();
    let mut open: Option<usize> = None;
    let mut in_space = false;
    let inside: Vec<&(usize, usize, usize)> = matches
        .iter()
        .filter(|m| m.0 >= start && m.1 <= end)
        .collect();
    let mut next = 0;
    for (i, c) in body[start..end].char_indices() {
        let at = start + i;
        if let Some(s) = open {
            if at >= inside[next - 1].1 {
                highlights.push([s, chars]);
                open = None;
            }
        }
        if next < inside.len() && at == inside[next].0 {
            open = Some(chars);
            next += 1;
        }
        if c.is_whitespace() {
            if !in_space {
                text.push(' ');
                chars += 1;
            }
            in_space = true;
        } else {
            text.push(c);
            chars += 1;
            in_space = false;
        }
    }
    if let Some(s) = open {
        highlights.push([s, chars]);
    }
    let trimmed = text.trim_end().chars().count();
    text.truncate(text.trim_end().len());
    chars = trimmed;
    if end < body.len() && !text.ends_with(['.', '!', '?', '"', '”', '’']) {
        text.push('…');
    }
    highlights.retain(|h| h[1] <= chars && h[0] < h[1]);
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(body: &str, words: &[&str]) -> Snippet {
        let terms: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        make_snippet(body, &terms, Language::English)
    }

    /// The matches among every word of the body, as `find_matches` once read them.
    fn find_matches_word_by_word(
        body: &str,
        terms: &[String],
        language: Language,
    ) -> Vec<(usize, usize, usize)> {
        matches_among(body, terms, language, |_, check| {
            let mut at = 0;
            while let Some(word) = tokenizer::next_word(body, at) {
                at = word.resume;
                check(word);
            }
        })
    }

    #[test]
    fn finds_the_matches_a_word_by_word_reading_finds() {
        let bodies = [
            "Wells Fargo told workers. WELLS FARGO's staff; wells-fargo, wellness, Fargo’s and Fargo'd.",
            "O'Neill's rock'n'roll: don't TikTok tiktok's TIKTOK ’tiktok’ «TikTok» tik-tok",
            "Élysée ÉLYSÉE élysée, Müller's naïve Mueller; Straße straße ΣΊΣΥΦΟΣ Москва москве",
            "2020 20th 2,020 x86 X86_64 — prices—oil’s oil-prices “Oil” Prices’ price",
            "",
            "a I ab ’’ '' ' Ab'c a'",
        ];
        let term_sets: [&[&str]; 5] = [
            &["well", "fargo"],
            &["tiktok", "oneil", "dont"],
            &["elyse", "muller", "strass", "москв"],
            &["2020", "x86", "oil", "price"],
            &["a", "ab", "abc"],
        ];
        let mut found = 0;
        for body in bodies {
            for words in term_sets {
                let terms: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                let matches = find_matches(body, &terms, Language::English);
                assert_eq!(
                    matches,
                    find_matches_word_by_word(body, &terms, Language::English),
                    "{body:?} {terms:?}"
                );
                found += matches.len();
            }
        }
        assert!(found >= 20, "{found} matches");
    }

    fn marked(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights
            .iter()
            .map(|h| chars[h[0]..h[1]].iter().collect())
            .collect()
    }

    #[test]
    fn highlights_stemmed_matches_as_written() {
        let body = "First sentence here. Other companies are scrutinizing use of the app among employees. \
                    Wells Fargo said it told some workers to delete it.";
        let s = snip(body, &["well", "fargo"]);
        assert_eq!(marked(&s), vec!["Wells", "Fargo"]);
        assert!(s.text.starts_with("First sentence here."), "{}", s.text);
    }

    #[test]
    fn cuts_long_text_at_boundaries_with_ellipsis() {
        let filler =
            "This sentence is filler text that goes on for a while without the word. ".repeat(8);
        let body = format!("{filler}Here the target appears in its own sentence. {filler}");
        let s = snip(&body, &["target"]);
        assert!(s.text.starts_with("Here the target"), "{}", s.text);
        assert!(s.text.chars().count() <= MAX_CHARS + 2);
        assert_eq!(marked(&s), vec!["target"]);
    }

    #[test]
    fn lead_when_nothing_matches() {
        let s = snip("The lead paragraph. More text.", &["absent"]);
        assert_eq!(s.text, "The lead paragraph. More text.");
        assert!(s.highlights.is_empty());
    }
}
