//! Acoustic fingerprints: Chromaprint (the algorithm behind AcoustID) through the pure-Rust
//! `rusty-chromaprint`, computed from this crate's decoder, and compared in the manner of
//! AcoustID.
//!
//! A fingerprint is a list of 32-bit sub-fingerprints, one per 1365 samples at 11 025 Hz
//! (about 8 per second), of Chromaprint's default algorithm (`TEST2`), over the first
//! [`MAX_SECONDS`] of the audio, as `fpcalc` computes it. The channels are averaged and the
//! audio resampled to 11 025 Hz exactly as `fpcalc` does (see `resample.rs`), so that
//! [`Fingerprint::values`] equals what `fpcalc -raw` prints for the same file.

mod compare;
#[cfg(feature = "synth")]
pub mod music;
mod resample;

use std::path::Path;

use rusty_chromaprint::{Configuration, Fingerprinter as Chromaprint};

pub use compare::{Comparison, MATCH_SCORE, MAX_OFFSET, MIN_OVERLAP, compare};

use crate::{AudioInfo, Block, Error};
use resample::Resampler;

/// Chromaprint's sample rate.
pub const SAMPLE_RATE: u32 = 11_025;

/// How much audio a fingerprint covers, from the start: `fpcalc`'s default `-length`.
pub const MAX_SECONDS: u32 = 120;

/// Seconds of audio per sub-fingerprint (1365 samples at 11 025 Hz).
pub const SECONDS_PER_VALUE: f64 = 1365.0 / 11_025.0;

/// A recording's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    values: Vec<u32>,
}

impl Fingerprint {
    /// A fingerprint from its sub-fingerprints (as stored, or as `fpcalc -raw` prints them).
    #[must_use]
    pub const fn from_values(values: Vec<u32>) -> Self {
        Self { values }
    }

    /// The sub-fingerprints, in time order. Empty for audio shorter than Chromaprint's
    /// window (about 3 s).
    #[must_use]
    pub fn values(&self) -> &[u32] {
        &self.values
    }

    /// Whether there is no sub-fingerprint (the audio was too short).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Compares with `other` ([`compare`]).
    #[must_use]
    pub fn compare(&self, other: &Self) -> Comparison {
        compare(&self.values, &other.values)
    }
}

/// Computes a fingerprint from decoded audio, block by block, as [`crate::decode`] hands the
/// blocks over.
pub struct Fingerprinter {
    format: Option<(u32, u16)>,
    resampler: Option<Resampler>,
    chromaprint: Chromaprint,
    /// Samples at 11 025 Hz still allowed (the [`MAX_SECONDS`] limit).
    remaining: usize,
    mono: Vec<f64>,
    resampled: Vec<f64>,
    pcm: Vec<i16>,
    changed_format: bool,
}

impl std::fmt::Debug for Fingerprinter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fingerprinter")
            .field("format", &self.format)
            .field("remaining", &self.remaining)
            .finish_non_exhaustive()
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Self::new()
    }
}

impl Fingerprinter {
    /// A fingerprinter awaiting its first block.
    #[must_use]
    pub fn new() -> Self {
        let mut chromaprint = Chromaprint::new(&Configuration::preset_test2());
        // 11 025 Hz mono: the library's own resampler is never used.
        chromaprint
            .start(SAMPLE_RATE, 1)
            .unwrap_or_else(|_| unreachable!("11 025 Hz mono is Chromaprint's own format"));
        Self {
            format: None,
            resampler: None,
            chromaprint,
            remaining: (MAX_SECONDS * SAMPLE_RATE) as usize,
            mono: Vec::new(),
            resampled: Vec::new(),
            pcm: Vec::new(),
            changed_format: false,
        }
    }

    /// Takes one block of decoded audio. Blocks after the first must keep its sample rate and
    /// channel count (a block that does not is skipped, and [`Fingerprinter::finish`] says so).
    pub fn push(&mut self, block: &Block<'_>) {
        self.push_interleaved(block.sample_rate, block.channels, block.interleaved());
    }

