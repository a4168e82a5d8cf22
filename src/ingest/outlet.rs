//! Outlet names: from a page's host, or from the imprint an outlet prints on its own pages.
//!
//! The table maps hosts (including short-link hosts such as `nyti.ms`) to the
//! name readers know; an unknown host falls back to the host itself.

use regex::Regex;

use super::thread_regex::ThreadRegex;

struct Outlet {
    name: &'static str,
    hosts: &'static [&'static str],
    /// Sections published under their own brand (`VICE (Motherboard)`).
    brands: &'static [&'static str],
}

const OUTLETS: &[Outlet] = &[
    o(
        "The New York Times",
        &["nytimes.com", "nyti.ms", "nytimes3xbfgragh.onion"],
    ),
    o("DW", &["dw.com", "dw.de"]),
    Outlet {
        name: "VICE",
        hosts: &["vice.com"],
        brands: &[
            "Motherboard",
            "Noisey",
            "Munchies",
            "Broadly",
            "Waypoint",
            "Tonic",
            "Garage",
        ],
    },
    o("BBC News", &["bbc.co.uk", "bbc.com", "bbc.in"]),
    o("Reuters", &["reuters.com", "reut.rs"]),
    o("Associated Press", &["apnews.com", "ap.org"]),
    o(
        "The Guardian",
        &["theguardian.com", "guardian.co.uk", "gu.com"],
    ),
    o("The Washington Post", &["washingtonpost.com", "wapo.st"]),
    o("The Wall Street Journal", &["wsj.com", "on.wsj.com"]),
    o("Financial Times", &["ft.com"]),
    o("Bloomberg", &["bloomberg.com", "bloom.bg"]),
    o("CNN", &["cnn.com", "cnn.it"]),
    o("NPR", &["npr.org", "n.pr"]),
    o("NBC News", &["nbcnews.com", "nbcnews.to"]),
    o("CBS News", &["cbsnews.com"]),
    o("ABC News", &["abcnews.go.com", "abc.net.au"]),
    o("Fox News", &["foxnews.com"]),
    o("USA Today", &["usatoday.com"]),
    o("Los Angeles Times", &["latimes.com"]),
    o("Politico", &["politico.com", "politico.eu"]),
    o("CNBC", &["cnbc.com"]),
    o("The Verge", &["theverge.com"]),
    o("TechCrunch", &["techcrunch.com"]),
    o("Wired", &["wired.com", "wired.co.uk"]),
    o("Ars Technica", &["arstechnica.com"]),
    o("Al Jazeera", &["aljazeera.com"]),
    o("The Independent", &["independent.co.uk"]),
    o("The Telegraph", &["telegraph.co.uk"]),
    o("The Economist", &["economist.com"]),
    o("Axios", &["axios.com"]),
    o("HuffPost", &["huffpost.com", "huffingtonpost.com"]),
    o("Time", &["time.com"]),
    o("The Atlantic", &["theatlantic.com"]),
    o("The New Yorker", &["newyorker.com"]),
    o("Forbes", &["forbes.com"]),
    o("Business Insider", &["businessinsider.com", "insider.com"]),
    o("Der Spiegel", &["spiegel.de"]),
    o("Die Zeit", &["zeit.de"]),
    o("Frankfurter Allgemeine", &["faz.net"]),
    o("Süddeutsche Zeitung", &["sueddeutsche.de"]),
    o("Le Monde", &["lemonde.fr"]),
    o("El País", &["elpais.com"]),
];

const fn o(name: &'static str, hosts: &'static [&'static str]) -> Outlet {
    Outlet {
        name,
        hosts,
        brands: &[],
    }
}

/// The host of a URL, lowercased, without `www.`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

fn outlet_for_host(host: &str) -> Option<&'static Outlet> {
    OUTLETS.iter().find(|o| {
        o.hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    })
}

fn outlet_named(name: &str) -> Option<&'static Outlet> {
    let name = name.trim().to_lowercase();
    let bare = name.trim_start_matches("the ");
    OUTLETS.iter().find(|o| {
        let known = o.name.to_lowercase();
        known == name || known.trim_start_matches("the ") == bare
    })
}

/// The outlet name for a URL's host: the known name, else the host.
pub fn name_for_url(url: &str) -> Option<String> {
    let host = host(url)?;
    Some(outlet_for_host(&host).map_or(host, |o| o.name.to_string()))
}

/// Whether the URL's host is a known outlet.
pub fn is_known_host(url: &str) -> bool {
    host(url).is_some_and(|h| outlet_for_host(&h).is_some())
}

