//! `musicid media inspect`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use media::{AudioInfo, EmbeddedTags, Integrity, Seconds};
use serde::Serialize;

use crate::check::ReportFormat;
use crate::cmd::findings::write_json_line;
use crate::cmd::media_files;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Decodes every file from start to end (the duration is the decoded sample count, not the
header's claim) and hashes it in the same read. Text: a table, damaged files described
below it. JSON: one object per file, then a summary object. Exit codes: 0 every file decodes
completely, 1 a file is damaged or not audio, 2 a file cannot be read.

Examples:
  musicid media inspect masters/*.flac
  musicid media inspect --format json 01.flac 02.wav";

/// Arguments of `musicid media inspect`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct InspectArgs {
    /// The audio files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Files decoded at once (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: String,
    #[serde(flatten)]
    audio: &'a AudioInfo,
    duration: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    bitrate: Option<u64>,
    tags: &'a EmbeddedTags,
}

#[derive(Serialize)]
struct JsonError {
    file: String,
    error: String,
}

#[derive(Serialize)]
struct JsonSummary {
    summary: bool,
    files: usize,
    complete: usize,
    damaged: usize,
    unreadable: usize,
}

type Measured = Result<(AudioInfo, EmbeddedTags), media::Error>;

/// Runs `musicid media inspect`.
pub fn run(args: &InspectArgs) -> CmdResult {
    let bar = media_files::progress(args.files.len());
    let results: Vec<Measured> = media::parallel::map_files(
        &args.files,
        media_files::threads(args.threads),
        PathBuf::as_path,
        |path| {
            let measured = media::inspect(path).and_then(|a| Ok((a, media::read_tags(path)?)));
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            measured
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut summary = JsonSummary {
        summary: true,
        files: results.len(),
        complete: 0,
        damaged: 0,
        unreadable: 0,
    };
    let mut io_failed = false;
    for result in &results {
        match result {
            Ok((audio, _)) if audio.integrity.is_complete() => summary.complete += 1,
            Ok(_) => summary.damaged += 1,
            Err(media::Error::Io { .. }) => io_failed = true,
            Err(_) => summary.unreadable += 1,
        }
    }
    let outcome = Outcome::from_problems(summary.damaged + summary.unreadable > 0);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Text => write_table(&mut out, &args.files, &results),
        ReportFormat::Json => write_json(&mut out, &args.files, &results, &summary),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Error::output(e, outcome))?;
    for result in &results {
        if let Err(e @ media::Error::Io { .. }) = result {
            eprintln!("musicid: {e}");
        }
    }
    if io_failed {
        return Err(Error::Reported);
    }
    Ok(outcome)
}

fn write_json(
    out: &mut impl Write,
    files: &[PathBuf],
    results: &[Measured],
    summary: &JsonSummary,
) -> io::Result<()> {
    for (path, result) in files.iter().zip(results) {
        let file = path.display().to_string();
        match result {
            Ok((audio, tags)) => write_json_line(
                out,
                &JsonFile {
                    file,
                    audio,
                    duration: audio.duration().as_secs_f64(),
                    bitrate: audio.bitrate(),
                    tags,
                },
            )?,
            Err(e) => write_json_line(
                out,
                &JsonError {
                    file,
                    error: e.to_string(),
                },
            )?,
        }
    }
    write_json_line(out, summary)
}

const HEADER: [&str; 11] = [
    "FILE", "FORMAT", "RATE", "BITS", "CH", "DURATION", "BITRATE", "STATUS", "ISRC", "SHA-256",
    "MD5",
];

fn write_table(out: &mut impl Write, files: &[PathBuf], results: &[Measured]) -> io::Result<()> {
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| (*h).to_owned()).collect()];
    let mut notes = Vec::new();
    for (path, result) in files.iter().zip(results) {
        let file = path.display().to_string();
        match result {
            Ok((audio, tags)) => {
                let status = match &audio.integrity {
                    Integrity::Complete => "ok".to_owned(),
                    Integrity::Damaged(damage) => {
                        notes.push(format!("{file}: {damage}"));
                        "DAMAGED".to_owned()
                    }
                };
                rows.push(vec![
                    file,
                    format!("{}/{}", audio.container, audio.codec),
                    format!("{} Hz", audio.sample_rate),
                    audio
                        .bits_per_sample
                        .map_or_else(|| "-".to_owned(), |b| b.to_string()),
                    audio.channels.to_string(),
                    Seconds(audio.duration()).to_string(),
                    audio
                        .bitrate()
                        .map_or_else(|| "-".to_owned(), |b| format!("{} kbit/s", b / 1000)),
                    status,
                    tags.isrc.clone().unwrap_or_else(|| "-".to_owned()),
                    audio.digests.sha256_hex(),
                    audio.digests.md5_hex(),
                ]);
            }
            Err(media::Error::Io { .. }) => {}
            Err(e) => notes.push(e.to_string()),
        }
    }
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  ", width = widths[c]));
            }
        }
        writeln!(out, "{line}")?;
    }
    for note in notes {
        writeln!(out, "{note}")?;
    }
    Ok(())
}
