//! Runs the embedded, append-only migrations.
//!
//! The migrations are embedded (and checksummed) by `sqlx::migrate!`, and the
//! applied ones are recorded in the same `_sqlx_migrations` table, with the same
//! columns and checksums, that sqlx's own runner keeps: a database created by
//! either runner is understood by the other. Each migration runs in its own
//! transaction, so a failed one leaves the database as it was before it.

use std::time::Instant;

use continuum_store::{StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

fn failed(version: i64, e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(format!("migration {version} failed: {e}"))
}

pub fn run(conn: &mut Connection) -> StoreResult<()> {
    conn.execute_batch(
        "create table if not exists _sqlx_migrations (
            version bigint primary key,
            description text not null,
            installed_on timestamp not null default current_timestamp,
            success boolean not null,
            checksum blob not null,
            execution_time bigint not null
        );",
    )
    .map_err(|e| failed(0, e))?;
    let mut applied_any = false;
    for m in MIGRATOR.iter() {
        // Immediate: a second process migrating at the same time waits here,
        // then finds the migration applied.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| failed(m.version, e))?;
        let applied: Option<(Vec<u8>, bool)> = tx
            .query_row(
                "select checksum, success from _sqlx_migrations where version = ?1",
                [m.version],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| failed(m.version, e))?;
        match applied {
            Some((sum, true)) if sum == m.checksum.as_ref() => continue,
            Some((_, true)) => {
                return Err(StoreError::Database(format!(
                    "migration {} ({}) was applied to this database but has since been changed",
                    m.version, m.description
                )));
            }
            Some((_, false)) => {
                return Err(StoreError::Database(format!(
                    "migration {} ({}) failed part-way earlier; the database needs repair",
                    m.version, m.description
                )));
            }
            None => {}
        }
        let started = Instant::now();
        tx.execute_batch(m.sql.as_str())
            .map_err(|e| failed(m.version, e))?;
        tx.execute(
            "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
             values (?1, ?2, true, ?3, ?4)",
            params![
                m.version,
                m.description.as_ref(),
                m.checksum.as_ref(),
                i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX)
            ],
        )
        .map_err(|e| failed(m.version, e))?;
        tx.commit().map_err(|e| failed(m.version, e))?;
        applied_any = true;
    }
    if applied_any {
        // A migration may change stored data without an import, which is
        // what keeps read models current: the models go.
        conn.execute_batch("delete from read_models")
            .map_err(|e| StoreError::Database(format!("clearing read models: {e}")))?;
    }
    Ok(())
}
