//! Running the real `continuum` binary against real files and real databases.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn data() -> PathBuf {
    continuum_ingest::data_dir()
}

/// Runs `continuum` with arguments; the database comes from `--database`.
pub fn run(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_continuum"))
        .arg("--database")
        .arg(db)
        .args(args)
        .env("CONTINUUM_LOG", "warn")
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

/// Runs and insists on success, returning stdout.
pub fn ok(db: &str, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "continuum {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs, expecting bad input: exit code 2. Returns stderr.
pub fn bad(db: &str, args: &[&str]) -> String {
    let out = run(db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "continuum {args:?} should exit 2; stderr:\n{err}"
    );
    err
}

/// A fresh SQLite database in a temporary folder.
pub struct Sqlite {
    pub dir: tempfile::TempDir,
    pub url: String,
}

pub fn sqlite() -> Sqlite {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    Sqlite { dir, url }
}

/// A fresh PostgreSQL database, dropped afterwards; `None` without `TEST_POSTGRES_URL`.
pub struct Postgres {
    pub url: String,
    admin: String,
    name: String,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                use sqlx::Connection;
                if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                    let q = format!("drop database if exists {name} with (force)");
                    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(q)).execute(&mut c).await;
                }
            });
        })
        .join();
    }
}

pub fn postgres() -> Option<Postgres> {
    let admin = std::env::var("TEST_POSTGRES_URL").ok()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!("cli_{}_{nanos}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut c)
            .await
            .unwrap();
    });
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(b, _)| b)
        .to_string();
    Some(Postgres {
        url: format!("{base}/{name}"),
        admin,
        name,
    })
}

/// Row counts of every table, through the store API.
pub fn counts(url: &str) -> Vec<(String, i64)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let parsed = continuum_store::DatabaseUrl::parse(url).unwrap();
        let store: Box<dyn continuum_store::Store> = match parsed.backend {
            continuum_store::Backend::Sqlite => Box::new(
                continuum_store_sqlite::SqliteStore::open(&parsed)
                    .await
                    .unwrap(),
            ),
            continuum_store::Backend::Postgres => Box::new(
                continuum_store_postgres::PgStore::open(&parsed)
                    .await
                    .unwrap(),
            ),
        };
        store.migrate().await.unwrap();
        store.table_counts().await.unwrap()
    })
}

/// Copies a folder tree (to make broken variants of real files).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
