//! The SQLite backend: the embedded default, one file per council.
//!
//! The database runs in WAL mode so the web app reads while an import writes.
//! Bulk writes use multi-row `insert … on conflict … do update … where … is
//! distinct from …` statements of up to a few hundred rows, prepared once per
//! shape and reused, inside one transaction per import.

mod tx;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::{AscofValue, Authority, CqcBatch, Locality, Dataset, LaName, Location, LocationId};
use continuum_store::ops::{self, Filter};
use continuum_store::schema::{LocationChangeRow, Record};
use continuum_store::{
    Backend, DatabaseUrl, ImportRecord, ImportSource, ImportSummary, LocationChangeRecord,
    LocationQuery, Scope, Store, StoreError, StoreResult,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Row, SqlitePool};

pub use tx::SqliteTx;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A Continuum store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at a `sqlite://` URL.
    pub async fn open(url: &DatabaseUrl) -> StoreResult<Self> {
        let path = url
            .sqlite_path()
            .ok_or_else(|| StoreError::BadUrl(format!("{} is not a sqlite:// URL", url.url)))?;
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .map_err(|e| StoreError::BadUrl(format!("cannot use {path} as an SQLite file: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts)
            .await
            .map_err(|e| {
                StoreError::Database(format!("cannot open SQLite database {path}: {e}"))
            })?;
        Ok(Self { pool })
    }

    /// The connection pool, for the web app's own queries.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    async fn begin(&self) -> StoreResult<SqliteTx> {
        SqliteTx::begin(&self.pool).await
    }

    /// Reads rows of one table outside any transaction.
    async fn select<R: Record + Send>(&self, filter: &Filter) -> StoreResult<Vec<R>> {
        let mut conn = self.pool.acquire().await.map_err(ops::driver_error)?;
        tx::select(&mut conn, filter).await
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(format!("migration failed: {e}")))
    }

    async fn table_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let names: Vec<String> = sqlx::query_scalar(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_sqlx%' order by name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(ops::driver_error)?;
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            let row = // Table names come from sqlite_master, not from input.
            sqlx::query(AssertSqlSafe(format!("select count(*) from \"{n}\"")))
                .fetch_one(&self.pool)
                .await
                .map_err(ops::driver_error)?;
            out.push((n, row.try_get::<i64, _>(0).map_err(ops::driver_error)?));
        }
        Ok(out)
    }

    async fn apply_cqc(
        &self,
        batch: &CqcBatch,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        let mut tx = self.begin().await?;
        let sum = ops::apply_cqc(&mut tx, batch, source).await?;
        tx.commit().await?;
        Ok(sum)
    }

    async fn import_dataset(
        &self,
        ds: &Dataset,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        let mut tx = self.begin().await?;
        let sum = ops::import_dataset(&mut tx, ds, source).await?;
        tx.commit().await?;
        Ok(sum)
    }

    async fn import_ascof(
        &self,
        values: &[AscofValue],
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        let mut tx = self.begin().await?;
        let sum = ops::import_ascof(&mut tx, values, source).await?;
        tx.commit().await?;
        Ok(sum)
    }

    async fn load_dataset(&self, scope: &Scope) -> StoreResult<Dataset> {
        let mut tx = self.begin().await?;
        let ds = ops::load_dataset(&mut tx, scope).await?;
        tx.rollback().await?;
        Ok(ds)
    }

    async fn authorities(&self) -> StoreResult<Vec<Authority>> {
        self.select(&Filter::All).await
    }

    async fn localities(&self) -> StoreResult<Vec<Locality>> {
        self.select(&Filter::All).await
    }

    async fn locations(&self, query: &LocationQuery) -> StoreResult<Vec<Location>> {
        let mut tx = self.begin().await?;
        let rows = ops::locations(&mut tx, query).await?;
        tx.rollback().await?;
        Ok(rows)
    }

    async fn location(&self, id: &LocationId) -> StoreResult<Option<Location>> {
        Ok(self
            .select::<Location>(&Filter::eq("location_id", id.as_str()))
            .await?
            .into_iter()
            .next())
    }

    async fn rating_history(&self, id: &LocationId) -> StoreResult<Vec<RatingEvent>> {
        self.select(&Filter::Where(
            "location_id = $1 order by published_on, service_group, key_question".into(),
            vec![id.to_string()],
        ))
        .await
    }

    async fn quality_statements(&self, id: &LocationId) -> StoreResult<Vec<QualityStatementScore>> {
        self.select(&Filter::eq("location_id", id.as_str())).await
    }

    async fn location_changes(&self, id: &LocationId) -> StoreResult<Vec<LocationChangeRecord>> {
        let rows: Vec<LocationChangeRow> = self
            .select(&Filter::Where(
                "location_id = $1 order by id".into(),
                vec![id.to_string()],
            ))
            .await?;
        Ok(rows
            .into_iter()
            .map(LocationChangeRow::into_record)
            .collect())
    }

    async fn imports(&self, limit: i64) -> StoreResult<Vec<ImportRecord>> {
        let rows = sqlx::query("select id, kind, name, digest, at, rows_read, rows_written from imports order by id desc limit $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(ops::driver_error)?;
        rows.iter().map(tx::import_record).collect()
    }

    async fn council_exists(&self, la: &LaName) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("select count(*) from authorities where la = $1")
            .bind(la.as_str())
            .fetch_one(&self.pool)
            .await
            .map_err(ops::driver_error)?;
        Ok(n > 0)
    }
}
