//! Store operations written once, over a backend's transaction.
//!
//! A backend provides [`Tx`]: upsert, append and select for any [`Record`].
//! Everything with rules in it — what a bundle import writes, how a CQC file
//! updates the register, which rows belong to a council — is here, so both
//! backends follow the same rules by construction.

use rustc_hash::FxHashMap as HashMap;

use std::future::Future;

use chrono::Utc;
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::*;

use crate::read_model::{self, ImportStamp};
use crate::schema::{AscofRow, ImportRow, LocationChangeRow, Record};
use crate::{ImportSource, ImportSummary, LocationQuery, Scope, StoreError, StoreResult};

/// Which rows of a table to select. Clauses are lowercase SQL with `$1`
/// placeholders, valid on both backends; every parameter is text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Every row.
    All,
    /// `where {clause}` with text parameters.
    Where(String, Vec<String>),
}

impl Filter {
    /// The clause and its parameters.
    pub fn parts(&self) -> (&str, &[String]) {
        match self {
            Filter::All => ("1 = 1", &[]),
            Filter::Where(c, p) => (c.as_str(), p.as_slice()),
        }
    }

    /// `column = $1`.
    pub fn eq(column: &str, value: &str) -> Self {
        Filter::Where(format!("{column} = $1"), vec![value.to_string()])
    }

    /// This filter and `column in (…)`, the values numbered after its own
    /// parameters. No values match no row.
    pub fn and_in(self, column: &str, values: &[String]) -> Self {
        if values.is_empty() {
            return Filter::Where("1 = 0".into(), Vec::new());
        }
        let (clause, params) = self.parts();
        let mut params = params.to_vec();
        let first = params.len() + 1;
        let marks: Vec<String> = (first..first + values.len())
            .map(|i| format!("${i}"))
            .collect();
        params.extend_from_slice(values);
        Filter::Where(
            format!("{clause} and {column} in ({})", marks.join(", ")),
            params,
        )
    }
}

/// What a backend transaction can do with records. Every future is `Send`, so
/// the operations below run on any async executor thread.
pub trait Tx: Send + Sized {
    /// Inserts rows, or updates the stored row with the same key when any
    /// column differs. Returns the number of rows inserted or changed: an
    /// identical row is neither written nor counted. `tenant` gives the council
    /// of each row of a [`Tenant::Derived`](crate::schema::Tenant) table.
    fn upsert<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> impl Future<Output = StoreResult<u64>> + Send;

    /// Appends rows to an insert-only table.
    fn append<R: Record + Sync>(
        &mut self,
        rows: &[R],
    ) -> impl Future<Output = StoreResult<u64>> + Send;

    /// Reads rows, ordered by the table's key unless the filter orders them.
    fn select<R: Record + Send>(
        &mut self,
        filter: &Filter,
    ) -> impl Future<Output = StoreResult<Vec<R>>> + Send {
        self.select_some(filter, &[])
    }

    /// Reads rows as [`Tx::select`] does, without the columns named in
    /// `unread`: they are read as empty (so each must be optional or a list).
    fn select_some<R: Record + Send>(
        &mut self,
        filter: &Filter,
        unread: &[&str],
    ) -> impl Future<Output = StoreResult<Vec<R>>> + Send;

    /// Deletes rows; returns how many.
    fn delete<R: Record>(
        &mut self,
        filter: &Filter,
    ) -> impl Future<Output = StoreResult<u64>> + Send;

    /// Makes the transaction's writes permanent.
    fn commit(self) -> impl Future<Output = StoreResult<()>> + Send;

    /// Abandons the transaction.
    fn rollback(self) -> impl Future<Output = StoreResult<()>> + Send;
}

fn no_tenant<R>(_: &R) -> Option<LaName> {
    None
}

/// The councils of people and locations, for rows that do not carry their own.
#[derive(Debug, Default)]
struct Tenants {
    person: HashMap<PersonId, LaName>,
    location: HashMap<LocationId, LaName>,
}

