//! Raw HTML pages: metadata from the head (JSON-LD, OpenGraph, meta tags) and
//! the article body from `dom_smoothie` (a Readability port), with html2text
//! plus the block classifier as the fallback when no article is found.

use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use super::markdown::collapse;
use super::scrape::Scraped;
use super::{blocks, byline, chrome, dates, lang, outlet, text};

/// Below this many characters, the extractor's article is taken as a miss.
const MIN_ARTICLE_CHARS: usize = 200;

/// Extracts metadata and body from an HTML page.
pub fn extract(html: &str) -> Scraped {
    let html = &*repair_title(html);
    let doc = Document::from(html);
    let meta = read_meta(&doc);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let absolute_url = meta.url.clone().filter(|u| u.starts_with("http"));
    let article = Readability::with_document(doc, absolute_url.as_deref(), Some(config.clone()))
        .or_else(|_| Readability::with_document(Document::from(html), None, Some(config)))
        .ok()
        .and_then(|mut r| r.parse().ok());

    let mut body = article
        .as_ref()
        .map(|a| paragraphs(&a.text_content))
        .unwrap_or_default();
    if body.chars().count() < MIN_ARTICLE_CHARS {
        let fallback = fallback_body(html);
        if fallback.chars().count() > body.chars().count() {
            body = fallback;
        }
    }

    let title = meta
        .title
        .or_else(|| article.as_ref().map(|a| a.title.clone()))
        .map(|t| strip_site_suffix(&t, meta.site_name.as_deref()))
        // An unclosed <title> swallows the page's markup as text: keep what came before it.
        .map(|t| match t.find('<') {
            Some(cut) if t[cut..].contains('>') => t[..cut].trim().to_string(),
            _ => t,
        })
        .filter(|t| !t.is_empty());
    let date = meta
        .date
        .or_else(|| {
            article
                .as_ref()
                .and_then(|a| a.published_time.as_deref())
                .and_then(dates::parse_date)
        })
        .or_else(|| meta.url.as_deref().and_then(dates::date_from_url))
        .or_else(|| body.lines().take(5).find_map(dates::dateline));
    let mut authors = meta.authors;
    if authors.is_empty() {
        if let Some(b) = article.as_ref().and_then(|a| a.byline.as_deref()) {
            authors = byline::parse_byline_line(b).unwrap_or_else(|| byline::split_names(b));
        }
    }
    let source = match &meta.url {
        Some(u) if outlet::is_known_host(u) => outlet::name_for_url(u),
        _ => meta
            .site_name
            .map(|s| outlet::canonical_name(&s))
            .or_else(|| meta.url.as_deref().and_then(outlet::name_for_url)),
    };
    let lang = meta.lang.or_else(|| lang::detect(&body));
    Scraped {
        title,
        date,
        authors,
        source,
        url: meta.url,
        lang,
        body,
    }
}

/// Whole-page text through the block classifier, for pages the extractor cannot read.
/// Closes a `<title>` whose end tag is missing or mangled. Browsers read a
/// title as raw text up to `</title>`, so without one the whole page becomes
/// the title and the article is lost; real titles never hold tags.
fn repair_title(html: &str) -> std::borrow::Cow<'_, str> {
    let lower_head: String = html
        .chars()
        .take(64 * 1024)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let Some(open) = lower_head.find("<title") else {
        return html.into();
    };
    let Some(content) = lower_head[open..].find('>').map(|e| open + e + 1) else {
        return html.into();
    };
    let close = lower_head[content..].find("</title").map(|e| content + e);
    let first_tag = lower_head[content..]
        .find('<')
        .map(|e| content + e)
        .filter(|&t| close.is_none_or(|c| t < c));
    match first_tag {
        // `lower_head` is char-for-char ASCII-lowercased, so byte offsets match `html`.
        Some(at) if html.is_char_boundary(at) => {
            format!("{}</title>{}", &html[..at], &html[at..]).into()
        }
        _ => html.into(),
    }
}

