//! The pages: server-rendered HTML from askama templates, one module per page.
//!
//! Every page handler is thin: it takes the capability it needs (which
//! proves the right), asks the scope, the store or the pack cache, and renders
//! a template. The layout ([`Chrome`]) shows only the menu items the role may
//! use; hiding a link is a courtesy, the capability is the rule.

pub mod account;
pub mod audit;
pub mod benchmark;
pub mod evidence;
pub mod fmt;
pub mod home;
pub mod imports;
pub mod location;
pub mod pack_view;
pub mod person;
pub mod register;
pub mod sign_in;
pub mod users;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use continuum_domain::Permission;

use crate::auth::Signed;
use crate::error::AppError;
use crate::state::AppState;

/// The signed-in user as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBar {
    pub name: String,
    pub role: &'static str,
}

/// One menu item.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What the layout needs on every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub title: String,
    pub user: Option<UserBar>,
    pub council: Option<String>,
    pub nav: Vec<NavItem>,
    pub csrf: String,
    /// A version for asset addresses, so browsers may cache them for a year.
    pub assets: &'static str,
}

/// The menu: (address, label, the permission that makes it useful).
const MENU: [(&str, &str, Option<Permission>); 7] = [
    ("/", "Home", None),
    (
        "/locations",
        "Providers and locations",
        Some(Permission::ViewMarket),
    ),
    ("/evidence", "Evidence pack", Some(Permission::ViewEvidence)),
    (
        "/benchmarking",
        "Benchmarking",
        Some(Permission::ViewEvidence),
    ),
    ("/imports", "Imports", Some(Permission::ImportData)),
    ("/users", "Users", Some(Permission::ManageUsers)),
    ("/audit", "Audit log", Some(Permission::ViewAudit)),
];

impl Chrome {
    /// The layout for a signed-in page; `current` is the menu address to mark.
    pub fn new(signed: &Signed, title: impl Into<String>, current: &str) -> Self {
        let nav = MENU
            .iter()
            .filter(|(_, _, p)| p.is_none_or(|p| signed.has(p)))
            .map(|&(href, label, _)| NavItem {
                href,
                label,
                current: href == current,
            })
            .collect();
        Self {
            title: title.into(),
            user: Some(UserBar {
                name: signed.user.display_name.clone(),
                role: signed.user.role.label(),
            }),
            council: signed.user.la.as_ref().map(ToString::to_string),
            nav,
            csrf: signed.csrf.as_deref().unwrap_or_default().to_string(),
            assets: crate::assets::version(),
        }
    }

    /// The layout for a page outside a session (sign-in).
    pub fn public(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            user: None,
            council: None,
            nav: Vec::new(),
            csrf: String::new(),
            assets: crate::assets::version(),
        }
    }
}

/// Renders a page. Pages may hold personal data, so browsers must not keep
/// them.
pub fn render<T: Template>(page: &T) -> Result<Response, AppError> {
    let mut res = Html(page.render()?).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Every page route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/locations", get(register::page))
        .route("/locations/{id}", get(location::page))
        .route("/people/{id}", get(person::page))
        .route("/evidence", get(evidence::page))
        .route("/evidence/download", get(evidence::download))
        .route("/benchmarking", get(benchmark::page))
        .merge(imports::router())
        .merge(users::router())
        .route("/audit", get(audit::page))
        .route("/audit/export", get(audit::export))
        .route("/account", get(account::page_get))
        .route("/account/tokens", post(account::create_token))
        .route("/account/password", post(account::change_password))
}
