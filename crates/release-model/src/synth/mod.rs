//! Deterministic synthetic data: catalogs of any size, code corpora, and the committed fixture
//! set of the repository (`cargo xtask fixtures` writes it, a test checks it is fresh, the
//! benchmarks build their 100,000-release catalog with [`catalog`]).
//!
//! Everything comes from a fixed seed through [`Rng`] (SplitMix64): no clock, no environment,
//! the same bytes on every machine.

mod catalog;
mod codes;
mod fixtures;
mod ids;

pub use catalog::{Generator, catalog};
pub use codes::{CodeCorpus, isrc_corpus, upc_corpus, valid_isrcs, valid_upcs};
pub use fixtures::{FixtureFile, fixture_files};
pub use ids::{
    dpid_corpus, grid_corpus, ipi_base_corpus, ipi_name_corpus, ismn_corpus, isni_corpus,
    iswc_corpus,
};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to make data from.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    #[must_use]
    pub const fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; 0 for `n` = 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn deterministic_and_in_range() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            let x = a.range(3, 9);
            assert_eq!(x, b.range(3, 9));
            assert!((3..=9).contains(&x));
        }
        // SplitMix64's published first output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
