//! [`Report`]: the findings of a validation, for people ([`Display`](fmt::Display)) and
//! machines (serde).

use std::fmt;

use serde::Serialize;
use upc::Upc;

use crate::plural::Plural;
use crate::rules::{Rule, Severity};

/// Where a finding is: a release (by index, and UPC when it has one), and within it a disc and
/// a track number when the finding is about one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The release's 0-based index in its catalog or file (0 for a lone release).
    pub release: usize,
    /// The release's UPC, when it has one.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "upc_text")]
    pub upc: Option<Upc>,
    /// The disc, for findings about a disc or a track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disc: Option<u32>,
    /// The track number on that disc, for findings about a track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<u32>,
    /// The 1-based line of the file the release or track was read from, when its reader
    /// said (a CSV row; for a release, its first row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// A UPC as its text (what the model's serde adapter writes, without reaching up to it).
fn upc_text<S: serde::Serializer>(upc: &Option<Upc>, serializer: S) -> Result<S::Ok, S::Error> {
    match upc {
        Some(code) => serializer.collect_str(code),
        None => serializer.serialize_none(),
    }
}

impl Location {
    /// The release itself.
    #[must_use]
    pub const fn release(release: usize, upc: Option<Upc>) -> Location {
        Location {
            release,
            upc,
            disc: None,
            track: None,
            line: None,
        }
    }

    /// The same place, read from `line` of its file (None: not known).
    #[must_use]
    pub const fn at_line(self, line: Option<u64>) -> Location {
        Location { line, ..self }
    }

    /// A disc of the release.
    #[must_use]
    pub const fn disc(self, disc: u32) -> Location {
        Location {
            disc: Some(disc),
            track: None,
            ..self
        }
    }

    /// A track of the release.
    #[must_use]
    pub const fn track(self, disc: u32, number: u32) -> Location {
        Location {
            disc: Some(disc),
            track: Some(number),
            ..self
        }
    }

    /// The release part alone, shown as the heading of a group.
    fn release_part(&self) -> ReleasePart {
        ReleasePart(self.release, self.upc)
    }
}

struct ReleasePart(usize, Option<Upc>);

impl fmt::Display for ReleasePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // People count from 1; the JSON index counts from 0 like the array it points into.
        write!(f, "release #{}", self.0 + 1)?;
        if let Some(upc) = self.1 {
            write!(f, " (upc {upc})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Location {
    /// `release #2 (upc 614141000012), disc 1 track 3, line 14`: the release, then what
    /// [`Location::within`] says.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.release_part())?;
        if !self.within().is_empty() {
            write!(f, ", {}", self.within())?;
        }
        Ok(())
    }
}

impl Location {
    /// The place within the release, the one way it is written everywhere: `disc 1 track 3`,
    /// `disc 2`, each followed by `, line 14` when the line is known (a release-level finding
    /// read from a file: `line 14` alone); empty for a release-level finding without a line.
    #[must_use]
    pub const fn within(&self) -> Within {
        Within {
            disc: self.disc,
            track: self.track,
            line: self.line,
        }
    }
}

/// The place of a finding within its release, as [`Location::within`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Within {
    disc: Option<u32>,
    track: Option<u32>,
    line: Option<u64>,
}

impl Within {
    /// A track of a disc: `disc 1 track 3`.
    #[must_use]
    pub const fn track(disc: u32, number: u32) -> Within {
        Within {
            disc: Some(disc),
            track: Some(number),
            line: None,
        }
    }

    /// Whether there is nothing to say (a release-level finding without a line).
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.disc.is_none() && self.line.is_none()
    }
}

impl fmt::Display for Within {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.disc, self.track) {
            (Some(d), Some(t)) => write!(f, "disc {d} track {t}")?,
            (Some(d), None) => write!(f, "disc {d}")?,
            _ => {}
        }
        if let Some(line) = self.line {
            let separator = if self.disc.is_some() { ", " } else { "" };
            write!(f, "{separator}line {line}")?;
        }
        Ok(())
    }
}

