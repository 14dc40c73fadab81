//! A [`Dataset`] as one byte string.
//!
//! Most tables are written with their records' own [`Record::values`] and
//! read back with their own [`Record::decode`], the same two functions that
//! move rows in and out of SQLite and PostgreSQL, so a read model holds
//! nothing a table would not. The four largest (people, requests, placements
//! and reviews, five in six of a council's rows) are written field by field
//! instead ([`packed`](super::packed)), which decodes in a fifth of the
//! instructions. Either way, what a read model saves is the database's share
//! of a load: stepping through rows, handing over cells one call at a time,
//! checking each text cell's UTF-8, and parsing dates stored as text.
//!
//! The layout, all integers little-endian:
//!
//! ```text
//! "CNRM" version:u32 tables:u32
//! for each table: name_len:u8 name kind:u8 columns:u32 rows:u32
//!                 text_len:u32 cells_len:u32 packed_len:u32 packed sum:u64
//! ```
//!
//! `sum` is the XXH3 checksum of the table's header and `packed`: a table
//! whose bytes changed after it was written is an error before anything
//! is allocated for it, not other rows.
//!
//! `packed` is the table's text and cells, end to end, compressed as one LZ4
//! block: a council's read model is a quarter of the size, so a quarter of
//! the pages to write, keep and read, and each table is decompressed by the
//! thread that decodes it. A table's text is every text value's bytes, end
//! to end; it is checked as UTF-8 once, and each value's text is a slice of
//! it. Its cells are, for a
//! table written through the codec (`kind` 0), a tag byte and a payload per
//! cell: null; text with a one-byte or a four-byte length; a whole number
//! (8 bytes); a real number (8 bytes); false; true; a date (its day number
//! from the common era, 4 bytes); a timestamp (seconds, 8 bytes, and
//! nanoseconds, 4 bytes); bytes (a four-byte length and the bytes). For a
//! table written field by field (`kind` 1), they are its fields in order
//! ([`packed`](super::packed)). Tables decode on two threads, largest first.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::*;

use super::packed::{self, Packed};
use crate::schema::{AscofRow, Cells, DecodeError, Record, RowReader, Tenant, Value};

const MAGIC: &[u8; 4] = b"CNRM";

/// The layout's version. Any change to the layout above moves it; a change
/// to a table's columns changes [`fingerprint`] on its own.
const VERSION: u32 = 3;

/// How a table is written: through the codec, or field by field.
const CELLS: u8 = 0;
const PACKED: u8 = 1;

const NULL: u8 = 0;
const TEXT_SHORT: u8 = 1;
const TEXT_LONG: u8 = 2;
const INT: u8 = 3;
const REAL: u8 = 4;
const FALSE: u8 = 5;
const TRUE: u8 = 6;
const DATE: u8 = 7;
const TIMESTAMP: u8 = 8;
const BLOB: u8 = 9;

/// Calls `$m!` with every table of a [`Dataset`]: its field and record type.
/// ASCOF figures are stored as [`AscofRow`]s and handled beside these.
macro_rules! dataset_tables {
    ($m:ident) => {
        $m! {
            authorities: Authority [cells],
            localities: Locality [cells],
            population: PopulationRow [cells],
            prevalence: PrevalenceRow [cells],
            locations: Location [cells],
            contracts: Contract [cells],
            capacity: CapacityReturn [cells],
            people: Person [packed],
            requests: Request [packed],
            placements: Placement [packed],
            reviews: Review [packed],
            quality_assessments: QualityAssessment [cells],
            visits: Visit [cells],
            concerns: Concern [cells],
            sanctions: Sanction [cells],
            handbacks: Handback [cells],
            workforce: WorkforceReturn [cells],
            fees: FeeRate [cells],
            indicators: Indicator [cells],
            gaps: Gap [cells],
            rating_history: RatingEvent [cells],
            quality_statements: QualityStatementScore [cells],
        }
    };
}

