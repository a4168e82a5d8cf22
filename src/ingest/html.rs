//! Raw HTML pages: metadata from the head (JSON-LD, OpenGraph, meta tags) and
//! the article body from `dom_smoothie` (a Readability port), with html2text
//! plus the block classifier as the fallback when no article is found.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::markdown::collapse;
use super::scrape::Scraped;
use super::thread_regex::ThreadRegex;
use super::{
    blocks, body_edges, byline, chrome, dates, html_meta, lang, markup, outlet, page_date, text,
    title,
};

/// Below this many characters, the extractor's article is taken as a miss.
const MIN_ARTICLE_CHARS: usize = 200;
/// How many of the article's first lines may be its byline.
const BYLINE_LINES: usize = 3;
/// A page with no other date is taken to be of the first date this far into its body.
const LEAD_DATE_CHARS: usize = 600;

/// Extracts metadata and body from an HTML page.
pub fn extract(html: &str) -> Scraped {
    let repaired = repair_title(html);
    let html = &*markup::without_code(&repaired);
    let doc = Document::from(html);
    let meta = html_meta::read(&doc);
    // Readability consumes and rewrites the parsed page: read the dates it shows first.
    let shown = if meta.date.is_none() {
        page_date::find_shown(&doc)
    } else {
        page_date::Shown::default()
    };
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let absolute_url = meta.url.clone().filter(|u| u.starts_with("http"));
    prepare_for_extraction(&doc, html);
    let article = Readability::with_document(doc, absolute_url.as_deref(), Some(config.clone()))
        .or_else(|_| Readability::with_document(Document::from(html), None, Some(config)))
        .ok()
        .and_then(|mut r| r.parse().ok());

    let (mut body, body_bylines) = article
        .as_ref()
        .map(|a| paragraphs(&a.text_content, &meta.asides))
        .unwrap_or_default();
    if body.chars().count() < MIN_ARTICLE_CHARS {
        let fallback = fallback_body(html, body.lines().next());
        if fallback.chars().count() > body.chars().count() {
            body = fallback;
        }
    }

    let mut origins = meta.origins;
    let declared_title = meta.title.clone();
    let title = meta
        .title
        .or_else(|| {
            let t = article.as_ref().map(|a| a.title.clone())?;
            origins.title = Some("readability title".into());
            Some(t)
        })
        // An unclosed <title> swallows the page's markup as text: keep what came before it.
        .map(|t| match t.find('<') {
            Some(cut) if t[cut..].contains('>') => t[..cut].trim().to_string(),
            _ => t,
        })
        .map(|t| title::strip_site_parts(&t, meta.site_name.as_deref(), meta.url.as_deref()))
        .filter(|t| !t.is_empty());
    let weak = title::is_weak(
        title.as_deref(),
        declared_title.as_deref(),
        meta.site_name.as_deref(),
        meta.url.as_deref(),
        &body,
    );
    let title = match title {
        Some(t) if !weak => match title::part_sharing_lead(&t, &body) {
            // The page's `<h1>` shows the title whole: every part is the headline's.
            Some(_) if meta.title_shown => {
                origins.title = origins
                    .title
                    .map(|o| format!("{o}, shown whole as the page's <h1>"));
                Some(t)
            }
            Some(part) => {
                origins.title = origins
                    .title
                    .map(|o| format!("{o}, the part about the lead"));
                Some(part)
            }
            None => Some(t),
        },
        other => other,
    };
    let title = if weak {
        // A heading the lead takes up, or else the headline the body opens
        // with (an `<h1>` of `News` over it). In the other order, a quote
        // opening the lead passed for the headline over a weak title.
        match title::headline_from_lead(&meta.headings, &body) {
            Some(headline) => {
                origins.title = Some("page heading sharing the lead's words".into());
                Some(headline)
            }
            None => match title::opening_headline(&body) {
                Some(headline) => {
                    origins.title = Some("the body's opening headline".into());
                    Some(headline)
                }
                None => title,
            },
        }
    } else {
        // A title sharing no word with the lead may still be the headline
        // (`Mirror, Mirror`), unless it reads as a name and the page marks up
        // another that does: `<title>Cape Argus</title>` over `<h1
        // class="ArticleHeadline">`. (`Share buttons removal test` stays.)
        let named = title
            .as_deref()
            .is_some_and(|t| title::reads_as_name(t) && !title::shares_lead(t, &body));
        let marked = named
            .then(|| title::headline_from_lead(meta.headline.as_slice(), &body))
            .flatten();
        // A masthead (`Winona Daily News - 6.0`, `The Hindu News Update
        // Service`) over a body that opens with its own headline: that headline.
        let masthead = named
            && title.as_deref().is_some_and(|t| {
                title::is_masthead(t, meta.site_name.as_deref(), meta.url.as_deref())
            });
        // Failing that, a heading the lead takes up: old pages set their
        // headline in a `<span class="headingstory">` or a `<td>`, not an `<h1>`.
        let opening = (masthead && marked.is_none())
            .then(|| {
                let opening = title::opening_headline(&body);
                let opening = opening.map(|h| (h, "the body's opening headline"));
                opening.or_else(|| {
                    let heading = title::headline_from_lead(&meta.headings, &body)?;
                    Some((heading, "page heading sharing the lead's words"))
                })
            })
            .flatten();
        match (marked, opening) {
            (Some(headline), _) => {
                origins.title = Some("marked-up headline sharing the lead's words".into());
                Some(headline)
            }
            (None, Some((headline, how))) => {
                origins.title = Some(how.into());
                Some(headline)
            }
            (None, None) => title,
        }
    };
    let title = title.map(|t| match title::as_the_page_spells_it(&t, &meta.headings) {
        Some(spelled) => {
            origins.title = origins
                .title
                .take()
                .map(|o| format!("{o}, spelled as the page's heading"));
            spelled
        }
        None => t,
    });
    if title.is_none() {
        origins.title = None;
    }
    let date = meta.date.or_else(|| {
        let (date, how) = article
            .as_ref()
            .and_then(|a| a.published_time.as_deref())
            .and_then(dates::parse_date)
            .map(|d| (d, "readability published time".to_string()))
            .or_else(|| {
                let d = meta.url.as_deref().and_then(dates::date_from_url)?;
                Some((d, "url path".to_string()))
            })
            .or(shown.marked)
            .or_else(|| {
                let d = body.lines().take(5).find_map(dates::dateline)?;
                Some((d, "dateline in the body".to_string()))
            })
            .or_else(|| {
                let lead: String = body.chars().take(LEAD_DATE_CHARS).collect();
                let d = dates::parse_date(&lead)?;
                Some((d, "date in the body's lead".to_string()))
            })
            .or(shown.anywhere)?;
        origins.date = Some(how);
        Some(date)
    });
    let mut credits = meta.credits;
    let readability_byline = article.as_ref().and_then(|a| a.byline.as_deref());
    if let Some(b) = readability_byline.filter(|b| !is_comment_header(b) && !is_dateline(b)) {
        let names = byline::parse_byline_line(b).unwrap_or_else(|| byline::split_names(b));
        credits.offer(names, "readability byline");
    }
    if let Some(names) = meta.credit_line {
        credits.offer(names, "credit line in the page");
    }
    for names in body_bylines {
        credits.offer(names, "byline line atop the body");
    }
    let (authors, authors_origin) = credits.finish();
    origins.authors = authors_origin;
    let source = match &meta.url {
        Some(u) if outlet::is_known_host(u) => {
            origins.source = Some("url host (known outlet)".into());
            outlet::name_for_url(u)
        }
        _ => meta
            .site_name
            .map(|s| outlet::canonical_name(&s))
            .or_else(|| {
                let name = meta.url.as_deref().and_then(outlet::name_for_url)?;
                origins.source = Some("url host".into());
                Some(name)
            }),
    };
    let lang = meta.lang.or_else(|| {
        let l = lang::detect(&body)?;
        origins.lang = Some("language detection on the body".into());
        Some(l)
    });
    // The title, date and bylines above are read from the body as Readability
    // found it; the body stored is the article's prose, led by its deck.
    let mut body = body_edges::without_trailing_labels(body_edges::without_date_lines(body));
    if let Some(standfirst) = &meta.standfirst {
        body = body_edges::with_standfirst(body, standfirst);
    }
    Scraped {
        title,
        date,
        authors,
        source,
        url: meta.url,
        lang,
        body,
        origins,
    }
}

