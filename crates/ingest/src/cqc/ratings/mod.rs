//! The CQC "care directory with ratings" CSV (the Locations sheet of
//! `Latest_ratings`): one row per location × service or population group ×
//! key question.
//!
//! The reader folds the rows of each adult social care location into one
//! [`CqcLocationUpdate`](continuum_domain::CqcLocationUpdate):
//!
//! - the location's rating is its `Overall` group × `Overall` domain row, dated
//!   by that row's `Publication Date` (month first, `MM/DD/YYYY`);
//! - every dated row becomes a [`RatingEvent`](continuum_domain::RatingEvent)
//!   for its service group and key question, so "Care Homes" and "Homecare"
//!   ratings of one location are kept side by side. "Not Rated" rows carry no
//!   date and add no event;
//! - the service type follows `Care Home?` and the service groups (see
//!   [`mapping`](crate::cqc::mapping)): a care home is `residential_home` with
//!   `nursing_unknown`, since this file cannot tell nursing;
//! - the file says nothing about beds, specialisms, registered managers,
//!   coordinates or registration, so those fields are `None`.
//!
//! Rows of locations that are not adult social care are counted in
//! `skipped` (by location, not by row) and otherwise only checked for having a
//! location ID and agreeing with the other rows of that location. The file may
//! start with a UTF-8 byte order mark.

mod fold;

use std::path::Path;

use continuum_domain::CqcBatch;

use super::common;
use crate::{IngestErrors, Warning};
use fold::Fold;

/// The columns the reader needs, by their names in CQC's header.
const COLUMNS: [&str; 12] = [
    "Location ID",
    "Location Name",
    "Care Home?",
    "Location Primary Inspection Category",
    "Location Post Code",
    "Location Local Authority",
    "Service / Population Group",
    "Domain",
    "Latest Rating",
    "Publication Date",
    "Provider ID",
    "Provider Name",
];
const ID: usize = 0;
const NAME: usize = 1;
const CARE_HOME: usize = 2;
const CATEGORY: usize = 3;
const POSTCODE: usize = 4;
const LA: usize = 5;
const GROUP: usize = 6;
const DOMAIN: usize = 7;
const RATING: usize = 8;
const DATE: usize = 9;
const PROVIDER: usize = 10;
const PROVIDER_NAME: usize = 11;

/// The columns that must agree on every row of one location.
const SAME_ON_EVERY_ROW: [usize; 4] = [NAME, CARE_HOME, CATEGORY, PROVIDER];

/// Reads a "care directory with ratings" CSV into a batch of adult social care
/// locations, their ratings per service group, and warnings.
///
/// Fails, naming the file, line, column and value, on a missing column, a
/// malformed row, an unknown rating word or key question, a date that is not
/// `MM/DD/YYYY`, a repeated location × group × key question, or rows of one
/// location that disagree.
pub fn read_csv(path: &Path) -> Result<(CqcBatch, Vec<Warning>), IngestErrors> {
    let mut reader = common::open_csv(path)?;
    let cols = common::column_indexes(
        path,
        &mut reader,
        COLUMNS,
        "CQC's \"care directory with ratings\" (Latest_ratings, Locations sheet)",
    )?;
    let mut fold = Fold::new(path);
    for result in reader.records() {
        match result {
            Ok(rec) => {
                let line = rec.position().map_or(0, csv::Position::line);
                let row: Vec<&str> = cols.iter().map(|&i| rec.get(i).unwrap_or("")).collect();
                fold.row(line, &row);
            }
            Err(e) => fold.errors.push(common::csv_error(path, &e)),
        }
    }
    fold.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rows: &[&str]) -> (CqcBatch, Vec<Warning>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ratings.csv");
        let text = format!("{}\n{}\n", COLUMNS.join(","), rows.join("\n"));
        std::fs::write(&path, text).unwrap();
        read_csv(&path).unwrap()
    }

    const HOMECARE: &str =
        "1-1,Acme,N,Community based adult social care services,LN1 1AA,Lincolnshire";

    #[test]
    fn a_location_not_rated_overall_keeps_its_group_rating_as_history_only() {
        let (batch, _) = read(&[
            &format!("{HOMECARE},Overall,Overall,Not Rated,,1-9,Acme Ltd"),
            &format!("{HOMECARE},Homecare,Overall,Good,12/13/2024,1-9,Acme Ltd"),
        ]);
        let l = &batch.locations[0];
        assert_eq!(l.rating, Some((continuum_domain::Rating::NotRated, None)));
        assert_eq!(
            l.service_type,
            Some(continuum_domain::ServiceType::Homecare)
        );
        assert_eq!(batch.rating_events.len(), 1);
        assert_eq!(batch.rating_events[0].service_group, "Homecare");
        assert_eq!(
            batch.rating_events[0].published_on.to_string(),
            "2024-12-13"
        );
    }

    #[test]
    fn a_gp_practice_is_skipped_and_counted_once_per_location() {
        let gp = "1-2,Surgery,N,GP Practices,LN1 1AA,Lincolnshire";
        let (batch, _) = read(&[
            &format!("{gp},Overall,Overall,Good,01/02/2025,1-8,Drs"),
            &format!("{gp},Overall,Safe,Good,01/02/2025,1-8,Drs"),
        ]);
        assert!(batch.locations.is_empty());
        assert_eq!(
            batch.skipped,
            vec![("not adult social care".to_string(), 1)]
        );
    }
}
