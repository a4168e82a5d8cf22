//! The files an index holds, with their stamps: what `search index` compares
//! the walk with to find what changed.
//!
//! A re-index holds this for the whole walk. As a map of `String` paths to
//! stamps holding the content hash as 32 hex digits, it took about 32 MB at
//! news-bench ×4 (179k files); here paths lie back to back in one buffer,
//! hashes are 16-byte digests, and the table holds indices.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::packed_strings::PackedStrings;

/// What the index knows of a file: enough to tell whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub mtime: i64,
    /// A digest of the content hash: only equality matters.
    hash: u128,
}

impl Stamp {
    pub fn new(size: u64, mtime: i64, hash: &str) -> Stamp {
        Stamp {
            size,
            mtime,
            hash: digest(hash),
        }
    }

    /// Whether an article with content hash `hash` is the one stamped.
    pub fn same_content(&self, hash: &str) -> bool {
        self.hash == digest(hash)
    }
}

fn digest(hash: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(hash.as_bytes())
}

/// Paths and their stamps, each path once.
#[derive(Default)]
pub struct KnownFiles {
    paths: PackedStrings,
    stamps: Vec<Stamp>,
    /// Entry indices, by their path's hash.
    table: HashTable<u32>,
    hasher: FxBuildHasher,
}

impl KnownFiles {
    /// Makes room for `entries` more paths of `bytes` in all, exactly: grown
    /// by doubling, the lists and their copies while they moved took more than
    /// the map they replace.
    pub fn reserve(&mut self, entries: usize, bytes: usize) {
        self.paths.reserve_exact(entries, bytes);
        self.stamps.reserve_exact(entries);
        let (hasher, paths) = (&self.hasher, &self.paths);
        self.table
            .reserve(entries, |&i| hasher.hash_one(&paths[i as usize]));
    }

    /// Records `path`'s stamp, replacing any recorded before.
    pub fn insert(&mut self, path: &str, stamp: Stamp) {
        let hash = self.hasher.hash_one(path);
        if let Some(&at) = self.table.find(hash, |&i| &self.paths[i as usize] == path) {
            self.stamps[at as usize] = stamp;
            return;
        }
        let at = self.stamps.len() as u32;
        self.paths.push(path);
        self.stamps.push(stamp);
        let (hasher, paths) = (&self.hasher, &self.paths);
        self.table
            .insert_unique(hash, at, |&i| hasher.hash_one(&paths[i as usize]));
    }

    pub fn get(&self, path: &str) -> Option<Stamp> {
        let hash = self.hasher.hash_one(path);
        self.table
            .find(hash, |&i| &self.paths[i as usize] == path)
            .map(|&i| self.stamps[i as usize])
    }

    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every path recorded.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_path_with_its_latest_stamp() {
        let mut known = KnownFiles::default();
        let paths: Vec<String> = (0..1000).map(|i| format!("/news/{i}.txt")).collect();
        for (i, path) in paths.iter().enumerate() {
            known.insert(
                path,
                Stamp::new(i as u64, -(i as i64), &format!("{i:032x}")),
            );
        }
        known.insert(&paths[7], Stamp::new(70, 7, "changed"));
        assert_eq!(known.get(&paths[7]), Some(Stamp::new(70, 7, "changed")));
        assert!(known
            .get(&paths[8])
            .unwrap()
            .same_content(&format!("{:032x}", 8)));
        assert!(!known.get(&paths[8]).unwrap().same_content("changed"));
        assert_eq!(known.get(&paths[999]).map(|s| s.size), Some(999));
        assert!(!known.contains("/news/1000.txt"));
        assert!(!known.contains("/news/1.tx"));
        assert_eq!(known.paths().collect::<Vec<_>>(), paths);
    }
}
