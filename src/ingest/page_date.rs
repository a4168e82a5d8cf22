//! The publication date of an HTML page, and where it was read.
//!
//! Structured sources come first (JSON-LD, meta tags, microdata), then what
//! the page shows: an element whose class or id marks it as a date, the
//! `<title>`. Published dates win over modified ones throughout: on the
//! trafilatura set's pages carrying both, the truth is the published one 69
//! times and the modified one 12 times.

use chrono::{Datelike, NaiveDate};
use dom_query::Document;
use regex::Regex;

use super::thread_regex::ThreadRegex;
use serde_json::Value;

use super::dates::{self, Zone};
use super::page_marks::{Mark, PageMarks};

/// `<meta>` keys (`name`, `property` or `itemprop`, lower-cased) that carry a
/// publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "article.published",
    "article:post_date",
    "publication_date",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "og:pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "uploaddate",
    "date.available",
];

/// JSON-LD keys that carry a publication date, best first.
const DATE_LD: &[&str] = &["datePublished", "dateCreated", "uploadDate"];

/// Words in a class or id that mark an element as showing a date (lower-cased).
const DATE_CLASS_WORDS: &[&str] = &[
    "date",
    "datum",
    "time",
    "publish",
    "posted",
    "submitted",
    "authored",
    "byline",
    "meta",
    "info",
    "fecha",
    "parution",
    "stand",
];

/// Visible date elements hold little text; a longer one is a container.
const MAX_DATE_ELEMENT_CHARS: usize = 250;

/// The page's publication date and a short description of where it was found.
/// Timestamps in UTC in JSON-LD and meta tags count in the readers' `zone`
/// (see `dates::Zone`).
pub fn find(
    doc: &Document,
    article_ld: Option<&Value>,
    all_ld: &[Value],
    marks: PageMarks,
    zone: Option<Zone>,
) -> Option<(NaiveDate, String)> {
    from_json_ld(article_ld, zone)
        .or_else(|| from_meta(doc, zone))
        .or_else(|| all_ld.iter().find_map(|v| from_json_ld_anywhere(v, zone)))
        // A shown element's stamp stays as written: its text is the day readers
        // see, and sites set to UTC stamp local times as UTC
        // (`<time datetime="2019-12-26T23:07:45+00:00">26/12/2019</time>`).
        .or_else(|| from_microdata(doc, marks))
}

/// Dates the page shows rather than declares.
#[derive(Debug, Default)]
pub struct Shown {
    /// From a date-marked element, the `<title>`, or a labelled date in the text.
    pub marked: Option<(NaiveDate, String)>,
    /// The first date anywhere in the text, when nothing is marked: the last resort.
    pub anywhere: Option<(NaiveDate, String)>,
}

/// What the page shows: date-marked elements, then the `<title>`, then a date
/// labelled in its text; else the first date anywhere in that text.
pub fn find_shown(doc: &Document) -> Shown {
    let marked = from_date_elements(doc)
        .or_else(|| {
            dates::parse_date(&super::html_meta::page_title(doc))
                .map(|d| (d, "<title> text".to_string()))
        })
        .filter(|(d, _)| d.year() >= FIRST_WEB_YEAR);
    if marked.is_some() {
        return Shown {
            marked,
            anywhere: None,
        };
    }
    // Formatted, so that elements do not run together (`Datum:26. Januar 2022Pressemitteilung`).
    let text = doc.select("body").formatted_text();
    match from_labelled_text(&text) {
        Some(labelled) => Shown {
            marked: Some(labelled),
            anywhere: None,
        },
        None => Shown {
            marked: None,
            anywhere: first_in_text(&text),
        },
    }
}

/// The first date anywhere in the page's text: the last resort.
fn first_in_text(text: &str) -> Option<(NaiveDate, String)> {
    text.lines()
        .filter_map(dates::parse_date)
        .find(|d| d.year() >= FIRST_WEB_YEAR)
        .map(|d| (d, "first date in the page text".to_string()))
}