/// What a read model was written with: the layout's version; every table's
/// name, columns and column types; every packed field's name and type and
/// every vocabulary's words in order (a word is written as its place); and
/// which rows and columns a pack's load reads
/// ([`ops::pack_load_definition`](crate::ops::pack_load_definition)). A read
/// model with another fingerprint was written by another build, or for
/// another load, and is not read. The same build always gives the same one;
/// a new compiler may name types differently, which only means the models
/// are rebuilt.
pub fn fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        // FNV-1a: the same on every platform and run, unlike the std hasher.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut add = |bytes: &[u8]| {
            for &b in bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0000_01b3);
        };
        add(&VERSION.to_le_bytes());
        macro_rules! each {
            ($($field:ident: $ty:ident [$how:ident]),* $(,)?) => {
                $(
                    table_fingerprint(<$ty as Record>::TABLE, &mut add);
                    each!(@$how $ty);
                )*
            };
            (@cells $ty:ident) => {};
            (@packed $ty:ident) => { add(<$ty as Packed>::shape().as_bytes()) };
        }
        dataset_tables!(each);
        table_fingerprint(AscofRow::TABLE, &mut add);
        add(packed::vocabularies().as_bytes());
        add(crate::ops::pack_load_definition().as_bytes());
        format!("{VERSION}-{h:016x}")
    })
}

fn table_fingerprint(t: &crate::schema::Table, add: &mut impl FnMut(&[u8])) {
    add(t.name.as_bytes());
    for c in t.columns {
        add(c.name.as_bytes());
        add(format!("{:?}", c.ty).as_bytes());
    }
    add(format!("{:?}", t.tenant).as_bytes());
}

/// Writes a dataset. Tables are written on two threads, largest first, each
/// into its own bytes, which are then put together in the fixed order.
pub fn encode(ds: &Dataset) -> Vec<u8> {
    type Job<'d> = Box<dyn Fn(&mut Block) -> Vec<u8> + Sync + 'd>;
    let mut jobs: Vec<(usize, Job<'_>)> = Vec::new();
    macro_rules! each {
        ($($field:ident: $ty:ident [$how:ident]),* $(,)?) => { $(
            jobs.push((
                ds.$field.len() * size_of::<$ty>(),
                Box::new(|b: &mut Block| b.$how(&ds.$field)),
            ));
        )* };
    }
    dataset_tables!(each);
    jobs.push((
        ds.ascof.len() * size_of::<AscofRow>(),
        Box::new(|b: &mut Block| {
            let ascof: Vec<AscofRow> = ds.ascof.iter().cloned().map(AscofRow).collect();
            b.cells(&ascof)
        }),
    ));
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].0));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut block = Block::default();
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            done.push((i, jobs[i].1(&mut block)));
        }
        done
    };
    let mut blocks = std::thread::scope(|s| {
        let other = s.spawn(work);
        let mut done = work();
        // A panic in the other thread is a bug in a record's `values`; it
        // goes on as one here.
        done.extend(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
        done
    });
    blocks.sort_by_key(|(i, _)| *i);
    let size: usize = blocks.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(12 + size);
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    put_u32(&mut out, len_u32(blocks.len()));
    for (_, b) in blocks {
        out.extend_from_slice(&b);
    }
    out
}

