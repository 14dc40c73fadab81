//! The store's error type: small, so callers can match on what matters.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A write conflicts with data already there (a unique key, a stale version).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database URL is not one we can open.
    #[error("{0}")]
    BadUrl(String),
    /// Data read back from the database does not parse (a bug or a hand edit).
    #[error("corrupt row in {table}: {message}")]
    Corrupt {
        table: &'static str,
        message: String,
    },
    /// Anything else from the database driver.
    #[error("database error: {0}")]
    Database(String),
}

/// The result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;
