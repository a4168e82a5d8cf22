//! `search similar`: more like this, rendered like query hits.

use std::io::Write;

use crate::cli::SimilarArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::stored;
use crate::output::{Columns, Format, HIT_FIELDS};
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

    super::query::print_hits(&results, format, columns, config.color(args.output.color))?;
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
