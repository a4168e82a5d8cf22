//! Markdown (often pandoc's rendering of a web page, with `<div>`s left in) to blocks.
//!
//! Images go, tags go, links keep their text (and count towards link density),
//! hard-wrapped lines are joined, headings and list items become their own blocks.

use regex::Regex;

use super::thread_regex::ThreadRegex;

use super::blocks::Block;
use super::entities::decode_entities;
use super::run_on;

static COMMENT: ThreadRegex = ThreadRegex::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
static SCRIPT: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>").unwrap()
});
static TAG: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r#"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]*?)?/?>"#).unwrap());
static AUTOLINK: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"<(?:https?|mailto):[^>\s]*>").unwrap());
static LIST_MARKER: ThreadRegex =
    ThreadRegex::new(|| Regex::new(r"^\s*(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)").unwrap());

/// Turns markdown text into blocks, in document order.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    let text = COMMENT.get().replace_all(markdown, "");
    let text = SCRIPT.get().replace_all(&text, "");
    let text = remove_images(&text);
    let text = TAG.get().replace_all(&text, "");
    let text = AUTOLINK.get().replace_all(&text, "");

    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut heading = 0u8;
    let flush = |lines: &mut Vec<&str>, heading: &mut u8, blocks: &mut Vec<Block>| {
        if !lines.is_empty() {
            let block = inline_to_block(&lines.join("\n"), *heading);
            if !block.text.is_empty() {
                run_on::push_block(block, lines, blocks);
            }
            lines.clear();
        }
        *heading = 0;
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut lines, &mut heading, &mut blocks);
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            flush(&mut lines, &mut heading, &mut blocks);
            lines.push(trimmed[hashes..].trim().trim_end_matches('#'));
            heading = hashes as u8;
            flush(&mut lines, &mut heading, &mut blocks);
            continue;
        }
        if let Some(marker) = LIST_MARKER.get().find(line) {
            flush(&mut lines, &mut heading, &mut blocks);
            let rest = line[marker.end()..].trim();
            if !rest.is_empty() {
                lines.push(rest);
            }
            continue;
        }
        if is_rule(trimmed) {
            flush(&mut lines, &mut heading, &mut blocks);
            continue;
        }
        lines.push(trimmed.trim_start_matches('>').trim());
    }
    flush(&mut lines, &mut heading, &mut blocks);
    blocks
}

fn is_rule(line: &str) -> bool {
    line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

/// Removes `![alt](target "title")`, whose alt text may hold brackets, tags and newlines.
fn remove_images(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match bracketed(after, '[', ']') {
            Some(alt_end) => {
                let tail = &after[alt_end..];
                rest = match tail
                    .strip_prefix('(')
                    .and_then(|t| bracketed_inner(t, '(', ')'))
                {
                    Some(len) => &tail[1 + len..],
                    None => tail,
                };
            }
            None => {
                out.push_str("![");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Length of `s` up to and including the bracket closing the one `s` starts with.
fn bracketed(s: &str, open: char, close: char) -> Option<usize> {
    s.strip_prefix(open)
        .and_then(|inner| bracketed_inner(inner, open, close))
        .map(|len| len + open.len_utf8())
}

/// Length of `s` up to and including the `close` that balances an already-open bracket.
fn bracketed_inner(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 1usize;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
        } else if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
        }
    }
    None
}

/// Unwraps links (counting their text), unescapes, joins wrapped lines.
fn inline_to_block(raw: &str, heading: u8) -> Block {
    let mut text = String::with_capacity(raw.len());
    let mut link_chars = 0usize;
    let mut rest = raw;
    while let Some(at) = rest.find('[') {
        if at > 0 && rest.as_bytes()[at - 1] == b'\\' {
            text.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
            continue;
        }
        text.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(label_len) = bracketed(after, '[', ']') else {
            text.push('[');
            rest = &rest[at + 1..];
            continue;
        };
        let label = &after[1..label_len - 1];
        let tail = &after[label_len..];
        let target_len = if let Some(t) = tail.strip_prefix('(') {
            bracketed_inner(t, '(', ')').map(|l| l + 1)
        } else if let Some(t) = tail.strip_prefix('[') {
            t.find(']').map(|l| l + 2)
        } else {
            None
        };
        match target_len {
            Some(len) => {
                let label = collapse(&unescape(label));
                link_chars += label.chars().count();
                text.push_str(&label);
                rest = &tail[len..];
            }
            None => {
                text.push('[');
                rest = &rest[at + 1..];
            }
        }
    }
    text.push_str(rest);
    let text = collapse(&decode_entities(&unescape(&text)))
        .replace("**", "")
        .replace("__", "");
    Block {
        link_chars: link_chars.min(text.chars().count()),
        text,
        heading,
        joins_previous: false,
    }
}

/// Removes markdown backslash escapes (`\*`, `\[`, `\$`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
                if next == '\n' {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Collapses runs of whitespace (including the newlines of hard-wrapped text) to one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_images_tags_and_links() {
        let md = "<div class=\"x\">\n\n![<span>A caption\nwith [brackets]</span>](https://img/x.jpg \"t\")\n\n\
                  Amazon on Friday asked its employees to delete the\n[TikTok](https://example.com/a)\napp.\n\n\
                  # The Headline\n\n  - [Contact](https://x)\n  - \n";
        let blocks = to_blocks(md);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Amazon on Friday asked its employees to delete the TikTok app.",
                "The Headline",
                "Contact"
            ]
        );
        assert_eq!(blocks[0].link_chars, 6);
        assert_eq!(blocks[1].heading, 1);
        assert_eq!(blocks[2].link_chars, 7);
    }
}
