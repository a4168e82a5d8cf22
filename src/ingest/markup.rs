//! Tag-level views of HTML, read before (or instead of) a parser: how deep
//! it nests, its text with every tag stripped, and the page without the code
//! in its scripts and style sheets.

use std::borrow::Cow;

/// Elements with no end tag, or whose end tag may be left out: they do not nest.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "html", "head", "body", "rb", "rt", "rp", "!doctype",
];

/// The deepest element nesting in `html`, estimated from its tags in one pass
/// (before any parser sees it): start tags minus end tags, skipping elements
/// that do not nest, comments and self-closed tags.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for i in TagStarts::new(bytes) {
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let tag_end =
            memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        let self_closed = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if self_closed || NON_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', bytes)
}

/// Where each `<` of a page that is not in a comment is followed, in order:
/// the start of a tag's name (or of `/name`). `resume_at` moves the scan on,
/// past an element whose content is no markup.
struct TagStarts<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> TagStarts<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        TagStarts { bytes, at: 0 }
    }

    fn resume_at(&mut self, at: usize) {
        self.at = at;
    }
}

impl Iterator for TagStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.bytes;
        loop {
            let i = self.at + memchr_lt(&bytes[self.at..])? + 1;
            if bytes[i..].starts_with(b"!--") {
                self.at = memchr::memmem::find(&bytes[i..], b"-->")
                    .map_or(bytes.len(), |end| i + end + 3);
                continue;
            }
            self.at = i;
            return Some(i);
        }
    }
}

/// The text of `html` with every tag, comment, script and style removed, one
/// line per block-ish tag: for markup no parser should be trusted with.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let lower: String = after
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            find_ignore_case(after, close).and_then(|e| after[e..].find('>').map(|g| e + g + 1))
        } else {
            after.find('>').map(|e| e + 1)
        };
        let Some(skip) = skip_to else {
            rest = "";
            break;
        };
        if after[..skip].contains("<p")
            || after[..skip].contains("<div")
            || after[..skip].contains("<br")
        {
            out.push('\n');
        } else {
            out.push(' ');
        }
        rest = &after[skip..];
    }
    out.push_str(rest);
    super::entities::decode_entities(&out)
}

/// Byte offset of the first `needle` (ASCII, lowercase) in `haystack`, ignoring ASCII case.
pub(super) fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Elements whose content is text up to their end tag, never markup: a
/// `<script>` written inside them is no script.
const TEXT_ONLY: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Scripts shorter than this stay: the date reader finds a page's date in
/// its text, and old pages write theirs from a few lines of script
/// (`addpdata("stdate", "2008-01-10 08:50:08")`). Longer ones are libraries
/// and app state: 82 % of the script bytes of the benchmark's HTML pages.
const MIN_EMPTIED_SCRIPT_BYTES: usize = 2048;

/// `html` with the code inside its `<style>` elements and long `<script>`
/// elements left out, their tags kept. A quarter of the HTML pages' bytes is
/// script and a sixth style: the parser built text nodes of them that every
/// later pass over the page walked past and Readability then removed.
/// JSON-LD stays (metadata is read from it), and so does a script holding
/// `<!--`, where HTML's rules for where the script ends are not the plain ones.
pub fn without_code(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    // Bytes of `html` before this are in `out` (once anything was left out).
    let mut copied = 0;
    let mut tags = TagStarts::new(bytes);
    while let Some(i) = tags.next() {
        let name_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &bytes[i..i + name_len];
        let script = name.eq_ignore_ascii_case(b"script");
        let code = script || name.eq_ignore_ascii_case(b"style");
        if !code && !TEXT_ONLY.iter().any(|t| name.eq_ignore_ascii_case(t)) {
            continue;
        }
        let Some(content) = memchr::memchr(b'>', &bytes[i..]).map(|e| i + e + 1) else {
            break;
        };
        let Some(end) = end_tag(bytes, content, name) else {
            // Unclosed: everything after is the element's, left as it is.
            break;
        };
        let start_tag = &html[i..content];
        let keep = !code
            || (script && end - content < MIN_EMPTIED_SCRIPT_BYTES)
            || find_ignore_case(start_tag, "ld+json").is_some()
            || memchr::memmem::find(&bytes[content..end], b"<!--").is_some();
        if !keep && end > content {
            out.push_str(&html[copied..content]);
            copied = end;
        }
        tags.resume_at(end);
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the end tag of the element `name` opened before `from` begins.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        let lt = at + offset;
        let after = &bytes[lt + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name)
            // As HTML ends a script: `</script` then a space, `/` or `>`.
            && after
                .get(name.len() + 1)
                .is_some_and(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return Some(lt);
        }
        at = lt + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{without_code, MIN_EMPTIED_SCRIPT_BYTES};

    #[test]
    fn styles_and_long_scripts_lose_their_code_and_keep_their_tags() {
        let code = format!(
            "if (a < b) {{ x = '</scripts>' + '</script-x>'; }}{}",
            " ".repeat(MIN_EMPTIED_SCRIPT_BYTES)
        );
        let page = format!(
            "<head><STYLE>p {{ color: red }}</STYLE><script src=a.js></script>\
             <script>{code}</script ><script>var day = '2008-01-10';</script>\
             </head><body><p>Text</p></body>"
        );
        assert_eq!(
            without_code(&page),
            "<head><STYLE></STYLE><script src=a.js></script>\
             <script></script ><script>var day = '2008-01-10';</script>\
             </head><body><p>Text</p></body>"
        );
    }

    #[test]
    fn json_ld_comments_and_text_only_elements_are_kept() {
        for page in [
            r#"<script type="application/ld+json">{"headline": "A"}</script>"#,
            "<!-- <script>var a;</script> --><p>x</p>",
            "<title>On <script>var a;</script> tags</title>",
            "<textarea><style>p {}</style></textarea>",
            &format!(
                "<script>{}<!--<script>a</script>--></script>",
                " ".repeat(MIN_EMPTIED_SCRIPT_BYTES)
            ),
            "<p>No code</p>",
            &format!(
                "<script>var unclosed = 1;{}",
                " ".repeat(MIN_EMPTIED_SCRIPT_BYTES)
            ),
        ] {
            assert_eq!(without_code(page), page);
        }
    }
}