impl Tenants {
    async fn for_dataset<T: Tx>(tx: &mut T, ds: &Dataset) -> StoreResult<Self> {
        let mut t = Tenants::default();
        for p in &ds.people {
            t.person.insert(p.person_id.clone(), p.la.clone());
        }
        for l in &ds.locations {
            t.location
                .insert(l.location_id.clone(), l.local_authority.clone());
        }
        // Ten million lookups in a national bundle, so on two threads.
        let people = &t.person;
        fn any_missing<'a>(
            people: &HashMap<PersonId, LaName>,
            mut ids: impl Iterator<Item = &'a PersonId>,
        ) -> bool {
            ids.any(|id| !people.contains_key(id))
        }
        let needs_people = std::thread::scope(|s| {
            let placements =
                s.spawn(|| any_missing(people, ds.placements.iter().map(|p| &p.person_id)));
            any_missing(
                people,
                ds.requests
                    .iter()
                    .map(|r| &r.person_id)
                    .chain(ds.reviews.iter().map(|r| &r.person_id)),
            ) || placements.join().unwrap_or(true)
        });
        if needs_people {
            for p in tx.select::<Person>(&Filter::All).await? {
                t.person.entry(p.person_id).or_insert(p.la);
            }
        }
        let needs_locations = ds
            .capacity
            .iter()
            .map(|c| &c.location_id)
            .chain(ds.workforce.iter().map(|w| &w.location_id))
            .any(|id| !t.location.contains_key(id));
        if needs_locations {
            for l in tx.select::<Location>(&Filter::All).await? {
                t.location.entry(l.location_id).or_insert(l.local_authority);
            }
        }
        Ok(t)
    }

    fn of_person(&self, id: &PersonId) -> Option<LaName> {
        self.person.get(id).cloned()
    }

    fn of_location(&self, id: &LocationId) -> Option<LaName> {
        self.location.get(id).cloned()
    }
}

/// Writes every table of a dataset. The caller owns the transaction.
pub async fn import_dataset<T: Tx>(
    tx: &mut T,
    ds: &Dataset,
    source: &ImportSource,
) -> StoreResult<ImportSummary> {
    let tenants = Tenants::for_dataset(tx, ds).await?;
    let mut sum = ImportSummary::default();
    macro_rules! own {
        ($rows:expr) => {{
            timed(tx, &$rows, &no_tenant, &mut sum).await?;
        }};
    }
    own!(ds.authorities);
    own!(ds.localities);
    own!(ds.population);
    own!(ds.prevalence);
    own!(ds.locations);
    own!(ds.contracts);
    timed(
        tx,
        &ds.capacity,
        &|c: &CapacityReturn| tenants.of_location(&c.location_id),
        &mut sum,
    )
    .await?;
    own!(ds.people);
    timed(
        tx,
        &ds.requests,
        &|r: &Request| tenants.of_person(&r.person_id),
        &mut sum,
    )
    .await?;
    timed(
        tx,
        &ds.placements,
        &|p: &Placement| tenants.of_person(&p.person_id),
        &mut sum,
    )
    .await?;
    timed(
        tx,
        &ds.reviews,
        &|r: &Review| tenants.of_person(&r.person_id),
        &mut sum,
    )
    .await?;
    own!(ds.quality_assessments);
    own!(ds.visits);
    own!(ds.concerns);
    own!(ds.sanctions);
    own!(ds.handbacks);
    timed(
        tx,
        &ds.workforce,
        &|w: &WorkforceReturn| tenants.of_location(&w.location_id),
        &mut sum,
    )
    .await?;
    own!(ds.fees);
    own!(ds.indicators);
    own!(ds.gaps);
    if !ds.ascof.is_empty() {
        let rows: Vec<AscofRow> = ds.ascof.iter().cloned().map(AscofRow).collect();
        own!(rows);
    }
    log_import(tx, source, &sum).await?;
    Ok(sum)
}

