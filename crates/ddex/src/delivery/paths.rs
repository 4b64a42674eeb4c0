//! Where a reference written in a batch may lead: inside the batch, never out of it.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::Refusal;

/// More files than any delivery holds: a batch this big is refused before it is read.
pub(crate) const MAX_FILES: u64 = 100_000;
/// Deeper folders than the layout (batch, release, `resources/`) needs, with room to spare.
pub(crate) const MAX_FOLDER_DEPTH: u64 = 8;

/// Every file and folder of the batch, listed without following symlinks; refuses a batch
/// whose names collide by case, or that is too large or too deep to be a delivery.
pub(crate) fn inventory(root: &Path) -> Result<Vec<PathBuf>, super::Error> {
    let mut found = Vec::new();
    walk(root, root, 0, &mut found)?;
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    for path in &found {
        let folded = path.to_string_lossy().to_lowercase();
        if let Some(first) = seen.insert(folded, path) {
            return Err(Refusal::CaseCollision {
                first: root.join(first),
                second: root.join(path),
            }
            .into());
        }
    }
    Ok(found)
}

fn walk(root: &Path, dir: &Path, depth: u64, found: &mut Vec<PathBuf>) -> Result<(), super::Error> {
    if depth > MAX_FOLDER_DEPTH {
        return Err(Refusal::TooLarge {
            file: dir.to_path_buf(),
            what: "folder depth",
            found: depth,
            limit: MAX_FOLDER_DEPTH,
        }
        .into());
    }
    let mut entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        found.push(relative);
        if found.len() as u64 > MAX_FILES {
            return Err(Refusal::TooLarge {
                file: root.to_path_buf(),
                what: "number of files",
                found: found.len() as u64,
                limit: MAX_FILES,
            }
            .into());
        }
        // `file_type` does not follow symlinks: a link to a folder is listed, not entered.
        if entry.file_type()?.is_dir() {
            walk(root, &path, depth + 1, found)?;
        }
    }
    Ok(())
}

/// The file `reference` (written in `holder`, relative to the folder `base`) names inside the
/// batch `root`, once every symlink on the way is resolved; refuses a reference that is a URL,
/// absolute, climbs with `..`, uses a backslash, leads outside the batch, or names nothing.
pub(crate) fn resolve(
    root: &Path,
    base: &Path,
    holder: &Path,
    reference: &str,
) -> Result<PathBuf, super::Error> {
    let outside = |why| Refusal::OutsideBatch {
        file: holder.to_path_buf(),
        reference: reference.to_owned(),
        why,
    };
    let decoded = percent_decode(reference).ok_or_else(|| outside("has an invalid %-escape"))?;
    if has_scheme(&decoded) || decoded.contains("://") {
        return Err(outside("is a URL").into());
    }
    if decoded.contains('\\') {
        return Err(outside("contains a backslash").into());
    }
    if decoded.starts_with('/') || Path::new(&decoded).is_absolute() {
        return Err(outside("is an absolute path").into());
    }
    if decoded.contains('\0') {
        return Err(outside("contains a NUL character").into());
    }
    let mut path = base.to_path_buf();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir => return Err(outside("climbs out with '..'").into()),
            Component::RootDir | Component::Prefix(_) => {
                return Err(outside("is an absolute path").into());
            }
        }
    }
    let real_root = root.canonicalize()?;
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(_) if fs::symlink_metadata(&path).is_ok() => {
            return Err(outside("is a symlink that leads nowhere inside the batch").into());
        }
        Err(_) => {
            return Err(Refusal::Missing {
                file: holder.to_path_buf(),
                reference: reference.to_owned(),
            }
            .into());
        }
    };
    if !real.starts_with(&real_root) {
        return Err(outside("leads outside the batch through a symlink").into());
    }
    Ok(real)
}

/// `scheme:` at the start (RFC 3986 §3.1), which a relative path never has.
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%XX` escapes decoded (RFC 3986 §2.1), so that `%2e%2e` is seen as the `..` it is.
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            out.push(value);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_told_from_relative_paths() {
        assert!(has_scheme("https://example.com/a.wav"));
        assert!(has_scheme("file:a.wav"));
        assert!(has_scheme("s3://bucket/a.wav"));
        assert!(!has_scheme("resources/a.wav"));
        assert!(!has_scheme("a.wav"));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(percent_decode("%2e%2e/x").as_deref(), Some("../x"));
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("a%2").as_deref(), None);
    }
}
