//! `search extract`: print the record `search index` would store, file by file.

use std::io::Write;

use serde_json::Map;

use crate::cli::ExtractArgs;
use crate::config::Config;
use crate::document::Article;
use crate::error::{ExitStatus, Result};
use crate::ingest::{self, Candidates, Entry, LearnedChrome, SkipReason, WalkOptions};
use crate::output::{self, Columns, Format, ListWriter, EXPLAINED_FIELDS, RECORD_FIELDS};

/// Threads reading files to learn chrome from.
const LEARNING_THREADS: usize = 2;

/// A record, with where its metadata came from when `--explain` asked for it.
#[derive(serde::Serialize)]
struct Explained<'a> {
    #[serde(flatten)]
    article: &'a Article,
    #[serde(skip_serializing_if = "Option::is_none")]
    origins: Option<&'a ingest::Origins>,
}

/// Runs `search extract`. Files that yield no article get a warning; the exit
/// status is an error only when no file yielded one.
pub fn run(args: &ExtractArgs) -> Result<ExitStatus> {
    super::ensure_inputs_exist(&args.inputs)?;
    let config = Config::load()?;
    let format = config.format(args.output.format, Format::Jsonl);
    let fields = if args.explain {
        EXPLAINED_FIELDS
    } else {
        RECORD_FIELDS
    };
    let columns = Columns::choose(fields, args.output.fields.as_deref())?;
    let human = format == Format::Text && !columns.is_chosen();
    let mut out = output::stdout();
    let mut list = if human {
        None
    } else {
        Some(ListWriter::begin(
            format,
            columns,
            Map::new(),
            "records",
            &mut out,
        )?)
    };
    let mut human_out = output::stdout();
    let mut printed = 0usize;
    let mut failed = 0usize;
    let options = WalkOptions {
        exclude: None,
        follow: args.follow,
    };
    let mut files = Candidates::default();
    for entry in ingest::walk(&args.inputs, options) {
        match entry {
            Entry::File(file) => files.push(file),
            Entry::Skipped { path, reason, .. } => {
                if reason != SkipReason::NotArticle {
                    let _ = writeln!(std::io::stderr(), "warning: {}: {reason}", path.display());
                }
            }
        }
    }
    // The same chrome `search index` would learn from these folders.
    let learned = LearnedChrome::learn(&files, LEARNING_THREADS);
    for file in files.iter() {
        match ingest::read_article(&file, &learned) {
            Ok(ingested) => {
                printed += 1;
                for note in &ingested.notes {
                    let _ = writeln!(
                        std::io::stderr(),
                        "warning: {}: {note}",
                        file.path().display()
                    );
                }
                let origins = args.explain.then_some(&ingested.origins);
                match list.as_mut() {
                    Some(list) => list.item(&Explained {
                        article: &ingested.article,
                        origins,
                    })?,
                    None => {
                        output::render_record_human(&ingested.article, origins, &mut human_out)?
                    }
                }
            }
            Err(err) => {
                failed += 1;
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: {}: {err}",
                    file.path().display()
                );
            }
        }
    }
    if let Some(list) = list {
        list.finish()?;
    }
    output::flush(&mut out)?;
    output::flush(&mut human_out)?;
    Ok(if printed == 0 && failed > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
