//! `search stats`: what the index holds.

use std::io::Write;

use serde::Serialize;

use crate::cli::StatsArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::stats::{self, IndexStats};
use crate::output::{self, Columns, Format, ListWriter, FORMAT_VERSION};

/// One row of `stats --format csv`: a figure, or one outlet's or language's count.
#[derive(Serialize)]
struct Row<'a> {
    stat: &'a str,
    name: &'a str,
    value: String,
}

const ROW_FIELDS: &[&str] = &["stat", "name", "value"];

/// The figures of `IndexStats`, in output order (`--fields` chooses among them).
const STATS_FIELDS: &[&str] = &[
    "index",
    "articles",
    "kinds",
    "sources",
    "unknown_source",
    "languages",
    "first_date",
    "last_date",
    "undated",
    "stories",
    "articles_in_stories",
    "size_bytes",
    "segments",
    "indexed_at",
    "roots",
];

/// Runs `search stats`.
pub fn run(args: &StatsArgs) -> Result<ExitStatus> {
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Text);
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let summary = stats::stats(&open)?;
    let mut out = output::stdout();
    if let Some(fields) = &args.output.fields {
        print_chosen(&summary, format, fields, &mut out)?;
        output::flush(&mut out)?;
        return Ok(ExitStatus::Success);
    }
    match format {
        Format::Text => output::render_stats_human(&summary, &mut out)?,
        Format::Json | Format::Jsonl => {
            let mut value = serde_json::json!({ "format_version": FORMAT_VERSION });
            if let (Some(object), Ok(serde_json::Value::Object(fields))) =
                (value.as_object_mut(), serde_json::to_value(&summary))
            {
                object.extend(fields);
            }
            let text = if format == Format::Json {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            let text = text.map_err(|e| output::write_error(e.into()))?;
            writeln!(out, "{text}").map_err(output::write_error)?;
        }
        Format::Csv => {
            let columns = Columns::choose(ROW_FIELDS, None)?;
            let mut list =
                ListWriter::begin(format, columns, Default::default(), "rows", &mut out)?;
            for row in rows(&summary) {
                list.item(&row)?;
            }
            list.finish()?;
        }
    }
    output::flush(&mut out)?;
    Ok(ExitStatus::Success)
}

/// `--fields`: the chosen figures, as one JSON object (with `format_version`)
/// or one CSV / tab-separated row.
fn print_chosen(
    summary: &IndexStats,
    format: Format,
    fields: &[String],
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let columns = Columns::choose(STATS_FIELDS, Some(fields))?;
    match format {
        Format::Json | Format::Jsonl => {
            let all = serde_json::to_value(summary).map_err(|e| output::write_error(e.into()))?;
            let mut chosen = serde_json::Map::new();
            chosen.insert("format_version".into(), FORMAT_VERSION.into());
            for name in fields.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
                chosen.insert(name.to_string(), all[name].clone());
            }
            let value = serde_json::Value::Object(chosen);
            let text = if format == Format::Json {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            let text = text.map_err(|e| output::write_error(e.into()))?;
            writeln!(out, "{text}").map_err(output::write_error)
        }
        Format::Csv | Format::Text => {
            let mut list = ListWriter::begin(format, columns, Default::default(), "stats", out)?;
            list.item(summary)?;
            list.finish()
        }
    }
}

fn rows(s: &IndexStats) -> Vec<Row<'_>> {
    let figure = |stat, value: String| Row {
        stat,
        name: "",
        value,
    };
    let mut rows = vec![
        figure("index", s.index.clone()),
        figure("articles", s.articles.to_string()),
        figure("first_date", s.first_date.clone().unwrap_or_default()),
        figure("last_date", s.last_date.clone().unwrap_or_default()),
        figure("undated", s.undated.to_string()),
        figure("stories", s.stories.to_string()),
        figure("articles_in_stories", s.articles_in_stories.to_string()),
        figure("unknown_source", s.unknown_source.to_string()),
        figure("size_bytes", s.size_bytes.to_string()),
        figure("segments", s.segments.to_string()),
        figure("indexed_at", s.indexed_at.clone().unwrap_or_default()),
    ];
    for root in &s.roots {
        rows.push(figure("root", root.clone()));
    }
    for (stat, tallies) in [
        ("kind", &s.kinds),
        ("source", &s.sources),
        ("lang", &s.languages),
    ] {
        for t in tallies {
            rows.push(Row {
                stat,
                name: &t.name,
                value: t.articles.to_string(),
            });
        }
    }
    rows
}
