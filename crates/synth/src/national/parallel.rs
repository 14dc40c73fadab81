//! Running one job per council on every core, with results in council order.
//!
//! Workers take council indices from a shared counter and send results back over
//! a channel; the calling thread collects them by index and reports progress.
//! The order work is done in never shows in the output.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use crate::SynthError;

/// Runs `job` for every index in `order` and returns the results indexed by
/// council (`results[i]` is `job(i)`). On failure, the error of the lowest
/// failing index is returned.
pub(crate) fn run<T: Send>(
    order: &[usize],
    job: impl Fn(usize) -> Result<T, SynthError> + Sync,
    progress: &dyn Fn(usize),
) -> Result<Vec<T>, SynthError> {
    let n = order.len();
    let threads = thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<T, SynthError>)>();
    thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, job) = (&next, &stop, &job);
            s.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    if tx.send((i, job(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        collect(n, rx, &stop, progress)
    })
}

/// Gathers the workers' results in council order, reporting progress.
fn collect<T>(
    n: usize,
    rx: mpsc::Receiver<(usize, Result<T, SynthError>)>,
    stop: &AtomicBool,
    progress: &dyn Fn(usize),
) -> Result<Vec<T>, SynthError> {
    let mut results: Vec<Option<T>> = (0..n).map(|_| None).collect();
    let mut failures: Vec<(usize, SynthError)> = Vec::new();
    for (done, (i, result)) in rx.into_iter().enumerate() {
        match result {
            Ok(v) => {
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(v);
                }
            }
            Err(e) => {
                stop.store(true, Ordering::Relaxed);
                failures.push((i, e));
            }
        }
        progress(done + 1);
    }
    if let Some((_, e)) = failures.into_iter().min_by_key(|(i, _)| *i) {
        return Err(e);
    }
    results
        .into_iter()
        .map(|r| r.ok_or(SynthError::NoCouncils))
        .collect()
}
