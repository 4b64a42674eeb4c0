//! Seeded synthetic music for fingerprint tests and benchmarks: a melody, chords, drums and
//! noise whose spectrum changes every fraction of a second, as music does (a steady tone or
//! silence fingerprints poorly and proves nothing).
//!
//! A [`Score`] (from a seed) is what is played: a key, a chord progression, a melody. A
//! [`Performance`] plays it with an [`Instrument`] at a tempo, so the same notes can be
//! rendered as different recordings.

use std::f64::consts::TAU;

/// How the melody and chords sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instrument {
    /// Struck: bright harmonics decaying fast.
    Piano,
    /// Sustained odd harmonics, no decay.
    Organ,
    /// Plucked: a sharp attack, a quick fall, few harmonics.
    Guitar,
    /// A bowed swell with a vibrato.
    Strings,
}

impl Instrument {
    /// Every instrument.
    pub const ALL: [Self; 4] = [Self::Piano, Self::Organ, Self::Guitar, Self::Strings];

    /// Harmonic amplitudes (fundamental first).
    const fn harmonics(self) -> &'static [f64] {
        match self {
            Self::Piano => &[1.0, 0.6, 0.4, 0.25, 0.15, 0.1],
            Self::Organ => &[1.0, 0.0, 0.5, 0.0, 0.33, 0.0, 0.2],
            Self::Guitar => &[1.0, 0.3, 0.1],
            Self::Strings => &[1.0, 0.7, 0.5, 0.35, 0.25, 0.2, 0.15, 0.1],
        }
    }

    /// The loudness `t` seconds into a note of `length` seconds.
    fn envelope(self, t: f64, length: f64) -> f64 {
        let release = ((length - t) / 0.02).clamp(0.0, 1.0);
        let shape = match self {
            Self::Piano => (t / 0.005).min(1.0) * (-t / 0.35).exp(),
            Self::Organ => (t / 0.02).min(1.0),
            Self::Guitar => (t / 0.002).min(1.0) * (-t / 0.15).exp(),
            Self::Strings => (t / 0.12).min(1.0),
        };
        shape * release
    }

    /// A small pitch wobble (strings' vibrato).
    fn vibrato(self, t: f64) -> f64 {
        match self {
            Self::Strings => 1.0 + 0.004 * (TAU * 5.5 * t).sin(),
            _ => 1.0,
        }
    }
}

/// What is played: a key, four chords, and a melody of half-beat notes (scale steps; `None`
/// is a rest), from a seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    root: f64,
    progression: [[i32; 3]; 4],
    melody: Vec<Option<i32>>,
}

/// The major scale, in semitones.
const MAJOR: [i32; 7] = [0, 2, 4, 5, 7, 9, 11];

impl Score {
    /// The score of `seed`: `bars` bars of four beats.
    #[must_use]
    pub fn new(seed: u64, bars: usize) -> Self {
        let mut rng = Rng::new(seed);
        // A root between C3 and B3.
        let root = 130.81 * 2f64.powf(f64::from(rng.below(12)) / 12.0);
        let degrees = [[0, 2, 4], [3, 5, 7], [4, 6, 8], [5, 7, 9], [1, 3, 5]];
        let mut progression = [[0; 3]; 4];
        progression[0] = degrees[0];
        for chord in &mut progression[1..] {
            *chord = degrees[rng.below(5) as usize];
        }
        let mut step: i32 = 7;
        let melody = (0..bars * 8)
            .map(|_| {
                if rng.below(8) == 0 {
                    return None;
                }
                step = (step + i32::try_from(rng.below(7)).unwrap_or(0) - 3).clamp(0, 14);
                Some(step)
            })
            .collect();
        Self {
            root,
            progression,
            melody,
        }
    }

    /// The frequency of scale step `step` above the root, `octave` octaves up.
    fn frequency(&self, step: i32, octave: i32) -> f64 {
        let octaves = step.div_euclid(7) + octave;
        let semitones = MAJOR[usize::try_from(step.rem_euclid(7)).unwrap_or(0)] + 12 * octaves;
        self.root * 2f64.powf(f64::from(semitones) / 12.0)
    }
}

