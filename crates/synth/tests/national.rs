#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The national profile at a small scale: all 153 councils, rows in every
//! table, internally consistent, and councils that differ.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use continuum_domain::{Dataset, ServiceType};
use continuum_synth::Profile;

fn small() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| common::generate_with(Profile::National, 5, 0.01))
}

#[test]
fn all_153_councils_are_there_with_rows_in_every_table() {
    let ds = small();
    assert_eq!(ds.authorities.len(), 153);
    for (file, n) in ds.counts() {
        assert!(n > 0, "{file} is empty");
    }
    let with_people: BTreeSet<_> = ds.people.iter().map(|p| &p.la).collect();
    assert_eq!(with_people.len(), 153);
}

#[test]
fn the_national_bundle_is_internally_consistent() {
    let problems = common::check::problems(small());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn counties_are_bigger_than_london_boroughs() {
    let ds = small();
    let people = |prefix: &str| {
        let las: BTreeSet<_> = ds
            .authorities
            .iter()
            .filter(|a| a.ons_code.as_str().starts_with(prefix))
            .map(|a| &a.la)
            .collect();
        ds.people.iter().filter(|p| las.contains(&p.la)).count() as f64 / las.len() as f64
    };
    assert!(
        people("E10") > 2.0 * people("E09"),
        "counties {} London {}",
        people("E10"),
        people("E09")
    );
}

#[test]
fn neighbours_are_councils_in_the_same_region_and_take_out_of_area_placements() {
    let ds = small();
    let names: BTreeSet<_> = ds.authorities.iter().map(|a| &a.la).collect();
    for a in &ds.authorities {
        assert!(
            (1..=4).contains(&a.neighbours.len()),
            "{} has {:?}",
            a.la,
            a.neighbours
        );
        assert!(a.neighbours.iter().all(|n| names.contains(n)));
    }
    assert!(
        ds.placements
            .iter()
            .filter(|p| p.ooa_reason.is_some())
            .count()
            > 20
    );
}

#[test]
fn councils_differ_in_their_rating_mix() {
    let ds = small();
    let t = continuum_synth::demo_as_at();
    let mut shares = Vec::new();
    for a in ds
        .authorities
        .iter()
        .filter(|a| a.ons_code.as_str().starts_with("E10"))
    {
        let homes: Vec<_> = ds
            .locations
            .iter()
            .filter(|l| {
                l.local_authority == a.la
                    && l.is_registered_at(t)
                    && l.service_type == ServiceType::Homecare
            })
            .collect();
        if !homes.is_empty() {
            shares.push(
                homes
                    .iter()
                    .filter(|l| l.rating_at(t).is_good_or_better())
                    .count() as f64
                    / homes.len() as f64,
            );
        }
    }
    let (lo, hi) = shares
        .iter()
        .fold((1.0f64, 0.0f64), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
    assert!(hi - lo > 0.2, "{shares:?}");
}
