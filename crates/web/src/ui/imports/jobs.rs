//! Import jobs: an uploaded file moves from checking, to checked (valid or
//! with row-level errors), to written. Jobs live in memory with the upload's
//! temporary folder, and are forgotten after an hour.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use continuum_domain::UserId;
use continuum_ingest::{IngestErrors, Warning};
use continuum_store::ImportSummary;

use super::read::{Kind, Parsed};

/// How long a job is kept.
const KEEP: Duration = Duration::from_secs(3600);

/// Where a job has got to.
#[derive(Debug)]
pub enum Stage {
    /// Reading and checking every row.
    Checking,
    /// Bad input: nothing can be written.
    Invalid(IngestErrors),
    /// Good input, waiting for the admin to confirm.
    Valid {
        parsed: Arc<Parsed>,
        warnings: Vec<Warning>,
    },
    /// Writing in one transaction.
    Writing,
    /// Written.
    Done(ImportSummary),
    /// The write failed; nothing was written.
    Failed(String),
}

impl Stage {
    /// The stage's name, for the status endpoint and the script.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::Checking => "checking",
            Stage::Invalid(_) => "invalid",
            Stage::Valid { .. } => "valid",
            Stage::Writing => "writing",
            Stage::Done(_) => "done",
            Stage::Failed(_) => "failed",
        }
    }
}

/// One upload.
#[derive(Debug)]
pub struct Job {
    pub id: String,
    pub owner: UserId,
    pub kind: Kind,
    /// The uploaded file names, as the browser sent them (base names only).
    pub files: Vec<String>,
    pub bytes: u64,
    pub started: Instant,
    pub stage: Stage,
    /// The upload's folder, removed when the job is dropped.
    pub dir: Option<tempfile::TempDir>,
}

/// Every job, by ID.
#[derive(Debug, Default)]
pub struct Jobs {
    map: Mutex<HashMap<String, Arc<Mutex<Job>>>>,
}

/// Locks a job; a poisoned job lock still holds a consistent stage.
pub fn lock(job: &Mutex<Job>) -> std::sync::MutexGuard<'_, Job> {
    job.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Jobs {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Mutex<Job>>>> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Adds a job, forgetting old ones.
    pub fn add(&self, job: Job) -> Arc<Mutex<Job>> {
        let id = job.id.clone();
        let j = Arc::new(Mutex::new(job));
        let mut m = self.map();
        m.retain(|_, j| lock(j).started.elapsed() < KEEP);
        m.insert(id, j.clone());
        j
    }

    /// A job of this user's.
    pub fn get(&self, id: &str, owner: &UserId) -> Option<Arc<Mutex<Job>>> {
        let j = self.map().get(id).cloned()?;
        let mine = &lock(&j).owner == owner;
        mine.then_some(j)
    }

    /// This user's jobs, newest first.
    pub fn of(&self, owner: &UserId) -> Vec<Arc<Mutex<Job>>> {
        let mut v: Vec<Arc<Mutex<Job>>> = self
            .map()
            .values()
            .filter(|j| &lock(j).owner == owner)
            .cloned()
            .collect();
        v.sort_by_key(|j| std::cmp::Reverse(lock(j).started));
        v
    }
}
