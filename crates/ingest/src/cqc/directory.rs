//! The CQC directory CSV: one row per registered location (and one per
//! provider, with no location ID), with its service types and specialisms.
//!
//! - Provider-only rows (`Service types` = `Organisation`, no location ID) are
//!   skipped and counted as "provider only, no location ID".
//! - A location is adult social care when one of its `Service types` is (see
//!   [the mapping rules](super::mapping)); the others are counted as "not adult social
//!   care".
//! - `Service types` and `Specialisms/services` are comma-separated lists.
//! - Names may start with spaces (CQC pads some to sort them first): they are
//!   trimmed.
//! - The file has no rating, beds, registered manager, coordinates or
//!   registration dates, so those fields are `None`. `Report publication date`
//!   is not read: without the rating it dates, it says nothing the register
//!   keeps. Every row is a registered location, but the file gives no dates,
//!   so the status is left to the other sources (a new location is created
//!   registered).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use continuum_domain::{CqcBatch, CqcLocationUpdate, LaName, LocationId, ProviderId};

use super::common::{self, bad_value, text};
use super::mapping;
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// The columns the reader needs, by their names in CQC's header.
const COLUMNS: [&str; 8] = [
    "Name",
    "Postcode",
    "CQC Provider ID (for office use only)",
    "CQC Location ID (for office use only)",
    "Local authority",
    "Specialisms/services",
    "Service types",
    "Provider name",
];
const NAME: usize = 0;
const POSTCODE: usize = 1;
const PROVIDER: usize = 2;
const LOCATION: usize = 3;
const LA: usize = 4;
const SPECIALISMS: usize = 5;
const SERVICE_TYPES: usize = 6;
const PROVIDER_NAME: usize = 7;

const PROVIDER_ONLY: &str = "provider only, no location ID";
const NOT_ASC: &str = "not adult social care";

/// Reads a CQC directory CSV into a batch of adult social care locations with
/// their service types and specialisms.
///
/// Fails, naming the file, line, column and value, on a missing column, a
/// malformed row, a location row without a location ID, a bad ID or council
/// name, or a location listed twice.
pub fn read_csv(path: &Path) -> Result<(CqcBatch, Vec<Warning>), IngestErrors> {
    let mut reader = common::open_csv(path)?;
    let cols = common::column_indexes(path, &mut reader, COLUMNS, "the CQC directory CSV")?;
    let mut errors = IngestErrors::new();
    let mut skipped = BTreeMap::from([(PROVIDER_ONLY, 0), (NOT_ASC, 0)]);
    let mut seen: HashMap<LocationId, u64> = HashMap::new();
    let mut unknown = BTreeMap::new();
    let mut locations = Vec::new();
    for result in reader.records() {
        let rec = match result {
            Ok(rec) => rec,
            Err(e) => {
                errors.push(common::csv_error(path, &e));
                continue;
            }
        };
        let line = rec.position().map_or(0, csv::Position::line);
        let row: Vec<&str> = cols.iter().map(|&i| rec.get(i).unwrap_or("")).collect();
        let types = list(row[SERVICE_TYPES]);
        if row[LOCATION].trim().is_empty() && is_provider_only(&types) {
            *skipped.entry(PROVIDER_ONLY).or_default() += 1;
            continue;
        }
        if !mapping::is_adult_social_care_service_types(types.iter().copied()) {
            *skipped.entry(NOT_ASC).or_default() += 1;
            continue;
        }
        let Some(update) = parse_row(path, line, &row, &mut errors, &mut unknown) else {
            continue;
        };
        if let Some(first) = seen.insert(update.location_id.clone(), line) {
            errors.push(duplicate(path, line, &update.location_id, first));
            continue;
        }
        locations.push(update);
    }
    let batch = CqcBatch {
        providers: common::providers_of(&locations),
        locations,
        rating_events: Vec::new(),
        quality_statements: Vec::new(),
        skipped: common::skipped(skipped),
    };
    let warnings = common::unknown_specialism_warnings(path, &unknown);
    errors.into_result((common::finish(batch), warnings))
}

