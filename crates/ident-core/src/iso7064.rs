//! The ISO 7064 check systems music identifiers use, as `const fn`s: computing and verifying
//! go through one function each.
//!
//! - [`mod11_2`]: ISO 7064 MOD 11-2, a pure system over digits with one check character
//!   `0`–`9` or `X` (ISNI, ISO 27729; ORCID iDs are ISNI-format numbers).
//! - [`mod37_36`]: ISO 7064 MOD 37,36, a hybrid system over `0`–`9` and `A`–`Z` with one
//!   alphanumeric check character (GRid; DDEX Party IDs).

/// ISO 7064 MOD 11-2 (ISNI, ORCID).
///
/// The standard's recursion is `p = ((p + d) × 2) mod 11` from `p = 0` over the data digits,
/// then check value `(12 − p) mod 11`, 10 written as `X`. Unrolled, `p` is `Σ dᵢ·2ⁿ⁻ⁱ mod 11`
/// (ORCID's worksheet computes it that way), so the digits are weighed independently and
/// reduced once: no chain of dependent divisions on the fast path.
pub mod mod11_2 {
    /// `2^k mod 11` for `k` in `0..10`; 2 has order 10 modulo 11, so the powers repeat.
    const POW2_MOD11: [u64; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];

    /// The check value (0–10) of `body`, ASCII digits without the check character, or `None`
    /// when a byte is not an ASCII digit.
    ///
    /// ```
    /// use ident_core::iso7064::mod11_2;
    /// assert_eq!(mod11_2::check_value(b"000000012103268"), Some(3));
    /// assert_eq!(mod11_2::check_value(b"000000012281955"), Some(10));
    /// ```
    #[inline]
    #[must_use]
    pub const fn check_value(body: &[u8]) -> Option<u8> {
        let n = body.len();
        let mut sum: u64 = 0;
        let mut i = 0;
        while i < n {
            let d = body[i].wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            sum += d as u64 * POW2_MOD11[(n - i) % 10];
            i += 1;
        }
        Some(((12 - sum % 11) % 11) as u8)
    }

    /// The check character (`0`–`9` or `X`) of `body`, or `None` as for [`check_value`].
    ///
    /// ```
    /// use ident_core::iso7064::mod11_2;
    /// assert_eq!(mod11_2::check_char(b"000000012281955"), Some(b'X'));
    /// ```
    #[inline]
    #[must_use]
    pub const fn check_char(body: &[u8]) -> Option<u8> {
        match check_value(body) {
            Some(10) => Some(b'X'),
            Some(v) => Some(b'0' + v),
            None => None,
        }
    }

    /// Whether the 16 characters of an ISNI or ORCID iD (15 ASCII digits, then the check
    /// character, `X` in capitals) are valid: [`is_valid`] word at a time, with no branch on the
    /// data. The weights `2ⁿ⁻ⁱ mod 11` go into one weighted sum per word, reduced once.
    ///
    /// ```
    /// use ident_core::iso7064::mod11_2;
    /// assert!(mod11_2::is_valid_16(b"000000012281955X"));
    /// assert!(!mod11_2::is_valid_16(b"000000011111955X"));
    /// ```
    #[inline(always)]
    #[must_use]
    pub const fn is_valid_16(code: &[u8; 16]) -> bool {
        use crate::swar::{self, Weights};
        /// The weights `2⁷ … 2⁰ mod 11` of a byte in either word: the first word's digits
        /// weigh `2⁸` (3 mod 11) times as much, so they are added in three times, and the
        /// check character, last byte of the second word, is read as 0.
        const WEIGHTS: Weights = {
            let mut w = [0u16; 8];
            let mut i = 0;
            while i < 8 {
                w[i] = POW2_MOD11[7 - i] as u16;
                i += 1;
            }
            Weights::new(w)
        };
        /// The check character of each weighted sum from its remainder `p`: `(12 − p) mod 11`, 10 written `X`. A load, not a division.
        const CHECK_OF_SUM: [u8; 2048] = {
            let mut table = [0u8; 2048];
            let mut sum = 0;
            while sum < 2048 {
                let v = (12 - sum % 11) % 11;
                table[sum] = if v == 10 { b'X' } else { b'0' + v as u8 };
                sum += 1;
            }
            table
        };
        let (first, bad_first) = swar::digits(swar::load(code, 0));
        // The check character (a digit or `X`) is compared, not summed: read it as `0`.
        let (last, bad_last) = swar::digits(swar::with_byte(swar::load(code, 8), 7, b'0'));
        // Each byte at most 3 × 9 + 9 = 36: no carry between bytes; the sum at most
        // 36 × 46 = 1,656.
        let sum = WEIGHTS.sum(first.wrapping_mul(3).wrapping_add(last));
        ((bad_first | bad_last) == 0) & (code[15] == CHECK_OF_SUM[sum as usize & 2047])
    }

