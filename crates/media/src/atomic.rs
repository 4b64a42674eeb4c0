//! Replacing a file without ever leaving half of it: the new content goes to a temporary file
//! in the same folder (a rename is atomic only within one file system), is synced (`fsync`),
//! then renamed over the target, and the folder is synced so the rename itself survives a
//! crash. A crash leaves the old file or the new one, never a mix.
//!
//! The file gets the mode `File::create` would give it: an existing file keeps its
//! permissions, a new one gets `0666` less the umask (not the private `0600` of a temporary
//! file).
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("report.json");
//! media::atomic::write(&path, b"{}")?;
//! let mut replacement = media::atomic::Replacement::new(&path)?;
//! std::io::Write::write_all(replacement.file(), b"{\"ok\":true}")?;
//! // Until `commit`, readers see the old content.
//! assert_eq!(std::fs::read(&path)?, b"{}");
//! replacement.commit()?;
//! assert_eq!(std::fs::read(&path)?, b"{\"ok\":true}");
//! Ok::<(), std::io::Error>(())
//! ```

use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::Error;

/// A file's replacement being written: dropped without [`Replacement::commit`], it is removed
/// and the file at its target is untouched.
#[derive(Debug)]
pub struct Replacement {
    temp: NamedTempFile,
    target: PathBuf,
    folder: PathBuf,
}

impl Replacement {
    /// An empty replacement for `target`, in `target`'s folder, with the mode the file has (or
    /// `0666` less the umask for a new file).
    ///
    /// # Errors
    ///
    /// The folder does not take a new file, or the existing file's mode cannot be copied.
    pub fn new(target: &Path) -> io::Result<Replacement> {
        let folder = match target.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let existing = fs::metadata(target)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|meta| meta.permissions());
        let mut builder = tempfile::Builder::new();
        builder.prefix(".musicid-").suffix(".partial");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            // Given to open(2), so the umask applies, as to `File::create`.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(folder)?;
        if let Some(permissions) = existing {
            temp.as_file().set_permissions(permissions)?;
        }
        Ok(Replacement {
            temp,
            target: target.to_owned(),
            folder: folder.to_owned(),
        })
    }

    /// The replacement's content so far, open for reading and writing.
    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Syncs the replacement, renames it over the target and syncs the folder.
    ///
    /// # Errors
    ///
    /// The sync or the rename failed; the target is then as it was.
    pub fn commit(self) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        sync_folder(&self.folder);
        Ok(())
    }
}

/// Syncs the folder `path`, so that the entries made in it (a rename, a new file or link)
/// survive a crash (POSIX: a file's name reaches the disk when its folder is synced). Some
/// file systems, and other systems, refuse to open or sync a folder; the data is safe under
/// one name or the other then, so that is not an error.
pub fn sync_folder(path: &Path) {
    if let Ok(folder) = File::open(path) {
        let _ = folder.sync_all();
    }
}

/// Writes `contents` to `path` atomically, replacing any file there.
///
/// # Errors
///
/// The folder does not take a new file, or the write, sync or rename failed; the file at
/// `path` is then as it was.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut replacement = Replacement::new(path)?;
    replacement.file().write_all(contents)?;
    replacement.commit()
}

/// Runs `change` on a copy of the file at `path` (positioned at its start), then puts the copy
/// in its place. When `change` fails the original is untouched and the copy removed.
pub(crate) fn replace_with<T>(
    path: &Path,
    change: impl FnOnce(&mut File) -> Result<T, Error>,
) -> Result<T, Error> {
    let io = |e: io::Error| Error::io(path, e);
    let mut original = File::open(path).map_err(io)?;
    let mut replacement = Replacement::new(path).map_err(io)?;
    io::copy(&mut original, replacement.file()).map_err(io)?;
    replacement.file().seek(SeekFrom::Start(0)).map_err(io)?;
    let outcome = change(replacement.file())?;
    replacement.commit().map_err(io)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_replacement_leaves_the_file_and_no_stray_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.txt");
        write(&path, b"old").unwrap();
        {
            let mut replacement = Replacement::new(&path).unwrap();
            replacement.file().write_all(b"new").unwrap();
        }
        assert_eq!(fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["kept.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_0666_less_the_umask_and_an_existing_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        // What `File::create` gives under this process's umask.
        let reference = dir.path().join("reference");
        File::create(&reference).unwrap();
        let created = fs::metadata(&reference).unwrap().permissions().mode() & 0o777;

        let path = dir.path().join("new.txt");
        write(&path, b"1").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            created
        );

        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"2").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(fs::read(&path).unwrap(), b"2");
    }

    #[test]
    fn a_failed_change_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.bin");
        write(&path, b"original").unwrap();
        let result: Result<(), Error> = replace_with(&path, |copy| {
            copy.write_all(b"half").unwrap();
            Err(Error::io(&path, io::Error::other("refused")))
        });
        assert!(result.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"original");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
