//! Lints: codes known from documentation, which no real release or party carries.

use core::fmt;

use crate::{Dpid, Grid};

/// GRids printed as examples: Wikipedia's "Global Release Identifier" article and
/// python-stdnum's doctest. No list of issuer codes or test range is published, so only
/// the examples themselves are flagged.
const GRID_EXAMPLES: [&str; 1] = ["A12425GABC1234002M"];

/// DPIDs printed as examples on DDEX's Knowledge Base (the DPID registry and the page on
/// communicating identifiers).
const DPID_EXAMPLES: [&str; 2] = ["PADPIDA2014122301Q", "PADPIDA3897722461G"];

/// Something worth knowing about a valid code. `Display` gives a lower-case message;
/// [`Warning::rule`] a stable identifier for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// A GRid printed as an example in documentation (rule `grid.documentation_example`).
    GridExample,
    /// A DPID printed as an example in DDEX's documentation (rule
    /// `dpid.documentation_example`): a message using it names no real party.
    DpidExample,
}

impl Warning {
    /// A stable identifier: `grid.documentation_example` or `dpid.documentation_example`.
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        match self {
            Warning::GridExample => "grid.documentation_example",
            Warning::DpidExample => "dpid.documentation_example",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Warning::GridExample => "a GRid printed as an example in documentation",
            Warning::DpidExample => "a DPID printed as an example in DDEX's documentation",
        })
    }
}

impl Grid {
    /// What is worth knowing about the code: at most one [`Warning`].
    ///
    /// ```
    /// let example: grid::Grid = "A1-2425G-ABC1234002-M".parse()?;
    /// assert_eq!(example.lint(), Some(grid::Warning::GridExample));
    /// # Ok::<(), grid::Error>(())
    /// ```
    #[must_use]
    pub fn lint(self) -> Option<Warning> {
        GRID_EXAMPLES
            .contains(&self.as_str())
            .then_some(Warning::GridExample)
    }
}

impl Dpid {
    /// What is worth knowing about the code: at most one [`Warning`].
    ///
    /// ```
    /// let example: grid::Dpid = "PA-DPIDA-2014122301-Q".parse()?;
    /// assert_eq!(example.lint(), Some(grid::Warning::DpidExample));
    /// assert_eq!("PADPIDA2013042401U".parse::<grid::Dpid>()?.lint(), None);
    /// # Ok::<(), grid::Error>(())
    /// ```
    #[must_use]
    pub fn lint(self) -> Option<Warning> {
        DPID_EXAMPLES
            .contains(&self.as_str())
            .then_some(Warning::DpidExample)
    }
}
