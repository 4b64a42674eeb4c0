//! [`Note`]: something the reader noticed, with its place in the message.

use core::fmt;

use release_model::{Rule, Severity};

use crate::Position;

/// How much a note matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Something the model has no place for, left out of the release.
    Info,
    /// Something read past or mended; the release holds what the message meant.
    Warning,
}

impl Level {
    /// `"info"` or `"warning"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
        }
    }
}

/// A reader's note: a rule id (`ddex.*`), its level, where in the message, and what.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Note {
    /// Its rule, from [`rules`](crate::rules) (`rule.id` is the stable id).
    pub rule: &'static Rule,
    /// Info or warning: the rule's severity.
    pub level: Level,
    /// The line and column of the element concerned, when there is one.
    pub position: Option<Position>,
    /// What was noticed, in lower case.
    pub message: String,
}

impl Note {
    /// A note of `rule`, at the level its table gives it.
    pub(crate) fn new(rule: &'static Rule, position: Option<Position>, message: String) -> Note {
        let level = match rule.severity {
            Severity::Info => Level::Info,
            _ => Level::Warning,
        };
        Note {
            rule,
            level,
            position,
            message,
        }
    }
}

impl fmt::Display for Note {
    /// `line 12, column 5: warning: message [rule]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        write!(
            f,
            "{}: {} [{}]",
            self.level.as_str(),
            self.message,
            self.rule
        )
    }
}