/// Cookie and consent banners, and the like: short boxes of boilerplate prose
/// that Readability can take for the article on a page whose article is
/// split into many small paragraphs. Elements whose class or id holds one of
/// these, in any case.
const NOTICE_NAMES: &[&str] = &["cookie", "consent", "gdpr", "disclosure", "author"];
/// Class or id names that blog plugins give their boxes of share and like
/// buttons (Jetpack's `sharedaddy`, Shariff, AddToAny), related-post lists
/// (Jetpack, YARPP, Contextual Related Posts) and the comment form; WordPress
/// marks what is not content `robots-nocontent`. On a short post Readability
/// keeps them with it.
const PLUGIN_BOX_NAMES: &[&str] = &[
    "sharedaddy",
    "jp-relatedposts",
    "comment-respond",
    "robots-nocontent",
    "shariff",
    "addtoany",
    "a2a_kit",
    "yarpp-related",
    "crp_related",
];
/// Class or id parts of a box about the author (bio, photo, other posts): on a
/// page whose article is short, Readability takes the bio for the article.
const AUTHOR_BOX_NAMES: &[&str] = &[
    "author-info",
    "author-bio",
    "authorbio",
    "about-author",
    "about-the-author",
    "author-box",
    "authorbox",
    "author-description",
    "author_info",
    "author_bio",
    "author_box",
];
/// A notice longer than this is no banner (or the class names the whole page).
const MAX_NOTICE_CHARS: usize = 2_000;
/// What a cookie notice's class or id adds to `cookie`; alone, `cookie` may
/// name a recipe (`cookie-recipe-card`).
const COOKIE_NOTICE_WORDS: &[&str] = &[
    "banner",
    "notice",
    "consent",
    "law",
    "bar",
    "policy",
    "hint",
    "info",
    "message",
    "popup",
    "modal",
    "dialog",
    "overlay",
    "layer",
    "accept",
    "warning",
    "setting",
    "customiz",
    "preference",
];
/// …or what its text says, which a recipe never does.
const COOKIE_NOTICE_TEXT: &[&str] = &[
    "website",
    "webseite",
    "browser",
    "privacy",
    "datenschutz",
    "einverstanden",
    "zustimm",
    "akzeptier",
    "accept",
    "consent",
    "site web",
    "navegador",
    "privacidad",
];

