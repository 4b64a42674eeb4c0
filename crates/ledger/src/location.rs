//! Where a ledger lives: an SQLite file or a PostgreSQL database.

use core::fmt;
use std::path::{Path, PathBuf};

/// Where a ledger lives.
///
/// From text, `postgres://…` and `postgresql://…` are PostgreSQL URLs (libpq's URL form, e.g.
/// `postgres://user:password@host:5432/database`), anything else is the path of an SQLite
/// file. A [`Path`] is always a file.
///
/// Displays with any password replaced by `***`, so that it can go into messages and logs.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL URL.
    Postgres(String),
}

impl Location {
    /// Reads a location as the `--ledger` option of a command line gives it.
    #[must_use]
    pub fn parse(location: &str) -> Self {
        if is_postgres_url(location) {
            Self::Postgres(location.to_owned())
        } else {
            Self::Sqlite(PathBuf::from(location))
        }
    }
}

fn is_postgres_url(location: &str) -> bool {
    ["postgres://", "postgresql://"].iter().any(|scheme| {
        location
            .get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

impl From<&str> for Location {
    fn from(location: &str) -> Self {
        Self::parse(location)
    }
}

impl From<String> for Location {
    fn from(location: String) -> Self {
        Self::parse(&location)
    }
}

impl From<&Path> for Location {
    fn from(path: &Path) -> Self {
        Self::Sqlite(path.to_owned())
    }
}

impl From<PathBuf> for Location {
    fn from(path: PathBuf) -> Self {
        Self::Sqlite(path)
    }
}

impl From<&PathBuf> for Location {
    fn from(path: &PathBuf) -> Self {
        Self::Sqlite(path.clone())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => {
                f.write_str(&redact_keyword_password(&path.display().to_string()))
            }
            Self::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(_) => f.debug_tuple("Sqlite").field(&self.to_string()).finish(),
            Self::Postgres(_) => f.debug_tuple("Postgres").field(&self.to_string()).finish(),
        }
    }
}

/// The text with the value of every libpq keyword `password=…` replaced by `***`.
///
/// A libpq key-value connection string (`host=h user=u password=secret`) is not a URL, so it
/// reads as an SQLite path; whatever it is, its password must not reach a message.
fn redact_keyword_password(text: &str) -> String {
    const KEYWORD: &str = "password";
    let mut redacted = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.char_indices().map(|(at, _)| at).find(|&at| {
        rest[at..]
            .get(..KEYWORD.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(KEYWORD))
    }) {
        let after_keyword = &rest[at + KEYWORD.len()..];
        let after_spaces = after_keyword.trim_start();
        let Some(value) = after_spaces.strip_prefix('=') else {
            redacted.push_str(&rest[..at + KEYWORD.len()]);
            rest = after_keyword;
            continue;
        };
        let value = value.trim_start();
        let value_len = if let Some(quoted) = value.strip_prefix('\'') {
            quoted.find('\'').map_or(value.len(), |end| end + 2)
        } else {
            value.find(char::is_whitespace).unwrap_or(value.len())
        };
        redacted.push_str(&rest[..at + KEYWORD.len()]);
        redacted.push_str("=***");
        rest = &value[value_len..];
    }
    redacted.push_str(rest);
    redacted
}

/// The URL with the password of its user-info part (`user:password@`) and of a
/// `password=` query parameter replaced by `***`.
fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|at| at + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?'])
        .map_or(url.len(), |at| scheme_end + at);
    let mut redacted = String::with_capacity(url.len());
    match url[scheme_end..authority_end].rfind('@') {
        Some(at) => {
            let user_info = &url[scheme_end..scheme_end + at];
            redacted.push_str(&url[..scheme_end]);
            match user_info.split_once(':') {
                Some((user, _password)) => {
                    redacted.push_str(user);
                    redacted.push_str(":***");
                }
                None => redacted.push_str(user_info),
            }
            redacted.push_str(&url[scheme_end + at..authority_end]);
        }
        None => redacted.push_str(&url[..authority_end]),
    }
    let rest = &url[authority_end..];
    match rest.split_once('?') {
        Some((path, query)) => {
            redacted.push_str(path);
            redacted.push('?');
            let parameters: Vec<String> = query
                .split('&')
                .map(|parameter| match parameter.split_once('=') {
                    Some((name, _)) if name.eq_ignore_ascii_case("password") => {
                        format!("{name}=***")
                    }
                    _ => parameter.to_owned(),
                })
                .collect();
            redacted.push_str(&parameters.join("&"));
        }
        None => redacted.push_str(rest),
    }
    redacted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_are_told_from_paths() {
        let url = |text: &str| Location::Postgres(text.to_owned());
        let file = |text: &str| Location::Sqlite(PathBuf::from(text));
        let cases = [
            ("postgres://h/db", url("postgres://h/db")),
            ("PostgreSQL://h/db", url("PostgreSQL://h/db")),
            ("postgres.ledger", file("postgres.ledger")),
            ("./postgres://x", file("./postgres://x")),
        ];
        for (text, expected) in cases {
            assert_eq!(Location::parse(text), expected, "{text}");
        }
        // A path is a file, whatever it looks like.
        assert_eq!(
            Location::from(Path::new("postgres://x")),
            file("postgres://x")
        );
    }

    #[test]
    fn keyword_passwords_never_show() {
        for (location, shown) in [
            (
                "host=h user=u password=secret dbname=d",
                "host=h user=u password=*** dbname=d",
            ),
            ("host=h PASSWORD = 'se cret' x=1", "host=h PASSWORD=*** x=1"),
            ("password=", "password=***"),
            ("ledgers/passwords.db", "ledgers/passwords.db"),
            ("ledger.db", "ledger.db"),
        ] {
            let parsed = Location::parse(location);
            assert_eq!(parsed.to_string(), shown, "{location}");
            assert!(!format!("{parsed:?}").contains("secret"), "{location}");
        }
    }

    #[test]
    fn passwords_never_show() {
        let cases = [
            (
                "postgres://u:secret@h:5432/db",
                "postgres://u:***@h:5432/db",
            ),
            ("postgres://u@h/db", "postgres://u@h/db"),
            (
                "postgres://h/db?password=secret&x=1",
                "postgres://h/db?password=***&x=1",
            ),
            ("postgresql://u:p%40ss@h", "postgresql://u:***@h"),
            ("postgres://h", "postgres://h"),
        ];
        for (url, shown) in cases {
            assert_eq!(Location::parse(url).to_string(), shown);
            assert!(!format!("{:?}", Location::parse(url)).contains("secret"));
        }
    }
}
