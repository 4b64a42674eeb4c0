//! The ledger location (`--ledger`) on any text: a PostgreSQL URL is told from a file path the
//! same way again from what it displays, and its password never shows (nor a libpq
//! `password=` value in what reads as a path).
#![no_main]

use ledger::Location;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    let location = Location::parse(input);
    let shown = location.to_string();
    let debug = format!("{location:?}");
    match &location {
        Location::Sqlite(path) => {
            assert_eq!(path.as_os_str(), input, "the path is the input as given");
            if input.to_ascii_lowercase().contains("password") {
                // A libpq key-value string reads as a path; its `password=` values are hidden.
                let lower = shown.to_ascii_lowercase();
                for (at, _) in lower.match_indices("password=") {
                    assert!(
                        shown[at + "password=".len()..].starts_with("***"),
                        "{input:?} shows a password: {shown:?}"
                    );
                }
            } else {
                assert_eq!(shown, input);
            }
            assert_eq!(
                debug,
                format!("Sqlite({shown:?})"),
                "{input:?}: Debug shows more"
            );
        }
        Location::Postgres(url) => {
            assert_eq!(url, input, "the URL is the input as given");
            assert!(
                matches!(Location::parse(&shown), Location::Postgres(_)),
                "{input:?} displays as {shown:?}, which is no longer a URL"
            );
            for password in passwords(&shown) {
                assert_eq!(password, "***", "{input:?} shows a password: {shown:?}");
            }
            assert_eq!(
                debug,
                format!("Postgres({shown:?})"),
                "{input:?}: Debug shows more"
            );
        }
        _ => {}
    }
});

/// The passwords a URL carries, read as the ledger's redaction documents them: the part after
/// the first `:` of the user info (`user:password@`, the authority ending at the first `/` or
/// `?`), and the value of each `password=` query parameter.
fn passwords(url: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let Some(scheme_end) = url.find("://").map(|at| at + 3) else {
        return found;
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    if let Some(at) = rest[..authority_end].rfind('@')
        && let Some((_, password)) = rest[..at].split_once(':')
    {
        found.push(password);
    }
    if let Some((_, query)) = rest[authority_end..].split_once('?') {
        for parameter in query.split('&') {
            if let Some((name, value)) = parameter.split_once('=')
                && name.eq_ignore_ascii_case("password")
            {
                found.push(value);
            }
        }
    }
    found
}
