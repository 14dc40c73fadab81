//! The PostgreSQL side of [`Tx`]: `COPY` for bulk writes, typed binds for small
//! ones, and reads by column type.

use std::fmt::Write as _;

use continuum_domain::LaName;
use continuum_store::ops::{self, Filter, Tx};
use continuum_store::schema::{
    Cells, ColType, DecodeError, Record, RowReader, Value, sql, stored_cells,
};
use continuum_store::{StoreError, StoreResult};
use futures_util::TryStreamExt;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::{Arguments, AssertSqlSafe, PgConnection, PgPool, Postgres, Row, Transaction};

/// Below this many rows a multi-row insert beats setting up a COPY.
const COPY_FROM_ROWS: usize = 1_000;
/// Rows per multi-row insert (PostgreSQL allows 65,535 parameters).
const MAX_PARAMS: usize = 16_000;
/// From this many rows, a load into an empty table builds the primary key
/// after the data instead of during it.
const REBUILD_KEY_FROM: usize = 20_000;

/// Bytes of COPY data sent per chunk.
const COPY_CHUNK: usize = 4 << 20;

/// An open transaction.
#[derive(Debug)]
pub struct PgTx {
    tx: Transaction<'static, Postgres>,
}

impl PgTx {
    /// Starts a transaction; a read transaction sees one consistent snapshot.
    pub async fn begin(pool: &PgPool, read_only: bool) -> StoreResult<Self> {
        let mut tx = pool.begin().await.map_err(ops::driver_error)?;
        if read_only {
            sqlx::query("set transaction isolation level repeatable read, read only")
                .execute(&mut *tx)
                .await
                .map_err(ops::driver_error)?;
        }
        Ok(Self { tx })
    }
}

fn bind(args: &mut PgArguments, v: &Value<'_>, ty: ColType) -> StoreResult<()> {
    let r = match (v, ty) {
        (Value::Null, ColType::Text) => args.add(None::<String>),
        (Value::Null, ColType::Int) => args.add(None::<i64>),
        (Value::Null, ColType::Real) => args.add(None::<f64>),
        (Value::Null, ColType::Bool) => args.add(None::<bool>),
        (Value::Null, ColType::Date) => args.add(None::<chrono::NaiveDate>),
        (Value::Null, ColType::Timestamp) => args.add(None::<chrono::DateTime<chrono::Utc>>),
        (Value::Null, ColType::Blob) => args.add(None::<Vec<u8>>),
        (Value::Text(s), _) => args.add(s.to_string()),
        (Value::Int(i), _) => args.add(*i),
        (Value::Real(f), _) => args.add(*f),
        (Value::Bool(b), _) => args.add(*b),
        (Value::Date(d), _) => args.add(*d),
        (Value::Timestamp(t), _) => args.add(*t),
        (Value::Blob(b), _) => args.add(b.to_vec()),
    };
    r.map_err(|e| StoreError::Database(format!("cannot bind a value: {e}")))
}

/// Appends one value in COPY text format.
fn copy_value(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Null => out.push_str("\\N"),
        Value::Text(s) => {
            for ch in s.chars() {
                match ch {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        // Display gives the shortest text that reads back as the same f64.
        Value::Real(f) => {
            let _ = write!(out, "{f}");
        }
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Date(d) => {
            let _ = write!(out, "{}", d.format("%Y-%m-%d"));
        }
        Value::Timestamp(t) => out.push_str(&t.to_rfc3339()),
        // bytea's hex form, its backslash doubled by COPY's own escaping.
        Value::Blob(b) => {
            out.push_str("\\\\x");
            for byte in b.iter() {
                let _ = write!(out, "{byte:02x}");
            }
        }
    }
}

/// A PostgreSQL row's cells, with the driver's type checks.
struct PgCells<'r>(&'r PgRow);

fn decode_err(e: sqlx::Error) -> DecodeError {
    DecodeError(e.to_string())
}

impl Cells for PgCells<'_> {
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError> {
        self.0.try_get::<Option<&str>, _>(i).map_err(decode_err)
    }
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError> {
        self.0.try_get::<Option<i64>, _>(i).map_err(decode_err)
    }
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        self.0.try_get::<Option<f64>, _>(i).map_err(decode_err)
    }
    fn flag(&self, i: usize) -> Result<Option<bool>, DecodeError> {
        self.0.try_get::<Option<bool>, _>(i).map_err(decode_err)
    }
    fn date(&self, i: usize) -> Result<Option<chrono::NaiveDate>, DecodeError> {
        self.0
            .try_get::<Option<chrono::NaiveDate>, _>(i)
            .map_err(decode_err)
    }
    fn timestamp(&self, i: usize) -> Result<Option<chrono::DateTime<chrono::Utc>>, DecodeError> {
        self.0
            .try_get::<Option<chrono::DateTime<chrono::Utc>>, _>(i)
            .map_err(decode_err)
    }
    fn blob(&self, i: usize) -> Result<Option<&[u8]>, DecodeError> {
        self.0.try_get::<Option<&[u8]>, _>(i).map_err(decode_err)
    }
}

