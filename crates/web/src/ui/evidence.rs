//! The evidence pack in the browser, for any as-at date, and its downloads:
//! printable HTML, XLSX, CSV (the long table) and JSON. Every download is
//! written to the audit log.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use continuum_domain::{AuditAction, Date, LaName, parse_date};
use serde::Deserialize;

use super::sign_in::FieldError;
use super::{Chrome, render, url_encode};
use crate::audit;
use crate::auth::Can;
use crate::auth::can::{Export, ViewEvidence};
use crate::cache::PackEntry;
use crate::error::AppError;
use crate::state::AppState;

/// The as-at date asked for, and a download format.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PackParams {
    /// The assessment date, YYYY-MM-DD. Default: the council's own.
    pub as_at: Option<String>,
    /// For downloads: `html`, `xlsx`, `csv` or `json`.
    pub format: Option<String>,
}

/// Parses an as-at date: empty is the default; the engine needs a date from
/// 2000 to a year ahead.
pub fn parse_as_at(s: Option<&str>) -> Result<Option<Date>, String> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let d = parse_date(s)
        .map_err(|_| "Enter the as-at date as a real date, for example 2025-03-31".to_string())?;
    let latest = chrono::Utc::now().date_naive() + chrono::Duration::days(366);
    let earliest = Date::from_ymd_opt(2000, 1, 1).unwrap_or(Date::MIN);
    if d < earliest || d > latest {
        return Err("The as-at date must be between 1 January 2000 and a year from today".into());
    }
    Ok(Some(d))
}

/// The council of a user who may see evidence.
pub fn council(can: &Can<ViewEvidence>) -> Result<LaName, AppError> {
    can.scope().council().cloned().ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "evidence.html")]
struct EvidencePage {
    chrome: Chrome,
    council: String,
    as_at: String,
    as_at_words: String,
    errors: Vec<FieldError>,
    downloads: Vec<(String, &'static str)>,
    body: Arc<str>,
}

/// `GET /evidence`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewEvidence>,
    Query(q): Query<PackParams>,
) -> Result<Response, AppError> {
    let la = council(&can)?;
    let (date, errors) = match parse_as_at(q.as_at.as_deref()) {
        Ok(d) => (d, Vec::new()),
        Err(m) => (
            None,
            vec![FieldError {
                field: "as_at",
                message: m,
            }],
        ),
    };
    let entry = state.cache.pack(state.store.as_ref(), &la, date).await?;
    let as_at = entry.pack.as_at.to_string();
    let downloads = match can.signed().can::<Export>() {
        Some(_) => ["html", "xlsx", "csv", "json"]
            .into_iter()
            .map(|f| {
                (
                    format!("/evidence/download?format={f}&as_at={}", url_encode(&as_at)),
                    label(f),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let title = if errors.is_empty() {
        "Evidence pack"
    } else {
        "Error: Evidence pack"
    };
    let page = EvidencePage {
        chrome: Chrome::new(can.signed(), title, "/evidence"),
        council: la.to_string(),
        as_at_words: super::fmt::date(entry.pack.as_at),
        as_at,
        errors,
        downloads,
        body: entry.body()?,
    };
    render(&page)
}

fn label(format: &str) -> &'static str {
    match format {
        "html" => "Printable page (HTML)",
        "xlsx" => "Workbook (XLSX)",
        "csv" => "Every figure (CSV)",
        _ => "Data (JSON)",
    }
}

/// A file to download.
#[derive(Debug)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub file_name: String,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let mut res = self.bytes.into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"{}\"", self.file_name))
        {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        res
    }
}

/// Writes a pack in a format, off the async threads.
pub async fn write(entry: Arc<PackEntry>, format: &str) -> Result<Download, AppError> {
    let slug: String = entry
        .pack
        .la
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let as_at = entry.pack.as_at;
    let file = |ext: &str| format!("evidence-pack-{slug}-{as_at}.{ext}");
    let (content_type, ext): (&'static str, &str) = match format {
        "html" => ("text/html; charset=utf-8", "html"),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        "csv" => ("text/csv; charset=utf-8", "csv"),
        "json" => ("application/json", "json"),
        other => {
            return Err(AppError::BadRequest(format!(
                "format: '{other}' is not one of html, xlsx, csv, json"
            )));
        }
    };
    let fmt = format.to_string();
    let bytes = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, AppError> {
        let packs = std::slice::from_ref(&entry.pack);
        Ok(match fmt.as_str() {
            "html" => continuum_report::pack_html(&entry.pack)
                .map_err(AppError::internal)?
                .into_bytes(),
            "xlsx" => continuum_report::xlsx::workbook(packs).map_err(AppError::internal)?,
            "csv" => {
                let mut out = Vec::new();
                continuum_report::csv::write_long_table(packs, &mut out)
                    .map_err(AppError::internal)?;
                out
            }
            _ => serde_json::to_vec_pretty(&entry.pack).map_err(AppError::internal)?,
        })
    })
    .await
    .map_err(AppError::internal)??;
    Ok(Download {
        bytes,
        content_type,
        file_name: file(ext),
    })
}

/// `GET /evidence/download?format=…&as_at=…`: needs the evidence and the
/// right to export.
pub async fn download(
    State(state): State<AppState>,
    can: Can<ViewEvidence>,
    export: Can<Export>,
    Query(q): Query<PackParams>,
) -> Result<Response, AppError> {
    let la = council(&can)?;
    let date = parse_as_at(q.as_at.as_deref()).map_err(AppError::BadRequest)?;
    let format = q.format.as_deref().unwrap_or("html").to_string();
    let entry = state.cache.pack(state.store.as_ref(), &la, date).await?;
    let detail = format!("{format}, as at {}", entry.pack.as_at);
    let file = write(entry, &format).await?;
    audit::record(
        &state,
        export.user(),
        AuditAction::Export,
        "evidence_pack",
        Some(la.as_str()),
        &detail,
    )
    .await?;
    Ok(file.into_response())
}
