//! [`Plural`]: the one way a count and its noun are written.

use std::fmt;

/// A count with its noun, plural when it is not one: `1 error`, `2 errors`, `0 tracks`.
pub(crate) struct Plural(pub usize, pub &'static str);

impl fmt::Display for Plural {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            write!(f, "1 {}", self.1)
        } else {
            write!(f, "{} {}s", self.0, self.1)
        }
    }
}
