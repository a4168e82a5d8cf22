//! `search index`: walk → compare with the index → clean what changed (two
//! threads) → upsert/remove → commit, then a summary on stderr.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::{byte_channel, heap};
use crate::cli::IndexArgs;
use crate::config::Config;
use crate::error::{ExitStatus, Result};
use crate::index::{path_table, IndexWriter, KnownFiles};
use crate::ingest::{
    self, Candidates, Entry as WalkEntry, IngestError, Ingested, LearnedChrome, SkipReason,
    WalkOptions,
};

/// Cleaning threads: extraction costs far more than indexing, so it gets the cores.
const CLEANERS: usize = 2;
/// Commit at least this often (and every `--commit-every` files), so an
/// interrupted run loses little.
const COMMIT_EVERY: Duration = Duration::from_secs(60);
/// Bytes of cleaned articles that may wait for the writer: enough to keep
/// both cleaners busy while it commits (see `byte_channel`). News-bench and
/// the HTML pages, 46k files, 5 interleaved runs each (medians): with room for
/// 256 articles 1.71 of 2 cores were busy, with 24 MB 1.80; wall time
/// 10.5 -> 9.3 s. Where tantivy's thread is the slower one (plain-text news),
/// the channel stays full from one commit to the next, so all of it adds to
/// every commit's peak: 8 MB ran as fast as 24 (46k files, 5 interleaved
/// runs: 13.6 against 14.0 s) with a peak of 83 MB instead of 97.
const IN_FLIGHT_BYTES: usize = 8 << 20;
/// Cleaned articles go to the writer in batches of up to this many, or of
/// `BATCH_BYTES`: one at a time, the writer's thread and tantivy's slept
/// and were woken for each article.
const BATCH_FILES: usize = 32;
const BATCH_BYTES: usize = 256 << 10;
/// Show a progress line only for runs with at least this many files to clean.
const PROGRESS_MIN_FILES: usize = 500;
/// Up to this many articles, stories are regrouped beside the final merge
/// instead of before it. The two at once cost no memory at news-bench ×2
/// (92k files: peak RSS 86-89 MB against 82-88 one after the other) and 35
/// MB more at ×4 (184k files). At ×1 (46k files) regrouping took 0.5 s of
/// the run's last 2 s, in which one core was idle.
const REGROUP_BESIDE_MERGE_MAX_ARTICLES: u64 = 100_000;

/// Set by Ctrl-C / SIGTERM: stop cleaning, commit what is done, exit.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Counts reported in the summary.
#[derive(Debug, Default)]
struct Tally {
    added: usize,
    updated: usize,
    removed: usize,
    unchanged: usize,
    skipped: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn skip(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    fn changed(&self) -> usize {
        self.added + self.updated + self.removed
    }

    fn summary(&self) -> String {
        let skipped: usize = self.skipped.values().sum();
        let mut line = format!(
            "added {}, updated {}, removed {}, unchanged {}, skipped {skipped}",
            self.added, self.updated, self.removed, self.unchanged
        );
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, n)| format!("{reason} {n}"))
                .collect();
            line.push_str(&format!(" ({})", reasons.join(", ")));
        }
        line
    }
}

