//! Site chrome that shows up as whole lines in scraped text: navigation
//! skip-links, ad slugs, share bars, image credits.
//!
//! These lines appear inside the article column too (ad slugs between
//! paragraphs), where the block classifier alone would keep them.

/// Lines that are chrome when they make up the whole block (compared lowercased,
/// without list numbering or trailing punctuation).
const EXACT: &[&str] = &[
    "advertisement",
    "advertising",
    "supported by",
    "continue reading the main story",
    "continue reading",
    "continue reading below",
    "site index",
    "site information navigation",
    "sections",
    "search",
    "menu",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "save",
    "comments",
    "related",
    "related stories",
    "related articles",
    "read more",
    "more on this story",
    "sign up",
    "subscribe",
    "log in",
    "sign in",
    "newsletter",
    "the original article follows below",
    "story continues below advertisement",
    "article continues below",
    "scroll to continue with content",
    "close",
    "back to top",
    "join our newsletter",
    "more information",
    // German, French, Spanish, Italian, Polish: the same chrome, for the same outlets' other editions.
    "anzeige",
    "werbung",
    "teilen",
    "artikel teilen",
    "drucken",
    "kommentare",
    "kommentare geschlossen",
    "kommentar schreiben",
    "kontakt",
    "weitere informationen",
    "weiterführende links",
    "weiterführender link",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "auch interessant",
    "lesen sie auch",
    "quellenangaben",
    "sie sind aktuell nicht eingeloggt",
    "möchten sie den artikel teilen?",
    "newsletter abonnieren",
    "zum seitenanfang",
    "nach oben",
    "publicité",
    "partager",
    "lire aussi",
    "à lire aussi",
    "publicidad",
    "compartir",
    "leer más",
    "lee también",
    "te puede interesar",
    "pubblicità",
    "condividi",
    "leggi anche",
    "czytaj też",
    "czytaj także",
    "reklama",
    "udostępnij",
    "kommentieren",
    "beitragsbild",
    "originalartikel",
    "lade weitere inhalte",
    "mehr von",
    "über den autor",
    "about the author",
    "zum weiterlesen",
    "źródło",
    "rezept drucken",
    "drukuj",
    "kommentar verfassen",
    "valora esta noticia",
    "related coverage",
];

/// Prefixes that mark a chrome line (image credits, skip links, promos).
const PREFIXES: &[&str] = &[
    "skip to ",
    "image:",
    "image caption",
    "image copyright",
    "photo:",
    "photograph:",
    "credit:",
    "credit...",
    "credit…",
    "videos by ",
    "getty images",
    "read more:",
    "related:",
    "see also:",
    "follow us on",
    "sign up for",
    "click here",
    "sign up to ",
    "subscribe now",
    "subscribe to our",
    "join our ",
    "mehr zum thema",
    "lesen sie auch:",
    "weiterlesen",
    "foto:",
    "fotos:",
    "bild:",
    "abbildung:",
    "lire aussi :",
    "à lire aussi",
    "lee también:",
    "leer también:",
    "czytaj też:",
    "photograph by",
    "crédits photos",
    "lea también:",
    "zum weiterlesen:",
    "*werbung",
    // Inline promos for other stories, Spanish and Portuguese news sites.
    "lea más:",
    "lea:",
    "le puede interesar:",
    "vea también:",
    "mira:",
    "mire:",
    "veja também:",
    "leia também:",
    "auch lesen:",
    // A photo's enlarge button before its caption.
    "vergrößern ",
    // Links to the site's neighbouring stories.
    "previous article",
    "next article",
    "vorheriger artikel",
    "nächster artikel",
    "vorschau auf den nächsten artikel",
];

/// True when the whole line is known site chrome.
pub fn is_chrome(line: &str) -> bool {
    let normalized = normalize(line);
    if normalized.is_empty() {
        return false;
    }
    EXACT.contains(&normalized.as_str())
        || PREFIXES.iter().any(|p| normalized.starts_with(p))
        || is_chrome_kind(&normalized)
}

