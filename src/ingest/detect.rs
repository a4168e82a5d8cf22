//! Sniffing file content: binary or text, which encoding, which format.
//!
//! The format is decided by content, not by extension: saved news arrives as
//! `.txt` files holding markdown with `<div>`s, or `.html` files holding text.

use crate::document::Kind;

/// Magic numbers of binary formats that turn up in news folders with text extensions.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"PK\x03\x04", "zip"),
    (b"\x1F\x8B", "gzip"),
    (b"\x7FELF", "ELF"),
    (b"BZh", "bzip2"),
    (b"\xFD7zXZ\x00", "xz"),
    (b"7z\xBC\xAF\x27\x1C", "7z"),
    (b"RIFF", "RIFF"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"\x00asm", "WebAssembly"),
    (b"\xD0\xCF\x11\xE0", "OLE (MS Office)"),
    (b"SQLite format 3\x00", "SQLite"),
];

/// Returns the name of the binary format if `bytes` are not text.
pub fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, name)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(name);
    }
    if utf16_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if !head.contains(&0) {
        // Text may draw with control bytes (`^B` boxes, `^H` overstrikes in
        // old Usenet posts); binary data always holds NULs.
        return None;
    }
    let control = head.iter().filter(|&&b| is_binary_control(b)).count();
    (control * 100 > head.len() * MAX_CONTROL_PERCENT).then_some("binary data (NUL bytes)")
}

/// Share of control bytes above which a file's head holding NULs is binary. Compressed or
/// random data holds about 9 %, UTF-16 without a BOM about 50 % (its NULs);
/// text holds none, but a saved page may carry a stray NUL (l3s 907e52d9.md
/// holds one in 7,459 bytes), which is no reason to lose its article.
const MAX_CONTROL_PERCENT: usize = 1;

/// C0 control bytes that text does not use (tab, line and form feeds,
/// carriage return and escape are text's own).
fn is_binary_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B)
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Decodes file bytes to text: BOM first, then valid UTF-8, then a charset the
/// HTML declares, then Windows-1252 (the usual encoding of legacy Western pages).
/// NUL characters are dropped.
pub fn decode(bytes: &[u8]) -> String {
    let mut text = decode_bytes(bytes);
    // A stray NUL (see `MAX_CONTROL_PERCENT`) is no character of the text.
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    text
}

