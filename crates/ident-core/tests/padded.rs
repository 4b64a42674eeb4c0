//! The laws of `Padded`: it keeps its bytes, and it orders, compares and hashes as they do.

#![cfg(feature = "testing")]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use ident_core::laws::proptest::prelude::*;
use ident_core::padded::Padded;

fn hashed<T: Hash>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

proptest! {
    #[test]
    fn eleven_in_twelve_keep_their_bytes_and_order(a in any::<[u8; 11]>(), b in any::<[u8; 11]>()) {
        let (pa, pb) = (Padded::<11, 12>::new(&a), Padded::<11, 12>::new(&b));
        prop_assert_eq!(pa.to_bytes(), a);
        prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
        prop_assert_eq!(pa == pb, a == b);
        // Rebuilt from its bytes, it is the same value: the padding holds nothing of its own.
        let again = Padded::<11, 12>::new(&pa.to_bytes());
        prop_assert_eq!(again, pa);
        prop_assert_eq!(hashed(&again), hashed(&pa));
    }

    #[test]
    fn thirteen_in_sixteen_keep_their_bytes_and_order(a in any::<[u8; 13]>(), b in any::<[u8; 13]>()) {
        let (pa, pb) = (Padded::<13, 16>::new(&a), Padded::<13, 16>::new(&b));
        prop_assert_eq!(pa.to_bytes(), a);
        prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
        prop_assert_eq!(pa == pb, a == b);
    }

    /// Codes that differ in their last byte only: the bytes the second word load shifts down.
    #[test]
    fn the_last_byte_counts(a in any::<[u8; 11]>(), last in any::<u8>()) {
        let mut b = a;
        b[10] = last;
        prop_assert_eq!(Padded::<11, 12>::new(&a).cmp(&Padded::new(&b)), a.cmp(&b));
    }
}
