//! Writing ERN 4.3: quick-xml events in the exact order of the 4.3 `xs:sequence`s, straight
//! into the caller's writer.

use std::io;

use quick_xml::events::{BytesDecl, Event};

use crate::credits::{ddex_role, is_display};
use crate::write::{Checked, Xml};
use crate::{
    AVS_VERSION, Action, Deal, Error, ExportOptions, Family, MessageHeader, MessageParty,
    NAMESPACE, ResourceFiles, SCHEMA_LOCATION,
};
use release_model::duration::Iso8601;
use release_model::{Contributor, Release, ReleaseType};

impl<W: io::Write> Xml<'_, W> {
    pub(crate) fn ern43_message(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
        options: &ExportOptions,
    ) -> Result<(), Error> {
        let deals = &options.deals;
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
                // Release Profile 2.1, rule 1050-1 (Fatal Error).
                ("ReleaseProfileVersionId", "Audio"),
            ],
        )?;
        self.header(header)?;
        self.parties(checked)?;
        self.resources(release, checked, header, &options.files)?;
        self.start("ReleaseList")?;
        self.main_release(release, checked, header)?;
        self.track_releases(release, checked, header)?;
        self.end("ReleaseList")?;
        // A takedown is the message without deals (see `ExportOptions::action`).
        if !deals.is_empty() && options.action != Action::Takedown {
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
        let named = names.map(|name| (name, None, None));
        let parties = named.chain(checked.credits.parties.iter().copied());
        for (index, (name, isni, ipi)) in parties.enumerate() {
            self.start("Party")?;
            self.numbered("PartyReference", "P", index + 1)?;
            self.wrapped("PartyName", "FullName", name)?;
            if isni.is_some() || ipi.is_some() {
                // DetailedPartyId: ISNI before IpiNameNumber.
                self.start("PartyId")?;
                if let Some(isni) = isni {
                    self.leaf_formatted("ISNI", &[], format_args!("{isni}"))?;
                }
                if let Some(ipi) = ipi {
                    self.leaf_formatted("IpiNameNumber", &[], format_args!("{ipi}"))?;
                }
                self.end("PartyId")?;
            }
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

    /// `DisplayArtistName` and the display artist as the `DisplayArtist` numbered 1, then
    /// each credit's display roles (main and featured artist) as further `DisplayArtist`s,
    /// numbered by the credit's place (2 for the first credit), so that the order of the
    /// credits reads back.
    fn artist(
        &mut self,
        name: &str,
        party: usize,
        credits: &[Contributor],
        checked: &Checked<'_>,
    ) -> io::Result<()> {
        self.leaf("DisplayArtistName", name)?;
        self.start_with("DisplayArtist", &[("SequenceNumber", "1")])?;
        self.numbered("ArtistPartyReference", "P", party + 1)?;
        self.leaf("DisplayArtistRole", "MainArtist")?;
        self.end("DisplayArtist")?;
        for (index, contributor) in credits.iter().enumerate() {
            let sequence = (index + 2).to_string();
            for role in contributor.roles.iter().filter(|role| is_display(role)) {
                self.start_with("DisplayArtist", &[("SequenceNumber", sequence.as_str())])?;
                self.numbered(
                    "ArtistPartyReference",
                    "P",
                    checked.credit_party(contributor) + 1,
                )?;
                self.leaf("DisplayArtistRole", role.ddex_value())?;
                self.end("DisplayArtist")?;
            }
        }
        Ok(())
    }

    /// The credits' other roles, one `Contributor` per credit that has any, numbered as in
    /// [`Xml::artist`].
    fn contributors(&mut self, credits: &[Contributor], checked: &Checked<'_>) -> io::Result<()> {
        for (index, contributor) in credits.iter().enumerate() {
            if contributor.roles.iter().all(is_display) {
                continue;
            }
            let sequence = (index + 2).to_string();
            self.start_with("Contributor", &[("SequenceNumber", sequence.as_str())])?;
            self.numbered(
                "ContributorPartyReference",
                "P",
                checked.credit_party(contributor) + 1,
            )?;
            for role in contributor.roles.iter().filter(|role| !is_display(role)) {
                match ddex_role(role) {
                    (value, Some(own)) => {
                        self.leaf_with("Role", &[("UserDefinedValue", own)], value)?;
                    }
                    (value, None) => self.leaf("Role", value)?,
                }
            }
            self.end("Contributor")?;
        }
        Ok(())
    }

    fn parental_warning(&mut self, explicit: bool) -> io::Result<()> {
        let value = if explicit { "Explicit" } else { "NotExplicit" };
        self.leaf("ParentalWarningType", value)
    }

    fn resources(
        &mut self,
        release: &Release,
        checked: &Checked<'_>,
        header: &MessageHeader,
        files: &ResourceFiles,
    ) -> io::Result<()> {
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
            if let Some(Some(audio)) = files.tracks.get(index) {
                // RP 2.1 rules 1032-1/1032-2: technical details exactly when a file is
                // delivered.
                self.start("TechnicalDetails")?;
                self.numbered("TechnicalResourceDetailsReference", "T", index + 1)?;
                self.start("DeliveryFile")?;
                self.leaf("Type", "AudioFile")?;
                self.audio_file(audio, Family::Ern4)?;
                self.end("DeliveryFile")?;
                self.end("TechnicalDetails")?;
            }
            self.end("SoundRecordingEdition")?;
            if let Some(iswc) = track.work.as_ref().and_then(|work| work.iswc) {
                self.start("WorkId")?;
                self.leaf_formatted("ISWC", &[], format_args!("{iswc}"))?;
                self.end("WorkId")?;
            }
            self.titles(&track.title, track.version.as_deref())?;
            self.artist(
                track.artist_or(&release.artist),
                checked.artist_of(track),
                &track.contributors,
                checked,
            )?;
            self.contributors(&track.contributors, checked)?;
            if let Some(duration) = track.duration {
                self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(duration)))?;
            }
            self.parental_warning(track.explicit)?;
            self.end("SoundRecording")?;
        }
        if let Some(cover) = &release.cover {
            // RP 2.1 rule 1053-1: one FrontCoverImage, identified by a proprietary id (rule
            // 1029-1), its file named in its technical details.
            self.start("Image")?;
            self.numbered("ResourceReference", "A", release.tracks.len() + 1)?;
            self.leaf("Type", "FrontCoverImage")?;
            self.start("ResourceId")?;
            self.leaf_formatted(
                "ProprietaryId",
                &[("Namespace", header.sender.dpid.as_str())],
                format_args!("{}_cover", checked.upc),
            )?;
            self.end("ResourceId")?;
            self.start("TechnicalDetails")?;
            self.cover_details(release.tracks.len(), cover, &files.cover, Family::Ern4)?;
            self.end("TechnicalDetails")?;
            self.end("Image")?;
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
        self.titles(&release.title, release.version.as_deref())?;
        // A 4.3 Release has display artists but no Contributor: its credits' other roles
        // have no place (the profile check names them).
        self.artist(&release.artist, 0, &release.contributors, checked)?;
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
        if release.cover.is_some() {
            // RP 2.1 rule 1057-1: the cover linked from the top-level group.
            self.numbered(
                "LinkedReleaseResourceReference",
                "A",
                release.tracks.len() + 1,
            )?;
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
