#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The two CQC CSV readers on the real published files in `data/cqc/`.
//!
//! Every expected figure is worked out here from the raw CSV through the `csv`
//! crate, independently of the readers, and then also pinned to the number it
//! has today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use continuum_domain::{Rating, ServiceType};
use continuum_ingest::cqc::{directory, ratings};

/// The repository's `data/`, or `CONTINUUM_SHARED_DATA`.
fn data_dir() -> PathBuf {
    continuum_ingest::data_dir()
}

fn lincolnshire_path() -> PathBuf {
    data_dir().join("cqc/cqc_latest_ratings_lincolnshire_2026.csv")
}

/// The raw rows of the ratings CSV as column → value maps.
fn lincolnshire_rows() -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(lincolnshire_path()).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .map(str::to_string)
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn row_is_asc(r: &BTreeMap<String, String>) -> bool {
    let c = r["Location Primary Inspection Category"].as_str();
    c == "Residential social care" || c == "Community based adult social care services"
}

#[test]
fn lincolnshire_folds_to_one_update_per_adult_social_care_location() {
    let rows = lincolnshire_rows();
    let all: BTreeSet<&str> = rows.iter().map(|r| r["Location ID"].as_str()).collect();
    let asc: BTreeSet<&str> = rows
        .iter()
        .filter(|r| row_is_asc(r))
        .map(|r| r["Location ID"].as_str())
        .collect();
    let (batch, _) = ratings::read_csv(&lincolnshire_path()).unwrap();
    let got: BTreeSet<&str> = batch
        .locations
        .iter()
        .map(|l| l.location_id.as_str())
        .collect();
    assert_eq!(got, asc);
    assert_eq!(
        batch.skipped,
        vec![("not adult social care".to_string(), all.len() - asc.len())]
    );
    assert_eq!((asc.len(), all.len() - asc.len()), (356, 122));
}

#[test]
fn lincolnshire_overall_ratings_match_the_overall_rows() {
    let mut expected: BTreeMap<Rating, usize> = BTreeMap::new();
    let mut dates = BTreeMap::new();
    for r in lincolnshire_rows().iter().filter(|r| row_is_asc(r)) {
        if r["Service / Population Group"] == "Overall" && r["Domain"] == "Overall" {
            let rating = match r["Latest Rating"].as_str() {
                "Outstanding" => Rating::Outstanding,
                "Good" => Rating::Good,
                "Requires improvement" => Rating::RequiresImprovement,
                "Inadequate" => Rating::Inadequate,
                _ => Rating::NotRated,
            };
            *expected.entry(rating).or_default() += 1;
            dates.insert(r["Location ID"].clone(), r["Publication Date"].clone());
        }
    }
    let (batch, _) = ratings::read_csv(&lincolnshire_path()).unwrap();
    let mut got: BTreeMap<Rating, usize> = BTreeMap::new();
    for l in &batch.locations {
        let (rating, date) = l.rating.unwrap();
        *got.entry(rating).or_default() += 1;
        let raw = &dates[l.location_id.as_str()];
        let month_first = date.map(|d| d.format("%m/%d/%Y").to_string());
        assert_eq!(month_first.unwrap_or_default(), *raw);
    }
    assert_eq!(got, expected);
    let today = BTreeMap::from([
        (Rating::Outstanding, 22),
        (Rating::Good, 257),
        (Rating::RequiresImprovement, 67),
        (Rating::Inadequate, 3),
        (Rating::NotRated, 7),
    ]);
    assert_eq!(expected, today);
}

#[test]
fn lincolnshire_keeps_every_dated_rating_as_history_and_types_care_homes() {
    let rows: Vec<_> = lincolnshire_rows().into_iter().filter(row_is_asc).collect();
    let dated = rows
        .iter()
        .filter(|r| !r["Publication Date"].is_empty() && r["Latest Rating"] != "Not Rated")
        .count();
    let care_homes: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r["Care Home?"] == "Y")
        .map(|r| r["Location ID"].as_str())
        .collect();
    let (batch, _) = ratings::read_csv(&lincolnshire_path()).unwrap();
    assert_eq!(batch.rating_events.len(), dated);
    assert_eq!(dated, 2584);
    for l in &batch.locations {
        let home = care_homes.contains(l.location_id.as_str());
        assert_eq!(l.nursing_unknown, home);
        if home {
            assert_eq!(l.service_type, Some(ServiceType::ResidentialHome));
        }
        assert_eq!(l.beds, None);
        assert_eq!(l.registered_manager, None);
    }
    assert_eq!(care_homes.len(), 262);
}

fn directory_path() -> PathBuf {
    data_dir().join("cqc/cqc_directory_sample_20.csv")
}

#[test]
fn the_directory_sample_skips_providers_and_health_services() {
    let mut r = csv::Reader::from_path(directory_path()).unwrap();
    let header = r.headers().unwrap().clone();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (loc, types) = (
        col("CQC Location ID (for office use only)"),
        col("Service types"),
    );
    let care = [
        "Homecare agencies",
        "Residential homes",
        "Nursing homes",
        "Supported living",
    ];
    let (mut provider_only, mut asc, mut other) = (0, 0, 0);
    for rec in r.records() {
        let rec = rec.unwrap();
        if rec[loc].is_empty() {
            provider_only += 1;
        } else if care.iter().any(|c| rec[types].contains(c)) {
            asc += 1;
        } else {
            other += 1;
        }
    }
    let (batch, _) = directory::read_csv(&directory_path()).unwrap();
    assert_eq!(batch.locations.len(), asc);
    let skipped: BTreeMap<_, _> = batch.skipped.iter().cloned().collect();
    assert_eq!(skipped["provider only, no location ID"], provider_only);
    assert_eq!(skipped["not adult social care"], other);
    assert_eq!((asc, provider_only, other), (11, 2, 7));
    assert!(batch.locations.iter().all(|l| l.name.trim() == l.name));
    assert!(
        batch
            .locations
            .iter()
            .any(|l| l.name == "ASP Healthcare Services Ltd")
    );
}
