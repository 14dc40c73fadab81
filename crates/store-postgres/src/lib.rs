//! The PostgreSQL backend: regions and national scale.
//!
//! Bulk writes go through `COPY` into a temporary table and one
//! `insert … select … on conflict … do update … where … is distinct from …`, so a
//! ten-million-row bundle loads at COPY speed and a re-import still writes
//! nothing. Every table carries its council, ready for a distributed
//! PostgreSQL (such as Citus) to shard on.

mod tx;

use std::str::FromStr;

use async_trait::async_trait;
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::{AscofValue, Authority, CqcBatch, Locality, Dataset, LaName, Location, LocationId};
use continuum_store::ops::{self, Filter};
use continuum_store::schema::{LocationChangeRow, Record};
use continuum_store::{
    Backend, DatabaseUrl, ImportRecord, ImportSource, ImportSummary, LocationChangeRecord,
    LocationQuery, Scope, Store, StoreError, StoreResult,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Row};

pub use tx::PgTx;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A Continuum store in a PostgreSQL database (or one schema of it).
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to a `postgres://` URL.
    pub async fn open(url: &DatabaseUrl) -> StoreResult<Self> {
        Self::open_in_schema(url, None).await
    }

    /// Connects with every session's `search_path` set to one schema: tests
    /// use a fresh schema each, so they can run side by side.
    pub async fn open_in_schema(url: &DatabaseUrl, schema: Option<&str>) -> StoreResult<Self> {
        let mut opts = PgConnectOptions::from_str(&url.url).map_err(|e| {
            StoreError::BadUrl(format!(
                "cannot use {} as a PostgreSQL URL: {e}",
                redact(&url.url)
            ))
        })?;
        if let Some(s) = schema {
            opts = opts.options([("search_path", s)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(opts)
            .await
            .map_err(|e| {
                StoreError::Database(format!(
                    "cannot connect to PostgreSQL at {}: {e}",
                    redact(&url.url)
                ))
            })?;
        Ok(Self { pool })
    }

    /// The connection pool, for the web app's own queries.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn begin(&self) -> StoreResult<PgTx> {
        PgTx::begin(&self.pool).await
    }

    async fn select<R: Record + Send>(&self, filter: &Filter) -> StoreResult<Vec<R>> {
        let mut conn = self.pool.acquire().await.map_err(ops::driver_error)?;
        tx::select(&mut conn, filter).await
    }
}

/// Hides a password in a URL before it goes into a message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(format!("migration failed: {e}")))
    }

    async fn table_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let names: Vec<String> = sqlx::query_scalar(
            "select table_name::text from information_schema.tables \
             where table_schema = current_schema() and table_type = 'BASE TABLE' \
             and table_name not like '\\_sqlx%' order by 1",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(ops::driver_error)?;
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            // Table names come from the catalogue, not from input.
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("select count(*) from \"{n}\"")))
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
        tx.read_only_snapshot().await?;
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

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            super::redact("postgres://app:s3cret@db/x"),
            "postgres://app:***@db/x"
        );
        assert_eq!(
            super::redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }
}
