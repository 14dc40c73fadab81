#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The demo bundle, written with the bundle writer, reads back with no error
//! (every reference resolves, every required cell is there) and unchanged.

mod common;

use continuum_ingest::bundle::{BundleContext, read_bundle, write_bundle};

#[test]
fn the_demo_bundle_reads_back_without_errors_and_unchanged() {
    let ds = common::demo();
    let dir = tempfile::tempdir().unwrap();
    write_bundle(ds, dir.path()).unwrap();
    let (back, warnings) = match read_bundle(dir.path(), &BundleContext::default()) {
        Ok(x) => x,
        Err(e) => panic!("{e}"),
    };
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back.counts(), ds.counts());
    assert!(
        back == *ds,
        "the bundle changed on the way through the files"
    );
}
