//! The CSV release format: one row per track, the release columns repeated on every row.
//!
//! Columns, in the order written (the first thirteen are the fixed interchange set, the rest
//! carry the optional fields so that a JSON → CSV → JSON round trip is lossless):
//!
//! `upc, release_title, release_artist, label, release_type, release_date, disc, track, isrc,
//! track_title, track_artist, duration, explicit, release_version, catalog_number,
//! original_release_date, genre, p_line, c_line, release_explicit, track_version, cover, file`
//! (`cover` and `file`: the cover image's and the track's audio file's paths, relative to the
//! release file), then the credit columns, written only when a release has credits:
//!
//! `grid, release_credits, release_main_artists, release_featured_artists, release_producers,
//! track_credits, track_main_artists, track_featured_artists, track_composers,
//! track_lyricists, track_composer_lyricists, track_arrangers, track_producers,
//! track_remixers, iswc, work_title, work_writers`
//!
//! A credit cell holds several credits separated by `;`, each a name, optionally its roles in
//! parentheses and its identifiers in brackets:
//! `Jane Roe (Composer, Lyricist) [ISNI 0000 0001 2103 2683; IPI 00017798450]; One Yen`. A
//! per-role column (`track_composers`) gives its role to every credit in it (roles in
//! parentheses add more); a name in several per-role columns is one credit with those roles.
//! `release_credits`, `track_credits` and `work_writers` take any role. A backslash escapes
//! the next character (`AC\;DC`). The writer puts each list in the per-role columns when they
//! carry it exactly, else in the general column with the roles spelt out: either way the file
//! reads back to the same credits.
//!
//! Reading is tolerant where spreadsheets are careless and strict elsewhere:
//!
//! - header names are case-insensitive, spaces and hyphens count as underscores, a UTF-8 BOM
//!   is ignored, and a few common aliases are understood (`ean`, `barcode`, `disc_number`,
//!   `track_number`, `catalogue_number`, …); unknown columns are ignored with a warning;
//!   `release_title`, `release_artist`, `track` and `track_title` are required;
//! - rows are grouped into releases by UPC, or by release title and artist for drafts without
//!   one; the groups need not be contiguous; release columns may be left empty on all but one
//!   row of a release, and a value that contradicts an earlier row is an error on that row;
//! - a UPC whose leading zeros a spreadsheet dropped (fewer than 12 digits, not 8) is restored
//!   with a warning when the zero-padded code's check digit proves it;
//! - durations are read as ISO 8601, `m:ss`, `h:mm:ss` or whole seconds;
//! - a row whose track columns are all empty describes a release without tracks.
//!
//! A bad row is reported with its line, column number and column name, and the rest of the
//! file is still read.

mod columns;
mod credits;
mod read;
mod write;

/// The line counter the reader uses, now [`ident_core::lines::LineTracking`]; kept here so that
/// callers of `release_model::csv::LineTracking` keep building.
pub use ident_core::lines::LineTracking;
pub use read::{from_str, read};
pub use write::{to_string, write};
