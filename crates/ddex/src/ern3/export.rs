//! Writing ERN 3.8.2 in the shape Release Profile 1.4 asks of an Audio Album or Audio Single:
//! every resource and release with one worldwide `…DetailsByTerritory`, artists named inline,
//! the main release marked `IsMainRelease`, and one `TrackRelease` per primary resource.

use std::io;

use quick_xml::events::{BytesDecl, Event};

use crate::credits::{ern3_credits, is_display};
use crate::read::message::IPI_NAMESPACES;
use crate::write::{Checked, Xml};
use crate::{
    Action, Deal, ErnVersion, Error, ExportOptions, Family, MessageHeader, MessageParty,
    ResourceFiles,
};
use release_model::duration::Iso8601;
use release_model::{Contributor, Release, ReleaseType, Role, Track};

/// The model's named roles that are values of ERN 3.8.2's `ResourceContributorRole` (AVS of
/// 2016-10-06; `MainArtist` and `FeaturedArtist` are written as `DisplayArtist`s). The
/// others, writers among them, are written `UserDefined` with the role as their
/// `UserDefinedValue`: the 3.8.2 list has no `Composer`, `Lyricist`, `Arranger`, `Remixer`
/// or engineer.
const RESOURCE_CONTRIBUTOR_ROLES: [&str; 4] = ["Producer", "Conductor", "Orchestra", "Soloist"];

/// The model's named roles that are values of ERN 3.8.2's `IndirectResourceContributorRole`
/// (`MusicalWorkContributorRole`, the union of the AVS's creative and business contributor
/// roles).
const WORK_CONTRIBUTOR_ROLES: [&str; 4] = ["Composer", "Lyricist", "ComposerLyricist", "Arranger"];

/// The `xsi:schemaLocation` DDEX gives ERN 3.8.2 messages.
const SCHEMA_LOCATION: &str =
    "http://ddex.net/xml/ern/382 http://ddex.net/xml/ern/382/release-notification.xsd";

/// The Release Profile 1.4 a release is written under: Audio Single for a single, Audio Album
/// for the rest (RP 1.4 has no EP or compilation profile; those are albums, rule 1141-1).
pub(crate) fn profile_version_id(release_type: ReleaseType) -> &'static str {
    match release_type {
        // RP 1.4 Audio Single, rule 1056-1.
        ReleaseType::Single => "CommonReleaseTypes/14/AudioSingle",
        // RP 1.4 Audio Album, rule 1129-1.
        _ => "CommonReleaseTypes/14/AudioAlbum",
    }
}

