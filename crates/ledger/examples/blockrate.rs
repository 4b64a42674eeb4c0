//! temporary
use std::time::{Duration, Instant, UNIX_EPOCH};
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = ledger::Ledger::create(dir.path().join("x.ledger")).unwrap();
    let t = UNIX_EPOCH + Duration::from_secs(1_772_366_400);
    let start = Instant::now();
    let total: u64 = std::env::args()
        .nth(1)
        .map_or(1_000_000, |a| a.parse().unwrap());
    for block in 0..total / 10_000 {
        let pool = ledger::IsrcPool::new("QZAQQ".parse().unwrap(), (block / 9) as u8).unwrap();
        std::hint::black_box(ledger.issue(&pool, 10_000, t, None).unwrap());
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.0} codes/s", total as f64 / secs);
}
