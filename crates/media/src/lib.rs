#![doc = include_str!("../README.md")]

mod artwork;
pub mod atomic;
mod audio;
mod decode;
mod digest;
mod error;
pub mod fingerprint;
pub mod parallel;
pub mod qc;
mod sample_hash;
#[cfg(feature = "synth")]
pub mod synth;
mod tags;

pub use artwork::{
    ArtworkInfo, ArtworkPolicy, ArtworkProblem, Colour, ImageFormat, inspect_artwork,
};
pub use audio::{
    AudioInfo, Codec, Container, Damage, DamageKind, Integrity, Seconds, frames_to_duration,
};
pub use decode::{Block, decode, inspect};
pub use digest::{Digests, Hex};
pub use error::Error;
pub use qc::{MediaCheck, QcOptions, ReleaseMedia, ReleaseMediaInfo, TrackMedia, check_media};
pub use tags::{
    EmbeddedTags, TagOutcome, TagUpdate, check_tags, read_tags, write_tags, write_tags_to,
};
