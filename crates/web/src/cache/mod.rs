//! What the web app keeps in memory between requests, and when it forgets.
//!
//! - [`packs`]: council datasets, and computed evidence packs per (council,
//!   as-at date): the engine's full computation is far too slow for a page
//!   view.
//! - [`pages`]: each scope's register rows and each location's records, so
//!   the register and location pages cost a lookup rather than a dozen
//!   queries.
//!
//! Every entry is computed once: concurrent first requests wait for the one
//! computation rather than each starting their own. Everything is dropped when
//! the data changes — at once after an import through the app
//! ([`Cache::invalidate`]), and within [`CHECK_EVERY`] after an import by
//! another process (the CLI), which [`Cache::check_fresh`] notices in the
//! store's import log. The cache never decides who sees what: callers reach
//! it only through a [`DataScope`](crate::auth::DataScope) or a capability.

pub mod packs;
pub mod pages;

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use continuum_domain::{Authority, Dataset, Date, LaName, Location, LocationId};
use continuum_store::{ImportRecord, Store};
use tokio::sync::OnceCell;

pub use packs::{PackEntry, ascof_measures};
pub use pages::{LocationData, ScopeKey};

use crate::error::AppError;

/// How often the import log is read to notice imports by other processes.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// A shared, computed-once value.
pub type Cell<T> = Arc<OnceCell<Arc<T>>>;

/// A map of cells that drops its oldest entry beyond a size.
#[derive(Debug)]
pub struct Lru<K, T> {
    map: HashMap<K, Cell<T>>,
    order: VecDeque<K>,
    max: usize,
}

impl<K: Clone + Eq + Hash, T> Lru<K, T> {
    fn new(max: usize) -> Self {
        Self {
            map: HashMap::new(),
            order: VecDeque::new(),
            max,
        }
    }

    /// The cell for a key, made if missing.
    pub fn cell(&mut self, key: &K) -> Cell<T> {
        if let Some(c) = self.map.get(key) {
            return c.clone();
        }
        while self.order.len() >= self.max {
            if let Some(old) = self.order.pop_front() {
                self.map.remove(&old);
            }
        }
        let c: Cell<T> = Arc::new(OnceCell::new());
        self.map.insert(key.clone(), c.clone());
        self.order.push_back(key.clone());
        c
    }
}

/// Everything cached.
#[derive(Debug)]
pub struct Inner {
    /// Every council, with its own as-at date: one small read.
    pub authorities: Lru<(), Vec<Authority>>,
    pub datasets: Lru<LaName, Dataset>,
    pub packs: Lru<(LaName, Date), PackEntry>,
    pub registers: Lru<ScopeKey, Vec<Location>>,
    pub locations: Lru<(LocationId, Option<LaName>), Option<Arc<LocationData>>>,
}

impl Default for Inner {
    fn default() -> Self {
        Self {
            authorities: Lru::new(1),
            datasets: Lru::new(8),
            packs: Lru::new(32),
            registers: Lru::new(64),
            locations: Lru::new(8_192),
        }
    }
}

/// The last import seen, and when the log was last read.
#[derive(Debug)]
struct Freshness {
    checked: Instant,
    last: Option<ImportRecord>,
}

/// The in-memory cache.
#[derive(Debug)]
pub struct Cache {
    inner: Mutex<Inner>,
    fresh: Mutex<Freshness>,
}

impl Default for Cache {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            fresh: Mutex::new(Freshness {
                checked: Instant::now() - CHECK_EVERY,
                last: None,
            }),
        }
    }
}

impl Cache {
    /// The maps. A panic while holding this lock leaves only maps of cells
    /// behind, which are always consistent, so a poisoned lock is reused.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn lock_fresh(&self) -> std::sync::MutexGuard<'_, Freshness> {
        self.fresh
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Drops everything computed.
    pub fn invalidate(&self) {
        *self.lock() = Inner::default();
    }

    /// Reads the import log at most every [`CHECK_EVERY`], and drops
    /// everything when another process has imported since.
    pub async fn check_fresh(&self, store: &dyn Store) -> Result<(), AppError> {
        {
            let mut f = self.lock_fresh();
            if f.checked.elapsed() < CHECK_EVERY {
                return Ok(());
            }
            f.checked = Instant::now();
        }
        let latest = store.imports(1).await?.into_iter().next();
        let mut f = self.lock_fresh();
        if f.last != latest {
            f.last = latest;
            drop(f);
            self.invalidate();
        }
        Ok(())
    }
}
