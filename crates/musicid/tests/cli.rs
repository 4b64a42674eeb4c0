//! The command line as a whole: help, usage errors, completions.

mod common;

use common::{assert_code, run};

#[test]
fn help_exits_0_and_every_command_has_an_example() {
    let top = run(&["--help"], b"");
    assert_code(&top, 0);
    assert!(
        top.stdout.contains("Exit codes: 0 all valid"),
        "{}",
        top.stdout
    );
    for command in [
        &["isrc", "check"][..],
        &["isrc", "format"],
        &["isrc", "allocate"],
        &["upc", "check"],
        &["upc", "check-digit"],
        &["upc", "convert"],
        &["upc", "allocate"],
        &["upc", "barcode"],
        &["release", "validate"],
        &["release", "convert"],
        &["release", "assign"],
        &["ledger", "init"],
        &["ledger", "import"],
        &["ledger", "lookup"],
        &["ledger", "export"],
        &["demo"],
        &["completions"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = run(&args, b"");
        assert_code(&help, 0);
        assert!(
            help.stdout.contains("Example"),
            "`musicid {}` has no example:\n{}",
            command.join(" "),
            help.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--no-such-flag"][..],
        &["isrc", "check", "--no-such-flag"],
        &["no-such-command"],
        &["isrc"],
        &["isrc", "format", "--style", "fancy", "QZAQQ2600001"],
        &[],
    ] {
        let run = run(args, b"");
        assert_code(&run, 2);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.is_empty(), "{args:?}: nothing on stderr");
    }
}

#[test]
fn version_exits_0() {
    let run = run(&["--version"], b"");
    assert_code(&run, 0);
    assert!(run.stdout.starts_with("musicid "), "{}", run.stdout);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = run(&["completions", shell], b"");
        assert_code(&run, 0);
        assert!(run.stdout.contains("musicid"), "{shell}");
        assert!(run.stdout.contains("allocate"), "{shell}: no subcommands");
    }
    assert_code(&run(&["completions", "tcsh"], b""), 2);
}
