//! `continuum serve`: the web app and JSON API on a database.

use anyhow::Context;

use super::open_store;
use crate::cli::ServeArgs;
use crate::config::Config;

pub async fn run(a: ServeArgs, cfg: &Config) -> anyhow::Result<()> {
    let store = open_store(&cfg.database).await?;
    let listen = a.listen.unwrap_or_else(|| cfg.listen.clone());
    serve(store, &listen).await
}

/// Binds the address and serves until Ctrl-C.
pub async fn serve(
    store: std::sync::Arc<dyn continuum_store::Store>,
    listen: &str,
) -> anyhow::Result<()> {
    serve_warm(store, listen, None).await
}

/// Serves, first computing one council's evidence pack in the background so
/// its first page is instant.
pub async fn serve_warm(
    store: std::sync::Arc<dyn continuum_store::Store>,
    listen: &str,
    warm: Option<continuum_domain::LaName>,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| crate::failure::BadInput(format!("cannot listen on {listen}: {e}")))?;
    let addr = listener
        .local_addr()
        .context("the listener has no address")?;
    println!("Continuum is running at http://{addr}/  (Ctrl-C to stop)");
    tracing::info!(%addr, "listening");
    let state = continuum_web::AppState::new(store);
    if let Some(la) = warm {
        state.warm_up(la);
    }
    let app = continuum_web::app(state);
    axum_serve(listener, app).await
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    app: continuum_web::Router,
) -> anyhow::Result<()> {
    continuum_web::serve(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("the web server stopped")
}
