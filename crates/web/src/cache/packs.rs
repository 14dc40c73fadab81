//! Council datasets and evidence packs.
//!
//! A council's whole dataset (for the benchmark and register pages and for
//! scope checks) is loaded once and kept. A pack reads only the rows it can
//! use, from the council's read model when it has a current one
//! ([`Store::load_pack_rows`], which keeps one when it reads the tables), and
//! is computed once per (council, as-at date) and kept; the page body is
//! rendered once too.

use std::collections::HashMap;
use std::sync::Arc;

use continuum_domain::{Dataset, Date, LaName, LocationId};
use continuum_engine::risk::RiskEntry;
use continuum_engine::{AscofMeasure, Options, Pack};
use continuum_store::{Scope, Store};

use super::Cache;
use crate::error::AppError;

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

impl Cache {
    /// A council's dataset, as the engine needs it.
    pub async fn dataset(&self, store: &dyn Store, la: &LaName) -> Result<Arc<Dataset>, AppError> {
        self.check_fresh(store).await?;
        let c = self.lock().datasets.cell(la);
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
        self.check_fresh(store).await?;
        let c = self.lock().authorities.cell(&());
        let all = c
            .get_or_try_init(|| async { Ok::<_, AppError>(Arc::new(store.authorities().await?)) })
            .await?;
        Ok(all
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
        self.check_fresh(store).await?;
        let t = match as_at {
            Some(t) => t,
            None => self.default_date(store, la).await?,
        };
        let c = self.lock().packs.cell(&(la.clone(), t));
        let entry = c
            .get_or_try_init(|| async {
                let opts = Options::new(ascof_measures());
                let started = std::time::Instant::now();
                let rows = store
                    .load_pack_rows(la, continuum_engine::history_from(t, &opts), true)
                    .await?;
                tracing::info!(
                    rows = rows.dataset.total_rows(),
                    source = rows.source.name(),
                    duration_ms = started.elapsed().as_millis() as u64,
                    "pack rows loaded"
                );
                rows.source.log_kept();
                compute(rows.dataset, la.clone(), t, opts).await
            })
            .await?;
        Ok(entry.clone())
    }
}

/// Runs the engine off the async threads.
async fn compute(
    ds: Dataset,
    la: LaName,
    t: Date,
    opts: Options,
) -> Result<Arc<PackEntry>, AppError> {
    let started = std::time::Instant::now();
    let pack = tokio::task::spawn_blocking(move || {
        continuum_engine::evidence_pack(&ds, &la, Some(t), &opts)
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
