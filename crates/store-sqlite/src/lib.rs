//! The SQLite backend: the embedded default, one file per council.
//!
//! The database runs in WAL mode so the web app reads while an import writes.
//! Bulk writes use multi-row `insert … on conflict … do update … where … is
//! distinct from …` statements of a few hundred rows, prepared once per shape
//! and reused, inside one transaction per import. Every [`Store`] operation
//! comes from the shared implementation over [`SqlBackend`].
//!
//! [`Store`]: continuum_store::Store

mod tx;

use std::str::FromStr;
use std::time::Duration;

use continuum_store::ops;
use continuum_store::{Backend, DatabaseUrl, SqlBackend, StoreError, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, ConnectOptions, Row, SqlitePool};

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
        // An in-memory database lives in one connection: the pool must not open a second.
        let memory = path == ":memory:";
        let target = if memory {
            "sqlite::memory:".to_string()
        } else {
            format!("sqlite://{path}")
        };
        let opts = SqliteConnectOptions::from_str(&target)
            .map_err(|e| StoreError::BadUrl(format!("cannot use {path} as an SQLite file: {e}")))?
            .create_if_missing(true)
            // Larger pages mean fewer b-tree splits on bulk loads; takes effect
            // only when the file is created.
            .page_size(8192)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory")
            // Rows cross from SQLite's thread to ours through a channel; a deep
            // one lets SQLite run ahead instead of waking us row by row.
            .row_buffer_size(8192)
            // Whole-table reads for reports are long by design: not a warning.
            .log_slow_statements(log::LevelFilter::Debug, Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 8 })
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
}

impl SqlBackend for SqliteStore {
    type Tx = SqliteTx;

    fn kind(&self) -> Backend {
        Backend::Sqlite
    }

    async fn begin(&self) -> StoreResult<SqliteTx> {
        SqliteTx::begin(&self.pool, "begin immediate").await
    }

    async fn begin_read(&self) -> StoreResult<SqliteTx> {
        SqliteTx::begin(&self.pool, "begin deferred").await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(format!("migration failed: {e}")))
    }

    async fn count_tables(&self) -> StoreResult<Vec<(String, i64)>> {
        let names: Vec<String> = sqlx::query_scalar(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_sqlx%' order by name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(ops::driver_error)?;
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            // Table names come from sqlite_master, not from input.
            let row = sqlx::query(AssertSqlSafe(format!("select count(*) from \"{n}\"")))
                .fetch_one(&self.pool)
                .await
                .map_err(ops::driver_error)?;
            out.push((n, row.try_get::<i64, _>(0).map_err(ops::driver_error)?));
        }
        Ok(out)
    }
}
