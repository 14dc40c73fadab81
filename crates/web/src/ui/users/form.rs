//! The user form: its fields, how they are checked, and the page.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use continuum_domain::{LaName, ProviderId, Role, User, UserId};
use serde::Deserialize;

use crate::auth::can::ManageUsers;
use crate::auth::{Can, password};
use crate::error::AppError;
use crate::state::AppState;
use crate::ui::sign_in::FieldError;
use crate::ui::{Chrome, render};

/// The fields of the user form.
#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub council: String,
    #[serde(default)]
    pub provider_id: String,
    #[serde(default)]
    pub password: String,
    pub active: Option<String>,
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
pub struct FormPage {
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

pub fn form_page(
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

pub fn err(field: &'static str, m: &str) -> FieldError {
    FieldError {
        field,
        message: m.to_string(),
    }
}

/// Checks the form into a user, or the errors, field by field.
pub async fn parse(
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

/// The names of the fields that differ, never their values.
pub fn changed_fields(a: &User, b: &User) -> String {
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
