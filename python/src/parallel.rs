//! Batches run on rayon, without the GIL. `threads=None` uses rayon's global pool (one
//! thread per core, or `RAYON_NUM_THREADS`); `threads=1` runs on the calling thread;
//! `threads=n` runs on a pool of `n` threads, built once per size and kept.

use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

/// Where a batch runs.
#[derive(Clone)]
pub enum Threads {
    /// On the calling thread.
    One,
    /// On rayon's global pool.
    Global,
    /// On a pool of its own size.
    Pool(Arc<ThreadPool>),
}

impl Threads {
    /// From the `threads` argument.
    pub fn from_arg(threads: Option<usize>) -> PyResult<Threads> {
        match threads {
            None => Ok(Threads::Global),
            Some(0) => Err(PyValueError::new_err(
                "threads must be at least 1 (or None for one per core)",
            )),
            Some(1) => Ok(Threads::One),
            Some(n) => pool(n).map(Threads::Pool),
        }
    }

    /// `true` when the work runs on more than one thread.
    pub fn is_parallel(&self) -> bool {
        match self {
            Threads::One => false,
            Threads::Global => rayon::current_num_threads() > 1,
            Threads::Pool(p) => p.current_num_threads() > 1,
        }
    }

    /// Run `f` where the batch runs (`f` uses rayon's parallel iterators).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self {
            Threads::One | Threads::Global => f(),
            Threads::Pool(p) => p.install(f),
        }
    }
}

fn pool(n: usize) -> PyResult<Arc<ThreadPool>> {
    static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, p)) = pools.iter().find(|(size, _)| *size == n) {
        return Ok(p.clone());
    }
    let p = ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("naskh-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((n, p.clone()));
    Ok(p)
}
