//! Headlines without the site's name around them.

use super::markdown::collapse;

/// Separators between a headline and the site's name or section.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " > ", " -- ",
];
/// Separators headlines themselves seldom use: a short part after one is the site's.
const SITE_ONLY_SEPARATORS: &[&str] = &[" | ", " :: ", " · ", " » ", " > ", " • ", " │ "];
/// Words after which a hyphen ends a word cut short, not a section name
/// (`Kinder- und Jugendhilfe`, `pre- and post-war`).
const SUSPENDED_HYPHEN_JOINS: &[&str] = &["und", "oder", "bzw.", "and", "or", "bis", "sowie", "&"];

/// The most words of a title part that is the site's name, with a section or
/// slogan beside it; a longer part naming the site is a headline about it.
const MAX_SITE_PART_WORDS: usize = 6;

/// Drops parts naming the site (`Big Story | Example News`, `GlossLip » Big Story`,
/// `Big Story - example.com`) from a title: a part that matches the declared site
/// name or the URL's host, or a short last part after a separator headlines do not
/// use. A dash before a short part is kept (`… – Until Now` is the headline's)
/// unless a section and the site both follow a longer headline (`Bush to Saudis:
/// More Oil Please - World - CBN News`). A site glued on by underscores and a
/// section before a bare hyphen (`Music- Lavigne lawsuit settled`) go too.
pub fn strip_site_parts(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    // A bar is never part of a headline, spaced or not (`Big Story|ABC 7 News`).
    let spaced = title.replace('|', " | ");
    // A separator left dangling at either end (`National Rail Enquiries -`).
    let mut title = collapse(&spaced)
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '|' | '–' | '—' | '•' | '│'))
        .to_string();
    title = strip_underscored_site(&title).to_string();
    let site = site.map(squash).filter(|s| s.len() >= 3);
    let host = url.and_then(host_name).filter(|h| h.len() >= 3);
    // A long part that names the site, but not at its end, is the headline's:
    // `DRK: Immer mehr Menschen wegen Klimawandel auf Hilfe angewiesen` on
    // drk.de (and not `Das vermutlich schwulste Musikvideo der Welt :
    // Krimiblog-Archiv`).
    let is_site = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        let end = squash(&words[words.len().saturating_sub(3)..].join(" "));
        let part = squash(part);
        part.len() >= 3
            && [&site, &host].into_iter().flatten().any(|s| {
                s.contains(&part)
                    || part.contains(s.as_str())
                        && (words.len() <= MAX_SITE_PART_WORDS || end.contains(s.as_str()))
            })
    };
    // Titles may stack several parts (`Headline | Site | Slogan`): strip until none is the site's.
    while let Some(stripped) = SEPARATORS.iter().find_map(|sep| {
        let (first, rest) = title.split_once(sep)?;
        let (head, last) = title.rsplit_once(sep)?;
        let short = |part: &str| part.split_whitespace().count() <= 3;
        // `Headline - Section - Site`: two short parts after a longer one.
        let section_and_site = matches!(*sep, " - " | " – ")
            .then(|| head.rsplit_once(sep))
            .flatten()
            .filter(|(headline, section)| short(section) && short(last) && !short(headline));
        if let Some((headline, _)) = section_and_site {
            Some(headline.trim().to_string())
        } else if is_site(last) || short(last) && SITE_ONLY_SEPARATORS.contains(sep) {
            Some(head.trim().to_string())
        } else if is_site(first) {
            Some(rest.trim().to_string())
        } else {
            None
        }
    }) {
        if stripped.is_empty() {
            break;
        }
        title = stripped;
    }
    strip_section_suffix(strip_section_prefix(&title)).to_string()
}

/// A headline with the site glued on by underscores (Xinhua: `Official sacked
/// after beating man to death in C China_English_Xinhua`): the headline.
fn strip_underscored_site(title: &str) -> &str {
    match title.split_once('_') {
        Some((head, tail))
            if head.contains(' ')
                && !tail.is_empty()
                && tail.chars().all(|c| c.is_alphanumeric() || c == '_') =>
        {
            head.trim_end()
        }
        _ => title,
    }
}

