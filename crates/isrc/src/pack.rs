//! The packed representation, one `u64` per code whose order is the order of the text.
//!
//! From the most significant bit: a marker bit (so the value is never zero and `Option<Isrc>`
//! stays 8 bytes), the agency letters (5 bits each, `A` = 0), the registrant characters (6 bits
//! each, `0`–`9` = 0–9 and `A`–`Z` = 10–35, as in ASCII), and the seven digits of year and
//! designation as packed decimal (4 bits each). Every field is big-endian and its values keep
//! their characters' order, so comparing the numbers compares the canonical strings. Packing
//! and unpacking are shifts and masks: no division on the hot paths.

/// Always set, so that no code packs to zero.
const MARKER: u64 = 1 << 56;

/// Where the prefix bits start.
const PREFIX_SHIFT: u32 = 28;

/// The 28 bits of the prefix, and of the seven packed digits.
const LOW_28: u64 = 0x0FFF_FFFF;

/// Set in a table entry whose byte is not a canonical character of its position; prefix bits
/// never reach it (they take 28 bits).
const INVALID: u32 = 1 << 31;

/// For one prefix position, each byte's value already shifted into its place in the prefix
/// bits (letters `A` = 0 … `Z` = 25; registrant characters `0` = 0 … `9` = 9, `A` = 10 …
/// `Z` = 35, as in ASCII), or [`INVALID`]. One table per position turns the prefix into five
/// loads and four ORs.
const fn position_table(alphanumeric: bool, shift: u32) -> [u32; 256] {
    let mut table = [INVALID; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            let value = if alphanumeric {
                c - b'A' + 10
            } else {
                c - b'A'
            };
            table[b] = (value as u32) << shift;
        } else if alphanumeric && c.is_ascii_digit() {
            table[b] = ((c - b'0') as u32) << shift;
        }
        b += 1;
    }
    table
}

/// The prefix tables: agency letters at bits 23 and 18 (5 bits each), registrant characters
/// at bits 12, 6 and 0 (6 bits each).
const PREFIX_TABLES: [[u32; 256]; 5] = [
    position_table(false, 23),
    position_table(false, 18),
    position_table(true, 12),
    position_table(true, 6),
    position_table(true, 0),
];

/// The prefix bits of 5 canonical bytes, or `None`.
#[inline]
pub(crate) const fn prefix_bits(bytes: &[u8; 5]) -> Option<u32> {
    let bits = PREFIX_TABLES[0][bytes[0] as usize]
        | PREFIX_TABLES[1][bytes[1] as usize]
        | PREFIX_TABLES[2][bytes[2] as usize]
        | PREFIX_TABLES[3][bytes[3] as usize]
        | PREFIX_TABLES[4][bytes[4] as usize];
    if bits & INVALID != 0 {
        return None;
    }
    Some(bits)
}

/// The 5 canonical bytes of prefix bits.
#[inline]
pub(crate) const fn prefix_bytes(bits: u32) -> [u8; 5] {
    [
        b'A' + ((bits >> 23) & 31) as u8,
        b'A' + ((bits >> 18) & 31) as u8,
        alnum_char(((bits >> 12) & 63) as u8),
        alnum_char(((bits >> 6) & 63) as u8),
        alnum_char((bits & 63) as u8),
    ]
}

/// The canonical character of each registrant value: a table, because a branch on the value
/// would be mispredicted half the time.
const ALNUM_CHARS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ????????????????????????????";

#[inline]
const fn alnum_char(value: u8) -> u8 {
    ALNUM_CHARS[(value & 63) as usize]
}

