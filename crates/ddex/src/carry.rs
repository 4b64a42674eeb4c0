//! What each ERN version written carries of a release's credits, and the export's notes on
//! what it leaves out. Neither version names a work's title on a sound recording, and an ERN
//! release has display artists but no contributor (a 4.3 `Release`, a 3.8.2 release's
//! details); ERN 4.3 names no work's writer, and its `Contributor` has a role.

use release_model::{Contributor, Finding, Location, Release, Report};

use crate::credits::{ern3_credits, is_display};
use crate::read::rules;
use crate::{ErnVersion, Family};

/// The release as a message of `version` carries it: what [`export`](crate::export) then
/// [`import`](crate::import) give back of its credits, every other field as it is (ERN 3
/// versions as 3.8.2, ERN 4 versions as 4.3).
///
/// A track credit's display roles come back before its others (both versions write display
/// artists before contributors). ERN 3.8.2 numbers display artists and contributors apart
/// and names each party once (Release Profile 1.4 rules 1745-1, 1721-1, 1723-1): its
/// credits come back one per party (name, ISNI, IPI name number), those with a display role
/// first. Both versions leave out a release credit's roles other than `MainArtist` and
/// `FeaturedArtist` (and a release credit left without a role) and a work's title; ERN 4.3
/// also leaves out a work's writers and a track credit without a role. A work left with
/// neither an ISWC nor a writer is left out whole. The export names each of these in its
/// report, as an info finding of [`rules::RELEASE_CREDIT_LEFT_OUT`],
/// [`rules::WORK_TITLE_LEFT_OUT`], [`rules::WRITERS_LEFT_OUT`] or
/// [`rules::ROLELESS_CREDIT_LEFT_OUT`], and a 3.8.2 reordering as one of
/// [`rules::CREDIT_ORDER`].
///
/// ```
/// use release_model::{Contributor, Release, Role};
/// use ddex::ErnVersion;
///
/// let mut release = Release::new("Vesica Piscis", "One Yen");
/// release.contributors = vec![
///     Contributor::new("Ka Lo", [Role::FeaturedArtist, Role::Producer]),
///     Contributor::new("Mara Quill", [Role::Producer]),
/// ];
/// let carried = ddex::carried(&release, ErnVersion::V4_3);
/// assert_eq!(carried.contributors, [Contributor::new("Ka Lo", [Role::FeaturedArtist])]);
/// ```
#[must_use]
pub fn carried(release: &Release, version: ErnVersion) -> Release {
    let ern4 = version.family() == Family::Ern4;
    let mut release = release.clone();
    for credit in &mut release.contributors {
        credit.roles.retain(is_display);
    }
    release
        .contributors
        .retain(|credit| !credit.roles.is_empty());
    if !ern4 {
        release.contributors = ern3_credits(&release.contributors, true);
    }
    for track in &mut release.tracks {
        for credit in &mut track.contributors {
            // Display roles are written first (`DisplayArtist`s before contributors).
            credit.roles.sort_by_key(|role| !is_display(role));
        }
        if ern4 {
            track.contributors.retain(|credit| !credit.roles.is_empty());
        } else {
            track.contributors = ern3_credits(&track.contributors, true);
        }
        if let Some(work) = &mut track.work {
            work.title = None;
            if ern4 {
                work.writers.clear();
            } else {
                work.writers = ern3_credits(&work.writers, false);
            }
            if work.iswc.is_none() && work.writers.is_empty() {
                track.work = None;
            }
        }
    }
    release
}

