//! One module per subcommand. Each is thin: parse arguments into domain types,
//! call the readers, the store or the engine, print the result.

mod demo;
mod export;
mod generate;
mod import;
mod locations;
mod report;
mod serve;

use std::sync::Arc;

use anyhow::Context;
use continuum_store::{Backend, DatabaseUrl, Store};
use continuum_store_postgres::PgStore;
use continuum_store_sqlite::SqliteStore;

use crate::cli::Command;
use crate::config::Config;

/// Runs one command.
pub async fn run(command: Command, cfg: Config) -> anyhow::Result<()> {
    match command {
        Command::Migrate => {
            let store = open_store(&cfg.database).await?;
            println!("database is up to date ({})", store.backend());
            Ok(())
        }
        Command::Import(a) => import::run(a, &cfg).await,
        Command::Export(a) => export::run(a, &cfg).await,
        Command::Locations(a) => locations::run(a, &cfg).await,
        Command::Report(a) => report::run(a, &cfg).await,
        Command::Generate(a) => generate::run(a).await,
        Command::Serve(a) => serve::run(a, &cfg).await,
        Command::Demo(a) => demo::run(a, &cfg).await,
    }
}

/// Opens the store named by a URL and brings its schema up to date. The
/// backend is chosen from the scheme; any other scheme is bad input.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let parsed = DatabaseUrl::parse(url)?;
    let store: Arc<dyn Store> = match parsed.backend {
        Backend::Sqlite => Arc::new(SqliteStore::open(&parsed).await?),
        Backend::Postgres => Arc::new(PgStore::open(&parsed).await?),
    };
    store
        .migrate()
        .await
        .context("cannot bring the database schema up to date")?;
    Ok(store)
}

/// Parses a council name given on the command line.
pub fn parse_la(s: &str) -> anyhow::Result<continuum_domain::LaName> {
    continuum_domain::LaName::parse(s)
        .map_err(|e| crate::failure::BadInput(format!("--la '{s}': expected {e}")).into())
}

/// Parses a vocabulary word given on the command line.
pub fn parse_word<T: std::str::FromStr>(flag: &str, s: &str) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| crate::failure::BadInput(format!("{flag} '{s}': {e}")).into())
}
