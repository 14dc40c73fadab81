//! ONS population estimates as Nomis publishes them, turned into the bundle's
//! population rows.
//!
//! A Nomis extract (for example mid-year estimates by single year of age) has the
//! columns `GEOGRAPHY_NAME, GEOGRAPHY_CODE, DATE_NAME, GENDER_NAME, C_AGE_NAME,
//! OBS_VALUE`, one row per geography, year, sex and age. [`read_nomis`] keeps the
//! bundle's sexes (`Female` → f, `Male` → m; `Total` is dropped) and adult age
//! bands (18-64, 65-74, 75-84, 85+; under-18s and `All Ages` are dropped) and sums
//! people per geography, year, sex and band. Totals are not thrown away unread:
//! where the file has an `All Ages` row, the single ages must add up to it, or a
//! warning says they do not.
//!
//! [`to_population_rows`] then places each geography: on a council by ONS code,
//! or on one of a council's localities by name (a county whose localities are its
//! districts). A geography that matches nothing is reported in a warning with the
//! people it held, never dropped silently.
//!
//! Projections already in the bundle's `population.csv` form are read by
//! [`bundle::read_population_csv`](crate::bundle::read_population_csv);
//! [`detect_format`] tells the two apart from the header.

mod nomis;
mod place;

pub use nomis::read_nomis;
pub use place::{Targets, to_population_rows};

use continuum_domain::{AgeBand, OnsCode, Sex};
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::{ErrorKind, IngestError, IngestErrors, Position};

/// People of one sex and adult age band in one ONS geography and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnsPopulation {
    pub geography_code: OnsCode,
    /// The name as ONS writes it, used to match localities.
    pub geography_name: String,
    /// The year of the estimate (mid-year: 30 June).
    pub year: i32,
    pub sex: Sex,
    pub age_band: AgeBand,
    pub people: u64,
}

/// The shape of a population CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopulationFormat {
    /// A Nomis extract: read with [`read_nomis`].
    Nomis,
    /// The bundle's `population.csv` form: read with
    /// [`bundle::read_population_csv`](crate::bundle::read_population_csv).
    Bundle,
}

/// The Nomis columns [`read_nomis`] needs.
pub const NOMIS_COLUMNS: [&str; 6] = [
    "GEOGRAPHY_NAME",
    "GEOGRAPHY_CODE",
    "DATE_NAME",
    "GENDER_NAME",
    "C_AGE_NAME",
    "OBS_VALUE",
];

/// The bundle `population.csv` columns that must be present.
pub const BUNDLE_COLUMNS: [&str; 6] = ["la", "year", "sex", "age_band", "people", "kind"];

/// Tells a Nomis extract from a bundle-form population CSV by its header.
///
/// An error when the file cannot be read or its header is neither, naming the
/// columns each format needs, so the person importing knows what to fix.
pub fn detect_format(path: &Path) -> Result<PopulationFormat, IngestErrors> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, &e))?;
    let mut line = String::new();
    BufReader::new(file)
        .read_line(&mut line)
        .map_err(|e| IngestError::io(path, &e))?;
    let header: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(clean_header).collect())
        .unwrap_or_default();
    let has_all = |cols: &[&str]| {
        cols.iter()
            .all(|c| header.iter().any(|h| h.eq_ignore_ascii_case(c)))
    };
    if has_all(&NOMIS_COLUMNS) {
        Ok(PopulationFormat::Nomis)
    } else if has_all(&BUNDLE_COLUMNS) {
        Ok(PopulationFormat::Bundle)
    } else {
        let message = format!(
            "not a population file: expected a Nomis header ({}) or the bundle's population.csv \
             header ({}); the header is: {}",
            NOMIS_COLUMNS.join(", "),
            BUNDLE_COLUMNS.join(", "),
            header.join(", ")
        );
        Err(IngestError::file(ErrorKind::MissingColumn, path, message)
            .at(Position::Line(1))
            .into())
    }
}

/// A header cell without spaces or a byte order mark around it.
pub(crate) fn clean_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').trim().to_string()
}
