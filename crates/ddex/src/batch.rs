//! Many messages at once: a folder (or a list of files and folders) read in parallel into one
//! catalog, each file's outcome kept with its path.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{fs, io, thread};

use release_model::Catalog;

use crate::{Delivery, Error, read};

/// What one file gave.
#[derive(Debug)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// Its message, or why it could not be read.
    pub outcome: Result<Delivery, Error>,
}

/// The outcomes of [`read_files`], in the order of the files.
#[derive(Debug, Default)]
#[must_use]
pub struct Batch {
    /// One outcome per file.
    pub files: Vec<FileOutcome>,
}

impl Batch {
    /// The releases of the release messages, in file order, as one catalog (purges and
    /// failed files contribute nothing; see [`files`](Self::files) for them).
    #[must_use]
    pub fn catalog(&self) -> Catalog {
        Catalog::new(
            self.files
                .iter()
                .filter_map(|file| match &file.outcome {
                    Ok(Delivery::Release(imported)) => Some(imported.release.clone()),
                    _ => None,
                })
                .collect(),
        )
    }

    /// How many files could not be read.
    #[must_use]
    pub fn error_count(&self) -> usize {
        self.files
            .iter()
            .filter(|file| file.outcome.is_err())
            .count()
    }
}

/// The `.xml` files named by `paths`: a file as given, a folder's `.xml` files at any depth
/// (sorted by path, so the order does not depend on the file system).
///
/// # Errors
///
/// The first folder that cannot be listed, or a path that does not exist.
pub fn xml_files(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if fs::metadata(path)?.is_dir() {
            let mut found = Vec::new();
            collect(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads every file with [`read`](crate::read) on `threads` threads (the caller decides how
/// many: a library does not size itself to the machine); the outcomes come back in the order
/// of `files`, whatever order the threads finish in.
pub fn read_files(files: &[PathBuf], threads: NonZeroUsize) -> Batch {
    let next = AtomicUsize::new(0);
    let workers = threads.get().min(files.len().max(1));
    let mut outcomes: Vec<(usize, Result<Delivery, Error>)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(index) else { break };
                        let outcome = fs::read(path)
                            .map_err(Error::Io)
                            .and_then(|bytes| read(&bytes));
                        done.push((index, outcome));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker only reads and parses, which never panics; should one, its files
            // are reported below as unread rather than lost.
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    outcomes.sort_by_key(|(index, _)| *index);
    let mut outcomes = outcomes.into_iter().peekable();
    let files = files
        .iter()
        .enumerate()
        .map(|(index, path)| {
            let outcome = match outcomes.next_if(|(i, _)| *i == index) {
                Some((_, outcome)) => outcome,
                None => Err(Error::Io(io::Error::other("the reading thread failed"))),
            };
            FileOutcome {
                path: path.clone(),
                outcome,
            }
        })
        .collect();
    Batch { files }
}
