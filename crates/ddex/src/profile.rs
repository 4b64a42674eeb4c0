//! DDEX Release Profile rules, checked on the release before every export.
//!
//! The ERN schemas check structure only; the Release Profiles add the business rules a store's
//! ingestion applies (DDEX publishes them as ISO Schematron: Release Profile 1.4 for ERN 3.8.x,
//! 2.1 for ERN 4.x). Each rule here is named after its DDEX number — `profile.rp21-1011-2` is
//! rule 1011-2 of Release Profile 2.1 — and is checked on the model, before a byte is written:
//! a rule that depends on what the release holds is a finding of [`check`]; a rule that
//! depends only on how the message is written (element order, sequence numbers, one
//! `TrackRelease` per primary resource, `IsMainRelease`, `ReleaseResourceType`, the profile id)
//! holds by construction of the writer, and the tests read it back from the written XML.
//!
//! Rules the release model's own validation already applies are not repeated here: the
//! main release's ICPN (RP 2.1 1025-1, RP 1.4 1142-1/1069-1) is `release.missing_upc`, the
//! primary recordings' ISRCs (1058-1, 1143-1/1070-1) `track.missing_isrc`, the release date
//! (1027-1, 1097-1) `release.missing_release_date`, the distinct sequence numbers (1021-1)
//! `track.duplicate_number` and their run from 1 (RP 1.4 1125-1) `track.number_gap`.
//!
//! Release Profile 2.1 was written for ERN 4.1/4.2 element positions, and some of its XPaths
//! misfire on 4.3, DDEX's own 4.3 sample included: 1058-1 looks for `SoundRecording/
//! ResourceId/ISRC`, which 4.3 moved into `SoundRecordingEdition`; 1032-1/1032-2 look for
//! `TechnicalDetails` on the resource, which 4.3 also moved into the edition. Those are
//! applied here to their intent (the ISRC through `track.missing_isrc`), not to their XPath.
//!
//! Unconditional Fatal Error and Error rules are errors (the export is refused); Conditional
//! rules, which a conformance tester may skip when the sender lacks the data, are warnings.
//! Two rules are warnings for reasons of their own, said where they are checked: the front
//! cover (1053-1, 1133-1/1060-1), which needs the release's cover, and RP 1.4's ISRC prefix
//! list, which lacks `QZ` (rule 1111-2).

use release_model::{Finding, Location, Release, ReleaseType, Report, Rule};

use crate::write::ExportOptions;
use crate::{ErnVersion, Family};

/// A Release Profile rule this crate checks on the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileRule {
    /// The finding's rule id: `profile.rp21-1011-2`.
    pub id: &'static str,
    /// The profile: `RP 2.1 Audio`, `RP 1.4 Audio Album`, `RP 1.4 Audio Single`.
    pub profile: &'static str,
    /// DDEX's role for the rule: `Fatal Error`, `Error`, `Conditional Error`, …
    pub role: &'static str,
    /// What the rule asks.
    pub text: &'static str,
}

macro_rules! profile_rules {
    ($($name:ident = $id:literal, $profile:literal, $role:literal, $sev:ident, $text:literal;)*) => {
        /// The rule ids as constants.
        pub mod ids {
            $(
                #[doc = $text]
                pub const $name: &str = $id;
            )*
        }

        /// The rules as findings carry them, each with the severity this crate reports it at.
        pub mod checks {
            use release_model::{Rule, Severity};
            $(
                #[doc = $text]
                pub const $name: Rule = Rule::new($id, Severity::$sev, $text);
            )*
        }

        /// Every rule [`check`] applies as a [`Rule`](release_model::Rule), for tools that
        /// list every crate's rules.
        pub const FINDING_RULES: &[release_model::Rule] = &[$(checks::$name,)*];

        /// Every rule [`check`] applies, in DDEX's order.
        pub const RULES: &[ProfileRule] = &[
            $(ProfileRule { id: $id, profile: $profile, role: $role, text: $text },)*
        ];
    };
}