/// Canonical spelling of an outlet name found in metadata (`nytimes` stays, `the new york times` → known form).
pub fn canonical_name(name: &str) -> String {
    // Site names often carry a tagline or domain: `The Jerusalem Post | JPost.com`.
    let name = [" | ", " – ", " — ", " - "]
        .iter()
        .fold(name, |n, sep| n.split(sep).next().unwrap_or(n))
        .trim();
    outlet_named(name).map_or_else(|| name.to_string(), |o| o.name.to_string())
}

/// Adds the sub-brand a known outlet's article names itself by: `VICE` → `VICE (Motherboard)`.
pub fn with_brand(name: String, body: &str) -> String {
    match outlet_named(&name) {
        Some(outlet) => match outlet.brands.iter().find(|b| body.contains(*b)) {
            Some(brand) => format!("{} ({brand})", outlet.name),
            None => name,
        },
        None => name,
    }
}

static COPYRIGHT: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?:©|\((?i:c)\)|(?i:copyright)\b)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?(?:by\s+)?([\p{Lu}][\p{L}&.' ]+?)(?:\s*,?\s+(?:Company|Co\.|Inc\.?|Ltd\.?|LLC|GmbH|Corp\.?|Corporation|plc|AG|SE|S\.A\.|Group|Media Group))?\s*(?:\.|$|,|\s+(?i:All\s+rights)|\s*\|)").unwrap()
});
/// An imprint's name is at most this long, its initial included.
const MAX_IMPRINT_NAME_CHARS: usize = 61;
static SITE_NAME_LINE: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"^(?:Videos|Photos|More) (?:by|from) ([\p{Lu}][\p{L}]+)$|^(?:\d+\.\s*)?Skip to more ([\p{Lu}][\p{L}]+) sites$").unwrap()
});

/// The outlet an imprint line names: `© 2020 The New York Times Company`, `Videos by VICE`.
pub fn from_imprint(line: &str) -> Option<String> {
    let line = line.trim();
    if let Some(c) = SITE_NAME_LINE.get().captures(line) {
        let name = c.get(1).or(c.get(2))?.as_str();
        return Some(canonical_name(name));
    }
    // Quoted mail (`> Copyright (c) …`) names the quoted text's owner.
    if line.chars().count() > 120 || line.starts_with('>') {
        return None;
    }
    let c = COPYRIGHT.get().captures(line)?;
    // The name's length is checked here, not bounded in the pattern: a
    // bounded repeat of a Unicode class compiles to 60 copies of the class.
    if c[1].chars().count() > MAX_IMPRINT_NAME_CHARS {
        return None;
    }
    let name = c[1].trim().trim_end_matches(['.', ',']).trim();
    // `COPYRIGHT INFRINGEMENT`, `CASE DENIED`: legal text in capitals, not a
    // name (short capitals such as `CNN` or `AFP` are).
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let shouted = letters > 5 && !name.chars().any(char::is_lowercase);
    // `Copyright (c) Edward A. Ipser` stops at the initial: a person, who
    // owns a post's copyright, not an outlet.
    let initial = name.split_whitespace().count() > 1
        && name
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().count() == 1);
    (name.split_whitespace().count() <= 6 && !name.is_empty() && !shouted && !initial)
        .then(|| canonical_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_imprints() {
        assert_eq!(
            name_for_url("https://nyti.ms/2OfhrMt").as_deref(),
            Some("The New York Times")
        );
        assert_eq!(
            name_for_url("https://p.dw.com/p/3f96n").as_deref(),
            Some("DW")
        );
        assert_eq!(
            name_for_url("https://www.example.org/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            from_imprint("© 2020 The New York Times Company").as_deref(),
            Some("The New York Times")
        );
        assert_eq!(from_imprint("Videos by VICE").as_deref(), Some("VICE"));
        // A credit longer than any name (here 4 words, 80 characters) is no imprint.
        let long = "© 2020 Österreichische Rundfunkgesellschaftsverwaltungsgenossenschaft \
                    Landesstudio Wien.";
        assert_eq!(from_imprint(long), None);
        assert_eq!(
            from_imprint("© 2004 CNN. All rights reserved.").as_deref(),
            Some("CNN")
        );
        // Seen in news-bench: quoted, discussed, or legal text.
        assert_eq!(
            from_imprint("> Copyright (c) Edward A. Ipser, Jr., 1993"),
            None
        );
        assert_eq!(from_imprint("I bought copyrighted Peanuts strips."), None);
        assert_eq!(from_imprint("COPYRIGHT INFRINGEMENT"), None);
        assert_eq!(from_imprint("Copyright 1993 Arthur E. Smith"), None);
        assert_eq!(from_imprint("copyright and patent law"), None);
        assert_eq!(
            from_imprint("3. Skip to more DW sites").as_deref(),
            Some("DW")
        );
        assert_eq!(
            with_brand("VICE".into(), "Amazon told Motherboard"),
            "VICE (Motherboard)"
        );
    }
}
