//! Writing a `NewReleaseMessage`: the options, the checks every version shares (validation,
//! the release profile's rules, the fields ERN requires), and a small layer over quick-xml's
//! writer that keeps every element in the order of the schema's `xs:sequence`s. Each family's
//! module writes its version's structure with it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::credits::CreditParties;
use crate::{Action, Deal, ErnVersion, Error, Family, MessageHeader, ResourceFiles};
use release_model::{Contributor, Finding, Location, Release, ReleaseType, Report, Track};

/// What goes into a message besides the release and the header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportOptions {
    /// The ERN version written: 4.3 (the default) or 3.8.2.
    pub ern: ErnVersion,
    /// The deals, written as one `ReleaseDeal` for the release and its track releases; none
    /// writes no `DealList`.
    pub deals: Vec<Deal>,
    /// The genre to write when the release has none. ERN 4.3 requires a `Genre` on every
    /// release; without this a release without a genre is refused ([`Error::MissingGenre`]).
    pub default_genre: Option<String>,
    /// The files delivered with the message: each track's audio and the cover, written into
    /// the resources' technical details (ERN 4.3: `TechnicalDetails/DeliveryFile/File` with
    /// `URI`, MD5 `HashSum` and `FileSize`; ERN 3.8.2: `TechnicalSoundRecordingDetails/File`
    /// with `FileName`, `FilePath` and `HashSum`). None by default: the message names no files
    /// but the cover's path.
    pub files: ResourceFiles,
    /// What the message asks of its recipient: [`Action::Insert`] (the default), or, for a
    /// release delivered before, [`Action::Update`] or [`Action::Takedown`] (see
    /// [`ExportOptions::action`] for how each version says it).
    pub action: Action,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            ern: ErnVersion::V4_3,
            deals: Vec::new(),
            default_genre: None,
            files: ResourceFiles::default(),
            action: Action::Insert,
        }
    }
}

impl ExportOptions {
    /// ERN 4.3, no deals, no default genre.
    #[must_use]
    pub fn new() -> ExportOptions {
        ExportOptions::default()
    }

    /// Sets the ERN version to write ([`ErnVersion::WRITE`] lists them).
    #[must_use]
    pub fn ern(mut self, version: ErnVersion) -> ExportOptions {
        self.ern = version;
        self
    }

    /// Sets the deals.
    #[must_use]
    pub fn deals(mut self, deals: Vec<Deal>) -> ExportOptions {
        self.deals = deals;
        self
    }

    /// Sets the files delivered with the message.
    #[must_use]
    pub fn files(mut self, files: ResourceFiles) -> ExportOptions {
        self.files = files;
        self
    }

    /// Sets what the message asks of its recipient. A message is always a whole
    /// `NewReleaseMessage`; the versions say update and takedown differently:
    ///
    /// - ERN 3.8.2: an update and a takedown carry `UpdateIndicator` `UpdateMessage`, and a
    ///   takedown's one deal is `DealTerms/TakeDown` `true`, worldwide, from the day the message
    ///   is created (both elements are deprecated in 3.8.2 but still in its schema, and they
    ///   are what ERN 3 recipients read);
    /// - ERN 4.3 has neither: an update is the release's whole message again (ERN 4 dropped
    ///   `UpdateIndicator`: the recipient checks whether it holds the release, DDEX knowledge
    ///   base page 327772), and a takedown is the release's message **without a `DealList`**,
    ///   the form the ERN 4.3 standard (Part 1, §6.19.4 "Take-downs and reduction of
    ///   distribution rights", and §6.19.7 before the release date) calls sufficient ("No
    ///   Deal = No deal"); its other form, a deal with an `EndDate` in the past, is read too.
    ///   The deals of `options` are not written in a takedown.
    ///
    /// In a delivery batch the manifest's `DeliveryType` says it as well (`NewReleaseDelivery`,
    /// `ReDelivery`, `TakeDown`), which is what tells a 4.3 takedown from a first delivery
    /// that offers no deal yet.
    #[must_use]
    pub fn action(mut self, action: Action) -> ExportOptions {
        self.action = action;
        self
    }

