//! Readers and writers for everything Continuum takes in and gives out as files.
//!
//! | module | reads | into |
//! |---|---|---|
//! | [`bundle`] | the council data bundle (CSV folder), and writes it | [`Dataset`](continuum_domain::Dataset) |
//! | [`cqc`] | CQC API JSON, "care directory with ratings" CSV, CQC directory CSV | [`CqcBatch`](continuum_domain::CqcBatch) |
//! | [`cld`] | DHSC Client Level Data submission CSV | people, requests, placements, reviews |
//! | [`ascof`] | NHS England's ASCOF ODS | [`AscofValue`](continuum_domain::AscofValue) |
//! | [`ons`] | ONS population (Nomis) and projection CSVs | [`PopulationRow`](continuum_domain::PopulationRow) |
//!
//! Every reader validates every row before anything is written, and reports bad
//! input as an [`IngestError`] naming the file, the line (or JSON path or cell),
//! the column and the value, and saying what was expected. Readers never write to
//! a database: the caller hands the parsed values to the store in one transaction.

pub mod ascof;
pub mod bundle;
pub mod cld;
pub mod cqc;
pub mod error;
pub mod ons;

pub use error::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// The folder holding the real published data (CQC, ASCOF, ONS, CLD notes).
///
/// `CONTINUUM_SHARED_DATA` wins when set; otherwise the repository's own `data/`
/// folder (a byte-identical copy of the published files), and failing that
/// `./data`.
pub fn data_dir() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("CONTINUUM_SHARED_DATA").filter(|p| !p.is_empty()) {
        return p.into();
    }
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    if repo.join("README.md").exists() {
        return repo;
    }
    std::path::PathBuf::from("data")
}
