//! `musicid demo`: the main job on the embedded default.
//!
//! A SQLite ledger in a demo folder, the draft of *Vesica Piscis* by One Yen with its credits, its 13 ISRCs
//! (`QZAQQ2600001` … `QZAQQ2600013`) and a UPC issued through the ledger, the release
//! validated, JSON, CSV and a DDEX ERN 4.3 message written, the album's masters tagged and
//! checked, and — the ending — a new draft of the album with its masters re-encoded assigned
//! by sound: the 13 ISRCs reused, none issued. A summary is printed.
//!
//! Running it again reuses the folder: the release there already carries its codes, so nothing
//! is issued (a recording keeps its one ISRC); the summary says so and shows the codes the
//! ledger would issue next. Another folder (`--dir`) starts a new ledger.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use ledger::{IsrcPool, Ledger, UpcPool};
use release_model::duration::Clock;
use release_model::{Release, ValidationOptions};

use crate::atomic;
use crate::clock;
use crate::cmd::assignment::assign_all;
use crate::cmd::files::{self, ReleaseFormat};
use crate::error::{CmdResult, Error, Outcome};

/// The draft the demo assigns codes to: the committed fixture.
const DRAFT: &str = include_str!("../../../../fixtures/releases/vesica-piscis.draft.json");
/// The album with its codes and credits (the committed fixture): the draft is given its
/// credits, so that every file the demo writes carries them.
const CREDITED: &str = include_str!("../../../../fixtures/releases/vesica-piscis.credited.json");

/// The seed's registrant prefix and year of reference.
const ISRC_PREFIX: &str = "QZAQQ";
const ISRC_YEAR: &str = "2026";
/// The GS1 US demonstration company prefix (GS1 US uses it in its own examples); item
/// references from 1, so the first UPC is `614141000012` as in the fixtures.
const COMPANY_PREFIX: &str = "0614141";

const LEDGER_FILE: &str = "ledger.sqlite";
const DRAFT_FILE: &str = "vesica-piscis.draft.json";
const JSON_FILE: &str = "vesica-piscis.json";
const CSV_FILE: &str = "vesica-piscis.csv";
const ERN_FILE: &str = "vesica-piscis.xml";
const BATCHES_DIR: &str = "batches";
const CATALOG_FILE: &str = "catalog.json";

/// The parties of the demo's ERN message: the platform delivering to a streaming service.
const ERN_SENDER: (&str, &str) = ("PADPIDA2013042401U", "Leerecs");
const ERN_RECIPIENT: (&str, &str) = ("PADPIDA2009101501Y", "Example DSP");
/// The lints the credited album's made-up identifiers draw by design: its fictional writers'
/// and producer's ISNIs lie in no assigned block, its GRid is documentation's example (see
/// `fixtures/README.md`), so that none names a real party or release.
const MADE_UP_IDENTIFIERS: [&str; 2] = ["isni.unassigned_range", "grid.documentation_example"];
/// ERN requires a genre and the draft has none; the demo says which one it writes.
const ERN_GENRE: &str = "Electronic";

const DEMO_HELP: &str = "\
Creates DIR (default ./musicid-demo) with a SQLite ledger (ledger.sqlite), the draft of
Vesica Piscis by One Yen with its credits (fictional but for One Yen), and the release with
its codes as JSON, CSV and a DDEX ERN 4.3 message (genre Electronic, from Leerecs to an
example DSP; the credits ERN 4.3 has no place for stay in the JSON and CSV); then the album's masters (8 s
stand-ins) tagged and checked in media/, their fingerprints stored with their ISRCs, and a new
draft of the album whose masters were re-encoded (WAV and FLAC swapped, -3 dB) assigned by
sound in media/re-encoded/: it reuses the 13 ISRCs and issues none. Run again on the same
folder, it reuses it: the release keeps its codes, nothing new is issued, and the summary shows
the codes the ledger would issue next. A folder that holds anything but a demo is refused.

Examples:
  musicid demo
  musicid demo --dir /tmp/another-demo";

/// Arguments of `musicid demo`.
#[derive(Debug, Args)]
#[command(after_help = DEMO_HELP)]
pub struct DemoArgs {
    /// The demo folder.
    #[arg(long, default_value = "musicid-demo", value_name = "DIR")]
    pub dir: PathBuf,
}

/// Whether the folder is new or a demo folder from an earlier run.
enum Folder {
    Fresh,
    Reused,
}

