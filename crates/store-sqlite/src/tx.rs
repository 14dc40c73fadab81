//! The SQLite side of [`Tx`]: binding [`Value`]s, reading rows back by
//! column type.

use chrono::{DateTime, NaiveDate, Utc};
use continuum_domain::LaName;
use continuum_store::ops::{self, Filter, Tx};
use continuum_store::schema::{
    Cells, ColType, DecodeError, Record, RowReader, Tenant, Value, sql, text_date, text_timestamp,
};
use continuum_store::{StoreError, StoreResult};
use futures_util::TryStreamExt;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Row, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// SQLite allows 32,766 parameters per statement; stay well under it. Larger
/// statements stop paying off after a few hundred rows.
const MAX_PARAMS: usize = 30_000;

/// An open write transaction.
#[derive(Debug)]
pub struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
    pool: SqlitePool,
    /// Rows written so far, to decide whether to checkpoint after commit.
    written: u64,
}

/// After a write this big, the write-ahead log is folded back into the database
/// file at once (and truncated), so later readers do not wade through it.
const CHECKPOINT_AFTER_ROWS: u64 = 100_000;

impl SqliteTx {
    /// Starts a transaction. Writers use `begin immediate`, so a second writer
    /// waits for the lock instead of failing half-way.
    pub async fn begin(pool: &SqlitePool, statement: &'static str) -> StoreResult<Self> {
        let tx = pool
            .begin_with(statement)
            .await
            .map_err(ops::driver_error)?;
        Ok(Self {
            tx,
            pool: pool.clone(),
            written: 0,
        })
    }
}

fn bind(args: &mut SqliteArguments, v: &Value<'_>) -> StoreResult<()> {
    let r = match v {
        Value::Null => args.add(None::<String>),
        Value::Text(s) => args.add(s.to_string()),
        Value::Int(i) => args.add(*i),
        Value::Real(f) => args.add(*f),
        Value::Bool(b) => args.add(*b),
        Value::Date(d) => args.add(continuum_domain::parse::format_date(*d)),
        Value::Timestamp(t) => args.add(t.to_rfc3339()),
    };
    r.map_err(|e| StoreError::Database(format!("cannot bind a value: {e}")))
}

/// A SQLite row's cells. Types are not re-checked per cell: the tables are
/// STRICT, so a column only ever holds its declared type (or NULL).
struct SqliteCells<'r>(&'r SqliteRow);

fn decode_err(e: sqlx::Error) -> DecodeError {
    DecodeError(e.to_string())
}

impl Cells for SqliteCells<'_> {
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError> {
        self.0
            .try_get_unchecked::<Option<&str>, _>(i)
            .map_err(decode_err)
    }
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError> {
        self.0
            .try_get_unchecked::<Option<i64>, _>(i)
            .map_err(decode_err)
    }
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        self.0
            .try_get_unchecked::<Option<f64>, _>(i)
            .map_err(decode_err)
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

/// Reads rows of one table on any connection.
///
/// Plain filtered reads (the bulk of loading a council) come back as JSON built
/// inside SQLite, a page of rows per statement: handing rows one at a time from
/// SQLite's thread to ours cost about 5 µs each, which made a large council take
/// seconds. Reads that order or limit themselves use the row-by-row path.
pub async fn select<R: Record + Send>(
    conn: &mut SqliteConnection,
    filter: &Filter,
) -> StoreResult<Vec<R>> {
    let (clause, _) = filter.parts();
    if clause.contains("order by") || clause.contains("limit") {
        select_rows(conn, filter).await
    } else {
        select_json(conn, filter).await
    }
}

/// Rows per JSON page: big enough to amortise the statement, small enough to
/// keep one page's text modest.
const JSON_PAGE: usize = 50_000;

async fn select_json<R: Record + Send>(
    conn: &mut SqliteConnection,
    filter: &Filter,
) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    let cells: Vec<String> = t
        .columns
        .iter()
        .map(|c| match c.ty {
            // 17 significant digits: every double reads back exactly.
            ColType::Real => format!("iif({0} is null, null, printf('%!.17g', {0}))", c.name),
            _ => c.name.to_string(),
        })
        .collect();
    let inner = sql::select(t, clause);
    let q = format!(
        "select json_group_array(json_array({})) from ({inner} limit {JSON_PAGE} offset ${})",
        cells.join(", "),
        params.len() + 1
    );
    let mut out = Vec::new();
    loop {
        // The SQL is built from static table definitions; values travel as parameters.
        let mut query = sqlx::query_scalar::<_, String>(AssertSqlSafe(q.clone()));
        for p in params {
            query = query.bind(p);
        }
        let offset = i64::try_from(out.len()).unwrap_or(i64::MAX);
        let text = query
            .bind(offset)
            .fetch_one(&mut *conn)
            .await
            .map_err(ops::driver_error)?;
        let page: Vec<Vec<serde_json::Value>> =
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                table: t.name,
                message: e.to_string(),
            })?;
        let n = page.len();
        for row in &page {
            let rec = R::decode(&mut RowReader::new(t, &JsonCells(row))).map_err(|e| {
                StoreError::Corrupt {
                    table: t.name,
                    message: e.0,
                }
            })?;
            out.push(rec);
        }
        if n < JSON_PAGE {
            return Ok(out);
        }
    }
}

/// One row of a JSON page.
struct JsonCells<'r>(&'r [serde_json::Value]);

impl JsonCells<'_> {
    fn cell(&self, i: usize) -> Result<&serde_json::Value, DecodeError> {
        self.0
            .get(i)
            .ok_or_else(|| DecodeError(format!("row has no cell {i}")))
    }
}

