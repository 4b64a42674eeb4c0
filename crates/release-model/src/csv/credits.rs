//! The credit cells of the CSV format: several credits in one cell, separated by `;`, each a
//! name with optional roles in parentheses and optional identifiers in brackets:
//!
//! `One Yen (MainArtist); Jane Roe (Composer, Lyricist) [ISNI 0000 0001 2103 2683; IPI 00017798450]`
//!
//! A backslash takes the next character literally (`AC\;DC`, `\(Hed\) P.E.`), so that any name
//! can be written; whitespace around names, roles and identifiers is ignored (a name's own
//! leading or trailing space is written escaped).

use std::fmt::Write as _;

use crate::codes::{parse_ipi, parse_isni};
use crate::credits::SYNTAX;
use crate::{Contributor, Error, Role};

/// A syntax error in a credit cell at 1-based character `position`.
fn syntax(position: usize, message: impl Into<String>) -> Error {
    Error::Other(format!(
        "invalid credits at character {position}: {}",
        message.into()
    ))
}

/// The text of a cell, character by character, each marked whether a backslash escaped it.
struct Lexer {
    chars: Vec<(char, bool)>,
    at: usize,
}

impl Lexer {
    fn new(text: &str) -> Result<Lexer, Error> {
        let mut chars = Vec::with_capacity(text.len());
        let mut it = text.chars();
        while let Some(c) = it.next() {
            if c == '\\' {
                match it.next() {
                    Some(next) => chars.push((next, true)),
                    None => {
                        return Err(syntax(
                            chars.len() + 1,
                            "a backslash at the end: it escapes the character after it",
                        ));
                    }
                }
            } else {
                chars.push((c, false));
            }
        }
        Ok(Lexer { chars, at: 0 })
    }

    fn peek(&self) -> Option<char> {
        self.chars
            .get(self.at)
            .and_then(|&(c, escaped)| (!escaped).then_some(c))
    }