fn fallback_body(html: &str) -> String {
    let Ok(rendered) =
        html2text::config::plain_no_decorate().string_from_read(html.as_bytes(), 10_000)
    else {
        return String::new();
    };
    let blocks = text::to_blocks(&rendered);
    let stopwords = lang::Stopwords::for_lang(lang::detect(&rendered).as_deref());
    blocks::main_content(blocks, stopwords)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One paragraph per non-empty line, chrome lines dropped, separated by blank lines.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(collapse)
        .filter(|l| !l.is_empty() && !chrome::is_chrome(l))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[derive(Debug, Default)]
struct HtmlMeta {
    title: Option<String>,
    date: Option<NaiveDate>,
    authors: Vec<String>,
    site_name: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

fn read_meta(doc: &Document) -> HtmlMeta {
    let ld = json_ld_article(doc);
    let ld_str = |key: &str| ld.as_ref().and_then(|v| string_of(v.get(key)?));

    let title = ld_str("headline")
        .or_else(|| {
            meta_content(
                doc,
                &["meta[property='og:title']", "meta[name='twitter:title']"],
            )
        })
        .or_else(|| non_empty(doc.select("head title").first().text().to_string()))
        .or_else(|| non_empty(doc.select("h1").first().text().to_string()))
        // Entities escaped twice by the site (`&amp;#038;`) come out of the parser once escaped.
        .map(|t| collapse(&super::entities::decode_entities(&t)))
        .map(|t| headline_within(t, doc));

    let date = ["datePublished", "dateCreated", "uploadDate"]
        .iter()
        .find_map(|k| ld_str(k).as_deref().and_then(dates::parse_date))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    "meta[property='article:published_time']",
                    "meta[itemprop='datePublished']",
                    "meta[name='pubdate']",
                    "meta[name='publishdate']",
                    "meta[name='publish-date']",
                    "meta[name='date']",
                    "meta[name='DC.date.issued']",
                    "meta[name='dc.date']",
                    "meta[name='sailthru.date']",
                    "meta[name='parsely-pub-date']",
                    "meta[property='og:published_time']",
                ],
            )
            .as_deref()
            .and_then(dates::parse_date)
        })
        .or_else(|| {
            [
                "time[itemprop='datePublished']",
                "time[pubdate]",
                "time[datetime]",
            ]
            .iter()
            .find_map(|sel| {
                doc.select(sel)
                    .first()
                    .attr("datetime")
                    .as_deref()
                    .and_then(dates::parse_date)
            })
        });

    let mut authors = ld
        .as_ref()
        .and_then(|v| v.get("author"))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        if let Some(a) = meta_content(
            doc,
            &[
                "meta[name='author']",
                "meta[property='article:author']",
                "meta[name='byl']",
            ],
        ) {
            authors = byline::split_names(&a);
        }
    }
    if authors.is_empty() {
        for sel in [
            "[itemprop='author'] [itemprop='name']",
            "[rel='author']",
            "[itemprop='author']",
            ".byline",
        ] {
            let found = doc.select(sel);
            let names: Vec<String> = found
                .iter()
                .flat_map(|n| {
                    let t = collapse(&n.text());
                    byline::parse_byline_line(&t).unwrap_or_else(|| byline::split_names(&t))
                })
                .collect();
            if !names.is_empty() {
                authors = names;
                break;
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.to_lowercase()));

    let site_name = ld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(|p| p.get("name").and_then(string_of).or_else(|| string_of(p)))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    "meta[property='og:site_name']",
                    "meta[name='application-name']",
                ],
            )
        });

    let url = doc
        .select("link[rel='canonical']")
        .first()
        .attr("href")
        .map(|h| h.to_string())
        .filter(|h| h.starts_with("http"))
        .or_else(|| {
            meta_content(doc, &["meta[property='og:url']"]).filter(|h| h.starts_with("http"))
        })
        .or_else(|| ld_str("url").filter(|h| h.starts_with("http")));

    let lang = doc
        .select("html")
        .first()
        .attr("lang")
        .and_then(|l| lang::normalize_declared(&l))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    "meta[http-equiv='content-language']",
                    "meta[property='og:locale']",
                ],
            )
            .and_then(|l| lang::normalize_declared(&l))
        })
        .or_else(|| ld_str("inLanguage").and_then(|l| lang::normalize_declared(&l)));

    HtmlMeta {
        title,
        date,
        authors,
        site_name,
        url,
        lang,
    }
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn meta_content(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        doc.select(sel).iter().find_map(|n| {
            n.attr("content")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        })
    })
}

