//! The import pages: the upload form, and one job's progress, errors or
//! result.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use continuum_ingest::IngestErrors;

use super::jobs::{Stage, lock};
use super::read::Kind;
use crate::auth::Can;
use crate::auth::can::ImportData;
use crate::error::AppError;
use crate::state::AppState;
use crate::ui::fmt;
use crate::ui::location::Cells;
use crate::ui::sign_in::FieldError;
use crate::ui::{Chrome, render, url_encode};

/// A choice of kind.
#[derive(Debug, Clone)]
pub struct KindOpt {
    pub value: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct FormPage {
    chrome: Chrome,
    action: String,
    kinds: Vec<KindOpt>,
    errors: Vec<FieldError>,
    jobs: Vec<Cells>,
    log: Vec<Cells>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// `GET /imports`.
pub async fn form(
    State(state): State<AppState>,
    can: Can<ImportData>,
) -> Result<Response, AppError> {
    form_with_errors(&state, &can, None, &[]).await
}

/// The form, with the errors of a failed submission.
pub async fn form_with_errors(
    state: &AppState,
    can: &Can<ImportData>,
    kind: Option<Kind>,
    errors: &[(&'static str, &str)],
) -> Result<Response, AppError> {
    let jobs = state
        .jobs
        .of(&can.user().user_id)
        .iter()
        .map(|j| {
            let j = lock(j);
            vec![
                j.files.join(", "),
                j.kind.describe().0.to_string(),
                fmt::words(j.stage.name()),
                format!("/imports/{}", j.id),
            ]
        })
        .collect();
    let log = state
        .store
        .imports(20)
        .await?
        .iter()
        .map(|i| {
            vec![
                i.at.format("%-d %B %Y %H:%M").to_string(),
                i.kind.clone(),
                i.name.clone(),
                fmt::count(i.rows_read.max(0) as u64),
                fmt::count(i.rows_written.max(0) as u64),
            ]
        })
        .collect();
    let csrf = can.signed().csrf.as_deref().unwrap_or_default().to_string();
    let title = if errors.is_empty() {
        "Imports"
    } else {
        "Error: Imports"
    };
    let page = FormPage {
        chrome: Chrome::new(can.signed(), title, "/imports"),
        action: format!("/imports?csrf_token={}", url_encode(&csrf)),
        kinds: Kind::ALL
            .iter()
            .map(|k| {
                let (label, hint) = k.describe();
                KindOpt {
                    value: k.as_str(),
                    label,
                    hint,
                    checked: Some(*k) == kind,
                }
            })
            .collect(),
        errors: errors
            .iter()
            .map(|(f, m)| FieldError {
                field: f,
                message: (*m).to_string(),
            })
            .collect(),
        jobs,
        log,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok((status, render(&page)?).into_response())
}

/// One row-level error.
#[derive(Debug, Clone)]
pub struct ErrorRow {
    pub id: String,
    pub summary: String,
    pub file: String,
    pub position: String,
    pub column: String,
    pub value: String,
    pub message: String,
}

fn error_rows(errors: &IngestErrors, dir: Option<&std::path::Path>) -> Vec<ErrorRow> {
    errors
        .errors
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let file = dir
                .and_then(|d| e.file.strip_prefix(d).ok())
                .unwrap_or(&e.file)
                .display()
                .to_string();
            let position = e.at.to_string().trim_start_matches(", ").to_string();
            let mut summary = file.clone();
            if !position.is_empty() {
                summary.push_str(&format!(", {position}"));
            }
            if let Some(c) = &e.column {
                summary.push_str(&format!(", column {c}"));
            }
            summary.push_str(&format!(": {}", e.message));
            ErrorRow {
                id: format!("error-{}", i + 1),
                summary,
                file,
                position,
                column: e.column.clone().unwrap_or_default(),
                value: e.value.clone().unwrap_or_default(),
                message: e.message.clone(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "import_job.html")]
struct JobPage {
    chrome: Chrome,
    id: String,
    stage: &'static str,
    kind: &'static str,
    files: String,
    size: String,
    elapsed: String,
    errors: Vec<ErrorRow>,
    truncated: bool,
    counts: Vec<(String, String)>,
    warnings: Vec<String>,
    written: Vec<Cells>,
    failure: String,
}

/// `GET /imports/{id}`.
pub async fn job(
    State(state): State<AppState>,
    can: Can<ImportData>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let job = state
        .jobs
        .get(&id, &can.user().user_id)
        .ok_or(AppError::NotFound)?;
    let j = lock(&job);
    let dir = j.dir.as_ref().map(|d| d.path());
    let mut page = JobPage {
        chrome: Chrome::new(can.signed(), "Import", "/imports"),
        id: j.id.clone(),
        stage: j.stage.name(),
        kind: j.kind.describe().0,
        files: j.files.join(", "),
        size: format!("{} KB", fmt::count(j.bytes.div_ceil(1024))),
        elapsed: format!("{} seconds", j.started.elapsed().as_secs()),
        errors: Vec::new(),
        truncated: false,
        counts: Vec::new(),
        warnings: Vec::new(),
        written: Vec::new(),
        failure: String::new(),
    };
    match &j.stage {
        Stage::Invalid(e) => {
            page.chrome.title = "Error: Import".into();
            page.errors = error_rows(e, dir);
            page.truncated = e.truncated;
        }
        Stage::Valid { parsed, warnings } => {
            page.counts = parsed
                .counts()
                .into_iter()
                .map(|(t, n)| (fmt::words(&t), fmt::count(n as u64)))
                .collect();
            page.warnings = warnings
                .iter()
                .take(50)
                .map(ToString::to_string)
                .map(|w| dir.map_or(w.clone(), |d| w.replace(&format!("{}/", d.display()), "")))
                .collect();
        }
        Stage::Done(s) => {
            page.written = s
                .read
                .iter()
                .map(|(t, n)| {
                    let w = s
                        .written
                        .iter()
                        .find(|(x, _)| x == t)
                        .map_or(0, |(_, n)| *n);
                    vec![fmt::words(t), fmt::count(*n), fmt::count(w)]
                })
                .collect();
        }
        Stage::Failed(m) => page.failure = m.clone(),
        Stage::Checking | Stage::Writing => {}
    }
    drop(j);
    render(&page)
}

/// `GET /imports/{id}/status`: the stage, for the page's script.
pub async fn status(
    State(state): State<AppState>,
    can: Can<ImportData>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let job = state
        .jobs
        .get(&id, &can.user().user_id)
        .ok_or(AppError::NotFound)?;
    let stage = lock(&job).stage.name();
    Ok(Json(serde_json::json!({ "state": stage })).into_response())
}
