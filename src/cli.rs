//! Command-line arguments (clap derive). Parsing types stay here and in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::{Color, Format};
use crate::query::count::By;

/// Full-text search for folders of saved news articles.
///
/// Index a folder once (`search index DIR`), then query it (`search query WORDS`).
/// Exit status: 0 success, 1 a query matched nothing, 2 error, 130 interrupted.
#[derive(Debug, Parser)]
#[command(name = "search", version, about, long_about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. Each one's arguments are built only when it runs (or its
/// help is asked for): building all of them was ~0.35M instructions of every
/// start, a tenth of a short query. (So the argument structs below carry plain
/// comments: a deferred struct's doc comment would replace its command's about.)
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Clean every article under the folders and add it to the index
    #[command(after_help = "Examples:
  search index ./docs
  search index ./nyt ./dw --index ~/news-index
  search index --full ./docs          # rebuild from scratch
  search index --from-ndjson news.ndjson --index restored")]
    Index(IndexArgs),
    /// Search the index and print ranked hits with highlighted snippets
    #[command(after_help = "Examples:
  search query \"Wells Fargo\"
  search query 'tiktok -india' --since 2020-07-01 --sort date
  search query 'title:backtracks OR source:dw' --format json
  search query tiktok --format csv --fields date,source,title,path
  search query tiktok --group            # one line per story, with its outlets")]
    Query(QueryArgs),
    /// Count matching articles (or stories) per outlet or per period, for charts
    #[command(after_help = "Examples:
  search count \"wells fargo\" --by source
  search count tiktok --by month --format csv > tiktok-by-month.csv
  search count tiktok --by week --stories     # distinct stories, not articles
  search count '*' --by year --source reuters")]
    Count(CountArgs),
    /// Articles most like a given one (more like this), optionally within N days of it
    #[command(after_help = "Examples:
  search similar fixtures/seeds/000_b06b2c4501500147.txt
  search similar 75719e3d --days 3 --limit 5 --format json")]
    Similar(SimilarArgs),
    /// Print the record `search index` would store for each file (no index needed)
    #[command(after_help = "Examples:
  search extract ../shared/seeds
  search extract page.html --format text
  search extract ./docs --format csv --fields path,title,date")]
    Extract(ExtractArgs),
    /// Print the stored record and body of indexed articles, by path or id
    #[command(after_help = "Examples:
  search show fixtures/seeds/000_b06b2c4501500147.txt
  search show 3f9a1c2e            # an id, or a unique prefix of one (4+ digits)
  search show 3f9a1c2e --format json")]
    Show(ShowArgs),
    /// Write indexed articles as records (every field), for other engines or scripts
    #[command(after_help = "Examples:
  search export > news.ndjson                      # everything, one JSON object per line
  search export 'tiktok' --since 2020-07 > tiktok.ndjson
  search export --bulk-index news > news.bulk      # OpenSearch/Elasticsearch _bulk body
  search export --format csv --fields id,date,source,title

Quickwit and OpenSearch configs matching these records: contrib/ (see README).")]
    Export(ExportArgs),
    /// Summarise the index: articles, outlets, languages, dates, size, folders
    #[command(after_help = "Examples:
  search stats
  search stats --index ~/news-index --format json")]
    Stats(StatsArgs),
    /// Print a shell completion script
    #[command(after_help = "Examples:
  search completions bash > ~/.local/share/bash-completion/completions/search
  search completions zsh > ~/.zfunc/_search
  search completions fish > ~/.config/fish/completions/search.fish")]
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per subcommand
    #[command(after_help = "Examples:
  search man | man -l -
  search man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
}

// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder [env: SEARCH_INDEX] [default: config file's, else ./index]
    #[arg(long, value_name = "PATH", env = "SEARCH_INDEX", hide_env = true)]
    pub index: Option<PathBuf>,
}

// How results are printed; defaults come from the environment and the config file.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [env: SEARCH_FORMAT]
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        env = "SEARCH_FORMAT",
        hide_env = true
    )]
    pub format: Option<Format>,
    /// Print only these fields, in this order (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "A,B,..")]
    pub fields: Option<Vec<String>>,
    /// Colour highlights in text output [env: SEARCH_COLOR] [default: auto]
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        env = "SEARCH_COLOR",
        hide_env = true
    )]
    pub color: Option<Color>,
}

// Arguments of `search index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (or single files) to index, walked recursively in sorted order
    #[arg(value_name = "DIR", required_unless_present = "from_ndjson")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Rebuild the index from scratch instead of updating it
    ///
    /// Without it, only new and changed files are cleaned, and articles whose
    /// files are gone are removed.
    #[arg(long)]
    pub full: bool,
    /// Add the records of an NDJSON file written by `search export` (no cleaning)
    ///
    /// Each line is one article keyed by its `path`; bad lines are named and skipped.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub from_ndjson: Option<PathBuf>,
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
    /// Outlet A to Z, best match first within each; unknown outlet last
    Source,
    /// Author A to Z (by the alphabetically first of an article's authors), best match first within each; no author last
    Author,
}

// Filters every command that takes a query shares.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles from this outlet (case-insensitive; repeat for several)
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles by this author (whole words of the name; repeat for several)
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Only articles in this language (ISO 639-1 code such as en, de, fr; repeat for several)
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,
}

// Arguments of `search query`.
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
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Order of the hits
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Show exact copies (the same file under other paths) as hits of their own
    ///
    /// By default they are folded into the best-ranked copy and listed in its `copies`.
    #[arg(long)]
    pub duplicates: bool,
    /// One hit per story: articles from any outlet covering the same event fold
    /// into the best-ranked one, shown with the outlets and the date span
    #[arg(long)]
    pub group: bool,
}

// Arguments of `search count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// The query (`*` for every article)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// What to count by
    #[arg(long, value_enum, default_value_t = By::Source)]
    pub by: By,
    /// Count distinct stories instead of articles
    #[arg(long)]
    pub stories: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

// Arguments of `search similar`.
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The article: an indexed path or an id (4+ hex digits of one)
    #[arg(value_name = "PATH|ID")]
    pub key: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of articles to print
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Only articles published within this many days of it
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

// Arguments of `search extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to extract
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Follow symlinks to files and folders
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Also say where each metadata field came from (JSON-LD, OpenGraph, a meta
    /// tag, byline text, the URL path…): an `origins` object in JSON, a note per line in text
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

// Arguments of `search show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Indexed paths (as indexed, or relative to here) or ids (4+ hex digits of one)
    #[arg(required = true, value_name = "PATH|ID")]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub output: OutputArgs,
}

// Arguments of `search export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export only articles matching this query (default: all)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format (ndjson is jsonl)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Print only these fields, in this order (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "A,B,..")]
    pub fields: Option<Vec<String>>,
    /// Before each record, an OpenSearch/Elasticsearch `_bulk` action line for this index
    #[arg(long, value_name = "NAME")]
    pub bulk_index: Option<String>,
}

// Arguments of `search stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// `--fields` picks figures (e.g. articles,first_date,last_date); colour is unused
    #[command(flatten)]
    pub output: OutputArgs,
}

// Arguments of `search completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// Arguments of `search man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write search.1 and one page per subcommand (search-query.1, ...) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
