#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod dpid;
mod grid;
mod hyphenated;
mod lint;

pub use crate::dpid::Dpid;
pub use crate::grid::Grid;
pub use crate::hyphenated::Hyphenated;
pub use crate::lint::Warning;
/// The crate's error: the shared vocabulary of `ident-core` (format errors with their
/// position, and [`ParseError::CheckCharacters`](ident_core::ParseError::CheckCharacters)
/// apart).
pub use ident_core::ParseError as Error;

use ident_core::iso7064::mod37_36;
use ident_core::layout::Layout;
use ident_core::{CheckChars, ParseError};

/// What a GRid and a DPID differ in: the fixed text they start with (`A1`, `PADPIDA`) and their
/// layout. The rest, 18 canonical characters under ISO 7064 MOD 37,36, is this one piece.
struct Scheme<const F: usize> {
    fixed: &'static [u8; F],
    /// The MOD 37,36 state after `fixed`, where every code's check starts.
    state: u8,
    layout: Layout,
}

impl<const F: usize> Scheme<F> {
    const fn new(fixed: &'static [u8; F], layout: Layout) -> Scheme<F> {
        match mod37_36::state_after(fixed) {
            Some(state) => Scheme {
                fixed,
                state,
                layout,
            },
            None => panic!("the fixed text is in the alphabet"),
        }
    }

    /// The code of the fixed text, `body` (its `17 − F` canonical characters, `0`–`9`,
    /// `A`–`Z`) and the check character; `None` for another body.
    const fn with_check(&self, body: &[u8]) -> Option<[u8; 18]> {
        if body.len() != 17 - F {
            return None;
        }
        let mut bytes = [0u8; 18];
        let mut i = 0;
        while i < 17 {
            bytes[i] = if i < F { self.fixed[i] } else { body[i - F] };
            i += 1;
        }
        match mod37_36::check_char(bytes.split_at(17).0) {
            Some(check) => {
                bytes[17] = check;
                Some(bytes)
            }
            None => None,
        }
    }

    /// The strict parse: exactly 18 canonical bytes, the fixed text first, the check right.
    #[inline(always)]
    fn parse_strict(&self, input: &[u8]) -> Result<[u8; 18], ParseError> {
        if let Ok(bytes) = <&[u8; 18]>::try_from(input)
            && let Some((head, rest)) = bytes.split_first_chunk::<F>()
            && head == self.fixed
            && mod37_36::is_valid_from(self.state, rest)
        {
            return Ok(*bytes);
        }
        Err(self.strict_error(input))
    }

    /// Why [`parse_strict`](Self::parse_strict) refused `input`; out of line so the fast path
    /// stays small.
    #[cold]
    #[inline(never)]
    fn strict_error(&self, input: &[u8]) -> ParseError {
        if !self.layout.is_canonical(input) {
            return self.layout.strict_error(input);
        }
        let expected = mod37_36::check_char(&input[..17]).unwrap_or(b'?');
        ParseError::CheckCharacters {
            expected: CheckChars::one(expected),
            found: CheckChars::one(input[17]),
        }
    }
}

/// The accessors both code types share, on their 18 canonical bytes.
macro_rules! canonical_bytes {
    ($ty:ident, $example:literal) => {
        impl $ty {
            #[doc = concat!("The canonical form as text, `", $example, "`.")]
            #[must_use]
            pub const fn as_str(&self) -> &str {
                ident_core::clean::ascii_str(&self.0)
            }

            /// The 18 canonical bytes.
            #[must_use]
            pub const fn to_bytes(self) -> [u8; 18] {
                self.0
            }

            /// The check character.
            #[must_use]
            pub const fn check_char(self) -> char {
                self.0[17] as char
            }
        }
    };
}
use canonical_bytes;
