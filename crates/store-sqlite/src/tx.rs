//! The SQLite side of [`Tx`]: binding [`Value`]s, reading rows back by
//! column type.

use chrono::{DateTime, NaiveDate, Utc};
use continuum_domain::LaName;
use continuum_store::ops::{self, Filter, Tx};
use continuum_store::schema::{
    Cells, DecodeError, Record, RowReader, Table, Tenant, Value, sql, stored_cells, text_date,
    text_timestamp,
};
use continuum_store::{StoreError, StoreResult};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Statement};

use crate::pool::{Pooled, blocking};

/// SQLite allows 32,766 parameters per statement.
const MAX_PARAMS: usize = 32_000;

/// Rows per bulk statement. A multi-row statement runs its per-statement work
/// (reset, the `on conflict` set-up) once for many rows; past a few dozen rows
/// the gain is gone and the statement only gets longer to prepare.
const ROWS_PER_STATEMENT: usize = 64;

/// An open transaction on a pooled connection. Dropped without a commit, it
/// rolls back.
#[derive(Debug)]
pub struct SqliteTx {
    conn: Pooled,
    /// Whether this is a write transaction.
    writes: bool,
    /// Rows written so far, to decide whether to checkpoint after commit.
    written: u64,
}

/// After a write this big, the write-ahead log is folded back into the database
/// file at once (and truncated), so later readers do not wade through it.
const CHECKPOINT_AFTER_ROWS: u64 = 100_000;

impl SqliteTx {
    /// Starts a transaction with [`WRITE`] or [`READ`].
    pub fn begin(conn: Pooled, statement: &'static str) -> StoreResult<Self> {
        blocking(|| conn.execute_batch(statement)).map_err(ops::driver_error)?;
        Ok(Self {
            conn,
            writes: statement == WRITE,
            written: 0,
        })
    }

    /// The database's write generation as this transaction sees it: every
    /// write transaction adds one as it commits, so two transactions that see
    /// the same generation see the same data. Reading it also fixes a read
    /// transaction's snapshot.
    pub fn generation(&self) -> StoreResult<i64> {
        blocking(|| {
            self.conn
                .query_row("select n from _generation", [], |r| r.get(0))
        })
        .map_err(ops::driver_error)
    }
}

/// How a write transaction begins: `begin immediate` takes the write lock at
/// once, so a second writer waits for it instead of failing half-way.
pub const WRITE: &str = "begin immediate";

/// How a read transaction begins.
pub const READ: &str = "begin deferred";

fn bind(st: &mut Statement<'_>, i: usize, v: &Value<'_>) -> rusqlite::Result<()> {
    match v {
        Value::Null => st.raw_bind_parameter(i, rusqlite::types::Null),
        Value::Text(s) => st.raw_bind_parameter(i, s.as_ref()),
        Value::Int(n) => st.raw_bind_parameter(i, n),
        Value::Real(f) => st.raw_bind_parameter(i, f),
        Value::Bool(b) => st.raw_bind_parameter(i, i64::from(*b)),
        Value::Date(d) => match continuum_domain::parse::date_bytes(*d) {
            // The ten bytes are ASCII digits and dashes.
            Some(b) => st.raw_bind_parameter(i, std::str::from_utf8(&b).unwrap_or_default()),
            None => st.raw_bind_parameter(i, continuum_domain::parse::format_date(*d)),
        },
        Value::Timestamp(t) => st.raw_bind_parameter(i, t.to_rfc3339()),
        Value::Blob(b) => st.raw_bind_parameter(i, b.as_ref()),
    }
}

/// Binds a filter's text parameters. A numbered parameter (`$2`, `?2`) takes
/// that value of the list wherever it appears in the statement; any other
/// takes the next one in order.
fn bind_params(st: &mut Statement<'_>, params: &[String]) -> StoreResult<()> {
    for i in 1..=st.parameter_count() {
        let n = st
            .parameter_name(i)
            .and_then(|name| name.get(1..))
            .and_then(|digits| digits.parse::<usize>().ok())
            .unwrap_or(i);
        let value = params.get(n.wrapping_sub(1)).ok_or_else(|| {
            StoreError::Database(format!(
                "the statement has parameter {n} but only {} values were given",
                params.len()
            ))
        })?;
        st.raw_bind_parameter(i, value.as_str())
            .map_err(ops::driver_error)?;
    }
    Ok(())
}

/// A SQLite row's cells. Types are not re-checked against the table: the
/// tables are STRICT, so a column only ever holds its declared type (or NULL).
struct RowCells<'a, 's>(&'a rusqlite::Row<'s>);

