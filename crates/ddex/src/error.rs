//! The error type of the DDEX reader and writer.

use crate::Position;
use release_model::Report;

/// Everything that can go wrong writing or reading an ERN message.
///
/// Reader errors carry the [`Position`] (line, column) of the offending element or character.
/// Findings that do not stop the reader (a 14-digit ICPN, a wrong check digit) are warnings in
/// the import's [`Report`], not errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The release has validation errors; nothing was written. The report holds every finding.
    #[error("refusing to export: the release has {} validation error{}", report.errors().count(), plural(report.errors().count()))]
    Invalid {
        /// The release's validation report (errors and warnings).
        report: Box<Report>,
    },
    /// The release has no label: ERN 4.3 requires a `ReleaseLabelReference`.
    #[error("refusing to export: the release has no label (ern needs ReleaseLabelReference)")]
    MissingLabel,
    /// The release has no genre and the options give no default: ERN 4.3 requires a `Genre`
    /// on the release and its track releases.
    #[error(
        "refusing to export: the release has no genre and no default genre was given (ern needs Genre)"
    )]
    MissingGenre,
    /// The release has no release type: ERN 4.3 requires a `ReleaseType`.
    #[error("refusing to export: the release has no release type (ern needs ReleaseType)")]
    MissingReleaseType,
    /// A text field holds a character XML 1.0 cannot carry (a control character).
    #[error(
        "refusing to export: the {field} contains the control character {found:?}, which xml cannot carry"
    )]
    UnwritableText {
        /// The field ("release title", "track 1-3 title").
        field: String,
        /// The character.
        found: char,
    },
    /// A message header field the schema would reject.
    #[error("invalid {field} {value:?}: expected {expected}")]
    InvalidHeader {
        /// The field ("dpid", "created date-time", "message id").
        field: &'static str,
        /// The text as given.
        value: String,
        /// What the field accepts.
        expected: &'static str,
    },
    /// A deal value outside what ERN allows, or a deal missing a required part.
    #[error("invalid deal value {value:?}: expected {expected}")]
    InvalidDeal {
        /// The text as given.
        value: String,
        /// What the deal needs.
        expected: &'static str,
    },
    /// A deal without a territory, a commercial model or a use type, or ending before it starts.
    #[error("incomplete deal: it has {problem}")]
    IncompleteDeal {
        /// What is wrong ("no territory").
        problem: &'static str,
    },
    /// Resource files the release has no place for (more track files than tracks, a cover
    /// file without a cover), or a file reference naming no file.
    #[error("refusing to export: {problem}")]
    Files {
        /// What is wrong.
        problem: String,
    },
    /// The text is not well-formed XML.
    #[error("malformed xml at {position}: {message}")]
    Syntax {
        /// Where the parser stopped.
        position: Position,
        /// What the parser found wrong.
        message: String,
    },
    /// The root element is not an ERN `NewReleaseMessage` or `PurgeReleaseMessage`.
    #[error(
        "unexpected root element {found:?} at {position}: expected NewReleaseMessage or PurgeReleaseMessage"
    )]
    Root {
        /// Where the root element starts.
        position: Position,
        /// Its local name.
        found: String,
    },
    /// The root element is in a namespace that is no ERN version.
    #[error(
        "wrong namespace {found:?} at {position}: expected an ern namespace such as http://ddex.net/xml/ern/43"
    )]
    Namespace {
        /// Where the root element starts.
        position: Position,
        /// The namespace found (empty when none was declared).
        found: String,
    },
    /// The message is an ERN of a version the reader does not take (older than 3.7).
    #[error(
        "unsupported ern version {found} at {position}: this reader takes ern 3.7, 3.7.1, 3.8, 3.8.1, 3.8.2, 3.8.3, 4.1, 4.1.1, 4.2 and 4.3.x"
    )]
    Version {
        /// Where the root element starts.
        position: Position,
        /// The version found ("3.4.1", or the namespace's text when it names none).
        found: String,
    },
    /// A version name that is no ERN version.
    #[error("unknown ern version {value:?}: expected a version such as 4.3 or 3.8.2")]
    UnknownVersion {
        /// The text as given.
        value: String,
    },
    /// The writer does not produce this version.
    #[error("cannot write ern {version}: the writer produces ern 4.3 and 3.8.2")]
    UnwritableVersion {
        /// The version asked for.
        version: crate::ErnVersion,
    },
    /// The message is a `PurgeReleaseMessage`, which removes a release and carries none.
    #[error("the message is a PurgeReleaseMessage for {release}: it carries no release to import")]
    Purge {
        /// The release it purges ("upc 0614141000012", "grid A1…").
        release: String,
    },
    /// The writer produces `NewReleaseMessage`s: an insert, an update or a takedown.
    #[error(
        "cannot write a {action} message: the writer produces a NewReleaseMessage (insert, update or takedown)"
    )]
    UnwritableAction {
        /// The action asked for.
        action: crate::Action,
    },
    /// A required element is missing.
    #[error("missing {element} in the {parent} at {position}")]
    Missing {
        /// Where the parent element starts.
        position: Position,
        /// The missing element.
        element: &'static str,
        /// The element that should contain it.
        parent: &'static str,
    },
    /// An element or attribute whose text the model cannot take.
    #[error("invalid {element} {value:?} at {position}: {reason}")]
    Value {
        /// Where the element starts.
        position: Position,
        /// The element (or attribute) name.
        element: &'static str,
        /// Its text.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A reference that names nothing in the message.
    #[error(
        "dangling reference {reference:?} in {element} at {position}: no {target} has this reference"
    )]
    Dangling {
        /// Where the referring element starts.
        position: Position,
        /// The referring element ("ReleaseResourceReference").
        element: &'static str,
        /// The reference text ("A9").
        reference: String,
        /// What it should name ("resource", "party", "release").
        target: &'static str,
    },
    /// The message has no main `Release`, only track or clip releases.
    #[error("the message has no main Release (ReleaseList at {position})")]
    NoRelease {
        /// Where the release list starts.
        position: Position,
    },
    /// The message has a document type declaration. ERN messages are described by their XML
    /// Schema and never declare a DTD or entities; a DOCTYPE is how entity expansion attacks
    /// (billion laughs, external entities) start, so it is refused before anything is read and
    /// no entity is ever expanded.
    #[error(
        "a DOCTYPE at {position}: document type and entity declarations are not accepted in an ern message (entities are never expanded)"
    )]
    Doctype {
        /// Where the declaration starts.
        position: Position,
    },
    /// A delivery batch refused as a whole: incomplete, or hostile (see
    /// [`delivery::Refusal`](crate::delivery::Refusal)).
    #[cfg(feature = "delivery")]
    #[error("refusing the batch: {0}")]
    Refused(#[from] crate::delivery::Refusal),
    /// Reading or writing failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

impl Error {
    /// A stable, machine-readable name for the kind of error, for JSON output.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_release",
            Error::MissingLabel => "missing_label",
            Error::MissingGenre => "missing_genre",
            Error::MissingReleaseType => "missing_release_type",
            Error::UnwritableText { .. } => "unwritable_text",
            Error::InvalidHeader { .. } => "invalid_header",
            Error::InvalidDeal { .. } => "invalid_deal",
            Error::IncompleteDeal { .. } => "incomplete_deal",
            Error::Files { .. } => "files",
            Error::Syntax { .. } => "syntax",
            Error::Root { .. } => "root",
            Error::Namespace { .. } => "namespace",
            Error::Version { .. } => "version",
            Error::UnknownVersion { .. } => "unknown_version",
            Error::UnwritableVersion { .. } => "unwritable_version",
            Error::Purge { .. } => "purge",
            Error::UnwritableAction { .. } => "unwritable_action",
            Error::Missing { .. } => "missing",
            Error::Value { .. } => "value",
            Error::Dangling { .. } => "dangling_reference",
            Error::NoRelease { .. } => "no_release",
            Error::Doctype { .. } => "doctype",
            #[cfg(feature = "delivery")]
            Error::Refused(refusal) => refusal.kind(),
            Error::Io(_) => "io",
        }
    }

    /// Where in the message the error points, for reader errors.
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Syntax { position, .. }
            | Error::Root { position, .. }
            | Error::Namespace { position, .. }
            | Error::Version { position, .. }
            | Error::Missing { position, .. }
            | Error::Value { position, .. }
            | Error::Dangling { position, .. }
            | Error::NoRelease { position }
            | Error::Doctype { position } => Some(*position),
            _ => None,
        }
    }
}
