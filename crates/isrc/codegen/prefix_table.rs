//! Renders the IFPI prefix table (`data/isrc-prefixes-ifpi-*.csv`) as Rust source.
//!
//! One renderer serves two callers, so they can never disagree: `cargo xtask codegen` writes
//! its output to [`OUTPUT`], and the `isrc` crate's `generated` test renders again and fails
//! when the committed file differs.

use std::fmt::Write as _;

/// The source list, relative to the workspace root.
pub const SOURCE: &str = "data/isrc-prefixes-ifpi-2025-11.csv";

/// The generated file, relative to the workspace root.
pub const OUTPUT: &str = "crates/isrc/src/generated/prefixes.rs";

struct Row<'a> {
    code: &'a str,
    agency: &'a str,
    territory: &'a str,
    retired: bool,
    iso3166: bool,
    note: &'a str,
}

fn flag(value: &str, line: usize, column: &str) -> Result<bool, String> {
    match value {
        "True" => Ok(true),
        "False" => Ok(false),
        other => Err(format!(
            "{SOURCE}:{line}: {column} must be True or False, found {other:?}"
        )),
    }
}

/// The Rust source for the table in `csv` (the text of [`SOURCE`]), headed by the `generated`
/// marker (xtask's `GENERATED`) as a comment.
///
/// # Errors
/// A malformed row, a duplicate code or a missing `DB_DATE` in the header, naming the line.
pub fn render(csv: &str, generated: &str) -> Result<String, String> {
    let mut comments = Vec::new();
    let mut date = None;
    let mut rows = Vec::new();
    for (index, raw) in csv.lines().enumerate() {
        let line = index + 1;
        let text = raw.trim_end();
        if let Some(comment) = text.strip_prefix('#') {
            if let Some(rest) = comment.split("DB_DATE ").nth(1) {
                let value: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                if value.len() != 10 {
                    return Err(format!("{SOURCE}:{line}: DB_DATE is not YYYY-MM-DD"));
                }
                date = Some(value);
            }
            comments.push(comment.trim());
            continue;
        }
        if text.is_empty() {
            continue;
        }
        // The note is free text and may itself hold commas: it takes the rest of the line.
        let fields: Vec<&str> = text.splitn(6, ',').collect();
        let [code, agency, territory, retired, iso3166, note] = fields[..] else {
            return Err(format!(
                "{SOURCE}:{line}: expected 6 columns, found {}",
                fields.len()
            ));
        };
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "{SOURCE}:{line}: code must be two letters A-Z, found {code:?}"
            ));
        }
        if agency.is_empty() {
            return Err(format!("{SOURCE}:{line}: the agency of {code} is empty"));
        }
        rows.push(Row {
            code,
            agency,
            territory,
            retired: flag(retired, line, "retired")?,
            iso3166: flag(iso3166, line, "is_current_iso3166_alpha2")?,
            note: note.trim(),
        });
    }
    let date = date.ok_or_else(|| format!("{SOURCE}: no DB_DATE in the header comments"))?;
    rows.sort_by(|a, b| a.code.cmp(b.code));
    if let Some(pair) = rows.windows(2).find(|pair| pair[0].code == pair[1].code) {
        return Err(format!("{SOURCE}: code {} appears twice", pair[0].code));
    }

    let mut out = String::new();
    let _ = writeln!(out, "// {generated}");
    let _ = writeln!(
        out,
        "// `cargo xtask codegen` renders it from {SOURCE}, whose header reads:"
    );
    for comment in &comments {
        let _ = writeln!(out, "//   {comment}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "/// The date of the IFPI prefix list the table transcribes (its `DB_DATE`)."
    );
    let _ = writeln!(out, "pub const TABLE_DATE: &str = {date:?};");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "/// Every allocated first-two-character value of the prefix code, sorted by code."
    );
    let _ = writeln!(out, "const ALLOCATIONS: [Allocation; {}] = [", rows.len());
    for row in &rows {
        let _ = writeln!(
            out,
            "    Allocation {{ code: {:?}, agency: {:?}, territory: {:?}, retired: {}, iso3166: {}, note: {:?} }},",
            row.code, row.agency, row.territory, row.retired, row.iso3166, row.note
        );
    }
    let _ = writeln!(out, "];");
    Ok(out)
}
