//! Register rows per scope, and each location's records, for the register
//! and location pages.
//!
//! A scope's register is at most a few thousand rows (a council's area, or
//! one provider's locations), read once with the store's filtered query and
//! then filtered in memory for each search. A location's records are read
//! once per (location, council): the council's own records for council staff,
//! every council's for the provider (`None`).

use std::sync::Arc;

use continuum_domain::cqc::RatingEvent;
use continuum_domain::{LaName, Location, LocationId, ProviderId};
use continuum_store::{LocationChangeRecord, LocationQuery, LocationRecords, Store};

use super::Cache;
use crate::error::AppError;

/// The most register rows read for one scope: more than any council's area
/// or any provider holds.
pub const REGISTER_CAP: i64 = 5_000;

/// Whose register rows: a council's area, or a provider's locations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScopeKey {
    Council(LaName),
    Provider(ProviderId),
}

/// What a location page reads from the store.
#[derive(Debug, Clone)]
pub struct LocationData {
    pub location: Location,
    pub records: LocationRecords,
    pub ratings: Vec<RatingEvent>,
    pub changes: Vec<LocationChangeRecord>,
}

impl Cache {
    /// Every register row of a scope, registered or not, ordered by name.
    pub async fn register(
        &self,
        store: &dyn Store,
        key: &ScopeKey,
    ) -> Result<Arc<Vec<Location>>, AppError> {
        self.check_fresh(store).await?;
        let c = self.lock().registers.cell(key);
        let rows = c
            .get_or_try_init(|| async {
                let mut q = LocationQuery {
                    limit: Some(REGISTER_CAP),
                    ..LocationQuery::default()
                };
                match key {
                    ScopeKey::Council(la) => q.la = Some(la.clone()),
                    ScopeKey::Provider(p) => q.provider_id = Some(p.clone()),
                }
                Ok::<_, AppError>(Arc::new(store.locations(&q).await?))
            })
            .await?;
        Ok(rows.clone())
    }

    /// A location with its records (one council's, or all for `None`);
    /// `None` when there is no such location.
    pub async fn location(
        &self,
        store: &dyn Store,
        id: &LocationId,
        la: Option<&LaName>,
    ) -> Result<Option<Arc<LocationData>>, AppError> {
        self.check_fresh(store).await?;
        let c = self.lock().locations.cell(&(id.clone(), la.cloned()));
        let data = c
            .get_or_try_init(|| async {
                let Some(location) = store.location(id).await? else {
                    return Ok::<_, AppError>(Arc::new(None));
                };
                Ok(Arc::new(Some(Arc::new(LocationData {
                    records: store.location_records(id, la).await?,
                    ratings: store.rating_history(id).await?,
                    changes: store.location_changes(id).await?,
                    location,
                }))))
            })
            .await?;
        Ok(data.as_ref().clone())
    }
}