/// Kinds of chrome line that vary in their words: reading times (`4 Min Read`),
/// PHP warnings printed into the page, blog-software footers (`This entry was
/// posted in Allgemein. Bookmark the permalink.`), newsletter and app plugs
/// addressed to the reader, affiliate-link disclosures, prompts to rate the
/// article, a blog post's comment status. Each needs two marks, or one on a
/// short line, so that prose about the same things stays.
fn is_chrome_kind(line: &str) -> bool {
    let has = |w: &str| line.contains(w);
    let php_warning = ["warning:", "deprecated:", "notice:", "fatal error:"]
        .iter()
        .any(|p| line.starts_with(p))
        && has(" on line ");
    let blog_footer = line.starts_with("this entry was posted in")
        || (line.starts_with("der beitrag wurde am") && has("veröffentlicht"))
        || (line.starts_with("erstellt am") && has("abgelegt unter"));
    if php_warning || blog_footer {
        return true;
    }
    // The other kinds are short lines: every paragraph of every article comes
    // here, and a long one is done with after counting 41 words.
    let words = line.split_whitespace().take(MAX_PLUG_WORDS + 1).count();
    if words > MAX_PLUG_WORDS {
        return false;
    }
    let reading_time = words <= 8
        && (has("min read")
            || has("minute read")
            || has("min. lesezeit")
            || has("minuten lesezeit")
            || has("przeczytasz w"));
    let plug = (has("newsletter")
        && (has("abonniere") || has("subscribe to our") || has("sign up for our")))
        || (has("download the") && has(" app") && has("ios") && has("android"))
        || has("straight to your phone");
    // A paywall's prompt: a subscription named beside the story it withholds.
    let paywall = (has("subscri")
        && (has("full story")
            || has("full article")
            || has("continue reading")
            || has("already a subscriber")))
        || (has("abonnent") && (has("weiterlesen") || has("bereits")))
        || (has("abonné") && (has("lire la suite") || has("déjà abonné")))
        || (has("suscri") && (has("seguir leyendo") || has("ya eres suscriptor")));
    let affiliate = (has("provision") && has("links auf dieser seite"))
        || (has("commission") && has("links on this page"));
    let rating_prompt = words <= 8
        && (has("artikel bewerten") || has("war der artikel nützlich") || has("rate this article"));
    let footer = has("bookmark the permalink");
    // A comment box's prompt to log in (`… müssen Sie eingeloggt sein`).
    let login_prompt = (has("komment") && has("eingeloggt"))
        || (has("comment") && (has("must be logged in") || has("log in to")));

    // A blog post's comment status (`Keine Kommentare`, `Comments are closed.`).
    let comment_status = words <= 10
        && (line.starts_with("keine kommentare")
            || (line.starts_with("no comments") && words <= 3)
            || has("kommentare geschlossen")
            || has("kommentare sind geschlossen")
            || has("comments are closed")
            || has("comments closed")
            || has("commentaires fermés")
            || has("commenti chiusi")
            || has("comentarios cerrados"));
    reading_time
        || plug
        || paywall
        || affiliate
        || rating_prompt
        || footer
        || comment_status
        || login_prompt
}

/// Labels that credit a photo in brackets at the end of its caption.
const PHOTO_CREDIT_LABELS: &[&str] = &["foto:", "fotos:", "photo:", "credit:", "bild:", "image:"];

/// Captions are at most this many words long.
const MAX_CAPTION_WORDS: usize = 30;

/// Whether `line` is a photo's caption: a short line that ends by crediting
/// the photo in brackets (`Golf im TV: … im Überblick. (Foto: Getty)`), or is
/// only that credit. Inside an HTML article's container it is the caption of
/// a photo the text does not show. A text scrape's captions stay for the
/// block classifier, which judges a run of paragraphs by its neighbours.
pub fn is_caption(line: &str) -> bool {
    let Some(inner) = line.trim_end().strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let credit = inner[open + 1..].trim_start().to_lowercase();
    PHOTO_CREDIT_LABELS
        .iter()
        .any(|label| credit.starts_with(label))
        && line.split_whitespace().nth(MAX_CAPTION_WORDS).is_none()
}

/// Plugs, disclosures and prompts are at most this many words long.
const MAX_PLUG_WORDS: usize = 40;