/// The first JSON-LD object whose `@type` is an article, looking inside arrays and `@graph`.
fn json_ld_article(doc: &Document) -> Option<Value> {
    let mut found: Option<Value> = None;
    for script in doc.select("script[type='application/ld+json']").iter() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(ref map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph.clone());
                    }
                    if is_article_type(map.get("@type")) {
                        return Some(v);
                    }
                    if found.is_none() && map.contains_key("headline") {
                        found = Some(v.clone());
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn is_article_type(t: Option<&Value>) -> bool {
    let is_article = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match t {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(is_article)),
        _ => false,
    }
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(s.clone()),
        Value::Object(m) => m.get("@id").or(m.get("url")).and_then(string_of),
        Value::Array(a) => a.first().and_then(string_of),
        _ => None,
    }
}

/// Names from a JSON-LD `author`: a string, an object with `name`, or an array of them.
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => byline::split_names(s),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .map(byline::split_names)
            .unwrap_or_default(),
        Value::Array(a) => a.iter().flat_map(names_of).collect(),
        _ => Vec::new(),
    }
}

/// The page's own headline when the title merely wraps it: a `<title>` or
/// `og:title` often adds the site, the section or a kicker around the `<h1>`
/// (`Covic turns up heat on Schwarzer - Football - Sport - smh.com.au`).
fn headline_within(title: String, doc: &Document) -> String {
    let lower = title.to_lowercase();
    let headline = doc
        .select("h1, h2")
        .iter()
        .take(20)
        .map(|h| collapse(&h.text()))
        .filter(|h| h.split_whitespace().count() >= 2 && h.len() < title.len())
        .filter(|h| lower.contains(&h.to_lowercase()))
        .max_by_key(|h| h.len());
    headline.unwrap_or(title)
}

/// Drops a ` | Site`, ` - Site` or `Site: ` part from a title.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    let site = site.map(|s| s.to_lowercase());
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        let is_site = |p: &str| {
            let p = p.trim().to_lowercase();
            site.as_deref()
                .is_some_and(|s| p == s || s.contains(&p) || p.contains(s))
        };
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if is_site(last) || last.split_whitespace().count() <= 3 && sep != " - " {
            return parts[..parts.len() - 1].join(sep).trim().to_string();
        }
        if is_site(first) {
            return parts[1..].join(sep).trim().to_string();
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-US"><head>
<title>Big Story Happens | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="https://www.facebook.com/example">
<link rel="canonical" href="https://example.com/2020/07/10/big-story">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},
{"@type":["NewsArticle"],"headline":"Big Story Happens","datePublished":"2020-07-10T08:00:00Z",
"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}]}</script>
</head><body><nav>Home World Business</nav><article><h1>Big Story Happens</h1>
<p>The big story happened on Friday, and many people who were there said that it was the biggest story they had seen in years.</p>
<p>Officials said they would look into the matter further in the coming weeks, according to a statement released on Friday evening.</p>
</article><footer>Contact us</footer></body></html>"#;

    #[test]
    fn the_headline_wins_over_a_wrapped_title() {
        let page = "<html><head><title>Covic turns up heat on Schwarzer - Football - Sport - smh.com.au</title></head>\
            <body><h2>Sport</h2><h1>Covic turns up heat on Schwarzer</h1><p>Text.</p></body></html>";
        assert_eq!(
            extract(page).title.as_deref(),
            Some("Covic turns up heat on Schwarzer")
        );
        let page = "<html><head><meta property=\"og:title\" content=\"Tom &amp;#038; Jerry return\"></head>\
            <body><p>Text.</p></body></html>";
        assert_eq!(extract(page).title.as_deref(), Some("Tom & Jerry return"));
    }

    #[test]
    fn reads_json_ld_graph_and_head() {
        let s = extract(PAGE);
        assert_eq!(s.title.as_deref(), Some("Big Story Happens"));
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2020, 7, 10));
        assert_eq!(s.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(s.source.as_deref(), Some("Example News"));
        assert_eq!(
            s.url.as_deref(),
            Some("https://example.com/2020/07/10/big-story")
        );
        assert_eq!(s.lang.as_deref(), Some("en"));
        assert!(s.body.contains("The big story happened on Friday"));
        assert!(!s.body.contains("Contact us"));
    }

    #[test]
    fn strips_site_suffixes() {
        assert_eq!(
            strip_site_suffix("Big Story | Example News", Some("Example News")),
            "Big Story"
        );
        assert_eq!(
            strip_site_suffix("Example News - Big Story Here", Some("Example News")),
            "Big Story Here"
        );
        assert_eq!(
            strip_site_suffix("Spider-Man - the review", None),
            "Spider-Man - the review"
        );
    }
}
