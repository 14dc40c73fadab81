//! Imports: an admin uploads a bundle, CQC, CLD, ASCOF or ONS file; every row
//! is checked first (a dry run), row-level errors are shown as an error
//! summary, and only a valid file can be written — in one transaction, on the
//! admin's say-so. Uploads stream to a temporary folder; checking and writing
//! run in the background while the page follows their progress.

mod jobs;
mod pages;
pub mod read;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use continuum_domain::AuditAction;
use continuum_store::{ImportSource, LocationQuery};
use tokio::io::AsyncWriteExt;

pub use jobs::Jobs;
use jobs::{Job, Stage, lock};
use read::{Kind, Known, Parsed};

use crate::audit;
use crate::auth::Can;
use crate::auth::can::ImportData;
use crate::auth::session::random_hex;
use crate::error::AppError;
use crate::state::AppState;

/// The largest upload: a national bundle, zipped, is well under this.
const UPLOAD_LIMIT: usize = 2 * 1024 * 1024 * 1024;

/// The import routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/imports",
            get(pages::form)
                .post(upload)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/imports/{id}", get(pages::job))
        .route("/imports/{id}/status", get(pages::status))
        .route("/imports/{id}/apply", post(apply))
}

fn unreadable(e: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(format!("The upload could not be read ({e}). Try again."))
}

/// The saved upload.
struct Upload {
    kind: Option<Kind>,
    files: Vec<String>,
    bytes: u64,
    dir: tempfile::TempDir,
}

async fn save(mut mp: Multipart) -> Result<Upload, AppError> {
    let dir = tempfile::tempdir().map_err(AppError::internal)?;
    let mut up = Upload {
        kind: None,
        files: Vec::new(),
        bytes: 0,
        dir,
    };
    while let Some(mut field) = mp.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") => up.kind = Kind::parse(field.text().await.map_err(unreadable)?.trim()),
            Some("files") => {
                let Some(name) = field.file_name().and_then(read::clean_name) else {
                    continue;
                };
                let mut out = tokio::fs::File::create(up.dir.path().join(&name))
                    .await
                    .map_err(AppError::internal)?;
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    up.bytes += chunk.len() as u64;
                    out.write_all(&chunk).await.map_err(AppError::internal)?;
                }
                out.flush().await.map_err(AppError::internal)?;
                if !up.files.contains(&name) {
                    up.files.push(name);
                }
            }
            _ => {}
        }
    }
    Ok(up)
}

/// What the database holds that an upload may refer to. The whole register
/// is read here (not through a user's scope): it is the import's reference
/// data, never shown.
async fn known(state: &AppState, can: &Can<ImportData>) -> Result<Known, AppError> {
    let mut k = Known {
        la: can.user().la.clone(),
        ..Known::default()
    };
    for l in state.store.locations(&LocationQuery::default()).await? {
        k.bundle
            .known_locations
            .insert(l.location_id, l.local_authority);
    }
    let authorities = state.store.authorities().await?;
    k.bundle.known_authorities = authorities.iter().map(|a| a.la.clone()).collect();
    let localities = state.store.localities().await?;
    k.bundle.known_localities = localities
        .iter()
        .map(|l| (l.la.clone(), l.locality_id.clone()))
        .collect();
    let mine: Vec<_> = localities
        .into_iter()
        .filter(|l| Some(&l.la) == k.la.as_ref())
        .collect();
    k.targets =
        continuum_ingest::ons::Targets::from_authorities(&authorities).with_localities(&mine);
    Ok(k)
}