/// A headline after a section name and a bare hyphen or `::` (`Music- Lavigne
/// lawsuit settled`, `Other Entertainment- From our writers' mail bags...`,
/// `News::Clinton, Obama Spar`): the headline. A hyphen before `und`, `and`,
/// `or`… ends a word cut short instead.
fn strip_section_prefix(title: &str) -> &str {
    // `News :: Headline` is a separator the site-part stripping reads; a
    // spaced hyphen too (its section keeps the space, and so is no section here).
    let split = match title.split_once("::") {
        Some((section, rest)) if !section.ends_with(' ') => Some((section, rest)),
        _ => title.split_once("- "),
    };
    let Some((section, rest)) = split else {
        return title;
    };
    let section_words: Vec<&str> = section.split(' ').collect();
    let is_section = section_words.len() <= 2
        && section_words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        });
    let next = rest.split_whitespace().next().unwrap_or("");
    if is_section
        && rest.split_whitespace().count() >= 2
        && !SUSPENDED_HYPHEN_JOINS.contains(&next.to_lowercase().as_str())
    {
        rest.trim()
    } else {
        title
    }
}

/// A headline with a section and site run on after a bare hyphen, the way a
/// `<title>` broken over lines reads once folded (`Israel's Peer safely through
/// first round- Tennis-Sections-Indiatimes Sports`): the headline. The tail is
/// up to three capitalised words; a cut-short word (`Kinder- und Jugendhilfe`)
/// is no separator.
fn strip_section_suffix(title: &str) -> &str {
    let Some((headline, tail)) = title.rsplit_once("- ") else {
        return title;
    };
    let tail_words: Vec<&str> = tail.split_whitespace().collect();
    let is_section = (1..=3).contains(&tail_words.len())
        && tail_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let first = tail_words.first().copied().unwrap_or("");
    let cut_short = SUSPENDED_HYPHEN_JOINS.contains(&first.to_lowercase().as_str());
    if is_section
        && !cut_short
        && !headline.ends_with(' ')
        && headline.split_whitespace().count() >= 3
    {
        headline.trim()
    } else {
        title
    }
}

/// The heading among `headings` with the same words as `title`, when it
/// spells them apart: the typographic quotes, dashes and ellipses a page
/// prints in its headline, which its meta tags often give in ASCII
/// (`„Bauchgeburt“` for `"Bauchgeburt"`, `…` for `...`).
pub fn as_the_page_spells_it(title: &str, headings: &[String]) -> Option<String> {
    let words = |text| word_runs(text).collect::<Vec<_>>();
    // A heading's own marks (a permalink's `¶`, a `>` bullet) are not the title's.
    let typographic = |h: &str| {
        h.chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || TYPOGRAPHIC_MARKS.contains(c))
    };
    // Curly and straight quotes are one spelling: the meta tags' stay.
    let plain_quotes = |text: &str| {
        text.chars()
            .map(|c| match c {
                '‘' | '’' => '\'',
                '“' | '”' => '"',
                c => c,
            })
            .collect::<String>()
    };
    let title_words = words(title);
    headings
        .iter()
        .find(|h| {
            words(h) == title_words && typographic(h) && plain_quotes(h) != plain_quotes(title)
        })
        .cloned()
}

