#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod isni;
mod lint;

pub use crate::isni::{Grouped, Hyphenated, Isni};
pub use crate::lint::Warning;
/// The crate's error: the shared vocabulary of `ident-core` (format errors with their
/// position, and [`ParseError::CheckCharacters`](ident_core::ParseError::CheckCharacters)
/// apart).
pub use ident_core::ParseError as Error;
