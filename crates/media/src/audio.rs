//! [`AudioInfo`]: what [`inspect`](crate::inspect) measures of an audio file.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::Digests;

/// The container (file format) of an audio file; serialised as its [`Container::as_str`] name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Container {
    /// RIFF WAVE, BWF included.
    Wav,
    /// AIFF or AIFF-C.
    Aiff,
    /// Native FLAC.
    Flac,
    /// MPEG audio (MP3) without another container.
    Mpeg,
    /// ISO base media (MP4, M4A).
    Mp4,
    /// Ogg.
    Ogg,
    /// Another container the decoder reads, by its short name.
    Other(&'static str),
}

impl Container {
    /// A short name: `WAV`, `AIFF`, `FLAC`, `MP3`, `MP4`, `Ogg`, or the reader's name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Container::Wav => "WAV",
            Container::Aiff => "AIFF",
            Container::Flac => "FLAC",
            Container::Mpeg => "MP3",
            Container::Mp4 => "MP4",
            Container::Ogg => "Ogg",
            Container::Other(name) => name,
        }
    }

    pub(crate) fn from_reader_name(name: &'static str) -> Container {
        match name {
            "wave" => Container::Wav,
            "aiff" => Container::Aiff,
            "flac" => Container::Flac,
            "mp1" | "mp2" | "mp3" => Container::Mpeg,
            "isomp4" => Container::Mp4,
            "ogg" => Container::Ogg,
            other => Container::Other(other),
        }
    }
}

impl Serialize for Container {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Container {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The audio codec; serialised as its [`Codec::as_str`] name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Codec {
    /// Uncompressed PCM (integer or float).
    Pcm,
    /// FLAC.
    Flac,
    /// Apple Lossless.
    Alac,
    /// MPEG-1/2 Layer III.
    Mp3,
    /// AAC.
    Aac,
    /// Vorbis.
    Vorbis,
    /// Opus.
    Opus,
    /// Another codec, by the decoder's short name.
    Other(&'static str),
}

impl Codec {
    /// The name as DDEX's `AudioCodecType` spells it where it lists the codec
    /// (`PCM`, `FLAC`, `ALAC`, `MP3`, `AAC`, `Vorbis`, `Opus`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Codec::Pcm => "PCM",
            Codec::Flac => "FLAC",
            Codec::Alac => "ALAC",
            Codec::Mp3 => "MP3",
            Codec::Aac => "AAC",
            Codec::Vorbis => "Vorbis",
            Codec::Opus => "Opus",
            Codec::Other(name) => name,
        }
    }

    /// Whether the codec keeps every sample (PCM, FLAC, ALAC).
    #[must_use]
    pub const fn is_lossless(self) -> bool {
        matches!(self, Codec::Pcm | Codec::Flac | Codec::Alac)
    }
}

impl Serialize for Codec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the audio decoded from start to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Integrity {
    /// Every packet decoded and the stream is as long as its header says.
    Complete,
    /// Something is wrong; the first problem is described.
    Damaged(Damage),
}

impl Integrity {
    /// Whether the audio decoded completely.
    #[must_use]
    pub const fn is_complete(&self) -> bool {
        matches!(self, Integrity::Complete)
    }
}

/// What kind of damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DamageKind {
    /// The stream ends before its header's sample count (or in the middle of a packet).
    Truncated,
    /// A packet does not decode (bad sync, a CRC mismatch, invalid data).
    Corrupt,
    /// Everything decoded, but the samples do not match the checksum the stream declares
    /// (FLAC's STREAMINFO MD5).
    ChecksumMismatch,
}

/// The first problem found in a damaged file, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Damage {
    /// What kind.
    pub kind: DamageKind,
    /// The sample frame (from the start, counting from 0) where decoding failed: the number of
    /// frames that decoded before it.
    pub at_frame: u64,
    /// The same place as a time from the start.
    #[serde(serialize_with = "serialize_seconds")]
    pub at: Duration,
    /// What the decoder said.
    pub detail: String,
    /// How many packets failed to decode in all (decoding goes on after a corrupt packet).
    pub bad_packets: u64,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DamageKind::Truncated => "truncated",
            DamageKind::Corrupt => "corrupt",
            DamageKind::ChecksumMismatch => "checksum mismatch",
        };
        write!(
            f,
            "{what} at {} (sample frame {}): {}",
            Seconds(self.at),
            self.at_frame,
            self.detail
        )?;
        if self.bad_packets > 1 {
            write!(f, " ({} packets failed)", self.bad_packets)?;
        }
        Ok(())
    }
}

