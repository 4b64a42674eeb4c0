#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod alloc;
mod error;
mod fixed;
mod fmt;
mod isrc;
mod lint;
mod pack;
mod parse;
mod prefix;
pub mod prefixes;
#[cfg(feature = "serde")]
mod serde;

pub use crate::alloc::{Allocator, IsrcRange, IsrcRangeIter};
pub use crate::error::Error;
pub use crate::fixed::FixedStr;
pub use crate::fmt::{Hyphenated, Labelled};
pub use crate::isrc::Isrc;
pub use crate::lint::{ISO_3901_YEAR, Lints, LintsIter, Warning};
pub use crate::prefix::Prefix;
pub use crate::prefixes::PrefixStatus;
pub use ident_core::ParseError;
