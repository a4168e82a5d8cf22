//! Reading a file's first bytes into memory.

use std::io::Read;
use std::path::Path;

/// Reads at most `limit` bytes of the file at `path`.
///
/// `size` is what the file's length is expected to be (from the walk); the
/// buffer is made that large up front. `Read::take` hides the length from
/// `read_to_end`, which then starts from a 32-byte probe and doubles: nine
/// reads and as many copies for a 5 KB article, against two reads here.
pub fn read_head(path: &Path, limit: u64, size: Option<u64>) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let size = match size {
        Some(size) => size,
        None => file.metadata().map(|meta| meta.len()).unwrap_or(0),
    };
    // One byte more than the file holds, so that the read that finds its end
    // needs no room of its own.
    let mut bytes = Vec::with_capacity(size.min(limit).saturating_add(1) as usize);
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}
