//! The hashes a `HashSum` carries, computed in one read of the file. (The `media` crate computes
//! the same digests while it decodes; this is the one place to switch to it.)

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use md5::Md5;
use sha2::{Digest, Sha256};

/// A file's size and digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileDigest {
    /// Bytes read.
    pub size: u64,
    /// MD5 (RFC 1321).
    pub md5: [u8; 16],
    /// SHA-256 (FIPS 180-4).
    pub sha256: [u8; 32],
}

impl FileDigest {
    /// The MD5 as lowercase hex.
    #[must_use]
    pub fn md5_hex(&self) -> String {
        hex(&self.md5)
    }

    /// The SHA-256 as lowercase hex.
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Hashes `path`, reading at most `limit` bytes (the size reported is then `limit`, so a
/// caller passing one past what it accepts can tell a larger file without reading it all).
pub(crate) fn digest_file(path: &Path, limit: u64) -> io::Result<FileDigest> {
    let mut file = File::open(path)?.take(limit);
    let mut md5 = Md5::new();
    let mut sha256 = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    let mut size = 0u64;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        md5.update(&buffer[..read]);
        sha256.update(&buffer[..read]);
        size += read as u64;
    }
    Ok(FileDigest {
        size,
        md5: md5.finalize().into(),
        sha256: sha256.finalize().into(),
    })
}

impl FileDigest {
    /// The size and digests of bytes in memory.
    #[must_use]
    pub fn of_bytes(bytes: &[u8]) -> FileDigest {
        FileDigest {
            size: bytes.len() as u64,
            md5: Md5::digest(bytes).into(),
            sha256: Sha256::digest(bytes).into(),
        }
    }
}
