//! Writing the audit log: who, when, what — and nothing more.
//!
//! An entry holds the user's ID and role, the council, the action, the kind
//! and ID of the thing touched and a short note (a format, field names). It
//! never holds a name, a value from a record or anything else personal beyond
//! the pseudonymous ID the event is about.
//!
//! Every request that must be audited waits until its entry is committed, so
//! nothing is shown if the log cannot be written. Entries of concurrent
//! requests are written together by one writer task (group commit): under
//! load, one transaction carries many entries instead of each request queueing
//! for its own.

use std::sync::{Arc, OnceLock};

use chrono::Utc;
use continuum_domain::{AuditAction, AuditEvent, User};
use continuum_store::Store;
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;
use crate::state::AppState;

/// The most entries one transaction carries.
const BATCH: usize = 256;

type Job = (AuditEvent, oneshot::Sender<Result<(), String>>);

/// The writer task's queue, started on first use.
#[derive(Debug, Default)]
pub struct Writer {
    queue: OnceLock<mpsc::Sender<Job>>,
}

impl Writer {
    fn queue(&self, store: &Arc<dyn Store>) -> mpsc::Sender<Job> {
        self.queue
            .get_or_init(|| {
                let (tx, rx) = mpsc::channel(4 * BATCH);
                tokio::spawn(run(store.clone(), rx));
                tx
            })
            .clone()
    }
}

/// Writes whatever has queued up, in one transaction, and tells each waiting
/// request how it went.
async fn run(store: Arc<dyn Store>, mut rx: mpsc::Receiver<Job>) {
    let mut jobs: Vec<Job> = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut jobs, BATCH).await > 0 {
        let events: Vec<AuditEvent> = jobs.iter().map(|(e, _)| e.clone()).collect();
        let result = store.audit_all(&events).await.map_err(|e| e.to_string());
        for (_, reply) in jobs.drain(..) {
            let _ = reply.send(result.clone());
        }
    }
}

/// Appends one entry, and returns once it is committed.
pub async fn record(
    state: &AppState,
    user: &User,
    action: AuditAction,
    subject_kind: &str,
    subject_id: Option<&str>,
    detail: &str,
) -> Result<(), AppError> {
    let event = AuditEvent {
        at: Utc::now(),
        user_id: user.user_id.clone(),
        role: user.role,
        la: user.la.clone(),
        action,
        subject_kind: subject_kind.to_string(),
        subject_id: subject_id.map(str::to_string),
        detail: detail.to_string(),
    };
    let (reply, done) = oneshot::channel();
    let failed =
        |why: String| AppError::internal(anyhow::anyhow!("the audit log cannot be written: {why}"));
    state
        .audit
        .queue(&state.store)
        .send((event, reply))
        .await
        .map_err(|_| failed("its writer has stopped".into()))?;
    done.await
        .map_err(|_| failed("its writer has stopped".into()))?
        .map_err(failed)
}
