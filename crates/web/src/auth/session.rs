//! Sessions and the signed-in user.
//!
//! A session is 32 random bytes in an `HttpOnly`, `SameSite=Strict` cookie;
//! the store keeps only the token's SHA-256 digest, with a per-session
//! anti-forgery token. Machine clients send an API token instead
//! (`Authorization: Bearer …`), also stored as a digest. A resolved user is
//! kept in memory for a few seconds so that a page does not cost two database
//! reads before it starts; ending a session or changing a user drops it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use chrono::Utc;
use continuum_domain::{User, UserId};
use continuum_store::Session;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "continuum_session";
/// The anti-forgery cookie of the sign-in form, before there is a session.
pub const SIGN_IN_COOKIE: &str = "continuum_signin";
/// How long a resolved session is trusted without asking the store again.
const CACHE_FOR: Duration = Duration::from_secs(20);
/// The most cached sessions; beyond it the cache starts again.
const CACHE_MAX: usize = 10_000;

/// A signed-in user, from a session or an API token.
#[derive(Debug, Clone)]
pub struct Signed {
    pub user: Arc<User>,
    /// The session's anti-forgery token; none for API tokens.
    pub csrf: Option<Arc<str>>,
    /// The digest of the session token, to end the session.
    pub session: Option<Arc<str>>,
}

/// Random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|e| AppError::internal(anyhow::anyhow!("no randomness: {e}")))?;
    Ok(hex::encode(buf))
}

/// The SHA-256 digest of a token, as stored.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A cookie's value from the request headers.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Strict`, path `/`.
pub fn cookie(name: &str, value: &str, secure: bool, max_age_secs: i64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}")
}

#[derive(Debug, Clone)]
struct Cached {
    at: Instant,
    expires: chrono::DateTime<Utc>,
    signed: Signed,
}

/// Recently resolved sessions and tokens, by digest.
#[derive(Debug, Default)]
pub struct SessionCache {
    map: Mutex<HashMap<String, Cached>>,
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, key: &str) -> Option<Signed> {
        let g = self.lock();
        let c = g.get(key)?;
        (c.at.elapsed() < CACHE_FOR && c.expires > Utc::now()).then(|| c.signed.clone())
    }

    fn put(&self, key: String, expires: chrono::DateTime<Utc>, signed: Signed) {
        let mut g = self.lock();
        if g.len() >= CACHE_MAX {
            g.clear();
        }
        g.insert(
            key,
            Cached {
                at: Instant::now(),
                expires,
                signed,
            },
        );
    }

    /// Forgets one session or token.
    pub fn forget(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Forgets every cached session of a user, after their role or status
    /// changed.
    pub fn forget_user(&self, id: &UserId) {
        self.lock().retain(|_, c| &c.signed.user.user_id != id);
    }
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

async fn active_user(state: &AppState, id: &UserId) -> Result<Option<Arc<User>>, AppError> {
    Ok(state
        .store
        .user(id)
        .await?
        .filter(|u| u.active)
        .map(Arc::new))
}

async fn by_token(state: &AppState, token: &str) -> Result<Option<Signed>, AppError> {
    let key = format!("t:{}", digest(token));
    if let Some(s) = state.sessions.get(&key) {
        return Ok(Some(s));
    }
    let Some(t) = state.store.api_token(&key[2..]).await? else {
        return Ok(None);
    };
    let Some(user) = active_user(state, &t.user_id).await? else {
        return Ok(None);
    };
    let signed = Signed {
        user,
        csrf: None,
        session: None,
    };
    let forever = Utc::now() + chrono::Duration::days(3650);
    state.sessions.put(key, forever, signed.clone());
    Ok(Some(signed))
}

async fn by_session(state: &AppState, token: &str) -> Result<Option<Signed>, AppError> {
    let d = digest(token);
    let key = format!("s:{d}");
    if let Some(s) = state.sessions.get(&key) {
        return Ok(Some(s));
    }
    let Some(s) = state.store.session(&d).await? else {
        return Ok(None);
    };
    if s.expires_at <= Utc::now() {
        return Ok(None);
    }
    let Some(user) = active_user(state, &s.user_id).await? else {
        return Ok(None);
    };
    let signed = Signed {
        user,
        csrf: Some(Arc::from(s.csrf_token.as_str())),
        session: Some(Arc::from(d.as_str())),
    };
    state.sessions.put(key, s.expires_at, signed.clone());
    Ok(Some(signed))
}

/// Who is asking: a request with an `Authorization` header is judged by its
/// API token alone, so a machine client never rides on a browser session
/// (and a request without anti-forgery checks never carries one).
pub async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, AppError> {
    if headers.contains_key(header::AUTHORIZATION) {
        return match bearer(headers) {
            Some(t) => by_token(state, t).await,
            None => Ok(None),
        };
    }
    match cookie_value(headers, SESSION_COOKIE) {
        Some(t) if !t.is_empty() => by_session(state, t).await,
        _ => Ok(None),
    }
}

/// The resolved user, memoised in the request so several extractors share it.
#[derive(Debug, Clone)]
struct Resolved(Option<Signed>);

async fn resolve_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Signed>, AppError> {
    if let Some(Resolved(s)) = parts.extensions.get::<Resolved>() {
        return Ok(s.clone());
    }
    let s = resolve(state, &parts.headers).await?;
    parts.extensions.insert(Resolved(s.clone()));
    Ok(s)
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        resolve_parts(parts, state)
            .await?
            .ok_or(AppError::SignInRequired)
    }
}

/// The signed-in user when there is one (the sign-in page uses it).
#[derive(Debug, Clone)]
pub struct MaybeSigned(pub Option<Signed>);

impl FromRequestParts<AppState> for MaybeSigned {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(MaybeSigned(resolve_parts(parts, state).await?))
    }
}

/// Starts a session for a user; returns the `Set-Cookie` value.
pub async fn start(state: &AppState, user: &User) -> Result<String, AppError> {
    let token = random_hex(32)?;
    let now = Utc::now();
    let hours = state.config.session_hours;
    state
        .store
        .create_session(&Session {
            token_hash: digest(&token),
            user_id: user.user_id.clone(),
            csrf_token: random_hex(32)?,
            created_at: now,
            expires_at: now + chrono::Duration::hours(hours),
        })
        .await?;
    Ok(cookie(
        SESSION_COOKIE,
        &token,
        state.config.secure_cookies,
        hours * 3600,
    ))
}

/// Ends a session; returns the `Set-Cookie` value that clears the cookie.
pub async fn end(state: &AppState, signed: &Signed) -> Result<String, AppError> {
    if let Some(d) = &signed.session {
        state.store.delete_session(d).await?;
        state.sessions.forget(&format!("s:{d}"));
    }
    Ok(cookie(SESSION_COOKIE, "", state.config.secure_cookies, 0))
}
