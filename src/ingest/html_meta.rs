//! Metadata an HTML page declares: JSON-LD, OpenGraph and other meta tags,
//! microdata, the canonical link, `<html lang>` — each value with where it came from.

use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

use super::credits::Credits;
use super::markdown::collapse;
use super::origins::Origins;
use super::{byline, lang, page_date};

#[derive(Debug, Default)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// Credits from metadata and marked bylines, still open to Readability's byline.
    pub credits: Credits,
    /// Names from a credit line in the page's text, offered last.
    pub credit_line: Option<Vec<String>>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub origins: Origins,
    /// Captions, credits and link texts of the page.
    pub asides: Asides,
    /// Short texts marked up as headings, in page order: headline candidates for
    /// pages whose declared title is missing or names only the site.
    pub headings: Vec<String>,
}

pub fn read(doc: &Document) -> HtmlMeta {
    let all_ld = json_ld_values(doc);
    let ld = article_of(&all_ld);
    let ld_str = |key: &str| ld.and_then(|v| string_of(v.get(key)?));
    let mut origins = Origins::default();
    let headings = headings(doc);

    let title = ld_str("headline")
        .map(|t| (t, "json-ld headline"))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    ("meta[property='og:title']", "meta og:title"),
                    ("meta[name='twitter:title']", "meta twitter:title"),
                ],
            )
        })
        .or_else(|| {
            non_empty(doc.select("head title").first().text().to_string()).map(|t| (t, "<title>"))
        })
        .or_else(|| non_empty(doc.select("h1").first().text().to_string()).map(|t| (t, "<h1>")))
        .map(|(t, how)| {
            // Entities escaped twice by the site (`&amp;#038;`) come out of the parser once escaped.
            let t = collapse(&super::entities::decode_entities(&t));
            let (t, inner) = headline_within(t, doc, &headings);
            origins.title = Some(if inner {
                format!("{how}, narrowed to the page's heading")
            } else {
                how.to_string()
            });
            t
        });

    let date = page_date::find(doc, ld, &all_ld).map(|(d, how)| {
        origins.date = Some(how);
        d
    });

    let site_name = ld
        .and_then(|v| v.get("publisher"))
        .and_then(|p| p.get("name").and_then(string_of).or_else(|| string_of(p)))
        .map(|s| (s, "json-ld publisher"))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    ("meta[property='og:site_name']", "meta og:site_name"),
                    ("meta[name='application-name']", "meta application-name"),
                ],
            )
        })
        .map(|(s, how)| {
            origins.source = Some(how.into());
            s
        });

    let url = doc
        .select("link[rel='canonical']")
        .first()
        .attr("href")
        .map(|h| (h.to_string(), "<link rel=canonical>"))
        .filter(|(h, _)| h.starts_with("http"))
        .or_else(|| {
            meta_content(doc, &[("meta[property='og:url']", "meta og:url")])
                .filter(|(h, _)| h.starts_with("http"))
        })
        .or_else(|| {
            ld_str("url")
                .filter(|h| h.starts_with("http"))
                .map(|h| (h, "json-ld url"))
        })
        .map(|(u, how)| {
            origins.url = Some(how.into());
            u
        });

    // Authors that are the outlet itself (`STERN.de`, `Badische Zeitung`) are no bylines.
    let mut credits = Credits::new(site_name.clone(), url.clone());
    if let Some(author) = ld.and_then(|v| v.get("author")) {
        credits.offer(names_of(author), "json-ld author");
    }
    for (sel, how) in [
        ("meta[name='author']", "meta author"),
        ("meta[property='article:author']", "meta article:author"),
        ("meta[name='byl']", "meta byl"),
    ] {
        if let Some((a, _)) = meta_content(doc, &[(sel, how)]) {
            credits.offer(byline::split_names(&a), how);
        }
    }
    offer_page_credits(doc, CREDIT_SELECTORS, &mut credits);
    // A credit line in the text is read now, while the page is whole, and offered
    // after Readability's byline. (Any `author` class or author-page link was tried
    // too: right on 4 of 19 trafilatura pages that had nothing better, so left out.)
    let credit_line = if credits.is_settled() {
        None
    } else {
        credit_line_in_page(doc)
    };

    let lang = doc
        .select("html")
        .first()
        .attr("lang")
        .and_then(|l| lang::normalize_declared(&l))
        .map(|l| (l, "<html lang>"))
        .or_else(|| {
            meta_content(
                doc,
                &[
                    (
                        "meta[http-equiv='content-language']",
                        "meta content-language",
                    ),
                    ("meta[property='og:locale']", "meta og:locale"),
                ],
            )
            .and_then(|(l, how)| Some((lang::normalize_declared(&l)?, how)))
        })
        .or_else(|| {
            ld_str("inLanguage")
                .and_then(|l| lang::normalize_declared(&l))
                .map(|l| (l, "json-ld inLanguage"))
        })
        .map(|(l, how)| {
            origins.lang = Some(how.into());
            l
        });

    HtmlMeta {
        title,
        date,
        credits,
        credit_line,
        site_name,
        url,
        lang,
        origins,
        headings,
        asides: Asides::of(doc),
    }
}

/// Texts of the page that are not article prose even inside the article's
/// container: figure captions and photo credits, and whole links (a line that
/// is one link of three words or more is a pointer to another story).
#[derive(Debug, Default)]
pub struct Asides {
    texts: rustc_hash::FxHashSet<String>,
}

/// Captions and credits, by element or class.
const CAPTION_SELECTOR: &str = "figcaption, [class*='caption'], [class*='credit']";

