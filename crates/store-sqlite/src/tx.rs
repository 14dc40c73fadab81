//! The SQLite side of [`Tx`]: binding [`Value`]s, reading rows back by
//! column type.

use chrono::{DateTime, NaiveDate, Utc};
use continuum_domain::LaName;
use continuum_store::ops::{self, Filter, Tx};
use continuum_store::schema::{
    Cells, DecodeError, Record, RowReader, Table, Value, sql, stored_cells, text_date,
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
    /// Rows written so far, to decide whether to checkpoint after commit.
    written: u64,
}

/// After a write this big, the write-ahead log is folded back into the database
/// file at once (and truncated), so later readers do not wade through it.
const CHECKPOINT_AFTER_ROWS: u64 = 100_000;

impl SqliteTx {
    /// Starts a transaction. Writers use `begin immediate`, so a second writer
    /// waits for the lock instead of failing half-way.
    pub fn begin(conn: Pooled, statement: &'static str) -> StoreResult<Self> {
        blocking(|| conn.execute_batch(statement)).map_err(ops::driver_error)?;
        Ok(Self { conn, written: 0 })
    }
}

fn bind(st: &mut Statement<'_>, i: usize, v: &Value<'_>) -> rusqlite::Result<()> {
    match v {
        Value::Null => st.raw_bind_parameter(i, rusqlite::types::Null),
        Value::Text(s) => st.raw_bind_parameter(i, s.as_ref()),
        Value::Int(n) => st.raw_bind_parameter(i, n),
        Value::Real(f) => st.raw_bind_parameter(i, f),
        Value::Bool(b) => st.raw_bind_parameter(i, i64::from(*b)),
        Value::Date(d) => st.raw_bind_parameter(i, continuum_domain::parse::format_date(*d)),
        Value::Timestamp(t) => st.raw_bind_parameter(i, t.to_rfc3339()),
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
}

fn corrupt(t: &Table, message: String) -> StoreError {
    StoreError::Corrupt {
        table: t.name,
        message,
    }
}

/// Reads rows of one table.
fn select<R: Record>(conn: &Connection, filter: &Filter) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    // The SQL is built from static table definitions; values travel as parameters.
    let mut st = conn
        .prepare_cached(&sql::select(t, clause))
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
    let written = insert_chunks(conn, rows, tenant)?;
    for sql in rebuild {
        conn.execute_batch(&sql).map_err(ops::driver_error)?;
    }
    Ok(written)
}

fn insert_chunks<R: Record + Sync>(
    conn: &Connection,
    rows: &[R],
    tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
) -> StoreResult<u64> {
    let t = R::TABLE;
    let per = (MAX_PARAMS / t.columns.len()).clamp(1, ROWS_PER_STATEMENT);
    let mut written = 0;
    let mut cells: Vec<Value<'_>> = Vec::with_capacity(t.columns.len());
    let full = sql::upsert(t, per, sql::Params::Anonymous);
    for chunk in rows.chunks(per) {
        let last;
        let q = if chunk.len() == per {
            &full
        } else {
            last = sql::upsert(t, chunk.len(), sql::Params::Anonymous);
            &last
        };
        let mut st = conn.prepare_cached(q).map_err(ops::driver_error)?;
        let mut i = 1;
        for r in chunk {
            stored_cells(r, tenant, &mut cells)?;
            for v in &cells {
                bind(&mut st, i, v).map_err(ops::driver_error)?;
                i += 1;
            }
        }
        written += st.raw_execute().map_err(ops::driver_error)? as u64;
    }
    Ok(written)
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

    async fn select<R: Record + Send>(&mut self, filter: &Filter) -> StoreResult<Vec<R>> {
        blocking(|| select(&self.conn, filter))
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
