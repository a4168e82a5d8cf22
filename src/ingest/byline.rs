//! Author names from bylines: `By Mike Isaac and Karen Weise`, `Jane Doe, Reuters`.

use std::sync::LazyLock;

use regex::Regex;

const NAME: &str = r"[\p{Lu}][\p{L}'’\-]+(?:\s+(?:[\p{Lu}]\.|[\p{Lu}][\p{L}'’\-]+|de|van|von|da|del|der|la|le|bin|al))*";

/// A byline line: `By NAME, NAME and NAME` optionally followed by `|`, `,` or a date.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:by|von|par|por)\s+({NAME}(?:\s*,\s*{NAME})*(?:,?\s+(?:and|&|und|et|y)\s+{NAME})?)\s*(?:[,|•·—–-].*|\s+\d.*|\s+(?i:updated|published).*)?$"
    ))
    .unwrap()
});
static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,\s*(?:and|&)\s+|,\s*|\s+(?:and|&|und|et|y)\s+)\s*").unwrap()
});

/// Words that end a name list: roles and outlets, not people.
const NOT_NAMES: &[&str] = &[
    "reuters",
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
];

/// Parses a byline line of scraped text; `None` if the line is not a byline.
pub fn parse_byline_line(line: &str) -> Option<Vec<String>> {
    if line.chars().count() > 160 {
        return None;
    }
    let caps = BYLINE.captures(line.trim())?;
    let names = split_names(&caps[1]);
    (!names.is_empty()).then_some(names)
}

/// Splits an author value from metadata (`"By Jane Doe and John Roe"`, `"Doe, Jane"` is left whole).
pub fn split_names(value: &str) -> Vec<String> {
    let value = value.trim();
    let value = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .unwrap_or(value);
    SPLIT
        .split(value)
        .map(|n| n.trim().trim_end_matches(['.', ',']).trim().to_string())
        .filter(|n| is_name(n))
        .collect()
}

/// A plausible person name: not a URL, not a role, 2–6 words with a capital, no digits.
pub fn is_name(candidate: &str) -> bool {
    let lower = candidate.to_lowercase();
    let words = candidate.split_whitespace().count();
    !candidate.is_empty()
        && !candidate.contains("://")
        && !candidate.contains('@')
        && !candidate.contains(['/', '|'])
        && !candidate.chars().any(|c| c.is_ascii_digit())
        && !NOT_NAMES.contains(&lower.as_str())
        && !lower.split_whitespace().any(|w| {
            matches!(
                w,
                "staff" | "desk" | "team" | "editors" | "newsroom" | "reporters"
            )
        })
        && (1..=6).contains(&words)
        && candidate.chars().next().is_some_and(char::is_uppercase)
}

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
}
