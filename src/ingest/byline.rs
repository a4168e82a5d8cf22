//! Author names from bylines: `By Mike Isaac and Karen Weise`, `Jane Doe, Reuters`.

use regex::Regex;

use super::thread_regex::ThreadRegex;

const NAME: &str = r"[\p{Lu}][\p{L}'’\-]+(?:\s+(?:[\p{Lu}]\.|[\p{Lu}][\p{L}'’\-]+|de|van|von|da|del|der|la|le|bin|al))*";

/// A byline line: `By NAME, NAME and NAME` optionally followed by `|`, `,` or a date.
static BYLINE: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(&format!(
        r"^(?i:by|von|par|por)\s+({NAME}(?:\s*,\s*{NAME})*(?:,?\s+(?:and|&|und|et|y)\s+{NAME})?)\s*(?:[,|•·—–-].*|\s+\d.*|\s+(?i:updated|published).*)?$"
    ))
    .unwrap()
});
static SPLIT: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"\s*(?:,\s*(?:and|&)\s+|,\s*|\s+(?:and|&|und|et|y)\s+)\s*").unwrap()
});

/// Credit words before a name: `View all posts by`, `Zeige alle Beiträge von`, `Autor:`, `Text:`.
static CREDIT_PREFIX: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:view|see|show) all (?:posts|articles|stories)(?: of| by| from)?|post author(?: by)?|alle artikel von|alles von|ein artikel von|ein beitrag von|artikel von|(?:zeige )?alle beiträge von|mehr von|more from|posted by|written by|veröffentlicht von|eingestellt von|geschrieben von|gespeichert von|erstellt von|publié par|publicado por|escrito por|text von|text|texte|текст|автор|autor(?:in)?|auteur|author|by|von|par|por|di|door)(\s*:\s*|\s+|(?-i:\p{Lu}))").unwrap()
});
/// What follows a name in a credit: ` am Samstag`, ` on July 10`, ` →`, ` | 5 min read`,
/// ` Illustration von Markus Roost`, ` in Sydney`.
static CREDIT_SUFFIX: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?i)(?:\s+(?:am|on|le|el|il)\s+.*|\s*[→»|•·].*|\s+(?:alle artikel|all (?:posts|articles)|chefredakteur(?:in)?|redakteur(?:in)?|schreibt|writes|kontakt|contact)\b.*|\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?(?:[\s,].*)?|(?-i:facebook|twitter|linkedin|instagram|whatsapp).*|(?-i:\s+in\s+\p{Lu}.*)|\s+(?:illustrations?|fotos?|photos?|bilder|grafiken?)\s*(?:von|by|:).*|\s*[-–—:]\s*)$").unwrap()
});

/// Strips credit words around a name: `View all posts by Daniel Lemire` → `Daniel Lemire`,
/// `Von Isabella Di Biase am Samstag` → `Isabella Di Biase`.
pub fn clean_credit(text: &str) -> String {
    let mut text = text.trim();
    while let Some(end) = credit_prefix_end(text) {
        text = text[end..].trim();
    }
    CREDIT_SUFFIX.get().replace(text, "").trim().to_string()
}

/// Where a leading credit word (`Von`, `Autor:`, `Veröffentlicht von`) ends, when
/// a name follows it.
fn credit_prefix_end(text: &str) -> Option<usize> {
    let c = CREDIT_PREFIX.get().captures(text)?;
    let sep = c.get(1)?;
    // `Text` credits only with a colon (`Text: Anna Weber`): `Text Size` and
    // `Text Only` are page controls.
    let word = text[..sep.start()].trim().to_lowercase();
    if matches!(word.as_str(), "text" | "texte" | "текст") && !sep.as_str().contains(':') {
        return None;
    }
    let end = if sep
        .as_str()
        .chars()
        .all(|ch| ch.is_whitespace() || ch == ':')
    {
        sep.end()
    } else {
        // A capital run into the credit (`Veröffentlicht vonChris Jung`): only after a
        // long credit, or `Dick` would read as `Di` + `ck`.
        if sep.start() < 6 {
            return None;
        }
        sep.start()
    };
    (end > 0 && end < text.len()).then_some(end)
}