profile_rules! {
    RP21_ICPN = "profile.rp21-1001-1", "RP 2.1 Audio", "Fatal Error", Error,
        "An ICPN must be a string of 8 or 12 to 14 digits.";
    RP21_ISRC = "profile.rp21-1011-1", "RP 2.1 Audio", "Fatal Error", Error,
        "An ISRC must be two letters, three letters or digits, and seven digits.";
    RP21_ISRC_COUNTRY = "profile.rp21-1011-2", "RP 2.1 Audio", "Fatal Error", Error,
        "An ISRC must start with an ISO 3166 code or FX, QM, QZ, UK, CP, DG or ZZ.";
    RP21_C_LINE = "profile.rp21-1026-1", "RP 2.1 Audio", "Conditional Fatal Error", Warning,
        "Each release may have a CLine.";
    RP21_FRONT_COVER = "profile.rp21-1053-1", "RP 2.1 Audio", "Fatal Error", Warning,
        "A release of this type must contain one (and only one) Image of type FrontCoverImage.";
    RP14_LINES = "profile.rp14-1017-1", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "A PLine and a CLine shall be provided for every release.";
    RP14_GENRE = "profile.rp14-1095-1", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "A genre shall be specified for the worldwide details of every release.";
    RP14_ISRC = "profile.rp14-1111-1", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "An ISRC must be two letters, three letters or digits, and seven digits.";
    RP14_ISRC_COUNTRY = "profile.rp14-1111-2", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "An ISRC must start with an ISO 3166 code or FX, QM, UK, CP, DG or ZZ.";
    RP14_ISRC_COUNTRY_QZ = "profile.rp14-1111-2.qz", "RP 1.4 Audio Album/Single", "Fatal Error", Warning,
        "An ISRC starting with QZ, which rule 1111-2's list omits although IFPI allocates it (a warning).";
    RP14_ICPN = "profile.rp14-1120-1", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "An ICPN must be a string of 8 or 12 to 14 digits.";
    RP14_MORE_THAN_ONE_RECORDING = "profile.rp14-1132-1", "RP 1.4 Audio Album", "Fatal Error", Error,
        "An Audio Album must contain more than one SoundRecording.";
    RP14_ONE_IMAGE = "profile.rp14-1133-1", "RP 1.4 Audio Album/Single", "Fatal Error", Warning,
        "A release of this type must contain one (and only one) Image (1060-1 for a single).";
    RP14_LABEL = "profile.rp14-1145-1", "RP 1.4 Audio Album/Single", "Fatal Error", Error,
        "A LabelName has to be specified for each release (1072-1 for a single).";
}

/// The rule with this id.
#[must_use]
pub fn rule(id: &str) -> Option<&'static ProfileRule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// ISO 3166-1 alpha-2 codes, as RP 2.1 rule 1011-2 and RP 1.4 rule 1111-2 list them (their
/// list keeps `AN` and `CS`, which ISO has withdrawn but old ISRCs still carry).
const ISO_3166: &str = "AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH \
BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CS CU CV CW CX \
CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN \
GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI \
KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ \
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR \
PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC \
TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT \
ZA ZM ZW";

/// The codes IFPI allocated besides ISO 3166 that the profiles accept; RP 1.4 omits `QZ`.
const IFPI_RP21: [&str; 7] = ["FX", "QM", "QZ", "UK", "CP", "DG", "ZZ"];

fn known_country(code: &str) -> bool {
    IFPI_RP21.contains(&code) || ISO_3166.split(' ').any(|iso| iso == code)
}

/// `^[a-zA-Z]{2}[a-zA-Z0-9]{3}[0-9]{7}$`, the profiles' ISRC pattern.
fn isrc_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 12
        && bytes[..2].iter().all(u8::is_ascii_alphabetic)
        && bytes[2..5].iter().all(u8::is_ascii_alphanumeric)
        && bytes[5..].iter().all(u8::is_ascii_digit)
}