    /// Whether `code` (ASCII digits, check character last, `X` in capitals) is valid.
    ///
    /// ```
    /// use ident_core::iso7064::mod11_2;
    /// assert!(mod11_2::is_valid(b"0000000121032683"));
    /// assert!(!mod11_2::is_valid(b"000000011111955X"));
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_valid(code: &[u8]) -> bool {
        let Some((last, body)) = code.split_last() else {
            return false;
        };
        match check_char(body) {
            Some(expected) => *last == expected,
            None => false,
        }
    }
}

/// ISO 7064 MOD 37,36 (GRid, DDEX Party ID).
///
/// Characters have the values `0`–`9` → 0–9 and `A`–`Z` → 10–35. From `p = 36`, each
/// character `v` gives `t = (p + v) mod 36` (0 read as 36) and then `p = 2t mod 37`; the check
/// value is `(1 − p) mod 36`. A whole code is valid when its last step ends at `p = 2`
/// (`t = 1`).
///
/// Each step is a permutation of the 36 states, so [`is_valid`] runs the first half forwards
/// and the second half backwards from the end state at the same time and compares the two in
/// the middle: half the dependent steps of the plain recursion, both by table lookup.
pub mod mod37_36 {
    /// The number of states (`p` runs over 1–36; index 0 is unused).
    const STATES: usize = 37;