/// A duration as seconds with millisecond precision: `12.345 s`.
#[derive(Debug, Clone, Copy)]
pub struct Seconds(pub Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03} s", self.0.as_secs(), self.0.subsec_millis())
    }
}

fn serialize_seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// The technical details, integrity and digests of an audio file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AudioInfo {
    /// The container.
    pub container: Container,
    /// The codec of the audio track.
    pub codec: Codec,
    /// Sample frames per second.
    pub sample_rate: u32,
    /// Bits per sample as coded, for codecs that have a bit depth (PCM, FLAC, ALAC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bits_per_sample: Option<u32>,
    /// The number of channels.
    pub channels: u16,
    /// The sample frames actually decoded (one frame = one sample per channel).
    pub frames: u64,
    /// The sample frames the header declares, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_frames: Option<u64>,
    /// The file's size in bytes.
    pub file_size: u64,
    /// Whether the audio decoded from start to end.
    pub integrity: Integrity,
    /// MD5 and SHA-256 of the whole file.
    #[serde(serialize_with = "serialize_digests")]
    pub digests: Digests,
    /// SHA-256 of the decoded samples (each as a signed 32-bit little-endian integer,
    /// interleaved): equal for two files exactly when their audio is sample for sample the same,
    /// whatever the container, codec or tags.
    #[serde(serialize_with = "serialize_hex")]
    pub audio_digest: [u8; 32],
}

impl AudioInfo {
    /// The exact playing time: decoded frames divided by the sample rate (not the header's
    /// claim).
    #[must_use]
    pub fn duration(&self) -> Duration {
        frames_to_duration(self.frames, self.sample_rate)
    }

    /// The average bit rate over the whole file (bytes × 8 ÷ duration), in bits per second;
    /// `None` for an empty stream.
    #[must_use]
    pub fn bitrate(&self) -> Option<u64> {
        let nanos = self.duration().as_nanos();
        if nanos == 0 {
            return None;
        }
        let bits = u128::from(self.file_size) * 8 * 1_000_000_000;
        u64::try_from(bits / nanos).ok()
    }

    /// Whether the codec is lossless.
    #[must_use]
    pub const fn is_lossless(&self) -> bool {
        self.codec.is_lossless()
    }
}

/// `frames / rate` seconds, exact to the nanosecond (rounded down).
#[must_use]
pub fn frames_to_duration(frames: u64, rate: u32) -> Duration {
    if rate == 0 {
        return Duration::ZERO;
    }
    let rate = u64::from(rate);
    let secs = frames / rate;
    let rest = frames % rate;
    // rest < rate ≤ u32::MAX, so rest × 10⁹ fits in u64 and the quotient is below 10⁹.
    let nanos = u32::try_from(rest * 1_000_000_000 / rate).unwrap_or(0);
    Duration::new(secs, nanos)
}

fn serialize_digests<S: serde::Serializer>(d: &Digests, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Digests", 2)?;
    st.serialize_field("md5", &d.md5_hex())?;
    st.serialize_field("sha256", &d.sha256_hex())?;
    st.end()
}

fn serialize_hex<S: serde::Serializer>(d: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&crate::digest::Hex(d))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The duration is exact: multiplied back by the rate it gives the frames, to within
        /// the rounding of one nanosecond.
        #[test]
        fn duration_is_frames_over_rate(frames in 0u64..1u64 << 40, rate in 1u32..800_000) {
            let d = frames_to_duration(frames, rate);
            let back = d.as_nanos() * u128::from(rate);
            let exact = u128::from(frames) * 1_000_000_000;
            prop_assert!(back <= exact && exact - back < u128::from(rate));
        }
    }

    #[test]
    fn one_second_of_cd_audio() {
        assert_eq!(frames_to_duration(44_100, 44_100), Duration::from_secs(1));
        assert_eq!(
            frames_to_duration(22_050, 44_100),
            Duration::from_millis(500)
        );
        assert_eq!(frames_to_duration(5, 0), Duration::ZERO);
    }
}