/// The packed code of 12 canonical bytes, or `None` when they are not canonical.
///
/// The five prefix bytes are checked and placed by table; the seven digits at once as one word (SWAR)
/// and squeezed into packed decimal with three shift-or-mask steps.
#[inline]
pub(crate) const fn decode(bytes: &[u8; 12]) -> Option<u64> {
    let Some(prefix) = prefix_bits(&[bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]]) else {
        return None;
    };
    // Bytes 4..12 big-endian; byte 4 (the registrant's last) becomes '0', so the word holds
    // eight digit bytes whose first is a zero.
    let [_, _, _, _, tail @ ..] = *bytes;
    let word = (u64::from_be_bytes(tail) & 0x00FF_FFFF_FFFF_FFFF) | 0x3000_0000_0000_0000;
    // XOR with '0' maps the digits to 0–9 and every other byte to 10 or more or to a byte with
    // its top bit set; adding 0x76 carries a byte of 10 or more into its top bit.
    let n = word ^ 0x3030_3030_3030_3030;
    if (n.wrapping_add(0x7676_7676_7676_7676) | n) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let n = (n | (n >> 4)) & 0x00FF_00FF_00FF_00FF;
    let n = (n | (n >> 8)) & 0x0000_FFFF_0000_FFFF;
    let digits = (n | (n >> 16)) & 0xFFFF_FFFF;
    Some(MARKER | (prefix as u64) << PREFIX_SHIFT | digits)
}

/// The 12 canonical bytes of a packed code.
#[inline]
pub(crate) const fn encode(packed: u64) -> [u8; 12] {
    let n = packed & LOW_28;
    let n = (n | (n << 16)) & 0x0000_FFFF_0000_FFFF;
    let n = (n | (n << 8)) & 0x00FF_00FF_00FF_00FF;
    let n = (n | (n << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    // One 8-byte store for the digits (its first byte is overwritten by the registrant's last),
    // then the five prefix characters.
    let mut out = [0u8; 12];
    out.split_at_mut(4)
        .1
        .copy_from_slice(&(n | 0x3030_3030_3030_3030).to_be_bytes());
    out.split_at_mut(5)
        .0
        .copy_from_slice(&prefix_bytes(prefix_of(packed)));
    out
}

/// The prefix bits of a packed code.
#[inline]
pub(crate) const fn prefix_of(packed: u64) -> u32 {
    ((packed >> PREFIX_SHIFT) & LOW_28) as u32
}

/// The year of reference (0–99) of a packed code.
#[inline]
pub(crate) const fn year_of(packed: u64) -> u8 {
    (((packed >> 24) & 0xF) * 10 + ((packed >> 20) & 0xF)) as u8
}

/// The designation (0–99999) of a packed code.
#[inline]
pub(crate) const fn designation_of(packed: u64) -> u32 {
    let mut value = 0;
    let mut shift = 20;
    while shift > 0 {
        shift -= 4;
        value = value * 10 + ((packed >> shift) & 0xF) as u32;
    }
    value
}

/// The packed code of checked parts: `year` at most 99, `designation` at most 99999.
pub(crate) const fn pack(prefix: u32, year: u8, designation: u32) -> u64 {
    let mut digits = 0u64;
    let mut rest = year as u64 * 100_000 + designation as u64;
    let mut shift = 0;
    while shift < 28 {
        digits |= (rest % 10) << shift;
        rest /= 10;
        shift += 4;
    }
    MARKER | (prefix as u64) << PREFIX_SHIFT | digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_extremes() {
        for text in [
            b"AA0000000000",
            b"ZZZZZ9999999",
            b"QZAQQ2600001",
            b"AZ9A09080706",
        ] {
            let packed = decode(text).unwrap();
            assert_eq!(&encode(packed), text);
            assert_ne!(packed, 0);
        }
        let packed = decode(b"QZAQQ2612345").unwrap();
        assert_eq!((year_of(packed), designation_of(packed)), (26, 12345));
        assert_eq!(pack(prefix_of(packed), 26, 12345), packed);
        assert_eq!(&prefix_bytes(prefix_of(packed)), b"QZAQQ");
    }

    #[test]
    fn refuses_every_non_canonical_byte() {
        let base = *b"QZAQQ2600001";
        for i in 0..12 {
            for b in 0..=255u8 {
                let mut bytes = base;
                bytes[i] = b;
                let allowed = match i {
                    0 | 1 => b.is_ascii_uppercase(),
                    2..=4 => b.is_ascii_uppercase() || b.is_ascii_digit(),
                    _ => b.is_ascii_digit(),
                };
                assert_eq!(decode(&bytes).is_some(), allowed, "byte {b} at {i}");
            }
        }
    }
}
