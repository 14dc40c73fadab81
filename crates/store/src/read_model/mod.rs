//! A council's read model: the rows of its evidence pack, kept in one stored
//! value so that the pack does not have to gather them from the tables.
//!
//! An evidence pack reads some 270,000 rows of a large council from twenty
//! tables ([`Scope::CouncilSince`](crate::Scope)). From the tables, most of
//! the time goes to the database stepping through rows and handing over each
//! cell; a read model is those same rows, encoded by [`codec`], in one row of
//! `read_models`, and decodes in a fraction of the time.
//!
//! A read model is a copy, never the record, and it is only read while it is
//! current: it keeps the state of the import log when it was built (how many
//! imports wrote a row, and the newest of them), and every write of council
//! data is an import that logs itself in the same transaction. An import
//! that writes anything makes every read model stale; a stale one is not read
//! and is rebuilt from the tables when next asked for, or by
//! [`Store::refresh_read_models`](crate::Store::refresh_read_models) (which
//! `continuum import` calls). It is read only by a build that writes the
//! same encoding and loads the same rows ([`codec::fingerprint`]). A model
//! built for one date serves that date and any later one: it holds the
//! history from its date on, and a later date needs less. Migrating the
//! database deletes every model (`SqlBackend::run_migrations` on both
//! backends), since a migration may change stored data without an import.

pub mod codec;
mod packed;

use chrono::{DateTime, Utc};
use continuum_domain::{Dataset, Date, LaName};

use crate::ops::{Filter, Tx};
use crate::schema::ColType::{Blob as BL, Date as D, Int as I, Text as T, Timestamp as TS};
use crate::schema::{Cells, DecodeError, Record, RowReader, Table, Tenant, Value, col};
use crate::{StoreError, StoreResult};

/// The state of the import log a read model was built at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportStamp {
    /// Imports that wrote at least one row.
    pub imports: i64,
    /// The newest of them (0 when there is none).
    pub newest: i64,
}

impl Record for ImportStamp {
    // Not a table but a query of the import log: its "columns" are the two
    // aggregates, valid on both backends, and it is never written. Imports
    // that wrote nothing (a re-import of the same file) change no data, so
    // they leave read models current.
    const TABLE: &'static Table = &Table {
        name: "imports",
        columns: &[col("count(*)", I), col("coalesce(max(id), 0)", I)],
        key: &[],
        tenant: Tenant::Reference,
    };
    fn values<'a>(&'a self, _: &mut Vec<Value<'a>>) {
        unreachable!("ImportStamp is only ever read")
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            imports: r.int()?,
            newest: r.int()?,
        })
    }
}

/// The import log's state as a transaction sees it.
pub(crate) async fn stamp<T: Tx>(tx: &mut T) -> StoreResult<ImportStamp> {
    tx.select::<ImportStamp>(&Filter::Where("rows_written > 0".into(), Vec::new()))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Database("the import log gave no count".into()))
}

/// One stored read model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReadModelRow {
    pub la: LaName,
    /// The history it holds starts after this date.
    pub since: Date,
    pub imports: i64,
    pub newest_import: i64,
    /// [`codec::fingerprint`] of the build that wrote it.
    pub fingerprint: String,
    pub built_at: DateTime<Utc>,
    /// Rows it holds, of every table.
    pub rows: i64,
    /// The encoded rows; empty when read without them.
    pub body: Vec<u8>,
}

impl Record for ReadModelRow {
    const TABLE: &'static Table = &Table {
        name: "read_models",
        columns: &[
            col("la", T),
            col("since", D),
            col("imports", I),
            col("newest_import", I),
            col("fingerprint", T),
            col("built_at", TS),
            col("rows", I),
            col("body", BL),
        ],
        key: &["la"],
        tenant: Tenant::Own,
    };
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            Value::text(self.la.as_str()),
            Value::Date(self.since),
            Value::Int(self.imports),
            Value::Int(self.newest_import),
            Value::text(&self.fingerprint),
            Value::Timestamp(self.built_at),
            Value::Int(self.rows),
            Value::Blob(self.body.as_slice().into()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            since: r.date()?,
            imports: r.int()?,
            newest_import: r.int()?,
            fingerprint: r.text()?,
            built_at: r.timestamp()?,
            rows: r.int()?,
            body: r.blob()?,
        })
    }
}

impl ReadModelRow {
    fn stamp(&self) -> ImportStamp {
        ImportStamp {
            imports: self.imports,
            newest: self.newest_import,
        }
    }

    fn info(&self, bytes: u64, current: bool) -> ReadModelInfo {
        ReadModelInfo {
            la: self.la.clone(),
            since: self.since,
            rows: u64::try_from(self.rows).unwrap_or(0),
            bytes,
            built_at: self.built_at,
            current,
        }
    }
}

/// A stored read model's rows, decoded where the driver holds its bytes
/// (megabytes for a large council, not copied first), or why they cannot
/// be. Only ever read.
pub(crate) struct ReadModelData(pub Result<Dataset, DecodeError>);

/// The columns of `read_models` between its council and its rows.
fn head_columns() -> Vec<&'static str> {
    let columns = ReadModelRow::TABLE.columns;
    columns[1..columns.len() - 1]
        .iter()
        .map(|c| c.name)
        .collect()
}

