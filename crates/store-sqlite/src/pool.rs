//! A small pool of SQLite connections to one file.
//!
//! Connections are opened on demand up to a limit and kept for reuse; a caller
//! beyond the limit waits (asynchronously) for one to come back. An in-memory
//! database lives in its one connection, so its pool holds exactly one.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use continuum_store::{StoreError, StoreResult, ops};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Connections a file database may have open at once.
const MAX_CONNECTIONS: usize = 8;

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Prepared statements kept per connection (bulk writes prepare one per table
/// and chunk size).
const STATEMENT_CACHE: usize = 128;

/// The page cache of a connection: 64 MiB. Reads go through a memory map of
/// the file (up to 16 GiB), so a council's pages are read where the operating
/// system already holds them instead of being copied into fresh memory of
/// the process first: Kent's load reads some 50 MB of pages, and fresh memory
/// is dear on a virtual machine, where the kernel zeroes every page on first
/// touch (see docs/PERFORMANCE.md).
const EVERYDAY_CACHE: &str = "pragma cache_size = -65536; pragma mmap_size = 17179869184";

/// The page cache for large writes: 1 GiB. (Index builds inside a large
/// write set their own cache, and return to this one.)
const BULK_CACHE: &str = "pragma cache_size = -1048576";

pub use continuum_store::blocking;

fn closed(e: tokio::sync::AcquireError) -> StoreError {
    StoreError::Database(format!("the connection pool is closed: {e}"))
}

#[derive(Debug)]
pub struct Pool {
    path: String,
    memory: bool,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    pub fn new(path: &str) -> Self {
        let memory = path == ":memory:";
        Self {
            path: path.to_string(),
            memory,
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(if memory { 1 } else { MAX_CONNECTIONS })),
        }
    }

    /// Whether the database lives in memory (and so in one connection).
    pub fn is_memory(&self) -> bool {
        self.memory
    }

    /// A connection, opening one if none is idle.
    pub async fn get(self: &Arc<Self>) -> StoreResult<Pooled> {
        let permit = self.permits.clone().acquire_owned().await.map_err(closed)?;
        self.lend(permit)
    }

    /// Two connections at once. Their permits are taken together, so two
    /// callers that each want two cannot each hold one and wait for ever for
    /// the other's.
    pub async fn get_two(self: &Arc<Self>) -> StoreResult<(Pooled, Pooled)> {
        let mut first = self
            .permits
            .clone()
            .acquire_many_owned(2)
            .await
            .map_err(closed)?;
        let second = first.split(1).ok_or_else(|| {
            StoreError::Database("the pool lent fewer than two connections".into())
        })?;
        Ok((self.lend(first)?, self.lend(second)?))
    }

    /// A connection under `permit`, opening one if none is idle.
    fn lend(self: &Arc<Self>, permit: OwnedSemaphorePermit) -> StoreResult<Pooled> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match idle {
            Some(c) => c,
            None => blocking(|| self.open())?,
        };
        Ok(Pooled {
            conn: Some(conn),
            pool: Arc::clone(self),
            _permit: permit,
            bulk_cache: false,
            left_wal: false,
        })
    }

    fn open(&self) -> StoreResult<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            // Each connection is used by one thread at a time (the pool hands
            // it out whole), so SQLite's per-call mutex is not needed.
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if self.memory {
            Connection::open_in_memory()
        } else {
            Connection::open_with_flags(&self.path, flags)
        }
        .map_err(|e| {
            StoreError::Database(format!("cannot open SQLite database {}: {e}", self.path))
        })?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(ops::driver_error)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Larger pages mean fewer b-tree splits on bulk loads; takes effect
        // only when the file is created.
        conn.execute_batch(
            "pragma page_size = 8192;
             pragma journal_mode = wal;
             pragma synchronous = normal;
             pragma foreign_keys = on;",
        )
        .and_then(|()| conn.execute_batch(EVERYDAY_CACHE))
        .map_err(|e| {
            StoreError::Database(format!("cannot open SQLite database {}: {e}", self.path))
        })?;
        Ok(conn)
    }
}

/// A connection on loan from the pool; it goes back when dropped.
#[derive(Debug)]
pub struct Pooled {
    conn: Option<Connection>,
    pool: Arc<Pool>,
    _permit: OwnedSemaphorePermit,
    /// Whether the page cache was grown for a large write.
    bulk_cache: bool,
    /// Whether the connection left WAL mode for a large write.
    left_wal: bool,
}

impl Pooled {
    /// Grows the page cache for a large write. The connection gets the
    /// everyday cache back when it returns to the pool.
    pub fn use_bulk_cache(&mut self) -> rusqlite::Result<()> {
        if !self.bulk_cache {
            self.execute_batch(BULK_CACHE)?;
            self.bulk_cache = true;
        }
        Ok(())
    }

