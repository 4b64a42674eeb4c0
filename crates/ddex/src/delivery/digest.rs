//! A file's size and digests, what a `HashSum` carries: `media`'s, measured while it decodes
//! an audio file or reads a cover, and read once here for any other file (a message, a
//! resource the release does not list, a copy checked against its source).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use media::Digests;

/// A file's size and digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileDigest {
    /// Bytes read.
    pub size: u64,
    /// MD5 (RFC 1321) and SHA-256 (FIPS 180-4).
    pub digests: Digests,
}

impl FileDigest {
    /// The MD5 as lowercase hex.
    #[must_use]
    pub fn md5_hex(&self) -> String {
        self.digests.md5_hex()
    }

    /// The SHA-256 as lowercase hex.
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        self.digests.sha256_hex()
    }

    /// The size and digests of bytes in memory.
    #[must_use]
    pub fn of_bytes(bytes: &[u8]) -> FileDigest {
        FileDigest {
            size: bytes.len() as u64,
            digests: Digests::of(bytes),
        }
    }

    /// Hashes the file `path` through [`Digests::of_reader`], reading at most `limit` bytes
    /// (the size reported is then `limit`, so a caller passing one past what it accepts can
    /// tell a larger file without reading it all).
    pub(crate) fn of_file(path: &Path, limit: u64) -> io::Result<FileDigest> {
        let (size, digests) = Digests::of_reader(File::open(path)?.take(limit))?;
        Ok(FileDigest { size, digests })
    }
}
