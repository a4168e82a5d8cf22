//! `search index --from-ndjson FILE`: add exported records as they are.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::cli::IndexArgs;
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::index::IndexWriter;
use crate::ingest;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Reads `file` line by line (bounded memory); a bad line is named and skipped.
pub fn run(args: &IndexArgs, file: &Path) -> Result<ExitStatus> {
    let started = Instant::now();
    let read_error = |source| Error::Io {
        what: "cannot read",
        path: file.to_path_buf(),
        source,
    };
    let input = std::fs::File::open(file).map_err(read_error)?;
    let index_path = Config::load()?.index(args.location.index.as_ref());
    let mut writer = IndexWriter::open_or_create(&index_path, args.full)?;
    let known = if args.full {
        Default::default()
    } else {
        writer.known_files()?
    };
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(ExitStatus::Interrupted as i32);
        }
    });

    let (mut added, mut updated, mut unchanged, mut bad) = (0usize, 0usize, 0usize, 0usize);
    let mut since_commit = 0u64;
    for (n, line) in std::io::BufReader::new(input).lines().enumerate() {
        if INTERRUPTED.load(Ordering::Relaxed) {
            break;
        }
        let line = line.map_err(read_error)?;
        if line.trim().is_empty() {
            continue;
        }
        let article = match ingest::parse_record(&line) {
            Ok(article) => article,
            Err(why) => {
                bad += 1;
                if !args.quiet {
                    eprintln!("warning: {}:{}: {why}", file.display(), n + 1);
                }
                continue;
            }
        };
        match known.get(&article.path) {
            None => added += 1,
            Some(stamp) if stamp.same_content(&article.hash) => unchanged += 1,
            Some(_) => updated += 1,
        }
        // No file stamp: a later folder run re-reads the file and compares hashes.
        writer.upsert(&article, 0, 0, &crate::stories::packed_signature(&article))?;
        since_commit += 1;
        if since_commit >= args.commit_every {
            writer.commit()?;
            since_commit = 0;
        }
    }
    let summary = format!(
        "added {added}, updated {updated}, unchanged {unchanged}, skipped {bad} (bad record {bad})"
    );
    if INTERRUPTED.load(Ordering::SeqCst) {
        writer.commit()?;
        let _ = writeln!(std::io::stderr(), "interrupted: saved {summary}");
        return Ok(ExitStatus::Interrupted);
    }
    writer.finish()?;
    let open = crate::index::open_to_scan(&index_path)?;
    crate::stories::regroup(&open)?;
    super::index::write_path_table(&open);
    let _ = writeln!(
        std::io::stderr(),
        "{summary} from {} into {} in {:.2}s",
        file.display(),
        index_path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if added + updated + unchanged == 0 && bad > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
