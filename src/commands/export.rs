//! `search export`: every stored field of the matching articles, streamed in
//! path order, for Quickwit, OpenSearch, or `search index --from-ndjson`.

use std::io::Write;

use serde_json::{Map, Value};

use crate::cli::ExportArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::stored;
use crate::output::{self, Columns, ListWriter, RECORD_FIELDS};

/// Runs `search export`; a summary goes to stderr.
pub fn run(args: &ExportArgs) -> Result<ExitStatus> {
    if args.bulk_index.is_some() && args.format != crate::output::Format::Jsonl {
        return Err(crate::Error::Usage(
            "--bulk-index writes NDJSON; it cannot be used with --format json, csv or text".into(),
        ));
    }
    let config = Config::load()?;
    let columns = Columns::choose(RECORD_FIELDS, args.fields.as_deref())?;
    let filter = super::query::filter(&args.filter)?;
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let query = args.query.join(" ");
    let mut docs = crate::query::matching(&open, Some(&query), &filter)?;
    let searcher = open.reader.searcher();
    stored::sort_by_path(&searcher, &mut docs);

    let mut out = output::stdout();
    let mut list = ListWriter::begin(args.format, columns, Map::new(), "records", &mut out)?;
    for &addr in &docs {
        let doc = stored::load(&open, &searcher, addr)?;
        let article = stored::article(&doc, &open.fields);
        if let Some(index) = &args.bulk_index {
            let action = serde_json::json!({"index": {"_index": index, "_id": article.id}});
            list.raw_line(&Value::to_string(&action))?;
        }
        list.item(&article)?;
    }
    list.finish()?;
    output::flush(&mut out)?;
    let _ = writeln!(
        std::io::stderr(),
        "exported {} article{}",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" }
    );
    Ok(ExitStatus::Success)
}
