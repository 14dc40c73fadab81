//! API tokens for machine clients: shown once, stored as a digest.

use chrono::Utc;
use continuum_domain::User;
use continuum_store::ApiToken;

use super::session::{digest, random_hex};
use crate::error::AppError;
use crate::state::AppState;

/// The prefix that makes a Continuum token recognisable in a secret scanner.
pub const PREFIX: &str = "ct_";

/// Makes a token for a user and returns it; only its digest is stored.
pub async fn create(state: &AppState, user: &User, label: &str) -> Result<String, AppError> {
    let token = format!("{PREFIX}{}", random_hex(32)?);
    state
        .store
        .create_api_token(&ApiToken {
            token_hash: digest(&token),
            user_id: user.user_id.clone(),
            label: label.to_string(),
            created_at: Utc::now(),
        })
        .await?;
    Ok(token)
}
