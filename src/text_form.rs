//! The one Unicode form every stored and searched text takes.
//!
//! The same word can be written with different code points: `য়` is U+09DF in
//! one Bengali page and U+09AF U+09BC in another (or in what a keyboard types),
//! `é` one code point or two, and `Mit&shy;tel&shy;al&shy;ter` may carry invisible soft
//! hyphens that split it into four words. Articles and queries are both put in
//! NFC with soft hyphens removed, so they meet.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const SOFT_HYPHEN: char = '\u{ad}';

/// `text` in NFC without soft hyphens; borrowed when it already is (nearly always).
pub fn canonical(text: &str) -> Cow<'_, str> {
    // Most articles are ASCII, which is NFC and has no soft hyphen: one fast
    // scan settles them.
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let hyphenated = text.contains(SOFT_HYPHEN);
    if !hyphenated && is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| c != SOFT_HYPHEN).nfc().collect())
}

/// `text` in canonical form, reusing the string when it already is.
pub fn canonical_owned(text: String) -> String {
    match canonical(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_drops_soft_hyphens() {
        assert_eq!(canonical("Mit\u{ad}tel\u{ad}al\u{ad}ter"), "Mittelalter");
        assert_eq!(canonical("Cafe\u{301}"), "Caf\u{e9}");
        // U+09DF is excluded from composition: NFC writes it as U+09AF U+09BC.
        assert_eq!(canonical("\u{9df}"), "\u{9af}\u{9bc}");
        assert!(matches!(canonical("plain text"), Cow::Borrowed(_)));
    }
}
