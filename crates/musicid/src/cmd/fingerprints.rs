//! Fingerprints for the commands that recognise recordings by their sound (`media identify`,
//! `release assign --media`, `ledger fingerprint`): computing them from files, and the
//! judgement the ledger asks for when it compares two.

use std::path::Path;

use media::fingerprint::{Comparison, Fingerprint, fingerprint_file};

use crate::error::Error;

/// The fingerprint of the audio file at `path`, refusing audio too short to have one.
///
/// # Errors
/// The file cannot be decoded, or is too short for a fingerprint (about 3 s).
pub fn of_file(path: &Path) -> Result<Fingerprint, Error> {
    let (fingerprint, _) =
        fingerprint_file(path).map_err(|error| Error::with(path.display().to_string(), error))?;
    if fingerprint.is_empty() {
        return Err(Error::msg(format!(
            "{}: too short for an acoustic fingerprint (it needs about 3 s of audio)",
            path.display()
        )));
    }
    Ok(fingerprint)
}

/// The ledger's judgement: the comparison when the two are one recording.
pub fn same_recording(query: &[u32], stored: &[u32]) -> Option<Comparison> {
    let comparison = media::fingerprint::compare(stored, query);
    comparison.is_match().then_some(comparison)
}
