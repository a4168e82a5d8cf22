//! Metadata and body of text and markdown scrapes, from their blocks.
//!
//! A scrape has no `<meta>`: the headline, byline, dateline, short link and
//! the outlet's imprint are read from the blocks themselves, then removed, and
//! the block classifier keeps the article.

use chrono::NaiveDate;

use super::blocks::{main_content, Block};
use rustc_hash::FxHashSet;

use super::learned::is_learned;
use super::origins::Origins;
use super::{byline, chrome, dates, lang, outlet, text, title};

/// How many blocks from either end of a page an imprint line may stand.
const IMPRINT_EDGE_BLOCKS: usize = 8;

/// What a scrape yields before it becomes an `Article`.
#[derive(Debug, Default)]
pub struct Scraped {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub body: String,
    pub origins: Origins,
}

/// How far into a document metadata lines are looked for.
const HEAD_BLOCKS: usize = 80;
/// Blocks of the article read as its lead when a headline is looked for.
const LEAD_BLOCKS: usize = 10;
/// Blocks above the lead where its headline may stand.
const HEADLINE_SEARCH_BLOCKS: usize = 30;
/// A block this long that reads as prose opens the article.
const PROSE_CHARS: usize = 150;

/// Hosts whose links are embeds, not the article's own address.
const EMBED_HOSTS: &[&str] = &[
    "twitter.com",
    "x.com",
    "t.co",
    "facebook.com",
    "instagram.com",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "linkedin.com",
    "pinterest.com",
    "reddit.com",
    "google.com",
    "apple.com",
];

/// Reads metadata from `blocks` and returns it with the cleaned body.
/// `learned` holds the chrome recurring in the file's folder: never a headline, never body.
pub fn scrape(mut blocks: Vec<Block>, learned: Option<&FxHashSet<u64>>) -> Scraped {
    let mail = MailHeaders::take(&mut blocks);
    let all_text: String = blocks
        .iter()
        .filter(|b| b.text.chars().count() >= 60)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lang = lang::detect(&all_text);
    let stopwords = lang::Stopwords::for_lang(lang.as_deref());

    let mut drop = vec![false; blocks.len()];
    let head = blocks.len().min(HEAD_BLOCKS);

    let url_at = (0..head).find(|&i| is_article_url(&blocks[i].text));
    let url = url_at.map(|i| unwrap_proxy(&blocks[i].text));

    let byline_at =
        (0..head).find_map(|i| byline::parse_byline_line(&blocks[i].text).map(|n| (i, n)));
    let authors = byline_at
        .as_ref()
        .map(|(_, n)| n.clone())
        .unwrap_or_default();

    let dateline_at = (0..head).find_map(|i| dates::dateline(&blocks[i].text).map(|d| (i, d)));
    let date = dateline_at
        .map(|(_, d)| d)
        .or_else(|| url.as_deref().and_then(dates::date_from_url));

    let title_at = if mail.subject.is_some() {
        None
    } else {
        find_title(&blocks, stopwords, learned)
    };
    let title = mail
        .subject
        .or_else(|| title_at.map(|i| blocks[i].text.clone()));
    let authors = if authors.is_empty() {
        mail.from
    } else {
        authors
    };
    let mail_date = mail.date.is_some();
    let date = mail.date.or(date);

    // Imprints stand at the top (site bars) or the foot of a page; a
    // copyright line in the middle is quoted or discussed, not the outlet's.
    let edge = |i: usize| i < IMPRINT_EDGE_BLOCKS || i + IMPRINT_EDGE_BLOCKS >= blocks.len();
    let imprint = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| edge(*i))
        .find_map(|(_, b)| outlet::from_imprint(&b.text));
    let imprint_found = imprint.is_some();
    let source = match &url {
        Some(u) if outlet::is_known_host(u) => outlet::name_for_url(u),
        _ => imprint.or_else(|| url.as_deref().and_then(outlet::name_for_url)),
    };

    for i in [
        title_at,
        byline_at.as_ref().map(|(i, _)| *i),
        dateline_at.map(|(i, _)| i),
    ]
    .into_iter()
    .flatten()
    {
        drop[i] = true;
    }
    let kept: Vec<Block> = blocks
        .into_iter()
        .zip(drop)
        .filter(|(b, dropped)| !dropped && !text::is_bare_url(&b.text))
        .map(|(b, _)| b)
        .collect();
    let body = main_content(kept, stopwords, learned)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n");
    let source = source.map(|s| outlet::with_brand(s, &body));
    let found = |present: bool, how: &str| present.then(|| how.to_string());
    let origins = Origins {
        title: found(
            title.is_some(),
            if title_at.is_some() {
                "headline line"
            } else {
                "mail Subject: header"
            },
        ),
        date: found(
            date.is_some(),
            if mail_date {
                "mail Date: header"
            } else if dateline_at.is_some() {
                "dateline"
            } else {
                "url path"
            },
        ),
        authors: found(
            !authors.is_empty(),
            if byline_at.is_some() {
                "byline line"
            } else {
                "mail From: header"
            },
        ),
        source: found(
            source.is_some(),
            match &url {
                Some(u) if outlet::is_known_host(u) => "url host (known outlet)",
                _ if imprint_found => "copyright line",
                _ => "url host",
            },
        ),
        url: found(url.is_some(), "link line"),
        lang: found(lang.is_some(), "language detection on the text"),
    };
    Scraped {
        title,
        date,
        authors,
        source,
        url,
        lang,
        body,
        origins,
    }
}