impl Asides {
    fn of(doc: &Document) -> Asides {
        let captions = doc.select(CAPTION_SELECTOR);
        let links = doc.select("a");
        let texts = captions
            .iter()
            .chain(links.iter())
            .map(|n| collapse(&n.text()).to_lowercase())
            .filter(|t| t.split_whitespace().count() >= 3)
            .collect();
        Asides { texts }
    }

    /// Whether `line` is one of the page's captions or links, as a whole.
    pub fn holds(&self, line: &str) -> bool {
        self.texts.contains(&line.to_lowercase())
    }
}

/// Elements that hold a headline on pages of every era: headings, `headline`
/// or `title` classes and ids, bold and sized text.
const HEADING_SELECTOR: &str = "h1, h2, h3, h4, [class*='head'], [class*='title'], [id*='head'], [id*='title'], b, strong, font";
const MAX_HEADINGS: usize = 400;

fn headings(doc: &Document) -> Vec<String> {
    doc.select(HEADING_SELECTOR)
        .iter()
        // Old pages style a plain `<div>` or `<td>` as the headline: take those holding only text.
        .chain(
            doc.select("div, td, span")
                .iter()
                .filter(|n| n.children().is_empty()),
        )
        .map(|n| collapse(&n.text()))
        .filter(|t| (2..=30).contains(&t.split_whitespace().count()) && t.len() <= 300)
        .take(MAX_HEADINGS)
        .collect()
}

/// Elements that credit the article's author, best first, with their origin label.
const CREDIT_SELECTORS: &[(&str, &str)] = &[
    (
        "[itemprop='author'] [itemprop='name']",
        "itemprop author name",
    ),
    ("[itemprop='author']", "itemprop author"),
    ("[rel='author']", "rel=author link"),
    ("byline", "<byline> element"),
    (
        "[class*='byline'] [class*='author']",
        "byline text (author in .byline)",
    ),
    ("[class*='byline']", "byline text (.byline)"),
    ("[data-testid*='byline']", "byline text (byline test id)"),
    (
        "[class*='author-name'], [class*='authorName'], [class*='author__name']",
        "author name element",
    ),
];

/// Elements short texts stand in: bylines written into the page as text.
const TEXT_ELEMENTS: &str =
    "p, span, div, em, i, b, strong, font, td, li, small, address, h3, h4, h5, h6";

/// The first short element, in page order, that reads as a credit line.
fn credit_line_in_page(doc: &Document) -> Option<Vec<String>> {
    doc.select(TEXT_ELEMENTS).iter().find_map(|n| {
        let text = n.text();
        if text.len() > 200 {
            return None;
        }
        byline::credit_line(&collapse(&text))
    })
}

/// For each selector, the names of its first element that holds any: one
/// credit per kind of mark, not every author link of the sidebars and comments.
fn offer_page_credits(doc: &Document, selectors: &[(&str, &str)], credits: &mut Credits) {
    for (sel, how) in selectors {
        if credits.is_settled() {
            return;
        }
        let names = doc.select(sel).iter().take(10).find_map(|n| {
            let t = collapse(&n.text());
            if t.len() > 200 {
                return None;
            }
            let names = byline::parse_byline_line(&t).unwrap_or_else(|| byline::split_names(&t));
            (!names.is_empty()).then_some(names)
        });
        if let Some(names) = names {
            credits.offer(names, how);
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// The first non-empty `content` of the selectors, with the label of the one that matched.
fn meta_content(
    doc: &Document,
    selectors: &[(&str, &'static str)],
) -> Option<(String, &'static str)> {
    selectors.iter().find_map(|(sel, how)| {
        doc.select(sel).iter().find_map(|n| {
            n.attr("content")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .map(|c| (c, *how))
        })
    })
}

/// Every JSON-LD block of the page that parses.
fn json_ld_values(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .iter()
        .filter_map(|script| {
            let raw = script.text();
            let raw = raw
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim_end_matches(';');
            serde_json::from_str::<Value>(raw).ok()
        })
        .collect()
}

/// The first JSON-LD object whose `@type` is an article, looking inside arrays
/// and `@graph`; else the first object with a `headline`.
fn article_of(values: &[Value]) -> Option<&Value> {
    let mut found: Option<&Value> = None;
    for value in values {
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if is_article_type(map.get("@type")) {
                        return Some(v);
                    }
                    if found.is_none() && map.contains_key("headline") {
                        found = Some(v);
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
/// `og:title` often adds the site, the section or a kicker around the headline
/// the page shows (`Covic turns up heat on Schwarzer - Football - Sport - smh.com.au`).
/// An `<h1>`/`<h2>` may sit anywhere in the title; other headings (bold text,
/// `headline` classes) only between separators, as a whole part. The flag says
/// whether the title was narrowed.
fn headline_within(title: String, doc: &Document, headings: &[String]) -> (String, bool) {
    let lower = title.to_lowercase();
    let top_level = doc
        .select("h1, h2")
        .iter()
        .take(20)
        .map(|h| collapse(&h.text()))
        .filter(|h| h.split_whitespace().count() >= 2 && h.len() < title.len())
        .filter(|h| lower.contains(&h.to_lowercase()))
        .max_by_key(|h| h.len());
    let headline = top_level.or_else(|| {
        headings
            .iter()
            .filter(|h| h.len() < title.len() && super::title::is_whole_part(&title, h))
            .max_by_key(|h| h.len())
            .cloned()
    });
    match headline {
        Some(h) => (h, true),
        None => (title, false),
    }
}