/// Upserts one table's rows, logging how long it took.
async fn timed<T: Tx, R: Record + Sync>(
    tx: &mut T,
    rows: &[R],
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    sum: &mut ImportSummary,
) -> StoreResult<()> {
    let started = std::time::Instant::now();
    let n = tx.upsert(rows, tenant).await?;
    let table = R::TABLE.name;
    tracing::debug!(
        table,
        rows = rows.len(),
        written = n,
        duration_ms = started.elapsed().as_millis() as u64,
        "table written"
    );
    sum.add(table, rows.len() as u64, n);
    Ok(())
}

/// Imports ASCOF figures.
pub async fn import_ascof<T: Tx>(
    tx: &mut T,
    values: &[AscofValue],
    source: &ImportSource,
) -> StoreResult<ImportSummary> {
    let rows: Vec<AscofRow> = values.iter().cloned().map(AscofRow).collect();
    let n = tx.upsert(&rows, &no_tenant).await?;
    let mut sum = ImportSummary::default();
    sum.add(AscofRow::TABLE.name, rows.len() as u64, n);
    log_import(tx, source, &sum).await?;
    Ok(sum)
}

/// Applies one CQC file to the register (see [`CqcLocationUpdate::apply`]).
pub async fn apply_cqc<T: Tx>(
    tx: &mut T,
    batch: &CqcBatch,
    source: &ImportSource,
) -> StoreResult<ImportSummary> {
    let ids: Vec<String> = batch
        .locations
        .iter()
        .map(|l| l.location_id.to_string())
        .collect();
    let mut current: HashMap<LocationId, Location> = HashMap::default();
    for chunk in ids.chunks(500) {
        for l in tx
            .select::<Location>(&in_filter("location_id", chunk))
            .await?
        {
            current.insert(l.location_id.clone(), l);
        }
    }
    let now = Utc::now();
    let mut rows = Vec::with_capacity(batch.locations.len());
    let mut changes = Vec::new();
    let mut la_of: HashMap<LocationId, LaName> = HashMap::default();
    for update in &batch.locations {
        let (row, changed) = update.apply(current.get(&update.location_id));
        la_of.insert(row.location_id.clone(), row.local_authority.clone());
        changes.extend(changed.into_iter().map(|change| LocationChangeRow {
            local_authority: row.local_authority.clone(),
            at: now,
            source: source.kind.clone(),
            change,
        }));
        rows.push(row);
    }
    for l in current.values() {
        la_of
            .entry(l.location_id.clone())
            .or_insert_with(|| l.local_authority.clone());
    }
    let mut sum = ImportSummary::default();
    let n = tx.upsert(&rows, &no_tenant).await?;
    sum.add("locations", rows.len() as u64, n);
    let tenant = |id: &LocationId| la_of.get(id).cloned();
    let n = tx
        .upsert(&batch.rating_events, &|e: &RatingEvent| {
            tenant(&e.location_id)
        })
        .await?;
    sum.add("location_ratings", batch.rating_events.len() as u64, n);
    let n = tx
        .upsert(&batch.quality_statements, &|q: &QualityStatementScore| {
            tenant(&q.location_id)
        })
        .await?;
    sum.add(
        "quality_statement_scores",
        batch.quality_statements.len() as u64,
        n,
    );
    let n = tx.append(&changes).await?;
    sum.add("location_changes", changes.len() as u64, n);
    log_import(tx, source, &sum).await?;
    Ok(sum)
}

/// `column in ($1, $2, …)`.
pub fn in_filter(column: &str, values: &[String]) -> Filter {
    Filter::All.and_in(column, values)
}

/// Loads what the engine needs for a scope.
pub async fn load_dataset<T: Tx>(tx: &mut T, scope: &Scope) -> StoreResult<Dataset> {
    match scope.council() {
        None => load_all(tx).await,
        Some((la, since)) => Ok(load_council(tx, la, since).await?.0),
    }
}

