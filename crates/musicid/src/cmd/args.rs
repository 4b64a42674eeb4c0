//! Arguments shared by several commands: the check options, the `--range` of the allocate
//! commands, the `--ern` version of the DDEX writers.

use clap::Args;

use crate::check::{CheckOptions, ReportFormat};
use crate::clock;

/// The arguments of `musicid isrc check` and `musicid upc check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files with one code per line; `-` or none reads stdin.
    #[arg(value_name = "FILE|-")]
    pub files: Vec<String>,
    /// Accept only the canonical form (no spaces, separators, lower case or label).
    #[arg(long)]
    pub strict: bool,
    /// Also report warnings: the prefix table, year plausibility, lenient spellings, duplicates.
    /// The duplicate check remembers every code seen (memory grows with the input).
    #[arg(long)]
    pub warnings: bool,
    /// Exit 1 when there are warnings (implies --warnings).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Read CSV input and check this column (named by the header).
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,
    /// The year that year-of-reference plausibility is judged against (default: the current year).
    #[arg(long, value_name = "YEAR")]
    pub reference_year: Option<u16>,
}

/// Reads `FIRST..=LAST` (or `FIRST-LAST`), the `--range` of the allocate commands.
///
/// # Errors
/// Text of another shape, or parts that are not whole numbers.
pub fn parse_range(text: &str) -> Result<(u64, u64), String> {
    let (first, last) = text
        .split_once("..=")
        .or_else(|| text.split_once('-'))
        .ok_or_else(|| format!("expected FIRST..=LAST, found {text:?}"))?;
    let number = |part: &str| {
        part.trim()
            .parse::<u64>()
            .map_err(|_| format!("expected FIRST..=LAST with whole numbers, found {text:?}"))
    };
    Ok((number(first)?, number(last)?))
}

impl CheckArgs {
    /// The options of the check loop.
    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            strict: self.strict,
            warnings: self.warnings || self.deny_warnings,
            deny_warnings: self.deny_warnings,
            format: self.format,
            column: self.column.clone(),
            reference_year: self.reference_year.unwrap_or_else(clock::current_year),
        }
    }
}

/// `--ern`: an ERN version the DDEX writer produces (`4.3`, `3.8.2`).
pub fn parse_ern(text: &str) -> Result<ddex::ErnVersion, String> {
    let version: ddex::ErnVersion = text.parse().map_err(|e: ddex::Error| e.to_string())?;
    if ddex::ErnVersion::WRITE.contains(&version) {
        Ok(version)
    } else {
        Err(ddex::Error::UnwritableVersion { version }.to_string())
    }
}

/// Any DDEX value clap reads (`--sender-dpid`, `--created`), with the crate's message.
pub fn parse_ddex<T: std::str::FromStr<Err = ddex::Error>>(text: &str) -> Result<T, String> {
    text.parse().map_err(|e: ddex::Error| e.to_string())
}
