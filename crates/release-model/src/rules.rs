//! The rule tables: every rule a finding can carry, with its severity and what it checks.
//!
//! A [`Finding`](crate::Finding) holds a `&'static Rule`, and takes its severity from it: a
//! rule cannot be reported with a severity its table does not give it. Other crates (DDEX
//! profiles, media checks) declare their own tables of the same [`Rule`] type with
//! [`Rule::new`]; a tool lists them all beside [`RULES`] and [`LINTS`].

use std::fmt;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing wrong: a reader's note of what the model leaves out.
    Info,
    /// Worth a look; does not stop a delivery.
    Warning,
    /// The release must not be delivered like this.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule a finding can carry: its stable id, its severity, and what it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Rule {
    /// The stable id findings carry (`track.number_gap`), called `rule` in every output.
    pub id: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// Its severity in draft mode, where a missing code is a warning (assign fills it).
    pub draft_severity: Severity,
    /// Whether [`Release::assign`](crate::Release::assign) refuses to run while it is found:
    /// the rules that leave the track order or the release's identity unsettled.
    pub blocks_assignment: bool,
    /// What it checks, and where the rule comes from.
    pub summary: &'static str,
}

impl Rule {
    /// A rule of `severity` in every mode that does not block assignment: how other crates
    /// declare theirs.
    #[must_use]
    pub const fn new(id: &'static str, severity: Severity, summary: &'static str) -> Rule {
        Rule {
            id,
            severity,
            draft_severity: severity,
            blocks_assignment: false,
            summary,
        }
    }

    /// The severity in draft mode (`draft`) or strict mode.
    #[must_use]
    pub const fn severity_in(&self, draft: bool) -> Severity {
        if draft {
            self.draft_severity
        } else {
            self.severity
        }
    }
}