fn inspect(dir: &Path) -> Result<Folder, Error> {
    let shown = dir.display();
    match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Folder::Fresh),
        Err(e) => Err(Error::with(shown.to_string(), e)),
        Ok(mut entries) => {
            if dir.join(LEDGER_FILE).is_file() {
                Ok(Folder::Reused)
            } else if entries.next().is_none() {
                Ok(Folder::Fresh)
            } else {
                Err(Error::msg(format!(
                    "{shown} is not empty and holds no demo ledger ({LEDGER_FILE}): \
                     choose another folder with --dir"
                )))
            }
        }
    }
}

/// Runs the demo.
pub fn run(args: &DemoArgs) -> CmdResult {
    let dir = &args.dir;
    let folder = inspect(dir)?;
    let ledger_path = dir.join(LEDGER_FILE);
    let json_path = dir.join(JSON_FILE);
    let (mut ledger, mut releases) = match folder {
        Folder::Fresh => {
            std::fs::create_dir_all(dir).map_err(|e| Error::with(dir.display().to_string(), e))?;
            let ledger = Ledger::create(ledger_path.as_path())?;
            let draft = embedded_draft()?;
            atomic::write(
                &dir.join(DRAFT_FILE),
                files::render(&draft, ReleaseFormat::Json, true)?.as_bytes(),
            )?;
            (ledger, draft)
        }
        Folder::Reused => {
            let ledger = Ledger::open_existing(ledger_path.as_path())?;
            let releases = if json_path.is_file() {
                let loaded = files::load(&json_path, ReleaseFormat::Json)?;
                if let Some(error) = loaded.errors.first() {
                    return Err(Error::msg(format!(
                        "{error} (remove {} to start the demo afresh)",
                        dir.display()
                    )));
                }
                loaded.releases
            } else {
                embedded_draft()?
            };
            (ledger, releases)
        }
    };

    let isrcs = IsrcPool::parse(ISRC_PREFIX, ISRC_YEAR)?;
    let upcs = UpcPool::parse(COMPANY_PREFIX).and_then(|pool| {
        let last = *pool.item_references().end();
        pool.with_range(1..=last)
    })?;
    let summary = assign_all(
        DRAFT_FILE,
        &mut releases,
        &mut ledger,
        &isrcs,
        Some(&upcs),
        None,
        None,
    )?;

    let mut options = ValidationOptions::default();
    options.reference_year = Some(clock::current_year());
    let report = release_model::validate_releases(&releases, &options);

    let csv_path = dir.join(CSV_FILE);
    atomic::write(
        &json_path,
        files::render(&releases, ReleaseFormat::Json, true)?.as_bytes(),
    )?;
    atomic::write(
        &csv_path,
        files::render(&releases, ReleaseFormat::Csv, true)?.as_bytes(),
    )?;

    let ern_path = dir.join(ERN_FILE);
    let mut media_text = String::new();
    let masters = match releases.as_slice() {
        [release] => Some(crate::cmd::demo_media::tag_and_check(
            dir,
            release,
            &mut media_text,
        )?),
        _ => None,
    };
    let mut delivered = None;
    let ern_written = if let [release] = releases.as_slice()
        && !report.has_errors()
    {
        atomic::write(&ern_path, &ern(release)?)?;
        // The batch carries the album with its masters and cover, so only when they passed.
        delivered = match &masters {
            Some(masters) if masters.check.report.error_count() == 0 => {
                Some(round_trip(dir, masters, &report)?)
            }
            _ => None,
        };
        true
    } else {
        false
    };

    let next_isrc = ledger.pool_status(&isrcs)?.next;
    let next_upc = ledger.pool_status(&upcs)?.next;

    let mut text = String::new();
    for release in &releases {
        describe(&mut text, release);
    }
    let _ = writeln!(text);
    let ledger_shown = ledger_path.display();
    match (&folder, summary.issued.len()) {
        (Folder::Reused, 0) => {
            let _ = writeln!(
                text,
                "Reused the demo folder {}: the release already carries its codes, so nothing \
                 was issued (a recording keeps its one ISRC).",
                dir.display()
            );
        }
        (_, issued) => {
            let isrc_count = summary
                .issued
                .iter()
                .filter(|(code, _)| code.kind() == ledger::CodeKind::Isrc)
                .count();
            let _ = writeln!(
                text,
                "Issued {issued} codes through the ledger {ledger_shown} ({isrc_count} ISRCs, {} UPC), \
                 each committed before it was used.",
                issued - isrc_count
            );
        }
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    if report.findings().is_empty() {
        let _ = writeln!(text, "Validated: no findings.");
    } else {
        let _ = writeln!(text, "Validated: {errors} errors, {warnings} warnings:");
        for finding in report.findings() {
            let _ = writeln!(text, "  {finding}");
        }
        if report
            .findings()
            .iter()
            .all(|f| MADE_UP_IDENTIFIERS.contains(&f.rule.id))
        {
            let _ = writeln!(
                text,
                "  (the fictional credits' identifiers are made up where they can name no one, \
                 and validation says so)"
            );
        }
    }
    if ern_written {
        let _ = writeln!(
            text,
            "Wrote {}, {} and {}.",
            json_path.display(),
            csv_path.display(),
            ern_path.display()
        );
    } else {
        let _ = writeln!(
            text,
            "Wrote {} and {}; no ERN message: it takes one release without errors.",
            json_path.display(),
            csv_path.display()
        );
    }
    if let Some(line) = delivered {
        let _ = writeln!(text, "{line}");
    }
    let next = |code: Option<ledger::Code>| {
        code.map_or_else(|| "none (exhausted)".to_owned(), |c| c.to_string())
    };
    let _ = writeln!(
        text,
        "Next from the ledger: ISRC {}, UPC {}. Run `musicid demo` again to reuse this folder, \
         or `musicid demo --dir OTHER` for a new ledger.",
        next(next_isrc),
        next(next_upc)
    );
    text.push_str(&media_text);
    let media_errors = match &masters {
        Some(masters) => {
            crate::cmd::demo_redelivery::back_fill(&mut ledger, masters, &mut text)?;
            masters.check.report.error_count()
                + crate::cmd::demo_redelivery::redeliver(&mut ledger, &isrcs, masters, &mut text)?
        }
        None => 0,
    };
    let outcome = Outcome::from_problems(errors + media_errors > 0);
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| Error::output(e, outcome))?;
    Ok(outcome)
}

