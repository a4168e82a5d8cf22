//! Per-language stemming. An article in a language with a Snowball stemmer
//! other than English is indexed with a two-character prefix (private-use
//! code points, never produced by text) naming its language; the stemming
//! filter reads it and stems the rest with that language's stemmer. Readers
//! of stored text remove the prefix (`unmark`).

use std::borrow::Cow;

use tantivy::tokenizer::Language;

/// Starts a language mark; the next character names the language.
const MARK: char = '\u{E000}';
/// `LANGUAGES[i]` is named by the character `FIRST_CODE + i`.
const FIRST_CODE: u32 = 0xE100;

/// Stemmers other than English, with their ISO 639-1 codes.
const LANGUAGES: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("nl", Language::Dutch),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("de", Language::German),
    ("el", Language::Greek),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("no", Language::Norwegian),
    ("nb", Language::Norwegian),
    ("nn", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("es", Language::Spanish),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The stemmer for an ISO 639-1 code, when it is not English's.
pub fn stemmer_for(code: &str) -> Option<Language> {
    LANGUAGES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// `text` as indexed for an article in language `code`.
pub fn mark<'a>(text: &'a str, code: Option<&str>) -> Cow<'a, str> {
    match code.and_then(|c| LANGUAGES.iter().position(|(l, _)| *l == c)) {
        Some(i) => {
            let name = char::from_u32(FIRST_CODE + i as u32).expect("private-use code point");
            Cow::Owned(format!("{MARK}{name}{text}"))
        }
        None => Cow::Borrowed(text),
    }
}

/// The language a marked text was indexed in (`None`: the default, English).
pub fn marked(text: &str) -> Option<Language> {
    let mut chars = text.chars();
    if chars.next()? != MARK {
        return None;
    }
    let i = (chars.next()? as u32).checked_sub(FIRST_CODE)? as usize;
    LANGUAGES.get(i).map(|(_, l)| *l)
}

/// Stored text without its language mark.
pub fn unmark(text: &str) -> &str {
    match marked(text) {
        Some(_) => {
            let mut chars = text.chars();
            chars.next();
            chars.next();
            chars.as_str()
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_and_english_is_left_alone() {
        let text = mark("Häuser", Some("de"));
        assert_eq!(marked(&text), Some(Language::German));
        assert_eq!(unmark(&text), "Häuser");
        assert_eq!(mark("houses", Some("en")), "houses");
        assert_eq!(mark("x", None), "x");
        assert_eq!(marked("houses"), None);
    }
}
