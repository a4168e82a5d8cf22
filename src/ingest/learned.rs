//! Site chrome learned from the corpus: a short block that recurs across many
//! text or markdown scrapes of one folder is the outlet's chrome (its menu, its
//! share bar, its newsletter plug), whatever words it uses.
//!
//! Folders stand for outlets: saved news is filed by source, and the extraction
//! sets keep one site's pages together. HTML pages are left to the extractor.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::blocks::Block;
use super::{detect, markdown, Candidates};
use crate::document::Kind;

/// A block is chrome when this many different documents of its folder hold it…
const MIN_DOCS: usize = 3;
/// …and at least this share of them (a line in 3 of 20,000 files is a quote).
const MIN_SHARE: f64 = 0.01;
/// Longer blocks are prose: syndicated copies of one story share whole
/// paragraphs, and those must stay.
const MAX_WORDS: usize = 25;
/// At most this many files of a folder are read, evenly spread over its sorted
/// listing: a block in 1 % of a folder is in about 20 of them, and learning
/// must stay a small part of indexing.
const MAX_SAMPLE: usize = 2_000;
/// A short block this many times in one document is chrome. (Twice is a pull
/// quote as often as a share bar; on the aeb and l3s text renderings 3 gives
/// body F1 +0.010 and +0.001, on their HTML Readability output it costs 0.002
/// to 0.006, so it applies to text and markdown only.)
const MIN_REPEATS: usize = 3;
/// Only the start of a file is read for learning.
const MAX_BYTES: usize = 256 * 1024;

/// The learned chrome of each folder: keys of recurring blocks.
#[derive(Debug, Default)]
pub struct LearnedChrome {
    folders: HashMap<PathBuf, FxHashSet<u64>>,
}

