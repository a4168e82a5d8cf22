//! Errors the library returns, and the exit status the binary maps them to.
//!
//! Each variant carries what the user needs to fix the problem: the path, the
//! query, the offending value. `main` prints `error: {self}` and, when there is
//! one, `hint: {hint}`.

use std::path::PathBuf;

/// The process exit status, grep style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command ran and found something (or had nothing to find).
    Success = 0,
    /// A query ran fine and matched nothing.
    NoHits = 1,
    /// The command failed.
    Error = 2,
    /// Stopped by Ctrl-C (or SIGTERM) after saving what was done, as shells report SIGINT.
    Interrupted = 130,
}

/// Accepted date forms, shown whenever a date does not parse.
pub const DATE_FORMS: &str = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2020-07-10)";

/// Everything that can make a command fail as a whole.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `query` (or another reader) found no index at the path.
    #[error("no index at {}", .0.display())]
    NoIndex(PathBuf),
    /// An input given to `index` does not exist.
    #[error("no such file or folder: {}", .0.display())]
    NoSuchInput(PathBuf),
    /// Another process holds the index's writer lock.
    #[error("the index at {} is being written by another process", .0.display())]
    IndexBusy(PathBuf),
    /// The index exists but was made by another version or is damaged.
    #[error("cannot open the index at {}: {source}", path.display())]
    BadIndex {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    /// The index was made by another version of `search` (another schema).
    #[error("the index at {} was made by {found} version of `search`", path.display())]
    IndexVersion { path: PathBuf, found: String },
    /// A tantivy operation failed on an index that opened fine.
    #[error("index at {}: {what}: {source}", path.display())]
    Index {
        path: PathBuf,
        what: &'static str,
        source: tantivy::TantivyError,
    },
    /// A filesystem operation failed.
    #[error("{what} {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A query names a field that does not exist.
    #[error("unknown field `{}` in query `{}`", short(field), short(query))]
    UnknownField { query: String, field: String },
    /// A query does not parse.
    #[error(
        "syntax error in query `{}` at character {position}: {message}",
        short(query)
    )]
    QuerySyntax {
        query: String,
        position: usize,
        message: String,
    },
    /// A date (flag or `date:` term) does not parse.
    #[error("invalid date `{value}`")]
    BadDate { value: String },
    /// The query is empty.
    #[error("empty query")]
    EmptyQuery,
    /// The query holds only punctuation or symbols.
    #[error("query `{}` has no words to search for", short(.0))]
    NoWords(String),
    /// `show` (or `similar`) was given a path or id the index does not hold.
    #[error("`{key}`: {why}")]
    NotFound { key: String, why: String },
    /// `--fields` names a column the output does not have.
    #[error("unknown field `{field}` in --fields")]
    UnknownColumn {
        field: String,
        valid: &'static [&'static str],
    },
    /// The config file cannot be read or is invalid.
    #[error("config file {}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    /// Flags that cannot be used together.
    #[error("{0}")]
    Usage(String),
    /// Writing output failed (other than a closed pipe).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
}

impl Error {
    /// A one-line suggestion printed after the error, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoIndex(_) => Some("run `search index DIR` first, or pass --index PATH".into()),
            Error::IndexBusy(_) => {
                Some("wait for the other `search index` to finish; queries still work".into())
            }
            Error::BadIndex { .. } | Error::IndexVersion { .. } => {
                Some("rebuild it with `search index --full DIR`, or remove the folder".into())
            }
            Error::UnknownField { .. } => Some(format!(
                "valid fields: {}",
                crate::query::FIELD_NAMES.join(", ")
            )),
            Error::UnknownColumn { valid, .. } => {
                Some(format!("valid fields: {}", valid.join(",")))
            }
            Error::NotFound { .. } => Some(
                "give the path as indexed (see `search query ... --format json`) or an id".into(),
            ),
            Error::BadDate { .. } => Some(format!("accepted forms: {DATE_FORMS}")),
            Error::QuerySyntax { .. } => {
                Some("quote a phrase with \"...\", group with ( ), and close what you open".into())
            }
            _ => None,
        }
    }

    /// Whether this is a closed pipe on stdout, which is not an error for a CLI.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// A query as quoted in a message: control characters shown as `?`, and a
/// very long query cut to its start, so an error stays one readable line.
fn short(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    let mut out: String = text
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if text.chars().count() > MAX_CHARS {
        out.push('…');
    }
    out
}

/// Shorthand for library results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