/// Words that end a name list: roles and outlets, not people.
const NOT_NAMES: &[&str] = &[
    "autoren",
    "authors",
    "por",
    "by",
    "von",
    "schreiberling",
    "reuters",
    // Austrian and German desks sign `red` (Redaktion), not a person.
    "red",
    "associated press",
    "ap",
    "afp",
    "staff",
    "staff writer",
    "correspondent",
    "editor",
    "reporter",
    "contributor",
    "senior",
    "the",
    "news",
    "agency",
    "bloomberg",
    // A degree after a comma (`Brenda Goodman, MA`), on its own.
    "ma",
    "mba",
    "msc",
    "mph",
    "rn",
    // A content system's placeholder.
    "no author",
];

/// Words no name holds: form labels, weekdays, credits without a name, degrees.
const NOT_NAME_WORDS: &[&str] = &[
    "name",
    "posted",
    "published",
    "updated",
    "aktualisiert",
    "ago",
    "publiziert",
    "veröffentlicht",
    "erforderlich",
    "required",
    "admin",
    "administrator",
    "anonymous",
    "unknown",
    "guest",
    "gast",
    "phd",
    "ph.d.",
    "md",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "comments",
    "kommentare",
    "share",
    "teilen",
    "foto",
    "photo",
    "fotos",
    "photos",
    "bild",
    "image",
    "theme",
    "beiträge",
    "artikel",
    "articles",
    "posts",
];

/// A short line crediting someone with an explicit credit word: `Text von
/// Christian Seiler`, `VON MORITZ GATHMANN am 21. April 2020`, `Par Matthieu Hy`,
/// `Gespeichert von rasos am 24. Juli 2017`. `None` for anything else.
pub fn credit_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.chars().count() > MAX_CREDIT_LINE_CHARS {
        return None;
    }
    let end = credit_prefix_end(line)?;
    let names = split_names(&line[end..]);
    let short = names.iter().all(|n| n.split_whitespace().count() <= 4);
    (!names.is_empty() && short).then_some(names)
}

/// Credit lines are short: a longer line is prose that happens to start with `By`.
const MAX_CREDIT_LINE_CHARS: usize = 80;

/// Parses a byline line of scraped text; `None` if the line is not a byline.
pub fn parse_byline_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    // The pattern's own opening word, checked first: most lines are not
    // bylines, and a process that meets none never compiles the pattern.
    let opens_a_byline = line
        .split_once(char::is_whitespace)
        .is_some_and(|(word, _)| {
            ["by", "von", "par", "por"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
        });
    if !opens_a_byline || line.chars().count() > 160 {
        return None;
    }
    let caps = BYLINE.get().captures(line)?;
    let names = split_names(&caps[1]);
    (!names.is_empty()).then_some(names)
}

/// Splits an author value from metadata (`"By Jane Doe and John Roe"`, `"Doe, Jane"` is left whole).
pub fn split_names(value: &str) -> Vec<String> {
    split_keeping(value, is_name)
}

/// The credit's names (credit words around them dropped) that `keep` accepts.
fn split_keeping(value: &str, keep: fn(&str) -> bool) -> Vec<String> {
    let value = clean_credit(value);
    SPLIT
        .get()
        .split(&value)
        .map(|n| trim_name_end(n.trim()))
        .filter(|n| keep(n))
        .collect()
}

/// Drops a trailing comma or full stop, but not an initial's (`Juan Carlos Muñoz C.`),
/// a dash left by what followed the name (`By David A. Utter - Fri, 12/28/2007`),
/// and stray quotes around the name (`'Luana Patriolino, Raphael Felice'`).
fn trim_name_end(name: &str) -> String {
    let name = name
        .trim_matches(['\'', '"', '‘', '’', '“', '”'])
        .trim_end_matches([',', '-', '–', '—', '|'])
        .trim();
    // A social handle after the name (`Williams Perdomo @wperdomo`).
    let name = match name.rsplit_once(char::is_whitespace) {
        Some((before, handle)) if handle.len() > 1 && handle.starts_with('@') => before.trim(),
        _ => name,
    };
    let last = name.split_whitespace().last().unwrap_or_default();
    let initial = last.chars().count() == 2 && last.ends_with('.');
    if initial {
        name.to_string()
    } else {
        name.trim_end_matches(['.', ',']).trim().to_string()
    }
}

