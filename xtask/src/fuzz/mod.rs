//! `cargo xtask fuzz [TARGET]... [--seconds N] [--runs N] [--sanitizer none|address]
//! [--no-trace-compares]`: builds
//! the libFuzzer targets of `fuzz/` with cargo-fuzz, makes their seed corpora from the
//! repository's test data, and runs each target in turn, with its dictionary and the memory
//! limits, printing its executions and coverage.
//!
//! cargo-fuzz passes rustc flags that only a nightly compiler takes; `RUSTC_BOOTSTRAP=1` makes
//! the stable one take them, so no nightly toolchain is needed.

mod seeds;
mod stats;
mod targets;

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::root;
use stats::Stats;
use targets::{TARGETS, Target};

/// Resident memory a target may reach (libFuzzer `-rss_limit_mb`), in MiB.
const RSS_LIMIT_MB: u32 = 512;
/// The largest single allocation libFuzzer lets through (`-malloc_limit_mb`; it needs a
/// sanitizer's malloc hooks, so `fuzz/src/lib.rs` also caps the heap itself), in MiB.
const MALLOC_LIMIT_MB: u32 = 256;
/// Seconds one input may take before libFuzzer calls it a hang (`-timeout`).
const TIMEOUT_SECONDS: u32 = 10;
/// The default run length, the CI smoke's.
const DEFAULT_SECONDS: u64 = 20;

const USAGE: &str = "cargo xtask fuzz [TARGET]... [--seconds N] [--runs N] \
     [--sanitizer none|address] [--no-trace-compares] [--list]";

struct Options {
    targets: Vec<&'static Target>,
    /// `-max_total_time`: the default when no `--runs` is given.
    seconds: Option<u64>,
    /// `-runs`; with `--seconds` too, whichever comes first ends the run.
    runs: Option<u64>,
    sanitizer: String,
    /// Builds without libFuzzer's comparison tracing, into a target folder of its own.
    ///
    /// Tracing every comparison lets the fuzzer learn the constants a parser compares with,
    /// but a file reader makes so many comparisons (the `csv` crate builds its state machine
    /// for each file, the XML tokenizer tests every byte) that the tracing takes about half
    /// of each execution; the readers' dictionaries already hold their tokens. Without it the
    /// DDEX target runs about twice as many inputs in the same time.
    no_trace_compares: bool,
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--list") {
        for target in TARGETS {
            println!("{:<20} {}", target.name, target.about);
        }
        return Ok(());
    }
    let options = parse(args)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    check_cargo_fuzz(&cargo)?;
    build(&cargo, &options)?;
    let sources = seeds::Sources::find();
    let mut results = Vec::new();
    for target in &options.targets {
        let seeds = seeds::write(target, &sources)?;
        eprintln!("==> fuzz {}: {seeds} seeds", target.name);
        let stats = run_target(&cargo, target, &options)?;
        println!("{}", stats.line(target.name));
        results.push(stats);
    }
    if results.len() > 1 {
        let runs: u64 = results.iter().map(|s| s.runs).sum();
        println!("all {} targets passed, {runs} executions", results.len());
    }
    Ok(())
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        targets: Vec::new(),
        seconds: None,
        runs: None,
        sanitizer: "none".to_owned(),
        no_trace_compares: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .ok_or_else(|| format!("{arg} needs a value; usage: {USAGE}"))
        };
        match arg.as_str() {
            "--seconds" => options.seconds = Some(number(arg, value()?)?),
            "--runs" => options.runs = Some(number(arg, value()?)?),
            "--sanitizer" => options.sanitizer = value()?.clone(),
            "--no-trace-compares" => options.no_trace_compares = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown argument {flag:?}; usage: {USAGE}"));
            }
            name => {
                let target = TARGETS.iter().find(|t| t.name == name).ok_or_else(|| {
                    format!("no fuzz target {name:?}; `cargo xtask fuzz --list` names them")
                })?;
                options.targets.push(target);
            }
        }
    }
    if options.targets.is_empty() {
        options.targets = TARGETS.iter().collect();
    }
    if options.seconds.is_none() && options.runs.is_none() {
        options.seconds = Some(DEFAULT_SECONDS);
    }
    Ok(options)
}

