//! The rule table: every rule id this crate reports, with its severity and what it checks.
//!
//! The lint warnings of the `isrc` and `upc` crates are reported under their own codes
//! (`isrc.unknown_prefix`, `upc.restricted_circulation`, …) beside these.

use crate::Severity;

/// A validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable id findings carry.
    pub id: &'static str,
    /// Its severity (missing codes become warnings in draft mode).
    pub severity: Severity,
    /// Whether [`Release::assign`](crate::Release::assign) refuses to run while it is found:
    /// the rules that leave the track order or the release's identity unsettled.
    pub blocks_assignment: bool,
    /// What it checks, and where the rule comes from.
    pub summary: &'static str,
}

macro_rules! rules {
    ($( $konst:ident = $id:literal, $sev:ident, $blocks:literal, $summary:literal; )*) => {
        $(
            #[doc = concat!("`", $id, "`: ", $summary)]
            pub const $konst: &str = $id;
        )*

        /// Every rule of this crate, in the order of the README's table.
        pub const RULES: &[Rule] = &[
            $( Rule { id: $id, severity: Severity::$sev, blocks_assignment: $blocks, summary: $summary }, )*
        ];
    };
}

rules! {
    MISSING_UPC = "release.missing_upc", Error, false,
        "the release has no UPC (a warning in draft mode; assign fills it)";
    EMPTY_RELEASE = "release.empty", Error, true,
        "the release has no tracks";
    EMPTY_TITLE = "release.empty_title", Error, true,
        "the release title is empty or only whitespace";
    EMPTY_ARTIST = "release.empty_artist", Error, true,
        "the release artist is empty or only whitespace";
    DISC_GAP = "release.disc_gap", Error, true,
        "discs do not run 1..m: a disc number is missing (DDEX RP 1.4 rule 1080-1)";
    MISSING_RELEASE_TYPE = "release.missing_release_type", Warning, false,
        "no release type (DDEX requires a ReleaseType; rule 1055-1)";
    MISSING_RELEASE_DATE = "release.missing_release_date", Warning, false,
        "no release date and no original release date (DDEX RP 2.1 rule 1027-1)";
    ORIGINAL_AFTER_RELEASE = "release.original_date_after_release", Warning, false,
        "the original release date is later than the release date";
    TYPE_MISMATCH = "release.type_mismatch", Warning, false,
        "the release type disagrees with the track count and playing time (DSP single/EP/album rules)";
    SINGLE_TITLE_MISMATCH = "release.single_title_mismatch", Warning, false,
        "a one-track release whose title differs from its track's (Spotify style guide)";
    TOO_MANY_TRACKS = "release.too_many_tracks", Warning, false,
        "more than 500 tracks (Apple's limit per album)";
    MISSING_ISRC = "track.missing_isrc", Error, false,
        "the track has no ISRC (DDEX RP 2.1 rule 1058-1; a warning in draft mode)";
    EMPTY_TRACK_TITLE = "track.empty_title", Error, true,
        "the track title is empty or only whitespace";
    EMPTY_TRACK_ARTIST = "track.empty_artist", Error, false,
        "the track artist is given but empty (leave it out to use the release's)";
    INVALID_POSITION = "track.invalid_position", Error, true,
        "disc or track number 0 (both count from 1)";
    DUPLICATE_NUMBER = "track.duplicate_number", Error, true,
        "two tracks share a number on one disc (DDEX RP 2.1 rule 1021-1)";
    NUMBER_GAP = "track.number_gap", Error, true,
        "track numbers on a disc do not run 1..n (DDEX RP 1.4 rule 1125-1)";
    MISSING_DURATION = "track.missing_duration", Error, false,
        "the track has no duration (DDEX requires Duration)";
    ZERO_DURATION = "track.zero_duration", Error, false,
        "the track's duration is zero";
    IMPLAUSIBLE_DURATION = "track.implausible_duration", Warning, false,
        "the duration is below the minimum or above the maximum of the validation options";
    DUPLICATE_ISRC = "track.duplicate_isrc", Warning, false,
        "the same ISRC twice in one release (legitimate only for e.g. lossy and lossless editions; DDEX KB)";
    ISRC_AFTER_RELEASE = "track.isrc_after_release", Warning, false,
        "the ISRC's year of reference is later than the release date's year";
    DUPLICATE_UPC = "catalog.duplicate_upc", Error, false,
        "two releases share a UPC, compared as GTIN-14 (a UPC-A and its EAN-13 are one product)";
    ISRC_CONFLICT = "catalog.isrc_conflict", Error, false,
        "one ISRC on several releases for different recordings (title, version, artist, or duration beyond 10 s)";
}

/// The rule with id `id`, if it is one of this crate's.
#[must_use]
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
