#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

mod chars;
pub mod cisac;
pub mod clean;
mod code;
mod error;
pub mod gs1;
pub mod iso7064;
#[cfg(feature = "testing")]
pub mod laws;
pub mod layout;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod lines;
pub mod padded;
#[cfg(feature = "serde")]
pub mod serde;
pub mod swar;

pub use chars::CharClass;
pub use code::{Code, CodeError};
pub use error::{CheckChars, ParseError};
