//! `search query`: resolve arguments, open the index, search, render.

use std::io::{IsTerminal, Write};

use crate::cli::{Color, QueryArgs, Sort};
use crate::error::{ExitStatus, Result};
use crate::output::{self, Format, Style};
use crate::query::{self, Request, SortOrder};

/// Runs `search query`.
pub fn run(args: &QueryArgs) -> Result<ExitStatus> {
    let request = Request {
        query: args.query.join(" "),
        limit: args.limit,
        offset: args.offset,
        since: args.since.clone(),
        until: args.until.clone(),
        sources: args.source.clone(),
        duplicates: args.duplicates,
        sort: match args.sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Date => SortOrder::Date,
        },
    };
    // Validate flag dates before touching the index, so the error names the flag's value.
    for date in [&request.since, &request.until].into_iter().flatten() {
        query::period(date)?;
    }
    let open = crate::index::open(&args.location.path())?;
    let results = query::search(&open, &request)?;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Text => {
            let style = match args.color {
                Color::Always => Style::Ansi,
                Color::Never => Style::Plain,
                Color::Auto if stdout_is_color_terminal() => Style::Ansi,
                Color::Auto => Style::Plain,
            };
            output::render_hits_human(&results, style, &mut out)?;
        }
        Format::Json => output::render_hits_json(&results, &mut out)?,
        Format::Jsonl => output::render_hits_jsonl(&results, &mut out)?,
    }
    output::flush(&mut out)?;
    let shown = results.hits.len();
    let count = if shown == results.total {
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

fn stdout_is_color_terminal() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
