//! Users and roles: an admin lists, creates and changes the users of their
//! council (and provider users), and sets passwords. Every change is written
//! to the audit log, naming the fields changed but not their values.

mod form;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use continuum_domain::{AuditAction, Role, User, UserId};
use serde::Deserialize;

use super::{Chrome, render};
use crate::audit;
use crate::auth::can::ManageUsers;
use crate::auth::{Can, password};
use crate::error::AppError;
use crate::state::AppState;
use form::{UserForm, changed_fields, err, form_page, parse};

/// The user routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list))
        .route("/users/new", get(new_form).post(create))
        .route("/users/{id}", get(edit_form).post(update))
        .route("/users/{id}/password", post(set_password))
}

/// Whether an admin may manage a user: their own council's staff and
/// provider users; an admin without a council manages everyone.
pub fn manages(admin: &User, u: &User) -> bool {
    admin.la.is_none() || u.la == admin.la || u.role == Role::ProviderUser
}

#[derive(Template)]
#[template(path = "users.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Vec<String>>,
}

/// `GET /users`.
pub async fn list(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
) -> Result<Response, AppError> {
    let rows = state
        .store
        .users()
        .await?
        .into_iter()
        .filter(|u| manages(can.user(), u))
        .map(|u| {
            vec![
                u.user_id.to_string(),
                u.username.clone(),
                u.display_name.clone(),
                u.role.label().to_string(),
                u.la.as_ref()
                    .map(ToString::to_string)
                    .or_else(|| u.provider_id.as_ref().map(|p| format!("Provider {p}")))
                    .unwrap_or_default(),
                if u.active {
                    "Active".into()
                } else {
                    "Deactivated".into()
                },
            ]
        })
        .collect();
    render(&ListPage {
        chrome: Chrome::new(can.signed(), "Users", "/users"),
        rows,
    })
}

/// `GET /users/new`.
pub async fn new_form(can: Can<ManageUsers>) -> Result<Response, AppError> {
    form_page(
        &can,
        true,
        "/users/new".into(),
        UserForm::default(),
        Vec::new(),
    )
}

/// `POST /users/new`.
pub async fn create(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    let id = UserId::parse(&format!("u-{}", crate::auth::session::random_hex(8)?))
        .map_err(AppError::internal)?;
    let user = match parse(&state, &can, &f, id, true).await? {
        Ok(u) => u,
        Err(errors) => return form_page(&can, true, "/users/new".into(), f, errors),
    };
    let hash = password::hash_async(f.password.clone()).await?;
    match state.store.create_user(&user, &hash).await {
        Err(continuum_store::StoreError::Conflict(_)) => {
            return form_page(
                &can,
                true,
                "/users/new".into(),
                f,
                vec![err("username", "That username is taken; choose another")],
            );
        }
        other => other?,
    }
    audit::record(
        &state,
        can.user(),
        AuditAction::ChangeUser,
        "user",
        Some(user.user_id.as_str()),
        "created",
    )
    .await?;
    Ok(Redirect::to("/users").into_response())
}

async fn managed(state: &AppState, can: &Can<ManageUsers>, id: &str) -> Result<User, AppError> {
    let id = UserId::parse(id).map_err(|_| AppError::NotFound)?;
    state
        .store
        .user(&id)
        .await?
        .filter(|u| manages(can.user(), u))
        .ok_or(AppError::NotFound)
}

/// `GET /users/{id}`.
pub async fn edit_form(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let u = managed(&state, &can, &id).await?;
    let f = UserForm {
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.as_str().into(),
        council: u.la.as_ref().map(ToString::to_string).unwrap_or_default(),
        provider_id: u
            .provider_id
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        password: String::new(),
        active: u.active.then(|| "yes".into()),
    };
    form_page(&can, false, format!("/users/{}", u.user_id), f, Vec::new())
}

/// `POST /users/{id}`.
pub async fn update(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
    Path(id): Path<String>,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    let old = managed(&state, &can, &id).await?;
    let action = format!("/users/{}", old.user_id);
    let user = match parse(&state, &can, &f, old.user_id.clone(), false).await? {
        Ok(u) => u,
        Err(errors) => return form_page(&can, false, action, f, errors),
    };
    if old.user_id == can.user().user_id && (user.role != Role::Admin || !user.active) {
        return form_page(
            &can,
            false,
            action,
            f,
            vec![err(
                "role-admin",
                "You cannot remove your own administrator role or deactivate yourself",
            )],
        );
    }
    match state.store.update_user(&user).await {
        Err(continuum_store::StoreError::Conflict(_)) => {
            return form_page(
                &can,
                false,
                action,
                f,
                vec![err("username", "That username is taken; choose another")],
            );
        }
        other => other?,
    }
    state.sessions.forget_user(&user.user_id);
    let changed = changed_fields(&old, &user);
    audit::record(
        &state,
        can.user(),
        AuditAction::ChangeUser,
        "user",
        Some(user.user_id.as_str()),
        &changed,
    )
    .await?;
    Ok(Redirect::to("/users").into_response())
}

/// The new password.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// `POST /users/{id}/password`.
pub async fn set_password(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
    Path(id): Path<String>,
    Form(p): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let u = managed(&state, &can, &id).await?;
    if p.password.chars().count() < password::MIN_LENGTH {
        return Err(AppError::BadRequest(
            "Enter a password of at least 10 characters".into(),
        ));
    }
    let hash = password::hash_async(p.password).await?;
    state.store.set_password(&u.user_id, &hash).await?;
    state.sessions.forget_user(&u.user_id);
    audit::record(
        &state,
        can.user(),
        AuditAction::ChangeUser,
        "user",
        Some(u.user_id.as_str()),
        "password set",
    )
    .await?;
    Ok(Redirect::to("/users").into_response())
}
