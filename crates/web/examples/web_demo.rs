//! A stand-alone server for the browser and load tests, independent of the
//! CLI: it loads a SQLite database with the generated demo council (or the
//! national profile) plus the real ASCOF and CQC files in `data/`, creates the
//! demo users, prints their sign-ins as JSON on one line, and serves.
//!
//! ```text
//! cargo run --release -p continuum-web --example web_demo -- \
//!     --database /tmp/demo.db --listen 127.0.0.1:0 [--profile national --scale 1]
//! ```
//!
//! A database that already holds data is served as it is (the load is
//! skipped), so repeated runs start at once.

#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use continuum_domain::LaName;
use continuum_ingest::{ascof, cqc};
use continuum_store::{DatabaseUrl, ImportSource, Store};
use continuum_store_sqlite::SqliteStore;
use continuum_synth::{Options, Profile};

struct Args {
    database: PathBuf,
    listen: String,
    profile: Profile,
    scale: f64,
    la: Option<String>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        database: PathBuf::from("web-demo.db"),
        listen: "127.0.0.1:8080".into(),
        profile: Profile::Demo,
        scale: 1.0,
        la: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--database" => a.database = value()?.into(),
            "--listen" => a.listen = value()?,
            "--scale" => a.scale = value()?.parse()?,
            "--la" => a.la = Some(value()?),
            "--profile" => {
                a.profile = match value()?.as_str() {
                    "demo" => Profile::Demo,
                    "national" => Profile::National,
                    other => bail!("--profile {other}: expected demo or national"),
                }
            }
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(a)
}

fn src(kind: &str, name: &str) -> ImportSource {
    ImportSource {
        kind: kind.into(),
        name: name.into(),
        digest: None,
    }
}

async fn load(store: &dyn Store, a: &Args) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let opts = Options {
        profile: a.profile,
        seed: 1,
        scale: a.scale,
    };
    let ds =
        tokio::task::spawn_blocking(move || continuum_synth::generate(&opts, &|_| {})).await??;
    eprintln!(
        "generated {} rows in {:?}",
        ds.total_rows(),
        started.elapsed()
    );
    store
        .import_dataset(&ds, &src("bundle", "generated"))
        .await?;
    drop(ds);
    let data = continuum_ingest::data_dir();
    let (values, _) = ascof::read_ods(&data.join("ascof/ascof_2024_25.ods"))?;
    store
        .import_ascof(&values, &src("ascof", "ascof_2024_25.ods"))
        .await?;
    if a.profile == Profile::Demo {
        let (b, _) = cqc::api::read_dir(&data.join("cqc/api_oldham"))?;
        store.apply_cqc(&b, &src("cqc-api", "api_oldham")).await?;
        let (b, _) =
            cqc::ratings::read_csv(&data.join("cqc/cqc_latest_ratings_lincolnshire_2026.csv"))?;
        store
            .apply_cqc(&b, &src("cqc-ratings", "lincolnshire"))
            .await?;
    }
    eprintln!("loaded in {:?}", started.elapsed());
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(std::env::var("CONTINUUM_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let a = args()?;
    let url = DatabaseUrl::parse(&format!("sqlite://{}", a.database.display()))?;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await?);
    store.migrate().await?;
    if store.authorities().await?.is_empty() {
        load(store.as_ref(), &a).await?;
    }
    let la_name = match (&a.la, a.profile) {
        (Some(la), _) => la.clone(),
        (None, Profile::Demo) => continuum_synth::DEMO_LA.to_string(),
        (None, Profile::National) => store
            .authorities()
            .await?
            .first()
            .map(|x| x.la.to_string())
            .context("no councils")?,
    };
    let la = LaName::parse(&la_name)?;
    let logins = continuum_web::ensure_demo_users(store.as_ref(), &la, None).await?;
    let listener = tokio::net::TcpListener::bind(&a.listen).await?;
    let addr = listener.local_addr()?;
    let out = serde_json::json!({
        "url": format!("http://{addr}"),
        "council": la_name,
        "logins": logins,
    });
    println!("{out}");
    let app = continuum_web::app(continuum_web::AppState::new(store));
    continuum_web::serve(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
