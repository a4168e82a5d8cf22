//! The index folder as the writer and story regrouping see it: files read with
//! `pread`, a chunk at a time, instead of mapped into memory.
//!
//! The final merge reads every segment once, front to back, and regrouping
//! reads every article's signature once beside it. Through `MmapDirectory`
//! each page they read stays resident and counted in the process's memory
//! until they end: 350 MB of the 473 MB peak when indexing news-bench ×4. Read into a chunk that the next chunk replaces,
//! the same bytes cost a few hundred KiB per open file. Queries keep mapping
//! the index: a query process reads a few blocks of a file it maps once.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Bytes read at once: a merge reads postings a term at a time, mostly far
/// smaller than this, in file order.
const CHUNK_BYTES: usize = 256 * 1024;

/// `MmapDirectory` for everything but reading files.
#[derive(Clone, Debug)]
pub struct ReadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl ReadDirectory {
    pub fn open(root: &Path) -> Result<ReadDirectory, OpenDirectoryError> {
        Ok(ReadDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

impl Directory for ReadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let file = File::open(self.root.join(path)).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len() as usize;
        Ok(Arc::new(ChunkedFile {
            file,
            len,
            last: Mutex::new(None),
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file read a chunk at a time; the last chunk read is kept for the reads
/// that follow it.
#[derive(Debug)]
struct ChunkedFile {
    file: File,
    len: usize,
    /// Where the chunk starts in the file, and its bytes.
    last: Mutex<Option<(usize, OwnedBytes)>>,
}

impl ChunkedFile {
    fn read(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut bytes = vec![0; range.len()];
        self.file.read_exact_at(&mut bytes, range.start as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

impl FileHandle for ChunkedFile {
    /// A chunk starts where the read that needed it starts, not at a multiple
    /// of its size: opening a segment reads each file's footer, a few bytes at
    /// its end, and a chunk aligned below them was up to 256 KiB kept per open
    /// file (20 MB of the peak at news-bench ×4, 18 segments read by the merge
    /// and by regrouping at once).
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if range.len() > CHUNK_BYTES {
            // Wider than a chunk (a whole doc store, a column): read once, not kept.
            return self.read(range);
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((start, bytes)) = &*last {
            if *start <= range.start && range.end <= start + bytes.len() {
                return Ok(bytes.slice(range.start - start..range.end - start));
            }
        }
        let bytes = self.read(range.start..self.len.min(range.start + CHUNK_BYTES))?;
        *last = Some((range.start, bytes.clone()));
        Ok(bytes.slice(0..range.len()))
    }
}

impl HasLen for ChunkedFile {
    fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads inside one chunk, across chunks and at the file's end return the
    /// file's own bytes.
    #[test]
    fn reads_return_the_file_s_bytes() {
        let dir = std::env::temp_dir().join(format!("search-read-dir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let data: Vec<u8> = (0..CHUNK_BYTES * 2 + 1000)
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(dir.join("f"), &data).unwrap();
        let directory = ReadDirectory::open(&dir).unwrap();
        let file = directory.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(file.len(), data.len());
        for range in [
            0..10,
            5..CHUNK_BYTES,
            CHUNK_BYTES - 3..CHUNK_BYTES + 3,
            CHUNK_BYTES..CHUNK_BYTES + 7,
            100..CHUNK_BYTES * 2 + 1000,
            CHUNK_BYTES * 2 + 990..CHUNK_BYTES * 2 + 1000,
            42..42,
        ] {
            assert_eq!(
                file.read_bytes(range.clone()).unwrap().as_slice(),
                &data[range.clone()],
                "{range:?}"
            );
        }
        assert!(matches!(
            directory.get_file_handle(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
