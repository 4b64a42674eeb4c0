//! Why a batch is refused as a whole. A batch comes from someone else: anything that could make
//! the reader touch a file outside the batch, expand an entity or read without bound stops the
//! ingest before anything is written.

use std::path::PathBuf;

/// Why a batch was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// No `BatchComplete_*.xml` in the batch folder: the sender has not finished (the
    /// manifest is written last), so nothing in it is taken.
    #[error("{batch}: no BatchComplete_*.xml manifest: the batch is not complete")]
    NoManifest {
        /// The batch folder.
        batch: PathBuf,
    },
    /// A file reference that would leave the batch: `..`, an absolute path, a URL, a
    /// backslash, or a path whose symlinks lead outside.
    #[error("{file}: the reference {reference:?} {why}: only files inside the batch are read")]
    OutsideBatch {
        /// The file holding the reference (message or manifest).
        file: PathBuf,
        /// The reference as written.
        reference: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A file the manifest or a message names is not in the batch.
    #[error("{file}: names {reference:?}, which is not in the batch")]
    Missing {
        /// The file holding the reference.
        file: PathBuf,
        /// The reference as written.
        reference: String,
    },
    /// An XML file with a document type declaration: entities are never declared nor expanded.
    #[error(
        "{file}: line {line}: a DOCTYPE (document type or entity declarations) is not accepted in a delivery"
    )]
    Doctype {
        /// The XML file.
        file: PathBuf,
        /// The line of the declaration.
        line: u64,
    },
    /// An XML file that does not parse, or uses an undeclared entity.
    #[error("{file}: line {line}: {message}")]
    Xml {
        /// The XML file.
        file: PathBuf,
        /// The line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Elements nested deeper than any DDEX message needs.
    #[error("{file}: line {line}: elements nested {depth} deep: at most {limit} accepted")]
    TooDeep {
        /// The XML file.
        file: PathBuf,
        /// The line of the element too deep.
        line: u64,
        /// How deep it was.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// A file, or the batch, larger than accepted.
    #[error("{file}: {what} {found} exceeds the limit of {limit}")]
    TooLarge {
        /// The file or folder.
        file: PathBuf,
        /// What was counted ("size in bytes", "number of files", "folder depth").
        what: &'static str,
        /// What was found.
        found: u64,
        /// The limit.
        limit: u64,
    },
    /// A resource file larger than the `FileSize` its message declares.
    #[error("{file}: {found} bytes, larger than the {declared} bytes its message declares")]
    LargerThanDeclared {
        /// The resource file.
        file: PathBuf,
        /// The declared size in bytes.
        declared: u64,
        /// The bytes found (read up to one past the declared size).
        found: u64,
    },
    /// Two names in the batch that differ only by case: on a case-insensitive file system
    /// one would overwrite the other, so which one a reference means is not settled.
    #[error("{first} and {second} differ only by case")]
    CaseCollision {
        /// One path.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// A manifest that does not say what the batch holds.
    #[error("{file}: {message}")]
    Manifest {
        /// The manifest.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Refusal {
    /// A stable, machine-readable name for the refusal.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::NoManifest { .. } => "batch.no_manifest",
            Refusal::OutsideBatch { .. } => "batch.outside",
            Refusal::Missing { .. } => "batch.missing_file",
            Refusal::Doctype { .. } => "batch.doctype",
            Refusal::Xml { .. } => "batch.xml",
            Refusal::TooDeep { .. } => "batch.too_deep",
            Refusal::TooLarge { .. } => "batch.too_large",
            Refusal::LargerThanDeclared { .. } => "batch.larger_than_declared",
            Refusal::CaseCollision { .. } => "batch.case_collision",
            Refusal::Manifest { .. } => "batch.manifest",
        }
    }
}
