//! `continuum export bundle DIR --la NAME|ALL`.

use anyhow::Context;
use continuum_store::Scope;

use super::{open_store, parse_la};
use crate::cli::{ExportArgs, ExportWhat};
use crate::config::Config;
use crate::failure::BadInput;
use crate::progress;

pub async fn run(a: ExportArgs, cfg: &Config) -> anyhow::Result<()> {
    let ExportWhat::Bundle { dir, la } = a.what;
    let store = open_store(&cfg.database).await?;
    let scope = if la.eq_ignore_ascii_case("all") {
        Scope::All
    } else {
        let la = parse_la(&la)?;
        if !store.council_exists(&la).await? {
            return Err(BadInput(format!("--la '{la}': no such council in the database")).into());
        }
        Scope::Council(la)
    };
    let pb = progress::spinner("reading the database");
    let ds = store.load_dataset(&scope).await?;
    pb.set_message(format!(
        "writing {} rows to {}",
        ds.total_rows(),
        dir.display()
    ));
    let out = dir.clone();
    tokio::task::spawn_blocking(move || {
        continuum_ingest::bundle::write_bundle(&ds, &out).map(|()| ds.counts())
    })
    .await
    .context("the writer stopped unexpectedly")?
    .map_err(|e| anyhow::anyhow!("{e}"))
    .map(|counts| {
        pb.finish_and_clear();
        for (t, n) in counts.into_iter().filter(|(_, n)| *n > 0) {
            println!("{t:<28} {n:>10}");
        }
    })?;
    tracing::info!(dir = %dir.display(), "export finished");
    Ok(())
}
