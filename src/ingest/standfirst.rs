//! The standfirst: the summary a page shows above its article, beside the
//! headline. Readability reads the article's container and leaves the
//! standfirst out when the page's header holds it. A page's description
//! (`og:description` and the like) that the page also shows, as the whole
//! text of one element, is that summary.

use dom_query::{Document, NodeData, NodeRef};

use super::markdown::collapse;

/// Shorter descriptions are slogans and labels, not summaries.
const MIN_WORDS: usize = 8;
/// How many elements above a text node its element may be
/// (`<p><strong>Berlin.</strong> Der Senat …</p>`).
const MAX_CLIMB: usize = 4;
/// Elements whose text is not shown as the page's own prose; a link's text
/// points to a page (a teaser of this article in a list is no standfirst).
const NOT_SHOWN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "textarea", "select", "option",
    "button", "a",
];
/// Elements whose text an element's text holds but the page never shows (a
/// blog's post container, found for the description cut from it, holds the
/// post's scripts too).
const UNSHOWN_INSIDE: &[&str] = &["script", "style"];

/// The element's text the page shows for `description`, if it shows it whole:
/// the description itself, or, when the site cut the description short
/// (`…`), the whole paragraph it was cut from.
pub fn shown(doc: &Document, description: &str) -> Option<String> {
    let description = collapse(description);
    if description.split_whitespace().count() < MIN_WORDS {
        return None;
    }
    let cut = description
        .strip_suffix('…')
        .or_else(|| description.strip_suffix("..."))
        .map(str::trim_end);
    let start = cut.unwrap_or(&description);
    let first = start.chars().next()?;
    let body = doc.select("body");
    let body = body.nodes().first()?;
    for node in body.descendants_it().filter(NodeRef::is_text) {
        // Most text nodes differ at their first letter: read in place, not copied.
        let text = node.query_or(None, |n| match &n.data {
            NodeData::Text { contents } if contents.trim_start().starts_with(first) => {
                Some(collapse(contents))
            }
            _ => None,
        });
        let Some(text) = text else { continue };
        if !(start.starts_with(&text) || text.starts_with(start)) {
            continue;
        }
        let mut element = node.parent();
        for _ in 0..MAX_CLIMB {
            let Some(candidate) = element else { break };
            let shown = collapse(&shown_text(candidate));
            let whole = match cut {
                Some(cut) => shown.starts_with(cut),
                None => shown == description,
            };
            if whole {
                // Its ancestors hold the same text: if this one is hidden, so is the text.
                if is_shown(candidate) {
                    return Some(shown);
                }
                break;
            }
            if shown.len() > description.len() {
                break;
            }
            element = candidate.parent();
        }
    }
    None
}

/// The text of `node` the page shows: without its scripts' and styles' text.
fn shown_text(node: NodeRef) -> String {
    let selection = dom_query::Selection::from(node);
    if !selection.select(&UNSHOWN_INSIDE.join(", ")).exists() {
        return node.text().to_string();
    }
    let unshown = |text: &NodeRef| {
        text.ancestors_it(None)
            .take_while(|ancestor| ancestor.id != node.id)
            .any(|ancestor| {
                ancestor
                    .node_name()
                    .is_some_and(|name| UNSHOWN_INSIDE.contains(&&*name))
            })
    };
    let mut shown = String::new();
    for text in node.descendants_it().filter(|n| n.is_text() && !unshown(n)) {
        shown.push_str(&text.text());
    }
    shown
}

/// Whether no element around `node` hides its text or makes it a link.
fn is_shown(node: NodeRef) -> bool {
    std::iter::once(node)
        .chain(node.ancestors_it(None))
        .filter(NodeRef::is_element)
        .all(|element| {
            let hidden = element.has_attr("hidden")
                || element.attr("aria-hidden").as_deref() == Some("true")
                || element.attr("style").is_some_and(|style| {
                    let style = style.to_ascii_lowercase().replace(' ', "");
                    style.contains("display:none") || style.contains("visibility:hidden")
                });
            let name = element.node_name();
            !hidden && !name.is_some_and(|name| NOT_SHOWN.contains(&&*name))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str =
        "Der Senat will die Mieten deckeln, doch die Opposition zieht vor das Verfassungsgericht.";

    fn page(body: &str) -> Document {
        Document::from(format!("<html><body>{body}</body></html>").as_str())
    }

    #[test]
    fn a_description_shown_as_an_element_is_the_standfirst() {
        let doc = page(&format!(
            "<header><h1>Mietendeckel</h1><p class=\"teaser\"><strong>Berlin.</strong> {}</p></header>",
            SUMMARY.trim_start_matches("Berlin. ")
        ));
        let description = format!("Berlin. {SUMMARY}");
        assert_eq!(
            shown(&doc, &description).as_deref(),
            Some(description.as_str())
        );
    }

    #[test]
    fn a_cut_description_gives_the_whole_paragraph() {
        let doc = page(&format!(
            "<div><p>{SUMMARY} Ein Urteil wird im Mai erwartet.</p></div>"
        ));
        let description = format!("{}…", &SUMMARY[..60]);
        let found = shown(&doc, &description).unwrap();
        assert!(found.ends_with("im Mai erwartet."), "{found}");
    }

    #[test]
    fn a_container_found_for_a_cut_description_gives_no_script_text() {
        let doc = page(&format!(
            "<div class=\"entry\"><h1>Mieten</h1>\n<p>{SUMMARY}</p>\
             <script>window.ads.push(1);</script><p>Ein Urteil wird im Mai erwartet.</p></div>"
        ));
        let description = format!("Mieten {}…", &SUMMARY[..70]);
        let found = shown(&doc, &description).unwrap();
        assert!(found.ends_with("im Mai erwartet."), "{found}");
        assert!(!found.contains("push"), "{found}");
    }

    #[test]
    fn hidden_linked_partial_or_short_texts_are_not() {
        for body in [
            format!("<p hidden>{SUMMARY}</p>"),
            format!("<p style=\"display: none\">{SUMMARY}</p>"),
            format!("<noscript><p>{SUMMARY}</p></noscript>"),
            format!("<ul><li><a href=\"/mieten\">{SUMMARY}</a></li></ul>"),
            format!("<p>Gestern hieß es: {SUMMARY} Heute nicht mehr.</p>"),
        ] {
            assert_eq!(shown(&page(&body), SUMMARY), None, "{body}");
        }
        let slogan = "Das Blog der gnadenlosen Fehlfunktionen!";
        assert_eq!(shown(&page(&format!("<p>{slogan}</p>")), slogan), None);
    }
}
