//! The SQLite backend: the embedded default, one file per council.
//!
//! The database runs in WAL mode so the web app reads while an import writes.
//! Every [`Store`] operation comes from the shared implementation over
//! [`SqlBackend`].
//!
//! The backend talks to SQLite through rusqlite, in the calling thread, rather
//! than through an async driver that hands each statement and each row to a
//! worker thread. Imports and council loads are bulk work: the hand-over (a
//! channel message per row, every bound value copied into an owned argument
//! list, SQLite's own mutex taken per call) cost more than SQLite's work, and
//! made a national import run at about 100k rows/s. Calls that may block (for
//! a lock or a large read) leave the async worker with
//! [`tokio::task::block_in_place`] on a multi-threaded runtime.
//!
//! [`Store`]: continuum_store::Store

mod migrate;
mod pool;
mod tx;

use continuum_store::ops;
use continuum_store::{Backend, DatabaseUrl, SqlBackend, StoreError, StoreResult};

pub use tx::SqliteTx;

use pool::{Pool, blocking};
use std::sync::Arc;

/// A Continuum store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Arc<Pool>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at a `sqlite://` URL.
    pub async fn open(url: &DatabaseUrl) -> StoreResult<Self> {
        let path = url
            .sqlite_path()
            .ok_or_else(|| StoreError::BadUrl(format!("{} is not a sqlite:// URL", url.url)))?;
        let pool = Arc::new(Pool::new(path));
        // Open one connection now, so a bad path fails here and not on first use.
        drop(pool.get().await?);
        Ok(Self { pool })
    }
}

impl SqlBackend for SqliteStore {
    type Tx = SqliteTx;

    fn kind(&self) -> Backend {
        Backend::Sqlite
    }

    async fn begin(&self) -> StoreResult<SqliteTx> {
        SqliteTx::begin(self.pool.get().await?, tx::WRITE)
    }

    /// A large import into a database with no people yet (a first load) is
    /// written through a rollback journal rather than WAL, which writes each
    /// new page once instead of twice (see [`pool::Pooled::leave_wal`]):
    /// the national bundle's commit went from 14 s to 3–4 s. Until it commits,
    /// other connections wait to read; with no people stored, no council's
    /// figures or records can be shown meanwhile anyway. Any other large
    /// import goes through WAL, and readers carry on.
    async fn begin_bulk(&self) -> StoreResult<SqliteTx> {
        let mut conn = self.pool.get().await?;
        blocking(|| -> rusqlite::Result<()> {
            let first_load: bool =
                conn.query_row("select not exists (select 1 from people)", [], |r| r.get(0))?;
            if first_load {
                conn.leave_wal()?;
            }
            Ok(())
        })
        .map_err(ops::driver_error)?;
        SqliteTx::begin(conn, tx::WRITE)
    }

    async fn begin_read(&self) -> StoreResult<SqliteTx> {
        SqliteTx::begin(self.pool.get().await?, tx::READ)
    }

    /// Two read transactions on two connections that see the same snapshot,
    /// so one council's tables load on two cores. SQLite fixes a reader's
    /// snapshot at its first read; both read the write generation first, and
    /// if a write committed between the two, they try again. An in-memory
    /// database has one connection, so none.
    async fn begin_read_pair(&self) -> StoreResult<Option<(SqliteTx, SqliteTx)>> {
        if self.pool.is_memory() {
            return Ok(None);
        }
        for _ in 0..3 {
            let (a, b) = self.pool.get_two().await?;
            let a = SqliteTx::begin(a, tx::READ)?;
            let b = SqliteTx::begin(b, tx::READ)?;
            if a.generation()? == b.generation()? {
                return Ok(Some((a, b)));
            }
        }
        Ok(None)
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        let mut conn = self.pool.get().await?;
        blocking(|| migrate::run(&mut conn))
    }

    async fn count_tables(&self) -> StoreResult<Vec<(String, i64)>> {
        let conn = self.pool.get().await?;
        blocking(|| {
            let names: Vec<String> = {
                let mut st = conn
                    .prepare(
                        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_sqlx%' and name <> '_generation' order by name",
                    )
                    .map_err(ops::driver_error)?;
                st.query_map([], |r| r.get(0))
                    .map_err(ops::driver_error)?
                    .collect::<Result<_, _>>()
                    .map_err(ops::driver_error)?
            };
            let mut out = Vec::with_capacity(names.len());
            for n in names {
                // Table names come from sqlite_master, not from input.
                let count: i64 = conn
                    .query_row(&format!("select count(*) from \"{n}\""), [], |r| r.get(0))
                    .map_err(ops::driver_error)?;
                out.push((n, count));
            }
            Ok(out)
        })
    }
}
