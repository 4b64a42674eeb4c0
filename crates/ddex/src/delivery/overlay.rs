//! The delivered files written into a message the exporter wrote: each `SoundRecording`'s
//! `TechnicalDetails` with its `DeliveryFile` and `File` (URI, `HashSum`, `FileSize`), and the
//! front cover as an `Image` resource linked from the main release (ERN 4.3).
//!
//! The exporter writes the release's metadata and knows nothing of files; the batch writer
//! adds them to its output, in the places the 4.3 schema's sequences give them.

use std::fmt::Write as _;

use super::digest::FileDigest;

/// A file as a message references it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Delivered {
    /// The URI, relative to the message's folder (`resources/…`).
    pub uri: String,
    /// Its digests.
    pub digest: FileDigest,
    /// Its duration in ISO 8601, for audio.
    pub duration: Option<String>,
    /// The DDEX codec type (`FLAC`, `PCM`, `MP3`, `JPEG`, `PNG`), when known.
    pub codec: Option<&'static str>,
}

fn file_xml(out: &mut String, indent: &str, file: &Delivered) {
    let _ = write!(
        out,
        "{indent}<File>\n{indent}  <URI>{uri}</URI>\n{indent}  <HashSum>\n{indent}    <Algorithm>MD5</Algorithm>\n{indent}    <HashSumValue>{md5}</HashSumValue>\n{indent}  </HashSum>\n{indent}  <FileSize>{kb}</FileSize>\n{indent}</File>\n",
        uri = escape(&file.uri),
        md5 = file.digest.md5_hex(),
        kb = kilobytes(file.digest.size),
    );
}

/// ERN's `FileSize` is in kilobytes, a decimal: bytes / 1024, three decimals, rounded up so
/// that the declared size is never smaller than the file.
fn kilobytes(bytes: u64) -> String {
    let thousandths = (u128::from(bytes) * 1000).div_ceil(1024);
    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `xml` with `details(out, index, file)` written before the `index`-th `end_tag` for each
/// track that has a file.
fn before_each(
    xml: &str,
    end_tag: &str,
    tracks: &[Option<Delivered>],
    details: impl Fn(&mut String, usize, &Delivered),
) -> String {
    let mut out = String::with_capacity(xml.len() + 1024 * (tracks.len() + 1));
    let mut rest = xml;
    let mut index = 0;
    while let Some(at) = rest.find(end_tag) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        if let Some(Some(file)) = tracks.get(index) {
            details(&mut out, index, file);
        }
        index += 1;
        out.push_str(end_tag);
        rest = &after[end_tag.len()..];
    }
    out.push_str(rest);
    out
}

/// The `Image` put at the end of the `ResourceList`, and `link` before the first `anchor`.
fn with_image(mut out: String, image: &str, anchor: &str, link: &str) -> String {
    if let Some(at) = out.find("</ResourceList>") {
        out.insert_str(at, image);
    }
    if let Some(at) = out.find(anchor) {
        out.insert_str(at, link);
    }
    out
}

/// Adds `tracks[i]` to the `i`-th `SoundRecording` (the exporter writes them in track order)
/// and `cover` as an `Image` named `A{n+1}`, identified in the `namespace` (the sender's DPID).
pub(crate) fn add_files_43(
    xml: &str,
    tracks: &[Option<Delivered>],
    cover: Option<(&Delivered, &str, &str)>,
) -> String {
    let out = before_each(
        xml,
        "</SoundRecordingEdition>",
        tracks,
        |out, index, file| {
            let indent = "        ";
            let _ = writeln!(out, "  <TechnicalDetails>");
            let _ = writeln!(
                out,
                "{indent}  <TechnicalResourceDetailsReference>T{}</TechnicalResourceDetailsReference>",
                index + 1
            );
            let _ = writeln!(out, "{indent}  <DeliveryFile>");
            let _ = writeln!(out, "{indent}    <Type>AudioFile</Type>");
            if let Some(codec) = file.codec {
                let _ = writeln!(out, "{indent}    <AudioCodecType>{codec}</AudioCodecType>");
            }
            if let Some(duration) = &file.duration {
                let _ = writeln!(out, "{indent}    <Duration>{duration}</Duration>");
            }
            file_xml(out, &format!("{indent}    "), file);
            let _ = writeln!(out, "{indent}  </DeliveryFile>");
            let _ = write!(out, "{indent}</TechnicalDetails>\n      ");
        },
    );
    let Some((image, reference, proprietary)) = cover else {
        return out;
    };
    let mut image_xml = String::new();
    let _ = write!(
        image_xml,
        "  <Image>\n      <ResourceReference>{reference}</ResourceReference>\n      <Type>FrontCoverImage</Type>\n      <ResourceId>\n        <ProprietaryId Namespace=\"{namespace}\">{id}</ProprietaryId>\n      </ResourceId>\n      <TechnicalDetails>\n        <TechnicalResourceDetailsReference>T0</TechnicalResourceDetailsReference>\n",
        namespace = escape(proprietary.split_once(':').map_or("", |(ns, _)| ns)),
        id = escape(
            proprietary
                .split_once(':')
                .map_or(proprietary, |(_, id)| id)
        ),
    );
    if let Some(codec) = image.codec {
        let _ = writeln!(
            image_xml,
            "        <ImageCodecType>{codec}</ImageCodecType>"
        );
    }
    file_xml(&mut image_xml, "        ", image);
    image_xml.push_str("      </TechnicalDetails>\n    </Image>\n  ");
    // The link from the main release (written first): the last child of its outer
    // ResourceGroup, which closes right before `</Release>`.
    with_image(
        out,
        &image_xml,
        "</ResourceGroup>\n    </Release>",
        &format!(
            "  <LinkedReleaseResourceReference>{reference}</LinkedReleaseResourceReference>\n      "
        ),
    )
}

