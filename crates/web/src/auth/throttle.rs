//! Sign-in throttling: after [`MAX_PER_USER`] failed sign-ins for one username
//! within [`WINDOW`], further attempts for that username are refused until the
//! window has passed; one client address gets [`MAX_PER_ADDRESS`] failures
//! across all usernames. Failures per username are kept in the store (so they
//! survive a restart and are shared by every server); per address, in memory.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Utc;
use continuum_store::SignInAttempt;

use crate::error::AppError;
use crate::state::AppState;

/// Failed sign-ins allowed per username within the window.
pub const MAX_PER_USER: usize = 5;
/// Failed sign-ins allowed per client address within the window.
pub const MAX_PER_ADDRESS: usize = 20;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Failures per client address.
#[derive(Debug, Default)]
pub struct Throttle {
    by_address: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

fn refused() -> AppError {
    AppError::Throttled(
        "There have been too many failed attempts to sign in. Wait 15 minutes, then try again."
            .into(),
    )
}

impl Throttle {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, VecDeque<Instant>>> {
        self.by_address
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn recent(&self, ip: IpAddr) -> usize {
        let mut g = self.lock();
        let q = g.entry(ip).or_default();
        while q.front().is_some_and(|t| t.elapsed() > WINDOW) {
            q.pop_front();
        }
        q.len()
    }

    fn fail(&self, ip: IpAddr) {
        let mut g = self.lock();
        if g.len() > 100_000 {
            g.clear();
        }
        g.entry(ip).or_default().push_back(Instant::now());
    }
}

/// Refuses a sign-in before the password is checked, when the username or
/// address has failed too often.
pub async fn check(state: &AppState, username: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
    if ip.is_some_and(|ip| state.throttle.recent(ip) >= MAX_PER_ADDRESS) {
        return Err(refused());
    }
    let window = chrono::Duration::from_std(WINDOW).map_err(AppError::internal)?;
    let mut attempts = state
        .store
        .sign_in_attempts(username, Utc::now() - window)
        .await?;
    attempts.sort_by_key(|a| a.at);
    let since_success = attempts.iter().rev().take_while(|a| !a.succeeded).count();
    if since_success >= MAX_PER_USER {
        return Err(refused());
    }
    Ok(())
}

/// Records the outcome of a sign-in.
pub async fn record(
    state: &AppState,
    username: &str,
    ip: Option<IpAddr>,
    succeeded: bool,
) -> Result<(), AppError> {
    if !succeeded && let Some(ip) = ip {
        state.throttle.fail(ip);
    }
    state
        .store
        .record_sign_in(&SignInAttempt {
            username: username.to_string(),
            at: Utc::now(),
            succeeded,
        })
        .await?;
    Ok(())
}