/// Removes the page's notices (see `NOTICE_NAMES`), plugin boxes (see
/// `PLUGIN_BOX_NAMES`) and forms before the article is
/// looked for: Readability takes a newsletter or comment form, all labels and
/// prompts, for the article on pages whose article is short or split up.
fn remove_notices(doc: &Document) {
    // One pass over the named elements, each name searched for all notice
    // names at once: as a selector (`[class*='cookie' i], …`) every element was
    // matched once per name.
    static NAMED: ThreadRegex = ThreadRegex::new(|| {
        let names: Vec<String> = NOTICE_NAMES
            .iter()
            .chain(PLUGIN_BOX_NAMES)
            .map(|name| regex::escape(name))
            .collect();
        regex::Regex::new(&format!("(?i-u){}", names.join("|"))).expect("notice names")
    });
    let named = doc.select("[class], [id]");
    let notices: Vec<_> = named
        .iter()
        .filter_map(|node| {
            let (class, id) = (node.attr("class"), node.attr("id"));
            let listed = [&class, &id]
                .into_iter()
                .flatten()
                .any(|value| NAMED.get().is_match(value));
            listed.then(|| {
                let names = format!("{} {}", class.unwrap_or_default(), id.unwrap_or_default());
                (node, names.to_ascii_lowercase())
            })
        })
        .collect();
    for (node, names) in notices {
        let tag = node.nodes().first().and_then(|n| n.node_name());
        if matches!(tag.as_deref(), Some("html" | "body" | "main" | "article")) {
            continue;
        }
        let text = node.text();
        if text.chars().count() > MAX_NOTICE_CHARS {
            continue;
        }
        let says_notice = || {
            let text = text.to_lowercase();
            COOKIE_NOTICE_TEXT.iter().any(|w| text.contains(w))
        };
        let notice = ["consent", "gdpr", "disclosure"]
            .iter()
            .any(|w| names.contains(w))
            || AUTHOR_BOX_NAMES.iter().any(|w| names.contains(w))
            || PLUGIN_BOX_NAMES.iter().any(|w| names.contains(w))
            || (names.contains("cookie")
                && (COOKIE_NOTICE_WORDS.iter().any(|w| names.contains(w)) || says_notice()));
        if notice {
            node.remove();
        }
    }
    // A form with fields is a box (comment, newsletter or search form) unless
    // it holds most of the page (ASP.NET wraps whole pages in one) or holds
    // an article: some sites wrap only the central column in theirs.
    let mut page_len = None;
    for form in doc.select("form").iter() {
        let fields =
            form.select("textarea, select, input:not([type='hidden' i]):not([type='submit' i])");
        if fields.length() == 0 || holds_article(&form) {
            continue;
        }
        let page_len = *page_len.get_or_insert_with(|| visible_len(&doc.select("body").text()));
        if visible_len(&form.text()) * 2 < page_len {
            form.remove();
        }
    }
}