fn decode_bytes(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let encoding = declared_charset(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The `charset=` an HTML head's `<meta>` declares, if any (only consulted for
/// non-UTF-8 bytes). Only in a `<meta>` tag: a `<script charset="utf-8">` (an
/// archive's injected player, say) speaks for its script, not the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_lowercase();
    let in_meta = |at: usize| {
        head[..at]
            .rfind('<')
            .is_some_and(|tag| head[tag..].starts_with("<meta"))
    };
    head.match_indices("charset=")
        .filter(|(at, _)| in_meta(*at))
        .find_map(|(at, key)| {
            let label: String = head[at + key.len()..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            encoding_rs::Encoding::for_label(label.as_bytes())
        })
}

/// Decides whether text is an HTML page, markdown (with or without leftover tags), or plain text.
pub fn detect_kind(text: &str) -> Kind {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head = first_chars(start, 2048).to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || head.contains("<head>")
        || head.contains("<head ")
        || head.contains("<body")
    {
        return Kind::Html;
    }
    // Markup first and the page's own tags further down: a page saved with
    // PHP warnings, a style sheet or an ad script above its `<html>`.
    if head.starts_with('<') && has_page_tags(start) {
        return Kind::Html;
    }
    if looks_like_markdown(text) {
        Kind::Markdown
    } else {
        Kind::Text
    }
}

/// How far into a file that opens with markup its `<html>` or `<body>` is looked for.
const PAGE_TAGS_WITHIN: usize = 64 * 1024;

/// Whether the page's `<html>` or `<body>` tag opens within `PAGE_TAGS_WITHIN` bytes.
fn has_page_tags(text: &str) -> bool {
    let end = text.len().min(PAGE_TAGS_WITHIN);
    let bytes = &text.as_bytes()[..end];
    bytes.windows(5).any(|w| {
        w[0] == b'<'
            && (w[1..].eq_ignore_ascii_case(b"html") || w[1..].eq_ignore_ascii_case(b"body"))
    })
}

/// The first `n` characters of `text` (all of it if shorter). They are
/// counted only when the first `n` bytes are not all ASCII: decoding every
/// character was most of the time `detect_kind` took.
fn first_chars(text: &str, n: usize) -> &str {
    match text.as_bytes().get(..n) {
        None => text,
        Some(head) if head.is_ascii() => &text[..n],
        Some(_) => text
            .char_indices()
            .nth(n)
            .map_or(text, |(at, _)| &text[..at]),
    }
}

/// Markdown shows itself by its link syntax, headings, or HTML tags left in the prose.
fn looks_like_markdown(text: &str) -> bool {
    const TAGS: [&str; 8] = [
        "<div", "<span", "<p>", "<p ", "<a ", "<img", "<section", "<figure",
    ];
    let sample = first_chars(text, 20_000);
    let links = sample.matches("](").count();
    let tags = sample
        .match_indices('<')
        .filter(|(at, _)| TAGS.iter().any(|t| sample[*at..].starts_with(t)))
        .count();
    let headings = sample
        .lines()
        .filter(|l| {
            let t = l.trim_start_matches('#');
            l.starts_with('#') && l.len() - t.len() <= 6 && t.starts_with(' ')
        })
        .count();
    links >= 3 || tags >= 3 || (headings >= 1 && links >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_by_magic_and_nul() {
        assert_eq!(binary_format(b"%PDF-1.4 ..."), Some("PDF"));
        assert_eq!(binary_format(b"\x89PNG\r\n"), Some("PNG"));
        assert!(binary_format(b"abc\0def").is_some());
        // One stray NUL in a page of text is text; random bytes are not.
        let page = format!("{}\0{}", "word ".repeat(40), "word ".repeat(40));
        assert_eq!(binary_format(page.as_bytes()), None);
        assert_eq!(decode(page.as_bytes()).matches('\0').count(), 0);
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(binary_format(&noise).is_some());
        // UTF-16 without a BOM: every other byte NUL.
        assert!(binary_format(b"a\0b\0c\0d\0e\0f\0g\0h\0").is_some());
        assert_eq!(binary_format(b"plain words"), None);
        assert_eq!(binary_format(b"\xFF\xFEa\0b\0"), None);
    }

    #[test]
    fn decodes_legacy_and_utf16() {
        assert_eq!(decode(b"caf\xe9"), "café");
        assert_eq!(decode(b"\xFF\xFEh\0i\0"), "hi");
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-2\"><p>\xb1</p>"),
            "<meta charset=\"iso-8859-2\"><p>ą</p>"
        );
        // An archive's injected script says utf-8; the page's <meta> says gb2312.
        let page = b"<head><script src=\"a.js\" charset=\"utf-8\"></script>\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"/>\
            <title>\xbb\xb0\xbe\xe7</title>";
        assert!(decode(page).contains("<title>话剧</title>"));
    }

    #[test]
    fn kinds() {
        assert_eq!(detect_kind("<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(
            detect_kind("<div>\n\n<div class=a>\n\n<span>x</span>\n[a](b)"),
            Kind::Markdown
        );
        assert_eq!(detect_kind("Just a story.\n\nWith paragraphs."), Kind::Text);
        // PHP warnings or a style sheet above the page, past the first 2 KiB.
        let warned = format!(
            "<br />\n<b>Deprecated</b>: in <b>/www/wp-settings.php</b> on line 520<br />\n{}<html><head>",
            "<br /><b>Deprecated</b>: Assigning the return value of new by reference<br />\n".repeat(40)
        );
        assert_eq!(detect_kind(&warned), Kind::Html);
        // Markdown with leftover tags names no page tag.
        let divs = "<div>\n\nText of the story.\n\n</div>\n".repeat(200);
        assert_eq!(detect_kind(&divs), Kind::Markdown);
    }
}
