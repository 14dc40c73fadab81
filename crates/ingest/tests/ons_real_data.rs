#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The Nomis reader on ONS's mid-2024 estimates for Lincolnshire and its
//! districts. Expected figures are summed in the test from the raw CSV, or read
//! from the separately published 65+ summary.

use continuum_domain::{
    AgeBand, LaName, Locality, LocalityId, OnsCode, PopulationKind, PopulationRow,
};
use continuum_ingest::ons::{self, OnsPopulation, PopulationFormat, Targets};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    continuum_ingest::data_dir()
}

fn nomis_path() -> PathBuf {
    data_dir().join("population/ons_mye_2024_lincolnshire.csv")
}

fn read() -> Vec<OnsPopulation> {
    let (rows, warnings) = ons::read_nomis(&nomis_path()).unwrap();
    assert!(
        warnings.is_empty(),
        "the ages add up to All Ages: {warnings:?}"
    );
    rows
}

/// 65+ per geography code, summed in the test from the raw CSV's Male and
/// Female rows aged 65 and over (whatever the labels: "Age 65".."Age 89", and
/// the open-ended "Aged 90+").
fn raw_65_plus() -> BTreeMap<String, u64> {
    let mut r = csv::Reader::from_path(nomis_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (code, sex, age, obs) = (
        col("GEOGRAPHY_CODE"),
        col("GENDER_NAME"),
        col("C_AGE_NAME"),
        col("OBS_VALUE"),
    );
    let mut out = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let digits: String = rec[age].chars().filter(char::is_ascii_digit).collect();
        let years: Option<u32> = digits.parse().ok();
        if ["Male", "Female"].contains(&&rec[sex]) && years.is_some_and(|y| y >= 65) {
            *out.entry(rec[code].to_string()).or_default() += rec[obs].parse::<u64>().unwrap();
        }
    }
    out
}

/// (area, year) → population_65_plus from the published summary.
fn summary_65_plus() -> BTreeMap<(String, i32), u64> {
    let path = data_dir().join("population/lincolnshire_population_65plus_projection_summary.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    r.deserialize::<(String, i32, u64, u64, f64, String)>()
        .map(|row| {
            let (area, year, _, plus65, _, _) = row.unwrap();
            ((area, year), plus65)
        })
        .collect()
}

fn sum_65_plus(rows: &[OnsPopulation], code: &str) -> u64 {
    rows.iter()
        .filter(|r| r.geography_code.as_str() == code && r.age_band.is_65_plus())
        .map(|r| r.people)
        .sum()
}

#[test]
fn lincolnshire_65_plus_matches_the_raw_csv_and_the_published_summary() {
    let rows = read();
    let lincs = sum_65_plus(&rows, "E10000019");
    assert_eq!(lincs, raw_65_plus()["E10000019"]);
    let summary = summary_65_plus();
    assert_eq!(lincs, summary[&("Lincolnshire".to_string(), 2024)]);
    assert_eq!(lincs, 190_608, "the figure the product owner quotes");
}

#[test]
fn every_district_matches_the_raw_csv() {
    let rows = read();
    let raw = raw_65_plus();
    assert_eq!(raw.len(), 8, "Lincolnshire and its seven districts");
    for (code, people) in &raw {
        assert_eq!(sum_65_plus(&rows, code), *people, "{code}");
    }
}

#[test]
fn only_adult_bands_of_one_sex_are_kept() {
    let rows = read();
    assert_eq!(rows.len(), 8 * 2 * 4, "8 geographies × f, m × 4 bands");
    assert!(rows.iter().all(|r| r.year == 2024));
}

fn lincolnshire_targets(with_localities: bool) -> Targets {
    let la = LaName::parse("Lincolnshire").unwrap();
    let targets = Targets::new([(OnsCode::parse("E10000019").unwrap(), la.clone())]);
    if !with_localities {
        return targets;
    }
    let districts = [
        "Boston",
        "East Lindsey",
        "Lincoln",
        "North Kesteven",
        "South Holland",
        "South Kesteven",
        "West Lindsey",
    ];
    let localities: Vec<Locality> = districts
        .iter()
        .enumerate()
        .map(|(i, name)| Locality {
            la: la.clone(),
            locality_id: LocalityId::parse(&format!("L{i}")).unwrap(),
            name: name.to_uppercase(),
            rural: true,
        })
        .collect();
    targets.with_localities(&localities)
}

fn rows_65_plus(rows: &[PopulationRow], locality: Option<&str>) -> u64 {
    rows.iter()
        .filter(|r| r.locality_id.as_ref().map(LocalityId::as_str) == locality)
        .filter(|r| r.age_band.is_65_plus())
        .map(|r| r.people)
        .sum()
}

#[test]
fn districts_become_localities_that_add_up_to_the_county() {
    let (rows, warnings) =
        ons::to_population_rows(&nomis_path(), &read(), &lincolnshire_targets(true));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(rows.iter().all(|r| r.la.as_str() == "Lincolnshire"));
    assert!(rows.iter().all(|r| r.kind == PopulationKind::Estimate));
    let county = rows_65_plus(&rows, None);
    let districts: u64 = (0..7)
        .map(|i| rows_65_plus(&rows, Some(&format!("L{i}"))))
        .sum();
    assert_eq!(county, 190_608);
    assert_eq!(districts, county);
    let summary = summary_65_plus();
    assert_eq!(
        rows_65_plus(&rows, Some("L0")),
        summary[&("Boston".to_string(), 2024)]
    );
    let b85 = rows
        .iter()
        .filter(|r| r.age_band == AgeBand::A85Plus && r.locality_id.is_none());
    assert_eq!(b85.count(), 2, "one 85+ row per sex");
}

#[test]
fn districts_without_localities_are_reported_not_dropped_silently() {
    let (rows, warnings) =
        ons::to_population_rows(&nomis_path(), &read(), &lincolnshire_targets(false));
    assert_eq!(rows_65_plus(&rows, None), 190_608);
    assert_eq!(rows.len(), 8, "the county only: f, m × 4 bands");
    assert_eq!(warnings.len(), 7, "{warnings:?}");
    for code in ["E07000136", "E07000142"] {
        assert!(warnings.iter().any(|w| w.message.contains(code)), "{code}");
    }
}

#[test]
fn the_nomis_file_is_detected_as_nomis() {
    assert_eq!(
        ons::detect_format(&nomis_path()),
        Ok(PopulationFormat::Nomis)
    );
}
