//! The [`Store`] trait, and its one implementation over any [`SqlBackend`].

use std::future::Future;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::{
    AscofValue, AuditEvent, Authority, CqcBatch, Dataset, Date, LaName, Locality, Location,
    LocationId, PersonId, User, UserId,
};

use crate::ops::{self, Filter, Tx};
use crate::read_model::{self, ImportStamp, PackRows, PackSource, ReadModelInfo};
use crate::schema::LocationChangeRow;
use crate::{
    ApiToken, AuditQuery, Backend, ImportRecord, ImportSource, ImportSummary, LocationChangeRecord,
    LocationQuery, LocationRecords, PersonRecord, Scope, Session, SignInAttempt, StoreResult,
    accounts, lookups,
};

/// Everything the app, the CLI and the benchmarks ask of a database.
///
/// Each import method is one transaction: it either applies completely or
/// leaves the database exactly as it was.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which backend this is.
    fn backend(&self) -> Backend;
    /// Applies the embedded migrations that have not run yet.
    async fn migrate(&self) -> StoreResult<()>;
    /// The number of rows in every table, by table name, sorted. Tests use it to
    /// prove that a failed import wrote nothing.
    async fn table_counts(&self) -> StoreResult<Vec<(String, i64)>>;

    /// Applies one CQC file to the provider and location register: new
    /// locations are added, known ones updated field by field (the newest CQC
    /// data wins for CQC fields), and changes and ratings are kept as history.
    async fn apply_cqc(
        &self,
        batch: &CqcBatch,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;
    /// Imports a bundle (or what a reader produced) in one transaction. Rows are
    /// upserted by key; a row identical to the stored one is not written, so a
    /// re-import changes nothing.
    async fn import_dataset(
        &self,
        ds: &Dataset,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;
    /// Imports ASCOF figures (national reference data, keyed by ONS code).
    async fn import_ascof(
        &self,
        values: &[AscofValue],
        source: &ImportSource,
    ) -> StoreResult<ImportSummary>;
    /// Loads the data the engine needs, for one council or for all, from the
    /// tables.
    async fn load_dataset(&self, scope: &Scope) -> StoreResult<Dataset>;
    /// One council's evidence-pack rows, as [`Scope::CouncilSince`] loads
    /// them: from its read model when that is current and reaches back to
    /// `since`, otherwise from the tables. With `keep`, rows loaded from the
    /// tables are then kept as the council's read model (see
    /// [`read_model`](crate::read_model)).
    async fn load_pack_rows(&self, la: &LaName, since: Date, keep: bool) -> StoreResult<PackRows>;
    /// Every read model, current or not.
    async fn read_models(&self) -> StoreResult<Vec<ReadModelInfo>>;
    /// Rebuilds every read model that is not current from the tables, each
    /// for the same history as before; `progress` hears (done, of). Returns
    /// the models rebuilt.
    async fn refresh_read_models(
        &self,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> StoreResult<Vec<ReadModelInfo>>;
    /// Every council known to the database.
    async fn authorities(&self) -> StoreResult<Vec<Authority>>;
    /// Whether a council exists.
    async fn council_exists(&self, la: &LaName) -> StoreResult<bool>;
    /// Every locality of every council.
    async fn localities(&self) -> StoreResult<Vec<Locality>>;
    /// The location register, filtered.
    async fn locations(&self, query: &LocationQuery) -> StoreResult<Vec<Location>>;
    /// One location by its CQC ID.
    async fn location(&self, id: &LocationId) -> StoreResult<Option<Location>>;
    /// The CQC rating history of one location, oldest first.
    async fn rating_history(&self, id: &LocationId) -> StoreResult<Vec<RatingEvent>>;
    /// The CQC quality statement scores of one location.
    async fn quality_statements(&self, id: &LocationId) -> StoreResult<Vec<QualityStatementScore>>;
    /// The changes CQC data has made to one location, oldest first.
    async fn location_changes(&self, id: &LocationId) -> StoreResult<Vec<LocationChangeRecord>>;
    /// The log of imports, newest first.
    async fn imports(&self, limit: i64) -> StoreResult<Vec<ImportRecord>>;
    /// A location's capacity returns and the council records naming it: one
    /// council's records when `la` is given, every council's otherwise.
    async fn location_records(
        &self,
        id: &LocationId,
        la: Option<&LaName>,
    ) -> StoreResult<LocationRecords>;
    /// One council's person with their requests, placements and reviews.
    /// `None` when that council holds no such person: a person ID never
    /// reaches across councils.
    async fn person_record(&self, la: &LaName, id: &PersonId) -> StoreResult<Option<PersonRecord>>;

    /// Adds a user; a taken username is a conflict.
    async fn create_user(&self, user: &User, password_hash: &str) -> StoreResult<()>;
    /// Changes a user's details (not the password).
    async fn update_user(&self, user: &User) -> StoreResult<()>;
    /// Replaces a user's password hash.
    async fn set_password(&self, id: &UserId, password_hash: &str) -> StoreResult<()>;
    /// One user.
    async fn user(&self, id: &UserId) -> StoreResult<Option<User>>;
    /// A user and their password hash, by username, for signing in.
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<(User, String)>>;
    /// Every user, by username.
    async fn users(&self) -> StoreResult<Vec<User>>;
    /// Stores a new session.
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// A session by its token's digest.
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Stores an API token.
    async fn create_api_token(&self, token: &ApiToken) -> StoreResult<()>;
    /// An API token by its digest.
    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<ApiToken>>;
    /// Records a sign-in attempt.
    async fn record_sign_in(&self, attempt: &SignInAttempt) -> StoreResult<()>;
    /// The attempts for a username since a time.
    async fn sign_in_attempts(
        &self,
        username: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<SignInAttempt>>;
    /// Appends to the audit log.
    async fn audit(&self, event: &AuditEvent) -> StoreResult<()>;
    /// Appends several entries in one transaction, in order: the web app
    /// gathers the entries of concurrent requests and writes them together.
    async fn audit_all(&self, events: &[AuditEvent]) -> StoreResult<()>;
    /// Reads the audit log, newest first.
    async fn audit_log(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEvent>>;
}

/// What a database must provide for [`Store`] to work on it.
pub trait SqlBackend: Send + Sync + std::fmt::Debug + 'static {
    /// Its transaction.
    type Tx: Tx + 'static;
    /// Which backend this is.
    fn kind(&self) -> Backend;
    /// Starts a write transaction.
    fn begin(&self) -> impl Future<Output = StoreResult<Self::Tx>> + Send;
    /// Starts a write transaction for a large import. A backend may write it
    /// a faster way; by default it is an ordinary write transaction.
    fn begin_bulk(&self) -> impl Future<Output = StoreResult<Self::Tx>> + Send {
        self.begin()
    }
    /// Two read transactions that see the same snapshot, for loading on two
    /// cores; `None` when the backend cannot give them.
    fn begin_read_pair(
        &self,
    ) -> impl Future<Output = StoreResult<Option<(Self::Tx, Self::Tx)>>> + Send {
        async { Ok(None) }
    }
    /// Starts a read transaction that sees one consistent snapshot.
    fn begin_read(&self) -> impl Future<Output = StoreResult<Self::Tx>> + Send;
    /// Runs the embedded migrations.
    fn run_migrations(&self) -> impl Future<Output = StoreResult<()>> + Send;
    /// Counts the rows of every table.
    fn count_tables(&self) -> impl Future<Output = StoreResult<Vec<(String, i64)>>> + Send;
}

/// A bundle at least this big is written in a bulk transaction
/// ([`SqlBackend::begin_bulk`]).
const BULK_IMPORT_ROWS: usize = 100_000;

/// Runs `f` in a write transaction and commits it.
macro_rules! write {
    ($self:ident, |$tx:ident| $body:expr) => {{
        let mut $tx = $self.begin().await?;
        let out = $body;
        $tx.commit().await?;
        Ok(out)
    }};
}

/// Runs `f` in a read transaction.
macro_rules! read {
    ($self:ident, |$tx:ident| $body:expr) => {{
        let mut $tx = $self.begin_read().await?;
        let out = $body;
        $tx.rollback().await?;
        Ok(out)
    }};
}

/// One council's rows from the tables, on two connections where the backend
/// gives them, with the import log's state they were read at.
async fn load_council<B: SqlBackend>(
    backend: &B,
    la: &LaName,
    since: Option<Date>,
) -> StoreResult<(Dataset, ImportStamp)> {
    if let Some((a, b)) = backend.begin_read_pair().await? {
        return ops::load_council_on_two(a, b, la, since).await;
    }
    read!(backend, |tx| ops::load_council(&mut tx, la, since).await?)
}

/// Encodes a council's rows (off the async workers) and stores them as its
/// read model.
async fn keep_read_model<B: SqlBackend>(
    backend: &B,
    la: &LaName,
    since: Date,
    ds: &Dataset,
    stamp: ImportStamp,
) -> StoreResult<ReadModelInfo> {
    let started = std::time::Instant::now();
    let row = crate::blocking(|| read_model::build(la, since, ds, stamp));
    let encoded = started.elapsed();
    let info = write!(backend, |tx| read_model::store(&mut tx, &row).await?)?;
    tracing::debug!(
        la = la.as_str(),
        rows = info.rows,
        bytes = info.bytes,
        encode_ms = u64::try_from(encoded.as_millis()).unwrap_or(u64::MAX),
        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "read model kept"
    );
    Ok(info)
}

fn by_location(id: &LocationId, order: &str) -> Filter {
    Filter::Where(
        format!("location_id = $1 order by {order}"),
        vec![id.to_string()],
    )
}

#[async_trait]
impl<B: SqlBackend> Store for B {
    fn backend(&self) -> Backend {
        self.kind()
    }
    async fn migrate(&self) -> StoreResult<()> {
        self.run_migrations().await
    }
    async fn table_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        self.count_tables().await
    }
    async fn apply_cqc(
        &self,
        batch: &CqcBatch,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        write!(self, |tx| ops::apply_cqc(&mut tx, batch, source).await?)
    }
    async fn import_dataset(
        &self,
        ds: &Dataset,
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        let mut tx = if ds.total_rows() >= BULK_IMPORT_ROWS {
            self.begin_bulk().await?
        } else {
            self.begin().await?
        };
        let out = ops::import_dataset(&mut tx, ds, source).await?;
        tx.commit().await?;
        Ok(out)
    }
    async fn import_ascof(
        &self,
        values: &[AscofValue],
        source: &ImportSource,
    ) -> StoreResult<ImportSummary> {
        write!(self, |tx| ops::import_ascof(&mut tx, values, source)
            .await?)
    }
    async fn load_dataset(&self, scope: &Scope) -> StoreResult<Dataset> {
        match scope.council() {
            Some((la, since)) => Ok(load_council(self, la, since).await?.0),
            None => read!(self, |tx| ops::load_dataset(&mut tx, scope).await?),
        }
    }
    async fn load_pack_rows(&self, la: &LaName, since: Date, keep: bool) -> StoreResult<PackRows> {
        let model = read!(self, |tx| read_model::current(&mut tx, la, since).await?)?;
        match model {
            Some(Ok(dataset)) => {
                return Ok(PackRows {
                    dataset,
                    source: PackSource::ReadModel,
                });
            }
            // A copy that cannot be read is rebuilt, not trusted.
            Some(Err(e)) => tracing::warn!(
                la = la.as_str(),
                error = e.0,
                "the read model cannot be read; loading from the tables"
            ),
            None => {}
        }
        let (dataset, stamp) = load_council(self, la, Some(since)).await?;
        let kept = if keep {
            Some(
                keep_read_model(self, la, since, &dataset, stamp)
                    .await
                    .map_err(|e| e.to_string()),
            )
        } else {
            None
        };
        Ok(PackRows {
            dataset,
            source: PackSource::Tables { kept },
        })
    }
    async fn read_models(&self) -> StoreResult<Vec<ReadModelInfo>> {
        read!(self, |tx| read_model::list(&mut tx).await?)
    }
    async fn refresh_read_models(
        &self,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> StoreResult<Vec<ReadModelInfo>> {
        let stale: Vec<ReadModelInfo> = self
            .read_models()
            .await?
            .into_iter()
            .filter(|m| !m.current)
            .collect();
        let mut out = Vec::with_capacity(stale.len());
        for (i, m) in stale.iter().enumerate() {
            progress(i, stale.len());
            let (dataset, stamp) = load_council(self, &m.la, Some(m.since)).await?;
            out.push(keep_read_model(self, &m.la, m.since, &dataset, stamp).await?);
        }
        progress(stale.len(), stale.len());
        Ok(out)
    }
    async fn authorities(&self) -> StoreResult<Vec<Authority>> {
        read!(self, |tx| tx.select(&Filter::All).await?)
    }
    async fn council_exists(&self, la: &LaName) -> StoreResult<bool> {
        read!(self, |tx| !tx
            .select::<Authority>(&Filter::eq("la", la.as_str()))
            .await?
            .is_empty())
    }
    async fn localities(&self) -> StoreResult<Vec<Locality>> {
        read!(self, |tx| tx.select(&Filter::All).await?)
    }
    async fn locations(&self, query: &LocationQuery) -> StoreResult<Vec<Location>> {
        read!(self, |tx| ops::locations(&mut tx, query).await?)
    }
    async fn location(&self, id: &LocationId) -> StoreResult<Option<Location>> {
        read!(self, |tx| tx
            .select::<Location>(&Filter::eq("location_id", id.as_str()))
            .await?
            .into_iter()
            .next())
    }
    async fn rating_history(&self, id: &LocationId) -> StoreResult<Vec<RatingEvent>> {
        read!(self, |tx| tx
            .select(&by_location(
                id,
                "published_on, service_group, key_question"
            ))
            .await?)
    }
    async fn quality_statements(&self, id: &LocationId) -> StoreResult<Vec<QualityStatementScore>> {
        read!(self, |tx| tx
            .select(&by_location(id, "assessed_on, statement_id"))
            .await?)
    }
    async fn location_changes(&self, id: &LocationId) -> StoreResult<Vec<LocationChangeRecord>> {
        let rows: Vec<LocationChangeRow> =
            read!(self, |tx| tx.select(&by_location(id, "id")).await?)?;
        Ok(rows
            .into_iter()
            .map(LocationChangeRow::into_record)
            .collect())
    }
    async fn imports(&self, limit: i64) -> StoreResult<Vec<ImportRecord>> {
        let f = Filter::Where(
            format!("1 = 1 order by id desc limit {}", limit.max(0)),
            Vec::new(),
        );
        read!(self, |tx| tx.select(&f).await?)
    }
    async fn location_records(
        &self,
        id: &LocationId,
        la: Option<&LaName>,
    ) -> StoreResult<LocationRecords> {
        read!(self, |tx| lookups::location_records(&mut tx, id, la)
            .await?)
    }
    async fn person_record(&self, la: &LaName, id: &PersonId) -> StoreResult<Option<PersonRecord>> {
        read!(self, |tx| lookups::person_record(&mut tx, la, id).await?)
    }
    async fn create_user(&self, user: &User, password_hash: &str) -> StoreResult<()> {
        write!(self, |tx| accounts::create_user(
            &mut tx,
            user,
            password_hash
        )
        .await?)
    }
    async fn update_user(&self, user: &User) -> StoreResult<()> {
        write!(self, |tx| accounts::update_user(&mut tx, user).await?)
    }
    async fn set_password(&self, id: &UserId, password_hash: &str) -> StoreResult<()> {
        write!(self, |tx| accounts::set_password(
            &mut tx,
            id,
            password_hash
        )
        .await?)
    }
    async fn user(&self, id: &UserId) -> StoreResult<Option<User>> {
        read!(self, |tx| accounts::user_row(
            &mut tx,
            "user_id",
            id.as_str()
        )
        .await?
        .map(|r| r.user))
    }
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        read!(self, |tx| accounts::user_row(&mut tx, "username", username)
            .await?
            .map(|r| (r.user, r.password_hash)))
    }
    async fn users(&self) -> StoreResult<Vec<User>> {
        read!(self, |tx| accounts::users(&mut tx).await?)
    }
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        write!(self, |tx| {
            tx.upsert(std::slice::from_ref(session), &|_| None).await?;
        })
    }
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        read!(self, |tx| tx
            .select::<Session>(&Filter::eq("token_hash", token_hash))
            .await?
            .into_iter()
            .next())
    }
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        write!(self, |tx| {
            tx.delete::<Session>(&Filter::eq("token_hash", token_hash))
                .await?;
        })
    }
    async fn create_api_token(&self, token: &ApiToken) -> StoreResult<()> {
        write!(self, |tx| {
            tx.upsert(std::slice::from_ref(token), &|_| None).await?;
        })
    }
    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<ApiToken>> {
        read!(self, |tx| tx
            .select::<ApiToken>(&Filter::eq("token_hash", token_hash))
            .await?
            .into_iter()
            .next())
    }
    async fn record_sign_in(&self, attempt: &SignInAttempt) -> StoreResult<()> {
        write!(self, |tx| accounts::record_sign_in(&mut tx, attempt)
            .await?)
    }
    async fn sign_in_attempts(
        &self,
        username: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<SignInAttempt>> {
        let all: Vec<SignInAttempt> = read!(self, |tx| tx
            .select(&Filter::eq("username", username))
            .await?)?;
        Ok(all.into_iter().filter(|a| a.at >= since).collect())
    }
    async fn audit(&self, event: &AuditEvent) -> StoreResult<()> {
        write!(self, |tx| {
            tx.append(&[crate::schema::AuditRow(event.clone())]).await?;
        })
    }
    async fn audit_all(&self, events: &[AuditEvent]) -> StoreResult<()> {
        let rows: Vec<crate::schema::AuditRow> = events
            .iter()
            .cloned()
            .map(crate::schema::AuditRow)
            .collect();
        write!(self, |tx| {
            tx.append(&rows).await?;
        })
    }
    async fn audit_log(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEvent>> {
        read!(self, |tx| accounts::audit_log(&mut tx, query).await?)
    }
}