impl RowCells<'_, '_> {
    fn cell(&self, i: usize) -> Result<ValueRef<'_>, DecodeError> {
        self.0.get_ref(i).map_err(|e| DecodeError(e.to_string()))
    }
}

impl Cells for RowCells<'_, '_> {
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(b) => std::str::from_utf8(b)
                .map(Some)
                .map_err(|e| DecodeError(format!("cell {i}: {e}"))),
            v => Err(DecodeError(format!(
                "cell {i}: {:?} is not text",
                v.data_type()
            ))),
        }
    }
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(n) => Ok(Some(n)),
            v => Err(DecodeError(format!(
                "cell {i}: {:?} is not a whole number",
                v.data_type()
            ))),
        }
    }
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Real(f) => Ok(Some(f)),
            #[allow(clippy::cast_precision_loss)]
            ValueRef::Integer(n) => Ok(Some(n as f64)),
            v => Err(DecodeError(format!(
                "cell {i}: {:?} is not a number",
                v.data_type()
            ))),
        }
    }
    fn flag(&self, i: usize) -> Result<Option<bool>, DecodeError> {
        Ok(self.int(i)?.map(|v| v != 0))
    }
    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DecodeError> {
        text_date(self.text(i)?)
    }
    fn timestamp(&self, i: usize) -> Result<Option<DateTime<Utc>>, DecodeError> {
        text_timestamp(self.text(i)?)
    }
    fn blob(&self, i: usize) -> Result<Option<&[u8]>, DecodeError> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Blob(b) => Ok(Some(b)),
            v => Err(DecodeError(format!(
                "cell {i}: {:?} is not bytes",
                v.data_type()
            ))),
        }
    }
}

fn corrupt(t: &Table, message: String) -> StoreError {
    StoreError::Corrupt {
        table: t.name,
        message,
    }
}

/// Reads rows of one table.
fn select<R: Record>(conn: &Connection, filter: &Filter, unread: &[&str]) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    // The SQL is built from static table definitions; values travel as parameters.
    let mut st = conn
        .prepare_cached(&sql::select(t, clause, unread))
        .map_err(ops::driver_error)?;
    bind_params(&mut st, params)?;
    let mut rows = st.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(ops::driver_error)? {
        let rec = R::decode(&mut RowReader::new(t, &RowCells(row))).map_err(|e| corrupt(t, e.0))?;
        out.push(rec);
    }
    Ok(out)
}

/// A write this big, into a table holding fewer rows than it, loads faster with
/// the table's secondary indexes dropped and rebuilt afterwards (a sorted build)
/// than maintained row by row. Both happen inside the import's transaction.
const DEFER_INDEXES_FROM: usize = 20_000;

/// Settings for building indexes after a large write. SQLite sorts an
/// index's entries in runs as large as the page cache. One run the size of
/// the bulk cache (1 GiB) is sorted as one linked list, which misses the CPU
/// cache at nearly every step; many small runs, sorted on two threads and
/// merged through temporary files (which the OS keeps in memory), build the
/// same index in well under half the time. Measured on the placements of the
/// national bundle (4.2 million rows, index by location): 6.8 s with a 1 GiB
/// cache, 2.4 s with 8 MiB and two threads.
const INDEX_BUILD: &str = "pragma cache_size = -8192; pragma threads = 2";

/// Back to the bulk write settings once the indexes are built.
const AFTER_INDEX_BUILD: &str = "pragma threads = 0; pragma cache_size = -1048576";

