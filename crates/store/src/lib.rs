//! The Store: one API over Continuum's data, with two real backends.
//!
//! - `continuum-store-sqlite`: the embedded default (`sqlite://continuum.db`, WAL).
//! - `continuum-store-postgres`: regions and national scale (`postgres://…`).
//!
//! Both implement [`Store`], and both pass the same [`conformance`] suite, which
//! is how we know the same calls give the same answers. SQL lives only in the
//! backend crates. Every table holding council data carries the council (`la`,
//! or `local_authority` for the location register) so that a distributed
//! PostgreSQL can shard on it.

pub mod conformance;
mod error;
mod model;
pub mod ops;
pub mod schema;
mod url;

pub use error::{StoreError, StoreResult};
pub use model::*;
pub use url::{Backend, DatabaseUrl};

use async_trait::async_trait;
use continuum_domain::{
    AscofValue, Authority, CqcBatch, Locality, Dataset, LaName, Location, LocationId, QualityStatementScore,
    RatingEvent,
};

/// Everything the app, the CLI and the benchmarks ask of a database.
///
/// Each import method is one transaction: it either applies completely or
/// leaves the database exactly as it was.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// Applies the embedded migrations that have not run yet.
    async fn migrate(&self) -> StoreResult<()>;

    /// The number of rows in every table, by table name, sorted. Used by tests
    /// to prove that a failed import wrote nothing.
    async fn table_counts(&self) -> StoreResult<Vec<(String, i64)>>;

    /// Applies one CQC file to the provider and location register: new
    /// locations are added, known ones updated field by field (the newest CQC
    /// data wins for CQC fields), changes and ratings are kept as history.
    async fn apply_cqc(
        &self,
        batch: &CqcBatch,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;

    /// Imports a whole bundle (or the part of one a reader produced) in one
    /// transaction. Rows are upserted by their keys; a row identical to the
    /// stored one is not written, so a re-import changes nothing.
    async fn import_dataset(
        &self,
        ds: &Dataset,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;

    /// Imports ASCOF figures (national reference data, keyed by ONS code).
    async fn import_ascof(
        &self,
        values: &[AscofValue],
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;

    /// Loads the data the engine needs, for one council or for all.
    async fn load_dataset(&self, scope: &Scope) -> StoreResult<Dataset>;

    /// Every council known to the database.
    async fn authorities(&self) -> StoreResult<Vec<Authority>>;

    /// Every locality of every council.
    async fn localities(&self) -> StoreResult<Vec<Locality>>;

    /// The location register, filtered.
    async fn locations(&self, query: &LocationQuery) -> StoreResult<Vec<Location>>;

    /// One location by its CQC ID.
    async fn location(&self, id: &LocationId) -> StoreResult<Option<Location>>;

    /// The CQC rating history of one location, oldest first.
    async fn rating_history(&self, id: &LocationId) -> StoreResult<Vec<RatingEvent>>;

    /// The CQC quality statement scores of one location.
    async fn quality_statements(&self, id: &LocationId) -> StoreResult<Vec<QualityStatementScore>>;

    /// The changes CQC data has made to one location, oldest first.
    async fn location_changes(&self, id: &LocationId) -> StoreResult<Vec<LocationChangeRecord>>;

    /// The log of imports, newest first.
    async fn imports(&self, limit: i64) -> StoreResult<Vec<ImportRecord>>;

    /// Which of the given councils exist.
    async fn council_exists(&self, la: &LaName) -> StoreResult<bool>;
}
