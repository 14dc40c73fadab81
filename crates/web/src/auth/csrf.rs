//! Anti-forgery: one middleware checks every request that can change
//! something.
//!
//! Every form carries the session's token in a hidden `csrf_token` field
//! (file uploads carry it in the form's address, since their body is streamed
//! to disk rather than read here); scripts may send it as `X-CSRF-Token`. The
//! sign-in form, before there is a session, uses a random cookie and the same
//! value in the form. Requests with an API token carry no cookies, so a
//! browser cannot be tricked into sending them, and are not checked.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::{SIGN_IN_COOKIE, bearer, cookie_value, resolve};
use crate::error::AppError;
use crate::state::AppState;

/// The form field (and query parameter) holding the token.
pub const FIELD: &str = "csrf_token";
/// The header scripts may use instead.
pub const HEADER: &str = "x-csrf-token";
/// The largest form body read for its token.
const MAX_FORM: usize = 256 * 1024;

/// Constant-time equality, so the token cannot be guessed byte by byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn field(pairs: &[u8]) -> Option<String> {
    form_urlencoded::parse(pairs)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned())
}

/// The middleware.
pub async fn require_csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match check(&state, req).await {
        Ok(req) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn check(state: &AppState, req: Request) -> Result<Request, AppError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || bearer(req.headers()).is_some()
    {
        return Ok(req);
    }
    let expected: String = match resolve(state, req.headers()).await? {
        Some(s) => s
            .csrf
            .as_deref()
            .map(str::to_string)
            .ok_or(AppError::Csrf)?,
        None => cookie_value(req.headers(), SIGN_IN_COOKIE)
            .filter(|v| !v.is_empty())
            .ok_or(AppError::Csrf)?
            .to_string(),
    };
    let from_header = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let from_query = req.uri().query().and_then(|q| field(q.as_bytes()));
    if let Some(given) = from_header.or(from_query) {
        return if same(&given, &expected) {
            Ok(req)
        } else {
            Err(AppError::Csrf)
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Csrf);
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM)
        .await
        .map_err(|_| AppError::BadRequest("the form is too large".into()))?;
    match field(&bytes) {
        Some(given) if same(&given, &expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::Csrf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_by_value_and_length() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert_eq!(field(b"a=1&csrf_token=x%2By"), Some("x+y".into()));
    }
}
