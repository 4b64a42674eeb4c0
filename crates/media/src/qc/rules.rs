//! The rule table of the media QC: every rule id [`check_media`](crate::check_media) reports,
//! with its severity and what it checks, in the form of `release_model`'s own table.

release_model::rule_table! {
    /// Every media rule, in the order of the README's table. Media findings never block
    /// code assignment: the track order and identity are the release model's business.
    RULES;
    FILE_MISSING = "media.file_missing", Error,
        "the track names no audio file, or the file does not exist";
    UNREADABLE = "media.unreadable", Error,
        "the audio file cannot be read: not audio, an unknown container or codec, unreadable tags";
    INCOMPLETE = "media.incomplete", Error,
        "the audio does not decode from start to end (truncated, corrupt, checksum mismatch)";
    DURATION_MISMATCH = "media.duration_mismatch", Error,
        "the decoded duration differs from the track's metadata by more than 1 s";
    ISRC_MISMATCH = "media.isrc_mismatch", Error,
        "the ISRC embedded in the file is not the track's (ID3v2 TSRC, Vorbis ISRC, iTunes ISRC)";
    ISRC_ABSENT = "media.isrc_absent", Warning,
        "the file carries no embedded ISRC (`release tag-media` writes it)";
    DUPLICATE_AUDIO = "media.duplicate_audio", Error,
        "two tracks whose decoded audio is sample for sample identical carry different ISRCs (one recording, one ISRC)";
    SAME_RECORDING = "media.same_recording", Error,
        "two tracks whose audio is one recording by its acoustic fingerprint (re-encoded, at another gain, cut) carry different ISRCs (one recording, one ISRC)";
    ISRC_SOUNDS_DIFFERENT = "media.isrc_sounds_different", Error,
        "tracks under one ISRC whose audio files are different recordings by their acoustic fingerprints";
    RECORDING_KNOWN = "media.recording_known", Warning,
        "a track's audio is a recording the ledger already holds: its ISRC is reused, no new code issued (`release assign --media`)";
    BELOW_FLOOR = "media.below_floor", Error,
        "lossless audio below the delivery floor of 16 bit and 44.1 kHz (Spotify's audio file formats)";
    LOSSY = "media.lossy", Warning,
        "lossy audio (MP3, AAC, Vorbis, Opus): stores ask for lossless masters";
    COVER_MISSING = "cover.missing", Error,
        "the release names no cover image, or the file does not exist";
    COVER_UNREADABLE = "cover.unreadable", Error,
        "the cover is not a PNG or JPEG, or its image data does not decode";
    COVER_NOT_SQUARE = "cover.not_square", Error,
        "the cover's width and height differ";
    COVER_TOO_SMALL = "cover.too_small", Error,
        "the cover's shorter side is below the floor (1400 px by default; stores differ)";
    COVER_BELOW_RECOMMENDED = "cover.below_recommended", Warning,
        "the cover reaches the floor but not the recommended 3000×3000 px";
    COVER_NOT_RGB = "cover.not_rgb", Error,
        "the cover is not 8-bit RGB without alpha (24 bits per pixel, as Spotify's spec asks)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_apart_from_the_release_rules() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                r.id.starts_with("media.") || r.id.starts_with("cover."),
                "{}",
                r.id
            );
            assert!(RULES[..i].iter().all(|o| o.id != r.id), "{} twice", r.id);
            assert!(
                release_model::rule(r.id).is_none(),
                "{} is a release rule",
                r.id
            );
            assert_eq!(rule(r.id), Some(r));
        }
        assert_eq!(rule("media.nothing"), None);
    }
}
