//! `search index`: walk → clean (two threads) → upsert → commit, then a summary on stderr.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::cli::IndexArgs;
use crate::error::{ExitStatus, Result};
use crate::index::IndexWriter;
use crate::ingest::{self, Entry, IngestError, Ingested};

/// Cleaning threads: extraction costs far more than indexing, so it gets the cores.
const CLEANERS: usize = 2;
/// Commit this often so an interrupted run loses little.
const COMMIT_EVERY: usize = 10_000;
/// Show a progress line only for runs with at least this many files.
const PROGRESS_MIN_FILES: usize = 500;

/// Counts reported in the summary.
#[derive(Debug, Default)]
struct Tally {
    seen: usize,
    indexed: usize,
    skipped: BTreeMap<&'static str, usize>,
}

/// Runs `search index`.
pub fn run(args: &IndexArgs) -> Result<ExitStatus> {
    super::ensure_inputs_exist(&args.inputs)?;
    let started = Instant::now();
    let index_path = args.location.path();
    let mut writer = IndexWriter::open_or_create(&index_path, args.full)?;

    let mut tally = Tally::default();
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in ingest::walk(&args.inputs, Some(&index_path)) {
        tally.seen += 1;
        match entry {
            Entry::File(path) => files.push(path),
            Entry::Skipped { path, reason } => {
                *tally.skipped.entry("not an article").or_default() += 1;
                if !args.quiet && reason != "not an article file type" {
                    eprintln!("warning: {}: {reason}", path.display());
                }
            }
        }
    }

    let progress =
        !args.quiet && std::io::stderr().is_terminal() && files.len() >= PROGRESS_MIN_FILES;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(PathBuf, std::result::Result<Ingested, IngestError>)>(256);
    let outcome = std::thread::scope(|scope| -> Result<()> {
        for _ in 0..CLEANERS {
            let (tx, files, next) = (tx.clone(), &files, &next);
            scope.spawn(move || {
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = ingest::read_article(path);
                    if tx.send((path.clone(), result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut last_progress = Instant::now();
        let mut done = 0usize;
        for (path, result) in rx {
            done += 1;
            match result {
                Ok(ingested) => {
                    if ingested.truncated && !args.quiet {
                        eprintln!(
                            "warning: {}: larger than {} MiB, only the start was indexed",
                            path.display(),
                            ingest::MAX_BYTES / (1024 * 1024)
                        );
                    }
                    writer.upsert(&ingested.article)?;
                    tally.indexed += 1;
                    if tally.indexed % COMMIT_EVERY == 0 {
                        writer.commit()?;
                    }
                }
                Err(err) => {
                    *tally.skipped.entry(err.reason()).or_default() += 1;
                    if !args.quiet {
                        eprintln!("warning: {}: {err}", path.display());
                    }
                }
            }
            if progress && last_progress.elapsed() > Duration::from_millis(200) {
                eprint!("\r{done}/{} files", files.len());
                last_progress = Instant::now();
            }
        }
        if progress {
            eprint!("\r\x1b[K");
        }
        Ok(())
    });
    // Stop the cleaners early on a failure: they see the closed channel.
    outcome?;
    writer.finish()?;

    let skipped: usize = tally.skipped.values().sum();
    let mut summary = format!(
        "indexed {} of {} files into {} in {:.2}s",
        tally.indexed,
        tally.seen,
        index_path.display(),
        started.elapsed().as_secs_f64()
    );
    if skipped > 0 {
        let reasons: Vec<String> = tally
            .skipped
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        summary.push_str(&format!("; skipped {skipped} ({})", reasons.join(", ")));
    }
    let mut err = std::io::stderr();
    let _ = writeln!(err, "{summary}");
    Ok(ExitStatus::Success)
}