    /// Switches the database from WAL to a rollback journal for one large
    /// write, returning whether it did. It cannot while another connection
    /// (in this process or another) is inside a transaction; then it returns
    /// at once, and the write goes through WAL as usual. The connection goes
    /// back to WAL when it returns to the pool.
    ///
    /// In WAL mode every page of a large import is written twice: into the
    /// log at commit, then into the database by the checkpoint. A rollback
    /// journal saves only the pages that already existed, so the new pages of
    /// an import into a fresh or growing database are written once. It is
    /// still all or nothing: after a crash the journal puts the old pages
    /// back and cuts the file to its old length. The journal is synced before
    /// the database is touched (`synchronous = full`).
    ///
    /// The cost: until the write commits, other connections cannot read (they
    /// wait, up to the busy timeout). Callers use it only when there is
    /// nothing to read yet.
    pub fn leave_wal(&mut self) -> rusqlite::Result<bool> {
        self.busy_timeout(Duration::ZERO)?;
        let mode = self.query_row("pragma journal_mode = delete", [], |r| {
            r.get::<_, String>(0)
        });
        self.busy_timeout(BUSY_TIMEOUT)?;
        let left = match mode {
            Ok(mode) => mode.eq_ignore_ascii_case("delete"),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => false,
            Err(e) => return Err(e),
        };
        if left {
            self.left_wal = true;
            self.execute_batch("pragma synchronous = full")?;
        }
        Ok(left)
    }
}

impl Deref for Pooled {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Present from creation until drop.
        self.conn.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // A connection left inside a transaction (its owner failed
            // half-way) is rolled back before anyone else gets it.
            if !conn.is_autocommit() && conn.execute_batch("rollback").is_err() {
                return;
            }
            if self.left_wal
                && conn
                    .execute_batch("pragma journal_mode = wal; pragma synchronous = normal")
                    .is_err()
            {
                return;
            }
            // Idle connections keep the everyday cache.
            if self.bulk_cache && conn.execute_batch(EVERYDAY_CACHE).is_err() {
                return;
            }
            if let Ok(mut idle) = self.pool.idle.lock() {
                idle.push(conn);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn mode(c: &Connection) -> String {
        c.query_row("pragma journal_mode", [], |r| r.get(0))
            .unwrap()
    }

    fn pool(dir: &tempfile::TempDir) -> Arc<Pool> {
        Arc::new(Pool::new(dir.path().join("t.db").to_str().unwrap()))
    }

    #[tokio::test]
    async fn a_lone_connection_leaves_wal_for_a_bulk_write_and_goes_back() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool(&dir);
        let mut c = pool.get().await.unwrap();
        assert_eq!(mode(&c), "wal");
        c.leave_wal().unwrap();
        assert_eq!(mode(&c), "delete");
        drop(c);
        // The same connection, back from the pool, and a new one: both WAL.
        let a = pool.get().await.unwrap();
        let b = pool.get().await.unwrap();
        assert_eq!((mode(&a), mode(&b)), ("wal".into(), "wal".into()));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn callers_wanting_two_connections_each_do_not_starve_one_another() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool(&dir);
        // As `SqliteStore::open` does: one connection first, which puts a
        // new file into WAL before any other connection opens it.
        drop(pool.get().await.unwrap());
        // More callers than the pool has pairs, all at once: each gets its
        // two (and gives them back) rather than holding one and waiting.
        let tasks: Vec<_> = (0..MAX_CONNECTIONS * 2)
            .map(|_| {
                let pool = Arc::clone(&pool);
                tokio::spawn(async move {
                    let (a, b) = pool.get_two().await.unwrap();
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    drop((a, b));
                })
            })
            .collect();
        let all = async {
            for t in tasks {
                t.await.unwrap();
            }
        };
        tokio::time::timeout(Duration::from_secs(20), all)
            .await
            .expect("callers wanting two connections deadlocked");
    }

    #[tokio::test]
    async fn while_another_connection_reads_the_database_stays_in_wal() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool(&dir);
        let reader = pool.get().await.unwrap();
        reader
            .execute_batch("create table t (x); begin; select count(*) from t;")
            .unwrap();
        let mut c = pool.get().await.unwrap();
        let started = std::time::Instant::now();
        assert!(!c.leave_wal().unwrap());
        assert!(
            started.elapsed() < BUSY_TIMEOUT / 2,
            "it waited for the lock"
        );
        assert_eq!(mode(&c), "wal");
        assert_eq!(mode(&reader), "wal");
    }
}
