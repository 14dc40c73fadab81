//! `continuum`: the one binary. Imports and exports data, writes reports,
//! generates synthetic bundles, and serves the web app.
//!
//! Exit codes: 0 success; 2 bad input (a file, a value, a URL or an argument the
//! user can fix); 1 anything else.

mod cli;
mod commands;
mod config;
mod failure;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: reading a council from the
/// database allocates and frees millions of small cells across the database
/// driver's thread and ours, where glibc's allocator spent a fifth of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let cfg = match config::Config::load(&cli.global) {
        Ok(c) => c,
        Err(e) => return failure::report(&e),
    };
    init_tracing(&cfg);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return failure::report(
                &anyhow::Error::new(e).context("cannot start the async runtime"),
            );
        }
    };
    match runtime.block_on(commands::run(cli.command, cfg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failure::report(&e),
    }
}

/// Logs go to stderr as text (or JSON with `log_format = "json"`), filtered by
/// `RUST_LOG` or the configured level, in colour only on a terminal (a log
/// file or a pipe gets plain text). Nothing personal is ever logged: log
/// lines carry counts, durations and IDs of tables, never a person's record.
fn init_tracing(cfg: &config::Config) {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&cfg.log_level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    if cfg.log_format == "json" {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}
