//! `musicid release export-ddex`: a release as a DDEX ERN 4.3 or 3.8.2 message.
//!
//! Nothing is written when the release has errors (exit 1). The output is written atomically.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::Args;
use ddex::{
    CommercialModelType, DateTime, Deal, Dpid, ErnVersion, ExportOptions, MessageHeader,
    MessageParty, Territory, UseType,
};
use release_model::{PartialDate, Release, Utc};

use crate::atomic;
use crate::clock;
use crate::cmd::args::{parse_ddex, parse_ern};
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::findings::print_report;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Writes one ERN NewReleaseMessage (--ern 4.3, the default, or 3.8.2) for the release in IN
(JSON: a release object or an array holding one release; a .csv file is read as CSV), valid
against the official DDEX schema of that version and following its Audio release profile. The
release is validated first, with the release profile's rules (profile.rp21-* for 4.3,
profile.rp14-* for 3.8.2, each naming its DDEX rule): with errors (or without a UPC, ISRCs,
durations, a label, a release type, or a genre and no --default-genre) nothing is written and
the findings go to stderr.

A deal is TERRITORIES:START[..END]:MODELS:USES, lists separated by commas, e.g.
  --deal Worldwide:2026-03-01:SubscriptionModel,AdvertisementSupportedModel:OnDemandStream
  --deal GB,US:2026-03-01..2030-12-31:PayAsYouGoModel:PermanentDownload

The message id defaults to UPC-UNIXMILLIS and the creation time to now (UTC).

Exit codes: 0 written (warnings allowed), 1 the release cannot be delivered as it is,
2 usage or I/O error.

Example:
  musicid release export-ddex vesica-piscis.json -o vesica-piscis.xml \\
    --sender-dpid PADPIDA2013042401U --sender-name Leerecs \\
    --recipient-dpid PADPIDA2009101501Y --recipient-name 'Example DSP'";

/// `musicid release export-ddex IN -o OUT.xml …`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ExportDdexArgs {
    /// The release: JSON (one release object, or an array of one), or CSV by extension.
    pub input: PathBuf,
    /// Where to write the message (`-` for stdout).
    #[arg(short, long = "out", visible_alias = "output", value_name = "OUT.xml")]
    pub output: PathBuf,
    /// The sender's DDEX party id (PADPIDA…).
    #[arg(long, value_name = "DPID", value_parser = parse_ddex::<Dpid>)]
    pub sender_dpid: Dpid,
    /// The sender's name.
    #[arg(long, value_name = "NAME")]
    pub sender_name: String,
    /// The recipient's DDEX party id (PADPIDA…).
    #[arg(long, value_name = "DPID", value_parser = parse_ddex::<Dpid>)]
    pub recipient_dpid: Dpid,
    /// The recipient's name.
    #[arg(long, value_name = "NAME")]
    pub recipient_name: String,
    /// The message id, unique for the sender (default: UPC-UNIXMILLIS).
    #[arg(long, value_name = "ID")]
    pub message_id: Option<String>,
    /// The creation time, an xs:dateTime with a zone (default: now, UTC).
    #[arg(long, value_name = "DATETIME", value_parser = parse_ddex::<DateTime>)]
    pub created: Option<DateTime>,
    /// The language of the message's texts (LanguageAndScriptCode).
    #[arg(long, value_name = "TAG", default_value = "en")]
    pub language: String,
    /// The genre to write when the release has none (ERN requires one).
    #[arg(long, value_name = "GENRE")]
    pub default_genre: Option<String>,
    /// A deal, TERRITORIES:START[..END]:MODELS:USES (repeatable).
    #[arg(long = "deal", value_name = "DEAL", value_parser = parse_deal)]
    pub deals: Vec<Deal>,
    /// The ERN version to write: 4.3 or 3.8.2.
    #[arg(long, value_name = "VERSION", default_value = "4.3", value_parser = parse_ern)]
    pub ern: ErnVersion,
}

/// A comma-separated list of one deal part; blank items are skipped.
fn parse_list<T: FromStr<Err = ddex::Error>>(list: &str) -> Result<Vec<T>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(parse_ddex)
        .collect()
}

