//! `cargo xtask ci`: every check, in order, failing on the first failure with its name.

use std::process::Command;

use crate::util::{expect_args, root};

struct Step {
    name: &'static str,
    args: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        name: "format",
        args: &["fmt", "--all", "--check"],
    },
    Step {
        name: "format fuzz targets",
        args: &["fmt", "--manifest-path", "fuzz/Cargo.toml", "--check"],
    },
    Step {
        name: "clippy",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    },
    Step {
        name: "test",
        args: &["test", "--workspace", "--all-features"],
    },
    Step {
        name: "no_std ident-core",
        args: &["build", "-p", "ident-core", "--no-default-features"],
    },
    Step {
        name: "no_std isrc",
        args: &["build", "-p", "isrc", "--no-default-features"],
    },
    Step {
        name: "no_std upc",
        args: &["build", "-p", "upc", "--no-default-features"],
    },
    Step {
        name: "no_std iswc",
        args: &["build", "-p", "iswc", "--no-default-features"],
    },
    Step {
        name: "no_std isni",
        args: &["build", "-p", "isni", "--no-default-features"],
    },
    Step {
        name: "no_std ipi",
        args: &["build", "-p", "ipi", "--no-default-features"],
    },
    Step {
        name: "no_std grid",
        args: &["build", "-p", "grid", "--no-default-features"],
    },
    Step {
        name: "benches compile",
        args: &["test", "--benches", "-p", "musicid-benches", "--no-run"],
    },
    Step {
        name: "codegen up to date",
        args: &["run", "-q", "-p", "xtask", "--", "codegen", "--check"],
    },
    Step {
        name: "fixtures up to date",
        args: &["run", "-q", "-p", "xtask", "--", "fixtures", "--check"],
    },
];

pub fn run(args: &[String]) -> Result<(), String> {
    expect_args(args, &[], &[])?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for (i, step) in STEPS.iter().enumerate() {
        eprintln!(
            "==> [{}/{}] {}: cargo {}",
            i + 1,
            STEPS.len(),
            step.name,
            step.args.join(" ")
        );
        let status = Command::new(&cargo)
            .args(step.args)
            .current_dir(root())
            .status()
            .map_err(|e| format!("step `{}` could not start cargo: {e}", step.name))?;
        if !status.success() {
            return Err(format!("step `{}` failed ({status})", step.name));
        }
    }
    eprintln!("==> all {} steps passed", STEPS.len());
    Ok(())
}
