//! Changing a file in place without ever leaving half of it: the change is made on a copy in
//! the same folder, synced, given the original's permissions and renamed over the original.

use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom};
use std::path::Path;

use crate::Error;

/// Runs `change` on a copy of the file at `path`, then puts the copy in its place.
///
/// The copy lives in the file's own folder (a rename is atomic only within one filesystem);
/// it is synced before the rename and the folder after it, so a crash leaves either the old
/// file or the new one. When `change` fails the original is untouched and the copy removed.
pub(crate) fn replace_with<T>(
    path: &Path,
    change: impl FnOnce(&mut File) -> Result<T, Error>,
) -> Result<T, Error> {
    let io = |e: io::Error| Error::io(path, e);
    let permissions = fs::metadata(path).map_err(io)?.permissions();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut copy = tempfile::Builder::new()
        .prefix(".media-")
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(io)?;
    io::copy(&mut File::open(path).map_err(io)?, copy.as_file_mut()).map_err(io)?;
    copy.as_file_mut().seek(SeekFrom::Start(0)).map_err(io)?;
    let outcome = change(copy.as_file_mut())?;
    copy.as_file().set_permissions(permissions).map_err(io)?;
    copy.as_file().sync_all().map_err(io)?;
    copy.persist(path).map_err(|e| io(e.error))?;
    // Make the rename durable. Some file systems refuse to sync a folder; the data is safe
    // under one name or the other then, so that is not an error.
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(outcome)
}