/// One council's rows (see [`Scope`]), with the import log's state they
/// were read at.
pub async fn load_council<T: Tx>(
    tx: &mut T,
    la: &LaName,
    since: Option<Date>,
) -> StoreResult<(Dataset, ImportStamp)> {
    let own = Own::new(la.as_str(), since);
    let stamp = read_model::stamp(tx).await?;
    let mut ds = placements_half(tx, &own).await?;
    let people = people_half(tx, &own).await?;
    join_halves(tx, &mut ds, people).await?;
    add_linked_requests(tx, &mut ds, &own).await?;
    Ok((ds, stamp))
}

/// Adds the people half to the placements half, with the locations from
/// elsewhere that only the people half names (the placements half has read
/// those its own rows name). Returns how many locations were added.
async fn join_halves<T: Tx>(tx: &mut T, ds: &mut Dataset, people: Dataset) -> StoreResult<usize> {
    let ids = referenced_elsewhere(&people, &ds.locations);
    ds.append(people);
    ds.append(elsewhere_rows(tx, &ids).await?);
    Ok(ids.len())
}

/// One council, loaded as [`load_dataset`] does but on two read transactions
/// at once, which must see the same snapshot. The two halves take about the
/// same time: placements and contracts with the area's locations, their
/// returns and the locations from elsewhere that these name; and people with
/// everything else.
/// Any location from elsewhere named only by the second half is read last,
/// with any request left out by date that a placement links to.
pub async fn load_council_on_two<T: Tx + 'static>(
    mut a: T,
    mut b: T,
    la: &LaName,
    since: Option<Date>,
) -> StoreResult<(Dataset, ImportStamp)> {
    let own = Own::new(la.as_str(), since);
    let theirs = own.clone();
    let started = std::time::Instant::now();
    let people = tokio::spawn(async move {
        let half = people_half(&mut b, &theirs).await;
        tracing::debug!(ms = millis(started), "council loaded: people half");
        b.rollback().await?;
        half
    });
    let placements = placements_half(&mut a, &own).await;
    tracing::debug!(ms = millis(started), "council loaded: placements half");
    let people = people.await.map_err(joined)?;
    let mut ds = placements?;
    let people = people?;
    let rest = async {
        let named = join_halves(&mut a, &mut ds, people).await?;
        let linked = add_linked_requests(&mut a, &mut ds, &own).await?;
        // The two transactions see one snapshot, so either can tell the
        // import log's state.
        let stamp = read_model::stamp(&mut a).await?;
        Ok::<_, StoreError>((named, linked, stamp))
    }
    .await;
    let closed = a.rollback().await;
    let (named, linked, stamp) = rest?;
    closed?;
    tracing::debug!(
        ms = millis(started),
        named_last = named,
        linked_requests = linked,
        "council loaded"
    );
    Ok((ds, stamp))
}

fn joined(e: tokio::task::JoinError) -> StoreError {
    StoreError::Database(format!("loading a council failed: {e}"))
}

fn millis(since: std::time::Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Which of a council's rows to read: all of them, or all but the history
/// that ends on or before a date (see [`Scope::CouncilSince`]).
#[derive(Debug, Clone)]
struct Own {
    la: String,
    since: Option<Date>,
}

impl Own {
    fn new(la: &str, since: Option<Date>) -> Self {
        Self {
            la: la.to_string(),
            since,
        }
    }

    /// Every row of the council.
    fn all(&self) -> Filter {
        Filter::eq("la", &self.la)
    }

    /// The council's rows for which `keep` holds, `keep` comparing with the
    /// date as `$2`. Dates are compared as ISO text, as SQLite stores them and
    /// as PostgreSQL writes them (sqlx connects with `DateStyle` ISO), so the
    /// one clause serves both.
    fn since(&self, keep: &str) -> Filter {
        match self.since {
            None => self.all(),
            Some(d) => Filter::Where(
                format!("la = $1 and ({keep})"),
                vec![self.la.clone(), d.to_string()],
            ),
        }
    }

    /// `columns` when only the pack's columns are read (a dated scope), else
    /// none: every column is read.
    fn unread(&self, columns: &'static [&'static str]) -> &'static [&'static str] {
        if self.since.is_some() { columns } else { &[] }
    }

    fn placements(&self) -> Filter {
        self.since(PLACEMENTS_KEPT)
    }

    fn requests(&self) -> Filter {
        self.since(REQUESTS_KEPT)
    }

    fn reviews(&self) -> Filter {
        self.since(REVIEWS_KEPT)
    }
}

