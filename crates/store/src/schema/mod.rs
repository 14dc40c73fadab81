//! The table codec shared by both backends.
//!
//! Each stored entity implements [`Record`]: it names its [`Table`] (columns,
//! key, tenant) and turns itself into a row of [`Value`]s and back. The backends
//! only move `Value`s in and out of their driver, so the mapping between domain
//! types and columns is written once, here, and cannot drift between SQLite and
//! PostgreSQL. The schema itself lives in each backend's migrations; the
//! conformance suite proves the two agree with these definitions.

mod accounts;
mod tables;

use chrono::{DateTime, NaiveDate, Utc};
use std::borrow::Cow;
use std::str::FromStr;

/// The storage type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Text,
    Int,
    Real,
    Bool,
    Date,
    Timestamp,
    /// Bytes (SQLite `blob`, PostgreSQL `bytea`).
    Blob,
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
}

/// Shorthand for table definitions.
pub const fn col(name: &'static str, ty: ColType) -> Column {
    Column { name, ty }
}

/// How a table's rows get their council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tenant {
    /// The record carries `la` itself (its first column).
    Own,
    /// The record does not carry it; the importer supplies it as the first
    /// column (from the person's or the location's council).
    Derived,
    /// National reference data with no single council.
    Reference,
}

/// A stored table.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// All columns the codec reads and writes, in order. For
    /// [`Tenant::Derived`] tables the first is `la`, supplied by the importer.
    pub columns: &'static [Column],
    /// The primary key.
    pub key: &'static [&'static str],
    pub tenant: Tenant,
}

impl Table {
    /// The column names joined with commas.
    pub fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A cell on its way into the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    Int(i64),
    Real(f64),
    Bool(bool),
    Date(NaiveDate),
    Timestamp(DateTime<Utc>),
    Blob(Cow<'a, [u8]>),
}

impl<'a> Value<'a> {
    /// Borrowed text.
    pub fn text(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }

    /// Optional borrowed text.
    pub fn opt_text(s: Option<&'a str>) -> Self {
        s.map_or(Value::Null, Value::text)
    }

    /// An optional date.
    pub fn opt_date(d: Option<NaiveDate>) -> Self {
        d.map_or(Value::Null, Value::Date)
    }

    /// An optional whole number.
    pub fn opt_int(v: Option<impl Into<i64>>) -> Self {
        v.map_or(Value::Null, |v| Value::Int(v.into()))
    }

    /// An optional real number.
    pub fn opt_real(v: Option<f64>) -> Self {
        v.map_or(Value::Null, Value::Real)
    }

    /// An optional flag.
    pub fn opt_bool(v: Option<bool>) -> Self {
        v.map_or(Value::Null, Value::Bool)
    }

    /// A `;`-separated list.
    pub fn list<T: std::fmt::Display>(items: &[T]) -> Self {
        Value::Text(Cow::Owned(continuum_domain::parse::format_list(items)))
    }
}

/// A row as a backend returns it: typed access to its cells by position,
/// borrowing from the driver's row so that reading copies nothing it does not
/// keep. Each backend implements it for its row type.
pub trait Cells {
    /// Text (also dates and timestamps stored as text).
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError>;
    /// A whole number (also 0/1 flags stored as integers).
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError>;
    /// A real number.
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError>;
    /// A flag.
    fn flag(&self, i: usize) -> Result<Option<bool>, DecodeError>;
    /// A date.
    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DecodeError>;
    /// A timestamp.
    fn timestamp(&self, i: usize) -> Result<Option<DateTime<Utc>>, DecodeError>;
    /// Bytes.
    fn blob(&self, i: usize) -> Result<Option<&[u8]>, DecodeError>;
}

/// Reads the cells of one row in column order, with typed getters that say
/// which column failed to parse.
#[derive(Debug)]
pub struct RowReader<'r, C: Cells + ?Sized> {
    table: &'static Table,
    cells: &'r C,
    pos: usize,
}

/// A row that does not decode into its record: a bug or a hand edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

type Decoded<T> = Result<T, DecodeError>;

impl<'r, C: Cells + ?Sized> RowReader<'r, C> {
    /// A reader over one row of `table`.
    pub fn new(table: &'static Table, cells: &'r C) -> Self {
        Self {
            table,
            cells,
            pos: 0,
        }
    }