    /// [`Fingerprinter::push`] of interleaved full-scale 32-bit samples.
    fn push_interleaved(&mut self, sample_rate: u32, channel_count: u16, samples: &[i32]) {
        let channels = usize::from(channel_count.max(1));
        let format = (sample_rate, channel_count);
        match self.format {
            None => {
                self.format = Some(format);
                if sample_rate != SAMPLE_RATE && sample_rate > 0 {
                    self.resampler = Some(Resampler::new(sample_rate, SAMPLE_RATE));
                }
            }
            Some(known) if known != format => {
                self.changed_format = true;
                return;
            }
            Some(_) => {}
        }
        if self.remaining == 0 {
            return;
        }
        // The mean of the channels, on the 16-bit scale (libswresample's stereo down-mix is
        // the same mean).
        self.mono.clear();
        #[allow(clippy::cast_precision_loss)] // channel counts are tiny
        let scale = 1.0 / (65_536.0 * channels as f64);
        // The sums of integers are exact in f64, whatever their order.
        match channels {
            1 => self
                .mono
                .extend(samples.iter().map(|&s| f64::from(s) * scale)),
            2 => self.mono.extend(
                samples
                    .chunks_exact(2)
                    .map(|frame| (f64::from(frame[0]) + f64::from(frame[1])) * scale),
            ),
            _ => self.mono.extend(
                samples
                    .chunks_exact(channels)
                    .map(|frame| frame.iter().map(|&s| f64::from(s)).sum::<f64>() * scale),
            ),
        }
        self.resampled.clear();
        match &mut self.resampler {
            Some(resampler) => resampler.push(&self.mono, &mut self.resampled),
            None => self.resampled.extend_from_slice(&self.mono),
        }
        let take = self.resampled.len().min(self.remaining);
        self.remaining -= take;
        self.pcm.clear();
        // Rounded and clipped to 16 bits, as libswresample's s16 output.
        self.pcm
            .extend(self.resampled[..take].iter().map(|&v| to_i16(v)));
        self.chromaprint.consume(&self.pcm);
    }

    /// The fingerprint of everything pushed, and whether a block was skipped for a change of
    /// format.
    #[must_use]
    pub fn finish(mut self) -> (Fingerprint, bool) {
        self.chromaprint.finish();
        (
            Fingerprint::from_values(self.chromaprint.fingerprint().to_vec()),
            self.changed_format,
        )
    }
}

/// `v` rounded half away from zero (as `f64::round`) and clipped to 16 bits, without the
/// library call `round` costs where SSE4.1 is not assumed.
#[allow(clippy::cast_possible_truncation)] // clipped first
fn to_i16(v: f64) -> i16 {
    let clipped = v.clamp(-32_768.0, 32_767.0);
    let whole = clipped as i32; // toward zero
    // Exact: the fractional part of a number below 2^16 in magnitude.
    let fraction = clipped - f64::from(whole);
    let rounded = if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    };
    rounded as i16
}

/// Decodes the audio file at `path` (one read, as [`crate::decode`]) and fingerprints it.
///
/// The fingerprint covers the first [`MAX_SECONDS`], as `fpcalc`'s default `-length 120`;
/// but where `fpcalc` stops reading there, the whole file is decoded, because the
/// [`AudioInfo`] returned (duration, integrity, digests) describes all of it. On files longer
/// than two minutes that is decoding `fpcalc` does not do.
///
/// # Errors
///
/// As [`crate::inspect`]. A file that decodes only in part is fingerprinted as far as it
/// decodes; [`AudioInfo::integrity`] says so.
pub fn fingerprint_file(path: impl AsRef<Path>) -> Result<(Fingerprint, AudioInfo), Error> {
    let mut fingerprinter = Fingerprinter::new();
    let info = crate::decode(path, |block| fingerprinter.push(block))?;
    Ok((fingerprinter.finish().0, info))
}

/// Fingerprints interleaved 16-bit samples (for synthesised audio and tests).
#[must_use]
pub fn fingerprint_samples(samples: &[i16], channels: u16, sample_rate: u32) -> Fingerprint {
    let wide: Vec<i32> = samples.iter().map(|&s| i32::from(s) << 16).collect();
    let mut fingerprinter = Fingerprinter::new();
    fingerprinter.push_interleaved(sample_rate, channels, &wide);
    fingerprinter.finish().0
}

#[cfg(test)]
mod tests {
    use super::to_i16;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn to_i16_rounds_and_clips_as_round_and_clamp(v in -40_000.0..40_000.0f64) {
            #[allow(clippy::cast_possible_truncation)]
            let expected = v.round().clamp(-32_768.0, 32_767.0) as i16;
            prop_assert_eq!(to_i16(v), expected);
        }
    }

    #[test]
    fn to_i16_on_halves_and_edges() {
        for (v, expected) in [
            (0.5, 1),
            (-0.5, -1),
            (2.5, 3),
            (-2.5, -3),
            (0.499_999_999_999_999_94, 0),
            (32_767.5, 32_767),
            (-32_768.5, -32_768),
            (f64::NAN, 0),
        ] {
            assert_eq!(to_i16(v), expected, "{v}");
        }
    }
}