impl Cells for JsonCells<'_> {
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError> {
        match self.cell(i)? {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) => Ok(Some(s)),
            v => Err(DecodeError(format!("cell {i}: {v} is not text"))),
        }
    }
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError> {
        match self.cell(i)? {
            serde_json::Value::Null => Ok(None),
            v => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| DecodeError(format!("cell {i}: {v} is not a whole number"))),
        }
    }
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        match self.text(i)? {
            None | Some("") => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| DecodeError(format!("cell {i}: {s} is not a number"))),
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

/// Reads rows one at a time, for reads that order or limit themselves.
async fn select_rows<R: Record + Send>(
    conn: &mut SqliteConnection,
    filter: &Filter,
) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    // The SQL is built from static table definitions; values travel as parameters.
    let mut query = sqlx::query(AssertSqlSafe(sql::select(t, clause)));
    for p in params {
        query = query.bind(p);
    }
    let mut rows = query.fetch(conn);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await.map_err(ops::driver_error)? {
        let rec = R::decode(&mut RowReader::new(t, &SqliteCells(&row))).map_err(|e| {
            StoreError::Corrupt {
                table: t.name,
                message: e.0,
            }
        })?;
        out.push(rec);
    }
    Ok(out)
}

/// A write this big, into a table holding fewer rows than it, loads faster with
/// the table's secondary indexes dropped and rebuilt afterwards (a sorted build)
/// than maintained row by row. Both happen inside the import's transaction.
const DEFER_INDEXES_FROM: usize = 20_000;

impl SqliteTx {
    /// Drops the secondary indexes of a table, returning the SQL to rebuild them.
    async fn drop_indexes(&mut self, table: &str) -> StoreResult<Vec<String>> {
        let defs: Vec<(String, String)> = sqlx::query_as(
            "select name, sql from sqlite_master where type = 'index' and tbl_name = $1 and sql is not null",
        )
        .bind(table)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(ops::driver_error)?;
        for (name, _) in &defs {
            // Index names come from sqlite_master, not from input.
            sqlx::query(AssertSqlSafe(format!("drop index \"{name}\"")))
                .execute(&mut *self.tx)
                .await
                .map_err(ops::driver_error)?;
        }
        Ok(defs.into_iter().map(|(_, sql)| sql).collect())
    }

    async fn table_rows(&mut self, table: &str) -> StoreResult<i64> {
        // Table names come from the static table definitions.
        sqlx::query_scalar(AssertSqlSafe(format!("select count(*) from {table}")))
            .fetch_one(&mut *self.tx)
            .await
            .map_err(ops::driver_error)
    }

    async fn write<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let t = R::TABLE;
        let defer = rows.len() >= DEFER_INDEXES_FROM
            && self.table_rows(t.name).await? < i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let rebuild = if defer {
            self.drop_indexes(t.name).await?
        } else {
            Vec::new()
        };
        let written = self.insert_chunks(rows, tenant).await?;
        for sql in rebuild {
            sqlx::query(AssertSqlSafe(sql))
                .execute(&mut *self.tx)
                .await
                .map_err(ops::driver_error)?;
        }
        Ok(written)
    }

    async fn insert_chunks<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let t = R::TABLE;
        let per = (MAX_PARAMS / t.columns.len()).clamp(1, 2_000);
        let mut written = 0;
        let mut cells: Vec<Value<'_>> = Vec::with_capacity(t.columns.len());
        for chunk in rows.chunks(per) {
            let q = sql::upsert(t, chunk.len(), sql::Params::Anonymous);
            let mut args = SqliteArguments::default();
            for r in chunk {
                cells.clear();
                if t.tenant == Tenant::Derived {
                    let la = tenant(r).ok_or_else(|| {
                        StoreError::Conflict(format!(
                            "a row of {} belongs to no known council",
                            t.name
                        ))
                    })?;
                    cells.push(Value::Text(la.to_string().into()));
                }
                r.values(&mut cells);
                for v in &cells {
                    bind(&mut args, v)?;
                }
            }
            let res = sqlx::query_with(AssertSqlSafe(q), args)
                .execute(&mut *self.tx)
                .await
                .map_err(ops::driver_error)?;
            written += res.rows_affected();
            self.written += res.rows_affected();
        }
        Ok(written)
    }
}

impl Tx for SqliteTx {
    async fn upsert<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        self.write(rows, tenant).await
    }

    async fn append<R: Record + Sync>(&mut self, rows: &[R]) -> StoreResult<u64> {
        self.write(rows, &|_| None).await
    }

    async fn select<R: Record + Send>(&mut self, filter: &Filter) -> StoreResult<Vec<R>> {
        select(&mut self.tx, filter).await
    }

    async fn delete<R: Record>(&mut self, filter: &Filter) -> StoreResult<u64> {
        let (clause, params) = filter.parts();
        // The SQL is built from static table definitions; values travel as parameters.
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "delete from {} where {clause}",
            R::TABLE.name
        )));
        for p in params {
            q = q.bind(p);
        }
        Ok(q.execute(&mut *self.tx)
            .await
            .map_err(ops::driver_error)?
            .rows_affected())
    }

    async fn commit(self) -> StoreResult<()> {
        self.tx.commit().await.map_err(ops::driver_error)?;
        if self.written >= CHECKPOINT_AFTER_ROWS {
            sqlx::query("pragma wal_checkpoint(truncate)")
                .execute(&self.pool)
                .await
                .map_err(ops::driver_error)?;
        }
        Ok(())
    }

    async fn rollback(self) -> StoreResult<()> {
        self.tx.rollback().await.map_err(ops::driver_error)
    }
}