/// Whether two texts hold the same words in the same order, whatever their
/// case, spacing and punctuation (`HABECK IN MÜNCHEN - Windkraft …` and
/// `Habeck in München – Windkraft …`).
pub fn same_words(a: &str, b: &str) -> bool {
    let words = |text| word_runs(text).map(str::to_lowercase).collect::<Vec<_>>();
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

/// The runs of letters and digits in `text`, as written.
fn word_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Punctuation a headline may spell differently from the page's meta tags.
const TYPOGRAPHIC_MARKS: &str = "\"'‘’‚„“”«»‹›-‐–—….,:;!?()";

/// Whether `part` is one or more whole parts of `title` between separators
/// (`GlossLip » Big Story` holds `Big Story`; `Big Story Here` does not hold `Big Story`).
pub fn is_whole_part(title: &str, part: &str) -> bool {
    let (title, part) = (title.to_lowercase(), part.to_lowercase());
    let Some(at) = title.find(&part) else {
        return false;
    };
    let (before, after) = (&title[..at], &title[at + part.len()..]);
    let separated_before = before.is_empty()
        || SEPARATORS.iter().any(|s| before.ends_with(s))
        || before.ends_with(": ");
    let separated_after = after.is_empty()
        || SEPARATORS.iter().any(|s| after.starts_with(s))
        || after.starts_with(" (");
    separated_before && separated_after
}

/// How many words of the body's start a headline is compared with.
const LEAD_WORDS: usize = 150;

/// Whether a page's title says nothing about its article: missing, broken
/// markup (`…opensearch.xml" />`), a title a site gives every page (`News`,
/// `Home`), or naming the site while sharing no word of four letters or more with the body's lead
/// (`Soccerway`, `Summit Daily News for Breckenridge… - Arts and Entertainment`).
/// `declared` is the title as the page gave it, before site parts were dropped.
pub fn is_weak(
    title: Option<&str>,
    declared: Option<&str>,
    site: Option<&str>,
    url: Option<&str>,
    body: &str,
) -> bool {
    let Some(title) = title else {
        return true;
    };
    if is_broken(title) || is_generic(title) {
        return true;
    }
    if shares_lead(title, body) {
        return false;
    }
    if looks_like_domain(title) {
        return true;
    }
    let declared = squash(declared.unwrap_or(title));
    [site.map(squash), url.and_then(host_name)]
        .into_iter()
        .flatten()
        .any(|s| s.len() >= 5 && declared.contains(&s))
}

/// Markup, a URL, script, or a server's error message where a title should be
/// (`Deprecated: Assigning the return value of new … in /www/… on line 520`).
fn is_broken(title: &str) -> bool {
    title.contains("/>")
        || title.contains("<!--")
        || title.contains("-->")
        || title.contains("://")
        || title.contains(['{', '}'])
        || (title.contains(" in /") && title.contains(" on line "))
}

/// Titles a site gives every page, or a page it never named: they name no article.
const GENERIC_TITLES: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "startseite",
    "accueil",
    "inicio",
    "index",
    "news",
    "untitled",
    "untitled document",
    "welcome",
    "article",
];

/// Whether `title` is one of `GENERIC_TITLES`, in any case.
fn is_generic(title: &str) -> bool {
    let title = title.trim().to_lowercase();
    GENERIC_TITLES.contains(&title.as_str())
}

/// A title that is a bare host name: `Footballworld.com`, `blackenterprise.com`.
fn looks_like_domain(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    !t.contains(' ')
        && [".com", ".net", ".org", ".co.uk", ".de", ".info"]
            .iter()
            .any(|tld| t.ends_with(tld))
}

/// Whether `text` holds a word of four letters or more from the body's lead.
pub fn shares_lead(text: &str, body: &str) -> bool {
    let lead = lead_words(body);
    content_words(text).any(|w| lead.contains(&w))
}

/// Whether `text` is written as a name: no word of four letters or more starts
/// in lower case (`Cape Argus`, `The Independent on Saturday`, `580 CFRA - News
/// Talk Radio`; not `Share buttons removal test`).
pub fn reads_as_name(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .all(|w| !w.starts_with(char::is_lowercase))
}

/// The one part of a title that shares words with the body's lead, when every
/// other part shares none: `ContraCostaTimes.com - Choi three-shot winner over
/// Sabbatini in Sony` is about the lead's `Choi` and `Sabbatini`, its site part is not.
pub fn part_sharing_lead(title: &str, body: &str) -> Option<String> {
    let mut parts = vec![title.to_string()];
    // En and em dashes mostly join a headline to its own second half (`… – so geht's!`).
    for sep in SEPARATORS.iter().filter(|s| !matches!(**s, " – " | " — ")) {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    if parts.len() < 2 {
        return None;
    }
    let lead = lead_words(body);
    let sharing: Vec<&String> = parts
        .iter()
        .filter(|p| content_words(p).any(|w| lead.contains(&w)))
        .collect();
    // A part that says something of its own (`Schnee belastet Solarmodule -
    // Warum nur Profis zum Entfernen ran sollten`) is the headline's, lead or not.
    let says_more = parts
        .iter()
        .any(|p| p.split_whitespace().count() > 5 && !sharing.contains(&p));
    match sharing.as_slice() {
        [only] if only.split_whitespace().count() >= 2 && !says_more => {
            Some(strip_section_prefix(only.trim()).to_string())
        }
        _ => None,
    }
}

/// The heading (in page order) that shares the most words with the body's lead,
/// at least two; ties go to the earliest.
pub fn headline_from_lead(headings: &[String], body: &str) -> Option<String> {
    let lead = Lead::of(body);
    let mut best: Option<(usize, &String)> = None;
    for heading in headings.iter().filter(|h| super::scrape::is_headline(h)) {
        let shared = lead.shared(heading);
        if shared >= 2 && best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, heading));
        }
    }
    best.map(|(_, h)| h.clone())
}

