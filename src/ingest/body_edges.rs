//! The edges of an HTML article's body, where Readability's container holds
//! more or less than the article: the deck above it that the page's header
//! kept, and the date lines and labels around it.

use super::dates;

/// Labels of a publication date (`Aktualisiert: 11.04.2020`), in the languages
/// the dateline patterns do not cover; an event's date (`Termin: …`) is prose.
const PUBLICATION_LABELS: &[&str] = &[
    "aktualisiert",
    "veröffentlichung",
    "erstellt",
    "publikacja",
    "aktualizacja",
    "publié le",
    "mis à jour le",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
];

/// Paragraphs at the top of a body where the page's own date stands, and at its foot.
const DATE_HEAD_PARAGRAPHS: usize = 5;
const DATE_FOOT_PARAGRAPHS: usize = 2;

/// The body without the paragraphs around it that only date the page (`7.
/// oktober 2020`, `Aktualisiert: 11.04.2020, 10:27`): the page's metadata shown
/// beside the article, not its prose. Inside the article, a date alone on its
/// line is prose (a timeline, a Wikipedia infobox).
pub fn without_date_lines(body: String) -> String {
    let is_date_line = |paragraph: &str| {
        let dated = match paragraph.split_once(':') {
            Some((label, rest))
                if PUBLICATION_LABELS.contains(&label.trim().to_lowercase().as_str()) =>
            {
                rest.trim()
            }
            _ => paragraph,
        };
        dates::dateline(dated).is_some()
    };
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let foot = paragraphs.len().saturating_sub(DATE_FOOT_PARAGRAPHS);
    let kept: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|&(i, p)| !((i < DATE_HEAD_PARAGRAPHS || i >= foot) && is_date_line(p)))
        .map(|(_, p)| *p)
        .collect();
    if kept.len() == paragraphs.len() {
        return body;
    }
    kept.join("\n\n")
}

/// At most this many short lines at the foot of a body are a tail of labels.
const MAX_TAIL_LINES: usize = 3;
/// A tail line is shorter than this, in characters, and ends no sentence.
const TAIL_LINE_CHARS: usize = 30;
/// The paragraph above a tail is prose at least this long.
const PROSE_PARAGRAPH_CHARS: usize = 150;

/// The body without a tail of short lines under its last paragraph of prose
/// (`Źródło: ISBnews`, `zurück`, `Autoren:` / `Tilman Weber`): labels, source
/// credits and links left at the foot of the article's container. The last
/// lines of a list or a poem follow other short lines, and stay, as do
/// numbered items.
pub fn without_trailing_labels(body: String) -> String {
    let is_tail_line = |paragraph: &str| {
        let digits = paragraph.bytes().take_while(u8::is_ascii_digit).count();
        let list_item = digits > 0 && paragraph[digits..].starts_with(['.', ')']);
        paragraph.chars().count() < TAIL_LINE_CHARS
            && !paragraph.ends_with(['.', '!', '?', '…', '"', '“', '”', '»'])
            && !list_item
    };
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let tail = paragraphs
        .iter()
        .rev()
        .take_while(|p| is_tail_line(p))
        .count();
    let above = paragraphs.len().saturating_sub(tail + 1);
    let after_prose =
        paragraphs.len() >= tail + 3 && paragraphs[above].chars().count() >= PROSE_PARAGRAPH_CHARS;
    if tail == 0 || tail > MAX_TAIL_LINES || !after_prose {
        return body;
    }
    paragraphs[..paragraphs.len() - tail].join("\n\n")
}

/// How much of a standfirst's opening the body must hold to hold it already.
const STANDFIRST_OPENING_CHARS: usize = 60;

/// The body led by the page's standfirst (see `standfirst`), unless it holds it already.
pub fn with_standfirst(body: String, standfirst: &str) -> String {
    let opening = standfirst
        .chars()
        .take(STANDFIRST_OPENING_CHARS)
        .collect::<String>()
        .to_lowercase();
    // The body's paragraphs break where the deck runs on (a heading, then its text).
    if super::markdown::collapse(&body)
        .to_lowercase()
        .contains(&opening)
    {
        body
    } else if body.is_empty() {
        standfirst.to_string()
    } else {
        format!("{standfirst}\n\n{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deck leads the body once: a body that starts with it already keeps
    /// its own paragraphs, though the deck runs a heading into its text.
    #[test]
    fn a_standfirst_leads_the_body_once() {
        let deck = "Der Senat will die Mieten deckeln, doch die Opposition zieht vor Gericht.";
        let body = "Die Mieten in Berlin steigen seit Jahren.";
        assert_eq!(
            with_standfirst(body.into(), deck),
            format!("{deck}\n\n{body}")
        );
        let post = "Künstlerischer Lebenslauf\n\nSoviel mal vorweg: Wir sind zu zweit. Einer heißt Homajon.";
        let description = "Künstlerischer Lebenslauf Soviel mal vorweg: Wir sind zu zweit. Einer…";
        assert_eq!(with_standfirst(post.into(), description), post);
    }

    /// Lines that only date the page leave the top and foot of the body; a date
    /// inside the article, or an event's, stays.
    #[test]
    fn date_lines_around_the_article_leave_the_body() {
        let article = [
            "Forscher warnten schon 2018 vor einem neuen Coronavirus.",
            "Termin: 29.02.2020, 19 Uhr",
            "Die Chronik der Ereignisse:",
            "Second paragraph.",
            "7 May 1856",
            "Born that day, he later wrote the book.",
            "The end.",
        ];
        let above = ["Aktualisiert: 11.04.2020, 10:27", "7. oktober 2020"];
        let below = ["Published: Friday, January 18, 2008"];
        let body = [&above[..], &article[..], &below[..]].concat().join("\n\n");
        assert_eq!(without_date_lines(body), article.join("\n\n"));
    }

    /// Up to three short lines under the last paragraph of prose leave; the last
    /// items of a list stay.
    #[test]
    fn a_tail_of_labels_under_the_article_leaves() {
        let prose = "The ministers met on Friday and agreed, after a night of talks that \
            ran far longer than planned, to raise the payments by a tenth from next year, officials said.";
        let body = ["Lead.", "Middle.", prose, "Źródło: ISBnews", "zurück"].join("\n\n");
        assert_eq!(
            without_trailing_labels(body),
            ["Lead.", "Middle.", prose].join("\n\n")
        );
        let list = [
            prose,
            "98. Joe Lynn Turner",
            "99. Graham Bonnet",
            "100. Ray Gillen",
        ];
        let ranking = [&["Intro.", "More."][..], &list[..]].concat().join("\n\n");
        assert_eq!(without_trailing_labels(ranking.clone()), ranking);
        let signed = ["Lead.", "Middle.", prose, "Bye, Jane."].join("\n\n");
        assert_eq!(without_trailing_labels(signed.clone()), signed);
    }
}