/// Splits a value the page marks up as its author (`rel=author`, JSON-LD,
/// `<meta name=author>`). The mark-up vouches for it, so handles and team
/// names count (`gizzmo`, `freeman1984`, `PETA-Team`, `AFP/The Local`),
/// which a line of running text would need a capital and no digits for.
pub fn split_marked_names(value: &str) -> Vec<String> {
    split_keeping(value, is_marked_name)
}

/// A name or handle from author mark-up: 1–6 words with a letter, no URL,
/// no mail address, no role or label word, no date or time (`November 9`,
/// `2023 4:41AM`), and no slug of a name (`christian.stadtfeld`,
/// `gabor_munier`, `sarah-indra`: the page names the person properly elsewhere).
fn is_marked_name(candidate: &str) -> bool {
    if !is_credit(candidate, &candidate.to_lowercase(), &[])
        || candidate.starts_with('/')
        || !candidate.chars().any(char::is_alphabetic)
    {
        return false;
    }
    let dated = candidate.split_whitespace().any(|w| {
        let w = w.trim_end_matches([',', '.']);
        w.contains(':') && w.chars().any(|c| c.is_ascii_digit())
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
    });
    let slug = !candidate.contains(' ')
        && (candidate.contains('_')
            || (candidate.contains('-')
                && !candidate.contains('.')
                && !candidate.chars().any(char::is_uppercase))
            || candidate.matches('.').count() > 1
            || candidate
                .rsplit_once('.')
                .is_some_and(|(_, last)| last.chars().count() > 3));
    !dated && !slug
}

/// What any credited name is: 1–6 words, no URL or mail address, no mark-up
/// or bracket, no label or role word, nor any of `also_not` (`lower` is
/// `candidate` lowercased).
fn is_credit(candidate: &str, lower: &str, also_not: &[&str]) -> bool {
    !candidate.is_empty()
        && !candidate.contains("://")
        && !candidate.contains(['@', '|'])
        && !NOT_NAMES.contains(&lower)
        && !candidate.contains(['*', '(', ')', '[', ']', '<', '>', '=', '#', '{', '}'])
        && !lower
            .split_whitespace()
            .any(|w| NOT_NAME_WORDS.contains(&w) || also_not.contains(&w))
        && (1..=6).contains(&candidate.split_whitespace().count())
}

/// A plausible person name: not a URL, not a role, 1–6 words starting with a
/// capital, no digits, no lower-case word but a particle (see `NAME_PARTICLES`).
pub fn is_name(candidate: &str) -> bool {
    is_self_written_name(candidate) && candidate.split_whitespace().all(is_name_word)
}

/// A name as people write their own in a mail's `From:` (`Ed pimentel`,
/// `Wonko the Sane`): `is_name` but for the case of the words after the first.
pub fn is_self_written_name(candidate: &str) -> bool {
    // The cheap tests first: this runs on many lines of every document.
    candidate.chars().next().is_some_and(char::is_uppercase)
        && !candidate.contains('/')
        && !candidate.chars().any(|c| c.is_ascii_digit())
        && is_credit(candidate, &candidate.to_lowercase(), DESK_WORDS)
}

/// Lower-case words a name holds: `Ursula von der Leyen`, `Mohammed bin
/// Salman`, `Ortega y Gasset`. Any other lower-case word makes a phrase
/// (`Von Atemschutzmaske über Exit-Strategie bis Zoonose` is a glossary's
/// range, not a credit).
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "vom", "zu", "zum", "der", "den", "de", "del", "della", "di", "da", "das", "do",
    "dos", "du", "des", "la", "le", "les", "bin", "ibn", "al", "el", "ter", "ten", "y", "e",
];

/// A word of a name: capitalised (`Müller`, `O'Neill`, `al-Hakim`'s second
/// half), an initial, or a particle (`von`, `al-`, `d'`).
fn is_name_word(word: &str) -> bool {
    if !word.starts_with(char::is_lowercase) {
        return true;
    }
    let stem = word.split(['-', '\'', '’']).next().unwrap_or(word);
    NAME_PARTICLES.contains(&stem) || matches!(stem, "d" | "l")
}