/// One problem found by validation.
///
/// Made only through [`Finding::new`] (or [`Finding::in_mode`]): the severity is the one its
/// [`Rule`] gives, so no finding can be reported as an error its table calls a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The rule, whose `id` (`"track.number_gap"`) is the stable id outputs call `rule`; see
    /// [`RULES`](crate::RULES) and [`LINTS`](crate::rules::LINTS).
    #[serde(serialize_with = "rule_id")]
    pub rule: &'static Rule,
    /// Error or warning, as the rule gives it (in draft mode, its draft severity).
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What is wrong, in words a person can act on.
    pub message: String,
    /// The other place involved, for findings about two places (a duplicate UPC, an ISRC
    /// conflict).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Location>,
}

fn rule_id<S: serde::Serializer>(rule: &&'static Rule, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(rule.id)
}

impl Finding {
    /// A finding of `rule` at `location`, with the rule's severity.
    #[must_use]
    pub fn new(rule: &'static Rule, location: Location, message: impl Into<String>) -> Finding {
        Finding::in_mode(rule, false, location, message)
    }

    /// A finding of `rule` with the rule's severity in draft mode (`draft`) or strict mode.
    #[must_use]
    pub fn in_mode(
        rule: &'static Rule,
        draft: bool,
        location: Location,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity: rule.severity_in(draft),
            location,
            message: message.into(),
            related: None,
        }
    }

    /// The same finding, naming a second place involved.
    #[must_use]
    pub fn related(mut self, other: Location) -> Finding {
        self.related = Some(other);
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}] {}",
            self.location, self.severity, self.rule, self.message
        )
    }
}

/// All findings of a validation, in the order found (releases in order, each release's
/// findings before the catalog-wide ones that name it).
///
/// `Display` renders it for people: findings grouped under their release, one line each,
/// then a summary line. `Serialize` gives `{"errors": n, "warnings": n, "findings": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// An empty report.
    #[must_use]
    pub fn new() -> Report {
        Report::default()
    }

    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Every finding.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The findings of severity warning.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// The number of errors.
    #[must_use]
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// The number of warnings.
    #[must_use]
    pub fn warning_count(&self) -> usize {
        self.warnings().count()
    }

    /// Whether there is at least one error (warnings allowed).
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Whether there are no findings at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The rule ids found, in order, each once.
    #[must_use]
    pub fn rules(&self) -> Vec<&'static str> {
        let mut seen = Vec::new();
        for f in &self.findings {
            if !seen.contains(&f.rule.id) {
                seen.push(f.rule.id);
            }
        }
        seen
    }

    /// The findings of one rule.
    pub fn by_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule.id == rule)
    }

    /// The findings for the release at `index`.
    pub fn for_release(&self, index: usize) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.location.release == index)
    }

    /// The report as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        // A Report holds only strings, numbers and codes printed as strings: it always
        // serialises.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl IntoIterator for Report {
    type Item = Finding;
    type IntoIter = std::vec::IntoIter<Finding>;

    fn into_iter(self) -> Self::IntoIter {
        self.findings.into_iter()
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 3)?;
        s.serialize_field("errors", &self.error_count())?;
        s.serialize_field("warnings", &self.warning_count())?;
        s.serialize_field("findings", &self.findings)?;
        s.end()
    }
}

impl fmt::Display for Report {
    /// ```text
    /// release #1 (upc 614141000012):
    ///   error   release.empty_title: the release has no title
    ///   warning isrc.unknown_prefix (disc 1 track 2): …
    ///   error   track.duplicate_number (disc 1 track 3, line 5): … (a release read from CSV)
    /// 1 error, 1 warning
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut order: Vec<usize> = (0..self.findings.len()).collect();
        // Stable: findings keep their order within a release.
        order.sort_by_key(|&i| self.findings[i].location.release);
        let mut current = None;
        for i in order {
            let finding = &self.findings[i];
            let loc = finding.location;
            if current != Some(loc.release) {
                writeln!(f, "{}:", loc.release_part())?;
                current = Some(loc.release);
            }
            write!(f, "  {:<7} {}", finding.severity.as_str(), finding.rule)?;
            if !loc.within().is_empty() {
                write!(f, " ({})", loc.within())?;
            }
            writeln!(f, ": {}", finding.message)?;
        }
        write!(
            f,
            "{}, {}",
            Plural(self.error_count(), "error"),
            Plural(self.warning_count(), "warning")
        )
    }
}
