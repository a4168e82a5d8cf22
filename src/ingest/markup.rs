//! Tag-level views of HTML for markup no parser should be trusted with:
//! how deep it nests, and its text with every tag stripped.

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
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&bytes[i..], b"-->").map_or(bytes.len(), |end| i + end + 3);
            continue;
        }
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