impl<W: io::Write> Xml<'_, W> {
    pub(crate) fn ern382_message(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
        options: &ExportOptions,
    ) -> Result<(), Error> {
        let deals = &options.deals;
        self.writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let namespace = ErnVersion::V3_8_2.namespace();
        self.start_with(
            "ern:NewReleaseMessage",
            &[
                ("xmlns:ern", namespace.as_str()),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", SCHEMA_LOCATION),
                ("MessageSchemaVersionId", "ern/382"),
                (
                    "ReleaseProfileVersionId",
                    profile_version_id(checked.release_type),
                ),
                ("LanguageAndScriptCode", header.language.as_str()),
            ],
        )?;
        self.start("MessageHeader")?;
        self.leaf("MessageId", &header.message_id)?;
        self.party_382("MessageSender", &header.sender)?;
        self.party_382("MessageRecipient", &header.recipient)?;
        self.leaf("MessageCreatedDateTime", header.created.as_str())?;
        self.end("MessageHeader")?;
        if options.action != Action::Insert {
            self.leaf("UpdateIndicator", "UpdateMessage")?;
        }
        self.resources_382(release, checked, header, &options.files)?;
        self.start("ReleaseList")?;
        self.main_release_382(release, checked, header)?;
        for (index, track) in release.tracks.iter().enumerate() {
            self.track_release_382(release, checked, index, track)?;
        }
        self.end("ReleaseList")?;
        if options.action == Action::Takedown {
            self.takedown_382(release, header)?;
        } else if !deals.is_empty() {
            self.deals_382(release, deals)?;
        }
        self.end("ern:NewReleaseMessage")?;
        Ok(())
    }

    fn party_382(&mut self, name: &str, party: &MessageParty) -> io::Result<()> {
        self.start(name)?;
        self.leaf("PartyId", party.dpid.as_str())?;
        if let Some(full_name) = &party.name {
            self.wrapped("PartyName", "FullName", full_name)?;
        }
        self.end(name)
    }

    /// `TitleText` and, for a version, `SubTitle`: the content of `ReferenceTitle` and
    /// `Title`.
    fn title_parts_382(&mut self, title: &str, version: Option<&str>) -> io::Result<()> {
        self.leaf("TitleText", title)?;
        if let Some(version) = version {
            self.leaf("SubTitle", version)?;
        }
        Ok(())
    }

    /// A track's ISRC in its id composite (`SoundRecordingId`, `ReleaseId`), the reference
    /// (`A1`, `R1`) and the `ReferenceTitle`: how a sound recording and its track release
    /// both begin.
    fn isrc_and_title_382(
        &mut self,
        id: &str,
        track: &Track,
        reference: &str,
        prefix: &str,
        index: usize,
    ) -> io::Result<()> {
        self.start(id)?;
        // Validation refused a track without an ISRC before this.
        if let Some(code) = track.isrc {
            self.leaf_formatted("ISRC", &[], format_args!("{code}"))?;
        }
        self.end(id)?;
        // A sound recording's work: `IndirectSoundRecordingId` follows `SoundRecordingId`.
        if id == "SoundRecordingId"
            && let Some(iswc) = track.work.as_ref().and_then(|work| work.iswc)
        {
            self.start("IndirectSoundRecordingId")?;
            self.leaf_formatted("ISWC", &[], format_args!("{iswc}"))?;
            self.end("IndirectSoundRecordingId")?;
        }
        self.numbered(reference, prefix, index + 1)?;
        self.start("ReferenceTitle")?;
        self.title_parts_382(&track.title, track.version.as_deref())?;
        self.end("ReferenceTitle")
    }

    /// The formal and the display title (RP 1.4 rules 1088-1 and 1089-1 ask for both).
    fn titles_382(&mut self, title: &str, version: Option<&str>) -> io::Result<()> {
        for kind in ["FormalTitle", "DisplayTitle"] {
            self.start_with("Title", &[("TitleType", kind)])?;
            self.title_parts_382(title, version)?;
            self.end("Title")?;
        }
        Ok(())
    }

    /// The display artist as the `DisplayArtist` numbered 1, named inline (RP 1.4 rules
    /// 1123-1, 1125-1), then each credit with a display role (main and featured artist) as a
    /// further `DisplayArtist` with those roles, numbered on from 2 (rule 1745-1: the
    /// numbers of one element run from 1). `credits` is in ERN 3's order ([`ern3_credits`]).
    fn display_artist_382(&mut self, name: &str, credits: &[Contributor]) -> io::Result<()> {
        self.start_with("DisplayArtist", &[("SequenceNumber", "1")])?;
        self.wrapped("PartyName", "FullName", name)?;
        self.leaf("ArtistRole", "MainArtist")?;
        self.end("DisplayArtist")?;
        let displayed = credits
            .iter()
            .filter(|contributor| contributor.roles.iter().any(is_display));
        for (index, contributor) in displayed.enumerate() {
            let sequence = (index + 2).to_string();
            self.start_with("DisplayArtist", &[("SequenceNumber", sequence.as_str())])?;
            self.credited_party_382(contributor)?;
            for role in contributor.roles.iter().filter(|role| is_display(role)) {
                self.leaf("ArtistRole", role.as_str())?;
            }
            self.end("DisplayArtist")?;
        }
        Ok(())
    }

    /// A credited party named inline: `PartyName`, then its ISNI as a `PartyId` flagged
    /// `IsISNI` and its IPI name number as a `PartyId` in the namespace `IPI` (ERN 3 has no
    /// IPI element; a `PartyId` without a namespace would be a DPID).
    fn credited_party_382(&mut self, contributor: &Contributor) -> io::Result<()> {
        self.wrapped("PartyName", "FullName", &contributor.name)?;
        if let Some(isni) = contributor.isni {
            self.leaf_formatted("PartyId", &[("IsISNI", "true")], format_args!("{isni}"))?;
        }
        if let Some(ipi) = contributor.ipi {
            self.leaf_formatted(
                "PartyId",
                &[("Namespace", IPI_NAMESPACES[0])],
                format_args!("{ipi}"),
            )?;
        }
        Ok(())
    }

    /// A role as the element `name`: its own value when `allowed` (the AVS values the
    /// element takes) has it, else `UserDefined` with the role as its `UserDefinedValue`.
    ///
    /// A user-defined value names its `Namespace`, the sender's DPID (RP 1.4 rule 1741-2,
    /// a Fatal Error).
    fn role_382(
        &mut self,
        name: &str,
        role: &Role,
        allowed: &[&str],
        namespace: &str,
    ) -> io::Result<()> {
        match role {
            Role::Other(_) => {}
            named if allowed.contains(&named.as_str()) => return self.leaf(name, named.as_str()),
            _ => {}
        }
        let attributes = [
            ("Namespace", namespace),
            ("UserDefinedValue", role.as_str()),
        ];
        self.leaf_with(name, &attributes, "UserDefined")
    }

    /// The credits' other roles, one `ResourceContributor` per credit that has any (or no
    /// role at all), numbered from 1; then the work's writers, one
    /// `IndirectResourceContributor` each, numbered from 1. Both lists in ERN 3's order
    /// ([`ern3_credits`]): one element per party (RP 1.4 rules 1721-1, 1723-1).
    fn contributors_382(
        &mut self,
        namespace: &str,
        credits: &[Contributor],
        writers: &[Contributor],
    ) -> io::Result<()> {
        let others = credits.iter().filter(|contributor| {
            contributor.roles.is_empty() || !contributor.roles.iter().all(is_display)
        });
        for (index, contributor) in others.enumerate() {
            let sequence = (index + 1).to_string();
            self.start_with(
                "ResourceContributor",
                &[("SequenceNumber", sequence.as_str())],
            )?;
            self.credited_party_382(contributor)?;
            for role in contributor.roles.iter().filter(|role| !is_display(role)) {
                self.role_382(
                    "ResourceContributorRole",
                    role,
                    &RESOURCE_CONTRIBUTOR_ROLES,
                    namespace,
                )?;
            }
            self.end("ResourceContributor")?;
        }
        for (index, writer) in writers.iter().enumerate() {
            let sequence = (index + 1).to_string();
            self.start_with(
                "IndirectResourceContributor",
                &[("SequenceNumber", sequence.as_str())],
            )?;
            self.credited_party_382(writer)?;
            for role in &writer.roles {
                self.role_382(
                    "IndirectResourceContributorRole",
                    role,
                    &WORK_CONTRIBUTOR_ROLES,
                    namespace,
                )?;
            }
            self.end("IndirectResourceContributor")?;
        }
        Ok(())
    }

    fn parental_warning_382(&mut self, explicit: bool) -> io::Result<()> {
        let value = if explicit { "Explicit" } else { "NotExplicit" };
        self.leaf("ParentalWarningType", value)
    }

    fn resources_382(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
        files: &ResourceFiles,
    ) -> io::Result<()> {
        self.start("ResourceList")?;
        for (index, track) in release.tracks.iter().enumerate() {
            self.start("SoundRecording")?;
            self.leaf("SoundRecordingType", "MusicalWorkSoundRecording")?;
            self.isrc_and_title_382("SoundRecordingId", track, "ResourceReference", "A", index)?;
            if let Some(duration) = track.duration {
                self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(duration)))?;
            }
            self.start("SoundRecordingDetailsByTerritory")?;
            self.leaf("TerritoryCode", "Worldwide")?;
            self.titles_382(&track.title, track.version.as_deref())?;
            // No DisplayArtistName on a resource: RP 1.4 rule 1102-1.
            let credits = ern3_credits(&track.contributors, true);
            self.display_artist_382(track.artist_or(&release.artist), &credits)?;
            let writers = track
                .work
                .as_ref()
                .map_or(&[][..], |work| &work.writers[..]);
            self.contributors_382(
                header.sender.dpid.as_str(),
                &credits,
                &ern3_credits(writers, false),
            )?;
            if let Some(p_line) = &release.p_line {
                self.wrapped("PLine", "PLineText", p_line)?;
            }
            self.parental_warning_382(track.explicit)?;
            if let Some(Some(audio)) = files.tracks.get(index) {
                self.start("TechnicalSoundRecordingDetails")?;
                self.numbered("TechnicalResourceDetailsReference", "T", index + 1)?;
                self.audio_file(audio, Family::Ern3)?;
                self.end("TechnicalSoundRecordingDetails")?;
            }
            self.end("SoundRecordingDetailsByTerritory")?;
            self.end("SoundRecording")?;
        }
        if let Some(cover) = &release.cover {
            // RP 1.4 rules 1133-1/1060-1 (one image), 1144-1 (a proprietary id).
            self.start("Image")?;
            self.leaf("ImageType", "FrontCoverImage")?;
            self.start("ImageId")?;
            self.leaf_formatted(
                "ProprietaryId",
                &[("Namespace", header.sender.dpid.as_str())],
                format_args!("{}_cover", checked.upc),
            )?;
            self.end("ImageId")?;
            self.numbered("ResourceReference", "A", release.tracks.len() + 1)?;
            self.start("ImageDetailsByTerritory")?;
            self.leaf("TerritoryCode", "Worldwide")?;
            self.start("TechnicalImageDetails")?;
            self.cover_details(release.tracks.len(), cover, &files.cover, Family::Ern3)?;
            self.end("TechnicalImageDetails")?;
            self.end("ImageDetailsByTerritory")?;
            self.end("Image")?;
        }
        self.end("ResourceList")
    }

    /// The `ReleaseDetailsByTerritory` every release has: worldwide, with the display
    /// artist, label, titles, parental warning, track list and genre.
    #[allow(clippy::too_many_arguments)]
    fn release_details_382(
        &mut self,
        artist: &str,
        credits: &[Contributor],
        checked: &Checked<'_>,
        title: &str,
        version: Option<&str>,
        explicit: bool,
        compilation: bool,
        group: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        self.start("ReleaseDetailsByTerritory")?;
        self.leaf("TerritoryCode", "Worldwide")?;
        self.leaf("DisplayArtistName", artist)?;
        self.leaf("LabelName", checked.label)?;
        self.titles_382(title, version)?;
        // A release's details have display artists but no contributor: its credits' other
        // roles have no place (the export's report names them).
        self.display_artist_382(artist, credits)?;
        if compilation {
            self.leaf("IsMultiArtistCompilation", "true")?;
        }
        self.parental_warning_382(explicit)?;
        group(self)?;
        self.wrapped("Genre", "GenreText", checked.genre)?;
        Ok(())
    }

    /// The ℗ and © lines, on the release itself and so on no territory (RP 1.4 rule 1017-1).
    fn lines_382(&mut self, release: &Release) -> io::Result<()> {
        if let Some(p_line) = &release.p_line {
            self.wrapped("PLine", "PLineText", p_line)?;
        }
        if let Some(c_line) = &release.c_line {
            self.wrapped("CLine", "CLineText", c_line)?;
        }
        Ok(())
    }

    fn content_item_382(&mut self, sequence: u32, index: usize) -> io::Result<()> {
        self.start("ResourceGroupContentItem")?;
        self.numbered("SequenceNumber", "", sequence as usize)?;
        self.leaf("ResourceType", "SoundRecording")?;
        self.leaf_formatted(
            "ReleaseResourceReference",
            &[("ReleaseResourceType", "PrimaryResource")],
            format_args!("A{}", index + 1),
        )?;
        self.end("ResourceGroupContentItem")
    }

    fn main_release_382(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
    ) -> io::Result<()> {
        self.start_with("Release", &[("IsMainRelease", "true")])?;
        self.start("ReleaseId")?;
        if let Some(grid) = release.grid {
            self.leaf_formatted("GRid", &[], format_args!("{grid}"))?;
        }
        self.leaf("ICPN", &checked.upc)?;
        if let Some(catalog_number) = &release.catalog_number {
            self.leaf_with(
                "CatalogNumber",
                &[("Namespace", header.sender.dpid.as_str())],
                catalog_number,
            )?;
        }
        self.end("ReleaseId")?;
        self.leaf("ReleaseReference", "R0")?;
        self.start("ReferenceTitle")?;
        self.title_parts_382(&release.title, release.version.as_deref())?;
        self.end("ReferenceTitle")?;
        self.start("ReleaseResourceReferenceList")?;
        for &index in &checked.order {
            self.leaf_formatted(
                "ReleaseResourceReference",
                &[("ReleaseResourceType", "PrimaryResource")],
                format_args!("A{}", index + 1),
            )?;
        }
        if release.cover.is_some() {
            self.leaf_formatted(
                "ReleaseResourceReference",
                &[("ReleaseResourceType", "SecondaryResource")],
                format_args!("A{}", release.tracks.len() + 1),
            )?;
        }
        self.end("ReleaseResourceReferenceList")?;
        // The specific type first, so that a reader taking the first it knows keeps it;
        // `Album` for the Audio Album profile (rule 1141-1) after it.
        match checked.release_type {
            ReleaseType::Single => self.leaf("ReleaseType", "Single")?,
            ReleaseType::Ep => {
                self.leaf("ReleaseType", "EP")?;
                self.leaf("ReleaseType", "Album")?;
            }
            _ => self.leaf("ReleaseType", "Album")?,
        }
        let compilation = checked.release_type == ReleaseType::Compilation;
        self.release_details_382(
            &release.artist,
            &ern3_credits(&release.contributors, true),
            checked,
            &release.title,
            release.version.as_deref(),
            release.explicit,
            compilation,
            |xml| {
                // One sequenced group per disc; numbering restarts per disc (RP 1.4 rules
                // 1080-1, 1081-1).
                xml.start("ResourceGroup")?;
                let mut current_disc = None;
                for &index in &checked.order {
                    let track = &release.tracks[index];
                    if current_disc != Some(track.disc) {
                        if current_disc.is_some() {
                            xml.end("ResourceGroup")?;
                        }
                        xml.start("ResourceGroup")?;
                        xml.numbered("SequenceNumber", "", track.disc as usize)?;
                        current_disc = Some(track.disc);
                    }
                    xml.content_item_382(track.number, index)?;
                }
                if current_disc.is_some() {
                    xml.end("ResourceGroup")?;
                }
                if release.cover.is_some() {
                    // RP 1.4 rules 1135-1NR/1062-1: the cover a secondary resource of the
                    // top group, not sequenced (rule 1083-1).
                    xml.start("ResourceGroupContentItem")?;
                    xml.leaf("ResourceType", "Image")?;
                    xml.leaf_formatted(
                        "ReleaseResourceReference",
                        &[("ReleaseResourceType", "SecondaryResource")],
                        format_args!("A{}", release.tracks.len() + 1),
                    )?;
                    xml.end("ResourceGroupContentItem")?;
                }
                xml.end("ResourceGroup")
            },
        )?;
        if let Some(date) = release.release_date {
            self.leaf_formatted("ReleaseDate", &[], format_args!("{date}"))?;
        }
        if let Some(date) = release.original_release_date {
            self.leaf_formatted("OriginalReleaseDate", &[], format_args!("{date}"))?;
        }
        self.end("ReleaseDetailsByTerritory")?;
        if let Some(total) = release.total_duration() {
            self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(total)))?;
        }
        self.lines_382(release)?;
        self.end("Release")
    }

    /// A `TrackRelease` for one track, identified by its ISRC (ERN 3's convention; RP 1.4
    /// rules 1077-1, 1130-1, 1131-1, 1138-1).
    fn track_release_382(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        index: usize,
        track: &Track,
    ) -> io::Result<()> {
        self.start("Release")?;
        self.isrc_and_title_382("ReleaseId", track, "ReleaseReference", "R", index)?;
        self.start("ReleaseResourceReferenceList")?;
        self.leaf_formatted(
            "ReleaseResourceReference",
            &[("ReleaseResourceType", "PrimaryResource")],
            format_args!("A{}", index + 1),
        )?;
        self.end("ReleaseResourceReferenceList")?;
        self.leaf("ReleaseType", "TrackRelease")?;
        self.release_details_382(
            track.artist_or(&release.artist),
            &[],
            checked,
            &track.title,
            track.version.as_deref(),
            track.explicit,
            false,
            |xml| {
                xml.start("ResourceGroup")?;
                xml.content_item_382(1, index)?;
                xml.end("ResourceGroup")
            },
        )?;
        self.end("ReleaseDetailsByTerritory")?;
        self.lines_382(release)?;
        self.end("Release")
    }

    /// The `DealList` and its `ReleaseDeal` covering the main release and every track release.
    fn release_deal_382(&mut self, release: &Release) -> io::Result<()> {
        self.start("DealList")?;
        self.start("ReleaseDeal")?;
        self.leaf("DealReleaseReference", "R0")?;
        for index in 0..release.tracks.len() {
            self.numbered("DealReleaseReference", "R", index + 1)?;
        }
        Ok(())
    }

    /// One deal taking every release of the message down, worldwide, from the day the
    /// message is created (`DealTerms/TakeDown`, deprecated in 3.8.2, still in its schema).
    fn takedown_382(&mut self, release: &Release, header: &MessageHeader) -> io::Result<()> {
        self.release_deal_382(release)?;
        self.start("Deal")?;
        self.start("DealTerms")?;
        self.leaf("TakeDown", "true")?;
        self.leaf("TerritoryCode", "Worldwide")?;
        self.start("ValidityPeriod")?;
        self.leaf("StartDate", header.created.date())?;
        self.end("ValidityPeriod")?;
        self.end("DealTerms")?;
        self.end("Deal")?;
        self.end("ReleaseDeal")?;
        self.end("DealList")
    }

    fn deals_382(&mut self, release: &Release, deals: &[Deal]) -> io::Result<()> {
        self.release_deal_382(release)?;
        for deal in deals {
            self.start("Deal")?;
            self.start("DealTerms")?;
            for model in &deal.commercial_model_types {
                self.leaf("CommercialModelType", model.as_str())?;
            }
            self.start("Usage")?;
            for use_type in &deal.use_types {
                self.leaf("UseType", use_type.as_str())?;
            }
            self.end("Usage")?;
            for territory in &deal.territories {
                self.leaf("TerritoryCode", territory.as_str())?;
            }
            self.start("ValidityPeriod")?;
            self.leaf_formatted("StartDate", &[], format_args!("{}", deal.start_date))?;
            if let Some(end) = deal.end_date {
                self.leaf_formatted("EndDate", &[], format_args!("{end}"))?;
            }
            self.end("ValidityPeriod")?;
            self.end("DealTerms")?;
            self.end("Deal")?;
        }
        self.end("ReleaseDeal")?;
        self.end("DealList")
    }
}
