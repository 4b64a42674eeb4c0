//! File digests (MD5 and SHA-256, what a DDEX `HashSum` carries) computed while the decoder
//! reads the file, so a file is read once.

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex, PoisonError};

use md5::Md5;
use sha2::{Digest, Sha256};

/// The MD5 and SHA-256 of a file's bytes, all of them (tags included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digests {
    /// MD5 (RFC 1321).
    pub md5: [u8; 16],
    /// SHA-256 (FIPS 180-4).
    pub sha256: [u8; 32],
}

impl Digests {
    /// The digests of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Digests {
        let mut both = Hashers::default();
        both.update(bytes);
        both.finish()
    }

    /// The number of bytes `reader` yields and their digests, read once, in 256 KiB pieces:
    /// for a file that is not decoded (or a copy checked against its source).
    ///
    /// # Errors
    ///
    /// The first read error other than an interruption.
    pub fn of_reader(reader: impl Read) -> io::Result<(u64, Digests)> {
        let mut both = Hashers::default();
        let size = both.read_all(reader)?;
        Ok((size, both.finish()))
    }

    /// The MD5 as 32 lowercase hex digits (the form `md5sum` prints).
    #[must_use]
    pub fn md5_hex(&self) -> String {
        Hex(&self.md5).to_string()
    }

    /// The SHA-256 as 64 lowercase hex digits (the form `sha256sum` prints).
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        Hex(&self.sha256).to_string()
    }
}

/// Bytes as lowercase hex.
#[derive(Debug, Clone, Copy)]
pub struct Hex<'a>(pub &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

#[derive(Default, Clone)]
struct Hashers {
    md5: Md5,
    sha256: Sha256,
}

impl Hashers {
    fn update(&mut self, bytes: &[u8]) {
        self.md5.update(bytes);
        self.sha256.update(bytes);
    }

    /// Hashes everything `reader` yields; the number of bytes.
    fn read_all(&mut self, mut reader: impl Read) -> io::Result<u64> {
        let mut buf = vec![0; 256 * 1024];
        let mut size = 0u64;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => return Ok(size),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.update(&buf[..n]);
            size += n as u64;
        }
    }

    fn finish(self) -> Digests {
        Digests {
            md5: self.md5.finalize().into(),
            sha256: self.sha256.finalize().into(),
        }
    }
}

/// How much of the file, from its start, has gone through the hashers.
struct State {
    hashers: Hashers,
    hashed: u64,
}

/// A reader that hashes the bytes the decoder reads, in file order.
///
/// Readers seek: the probe looks at the end of the file for trailing tags before decoding from
/// the start. Only bytes that extend the hashed prefix are hashed; [`HashHandle::finish`] reads
/// whatever the decoder skipped or never reached (trailing tags, the rest of a damaged file),
/// so the digests are always of the whole file.
pub(crate) struct HashingReader<R> {
    inner: R,
    pos: u64,
    len: u64,
    state: Arc<Mutex<State>>,
}

/// The hashing state, kept by the caller while the decoder owns the reader.
pub(crate) struct HashHandle(Arc<Mutex<State>>);

impl<R: Read + Seek> HashingReader<R> {
    pub(crate) fn new(inner: R, len: u64) -> (HashingReader<R>, HashHandle) {
        let state = Arc::new(Mutex::new(State {
            hashers: Hashers::default(),
            hashed: 0,
        }));
        let reader = HashingReader {
            inner,
            pos: 0,
            len,
            state: Arc::clone(&state),
        };
        (reader, HashHandle(state))
    }
}

impl HashHandle {
    /// Hashes the bytes of `file` the decoder did not read in order, and returns the digests.
    pub(crate) fn finish<R: Read + Seek>(self, mut file: R) -> io::Result<Digests> {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        file.seek(SeekFrom::Start(state.hashed))?;
        let read = state.hashers.read_all(file)?;
        state.hashed += read;
        Ok(state.hashers.clone().finish())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let end = self.pos + n as u64;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if self.pos <= state.hashed && end > state.hashed {
            // `state.hashed - self.pos` < n here, so it fits in usize.
            let skip = usize::try_from(state.hashed - self.pos).unwrap_or(n);
            state.hashers.update(&buf[skip..n]);
            state.hashed = end;
        }
        self.pos = end;
        Ok(n)
    }
}

impl<R: Seek> Seek for HashingReader<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

impl<R: Read + Seek + Send + Sync> symphonia::core::io::MediaSource for HashingReader<R> {
    fn is_seekable(&self) -> bool {
        true
    }

    fn byte_len(&self) -> Option<u64> {
        Some(self.len)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever order the reads and seeks come in, the digests are those of the whole input.
        #[test]
        fn digests_cover_the_whole_input_whatever_the_access_order(
            data in proptest::collection::vec(any::<u8>(), 0..4096),
            ops in proptest::collection::vec((any::<u16>(), 1usize..700), 0..20),
        ) {
            let len = data.len() as u64;
            let (mut reader, handle) = HashingReader::new(Cursor::new(data.clone()), len);
            let mut buf = vec![0; 700];
            for (at, size) in ops {
                let at = if len == 0 { 0 } else { u64::from(at) % len };
                reader.seek(SeekFrom::Start(at)).unwrap();
                let _partial_reads_are_fine = reader.read(&mut buf[..size]).unwrap();
            }
            let digests = handle.finish(Cursor::new(data.clone())).unwrap();
            prop_assert_eq!(digests, Digests::of(&data));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Read in pieces or at once, the bytes give the same digests.
        #[test]
        fn a_reader_gives_the_digests_of_its_bytes(data in proptest::collection::vec(any::<u8>(), 0..300_000)) {
            let (size, digests) = Digests::of_reader(Cursor::new(&data)).unwrap();
            prop_assert_eq!(size, data.len() as u64);
            prop_assert_eq!(digests, Digests::of(&data));
        }
    }

    #[test]
    fn known_digests_of_abc() {
        // FIPS 180-2 appendix B.1 and RFC 1321 appendix A.5.
        let d = Digests::of(b"abc");
        assert_eq!(d.md5_hex(), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            d.sha256_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
