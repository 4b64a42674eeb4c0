//! The ERN 3 family (3.7 … 3.8.3): the `NewReleaseMessage` read, and written as 3.8.2.

pub(crate) mod export;
pub(crate) mod read;
