//! The store conformance suite on PostgreSQL, when `TEST_POSTGRES_URL` is set.
//! Each test runs in a schema of its own, dropped afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use continuum_store::{DatabaseUrl, Store};
use continuum_store_postgres::PgStore;

/// Drops the test's schema when the test ends, pass or fail.
struct Schema {
    url: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (url, name) = (self.url.clone(), self.name.clone());
        // Drop runs outside any async context we can borrow; use a small runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                use sqlx::Connection;
                if let Ok(mut c) = sqlx::PgConnection::connect(&url).await {
                    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                        "drop schema if exists {name} cascade"
                    )))
                    .execute(&mut c)
                    .await;
                }
            });
        })
        .join();
    }
}

async fn open() -> Option<(Box<dyn Store>, Schema)> {
    let url = std::env::var("TEST_POSTGRES_URL").ok()?;
    use sqlx::Connection;
    let name = format!("conf_{}_{}", std::process::id(), rand_suffix());
    let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create schema {name}")))
        .execute(&mut c)
        .await
        .unwrap();
    let guard = Schema {
        url: url.clone(),
        name: name.clone(),
    };
    let store = PgStore::open_in_schema(&DatabaseUrl::parse(&url).unwrap(), Some(&name))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some((Box::new(store), guard))
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    u64::from(t) * 1000 + N.fetch_add(1, Ordering::Relaxed)
}

continuum_store::conformance_suite!(open());
