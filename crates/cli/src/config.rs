//! One typed configuration: defaults, then the file, then `CONTINUUM_*`
//! environment variables, then flags (clap merges the last two).

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

use crate::cli::Global;
use crate::failure::BadInput;

/// The settings a command runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub database: String,
    pub listen: String,
    pub log_level: String,
    pub log_format: String,
    /// Where the real national data lives (CQC, ASCOF, ONS).
    pub data_dir: PathBuf,
    /// The SQLite file the demo uses.
    pub demo_database: String,
}

/// What a config file may set; everything is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database: Option<String>,
    listen: Option<String>,
    log_level: Option<String>,
    log_format: Option<String>,
    data_dir: Option<PathBuf>,
    demo_database: Option<String>,
}

impl Config {
    /// Builds the configuration for this run.
    pub fn load(global: &Global) -> anyhow::Result<Self> {
        let file = match &global.config {
            Some(p) => read_file(p)?,
            None if Path::new("continuum.toml").exists() => read_file(Path::new("continuum.toml"))?,
            None => FileConfig::default(),
        };
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Ok(Self {
            database: global
                .database
                .clone()
                .or(file.database)
                .unwrap_or_else(|| "sqlite://continuum.db".into()),
            listen: env("CONTINUUM_LISTEN")
                .or(file.listen)
                .unwrap_or_else(|| "127.0.0.1:8080".into()),
            log_level: global
                .log
                .clone()
                .or(file.log_level)
                .unwrap_or_else(|| "info".into()),
            log_format: env("CONTINUUM_LOG_FORMAT")
                .or(file.log_format)
                .unwrap_or_else(|| "text".into()),
            data_dir: env("CONTINUUM_SHARED_DATA")
                .map(PathBuf::from)
                .or(file.data_dir)
                .unwrap_or_else(continuum_ingest::data_dir),
            demo_database: env("CONTINUUM_DEMO_DATABASE")
                .or(file.demo_database)
                .unwrap_or_else(|| "sqlite://continuum-demo.db".into()),
        })
    }
}

fn read_file(p: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(p)
        .with_context(|| format!("cannot read the config file {}", p.display()))?;
    toml::from_str(&text).map_err(|e| BadInput(format!("{}: {e}", p.display())).into())
}
