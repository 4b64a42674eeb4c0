//! Eight bytes in a `u64`, checked and weighed together: the word-at-a-time arithmetic behind
//! the strict parsers of the fixed-length codes (ISWC, ISNI, IPI, ISMN).
//!
//! A word is read little-endian, so the first byte of the input is the lowest byte of the word.
//! Nothing here branches on the data: a parser combines the results and decides once.

/// `1` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// ASCII `'0'` in every byte: XOR turns ASCII digits into digit values.
pub const ZEROS: u64 = 0x30 * ONES;
/// The top bit of every byte.
const TOP_BITS: u64 = 0x80 * ONES;
/// The low 8 bits of every 16-bit lane.
const EVEN_BYTES: u64 = 0x00FF_00FF_00FF_00FF;

/// The eight bytes of `bytes` from `at`, the first in the lowest byte: one load.
///
/// # Panics
/// When `bytes` holds fewer than `at + 8` bytes; callers read only inside arrays whose length
/// they know, where the check is compiled away.
#[inline(always)]
#[must_use]
pub const fn load(bytes: &[u8], at: usize) -> u64 {
    let (_, rest) = bytes.split_at(at);
    match rest.first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => panic!("fewer than 8 bytes to load"),
    }
}

/// The digit values of a word of ASCII digits, and non-zero top bits where a byte is not an
/// ASCII digit: `(values, bad)`. The values of the bad bytes are meaningless.
///
/// XOR with `'0'` maps the digits to 0–9 and every other byte to 10 or more, or to a byte with
/// its top bit set; adding `0x76` carries a byte of 10 or more into its top bit (and a byte whose
/// top bit is already set is bad whatever it carries into its neighbour).
///
/// ```
/// use ident_core::swar::{digits, load};
/// let (values, bad) = digits(load(b"01234567", 0));
/// assert_eq!((values, bad), (0x0706_0504_0302_0100, 0));
/// assert_ne!(digits(load(b"0123456:", 0)).1, 0);
/// assert_ne!(digits(load(b"/1234567", 0)).1, 0);
/// ```
#[inline(always)]
#[must_use]
pub const fn digits(word: u64) -> (u64, u64) {
    let values = word ^ ZEROS;
    (
        values,
        (values.wrapping_add(0x76 * ONES) | values) & TOP_BITS,
    )
}

/// `word` with its byte `index` (0–7) replaced by `byte`: a letter or check character that a
/// digit check should pass over, written as `'0'` (value 0).
#[inline(always)]
#[must_use]
pub const fn with_byte(word: u64, index: u32, byte: u8) -> u64 {
    (word & !(0xFF << (8 * index))) | (byte as u64) << (8 * index)
}

/// Whether each number below 512 is a multiple of ten: a load instead of a division, for a
/// weighted sum of a mod-10 check (GS1's, CISAC's).
///
/// A `const`, not a `static`: each use is compiled into the crate that inlines it, so the
/// load is a direct one rather than one through another crate's symbol.
pub const MULTIPLE_OF_TEN: [bool; 512] = {
    let mut table = [false; 512];
    let mut i = 0;
    while i < 512 {
        table[i] = true;
        i += 10;
    }
    table
};

/// Constant weights for [`Weights::sum`]: one per byte of a word, the first for the lowest
/// byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// When the whole sum of eight digits stays below 256: the weights in bytes 7 … 0 of one
    /// multiplier (`w₀` in byte 7); else 0.
    bytes: u64,
    /// Bytes 0, 2, 4, 6, weighted, in 16-bit lanes 3, 2, 1, 0 of the multiplier.
    even: u64,
    /// Bytes 1, 3, 5, 7 likewise.
    odd: u64,
}

impl Weights {
    /// The weights of the eight bytes, the first for byte 0 (the first character). Each at
    /// most 1,820, so that four digits of 9 at their weights stay below 2¹⁶.
    ///
    /// # Panics
    /// In `const` evaluation, for a weight above 1,820.
    #[must_use]
    pub const fn new(weights: [u16; 8]) -> Weights {
        let mut bytes = 0u64;
        let mut even = 0u64;
        let mut odd = 0u64;
        let mut total = 0u32;
        let mut k = 0;
        while k < 4 {
            assert!(weights[2 * k] <= 1820 && weights[2 * k + 1] <= 1820);
            even |= (weights[2 * k] as u64) << (16 * (3 - k));
            odd |= (weights[2 * k + 1] as u64) << (16 * (3 - k));
            k += 1;
        }
        let mut i = 0;
        while i < 8 {
            total += weights[i] as u32;
            if weights[i] < 256 {
                bytes |= (weights[i] as u64) << (8 * (7 - i));
            }
            i += 1;
        }
        if 9 * total > 255 {
            bytes = 0;
        }
        Weights { bytes, even, odd }
    }

