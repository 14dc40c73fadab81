//! The audit log in the app: admins read it, filter it and export it. The
//! export is itself written to the log.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use continuum_domain::{AuditAction, AuditEvent, UserId};
use continuum_store::AuditQuery;
use serde::Deserialize;

use super::evidence::Download;
use super::location::Cells;
use super::{Chrome, render, url_encode};
use crate::audit;
use crate::auth::Can;
use crate::auth::can::ViewAudit;
use crate::error::AppError;
use crate::state::AppState;

/// Entries a page shows.
const SHOWN: i64 = 500;

/// The log's filters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// A user ID.
    pub user: Option<String>,
    /// What kind of thing: `person`, `location_placements`, `evidence_pack`, `user`…
    pub kind: Option<String>,
    /// Its ID.
    pub subject: Option<String>,
}

impl AuditParams {
    /// The store's query.
    pub fn query(&self, limit: Option<i64>) -> AuditQuery {
        let f = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        AuditQuery {
            user_id: f(&self.user).and_then(|u| UserId::parse(&u).ok()),
            subject_kind: f(&self.kind),
            subject_id: f(&self.subject),
            limit,
        }
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    user: String,
    kind: String,
    subject: String,
    rows: Vec<Cells>,
    export: String,
    caption: String,
}

/// Usernames by ID, to show who.
async fn names(state: &AppState) -> Result<HashMap<UserId, String>, AppError> {
    Ok(state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.user_id, u.username))
        .collect())
}

fn cells(e: &AuditEvent, names: &HashMap<UserId, String>) -> Cells {
    vec![
        e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        names
            .get(&e.user_id)
            .map_or_else(|| e.user_id.to_string(), |n| format!("{n} ({})", e.user_id)),
        e.role.label().to_string(),
        e.la.as_ref().map(ToString::to_string).unwrap_or_default(),
        e.action.as_str().to_string(),
        e.subject_kind.clone(),
        e.subject_id.clone().unwrap_or_default(),
        e.detail.clone(),
    ]
}

/// `GET /audit`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewAudit>,
    Query(p): Query<AuditParams>,
) -> Result<Response, AppError> {
    let events = state.store.audit_log(&p.query(Some(SHOWN))).await?;
    let names = names(&state).await?;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let export = format!(
        "/audit/export?user={}&kind={}&subject={}",
        url_encode(&v(&p.user)),
        url_encode(&v(&p.kind)),
        url_encode(&v(&p.subject))
    );
    render(&AuditPage {
        chrome: Chrome::new(can.signed(), "Audit log", "/audit"),
        user: v(&p.user),
        kind: v(&p.kind),
        subject: v(&p.subject),
        rows: events.iter().map(|e| cells(e, &names)).collect(),
        export,
        caption: format!("The latest {SHOWN} matching entries, newest first"),
    })
}

/// The log as CSV.
pub fn to_csv(events: &[AuditEvent]) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "at",
        "user_id",
        "role",
        "la",
        "action",
        "subject_kind",
        "subject_id",
        "detail",
    ])
    .map_err(AppError::internal)?;
    for e in events {
        w.write_record([
            e.at.to_rfc3339().as_str(),
            e.user_id.as_str(),
            e.role.as_str(),
            e.la.as_ref().map_or("", |l| l.as_str()),
            e.action.as_str(),
            &e.subject_kind,
            e.subject_id.as_deref().unwrap_or_default(),
            &e.detail,
        ])
        .map_err(AppError::internal)?;
    }
    w.into_inner().map_err(AppError::internal)
}

/// `GET /audit/export`: every matching entry as CSV.
pub async fn export(
    State(state): State<AppState>,
    can: Can<ViewAudit>,
    Query(p): Query<AuditParams>,
) -> Result<Response, AppError> {
    let events = state.store.audit_log(&p.query(None)).await?;
    let bytes = to_csv(&events)?;
    audit::record(
        &state,
        can.user(),
        AuditAction::Export,
        "audit_log",
        None,
        &format!("csv, {} entries", events.len()),
    )
    .await?;
    Ok(Download {
        bytes,
        content_type: "text/csv; charset=utf-8",
        file_name: format!("audit-log-{}.csv", chrono::Utc::now().format("%Y-%m-%d")),
    }
    .into_response())
}
