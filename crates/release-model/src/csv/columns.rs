//! The CSV columns: names, aliases, and which belong to the release or the track.

use crate::{Field, Role};

/// A column the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Upc,
    ReleaseTitle,
    ReleaseArtist,
    Label,
    ReleaseType,
    ReleaseDate,
    Disc,
    Track,
    Isrc,
    TrackTitle,
    TrackArtist,
    Duration,
    Explicit,
    ReleaseVersion,
    CatalogNumber,
    OriginalReleaseDate,
    Genre,
    PLine,
    CLine,
    ReleaseExplicit,
    TrackVersion,
    Cover,
    File,
    Grid,
    ReleaseCredits,
    ReleaseMainArtists,
    ReleaseFeaturedArtists,
    ReleaseProducers,
    TrackCredits,
    TrackMainArtists,
    TrackFeaturedArtists,
    TrackComposers,
    TrackLyricists,
    TrackComposerLyricists,
    TrackArrangers,
    TrackProducers,
    TrackRemixers,
    Iswc,
    WorkTitle,
    WorkWriters,
}

/// The columns before the credits: a file whose releases have no credits is written with
/// these alone, as before credits existed.
pub(crate) const WITHOUT_CREDITS: usize = 23;

/// Every column, in the order the writer puts them.
pub(crate) const ALL: [Column; 40] = [
    Column::Upc,
    Column::ReleaseTitle,
    Column::ReleaseArtist,
    Column::Label,
    Column::ReleaseType,
    Column::ReleaseDate,
    Column::Disc,
    Column::Track,
    Column::Isrc,
    Column::TrackTitle,
    Column::TrackArtist,
    Column::Duration,
    Column::Explicit,
    Column::ReleaseVersion,
    Column::CatalogNumber,
    Column::OriginalReleaseDate,
    Column::Genre,
    Column::PLine,
    Column::CLine,
    Column::ReleaseExplicit,
    Column::TrackVersion,
    Column::Cover,
    Column::File,
    Column::Grid,
    Column::ReleaseCredits,
    Column::ReleaseMainArtists,
    Column::ReleaseFeaturedArtists,
    Column::ReleaseProducers,
    Column::TrackCredits,
    Column::TrackMainArtists,
    Column::TrackFeaturedArtists,
    Column::TrackComposers,
    Column::TrackLyricists,
    Column::TrackComposerLyricists,
    Column::TrackArrangers,
    Column::TrackProducers,
    Column::TrackRemixers,
    Column::Iswc,
    Column::WorkTitle,
    Column::WorkWriters,
];

/// The release's credit columns: the general one first, then one per role.
pub(crate) const RELEASE_CREDITS: [Column; 4] = [
    Column::ReleaseCredits,
    Column::ReleaseMainArtists,
    Column::ReleaseFeaturedArtists,
    Column::ReleaseProducers,
];

/// The track's credit columns: the general one first, then one per role.
pub(crate) const TRACK_CREDITS: [Column; 9] = [
    Column::TrackCredits,
    Column::TrackMainArtists,
    Column::TrackFeaturedArtists,
    Column::TrackComposers,
    Column::TrackLyricists,
    Column::TrackComposerLyricists,
    Column::TrackArrangers,
    Column::TrackProducers,
    Column::TrackRemixers,
];

/// The columns a file must have.
pub(crate) const REQUIRED: [Column; 4] = [
    Column::ReleaseTitle,
    Column::ReleaseArtist,
    Column::Track,
    Column::TrackTitle,
];

