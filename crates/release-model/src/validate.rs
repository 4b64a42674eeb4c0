//! `validate()`: every rule over a release or a catalog, all findings in one [`Report`].
//!
//! One pass over the tracks; per-track work allocates nothing (a reused buffer for the
//! numbering check, hash maps keyed by the `Copy` code types for the catalog rules); messages
//! are built only for findings.

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;
use std::time::Duration;

use ipi::NameNumber;
use isni::Isni;
use isrc::Isrc;
use iswc::Iswc;

use crate::duration::Clock;
use crate::hash::{FastMap, map_with_capacity};
use crate::report::{Finding, Location, Report, Within};
use crate::rules::{self as r, Rule};
use crate::{Catalog, Contributor, Field, PartialDate, Release, ReleaseType, Role, Track};

/// How strictly to validate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// Draft mode: a missing UPC or ISRC is a warning (assignment will fill it), not an error.
    pub draft: bool,
    /// Durations below this are implausible (warning). Default 1 s.
    pub min_duration: Duration,
    /// Durations above this are implausible (warning). Default 12 h: long enough for any
    /// real ambient piece, short enough to catch milliseconds read as seconds.
    pub max_duration: Duration,
    /// Two uses of one ISRC are the same recording only if their durations differ by at most
    /// this much. Default 10 s (the RIAA's tolerance, see the reference notes).
    pub same_recording_tolerance: Duration,
    /// The caller's current year, passed to the `isrc` lints (a library never reads the
    /// clock). `None` skips the lints that need it.
    pub reference_year: Option<u16>,
}

impl Default for ValidationOptions {
    fn default() -> ValidationOptions {
        ValidationOptions {
            draft: false,
            min_duration: Duration::from_secs(1),
            max_duration: Duration::from_secs(12 * 3600),
            same_recording_tolerance: Duration::from_secs(10),
            reference_year: None,
        }
    }
}

impl ValidationOptions {
    /// The defaults with draft mode on.
    #[must_use]
    pub fn draft() -> ValidationOptions {
        ValidationOptions {
            draft: true,
            ..ValidationOptions::default()
        }
    }
}

impl Release {
    /// Every finding for this release with the default options.
    ///
    /// ```
    /// use std::time::Duration;
    /// use release_model::Release;
    ///
    /// let release = Release::builder("Vesica Piscis", "One Yen")
    ///     .track("Track 1", Duration::from_secs(201))
    ///     .build();
    /// let report = release.validate();
    /// assert!(report.has_errors());
    /// assert_eq!(report.rules(), ["release.missing_upc", "release.missing_release_type",
    ///     "release.missing_release_date", "track.missing_isrc", "release.single_title_mismatch"]);
    /// Ok::<(), release_model::Error>(())
    /// ```
    #[must_use]
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// Every finding for this release.
    #[must_use]
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        Validator::new(options, std::slice::from_ref(self)).run()
    }

    /// The type the DSPs' rules give a release of these tracks, or `None` when a track has no
    /// duration or there are no tracks.
    ///
    /// Apple (via CD Baby's summary) and Spotify's style guide §9 (see the reference notes):
    /// a **single** has 1–3 tracks, at most 30 minutes in all and every track under 10
    /// minutes; an **EP** has 1–3 tracks with one of 10 minutes or more, or 4–6 tracks, and
    /// at most 30 minutes; anything else is an **album**. (Apple says "under 30 minutes" for
    /// EPs, Spotify "30 minutes or less"; the boundary follows Spotify, the stricter reader.)
    #[must_use]
    pub fn suggested_type(&self) -> Option<ReleaseType> {
        let mut total = Duration::ZERO;
        let mut longest = Duration::ZERO;
        for t in &self.tracks {
            let d = t.duration?;
            total = total.saturating_add(d);
            longest = longest.max(d);
        }
        suggest(self.tracks.len(), total, longest)
    }
}

const HALF_HOUR: Duration = Duration::from_secs(30 * 60);
const TEN_MINUTES: Duration = Duration::from_secs(10 * 60);

