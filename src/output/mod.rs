//! Output: renders finished hits and records to a writer. Never opens the index.
//!
//! Human and machine renderers are siblings over the same `Results`.

mod human;
mod json;

use std::io::Write;

use clap::ValueEnum;

pub use human::{render_hits as render_hits_human, render_record as render_record_human, Style};
pub use json::{render_hits_json, render_hits_jsonl, render_record_json};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, highlights coloured on a terminal
    Text,
    /// One JSON document
    Json,
    /// One JSON object per line
    Jsonl,
}

/// Maps a write error to ours (a closed pipe is handled by `main`).
pub fn write_error(e: std::io::Error) -> crate::Error {
    crate::Error::Output(e)
}

/// Flushes, mapping the error.
pub fn flush(out: &mut dyn Write) -> crate::Result<()> {
    out.flush().map_err(write_error)
}
