//! Metadata an HTML page declares: JSON-LD, OpenGraph and other meta tags,
//! microdata, the canonical link, `<html lang>` — each value with where it came from.

use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

use super::credits::Credits;
use super::markdown::collapse;
use super::node_text::{collapsed_within, text_within};
use super::origins::Origins;
use super::page_marks::{Mark, PageMarks};
use super::{byline, dates, lang, page_date};

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
    /// The first element marked up as the article's headline (`<h1>`,
    /// `.headline`): the headline of a page whose title names only the site.
    pub headline: Option<String>,
    /// The page's description where the page shows it: the summary above the
    /// article (see `standfirst`).
    pub standfirst: Option<String>,
    /// Whether the page shows the title, whole, as an `<h1>`: the headline
    /// as readers see it, kicker and all, which no part of it replaces.
    pub title_shown: bool,
}

pub fn read(doc: &Document) -> HtmlMeta {
    let all_ld = json_ld_values(doc);
    let ld = article_of(&all_ld);
    let ld_str = |key: &str| ld.and_then(|v| string_of(v.get(key)?));
    let mut origins = Origins::default();
    let Headings {
        all: headings,
        headline,
        asides,
    } = headings_and_asides(doc);
    let metas = Metas::read(doc);
    let marks = PageMarks::read(doc);

    let page_title = non_empty(page_title(doc));
    // The page's `<h1>`s, as elements and as text: the headline readers see.
    let h1s: Vec<dom_query::Selection> = doc.select("h1").iter().take(MAX_H1S).collect();
    let h1_texts: Vec<String> = h1s.iter().map(|h| collapse(&h.text())).collect();
    let mut title_shown = false;
    let meta_title = metas.content(&[
        (MetaKey::Property, "og:title", "meta og:title"),
        (MetaKey::Name, "twitter:title", "meta twitter:title"),
    ]);
    let title = ld_str("headline")
        .map(|t| {
            let fuller = [meta_title.as_ref().map(|(m, _)| m), page_title.as_ref()];
            match fuller
                .into_iter()
                .flatten()
                .find(|f| continues_cut_headline(&t, f))
            {
                Some(whole) => (
                    whole.clone(),
                    "json-ld headline, whole in the page's other tags",
                ),
                None => (t, "json-ld headline"),
            }
        })
        .or_else(|| {
            let (t, how) = meta_title.clone()?;
            // A value cut where the site left a quote unescaped (`content="… Biden
            // de "incapacitado""`): the `<title>` holds the whole headline.
            match &page_title {
                Some(whole)
                    if whole.trim().strip_prefix(t.trim()).is_some_and(|rest| {
                        rest.trim_start().starts_with(['"', '“', '„']) && !t.trim().is_empty()
                    }) =>
                {
                    Some((
                        whole.clone(),
                        "<title>, whole where the meta tag's value is cut at a quote",
                    ))
                }
                _ => Some((t, how)),
            }
        })
        .or_else(|| page_title.clone().map(|t| (t, "<title>")))
        .or_else(|| non_empty(h1s.first()?.text().to_string()).map(|t| (t, "<h1>")))
        .map(|(t, how)| {
            let declared = [
                ld_str("headline").map(|t| (t, "json-ld headline")),
                meta_title.clone(),
                page_title.clone().map(|t| (t, "<title>")),
            ];
            headline_shown(&h1_texts, t, how, declared)
        })
        .map(|(t, how)| {
            // Entities escaped twice by the site (`&amp;#038;`) come out of the parser once escaped.
            let t = collapse(&super::entities::decode_entities(&t));
            let shown_in = h1s
                .iter()
                .zip(&h1_texts)
                .find(|(_, text)| super::title::same_words(text, &t))
                .map(|(h1, _)| h1);
            let (narrowed, inner) = headline_within(t.clone(), doc, &headings);
            // Narrowed to what an element of that `<h1>` sets apart (`<span
            // class="kicker">` beside the headline), the page itself marks the kicker.
            let set_apart = |h1: &dom_query::Selection| {
                let whole = h1.text();
                h1.select("*").iter().any(|part| {
                    let part = part.text();
                    super::title::same_words(&part, &narrowed)
                        || super::title::same_words(&whole.replacen(&*part, " ", 1), &narrowed)
                })
            };
            if shown_in.is_some_and(|h1| !inner || !set_apart(h1)) {
                title_shown = true;
                origins.title = Some(if inner {
                    format!("{how}, shown whole as the page's <h1>")
                } else {
                    how.to_string()
                });
                return t;
            }
            let t = narrowed;
            origins.title = Some(if inner {
                format!("{how}, narrowed to the page's heading")
            } else {
                how.to_string()
            });
            t
        });

    let lang = doc
        .select("html")
        .first()
        .attr("lang")
        .and_then(|l| lang::normalize_declared(&l))
        .map(|l| (l, "<html lang>"))
        .or_else(|| {
            metas
                .content(&[
                    (
                        MetaKey::HttpEquiv,
                        "content-language",
                        "meta content-language",
                    ),
                    (MetaKey::Property, "og:locale", "meta og:locale"),
                ])
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

    let zone = lang.as_deref().and_then(dates::Zone::of_language);
    let date = page_date::find(doc, ld, &all_ld, marks, zone).map(|(d, how)| {
        origins.date = Some(how);
        d
    });

    let site_name = ld
        .and_then(|v| v.get("publisher"))
        .and_then(|p| p.get("name").and_then(string_of).or_else(|| string_of(p)))
        .map(|s| (super::entities::decode_entities(&s), "json-ld publisher"))
        .or_else(|| {
            metas.content(&[
                (MetaKey::Property, "og:site_name", "meta og:site_name"),
                (MetaKey::Name, "application-name", "meta application-name"),
            ])
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
            metas
                .content(&[(MetaKey::Property, "og:url", "meta og:url")])
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
        credits.offer(names_of(author, &all_ld), "json-ld author");
    }
    for (key, value, how) in [
        (MetaKey::Name, "author", "meta author"),
        (MetaKey::Property, "article:author", "meta article:author"),
        (
            MetaKey::Property,
            "og:article:author",
            "meta og:article:author",
        ),
        (MetaKey::Name, "byl", "meta byl"),
        (MetaKey::Name, "parsely-author", "meta parsely-author"),
        (MetaKey::Name, "sailthru.author", "meta sailthru.author"),
        (
            MetaKey::Name,
            "shareaholic:article_author_name",
            "meta shareaholic author",
        ),
    ] {
        if let Some((a, _)) = metas.content(&[(key, value, how)]) {
            credits.offer(byline::split_marked_names(&a), how);
        }
    }
    if let Some(a) = twitter_written_by(&metas) {
        credits.offer(
            byline::split_marked_names(&a),
            "meta twitter:data (Written by)",
        );
    }
    offer_page_credits(doc, CREDIT_SELECTORS, marks, &mut credits);
    // A credit line in the text is read now, while the page is whole, and offered
    // after Readability's byline. (Any `author` class or author-page link was tried
    // too: right on 4 of 19 trafilatura pages that had nothing better, so left out.)
    let credit_line = if credits.is_settled() {
        None
    } else {
        credit_line_in_page(doc)
    };

    // Sites write their descriptions apart (a teaser for sharing, a summary
    // for search): the first one the page shows is its deck. Most pages repeat
    // one text three times; each is looked for once.
    let mut descriptions: Vec<&str> = Vec::new();
    for (key, value) in [
        (MetaKey::Property, "og:description"),
        (MetaKey::Name, "description"),
        (MetaKey::Name, "twitter:description"),
    ] {
        if let Some(d) = metas
            .first(key, value)
            .filter(|d| !descriptions.contains(d))
        {
            descriptions.push(d);
        }
    }
    let standfirst = descriptions
        .into_iter()
        .find_map(|d| super::standfirst::shown(doc, &super::entities::decode_entities(d)));

    HtmlMeta {
        standfirst,
        title_shown,
        title,
        date,
        credits,
        credit_line,
        site_name,
        url,
        lang,
        origins,
        headings,
        headline,
        asides,
    }
}

/// Texts of the page that are not article prose even inside the article's
/// container: figure captions and photo credits, and whole links (a line that
/// is one link of three words or more is a pointer to another story).
#[derive(Debug, Default)]
pub struct Asides {
    texts: rustc_hash::FxHashSet<String>,
}

impl Asides {
    /// Whether `line` is one of the page's captions or links, as a whole.
    pub fn holds(&self, line: &str) -> bool {
        self.texts.contains(&line.to_lowercase())
    }
}

const MAX_HEADINGS: usize = 400;
/// Classes and ids (any case) that mark an element as the article's headline.
const HEADLINE_MARKS: &[&str] = &["headline", "articletitle", "article_title", "story_title"];

/// What one walk over a page's elements finds for headlines and asides.
struct Headings {
    /// Headline candidates, marked ones first (see `headings_and_asides`).
    all: Vec<String>,
    /// The first element marked up as the article's headline: `<h1>`,
    /// `<headline>`, a `headline` or `articleTitle` class or id.
    headline: Option<String>,
    asides: Asides,
}

/// Headline candidates and asides, read in one walk over the page's elements.
///
/// Headline candidates are headings, elements whose class or id holds `head` or
/// `title`, bold and sized text, then (old pages style a plain `<div>` or `<td>`
/// as the headline) `div`, `td` and `span` elements holding only text. Asides
/// are figure captions, elements whose class holds `caption` or `credit` or is
/// `cap` (BBC), and links; captions are never headline candidates, as they
/// retell the lead in its own words. (Class and id tests are case-sensitive,
/// as CSS `[class*=…]` is, except for the headline marks.)
fn headings_and_asides(doc: &Document) -> Headings {
    let mut marked = Vec::new();
    let mut text_only = Vec::new();
    let mut headline = None;
    let mut asides = rustc_hash::FxHashSet::default();
    // Walked node by node: selecting `*` built a list of every element and
    // a selection for each (1 % of reading a page, in instructions).
    for element in doc.root().descendants_it() {
        if !element.is_element() {
            continue;
        }
        let Some(name) = element.node_name() else {
            continue;
        };
        let class = element.attr("class");
        let id = element.attr("id");
        let class_has = |w: &str| class.as_deref().is_some_and(|c| c.contains(w));
        let id_has = |w: &str| id.as_deref().is_some_and(|i| i.contains(w));
        let caption = &*name == "figcaption"
            || class_has("caption")
            || class_has("credit")
            || class
                .as_deref()
                .is_some_and(|c| c.split_whitespace().any(|c| c == "cap"));
        let heading = !caption
            && (matches!(&*name, "h1" | "h2" | "h3" | "h4" | "b" | "strong" | "font")
                || class_has("head")
                || class_has("title")
                || id_has("head")
                || id_has("title"));
        let plain = !caption
            && matches!(&*name, "div" | "td" | "span")
            && element.first_element_child().is_none();
        // A link to a place in a page (a table of contents, an anchor with
        // no target) points at the article's own heading, not another story.
        let link_away = &*name == "a" && element.attr("href").is_some_and(|h| !h.contains('#'));
        let aside = caption || link_away;
        if !(heading || plain || aside) {
            continue;
        }
        // A heading's text matters only up to 300 bytes; an aside's, whole.
        let limit = if aside { usize::MAX } else { MAX_HEADING_BYTES };
        let Some(text) = collapsed_within(&element, limit) else {
            continue;
        };
        let words = text.split_whitespace().count();
        if aside && words >= 3 {
            asides.insert(text.to_lowercase());
        }
        if (2..=30).contains(&words) && text.len() <= MAX_HEADING_BYTES {
            if (heading || plain) && headline.is_none() {
                let marked_headline = matches!(&*name, "h1" | "headline")
                    || [class.as_deref(), id.as_deref()].iter().flatten().any(|m| {
                        HEADLINE_MARKS
                            .iter()
                            .any(|mark| super::markup::find_ignore_case(m, mark).is_some())
                    });
                if marked_headline {
                    headline = Some(text.clone());
                }
            }
            if heading {
                marked.push(text.clone());
            }
            if plain {
                text_only.push(text);
            }
        }
    }
    marked.extend(text_only);
    marked.truncate(MAX_HEADINGS);
    Headings {
        all: marked,
        headline,
        asides: Asides { texts: asides },
    }
}

/// Whether `fuller` is the headline that `cut` (a JSON-LD headline) shortens:
/// sites cut it to the 110 characters search engines once asked for, at a
/// word (`… nettomaksajana ei ole`) or with an ellipsis (`… Hong Kong
/// leader...`). `fuller` goes on from it mid-sentence, or after the ellipsis;
/// a site's name after a separator is no continuation.
fn continues_cut_headline(cut: &str, fuller: &str) -> bool {
    let cut = cut.trim();
    let stem = cut.trim_end_matches(['.', '…']).trim_end();
    let ellipsis = stem.len() < cut.len() && (cut.ends_with("...") || cut.ends_with('…'));
    if stem.chars().count() < 20 {
        return false;
    }
    let Some(rest) = collapse(fuller).strip_prefix(stem).map(str::to_string) else {
        return false;
    };
    let next = rest.trim_start().chars().next();
    next.is_some_and(|c| c.is_lowercase() || (ellipsis && c.is_alphanumeric()))
}

/// The text of the page's `<title>`. Output before `<html>` (a server's PHP
/// warnings) opens the body early, and the parser puts the `<title>` there;
/// an SVG's `<title>` names an icon.
pub(super) fn page_title(doc: &Document) -> String {
    let head = doc.select("head title");
    if !head.is_empty() {
        return head.first().text().to_string();
    }
    doc.select("body title")
        .nodes()
        .iter()
        .find(|t| {
            !t.ancestors_it(None)
                .any(|a| a.node_name().as_deref() == Some("svg"))
        })
        .map(|t| t.text().to_string())
        .unwrap_or_default()
}

/// The longest text (collapsed) that can be a headline candidate.
const MAX_HEADING_BYTES: usize = 300;

/// Elements that credit the article's author, best first, with their origin
/// label and the mark any element they match carries.
const CREDIT_SELECTORS: &[(&str, &str, Mark)] = &[
    (
        "[itemprop='author'] [itemprop='name']",
        "itemprop author name",
        Mark::ItempropAuthor,
    ),
    (
        "[itemprop='author']",
        "itemprop author",
        Mark::ItempropAuthor,
    ),
    ("[rel='author']", "rel=author link", Mark::RelAuthor),
    ("byline", "<byline> element", Mark::BylineElement),
    (
        "[class*='byline'] [class*='author']",
        "byline text (author in .byline)",
        Mark::ClassByline,
    ),
    // hCard's formatted name in an author card (Blogger, WordPress themes).
    (
        "[class*='author'] .fn, .author.fn",
        "author card name (.fn)",
        Mark::ClassAuthor,
    ),
    (
        "[class*='byline']",
        "byline text (.byline)",
        Mark::ClassByline,
    ),
    (
        "[data-testid*='byline'] a",
        "byline link (byline test id)",
        Mark::TestIdByline,
    ),
    (
        "[data-testid*='byline']",
        "byline text (byline test id)",
        Mark::TestIdByline,
    ),
    // Drupal: `Submitted by <span class="username">rasos</span> on …`.
    (
        ".submitted .username",
        "submitted by (.username)",
        Mark::ClassSubmitted,
    ),
    (
        "[class*='author-name'], [class*='authorName'], [class*='author__name']",
        "author name element",
        Mark::ClassAuthor,
    ),
];

/// Elements short texts stand in: bylines written into the page as text.
const TEXT_ELEMENTS: &str =
    "p, span, div, em, i, b, strong, font, td, li, small, address, h3, h4, h5, h6";

/// The first short element, in page order, that reads as a credit line.
fn credit_line_in_page(doc: &Document) -> Option<Vec<String>> {
    doc.select(TEXT_ELEMENTS).nodes().iter().find_map(|n| {
        let text = text_within(n, MAX_CREDIT_BYTES)?;
        byline::credit_line(&collapse(&text))
    })
}

/// The longest text an element crediting the author can hold.
const MAX_CREDIT_BYTES: usize = 200;

/// For each selector, the names of its first element that holds any: one
/// credit per kind of mark, not every author link of the sidebars and comments.
fn offer_page_credits(
    doc: &Document,
    selectors: &[(&str, &str, Mark)],
    page_marks: PageMarks,
    credits: &mut Credits,
) {
    for &(sel, how, mark) in selectors {
        if credits.is_settled() {
            return;
        }
        if !page_marks.has(mark) {
            continue;
        }
        let marks = doc.select(sel);
        let names = marks
            .iter()
            .filter(|n| !in_comments(n))
            .take(10)
            .find_map(|n| {
                let t = collapsed_within(n.nodes().first()?, MAX_CREDIT_BYTES)?;
                let names =
                    byline::parse_byline_line(&t).unwrap_or_else(|| byline::split_marked_names(&t));
                (!names.is_empty()).then_some(names)
            });
        if let Some(names) = names {
            credits.offer(names, how);
        }
    }
}

/// Whether `node` sits in a comment thread (`comment-author vcard`, `#comments`):
/// its author marks name readers, not the article's author. (`<body>` is no
/// thread: themes mark it `comments-open` on every post.)
fn in_comments(node: &dom_query::Selection) -> bool {
    let commentish = |n: &dom_query::Selection| {
        let tag = n.nodes().first().and_then(|n| n.node_name());
        !matches!(tag.as_deref(), Some("html" | "body"))
            && ["class", "id"].iter().any(|a| {
                n.attr(a)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
            })
    };
    commentish(node) || node.ancestors(None).iter().any(|a| commentish(&a))
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// The page's `<meta>` elements that carry a `content`, read in one pass over
/// the page (a selector per key scanned it whole each time): per element, its
/// `property`, `name` or `http-equiv` key and its content, in page order.
struct Metas(Vec<(MetaKey, String, String)>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum MetaKey {
    Property,
    Name,
    HttpEquiv,
}

impl Metas {
    fn read(doc: &Document) -> Metas {
        let mut metas = Vec::new();
        for meta in doc.select("meta[content]").iter() {
            let Some(content) = meta.attr("content") else {
                continue;
            };
            for (key, attr) in [
                (MetaKey::Property, "property"),
                (MetaKey::Name, "name"),
                (MetaKey::HttpEquiv, "http-equiv"),
            ] {
                if let Some(value) = meta.attr(attr) {
                    metas.push((key, value.to_string(), content.to_string()));
                }
            }
        }
        Metas(metas)
    }

    /// Whether a read element's `key` is `value` (HTML compares `http-equiv`
    /// values ignoring case).
    fn is(element: &(MetaKey, String, String), key: MetaKey, value: &str) -> bool {
        element.0 == key
            && if key == MetaKey::HttpEquiv {
                element.1.eq_ignore_ascii_case(value)
            } else {
                element.1 == value
            }
    }

    /// The content of the first element whose `key` is `value`, empty or not.
    fn first(&self, key: MetaKey, value: &str) -> Option<&str> {
        let element = self.0.iter().find(|e| Metas::is(e, key, value))?;
        Some(element.2.as_str())
    }

    /// The first non-empty content among the keys, with the label of the one that matched.
    fn content(&self, keys: &[(MetaKey, &str, &'static str)]) -> Option<(String, &'static str)> {
        keys.iter().find_map(|&(key, value, how)| {
            self.0
                .iter()
                .filter(|e| Metas::is(e, key, value))
                .find_map(|e| non_empty(e.2.clone()))
                .map(|c| (c, how))
        })
    }
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

/// Names from a JSON-LD `author`: a string, an object with `name`, a reference
/// to a node of the page's JSON-LD by its `@id` (Yoast's `@graph` lists the
/// Person apart from the Article), or an array of them.
fn names_of(v: &Value, all_ld: &[Value]) -> Vec<String> {
    // Sites write HTML's character references into JSON-LD too (`Redacci&oacute;n`).
    let names = |s: &str| byline::split_marked_names(&super::entities::decode_entities(s));
    match v {
        Value::String(s) => names(s),
        Value::Object(m) => match m.get("name").and_then(Value::as_str) {
            Some(name) => names(name),
            None => m
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| node_with_id(all_ld, id))
                .and_then(|node| node.get("name"))
                .and_then(Value::as_str)
                .map(names)
                .unwrap_or_default(),
        },
        Value::Array(a) => a.iter().flat_map(|v| names_of(v, all_ld)).collect(),
        _ => Vec::new(),
    }
}

/// The JSON-LD object whose `@id` is `id`, looking inside arrays and `@graph`.
fn node_with_id<'a>(values: &'a [Value], id: &str) -> Option<&'a Value> {
    let mut stack: Vec<&Value> = values.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                if map.get("@id").and_then(Value::as_str) == Some(id) && map.contains_key("name") {
                    return Some(v);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    None
}

/// The author Yoast SEO writes as a Twitter card label: `twitter:label1` =
/// `Written by` (or `Geschrieben von`, `Verfasst von`), `twitter:data1` = the name.
fn twitter_written_by(metas: &Metas) -> Option<String> {
    (1..=4).find_map(|n| {
        let label = metas.first(MetaKey::Name, &format!("twitter:label{n}"))?;
        let label = label.trim().to_lowercase();
        if !matches!(
            label.as_str(),
            "written by" | "geschrieben von" | "verfasst von" | "écrit par" | "escrito por"
        ) {
            return None;
        }
        let data = metas.first(MetaKey::Name, &format!("twitter:data{n}"))?;
        non_empty(data.to_string())
    })
}

/// Of tags that word the headline apart (an SEO headline in JSON-LD, the
/// page's in og:title), the one the page shows whole as an `<h1>`; failing
/// that, an `<h1>` that ends a tag after the site's or section's name
/// (`BDZV: Olafur Eliasson gestaltet …` where og:title is the section,
/// `Pressemitteilungen`). `chosen` stays when the page shows it or holds no
/// such `<h1>`. Returns the title and where it came from.
fn headline_shown(
    h1s: &[String],
    chosen: String,
    how: &str,
    declared: [Option<(String, &'static str)>; 3],
) -> (String, String) {
    let shown = |t: &str| {
        let t = super::entities::decode_entities(t);
        h1s.iter().any(|h| super::title::same_words(h, &t))
    };
    // An `<h1>` before other parts is as often the blog's name as the post's.
    let holds_h1 = |t: &str| {
        let t = super::entities::decode_entities(t).to_lowercase();
        h1s.iter()
            .find(|h| {
                let h_lower = h.to_lowercase();
                h.split_whitespace().count() >= MIN_HELD_H1_WORDS
                    && t.strip_suffix(&h_lower).is_some_and(|before| {
                        before.split_whitespace().count() <= MAX_NAME_BEFORE_H1_WORDS
                    })
                    && super::title::is_whole_part(&t, &h_lower)
            })
            .cloned()
    };
    if shown(&chosen) {
        return (chosen, how.to_string());
    }
    let mut declared = declared.iter().flatten();
    if let Some((other, other_how)) = declared.clone().find(|(other, _)| shown(other)) {
        return (
            other.clone(),
            format!("{other_how}, the one the page shows as its <h1>"),
        );
    }
    if holds_h1(&chosen).is_some() {
        return (chosen, how.to_string());
    }
    match declared.find_map(|(other, other_how)| Some((holds_h1(other)?, other_how))) {
        Some((h1, other_how)) => (h1, format!("<h1>, a part of the {other_how}")),
        None => (chosen, how.to_string()),
    }
}

/// How many of a page's `<h1>`s are compared with its title: templates that
/// mark every teaser up as one have the article's first.
const MAX_H1S: usize = 5;

/// The fewest words of an `<h1>` taken out of a tag that holds it beside
/// other parts: shorter ones are sections and site names.
const MIN_HELD_H1_WORDS: usize = 3;

/// The most words of a site's or section's name before an `<h1>` in a tag.
const MAX_NAME_BEFORE_H1_WORDS: usize = 3;

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
