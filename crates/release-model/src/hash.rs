//! The hasher for the validation maps keyed by the `Copy` code types.
//!
//! The keys are validated codes that fit in a word or two, and hashing them is much of the
//! validation time; SipHash's resistance to chosen collisions costs that time and protects a
//! short run over a file little. foldhash's fast hasher (the one `hashbrown` uses by default)
//! mixes every bit of a word into the low bits the table takes its bucket from, which packed
//! codes need: their low bits are as regular as the codes.

use std::collections::HashMap;

use foldhash::fast::RandomState;

pub(crate) type FastMap<K, V> = HashMap<K, V, RandomState>;

pub(crate) fn map_with_capacity<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, RandomState::default())
}
