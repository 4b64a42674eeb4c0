//! Output files are written atomically: never half a file, never a broken previous version.
//!
//! The content goes to a temporary file in the same directory, is flushed to disk (`fsync`),
//! then renamed over the target (atomic on POSIX file systems), and the directory is synced so
//! the rename itself survives a crash.
//!
//! The file gets the mode `File::create` would give it: an existing file keeps its mode, a new
//! one gets `0666` less the umask (not the private `0600` of a temporary file).

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Test hook: when set (to seconds), the writer pauses after the temporary file is complete
/// and before the rename, and says so on stderr, so a test can kill the process right there.
pub const PAUSE_ENV: &str = "MUSICID_TEST_PAUSE_BEFORE_RENAME";

/// Writes `contents` to `path` atomically; `-` writes stdout.
///
/// # Errors
/// A directory that cannot take a temporary file, or a failed write, sync or rename.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), Error> {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(contents)?;
        out.flush()?;
        return Ok(());
    }
    let shown = path.display();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".musicid-").suffix(".tmp");
    let existing = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|meta| meta.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Given to open(2), so the umask applies, as to `File::create`.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::with(format!("{shown}: cannot create a temporary file"), e))?;
    if let Some(permissions) = existing {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(|e| Error::with(format!("{shown}: cannot keep the file's mode"), e))?;
    }
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::with(format!("{shown}: cannot write"), e))?;
    pause_for_tests();
    temp.persist(path)
        .map_err(|e| Error::with(format!("{shown}: cannot replace the file"), e.error))?;
    // Make the rename durable. Some file systems refuse to sync a directory; the data is
    // already safe in either name then, so that is not an error.
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn pause_for_tests() {
    if let Some(seconds) = std::env::var_os(PAUSE_ENV)
        .and_then(|v| v.into_string().ok())
        .and_then(|v| v.parse::<u64>().ok())
    {
        eprintln!("musicid: pausing {seconds} s before the rename ({PAUSE_ENV})");
        std::thread::sleep(std::time::Duration::from_secs(seconds));
    }
}