/// The release as an ERN 4.3 `NewReleaseMessage`, created now.
fn ern(release: &Release) -> Result<Vec<u8>, Error> {
    use ddex::{DateTime, Dpid, ExportOptions, MessageHeader, MessageParty};
    let party = |(dpid, name): (&str, &str)| -> Result<MessageParty, Error> {
        Ok(MessageParty::new(dpid.parse::<Dpid>()?, name))
    };
    let upc = release.upc.map(|upc| upc.to_string()).unwrap_or_default();
    let header = MessageHeader::new(
        format!("musicid-demo-{upc}"),
        party(ERN_SENDER)?,
        party(ERN_RECIPIENT)?,
        DateTime::from(clock::utc_now()),
    );
    let mut options = ExportOptions::new();
    options.default_genre = Some(ERN_GENRE.to_owned());
    let mut xml = Vec::new();
    ddex::export(release, &header, &options, &mut xml).map_err(|e| Error::with(ERN_FILE, e))?;
    Ok(xml)
}

/// Packages the album with its masters and cover into a batch under `dir/batches/` and
/// ingests it back into `dir/catalog.json`; the line saying whether both directions agree.
/// The ingest validates the release it reads: the rules `validated` found on what was sent
/// (the made-up identifiers' lints) are no news when they come back.
fn round_trip(
    dir: &Path,
    masters: &crate::cmd::demo_media::Masters,
    validated: &release_model::Report,
) -> Result<String, Error> {
    let release = &masters.release;
    use ddex::delivery::{self, PackageOptions, Source};
    use ddex::{DateTime, Dpid, ExportOptions, MessageHeader, MessageParty};
    let party = |(dpid, name): (&str, &str)| -> Result<MessageParty, Error> {
        Ok(MessageParty::new(dpid.parse::<Dpid>()?, name))
    };
    let created: DateTime = clock::rfc3339_millis().parse()?;
    let batch_id = delivery::batch_id(&created);
    let header = MessageHeader::new(
        format!("musicid-demo-{batch_id}"),
        party(ERN_SENDER)?,
        party(ERN_RECIPIENT)?,
        created,
    );
    let mut export = ExportOptions::new();
    export.default_genre = Some(ERN_GENRE.to_owned());
    let source = Source {
        release: release.clone(),
        base: masters.folder.clone(),
    };
    let packaged = delivery::package(
        &[source],
        &header,
        &PackageOptions::new(batch_id).export(export),
        &dir.join(BATCHES_DIR),
    )
    .map_err(|e| Error::with("packaging the demo batch", e))?;
    let ingested = delivery::ingest(&packaged.batch, &media::QcOptions::default())
        .map_err(|e| Error::with("ingesting the demo batch", e))?;
    let catalog_path = dir.join(CATALOG_FILE);
    let mut catalog = Vec::new();
    let applied = ingested.apply(&mut catalog);
    let mut json = release_model::json::to_string(&catalog);
    json.push('\n');
    atomic::write(&catalog_path, json.as_bytes())?;
    let files: usize = ingested.messages.iter().map(|m| m.files.len()).sum();
    // What was sent: the release with the genre the message carries for it.
    let mut sent = release.clone();
    sent.genre.get_or_insert_with(|| ERN_GENRE.to_owned());
    // The files come back as found in the batch; the rest is the release sent.
    let without_files = |release: &Release| {
        let mut release = release.clone();
        release.cover = None;
        for track in &mut release.tracks {
            track.file = None;
        }
        release
    };
    // The message carries what ERN 4.3 carries of the credits (`ddex::carried`): the
    // release comes back so, and the report of the export names the rest.
    let carried = without_files(&ddex::carried(&sent, ddex::ErnVersion::V4_3));
    let loses_credits = carried != without_files(&sent);
    let same = match catalog.as_slice() {
        [back] => {
            let mut back = without_files(back);
            back.provenance = release.provenance;
            back == carried
        }
        _ => false,
    };
    let sent_rules = validated.rules();
    let (known, findings): (Vec<_>, Vec<_>) = ingested
        .messages
        .iter()
        .flat_map(|m| m.findings.findings())
        .partition(|f| sent_rules.contains(&f.rule.id));
    let findings = findings.len();
    let applied = applied.first().map_or("nothing", |a| a.as_str());
    Ok(if same && findings == 0 {
        format!(
            "Packaged the release into {} and ingested it back into {} ({applied}, {files} files checked): both directions agree, no findings{}.{}",
            packaged.batch.display(),
            catalog_path.display(),
            match known.len() {
                0 => String::new(),
                n => format!(" but {n} of the validation's warnings above, carried back"),
            },
            if loses_credits {
                " The credits ERN 4.3 has no place for (a release's producer, a work's title and \
                 writers) stay in the JSON and the CSV; ERN 3.8.2 carries the writers."
            } else {
                ""
            }
        )
    } else {
        format!(
            "Packaged the release into {} and ingested it back into {}: they DISAGREE ({} findings, same release: {same}).",
            packaged.batch.display(),
            catalog_path.display(),
            findings
        )
    })
}

