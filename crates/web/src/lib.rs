//! The Continuum web app and JSON API.
//!
//! An axum server with server-rendered pages (askama templates, our own CSS
//! following the GOV.UK Design System's patterns, a little JavaScript for
//! progressive enhancement) and a JSON API under `/api/v1`, described by an
//! OpenAPI document generated from the code.
//!
//! | module | what |
//! |---|---|
//! | [`auth`] | sessions, API tokens, capabilities, data scopes, anti-forgery, throttling |
//! | [`ui`] | the pages, one module each |
//! | [`api`] | the JSON API and its OpenAPI document |
//! | [`views`] | what a page and the API both show (the register, a location) |
//! | [`cache`] | computed evidence packs and council datasets |
//! | [`error`] | the error policy, written once |
//! | [`audit`] | writing the audit log |
//! | [`demo`] | demo users for `continuum demo` |

pub mod api;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod demo;
pub mod error;
pub mod state;
pub mod ui;
pub mod views;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use axum::Router;
pub use demo::{DemoLogin, ensure_demo_users};
pub use state::{AppState, Config};

/// The Content Security Policy: our own files only, no inline script.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
    script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// The largest request body outside the upload route.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The whole app: pages, API, assets and the health check.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi.to_pretty_json().unwrap_or_else(|_| "{}".into()));
    Router::new()
        .merge(ui::router())
        .nest("/api/v1", api)
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        doc.as_str().to_owned(),
                    )
                }
            }),
        )
        .route("/healthz", get(health))
        .route("/assets/{name}", get(assets::serve))
        .fallback(error::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::csrf::require_csrf,
        ))
        .layer(middleware::from_fn(error::html_errors))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        .with_state(state)
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Serves an app until `shutdown` completes. Client addresses are kept for
/// sign-in throttling.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// `GET /healthz`: the app is up and which backend it uses.
async fn health(State(s): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok", "backend": s.store.backend().to_string()}))
}
