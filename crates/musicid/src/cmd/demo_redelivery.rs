//! The ending of `musicid demo`: the album's masters come back re-encoded — the FLACs as WAV,
//! the WAV as FLAC, all 3 dB quieter — in a new draft of the album without ISRCs. Assigning it
//! by sound reuses the 13 ISRCs and issues none: each file is a recording the ledger already
//! holds, and a recording keeps its one ISRC whatever its format or gain.

use std::fmt::Write as _;
use std::path::Path;

use ledger::{IsrcPool, Ledger, Stored};

use crate::atomic;
use crate::clock;
use crate::cmd::assignment::assign_all;
use crate::cmd::demo_media::Masters;
use crate::cmd::files::{self, ReleaseFormat};
use crate::error::Error;

/// The folder of the re-encoded masters, inside the masters' folder.
const FOLDER: &str = "re-encoded";
const DRAFT_FILE: &str = "vesica-piscis.draft.json";
const RELEASE_FILE: &str = "vesica-piscis.json";
/// The gain of the re-encoding, in dB.
const GAIN_DB: f64 = -3.0;
/// The ledger key prefix of the new draft's requests: apart from the album's own keys, so
/// that what finds the codes is the sound, not a retried request.
const KEY: &str = "vesica-piscis re-encoded masters";

/// Stores each master's fingerprint (measured by the check) with its ISRC, as `musicid ledger
/// fingerprint` back-fills codes issued before the ledger kept fingerprints; appends what
/// happened to `text`.
///
/// # Errors
/// Ledger failures.
pub fn back_fill(ledger: &mut Ledger, masters: &Masters, text: &mut String) -> Result<(), Error> {
    let now = clock::now();
    let (mut added, mut kept, mut without) = (0, 0, 0);
    let measured = masters.check.releases.first().map(|r| r.tracks.as_slice());
    for (index, track) in masters.release.tracks.iter().enumerate() {
        let fingerprint = measured
            .and_then(|tracks| tracks.get(index))
            .and_then(Option::as_ref)
            .and_then(|media| media.fingerprint.as_ref())
            .filter(|fingerprint| !fingerprint.is_empty());
        let (Some(isrc), Some(fingerprint)) = (track.isrc, fingerprint) else {
            without += 1;
            continue;
        };
        match ledger.store_fingerprint(isrc, fingerprint.values(), now, false)? {
            Stored::Added | Stored::Replaced => added += 1,
            _ => kept += 1,
        }
    }
    let _ = write!(
        text,
        "Stored the masters' acoustic fingerprints with their ISRCs in the ledger, as `musicid \
         ledger fingerprint` does for codes issued before fingerprints: {added} added, {kept} \
         already there"
    );
    let _ = if without == 0 {
        writeln!(text, ".")
    } else {
        writeln!(text, ", {without} tracks without a fingerprint.")
    };
    Ok(())
}

/// Re-encodes the masters into `re-encoded/` (kept when already there), writes a new draft of
/// the album naming them, without ISRCs, and assigns it through the ledger by sound; appends
/// what happened to `text` and returns the number of problems: tracks that did not get their
/// master's ISRC back, and codes issued.
///
/// # Errors
/// A file that cannot be read or written; ledger failures.
pub fn redeliver(
    ledger: &mut Ledger,
    isrcs: &IsrcPool,
    masters: &Masters,
    text: &mut String,
) -> Result<usize, Error> {
    let folder = masters.folder.join(FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| Error::with(folder.display().to_string(), e))?;
    let mut draft = masters.release.clone();
    for track in &mut draft.tracks {
        let Some(file) = track.file.as_deref() else {
            continue;
        };
        let other = re_encoded_name(file);
        let path = folder.join(&other);
        if !path.is_file() {
            atomic::write(&path, &re_encode(&masters.folder.join(file), &other)?)?;
        }
        track.file = Some(other);
        track.isrc = None;
    }
    let draft_path = folder.join(DRAFT_FILE);
    atomic::write(
        &draft_path,
        files::render(std::slice::from_ref(&draft), ReleaseFormat::Json, true)?.as_bytes(),
    )?;
    let shown = draft_path.display().to_string();
    let mut releases = vec![draft];
    let summary = assign_all(
        &shown,
        &mut releases,
        ledger,
        isrcs,
        None,
        Some(KEY),
        Some(&folder),
    )?;
    let release_path = folder.join(RELEASE_FILE);
    atomic::write(
        &release_path,
        files::render(&releases, ReleaseFormat::Json, true)?.as_bytes(),
    )?;

    let tracks = releases[0].tracks.len();
    let reused = summary.reused.findings().len();
    let issued = summary.issued.len() - summary.already_issued - reused;
    let same_codes = releases[0]
        .tracks
        .iter()
        .zip(&masters.release.tracks)
        .filter(|(new, old)| new.isrc.is_some() && new.isrc == old.isrc)
        .count();
    let _ = writeln!(
        text,
        "Assigned a new draft of the album whose masters were re-encoded ({shown}: the FLACs as \
         WAV, the WAV as FLAC, {GAIN_DB:+} dB) by their sound: reused {reused} of its {tracks} \
         ISRCs and issued {issued} codes, because each file is a recording the ledger already \
         holds, and a recording keeps its one ISRC whatever its format or gain; wrote {}.",
        release_path.display()
    );
    if let Some(first) = summary.reused.findings().first() {
        let _ = writeln!(text, "  e.g. {first}");
    }
    Ok((tracks - same_codes) + issued)
}

/// `01.flac` → `01.wav`, `13.wav` → `13.flac`: another format for each master.
fn re_encoded_name(file: &str) -> String {
    let path = Path::new(file);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or(file);
    let wav = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("wav"));
    format!("{stem}.{}", if wav { "flac" } else { "wav" })
}

/// The master at `path` decoded, its gain changed by [`GAIN_DB`], encoded as `name`'s format
/// (16-bit WAV or FLAC).
fn re_encode(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let mut samples: Vec<i16> = Vec::new();
    let info = media::decode(path, |block| block.extend_i16(&mut samples))
        .map_err(|e| Error::with(path.display().to_string(), e))?;
    let gain = 10f64.powf(GAIN_DB / 20.0);
    for sample in &mut samples {
        let scaled = (f64::from(*sample) * gain)
            .round()
            .clamp(f64::from(i16::MIN), f64::from(i16::MAX));
        #[allow(clippy::cast_possible_truncation)] // clamped to the i16 range
        {
            *sample = scaled as i16;
        }
    }
    Ok(if name.ends_with(".wav") {
        media::synth::wav(&samples, info.channels, info.sample_rate, 16)
    } else {
        media::synth::flac(&samples, info.channels, info.sample_rate)
    })
}

#[cfg(test)]
mod tests {
    use super::re_encoded_name;

    #[test]
    fn each_master_changes_format() {
        assert_eq!(re_encoded_name("01.flac"), "01.wav");
        assert_eq!(re_encoded_name("13.wav"), "13.flac");
        assert_eq!(re_encoded_name("13.WAV"), "13.flac");
    }
}
