//! The store conformance suite on SQLite, one temporary file per test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use continuum_store::{DatabaseUrl, Store};
use continuum_store_sqlite::SqliteStore;

async fn open() -> Option<(Box<dyn Store>, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let url =
        DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("t.db").display())).unwrap();
    let store = SqliteStore::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    Some((Box::new(store), dir))
}

continuum_store::conformance_suite!(open());
