//! `search query`: resolve arguments, open the index, search, render.

use std::io::Write;

use serde_json::{Map, Value};

use crate::cli::{FilterArgs, QueryArgs, Sort};
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::output::{self, Color, Columns, Format, ListWriter, HIT_FIELDS};
use crate::query::{self, Filter, Request, Results, SortOrder};

/// Runs `search query`.
pub fn run(args: &QueryArgs) -> Result<ExitStatus> {
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Text);
    let columns = Columns::choose(HIT_FIELDS, args.output.fields.as_deref())?;
    let request = Request {
        query: args.query.join(" "),
        limit: args.limit,
        offset: args.offset,
        filter: filter(&args.filter)?,
        duplicates: args.duplicates,
        group: args.group,
        sort: match args.sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Date => SortOrder::Date,
            Sort::Source => SortOrder::Source,
            Sort::Author => SortOrder::Author,
        },
    };
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let results = query::search(&open, &request)?;

    print_hits(&results, format, columns, config.color(args.output.color))?;
    let shown = results.hits.len();
    let count = if let Some(stories) = results.stories {
        let plural = |n: usize, word: &str, words: &str| {
            format!("{n} {}", if n == 1 { word } else { words })
        };
        let shown_part = if shown < stories {
            format!("{shown} of ")
        } else {
            String::new()
        };
        format!(
            "{shown_part}{} · {}",
            plural(stories, "story", "stories"),
            plural(results.total, "article", "articles")
        )
    } else if shown == results.total {
        format!(
            "{} hit{}",
            results.total,
            if results.total == 1 { "" } else { "s" }
        )
    } else {
        format!("{shown} of {} hits", results.total)
    };
    let _ = writeln!(std::io::stderr(), "{count}");
    Ok(if results.total == 0 {
        ExitStatus::NoHits
    } else {
        ExitStatus::Success
    })
}

/// Prints hits in `format`: the human list, or the machine list with `query`
/// and `total` in its header.
pub(crate) fn print_hits(
    results: &Results,
    format: Format,
    columns: Columns,
    color: Color,
) -> Result<()> {
    let mut out = output::stdout();
    if format == Format::Text && !columns.is_chosen() {
        output::render_hits_human(results, color.style(), &mut out)?;
    } else {
        let mut header = Map::from_iter([
            ("query".to_string(), Value::from(results.query.clone())),
            ("total".to_string(), Value::from(results.total)),
        ]);
        if let Some(stories) = results.stories {
            header.insert("stories".to_string(), Value::from(stories));
        }
        let mut list = ListWriter::begin(format, columns, header, "hits", &mut out)?;
        for hit in &results.hits {
            list.item(hit)?;
        }
        list.finish()?;
    }
    output::flush(&mut out)
}

/// The filter flags, with their dates checked before the index is opened so
/// the error names the flag's value.
pub(crate) fn filter(args: &FilterArgs) -> Result<Filter> {
    for date in [&args.since, &args.until].into_iter().flatten() {
        query::period(date)?;
    }
    Ok(Filter {
        since: args.since.clone(),
        until: args.until.clone(),
        sources: args.source.clone(),
        authors: args.author.clone(),
        langs: args.lang.clone(),
    })
}