/// Which history a dated scope keeps, `$2` being its date.
const PLACEMENTS_KEPT: &str = "end_date is null or cast(end_date as text) > $2 \
     or cast(start_date as text) > $2 or (request_id is not null and not interim)";
const REQUESTS_KEPT: &str = "closed_on is null or cast(closed_on as text) > $2";
const REVIEWS_KEPT: &str = "cast(date as text) > $2";

/// The version of an evidence pack's load beyond what its clauses and
/// column lists say: move it whenever the load comes to read other rows
/// (the locations from elsewhere, the linked requests read back), so that
/// read models kept by the load before are not read.
const PACK_LOAD_VERSION: u32 = 1;

/// What an evidence pack's load ([`Scope::CouncilSince`]) reads, in words:
/// its version, the clauses that choose its history and the columns it
/// leaves out. A read model keeps it in its fingerprint, so a change to the
/// load makes the models kept before it stale.
pub fn pack_load_definition() -> String {
    format!(
        "{PACK_LOAD_VERSION}\n{PLACEMENTS_KEPT}\n{REQUESTS_KEPT}\n{REVIEWS_KEPT}\n{PEOPLE_UNREAD:?}\n{REQUESTS_UNREAD:?}\n{PLACEMENTS_UNREAD:?}"
    )
}

/// The columns of people, requests and placements that no figure of an
/// evidence pack reads, left out of its load ([`Scope::CouncilSince`]). Of a
/// person the engine uses the council, ID and client type (the sex is read
/// too, as a required column), and nearly all of a request and a placement.
/// The test that compares packs from the database with packs from the files
/// fails if a figure comes to read one of these; the conformance story for
/// the scope fails if one is not a column that comes back empty.
const PEOPLE_UNREAD: &[&str] = &[
    "birth_year",
    "ethnicity",
    "locality_id",
    "primary_support_reason",
    "has_unpaid_carer",
    "cares_for",
];
const REQUESTS_UNREAD: &[&str] = &[
    "needs",
    "hours_per_week",
    "discharge_pathway",
    "preferred_locations",
];
const PLACEMENTS_UNREAD: &[&str] = &["weekly_cost"];

/// A council's placements and contracts, the locations in its area with their
/// returns, and the locations from outside its area that its placements and
/// contracts name, with their returns.
async fn placements_half<T: Tx>(tx: &mut T, own: &Own) -> StoreResult<Dataset> {
    let mut ds = Dataset {
        placements: tx
            .select_some(&own.placements(), own.unread(PLACEMENTS_UNREAD))
            .await?,
        contracts: tx.select(&own.all()).await?,
        // Provider returns are kept with the council of their location, so
        // the area's come by `la`.
        locations: tx.select(&Filter::eq("local_authority", &own.la)).await?,
        capacity: tx.select(&own.all()).await?,
        workforce: tx.select(&own.all()).await?,
        ..Dataset::default()
    };
    add_elsewhere(tx, &mut ds).await?;
    Ok(ds)
}

/// A council's people and everything else of its own, with the national
/// reference data.
async fn people_half<T: Tx>(tx: &mut T, own: &Own) -> StoreResult<Dataset> {
    let all = own.all();
    Ok(Dataset {
        authorities: tx.select(&Filter::All).await?,
        localities: tx.select(&all).await?,
        population: tx.select(&all).await?,
        prevalence: tx.select(&Filter::All).await?,
        people: tx.select_some(&all, own.unread(PEOPLE_UNREAD)).await?,
        requests: tx
            .select_some(&own.requests(), own.unread(REQUESTS_UNREAD))
            .await?,
        reviews: tx.select(&own.reviews()).await?,
        quality_assessments: tx.select(&all).await?,
        visits: tx.select(&all).await?,
        concerns: tx.select(&all).await?,
        sanctions: tx.select(&all).await?,
        handbacks: tx.select(&all).await?,
        fees: tx.select(&all).await?,
        indicators: tx.select(&all).await?,
        gaps: tx.select(&all).await?,
        ascof: tx
            .select::<AscofRow>(&Filter::All)
            .await?
            .into_iter()
            .map(|r| r.0)
            .collect(),
        ..Dataset::default()
    })
}

