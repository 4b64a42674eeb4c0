//! Output files are written atomically, through [`media::atomic`]: never half a file, never a
//! broken previous version, the mode `File::create` would give (an existing file keeps its
//! mode, a new one gets `0666` less the umask), synced before and after the rename.

use std::io::Write;
use std::path::Path;

use media::atomic::Replacement;

use crate::error::Error;

/// Test hook: when set (to seconds), the writer pauses after the temporary file is complete
/// and synced, before the rename, and says so on stderr, so a test can kill the process right there.
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
    let mut replacement = Replacement::new(path)
        .map_err(|e| Error::with(format!("{shown}: cannot create a temporary file"), e))?;
    replacement
        .file()
        .write_all(contents)
        .map_err(|e| Error::with(format!("{shown}: cannot write"), e))?;
    if let Some(seconds) = pause_for_tests() {
        replacement
            .file()
            .sync_all()
            .map_err(|e| Error::with(format!("{shown}: cannot write"), e))?;
        eprintln!("musicid: pausing {seconds} s before the rename ({PAUSE_ENV})");
        std::thread::sleep(std::time::Duration::from_secs(seconds));
    }
    replacement
        .commit()
        .map_err(|e| Error::with(format!("{shown}: cannot write or replace the file"), e))
}

/// The seconds [`PAUSE_ENV`] asks for.
fn pause_for_tests() -> Option<u64> {
    std::env::var_os(PAUSE_ENV)
        .and_then(|v| v.into_string().ok())
        .and_then(|v| v.parse::<u64>().ok())
}