/// Adds to `report` an info finding for each part of `release`'s credits that a message of
/// `version` leaves out (see [`carried`]).
pub(crate) fn note_left_out(release: &Release, version: ErnVersion, report: &mut Report) {
    let ern4 = version.family() == Family::Ern4;
    let place = Location::release(0, release.upc);
    let mut push = |rule, location, message: String| {
        report.push(Finding::new(rule, location, message));
    };
    for credit in &release.contributors {
        let roles: Vec<&str> = credit
            .roles
            .iter()
            .filter(|role| !is_display(role))
            .map(|role| role.as_str())
            .collect();
        if !roles.is_empty() || credit.roles.is_empty() {
            let what = if roles.is_empty() {
                "a credit without a role".to_owned()
            } else {
                format!("credited as {}", roles.join(", "))
            };
            push(
                rules::RELEASE_CREDIT_LEFT_OUT,
                place,
                format!(
                    "ern {version}: the release's credit {} ({what}) is not written: an ern release has display artists but no contributor",
                    credit.name
                ),
            );
        }
    }
    if !ern4 {
        let displayed: Vec<Contributor> = release
            .contributors
            .iter()
            .filter(|credit| credit.roles.iter().any(is_display))
            .map(|credit| {
                let mut credit = credit.clone();
                credit.roles.retain(is_display);
                credit
            })
            .collect();
        if ern3_credits(&displayed, true) != displayed {
            push(rules::CREDIT_ORDER, place, reordered(version));
        }
    }
    for track in &release.tracks {
        let at = place.track(track.disc, track.number);
        if !ern4 {
            let mut sorted = track.contributors.clone();
            for credit in &mut sorted {
                credit.roles.sort_by_key(|role| !is_display(role));
            }
            let writers = track
                .work
                .as_ref()
                .map_or(&[][..], |work| &work.writers[..]);
            if ern3_credits(&sorted, true) != sorted || ern3_credits(writers, false) != writers {
                push(rules::CREDIT_ORDER, at, reordered(version));
            }
        }
        if ern4 {
            for credit in track.contributors.iter().filter(|c| c.roles.is_empty()) {
                push(
                    rules::ROLELESS_CREDIT_LEFT_OUT,
                    at,
                    format!(
                        "ern {version}: {} is credited without a role and not written: a 4.3 contributor has one (3.8.2 writes it)",
                        credit.name
                    ),
                );
            }
        }
        let Some(work) = &track.work else { continue };
        if let Some(title) = &work.title {
            push(
                rules::WORK_TITLE_LEFT_OUT,
                at,
                format!(
                    "ern {version}: the work's title \"{title}\" is not written: a sound recording names its work by iswc only"
                ),
            );
        }
        if ern4 && !work.writers.is_empty() {
            push(
                rules::WRITERS_LEFT_OUT,
                at,
                format!(
                    "ern {version}: the work's writers ({}) are not written: a 4.3 sound recording names no writer (3.8.2 writes them as indirect contributors); the track's own credits are",
                    names(&work.writers)
                ),
            );
        }
    }
}

fn reordered(version: ErnVersion) -> String {
    format!(
        "ern {version} numbers display artists and contributors apart and names each party once (release profile 1.4 rules 1745-1, 1721-1): the credits come back one per party, those with a display role first"
    )
}

fn names(list: &[Contributor]) -> String {
    list.iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use release_model::{Role, Track, Work};

    /// Each note names a part `carried` leaves out, and nothing `carried` keeps.
    #[test]
    fn the_notes_name_what_carried_leaves_out() {
        let mut release = Release::new("Vesica Piscis", "One Yen");
        release.contributors = vec![
            Contributor::new("Ka Lo", [Role::FeaturedArtist, Role::Producer]),
            Contributor::new("Mi Ren", []),
            Contributor::new("One Yen", [Role::MainArtist]),
        ];
        let mut track = Track::new(1, 1, "Opening");
        track.contributors = vec![
            Contributor::new("Ines Varga", [Role::Composer]),
            Contributor::new("No Role", []),
        ];
        let mut work = Work::new().with_title("Opening");
        work.writers = vec![Contributor::new("Ines Varga", [Role::Composer])];
        track.work = Some(work);
        release.tracks.push(track);

        let ids = |report: &Report| -> Vec<&str> {
            report.findings().iter().map(|f| f.rule.id).collect()
        };
        let mut report = Report::new();
        note_left_out(&release, ErnVersion::V4_3, &mut report);
        assert_eq!(
            ids(&report),
            [
                "ddex.export.release_credit",
                "ddex.export.release_credit",
                "ddex.export.roleless_credit",
                "ddex.export.work_title",
                "ddex.export.writers",
            ]
        );
        let kept = carried(&release, ErnVersion::V4_3);
        assert_eq!(
            kept.contributors,
            [
                Contributor::new("Ka Lo", [Role::FeaturedArtist]),
                Contributor::new("One Yen", [Role::MainArtist]),
            ]
        );
        assert_eq!(kept.tracks[0].contributors.len(), 1);
        assert_eq!(kept.tracks[0].work, None);

        let mut report = Report::new();
        note_left_out(&release, ErnVersion::V3_8_2, &mut report);
        assert_eq!(
            ids(&report),
            [
                "ddex.export.release_credit",
                "ddex.export.release_credit",
                "ddex.export.work_title",
            ]
        );
        let kept = carried(&release, ErnVersion::V3_8_2);
        assert_eq!(kept.tracks[0].contributors.len(), 2);
        let writers = &kept.tracks[0].work.as_ref().unwrap().writers;
        assert_eq!(writers.len(), 1);
        assert!(
            report
                .findings()
                .iter()
                .all(|f| f.rule.severity == release_model::Severity::Info)
        );
    }
}
