//! The error policy, written once.
//!
//! Every handler returns [`AppError`] for what went wrong. It becomes a JSON
//! body `{"error": "snake_code", "message": …}` with the right status; for
//! pages, [`html_errors`] turns that same response into the HTML error page
//! (or, when a sign-in is needed, a redirect to the sign-in page). A 5xx never
//! shows its cause: the cause is logged once, here, and the person sees a
//! plain apology.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Serialize;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session or token.
    #[error("sign in to continue")]
    SignInRequired,
    /// Signed in, but the role does not allow this.
    #[error("your role does not allow this")]
    Forbidden,
    /// Not there, or not in the caller's scope: the two are never told apart.
    #[error("page not found")]
    NotFound,
    /// A form or query that cannot be used; the message says why.
    #[error("{0}")]
    BadRequest(String),
    /// A form without the session's anti-forgery token.
    #[error(
        "the form has expired or did not come from this site; go back, reload the page and try again"
    )]
    Csrf,
    /// Too many failed sign-ins.
    #[error("{0}")]
    Throttled(String),
    /// The request clashes with what is stored (a taken username).
    #[error("{0}")]
    Conflict(String),
    /// A failure of ours. The cause is logged, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    /// Wraps any failure as an internal error.
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(e.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::SignInRequired => "sign_in_required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Csrf => "csrf_failed",
            AppError::Throttled(_) => "too_many_attempts",
            AppError::Conflict(_) => "conflict",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<continuum_store::StoreError> for AppError {
    fn from(e: continuum_store::StoreError) -> Self {
        match e {
            continuum_store::StoreError::NotFound(_) => AppError::NotFound,
            continuum_store::StoreError::Conflict(m) => AppError::Conflict(m),
            other => AppError::internal(other),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::internal(e)
    }
}

/// The JSON body of an error.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable snake_case code, such as `not_found`.
    pub error: String,
    /// A sentence for people.
    pub message: String,
}

/// Marks an error response so that [`html_errors`] can render it as a page.
#[derive(Debug, Clone)]
struct ErrorMark {
    code: &'static str,
    message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Internal(cause) = &self {
            // The one place a 5xx is logged. Causes never hold personal data:
            // store errors carry SQL and driver messages, not row values.
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        let message = match &self {
            AppError::Internal(_) => {
                "Sorry, something went wrong on our side. Try again later.".to_string()
            }
            other => sentence(&other.to_string()),
        };
        let code = self.code();
        let mut res = (
            status,
            Json(ErrorBody {
                error: code.into(),
                message: message.clone(),
            }),
        )
            .into_response();
        res.extensions_mut().insert(ErrorMark { code, message });
        res
    }
}

/// Starts a message with a capital letter.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The plain error page, outside the signed-in layout so it can never fail
/// for want of a session.
#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
    status: u16,
    assets: &'static str,
}

fn title_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        403 => "You cannot see this page",
        404 => "Page not found",
        429 => "Too many attempts",
        400 | 409 => "There is a problem",
        _ => "Sorry, there is a problem with the service",
    }
}

/// Middleware for pages (everything outside `/api/`): turns marked error
/// responses into HTML, and a missing sign-in into a redirect to the sign-in
/// page.
pub async fn html_errors(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let is_get = req.method() == axum::http::Method::GET;
    let res = next.run(req).await;
    let Some(mark) = res.extensions().get::<ErrorMark>().cloned() else {
        return res;
    };
    if mark.code == "sign_in_required" {
        let next = if is_get { path } else { "/".into() };
        let to = format!("/sign-in?next={}", crate::ui::url_encode(&next));
        return Redirect::to(&to).into_response();
    }
    let status = res.status();
    let page = ErrorPage {
        title: title_for(status),
        message: &mark.message,
        status: status.as_u16(),
        assets: crate::assets::version(),
    };
    let body = askama::Template::render(&page).unwrap_or_else(|_| mark.message.clone());
    let mut out = (status, Html(body)).into_response();
    out.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

/// The 404 for paths no route matches.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_never_shows_its_cause() {
        let res = AppError::internal(anyhow::anyhow!("disk full at /var/secret")).into_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let mark = res.extensions().get::<ErrorMark>().cloned();
        assert!(mark.is_some_and(|m| !m.message.contains("disk")));
    }
}
