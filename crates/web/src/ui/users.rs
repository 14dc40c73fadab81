//! Users and roles: an admin lists, creates and changes the users of their
//! council (and provider users), and sets passwords. Every change is written
//! to the audit log, naming the fields changed but not their values.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use continuum_domain::{AuditAction, LaName, ProviderId, Role, User, UserId};
use serde::Deserialize;

use super::sign_in::FieldError;
use super::{Chrome, render};
use crate::audit;
use crate::auth::can::ManageUsers;
use crate::auth::{Can, password};
use crate::error::AppError;
use crate::state::AppState;

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

/// The fields of the user form.
#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    council: String,
    #[serde(default)]
    provider_id: String,
    #[serde(default)]
    password: String,
    active: Option<String>,
}

/// A role choice.
#[derive(Debug, Clone)]
pub struct RoleOpt {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "user_form.html")]
struct FormPage {
    chrome: Chrome,
    new: bool,
    action: String,
    f: UserForm,
    roles: Vec<RoleOpt>,
    ask_council: bool,
    errors: Vec<FieldError>,
    active: bool,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

fn form_page(
    can: &Can<ManageUsers>,
    new: bool,
    action: String,
    f: UserForm,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let title = match (new, errors.is_empty()) {
        (true, true) => "Create a user",
        (true, false) => "Error: Create a user",
        (false, true) => "Change a user",
        (false, false) => "Error: Change a user",
    };
    let roles = Role::ALL
        .iter()
        .map(|r| RoleOpt {
            value: r.as_str(),
            label: r.label(),
            checked: r.as_str() == f.role,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = FormPage {
        chrome: Chrome::new(can.signed(), title, "/users"),
        new,
        action,
        active: new || f.active.is_some(),
        ask_council: can.user().la.is_none(),
        roles,
        f,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

fn err(field: &'static str, m: &str) -> FieldError {
    FieldError {
        field,
        message: m.to_string(),
    }
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

/// Checks the form into a user, or the errors, field by field.
async fn parse(
    state: &AppState,
    can: &Can<ManageUsers>,
    f: &UserForm,
    id: UserId,
    new: bool,
) -> Result<Result<User, Vec<FieldError>>, AppError> {
    let mut errors = Vec::new();
    let username = f.username.trim().to_lowercase();
    let ok_name = (3..=40).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok_name {
        errors.push(err(
            "username",
            "Enter a username of 3 to 40 letters, digits, dots, dashes or underscores",
        ));
    }
    let display_name = f.display_name.trim().to_string();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        errors.push(err(
            "display_name",
            "Enter the person's name, up to 100 characters",
        ));
    }
    let role: Option<Role> = f.role.parse().ok();
    if role.is_none() {
        errors.push(err("role-commissioner", "Select a role"));
    }
    let la = match can.user().la.clone() {
        Some(la) => Some(la),
        None => LaName::parse(f.council.trim()).ok(),
    };
    let provider = ProviderId::parse(f.provider_id.trim()).ok();
    if role == Some(Role::ProviderUser) {
        let known = match &provider {
            Some(p) => !crate::auth::DataScope::Provider(p.clone())
                .locations(state, &Default::default())
                .await?
                .is_empty(),
            None => false,
        };
        if !known {
            errors.push(err(
                "provider_id",
                "Enter the CQC provider ID of a provider in the register, like 1-101641521",
            ));
        }
    } else if role.is_some() && !matches!(&la, Some(l) if state.store.council_exists(l).await?) {
        errors.push(err(
            "council",
            "Enter the name of a council in the data, as CQC writes it",
        ));
    }
    if new && f.password.chars().count() < password::MIN_LENGTH {
        errors.push(err(
            "password",
            "Enter a password of at least 10 characters",
        ));
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    Ok(Ok(User {
        user_id: id,
        username,
        display_name,
        role,
        la: (role != Role::ProviderUser).then_some(la).flatten(),
        provider_id: (role == Role::ProviderUser).then_some(provider).flatten(),
        active: new || f.active.is_some(),
    }))
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

/// The names of the fields that differ, never their values.
fn changed_fields(a: &User, b: &User) -> String {
    let mut v = Vec::new();
    if a.username != b.username {
        v.push("username");
    }
    if a.display_name != b.display_name {
        v.push("display_name");
    }
    if a.role != b.role {
        v.push("role");
    }
    if a.la != b.la {
        v.push("council");
    }
    if a.provider_id != b.provider_id {
        v.push("provider_id");
    }
    if a.active != b.active {
        v.push("active");
    }
    if v.is_empty() {
        "no change".into()
    } else {
        format!("changed: {}", v.join(", "))
    }
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