/// Lowercases and strips list numbering (`1. `, `- `) and trailing punctuation.
fn normalize(line: &str) -> String {
    let mut s = line.trim();
    s = s.trim_start_matches(['-', '*', '•', ' ']);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && s[digits..].starts_with(". ") {
        s = &s[digits + 2..];
    }
    s.trim()
        .trim_end_matches([':', '.', '…', '›', '»', '|'])
        .trim()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{is_caption, is_chrome};

    #[test]
    fn recognises_chrome_lines() {
        assert!(is_chrome("Advertisement"));
        assert!(is_chrome("  2. Skip to main menu"));
        assert!(is_chrome("Image: picture-alliance/Ostalb Network"));
        assert!(is_chrome("Continue reading the main story"));
        assert!(!is_chrome("Advertisement revenue fell by a third in July."));
        assert!(!is_chrome("Search engines index the web."));
        assert!(is_chrome("Weitere Informationen:"));
        assert!(is_chrome("Czytaj też"));
        assert!(is_chrome("Sign up to get the best content of the week"));
        assert!(is_chrome(
            "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández"
        ));
        assert!(is_chrome("Mira: Madre se acerca a conocer los motivos"));
        assert!(!is_chrome("Miraflores recibió a los turistas el lunes."));
        assert!(!is_chrome(
            "Weitere Informationen gab die Polizei am Abend nicht bekannt."
        ));
        for chrome in [
            "4 Min Read",
            "Ten tekst przeczytasz w mniej niż minutę",
            "Warning: Creating default object from empty value in /www/wp-includes/classes.php on line 407",
            "This entry was posted in Allgemein. Bookmark the permalink.",
            "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein abgelegt.",
            "Abonniere unseren Newsletter und erfahre alles Wissenswerte rund um das Studium.",
            "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.",
            "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.",
            "Hier können Sie den Artikel bewerten",
            "Rezept drucken",
            "To view the full story, please subscribe to The Haitian Times.",
            "If you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.",
            "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
            "Keine Kommentare Kommentare sind geschlossen.",
            "Kommentarfeed | Kommentare geschlossen | Trackback-URL",
            "Comments are closed.",
            "Kontakt:",
            "Vergrößern Eine kleine runde Aussparung für die Facetime-Kamera im Display des iPhones 14.",
            "Previous article[Transforming Mount Trashmore: Plans to turn eyesore into beauty spot]",
            "Vorschau auf den nächsten Artikel",
            "Um den Tipp \"Tomaten richtig schneiden\" kommentieren zu können, müssen Sie eingeloggt sein.",
            "Du musst Eingeloggt sein um Kommentare zu schreiben!",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for prose in [
            "The app, available on iOS and Android since March, has been downloaded 2 million times by users who say they want the news.",
            "Substack lets writers sign up readers for a paid newsletter.",
            "The warning: prices will rise again in the spring.",
            "It takes a 4 min read to see why.",
            "No comments were received by the agency before the deadline.",
            "Die Kommentare der Leser sind seit gestern geschlossen worden, weil so viele kamen.",
            "Kontakt zur Polizei hatte der Mann nach Angaben seines Anwalts nie.",
        ] {
            assert!(!is_chrome(prose), "{prose}");
        }
    }

    #[test]
    fn captions_end_with_a_photo_credit() {
        for caption in [
            "Golf im TV: Die Übertragungszeiten der großen Turniere im Überblick. (Foto: Getty)",
            "(Credit: Clayton Aldern / Grist)",
            "Yersina pestis causes the plague (Image: GETTY)",
        ] {
            assert!(is_caption(caption), "{caption}");
        }
        for prose in [
            "The agency released the photo on Monday (it was taken in May).",
            "Der Fotograf (Foto: privat) arbeitet seit 1990 für die Zeitung, und er hat in dieser \
             Zeit mehr als hundert Reportagen aus aller Welt geliefert, die in vielen Ländern \
             erschienen sind und Preise gewannen (Foto: dpa)",
        ] {
            assert!(!is_caption(prose), "{prose}");
        }
    }
}
