//! `search count`: matches per outlet or period, as a chart, CSV or JSON.

use std::io::Write;

use serde_json::{Map, Value};

use crate::cli::CountArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::output::{self, Columns, Format, ListWriter};
use crate::query::count::{self, Counts};
use crate::stories::Stories;

const BUCKET_FIELDS: &[&str] = &["key", "count"];
/// Width of the longest bar in text output.
const BAR_WIDTH: usize = 40;

/// Runs `search count`.
pub fn run(args: &CountArgs) -> Result<ExitStatus> {
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Text);
    let columns = Columns::choose(BUCKET_FIELDS, args.output.fields.as_deref())?;
    let filter = super::query::filter(&args.filter)?;
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let by = args.by;
    let stories = args.stories.then(|| Stories::load(&open.path));
    let query = args.query.join(" ");
    let counts = count::count(&open, &query, &filter, by, stories.as_ref())?;
    let unit = if args.stories { "stories" } else { "articles" };
    let singular = if args.stories { "story" } else { "article" };

    let mut out = output::stdout();
    if format == Format::Text && !columns.is_chosen() {
        render_chart(&counts, &mut out)?;
    } else {
        let header = Map::from_iter([
            ("query".to_string(), Value::from(query)),
            (
                "by".to_string(),
                Value::from(format!("{by:?}").to_lowercase()),
            ),
            ("counting".to_string(), Value::from(unit)),
            ("total".to_string(), Value::from(counts.total)),
        ]);
        let mut list = ListWriter::begin(format, columns, header, "buckets", &mut out)?;
        for bucket in &counts.buckets {
            list.item(bucket)?;
        }
        list.finish()?;
    }
    output::flush(&mut out)?;
    let noun = if counts.total == 1 { singular } else { unit };
    let _ = writeln!(std::io::stderr(), "{} {noun}", counts.total);
    Ok(if counts.total == 0 {
        ExitStatus::NoHits
    } else {
        ExitStatus::Success
    })
}

/// `KEY  ████████ N`, bars scaled to the largest count.
fn render_chart(counts: &Counts, out: &mut dyn Write) -> Result<()> {
    let key_width = counts
        .buckets
        .iter()
        .map(|b| b.key.chars().count())
        .max()
        .unwrap_or(0);
    let max = counts
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut text = String::new();
    for b in &counts.buckets {
        let eighths = (b.count * BAR_WIDTH as u64 * 8).div_ceil(max) as usize;
        let mut bar = "█".repeat(eighths / 8);
        if !eighths.is_multiple_of(8) {
            bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
        }
        let pad = key_width - b.key.chars().count();
        text.push_str(&format!(
            "{}{}  {bar} {}\n",
            b.key,
            " ".repeat(pad),
            b.count
        ));
    }
    out.write_all(text.as_bytes()).map_err(output::write_error)
}
