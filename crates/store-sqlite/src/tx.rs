//! The SQLite side of [`Tx`]: binding [`Value`]s, reading rows back by
//! column type.

use continuum_domain::LaName;
use continuum_store::ops::{self, Filter, Tx};
use continuum_store::schema::{ColType, OwnedValue, Record, RowReader, Tenant, Value, sql};
use continuum_store::{StoreError, StoreResult};
use futures_util::TryStreamExt;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Row, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// SQLite allows 32,766 parameters per statement; stay well under it. Larger
/// statements stop paying off after a few hundred rows.
const MAX_PARAMS: usize = 8_000;

/// An open write transaction.
#[derive(Debug)]
pub struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
}

impl SqliteTx {
    /// Starts a transaction. Writers use `begin immediate`, so a second writer
    /// waits for the lock instead of failing half-way.
    pub async fn begin(pool: &SqlitePool, statement: &'static str) -> StoreResult<Self> {
        let tx = pool
            .begin_with(statement)
            .await
            .map_err(ops::driver_error)?;
        Ok(Self { tx })
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

fn read_cell(row: &SqliteRow, i: usize, ty: ColType) -> Result<OwnedValue, sqlx::Error> {
    Ok(match ty {
        ColType::Text | ColType::Timestamp => row
            .try_get::<Option<String>, _>(i)?
            .map_or(OwnedValue::Null, OwnedValue::Text),
        ColType::Int => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(OwnedValue::Null, OwnedValue::Int),
        ColType::Real => row
            .try_get::<Option<f64>, _>(i)?
            .map_or(OwnedValue::Null, OwnedValue::Real),
        ColType::Bool => row
            .try_get::<Option<bool>, _>(i)?
            .map_or(OwnedValue::Null, OwnedValue::Bool),
        ColType::Date => row
            .try_get::<Option<String>, _>(i)?
            .map_or(OwnedValue::Null, OwnedValue::Text),
    })
}

/// Reads rows of one table on any connection.
pub async fn select<R: Record + Send>(
    conn: &mut SqliteConnection,
    filter: &Filter,
) -> StoreResult<Vec<R>> {
    let t = R::TABLE;
    let (clause, params) = filter.parts();
    let q = sql::select(t, clause);
    // The SQL is built from static table definitions; values travel as parameters.
    let mut query = sqlx::query(AssertSqlSafe(q));
    for p in params {
        query = query.bind(p);
    }
    let mut rows = query.fetch(conn);
    let mut out = Vec::new();
    let mut cells = Vec::with_capacity(t.columns.len());
    while let Some(row) = rows.try_next().await.map_err(ops::driver_error)? {
        cells.clear();
        for (i, c) in t.columns.iter().enumerate() {
            cells.push(read_cell(&row, i, c.ty).map_err(ops::driver_error)?);
        }
        let rec = R::decode(&mut RowReader::new(t, &cells)).map_err(|e| StoreError::Corrupt {
            table: t.name,
            message: e.0,
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
        let per = (MAX_PARAMS / t.columns.len()).clamp(1, 500);
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
        self.tx.commit().await.map_err(ops::driver_error)
    }

    async fn rollback(self) -> StoreResult<()> {
        self.tx.rollback().await.map_err(ops::driver_error)
    }
}