/// Whether a title that reads as a name is an outlet's masthead: it names the
/// site, or a news service (`Latest News`, `Winona Daily News - 6.0`). Old
/// pages declare neither a site name nor a headline element.
pub fn is_masthead(title: &str, site: Option<&str>, url: Option<&str>) -> bool {
    names_site(title, site, url)
        || title
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("news"))
}

/// Paragraphs at the top of a body where its own headline may stand (under a
/// dateline or a comment link).
const OPENING_PARAGRAPHS: usize = 3;

/// The headline a body opens with: among its first paragraphs, a headline-like
/// line sharing two words or more with the text that follows it.
pub fn opening_headline(body: &str) -> Option<String> {
    let mut rest = body;
    for _ in 0..OPENING_PARAGRAPHS {
        let (paragraph, after) = rest.split_once("\n\n")?;
        if super::scrape::is_headline(paragraph) && Lead::of(after).shared(paragraph) >= 2 {
            return Some(paragraph.to_string());
        }
        rest = after;
    }
    None
}

/// The content words (four letters or more) of an article's lead.
pub struct Lead(rustc_hash::FxHashSet<String>);

impl Lead {
    pub fn of(body: &str) -> Lead {
        Lead(lead_words(body))
    }

    /// How many distinct content words of `text` the lead holds.
    pub fn shared(&self, text: &str) -> usize {
        let mut words: Vec<String> = content_words(text).collect();
        words.sort_unstable();
        words.dedup();
        words.iter().filter(|w| self.0.contains(*w)).count()
    }
}

fn lead_words(body: &str) -> rustc_hash::FxHashSet<String> {
    let lead: String = body
        .split_whitespace()
        .take(LEAD_WORDS)
        .collect::<Vec<_>>()
        .join(" ");
    content_words(&lead).collect()
}

/// Lower-cased words of four letters or more.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Whether `text` is the site's name: equal to, inside or holding the declared
/// site name or the URL's host (`STERN.de`, `Badische Zeitung`, `ORF.at`).
pub fn names_site(text: &str, site: Option<&str>, url: Option<&str>) -> bool {
    let text = squash(text);
    text.len() >= 2
        && [site.map(squash), url.and_then(host_name)]
            .into_iter()
            .flatten()
            .filter(|s| s.len() >= 2)
            .any(|s| s == text || (text.len() >= 4 && (s.contains(&text) || text.contains(&s))))
}

