//! `search similar`: more like this, rendered like query hits.

use std::io::Write;

use serde_json::{Map, Value};

use crate::cli::SimilarArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::stored;
use crate::output::{self, Columns, Format, ListWriter, HIT_FIELDS};
use crate::query::{self, Request, SortOrder};

/// Runs `search similar`.
pub fn run(args: &SimilarArgs) -> Result<ExitStatus> {
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Text);
    let columns = Columns::choose(HIT_FIELDS, args.output.fields.as_deref())?;
    let filter = super::query::filter(&args.filter)?;
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let addr = stored::find(&open, &open.reader.searcher(), &args.key)?;
    let request = Request {
        query: String::new(),
        limit: args.limit,
        offset: 0,
        filter,
        sort: SortOrder::Relevance,
        duplicates: false,
        group: false,
    };
    let results = query::similar(&open, addr, args.days, &request)?;

    let mut out = output::stdout();
    if format == Format::Text && !columns.is_chosen() {
        let style = config.color(args.output.color).style();
        output::render_hits_human(&results, style, &mut out)?;
    } else {
        let header = Map::from_iter([
            ("query".to_string(), Value::from(results.query.clone())),
            ("total".to_string(), Value::from(results.total)),
        ]);
        let mut list = ListWriter::begin(format, columns, header, "hits", &mut out)?;
        for hit in &results.hits {
            list.item(hit)?;
        }
        list.finish()?;
    }
    output::flush(&mut out)?;
    let _ = writeln!(
        std::io::stderr(),
        "{} of {} articles sharing its terms",
        results.hits.len(),
        results.total
    );
    Ok(if results.hits.is_empty() {
        ExitStatus::NoHits
    } else {
        ExitStatus::Success
    })
}