/// Drops the secondary indexes of a table, returning the SQL to rebuild them.
fn drop_indexes(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let defs: Vec<(String, String)> = {
        let mut st = conn.prepare(
            "select name, sql from sqlite_master where type = 'index' and tbl_name = ?1 and sql is not null",
        )?;
        st.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (name, _) in &defs {
        // Index names come from sqlite_master, not from input.
        conn.execute_batch(&format!("drop index \"{name}\""))?;
    }
    Ok(defs.into_iter().map(|(_, sql)| sql).collect())
}

fn write<R: Record + Sync>(
    conn: &Connection,
    rows: &[R],
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
) -> StoreResult<u64> {
    let t = R::TABLE;
    let defer = rows.len() >= DEFER_INDEXES_FROM && {
        // Table names come from the static table definitions.
        let stored: i64 = conn
            .query_row(&format!("select count(*) from {}", t.name), [], |r| {
                r.get(0)
            })
            .map_err(ops::driver_error)?;
        stored < i64::try_from(rows.len()).unwrap_or(i64::MAX)
    };
    let rebuild = if defer {
        drop_indexes(conn, t.name).map_err(ops::driver_error)?
    } else {
        Vec::new()
    };
    let started = std::time::Instant::now();
    let written = insert_chunks(conn, rows, tenant)?;
    let inserted = started.elapsed();
    if !rebuild.is_empty() {
        conn.execute_batch(INDEX_BUILD).map_err(ops::driver_error)?;
        for sql in rebuild {
            conn.execute_batch(&sql).map_err(ops::driver_error)?;
        }
        conn.execute_batch(AFTER_INDEX_BUILD)
            .map_err(ops::driver_error)?;
    }
    tracing::debug!(
        table = t.name,
        insert_ms = u64::try_from(inserted.as_millis()).unwrap_or(u64::MAX),
        index_ms = u64::try_from((started.elapsed() - inserted).as_millis()).unwrap_or(u64::MAX),
        "rows inserted"
    );
    Ok(written)
}

/// How a large write goes in: the rows in primary-key order, and the council
/// of each row of a table whose council is derived.
///
/// SQLite adds a row at the end of a b-tree far faster than in the middle (no
/// page split, and the same leaf page stays in the cache): placements of the
/// national bundle go in about a third faster in key order than in file order.
/// The order is a hint only: a key that sorted differently here and in SQLite
/// (none of ours does) would cost time, not correctness.
///
/// A derived council costs a lookup by person or location in a map of a
/// million or more entries, nearly always a cache miss; the plan looks each
/// row up once, on two threads, while the keys are built.
struct Plan {
    order: Vec<u32>,
    /// Runs of rows (in the caller's order) with one council: the first row of
    /// the run and its council. Empty unless the council is derived.
    councils: Vec<(u32, String)>,
}

impl Plan {
    fn council(&self, row: u32) -> Option<&str> {
        let run = self.councils.partition_point(|(first, _)| *first <= row);
        run.checked_sub(1).map(|r| self.councils[r].1.as_str())
    }
}

/// The sort keys of some rows, end to end in one buffer, and their councils.
#[derive(Default)]
struct Keys {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    councils: Vec<(u32, String)>,
}

impl Keys {
    fn of(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// The keys of `rows`, which start at row `first` of the write. A text cell
/// is its bytes then a zero byte (SQLite compares text bytewise), a whole
/// number eight big-endian bytes with the sign bit flipped.
fn keys<R: Record>(
    rows: &[R],
    first: u32,
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
) -> StoreResult<Keys> {
    let t = R::TABLE;
    let key: Vec<usize> = t
        .key
        .iter()
        .filter_map(|k| t.columns.iter().position(|c| c.name == *k))
        .collect();
    let mut out = Keys {
        bytes: Vec::with_capacity(rows.len() * 32),
        ends: Vec::with_capacity(rows.len()),
        councils: Vec::new(),
    };
    let mut cells = Vec::with_capacity(t.columns.len());
    for (i, r) in (first..).zip(rows) {
        stored_cells(r, tenant, &mut cells)?;
        if t.tenant == Tenant::Derived
            && let Some(Value::Text(la)) = cells.first()
            && out
                .councils
                .last()
                .is_none_or(|(_, last)| last.as_str() != la)
        {
            out.councils.push((i, la.to_string()));
        }
        for &k in &key {
            match &cells[k] {
                Value::Text(s) => {
                    out.bytes.extend_from_slice(s.as_bytes());
                    out.bytes.push(0);
                }
                Value::Int(n) => out.bytes.extend_from_slice(&(n ^ i64::MIN).to_be_bytes()),
                Value::Date(d) => out
                    .bytes
                    .extend_from_slice(continuum_domain::parse::format_date(*d).as_bytes()),
                _ => {}
            }
        }
        out.ends.push(out.bytes.len());
    }
    Ok(out)
}

fn plan<R: Record + Sync>(
    rows: &[R],
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
) -> StoreResult<Option<Plan>> {
    let Ok(n) = u32::try_from(rows.len()) else {
        return Ok(None);
    };
    if rows.len() < DEFER_INDEXES_FROM {
        return Ok(None);
    }
    // Each half on its own thread: keys, then the half sorted by them.
    let mid = n / 2;
    let (front, back) = rows.split_at(mid as usize);
    let half = |rows: &[R], first: u32| -> StoreResult<(Keys, Vec<u32>)> {
        let keys = keys(rows, first, tenant)?;
        let last = first + u32::try_from(rows.len()).unwrap_or(0);
        let mut order: Vec<u32> = (0..last - first).collect();
        if !order.is_sorted_by(|&a, &b| keys.of(a) <= keys.of(b)) {
            order.sort_unstable_by(|&a, &b| keys.of(a).cmp(keys.of(b)));
        }
        Ok((keys, order))
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| half(front, 0));
        let b = half(back, mid);
        (a.join(), b)
    });
    let (a, a_order) = a.map_err(|_| StoreError::Database("sorting rows failed".into()))??;
    let (b, b_order) = b?;
    // Merge the two sorted halves; the back half's rows are numbered from `mid`.
    let mut order = Vec::with_capacity(rows.len());
    let (mut i, mut j) = (0, 0);
    while i < a_order.len() && j < b_order.len() {
        if b.of(b_order[j]) < a.of(a_order[i]) {
            order.push(b_order[j] + mid);
            j += 1;
        } else {
            order.push(a_order[i]);
            i += 1;
        }
    }
    order.extend_from_slice(&a_order[i..]);
    order.extend(b_order[j..].iter().map(|r| r + mid));
    let mut councils = a.councils;
    for (first, la) in b.councils {
        if councils.last().is_none_or(|(_, last)| *last != la) {
            councils.push((first, la));
        }
    }
    Ok(Some(Plan { order, councils }))
}

fn insert_chunks<R: Record + Sync>(
    conn: &Connection,
    rows: &[R],
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
) -> StoreResult<u64> {
    let plan = plan(rows, tenant)?;
    let t = R::TABLE;
    let per = (MAX_PARAMS / t.columns.len()).clamp(1, ROWS_PER_STATEMENT);
    let mut written = 0;
    let mut cells: Vec<Value<'_>> = Vec::with_capacity(t.columns.len());
    let full = sql::upsert(t, per, sql::Params::Anonymous);
    let mut start = 0;
    while start < rows.len() {
        let end = (start + per).min(rows.len());
        let last;
        let q = if end - start == per {
            &full
        } else {
            last = sql::upsert(t, end - start, sql::Params::Anonymous);
            &last
        };
        let mut st = conn.prepare_cached(q).map_err(ops::driver_error)?;
        let mut i = 1;
        for n in start..end {
            match &plan {
                Some(plan) => {
                    let at = plan.order[n];
                    let r = &rows[at as usize];
                    cells.clear();
                    if t.tenant == Tenant::Derived {
                        let la = plan.council(at).ok_or_else(|| no_council(t))?;
                        cells.push(Value::Text(la.into()));
                    }
                    r.values(&mut cells);
                }
                None => stored_cells(&rows[n], tenant, &mut cells)?,
            }
            for v in &cells {
                bind(&mut st, i, v).map_err(ops::driver_error)?;
                i += 1;
            }
        }
        written += st.raw_execute().map_err(ops::driver_error)? as u64;
        start = end;
    }
    Ok(written)
}

fn no_council(t: &Table) -> StoreError {
    StoreError::Conflict(format!("a row of {} belongs to no known council", t.name))
}

impl Tx for SqliteTx {
    async fn upsert<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let n = blocking(|| {
            if rows.len() >= DEFER_INDEXES_FROM {
                // A large write walks b-trees bigger than the everyday page cache.
                self.conn.use_bulk_cache().map_err(ops::driver_error)?;
            }
            write(&self.conn, rows, tenant)
        })?;
        self.written += n;
        Ok(n)
    }

    async fn append<R: Record + Sync>(&mut self, rows: &[R]) -> StoreResult<u64> {
        self.upsert(rows, &|_| None).await
    }

    async fn select_some<R: Record + Send>(
        &mut self,
        filter: &Filter,
        unread: &[&str],
    ) -> StoreResult<Vec<R>> {
        blocking(|| select(&self.conn, filter, unread))
    }

    async fn delete<R: Record>(&mut self, filter: &Filter) -> StoreResult<u64> {
        let (clause, params) = filter.parts();
        blocking(|| {
            // The SQL is built from static table definitions; values travel as parameters.
            let mut st = self
                .conn
                .prepare_cached(&format!("delete from {} where {clause}", R::TABLE.name))
                .map_err(ops::driver_error)?;
            bind_params(&mut st, params)?;
            Ok(st.raw_execute().map_err(ops::driver_error)? as u64)
        })
    }

    async fn commit(self) -> StoreResult<()> {
        blocking(|| {
            if self.writes {
                self.conn
                    .execute_batch("update _generation set n = n + 1")
                    .map_err(ops::driver_error)?;
            }
            self.conn
                .execute_batch("commit")
                .map_err(ops::driver_error)?;
            if self.written >= CHECKPOINT_AFTER_ROWS {
                self.conn
                    .execute_batch("pragma wal_checkpoint(truncate)")
                    .map_err(ops::driver_error)?;
            }
            Ok(())
        })
    }

    async fn rollback(self) -> StoreResult<()> {
        blocking(|| self.conn.execute_batch("rollback")).map_err(ops::driver_error)
    }
}