/// `^[0-9]{8}$|^[0-9]{12,14}$`, the profiles' ICPN pattern.
fn icpn_shape(text: &str) -> bool {
    matches!(text.len(), 8 | 12..=14) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Adds to `report` the findings of the release profile `options.ern` is written under.
pub fn check(release: &Release, options: &ExportOptions, report: &mut Report) {
    let place = Location::release(0, release.upc);
    let mut push = |rule: &'static Rule, location: Location, message: String| {
        report.push(Finding::new(rule, location, message));
    };
    let version = options.ern;
    let ern3 = version.family() == Family::Ern3;
    let single = release.release_type == Some(ReleaseType::Single);
    let (isrc_rule, country_rule, icpn_rule) = if ern3 {
        (
            &checks::RP14_ISRC,
            &checks::RP14_ISRC_COUNTRY,
            &checks::RP14_ICPN,
        )
    } else {
        (
            &checks::RP21_ISRC,
            &checks::RP21_ISRC_COUNTRY,
            &checks::RP21_ICPN,
        )
    };
    let profile = profile_name(version, single);

    if let Some(upc) = release.upc {
        let text = upc.to_string();
        if !icpn_shape(&text) {
            push(
                icpn_rule,
                place,
                format!("{profile}: icpn {text} is not 8 or 12 to 14 digits"),
            );
        }
    }
    for track in &release.tracks {
        let at = place.track(track.disc, track.number);
        let Some(isrc) = track.isrc else { continue };
        let text = isrc.to_string();
        if !isrc_shape(&text) {
            push(
                isrc_rule,
                at,
                format!("{profile}: isrc {text} does not have the isrc pattern"),
            );
        }
        let country = &text[..2];
        if !known_country(country) {
            push(
                country_rule,
                at,
                format!(
                    "{profile}: isrc {text} starts with {country}, which is no ISO 3166 code and \
                     none of FX, QM, QZ, UK, CP, DG, ZZ"
                ),
            );
        } else if ern3 && country == "QZ" {
            // RP 1.4's list lacks QZ, which IFPI allocates (to US registrants) and RP 2.1
            // lists: the rule misfires on valid codes, so refusing them would be wrong.
            push(
                &checks::RP14_ISRC_COUNTRY_QZ,
                at,
                format!(
                    "{profile}: isrc {text} starts with QZ, which rule 1111-2 of RP 1.4 omits \
                     (IFPI allocates QZ and RP 2.1 accepts it); a validator applying RP 1.4 to \
                     the letter reports it"
                ),
            );
        }
    }
    if release.cover.is_none() {
        let rule = if ern3 {
            &checks::RP14_ONE_IMAGE
        } else {
            &checks::RP21_FRONT_COVER
        };
        // A Fatal Error in the profile, a warning here: a release gets its cover from the
        // media files, and a message without one is still valid ERN that stores ingest once
        // the image follows.
        push(
            rule,
            place,
            format!(
                "{profile}: the release has no cover, so the message has no FrontCoverImage; \
                 the profile requires exactly one"
            ),
        );
    }
    if ern3 {
        if release.label.is_none() {
            push(
                &checks::RP14_LABEL,
                place,
                format!("{profile}: every release needs a LabelName (the release has no label)"),
            );
        }
        if release.genre.is_none() && options.default_genre.is_none() {
            push(
                &checks::RP14_GENRE,
                place,
                format!("{profile}: every release needs a genre (give a default genre)"),
            );
        }
        for (line, value) in [
            ("p line (℗)", &release.p_line),
            ("c line (©)", &release.c_line),
        ] {
            if value.is_none() {
                push(
                    &checks::RP14_LINES,
                    place,
                    format!("{profile}: every release needs a {line}"),
                );
            }
        }
        if !single && release.tracks.len() < 2 {
            push(
                &checks::RP14_MORE_THAN_ONE_RECORDING,
                place,
                format!(
                    "{profile}: an audio album needs more than one sound recording (make a \
                     one-track release a single)"
                ),
            );
        }
    } else if release.c_line.is_none() {
        push(
            &checks::RP21_C_LINE,
            place,
            format!("{profile}: the release has no c line (©)"),
        );
    }
}

fn profile_name(version: ErnVersion, single: bool) -> &'static str {
    match (version.family(), single) {
        (Family::Ern3, true) => "release profile 1.4 audio single",
        (Family::Ern3, false) => "release profile 1.4 audio album",
        (Family::Ern4, _) => "release profile 2.1 audio",
    }
}

#[cfg(test)]
mod tests {
    use super::{RULES, icpn_shape, isrc_shape, known_country, rule};

    #[test]
    fn rule_ids_are_unique_and_name_their_profile() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
            assert!(a.id.starts_with("profile.rp21-") || a.id.starts_with("profile.rp14-"));
            assert_eq!(rule(a.id), Some(a));
        }
    }

    #[test]
    fn patterns_follow_the_schematron() {
        assert!(isrc_shape("QZAQQ2600001"));
        assert!(!isrc_shape("QZAQQ260000"));
        assert!(!isrc_shape("1ZAQQ2600001"));
        assert!(icpn_shape("12345678") && icpn_shape("00094631432057"));
        assert!(!icpn_shape("123456789") && !icpn_shape("123456789012345"));
        assert!(known_country("GB") && known_country("QZ") && known_country("ZZ"));
        assert!(!known_country("XX") && !known_country("QQ"));
    }
}