/// ERN 3.8.2's `File`: `FileName`, `FilePath` (the folder, relative to the message, without
/// the name) and `HashSum`/`HashSum` with `HashSumAlgorithmType`.
fn file_xml_382(out: &mut String, indent: &str, file: &Delivered) {
    let (folder, name) = file
        .uri
        .rsplit_once('/')
        .map_or(("", file.uri.as_str()), |(folder, name)| (folder, name));
    let path = if folder.is_empty() {
        String::new()
    } else {
        format!("{indent}  <FilePath>{}/</FilePath>\n", escape(folder))
    };
    let _ = write!(
        out,
        "{indent}<File>\n{indent}  <FileName>{name}</FileName>\n{path}{indent}  <HashSum>\n{indent}    <HashSum>{md5}</HashSum>\n{indent}    <HashSumAlgorithmType>MD5</HashSumAlgorithmType>\n{indent}  </HashSum>\n{indent}</File>\n",
        name = escape(name),
        md5 = file.digest.md5_hex(),
    );
}

/// The 3.8.2 counterpart of [`add_files_43`]: `TechnicalSoundRecordingDetails` at the end of
/// each recording's worldwide `SoundRecordingDetailsByTerritory`, the cover as an `Image`
/// with `ImageDetailsByTerritory`, listed as a secondary resource of the main release.
pub(crate) fn add_files_382(
    xml: &str,
    tracks: &[Option<Delivered>],
    cover: Option<(&Delivered, &str, &str)>,
) -> String {
    let out = before_each(
        xml,
        "</SoundRecordingDetailsByTerritory>",
        tracks,
        |out, index, file| {
            let indent = "        ";
            let _ = writeln!(out, "  <TechnicalSoundRecordingDetails>");
            let _ = writeln!(
                out,
                "{indent}  <TechnicalResourceDetailsReference>T{}</TechnicalResourceDetailsReference>",
                index + 1
            );
            if let Some(codec) = file.codec {
                let _ = writeln!(out, "{indent}  <AudioCodecType>{codec}</AudioCodecType>");
            }
            if let Some(duration) = &file.duration {
                let _ = writeln!(out, "{indent}  <Duration>{duration}</Duration>");
            }
            file_xml_382(out, &format!("{indent}  "), file);
            let _ = write!(out, "{indent}</TechnicalSoundRecordingDetails>\n      ");
        },
    );
    let Some((image, reference, proprietary)) = cover else {
        return out;
    };
    let mut image_xml = String::new();
    let _ = write!(
        image_xml,
        "  <Image>\n      <ImageType>FrontCoverImage</ImageType>\n      <ImageId>\n        <ProprietaryId Namespace=\"{namespace}\">{id}</ProprietaryId>\n      </ImageId>\n      <ResourceReference>{reference}</ResourceReference>\n      <ImageDetailsByTerritory>\n        <TerritoryCode>Worldwide</TerritoryCode>\n        <TechnicalImageDetails>\n          <TechnicalResourceDetailsReference>T0</TechnicalResourceDetailsReference>\n",
        namespace = escape(proprietary.split_once(':').map_or("", |(ns, _)| ns)),
        id = escape(
            proprietary
                .split_once(':')
                .map_or(proprietary, |(_, id)| id)
        ),
    );
    if let Some(codec) = image.codec {
        let _ = writeln!(
            image_xml,
            "          <ImageCodecType>{codec}</ImageCodecType>"
        );
    }
    file_xml_382(&mut image_xml, "          ", image);
    image_xml.push_str(
        "        </TechnicalImageDetails>\n      </ImageDetailsByTerritory>\n    </Image>\n  ",
    );
    // The main release is written first; its resource list names the cover too.
    with_image(
        out,
        &image_xml,
        "</ReleaseResourceReferenceList>",
        &format!(
            "  <ReleaseResourceReference ReleaseResourceType=\"SecondaryResource\">{reference}</ReleaseResourceReference>\n      "
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilobytes_round_up() {
        assert_eq!(kilobytes(0), "0.000");
        assert_eq!(kilobytes(1024), "1.000");
        assert_eq!(kilobytes(1025), "1.001");
        assert_eq!(kilobytes(1), "0.001");
    }
}