/// The draft with the album's credits.
fn embedded_draft() -> Result<Vec<Release>, Error> {
    let mut drafts = release_model::json::from_str(DRAFT)
        .into_result()
        .map_err(|e| Error::with("the embedded draft", e))?;
    let credited = release_model::json::from_str(CREDITED)
        .into_result()
        .map_err(|e| Error::with("the embedded credits", e))?;
    if let Some(credited) = credited.first() {
        for draft in &mut drafts {
            crate::cmd::demo_media::give_credits(draft, credited);
        }
    }
    Ok(drafts)
}

/// The release as a person reads it.
fn describe(text: &mut String, release: &Release) {
    let _ = writeln!(text, "{} by {}", release.title, release.artist);
    let mut facts = Vec::new();
    if let Some(release_type) = release.release_type {
        facts.push(release_type.to_string());
    }
    if let Some(date) = release.release_date {
        facts.push(date.to_string());
    }
    if let Some(label) = &release.label {
        facts.push(label.clone());
    }
    facts.push(format!("{} tracks", release.tracks.len()));
    if let Some(total) = release.total_duration() {
        facts.push(Clock(total).to_string());
    }
    let _ = writeln!(text, "  {}", facts.join(", "));
    let upc = release.upc.map_or_else(
        || "none".to_owned(),
        |upc| format!("{upc} ({})", upc.kind().name()),
    );
    let _ = writeln!(text, "  UPC {upc}");
    for track in &release.tracks {
        let isrc = track
            .isrc
            .map_or_else(|| "no ISRC".to_owned(), |isrc| isrc.to_string());
        let duration = track
            .duration
            .map_or_else(String::new, |d| Clock(d).to_string());
        let _ = writeln!(
            text,
            "  {:>2}. {:<24} {:>6}  {isrc}",
            track.number, track.title, duration
        );
    }
}
