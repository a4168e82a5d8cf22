//! Where each metadata field of a document was read from (`search extract --explain`).

use serde::Serialize;

/// One short description per field (`json-ld datePublished`, `meta og:title`,
/// `byline line`, `url path`…); `None` when the field was not found.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Origins {
    pub title: Option<String>,
    pub date: Option<String>,
    pub authors: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}
