//! Spreading independent file jobs (decodes, hashes) over a few threads, results kept in
//! input order.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item on up to `threads` threads (at least one); the results in the
/// order of `items`. Items are handed out in their order, one at a time, to whichever thread is
/// free.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let order: Vec<usize> = (0..items.len()).collect();
    run(items, &order, threads, f)
}

/// Like [`map`] for jobs whose cost grows with the size of a file (`path` of each item):
/// the largest files are handed out first, so that the threads end together instead of one
/// finishing a large file alone while the others wait. The results are in the order of
/// `items`. A file whose size cannot be read counts as empty (`f` then says what is wrong).
pub fn map_files<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    path: impl Fn(&T) -> &Path,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let sizes: Vec<u64> = items
        .iter()
        .map(|item| std::fs::metadata(path(item)).map_or(0, |m| m.len()))
        .collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Largest first (longest processing time first); a stable sort keeps equal sizes in input
    // order.
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    run(items, &order, threads, f)
}

/// `f` applied to `items[order[0]]`, `items[order[1]]`, … as threads become free; the results
/// in the order of `items`.
fn run<T: Sync, R: Send>(
    items: &[T],
    order: &[usize],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(items.len()));
    let work = || {
        let mut mine = Vec::new();
        loop {
            let turn = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(turn) else { break };
            mine.push((i, f(&items[i])));
        }
        done.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(mine);
    };
    let threads = threads.clamp(1, items.len().max(1));
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Mutex;

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn results_come_back_in_input_order(items in proptest::collection::vec(any::<u32>(), 0..200), threads in 0usize..5) {
            let out = super::map(&items, threads, |x| u64::from(*x) * 3);
            let expected: Vec<u64> = items.iter().map(|x| u64::from(*x) * 3).collect();
            prop_assert_eq!(out, expected);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Whatever the sizes, `map_files` gives each file's result in the order of the input.
        #[test]
        fn file_results_come_back_in_input_order(sizes in proptest::collection::vec(0usize..3000, 0..12), threads in 0usize..4) {
            let dir = tempfile::tempdir().unwrap();
            let files: Vec<PathBuf> = sizes
                .iter()
                .enumerate()
                .map(|(i, &size)| {
                    let path = dir.path().join(format!("{i}.bin"));
                    std::fs::write(&path, vec![7u8; size]).unwrap();
                    path
                })
                .collect();
            let out = super::map_files(&files, threads, PathBuf::as_path, |p| std::fs::read(p).unwrap().len());
            prop_assert_eq!(out, sizes);
        }
    }

    #[test]
    fn the_largest_files_are_handed_out_first_and_a_missing_one_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (name, size) in [
            ("small", 10),
            ("large", 3000),
            ("medium", 500),
            ("same", 500),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, vec![0u8; size]).unwrap();
            files.push(path);
        }
        files.insert(1, dir.path().join("missing"));
        let started = Mutex::new(Vec::new());
        let out = super::map_files(&files, 1, PathBuf::as_path, |p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            started.lock().unwrap().push(name.clone());
            name
        });
        assert_eq!(out, ["small", "missing", "large", "medium", "same"]);
        assert_eq!(
            started.into_inner().unwrap(),
            ["large", "medium", "same", "small", "missing"]
        );
    }
}
