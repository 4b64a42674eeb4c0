#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod iswc;

pub use crate::iswc::{Hyphenated, Iswc};
/// The crate's error: the shared vocabulary of `ident-core` (format errors with their
/// position, and [`ParseError::CheckDigit`](ident_core::ParseError::CheckDigit) apart).
pub use ident_core::ParseError as Error;