    fn name(&self) -> &'static str {
        self.table.columns.get(self.pos).map_or("?", |c| c.name)
    }

    /// Moves to the next column, returning its index and name.
    fn step(&mut self) -> (usize, &'static str) {
        let at = (self.pos, self.name());
        self.pos += 1;
        at
    }

    fn required<T>(name: &str, v: Option<T>) -> Decoded<T> {
        v.ok_or_else(|| DecodeError(format!("column {name} is empty")))
    }

    /// Skips a column (the derived `la`).
    pub fn skip(&mut self) -> Decoded<()> {
        self.step();
        Ok(())
    }

    /// Optional text.
    pub fn opt_text(&mut self) -> Decoded<Option<String>> {
        let (i, _) = self.step();
        Ok(self.cells.text(i)?.map(str::to_string))
    }

    /// Required text.
    pub fn text(&mut self) -> Decoded<String> {
        let name = self.name();
        Self::required(name, self.opt_text()?)
    }

    /// Optional text parsed with `FromStr` (IDs, vocabularies); empty is none.
    pub fn opt_parse<T: FromStr>(&mut self) -> Decoded<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        let (i, name) = self.step();
        match self.cells.text(i)? {
            None | Some("") => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|e| DecodeError(format!("column {name}: {e}"))),
        }
    }

    /// Required text parsed with `FromStr`.
    pub fn parse<T: FromStr>(&mut self) -> Decoded<T>
    where
        T::Err: std::fmt::Display,
    {
        let name = self.name();
        Self::required(name, self.opt_parse()?)
    }

    /// A `;`-separated list.
    pub fn list<T: FromStr>(&mut self) -> Decoded<Vec<T>>
    where
        T::Err: std::fmt::Display,
    {
        let (i, name) = self.step();
        let s = self.cells.text(i)?.unwrap_or_default();
        continuum_domain::parse::parse_list(s)
            .map_err(|e| DecodeError(format!("column {name}: {e}")))
    }

    /// An optional whole number.
    pub fn opt_int(&mut self) -> Decoded<Option<i64>> {
        let (i, _) = self.step();
        self.cells.int(i)
    }

    /// A required whole number converted to the record's integer type.
    pub fn int<T: TryFrom<i64>>(&mut self) -> Decoded<T> {
        let name = self.name();
        Self::required(name, self.opt_int_as()?)
    }

    /// An optional whole number converted to the record's integer type.
    pub fn opt_int_as<T: TryFrom<i64>>(&mut self) -> Decoded<Option<T>> {
        let name = self.name();
        match self.opt_int()? {
            None => Ok(None),
            Some(v) => T::try_from(v)
                .map(Some)
                .map_err(|_| DecodeError(format!("column {name}: {v} is out of range"))),
        }
    }

    /// An optional real number.
    pub fn opt_real(&mut self) -> Decoded<Option<f64>> {
        let (i, _) = self.step();
        self.cells.real(i)
    }

    /// A required real number.
    pub fn real(&mut self) -> Decoded<f64> {
        let name = self.name();
        Self::required(name, self.opt_real()?)
    }

    /// An optional flag.
    pub fn opt_bool(&mut self) -> Decoded<Option<bool>> {
        let (i, _) = self.step();
        self.cells.flag(i)
    }

    /// A required flag.
    pub fn bool(&mut self) -> Decoded<bool> {
        let name = self.name();
        Self::required(name, self.opt_bool()?)
    }

    /// An optional date.
    pub fn opt_date(&mut self) -> Decoded<Option<NaiveDate>> {
        let (i, _) = self.step();
        self.cells.date(i)
    }

    /// A required date.
    pub fn date(&mut self) -> Decoded<NaiveDate> {
        let name = self.name();
        Self::required(name, self.opt_date()?)
    }

    /// A required timestamp.
    pub fn timestamp(&mut self) -> Decoded<DateTime<Utc>> {
        let (i, name) = self.step();
        Self::required(name, self.cells.timestamp(i)?)
    }

    /// Bytes; an empty cell (one left unread) is no bytes.
    pub fn blob(&mut self) -> Decoded<Vec<u8>> {
        self.with_blob(<[u8]>::to_vec)
    }

    /// What `f` makes of the bytes where the driver holds them, without
    /// copying them first; an empty cell is no bytes.
    pub fn with_blob<T>(&mut self, f: impl FnOnce(&[u8]) -> T) -> Decoded<T> {
        let (i, _) = self.step();
        Ok(f(self.cells.blob(i)?.unwrap_or_default()))
    }
}

/// Parses a date stored as text, for backends that store dates so.
pub fn text_date(s: Option<&str>) -> Result<Option<NaiveDate>, DecodeError> {
    s.map(|s| continuum_domain::parse_date(s).map_err(|e| DecodeError(format!("{s}: {e}"))))
        .transpose()
}

