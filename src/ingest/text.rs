//! Plain-text scrapes to blocks.
//!
//! A scrape keeps one line per paragraph, menu item or caption; pandoc-style
//! hard-wrapped text is recognised and its paragraphs re-joined.

use super::blocks::Block;
use super::entities::decode_entities;
use super::markdown::collapse;
use super::run_on;

/// Turns plain text into blocks, in document order.
pub fn to_blocks(text: &str) -> Vec<Block> {
    let wrapped = is_hard_wrapped(text);
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut flush = |paragraph: &mut Vec<&str>| {
        if !paragraph.is_empty() {
            run_on::push_block(line_block(&paragraph.join(" ")), paragraph, &mut blocks);
            paragraph.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph);
        } else if wrapped && !starts_own_line(line) {
            paragraph.push(line);
        } else {
            paragraph.push(line);
            flush(&mut paragraph);
        }
    }
    flush(&mut paragraph);
    blocks
}

/// Lines that stand alone even in wrapped text: list items, quoted lines, mail headers.
fn starts_own_line(line: &str) -> bool {
    line.starts_with(['-', '*', '•', '>', '|'])
        || line.split_once(": ").is_some_and(|(k, _)| {
            !k.is_empty()
                && k.len() <= 25
                && !k.contains(' ')
                && k.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A block from one line; a bare URL counts as all link.
fn line_block(line: &str) -> Block {
    let text = collapse(&decode_entities(line));
    let link_chars = if is_bare_url(&text) {
        text.chars().count()
    } else {
        0
    };
    Block {
        text,
        link_chars,
        ..Block::default()
    }
}

/// True for a line that is only a URL.
pub fn is_bare_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))
        && !s.contains(char::is_whitespace)
}

/// Hard-wrapped text (mail, pandoc, Usenet) has no long lines and enough lines
/// near its wrap width; a scrape keeps a paragraph per line, often far longer.
fn is_hard_wrapped(text: &str) -> bool {
    let mut lengths: Vec<usize> = text
        .lines()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < 4 {
        return false;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 95 / 100];
    if !(40..=100).contains(&width) {
        return false;
    }
    let near_width = lengths.iter().filter(|&&n| n * 10 >= width * 6).count();
    near_width * 10 >= lengths.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks_and_urls_are_links() {
        let blocks = to_blocks("Title line\n\nhttps://p.dw.com/p/3f96n\nA caption\n");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].link_chars, blocks[1].text.len());
        assert_eq!(blocks[2].link_chars, 0);
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let para = "word word word word word word word word word word word word word\n".repeat(6);
        let text = format!("{para}\n{para}");
        assert_eq!(to_blocks(&text).len(), 2);
    }
}