/// A score played with an instrument at a tempo.
#[derive(Debug, Clone, PartialEq)]
pub struct Performance<'a> {
    /// What is played.
    pub score: &'a Score,
    /// What plays the melody and chords.
    pub instrument: Instrument,
    /// Beats per minute.
    pub tempo: f64,
    /// Seed of the drums' and noise's randomness.
    pub seed: u64,
}

impl Performance<'_> {
    /// `seconds` of the performance (the score repeats) at `rate` Hz, as interleaved 16-bit
    /// samples of `channels` (1 or 2: the melody leans left, the chords right), peaking
    /// near −4 dBFS.
    #[must_use]
    pub fn render(&self, seconds: f64, rate: u32, channels: u16) -> Vec<i16> {
        let rate_f = f64::from(rate);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let frames = (seconds * rate_f) as usize;
        let beat = 60.0 / self.tempo;
        let half = beat / 2.0;
        let mut rng = Rng::new(self.seed ^ 0x5EED);
        let mut out = Vec::with_capacity(frames * usize::from(channels));
        let mut hat_noise = 0.0;
        for i in 0..frames {
            #[allow(clippy::cast_precision_loss)]
            let t = i as f64 / rate_f;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let slot = (t / half) as usize;
            let in_slot = t - slot as f64 * half;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bar = (t / (4.0 * beat)) as usize;
            let in_bar = t - bar as f64 * 4.0 * beat;

            // Melody: one note per half beat.
            let melody = match self.score.melody[slot % self.score.melody.len()] {
                Some(step) => self.tone(self.score.frequency(step, 1), in_slot, half),
                None => 0.0,
            };
            // Chords: one per bar, three voices an octave below the melody.
            let chord = self.score.progression[bar % 4];
            let pad: f64 = chord
                .iter()
                .map(|&step| self.tone(self.score.frequency(step, 0), in_bar, 4.0 * beat))
                .sum::<f64>()
                / 3.0;
            // Drums: a kick on beats 1 and 3, a snare on 2 and 4, a hi-hat every half beat.
            let in_beat = in_bar % beat;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let beat_number = (in_bar / beat) as usize;
            let drum = if beat_number.is_multiple_of(2) {
                let sweep = 50.0 + 100.0 * (-in_beat / 0.03).exp();
                (TAU * sweep * in_beat).sin() * (-in_beat / 0.12).exp()
            } else {
                rng.unit() * (-in_beat / 0.06).exp() * 0.7
            };
            // A hi-hat: white noise differenced (high-passed), short.
            let white = rng.unit();
            let hat = (white - hat_noise) * 0.5 * (-in_slot / 0.02).exp();
            hat_noise = white;

            let left = 0.55 * melody + 0.25 * pad + 0.3 * drum + 0.12 * hat;
            let right = 0.3 * melody + 0.45 * pad + 0.3 * drum + 0.12 * hat;
            let to_pcm = |v: f64| {
                #[allow(clippy::cast_possible_truncation)] // |v| < 1.1 by construction
                let sample = (v * 13_000.0).round().clamp(-32_768.0, 32_767.0) as i16;
                sample
            };
            if channels >= 2 {
                out.push(to_pcm(left));
                out.push(to_pcm(right));
                for _ in 2..channels {
                    out.push(to_pcm((left + right) / 2.0));
                }
            } else {
                out.push(to_pcm((left + right) / 2.0));
            }
        }
        out
    }

    /// The instrument's tone at `frequency`, `t` seconds into a note of `length` seconds.
    fn tone(&self, frequency: f64, t: f64, length: f64) -> f64 {
        let f = frequency * self.instrument.vibrato(t);
        let harmonics = self.instrument.harmonics();
        let total: f64 = harmonics.iter().sum();
        let mut sum = 0.0;
        for (n, amplitude) in harmonics.iter().enumerate() {
            if *amplitude != 0.0 {
                #[allow(clippy::cast_precision_loss)]
                let k = (n + 1) as f64;
                sum += amplitude * (TAU * f * k * t).sin();
            }
        }
        self.instrument.envelope(t, length) * sum / total
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xA5A5_5A5A)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u32) -> u32 {
        u32::try_from(self.next() % u64::from(n)).unwrap_or(0)
    }

    /// Uniform in −1..1.
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        2.0 * x - 1.0
    }
}
