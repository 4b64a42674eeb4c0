//! [`Padded`]: the canonical bytes of a code whose length is not a word size, stored so that
//! they move as whole words.

use crate::swar;

/// The `N` canonical bytes of a code (9 to 16 ASCII bytes), stored in `S` bytes, 12 or 16, of
/// which the last `S − N` are zero: the field of a code type such as an ISWC (`Padded<11, 12>`)
/// or an ISMN (`Padded<13, 16>`).
///
/// Why not `[u8; N]`: an array of 11 or 13 bytes is copied with two overlapping moves (8 bytes
/// at offset 0 and 4 at offset 7, or 8 at 0 and 8 at 5). A parsed code is copied several times
/// on its way to the caller (into the `Result`, the `Option` of `.ok()`, the caller's
/// variable), and the second of two such copies reads bytes of both earlier stores in one
/// load, which the processor cannot forward from its store buffer: each of those loads waits
/// for the stores to reach the cache, some dozen cycles, several times a code. Twelve bytes
/// move as 8 + 4 and sixteen as one 16-byte move, never overlapping, and [`Padded::new`]
/// writes them as the same words (the code's first eight bytes, then the rest behind zeros),
/// so that the compiler keeps a parsed code in registers. Ordering, equality and hashing are
/// those of the `N` bytes (the padding is always zero).
///
/// ```
/// use ident_core::padded::Padded;
/// let code = Padded::<11, 12>::new(b"T0345246801");
/// assert_eq!(code.as_str(), "T0345246801");
/// assert_eq!(code.as_bytes(), b"T0345246801");
/// assert!(Padded::<11, 12>::new(b"T0345246801") < Padded::new(b"T0345246802"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Padded<const N: usize, const S: usize>([u8; S]);

impl<const N: usize, const S: usize> Padded<N, S> {
    /// `bytes`, padded with zeros to `S`, from two word loads (the first eight bytes, and the
    /// last eight shifted down past those).
    ///
    /// Fails to compile unless `8 < N ≤ S` and `S` is 12 or 16.
    #[inline(always)]
    #[must_use]
    pub const fn new(bytes: &[u8; N]) -> Padded<N, S> {
        const { assert!(8 < N && N <= S && (S == 12 || S == 16)) };
        let low = swar::load(bytes, 0);
        let high = swar::load(bytes, N - 8) >> (8 * (16 - N));
        let words = (low as u128 | (high as u128) << 64).to_le_bytes();
        match words.first_chunk::<S>() {
            Some(padded) => Padded(*padded),
            None => panic!("S is at most 16"),
        }
    }

    /// The `N` canonical bytes.
    #[inline]
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; N] {
        match self.0.first_chunk::<N>() {
            Some(bytes) => bytes,
            None => panic!("N is at most S"),
        }
    }

    /// The `N` canonical bytes, by value.
    #[inline]
    #[must_use]
    pub const fn to_bytes(self) -> [u8; N] {
        *self.as_bytes()
    }

    /// The canonical bytes as text (ASCII; the empty string for bytes that are not UTF-8,
    /// which a validated code never holds).
    #[inline]
    #[must_use]
    pub const fn as_str(&self) -> &str {
        crate::clean::ascii_str(self.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_bytes_and_pads_with_zeros() {
        let code = Padded::<11, 12>::new(b"I0016524937");
        assert_eq!(code.0, *b"I0016524937\0");
        assert_eq!(code.to_bytes(), *b"I0016524937");
        let code = Padded::<13, 16>::new(b"9790345246805");
        assert_eq!(code.0, *b"9790345246805\0\0\0");
        assert_eq!(code.as_str(), "9790345246805");
        let code = Padded::<16, 16>::new(b"0000000121032683");
        assert_eq!(code.0, *b"0000000121032683");
        let code = Padded::<9, 12>::new(b"123456789");
        assert_eq!(code.0, *b"123456789\0\0\0");
    }

    #[test]
    fn orders_as_the_bytes() {
        let codes = [
            b"00017798450",
            b"00017798451",
            b"10000000000",
            b"99999999999",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(
                    Padded::<11, 12>::new(a).cmp(&Padded::new(b)),
                    a.cmp(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
