//! The ERN 4 family (4.1 … 4.3.x): the `NewReleaseMessage` read, and written as 4.3.

pub(crate) mod export;
pub(crate) mod read;
pub(crate) mod release;