/// A table's checksum: XXH3 of its header and compressed bytes.
fn checksum(bytes: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(bytes)
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn len_u32(n: usize) -> u32 {
    // A read model is one council's rows: far below 4 GiB.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One table's text and cells while it is written.
#[derive(Default)]
struct Block {
    text: Vec<u8>,
    cells: Vec<u8>,
}

impl Block {
    /// Writes a table through its records' codec.
    fn cells<R: Record>(&mut self, rows: &[R]) -> Vec<u8> {
        let t = R::TABLE;
        self.text.clear();
        self.cells.clear();
        let mut values = Vec::with_capacity(t.columns.len());
        for r in rows {
            // A derived council is not part of the record (decoding skips
            // its column), so it is not written.
            values.clear();
            r.values(&mut values);
            for v in &values {
                self.cell(v);
            }
        }
        let mut out = Self::header(t.name, CELLS, t.columns.len(), rows.len());
        Self::body(&mut out, &self.text, &self.cells);
        out
    }

    /// Writes a table field by field.
    fn packed<R: Record + Packed>(&mut self, rows: &[R]) -> Vec<u8> {
        let mut w = packed::Writer {
            text: std::mem::take(&mut self.text),
            bytes: std::mem::take(&mut self.cells),
        };
        w.text.clear();
        w.bytes.clear();
        for r in rows {
            r.put(&mut w);
        }
        let mut out = Self::header(R::TABLE.name, PACKED, 0, rows.len());
        Self::body(&mut out, &w.text, &w.bytes);
        self.text = w.text;
        self.cells = w.bytes;
        out
    }

    fn header(name: &str, kind: u8, columns: usize, rows: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(64);
        out.push(u8::try_from(name.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(name.as_bytes());
        out.push(kind);
        put_u32(&mut out, len_u32(columns));
        put_u32(&mut out, len_u32(rows));
        out
    }

    /// A table's text and cells, compressed together as one LZ4 block, and
    /// the checksum of the table's header (in `out`) and that block.
    fn body(out: &mut Vec<u8>, text: &[u8], cells: &[u8]) {
        put_u32(out, len_u32(text.len()));
        put_u32(out, len_u32(cells.len()));
        let packed = if text.is_empty() && cells.is_empty() {
            Vec::new()
        } else {
            let mut raw = Vec::with_capacity(text.len() + cells.len());
            raw.extend_from_slice(text);
            raw.extend_from_slice(cells);
            lz4_flex::block::compress(&raw)
        };
        put_u32(out, len_u32(packed.len()));
        out.extend_from_slice(&packed);
        let sum = checksum(out);
        out.extend_from_slice(&sum.to_le_bytes());
    }

    fn cell(&mut self, v: &Value<'_>) {
        let c = &mut self.cells;
        match v {
            Value::Null => c.push(NULL),
            Value::Text(s) => {
                match u8::try_from(s.len()) {
                    Ok(n) => c.extend_from_slice(&[TEXT_SHORT, n]),
                    Err(_) => {
                        c.push(TEXT_LONG);
                        put_u32(c, len_u32(s.len()));
                    }
                }
                self.text.extend_from_slice(s.as_bytes());
            }
            Value::Int(n) => {
                c.push(INT);
                c.extend_from_slice(&n.to_le_bytes());
            }
            Value::Real(f) => {
                c.push(REAL);
                c.extend_from_slice(&f.to_le_bytes());
            }
            Value::Bool(b) => c.push(if *b { TRUE } else { FALSE }),
            Value::Date(d) => {
                c.push(DATE);
                c.extend_from_slice(&d.num_days_from_ce().to_le_bytes());
            }
            Value::Timestamp(t) => {
                c.push(TIMESTAMP);
                c.extend_from_slice(&t.timestamp().to_le_bytes());
                c.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
            }
            Value::Blob(b) => {
                c.push(BLOB);
                put_u32(c, len_u32(b.len()));
                c.extend_from_slice(b);
            }
        }
    }
}

/// A cell read back.
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    Null,
    Text(&'a str),
    Int(i64),
    Real(f64),
    Bool(bool),
    Date(NaiveDate),
    Timestamp(DateTime<Utc>),
    Blob(&'a [u8]),
}

/// One table's cells, read one row at a time as [`Record::decode`] asks for
/// them: it asks for a row's columns in order, so each cell is decoded where
/// it lies, with nothing copied into a row first. A column it skips (the
/// derived council, which is not written) is passed over.
struct Stream<'a> {
    cells: &'a [u8],
    text: &'a str,
    /// The next cell's byte, and its text's.
    at: std::cell::Cell<usize>,
    text_at: std::cell::Cell<usize>,
    /// The column of the next cell within its row.
    column: std::cell::Cell<usize>,
    /// The first column written: 1 where the council is derived.
    first: usize,
    columns: usize,
}

fn ended() -> DecodeError {
    DecodeError("the read model ends inside a row".into())
}

impl<'a> Stream<'a> {
    /// Starts the next row, passing over any cells the last one left unread.
    fn next_row(&self) -> Result<(), DecodeError> {
        while self.column.get() < self.columns {
            self.read()?;
        }
        self.column.set(self.first);
        Ok(())
    }

    /// The cell of column `i` of the current row.
    fn get(&self, i: usize) -> Result<Cell<'a>, DecodeError> {
        while self.column.get() < i {
            self.read()?;
        }
        if self.column.get() != i {
            return Err(DecodeError(format!("cell {i} was read twice")));
        }
        self.read()
    }

    fn byte(&self, at: usize) -> Result<u8, DecodeError> {
        self.cells.get(at).copied().ok_or_else(ended)
    }

    fn array<const N: usize>(&self, at: usize) -> Result<[u8; N], DecodeError> {
        let b = self.cells.get(at..at + N).ok_or_else(ended)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    fn read(&self) -> Result<Cell<'a>, DecodeError> {
        let at = self.at.get();
        let (cell, len) = match self.byte(at)? {
            NULL => (Cell::Null, 1),
            TEXT_SHORT => {
                let n = self.byte(at + 1)? as usize;
                (Cell::Text(self.text(n)?), 2)
            }
            TEXT_LONG => {
                let n = u32::from_le_bytes(self.array(at + 1)?) as usize;
                (Cell::Text(self.text(n)?), 5)
            }
            INT => (Cell::Int(i64::from_le_bytes(self.array(at + 1)?)), 9),
            REAL => (Cell::Real(f64::from_le_bytes(self.array(at + 1)?)), 9),
            FALSE => (Cell::Bool(false), 1),
            TRUE => (Cell::Bool(true), 1),
            DATE => {
                let days = i32::from_le_bytes(self.array(at + 1)?);
                let d = NaiveDate::from_num_days_from_ce_opt(days)
                    .ok_or_else(|| DecodeError(format!("day {days} is not a date")))?;
                (Cell::Date(d), 5)
            }
            TIMESTAMP => {
                let secs = i64::from_le_bytes(self.array(at + 1)?);
                let nanos = u32::from_le_bytes(self.array(at + 9)?);
                let t = DateTime::from_timestamp(secs, nanos)
                    .ok_or_else(|| DecodeError(format!("{secs} s is not a timestamp")))?;
                (Cell::Timestamp(t), 13)
            }
            BLOB => {
                let n = u32::from_le_bytes(self.array(at + 1)?) as usize;
                let end = (at + 5).checked_add(n).ok_or_else(ended)?;
                let b = self.cells.get(at + 5..end).ok_or_else(ended)?;
                (Cell::Blob(b), 5 + n)
            }
            tag => return Err(DecodeError(format!("unknown cell tag {tag}"))),
        };
        self.at.set(at + len);
        self.column.set(self.column.get() + 1);
        Ok(cell)
    }

    /// The next `n` bytes of the table's text.
    fn text(&self, n: usize) -> Result<&'a str, DecodeError> {
        let at = self.text_at.get();
        let end = at.checked_add(n).ok_or_else(ended)?;
        let s = self
            .text
            .get(at..end)
            .ok_or_else(|| DecodeError("a text cell runs past its table's text".into()))?;
        self.text_at.set(at + n);
        Ok(s)
    }
}

fn not(i: usize, what: &str, c: Cell<'_>) -> DecodeError {
    DecodeError(format!("cell {i}: {c:?} is not {what}"))
}

impl Cells for Stream<'_> {
    fn text(&self, i: usize) -> Result<Option<&str>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Text(s) => Ok(Some(s)),
            c => Err(not(i, "text", c)),
        }
    }
    fn int(&self, i: usize) -> Result<Option<i64>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Int(n) => Ok(Some(n)),
            Cell::Bool(b) => Ok(Some(i64::from(b))),
            c => Err(not(i, "a whole number", c)),
        }
    }
    fn real(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Real(f) => Ok(Some(f)),
            #[allow(clippy::cast_precision_loss)]
            Cell::Int(n) => Ok(Some(n as f64)),
            c => Err(not(i, "a number", c)),
        }
    }
    fn flag(&self, i: usize) -> Result<Option<bool>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Bool(b) => Ok(Some(b)),
            Cell::Int(n) => Ok(Some(n != 0)),
            c => Err(not(i, "a flag", c)),
        }
    }
    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Date(d) => Ok(Some(d)),
            Cell::Text(s) => crate::schema::text_date(Some(s)),
            c => Err(not(i, "a date", c)),
        }
    }
    fn timestamp(&self, i: usize) -> Result<Option<DateTime<Utc>>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Timestamp(t) => Ok(Some(t)),
            Cell::Text(s) => crate::schema::text_timestamp(Some(s)),
            c => Err(not(i, "a timestamp", c)),
        }
    }
    fn blob(&self, i: usize) -> Result<Option<&[u8]>, DecodeError> {
        match self.get(i)? {
            Cell::Null => Ok(None),
            Cell::Blob(b) => Ok(Some(b)),
            c => Err(not(i, "bytes", c)),
        }
    }
}

