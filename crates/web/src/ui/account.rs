//! Your account: who you are, what your role allows, your password, and
//! API tokens for machine clients (shown once, stored as a digest).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use continuum_domain::{AuditAction, Permission, Role};
use serde::Deserialize;

use super::sign_in::FieldError;
use super::{Chrome, render};
use crate::audit;
use crate::auth::{Signed, password, token};
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
    errors: Vec<FieldError>,
    password_changed: bool,
}

impl AccountPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// What the page shows besides the account.
#[derive(Debug, Default)]
struct Notice {
    new_token: Option<String>,
    errors: Vec<FieldError>,
    password_changed: bool,
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

fn page(signed: &Signed, notice: Notice) -> Result<Response, AppError> {
    let u = &signed.user;
    let scope = match (&u.la, &u.provider_id) {
        (_, Some(p)) if u.role == Role::ProviderUser => {
            format!("the locations of CQC provider {p}")
        }
        (Some(la), _) => format!("{la}'s data"),
        _ => "no council's data".into(),
    };
    let title = if notice.errors.is_empty() {
        "Your account"
    } else {
        "Error: Your account"
    };
    let status = if notice.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = AccountPage {
        chrome: Chrome::new(signed, title, ""),
        username: u.username.clone(),
        role: u.role.label(),
        scope,
        rights: rights(signed),
        new_token: notice.new_token,
        errors: notice.errors,
        password_changed: notice.password_changed,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /account`.
pub async fn page_get(signed: Signed) -> Result<Response, AppError> {
    page(&signed, Notice::default())
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
    page(
        &signed,
        Notice {
            new_token: Some(t),
            ..Notice::default()
        },
    )
}

/// The password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /account/password`: changes your own password, given the current one.
pub async fn change_password(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let stored = state
        .store
        .user_by_username(&signed.user.username)
        .await?
        .map(|(_, h)| h);
    let mut errors = Vec::new();
    if !password::verify_async(f.current.clone(), stored).await? {
        errors.push(FieldError {
            field: "current",
            message: "Your current password is not right".into(),
        });
    }
    if f.new_password.chars().count() < password::MIN_LENGTH {
        errors.push(FieldError {
            field: "new_password",
            message: "Enter a new password of at least 10 characters".into(),
        });
    }
    if !errors.is_empty() {
        return page(
            &signed,
            Notice {
                errors,
                ..Notice::default()
            },
        );
    }
    let hash = password::hash_async(f.new_password).await?;
    state
        .store
        .set_password(&signed.user.user_id, &hash)
        .await?;
    audit::record(
        &state,
        &signed.user,
        AuditAction::ChangeUser,
        "user",
        Some(signed.user.user_id.as_str()),
        "own password changed",
    )
    .await?;
    page(
        &signed,
        Notice {
            password_changed: true,
            ..Notice::default()
        },
    )
}