    /// Sets the genre written for a release without one.
    #[must_use]
    pub fn default_genre(mut self, genre: impl Into<String>) -> ExportOptions {
        self.default_genre = Some(genre.into());
        self
    }
}

/// Writes the `NewReleaseMessage` of the version `options.ern` (4.3 unless set) for `release`
/// to `out` and returns the release's report: its validation findings and the release
/// profile's ([`profile`](crate::profile)), warnings only, and an info finding for each
/// part of the credits the version leaves out (`ddex.export.*`, see [`carried`](crate::carried)).
///
/// ERN 4.3 (Release Profile 2.1 `Audio`): a `PartyList` (the artists and the label), one
/// `SoundRecording` per track (`A1`, `A2`, … in the order of `release.tracks`), the main
/// `Release` (`R0`) with one `Component` resource group per disc, one `TrackRelease` per track
/// (`R1`, …, identified by the proprietary id `UPC_ISRC` in the sender's namespace) and, when
/// `options` has deals, a `DealList` with one `ReleaseDeal` covering the main release and
/// every track release.
///
/// ERN 3.8.2 (Release Profile 1.4 `AudioAlbum` or `AudioSingle`): the same resources and
/// releases in ERN 3's shape — each with its worldwide `…DetailsByTerritory`, artists named
/// inline, the main release marked `IsMainRelease`, one `TrackRelease` per track.
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
/// - [`Error::UnwritableVersion`] for a version the writer does not produce;
/// - [`Error::UnwritableAction`] for [`Action::Purge`] (a `PurgeReleaseMessage`);
/// - [`Error::Invalid`] with the full report when validation or the release profile finds
///   errors;
/// - [`Error::MissingLabel`], [`Error::MissingGenre`], [`Error::MissingReleaseType`] for a
///   field ERN requires that the release lacks (a missing UPC, ISRC or duration is a
///   validation error, so [`Error::Invalid`]);
/// - [`Error::UnwritableText`] for a control character in a text;
/// - [`Error::InvalidHeader`], [`Error::IncompleteDeal`] for a bad header or deal;
/// - [`Error::Files`] for files the release has no place for;
/// - [`Error::Io`] when writing fails.
pub fn export<W: io::Write>(
    release: &Release,
    header: &MessageHeader,
    options: &ExportOptions,
    out: W,
) -> Result<Report, Error> {
    if !ErnVersion::WRITE.contains(&options.ern) {
        return Err(Error::UnwritableVersion {
            version: options.ern,
        });
    }
    if options.action == Action::Purge {
        return Err(Error::UnwritableAction {
            action: options.action,
        });
    }
    header.check()?;
    for deal in &options.deals {
        deal.check()?;
    }
    options
        .files
        .check(release.tracks.len(), release.cover.is_some())?;
    let mut report = release.validate();
    crate::profile::check(release, options, &mut report);
    crate::carry::note_left_out(release, options.ern, &mut report);
    note_example_parties(header, release, &mut report);
    if report.has_errors() {
        return Err(Error::Invalid {
            report: Box::new(report),
        });
    }
    let checked = Checked::new(release, options.default_genre.as_deref())?;
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    let mut xml = Xml {
        writer: &mut writer,
        scratch: String::with_capacity(64),
    };
    match options.ern.family() {
        Family::Ern4 => xml.ern43_message(release, &checked, header, options)?,
        Family::Ern3 => xml.ern382_message(release, &checked, header, options)?,
    }
    Ok(report)
}