/// Bytes being read, with the place they came from for errors.
struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(DecodeError(format!(
                "the read model ends at byte {} where {n} more were expected",
                self.bytes.len()
            )));
        };
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let b = self.take(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Result<usize, DecodeError> {
        Ok(u32::from_le_bytes(self.array()?) as usize)
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// One table's part of the bytes, found before any of it is decoded.
struct Part<'a> {
    name: &'a str,
    kind: u8,
    columns: usize,
    rows: usize,
    text_len: usize,
    cells_len: usize,
    /// Its text and cells, compressed.
    packed: &'a [u8],
    /// Its header and compressed bytes, and their checksum as written.
    summed: &'a [u8],
    sum: u64,
}

/// Reads a dataset written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
    let mut input = Input { bytes, at: 0 };
    if input.take(4)? != MAGIC {
        return Err(DecodeError("this is not a read model".into()));
    }
    let version = input.u32()?;
    if version != VERSION as usize {
        return Err(DecodeError(format!(
            "read model version {version}, expected {VERSION}"
        )));
    }
    let count = input.u32()?;
    // Counts are checked against the bytes there are before anything is
    // allocated for them: a damaged count is an error, not a huge allocation.
    if count > bytes.len() {
        return Err(DecodeError(format!(
            "{count} tables in {} bytes",
            bytes.len()
        )));
    }
    let mut parts = Vec::with_capacity(count);
    for _ in 0..count {
        let start = input.at;
        let name_len = input.u8()? as usize;
        let name = std::str::from_utf8(input.take(name_len)?)
            .map_err(|e| DecodeError(format!("a table name: {e}")))?;
        let kind = input.u8()?;
        let columns = input.u32()?;
        let rows = input.u32()?;
        let text_len = input.u32()?;
        let cells_len = input.u32()?;
        let packed_len = input.u32()?;
        let packed = input.take(packed_len)?;
        let summed = &bytes[start..input.at];
        let sum = u64::from_le_bytes(input.array()?);
        parts.push(Part {
            name,
            kind,
            columns,
            rows,
            text_len,
            cells_len,
            packed,
            summed,
            sum,
        });
    }
    if !input.done() {
        return Err(DecodeError(
            "the read model has bytes after its tables".into(),
        ));
    }
    // Each table is a job; two threads take them, largest first, each
    // gathering what it decodes, so they finish within a small table of
    // each other.
    type Job<'p> = Box<dyn Fn() -> Result<Dataset, DecodeError> + Sync + 'p>;
    let mut jobs: Vec<(usize, Job<'_>)> = Vec::with_capacity(parts.len());
    macro_rules! jobs {
        ($($field:ident: $ty:ident [$how:ident]),* $(,)?) => { $(
            let p = part(&parts, <$ty as Record>::TABLE.name)?;
            jobs.push((p.size(), Box::new(move || Ok(Dataset {
                $field: jobs!(@$how $ty p),
                ..Dataset::default()
            }))));
        )* };
        (@cells $ty:ident $p:ident) => { table::<$ty>($p)? };
        (@packed $ty:ident $p:ident) => { packed_table::<$ty>($p)? };
    }
    dataset_tables!(jobs);
    let p = part(&parts, AscofRow::TABLE.name)?;
    jobs.push((
        p.size(),
        Box::new(move || {
            Ok(Dataset {
                ascof: table::<AscofRow>(p)?.into_iter().map(|r| r.0).collect(),
                ..Dataset::default()
            })
        }),
    ));
    if jobs.len() != parts.len() {
        return Err(DecodeError(format!(
            "the read model holds {} tables where {} were expected",
            parts.len(),
            jobs.len()
        )));
    }
    jobs.sort_by_key(|j| std::cmp::Reverse(j.0));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Result<Dataset, DecodeError> {
        let mut ds = Dataset::default();
        while let Some((_, job)) = jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            ds.append(job()?);
        }
        Ok(ds)
    };
    std::thread::scope(|s| {
        let other = s.spawn(work);
        let mut ds = work()?;
        ds.append(
            other
                .join()
                .map_err(|_| DecodeError("decoding a table failed".into()))??,
        );
        Ok(ds)
    })
}