/// Adds the requests that the date left out but that a loaded placement may
/// be linked to: closed on or before `since`, with a non-interim placement
/// naming them that starts after it. Returns how many were added.
async fn add_linked_requests<T: Tx>(tx: &mut T, ds: &mut Dataset, own: &Own) -> StoreResult<usize> {
    let Some(since) = own.since else {
        return Ok(0);
    };
    let have: rustc_hash::FxHashSet<&str> =
        ds.requests.iter().map(|r| r.request_id.as_str()).collect();
    let mut ids: Vec<String> = ds
        .placements
        .iter()
        .filter(|p| !p.interim && p.start_date > since)
        .filter_map(|p| p.request_id.as_ref().map(RequestId::as_str))
        .filter(|id| !have.contains(id))
        .map(str::to_string)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let found: Vec<Request> = tx
            .select_some(
                &own.all().and_in("request_id", chunk),
                own.unread(REQUESTS_UNREAD),
            )
            .await?;
        ds.requests.extend(found);
    }
    Ok(ids.len())
}

/// Adds the locations that matter to the council from outside its area (used
/// through a contract, a placement or quality work) and are not in `ds` yet,
/// with their returns. Returns how many were added.
async fn add_elsewhere<T: Tx>(tx: &mut T, ds: &mut Dataset) -> StoreResult<usize> {
    let ids = referenced_elsewhere(ds, &ds.locations);
    ds.append(elsewhere_rows(tx, &ids).await?);
    Ok(ids.len())
}

/// IDs per query when reading rows by a list of IDs.
const IDS_PER_QUERY: usize = 500;

/// Locations by ID, with their returns, [`IDS_PER_QUERY`] IDs at a time, in
/// the order of `ids`.
async fn elsewhere_rows<T: Tx>(tx: &mut T, ids: &[String]) -> StoreResult<Dataset> {
    let mut part = Dataset::default();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let ordered = |order: &str| {
            let ids = in_filter("location_id", chunk);
            let (clause, params) = ids.parts();
            Filter::Where(format!("{clause} order by {order}"), params.to_vec())
        };
        part.locations
            .extend(tx.select::<Location>(&ordered("location_id")).await?);
        part.capacity.extend(
            tx.select::<CapacityReturn>(&ordered("location_id, date"))
                .await?,
        );
        part.workforce.extend(
            tx.select::<WorkforceReturn>(&ordered("location_id, date"))
                .await?,
        );
    }
    Ok(part)
}

/// Everything, for exports and all-council reports.
async fn load_all<T: Tx>(tx: &mut T) -> StoreResult<Dataset> {
    let all = Filter::All;
    Ok(Dataset {
        authorities: tx.select(&all).await?,
        localities: tx.select(&all).await?,
        population: tx.select(&all).await?,
        prevalence: tx.select(&all).await?,
        locations: tx.select(&all).await?,
        contracts: tx.select(&all).await?,
        capacity: tx.select(&all).await?,
        people: tx.select(&all).await?,
        requests: tx.select(&all).await?,
        placements: tx.select(&all).await?,
        reviews: tx.select(&all).await?,
        quality_assessments: tx.select(&all).await?,
        visits: tx.select(&all).await?,
        concerns: tx.select(&all).await?,
        sanctions: tx.select(&all).await?,
        handbacks: tx.select(&all).await?,
        workforce: tx.select(&all).await?,
        fees: tx.select(&all).await?,
        indicators: tx.select(&all).await?,
        gaps: tx.select(&all).await?,
        ascof: tx
            .select::<AscofRow>(&all)
            .await?
            .into_iter()
            .map(|r| r.0)
            .collect(),
        rating_history: Vec::new(),
        quality_statements: Vec::new(),
    })
}

