//! Writing a `NewReleaseMessage`: quick-xml events in the exact order of the ERN 4.3
//! `xs:sequence`s, straight into the caller's writer.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::{AVS_VERSION, Deal, Error, MessageHeader, MessageParty, NAMESPACE, SCHEMA_LOCATION};
use release_model::duration::Iso8601;
use release_model::{Release, ReleaseType, Report, Track};

/// What goes into a message besides the release and the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportOptions {
    /// The deals, written as one `ReleaseDeal` for the release and its track releases; none
    /// writes no `DealList`.
    pub deals: Vec<Deal>,
    /// The genre to write when the release has none. ERN 4.3 requires a `Genre` on every
    /// release; without this a release without a genre is refused ([`Error::MissingGenre`]).
    pub default_genre: Option<String>,
}

impl ExportOptions {
    /// No deals, no default genre.
    #[must_use]
    pub fn new() -> ExportOptions {
        ExportOptions::default()
    }

    /// Sets the deals.
    #[must_use]
    pub fn deals(mut self, deals: Vec<Deal>) -> ExportOptions {
        self.deals = deals;
        self
    }

    /// Sets the genre written for a release without one.
    #[must_use]
    pub fn default_genre(mut self, genre: impl Into<String>) -> ExportOptions {
        self.default_genre = Some(genre.into());
        self
    }
}

/// Writes the ERN 4.3 `NewReleaseMessage` for `release` to `out` and returns the release's
/// validation report (warnings only).
///
/// The message holds a `PartyList` (the artists and the label), one `SoundRecording` per
/// track (`A1`, `A2`, … in the order of `release.tracks`), the main `Release` (`R0`) with one
/// `Component` resource group per disc, one `TrackRelease` per track (`R1`, …, identified by
/// the proprietary id `UPC_ISRC` in the sender's namespace) and, when `options` has deals, a
/// `DealList` with one `ReleaseDeal` covering the main release and every track release.
///
/// Nothing is written unless the release passes: `out` sees no bytes when this returns an
/// error other than [`Error::Io`]. Wrap a file in a `BufWriter`; the writer issues many small
/// writes.
///
/// ```
/// use std::time::Duration;
/// use release_model::{Release, ReleaseType, Track};
/// use ddex::{self, MessageHeader, MessageParty};
///
/// let release = Release::builder("Vesica Piscis", "One Yen")
///     .upc("0123456789012".parse()?)
///     .label("Leerecs")
///     .genre("Electronic")
///     .release_type(ReleaseType::Single)
///     .release_date("2026-03-01".parse()?)
///     .push(
///         Track::new(1, 1, "Vesica Piscis")
///             .with_isrc("QZAQQ2600001".parse()?)
///             .with_duration(Duration::from_secs(201)),
///     )
///     .build();
/// let header = MessageHeader::new(
///     "M1",
///     MessageParty::new("PADPIDA2013042401U".parse()?, "Leerecs"),
///     MessageParty::new("PADPIDA2009101501Y".parse()?, "A DSP"),
///     "2026-03-01T12:00:00Z".parse()?,
/// );
/// let mut xml = Vec::new();
/// ddex::export(&release, &header, &ddex::ExportOptions::new(), &mut xml)?;
/// let xml = String::from_utf8(xml)?;
/// assert!(xml.contains("<ICPN>0123456789012</ICPN>"));
/// assert!(xml.contains("<ISRC>QZAQQ2600001</ISRC>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// - [`Error::Invalid`] with the full report when validation finds errors;
/// - [`Error::MissingLabel`], [`Error::MissingGenre`], [`Error::MissingReleaseType`] for a
///   field ERN requires that the release lacks (a missing UPC, ISRC or duration is a
///   validation error, so [`Error::Invalid`]);
/// - [`Error::UnwritableText`] for a control character in a text;
/// - [`Error::InvalidHeader`], [`Error::IncompleteDeal`] for a bad header or deal;
/// - [`Error::Io`] when writing fails.
pub fn export<W: io::Write>(
    release: &Release,
    header: &MessageHeader,
    options: &ExportOptions,
    out: W,
) -> Result<Report, Error> {
    header.check()?;
    for deal in &options.deals {
        deal.check()?;
    }
    let report = release.validate();
    if report.has_errors() {
        return Err(Error::Invalid {
            report: Box::new(report),
        });
    }
    let checked = Checked::new(release, options.default_genre.as_deref())?;
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    let mut ern = Ern {
        writer: &mut writer,
        scratch: String::with_capacity(64),
    };
    ern.message(release, &checked, header, &options.deals)?;
    Ok(report)
}

