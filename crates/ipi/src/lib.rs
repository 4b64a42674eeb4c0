#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod base;
mod name;

pub use crate::base::{BaseNumber, Hyphenated};
pub use crate::name::NameNumber;
/// The crate's error: the shared vocabulary of `ident-core` (format errors with their
/// position, check errors apart).
pub use ident_core::ParseError as Error;

/// `value` as `N` ASCII digits, or `None` when it has more.
const fn digits<const N: usize>(mut value: u64) -> Option<[u8; N]> {
    let mut bytes = [b'0'; N];
    let mut i = N;
    while i > 0 {
        i -= 1;
        bytes[i] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    if value == 0 { Some(bytes) } else { None }
}
