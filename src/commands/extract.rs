//! `search extract`: print the record `search index` would store, file by file.

use std::io::Write;

use crate::cli::ExtractArgs;
use crate::error::{ExitStatus, Result};
use crate::ingest::{self, Entry, SkipReason, WalkOptions};
use crate::output::{self, Format};

/// Runs `search extract`. Files that yield no article get a warning; the exit
/// status is an error only when no file yielded one.
pub fn run(args: &ExtractArgs) -> Result<ExitStatus> {
    super::ensure_inputs_exist(&args.inputs)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut printed = 0usize;
    let mut failed = 0usize;
    let mut records = Vec::new();
    let options = WalkOptions {
        exclude: None,
        follow: args.follow,
    };
    for entry in ingest::walk(&args.inputs, options) {
        let file = match entry {
            Entry::File(file) => file,
            Entry::Skipped { path, reason, .. } => {
                if reason != SkipReason::NotArticle {
                    let _ = writeln!(std::io::stderr(), "warning: {}: {reason}", path.display());
                }
                continue;
            }
        };
        match ingest::read_article(&file) {
            Ok(ingested) => {
                printed += 1;
                for note in &ingested.notes {
                    let _ = writeln!(
                        std::io::stderr(),
                        "warning: {}: {note}",
                        file.path.display()
                    );
                }
                match args.format {
                    Format::Text => output::render_record_human(&ingested.article, &mut out)?,
                    Format::Jsonl => output::render_record_json(&ingested.article, &mut out)?,
                    Format::Json => records.push(ingested.article),
                }
            }
            Err(err) => {
                failed += 1;
                let _ = writeln!(std::io::stderr(), "warning: {}: {err}", file.path.display());
            }
        }
    }
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &records)
            .map_err(|e| output::write_error(e.into()))?;
        writeln!(out).map_err(output::write_error)?;
    }
    output::flush(&mut out)?;
    Ok(if printed == 0 && failed > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
