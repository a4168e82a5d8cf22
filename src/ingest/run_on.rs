//! Run-on lines: a scrape that flattened a whole page into a few lines.
//!
//! Some text renderings keep no line breaks between the menu, the article and
//! the sidebars (l3s: 8 lines, one of them 4,800 characters). A block like that
//! is all good or all bad to the classifier, so its sentences are judged one by
//! one instead, and the kept ones of one line are joined again afterwards.

use super::blocks::Block;

/// A line longer than this…
const RUN_ON_CHARS: usize = 1_000;
/// …with this many ` | ` in it (a flattened menu: `Home | News | Sports`) is a
/// page run into one line. Long paragraphs of real articles have none: split,
/// a BBC paragraph lost its sentences of figures (news-bench: 302 lines over
/// 1,500 characters, none with 3 bars, and one of 1,000 to 1,500 that keeps
/// all its sentences; l3s text: 41 such lines over 1,000 characters). At 1,500
/// an icBirmingham page lost its one line of article to the copyright notice
/// that ends it.
const MIN_BARS: usize = 3;

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "gov", "sen", "rep", "gen", "col", "lt",
    "sgt", "prof", "inc", "co", "corp", "ltd", "vs", "jan", "feb", "mar", "apr", "aug", "sep",
    "sept", "oct", "nov", "dec", "ft", "mt",
];

/// Pushes `block`, made of the file's `lines`, to `out`: whole, or if one of
/// its lines runs on, as its sentences. Every sentence after the first has
/// `joins_previous` set, and shares the link density of the block (where its
/// links sat is not known).
pub fn push_block(block: Block, lines: &[&str], out: &mut Vec<Block>) {
    let runs_on = lines
        .iter()
        .any(|l| l.len() > RUN_ON_CHARS && l.matches(" | ").count() >= MIN_BARS);
    if !runs_on {
        out.push(block);
        return;
    }
    let chars = block.text.chars().count().max(1);
    for (n, sentence) in sentences(&block.text).into_iter().enumerate() {
        let len = sentence.chars().count();
        out.push(Block {
            text: sentence.to_string(),
            link_chars: block.link_chars * len / chars,
            heading: block.heading,
            joins_previous: n > 0,
        });
    }
}

/// The sentences of `text`: cut after `.`, `!` or `?` (and any closing quote or
/// bracket) where a capital, a digit or an opening quote follows a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(i, q)) = chars.peek() {
            if !matches!(q, '"' | '\'' | '”' | '’' | ')' | ']') {
                break;
            }
            end = i + q.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        let Some(next) = rest.strip_prefix(' ').and_then(|r| r.chars().next()) else {
            continue;
        };
        let opens = next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘');
        if opens && !(c == '.' && is_abbreviation(&text[start..at])) {
            out.push(text[start..end].trim());
            start = end + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Whether the word ending `before` (the text up to a full stop) is an
/// abbreviation or an initial: `Mr`, `U.S`, `J`.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    let word = word.trim_start_matches(['(', '"', '“', '\'']);
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_before_capitals() {
        assert_eq!(
            sentences("Mr. Smith went to the U.S. Army. He said \"yes.\" Then 3 left! why? Done"),
            vec![
                "Mr. Smith went to the U.S. Army.",
                "He said \"yes.\"",
                "Then 3 left! why?",
                "Done"
            ]
        );
    }

    #[test]
    fn only_run_on_lines_are_split_and_their_pieces_are_marked() {
        let sentence = "The council voted on Tuesday to close the old bridge for repairs.";
        let paragraph = vec![sentence; 30].join(" ");
        let menu = "Home | News | Sports | Weather";
        let mut split = Vec::new();
        for text in [paragraph.clone(), format!("{menu}. {paragraph}")] {
            let block = Block {
                text: text.clone(),
                link_chars: text.chars().count() / 10,
                ..Block::default()
            };
            push_block(block, &[&text], &mut split);
        }
        // The long paragraph stays whole; the page run into one line does not.
        assert_eq!(split.len(), 1 + 31);
        assert_eq!(split[0].text, paragraph);
        assert_eq!(split[1].text, format!("{menu}."));
        assert!(split[2..].iter().all(|b| b.text == sentence));
        assert!(!split[0].joins_previous && !split[1].joins_previous);
        assert!(split[2..].iter().all(|b| b.joins_previous));
        assert!(split[2..]
            .iter()
            .all(|b| b.link_chars == sentence.len() / 10));
    }
}
