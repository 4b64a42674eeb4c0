//! Resampling to Chromaprint's 11 025 Hz the way `fpcalc` does, so that our fingerprints agree
//! with the reference bit for bit.
//!
//! `fpcalc` decodes with FFmpeg and converts with libswresample in Chromaprint's "compatible
//! mode" (`filter_size` 16, `phase_shift` 8, `linear_interp` 1, `cutoff` 0.8, the default Kaiser
//! window with β = 9). That is a windowed-sinc filter of `ceil(16 / factor)` taps (rounded up
//! to even), `factor = min(1, 0.8 · out / in)`, tabulated for 256 phases and interpolated
//! linearly between neighbouring phases, normalised so that each phase-0 tap row sums to 1. The
//! first output sample is centred on the first input sample, the input mirrored before it; at
//! the end `fpcalc` does not flush the resampler, so the last output is the last whose whole
//! window lies inside the input. This module computes the same filter in `f64`.

/// Phases of the tabulated filter (`1 << phase_shift`).
const PHASES: u64 = 256;
/// libswresample's `filter_size` in Chromaprint's compatible mode.
const FILTER_SIZE: f64 = 16.0;
/// libswresample's `cutoff` in Chromaprint's compatible mode.
const CUTOFF: f64 = 0.8;
/// The Kaiser window's β (libswresample's default `kaiser_beta`).
const KAISER_BETA: f64 = 9.0;

/// A streaming resampler from `input_rate` to `output_rate` Hz (mono).
#[derive(Debug)]
pub(crate) struct Resampler {
    input_rate: u64,
    output_rate: u64,
    taps: usize,
    center: u64,
    /// `PHASES + 1` rows of `taps` coefficients.
    bank: Vec<f64>,
    /// Input samples from absolute index `base` on.
    input: Vec<f64>,
    base: u64,
    /// The first input samples (for the mirror before the start), kept until no longer needed.
    head: Vec<f64>,
    /// The next output sample's index.
    next: u64,
}

impl Resampler {
    pub(crate) fn new(input_rate: u32, output_rate: u32) -> Self {
        let factor = (f64::from(output_rate) * CUTOFF / f64::from(input_rate)).min(1.0);
        // A few hundred at most for the sample rates audio files use.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut taps = ((FILTER_SIZE / factor).ceil() as usize).max(1);
        if taps > 1 {
            taps += taps % 2;
        }
        let center = (taps - 1) / 2;
        let rows = usize::try_from(PHASES).unwrap_or(256) + 1;
        let mut bank = vec![0.0; rows * taps];
        let mut norm = 0.0;
        for phase in 0..rows {
            for tap in 0..taps {
                #[allow(clippy::cast_precision_loss)] // small integers
                let offset = (tap as f64 - center as f64) - phase as f64 / PHASES as f64;
                let x = std::f64::consts::PI * offset * factor;
                let sinc = if x == 0.0 { 1.0 } else { x.sin() / x };
                #[allow(clippy::cast_precision_loss)]
                let w = 2.0 * x / (factor * taps as f64 * std::f64::consts::PI);
                let value = sinc * bessel_i0(KAISER_BETA * (1.0 - w * w).max(0.0).sqrt());
                bank[phase * taps + tap] = value;
                if phase == 0 {
                    norm += value;
                }
            }
        }
        for value in &mut bank {
            *value /= norm;
        }
        Self {
            input_rate: u64::from(input_rate),
            output_rate: u64::from(output_rate),
            taps,
            center: center as u64,
            bank,
            input: Vec::new(),
            base: 0,
            head: Vec::new(),
            next: 0,
        }
    }