/// Words that announce a publication date in running page text.
static DATE_LABEL: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:veröffentlicht|erstellt|publiziert|aktualisiert|stand|datum|published|posted|updated|publié|publicado|pubblicato)(?:\s+(?:am|on|le|el|il))?\s*[:\-–]?\s*|(?-u:\b)(?:am|on)\s+").unwrap()
});

/// The first date right after a label (`Erstellt am: 01.11.2023`, `Posted on
/// March 3, 2019`, `dpa am 25.01.2022`) in the page's text.
fn from_labelled_text(text: &str) -> Option<(NaiveDate, String)> {
    DATE_LABEL.get().find_iter(text).find_map(|label| {
        let after: String = text[label.end()..].chars().take(40).collect();
        let date = dates::dateline(&after).filter(|d| d.year() >= FIRST_WEB_YEAR)?;
        Some((date, "labelled date in the page text".to_string()))
    })
}

/// Text dates before this year on a web page are history, not its publication
/// (or two fields run together: `28.09.19` + `12:30` reads 1912).
const FIRST_WEB_YEAR: i32 = 1995;

fn from_json_ld(article: Option<&Value>, zone: Option<Zone>) -> Option<(NaiveDate, String)> {
    let article = article?;
    DATE_LD.iter().find_map(|key| {
        let date = dates::parse_date_in(article.get(*key)?.as_str()?, zone)?;
        Some((date, format!("json-ld {key}")))
    })
}

/// A date key in any JSON-LD object (a `WebPage` in a `@graph` often carries it
/// when the article object does not).
fn from_json_ld_anywhere(value: &Value, zone: Option<Zone>) -> Option<(NaiveDate, String)> {
    match value {
        Value::Array(items) => items.iter().find_map(|v| from_json_ld_anywhere(v, zone)),
        Value::Object(map) => from_json_ld(Some(value), zone)
            .or_else(|| map.values().find_map(|v| from_json_ld_anywhere(v, zone))),
        _ => None,
    }
}

fn from_meta(doc: &Document, zone: Option<Zone>) -> Option<(NaiveDate, String)> {
    let mut best: Option<(usize, NaiveDate)> = None;
    for meta in doc.select("meta[content]").iter() {
        let key = ["property", "name", "itemprop"]
            .iter()
            .find_map(|attr| meta.attr(attr))
            .map(|k| k.to_lowercase());
        let Some(rank) = key.and_then(|k| DATE_META.iter().position(|m| *m == k)) else {
            continue;
        };
        if best.is_some_and(|(b, _)| b <= rank) {
            continue;
        }
        let content = meta.attr("content");
        if let Some(date) = content.and_then(|c| dates::parse_date_in(&c, zone)) {
            best = Some((rank, date));
        }
    }
    best.map(|(rank, date)| (date, format!("meta {}", DATE_META[rank])))
}

/// Microdata and RDFa attributes, `<time datetime>`, `<abbr title>`.
/// Each selector runs only if the page carries the mark it needs.
fn from_microdata(doc: &Document, marks: PageMarks) -> Option<(NaiveDate, String)> {
    use Mark::{DateClass, Itemprop, Property, TimeElement};
    const ATTRIBUTED: &[(&str, &str, &str, Mark)] = &[
        (
            "[itemprop='datePublished']",
            "content",
            "itemprop datePublished",
            Itemprop,
        ),
        (
            "[itemprop='datePublished']",
            "datetime",
            "itemprop datePublished",
            Itemprop,
        ),
        (
            "[property='schema:datePublished']",
            "content",
            "rdfa schema:datePublished",
            Property,
        ),
        (
            "[property='schema:dateCreated']",
            "content",
            "rdfa schema:dateCreated",
            Property,
        ),
        ("[property='dc:date']", "content", "rdfa dc:date", Property),
        ("time[pubdate]", "datetime", "<time pubdate>", TimeElement),
        ("time[datetime]", "datetime", "<time datetime>", TimeElement),
        (
            "abbr.published",
            "title",
            "<abbr class=published>",
            DateClass,
        ),
        (
            ".published[title]",
            "title",
            "title of .published",
            DateClass,
        ),
        (".updated[title]", "title", "title of .updated", DateClass),
        (
            "[itemprop='dateCreated']",
            "content",
            "itemprop dateCreated",
            Itemprop,
        ),
    ];
    ATTRIBUTED
        .iter()
        .filter(|&&(.., mark)| marks.has(mark))
        .find_map(|(selector, attr, how, _)| {
            doc.select(selector).iter().find_map(|node| {
                let date = dates::parse_date(&node.attr(attr)?)?;
                Some((date, how.to_string()))
            })
        })
}