/// Headers of a mail or Usenet post (`From:`, `Subject:`, `Date:`) at the top of a text.
#[derive(Debug, Default)]
struct MailHeaders {
    subject: Option<String>,
    from: Vec<String>,
    date: Option<NaiveDate>,
}

impl MailHeaders {
    /// Removes the leading header blocks and returns what they said; nothing if there are none.
    fn take(blocks: &mut Vec<Block>) -> MailHeaders {
        let is_header = |text: &str| {
            text.split_once(": ").is_some_and(|(k, _)| {
                (2..=25).contains(&k.len())
                    && k.chars().next().is_some_and(char::is_uppercase)
                    && k.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            })
        };
        // Some saved posts keep only the folded second line of their `Path:`
        // header, which joins the next header:
        // `howland.reston.ans.net!…!yecx Subject: Camera work on televised games`.
        // Read past it; the block goes with the other headers.
        let text = |i: usize| -> &str {
            let text = blocks[i].text.as_str();
            match text.split_once(' ') {
                Some((path, rest)) if i == 0 && path.contains('!') && is_header(rest) => rest,
                _ => text,
            }
        };
        let count = (0..blocks.len())
            .take_while(|&i| is_header(text(i)))
            .count();
        let headers: Vec<(String, String)> = (0..count)
            .filter_map(|i| text(i).split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let get = |key: &str| {
            headers
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        if get("from").is_none() || (get("subject").is_none() && get("newsgroups").is_none()) {
            return MailHeaders::default();
        }
        blocks.drain(..count);
        MailHeaders {
            subject: get("subject").filter(|s| !s.is_empty()),
            from: get("from")
                .map(|f| mail_name(&f))
                .into_iter()
                .flatten()
                .collect(),
            date: get("date").as_deref().and_then(dates::parse_date),
        }
    }
}

/// `jane@x.org (Jane Doe)` or `Jane Doe <jane@x.org>` → `Jane Doe`.
fn mail_name(from: &str) -> Option<String> {
    let name = if let (Some(open), Some(close)) = (from.find('('), from.rfind(')')) {
        &from[open + 1..close.max(open + 1)]
    } else if let Some(lt) = from.find('<') {
        &from[..lt]
    } else {
        return None;
    };
    let name = name.trim().trim_matches('"').trim();
    byline::is_self_written_name(name).then(|| name.to_string())
}

/// The headline: the first level-1 heading, else the last headline-like block before the prose starts.
fn find_title(
    blocks: &[Block],
    stopwords: &lang::Stopwords,
    learned: Option<&FxHashSet<u64>>,
) -> Option<usize> {
    if let Some(i) = blocks
        .iter()
        .position(|b| b.heading == 1 && is_headline(&b.text) && !is_learned(b, learned))
    {
        return Some(i);
    }
    let prose_at = blocks
        .iter()
        .position(|b| b.text.chars().count() >= PROSE_CHARS && stopwords.density(&b.text) >= 0.25);
    let candidate =
        |b: &Block| b.link_chars == 0 && is_headline(&b.text) && !is_learned(b, learned);
    let Some(prose_at) = prose_at else {
        // No prose to anchor on (a wire brief, a table): the headline opens the text.
        return blocks.iter().take(5).position(candidate);
    };
    let last = blocks[..prose_at].iter().rposition(candidate)?;
    // A headline is often followed by a longer standfirst that also reads like one.
    let has_standfirst = last > 0
        && candidate(&blocks[last - 1])
        && blocks[last - 1].text.len() < blocks[last].text.len();
    let chosen = if has_standfirst { last - 1 } else { last };
    if chosen == 0 {
        // The scrape opens with it: wire copy heads its text with the headline
        // (`INTERMEDICS INC <ITM> 1ST QTR FEB ONE NET`), whatever the lead says.
        return Some(chosen);
    }
    // The line above the lead may be a credit, a share bar or a section
    // (`Filed Under: Sports`, `Share Tweet Share`): a line before the lead that
    // shares more of its words (two at least) is the headline. l3s text
    // renderings: title accuracy 0.212 -> 0.417.
    let lead: String = blocks[prose_at..]
        .iter()
        .take(LEAD_BLOCKS)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let lead = title::Lead::of(&lead);
    let own = lead.shared(&blocks[chosen].text);
    let from = prose_at.saturating_sub(HEADLINE_SEARCH_BLOCKS);
    let mut best: Option<(usize, usize)> = None;
    // Nearest the lead first: on a tie, the line closest to it wins.
    for i in (from..prose_at).rev().filter(|&i| candidate(&blocks[i])) {
        let shared = lead.shared(&blocks[i].text);
        if shared >= 2 && shared > own && best.is_none_or(|(_, b)| shared > b) {
            best = Some((i, shared));
        }
    }
    Some(best.map_or(chosen, |(i, _)| i))
}

pub(super) fn is_headline(text: &str) -> bool {
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    (10..=200).contains(&chars)
        && words >= 3
        && !text.ends_with(['.', ':', ';', ','])
        && !chrome::is_chrome(text)
        && !text::is_bare_url(text)
        && byline::parse_byline_line(text).is_none()
        && dates::dateline(text).is_none()
        && !text.contains('©')
        && !text.contains(" | ")
}

fn is_article_url(text: &str) -> bool {
    if !text::is_bare_url(text) {
        return false;
    }
    let url = unwrap_proxy(text);
    let lower = url.to_ascii_lowercase();
    let is_image = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
        .iter()
        .any(|ext| lower.split(['?', '#']).next().unwrap_or("").ends_with(ext));
    let is_embed = outlet::host(&url).is_some_and(|h| {
        EMBED_HOSTS
            .iter()
            .any(|e| h == *e || h.ends_with(&format!(".{e}")))
    });
    !is_image && !is_embed
}

/// Undoes a proxy's rewriting: `https://proxy:443/https/p.dw.com/p/x` → `https://p.dw.com/p/x`.
pub fn unwrap_proxy(url: &str) -> String {
    let url = url.trim();
    for scheme in ["https", "http"] {
        let marker = format!("/{scheme}/");
        if let Some(at) = url[8.min(url.len())..].find(&marker) {
            let inner = &url[8 + at + marker.len()..];
            if inner.split('/').next().is_some_and(|h| h.contains('.')) {
                return format!("{scheme}://{inner}");
            }
        }
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_keeping_half_its_path_header_is_read_as_mail() {
        // news-bench 20news rec.sport.hockey-54174, its first lines verbatim.
        let post = " howland.reston.ans.net!noc.near.net!uunet!vax5.cit.cornell.edu!yecx\n\
            Subject: Camera work on televised games\n\
            From: yecx@vax5.cit.cornell.edu (Yvon Cote)\n\
            Organization: Cornell University\n\
            Lines: 13\n\n\
            Is it just me or is the camera work on some of these games really sad?\n";
        let scraped = scrape(text::to_blocks(post), None);
        assert_eq!(
            scraped.title.as_deref(),
            Some("Camera work on televised games")
        );
        assert_eq!(scraped.authors, ["Yvon Cote"]);
        assert!(!scraped.body.contains("howland"), "{}", scraped.body);
    }

    #[test]
    fn unwraps_proxied_urls() {
        assert_eq!(
            unwrap_proxy("https://s.gtool.pro:443/https/p.dw.com/p/3f96n"),
            "https://p.dw.com/p/3f96n"
        );
        assert_eq!(
            unwrap_proxy("https://nyti.ms/2OfhrMt"),
            "https://nyti.ms/2OfhrMt"
        );
    }
}
