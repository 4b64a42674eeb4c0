#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod chars;
pub mod clean;
mod code;
mod error;
pub mod gs1;
#[cfg(feature = "testing")]
pub mod laws;

pub use chars::CharClass;
pub use code::Code;
pub use error::ParseError;
