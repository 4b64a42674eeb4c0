#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "svg")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod allocator;
mod code;
mod digits;
mod error;
mod fmt;
pub mod ismn;
mod kind;
mod lint;
mod parse;
mod prefix;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "svg")]
#[cfg_attr(docsrs, doc(cfg(feature = "svg")))]
pub mod svg;
mod swar;
mod upc_e;

pub use allocator::Allocator;
pub use code::Upc;
pub use error::Error;
pub use fmt::Grouped;
pub use ismn::Ismn;
pub use kind::Kind;
pub use lint::{Circulation, Lints, Warning};
pub use parse::check_digit;
pub use prefix::CompanyPrefix;
pub use upc_e::UpcE;
