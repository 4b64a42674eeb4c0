//! The strict-parse loop of the `music_ids` benchmark without criterion, for counting
//! instructions: `strict_parse_loop TYPE REPEAT` parses the type's 1,000-code batch REPEAT
//! times. Under `valgrind --tool=callgrind`, the difference between two repeat counts divided
//! by the difference in codes parsed is the instructions a code (setup cancels out):
//!
//! ```sh
//! cargo build --release -p musicid-benches --example strict_parse_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/strict_parse_loop grid 1
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/strict_parse_loop grid 11
//! ```

use std::hint::black_box;
use std::process::ExitCode;

use ident_core::Code;
use musicid_benches::EachType;

struct Run {
    name: String,
    repeat: usize,
    parsed: Option<usize>,
}

impl EachType for Run {
    fn each<T: Code>(&mut self, name: &str, codes: Vec<&'static [u8]>) {
        if name == self.name {
            self.parsed = Some(parse_all::<T>(&codes, self.repeat));
        }
    }
}

/// The loop of the benchmark: the strict parse of every code, `repeat` times.
#[inline(never)]
fn parse_all<T: Code>(codes: &[&[u8]], repeat: usize) -> usize {
    let mut valid = 0;
    for _ in 0..repeat {
        for code in black_box(codes) {
            valid += usize::from(black_box(T::parse_strict(code).ok()).is_some());
        }
    }
    valid
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, repeat] = &args[..] else {
        eprintln!("usage: strict_parse_loop iswc|isni|ipi_name|ipi_base|grid|dpid|ismn REPEAT");
        return ExitCode::from(2);
    };
    let Ok(repeat) = repeat.parse() else {
        eprintln!("REPEAT is a number, not {repeat:?}");
        return ExitCode::from(2);
    };
    let mut run = Run {
        name: name.clone(),
        repeat,
        parsed: None,
    };
    musicid_benches::music_ids(&mut run);
    match run.parsed {
        Some(valid) => {
            println!("{name}: {valid} valid codes parsed");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("no type {name:?}");
            ExitCode::from(2)
        }
    }
}
