//! The ERN 4 family: the `NewReleaseMessage` of ERN 4.3 read and written.

pub(crate) mod export;
pub(crate) mod import;