impl Column {
    /// The canonical header name.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Column::Upc => "upc",
            Column::ReleaseTitle => "release_title",
            Column::ReleaseArtist => "release_artist",
            Column::Label => "label",
            Column::ReleaseType => "release_type",
            Column::ReleaseDate => "release_date",
            Column::Disc => "disc",
            Column::Track => "track",
            Column::Isrc => "isrc",
            Column::TrackTitle => "track_title",
            Column::TrackArtist => "track_artist",
            Column::Duration => "duration",
            Column::Explicit => "explicit",
            Column::ReleaseVersion => "release_version",
            Column::CatalogNumber => "catalog_number",
            Column::OriginalReleaseDate => "original_release_date",
            Column::Genre => "genre",
            Column::PLine => "p_line",
            Column::CLine => "c_line",
            Column::ReleaseExplicit => "release_explicit",
            Column::TrackVersion => "track_version",
            Column::Cover => "cover",
            Column::File => "file",
            Column::Grid => "grid",
            Column::ReleaseCredits => "release_credits",
            Column::ReleaseMainArtists => "release_main_artists",
            Column::ReleaseFeaturedArtists => "release_featured_artists",
            Column::ReleaseProducers => "release_producers",
            Column::TrackCredits => "track_credits",
            Column::TrackMainArtists => "track_main_artists",
            Column::TrackFeaturedArtists => "track_featured_artists",
            Column::TrackComposers => "track_composers",
            Column::TrackLyricists => "track_lyricists",
            Column::TrackComposerLyricists => "track_composer_lyricists",
            Column::TrackArrangers => "track_arrangers",
            Column::TrackProducers => "track_producers",
            Column::TrackRemixers => "track_remixers",
            Column::Iswc => "iswc",
            Column::WorkTitle => "work_title",
            Column::WorkWriters => "work_writers",
        }
    }

    /// The role every credit of a per-role credit column has (None: not such a column).
    pub(crate) const fn role(self) -> Option<Role> {
        Some(match self {
            Column::ReleaseMainArtists | Column::TrackMainArtists => Role::MainArtist,
            Column::ReleaseFeaturedArtists | Column::TrackFeaturedArtists => Role::FeaturedArtist,
            Column::ReleaseProducers | Column::TrackProducers => Role::Producer,
            Column::TrackComposers => Role::Composer,
            Column::TrackLyricists => Role::Lyricist,
            Column::TrackComposerLyricists => Role::ComposerLyricist,
            Column::TrackArrangers => Role::Arranger,
            Column::TrackRemixers => Role::Remixer,
            _ => return None,
        })
    }

    /// The field of the model a reader marks unreadable when this column's cell does not read
    /// (None: a text column, which always reads).
    pub(crate) const fn field(self) -> Option<Field> {
        Some(match self {
            Column::Upc => Field::Upc,
            Column::ReleaseType => Field::ReleaseType,
            Column::ReleaseDate => Field::ReleaseDate,
            Column::OriginalReleaseDate => Field::OriginalReleaseDate,
            Column::ReleaseExplicit | Column::Explicit => Field::Explicit,
            Column::Disc => Field::Disc,
            Column::Track => Field::Number,
            Column::Isrc => Field::Isrc,
            Column::Duration => Field::Duration,
            Column::Grid => Field::Grid,
            Column::Iswc | Column::WorkWriters => Field::Work,
            Column::WorkTitle => return None,
            c if c.is_credits() => Field::Credits,
            _ => return None,
        })
    }

    /// The index into per-column tables.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Whether the column holds credits in the cell syntax (`work_writers` aside).
    pub(crate) const fn is_credits(self) -> bool {
        matches!(
            self,
            Column::ReleaseCredits
                | Column::ReleaseMainArtists
                | Column::ReleaseFeaturedArtists
                | Column::ReleaseProducers
                | Column::TrackCredits
                | Column::TrackMainArtists
                | Column::TrackFeaturedArtists
                | Column::TrackComposers
                | Column::TrackLyricists
                | Column::TrackComposerLyricists
                | Column::TrackArrangers
                | Column::TrackProducers
                | Column::TrackRemixers
        )
    }

    /// Whether the column describes the track (the rest describe the release).
    pub(crate) const fn is_track(self) -> bool {
        matches!(
            self,
            Column::TrackCredits
                | Column::TrackMainArtists
                | Column::TrackFeaturedArtists
                | Column::TrackComposers
                | Column::TrackLyricists
                | Column::TrackComposerLyricists
                | Column::TrackArrangers
                | Column::TrackProducers
                | Column::TrackRemixers
                | Column::Iswc
                | Column::WorkTitle
                | Column::WorkWriters
                | Column::Disc
                | Column::Track
                | Column::Isrc
                | Column::TrackTitle
                | Column::TrackArtist
                | Column::Duration
                | Column::Explicit
                | Column::TrackVersion
                | Column::File
        )
    }

    /// The column a header names: case-insensitive, spaces and hyphens as underscores, a BOM
    /// ignored, and the aliases found in distributors' templates.
    pub(crate) fn from_header(header: &str) -> Option<Column> {
        let normal: String = header
            .trim_start_matches('\u{feff}')
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if let Some(column) = ALL.into_iter().find(|c| c.name() == normal) {
            return Some(column);
        }
        Some(match normal.as_str() {
            "ean" | "upc/ean" | "barcode" | "icpn" | "gtin" => Column::Upc,
            "disc_number" | "disc_no" | "volume" | "volume_number" => Column::Disc,
            "track_number" | "track_no" => Column::Track,
            "track_explicit" => Column::Explicit,
            "catalogue_number" | "cat_no" | "catalog_no" => Column::CatalogNumber,
            "pline" | "℗_line" => Column::PLine,
            "cline" | "©_line" => Column::CLine,
            "primary_genre" => Column::Genre,
            "cover_file" | "artwork" | "cover_art" => Column::Cover,
            "audio_file" | "track_file" => Column::File,
            "composer" | "composers" => Column::TrackComposers,
            "lyricist" | "lyricists" => Column::TrackLyricists,
            "featured_artist" | "featured_artists" | "featuring" => Column::TrackFeaturedArtists,
            "producer" | "producers" => Column::TrackProducers,
            "arranger" | "arrangers" => Column::TrackArrangers,
            "remixer" | "remixers" => Column::TrackRemixers,
            "work_iswc" => Column::Iswc,
            "writers" => Column::WorkWriters,
            "credits" => Column::TrackCredits,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(Column::from_header("Track Title"), Some(Column::TrackTitle));
        assert_eq!(Column::from_header("\u{feff}UPC"), Some(Column::Upc));
        assert_eq!(Column::from_header("Disc-Number"), Some(Column::Disc));
        assert_eq!(Column::from_header("EAN"), Some(Column::Upc));
        assert_eq!(Column::from_header("mood"), None);
        for (i, c) in ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(Column::from_header(c.name()), Some(c));
        }
    }
}
