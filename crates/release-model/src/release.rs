//! The model: [`Release`], [`Track`], [`Catalog`], [`ReleaseType`].

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use isrc::Isrc;
use serde::{Deserialize, Serialize};
use upc::Upc;

use crate::{Contributor, Error, PartialDate, Provenance, Work};

/// What kind of product a release is, as the DSPs and DDEX sort them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ReleaseType {
    /// A full-length release.
    Album,
    /// One to three short tracks.
    Single,
    /// Between a single and an album.
    Ep,
    /// Tracks gathered from other releases, often by several artists.
    Compilation,
}

impl ReleaseType {
    /// Every release type, in declaration order.
    pub const ALL: [ReleaseType; 4] = [
        ReleaseType::Album,
        ReleaseType::Single,
        ReleaseType::Ep,
        ReleaseType::Compilation,
    ];

    /// The JSON and CSV spelling: `album`, `single`, `ep`, `compilation`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ReleaseType::Album => "album",
            ReleaseType::Single => "single",
            ReleaseType::Ep => "ep",
            ReleaseType::Compilation => "compilation",
        }
    }
}

impl fmt::Display for ReleaseType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReleaseType {
    type Err = Error;

    /// `album`, `single`, `ep` or `compilation`, in any case, surrounding whitespace ignored.
    fn from_str(input: &str) -> Result<ReleaseType, Error> {
        let text = input.trim();
        ReleaseType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| Error::Value {
                field: "release_type",
                input: input.to_owned(),
                expected: "album, single, ep or compilation",
            })
    }
}

impl TryFrom<&str> for ReleaseType {
    type Error = Error;

    fn try_from(input: &str) -> Result<ReleaseType, Error> {
        input.parse()
    }
}

fn default_disc() -> u32 {
    1
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn no_work(work: &Option<Work>) -> bool {
    work.as_ref().is_none_or(Work::is_empty)
}

fn known_work<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Work>, D::Error> {
    let work = Option::<Work>::deserialize(deserializer)?;
    Ok(work.filter(|w| !w.is_empty()))
}

/// One track of a release: a position (disc, number) linked to a recording (its ISRC).
///
/// Fields are public so that readers, writers and tools can fill them; nothing here is
/// checked until [`Release::validate`]. `#[non_exhaustive]`: build one with [`Track::new`]
/// and set fields, or through [`ReleaseBuilder::track`](crate::ReleaseBuilder::track).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Track {
    /// The disc (medium), counting from 1; `1` when the JSON leaves it out.
    #[serde(default = "default_disc")]
    pub disc: u32,
    /// The position on the disc, counting from 1.
    pub number: u32,
    /// The recording's ISRC; absent in a draft until [`Release::assign`] fills it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_isrc"
    )]
    pub isrc: Option<Isrc>,
    /// The track title.
    #[serde(default)]
    pub title: String,
    /// A version or mix title ("Remastered 2024", "Radio Edit").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The track's display artist; `None` means the release's artist
    /// (see [`Track::artist_or`]). Kept as given so a round trip is lossless.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    /// The playing time; written as ISO 8601 (`PT3M21S`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::duration::serde_opt"
    )]
    pub duration: Option<Duration>,
    /// Whether the track carries a parental advisory.
    #[serde(default)]
    pub explicit: bool,
    /// The recording's audio file: a path relative to the folder of the release file, with
    /// `/` between its parts as the file gives it (`audio/01.flac`). Kept as text so that a
    /// release reads and writes the same on every system; join it to the release file's folder
    /// to open it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Who is credited on the recording (main and featured artists, composers, producers…),
    /// in the order given; left out of JSON when empty. [`Track::artist`] stays the display
    /// artist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Contributor>,
    /// The musical work the recording performs (its ISWC, title and writers), when known.
    /// A work with nothing in it is no work: JSON leaves it out, and `"work": {}` reads as
    /// `None`.
    #[serde(
        default,
        skip_serializing_if = "no_work",
        deserialize_with = "known_work"
    )]
    pub work: Option<Work>,
    /// The line it was read from and the fields that did not read; never serialised, and
    /// ignored by `==`.
    #[serde(skip)]
    pub provenance: Provenance,
}

