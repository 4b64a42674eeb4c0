//! [`ReleaseBuilder`], and chainable setters on [`Track`].

use std::time::Duration;

use isrc::Isrc;
use upc::Upc;

use crate::{PartialDate, Release, ReleaseType, Track};

/// Builds a [`Release`] in code, numbering tracks as they are added.
///
/// The builder does not validate: [`Release::validate`] says what is wrong with the result.
///
/// ```
/// use std::time::Duration;
/// use release_model::{Release, ReleaseType, Track};
///
/// let release = Release::builder("Vesica Piscis", "One Yen")
///     .label("Leerecs")
///     .release_type(ReleaseType::Album)
///     .release_date("2026-03-01".parse()?)
///     .track("Track 1", Duration::from_secs(201))
///     .track("Track 2", Duration::from_secs(245))
///     .new_disc()
///     .push(Track::new(2, 1, "Bonus").with_duration(Duration::from_secs(90)))
///     .build();
/// assert_eq!(release.tracks[1].number, 2);
/// assert_eq!((release.tracks[2].disc, release.tracks[2].number), (2, 1));
/// Ok::<(), release_model::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReleaseBuilder {
    release: Release,
    disc: u32,
}

impl Release {
    /// A [`ReleaseBuilder`] for a release titled `title` by `artist`.
    pub fn builder(title: impl Into<String>, artist: impl Into<String>) -> ReleaseBuilder {
        ReleaseBuilder {
            release: Release::new(title, artist),
            disc: 1,
        }
    }
}

impl ReleaseBuilder {
    /// Sets the UPC.
    pub fn upc(mut self, upc: Upc) -> Self {
        self.release.upc = Some(upc);
        self
    }

    /// Sets the version title.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.release.version = Some(version.into());
        self
    }

    /// Sets the label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.release.label = Some(label.into());
        self
    }

    /// Sets the catalog number.
    pub fn catalog_number(mut self, catalog_number: impl Into<String>) -> Self {
        self.release.catalog_number = Some(catalog_number.into());
        self
    }

    /// Sets the release type.
    pub fn release_type(mut self, release_type: ReleaseType) -> Self {
        self.release.release_type = Some(release_type);
        self
    }

    /// Sets the release date.
    pub fn release_date(mut self, date: PartialDate) -> Self {
        self.release.release_date = Some(date);
        self
    }

    /// Sets the original release date.
    pub fn original_release_date(mut self, date: PartialDate) -> Self {
        self.release.original_release_date = Some(date);
        self
    }

    /// Sets the genre.
    pub fn genre(mut self, genre: impl Into<String>) -> Self {
        self.release.genre = Some(genre.into());
        self
    }

    /// Sets the ℗ line.
    pub fn p_line(mut self, line: impl Into<String>) -> Self {
        self.release.p_line = Some(line.into());
        self
    }

    /// Sets the © line.
    pub fn c_line(mut self, line: impl Into<String>) -> Self {
        self.release.c_line = Some(line.into());
        self
    }

    /// Marks the release explicit (or not).
    pub fn explicit(mut self, explicit: bool) -> Self {
        self.release.explicit = explicit;
        self
    }

    /// Sets the cover image's path, relative to the release file.
    pub fn cover(mut self, path: impl Into<String>) -> Self {
        self.release.cover = Some(path.into());
        self
    }

    /// Adds a track on the current disc, numbered after the last track of that disc.
    pub fn track(mut self, title: impl Into<String>, duration: Duration) -> Self {
        let disc = self.disc;
        let number = self
            .release
            .tracks
            .iter()
            .filter(|t| t.disc == disc)
            .map(|t| t.number)
            .max()
            .unwrap_or(0)
            + 1;
        self.release
            .tracks
            .push(Track::new(disc, number, title).with_duration(duration));
        self
    }

    /// Adds `track` exactly as given (its disc and number included).
    pub fn push(mut self, track: Track) -> Self {
        self.disc = self.disc.max(track.disc);
        self.release.tracks.push(track);
        self
    }

    /// Moves to the next disc: tracks added with [`track`](Self::track) from now on number
    /// from 1 there.
    pub fn new_disc(mut self) -> Self {
        self.disc += 1;
        self
    }

    /// The release.
    #[must_use]
    pub fn build(self) -> Release {
        self.release
    }
}

impl Track {
    /// Sets the ISRC.
    #[must_use]
    pub fn with_isrc(mut self, isrc: Isrc) -> Track {
        self.isrc = Some(isrc);
        self
    }

    /// Sets the duration.
    #[must_use]
    pub fn with_duration(mut self, duration: Duration) -> Track {
        self.duration = Some(duration);
        self
    }

    /// Sets the track artist (otherwise the release's).
    #[must_use]
    pub fn with_artist(mut self, artist: impl Into<String>) -> Track {
        self.artist = Some(artist.into());
        self
    }

    /// Sets the version title.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> Track {
        self.version = Some(version.into());
        self
    }

    /// Marks the track explicit (or not).
    #[must_use]
    pub fn with_explicit(mut self, explicit: bool) -> Track {
        self.explicit = explicit;
        self
    }

    /// Sets the audio file's path, relative to the release file.
    #[must_use]
    pub fn with_file(mut self, path: impl Into<String>) -> Track {
        self.file = Some(path.into());
        self
    }
}