/// The items of one of the directory's comma-separated lists.
fn list(cell: &str) -> Vec<&str> {
    cell.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A provider's own row: its only service type is "Organisation".
fn is_provider_only(types: &[&str]) -> bool {
    !types.is_empty() && types.iter().all(|t| mapping::same_word(t, "Organisation"))
}

/// Parses one adult social care row, pushing an error for each bad field.
fn parse_row(
    path: &Path,
    line: u64,
    row: &[&str],
    errors: &mut IngestErrors,
    unknown: &mut BTreeMap<String, usize>,
) -> Option<CqcLocationUpdate> {
    let mut check = |col: usize, r: Result<(), String>| {
        let at = Position::Line(line);
        if let Err(expected) = r {
            errors.push(bad_value(path, at, COLUMNS[col], row[col], expected));
        }
    };
    let location_id = LocationId::parse(row[LOCATION].trim());
    check(LOCATION, verdict(&location_id));
    let provider_id = ProviderId::parse(row[PROVIDER].trim());
    check(PROVIDER, verdict(&provider_id));
    let la = LaName::parse(row[LA].trim());
    check(LA, verdict(&la));
    let name = text(row[NAME]).ok_or("the location's name");
    check(NAME, verdict(&name));
    let (specialisms, unknown_names) = mapping::specialisms(list(row[SPECIALISMS]));
    for n in unknown_names {
        *unknown.entry(n).or_default() += 1;
    }
    Some(CqcLocationUpdate {
        location_id: location_id.ok()?,
        provider_id: provider_id.ok()?,
        provider_name: text(row[PROVIDER_NAME]),
        name: name.ok()?,
        local_authority: la.ok()?,
        postcode: text(row[POSTCODE]),
        latitude: None,
        longitude: None,
        service_type: Some(mapping::service_type(list(row[SERVICE_TYPES]))),
        nursing_unknown: false,
        beds: None,
        specialisms: Some(specialisms),
        registered_manager: None,
        rating: None,
        status: None,
        registered_on: None,
        deregistered_on: None,
    })
}

/// Whether a parse went well, with what was expected if not.
fn verdict<T, E: std::fmt::Display>(r: &Result<T, E>) -> Result<(), String> {
    r.as_ref().map(drop).map_err(ToString::to_string)
}

fn duplicate(path: &Path, line: u64, id: &LocationId, first: u64) -> IngestError {
    IngestError {
        kind: ErrorKind::DuplicateId,
        file: path.to_path_buf(),
        at: Position::Line(line),
        column: Some(COLUMNS[LOCATION].to_string()),
        value: Some(id.to_string()),
        message: format!("expected each location once; line {first} already has it"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_rows_are_skipped_and_padded_names_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("directory.csv");
        let text = format!(
            "{}\n{}\n{}\n",
            COLUMNS.join(","),
            "\" Acme Care\",LN1 1AA,1-9,1-1,Lincolnshire,\"Dementia,Eating disorders\",\"Homecare agencies,Supported living\",\" Acme Ltd\"",
            "Acme Ltd,LN1 1AA,1-9,,Lincolnshire,Personal care,Organisation,Acme Ltd",
        );
        std::fs::write(&path, text).unwrap();
        let (batch, warnings) = read_csv(&path).unwrap();
        assert!(warnings.is_empty());
        let l = &batch.locations[0];
        assert_eq!(
            (l.name.as_str(), l.provider_name.as_deref()),
            ("Acme Care", Some("Acme Ltd"))
        );
        assert_eq!(
            l.service_type,
            Some(continuum_domain::ServiceType::SupportedLiving)
        );
        assert_eq!(
            l.specialisms,
            Some(vec![continuum_domain::Specialism::Dementia])
        );
        assert_eq!(batch.skipped, vec![(PROVIDER_ONLY.to_string(), 1)]);
    }
}