/// Words of a desk's credit, not a person's.
const DESK_WORDS: &[&str] = &["staff", "desk", "team", "editors", "newsroom", "reporters"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline_line("By Mike Isaac and Karen Weise"),
            Some(vec!["Mike Isaac".to_string(), "Karen Weise".to_string()])
        );
        assert_eq!(
            parse_byline_line("By Jane Doe, John Roe and Ann Poe | July 10, 2020"),
            Some(vec!["Jane Doe".into(), "John Roe".into(), "Ann Poe".into()])
        );
        assert_eq!(
            credit_line("By David A. Utter - Fri, 12/28/2007 - 6:41am."),
            Some(vec!["David A. Utter".to_string()])
        );
        assert_eq!(parse_byline_line("Videos by VICE"), None);
        assert_eq!(
            parse_byline_line("By the end of the day, it was over"),
            None
        );
        assert_eq!(
            split_names("https://www.facebook.com/someone"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn author_mark_up_vouches_for_handles_and_desks_not_dates_or_slugs() {
        for (value, names) in [
            ("gizzmo", vec!["gizzmo"]),
            ("freeman1984", vec!["freeman1984"]),
            ("Support Team", vec!["Support Team"]),
            ("AFP/The Local", vec!["AFP/The Local"]),
            (
                "'Luana Patriolino, Raphael Felice'",
                vec!["Luana Patriolino", "Raphael Felice"],
            ),
            ("Текст: Лида Буслаева", vec!["Лида Буслаева"]),
            ("November 9, 2023 4:41AM", vec![]),
            ("STAN COLLYMORE 31/12/2007", vec![]),
            ("christian.stadtfeld", vec![]),
            ("gabor_munier", vec![]),
            ("sarah-indra", vec![]),
            ("Updated 7d 0h ago", vec![]),
            ("red", vec![]),
            ("https://www.facebook.com/someone", vec![]),
        ] {
            assert_eq!(split_marked_names(value), names, "{value}");
        }
        // Running text still needs a person's name.
        assert!(split_names("gizzmo").is_empty());
        assert!(split_names("Support Team").is_empty());
    }

    #[test]
    fn credit_words_around_names_go() {
        assert_eq!(
            clean_credit("View all posts by Daniel Lemire"),
            "Daniel Lemire"
        );
        assert_eq!(clean_credit("Veröffentlicht vonChris Jung"), "Chris Jung");
        assert_eq!(
            clean_credit("Von Isabella DiBiase am Samstag"),
            "Isabella DiBiase"
        );
        assert_eq!(
            clean_credit("Johanna Kropfitsch Alle Artikel"),
            "Johanna Kropfitsch"
        );
        assert_eq!(clean_credit("Dick Tracy"), "Dick Tracy");
        assert_eq!(clean_credit("Text: Anna Weber"), "Anna Weber");
        assert_eq!(credit_line("Text Size"), None);
        assert_eq!(
            credit_line("VON MORITZ GATHMANN am 21. April 2020"),
            Some(vec!["MORITZ GATHMANN".to_string()])
        );
        assert_eq!(
            credit_line("Text: Klausmartin Friedrich"),
            Some(vec!["Klausmartin Friedrich".to_string()])
        );
        assert_eq!(credit_line("Text:"), None);
        assert_eq!(
            credit_line("Text von Christian Seiler Illustration von Markus Roost"),
            Some(vec!["Christian Seiler".to_string()])
        );
        assert_eq!(
            split_marked_names("Williams Perdomo @wperdomo"),
            vec!["Williams Perdomo".to_string()]
        );
        assert_eq!(split_marked_names("@wperdomo"), Vec::<String>::new());
        assert_eq!(
            credit_line("By Julian Linden in Sydney"),
            Some(vec!["Julian Linden".to_string()])
        );
        assert!(is_name("Ursula von der Leyen"));
        assert!(!is_name("Ed pimentel") && is_self_written_name("Ed pimentel"));
        assert!(is_name("Abdel Fattah el-Sisi"));
        assert!(is_name("Giovanni d'Andrea"));
        assert_eq!(
            credit_line("Von Atemschutzmaske über Exit-Strategie bis Zoonose"),
            None
        );
        assert_eq!(credit_line("Geschrieben von"), None);
        assert_eq!(split_names("Name (erforderlich)"), Vec::<String>::new());
        assert_eq!(split_names("Donnerstag"), Vec::<String>::new());
        assert_eq!(
            split_names("Juan Carlos Muñoz C."),
            vec!["Juan Carlos Muñoz C."]
        );
        assert_eq!(split_names("Walter von Aachen"), vec!["Walter von Aachen"]);
    }
}