/// Parses an RFC 3339 timestamp stored as text.
pub fn text_timestamp(s: Option<&str>) -> Result<Option<DateTime<Utc>>, DecodeError> {
    s.map(|s| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| DecodeError(format!("{s}: {e}")))
    })
    .transpose()
}

/// Puts the cells of one row as stored into `cells`: for a
/// [`Tenant::Derived`] table the council first (from `tenant`), then the
/// record's own cells. Both backends write rows through this.
pub fn stored_cells<'a, R: Record>(
    r: &'a R,
    tenant: &(dyn Fn(&R) -> Option<continuum_domain::LaName> + Sync),
    cells: &mut Vec<Value<'a>>,
) -> Result<(), crate::StoreError> {
    let t = R::TABLE;
    cells.clear();
    if t.tenant == Tenant::Derived {
        let la = tenant(r).ok_or_else(|| {
            crate::StoreError::Conflict(format!("a row of {} belongs to no known council", t.name))
        })?;
        cells.push(Value::Text(la.to_string().into()));
    }
    r.values(cells);
    Ok(())
}

/// A domain entity stored as one row of one table.
pub trait Record: Sized {
    /// Its table.
    const TABLE: &'static Table;

    /// Appends the row's cells in column order. For [`Tenant::Derived`] tables
    /// the `la` cell is not appended: the importer puts it first.
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>);

    /// Decodes a row read back in column order (including a derived `la`, which
    /// is skipped).
    fn decode<C: Cells + ?Sized>(row: &mut RowReader<'_, C>) -> Result<Self, DecodeError>;
}

pub use accounts::{AuditRow, ImportRow, UserRow};
pub use tables::{AscofRow, LocationChangeRow, TABLES};

/// SQL text generated from table definitions: lowercase, `$n` placeholders,
/// valid on both backends.
pub mod sql {
    use super::Table;

    /// `select {columns} from {table} where {clause}`, ordered by the key unless
    /// the clause orders itself. The columns in `unread` are selected as
    /// `null`, and so is the `la` of a [`Tenant::Derived`](super::Tenant)
    /// table, which decoding skips: SQLite does much less for a constant than
    /// for a stored column, and the driver hands it over in one call.
    pub fn select(t: &Table, clause: &str, unread: &[&str]) -> String {
        let columns: Vec<&str> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let derived_la = i == 0 && t.tenant == super::Tenant::Derived;
                if derived_la || unread.contains(&c.name) {
                    "null"
                } else {
                    c.name
                }
            })
            .collect();
        let mut q = format!(
            "select {} from {} where {clause}",
            columns.join(", "),
            t.name
        );
        if !clause.contains("order by") && !t.key.is_empty() {
            q.push_str(" order by ");
            q.push_str(&t.key.join(", "));
        }
        q
    }

    /// The `on conflict` tail of an upsert: update the stored row only when a
    /// column differs, so an identical row is neither written nor counted.
    pub fn on_conflict(t: &Table) -> String {
        if t.key.is_empty() {
            return String::new();
        }
        let rest: Vec<&str> = t
            .columns
            .iter()
            .map(|c| c.name)
            .filter(|c| !t.key.contains(c))
            .collect();
        if rest.is_empty() {
            return format!(" on conflict ({}) do nothing", t.key.join(", "));
        }
        let set: Vec<String> = rest.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        let differs: Vec<String> = rest
            .iter()
            .map(|c| format!("{}.{c} is distinct from excluded.{c}", t.name))
            .collect();
        format!(
            " on conflict ({}) do update set {} where {}",
            t.key.join(", "),
            set.join(", "),
            differs.join(" or ")
        )
    }

    /// How placeholders are written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Params {
        /// `$1, $2, …`: PostgreSQL's only form.
        Numbered,
        /// `?, ?, …`: for SQLite bulk statements. SQLite looks up a numbered
        /// parameter's name by a linear scan, so binding thousands of `$n` in
        /// one statement is quadratic (it was 74% of an import's time);
        /// anonymous parameters bind in order at no cost.
        Anonymous,
    }

    /// A multi-row upsert of `rows` rows.
    pub fn upsert(t: &Table, rows: usize, params: Params) -> String {
        let n = t.columns.len();
        let mut q = format!("insert into {} ({}) values ", t.name, t.column_list());
        for r in 0..rows {
            if r > 0 {
                q.push_str(", ");
            }
            q.push('(');
            for c in 0..n {
                if c > 0 {
                    q.push_str(", ");
                }
                match params {
                    Params::Numbered => {
                        q.push('$');
                        q.push_str(&(r * n + c + 1).to_string());
                    }
                    Params::Anonymous => q.push('?'),
                }
            }
            q.push(')');
        }
        q.push_str(&on_conflict(t));
        q
    }
}
