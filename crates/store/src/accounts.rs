//! Account operations over a transaction: users, sign-in attempts, the audit log.

use chrono::{Duration, Utc};
use continuum_domain::{AuditEvent, User, UserId};

use crate::ops::{Filter, Tx};
use crate::schema::{AuditRow, UserRow};
use crate::{AuditQuery, SignInAttempt, StoreError, StoreResult};

/// How long sign-in attempts are kept: long enough for throttling, no longer.
const KEEP_ATTEMPTS: i64 = 7;

/// A user's row by one column.
pub async fn user_row<T: Tx>(
    tx: &mut T,
    column: &str,
    value: &str,
) -> StoreResult<Option<UserRow>> {
    Ok(tx
        .select::<UserRow>(&Filter::eq(column, value))
        .await?
        .into_iter()
        .next())
}

/// Adds a user, refusing a taken username or ID.
pub async fn create_user<T: Tx>(tx: &mut T, user: &User, password_hash: &str) -> StoreResult<()> {
    if user_row(tx, "username", &user.username).await?.is_some() {
        return Err(StoreError::Conflict(format!(
            "the username '{}' is taken",
            user.username
        )));
    }
    if user_row(tx, "user_id", user.user_id.as_str())
        .await?
        .is_some()
    {
        return Err(StoreError::Conflict(format!(
            "a user with ID {} exists",
            user.user_id
        )));
    }
    let row = UserRow {
        user: user.clone(),
        password_hash: password_hash.to_string(),
        created_at: Utc::now(),
    };
    tx.upsert(&[row], &|_| None).await?;
    Ok(())
}

/// Changes a user's details, keeping the password.
pub async fn update_user<T: Tx>(tx: &mut T, user: &User) -> StoreResult<()> {
    let mut row = user_row(tx, "user_id", user.user_id.as_str())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {}", user.user_id)))?;
    if let Some(other) = user_row(tx, "username", &user.username).await?
        && other.user.user_id != user.user_id
    {
        return Err(StoreError::Conflict(format!(
            "the username '{}' is taken",
            user.username
        )));
    }
    row.user = user.clone();
    tx.upsert(&[row], &|_| None).await?;
    Ok(())
}

/// Replaces a password hash.
pub async fn set_password<T: Tx>(tx: &mut T, id: &UserId, password_hash: &str) -> StoreResult<()> {
    let mut row = user_row(tx, "user_id", id.as_str())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {id}")))?;
    row.password_hash = password_hash.to_string();
    tx.upsert(&[row], &|_| None).await?;
    Ok(())
}

/// Every user, by username.
pub async fn users<T: Tx>(tx: &mut T) -> StoreResult<Vec<User>> {
    let rows: Vec<UserRow> = tx
        .select(&Filter::Where("1 = 1 order by username".into(), Vec::new()))
        .await?;
    Ok(rows.into_iter().map(|r| r.user).collect())
}

/// Records an attempt and forgets the user's attempts older than a week.
pub async fn record_sign_in<T: Tx>(tx: &mut T, attempt: &SignInAttempt) -> StoreResult<()> {
    let kept: Vec<SignInAttempt> = tx
        .select(&Filter::eq("username", &attempt.username))
        .await?;
    let cutoff = attempt.at - Duration::days(KEEP_ATTEMPTS);
    if kept.iter().any(|a| a.at < cutoff) {
        tx.delete::<SignInAttempt>(&Filter::eq("username", &attempt.username))
            .await?;
        let recent: Vec<SignInAttempt> = kept.into_iter().filter(|a| a.at >= cutoff).collect();
        tx.append(&recent).await?;
    }
    tx.append(std::slice::from_ref(attempt)).await?;
    Ok(())
}

/// Reads the audit log, newest first.
pub async fn audit_log<T: Tx>(tx: &mut T, q: &AuditQuery) -> StoreResult<Vec<AuditEvent>> {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    let mut add = |col: &str, v: &str| {
        params.push(v.to_string());
        clauses.push(format!("{col} = ${}", params.len()));
    };
    if let Some(u) = &q.user_id {
        add("user_id", u.as_str());
    }
    if let Some(k) = &q.subject_kind {
        add("subject_kind", k);
    }
    if let Some(s) = &q.subject_id {
        add("subject_id", s);
    }
    let mut clause = if clauses.is_empty() {
        "1 = 1".to_string()
    } else {
        clauses.join(" and ")
    };
    clause.push_str(" order by id desc");
    if let Some(l) = q.limit {
        clause.push_str(&format!(" limit {}", l.max(0)));
    }
    let rows: Vec<AuditRow> = tx.select(&Filter::Where(clause, params)).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
