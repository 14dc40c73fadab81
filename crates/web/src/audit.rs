//! Writing the audit log: who, when, what — and nothing more.
//!
//! An entry holds the user's ID and role, the council, the action, the kind
//! and ID of the thing touched and a short note (a format, field names). It
//! never holds a name, a value from a record or anything else personal beyond
//! the pseudonymous ID the event is about.

use chrono::Utc;
use continuum_domain::{AuditAction, AuditEvent, User};

use crate::error::AppError;
use crate::state::AppState;

/// Appends one entry.
pub async fn record(
    state: &AppState,
    user: &User,
    action: AuditAction,
    subject_kind: &str,
    subject_id: Option<&str>,
    detail: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&AuditEvent {
            at: Utc::now(),
            user_id: user.user_id.clone(),
            role: user.role,
            la: user.la.clone(),
            action,
            subject_kind: subject_kind.to_string(),
            subject_id: subject_id.map(str::to_string),
            detail: detail.to_string(),
        })
        .await?;
    Ok(())
}