    fn at_end(&self) -> bool {
        self.at >= self.chars.len()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// The 1-based position of the next character (or just past the end).
    fn position(&self) -> usize {
        self.at + 1
    }

    /// Characters up to the next unescaped one of `stops`, trimmed of unescaped whitespace.
    fn until(&mut self, stops: &[char]) -> String {
        let start = self.at;
        while self.at < self.chars.len() {
            let (c, escaped) = self.chars[self.at];
            if !escaped && stops.contains(&c) {
                break;
            }
            self.at += 1;
        }
        let mut part = &self.chars[start..self.at];
        while let [(c, false), rest @ ..] = part
            && c.is_whitespace()
        {
            part = rest;
        }
        while let [rest @ .., (c, false)] = part
            && c.is_whitespace()
        {
            part = rest;
        }
        part.iter().map(|&(c, _)| c).collect()
    }

    fn expect(&mut self, wanted: char, what: &str) -> Result<(), Error> {
        if self.peek() == Some(wanted) {
            self.at += 1;
            Ok(())
        } else {
            Err(syntax(
                self.position(),
                format!("expected {what}, found {}", self.found()),
            ))
        }
    }

    fn found(&self) -> String {
        match self.chars.get(self.at) {
            Some((c, _)) => format!("{c:?}"),
            None => "the end of the cell".to_owned(),
        }
    }
}

/// Reads a credit cell: the credits in the order given, each with `role` (a per-role
/// column's) first and the roles in its parentheses after. An empty cell, or empty items
/// between `;`, give nothing.
///
/// # Errors
/// A name missing before `(` or `[`, an unclosed `(` or `[`, a role that does not read, an
/// identifier that does not read or repeats, or text after a credit's brackets.
pub(crate) fn parse(text: &str, role: Option<&Role>) -> Result<Vec<Contributor>, Error> {
    let mut lexer = Lexer::new(text)?;
    let mut credits = Vec::new();
    loop {
        lexer.skip_space();
        if lexer.at_end() {
            return Ok(credits);
        }
        if lexer.peek() == Some(';') {
            lexer.at += 1;
            continue;
        }
        let start = lexer.position();
        let name = lexer.until(&[';', '(', ')', '[', ']']);
        if name.is_empty() {
            return Err(syntax(
                start,
                format!("expected a name, found {}", lexer.found()),
            ));
        }
        let mut credit = Contributor::new(name, role.cloned());
        lexer.skip_space();
        if lexer.peek() == Some('(') {
            lexer.at += 1;
            roles(&mut lexer, &mut credit)?;
            lexer.skip_space();
        }
        if lexer.peek() == Some('[') {
            lexer.at += 1;
            identifiers(&mut lexer, &mut credit)?;
            lexer.skip_space();
        }
        if !lexer.at_end() {
            lexer.expect(';', "';' between two credits")?;
        }
        credits.push(credit);
    }
}

fn roles(lexer: &mut Lexer, credit: &mut Contributor) -> Result<(), Error> {
    loop {
        let start = lexer.position();
        let text = lexer.until(&[',', ')', ';', '(', '[', ']']);
        let role = text
            .parse::<Role>()
            .map_err(|e| syntax(start, e.to_string()))?;
        credit.roles.push(role);
        match lexer.peek() {
            Some(',') => lexer.at += 1,
            _ => return lexer.expect(')', "',' or ')' after a role"),
        }
    }
}

fn identifiers(lexer: &mut Lexer, credit: &mut Contributor) -> Result<(), Error> {
    loop {
        let start = lexer.position();
        let text = lexer.until(&[';', ']', '(', ')', '[']);
        let (label, value) = text.split_once(char::is_whitespace).unwrap_or((&text, ""));
        let value = value.trim();
        if label.eq_ignore_ascii_case("isni") {
            if credit.isni.is_some() {
                return Err(syntax(start, "a second ISNI for one credit"));
            }
            credit.isni = Some(parse_isni(value)?);
        } else if label.eq_ignore_ascii_case("ipi") {
            if credit.ipi.is_some() {
                return Err(syntax(start, "a second IPI for one credit"));
            }
            credit.ipi = Some(parse_ipi(value)?);
        } else {
            return Err(syntax(
                start,
                format!("expected ISNI or IPI and the number, found {text:?}"),
            ));
        }
        match lexer.peek() {
            Some(';') => lexer.at += 1,
            _ => return lexer.expect(']', "';' or ']' after an identifier"),
        }
    }
}

/// Whether two optional identifiers agree: equal, or given on one side only.
fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Adds `credit` to `list`: into the credit of the same name whose identifiers agree (the
/// same, or given on one side only), adding its roles and identifiers, or at the end. This is
/// how a name in several per-role columns becomes one credit with several roles.
pub(crate) fn merge(list: &mut Vec<Contributor>, credit: Contributor) {
    match list
        .iter_mut()
        .find(|c| c.name == credit.name && agree(c.isni, credit.isni) && agree(c.ipi, credit.ipi))
    {
        Some(existing) => {
            for role in credit.roles {
                if !existing.roles.contains(&role) {
                    existing.roles.push(role);
                }
            }
            existing.isni = existing.isni.or(credit.isni);
            existing.ipi = existing.ipi.or(credit.ipi);
        }
        None => list.push(credit),
    }
}

/// Whether `credit` can be written in a cell and read back as it is: a name that is not
/// empty, roles that read back as themselves.
pub(crate) fn writable(credit: &Contributor) -> bool {
    !credit.name.is_empty()
        && credit
            .roles
            .iter()
            .all(|r| matches!(r.as_str().parse::<Role>(), Ok(ref back) if back == r))
}

/// Appends `credits` to `buffer` in the cell syntax, with their roles when `with_roles`.
pub(crate) fn write(buffer: &mut String, credits: &[&Contributor], with_roles: bool) {
    for (i, credit) in credits.iter().enumerate() {
        if i > 0 {
            buffer.push_str("; ");
        }
        let last = credit.name.chars().count().saturating_sub(1);
        for (j, c) in credit.name.chars().enumerate() {
            if SYNTAX.contains(&c) || ((j == 0 || j == last) && c.is_whitespace()) {
                buffer.push('\\');
            }
            buffer.push(c);
        }
        if with_roles && !credit.roles.is_empty() {
            buffer.push_str(" (");
            for (j, role) in credit.roles.iter().enumerate() {
                if j > 0 {
                    buffer.push_str(", ");
                }
                buffer.push_str(role.as_str());
            }
            buffer.push(')');
        }
        let ids = [
            credit.isni.map(|i| format!("ISNI {}", i.grouped())),
            credit.ipi.map(|i| format!("IPI {i}")),
        ];
        let mut ids = ids.into_iter().flatten().peekable();
        if ids.peek().is_some() {
            buffer.push_str(" [");
            for (j, id) in ids.enumerate() {
                if j > 0 {
                    buffer.push_str("; ");
                }
                let _ = write!(buffer, "{id}");
            }
            buffer.push(']');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(credits: &[Contributor]) -> String {
        let mut buffer = String::new();
        write(&mut buffer, &credits.iter().collect::<Vec<_>>(), true);
        buffer
    }

    #[test]
    fn reads_names_roles_and_identifiers() {
        let credits = parse(
            " One Yen (MainArtist);; Jane Roe (composer, Lyricist) [ISNI 0000 0001 2103 2683; ipi 00017798450] ; AC\\;DC",
            None,
        )
        .unwrap();
        assert_eq!(credits.len(), 3);
        assert_eq!(credits[0], Contributor::new("One Yen", [Role::MainArtist]));
        assert_eq!(credits[1].roles, [Role::Composer, Role::Lyricist]);
        assert_eq!(credits[1].isni.unwrap().to_string(), "0000000121032683");
        assert_eq!(credits[1].ipi.unwrap().to_string(), "00017798450");
        assert_eq!(credits[2].name, "AC;DC");
        assert_eq!(
            text(&credits),
            "One Yen (MainArtist); Jane Roe (Composer, Lyricist) [ISNI 0000 0001 2103 2683; IPI 00017798450]; AC\\;DC"
        );
        let composers = parse("Jane Roe (Lyricist)", Some(&Role::Composer)).unwrap();
        assert_eq!(composers[0].roles, [Role::Composer, Role::Lyricist]);
    }

    #[test]
    fn errors_say_where() {
        for (cell, message) in [
            (
                "Jane (Composer",
                "invalid credits at character 15: expected ',' or ')' after a role, found the end of the cell",
            ),
            (
                "(Composer)",
                "invalid credits at character 1: expected a name, found '('",
            ),
            (
                "Jane [DOI 10.1000/1]",
                "invalid credits at character 7: expected ISNI or IPI and the number, found \"DOI 10.1000/1\"",
            ),
            ("Jane [IPI 1; IPI 2]", "invalid ipi \"1\": "),
            (
                "Jane (Lead Singer)",
                "invalid credits at character 7: invalid role \"Lead Singer\"",
            ),
            (
                "Jane [ISNI 0000 0001 2103 2683] Roe",
                "invalid credits at character 33: expected ';' between two credits, found 'R'",
            ),
            (
                "Jane\\",
                "invalid credits at character 5: a backslash at the end",
            ),
        ] {
            let error = parse(cell, None).unwrap_err().to_string();
            assert!(error.starts_with(message), "{cell:?}: {error}");
        }
    }

    #[test]
    fn odd_names_are_escaped_and_read_back() {
        for name in ["(Hed) P.E.", " x ", "a\\b", "[x]; y, z", "\u{a0}nb"] {
            let credits = [Contributor::new(
                name,
                [Role::Other("Librettist".to_owned())],
            )];
            let cell = text(&credits);
            assert_eq!(parse(&cell, None).unwrap(), credits, "{cell}");
        }
    }
}
