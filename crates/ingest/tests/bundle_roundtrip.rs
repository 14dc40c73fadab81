#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A bundle written and read back is the same dataset, and writing is
//! deterministic.

mod bundle_support;

use std::collections::BTreeMap;
use std::path::Path;

use continuum_domain::Dataset;
use continuum_ingest::bundle::{BundleContext, files, read_bundle, write_bundle};

fn bytes_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_table_survives_a_write_and_a_read() {
    let ds = bundle_support::sample();
    for (file, n) in ds.counts() {
        assert!(n > 0, "the sample must cover {file}");
    }
    let dir = tempfile::tempdir().unwrap();
    write_bundle(&ds, dir.path()).unwrap();
    let (back, warnings) = read_bundle(dir.path(), &BundleContext::default()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, ds);
}

#[test]
fn writing_twice_gives_the_same_bytes() {
    let ds = bundle_support::sample();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_bundle(&ds, a.path()).unwrap();
    write_bundle(&ds, b.path()).unwrap();
    let first = bytes_of(a.path());
    assert_eq!(first.len(), 20, "one file per table: {:?}", first.keys());
    assert_eq!(first, bytes_of(b.path()));
    // And again over the same folder.
    write_bundle(&ds, a.path()).unwrap();
    assert_eq!(first, bytes_of(a.path()));
}

#[test]
fn the_written_cells_follow_the_file_rules() {
    let dir = bundle_support::written_sample();
    let text = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    assert_eq!(
        text("authority.csv"),
        "la,ons_code,as_at,neighbours\nMedway,E06000035,2025-03-31,Kent;Bexley\nKent,E10000016,,\n"
    );
    let contracts = text("contracts.csv");
    assert!(
        contracts.ends_with(",2022-04-01,2026-03-31,1234.5,week,North\n"),
        "{contracts}"
    );
    let indicators = text("indicators.csv");
    // Shortest round-trip form: 12.0 is written 12, 1/3 with all its digits.
    assert!(
        indicators.contains(",-2.5,12,0.3333333333333333,310,"),
        "{indicators}"
    );
    let placements = text("placements.csv");
    assert!(placements.contains(",Y,family\n"), "{placements}");
}

#[test]
fn columns_are_written_in_the_order_the_spec_lists_them() {
    let spec = std::fs::read_to_string(
        // The repository's copy of spec/bundle.md.
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/bundle.md"),
    )
    .unwrap();
    let dir = bundle_support::written_sample();
    for f in files() {
        let header = std::fs::read_to_string(dir.path().join(f.file)).unwrap();
        let header = header.lines().next().unwrap().to_string();
        assert_eq!(header, spec_columns(&spec, f.file).join(","), "{}", f.file);
    }
}

/// The column names of one file's table in bundle.md.
fn spec_columns(spec: &str, file: &str) -> Vec<String> {
    let start = spec.find(&format!("**`{file}`**")).expect(file);
    spec[start..]
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.split('|')
                .nth(1)
                .unwrap()
                .trim()
                .trim_matches('`')
                .to_string()
        })
        .collect()
}

#[test]
fn an_empty_table_leaves_no_file_behind() {
    let dir = bundle_support::written_sample();
    let mut ds = bundle_support::sample();
    ds.gaps.clear();
    write_bundle(&ds, dir.path()).unwrap();
    assert!(!dir.path().join("gaps.csv").exists());
    let (back, _) = read_bundle(dir.path(), &BundleContext::default()).unwrap();
    assert_eq!(back, ds);
    // authority.csv is written even for an empty dataset.
    let empty = tempfile::tempdir().unwrap();
    write_bundle(&Dataset::default(), empty.path()).unwrap();
    assert_eq!(bytes_of(empty.path()).len(), 1);
}

#[test]
fn a_location_already_in_the_register_may_be_referred_to() {
    let dir = bundle_support::written_sample();
    let mut ds = bundle_support::sample();
    // Drop the Kent home from the bundle; the register knows it.
    ds.locations.retain(|l| l.location_id.as_str() != "1-300");
    write_bundle(&ds, dir.path()).unwrap();
    assert!(read_bundle(dir.path(), &BundleContext::default()).is_err());
    let mut ctx = BundleContext::default();
    ctx.known_locations
        .insert("1-300".parse().unwrap(), "Kent".parse().unwrap());
    let (back, _) = read_bundle(dir.path(), &ctx).unwrap();
    assert_eq!(back, ds);
}