/// Lower-case letters and digits only: `MDR.DE` and `mdr.de` and `M D R` compare equal.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The registrable-looking part of a URL's host: `www.daheim-solar.de` → `daheimsolar`.
fn host_name(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let name = match labels.len() {
        0 | 1 => return None,
        // `bbc.co.uk`: a two-letter country label after a short second-level one.
        n if n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 => labels[n - 3],
        n => labels[n - 2],
    };
    Some(squash(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_every_page_of_a_site_has_is_weak() {
        for generic in ["News", "Home", " Startseite ", "Untitled Document"] {
            assert!(
                is_weak(Some(generic), None, None, None, "News of the day"),
                "{generic}"
            );
        }
        let lead = "Nicolas Sarkozy defended himself against critics of human rights.";
        assert!(!is_weak(Some("Sarkozy news"), None, None, None, lead));
    }

    #[test]
    fn a_masthead_gives_way_to_the_body_s_opening_headline() {
        assert!(is_masthead("Winona Daily News - 6.0", None, None));
        assert!(is_masthead("Latest News", None, None));
        assert!(is_masthead("Cape Argus", Some("Cape Argus"), None));
        assert!(!is_masthead("Newsroom Cuts at the Herald", None, None));
        let body = "Published - Sunday, December 30, 2007\n\n\
                    Peterson eyes NFC rushing title, playoffs\n\n\
                    Adrian Peterson wants the NFC rushing title, and the Vikings want the playoffs.";
        assert_eq!(
            opening_headline(body).as_deref(),
            Some("Peterson eyes NFC rushing title, playoffs")
        );
        // A line that the text below does not take up is no headline.
        let body = "Share this story\n\nThe council voted on Tuesday to close the old bridge.";
        assert_eq!(opening_headline(body), None);
    }

    #[test]
    fn only_a_site_or_section_part_leaves_a_title_for_sharing_no_lead_word() {
        let body = "Choi Kyung-ju beat Sabbatini by three shots at the Sony Open on Sunday.";
        assert_eq!(
            part_sharing_lead(
                "ContraCostaTimes.com - Choi three-shot winner over Sabbatini",
                body
            )
            .as_deref(),
            Some("Choi three-shot winner over Sabbatini")
        );
        let body = "Schwere Schneelasten auf dem Dach können Solarmodule beschädigen.";
        let title = "Schnee belastet Solarmodule - Warum nur Profis zum Entfernen ran sollten";
        assert_eq!(part_sharing_lead(title, body), None);
    }

    #[test]
    fn a_section_run_on_after_a_bare_hyphen_goes() {
        assert_eq!(
            strip_site_parts(
                "Israel's Peer safely through first round-\n\t\tTennis-Sections-Indiatimes Sports",
                None,
                None
            ),
            "Israel's Peer safely through first round"
        );
        assert_eq!(
            strip_site_parts("News::Clinton, Obama Spar", None, None),
            "Clinton, Obama Spar"
        );
        for kept in [
            "Hilfe für Kinder- und Jugendhilfe",
            "Pre- and post-war housing plans",
            "Vote- Now",
        ] {
            assert_eq!(strip_site_parts(kept, None, None), kept);
        }
    }

    #[test]
    fn the_title_takes_the_page_s_spelling_of_its_words() {
        let headings = |hs: &[&str]| hs.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        let page = headings(&[
            "Jane Wayne News",
            "Warum ich lieber „Bauchgeburt“ statt Kaiserschnitt sage.",
        ]);
        assert_eq!(
            as_the_page_spells_it(
                "Warum ich lieber \"Bauchgeburt\" statt Kaiserschnitt sage.",
                &page
            )
            .as_deref(),
            Some("Warum ich lieber „Bauchgeburt“ statt Kaiserschnitt sage.")
        );
        assert_eq!(
            as_the_page_spells_it(
                "Alles hat seine Zeit...",
                &headings(&["Alles hat seine Zeit…"])
            )
            .as_deref(),
            Some("Alles hat seine Zeit…")
        );
        // Other words, the same spelling, or a heading's own marks: the title stays.
        for heading in [
            "Warum ich lieber „Bauchgeburt“ sage.",
            "Evolve: Shared Mutable History¶",
            "> Evolve: Shared Mutable History",
            "Evolve: Shared Mutable History",
        ] {
            assert_eq!(
                as_the_page_spells_it("Evolve: Shared Mutable History", &headings(&[heading])),
                None,
                "{heading}"
            );
        }
        // Curly quotes for straight ones are the same spelling.
        assert_eq!(
            as_the_page_spells_it(
                "Diet Pills \"Burned Her Up\"",
                &headings(&["Diet Pills “Burned Her Up”"])
            ),
            None
        );
    }

    #[test]
    fn site_parts_go_and_headline_parts_stay() {
        let strip = |t: &str, site: Option<&str>, url: Option<&str>| strip_site_parts(t, site, url);
        assert_eq!(
            strip("Big Story | Example News", Some("Example News"), None),
            "Big Story"
        );
        assert_eq!(
            strip("Example News - Big Story Here", Some("Example News"), None),
            "Big Story Here"
        );
        assert_eq!(
            strip("Spider-Man - the review", None, None),
            "Spider-Man - the review"
        );
        // A long part that opens with the site's name is the headline's.
        let drk = "UN-Klimakonferenz in Glasgow - DRK: Immer mehr Menschen wegen Klimawandel auf Hilfe angewiesen";
        let drk_url = Some("https://www.drk.de/presse/meldung/");
        assert_eq!(strip(drk, Some("DRK e.V."), drk_url), drk);
        assert_eq!(
            strip(
                "Big Story Here - DRK Landesverband",
                Some("DRK e.V."),
                drk_url
            ),
            "Big Story Here"
        );
        // A section and the site after a longer headline; not a headline after the site.
        assert_eq!(
            strip(
                "Bush to Saudis: More Oil Please - World - CBN News",
                None,
                None
            ),
            "Bush to Saudis: More Oil Please"
        );
        assert_eq!(
            strip(
                "winnipegsun.com - Other Sports - Podium for Canuck",
                None,
                None
            ),
            "winnipegsun.com - Other Sports - Podium for Canuck"
        );
        assert_eq!(
            strip(
                "Official sacked after beating man to death in C China_English_Xinhua",
                None,
                None
            ),
            "Official sacked after beating man to death in C China"
        );
        assert_eq!(
            strip(
                "edmontonsun.com - Music- Lavigne lawsuit settled",
                Some("edmontonsun.com"),
                None
            ),
            "Lavigne lawsuit settled"
        );
        assert_eq!(
            strip("Kinder- und Jugendhilfe stärken", None, None),
            "Kinder- und Jugendhilfe stärken"
        );
        assert_eq!(
            strip(
                "Timberlake Appearing in Super Bowl Ad|ABC 7 News",
                None,
                None
            ),
            "Timberlake Appearing in Super Bowl Ad"
        );
        assert_eq!(
            strip(
                "Batteriespeicher - daheim Solar",
                None,
                Some("https://daheim-solar.de/lexikon/x")
            ),
            "Batteriespeicher"
        );
        assert_eq!(
            strip(
                "Bielersee-Winterhechte | petri-heil.ch | Dein Schweizer Fischereimagazin",
                None,
                Some("https://petri-heil.ch/x")
            ),
            "Bielersee-Winterhechte"
        );
        assert_eq!(
            strip(
                "This County Criminalized Students for Bad Grades – Until Now",
                Some("American Civil Liberties Union"),
                Some("https://www.aclu.org/blog/x")
            ),
            "This County Criminalized Students for Bad Grades – Until Now"
        );
        assert_eq!(
            strip(
                "ContraCostaTimes.com - Choi three-shot winner over Sabbatini in Sony",
                None,
                Some("http://www.contracostatimes.com/sports/ci_7966870")
            ),
            "Choi three-shot winner over Sabbatini in Sony"
        );
        assert_eq!(
            strip(
                "Gulf states urge peace | News",
                Some("BBC"),
                Some("http://news.bbc.co.uk/2/hi/x.stm")
            ),
            "Gulf states urge peace"
        );
    }

    const LEAD: &str = "Golfer Choi Kyung-ju beat Rory Sabbatini by three shots on Sunday \
        to win the Sony Open, his seventh title on the tour.";

    #[test]
    fn a_site_title_gives_way_to_the_heading_about_the_lead() {
        let site_only = Some("Soccerway");
        assert!(is_weak(
            site_only,
            site_only,
            None,
            Some("http://www.soccerway.com/news/x"),
            LEAD
        ));
        assert!(is_weak(Some("Footballworld.com"), None, None, None, LEAD));
        // A comment's end swallowed by a mangled `</title>` (l3s, BBC Sport).
        assert!(is_weak(
            Some("BBC SPORTi library-->"),
            None,
            None,
            None,
            LEAD
        ));
        assert!(is_weak(None, None, None, None, LEAD));
        assert!(
            !is_weak(Some("Nebelsuppe."), None, None, None, LEAD),
            "short is not weak"
        );
        let headings = [
            "Latest sports news".to_string(),
            "Choi three-shot winner over Sabbatini in Sony".to_string(),
        ];
        assert_eq!(
            headline_from_lead(&headings, LEAD).as_deref(),
            Some("Choi three-shot winner over Sabbatini in Sony")
        );
    }

    #[test]
    fn the_part_about_the_lead_and_whole_parts() {
        assert_eq!(
            part_sharing_lead(
                "ContraCostaTimes.com - Choi three-shot winner over Sabbatini in Sony",
                LEAD
            )
            .as_deref(),
            Some("Choi three-shot winner over Sabbatini in Sony")
        );
        // An en dash joins a headline's halves: never split there.
        assert_eq!(
            part_sharing_lead("Choi wins – Sabbatini second", LEAD),
            None
        );
        assert!(is_whole_part("GlossLip » Big Story", "Big Story"));
        assert!(!is_whole_part("Big Story Here", "Big Story"));
    }
}
