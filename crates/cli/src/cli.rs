//! The command line, as clap parses it. This is the contract in
//! `spec/product.md`: commands may be extended, never renamed.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Continuum: the care market system for adult social care.
#[derive(Debug, Parser)]
#[command(name = "continuum", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings every command shares. Each also reads `CONTINUUM_*` from the
/// environment; a flag beats the environment, which beats the config file,
/// which beats the defaults.
#[derive(Debug, Args)]
pub struct Global {
    /// Database URL: sqlite://PATH (default sqlite://continuum.db) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "CONTINUUM_DATABASE")]
    pub database: Option<String>,
    /// Configuration file (TOML). Default: continuum.toml in the current folder, if present.
    #[arg(long, global = true, env = "CONTINUUM_CONFIG")]
    pub config: Option<PathBuf>,
    /// Log level: error, warn, info, debug or trace.
    #[arg(long, global = true, env = "CONTINUUM_LOG")]
    pub log: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or update the database schema.
    Migrate,
    /// Import a file or folder (one transaction: all or nothing).
    Import(ImportArgs),
    /// Export data.
    Export(ExportArgs),
    /// List and filter the provider and location register.
    Locations(LocationsArgs),
    /// The CQC evidence pack for a council (or all councils).
    Report(ReportArgs),
    /// Generate a synthetic bundle.
    Generate(GenerateArgs),
    /// Serve the web app and the JSON API.
    Serve(ServeArgs),
    /// Start the web app on SQLite with the demo council and the real national data.
    Demo(DemoArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Bundle,
    CqcApi,
    CqcRatings,
    CqcDirectory,
    Cld,
    Ascof,
    Population,
}

impl ImportKind {
    /// The kind as typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Bundle => "bundle",
            ImportKind::CqcApi => "cqc-api",
            ImportKind::CqcRatings => "cqc-ratings",
            ImportKind::CqcDirectory => "cqc-directory",
            ImportKind::Cld => "cld",
            ImportKind::Ascof => "ascof",
            ImportKind::Population => "population",
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file is.
    pub kind: ImportKind,
    /// The file (or folder, for bundle and cqc-api).
    pub path: PathBuf,
    /// The council the data belongs to (required for cld; for population, maps district names to localities).
    #[arg(long)]
    pub la: Option<String>,
    /// Validate and report what would be written, without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Write a council's data (or all data) as a bundle folder.
    Bundle {
        /// The folder to write.
        dir: PathBuf,
        /// A council name as CQC writes it, or ALL.
        #[arg(long)]
        la: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct LocationsArgs {
    /// Only locations in this council's area (CQC's local authority).
    #[arg(long)]
    pub la: Option<String>,
    /// Only this service type (nursing_home, residential_home, homecare, …).
    #[arg(long)]
    pub service_type: Option<String>,
    /// Only this rating (outstanding, good, requires_improvement, inadequate, not_rated).
    #[arg(long)]
    pub rating: Option<String>,
    /// Only registered or deregistered locations.
    #[arg(long)]
    pub status: Option<String>,
    /// Only this CQC provider.
    #[arg(long)]
    pub provider: Option<String>,
    /// Only locations with this specialism.
    #[arg(long)]
    pub specialism: Option<String>,
    /// Text to find in the name, provider, postcode or ID.
    #[arg(long)]
    pub search: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Html,
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A council name as CQC writes it, or ALL.
    #[arg(long)]
    pub la: String,
    /// The assessment date, YYYY-MM-DD. Default: the council's own as_at.
    #[arg(long)]
    pub as_at: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Compute straight from a bundle folder, without a database.
    #[arg(long)]
    pub bundle: Option<PathBuf>,
    /// A scoring rubric (TOML) to use instead of the default.
    #[arg(long)]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Demo,
    National,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[arg(long, value_enum)]
    pub profile: ProfileArg,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Size relative to the real thing (national: 1 ≈ 30,000 locations and 1.5 million people).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// The folder to write the bundle to.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Default 127.0.0.1:8080.
    #[arg(long, env = "CONTINUUM_LISTEN")]
    pub listen: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on. Default 127.0.0.1:8080.
    #[arg(long, env = "CONTINUUM_LISTEN")]
    pub listen: Option<String>,
    /// Load the demo and stop, without serving (for scripts and tests).
    #[arg(long)]
    pub no_serve: bool,
    /// Delete the demo database first and build it again.
    #[arg(long)]
    pub reset: bool,
}
