//! Records written by `search export`, read back without cleaning anything:
//! the way an index moves between machines or versions.

use serde::Deserialize;

use crate::document::{article_id, count_words, Article, Kind};

/// One exported line. `id` is recomputed from `path`; other unknown fields are ignored.
#[derive(Debug, Deserialize)]
struct Record {
    path: String,
    kind: Option<Kind>,
    title: Option<String>,
    date: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    source: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    words: Option<u64>,
    hash: Option<String>,
    #[serde(default)]
    body: String,
}

/// Parses one NDJSON line into the article it describes; the error says what is wrong.
pub fn parse_record(line: &str) -> Result<Article, String> {
    let record: Record = serde_json::from_str(line).map_err(|e| format!("not a record: {e}"))?;
    if record.path.trim().is_empty() {
        return Err("empty `path`".into());
    }
    if record.body.trim().is_empty() && record.title.is_none() {
        return Err("no `body` and no `title`".into());
    }
    let date = match record.date.as_deref() {
        None => None,
        Some(text) => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| format!("`date` `{text}` is not YYYY-MM-DD"))?,
        ),
    };
    Ok(Article {
        id: article_id(&record.path),
        kind: record.kind.unwrap_or(Kind::Text),
        title: record.title,
        date,
        authors: record.authors,
        source: record.source,
        url: record.url,
        lang: record.lang,
        words: record.words.unwrap_or_else(|| count_words(&record.body)),
        hash: record
            .hash
            .unwrap_or_else(|| super::content_hash(record.body.as_bytes())),
        body: record.body,
        path: record.path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_record_gets_its_defaults() {
        let a = parse_record(r#"{"path":"/x/a.txt","body":"Two words"}"#).unwrap();
        assert_eq!((a.kind, a.words, a.id.len()), (Kind::Text, 2, 16));
        assert_eq!(a.hash.len(), 32);
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let err = |line| parse_record(line).unwrap_err();
        assert!(err("{").starts_with("not a record"));
        assert_eq!(err(r#"{"path":"","body":"x"}"#), "empty `path`");
        assert_eq!(
            err(r#"{"path":"/a","body":" "}"#),
            "no `body` and no `title`"
        );
        assert_eq!(
            err(r#"{"path":"/a","body":"x","date":"July 10"}"#),
            "`date` `July 10` is not YYYY-MM-DD"
        );
    }
}
