//! Command-line arguments (clap derive). Parsing types stay here and in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

/// Full-text search for folders of saved news articles.
#[derive(Debug, Parser)]
#[command(name = "search", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean every article under the folders and add it to the index
    ///
    /// Examples:
    ///   search index ./docs
    ///   search index ./nyt ./dw --index ~/news-index
    Index(IndexArgs),
    /// Search the index and print ranked hits with highlighted snippets
    ///
    /// Examples:
    ///   search query "Wells Fargo"
    ///   search query 'tiktok -india' --since 2020-07-01 --sort date
    ///   search query 'title:backtracks OR source:dw' --format json
    Query(QueryArgs),
    /// Print the record `search index` would store for each file
    ///
    /// Examples:
    ///   search extract ../shared/seeds
    ///   search extract page.html --format json
    Extract(ExtractArgs),
}

/// Where the index lives: `--index`, else `$SEARCH_INDEX`, else `./index`.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder [env: SEARCH_INDEX] [default: ./index]
    #[arg(long, value_name = "PATH", env = "SEARCH_INDEX", hide_env = true)]
    pub index: Option<PathBuf>,
}

impl IndexLocation {
    /// The resolved index folder.
    pub fn path(&self) -> PathBuf {
        self.index.clone().unwrap_or_else(|| PathBuf::from("index"))
    }
}

/// Arguments of `search index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (or single files) to index, walked recursively in sorted order
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Rebuild the index from scratch instead of updating it
    ///
    /// Without it, only new and changed files are cleaned, and articles whose
    /// files are gone are removed.
    #[arg(long)]
    pub full: bool,
    /// Commit after this many changed files (an interrupted run loses at most these)
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,
    /// Follow symlinks to files and folders (loops are detected and reported)
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Print no progress and no per-file warnings (the summary is still printed)
    #[arg(long, short)]
    pub quiet: bool,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first (BM25, title boosted, phrases above scattered words)
    Relevance,
    /// Newest first; undated articles last
    Date,
}

/// When to colour the highlights of text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

/// Arguments of `search query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query; several arguments are joined with spaces (see README: query syntax)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of hits to print
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles from this outlet (case-insensitive; repeat for several)
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Order of the hits
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Colour highlights in text output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Show exact copies (the same file under other paths) as hits of their own
    ///
    /// By default they are folded into the best-ranked copy and listed in its `copies`.
    #[arg(long)]
    pub duplicates: bool,
}

/// Arguments of `search extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to extract
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Follow symlinks to files and folders
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
}