/// What leaves the parsed page before its article is looked for, by
/// Readability or by the fallback: ruby readings, notices and forms.
fn prepare_for_extraction(doc: &Document, html: &str) {
    remove_ruby_annotations(doc, html);
    remove_notices(doc);
}

/// Removes ruby annotations (`<rt>`, `<rp>`): the readings printed over
/// Japanese or Chinese words (`<ruby>子<rt>こ</rt></ruby>ども`) are a reading aid,
/// and left in they split every annotated word of the text (`子こども`), so
/// neither a phrase from the article nor the word itself is found.
fn remove_ruby_annotations(doc: &Document, html: &str) {
    let bytes = html.as_bytes();
    let annotated = ["<rt", "<RT", "<rp", "<RP"]
        .iter()
        .any(|tag| memchr::memmem::find(bytes, tag.as_bytes()).is_some());
    if annotated {
        doc.select("rt, rp").remove();
    }
}

/// Paragraphs of prose that make a form more than a box: an article's.
const ARTICLE_PARAGRAPHS: usize = 3;
/// Visible characters of such a paragraph.
const ARTICLE_PARAGRAPH_CHARS: usize = 150;

/// Verbs that end a comment's header (`Auslandsoesi sagt:`, `Jane says:`).
const COMMENT_HEADER_VERBS: &[&str] = &["says", "said", "sagt", "schreibt", "dice", "dit", "zegt"];

/// Whether a byline is a reader's comment header, `NAME says:`: Readability
/// takes one for the byline of a page whose author is marked up nowhere.
fn is_comment_header(byline: &str) -> bool {
    let last = byline
        .trim_end()
        .trim_end_matches(':')
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    COMMENT_HEADER_VERBS.contains(&last.to_lowercase().as_str())
}

/// Whether a byline is the story's dateline (`NEW YORK -`, `RENO, Nev. -`), which
/// leads into the first sentence with a dash; Readability takes it for a byline.
fn is_dateline(byline: &str) -> bool {
    byline.trim_end().ends_with(['-', '–', '—'])
}

/// Whether `node` holds an `<article>` or paragraphs of prose enough to be one.
fn holds_article(node: &dom_query::Selection) -> bool {
    node.select("article").length() > 0
        || node
            .select("p")
            .iter()
            .filter(|p| visible_len(&p.text()) >= ARTICLE_PARAGRAPH_CHARS)
            .take(ARTICLE_PARAGRAPHS)
            .count()
            >= ARTICLE_PARAGRAPHS
}