fn part<'p, 'a>(parts: &'p [Part<'a>], name: &str) -> Result<&'p Part<'a>, DecodeError> {
    parts
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| DecodeError(format!("the read model has no table {name}")))
}

impl Part<'_> {
    fn size(&self) -> usize {
        self.text_len.saturating_add(self.cells_len)
    }

    /// Its text and cells, decompressed, end to end, once its checksum is
    /// found right: a damaged table is an error before anything is
    /// allocated for it, never other rows.
    fn unpack(&self) -> Result<Vec<u8>, DecodeError> {
        if checksum(self.summed) != self.sum {
            return Err(DecodeError(format!(
                "{}: the checksum does not match",
                self.name
            )));
        }
        let n = self.size();
        // LZ4 makes at most 255 bytes of each.
        if n > self.packed.len().saturating_mul(255) {
            return Err(DecodeError(format!(
                "{}: {n} bytes from {} compressed",
                self.name,
                self.packed.len()
            )));
        }
        let mut raw = vec![0u8; n];
        if n > 0 {
            let got = lz4_flex::block::decompress_into(self.packed, &mut raw)
                .map_err(|e| DecodeError(format!("{}: {e}", self.name)))?;
            if got != n {
                return Err(DecodeError(format!(
                    "{}: {got} bytes where {n} were expected",
                    self.name
                )));
            }
        }
        Ok(raw)
    }

    /// Its text (checked as UTF-8 once) and cells, from [`Part::unpack`].
    fn split<'r>(&self, raw: &'r [u8]) -> Result<(&'r str, &'r [u8]), DecodeError> {
        let (text, cells) = raw.split_at(self.text_len);
        let text = std::str::from_utf8(text)
            .map_err(|e| DecodeError(format!("the text of {}: {e}", self.name)))?;
        // Every row takes at least one byte of cells.
        if self.rows > cells.len() {
            return Err(DecodeError(format!(
                "{}: {} rows in {} bytes",
                self.name,
                self.rows,
                cells.len()
            )));
        }
        Ok((text, cells))
    }
}

