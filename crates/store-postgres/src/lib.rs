//! The PostgreSQL backend: regions and national scale.
//!
//! Bulk writes go through `COPY` into a temporary table and one
//! `insert … select … on conflict … do update … where … is distinct from …`, so a
//! ten-million-row bundle loads at COPY speed and a re-import still writes
//! nothing. Every table carries its council, ready for a distributed
//! PostgreSQL (such as Citus) to shard on. Every [`Store`] operation comes from
//! the shared implementation over [`SqlBackend`].
//!
//! [`Store`]: continuum_store::Store

mod tx;

use std::str::FromStr;

use continuum_store::ops;
use continuum_store::{Backend, DatabaseUrl, SqlBackend, StoreError, StoreResult};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool, Row};

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
        // Whole-table reads for reports are long by design: not a warning.
        opts = opts.log_slow_statements(log::LevelFilter::Debug, std::time::Duration::from_secs(5));
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
}

impl SqlBackend for PgStore {
    type Tx = PgTx;

    fn kind(&self) -> Backend {
        Backend::Postgres
    }

    async fn begin(&self) -> StoreResult<PgTx> {
        PgTx::begin(&self.pool, false).await
    }

    async fn begin_read(&self) -> StoreResult<PgTx> {
        PgTx::begin(&self.pool, true).await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        let applied = || async {
            // Before the first run there is no log of migrations yet.
            sqlx::query_scalar::<_, i64>("select count(*) from _sqlx_migrations")
                .fetch_one(&self.pool)
                .await
                .unwrap_or(0)
        };
        let before = applied().await;
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(format!("migration failed: {e}")))?;
        if applied().await != before {
            // A migration may change stored data without an import, which
            // is what keeps read models current: the models go.
            sqlx::query("delete from read_models")
                .execute(&self.pool)
                .await
                .map_err(|e| StoreError::Database(format!("clearing read models: {e}")))?;
        }
        Ok(())
    }

    async fn count_tables(&self) -> StoreResult<Vec<(String, i64)>> {
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