fn suggest(count: usize, total: Duration, longest: Duration) -> Option<ReleaseType> {
    Some(match count {
        0 => return None,
        1..=3 if total <= HALF_HOUR && longest < TEN_MINUTES => ReleaseType::Single,
        1..=6 if total <= HALF_HOUR => ReleaseType::Ep,
        _ => ReleaseType::Album,
    })
}

impl Catalog {
    /// Every finding for every release and across releases, with the default options.
    #[must_use]
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// Every finding for every release and across releases.
    #[must_use]
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        Validator::new(options, &self.releases).run()
    }
}

/// Validates a slice of releases as one catalog (the same as [`Catalog::validate_with`]
/// without building a `Catalog`).
#[must_use]
pub fn validate_releases(releases: &[Release], options: &ValidationOptions) -> Report {
    Validator::new(options, releases).run()
}

#[derive(Clone, Copy)]
struct Seen {
    first_release: u32,
    first_track: u32,
    last_release: u32,
    last_track: u32,
}

struct Validator<'a> {
    options: &'a ValidationOptions,
    releases: &'a [Release],
    positions: Vec<(u32, u32, u32)>,
    upcs: FastMap<u64, u32>,
    isrcs: FastMap<Isrc, Seen>,
    /// The first name each party identifier was given to, and where.
    isnis: FastMap<Isni, (&'a str, Location)>,
    ipis: FastMap<NameNumber, (&'a str, Location)>,
    /// The first work title each ISWC was given under, and where.
    iswcs: FastMap<Iswc, (&'a str, Location)>,
    /// Whether the current release gives any credit (on itself, a track or a work): only then
    /// is a recording without a writer reported. A release that gives none keeps its credits
    /// elsewhere (every catalog from before credits, a CSV without the credit columns): a
    /// warning on each of its recordings would bury every other finding and say nothing the
    /// file claims. Both ERN versions written now carry the credits, so an ERN round trip no
    /// longer turns a credited release into an uncredited one.
    gives_credits: bool,
    /// Whether every track of the current release has a readable place: when one does not,
    /// a gap in the numbering may be that track, and is not reported.
    numbering_known: bool,
    report: Report,
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

impl<'a> Validator<'a> {
    fn new(options: &'a ValidationOptions, releases: &'a [Release]) -> Validator<'a> {
        let tracks = releases.iter().map(|r| r.tracks.len()).sum();
        Validator {
            options,
            releases,
            positions: Vec::new(),
            upcs: map_with_capacity(releases.len()),
            isrcs: map_with_capacity(tracks),
            isnis: map_with_capacity(0),
            ipis: map_with_capacity(0),
            iswcs: map_with_capacity(0),
            numbering_known: true,
            gives_credits: false,
            report: Report::new(),
        }
    }

    fn run(mut self) -> Report {
        for index in 0..self.releases.len() {
            self.release(index);
        }
        self.report
    }

    fn push(&mut self, rule: &'static Rule, location: Location, message: String) {
        self.report.push(Finding::new(rule, location, message));
    }

    /// A finding of a rule whose severity depends on draft mode (the missing codes).
    fn push_code(&mut self, rule: &'static Rule, location: Location, message: String) {
        let finding = Finding::in_mode(rule, self.options.draft, location, message);
        self.report.push(finding);
    }

    fn push_related(
        &mut self,
        rule: &'static Rule,
        location: Location,
        message: String,
        related: Location,
    ) {
        self.report
            .push(Finding::new(rule, location, message).related(related));
    }

    /// A lint warning of an identifier crate, under its own rule.
    fn push_lint(&mut self, code: &'static str, location: Location, message: String) {
        let rule = r::lint(code);
        let message = if rule.id == code {
            message
        } else {
            format!("{code}: {message}")
        };
        self.push(rule, location, message);
    }

    /// The release at `release`, on the line of the file it was read from.
    fn location_of(&self, release: usize) -> Location {
        let r = &self.releases[release];
        Location::release(release, r.upc).at_line(r.provenance.line())
    }

    fn release(&mut self, index: usize) {
        let releases = self.releases;
        let release = &releases[index];
        let here = self.location_of(index);
        self.release_fields(index, release, here);
        self.gives_credits = !release.contributors.is_empty()
            || release.tracks.iter().any(|t| {
                !t.contributors.is_empty()
                    || t.work.is_some()
                    || t.provenance.is_unreadable(Field::Credits)
                    || t.provenance.is_unreadable(Field::Work)
            })
            || release.provenance.is_unreadable(Field::Credits);
        self.release_credits(release, here);
        self.tracks(index, release, here);
        self.numbering(release, here);
        self.release_shape(release, here);
    }

    fn release_fields(&mut self, index: usize, release: &'a Release, here: Location) {
        let unreadable = |field| release.provenance.is_unreadable(field);
        match release.upc {
            // The reader reported the UPC it could not read; it is not missing.
            None if unreadable(Field::Upc) => {}
            None => self.push_code(
                &r::MISSING_UPC,
                here,
                "the release has no upc: give one, or run assign with a upc allocator".to_owned(),
            ),
            Some(upc) => {
                for warning in upc.lint() {
                    self.push_lint(warning.rule(), here, format!("upc {upc}: {warning}"));
                }
                // GTIN-14 identity: a UPC-A and the EAN-13 with a leading zero are one product.
                match self.upcs.entry(upc.to_u64()) {
                    Entry::Occupied(seen) => {
                        let first = *seen.get() as usize;
                        // Equal codes print alike; only another kind of the same GTIN-14
                        // needs naming.
                        let spelt_otherwise = match self.releases[first].upc {
                            Some(other) if other != upc => {
                                format!(" as {other} (the same gtin-14)")
                            }
                            _ => String::new(),
                        };
                        self.push_related(
                            &r::DUPLICATE_UPC,
                            here,
                            format!(
                                "upc {upc} is already used by release #{} \"{}\"{}: a upc names one product",
                                first + 1,
                                self.releases[first].title,
                                spelt_otherwise,
                            ),
                            self.location_of(first),
                        );
                    }
                    Entry::Vacant(vacant) => {
                        vacant.insert(index as u32);
                    }
                }
            }
        }
        if blank(&release.title) {
            self.push(&r::EMPTY_TITLE, here, "the release has no title".to_owned());
        }
        if blank(&release.artist) {
            self.push(
                &r::EMPTY_ARTIST,
                here,
                "the release has no artist".to_owned(),
            );
        }
        if release.tracks.is_empty() {
            self.push(
                &r::EMPTY_RELEASE,
                here,
                "the release has no tracks".to_owned(),
            );
        }
        if release.release_type.is_none() && !unreadable(Field::ReleaseType) {
            self.push(
                &r::MISSING_RELEASE_TYPE,
                here,
                "no release type: give album, single, ep or compilation".to_owned(),
            );
        }
        match (release.release_date, release.original_release_date) {
            (None, None)
                if unreadable(Field::ReleaseDate) || unreadable(Field::OriginalReleaseDate) => {}
            (None, None) => self.push(
                &r::MISSING_RELEASE_DATE,
                here,
                "no release date: give release_date (YYYY-MM-DD)".to_owned(),
            ),
            (Some(date), Some(original)) if after(original, date) => self.push(
                &r::ORIGINAL_AFTER_RELEASE,
                here,
                format!("the original release date {original} is after the release date {date}"),
            ),
            _ => {}
        }
    }

    fn tracks(&mut self, index: usize, release: &'a Release, here: Location) {
        let release_year = release.release_date.map(PartialDate::year);
        let options = self.options;
        self.positions.clear();
        self.numbering_known = true;
        for (i, track) in release.tracks.iter().enumerate() {
            let at = track_at(here, track);
            let unreadable = |field| track.provenance.is_unreadable(field);
            if blank(&track.title) {
                self.push(
                    &r::EMPTY_TRACK_TITLE,
                    at,
                    format!("track {} has no title", track.number),
                );
            }
            if track.artist.as_deref().is_some_and(blank) {
                self.push(
                    &r::EMPTY_TRACK_ARTIST,
                    at,
                    "the track artist is empty: leave it out to use the release artist".to_owned(),
                );
            }
            if unreadable(Field::Disc) || unreadable(Field::Number) {
                // Its place is unknown: the numbering cannot be judged for gaps.
                self.numbering_known = false;
            } else if track.disc == 0 || track.number == 0 {
                self.push(
                    &r::INVALID_POSITION,
                    at,
                    format!(
                        "{} 0: discs and track numbers count from 1",
                        if track.disc == 0 {
                            "disc"
                        } else {
                            "track number"
                        }
                    ),
                );
            } else {
                self.positions.push((track.disc, track.number, i as u32));
            }
            match track.isrc {
                None if unreadable(Field::Isrc) => {}
                None => self.push_code(
                    &r::MISSING_ISRC,
                    at,
                    format!(
                        "track {} \"{}\" has no isrc: give one, or run assign",
                        track.number, track.title
                    ),
                ),
                Some(code) => self.isrc(index, i, code, release_year, at),
            }
            self.track_credits(release, track, at);
            match track.duration {
                None if unreadable(Field::Duration) => {}
                None => self.push(
                    &r::MISSING_DURATION,
                    at,
                    format!("track {} has no duration", track.number),
                ),
                Some(Duration::ZERO) => self.push(
                    &r::ZERO_DURATION,
                    at,
                    format!("track {} has a duration of zero", track.number),
                ),
                Some(d) if d < options.min_duration => self.push(
                    &r::IMPLAUSIBLE_DURATION,
                    at,
                    format!(
                        "track {} lasts {}, less than the minimum {}",
                        track.number,
                        Human(d),
                        Human(options.min_duration)
                    ),
                ),
                Some(d) if d > options.max_duration => self.push(
                    &r::IMPLAUSIBLE_DURATION,
                    at,
                    format!(
                        "track {} lasts {}, more than the maximum {} (milliseconds read as seconds?)",
                        track.number,
                        Human(d),
                        Human(options.max_duration)
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    fn release_credits(&mut self, release: &'a Release, here: Location) {
        for field in [Field::Grid, Field::Credits] {
            if release.provenance.is_unreadable(field) {
                self.unreadable_credit(field, here);
            }
        }
        if let Some(grid) = release.grid
            && let Some(warning) = grid.lint()
        {
            self.push_lint(
                warning.rule(),
                here,
                format!(
                    "grid {}: {warning}, so it names no release",
                    grid.hyphenated()
                ),
            );
        }
        self.contributors(&release.contributors, &release.artist, here);
    }

    fn track_credits(&mut self, release: &'a Release, track: &'a Track, at: Location) {
        for field in [Field::Credits, Field::Work] {
            if track.provenance.is_unreadable(field) {
                self.unreadable_credit(field, at);
            }
        }
        self.contributors(&track.contributors, track.artist_or(&release.artist), at);
        let writers = track.work.as_ref().map_or(&[][..], |w| &w.writers[..]);
        self.contributors(writers, "", at);
        if let Some(work) = &track.work
            && let Some(iswc) = work.iswc
        {
            let title = work.title.as_deref().unwrap_or(&track.title);
            match self.iswcs.entry(iswc) {
                Entry::Vacant(vacant) => {
                    vacant.insert((title, at));
                }
                Entry::Occupied(first) => {
                    let (first_title, first_at) = *first.get();
                    if !same_text(first_title, title) {
                        self.push_related(
                            &r::ISWC_CONFLICT,
                            at,
                            format!(
                                "iswc {} is the work \"{title}\" here but \"{first_title}\" on {first_at}: one iswc names one work",
                                iswc.hyphenated()
                            ),
                            first_at,
                        );
                    }
                }
            }
        }
        let credited =
            |list: &[Contributor]| list.iter().any(|c| c.roles.iter().any(Role::is_writer));
        let unreadable = track.provenance.is_unreadable(Field::Credits)
            || track.provenance.is_unreadable(Field::Work);
        if self.gives_credits && !unreadable && !credited(&track.contributors) && writers.is_empty()
        {
            self.push(
                &r::MISSING_WRITER,
                at,
                format!(
                    "track {} \"{}\" credits no composer or lyricist: add a Composer, Lyricist or ComposerLyricist credit (stores increasingly refuse recordings without)",
                    track.number, track.title
                ),
            );
        }
    }

    fn unreadable_credit(&mut self, field: Field, at: Location) {
        let what = match field {
            Field::Grid => "the release's grid",
            Field::Work => "the work (its iswc or a writer)",
            _ => "a credit (a name, role, isni or ipi)",
        };
        self.push(
            &r::INVALID_CREDIT,
            at,
            format!("{what} did not read from its file: see the reader's error for what is wrong"),
        );
    }

    /// The rules of one list of credits: names, identifiers across the catalog, and the
    /// main artists against `display_artist` (none for a work's writers).
    fn contributors(&mut self, list: &'a [Contributor], display_artist: &str, at: Location) {
        for credit in list {
            if blank(&credit.name) {
                self.push(&r::EMPTY_CREDIT_NAME, at, "a credit has no name".to_owned());
                continue;
            }
            if let Some(isni) = credit.isni {
                let first = party(
                    &mut self.isnis,
                    &mut self.report,
                    isni,
                    "isni",
                    &credit.name,
                    at,
                );
                // A lint is about the number, not about one use of it: said once, where the
                // catalog first gives it (a writer credited on every track would repeat it
                // on each).
                if first && let Some(warning) = isni.lint() {
                    self.push_lint(
                        warning.rule(),
                        at,
                        format!(
                            "isni {} of \"{}\": {warning}{}",
                            isni.grouped(),
                            credit.name,
                            match warning {
                                isni::Warning::Orcid => {
                                    " (a researcher's id, not a music party's isni)"
                                }
                                _ => "",
                            }
                        ),
                    );
                }
            }
            if let Some(ipi) = credit.ipi {
                party(
                    &mut self.ipis,
                    &mut self.report,
                    ipi,
                    "ipi",
                    &credit.name,
                    at,
                );
            }
            if !display_artist.is_empty()
                && credit.has_role(&Role::MainArtist)
                && !names_in(display_artist, &credit.name)
            {
                self.push(
                    &r::MAIN_ARTIST_MISMATCH,
                    at,
                    format!(
                        "\"{}\" is credited as main artist but the display artist is \"{display_artist}\"",
                        credit.name
                    ),
                );
            }
        }
    }

    fn isrc(
        &mut self,
        release: usize,
        track: usize,
        code: Isrc,
        release_year: Option<u16>,
        at: Location,
    ) {
        for warning in code.lint(self.options.reference_year) {
            self.push_lint(warning.rule(), at, format!("isrc {code}: {warning}"));
        }
        if let Some(year) = release_year {
            // The release date, not today, is the anchor: an old release's code from a
            // later year reads as that later year (see `Isrc::full_year_nearest`).
            let issued = code.full_year_nearest(year);
            if issued > year {
                self.push(
                    &r::ISRC_AFTER_RELEASE,
                    at,
                    format!(
                        "isrc {code} was assigned in {issued}, after the release date's year {year}"
                    ),
                );
            }
        }
        let (r32, t32) = (release as u32, track as u32);
        let seen = match self.isrcs.entry(code) {
            Entry::Vacant(vacant) => {
                vacant.insert(Seen {
                    first_release: r32,
                    first_track: t32,
                    last_release: r32,
                    last_track: t32,
                });
                return;
            }
            Entry::Occupied(mut occupied) => {
                let before = *occupied.get();
                let seen = occupied.get_mut();
                seen.last_release = r32;
                seen.last_track = t32;
                before
            }
        };
        if seen.last_release == r32 {
            let earlier = &self.releases[release].tracks[seen.last_track as usize];
            let related = track_at(self.location_of(release), earlier);
            self.push_related(
                &r::DUPLICATE_ISRC,
                at,
                format!(
                    "isrc {code} is also on {} of this release: fine for two editions of one recording, otherwise a mistake",
                    Within::track(earlier.disc, earlier.number)
                ),
                related,
            );
        } else {
            let first_release = &self.releases[seen.first_release as usize];
            let first = &first_release.tracks[seen.first_track as usize];
            let this_release = &self.releases[release];
            let this = &this_release.tracks[track];
            if !self.same_recording(first, &first_release.artist, this, &this_release.artist) {
                let related = track_at(self.location_of(seen.first_release as usize), first);
                let message = format!(
                    "isrc {code} is {} here but {} on {related}: one isrc names one recording",
                    describe(this, &this_release.artist),
                    describe(first, &first_release.artist),
                );
                self.push_related(&r::ISRC_CONFLICT, at, message, related);
            }
        }
    }

    fn same_recording(&self, a: &Track, a_artist: &str, b: &Track, b_artist: &str) -> bool {
        let durations_agree = match (a.duration, b.duration) {
            (Some(x), Some(y)) => x.abs_diff(y) <= self.options.same_recording_tolerance,
            _ => true,
        };
        durations_agree
            && same_text(&a.title, &b.title)
            && same_text(
                a.version.as_deref().unwrap_or(""),
                b.version.as_deref().unwrap_or(""),
            )
            && same_text(a.artist_or(a_artist), b.artist_or(b_artist))
    }

    fn numbering(&mut self, release: &Release, here: Location) {
        if self.positions.is_empty() {
            return;
        }
        self.positions.sort_unstable();
        let positions = std::mem::take(&mut self.positions);
        let max_disc = positions.last().map_or(0, |p| p.0);
        let mut missing_discs = Vec::new();
        let mut expected_disc = 1;
        let mut start = 0;
        while start < positions.len() {
            let disc = positions[start].0;
            let end = start + positions[start..].partition_point(|p| p.0 == disc);
            if self.numbering_known {
                gap(&mut missing_discs, expected_disc, disc);
            }
            expected_disc = disc.saturating_add(1);
            self.disc(release, here, disc, &positions[start..end]);
            start = end;
        }
        if !missing_discs.is_empty() {
            self.push(
                &r::DISC_GAP,
                here,
                format!(
                    "{} missing: discs run 1..{max_disc}",
                    numbers("disc", "discs", &missing_discs)
                ),
            );
        }
        self.positions = positions;
    }

    fn disc(&mut self, release: &Release, here: Location, disc: u32, tracks: &[(u32, u32, u32)]) {
        let mut missing = Vec::new();
        let mut expected = 1;
        let mut previous = 0;
        for &(_, number, index) in tracks {
            if number == previous {
                let track = &release.tracks[index as usize];
                let title = &track.title;
                self.push(
                    &r::DUPLICATE_NUMBER,
                    track_at(here, track),
                    format!(
                        "two tracks are number {number} on disc {disc} (this one is \"{title}\")"
                    ),
                );
                continue;
            }
            if self.numbering_known {
                gap(&mut missing, expected, number);
            }
            expected = number.saturating_add(1);
            previous = number;
        }
        if !missing.is_empty() {
            self.push(
                &r::NUMBER_GAP,
                here.disc(disc),
                format!(
                    "disc {disc} has no {}: track numbers run 1..{previous}",
                    numbers("track", "tracks", &missing)
                ),
            );
        }
    }

    fn release_shape(&mut self, release: &Release, here: Location) {
        if let (Some(declared), Some(suggested)) = (release.release_type, release.suggested_type())
            && declared != ReleaseType::Compilation
            && declared != suggested
        {
            let total = release.total_duration().unwrap_or_default();
            self.push(
                    &r::TYPE_MISMATCH,
                    here,
                    format!(
                        "the release is {} {declared} but {} track{} lasting {} make {} {suggested} by the dsp rules",
                        article(declared),
                        release.tracks.len(),
                        if release.tracks.len() == 1 { "" } else { "s" },
                        Clock(total),
                        article(suggested),
                    ),
                );
        }
        if let [only] = release.tracks.as_slice()
            && !same_text(&only.title, &release.title)
        {
            self.push(
                &r::SINGLE_TITLE_MISMATCH,
                here,
                format!(
                    "a one-track release should have its track's title: \"{}\" vs \"{}\"",
                    release.title, only.title
                ),
            );
        }
        if release.tracks.len() > 500 {
            self.push(
                &r::TOO_MANY_TRACKS,
                here,
                format!(
                    "{} tracks: apple accepts at most 500 per album",
                    release.tracks.len()
                ),
            );
        }
    }
}

/// Notes that `id` names `name` at `at`; warns when it named another name first. Whether
/// this is the first time the catalog gives `id`.
fn party<'a, K: std::hash::Hash + Eq + std::fmt::Display + Copy>(
    seen: &mut FastMap<K, (&'a str, Location)>,
    report: &mut Report,
    id: K,
    kind: &str,
    name: &'a str,
    at: Location,
) -> bool {
    match seen.entry(id) {
        Entry::Vacant(vacant) => {
            vacant.insert((name, at));
            true
        }
        Entry::Occupied(first) => {
            let (first_name, first_at) = *first.get();
            if !same_text(first_name, name) {
                report.push(
                    Finding::new(
                        &r::PARTY_ID_CONFLICT,
                        at,
                        format!(
                            "{kind} {id} is given to \"{name}\" here but to \"{first_name}\" on {first_at}: one {kind} names one party"
                        ),
                    )
                    .related(first_at),
                );
            }
            false
        }
    }
}

/// Whether `display` names `name`: its words (runs of letters and digits, in any case) appear
/// in `display` one after another. `One Yen feat. Jane Roe` names `Jane Roe` and `one yen`.
fn names_in(display: &str, name: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (display, name) = (words(display), words(name));
    if name.is_empty() {
        return true;
    }
    display.windows(name.len()).any(|w| w == name.as_slice())
}

/// Where `track` of the release at `release` is: its disc and number, and its own line when
/// its reader gave one (else the release's).
fn track_at(release: Location, track: &Track) -> Location {
    let line = track.provenance.line().or(release.line);
    release.track(track.disc, track.number).at_line(line)
}

/// A duration for a message: `0.5 s` below a minute, else `m:ss` / `h:mm:ss`.
struct Human(Duration);

impl std::fmt::Display for Human {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 < Duration::from_secs(60) {
            write!(f, "{} s", self.0.as_secs_f64())
        } else {
            write!(f, "{}", Clock(self.0))
        }
    }
}

fn article(t: ReleaseType) -> &'static str {
    match t {
        ReleaseType::Album | ReleaseType::Ep => "an",
        _ => "a",
    }
}

/// Records the numbers `expected..found` as missing, as one range: the numbers come from
/// files, and a track numbered 4,000,000,000 must not make a list of every number before it.
fn gap(missing: &mut Vec<(u32, u32)>, expected: u32, found: u32) {
    if expected < found {
        missing.push((expected, found - 1));
    }
}

/// "track 3", "tracks 3, 5-7": the missing ranges, in words.
fn numbers(one: &str, many: &str, ranges: &[(u32, u32)]) -> String {
    let single = matches!(ranges, [(first, last)] if first == last);
    let mut text = String::from(if single { one } else { many });
    for (i, &(first, last)) in ranges.iter().enumerate() {
        text.push_str(if i == 0 { " " } else { ", " });
        if first == last {
            let _ = write!(text, "{first}");
        } else {
            let _ = write!(text, "{first}-{last}");
        }
    }
    text
}

fn describe(track: &Track, release_artist: &str) -> String {
    let mut text = format!("\"{}\"", track.title);
    if let Some(version) = track.version.as_deref().filter(|v| !v.is_empty()) {
        let _ = write!(text, " ({version})");
    }
    let _ = write!(text, " by {}", track.artist_or(release_artist));
    if let Some(d) = track.duration {
        let _ = write!(text, " ({})", Clock(d));
    }
    text
}

/// Equal ignoring case and runs of whitespace: the same title typed twice.
fn same_text(a: &str, b: &str) -> bool {
    let mut a = a.split_whitespace().flat_map(|w| w.chars().chain([' ']));
    let mut b = b.split_whitespace().flat_map(|w| w.chars().chain([' ']));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || x.to_lowercase().eq(y.to_lowercase()) => {}
            _ => return false,
        }
    }
}

/// Whether `a` is later than `b` at the precision both know: `2026-05` is not after `2026`.
fn after(a: PartialDate, b: PartialDate) -> bool {
    let key = |d: PartialDate, depth: u8| {
        (
            d.year(),
            if depth >= 1 {
                d.month().unwrap_or(0)
            } else {
                0
            },
            if depth >= 2 { d.day().unwrap_or(0) } else { 0 },
        )
    };
    let depth = |d: PartialDate| match (d.month(), d.day()) {
        (None, _) => 0,
        (Some(_), None) => 1,
        (Some(_), Some(_)) => 2,
    };
    let common = depth(a).min(depth(b));
    key(a, common).cmp(&key(b, common)) == Ordering::Greater
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(numbers("track", "tracks", &[(3, 3)]), "track 3");
        assert_eq!(numbers("track", "tracks", &[(3, 4)]), "tracks 3-4");
        assert_eq!(
            numbers("track", "tracks", &[(3, 3), (5, 7), (9, 9)]),
            "tracks 3, 5-7, 9"
        );
        let mut missing = Vec::new();
        gap(&mut missing, 1, 1);
        gap(&mut missing, 2, 5);
        gap(&mut missing, 6, u32::MAX);
        assert_eq!(missing, [(2, 4), (6, u32::MAX - 1)]);
    }

    #[test]
    fn display_artists_name_their_main_artists() {
        assert!(names_in("One Yen feat. Jane Roe", "Jane Roe"));
        assert!(names_in("One Yen, Jane Roe", "one yen"));
        assert!(names_in("P!nk", "P!nk"));
        assert!(!names_in("One Yenta", "One Yen"));
        assert!(!names_in("Jane Roe", "Jane Doe"));
    }

    #[test]
    fn text_equality() {
        assert!(same_text("Blue  Morning ", "blue morning"));
        assert!(!same_text("Blue Morning", "Blue Mourning"));
        assert!(same_text("ÉTÉ", "été"));
    }

    #[test]
    fn dates_compare_at_common_precision() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(!after(d("2026-05"), d("2026")));
        assert!(after(d("2027"), d("2026-12-31")));
        assert!(after(d("2026-03-02"), d("2026-03-01")));
        assert!(!after(d("2026-03-01"), d("2026-03-01")));
    }

    #[test]
    fn release_types() {
        let m = |s: u64| Duration::from_secs(s * 60);
        assert_eq!(suggest(1, m(3), m(3)), Some(ReleaseType::Single));
        assert_eq!(
            suggest(3, m(30), m(10) - Duration::from_secs(1)),
            Some(ReleaseType::Single)
        );
        assert_eq!(suggest(2, m(20), m(12)), Some(ReleaseType::Ep));
        assert_eq!(suggest(6, m(30), m(5)), Some(ReleaseType::Ep));
        assert_eq!(suggest(6, m(31), m(5)), Some(ReleaseType::Album));
        assert_eq!(suggest(7, m(20), m(3)), Some(ReleaseType::Album));
        assert_eq!(suggest(2, m(40), m(20)), Some(ReleaseType::Album));
        assert_eq!(suggest(0, m(0), m(0)), None);
    }
}
