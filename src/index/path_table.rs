//! Every document's path by address, in a file beside the segments.
//!
//! A hit lists its exact copies by path. Read from their stored documents,
//! each copy cost a block of the document store decoded (about 67k
//! instructions): at the perf corpus ×4, 30 of them for 10 hits, a third of
//! an AND query's instructions. Here a copy's path is two small reads.
//!
//! A segment never changes its documents, so the table of a segment is keyed
//! by the segment's id and stays right for as long as the segment exists; a
//! segment the file does not list (written since, or a file from an older
//! run) is read from its stored documents instead.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use super::stored::{column_values, first_value};
use super::{schema, OpenIndex};
use crate::error::Result;
use crate::packed_strings::PackedStrings;

/// The file, in the index folder.
pub const PATH_TABLE_FILE: &str = "paths.bin";
const MAGIC: &[u8; 8] = b"SPATHS01";
/// A segment's entry in the directory: its id as 32 hex digits, its
/// `max_doc`, and where its offsets and its path bytes start.
const ENTRY_BYTES: usize = 32 + 4 + 8 + 8;
/// Longer than any path a file system allows: a longer span is damage.
const MAX_PATH_BYTES: u64 = 1 << 16;

/// Writes the table of every segment of the committed index, through a
/// temporary file and a rename.
pub fn write(open: &OpenIndex) -> Result<()> {
    let searcher = open.reader.searcher();
    // Each segment's paths as its column lists them, in path order; written
    // out in document order straight from there.
    let segments: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            let paths = segment
                .fast_fields()
                .str(schema::PATH)
                .ok()
                .flatten()
                .map(|column| {
                    let values = column_values(&column);
                    (column, values)
                });
            (segment.segment_id().uuid_string(), segment.max_doc(), paths)
        })
        .collect();
    super::replace_file(&open.path.join(PATH_TABLE_FILE), |out| {
        out.write_all(MAGIC)?;
        out.write_all(&(segments.len() as u32).to_le_bytes())?;
        // The directory first, then each segment's offsets and bytes, so
        // that a reader needs only the directory to find a path.
        let mut at = (MAGIC.len() + 4 + ENTRY_BYTES * segments.len()) as u64;
        for (id, max_doc, paths) in &segments {
            let bytes_at = at + 8 * (u64::from(*max_doc) + 1);
            let bytes: u64 = (0..*max_doc)
                .map(|doc| path_of(paths, doc).len() as u64)
                .sum();
            out.write_all(id.as_bytes())?;
            out.write_all(&max_doc.to_le_bytes())?;
            out.write_all(&at.to_le_bytes())?;
            out.write_all(&bytes_at.to_le_bytes())?;
            at = bytes_at + bytes;
        }
        for (_, max_doc, paths) in &segments {
            let mut offset = 0u64;
            for doc in 0..*max_doc {
                out.write_all(&offset.to_le_bytes())?;
                offset += path_of(paths, doc).len() as u64;
            }
            out.write_all(&offset.to_le_bytes())?;
            for doc in 0..*max_doc {
                out.write_all(path_of(paths, doc).as_bytes())?;
            }
        }
        Ok(())
    })
}

/// The path of `doc` in a segment whose paths `paths` holds ("" if none).
fn path_of(paths: &Option<(StrColumn, PackedStrings)>, doc: tantivy::DocId) -> &str {
    match paths {
        Some((column, values)) => first_value(column, values, doc),
        None => "",
    }
}

/// Whether the file lists every segment of the committed index.
pub fn is_current(open: &OpenIndex) -> bool {
    let searcher = open.reader.searcher();
    PathTable::open(&open.path, &searcher)
        .is_some_and(|table| table.segments.iter().all(Option::is_some))
}

/// The table, opened for the segments of one searcher.
pub struct PathTable {
    file: File,
    /// By segment ordinal: where its offsets and its bytes start, if listed.
    segments: Vec<Option<(u64, u64)>>,
}

impl PathTable {
    /// Opens the table in `index_dir` for `searcher`'s segments; `None` if
    /// there is none or it cannot be read.
    pub fn open(index_dir: &Path, searcher: &Searcher) -> Option<PathTable> {
        let file = File::open(index_dir.join(PATH_TABLE_FILE)).ok()?;
        let mut head = [0u8; 12];
        read_at(&file, &mut head, 0)?;
        if &head[..8] != MAGIC {
            return None;
        }
        let count = u32::from_le_bytes(head[8..12].try_into().ok()?) as usize;
        let directory_bytes = count.checked_mul(ENTRY_BYTES)?;
        // A damaged count must not size the buffer.
        if directory_bytes as u64 > file.metadata().ok()?.len() {
            return None;
        }
        let mut directory = vec![0u8; directory_bytes];
        read_at(&file, &mut directory, 12)?;
        let entries: Vec<(&[u8], u32, u64, u64)> = directory
            .chunks_exact(ENTRY_BYTES)
            .map(|e| {
                let le32 = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
                let le64 = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
                (
                    &e[..32],
                    le32(&e[32..36]),
                    le64(&e[36..44]),
                    le64(&e[44..52]),
                )
            })
            .collect();
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let id = segment.segment_id().uuid_string();
                entries
                    .iter()
                    .find(|(listed, max_doc, ..)| {
                        *listed == id.as_bytes() && *max_doc == segment.max_doc()
                    })
                    .map(|&(_, _, offsets, bytes)| (offsets, bytes))
            })
            .collect();
        Some(PathTable { file, segments })
    }

    /// The path of the document at `addr`; `None` if its segment is not
    /// listed or the file cannot be read.
    pub fn path(&self, addr: DocAddress) -> Option<String> {
        let (offsets, bytes) = (*self.segments.get(addr.segment_ord as usize)?)?;
        let mut span = [0u8; 16];
        read_at(&self.file, &mut span, offsets + 8 * u64::from(addr.doc_id))?;
        let start = u64::from_le_bytes(span[..8].try_into().ok()?);
        let end = u64::from_le_bytes(span[8..].try_into().ok()?);
        let len = end
            .checked_sub(start)
            .filter(|&len| len <= MAX_PATH_BYTES)?;
        let mut path = vec![0u8; usize::try_from(len).ok()?];
        read_at(&self.file, &mut path, bytes + start)?;
        String::from_utf8(path).ok()
    }
}

/// Fills `buf` from `file` at `at`.
fn read_at(mut file: &File, buf: &mut [u8], at: u64) -> Option<()> {
    file.seek(SeekFrom::Start(at)).ok()?;
    file.read_exact(buf).ok()
}
