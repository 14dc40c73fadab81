#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `crates/synth/data/councils.csv` against the published ASCOF ODS: the same
//! 153 councils, NHS England's names, regions that add up to the regional
//! totals, and CQC's spelling wherever the CQC files here name a council.

mod ascof_support;

use ascof_support::{data_dir, ods_path, raw_sheet};
use calamine::Data;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

struct Council {
    ons_code: String,
    name: String,
    ascof_name: String,
    region: String,
}

fn councils_csv() -> Vec<Council> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../synth/data/councils.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["ons_code", "name", "ascof_name", "region"]
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            Council {
                ons_code: rec[0].to_string(),
                name: rec[1].to_string(),
                ascof_name: rec[2].to_string(),
                region: rec[3].to_string(),
            }
        })
        .collect()
}

fn is_council(ons: &str) -> bool {
    ["E06", "E08", "E09", "E10"]
        .iter()
        .any(|p| ons.starts_with(p))
}

#[test]
fn the_csv_lists_the_councils_of_table_2a_with_ascof_names() {
    let csv = councils_csv();
    let raw = raw_sheet("Table_2a");
    let sheet: BTreeMap<String, String> = raw
        .rows()
        .into_iter()
        .filter(|(ons, _, _)| is_council(ons))
        .map(|(ons, name, _)| (ons, name))
        .collect();
    assert_eq!(sheet.len(), 153);
    assert_eq!(csv.len(), 153);
    for c in &csv {
        assert_eq!(
            sheet.get(&c.ons_code),
            Some(&c.ascof_name),
            "{}",
            c.ons_code
        );
    }
}

#[test]
fn the_csv_matches_the_readers_council_list() {
    let (values, _) = continuum_ingest::ascof::read_ods(&ods_path()).unwrap();
    let from_reader: BTreeSet<String> = continuum_ingest::ascof::councils(&values)
        .into_iter()
        .map(|(code, _)| code.as_str().to_string())
        .collect();
    let from_csv: BTreeSet<String> = councils_csv().into_iter().map(|c| c.ons_code).collect();
    assert_eq!(from_reader, from_csv);
}

/// For each region, the councils the CSV puts in it add up to the region's
/// published total (regional figures are rounded to the nearest 5). A region
/// with a suppressed (`[c]`) council cell is skipped for that measure; a council
/// with no data (`[x]`) is not in the regional total either, so counts as 0.
#[test]
fn regions_add_up_to_the_published_regional_totals() {
    let csv = councils_csv();
    let mut checked = BTreeSet::new();
    for sheet in ["Table_2b", "Table_2c", "Table_3d(2a)"] {
        let raw = raw_sheet(sheet);
        let col = raw.col("2024 to 2025 - denominator");
        let number = |r: usize| match raw.range.get((r, col)) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::String(s)) if s == "[x]" => Some(0.0),
            _ => None,
        };
        let rows = raw.rows();
        let regions: Vec<_> = rows
            .iter()
            .filter(|(o, _, _)| o.starts_with("E12"))
            .collect();
        assert_eq!(regions.len(), 9);
        for (_, region, region_row) in regions {
            let members: Vec<&Council> = csv.iter().filter(|c| &c.region == region).collect();
            assert!(!members.is_empty(), "no council in {region}");
            let figures: Vec<Option<f64>> = members
                .iter()
                .map(|c| number(raw.row(&c.ons_code)))
                .collect();
            if figures.iter().any(Option::is_none) {
                continue;
            }
            let sum: f64 = figures.into_iter().flatten().sum();
            let total = number(*region_row).unwrap();
            assert!(
                (sum - total).abs() <= 3.0,
                "{sheet} {region}: {sum} vs {total}"
            );
            checked.insert(region.clone());
        }
    }
    assert_eq!(checked.len(), 9, "every region is checked at least once");
}

/// Every council named in the CQC files here is in the CSV under CQC's exact
/// spelling.
#[test]
fn names_are_cqcs_where_the_cqc_files_name_the_council() {
    let names: BTreeSet<String> = councils_csv().into_iter().map(|c| c.name).collect();
    let cqc = data_dir().join("cqc");
    let mut seen = BTreeSet::new();
    for (file, column) in [
        ("cqc_directory_sample_20.csv", "Local authority"),
        (
            "cqc_latest_ratings_lincolnshire_2026.csv",
            "Location Local Authority",
        ),
    ] {
        let mut r = csv::Reader::from_path(cqc.join(file)).unwrap();
        let i = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap();
        for rec in r.records() {
            let la = rec.unwrap()[i].trim().to_string();
            if !la.is_empty() {
                seen.insert(la);
            }
        }
    }
    let oldham: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(cqc.join("api_oldham/provider_details/provider_1-101611810.json"))
            .unwrap(),
    )
    .unwrap();
    seen.insert(text_of(&oldham["localAuthority"]));
    assert!(seen.len() >= 20, "{seen:?}");
    for la in &seen {
        assert!(
            names.contains(la),
            "CQC's '{la}' is not a council name in the CSV"
        );
    }
    assert!(names.contains("Medway") && !names.contains("Medway Towns"));
}

fn text_of(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}
