//! Benchmark placeholder; filled in with its group.

fn main() {}
