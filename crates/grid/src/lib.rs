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

/// The 18 canonical bytes of a code of this crate, when they start with `fixed` and the rest
/// passes MOD 37,36 from `state` (the state after `fixed`).
#[inline(always)]
fn checked<const F: usize>(input: &[u8], fixed: &[u8; F], state: u8) -> Option<[u8; 18]> {
    let bytes = <&[u8; 18]>::try_from(input).ok()?;
    let (head, rest) = bytes.split_first_chunk::<F>()?;
    (head == fixed && mod37_36::is_valid_from(state, rest)).then_some(*bytes)
}

/// Why canonical-only input was refused; out of line so the fast path stays small.
#[cold]
#[inline(never)]
fn strict_error(layout: &Layout, input: &[u8]) -> ParseError {
    if !layout.is_canonical(input) {
        return layout.strict_error(input);
    }
    let expected = mod37_36::check_char(&input[..17]).unwrap_or(b'?');
    ParseError::CheckCharacters {
        expected: CheckChars::one(expected),
        found: CheckChars::one(input[17]),
    }
}
