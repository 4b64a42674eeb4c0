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
    center: usize,
    /// `PHASES + 1` rows of `taps` coefficients.
    bank: Vec<f64>,
    /// The input as the filter reads it: `window[i]` is input sample `dropped + i - center`,
    /// the first `center` of them the mirror of the input's start. It starts once the input
    /// holds the `center + 1` samples the mirror needs (no window is complete before that).
    window: Vec<f64>,
    started: bool,
    /// The input received before the window could start.
    head: Vec<f64>,
    /// Samples dropped from the front of `window`.
    dropped: u64,
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
            center,
            bank,
            window: Vec::new(),
            started: false,
            head: Vec::new(),
            dropped: 0,
            next: 0,
        }
    }

    /// Takes more input and appends every output sample it completes to `out`.
    pub(crate) fn push(&mut self, samples: &[f64], out: &mut Vec<f64>) {
        if !self.started {
            self.head.extend_from_slice(samples);
            if self.head.len() <= self.center {
                return;
            }
            // The mirror before the first sample: input sample `-k` is sample `k`.
            self.window.extend(self.head[1..=self.center].iter().rev());
            self.window.append(&mut self.head);
            self.started = true;
        } else {
            self.window.extend_from_slice(samples);
        }
        let taps = self.taps;
        let mut produced = 0;
        loop {
            let position = self.next * self.input_rate * PHASES;
            let index = position / self.output_rate;
            let sample = index / PHASES;
            // The window of output `next` starts `center` samples before `sample`.
            let Ok(start) = usize::try_from(sample - self.dropped) else {
                break;
            };
            let Some(window) = self.window.get(start..start + taps) else {
                break;
            };
            #[allow(clippy::cast_possible_truncation)] // below PHASES
            let phase = (index % PHASES) as usize;
            let row = &self.bank[phase * taps..(phase + 1) * taps];
            let fraction = position % self.output_rate;
            out.push(if fraction == 0 {
                dot(window, row)
            } else {
                #[allow(clippy::cast_precision_loss)] // below output_rate, a sample rate
                let weight = fraction as f64 / self.output_rate as f64;
                let next_row = &self.bank[(phase + 1) * taps..(phase + 2) * taps];
                let (v1, v2) = dot2(window, row, next_row);
                v1 + (v2 - v1) * weight
            });
            self.next += 1;
            produced += 1;
        }
        // Drop what no later window reaches.
        if produced > 0 {
            let next_sample = self.next * self.input_rate * PHASES / self.output_rate / PHASES;
            let drop = usize::try_from(next_sample - self.dropped)
                .unwrap_or(usize::MAX)
                .min(self.window.len());
            if drop > self.window.len() / 2 {
                self.window.drain(..drop);
                self.dropped += drop as u64;
            }
        }
    }
}

/// Lanes of the dot products: independent partial sums, so that the sums vectorise and
/// pipeline (the order of additions differs from a plain loop's by rounding alone).
const LANES: usize = 8;

/// `Σ a[i] · b[i]`.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut sums = [0.0; LANES];
    let (a_chunks, b_chunks) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f64 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for lane in 0..LANES {
            sums[lane] += x[lane] * y[lane];
        }
    }
    sums.iter().sum::<f64>() + tail
}

/// `(Σ a[i] · b[i], Σ a[i] · c[i])` in one pass over `a`.
fn dot2(a: &[f64], b: &[f64], c: &[f64]) -> (f64, f64) {
    let (mut sums_b, mut sums_c) = ([0.0; LANES], [0.0; LANES]);
    let (a_chunks, b_chunks, c_chunks) = (
        a.chunks_exact(LANES),
        b.chunks_exact(LANES),
        c.chunks_exact(LANES),
    );
    let (mut tail_b, mut tail_c) = (0.0, 0.0);
    for ((x, y), z) in a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .zip(c_chunks.remainder())
    {
        tail_b += x * y;
        tail_c += x * z;
    }
    for ((x, y), z) in a_chunks.zip(b_chunks).zip(c_chunks) {
        for lane in 0..LANES {
            sums_b[lane] += x[lane] * y[lane];
            sums_c[lane] += x[lane] * z[lane];
        }
    }
    (
        sums_b.iter().sum::<f64>() + tail_b,
        sums_c.iter().sum::<f64>() + tail_c,
    )
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
