//! `search`: full-text search over folders of saved news articles.
//!
//! Data flows one way: file → `ingest` (detect, clean, metadata) → `Article`
//! → `index` (tantivy) → `query` (parse, rank, snippet) → `Hit` → `output`.
//! `commands` connects the stages for each subcommand.

pub mod cli;
pub mod commands;
pub mod config;
pub mod document;
pub mod error;
pub mod index;
pub mod ingest;
pub mod output;
pub mod packed_strings;
pub mod query;
pub mod stories;
pub mod text_form;

pub use error::{Error, ExitStatus, Result};

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> Result<ExitStatus> {
    match cli.command {
        cli::Command::Index(args) => commands::index::run(&args),
        cli::Command::Query(args) => commands::query::run(&args),
        cli::Command::Extract(args) => commands::extract::run(&args),
        cli::Command::Count(args) => commands::count::run(&args),
        cli::Command::Similar(args) => commands::similar::run(&args),
        cli::Command::Show(args) => commands::show::run(&args),
        cli::Command::Export(args) => commands::export::run(&args),
        cli::Command::Stats(args) => commands::stats::run(&args),
        cli::Command::Completions(args) => commands::shell::completions(&args),
        cli::Command::Man(args) => commands::shell::man(&args),
    }
}