/// Reads rows of one table on any connection.
pub async fn select<R: Record + Send>(
    conn: &mut PgConnection,
    filter: &Filter,
    unread: &[&str],
) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    // The SQL is built from static table definitions; values travel as parameters.
    let mut query = sqlx::query(AssertSqlSafe(sql::select(t, clause, unread)));
    for p in params {
        query = query.bind(p);
    }
    let mut rows = query.fetch(conn);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await.map_err(ops::driver_error)? {
        let rec =
            R::decode(&mut RowReader::new(t, &PgCells(&row))).map_err(|e| StoreError::Corrupt {
                table: t.name,
                message: e.0,
            })?;
        out.push(rec);
    }
    Ok(out)
}

impl PgTx {
    async fn insert_rows<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let t = R::TABLE;
        let per = (MAX_PARAMS / t.columns.len()).clamp(1, 1000);
        let mut written = 0;
        let mut cells = Vec::with_capacity(t.columns.len());
        for chunk in rows.chunks(per) {
            let mut args = PgArguments::default();
            for r in chunk {
                stored_cells(r, tenant, &mut cells)?;
                for (v, c) in cells.iter().zip(t.columns) {
                    bind(&mut args, v, c.ty)?;
                }
            }
            let q = sql::upsert(t, chunk.len(), sql::Params::Numbered);
            let res = sqlx::query_with(AssertSqlSafe(q), args)
                .execute(&mut *self.tx)
                .await
                .map_err(ops::driver_error)?;
            written += res.rows_affected();
        }
        Ok(written)
    }

    /// Streams rows in COPY text format into `target` (a table or a temporary one).
    async fn copy_into<R: Record + Sync>(
        &mut self,
        target: &str,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let t = R::TABLE;
        let mut copy = self
            .tx
            .copy_in_raw(&format!("copy {target} ({}) from stdin", t.column_list()))
            .await
            .map_err(ops::driver_error)?;
        let mut buf = String::with_capacity(COPY_CHUNK + 4096);
        let mut cells = Vec::with_capacity(t.columns.len());
        for r in rows {
            stored_cells(r, tenant, &mut cells)?;
            for (i, v) in cells.iter().enumerate() {
                if i > 0 {
                    buf.push('\t');
                }
                copy_value(&mut buf, v);
            }
            buf.push('\n');
            if buf.len() >= COPY_CHUNK {
                copy.send(buf.as_bytes()).await.map_err(ops::driver_error)?;
                buf.clear();
            }
        }
        if !buf.is_empty() {
            copy.send(buf.as_bytes()).await.map_err(ops::driver_error)?;
        }
        copy.finish().await.map_err(ops::driver_error)
    }

    async fn exec(&mut self, sql: String) -> StoreResult<u64> {
        // Statements here are built from static table definitions and catalogue names.
        Ok(sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut *self.tx)
            .await
            .map_err(ops::driver_error)?
            .rows_affected())
    }

    /// Drops a table's secondary indexes (not those behind its key), returning
    /// the statements that rebuild them.
    async fn drop_indexes(&mut self, table: &str) -> StoreResult<Vec<String>> {
        let defs: Vec<(String, String)> = sqlx::query_as(
            "select indexname::text, indexdef from pg_indexes where schemaname = current_schema() and tablename = $1 \
             and indexname not in (select conname from pg_constraint where conrelid = (current_schema() || '.' || $1)::regclass)",
        )
        .bind(table)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(ops::driver_error)?;
        for (name, _) in &defs {
            self.exec(format!("drop index \"{name}\"")).await?;
        }
        Ok(defs.into_iter().map(|(_, def)| def).collect())
    }

    /// Drops a table's primary key, returning its name and definition.
    async fn drop_primary_key(&mut self, table: &str) -> StoreResult<Option<(String, String)>> {
        let key: Option<(String, String)> = sqlx::query_as(
            "select conname::text, pg_get_constraintdef(oid) from pg_constraint \
             where conrelid = (current_schema() || '.' || $1)::regclass and contype = 'p'",
        )
        .bind(table)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(ops::driver_error)?;
        if let Some((name, _)) = &key {
            // The name comes from the catalogue, the table from static definitions.
            self.exec(format!("alter table {table} drop constraint \"{name}\""))
                .await?;
        }
        Ok(key)
    }

    /// Bulk-loads rows. Into an empty table they are copied straight in (there
    /// is nothing to conflict with); otherwise they go to a temporary table and
    /// are merged with one upsert that writes only rows that differ. A load
    /// bigger than the table rebuilds its secondary indexes afterwards.
    async fn copy_rows<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        let t = R::TABLE;
        let held: i64 =
            sqlx::query_scalar(AssertSqlSafe(format!("select count(*) from {}", t.name)))
                .fetch_one(&mut *self.tx)
                .await
                .map_err(ops::driver_error)?;
        let rebuild = if held < i64::try_from(rows.len()).unwrap_or(i64::MAX) {
            self.exec("set local maintenance_work_mem = '512MB'".into())
                .await?;
            self.drop_indexes(t.name).await?
        } else {
            Vec::new()
        };
        let written = if held == 0 {
            // Into an empty table, a large load also leaves the key's index to
            // be built once at the end (sorted) rather than row by row; a
            // duplicate key then fails that build, and the transaction with it.
            let key = if rows.len() >= REBUILD_KEY_FROM {
                self.drop_primary_key(t.name).await?
            } else {
                None
            };
            let n = self.copy_into(t.name, rows, tenant).await?;
            if let Some((name, def)) = key {
                self.exec(format!(
                    "alter table {} add constraint \"{name}\" {def}",
                    t.name
                ))
                .await?;
            }
            n
        } else {
            let cols = t.column_list();
            let tmp = format!("copy_{}", t.name);
            self.exec(format!("drop table if exists {tmp}; create temp table {tmp} as select {cols} from {} with no data", t.name)).await?;
            self.copy_into(&tmp, rows, tenant).await?;
            let n = self
                .exec(format!(
                    "insert into {} ({cols}) select {cols} from {tmp}{}",
                    t.name,
                    sql::on_conflict(t)
                ))
                .await?;
            self.exec(format!("drop table {tmp}")).await?;
            n
        };
        for def in rebuild {
            self.exec(def).await?;
        }
        Ok(written)
    }
}

impl Tx for PgTx {
    async fn upsert<R: Record + Sync>(
        &mut self,
        rows: &[R],
        tenant: &(dyn Fn(&R) -> Option<LaName> + Sync),
    ) -> StoreResult<u64> {
        if rows.len() >= COPY_FROM_ROWS {
            self.copy_rows(rows, tenant).await
        } else {
            self.insert_rows(rows, tenant).await
        }
    }

    async fn append<R: Record + Sync>(&mut self, rows: &[R]) -> StoreResult<u64> {
        self.insert_rows(rows, &|_| None).await
    }

    async fn select_some<R: Record + Send>(
        &mut self,
        filter: &Filter,
        unread: &[&str],
    ) -> StoreResult<Vec<R>> {
        select(&mut self.tx, filter, unread).await
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
        self.tx.commit().await.map_err(ops::driver_error)
    }

    async fn rollback(self) -> StoreResult<()> {
        self.tx.rollback().await.map_err(ops::driver_error)
    }
}