/// `TERRITORIES:START[..END]:MODELS:USES`, each list comma-separated.
fn parse_deal(text: &str) -> Result<Deal, String> {
    const SHAPE: &str = "expected TERRITORIES:START[..END]:MODELS:USES, \
        e.g. Worldwide:2026-03-01:SubscriptionModel:OnDemandStream";
    let parts: Vec<&str> = text.split(':').collect();
    let [territories, period, models, uses] = parts.as_slice() else {
        return Err(format!("invalid deal {text:?}: {SHAPE}"));
    };
    let date = |text: &str| {
        text.trim()
            .parse::<PartialDate>()
            .map_err(|e| e.to_string())
    };
    let (start, end) = match period.split_once("..") {
        Some((start, end)) => (date(start)?, Some(date(end)?)),
        None => (date(period)?, None),
    };
    let deal = Deal {
        territories: parse_list::<Territory>(territories)?,
        start_date: start,
        end_date: end,
        commercial_model_types: parse_list::<CommercialModelType>(models)?,
        use_types: parse_list::<UseType>(uses)?,
    };
    deal.check().map_err(|e| e.to_string())?;
    Ok(deal)
}

/// Reads the one release of `path` (CSV by extension, JSON otherwise).
///
/// # Errors
/// [`Error::Invalid`] for syntax errors (reported on stderr); an unreadable file, or a file of
/// several releases.
fn read_release(path: &Path) -> Result<Release, Error> {
    let format = ReleaseFormat::of_path(path).unwrap_or(ReleaseFormat::Json);
    let mut releases = files::load_whole(path, format)?.releases;
    match releases.len() {
        1 => Ok(releases.remove(0)),
        count => Err(Error::msg(format!(
            "{}: holds {count} releases; export-ddex writes one message for one release",
            path.display()
        ))),
    }
}

/// Runs `musicid release export-ddex`.
///
/// # Errors
/// An unreadable input, a file of several releases, a bad `--language` or `--message-id`, or
/// an output that cannot be written.
pub fn run(args: &ExportDdexArgs) -> CmdResult {
    let release = read_release(&args.input)?;
    let now = clock::now();
    let millis = clock::millis_of(now);
    let message_id = args.message_id.clone().unwrap_or_else(|| {
        let upc = release
            .upc
            .map_or_else(|| "RELEASE".to_owned(), |upc| upc.to_string());
        format!("{upc}-{millis}")
    });
    let mut header = MessageHeader::new(
        message_id,
        MessageParty::new(args.sender_dpid.clone(), args.sender_name.clone()),
        MessageParty::new(args.recipient_dpid.clone(), args.recipient_name.clone()),
        args.created
            .clone()
            .unwrap_or_else(|| DateTime::from(Utc::from_system_time(now))),
    );
    header.language.clone_from(&args.language);
    // A bad header is a usage error, not a fault of the release.
    header.check()?;
    let mut options = ExportOptions::new().ern(args.ern).deals(args.deals.clone());
    options.default_genre.clone_from(&args.default_genre);

    let mut xml = Vec::with_capacity(4096 + 2048 * release.tracks.len());
    match ddex::export(&release, &header, &options, &mut xml) {
        Ok(report) => {
            print_report(&args.input, &report);
            atomic::write(&args.output, &xml)?;
            Ok(Outcome::Clean)
        }
        Err(ddex::Error::Invalid { report }) => {
            print_report(&args.input, &report);
            eprintln!(
                "{}: not exported: {} error(s) must be fixed first",
                args.input.display(),
                report.error_count()
            );
            Ok(Outcome::Invalid)
        }
        Err(ddex::Error::Io(error)) => Err(Error::with(
            format!("{}: cannot write the message", args.output.display()),
            error,
        )),
        Err(error) => {
            eprintln!("{}: {error}", args.input.display());
            Ok(Outcome::Invalid)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_deal;

    #[test]
    fn deals_from_the_command_line() {
        let deal = parse_deal(
            "Worldwide:2026-03-01:SubscriptionModel,AdvertisementSupportedModel:OnDemandStream",
        )
        .unwrap();
        assert_eq!(deal.territories.len(), 1);
        assert_eq!(deal.commercial_model_types.len(), 2);
        let deal =
            parse_deal("GB,US:2026-03-01..2030-12-31:PayAsYouGoModel:PermanentDownload").unwrap();
        assert_eq!(deal.end_date.unwrap().to_string(), "2030-12-31");
        assert_eq!(
            parse_deal("Worldwide:2026-03-01").unwrap_err(),
            "invalid deal \"Worldwide:2026-03-01\": expected TERRITORIES:START[..END]:MODELS:USES, \
             e.g. Worldwide:2026-03-01:SubscriptionModel:OnDemandStream"
        );
        assert_eq!(
            parse_deal("UK:2026-03-01:SubscriptionModel:OnDemandStream").unwrap_err(),
            "invalid deal value \"UK\": expected Worldwide or an ISO 3166-1 alpha-2 country code such as GB"
        );
        assert_eq!(
            parse_deal("GB:2026-03-01::OnDemandStream").unwrap_err(),
            "incomplete deal: it has no commercial model type"
        );
    }
}
