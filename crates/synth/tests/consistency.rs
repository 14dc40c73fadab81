#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every generated bundle is internally consistent.

mod common;

#[test]
fn the_demo_bundle_is_internally_consistent() {
    let problems = common::check::problems(common::demo());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_checker_catches_broken_rows() {
    let mut ds = common::demo().clone();
    let away = ds
        .placements
        .iter()
        .position(|p| p.ooa_reason.is_some())
        .unwrap();
    ds.placements[away].ooa_reason = None;
    ds.placements[0].location_id = continuum_domain::LocationId::parse("1-0000000000").unwrap();
    let dup = ds.requests[0].clone();
    ds.requests.push(dup);
    let ended = ds
        .placements
        .iter()
        .position(|p| p.end_date.is_some())
        .unwrap();
    ds.placements[ended].start_date =
        ds.placements[ended].end_date.unwrap() + chrono::Duration::days(1);
    let problems = common::check::problems(&ds).join("\n");
    for expected in [
        "unknown location 1-0000000000",
        "duplicate ID",
        "ooa_reason None but away = true",
        "ends before it starts",
    ] {
        assert!(
            problems.contains(expected),
            "missed {expected:?} in:\n{problems}"
        );
    }
}

#[test]
fn the_national_bundle_at_a_small_scale_is_internally_consistent() {
    let ds = common::generate_with(continuum_synth::Profile::National, 9, 0.02);
    let problems = common::check::problems(&ds);
    assert!(problems.is_empty(), "{problems:#?}");
}
