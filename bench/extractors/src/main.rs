//! `extract-alone`: one off-the-shelf extraction crate, used alone with its
//! defaults, so `bench/extract.sh` can set `search` beside it.
//!
//! ```text
//! extract-alone --engine dom_smoothie|trafilatura|html2text PATH...
//! ```
//!
//! Prints one JSON line per file, `{path, title, body, date, authors}`, in the
//! shape `score_extract.py` reads. Folders are walked recursively in sorted
//! order; files ending in .html .htm .xhtml .md .markdown .txt are read.
//!
//! - HTML files go to the crate as they are (decoded to UTF-8 first: BOM,
//!   valid UTF-8, the declared charset, else Windows-1252).
//! - Text files (.txt .md .markdown) are wrapped as an HTML page with one
//!   `<p>` per non-blank line (text HTML-escaped), the most natural HTML an
//!   extractor can be handed for plain text.
//! - A page that errors or panics prints a record with an empty body and a
//!   warning on stderr, so it counts as empty output.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

/// dom_smoothie needs an absolute document URL; used when the page names none.
const FALLBACK_URL: &str = "http://localhost/";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Engine {
    DomSmoothie,
    Trafilatura,
    Html2Text,
}

impl Engine {
    fn parse(name: &str) -> Option<Engine> {
        match name {
            "dom_smoothie" | "dom-smoothie" => Some(Engine::DomSmoothie),
            "trafilatura" => Some(Engine::Trafilatura),
            "html2text" => Some(Engine::Html2Text),
            _ => None,
        }
    }
}

/// What one crate made of one page.
#[derive(Default)]
struct Extracted {
    title: Option<String>,
    body: String,
    date: Option<String>,
    authors: Option<String>,
}

const USAGE: &str = "usage: extract-alone --engine dom_smoothie|trafilatura|html2text PATH...";

fn main() -> ExitCode {
    let mut engine = None;
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--engine" {
            let name = args.next().unwrap_or_default();
            match Engine::parse(&name) {
                Some(e) => engine = Some(e),
                None => {
                    eprintln!("extract-alone: unknown engine `{name}`\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else if let Some(name) = arg.strip_prefix("--engine=") {
            match Engine::parse(name) {
                Some(e) => engine = Some(e),
                None => {
                    eprintln!("extract-alone: unknown engine `{name}`\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        } else {
            inputs.push(PathBuf::from(arg));
        }
    }
    let Some(engine) = engine else {
        eprintln!("extract-alone: --engine is required\n{USAGE}");
        return ExitCode::from(2);
    };
    if inputs.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }

    let mut files = Vec::new();
    for input in &inputs {
        if let Err(err) = collect(input, &mut files) {
            eprintln!("extract-alone: {}: {err}", input.display());
            return ExitCode::from(1);
        }
    }

    // Keep panics (html2text 0.17.4 has one on an l3s table) to our own warning.
    panic::set_hook(Box::new(|_| {}));

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in &files {
        let extracted = match fs::read(path) {
            Ok(bytes) => {
                let text = decode(&bytes);
                let html = if is_text_file(path) {
                    text_as_html(&text)
                } else {
                    text
                };
                match panic::catch_unwind(AssertUnwindSafe(|| run(engine, &html))) {
                    Ok(Ok(e)) => e,
                    Ok(Err(msg)) => {
                        eprintln!("warning: {}: {msg}", path.display());
                        Extracted::default()
                    }
                    Err(payload) => {
                        let msg = payload
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| payload.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into());
                        eprintln!("warning: {}: panicked: {msg}", path.display());
                        Extracted::default()
                    }
                }
            }
            Err(err) => {
                eprintln!("warning: {}: {err}", path.display());
                Extracted::default()
            }
        };
        let record = json!({
            "path": path.display().to_string(),
            "title": extracted.title,
            "body": extracted.body,
            "date": extracted.date,
            "authors": extracted.authors,
        });
        if writeln!(out, "{record}").is_err() {
            break; // closed pipe
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

fn run(engine: Engine, html: &str) -> Result<Extracted, String> {
    match engine {
        Engine::DomSmoothie => dom_smoothie_extract(html),
        Engine::Trafilatura => trafilatura_extract(html),
        Engine::Html2Text => html2text_extract(html),
    }
}

/// dom_smoothie 0.19, `TextMode::Formatted`, other settings default.
fn dom_smoothie_extract(html: &str) -> Result<Extracted, String> {
    use dom_smoothie::{Config, Readability, TextMode};
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let url = page_url(html);
    let mut reader = Readability::new(
        html,
        Some(url.as_deref().unwrap_or(FALLBACK_URL)),
        Some(cfg),
    )
    .map_err(|e| e.to_string())?;
    let article = reader.parse().map_err(|e| e.to_string())?;
    Ok(Extracted {
        title: non_empty(article.title),
        body: article.text_content.to_string(),
        date: article.published_time,
        authors: article.byline.and_then(non_empty),
    })
}

/// trafilatura 0.6 with `Options::default()` (fallback off); it reads the page URL
/// from the page's own metadata.
fn trafilatura_extract(html: &str) -> Result<Extracted, String> {
    let result =
        trafilatura::extract(html, &trafilatura::Options::default()).map_err(|e| e.to_string())?;
    let meta = result.metadata;
    Ok(Extracted {
        title: non_empty(meta.title),
        body: result.content_text,
        date: meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        authors: non_empty(meta.author),
    })
}

/// html2text 0.17 over the whole page: plain, no decoration, 10,000 columns wide.
/// It finds no title, date or authors.
fn html2text_extract(html: &str) -> Result<Extracted, String> {
    let body = html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 10_000)
        .map_err(|e| e.to_string())?;
    Ok(Extracted {
        body,
        ..Extracted::default()
    })
}

/// The page's own absolute URL (canonical link, then og:url), if it names one.
fn page_url(html: &str) -> Option<String> {
    let doc = dom_query::Document::from(html);
    for (selector, attr) in [
        ("link[rel='canonical']", "href"),
        ("meta[property='og:url']", "content"),
    ] {
        if let Some(value) = doc.select(selector).first().attr(attr) {
            let value = value.trim();
            if (value.starts_with("http://") || value.starts_with("https://"))
                && url::Url::parse(value).is_ok()
            {
                return Some(value.to_string());
            }
        }
    }
    None
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn is_text_file(path: &Path) -> bool {
    matches!(ext(path).as_str(), "txt" | "md" | "markdown")
}

fn ext(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                collect(&entry, files)?;
            } else if matches!(
                ext(&entry).as_str(),
                "html" | "htm" | "xhtml" | "md" | "markdown" | "txt"
            ) {
                files.push(entry);
            }
        }
        Ok(())
    } else if path.is_file() {
        files.push(path.to_path_buf());
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::NotFound,
            "no such file or folder",
        ))
    }
}

/// Plain text as an HTML page: one `<p>` per non-blank line.
fn text_as_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 1024);
    html.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        html.push_str("<p>");
        for c in line.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                _ => html.push(c),
            }
        }
        html.push_str("</p>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// Bytes to text: a BOM, else valid UTF-8, else the charset the page declares,
/// else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let encoding = declared_charset(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}