/// The IDs of locations that the records in `ds` use, sorted and without
/// repeats, leaving out those in `have` (the area's own, and any from
/// elsewhere read before).
fn referenced_elsewhere(ds: &Dataset, have: &[Location]) -> Vec<String> {
    // A large council's placements alone name a location 130,000 times,
    // some 1,900 distinct: a hash set takes them faster than a tree, and
    // only the distinct ones are sorted.
    let mut ids: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    ids.extend(ds.contracts.iter().map(|r| r.location_id.as_str()));
    ids.extend(ds.placements.iter().map(|r| r.location_id.as_str()));
    ids.extend(ds.sanctions.iter().map(|r| r.location_id.as_str()));
    ids.extend(ds.visits.iter().map(|r| r.location_id.as_str()));
    ids.extend(ds.concerns.iter().map(|r| r.location_id.as_str()));
    ids.extend(ds.handbacks.iter().map(|r| r.location_id.as_str()));
    ids.extend(
        ds.quality_assessments
            .iter()
            .map(|r| r.location_id.as_str()),
    );
    for l in have {
        ids.remove(l.location_id.as_str());
    }
    let mut ids: Vec<String> = ids.into_iter().map(str::to_string).collect();
    ids.sort_unstable();
    ids
}

/// The register, filtered.
pub async fn locations<T: Tx>(tx: &mut T, q: &LocationQuery) -> StoreResult<Vec<Location>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut add = |clause: &str, value: String| {
        params.push(value);
        clauses.push(clause.replace('?', &format!("${}", params.len())));
    };
    if let Some(la) = &q.la {
        add("local_authority = ?", la.to_string());
    }
    if let Some(s) = q.service_type {
        add("service_type = ?", s.to_string());
    }
    if let Some(r) = q.rating {
        add("rating = ?", r.to_string());
    }
    if let Some(s) = q.status {
        add("status = ?", s.to_string());
    }
    if let Some(p) = &q.provider_id {
        add("provider_id = ?", p.to_string());
    }
    if let Some(s) = q.specialism {
        add("(';' || specialisms || ';') like ?", format!("%;{s};%"));
    }
    if let Some(l) = &q.locality_id {
        add("locality_id = ?", l.clone());
    }
    if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pat = format!("%{}%", t.to_lowercase().replace(['%', '_'], ""));
        add(
            "(lower(name) like ? or lower(provider_name) like ? or lower(postcode) like ? or lower(location_id) like ?)",
            pat,
        );
    }
    let mut clause = if clauses.is_empty() {
        "1 = 1".to_string()
    } else {
        clauses.join(" and ")
    };
    clause.push_str(" order by name, location_id");
    if let Some(limit) = q.limit {
        clause.push_str(&format!(" limit {}", limit.max(0)));
    }
    if let Some(offset) = q.offset {
        clause.push_str(&format!(" offset {}", offset.max(0)));
    }
    tx.select(&Filter::Where(clause, params)).await
}

/// Turns a driver error into a [`StoreError`], keeping constraint failures
/// distinguishable.
pub fn driver_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(e.to_string())
}

/// Adds a line to the import log.
async fn log_import<T: Tx>(
    tx: &mut T,
    source: &ImportSource,
    summary: &ImportSummary,
) -> StoreResult<()> {
    let row = ImportRow {
        kind: source.kind.clone(),
        name: source.name.clone(),
        digest: source.digest.clone(),
        at: Utc::now(),
        rows_read: i64::try_from(summary.total_read()).unwrap_or(i64::MAX),
        rows_written: i64::try_from(summary.total_written()).unwrap_or(i64::MAX),
    };
    tx.append(&[row]).await?;
    Ok(())
}