/// The first short element, in page order, whose class or id says it shows a date.
fn from_date_elements(doc: &Document) -> Option<(NaiveDate, String)> {
    doc.select("body *").iter().find_map(|node| {
        let marks = [node.attr("class"), node.attr("id")];
        let marked = marks.iter().flatten().find(|value| {
            let lower = value.to_lowercase();
            DATE_CLASS_WORDS.iter().any(|w| lower.contains(w))
        })?;
        let text = node.text();
        if text.chars().count() > MAX_DATE_ELEMENT_CHARS {
            return None;
        }
        let date = dates::parse_date(&text)?;
        let first_class = marked.split_whitespace().next().unwrap_or_default();
        Some((date, format!("page text (element .{first_class})")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(html: &str) -> Option<(NaiveDate, String)> {
        let doc = Document::from(html);
        let ld: Vec<Value> = doc
            .select("script[type='application/ld+json']")
            .iter()
            .filter_map(|s| serde_json::from_str(&s.text()).ok())
            .collect();
        find(&doc, None, &ld, PageMarks::read(&doc), None).or_else(|| find_shown(&doc).marked)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn published_meta_beats_a_generic_date_key_in_any_order() {
        let page = r#"<html><head><meta name="date" content="2021-01-02">
            <meta property="article:published_time" content="2020-07-10T08:00:00Z"></head></html>"#;
        assert_eq!(
            date(page),
            Some((ymd(2020, 7, 10), "meta article:published_time".into()))
        );
    }

    #[test]
    fn json_ld_date_on_a_web_page_object_counts() {
        let page = r#"<html><head><script type="application/ld+json">{"@graph":[
            {"@type":"WebPage","datePublished":"2019-09-17T14:54:31+02:00"},
            {"@type":"ImageObject","url":"x"}]}</script></head></html>"#;
        assert_eq!(
            date(page),
            Some((ymd(2019, 9, 17), "json-ld datePublished".into()))
        );
    }

    #[test]
    fn a_date_marked_element_is_read_but_history_and_containers_are_not() {
        let page = r#"<html><body><div class="site-info">Home · News · Sport</div>
            <h1>Gute Löhne</h1><span class="_publishingdate">07.11.2023</span></body></html>"#;
        assert_eq!(date(page).map(|(d, _)| d), Some(ymd(2023, 11, 7)));
        let labelled = r#"<html><body><div class="articleCreationDate"><span>Erstellt am</span><span>09.02.2022</span></div></body></html>"#;
        assert_eq!(date(labelled).map(|(d, _)| d), Some(ymd(2022, 2, 9)));
        // A day and a time run together read as 1912: not a web page's date.
        let run_together = r#"<html><body><div class="meta"><span>28.09.19</span><span>12:30</span></div></body></html>"#;
        assert_eq!(date(run_together), None);
    }

    #[test]
    fn labelled_dates_then_any_date_in_the_text() {
        let labelled = r#"<html><body><div><p>Das Trinkwasser ist belastet.</p>
            <p>Erstellt am: 01.11.2023</p></div></body></html>"#;
        assert_eq!(
            find_shown(&Document::from(labelled)).marked,
            Some((ymd(2023, 11, 1), "labelled date in the page text".into()))
        );
        let bare = r#"<html><body><p>Konzert-Kalender</p><p>02.11.2022 - Placebo - Stadthalle</p></body></html>"#;
        let doc = Document::from(bare);
        let shown = find_shown(&doc);
        assert_eq!(shown.marked, None);
        assert_eq!(shown.anywhere.map(|(d, _)| d), Some(ymd(2022, 11, 2)));
    }
}