impl Record for ReadModelData {
    const TABLE: &'static Table = ReadModelRow::TABLE;
    fn values<'a>(&'a self, _: &mut Vec<Value<'a>>) {
        unreachable!("ReadModelData is only ever read")
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        // Every column but the last, the rows, is passed over.
        for _ in 1..Self::TABLE.columns.len() {
            r.skip()?;
        }
        // Decoding takes tens of milliseconds on two threads: off the async
        // workers, on a backend that reads rows on them.
        r.with_blob(|bytes| crate::blocking(|| codec::decode(bytes)))
            .map(Self)
    }
}

/// What is known of a read model without reading its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadModelInfo {
    pub la: LaName,
    /// Its history starts after this date: it serves packs whose history
    /// starts on or after it.
    pub since: Date,
    /// Rows it holds.
    pub rows: u64,
    /// Its size encoded, when known (0 when listed without reading it).
    pub bytes: u64,
    pub built_at: DateTime<Utc>,
    /// Whether it may be read: no import has written a row since it was
    /// built, and a build with the same fingerprint wrote it.
    pub current: bool,
}

/// Where an evidence pack's rows came from.
#[derive(Debug)]
pub enum PackSource {
    /// The council's current read model.
    ReadModel,
    /// The tables; `kept` says what became of the read model built from
    /// them, when one was asked for: its description, or why it was not
    /// stored (it is a copy, so failing to store one fails nothing).
    Tables {
        kept: Option<Result<ReadModelInfo, String>>,
    },
}

impl PackSource {
    /// Where the rows came from, as logs say it: "read model" or "tables".
    pub fn name(&self) -> &'static str {
        match self {
            Self::ReadModel => "read model",
            Self::Tables { .. } => "tables",
        }
    }

    /// Logs what became of the read model asked to be kept from the tables:
    /// kept, or why not (a warning: the next pack reads the tables again).
    pub fn log_kept(&self) {
        match self {
            Self::Tables { kept: Some(Ok(m)) } => tracing::info!(
                rows = m.rows,
                bytes = m.bytes,
                "rows read from the tables and kept as the council's read model"
            ),
            Self::Tables { kept: Some(Err(e)) } => tracing::warn!(
                error = e.as_str(),
                "rows read from the tables; the read model could not be kept"
            ),
            Self::ReadModel | Self::Tables { kept: None } => {}
        }
    }
}

/// One council's evidence-pack rows ([`Scope::CouncilSince`](crate::Scope)).
#[derive(Debug)]
pub struct PackRows {
    pub dataset: Dataset,
    pub source: PackSource,
}

fn only(la: &LaName) -> Filter {
    Filter::eq("la", la.as_str())
}

/// The council's read models as stored, without their rows.
async fn heads<T: Tx>(tx: &mut T, filter: &Filter) -> StoreResult<Vec<ReadModelRow>> {
    tx.select_some::<ReadModelRow>(filter, &["body"]).await
}

fn head_of(tx_rows: Vec<ReadModelRow>) -> Option<ReadModelRow> {
    tx_rows.into_iter().next()
}

/// The rows of the council's read model, if it is current and its history
/// reaches back to `since`: decoded, or why they cannot be.
pub(crate) async fn current<T: Tx>(
    tx: &mut T,
    la: &LaName,
    since: Date,
) -> StoreResult<Option<Result<Dataset, DecodeError>>> {
    let Some(head) = head_of(heads(tx, &only(la)).await?) else {
        return Ok(None);
    };
    if head.since > since
        || head.fingerprint != codec::fingerprint()
        || head.stamp() != stamp(tx).await?
    {
        return Ok(None);
    }
    Ok(tx
        .select_some::<ReadModelData>(&only(la), &head_columns())
        .await?
        .into_iter()
        .next()
        .map(|r| r.0))
}

/// Every read model, with whether each is current.
pub(crate) async fn list<T: Tx>(tx: &mut T) -> StoreResult<Vec<ReadModelInfo>> {
    let now = stamp(tx).await?;
    let fingerprint = codec::fingerprint();
    Ok(heads(tx, &Filter::All)
        .await?
        .iter()
        .map(|h| h.info(0, h.stamp() == now && h.fingerprint == fingerprint))
        .collect())
}

/// Encodes a council's rows, loaded at `stamp`, as its read model.
pub(crate) fn build(la: &LaName, since: Date, ds: &Dataset, stamp: ImportStamp) -> ReadModelRow {
    let rows =
        ds.total_rows() + ds.ascof.len() + ds.rating_history.len() + ds.quality_statements.len();
    ReadModelRow {
        la: la.clone(),
        since,
        imports: stamp.imports,
        newest_import: stamp.newest,
        fingerprint: codec::fingerprint().to_string(),
        built_at: Utc::now(),
        rows: i64::try_from(rows).unwrap_or(i64::MAX),
        body: codec::encode(ds),
    }
}

/// Stores a read model in place of the council's last, and describes it;
/// unless the one stored was built from a later state of the import log
/// (a slower build that started earlier finishing last), which stays.
pub(crate) async fn store<T: Tx>(tx: &mut T, row: &ReadModelRow) -> StoreResult<ReadModelInfo> {
    let bytes = row.body.len() as u64;
    let now = stamp(tx).await?;
    if let Some(held) = head_of(heads(tx, &only(&row.la)).await?)
        && held.imports > row.imports
    {
        return Ok(row.info(bytes, false));
    }
    tx.upsert(std::slice::from_ref(row), &|_| None).await?;
    Ok(row.info(bytes, now == row.stamp()))
}