/// Bytes of `text` that are not white space: mark-up indentation is not text.
fn visible_len(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// Closes a `<title>` whose end tag is missing or mangled. Browsers read a
/// title as raw text up to `</title>`, so without one the whole page becomes
/// the title and the article is lost; real titles never hold tags.
fn repair_title(html: &str) -> std::borrow::Cow<'_, str> {
    let mut head_end = html.len().min(64 * 1024);
    while !html.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let lower_head = html[..head_end].to_ascii_lowercase();
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

/// Whole-page text through the block classifier, for pages the extractor cannot
/// read. When the extractor's short text (its first line, `lead`) sits in a blog
/// post's container, only that container is read: a post of three lines is
/// short, but the page around it is a blog's sidebar of links and archives.
fn fallback_body(html: &str, lead: Option<&str>) -> String {
    // The page again, without its notices (Readability consumed the first parse).
    let doc = Document::from(html);
    prepare_for_extraction(&doc, html);
    let html = match lead.and_then(|lead| entry_holding(&doc, lead)) {
        Some(entry) => entry.html().to_string(),
        _ => doc.html().to_string(),
    };
    let Ok(rendered) =
        html2text::config::plain_no_decorate().string_from_read(html.as_bytes(), 10_000)
    else {
        return String::new();
    };
    let blocks = text::to_blocks(&rendered);
    let stopwords = lang::Stopwords::for_lang(lang::detect(&rendered).as_deref());
    blocks::main_content(blocks, stopwords, None)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Class names that mark a blog post's container: hAtom's `hentry` and
/// `entry-content`, and the `post-content` of many themes.
const ENTRY_CLASSES: &[&str] = &["hentry", "entry-content", "post-content"];

/// The post container (see `ENTRY_CLASSES`) around the text node that starts `lead`.
fn entry_holding<'a>(doc: &'a Document, lead: &str) -> Option<dom_query::Selection<'a>> {
    let lead = collapse(lead);
    let opening: String = lead.chars().take(40).collect();
    if opening.chars().count() < 10 {
        return None;
    }
    let body = doc.select("body");
    let body = body.nodes().first()?;
    let text = body.descendants_it().find(|node| {
        node.is_text() && {
            let text = collapse(&node.text());
            text.chars().count() >= 10 && (opening.starts_with(&text) || text.starts_with(&opening))
        }
    })?;
    let entry = text.ancestors_it(None).find(|element| {
        element.attr("class").is_some_and(|class| {
            class
                .split_whitespace()
                .any(|name| ENTRY_CLASSES.contains(&name.to_ascii_lowercase().as_str()))
        })
    })?;
    Some(dom_query::Selection::from(entry))
}