impl fmt::Display for Rule {
    /// The id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// Declares another crate's rule table in the form of this one: for each entry a `Rule`
/// constant made with [`Rule::new`] and its id in a module `ids`, then `RULES`, every rule in
/// order (the doc comments before `RULES;` are its), and `rule(id)`, the lookup.
///
/// ```
/// mod rules {
///     release_model::rule_table! {
///         /// Every rule of the example.
///         RULES;
///         LATE = "example.late", Warning, "the delivery came late";
///     }
/// }
/// assert_eq!(rules::RULES, &[rules::LATE]);
/// assert_eq!(rules::ids::LATE, "example.late");
/// assert_eq!(rules::rule("example.late"), Some(&rules::LATE));
/// ```
#[macro_export]
macro_rules! rule_table {
    ($(#[$doc:meta])* RULES; $( $konst:ident = $id:literal, $sev:ident, $summary:literal; )*) => {
        /// The rule ids as string constants.
        pub mod ids {
            $(
                #[doc = concat!("`", $id, "`: ", $summary)]
                pub const $konst: &str = $id;
            )*
        }

        $(
            #[doc = concat!("`", $id, "`: ", $summary)]
            pub const $konst: $crate::Rule =
                $crate::Rule::new($id, $crate::Severity::$sev, $summary);
        )*

        $(#[$doc])*
        pub const RULES: &[$crate::Rule] = &[ $( $konst, )* ];

        /// The rule of this table with id `id`, if it is one.
        #[must_use]
        pub fn rule(id: &str) -> Option<&'static $crate::Rule> {
            RULES.iter().find(|r| r.id == id)
        }
    };
}

macro_rules! rules {
    ($( $konst:ident = $id:literal, $sev:ident / $draft:ident, $blocks:literal, $summary:literal; )*) => {
        /// The rule ids as string constants.
        pub mod ids {
            $(
                #[doc = concat!("`", $id, "`: ", $summary)]
                pub const $konst: &str = $id;
            )*
        }

        $(
            #[doc = concat!("`", $id, "`: ", $summary)]
            pub const $konst: Rule = Rule {
                id: $id,
                severity: Severity::$sev,
                draft_severity: Severity::$draft,
                blocks_assignment: $blocks,
                summary: $summary,
            };
        )*

        /// Every rule of this crate's validation, in the order of the README's table.
        pub const RULES: &[Rule] = &[ $( $konst, )* ];
    };
}

rules! {
    MISSING_UPC = "release.missing_upc", Error / Warning, false,
        "the release has no UPC (a warning in draft mode; assign fills it)";
    EMPTY_RELEASE = "release.empty", Error / Error, true,
        "the release has no tracks";
    EMPTY_TITLE = "release.empty_title", Error / Error, true,
        "the release title is empty or only whitespace";
    EMPTY_ARTIST = "release.empty_artist", Error / Error, true,
        "the release artist is empty or only whitespace";
    DISC_GAP = "release.disc_gap", Error / Error, true,
        "discs do not run 1..m: a disc number is missing (DDEX RP 1.4 rule 1080-1)";
    MISSING_RELEASE_TYPE = "release.missing_release_type", Warning / Warning, false,
        "no release type (DDEX requires a ReleaseType; rule 1055-1)";
    MISSING_RELEASE_DATE = "release.missing_release_date", Warning / Warning, false,
        "no release date and no original release date (DDEX RP 2.1 rule 1027-1)";
    ORIGINAL_AFTER_RELEASE = "release.original_date_after_release", Warning / Warning, false,
        "the original release date is later than the release date";
    TYPE_MISMATCH = "release.type_mismatch", Warning / Warning, false,
        "the release type disagrees with the track count and playing time (DSP single/EP/album rules)";
    SINGLE_TITLE_MISMATCH = "release.single_title_mismatch", Warning / Warning, false,
        "a one-track release whose title differs from its track's (Spotify style guide)";
    TOO_MANY_TRACKS = "release.too_many_tracks", Warning / Warning, false,
        "more than 500 tracks (Apple's limit per album)";
    MISSING_ISRC = "track.missing_isrc", Error / Warning, false,
        "the track has no ISRC (DDEX RP 2.1 rule 1058-1; a warning in draft mode)";
    EMPTY_TRACK_TITLE = "track.empty_title", Error / Error, true,
        "the track title is empty or only whitespace";
    EMPTY_TRACK_ARTIST = "track.empty_artist", Error / Error, false,
        "the track artist is given but empty (leave it out to use the release's)";
    INVALID_POSITION = "track.invalid_position", Error / Error, true,
        "disc or track number 0 (both count from 1)";
    DUPLICATE_NUMBER = "track.duplicate_number", Error / Error, true,
        "two tracks share a number on one disc (DDEX RP 2.1 rule 1021-1)";
    NUMBER_GAP = "track.number_gap", Error / Error, true,
        "track numbers on a disc do not run 1..n (DDEX RP 1.4 rule 1125-1)";
    MISSING_DURATION = "track.missing_duration", Error / Error, false,
        "the track has no duration (DDEX requires Duration)";
    ZERO_DURATION = "track.zero_duration", Error / Error, false,
        "the track's duration is zero";
    IMPLAUSIBLE_DURATION = "track.implausible_duration", Warning / Warning, false,
        "the duration is below the minimum or above the maximum of the validation options";
    DUPLICATE_ISRC = "track.duplicate_isrc", Warning / Warning, false,
        "the same ISRC twice in one release (legitimate only for e.g. lossy and lossless editions; DDEX KB)";
    ISRC_AFTER_RELEASE = "track.isrc_after_release", Warning / Warning, false,
        "the ISRC's year of reference is later than the release date's year";
    INVALID_CREDIT = "credit.invalid_identifier", Error / Error, false,
        "an ISNI, IPI, ISWC or GRid that does not parse or fails its check, or another part of a credit that does not read (the reader says where; the value is left out)";
    EMPTY_CREDIT_NAME = "credit.empty_name", Error / Error, false,
        "a credit (contributor or writer) without a name";
    MAIN_ARTIST_MISMATCH = "credit.main_artist_mismatch", Warning / Warning, false,
        "a MainArtist credit whose name the display artist does not contain";
    MISSING_WRITER = "track.missing_writer", Warning / Warning, false,
        "on a release that gives credits, a recording credits no Composer, Lyricist or ComposerLyricist, on the track or its work (stores increasingly refuse these)";
    DUPLICATE_UPC = "catalog.duplicate_upc", Error / Error, false,
        "two releases share a UPC, compared as GTIN-14 (a UPC-A and its EAN-13 are one product)";
    ISRC_CONFLICT = "catalog.isrc_conflict", Error / Error, false,
        "one ISRC on several releases for different recordings (title, version, artist, or duration beyond 10 s)";
    PARTY_ID_CONFLICT = "catalog.party_id_conflict", Warning / Warning, false,
        "one ISNI or IPI name number given to two different names";
    ISWC_CONFLICT = "catalog.iswc_conflict", Warning / Warning, false,
        "one ISWC under two different work titles (the work's title, else the track's)";
}

/// The CSV reader's warnings: something it mended or ignored, and said so in an
/// [`ImportWarning`](crate::ImportWarning).
pub const CSV_RULES: &[Rule] = &[CSV_UNKNOWN_COLUMN, CSV_UPC_RESTORED];

/// `csv.unknown_column`: a header names no column the reader knows; the column is ignored.
pub const CSV_UNKNOWN_COLUMN: Rule = Rule::new(
    "csv.unknown_column",
    Severity::Warning,
    "a header names no known column; that column is ignored",
);

/// `csv.upc_restored`: a UPC that a spreadsheet stripped of its leading zeros, restored
/// because the check digit agrees.
pub const CSV_UPC_RESTORED: Rule = Rule::new(
    "csv.upc_restored",
    Severity::Warning,
    "a UPC that lost its leading zeros (a spreadsheet's doing), restored because the check digit agrees",
);

/// The lint warnings of the identifier crates (`isrc`, `upc`, `isni`, `grid`) under the ids
/// those crates give them, so that `musicid isni check` and validation name one check alike.
/// Always warnings: real, distributed codes break the tables these lints read, and a lint says
/// what a valid code is, not that it is wrong.
pub const LINTS: &[Rule] = &[
    Rule::new(
        "isrc.unknown_prefix",
        Severity::Warning,
        "the ISRC's agency code is not in the IFPI list",
    ),
    Rule::new(
        "isrc.retired_prefix",
        Severity::Warning,
        "the ISRC's agency code is retired",
    ),
    Rule::new(
        "isrc.documentation_registrant",
        Severity::Warning,
        "the registrant code is reserved for documentation",
    ),
    Rule::new(
        "isrc.blank_registrant",
        Severity::Warning,
        "the registrant code is blank (000)",
    ),
    Rule::new(
        "isrc.future_year",
        Severity::Warning,
        "the year of reference is after the reference year",
    ),
    Rule::new(
        "isrc.implausible_year",
        Severity::Warning,
        "the year of reference is implausibly far from the reference year",
    ),
    Rule::new(
        "upc.restricted_circulation",
        Severity::Warning,
        "a GS1 restricted-circulation number, not a product code",
    ),
    Rule::new("upc.coupon", Severity::Warning, "a coupon number"),
    Rule::new(
        "upc.refund_receipt",
        Severity::Warning,
        "a refund receipt number",
    ),
    Rule::new(
        "upc.bookland",
        Severity::Warning,
        "a Bookland (ISBN) number",
    ),
    Rule::new(
        "upc.ismn",
        Severity::Warning,
        "an ISMN (printed music), not a release code",
    ),
    Rule::new("upc.issn", Severity::Warning, "an ISSN (periodical)"),
    Rule::new(
        "upc.demo_prefix",
        Severity::Warning,
        "the GS1 demonstration prefix 952",
    ),
    Rule::new(
        "upc.number_system",
        Severity::Warning,
        "a UPC number system (2-5) not used for products",
    ),
    Rule::new(
        "upc.variable_measure",
        Severity::Warning,
        "a variable-measure number",
    ),
    Rule::new(
        "upc.upc_e_number_system",
        Severity::Warning,
        "a UPC-E with number system 1",
    ),
    Rule::new(
        "isni.orcid",
        Severity::Warning,
        "a credit's ISNI in a block ISNI reserved for ORCID (0000-0001-5000-0007 to 0000-0003-5000-0001, 0009-0000-0000-0000 to 0009-0010-0000-0000; ORCID support): a researcher's ORCID iD, not a music party's ISNI",
    ),
    Rule::new(
        "isni.unassigned_range",
        Severity::Warning,
        "a credit's ISNI outside every block assigned so far (ISNI's own numbers start 0000, ORCID's also 0009): mistyped or made up",
    ),
    Rule::new(
        "grid.documentation_example",
        Severity::Warning,
        "the release's GRid is the one printed as an example in documentation (A1-2425G-ABC1234002-M): it names no release",
    ),
    Rule::new(
        "dpid.documentation_example",
        Severity::Warning,
        "a DDEX export's sender or recipient DPID is one DDEX's Knowledge Base prints as an example: the message names no real party",
    ),
    LINT_UNLISTED,
];

/// A lint of an identifier crate that [`LINTS`] does not list yet (its code is in the
/// message); a test keeps the table complete for every lint known when it was written.
pub const LINT_UNLISTED: Rule = Rule::new(
    "lint.unlisted",
    Severity::Warning,
    "a lint of an identifier crate (isrc, upc, isni, grid) that this table does not list yet",
);

/// The rule of a lint warning by its code (`isrc.unknown_prefix`, `isni.orcid`):
/// [`LINT_UNLISTED`] for a code the table does not list.
#[must_use]
pub fn lint(code: &str) -> &'static Rule {
    LINTS
        .iter()
        .find(|rule| rule.id == code)
        .unwrap_or(&LINT_UNLISTED)
}

/// The rule with id `id`, if it is one of this crate's ([`RULES`], [`LINTS`] or
/// [`CSV_RULES`]).
#[must_use]
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .chain(LINTS)
        .chain(CSV_RULES)
        .find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lint_known_is_listed() {
        let isrc = "QZAQQ2600001".parse::<isrc::Isrc>().unwrap();
        let _ = isrc;
        let codes = [
            isrc::Warning::BlankRegistrant.rule(),
            upc::Warning::Coupon.rule(),
            upc::Warning::RefundReceipt.rule(),
            upc::Warning::Bookland.rule(),
            upc::Warning::Ismn.rule(),
            upc::Warning::Issn.rule(),
            upc::Warning::DemoPrefix.rule(),
            upc::Warning::VariableMeasure.rule(),
            upc::Warning::UpcENumberSystem1.rule(),
            isni::Warning::Orcid.rule(),
            isni::Warning::UnassignedRange.rule(),
            grid::Warning::GridExample.rule(),
            grid::Warning::DpidExample.rule(),
        ];
        for code in codes {
            assert_ne!(lint(code), &LINT_UNLISTED, "{code}");
        }
        let all = || RULES.iter().chain(LINTS).chain(CSV_RULES);
        for (i, a) in all().enumerate() {
            assert!(all().skip(i + 1).all(|b| b.id != a.id), "{}", a.id);
        }
    }
}
