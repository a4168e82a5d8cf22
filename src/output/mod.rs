//! Output: renders finished hits and records to a writer. Never opens the index.
//!
//! Human and machine renderers are siblings over the same items: `human` for
//! people, `records` for scripts (JSON, JSON Lines, CSV, chosen fields).
//!
//! The machine contract (`FORMAT_VERSION`): a hit has the fields `HIT_FIELDS`,
//! a record (`extract`, `show`, `export`) the fields `RECORD_FIELDS`; see the
//! README for their meaning. Fields are only added within a version.

mod human;
mod records;

use std::io::{IsTerminal, Write};

use clap::ValueEnum;

pub use human::{
    render_hits as render_hits_human, render_record as render_record_human,
    render_stats as render_stats_human, Style,
};
pub use records::{Columns, ListWriter, FORMAT_VERSION};

/// Fields of a hit, in output order.
pub const HIT_FIELDS: &[&str] = &[
    "rank", "score", "id", "path", "title", "source", "date", "authors", "url", "lang", "snippet",
    "copies", "story", "articles",
];

/// Fields of an article record, in output order.
pub const RECORD_FIELDS: &[&str] = &[
    "id", "path", "kind", "title", "date", "authors", "source", "url", "lang", "words", "hash",
    "body",
];

/// Fields of `search extract --explain`: a record and where its metadata came from.
pub const EXPLAINED_FIELDS: &[&str] = &[
    "id", "path", "kind", "title", "date", "authors", "source", "url", "lang", "words", "hash",
    "body", "origins",
];

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, highlights coloured on a terminal
    Text,
    /// One JSON object: `format_version`, then the list
    Json,
    /// One JSON object per line (alias: ndjson)
    #[value(alias = "ndjson")]
    Jsonl,
    /// RFC 4180 CSV with a header row; lists joined with "; "
    Csv,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

impl Color {
    /// The style text output gets on stdout.
    pub fn style(self) -> Style {
        let terminal = || {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        };
        match self {
            Color::Always => Style::Ansi,
            Color::Auto if terminal() => Style::Ansi,
            Color::Auto | Color::Never => Style::Plain,
        }
    }
}

/// Maps a write error to ours (a closed pipe is handled by `main`).
pub fn write_error(e: std::io::Error) -> crate::Error {
    crate::Error::Output(e)
}

/// Flushes, mapping the error.
pub fn flush(out: &mut dyn Write) -> crate::Result<()> {
    out.flush().map_err(write_error)
}

/// A buffered, locked stdout.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}
