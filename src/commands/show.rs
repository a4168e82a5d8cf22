//! `search show`: the stored record and body of indexed articles.

use serde_json::Map;

use crate::cli::ShowArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::stored;
use crate::output::{self, Columns, Format, ListWriter, RECORD_FIELDS};

/// Runs `search show`. Every key must name an article: the first that does
/// not fails the command before anything is printed.
pub fn run(args: &ShowArgs) -> Result<ExitStatus> {
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Text);
    let columns = Columns::choose(RECORD_FIELDS, args.output.fields.as_deref())?;
    let open = crate::index::open(&config.index(args.location.index.as_ref()))?;
    let searcher = open.reader.searcher();
    let found = args
        .keys
        .iter()
        .map(|key| stored::find(&open, &searcher, key))
        .collect::<Result<Vec<_>>>()?;

    let mut out = output::stdout();
    if format == Format::Text && !columns.is_chosen() {
        for addr in found {
            let doc = stored::load(&open, &searcher, addr)?;
            output::render_record_human(&stored::article(&doc, &open.fields), None, &mut out)?;
        }
    } else {
        let mut list = ListWriter::begin(format, columns, Map::new(), "records", &mut out)?;
        for addr in found {
            let doc = stored::load(&open, &searcher, addr)?;
            list.item(&stored::article(&doc, &open.fields))?;
        }
        list.finish()?;
    }
    output::flush(&mut out)?;
    Ok(ExitStatus::Success)
}