/// [`export`] into a `String`.
///
/// # Errors
///
/// As [`export`] (never [`Error::Io`]).
pub fn export_to_string(
    release: &Release,
    header: &MessageHeader,
    options: &ExportOptions,
) -> Result<String, Error> {
    let mut bytes = Vec::with_capacity(2048 + 1536 * release.tracks.len());
    export(release, header, options, &mut bytes)?;
    // quick-xml writes the UTF-8 of our strings and ASCII markup only.
    String::from_utf8(bytes).map_err(|error| Error::Io(io::Error::other(error)))
}

/// The fields ERN requires, taken out of their `Option`s once, and the party references.
struct Checked<'r> {
    upc: String,
    label: &'r str,
    genre: &'r str,
    release_type: ReleaseType,
    /// Party reference index (`P1` is 0) of each distinct artist name, release artist first.
    artists: Vec<&'r str>,
    artist_index: HashMap<&'r str, usize>,
    /// Track indices in (disc, number) order.
    order: Vec<usize>,
}

impl<'r> Checked<'r> {
    fn new(release: &'r Release, default_genre: Option<&'r str>) -> Result<Checked<'r>, Error> {
        // Validation refused a release without a UPC, an ISRC or a duration before this.
        let upc = release.upc.map(|upc| upc.to_string()).unwrap_or_default();
        let label = release.label.as_deref().ok_or(Error::MissingLabel)?;
        let genre = release
            .genre
            .as_deref()
            .or(default_genre)
            .ok_or(Error::MissingGenre)?;
        let release_type = release.release_type.ok_or(Error::MissingReleaseType)?;
        check_text("release title", &release.title)?;
        check_text("release artist", &release.artist)?;
        check_text("label", label)?;
        check_text("genre", genre)?;
        for (field, text) in [
            ("release version", &release.version),
            ("catalog number", &release.catalog_number),
            ("p line", &release.p_line),
            ("c line", &release.c_line),
        ] {
            if let Some(text) = text {
                check_text(field, text)?;
            }
        }
        let mut artists = vec![release.artist.as_str()];
        let mut artist_index = HashMap::from([(release.artist.as_str(), 0)]);
        for track in &release.tracks {
            let (disc, number) = (track.disc, track.number);
            let place = |what: &str| format!("track {disc}-{number} {what}");
            check_text(&place("title"), &track.title)?;
            if let Some(version) = &track.version {
                check_text(&place("version"), version)?;
            }
            if let Some(artist) = &track.artist {
                check_text(&place("artist"), artist)?;
                artist_index.entry(artist.as_str()).or_insert_with(|| {
                    artists.push(artist);
                    artists.len() - 1
                });
            }
        }
        let mut order: Vec<usize> = (0..release.tracks.len()).collect();
        order.sort_by_key(|&i| (release.tracks[i].disc, release.tracks[i].number));
        Ok(Checked {
            upc,
            label,
            genre,
            release_type,
            artists,
            artist_index,
            order,
        })
    }

    /// The 0-based party index of a track's display artist.
    fn artist_of(&self, track: &Track) -> usize {
        track
            .artist
            .as_deref()
            .and_then(|artist| self.artist_index.get(artist).copied())
            .unwrap_or(0)
    }

    /// The 0-based party index of the label (after the artists).
    fn label_party(&self) -> usize {
        self.artists.len()
    }
}