impl LearnedChrome {
    /// Learns from the text and markdown files of each folder holding one of
    /// `files` (its other files too, so that `search extract FILE` and
    /// `search index FOLDER` clean FILE alike), on `threads` threads. Exact
    /// copies count once.
    pub fn learn(files: &Candidates, threads: usize) -> LearnedChrome {
        let folders: std::collections::BTreeSet<PathBuf> =
            files.iter().map(|f| folder_of(&f.key)).collect();
        let listed: Vec<(PathBuf, Vec<PathBuf>)> = folders
            .into_iter()
            .map(|folder| {
                let files = sample(files_in(&folder));
                (folder, files)
            })
            // Too few documents to see anything recur.
            .filter(|(_, files)| files.len() >= MIN_DOCS)
            .collect();
        let work: Vec<(&PathBuf, &PathBuf)> = listed
            .iter()
            .flat_map(|(folder, files)| files.iter().map(move |f| (folder, f)))
            .collect();
        if work.is_empty() {
            return LearnedChrome::default();
        }

        let threads = threads.clamp(1, work.len());
        let chunk = work.len().div_ceil(threads);
        let per_thread: Vec<Vec<(&PathBuf, u128, FxHashSet<u64>)>> = std::thread::scope(|s| {
            let handles: Vec<_> = work
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .filter_map(|(folder, file)| {
                                let (hash, keys) = block_keys_of_file(file)?;
                                Some((*folder, hash, keys))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });

        let mut counts: HashMap<&PathBuf, (usize, FxHashMap<u64, usize>)> = HashMap::new();
        // Exact copies count once per folder; a copy in another folder counts
        // there too, so that a folder learns the same whatever else is indexed.
        let mut seen_files: FxHashSet<(&PathBuf, u128)> = FxHashSet::default();
        for (folder, hash, keys) in per_thread.into_iter().flatten() {
            if !seen_files.insert((folder, hash)) {
                continue;
            }
            let (docs, df) = counts.entry(folder).or_default();
            *docs += 1;
            for key in keys {
                *df.entry(key).or_default() += 1;
            }
        }
        let folders = counts
            .into_iter()
            .map(|(folder, (docs, df))| {
                let needed = MIN_DOCS.max((docs as f64 * MIN_SHARE).ceil() as usize);
                let chrome: FxHashSet<u64> = df
                    .into_iter()
                    .filter(|&(_, n)| n >= needed)
                    .map(|(key, _)| key)
                    .collect();
                (folder.clone(), chrome)
            })
            .filter(|(_, chrome)| !chrome.is_empty())
            .collect();
        LearnedChrome { folders }
    }

    /// The chrome learned for the folder of the file stored under `key`.
    pub fn for_file(&self, key: &str) -> Option<&FxHashSet<u64>> {
        self.folders.get(&folder_of(key))
    }
}

/// Whether `block` is chrome its folder taught.
pub fn is_learned(block: &Block, learned: Option<&FxHashSet<u64>>) -> bool {
    learned.is_some_and(|set| {
        !set.is_empty() && block_key(&block.text).is_some_and(|key| set.contains(&key))
    })
}

/// The folder's visible regular files (not its subfolders'), sorted.
fn files_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        // The listing's own file type, but a link is followed to what it names.
        .filter(|e| match e.file_type() {
            Ok(t) if !t.is_symlink() => t.is_file(),
            _ => std::fs::metadata(e.path()).is_ok_and(|m| m.is_file()),
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Every file of a small folder; an even spread of a large one's.
fn sample(files: Vec<PathBuf>) -> Vec<PathBuf> {
    if files.len() <= MAX_SAMPLE {
        return files;
    }
    let step = files.len() as f64 / MAX_SAMPLE as f64;
    (0..MAX_SAMPLE)
        .map(|i| files[(i as f64 * step) as usize].clone())
        .collect()
}

/// The keys (from `block_key`) that recur within one document: a share bar
/// or caption repeated under every item is chrome as surely as one repeated
/// across files.
pub fn repeated_within(keys: &[Option<u64>]) -> FxHashSet<u64> {
    let mut counts: FxHashMap<u64, usize> = FxHashMap::default();
    for key in keys.iter().flatten() {
        *counts.entry(*key).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_REPEATS)
        .map(|(key, _)| key)
        .collect()
}

fn folder_of(key: &str) -> PathBuf {
    Path::new(key)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The file's content hash and the keys of its short blocks; `None` for HTML,
/// binary or unreadable files.
fn block_keys_of_file(path: &Path) -> Option<(u128, FxHashSet<u64>)> {
    let bytes = super::read_file::read_head(path, MAX_BYTES as u64, None).ok()?;
    if detect::binary_format(&bytes).is_some() {
        return None;
    }
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    let decoded = detect::decode(&bytes);
    let keys = match detect::detect_kind(&decoded) {
        Kind::Html => return None,
        Kind::Markdown => markdown::to_blocks(&decoded)
            .iter()
            .filter_map(|b| block_key(&b.text))
            .collect(),
        // A short block of plain text is one line of it: no need to build blocks
        // (`block_key` folds whitespace as `text::to_blocks` collapses it).
        Kind::Text => decoded
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .filter_map(block_key)
            .collect(),
    };
    Some((hash, keys))
}

/// The key of a block of at most `MAX_WORDS` words (`None` for a longer one:
/// only short blocks are ever learned or counted). Blocks compare lower-cased,
/// with digits alike (`Comments (12)`, `Comments (3)`) and runs of white space
/// as one space.
pub fn block_key(text: &str) -> Option<u64> {
    // One pass over the bytes: ASCII (most text) is folded without decoding.
    let bytes = text.as_bytes();
    let mut normalized: Vec<u8> = Vec::with_capacity(text.len().min(512));
    let mut words = 0;
    let mut in_word = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (space, width) = if byte.is_ascii() {
            // As `char::is_whitespace` for ASCII (which includes \x0b).
            (
                matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'),
                1,
            )
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            in_word = false;
            at += width;
            continue;
        }
        if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_WORDS {
                return None;
            }
            if words > 1 {
                normalized.push(b' ');
            }
        }
        if byte.is_ascii() {
            normalized.push(if byte.is_ascii_digit() {
                b'0'
            } else {
                byte.to_ascii_lowercase()
            });
        } else {
            let mut buffer = [0u8; 4];
            for c in text[at..].chars().take(1).flat_map(char::to_lowercase) {
                normalized.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
        at += width;
    }
    Some(xxhash_rust::xxh3::xxh3_64(&normalized))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_three_times_in_a_document_is_chrome() {
        let texts = [
            "Whatsapp Facebook Pint Baixar",
            "A vida requer da gente otimismo e coragem.",
            "Whatsapp Facebook Pint Baixar",
            "Quoted twice.",
            "Whatsapp Facebook Pint Baixar",
            "Quoted twice.",
        ];
        let keys: Vec<Option<u64>> = texts.iter().map(|t| block_key(t)).collect();
        let repeated = repeated_within(&keys);
        let among = |text: &str| block_key(text).is_some_and(|key| repeated.contains(&key));
        // Compared lower-cased, with white space folded.
        assert!(among("whatsapp  facebook pint baixar"));
        assert!(!among("Quoted twice."));
        assert!(!among("A vida requer da gente otimismo e coragem."));
    }
}