/// One paragraph per non-empty line, chrome lines dropped, separated by blank lines.
/// Readability keeps what sits inside the article's container: captions and
/// photo credits, links to other stories, the dateline. A line that is exactly
/// one of the page's captions or links (`asides`, see `html_meta`) goes too.
/// Comments and further-reading lists after the article end it, as in text scrapes.
/// A byline among the first lines (`By JEFF KAROUB`) is metadata: it leaves the
/// body, and its names are returned to be offered as authors.
fn paragraphs(text: &str, asides: &html_meta::Asides) -> (String, Vec<Vec<String>>) {
    let lines: Vec<String> = text
        .lines()
        .map(collapse)
        .filter(|l| {
            !l.is_empty() && !chrome::is_chrome(l) && !chrome::is_caption(l) && !asides.holds(l)
        })
        .collect();
    let mut bylines = Vec::new();
    let mut texts: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        match (i < BYLINE_LINES)
            .then(|| byline::credit_line(line))
            .flatten()
        {
            Some(names) => bylines.push(names),
            None => texts.push(line),
        }
    }
    let end = blocks::article_end(&texts, &vec![true; texts.len()]).unwrap_or(texts.len());
    (texts[..end].join("\n\n"), bylines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn comment_headers_and_datelines_are_no_bylines() {
        assert!(is_comment_header("Auslandsoesi sagt:"));
        assert!(is_comment_header("Jane Doe says"));
        assert!(!is_comment_header("By Jane Doe"));
        assert!(!is_comment_header("Gregory Lipinski"));
        assert!(is_dateline("RENO, Nev. -"));
        assert!(!is_dateline("By Jane Doe"));
    }

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
        // A JSON-LD headline cut to 110 characters, whole in og:title (scmp.com).
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle",
            "headline":"Tsai Ing-wen's playbook should be essential reading for Hong Kong leader..."}</script>
            <meta property="og:site_name" content="South China Morning Post">
            <meta property="og:title" content="Tsai Ing-wen's playbook should be essential reading for Hong Kong leader Carrie Lam | South China Morning Post">
            </head><body><p>Text.</p></body></html>"#;
        assert_eq!(
            extract(page).title.as_deref(),
            Some("Tsai Ing-wen's playbook should be essential reading for Hong Kong leader Carrie Lam")
        );
        // An og:title cut at a quote the site left unescaped (eluniversal.com).
        let page = "<html><head><title>Senador califica a Biden de \"incapacitado\"</title>\
            <meta property=\"og:title\" content=\"Senador califica a Biden de \"incapacitado\"\" />\
            </head><body><p>Text.</p></body></html>";
        assert_eq!(
            extract(page).title.as_deref(),
            Some("Senador califica a Biden de \"incapacitado\"")
        );
    }

    /// Meta tags are read by key: OpenGraph properties, names, and `http-equiv`
    /// whatever its case; an empty one gives way to the next.
    #[test]
    fn meta_tags_by_key() {
        let page = "<html><head><meta property=\"og:title\" content=\" \">\
            <meta name=\"twitter:title\" content=\"Der Stadtrat tagt\">\
            <meta http-equiv=\"Content-Language\" content=\"de\">\
            <meta name=\"twitter:label1\" content=\"Geschrieben von\">\
            <meta name=\"twitter:data1\" content=\"Erika Muster\">\
            </head><body><article><p>Der Stadtrat hat am Dienstag beschlossen, die alte Brücke \
            für Autos zu sperren, und der Bürgermeister sagte, der Neubau beginne im Frühjahr, \
            sobald das Geld des Landes gezahlt und die Pläne genehmigt seien.</p></article>\
            </body></html>";
        let s = extract(page);
        assert_eq!(s.title.as_deref(), Some("Der Stadtrat tagt"));
        assert_eq!(s.lang.as_deref(), Some("de"));
        assert_eq!(s.authors, vec!["Erika Muster"]);
    }

    /// A search form around the article column (and a big menu outside it) is
    /// no box to remove: the article is in it.
    #[test]
    fn a_form_around_the_article_column_is_kept() {
        let paragraph = "<p>The council voted on Tuesday to close the old bridge to cars, and \
            the mayor said that work on a new one would start in the spring, once the money \
            from the state has been paid and the plans have been approved.</p>";
        let menu: String = (0..120)
            .map(|i| format!("<li><a href=\"/s{i}\">Section number {i} of the site</a></li>"))
            .collect();
        let page = format!(
            "<html><body><nav><ul>{menu}</ul></nav><form action=\"/search\">\
             <input type=\"text\" name=\"q\"><div class=\"story\">{}</div></form>\
             </body></html>",
            paragraph.repeat(4)
        );
        let body = extract(&page).body;
        assert!(body.contains("The council voted on Tuesday"), "{body}");
    }

    /// Ruby readings leave the text, on the Readability path and the fallback.
    #[test]
    fn ruby_readings_leave_the_text() {
        let line = "<p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt>\
            <rp>)</rp></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>";
        for paragraphs in [12, 1] {
            let page = format!(
                "<html><body><article>{}</article></body></html>",
                line.repeat(paragraphs)
            );
            let body = extract(&page).body;
            assert!(
                body.contains("子どもへの虐待をなくすための法律ができました。"),
                "{body}"
            );
            assert!(
                !body.contains("ぎゃくたい") && !body.contains('('),
                "{body}"
            );
        }
    }

    /// A consent banner is never the article, however much prose it holds.
    #[test]
    fn a_cookie_banner_is_not_the_article() {
        let banner = "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten. \
            Wenn Sie die Website weiterhin nutzen, stimmen Sie der Verwendung von Cookies zu, \
            und Sie können Ihre Einstellungen jederzeit in den Datenschutzhinweisen ändern. ";
        let post =
            "<p>Presseförderung: Eine Studie zweifelt an der Stütze vom Staat für Verlage.</p>\
            <p>Die Förderung, heißt es dort, erreiche vor allem die großen Häuser des Landes.</p>\
            <p>Kleine Redaktionen gingen leer aus, schreibt netzpolitik.org in einer Analyse.</p>";
        let under_banner = |post: &str| {
            format!(
                "<html><body><div id=\"cookie-law-info-bar\"><p>{}</p></div>\
                 <div class=\"entry-content\">{post}</div></body></html>",
                banner.repeat(2)
            )
        };
        // Nor when the post is too short for Readability and the whole page is read.
        for post in [post, "<p>Presseförderung: Studie zweifelt.</p>"] {
            let body = extract(&under_banner(post)).body;
            assert!(body.contains("Presseförderung"), "{body}");
            assert!(!body.contains("Cookies"), "{body}");
        }
        // A recipe card named after its cookies stays.
        let recipe = "<p>Cream the butter and sugar until pale, then beat in the egg and the \
            vanilla, and fold in the flour, the salt and the chocolate chips.</p>\
            <p>Bake the cookies at 180 degrees for twelve minutes, until golden at the edges.</p>";
        let page =
            format!("<html><body><div class=\"cookie-recipe-card\">{recipe}</div></body></html>");
        let body = extract(&page).body;
        assert!(body.contains("Bake the cookies"), "{body}");
    }

    /// Author mark-up found where the common publishing tools put it.
    #[test]
    fn authors_from_yoast_graphs_twitter_labels_and_author_cards() {
        let article = "<p>The council voted on Tuesday to close the old bridge for repairs, \
            and the work will take most of the summer, officials said at a meeting.</p>";
        let page = |head: &str, body: &str| {
            format!(
                "<html><head>{head}</head><body class=\"single-post comments-open\"><article>{article}{body}</article></body></html>"
            )
        };
        // Yoast's @graph: the Article points at a Person node by its @id.
        let yoast = page(
            r#"<script type="application/ld+json">{"@graph":[
            {"@type":"NewsArticle","headline":"Bridge","author":{"@id":"https://x.org/#/person/1"}},
            {"@type":"Person","@id":"https://x.org/#/person/1","name":"Lewis White"}]}</script>"#,
            "",
        );
        assert_eq!(extract(&yoast).authors, vec!["Lewis White"]);
        let twitter = page(
            r#"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="PETA-Team">"#,
            "",
        );
        assert_eq!(extract(&twitter).authors, vec!["PETA-Team"]);
        // A reader's card in the comments names no author of the article.
        let comments = page(
            "",
            r#"<ol class="commentlist"><li><div class="comment-author vcard"><cite class="fn">Kersti Wolnow</cite></div></li></ol>
            <p class="byline">von <span class="author vcard"><span class="fn">Michel Weber</span></span></p>"#,
        );
        assert_eq!(extract(&comments).authors, vec!["Michel Weber"]);
    }

    #[test]
    fn captions_credits_and_links_to_other_stories_are_not_the_article() {
        let page = r#"<html><body><article><h1>Plague fears</h1>
<p>Two people died after eating raw marmot meat in western Mongolia, officials said on Tuesday, and the region was placed under quarantine.</p>
<figure><img src="a.jpg"><figcaption>A 14th century plague doctor (Image: GETTY)</figcaption></figure>
<p><a href="/other">Tech travel checklist: essential accessories</a></p>
<p>Health officials said the couple had eaten the meat raw in the belief that it was good for their health, which doctors say is a dangerous myth.</p>
<h2>What the doctors advise now</h2>
<p>Doctors advise travellers to the region to avoid hunting marmots and to seek care at once if they develop a fever after contact with rodents.</p>
</article><nav><a href="/plague.html#what_the_doctors_advise_now">What the doctors advise now</a></nav></body></html>"#;
        let body = extract(page).body;
        assert!(body.contains("Two people died"), "{body}");
        assert!(body.contains("Health officials said"), "{body}");
        assert!(!body.contains("plague doctor"), "{body}");
        assert!(!body.contains("Tech travel checklist"), "{body}");
        // A table of contents links to the article's own heading, which stays.
        assert!(body.contains("What the doctors advise now"), "{body}");
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
}
