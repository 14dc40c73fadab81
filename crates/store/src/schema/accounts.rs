//! Records for accounts, sessions, the import log and the audit log.

use chrono::{DateTime, Utc};
use continuum_domain::{AuditEvent, User};

use super::ColType::{Bool as B, Int as I, Text as T, Timestamp as TS};
use super::{Cells, DecodeError, Record, RowReader, Table, Tenant, Value, col};
use crate::{ApiToken, ImportRecord, Session, SignInAttempt};

macro_rules! table {
    ($name:literal, key [$($k:literal),*], [$($c:literal : $t:ident),+ $(,)?]) => {
        &Table { name: $name, columns: &[$(col($c, $t)),+], key: &[$($k),*], tenant: Tenant::Own }
    };
}

fn s(v: &str) -> Value<'_> {
    Value::text(v)
}

/// A user with the password hash the store keeps beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub user: User,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

impl Record for UserRow {
    const TABLE: &'static Table = table!("users", key ["user_id"], [
        "user_id": T, "username": T, "display_name": T, "role": T, "la": T, "provider_id": T,
        "password_hash": T, "active": B, "created_at": TS,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let u = &self.user;
        out.extend([
            s(u.user_id.as_str()),
            s(&u.username),
            s(&u.display_name),
            s(u.role.as_str()),
            Value::opt_text(u.la.as_ref().map(|l| l.as_str())),
            Value::opt_text(u.provider_id.as_ref().map(|p| p.as_str())),
            s(&self.password_hash),
            Value::Bool(u.active),
            Value::Timestamp(self.created_at),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        let user = User {
            user_id: r.parse()?,
            username: r.text()?,
            display_name: r.text()?,
            role: r.parse()?,
            la: r.opt_parse()?,
            provider_id: r.opt_parse()?,
            active: false,
        };
        let password_hash = r.text()?;
        let active = r.bool()?;
        Ok(Self {
            user: User { active, ..user },
            password_hash,
            created_at: r.timestamp()?,
        })
    }
}

impl Record for Session {
    const TABLE: &'static Table = table!("sessions", key ["token_hash"], [
        "token_hash": T, "user_id": T, "csrf_token": T, "created_at": TS, "expires_at": TS,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.token_hash),
            s(self.user_id.as_str()),
            s(&self.csrf_token),
            Value::Timestamp(self.created_at),
            Value::Timestamp(self.expires_at),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            token_hash: r.text()?,
            user_id: r.parse()?,
            csrf_token: r.text()?,
            created_at: r.timestamp()?,
            expires_at: r.timestamp()?,
        })
    }
}

impl Record for ApiToken {
    const TABLE: &'static Table = table!("api_tokens", key ["token_hash"], [
        "token_hash": T, "user_id": T, "label": T, "created_at": TS,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.token_hash),
            s(self.user_id.as_str()),
            s(&self.label),
            Value::Timestamp(self.created_at),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            token_hash: r.text()?,
            user_id: r.parse()?,
            label: r.text()?,
            created_at: r.timestamp()?,
        })
    }
}

impl Record for SignInAttempt {
    const TABLE: &'static Table =
        table!("sign_in_attempts", key [], ["username": T, "at": TS, "succeeded": B]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.username),
            Value::Timestamp(self.at),
            Value::Bool(self.succeeded),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            username: r.text()?,
            at: r.timestamp()?,
            succeeded: r.bool()?,
        })
    }
}

/// An [`AuditEvent`] as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow(pub AuditEvent);

impl Record for AuditRow {
    const TABLE: &'static Table = table!("audit_log", key [], [
        "at": TS, "user_id": T, "role": T, "la": T, "action": T, "subject_kind": T, "subject_id": T, "detail": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let e = &self.0;
        out.extend([
            Value::Timestamp(e.at),
            s(e.user_id.as_str()),
            s(e.role.as_str()),
            Value::opt_text(e.la.as_ref().map(|l| l.as_str())),
            s(e.action.as_str()),
            s(&e.subject_kind),
            Value::opt_text(e.subject_id.as_deref()),
            s(&e.detail),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self(AuditEvent {
            at: r.timestamp()?,
            user_id: r.parse()?,
            role: r.parse()?,
            la: r.opt_parse()?,
            action: r.parse()?,
            subject_kind: r.text()?,
            subject_id: r.opt_text()?,
            detail: r.opt_text()?.unwrap_or_default(),
        }))
    }
}

/// A line of the import log, as stored.
pub type ImportRow = ImportRecord;

impl Record for ImportRecord {
    const TABLE: &'static Table = table!("imports", key [], [
        "kind": T, "name": T, "digest": T, "at": TS, "rows_read": I, "rows_written": I,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.kind),
            s(&self.name),
            Value::opt_text(self.digest.as_deref()),
            Value::Timestamp(self.at),
            Value::Int(self.rows_read),
            Value::Int(self.rows_written),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            kind: r.text()?,
            name: r.text()?,
            digest: r.opt_text()?,
            at: r.timestamp()?,
            rows_read: r.int()?,
            rows_written: r.int()?,
        })
    }
}