/// Runs `search index`.
pub fn run(args: &IndexArgs) -> Result<ExitStatus> {
    if let Some(file) = &args.from_ndjson {
        return super::import::run(args, file);
    }
    super::ensure_inputs_exist(&args.inputs)?;
    let started = Instant::now();
    let index_path = Config::load()?.index(args.location.index.as_ref());
    let mut writer = IndexWriter::open_or_create(&index_path, args.full)?;
    // A second Ctrl-C while the first is being handled quits at once: every
    // commit is atomic, so that only loses the work since the last commit.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(ExitStatus::Interrupted as i32);
        }
    });

    let roots = ingest::roots(&args.inputs);
    writer.add_roots(&roots);
    let known = if args.full {
        KnownFiles::default()
    } else {
        writer.known_files()?
    };

    let mut tally = Tally::default();
    // Every key the walk yields, as a digest: inputs that overlap (`docs` and
    // `docs/nyt`) yield a file twice, and it is indexed once. At 184k files
    // the keys themselves took 30 MB; their digests take 3.
    let mut seen: rustc_hash::FxHashSet<u128> = Default::default();
    let digest = |key: &str| xxhash_rust::xxh3::xxh3_128(key.as_bytes());
    let mut to_clean = Candidates::default();
    let options = WalkOptions {
        exclude: Some(&index_path),
        follow: args.follow,
    };
    for entry in ingest::walk(&args.inputs, options) {
        match entry {
            WalkEntry::File(file) => {
                if !seen.insert(digest(&file.key)) {
                    continue;
                }
                match known.get(&file.key) {
                    Some(stamp) if stamp.size == file.size && stamp.mtime == file.mtime => {
                        tally.unchanged += 1
                    }
                    _ => to_clean.push(file),
                }
            }
            WalkEntry::Skipped { path, key, reason } => {
                if key.as_deref().is_some_and(|key| !seen.insert(digest(key))) {
                    continue;
                }
                tally.skip(reason.label());
                if !args.quiet && reason != SkipReason::NotArticle {
                    eprintln!("warning: {}: {reason}", path.display());
                }
                let Some(key) = key else { continue };
                // A file that can no longer be read keeps its article; one that
                // is no longer an article file loses it.
                if known.contains(&key) && !matches!(reason, SkipReason::Unwalkable(_)) {
                    writer.remove(&key);
                    tally.removed += 1;
                }
            }
        }
    }
    for path in known.paths() {
        if !seen.contains(&digest(path)) && under_roots(path, &roots) && is_gone(path) {
            writer.remove(path);
            tally.removed += 1;
        }
    }
    // The walk is over: its digests are done with, and the list of files to
    // clean gives back the room it grew into (together 10 MB at news-bench ×4).
    drop(seen);
    to_clean.shrink_to_fit();

    let progress =
        !args.quiet && std::io::stderr().is_terminal() && to_clean.len() >= PROGRESS_MIN_FILES;
    let learned = if to_clean.is_empty() {
        LearnedChrome::default()
    } else {
        LearnedChrome::learn(&to_clean, CLEANERS)
    };
    let next = AtomicUsize::new(0);
    type Cleaned = (usize, std::result::Result<(Ingested, Vec<u8>), IngestError>);
    let (tx, rx) = byte_channel::channel::<Vec<Cleaned>>(IN_FLIGHT_BYTES);
    let outcome = std::thread::scope(|scope| -> Result<()> {
        for _ in 0..CLEANERS {
            let (tx, files, next, learned) = (tx.clone(), &to_clean, &next, &learned);
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH_FILES);
                let mut bytes = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    if INTERRUPTED.load(Ordering::Relaxed) {
                        break;
                    }
                    let cleaned = ingest::read_article(&file, learned).map(with_signature);
                    bytes += weight(&cleaned);
                    batch.push((i, cleaned));
                    if batch.len() >= BATCH_FILES || bytes >= BATCH_BYTES {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_FILES));
                        if tx.send(full, std::mem::take(&mut bytes)).is_err() {
                            return;
                        }
                    }
                }
                if !batch.is_empty() {
                    let _ = tx.send(batch, bytes);
                }
            });
        }
        drop(tx);
        let mut last_progress = Instant::now();
        let mut last_commit = Instant::now();
        let mut changed_since_commit = 0usize;
        // Cleaners finish out of order; documents are added in walk order so
        // that doc ids, and so the order of equal scores, never depend on timing.
        let mut in_order = Reorder::new();
        let cleaned = rx.flatten().flat_map(|item| in_order.push(item));
        for (done, (i, result)) in cleaned.enumerate() {
            if INTERRUPTED.load(Ordering::Relaxed) {
                break;
            }
            let file = to_clean.get(i).expect("cleaners send only listed files");
            let old = known.get(&file.key);
            match result {
                Ok((ingested, signature)) => {
                    if !args.quiet {
                        for note in &ingested.notes {
                            eprintln!("warning: {}: {note}", file.path().display());
                        }
                    }
                    if old.is_some() {
                        writer.upsert(&ingested.article, file.size, file.mtime, &signature)?;
                    } else {
                        writer.add(&ingested.article, file.size, file.mtime, &signature)?;
                    }
                    match old {
                        None => tally.added += 1,
                        // Touched but not changed: stored again only to refresh the stamp.
                        Some(stamp) if stamp.same_content(&ingested.article.hash) => {
                            tally.unchanged += 1
                        }
                        Some(_) => tally.updated += 1,
                    }
                }
                Err(err) => {
                    tally.skip(err.reason());
                    if !args.quiet {
                        eprintln!("warning: {}: {err}", file.path().display());
                    }
                    if old.is_some() && !matches!(err, IngestError::Io(_)) {
                        writer.remove(&file.key);
                        tally.removed += 1;
                    }
                }
            }
            changed_since_commit += 1;
            if changed_since_commit as u64 >= args.commit_every
                || last_commit.elapsed() > COMMIT_EVERY
            {
                writer.commit()?;
                // The segment just written leaves its heap free: handed back
                // now, not after the allocator's decay (see `release_freed_heap`).
                heap::release_freed_heap();
                changed_since_commit = 0;
                last_commit = Instant::now();
            }
            if progress && last_progress.elapsed() > Duration::from_millis(200) {
                eprint!("\r{}/{} files", done + 1, to_clean.len());
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
    // The walk's lists are done with: free them before the merge and the
    // story grouping take their own memory (about 20 MB at news-bench x4, 179k files).
    drop((to_clean, known, learned));

    let mut err = std::io::stderr();
    if INTERRUPTED.load(Ordering::SeqCst) {
        writer.commit()?;
        let _ = writeln!(
            err,
            "interrupted: saved {}; run the same command again to finish",
            tally.summary()
        );
        return Ok(ExitStatus::Interrupted);
    }
    let changed = tally.changed() > 0 || args.full;
    writer.commit()?;
    heap::release_freed_heap();
    let open = crate::index::open_to_scan(&index_path)?;
    if changed {
        if open.reader.searcher().num_docs() <= REGROUP_BESIDE_MERGE_MAX_ARTICLES {
            // Both are single-threaded: on two cores the grouping takes no
            // time of its own.
            heap::free_pages_at_once();
            std::thread::scope(|scope| -> Result<()> {
                let stories = scope.spawn(|| crate::stories::regroup(&open));
                let merged = writer.merge_all();
                stories.join().expect("story grouping panicked")?;
                merged
            })?;
            drop(open);
        } else {
            // Stories are regrouped before the segments merge, and the
            // grouping's heap is handed back first: at news-bench ×4 (184k
            // files) the two at once peaked at 129-130 MB, one after the
            // other at 95-96 MB.
            crate::stories::regroup(&open)?;
            drop(open);
            heap::release_freed_heap();
            heap::free_pages_at_once();
            writer.merge_all()?;
        }
        // The merge made new segments: their paths are listed anew.
        write_path_table(&crate::index::open_to_scan(&index_path)?);
    } else {
        if !crate::stories::is_current(&open) {
            crate::stories::regroup(&open)?;
        }
        if !path_table::is_current(&open) {
            write_path_table(&open);
        }
    }
    let _ = writeln!(
        err,
        "{} into {} in {:.2}s",
        tally.summary(),
        index_path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitStatus::Success)
}

/// Lists the index's paths for queries (see `path_table`). Only a shortcut:
/// if it cannot be written, queries read paths the slower way.
pub(crate) fn write_path_table(open: &crate::index::OpenIndex) {
    if let Err(err) = path_table::write(open) {
        eprintln!("warning: {err} (queries will read copies' paths from their documents)");
    }
}

/// What a cleaned article weighs in the channel to the writer: its text, and
/// a little for the rest of the record.
fn weight(cleaned: &std::result::Result<(Ingested, Vec<u8>), IngestError>) -> usize {
    const RECORD: usize = 512;
    match cleaned {
        Ok((ingested, signature)) => RECORD + ingested.article.body.len() + signature.len(),
        Err(_) => RECORD,
    }
}

/// Signs a cleaned article for story grouping, in the cleaning thread.
fn with_signature(ingested: Ingested) -> (Ingested, Vec<u8>) {
    let signature = crate::stories::packed_signature(&ingested.article);
    (ingested, signature)
}

/// Releases numbered items in number order, holding back those that came early.
struct Reorder<T> {
    next: usize,
    early: BTreeMap<usize, T>,
}

impl<T> Reorder<T> {
    fn new() -> Self {
        Reorder {
            next: 0,
            early: BTreeMap::new(),
        }
    }

    fn push(&mut self, (i, item): (usize, T)) -> Vec<(usize, T)> {
        self.early.insert(i, item);
        let mut ready = Vec::new();
        while let Some(item) = self.early.remove(&self.next) {
            ready.push((self.next, item));
            self.next += 1;
        }
        ready
    }
}

/// Whether `path` is one of `roots` or inside one of them.
fn under_roots(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| {
        path == root
            || (root.ends_with(std::path::MAIN_SEPARATOR) && path.starts_with(root.as_str()))
            || path
                .strip_prefix(root.as_str())
                .is_some_and(|rest| rest.starts_with(std::path::MAIN_SEPARATOR))
    })
}

/// Whether the file behind an indexed path no longer exists. An unreadable or
/// unlisted file is not gone: its article stays until it is really deleted.
fn is_gone(path: &str) -> bool {
    matches!(
        std::fs::symlink_metadata(Path::new(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound
    )
}
