//! Your account: who you are, what your role allows, and API tokens for
//! machine clients (shown once, stored as a digest).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use continuum_domain::{Permission, Role};
use serde::Deserialize;

use super::{Chrome, render};
use crate::auth::{Signed, token};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    username: String,
    role: &'static str,
    scope: String,
    rights: Vec<&'static str>,
    new_token: Option<String>,
}

fn rights(signed: &Signed) -> Vec<&'static str> {
    use Permission as P;
    [
        (
            P::ViewMarket,
            "see providers, locations, capacity and contracts",
        ),
        (
            P::ViewPersonalRecords,
            "see people's records (every view is audited)",
        ),
        (P::EditPersonalRecords, "change people's records"),
        (P::ViewEvidence, "see the evidence pack and benchmarking"),
        (P::Export, "download reports and tables"),
        (P::ManageQuality, "manage quality work"),
        (P::SubmitReturns, "submit capacity and workforce returns"),
        (P::RaiseGaps, "raise gaps in services"),
        (P::ImportData, "import data"),
        (P::ManageUsers, "manage users"),
        (P::ViewAudit, "read and export the audit log"),
    ]
    .into_iter()
    .filter(|(p, _)| signed.has(*p))
    .map(|(_, t)| t)
    .collect()
}

fn page(signed: &Signed, new_token: Option<String>) -> Result<Response, AppError> {
    let u = &signed.user;
    let scope = match (&u.la, &u.provider_id) {
        (_, Some(p)) if u.role == Role::ProviderUser => {
            format!("the locations of CQC provider {p}")
        }
        (Some(la), _) => format!("{la}'s data"),
        _ => "no council's data".into(),
    };
    render(&AccountPage {
        chrome: Chrome::new(signed, "Your account", ""),
        username: u.username.clone(),
        role: u.role.label(),
        scope,
        rights: rights(signed),
        new_token,
    })
}

/// `GET /account`.
pub async fn page_get(signed: Signed) -> Result<Response, AppError> {
    page(&signed, None)
}

/// The token form.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    label: String,
}

/// `POST /account/tokens`: makes an API token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<TokenForm>,
) -> Result<Response, AppError> {
    let label: String = f.label.trim().chars().take(60).collect();
    let label = if label.is_empty() {
        "API token".to_string()
    } else {
        label
    };
    let t = token::create(&state, &signed.user, &label).await?;
    page(&signed, Some(t))
}