/// Refuses the characters XML 1.0 cannot carry (C0 controls other than tab and line feed; a
/// carriage return would come back as a line feed).
pub(crate) fn check_text(field: &str, text: &str) -> Result<(), Error> {
    match text
        .chars()
        .find(|&c| (c < ' ' && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}')
    {
        Some(found) => Err(Error::UnwritableText {
            field: field.to_owned(),
            found,
        }),
        None => Ok(()),
    }
}

struct Ern<'w, W: io::Write> {
    writer: &'w mut Writer<W>,
    /// Reused for references and numbers, so writing allocates almost nothing.
    scratch: String,
}

impl<W: io::Write> Ern<'_, W> {
    fn start(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::Start(BytesStart::new(name)))
    }

    fn start_with(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Start(start))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    fn leaf(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.writer
            .create_element(name)
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    fn leaf_with(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.writer
            .create_element(name)
            .with_attributes(attributes.iter().copied())
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    /// A leaf whose text is formatted into the reused scratch buffer.
    fn leaf_formatted(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: std::fmt::Arguments<'_>,
    ) -> io::Result<()> {
        let mut buffer = std::mem::take(&mut self.scratch);
        buffer.clear();
        // Writing into a String cannot fail.
        let _ = buffer.write_fmt(text);
        let result = self.leaf_with(name, attributes, &buffer);
        self.scratch = buffer;
        result
    }

    /// `<outer><inner>text</inner></outer>`, as `PLine`, `CLine`, `Genre` and `PartyName` hold
    /// their one text.
    fn wrapped(&mut self, outer: &str, inner: &str, text: &str) -> io::Result<()> {
        self.start(outer)?;
        self.leaf(inner, text)?;
        self.end(outer)
    }

    /// A leaf whose text is `prefix` followed by `number` (`A12`, `R3`, `7`).
    fn numbered(&mut self, name: &str, prefix: &str, number: usize) -> io::Result<()> {
        self.leaf_formatted(name, &[], format_args!("{prefix}{number}"))
    }

    fn message(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
        deals: &[Deal],
    ) -> Result<(), Error> {
        self.writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        // 4.3 has no MessageSchemaVersionId (the XSD rejects it); AvsVersionId and
        // LanguageAndScriptCode are required.
        self.start_with(
            "ern:NewReleaseMessage",
            &[
                ("xmlns:ern", NAMESPACE),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", SCHEMA_LOCATION),
                ("LanguageAndScriptCode", header.language.as_str()),
                ("AvsVersionId", AVS_VERSION),
            ],
        )?;
        self.header(header)?;
        self.parties(checked)?;
        self.resources(release, checked)?;
        self.start("ReleaseList")?;
        self.main_release(release, checked, header)?;
        self.track_releases(release, checked, header)?;
        self.end("ReleaseList")?;
        if !deals.is_empty() {
            self.deals(release, deals)?;
        }
        self.end("ern:NewReleaseMessage")?;
        Ok(())
    }

    fn header(&mut self, header: &MessageHeader) -> io::Result<()> {
        self.start("MessageHeader")?;
        self.leaf("MessageId", &header.message_id)?;
        self.messaging_party("MessageSender", &header.sender)?;
        self.messaging_party("MessageRecipient", &header.recipient)?;
        self.leaf("MessageCreatedDateTime", header.created.as_str())?;
        self.end("MessageHeader")
    }

    fn messaging_party(&mut self, name: &str, party: &MessageParty) -> io::Result<()> {
        self.start(name)?;
        self.leaf("PartyId", party.dpid.as_str())?;
        if let Some(full_name) = &party.name {
            self.wrapped("PartyName", "FullName", full_name)?;
        }
        self.end(name)
    }

    fn parties(&mut self, checked: &Checked<'_>) -> io::Result<()> {
        self.start("PartyList")?;
        let names = checked.artists.iter().copied().chain([checked.label]);
        for (index, name) in names.enumerate() {
            self.start("Party")?;
            self.numbered("PartyReference", "P", index + 1)?;
            self.wrapped("PartyName", "FullName", name)?;
            self.end("Party")?;
        }
        self.end("PartyList")
    }

    /// `DisplayTitleText` and `DisplayTitle`: the title, and the version as a `SubTitle` of
    /// type `Version` (the text form shows it in parentheses, as DSPs display it).
    fn titles(&mut self, title: &str, version: Option<&str>) -> io::Result<()> {
        match version {
            Some(version) => {
                self.leaf_formatted("DisplayTitleText", &[], format_args!("{title} ({version})"))?;
            }
            None => self.leaf("DisplayTitleText", title)?,
        }
        self.start_with("DisplayTitle", &[("IsDefault", "true")])?;
        self.leaf("TitleText", title)?;
        if let Some(version) = version {
            self.leaf_with("SubTitle", &[("SubTitleType", "Version")], version)?;
        }
        self.end("DisplayTitle")
    }

    /// `DisplayArtistName` and one sequenced `DisplayArtist` referring to its party.
    fn artist(&mut self, name: &str, party: usize) -> io::Result<()> {
        self.leaf("DisplayArtistName", name)?;
        self.start_with("DisplayArtist", &[("SequenceNumber", "1")])?;
        self.numbered("ArtistPartyReference", "P", party + 1)?;
        self.leaf("DisplayArtistRole", "MainArtist")?;
        self.end("DisplayArtist")
    }

    fn parental_warning(&mut self, explicit: bool) -> io::Result<()> {
        let value = if explicit { "Explicit" } else { "NotExplicit" };
        self.leaf("ParentalWarningType", value)
    }

    fn resources(&mut self, release: &Release, checked: &Checked<'_>) -> io::Result<()> {
        self.start("ResourceList")?;
        for (index, track) in release.tracks.iter().enumerate() {
            self.start("SoundRecording")?;
            self.numbered("ResourceReference", "A", index + 1)?;
            self.leaf("Type", "MusicalWorkSoundRecording")?;
            self.start("SoundRecordingEdition")?;
            self.start("ResourceId")?;
            // Checked: every track has an ISRC.
            if let Some(code) = track.isrc {
                self.leaf_formatted("ISRC", &[], format_args!("{code}"))?;
            }
            self.end("ResourceId")?;
            if let Some(p_line) = &release.p_line {
                self.wrapped("PLine", "PLineText", p_line)?;
            }
            self.end("SoundRecordingEdition")?;
            self.titles(&track.title, track.version.as_deref())?;
            self.artist(track.artist_or(&release.artist), checked.artist_of(track))?;
            if let Some(duration) = track.duration {
                self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(duration)))?;
            }
            self.parental_warning(track.explicit)?;
            self.end("SoundRecording")?;
        }
        self.end("ResourceList")
    }

    fn main_release(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
    ) -> io::Result<()> {
        self.start("Release")?;
        self.leaf("ReleaseReference", "R0")?;
        let release_type = match checked.release_type {
            ReleaseType::Single => "Single",
            ReleaseType::Ep => "EP",
            // A compilation is an album flagged as a compilation below (Spotify's ERN 4
            // notes: a UserDefined type or IsMultiArtistCompilation).
            _ => "Album",
        };
        self.leaf("ReleaseType", release_type)?;
        self.start("ReleaseId")?;
        self.leaf("ICPN", &checked.upc)?;
        if let Some(catalog_number) = &release.catalog_number {
            self.leaf_with(
                "CatalogNumber",
                &[("Namespace", header.sender.dpid.as_str())],
                catalog_number,
            )?;
        }
        self.end("ReleaseId")?;
        self.titles(&release.title, release.version.as_deref())?;
        self.artist(&release.artist, 0)?;
        self.numbered("ReleaseLabelReference", "P", checked.label_party() + 1)?;
        if let Some(p_line) = &release.p_line {
            self.wrapped("PLine", "PLineText", p_line)?;
        }
        if let Some(c_line) = &release.c_line {
            self.wrapped("CLine", "CLineText", c_line)?;
        }
        if let Some(total) = release.total_duration() {
            self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(total)))?;
        }
        self.wrapped("Genre", "GenreText", checked.genre)?;
        if let Some(date) = release.release_date {
            self.leaf_formatted("ReleaseDate", &[], format_args!("{date}"))?;
        }
        if let Some(date) = release.original_release_date {
            self.leaf_formatted("OriginalReleaseDate", &[], format_args!("{date}"))?;
        }
        self.parental_warning(release.explicit)?;
        if checked.release_type == ReleaseType::Compilation {
            let one_artist = release
                .tracks
                .iter()
                .all(|t| t.artist_or(&release.artist) == release.artist);
            let flag = if one_artist {
                "IsSingleArtistCompilation"
            } else {
                "IsMultiArtistCompilation"
            };
            self.leaf(flag, "true")?;
        }
        self.resource_groups(release, checked)?;
        self.end("Release")
    }

    /// One `Component` group per disc, its items in track order. DDEX KB "Sequencing
    /// resources": discs are sub-groups with a `SequenceNumber`; numbering restarts per disc.
    fn resource_groups(&mut self, release: &Release, checked: &Checked<'_>) -> io::Result<()> {
        self.start("ResourceGroup")?;
        let mut current_disc = None;
        for &index in &checked.order {
            let track = &release.tracks[index];
            if current_disc != Some(track.disc) {
                if current_disc.is_some() {
                    self.end("ResourceGroup")?;
                }
                self.start_with("ResourceGroup", &[("ResourceGroupType", "Component")])?;
                self.numbered("SequenceNumber", "", track.disc as usize)?;
                current_disc = Some(track.disc);
            }
            self.start("ResourceGroupContentItem")?;
            self.numbered("SequenceNumber", "", track.number as usize)?;
            self.numbered("ReleaseResourceReference", "A", index + 1)?;
            self.end("ResourceGroupContentItem")?;
        }
        if current_disc.is_some() {
            self.end("ResourceGroup")?;
        }
        self.end("ResourceGroup")
    }

    /// One `TrackRelease` per track. DDEX KB "TrackReleases": a 10-track album is 11
    /// releases; the recommended id is the proprietary `UPC_ISRC` (RP 2.1 rule 1046-1: not
    /// `ReleaseId/ISRC`).
    fn track_releases(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
    ) -> io::Result<()> {
        let namespace = [("Namespace", header.sender.dpid.as_str())];
        let upc = &checked.upc;
        for (index, track) in release.tracks.iter().enumerate() {
            self.start("TrackRelease")?;
            self.numbered("ReleaseReference", "R", index + 1)?;
            self.start("ReleaseId")?;
            // Checked: every track has an ISRC.
            if let Some(code) = track.isrc {
                self.leaf_formatted("ProprietaryId", &namespace, format_args!("{upc}_{code}"))?;
            }
            self.end("ReleaseId")?;
            self.numbered("ReleaseResourceReference", "A", index + 1)?;
            self.numbered("ReleaseLabelReference", "P", checked.label_party() + 1)?;
            self.wrapped("Genre", "GenreText", checked.genre)?;
            self.end("TrackRelease")?;
        }
        Ok(())
    }

    fn deals(&mut self, release: &Release, deals: &[Deal]) -> io::Result<()> {
        self.start("DealList")?;
        self.start("ReleaseDeal")?;
        self.leaf("DealReleaseReference", "R0")?;
        for index in 0..release.tracks.len() {
            self.numbered("DealReleaseReference", "R", index + 1)?;
        }
        for deal in deals {
            self.start("Deal")?;
            self.start("DealTerms")?;
            for territory in &deal.territories {
                self.leaf("TerritoryCode", territory.as_str())?;
            }
            self.start("ValidityPeriod")?;
            self.leaf_formatted("StartDate", &[], format_args!("{}", deal.start_date))?;
            if let Some(end) = deal.end_date {
                self.leaf_formatted("EndDate", &[], format_args!("{end}"))?;
            }
            self.end("ValidityPeriod")?;
            for model in &deal.commercial_model_types {
                self.leaf("CommercialModelType", model.as_str())?;
            }
            for use_type in &deal.use_types {
                self.leaf("UseType", use_type.as_str())?;
            }
            self.end("DealTerms")?;
            self.end("Deal")?;
        }
        self.end("ReleaseDeal")?;
        self.end("DealList")
    }
}
