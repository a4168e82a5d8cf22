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
];

/// True when the whole line is known site chrome.
pub fn is_chrome(line: &str) -> bool {
    let normalized = normalize(line);
    if normalized.is_empty() {
        return false;
    }
    EXACT.contains(&normalized.as_str()) || PREFIXES.iter().any(|p| normalized.starts_with(p))
}

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
    use super::is_chrome;

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
    }
}
