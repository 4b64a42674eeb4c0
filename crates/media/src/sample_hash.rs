//! The two hashes of the decoded samples: our SHA-256 of them as 32-bit integers (what
//! [`AudioInfo::audio_digest`](crate::AudioInfo::audio_digest) is) and, for FLAC, the MD5 its
//! STREAMINFO declares, both fed from one interleaved buffer a block at a time.

use md5::Md5;
use sha2::{Digest, Sha256};

/// FLAC's STREAMINFO MD5 being recomputed: the MD5 of the interleaved samples, each as a
/// little-endian two's-complement integer of the stream's bit depth rounded up to whole bytes
/// (RFC 9639, section 8.2).
pub(crate) struct StreamMd5 {
    expected: [u8; 16],
    /// The bit depth, 1 to 32.
    bits: u32,
    md5: Md5,
}

impl StreamMd5 {
    /// A check of `expected` over samples of `bits` bits; `None` for a depth FLAC cannot have.
    pub(crate) fn new(expected: [u8; 16], bits: u32) -> Option<StreamMd5> {
        (1..=32).contains(&bits).then(|| StreamMd5 {
            expected,
            bits,
            md5: Md5::new(),
        })
    }

    /// Whether the samples hashed so far have the declared MD5.
    pub(crate) fn matches(self) -> bool {
        <[u8; 16]>::from(self.md5.finalize()) == self.expected
    }
}

/// The hashers of the decoded samples, each with the buffer of the bytes it hashes (kept from
/// block to block, so that a block allocates nothing).
pub(crate) struct SampleHashes {
    sha256: Sha256,
    /// Unused on little-endian machines, where the samples are hashed in place.
    sha256_bytes: Vec<u8>,
    stream_md5: Option<StreamMd5>,
    md5_bytes: Vec<u8>,
}

impl SampleHashes {
    pub(crate) fn new(stream_md5: Option<StreamMd5>) -> SampleHashes {
        SampleHashes {
            sha256: Sha256::new(),
            sha256_bytes: Vec::new(),
            stream_md5,
            md5_bytes: Vec::new(),
        }
    }

    /// Hashes one block of interleaved samples, each full-scale in an `i32` (a sample of `b`
    /// bits shifted left by `32 − b`).
    pub(crate) fn update(&mut self, samples: &[i32]) {
        // One `update` per block: an `update` per sample costs more than the hashing itself.
        self.sha256
            .update(little_endian_bytes(samples, &mut self.sha256_bytes));
        if let Some(check) = &mut self.stream_md5 {
            let shift = 32 - check.bits;
            let bytes = &mut self.md5_bytes;
            match check.bits.div_ceil(8) {
                1 => put_le::<1>(samples, shift, bytes),
                2 => put_le::<2>(samples, shift, bytes),
                3 => put_le::<3>(samples, shift, bytes),
                _ => put_le::<4>(samples, shift, bytes),
            }
            check.md5.update(bytes);
        }
    }

    /// The SHA-256 of the samples, and the STREAMINFO check if there is one.
    pub(crate) fn finish(&mut self) -> ([u8; 32], Option<StreamMd5>) {
        (self.sha256.finalize_reset().into(), self.stream_md5.take())
    }
}

/// The samples as 4-byte little-endian integers: on a little-endian machine their very bytes,
/// with no copy.
#[cfg(target_endian = "little")]
fn little_endian_bytes<'a>(samples: &'a [i32], _: &'a mut Vec<u8>) -> &'a [u8] {
    bytemuck::cast_slice(samples)
}

/// The samples as 4-byte little-endian integers, put in `out`.
#[cfg(not(target_endian = "little"))]
fn little_endian_bytes<'a>(samples: &'a [i32], out: &'a mut Vec<u8>) -> &'a [u8] {
    put_le::<4>(samples, 0, out);
    out
}

/// `out` becomes each sample shifted right by `shift` (arithmetically), as its `W` low bytes,
/// little-endian.
fn put_le<const W: usize>(samples: &[i32], shift: u32, out: &mut Vec<u8>) {
    out.resize(samples.len() * W, 0);
    for (bytes, &sample) in out.chunks_exact_mut(W).zip(samples) {
        bytes.copy_from_slice(&(sample >> shift).to_le_bytes()[..W]);
    }
}
