//! Comparing two fingerprints in the manner of AcoustID: align them at the offset where they
//! agree best, count the differing bits over the overlap (the bit error rate), and turn that
//! into a score — 1 for identical, 0 for what unrelated audio gives (half the bits differ).

/// How far apart (in sub-fingerprints, about 8 per second) two fingerprints are searched for
/// their alignment: 15 s either way, enough for silence added or cut at the start.
pub const MAX_OFFSET: usize = 121;

/// The fewest aligned sub-fingerprints (about 4 s of audio) a comparison needs to say
/// "match": shorter overlaps say too little.
pub const MIN_OVERLAP: usize = 32;

/// The score from which two fingerprints are taken for one recording.
///
/// A score is `1 − 2 × bit error rate`. In our tests on generated music, re-encodings of one
/// recording (gain, resampling, down-mix, FLAC and 128 kbit/s MP3, 2 s cut or silence added at
/// the start) keep the bit error rate at or under 3.1 %; distinct recordings stay at or above
/// 31.7 % for other notes and 14.1 % for the same notes played with another instrument or at
/// another tempo — Chromaprint hears pitch classes, so the same notes come close. The threshold
/// sits between: at most 10 % of bits differing (score ≥ 0.8).
pub const MATCH_SCORE: f64 = 0.8;

/// How two fingerprints compare at their best alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Where the second fingerprint's first sub-fingerprint falls in the first's (negative when
    /// the second starts earlier): with silence added before the second, `offset` is negative.
    pub offset: i32,
    /// Sub-fingerprints compared at that offset.
    pub overlap: usize,
    /// Differing bits over the overlap, 0.0 ..= 1.0.
    pub bit_error_rate: f64,
    /// `1 − 2 × bit_error_rate`, at least 0.
    pub score: f64,
}

impl Comparison {
    /// Whether the two are one recording: an overlap of at least [`MIN_OVERLAP`] and a score of
    /// at least [`MATCH_SCORE`].
    #[must_use]
    pub fn is_match(&self) -> bool {
        self.overlap >= MIN_OVERLAP && self.score >= MATCH_SCORE
    }

    /// The offset in seconds.
    #[must_use]
    pub fn offset_seconds(&self) -> f64 {
        f64::from(self.offset) * super::SECONDS_PER_VALUE
    }
}

impl std::fmt::Display for Comparison {
    /// `score 0.93, offset +2.0 s`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "score {:.2}, offset {:+.1} s",
            self.score,
            self.offset_seconds()
        )
    }
}

/// Compares `a` with `b`: every offset within ±[`MAX_OFFSET`] whose overlap is at least
/// [`MIN_OVERLAP`] (or, when none is, every offset with the largest overlap there is), the one
/// with the fewest differing bits per compared bit. Empty fingerprints compare with an overlap
/// of 0 and a score of 0.
#[must_use]
pub fn compare(a: &[u32], b: &[u32]) -> Comparison {
    let none = Comparison {
        offset: 0,
        overlap: 0,
        bit_error_rate: 1.0,
        score: 0.0,
    };
    if a.is_empty() || b.is_empty() {
        return none;
    }
    let longest_overlap = a.len().min(b.len());
    let needed = MIN_OVERLAP.min(longest_overlap);
    let max = i64::try_from(MAX_OFFSET).unwrap_or(i64::MAX);
    let (a_len, b_len) = (len_i64(a), len_i64(b));
    let mut best: Option<(u64, usize, i64)> = None;
    for offset in -max..=max {
        // b[j] lies against a[j + offset].
        let first_b = (-offset).max(0);
        let last_b = (a_len - offset).min(b_len);
        if last_b - first_b < i64::try_from(needed).unwrap_or(i64::MAX) {
            continue;
        }
        let (start, end) = (to_index(first_b), to_index(last_b));
        let differing: u64 = b[start..end]
            .iter()
            .zip(&a[to_index(first_b + offset)..])
            .map(|(x, y)| u64::from((x ^ y).count_ones()))
            .sum();
        let overlap = end - start;
        // Compare rates without division: fewer differing bits per overlap is better.
        let better = best.is_none_or(|(best_differing, best_overlap, _)| {
            u128::from(differing) * (best_overlap as u128)
                < u128::from(best_differing) * (overlap as u128)
        });
        if better {
            best = Some((differing, overlap, offset));
        }
    }
    let Some((differing, overlap, offset)) = best else {
        return none;
    };
    #[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
    let bit_error_rate = differing as f64 / (32 * overlap) as f64;
    Comparison {
        offset: i32::try_from(offset).unwrap_or(0),
        overlap,
        bit_error_rate,
        score: (1.0 - 2.0 * bit_error_rate).max(0.0),
    }
}

fn len_i64(values: &[u32]) -> i64 {
    i64::try_from(values.len()).unwrap_or(i64::MAX)
}

/// A non-negative position as an index.
fn to_index(position: i64) -> usize {
    usize::try_from(position).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(seed: u32, length: usize) -> Vec<u32> {
        let mut state = seed.wrapping_mul(2_654_435_761) | 1;
        (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state
            })
            .collect()
    }

    #[test]
    fn identical_fingerprints_score_one_at_offset_zero() {
        let a = values(1, 100);
        let c = compare(&a, &a);
        assert_eq!(
            (c.offset, c.overlap, c.bit_error_rate, c.score),
            (0, 100, 0.0, 1.0)
        );
        assert!(c.is_match());
    }

    #[test]
    fn a_shifted_copy_is_found_at_its_offset() {
        let a = values(2, 150);
        // b starts 20 values into a (a cut at the start of b's audio).
        let c = compare(&a, &a[20..]);
        assert_eq!((c.offset, c.overlap, c.score), (20, 130, 1.0));
        // b has 10 unrelated values first (silence added before it).
        let mut b = values(3, 10);
        b.extend_from_slice(&a);
        let c = compare(&a, &b);
        assert_eq!((c.offset, c.overlap, c.score), (-10, 150, 1.0));
        assert!((c.offset_seconds() + 10.0 * 1365.0 / 11_025.0).abs() < 1e-9);
    }

    #[test]
    fn unrelated_fingerprints_differ_in_about_half_their_bits() {
        let c = compare(&values(4, 200), &values(5, 200));
        assert!(c.bit_error_rate > 0.4, "{c:?}");
        assert!(!c.is_match());
    }

    #[test]
    fn short_or_empty_fingerprints_never_match() {
        let a = values(6, 20);
        let c = compare(&a, &a);
        assert_eq!((c.overlap, c.score), (20, 1.0));
        assert!(
            !c.is_match(),
            "an overlap under MIN_OVERLAP says too little"
        );
        assert_eq!(compare(&[], &a).overlap, 0);
        assert!(!compare(&[], &[]).is_match());
    }
}
