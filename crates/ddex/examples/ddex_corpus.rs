//! Writes ERN messages for schema checks, each version in its own folder (`OUTDIR/ern43`,
//! `OUTDIR/ern382`): every release fixture of the repository (without and with deals) and a
//! seeded synthetic catalog.
//!
//! ```text
//! cargo run -p ddex --example ddex_corpus -- OUTDIR [--random N] [--seed S]
//! ```
//!
//! `.ci/ddex-check.sh` runs it and validates each folder with xmllint against its official
//! XSD. The draft and the deliberately broken fixtures are left out: export refuses them.
//! Release Profile 1.4 (ERN 3.8.2) asks more of a release than the model requires — ℗ and ©
//! lines on every release, more than one track on an album — so for 3.8.2 a release without
//! them gets them here first (lines naming its label, a one-track album made a single).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ddex::{
    self, CommercialModelType, Deal, ExportOptions, MessageHeader, MessageParty, Territory, UseType,
};
use release_model::{Catalog, Release, ReleaseType};

/// The genre written for fixtures without one (ERN requires a genre).
const DEFAULT_GENRE: &str = "Electronic";

fn main() -> ExitCode {
    match run() {
        Ok(count) => {
            eprintln!("ddex_corpus: wrote {count} messages");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("ddex_corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    out: PathBuf,
    random: usize,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut out = None;
    let mut random = 300;
    let mut seed = 43;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|value| value.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--random" => {
                random = usize::try_from(number("--random")?).map_err(|e| e.to_string())?
            }
            "--seed" => seed = number("--seed")?,
            _ if out.is_none() && !arg.starts_with('-') => out = Some(PathBuf::from(arg)),
            _ => {
                return Err(format!(
                    "unexpected argument {arg:?}; usage: ddex_corpus OUTDIR [--random N] [--seed S]"
                ));
            }
        }
    }
    let out = out.ok_or("usage: ddex_corpus OUTDIR [--random N] [--seed S]")?;
    Ok(Args { out, random, seed })
}

type Failure = Box<dyn std::error::Error>;

fn header() -> Result<MessageHeader, Failure> {
    Ok(MessageHeader::new(
        "CORPUS-1",
        MessageParty::new("PADPIDA2013042401U".parse()?, "Leerecs"),
        MessageParty::new("PADPIDA2009101501Y".parse()?, "Example DSP"),
        "2026-03-01T12:00:00Z".parse()?,
    ))
}

fn deals() -> Result<Vec<Deal>, Failure> {
    Ok(vec![
        Deal::new(
            vec![Territory::WORLDWIDE],
            "2026-03-01".parse()?,
            CommercialModelType::SubscriptionModel,
            vec![UseType::OnDemandStream, UseType::NonInteractiveStream],
        ),
        Deal::new(
            vec!["GB".parse()?, "US".parse()?],
            "2026-03-01".parse()?,
            CommercialModelType::PayAsYouGoModel,
            vec![UseType::PermanentDownload],
        ),
    ])
}

fn fixture_files() -> Result<Vec<PathBuf>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/releases");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            // Drafts lack codes and the broken catalog breaks a rule per release: export
            // refuses both by design.
            name.ends_with(".json") && !name.contains("draft") && !name.starts_with("broken-")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// What Release Profile 1.4 asks beyond the model, filled in (see the module's comment).
fn for_profile_1_4(release: &Release) -> Release {
    let mut release = release.clone();
    let owner = release
        .label
        .clone()
        .unwrap_or_else(|| release.artist.clone());
    let year = release.release_date.map_or_else(
        || "2026".to_owned(),
        |date| date.to_string()[..4].to_owned(),
    );
    release
        .p_line
        .get_or_insert_with(|| format!("(P) {year} {owner}"));
    release
        .c_line
        .get_or_insert_with(|| format!("(C) {year} {owner}"));
    if release.tracks.len() == 1 && release.release_type != Some(ReleaseType::Single) {
        release.release_type = Some(ReleaseType::Single);
    }
    release
}

fn run() -> Result<usize, String> {
    let args = args()?;
    let header = header().map_err(|e| e.to_string())?;
    let mut count = 0;
    for version in ddex::ErnVersion::WRITE {
        let dir = args.out.join(format!("ern{}", version.code()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        count += write_version(&args, &dir, &header, version)?;
    }
    Ok(count)
}

fn write_version(
    args: &Args,
    dir: &Path,
    header: &MessageHeader,
    version: ddex::ErnVersion,
) -> Result<usize, String> {
    let plain = ExportOptions::new()
        .ern(version)
        .default_genre(DEFAULT_GENRE);
    let with_deals = plain.clone().deals(deals().map_err(|e| e.to_string())?);
    let mut count = 0;
    let mut write = |name: String, release: &Release, options: &ExportOptions| {
        let path = dir.join(name);
        let release = if version.family() == ddex::Family::Ern3 {
            for_profile_1_4(release)
        } else {
            release.clone()
        };
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        ddex::export(&release, header, options, std::io::BufWriter::new(file))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        count += 1;
        Ok::<(), String>(())
    };
    for path in fixture_files()? {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let catalog = Catalog::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture");
        for (index, release) in catalog.releases.iter().enumerate() {
            write(format!("fixture-{stem}-{index}.xml"), release, &plain)?;
            write(
                format!("fixture-{stem}-{index}-deals.xml"),
                release,
                &with_deals,
            )?;
        }
    }
    let generator = release_model::synth::Generator::new(args.seed);
    for (index, release) in generator.take(args.random).enumerate() {
        let options = if index % 2 == 0 { &plain } else { &with_deals };
        write(format!("random-{index}.xml"), &release, options)?;
    }
    Ok(count)
}