/// A warning for a sender or recipient whose DPID is one DDEX's Knowledge Base prints as an
/// example (`dpid.documentation_example`, the `grid` crate's lint): the message is well
/// formed, but it names no real party, so no recipient would take it.
fn note_example_parties(header: &MessageHeader, release: &Release, report: &mut Report) {
    for (role, party) in [("sender", &header.sender), ("recipient", &header.recipient)] {
        if let Ok(dpid) = party.dpid.as_str().parse::<grid::Dpid>()
            && let Some(warning) = dpid.lint()
        {
            report.push(Finding::new(
                release_model::rules::lint(warning.rule()),
                Location::release(0, release.upc),
                format!(
                    "the message {role}'s dpid {dpid}: {warning}: the message names no real party"
                ),
            ));
        }
    }
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
pub(crate) struct Checked<'r> {
    pub(crate) upc: String,
    pub(crate) label: &'r str,
    pub(crate) genre: &'r str,
    pub(crate) release_type: ReleaseType,
    /// Party reference index (`P1` is 0) of each distinct artist name, release artist first.
    pub(crate) artists: Vec<&'r str>,
    artist_index: HashMap<&'r str, usize>,
    /// Track indices in (disc, number) order.
    pub(crate) order: Vec<usize>,
    /// The credited parties, after the label.
    pub(crate) credits: CreditParties<'r>,
}

impl<'r> Checked<'r> {
    pub(crate) fn new(
        release: &'r Release,
        default_genre: Option<&'r str>,
    ) -> Result<Checked<'r>, Error> {
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
        let writers = release
            .tracks
            .iter()
            .filter_map(|track| track.work.as_ref())
            .flat_map(|work| &work.writers);
        let credited = release
            .contributors
            .iter()
            .chain(release.tracks.iter().flat_map(|track| &track.contributors))
            .chain(writers);
        for contributor in credited {
            check_text("contributor", &contributor.name)?;
            for role in &contributor.roles {
                check_text("role", role.as_str())?;
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
            credits: CreditParties::of(release, |name| artist_index.contains_key(name)),
            artist_index,
            order,
        })
    }

    /// The 0-based party index of a track's display artist.
    pub(crate) fn artist_of(&self, track: &Track) -> usize {
        track
            .artist
            .as_deref()
            .and_then(|artist| self.artist_index.get(artist).copied())
            .unwrap_or(0)
    }

    /// The 0-based party index of the label (after the artists).
    pub(crate) fn label_party(&self) -> usize {
        self.artists.len()
    }

    /// The 0-based party index of a contributor (after the label).
    pub(crate) fn credit_party(&self, contributor: &Contributor) -> usize {
        match self.credits.of_contributor(contributor) {
            Some(index) => self.label_party() + 1 + index,
            None => self
                .artist_index
                .get(contributor.name.as_str())
                .copied()
                .unwrap_or(0),
        }
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

pub(crate) struct Xml<'w, W: io::Write> {
    pub(crate) writer: &'w mut Writer<W>,
    /// Reused for references and numbers, so writing allocates almost nothing.
    pub(crate) scratch: String,
}

impl<W: io::Write> Xml<'_, W> {
    pub(crate) fn start(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::Start(BytesStart::new(name)))
    }

    pub(crate) fn start_with(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Start(start))
    }

    pub(crate) fn end(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    pub(crate) fn leaf(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.writer
            .create_element(name)
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    pub(crate) fn leaf_with(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.writer
            .create_element(name)
            .with_attributes(attributes.iter().copied())
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    /// A leaf whose text is formatted into the reused scratch buffer.
    pub(crate) fn leaf_formatted(
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
    pub(crate) fn wrapped(&mut self, outer: &str, inner: &str, text: &str) -> io::Result<()> {
        self.start(outer)?;
        self.leaf(inner, text)?;
        self.end(outer)
    }

    /// A leaf whose text is `prefix` followed by `number` (`A12`, `R3`, `7`).
    pub(crate) fn numbered(&mut self, name: &str, prefix: &str, number: usize) -> io::Result<()> {
        self.leaf_formatted(name, &[], format_args!("{prefix}{number}"))
    }
}