    /// `Σ wᵢ·dᵢ` over the eight bytes `dᵢ` (values 0–9) of `values`, in one or two
    /// multiplications.
    ///
    /// When nine times the sum of the weights is below 256, one product gathers the sum in its
    /// top byte: byte `k` of `values × Σ wᵢ·2⁸⁽⁷⁻ⁱ⁾` is a weighted sum of bytes `0..=k` over
    /// some of the weights, below 256, so no byte carries into the next (the GS1 sum of the
    /// `upc` crate works the same way).
    ///
    /// Otherwise the even bytes are spread into 16-bit lanes (`d₀` in lane 0, …, `d₆` in lane
    /// 3); the multiplier holds `w₀` in lane 3, …, `w₆` in lane 0, so lane 3 of the product
    /// gathers `Σ w₂ₖ·d₂ₖ`. No lane of the product reaches 2¹⁶ (four products of at most
    /// 9 × 1,820), so none carries into the next; the odd bytes likewise.
    ///
    /// ```
    /// use ident_core::swar::{Weights, digits, load};
    /// const W: Weights = Weights::new([1, 2, 3, 4, 5, 6, 7, 8]);
    /// let (values, _) = digits(load(b"12345678", 0));
    /// assert_eq!(W.sum(values), 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64);
    /// ```
    #[inline(always)]
    #[must_use]
    pub const fn sum(self, values: u64) -> u32 {
        if self.bytes != 0 {
            return (values.wrapping_mul(self.bytes) >> 56) as u32;
        }
        let even = values & EVEN_BYTES;
        let odd = (values >> 8) & EVEN_BYTES;
        ((even.wrapping_mul(self.even) >> 48) + (odd.wrapping_mul(self.odd) >> 48)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place: a digit is read as its value, anything else is bad,
    /// whatever its neighbours hold.
    #[test]
    fn digits_finds_every_non_digit() {
        for place in 0..8 {
            for b in 0..=255u8 {
                for filler in [b'0', b'9'] {
                    let mut bytes = [filler; 8];
                    bytes[place] = b;
                    let (values, bad) = digits(load(&bytes, 0));
                    assert_eq!(bad == 0, b.is_ascii_digit(), "byte {b} at {place}");
                    if bad == 0 {
                        assert_eq!(values.to_le_bytes()[place], b - b'0');
                    }
                }
            }
        }
    }

    #[test]
    fn sums_agree_with_the_plain_sum() {
        for weights in [
            [1820, 1, 0, 9, 10, 1000, 3, 7],
            [0, 1, 2, 3, 4, 5, 6, 7],
            [0, 0, 0, 0, 0, 8, 9, 1],
            [3, 1, 3, 1, 3, 1, 3, 1],
            [10, 9, 8, 7, 6, 5, 4, 3],
        ] {
            agree(weights);
        }
        assert_ne!(Weights::new([0, 1, 2, 3, 4, 5, 6, 7]).bytes, 0);
        assert_eq!(Weights::new([10, 9, 8, 7, 6, 5, 4, 3]).bytes, 0);
    }

    fn agree(weights: [u16; 8]) {
        let w = Weights::new(weights);
        for seed in 0..2_000u64 {
            let bytes: [u8; 8] = core::array::from_fn(|i| {
                ((seed.wrapping_mul(2_654_435_761) >> (3 * i)) % 10) as u8 + b'0'
            });
            let bytes = if seed == 0 { [b'9'; 8] } else { bytes };
            let (values, bad) = digits(load(&bytes, 0));
            assert_eq!(bad, 0);
            let plain: u32 = (0..8)
                .map(|i| u32::from(weights[i]) * u32::from(bytes[i] - b'0'))
                .sum();
            assert_eq!(w.sum(values), plain, "{bytes:?}");
        }
        assert_eq!(
            with_byte(load(b"T0345246", 0), 0, b'0'),
            load(b"00345246", 0)
        );
    }
}