/// Decodes one table written field by field.
fn packed_table<R: Record + Packed>(part: &Part<'_>) -> Result<Vec<R>, DecodeError> {
    let name = R::TABLE.name;
    if part.name != name || part.kind != PACKED {
        return Err(DecodeError(format!(
            "the read model holds {} where {name} was expected",
            part.name
        )));
    }
    let raw = part.unpack()?;
    let (text, cells) = part.split(&raw)?;
    let rows = part.rows;
    let mut r = packed::Reader::new(cells, text);
    let mut out = Vec::with_capacity(rows);
    for _ in 0..rows {
        out.push(R::take(&mut r).map_err(|e| DecodeError(format!("{name}: {}", e.0)))?);
    }
    if !r.done() {
        return Err(DecodeError(format!(
            "{name}: the read model has bytes left over"
        )));
    }
    Ok(out)
}

/// Decodes one table's rows.
fn table<R: Record>(part: &Part<'_>) -> Result<Vec<R>, DecodeError> {
    let t = R::TABLE;
    if part.name != t.name || part.kind != CELLS || part.columns != t.columns.len() {
        return Err(DecodeError(format!(
            "the read model holds {} with {} columns where {} with {} was expected",
            part.name,
            part.columns,
            t.name,
            t.columns.len()
        )));
    }
    let raw = part.unpack()?;
    let (text, cells) = part.split(&raw)?;
    let first = usize::from(t.tenant == Tenant::Derived);
    let stream = Stream {
        cells,
        text,
        at: std::cell::Cell::new(0),
        text_at: std::cell::Cell::new(0),
        column: std::cell::Cell::new(part.columns),
        first,
        columns: part.columns,
    };
    let rows = part.rows;
    let mut out = Vec::with_capacity(rows);
    for _ in 0..rows {
        stream.next_row()?;
        let rec = R::decode(&mut RowReader::new(t, &stream))
            .map_err(|e| DecodeError(format!("{}: {}", t.name, e.0)))?;
        out.push(rec);
    }
    if rows > 0 {
        stream.next_row()?;
    }
    if stream.at.get() != cells.len() || stream.text_at.get() != text.len() {
        return Err(DecodeError(format!(
            "{}: the read model has cells left over",
            t.name
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::conformance::fixture;
    use continuum_domain::cqc::{CqcRating, KeyQuestion};

    /// The conformance fixture, which fills every table of a council, with
    /// CQC's national tables too, and each kind of value both present and
    /// absent somewhere.
    fn every_table() -> Dataset {
        let mut ds = fixture();
        let d = |s: &str| parse_date(s).unwrap();
        let location = ds.locations[0].location_id.clone();
        ds.rating_history = vec![RatingEvent {
            location_id: location.clone(),
            service_group: "Overall".into(),
            key_question: KeyQuestion::WellLed,
            rating: CqcRating::RequiresImprovement,
            published_on: d("2024-02-29"),
        }];
        ds.quality_statements = vec![
            QualityStatementScore {
                location_id: location.clone(),
                assessed_on: d("2024-03-01"),
                key_question: KeyQuestion::Safe,
                statement_id: 3,
                statement: "Safeguarding — “café” and ünïcode".into(),
                score: Some(2),
                score_text: "Evidence shows some shortfalls".into(),
                assessed: true,
            },
            QualityStatementScore {
                location_id: location,
                assessed_on: d("2024-03-01"),
                key_question: KeyQuestion::Caring,
                statement_id: 9,
                statement: "x".repeat(300),
                score: None,
                score_text: String::new(),
                assessed: false,
            },
        ];
        let mut p = ds.people[0].clone();
        p.birth_year = None;
        p.ethnicity = None;
        p.locality_id = None;
        p.primary_support_reason = None;
        p.has_unpaid_carer = None;
        p.person_id = PersonId::parse("P-EMPTY").unwrap();
        ds.people.push(p);
        ds
    }

    #[test]
    fn every_table_reads_back_exactly() {
        let ds = every_table();
        for (table, n) in ds.counts() {
            assert!(n > 0, "the fixture leaves {table} empty");
        }
        assert!(!ds.rating_history.is_empty() && !ds.quality_statements.is_empty());
        let bytes = encode(&ds);
        assert_eq!(decode(&bytes).unwrap(), ds);
    }

    #[test]
    fn an_empty_dataset_reads_back_empty() {
        let ds = Dataset::default();
        assert_eq!(decode(&encode(&ds)).unwrap(), ds);
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_panic_or_other_rows() {
        let ds = every_table();
        let bytes = encode(&ds);
        // Every cut short is an error.
        for n in 0..bytes.len() {
            assert!(
                decode(&bytes[..n]).is_err(),
                "cut at {n} of {}",
                bytes.len()
            );
        }
        // A byte more is an error.
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        // Any one byte changed is an error: the checksums see it.
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x5a;
            assert!(decode(&changed).is_err(), "byte {i} of {}", bytes.len());
        }
        let mut version = bytes.clone();
        version[4] = 99;
        let e = decode(&version).unwrap_err();
        assert!(e.0.contains("version 99"), "{e:?}");
        assert!(decode(b"PK\x03\x04 not a read model").is_err());
    }

    #[test]
    fn the_fingerprint_names_the_layout_and_is_the_same_each_time() {
        let f = fingerprint();
        assert_eq!(f, fingerprint());
        let (version, hash) = f.split_once('-').unwrap();
        assert_eq!(version, VERSION.to_string());
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