    /// The value (0–35) of a canonical character, or `None`.
    #[inline]
    #[must_use]
    pub const fn value(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'A'..=b'Z' => Some(c - b'A' + 10),
            _ => None,
        }
    }

    /// The character of a value 0–35.
    const fn character(v: u8) -> u8 {
        if v < 10 { b'0' + v } else { b'A' + v - 10 }
    }

    /// The character's value plus one, 0 for a byte outside the alphabet: one lookup instead
    /// of two comparisons on the fast path.
    const VALUE_PLUS_ONE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            if let Some(v) = value(b as u8) {
                table[b] = v + 1;
            }
            b += 1;
        }
        table
    };

    /// The state after character value `v` from state `p`: `FORWARD[p * 36 + v]`.
    const FORWARD: [u8; STATES * 36] = {
        let mut table = [0u8; STATES * 36];
        let mut p = 0;
        while p < STATES {
            let mut v = 0;
            while v < 36 {
                let mut t = (p + v) % 36;
                if t == 0 {
                    t = 36;
                }
                table[p * 36 + v] = (2 * t % 37) as u8;
                v += 1;
            }
            p += 1;
        }
        table
    };

    /// The state before character value `v` led to state `q`: `BACKWARD[q * 36 + v]`
    /// (19 is the inverse of 2 modulo 37).
    const BACKWARD: [u8; STATES * 36] = {
        let mut table = [0u8; STATES * 36];
        let mut q = 1;
        while q < STATES {
            let t = q * 19 % 37;
            let mut v = 0;
            while v < 36 {
                let mut p = (t + 36 - v) % 36;
                if p == 0 {
                    p = 36;
                }
                table[q * 36 + v] = p as u8;
                v += 1;
            }
            q += 1;
        }
        table
    };

    /// The state a valid code ends in (`t = 1`).
    const VALID_END: u8 = 2;

    /// The state after `body` from state `p`, or `None` when a byte is not in the alphabet.
    #[inline]
    const fn run(mut p: u8, body: &[u8]) -> Option<u8> {
        let mut i = 0;
        while i < body.len() {
            let v = VALUE_PLUS_ONE[body[i] as usize];
            if v == 0 {
                return None;
            }
            p = FORWARD[p as usize * 36 + (v - 1) as usize];
            i += 1;
        }
        Some(p)
    }

    /// The state after `prefix` (canonical characters) from the start: a constant for codes
    /// that begin with fixed text (`PADPIDA`, `A1`), to start [`check_value_from`] there.
    /// `None` when a byte is not in the alphabet.
    #[inline]
    #[must_use]
    pub const fn state_after(prefix: &[u8]) -> Option<u8> {
        run(36, prefix)
    }

    /// The check value (0–35) of `body`, canonical characters without the check character,
    /// or `None` when a byte is not `0`–`9` or `A`–`Z`.
    ///
    /// ```
    /// use ident_core::iso7064::mod37_36;
    /// assert_eq!(mod37_36::check_char(b"A12425GABC1234002"), Some(b'M'));
    /// assert_eq!(mod37_36::check_value(b"A12425GABC1234002"), Some(22));
    /// ```
    #[inline]
    #[must_use]
    pub const fn check_value(body: &[u8]) -> Option<u8> {
        check_value_from(36, body)
    }

    /// [`check_value`] of a body whose first characters were already run: `state` is what
    /// [`state_after`] gave for them and `rest` the remaining characters.
    #[inline]
    #[must_use]
    pub const fn check_value_from(state: u8, rest: &[u8]) -> Option<u8> {
        if state == 0 || state as usize >= STATES {
            return None;
        }
        match run(state, rest) {
            Some(p) => Some((37 - p) % 36),
            None => None,
        }
    }

    /// The check character (`0`–`9`, `A`–`Z`) of `body`, or `None` as for [`check_value`].
    #[inline]
    #[must_use]
    pub const fn check_char(body: &[u8]) -> Option<u8> {
        match check_value(body) {
            Some(v) => Some(character(v)),
            None => None,
        }
    }

    /// Whether `code` (canonical characters, check character last) is valid.
    ///
    /// ```
    /// use ident_core::iso7064::mod37_36;
    /// assert!(mod37_36::is_valid(b"A12425GABC1234002M"));
    /// assert!(!mod37_36::is_valid(b"A12425GABC1234002Q"));
    /// assert!(mod37_36::is_valid(b"PADPIDA2013042401U"));
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_valid(code: &[u8]) -> bool {
        is_valid_from(36, code)
    }

    /// A step over raw input bytes: `table[(state << 8) + byte]` is the next state shifted left
    /// by 8, ready for the next lookup, and 0 (a sink no step leaves) for a byte outside the
    /// alphabet. No separate check of the characters, no multiplication on the chain.
    const fn ascii_steps(by_value: &[u8; STATES * 36]) -> [u16; STEPS] {
        let mut table = [0u16; STEPS];
        let mut p = 1;
        while p < STATES {
            let mut b = 0;
            while b < 256 {
                if let Some(v) = value(b as u8) {
                    table[p << 8 | b] = (by_value[p * 36 + v as usize] as u16) << 8;
                }
                b += 1;
            }
            p += 1;
        }
        table
    }

    /// The size of a table over raw bytes: room for any 16-bit state plus any byte (37 rows
    /// of 256 used, about 7 KiB of them touched), so that no index needs a check or a mask,
    /// and the state is the only part of an address a step waits for.
    const STEPS: usize = (1 << 16) + 256;

    /// [`FORWARD`] over raw bytes (see [`ascii_steps`]).
    static FORWARD_ASCII: [u16; STEPS] = ascii_steps(&FORWARD);
    /// [`BACKWARD`] over raw bytes.
    static BACKWARD_ASCII: [u16; STEPS] = ascii_steps(&BACKWARD);

    /// [`is_valid`] of a code whose first characters were already run (see [`state_after`]):
    /// `rest` is the remaining characters, check character last.
    ///
    /// Two independent chains of lookups, the first half of `rest` forwards from `state` and
    /// the second half backwards from the end state of a valid code, meet in the middle: half
    /// the dependent steps of the plain recursion. A byte outside the alphabet sends its chain
    /// to the sink, which the other chain never reaches.
    #[inline(always)]
    #[must_use]
    pub const fn is_valid_from(state: u8, rest: &[u8]) -> bool {
        if rest.is_empty() || state == 0 || state as usize >= STATES {
            return false;
        }
        let mid = rest.len() / 2;
        let mut forward = (state as u16) << 8;
        let mut i = 0;
        while i < mid {
            // The row of the byte first, off the chain: the step waits only for the load.
            forward = FORWARD_ASCII.split_at(rest[i] as usize).1[forward as usize];
            i += 1;
        }
        let mut backward = (VALID_END as u16) << 8;
        let mut j = rest.len();
        while j > mid {
            j -= 1;
            backward = BACKWARD_ASCII.split_at(rest[j] as usize).1[backward as usize];
        }
        (forward == backward) & (forward != 0)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The standard's recursion, written as it reads.
        fn plain_check(body: &[u8]) -> u8 {
            let mut p = 36u32;
            for &c in body {
                let mut t = (p + u32::from(value(c).unwrap())) % 36;
                if t == 0 {
                    t = 36;
                }
                p = 2 * t % 37;
            }
            ((37 - p) % 36) as u8
        }

        #[test]
        fn tables_agree_with_the_recursion() {
            let samples: [&[u8]; 4] = [
                b"A12425GABC1234002",
                b"PADPIDA2013042401",
                b"ZZZZZZZZZZZZZZZZZ",
                b"0",
            ];
            for body in samples {
                let c = plain_check(body);
                assert_eq!(check_value(body), Some(c));
                let mut code = body.to_vec();
                code.push(character(c));
                assert!(is_valid(&code));
                for other in (0..36).filter(|&o| o != c) {
                    *code.last_mut().unwrap() = character(other);
                    assert!(!is_valid(&code), "{code:?}");
                }
            }
        }

        /// Every byte at every place of valid codes of several lengths: the two chains over
        /// raw bytes accept exactly what the recursion accepts.
        #[test]
        fn raw_byte_chains_agree_with_the_recursion() {
            for body in [&b"A12425GABC1234002"[..], b"PADPIDA2013042401", b"Z9", b"0"] {
                let mut code = body.to_vec();
                code.push(character(plain_check(body)));
                for at in 0..code.len() {
                    for b in 0..=255u8 {
                        let mut other = code.clone();
                        other[at] = b;
                        let (last, body) = other.split_last().unwrap();
                        let plain = other.iter().all(|&c| value(c).is_some())
                            && character(plain_check(body)) == *last;
                        assert_eq!(is_valid(&other), plain, "{other:?}");
                    }
                }
            }
        }

        #[test]
        fn every_step_is_a_permutation_undone_backwards() {
            for p in 1..STATES {
                for v in 0..36 {
                    let q = FORWARD[p * 36 + v] as usize;
                    assert!((1..STATES).contains(&q));
                    assert_eq!(BACKWARD[q * 36 + v] as usize, p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published examples of `../shared/reference/identifiers.md` §2, §4 and §5, valid
    /// and invalid as recorded there.
    #[test]
    fn published_examples() {
        for isni in [
            &b"0000000121032683"[..],
            b"000000012281955X",
            b"0000000114819103",
            b"0000000314159269",
            b"000000021694233X",
            b"0000000218250097",
        ] {
            assert!(mod11_2::is_valid(isni), "{isni:?}");
        }
        assert!(!mod11_2::is_valid(b"000000011111955X"));
        assert_eq!(mod11_2::check_char(b"000000011111955"), Some(b'8'));
        assert!(!mod11_2::is_valid(b"000000012281955x"), "X is a capital");

        for code in [
            &b"A12425GABC1234002M"[..],
            b"A10302B0003989564F",
            b"PADPIDA2013042401U",
            b"PADPIDA2009101501Y",
            b"PADPIDA2015120100H",
            b"PADPIDA2011072101T",
            b"PADPIDA2014122301Q",
            b"PADPIDA3897722461G",
        ] {
            assert!(mod37_36::is_valid(code), "{code:?}");
        }
        for (code, right) in [
            (&b"A12425GABC1234002Q"[..], b'M'),
            (b"A1UCASE0000000001X", b'B'),
            (b"PADPIDA2014120301T", b'L'),
            (b"PADPIDA2007061302U", b'S'),
        ] {
            assert!(!mod37_36::is_valid(code), "{code:?}");
            assert_eq!(mod37_36::check_char(&code[..17]), Some(right));
        }
    }

    /// The word-at-a-time ISNI check accepts exactly what the plain one accepts: many codes,
    /// and every byte at every place of some of them.
    #[test]
    fn sixteen_at_once_agrees_with_the_plain_check() {
        for seed in 0..20_000u64 {
            let number = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) % 1_000_000_000_000_000;
            let mut code = [0u8; 16];
            for (i, byte) in code[..15].iter_mut().enumerate() {
                *byte = b'0' + (number / 10u64.pow(14 - i as u32) % 10) as u8;
            }
            code[15] = mod11_2::check_char(&code[..15]).unwrap();
            assert!(mod11_2::is_valid_16(&code), "{code:?}");
            let places = if seed < 40 { 0..16 } else { 15..16 };
            for at in places {
                for b in 0..=255u8 {
                    let mut other = code;
                    other[at] = b;
                    assert_eq!(
                        mod11_2::is_valid_16(&other),
                        mod11_2::is_valid(&other),
                        "{other:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_started_run_agrees_with_a_whole_one() {
        let state = mod37_36::state_after(b"PADPIDA").unwrap();
        assert!(mod37_36::is_valid_from(state, b"2013042401U"));
        assert_eq!(
            mod37_36::check_value_from(state, b"2013042401"),
            mod37_36::check_value(b"PADPIDA2013042401")
        );
        assert!(!mod37_36::is_valid_from(state, b"2013042401u"));
        assert!(!mod37_36::is_valid(b""));
        assert_eq!(mod11_2::check_value(b"12a"), None);
    }
}