fn number(option: &str, text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("{option} takes a whole number, not {text:?}"))
}

/// A `cargo fuzz` command with the stable compiler accepting cargo-fuzz's nightly flags.
fn cargo_fuzz(cargo: &str) -> Command {
    let mut command = Command::new(cargo);
    command
        .arg("fuzz")
        .current_dir(root())
        .env("RUSTC_BOOTSTRAP", "1");
    command
}

fn check_cargo_fuzz(cargo: &str) -> Result<(), String> {
    let found = cargo_fuzz(cargo)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if found {
        Ok(())
    } else {
        Err("cargo-fuzz is not installed: run `cargo install cargo-fuzz --locked`".to_owned())
    }
}

/// The flags every build and run shares. Debug assertions are on so that an arithmetic
/// overflow panics (and is found) instead of wrapping as it would in a release build.
fn build_flags(command: &mut Command, options: &Options) {
    command.args(["--sanitizer", &options.sanitizer, "--debug-assertions"]);
    if options.no_trace_compares {
        // Other instrumentation flags: a folder of its own, so that neither build undoes the other.
        let target_dir = root().join("fuzz").join("target").join("no-trace-compares");
        command
            .arg("--no-trace-compares")
            .arg("--target-dir")
            .arg(target_dir);
    }
}

fn build(cargo: &str, options: &Options) -> Result<(), String> {
    eprintln!(
        "==> cargo fuzz build (sanitizer {}{})",
        options.sanitizer,
        if options.no_trace_compares {
            ", no comparison tracing"
        } else {
            ""
        }
    );
    let mut command = cargo_fuzz(cargo);
    command.arg("build");
    build_flags(&mut command, options);
    let status = command
        .status()
        .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo fuzz build failed ({status})"))
    }
}

fn run_target(cargo: &str, target: &Target, options: &Options) -> Result<Stats, String> {
    let fuzz = root().join("fuzz");
    let corpus = fuzz.join("corpus").join(target.name);
    fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let logs = fuzz.join("logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let log_path = logs.join(format!("{}.log", target.name));
    let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;

    let mut command = cargo_fuzz(cargo);
    command.arg("run");
    build_flags(&mut command, options);
    command
        .arg(target.name)
        .arg(&corpus)
        .arg(seeds::dir(target))
        .arg("--")
        .args(options.seconds.map(|s| format!("-max_total_time={s}")))
        .args(options.runs.map(|n| format!("-runs={n}")))
        .arg(format!("-max_len={}", target.max_len))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
        .arg(format!("-malloc_limit_mb={MALLOC_LIMIT_MB}"))
        .arg(format!("-timeout={TIMEOUT_SECONDS}"))
        .arg("-print_final_stats=1");
    if let Some(dict) = target.dict {
        command.arg(format!("-dict={}", fuzz.join("dict").join(dict).display()));
    }
    let status = command
        .stdout(Stdio::null())
        .stderr(log)
        .status()
        .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
    let text = fs::read_to_string(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    if !status.success() {
        return Err(failure(target, &text, &log_path));
    }
    Stats::read(&text).ok_or_else(|| {
        format!(
            "fuzz target {} ended without libFuzzer's statistics; see {}",
            target.name,
            relative(&log_path)
        )
    })
}

/// The start of libFuzzer's report (the panic message, or what killed the target), the file
/// it saved the input to, and how to replay it.
fn failure(target: &Target, log: &str, log_path: &Path) -> String {
    let lines: Vec<&str> = log.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.contains("panicked at") || line.contains("ERROR: libFuzzer"))
        .unwrap_or(lines.len().saturating_sub(20));
    let report = lines[start..lines.len().min(start + 12)].join("\n");
    let saved = lines
        .iter()
        .find_map(|line| line.split("Test unit written to ").nth(1))
        .unwrap_or("(no input saved)");
    format!(
        "fuzz target {name} failed (whole log: {log}):\n{report}\n\
         input saved to {saved}; replay it with \
         `RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --debug-assertions {name} {saved}`",
        name = target.name,
        log = relative(log_path),
    )
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}
