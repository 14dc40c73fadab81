//! Signing in and out.

use std::net::{IpAddr, SocketAddr};

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use continuum_domain::{AuditAction, User};
use serde::Deserialize;

use super::{Chrome, render};
use crate::audit;
use crate::auth::session::{self, MaybeSigned, SIGN_IN_COOKIE, cookie, cookie_value, random_hex};
use crate::auth::{Signed, password, throttle};
use crate::error::AppError;
use crate::state::AppState;

/// The client's address, when the server knows it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

/// One error of a form: the field it belongs to and what to do.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    csrf: String,
    next: String,
    username: String,
    errors: Vec<FieldError>,
}

impl SignInPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Only addresses on this site may be returned to.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.into(),
        _ => "/".into(),
    }
}

#[derive(Debug, Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

fn page(csrf: String, next: String, username: String, errors: Vec<FieldError>) -> SignInPage {
    let title = if errors.is_empty() {
        "Sign in"
    } else {
        "Error: Sign in"
    };
    SignInPage {
        chrome: Chrome::public(title),
        csrf,
        next,
        username,
        errors,
    }
}

/// `GET /sign-in`.
pub async fn form(
    State(state): State<AppState>,
    MaybeSigned(signed): MaybeSigned,
    Query(q): Query<NextParam>,
) -> Result<Response, AppError> {
    let next = safe_next(q.next.as_deref());
    if signed.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let token = random_hex(32)?;
    let set = cookie(SIGN_IN_COOKIE, &token, state.config.secure_cookies, 3600);
    let mut res = render(&page(token, next, String::new(), Vec::new()))?;
    res.headers_mut()
        .insert(header::SET_COOKIE, set.parse().map_err(AppError::internal)?);
    Ok(res)
}

/// The sign-in form's fields.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

fn again(
    headers: &HeaderMap,
    f: &SignInForm,
    status: StatusCode,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let csrf = cookie_value(headers, SIGN_IN_COOKIE)
        .unwrap_or_default()
        .to_string();
    let p = page(
        csrf,
        safe_next(f.next.as_deref()),
        f.username.trim().to_string(),
        errors,
    );
    Ok((status, render(&p)?).into_response())
}

fn err(field: &'static str, message: &str) -> Vec<FieldError> {
    vec![FieldError {
        field,
        message: message.to_string(),
    }]
}

/// `POST /sign-in`.
pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Result<Response, AppError> {
    let username = f.username.trim().to_lowercase();
    let mut errors = Vec::new();
    if username.is_empty() {
        errors.extend(err("username", "Enter your username"));
    }
    if f.password.is_empty() {
        errors.extend(err("password", "Enter your password"));
    }
    if !errors.is_empty() {
        return again(&headers, &f, StatusCode::BAD_REQUEST, errors);
    }
    if let Err(AppError::Throttled(m)) = throttle::check(&state, &username, ip).await {
        return again(
            &headers,
            &f,
            StatusCode::TOO_MANY_REQUESTS,
            err("username", &m),
        );
    }
    let found = state.store.user_by_username(&username).await?;
    let (user, hash) = match found {
        Some((u, h)) if u.active => (Some(u), Some(h)),
        _ => (None, None),
    };
    let ok = password::verify_async(f.password.clone(), hash).await?;
    throttle::record(&state, &username, ip, ok).await?;
    match user {
        Some(user) if ok => signed_in(&state, &user, &f).await,
        other => {
            if let Some(u) = other {
                audit::record(
                    &state,
                    &u,
                    AuditAction::SignInFailed,
                    "user",
                    Some(u.user_id.as_str()),
                    "wrong password",
                )
                .await?;
            }
            let m = "The username or password is not right. Check them and try again.";
            again(&headers, &f, StatusCode::UNAUTHORIZED, err("username", m))
        }
    }
}

async fn signed_in(state: &AppState, user: &User, f: &SignInForm) -> Result<Response, AppError> {
    audit::record(
        state,
        user,
        AuditAction::SignIn,
        "user",
        Some(user.user_id.as_str()),
        "",
    )
    .await?;
    let set = session::start(state, user).await?;
    let clear = cookie(SIGN_IN_COOKIE, "", state.config.secure_cookies, 0);
    let mut res = Redirect::to(&safe_next(f.next.as_deref())).into_response();
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, set.parse().map_err(AppError::internal)?);
    h.append(
        header::SET_COOKIE,
        clear.parse().map_err(AppError::internal)?,
    );
    Ok(res)
}

/// `POST /sign-out`.
pub async fn sign_out(State(state): State<AppState>, signed: Signed) -> Result<Response, AppError> {
    audit::record(
        &state,
        &signed.user,
        AuditAction::SignOut,
        "user",
        Some(signed.user.user_id.as_str()),
        "",
    )
    .await?;
    let clear = session::end(&state, &signed).await?;
    let mut res = Redirect::to("/sign-in").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        clear.parse().map_err(AppError::internal)?,
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_addresses_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/locations?q=a")), "/locations?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
