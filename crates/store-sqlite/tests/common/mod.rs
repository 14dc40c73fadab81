//! Shared by the SQLite backend's tests: a fresh, migrated database file.

#![allow(dead_code, clippy::unwrap_used)]

use continuum_store::{DatabaseUrl, Store};
use continuum_store_sqlite::SqliteStore;

/// A new database file in `dir`, migrated, and its path.
pub async fn open(dir: &tempfile::TempDir) -> (SqliteStore, std::path::PathBuf) {
    let path = dir.path().join("t.db");
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
    let store = SqliteStore::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, path)
}