impl Track {
    /// A track at `disc`/`number` titled `title`, every other field empty.
    #[must_use]
    pub fn new(disc: u32, number: u32, title: impl Into<String>) -> Track {
        Track {
            disc,
            number,
            isrc: None,
            title: title.into(),
            version: None,
            artist: None,
            duration: None,
            explicit: false,
            file: None,
            contributors: Vec::new(),
            work: None,
            provenance: Provenance::new(),
        }
    }

    /// The artist to display: the track's own, else `release_artist`.
    #[must_use]
    pub fn artist_or<'a>(&'a self, release_artist: &'a str) -> &'a str {
        self.artist.as_deref().unwrap_or(release_artist)
    }
}

/// A release: one product (one UPC) and its tracks.
///
/// Fields are public; [`Release::builder`] is the convenient way to make one in code.
/// `#[non_exhaustive]`, so new optional fields can come without breaking callers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Release {
    /// The product code (UPC-A, EAN-13, EAN-8 or GTIN-14); absent in a draft.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_upc"
    )]
    pub upc: Option<Upc>,
    /// The release title.
    #[serde(default)]
    pub title: String,
    /// A version title ("Deluxe Edition").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The display artist.
    #[serde(default)]
    pub artist: String,
    /// The label name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The label's catalog number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_number: Option<String>,
    /// Album, single, EP or compilation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_type: Option<ReleaseType>,
    /// The (digital) release date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<PartialDate>,
    /// The date the release first came out, for a reissue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_release_date: Option<PartialDate>,
    /// The primary genre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The ℗ line ("2026 Leerecs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_line: Option<String>,
    /// The © line ("2026 One Yen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c_line: Option<String>,
    /// Whether the release as a whole carries a parental advisory.
    #[serde(default, skip_serializing_if = "is_false")]
    pub explicit: bool,
    /// The cover image: a path relative to the folder of the release file, written like
    /// [`Track::file`] (`cover.png`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    /// The release's GRid (DDEX `ReleaseId/GRid`), when it has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_grid"
    )]
    pub grid: Option<grid::Grid>,
    /// Who is credited on the release as a whole (its main artists, a producer…), in the
    /// order given; left out of JSON when empty. [`Release::artist`] stays the display artist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Contributor>,
    /// The tracks, in the order given (validation checks the numbering, not the order).
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// The line it was read from (a CSV release: its first row) and the fields that did not
    /// read; never serialised, and ignored by `==`.
    #[serde(skip)]
    pub provenance: Provenance,
}

impl Release {
    /// A release titled `title` by `artist` with nothing else set.
    #[must_use]
    pub fn new(title: impl Into<String>, artist: impl Into<String>) -> Release {
        Release {
            title: title.into(),
            artist: artist.into(),
            ..Release::default()
        }
    }

    /// The total playing time, or `None` when a track has no duration. Durations come from
    /// files and may be absurd, so the sum saturates at [`Duration::MAX`] instead of
    /// overflowing.
    #[must_use]
    pub fn total_duration(&self) -> Option<Duration> {
        self.tracks.iter().try_fold(Duration::ZERO, |sum, t| {
            Some(sum.saturating_add(t.duration?))
        })
    }

    /// The number of discs: the highest disc number (0 for a release without tracks).
    #[must_use]
    pub fn disc_count(&self) -> u32 {
        self.tracks.iter().map(|t| t.disc).max().unwrap_or(0)
    }

    /// Whether the release still lacks a code (its UPC or a track's ISRC).
    #[must_use]
    pub fn is_draft(&self) -> bool {
        self.upc.is_none() || self.tracks.iter().any(|t| t.isrc.is_none())
    }
}

/// Many releases: a label's or distributor's catalog. Serialises as a JSON array.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Catalog {
    /// The releases, in file order (findings name them by this index).
    pub releases: Vec<Release>,
}

impl Catalog {
    /// A catalog of `releases`.
    #[must_use]
    pub fn new(releases: Vec<Release>) -> Catalog {
        Catalog { releases }
    }

    /// The number of tracks over all releases.
    #[must_use]
    pub fn track_count(&self) -> usize {
        self.releases.iter().map(|r| r.tracks.len()).sum()
    }
}

impl From<Vec<Release>> for Catalog {
    fn from(releases: Vec<Release>) -> Catalog {
        Catalog { releases }
    }
}

impl FromIterator<Release> for Catalog {
    fn from_iter<I: IntoIterator<Item = Release>>(iter: I) -> Catalog {
        Catalog {
            releases: iter.into_iter().collect(),
        }
    }
}