    /// Takes more input and appends every output sample it completes to `out`.
    pub(crate) fn push(&mut self, samples: &[f64], out: &mut Vec<f64>) {
        let head_needed = usize::try_from(self.center).unwrap_or(0) + 1;
        if self.head.len() < head_needed {
            let missing = head_needed - self.head.len();
            self.head
                .extend_from_slice(&samples[..missing.min(samples.len())]);
        }
        self.input.extend_from_slice(samples);
        let end = self.base + self.input.len() as u64;
        let taps = self.taps as u64;
        loop {
            let position = self.next * self.input_rate * PHASES;
            let index = position / self.output_rate;
            let sample = index / PHASES;
            // The window starts `center` samples before the sample (mirrored before 0).
            if sample + taps - self.center > end {
                break;
            }
            #[allow(clippy::cast_possible_truncation)] // below PHASES
            let phase = (index % PHASES) as usize;
            #[allow(clippy::cast_precision_loss)] // below output_rate, a sample rate
            let weight = (position % self.output_rate) as f64 / self.output_rate as f64;
            let row = &self.bank[phase * self.taps..(phase + 1) * self.taps];
            let next_row = &self.bank[(phase + 1) * self.taps..(phase + 2) * self.taps];
            let (mut v1, mut v2) = (0.0, 0.0);
            for tap in 0..self.taps {
                let x = self.at(sample + tap as u64, self.center);
                v1 += x * row[tap];
                if weight != 0.0 {
                    v2 += x * next_row[tap];
                }
            }
            out.push(if weight == 0.0 {
                v1
            } else {
                v1 + (v2 - v1) * weight
            });
            self.next += 1;
        }
        // Drop what no later window reaches.
        let next_sample = self.next * self.input_rate * PHASES / self.output_rate / PHASES;
        let keep_from = next_sample.saturating_sub(self.center);
        if keep_from > self.base {
            let drop = usize::try_from(keep_from - self.base)
                .unwrap_or(usize::MAX)
                .min(self.input.len());
            self.input.drain(..drop);
            self.base += drop as u64;
        }
    }

    /// The input sample at `shifted - center` (absolute), mirrored before the start.
    fn at(&self, shifted: u64, center: u64) -> f64 {
        if shifted >= center {
            let index = usize::try_from(shifted - center - self.base).unwrap_or(usize::MAX);
            self.input[index]
        } else {
            let mirrored = usize::try_from(center - shifted).unwrap_or(usize::MAX);
            self.head.get(mirrored).copied().unwrap_or(0.0)
        }
    }
}

/// The modified Bessel function of the first kind, order 0 (its power series, summed until it
/// no longer changes, as libswresample does).
fn bessel_i0(x: f64) -> f64 {
    let quarter_square = x * x / 4.0;
    let (mut term, mut sum, mut last) = (quarter_square, 1.0 + quarter_square, 0.0);
    let mut k = 2.0;
    while sum != last {
        last = sum;
        term *= quarter_square / (k * k);
        sum += term;
        k += 1.0;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bessel_i0_matches_known_values() {
        assert!((bessel_i0(0.0) - 1.0).abs() < 1e-15);
        assert!((bessel_i0(1.0) - 1.266_065_877_752_008_4).abs() < 1e-12);
        assert!((bessel_i0(9.0) - 1_093.588_354_511_374_5).abs() < 1e-8);
    }

    /// A constant stays that constant (each phase's taps sum to 1), and the output count is
    /// the input's scaled down, less the filter's tail.
    #[test]
    fn a_constant_stays_constant_and_blocks_do_not_matter() {
        let input = vec![0.25; 48_000];
        let mut whole = Vec::new();
        Resampler::new(48_000, 11_025).push(&input, &mut whole);
        let mut pieces = Vec::new();
        let mut resampler = Resampler::new(48_000, 11_025);
        for chunk in input.chunks(777) {
            resampler.push(chunk, &mut pieces);
        }
        assert_eq!(whole, pieces);
        assert!(
            whole.len() > 11_000 && whole.len() <= 11_025,
            "{}",
            whole.len()
        );
        assert!(
            whole.iter().all(|v| (v - 0.25).abs() < 1e-3),
            "{:?}",
            &whole[..4]
        );
    }
}
