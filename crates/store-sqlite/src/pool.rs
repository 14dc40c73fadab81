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

/// The page cache of a connection: 64 MiB.
const EVERYDAY_CACHE: &str = "pragma cache_size = -65536";

/// The page cache for large writes: 1 GiB.
const BULK_CACHE: &str = "pragma cache_size = -1048576";

/// Runs `f`, which may block (on a lock, or on a large read or write), without
/// stalling the other tasks of a multi-threaded runtime: the worker hands its
/// queue to another thread for the duration. On a current-thread runtime (and
/// outside any runtime) it simply runs `f`.
pub fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
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

    /// A connection, opening one if none is idle.
    pub async fn get(self: &Arc<Self>) -> StoreResult<Pooled> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| StoreError::Database(format!("the connection pool is closed: {e}")))?;
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
             pragma foreign_keys = on;
             pragma temp_store = memory;",
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
