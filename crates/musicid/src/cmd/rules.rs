//! `musicid rules`: every rule a finding can carry, from every crate's table.

use std::io::{self, Write as _};

use clap::Args;
use release_model::Rule;
use serde::Serialize;

use crate::check::ReportFormat;
use crate::cmd::findings::write_json_line;
use crate::error::{CmdResult, Outcome};

/// Arguments of `musicid rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// One rule as JSON.
#[derive(Serialize)]
struct JsonRule<'a> {
    table: &'a str,
    rule: &'a str,
    severity: release_model::Severity,
    draft_severity: release_model::Severity,
    blocks_assignment: bool,
    summary: &'a str,
}

/// The tables, each with the name it is listed under.
fn tables() -> [(&'static str, &'static [Rule]); 7] {
    [
        ("release", release_model::rules::RULES),
        ("lint", release_model::rules::LINTS),
        ("csv", release_model::rules::CSV_RULES),
        ("ddex", ddex::profile::FINDING_RULES),
        ("ddex-import", ddex::rules::RULES),
        ("media", media::qc::RULES),
        ("batch", ddex::delivery::RULES),
    ]
}

/// Prints the rules, one a line: `RULE SEVERITY SUMMARY` (text) or one JSON object each.
pub fn run(args: &RulesArgs) -> CmdResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (table, rules) in tables() {
        for rule in rules {
            match args.format {
                ReportFormat::Text => writeln!(
                    out,
                    "{:<40} {:<7} {}",
                    rule.id,
                    rule.severity.as_str(),
                    rule.summary
                )?,
                ReportFormat::Json => write_json_line(
                    &mut out,
                    &JsonRule {
                        table,
                        rule: rule.id,
                        severity: rule.severity,
                        draft_severity: rule.draft_severity,
                        blocks_assignment: rule.blocks_assignment,
                        summary: rule.summary,
                    },
                )?,
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
