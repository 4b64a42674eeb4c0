//! `media::inspect` of each file named on the command line, one after the other, on one
//! thread: what an instruction count (`valgrind --tool=callgrind`, `perf stat`) of the decode
//! pass runs. Prints each file's frames, integrity and audio digest.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args_os().skip(1) {
        match media::inspect(&path) {
            Ok(info) => println!(
                "{}: {} frames, {}, audio {}",
                path.to_string_lossy(),
                info.frames,
                match &info.integrity {
                    media::Integrity::Complete => "complete".to_owned(),
                    media::Integrity::Damaged(d) => d.to_string(),
                },
                media::Hex(&info.audio_digest)
            ),
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