/// `POST /imports` (multipart): saves the upload and starts checking it.
pub async fn upload(
    State(state): State<AppState>,
    can: Can<ImportData>,
    mp: Multipart,
) -> Result<Response, AppError> {
    let up = save(mp).await?;
    let mut errors = Vec::new();
    if up.kind.is_none() {
        errors.push(("kind-bundle", "Select what kind of file you are uploading"));
    }
    if up.files.is_empty() {
        errors.push(("files", "Select a file to upload"));
    }
    let Some(kind) = up.kind.filter(|_| errors.is_empty()) else {
        return pages::form_with_errors(&state, &can, up.kind, &errors).await;
    };
    let known = known(&state, &can).await?;
    let id = random_hex(12)?;
    let job = state.jobs.add(Job {
        id: id.clone(),
        owner: can.user().user_id.clone(),
        kind,
        files: up.files.clone(),
        bytes: up.bytes,
        started: std::time::Instant::now(),
        stage: Stage::Checking,
        dir: Some(up.dir),
    });
    tokio::spawn(check(job, known));
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

/// Unpacks and checks an upload on the blocking pool.
async fn check(job: Arc<std::sync::Mutex<Job>>, known: Known) {
    let (kind, files, dir) = {
        let j = lock(&job);
        (
            j.kind,
            j.files.clone(),
            j.dir.as_ref().map(|d| d.path().to_path_buf()),
        )
    };
    let Some(dir) = dir else { return };
    let result = tokio::task::spawn_blocking(move || {
        for f in files.iter().filter(|f| f.to_lowercase().ends_with(".zip")) {
            let zip = dir.join(f);
            read::unzip(&zip, &dir)?;
            let _ = std::fs::remove_file(&zip);
        }
        let files: Vec<String> = files
            .into_iter()
            .filter(|f| !f.to_lowercase().ends_with(".zip"))
            .collect();
        read::check(kind, &dir, &files, &known)
    })
    .await;
    let stage = match result {
        Ok(Ok((parsed, warnings))) => Stage::Valid {
            parsed: Arc::new(parsed),
            warnings,
        },
        Ok(Err(errors)) => Stage::Invalid(errors),
        Err(e) => {
            tracing::error!(error = %e, "an import check stopped unexpectedly");
            Stage::Failed("The check stopped unexpectedly.".into())
        }
    };
    lock(&job).stage = stage;
}

/// `POST /imports/{id}/apply`: writes a checked upload.
pub async fn apply(
    State(state): State<AppState>,
    can: Can<ImportData>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let job = state
        .jobs
        .get(&id, &can.user().user_id)
        .ok_or(AppError::NotFound)?;
    let (parsed, source) = {
        let mut j = lock(&job);
        let Stage::Valid { parsed, .. } = &j.stage else {
            return Ok(Redirect::to(&format!("/imports/{id}")).into_response());
        };
        let parsed = parsed.clone();
        let source = ImportSource {
            kind: j.kind.as_str().into(),
            name: j.files.join(", "),
            digest: None,
        };
        j.stage = Stage::Writing;
        (parsed, source)
    };
    tokio::spawn(write(state.clone(), can, job, parsed, source));
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

async fn write(
    state: AppState,
    can: Can<ImportData>,
    job: Arc<std::sync::Mutex<Job>>,
    parsed: Arc<Parsed>,
    source: ImportSource,
) {
    let result = match parsed.as_ref() {
        Parsed::Cqc(b) => state.store.apply_cqc(b, &source).await,
        Parsed::Data(ds) => state.store.import_dataset(ds, &source).await,
        Parsed::Ascof(v) => state.store.import_ascof(v, &source).await,
    };
    let stage = match result {
        Ok(summary) => {
            state.data_changed();
            let detail = format!("{}: {} rows written", source.kind, summary.total_written());
            if let Err(e) = audit::record(
                &state,
                can.user(),
                AuditAction::Import,
                "import",
                Some(&source.kind),
                &detail,
            )
            .await
            {
                tracing::error!(error = %e, "the import was written but not audited");
            }
            Stage::Done(summary)
        }
        Err(e) => {
            tracing::error!(error = %e, kind = %source.kind, "an import failed; nothing was written");
            Stage::Failed("The import failed and nothing was written. Try again, or ask for help if it keeps failing.".into())
        }
    };
    let mut j = lock(&job);
    j.stage = stage;
    j.dir = None;
}
