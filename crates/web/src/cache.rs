//! Computed evidence packs and council datasets, kept in memory.
//!
//! A council's pack takes a whole-council dataset and the engine's full
//! computation, far too slow for every page view. Both are computed once per
//! (council, as-at date) and shared; concurrent first requests wait for the
//! one computation rather than each starting their own. An import calls
//! [`Cache::invalidate`], which drops everything: the next request computes
//! from the new data.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use continuum_domain::{Dataset, Date, LaName, LocationId};
use continuum_engine::risk::RiskEntry;
use continuum_engine::{AscofMeasure, Options, Pack};
use continuum_store::{Scope, Store};
use tokio::sync::OnceCell;

use crate::error::AppError;

/// How many packs are kept; the oldest is dropped first. Councils look at a
/// handful of dates, and a pack is a few hundred kilobytes.
const MAX_PACKS: usize = 32;
/// How many council datasets are kept.
const MAX_DATASETS: usize = 8;

/// A computed pack, with its risk entries indexed by location and its page
/// body once rendered.
#[derive(Debug)]
pub struct PackEntry {
    pub pack: Pack,
    risk: HashMap<LocationId, usize>,
    body: std::sync::OnceLock<Arc<str>>,
}

impl PackEntry {
    fn new(pack: Pack) -> Self {
        let risk = pack
            .sections
            .quality
            .risk
            .locations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.location_id.clone(), i))
            .collect();
        Self {
            pack,
            risk,
            body: std::sync::OnceLock::new(),
        }
    }

    /// The evidence page's body, rendered on first use. Two first requests
    /// may both render it; the first to finish is kept.
    pub fn body(&self) -> Result<Arc<str>, AppError> {
        if let Some(b) = self.body.get() {
            return Ok(b.clone());
        }
        let b: Arc<str> = Arc::from(crate::ui::pack_view::render_body(&self.pack)?);
        Ok(self.body.get_or_init(|| b).clone())
    }

    /// The risk of a commissioned location.
    pub fn risk_of(&self, id: &LocationId) -> Option<&RiskEntry> {
        self.risk
            .get(id)
            .and_then(|&i| self.pack.sections.quality.risk.locations.get(i))
    }
}

type Cell<T> = Arc<OnceCell<Arc<T>>>;

#[derive(Debug, Default)]
struct Inner {
    datasets: HashMap<LaName, Cell<Dataset>>,
    dataset_order: VecDeque<LaName>,
    packs: HashMap<(LaName, Date), Cell<PackEntry>>,
    pack_order: VecDeque<(LaName, Date)>,
}

/// The in-memory cache of council datasets and packs.
#[derive(Debug, Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

/// Finds or makes the cell for a key, dropping the oldest beyond `max`.
fn cell<K: Clone + Eq + std::hash::Hash, T>(
    map: &mut HashMap<K, Cell<T>>,
    order: &mut VecDeque<K>,
    key: &K,
    max: usize,
) -> Cell<T> {
    if let Some(c) = map.get(key) {
        return c.clone();
    }
    while order.len() >= max {
        if let Some(old) = order.pop_front() {
            map.remove(&old);
        }
    }
    let c: Cell<T> = Arc::new(OnceCell::new());
    map.insert(key.clone(), c.clone());
    order.push_back(key.clone());
    c
}

impl Cache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding this lock leaves only maps of cells behind,
        // which are always consistent, so a poisoned lock is safe to reuse.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Drops everything computed.
    pub fn invalidate(&self) {
        *self.lock() = Inner::default();
    }

    /// A council's dataset, as the engine needs it.
    pub async fn dataset(&self, store: &dyn Store, la: &LaName) -> Result<Arc<Dataset>, AppError> {
        let c = {
            let mut g = self.lock();
            let Inner {
                datasets,
                dataset_order,
                ..
            } = &mut *g;
            cell(datasets, dataset_order, la, MAX_DATASETS)
        };
        let ds = c
            .get_or_try_init(|| async {
                let started = std::time::Instant::now();
                let ds = store.load_dataset(&Scope::Council(la.clone())).await?;
                tracing::info!(
                    rows = ds.total_rows(),
                    duration_ms = started.elapsed().as_millis() as u64,
                    "council dataset loaded"
                );
                Ok::<_, AppError>(Arc::new(ds))
            })
            .await?;
        Ok(ds.clone())
    }

    /// The as-at date a pack uses when none is asked for: the council's own
    /// assessment date, or today.
    pub async fn default_date(&self, store: &dyn Store, la: &LaName) -> Result<Date, AppError> {
        let ds = self.dataset(store, la).await?;
        Ok(ds
            .authorities
            .iter()
            .find(|a| &a.la == la)
            .and_then(|a| a.as_at)
            .unwrap_or_else(|| chrono::Utc::now().date_naive()))
    }

    /// A council's pack at a date (the default date when none is given).
    pub async fn pack(
        &self,
        store: &dyn Store,
        la: &LaName,
        as_at: Option<Date>,
    ) -> Result<Arc<PackEntry>, AppError> {
        let t = match as_at {
            Some(t) => t,
            None => self.default_date(store, la).await?,
        };
        let key = (la.clone(), t);
        let c = {
            let mut g = self.lock();
            let Inner {
                packs, pack_order, ..
            } = &mut *g;
            cell(packs, pack_order, &key, MAX_PACKS)
        };
        let entry = c
            .get_or_try_init(|| async {
                let ds = self.dataset(store, la).await?;
                compute(ds, la.clone(), t).await
            })
            .await?;
        Ok(entry.clone())
    }
}

/// Runs the engine off the async threads.
async fn compute(ds: Arc<Dataset>, la: LaName, t: Date) -> Result<Arc<PackEntry>, AppError> {
    let started = std::time::Instant::now();
    let pack = tokio::task::spawn_blocking(move || {
        continuum_engine::evidence_pack(&ds, &la, Some(t), &Options::new(ascof_measures()))
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|e| AppError::BadRequest(e.to_string()))?;
    tracing::info!(
        duration_ms = started.elapsed().as_millis() as u64,
        "evidence pack computed"
    );
    Ok(Arc::new(PackEntry::new(pack)))
}

/// The ASCOF measures the engine compares, from the reader's list.
pub fn ascof_measures() -> Vec<AscofMeasure> {
    continuum_ingest::ascof::measures()
        .iter()
        .map(|m| AscofMeasure {
            code: m.code.to_string(),
            title: m.description.to_string(),
            polarity: m.polarity,
        })
        .collect()
}
