#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The read speed of a national-sized bundle, generated here (never committed).
//!
//! Ignored by default; run in release mode:
//!
//! ```sh
//! cargo test -p continuum-ingest --release --test bundle_speed -- --ignored --nocapture
//! ```
//!
//! `CONTINUUM_BENCH_PEOPLE` sets the size (default 1,500,000 people, which gives
//! about 10 million rows and 1 GB of CSV: the national scale of product.md).

use std::time::Instant;

use continuum_domain::*;
use continuum_ingest::bundle::{BundleContext, read_bundle, write_bundle};

/// A cheap deterministic mixer, so the data is varied without a rand crate.
fn mix(i: u64) -> u64 {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 32)
}

fn day(base: Date, i: u64, span: u64) -> Date {
    base + chrono::Duration::days((mix(i) % span) as i64)
}

fn council(i: u64) -> String {
    format!("Council {:03}", i % 153)
}

fn national(people: u64) -> Dataset {
    let locations = locations(30_000);
    let mut ds = Dataset {
        authorities: (0..153).map(authority).collect(),
        ..Dataset::default()
    };
    for p in 0..people {
        person_and_care(p, &locations, &mut ds);
    }
    ds.locations = locations;
    ds
}

fn base() -> Date {
    parse_date("2018-01-01").unwrap()
}

fn authority(i: u64) -> Authority {
    Authority {
        la: council(i).parse().unwrap(),
        ons_code: format!("E06{i:06}").parse().unwrap(),
        as_at: Some(parse_date("2025-03-31").unwrap()),
        neighbours: vec![council(i + 1).parse().unwrap()],
    }
}

fn locations(n: u64) -> Vec<Location> {
    (0..n)
        .map(|i| Location {
            location_id: format!("1-{:011}", 10_000_000_000 + i).parse().unwrap(),
            provider_id: format!("1-{:09}", i / 3).parse().unwrap(),
            provider_name: format!("Provider {}", i / 3),
            name: format!("Care Home {i}"),
            local_authority: council(i).parse().unwrap(),
            locality_id: None,
            postcode: "ME4 4AA".into(),
            latitude: Some(51.0 + (mix(i) % 1000) as f64 / 1000.0),
            longitude: Some(-1.0 + (mix(i + 1) % 1000) as f64 / 1000.0),
            service_type: ServiceType::ALL[(mix(i) % 10) as usize],
            beds: (mix(i) % 80) as u32,
            specialisms: vec![Specialism::Dementia],
            registered_manager: Some(true),
            in_house: false,
            rating: Rating::ALL[(mix(i) % 5) as usize],
            rating_date: Some(day(base(), i, 2000)),
            status: RegistrationStatus::Registered,
            registered_on: Some(day(base(), i + 7, 1000)),
            deregistered_on: None,
            sponsor_licence: SponsorLicence::NotHeld,
        })
        .collect()
}

/// One person with two requests, each placed, and one review.
fn person_and_care(p: u64, locations: &[Location], ds: &mut Dataset) {
    let la: LaName = council(p).parse().unwrap();
    let pid: PersonId = format!("P{p:08}").parse().unwrap();
    ds.people.push(Person {
        person_id: pid.clone(),
        la: la.clone(),
        birth_year: Some(1930 + (mix(p) % 70) as i32),
        sex: if p.is_multiple_of(2) {
            Gender::Female
        } else {
            Gender::Male
        },
        ethnicity: Some("white_english".into()),
        locality_id: None,
        client_type: ClientType::ServiceUser,
        primary_support_reason: Some(PrimarySupportReason::PersonalCare),
        has_unpaid_carer: Some(p.is_multiple_of(3)),
        cares_for: vec![],
    });
    for e in 0..2u64 {
        let k = p * 2 + e;
        let received = day(base(), k, 2500);
        let rid: RequestId = format!("R{k:09}").parse().unwrap();
        ds.requests.push(Request {
            request_id: rid.clone(),
            person_id: pid.clone(),
            service_type: ServiceType::Homecare,
            needs: vec![Specialism::OlderPeople],
            hours_per_week: Some(10.5),
            route: Route::Community,
            discharge_pathway: None,
            received_on: received,
            medically_fit_on: None,
            closed_on: Some(received + chrono::Duration::days(9)),
            outcome: Some(RequestOutcome::Placed),
            delay_reasons: vec![],
            preferred_locations: vec![],
        });
        // A location of the person's own council: same index modulo 153.
        let loc = (mix(k) % (locations.len() as u64 / 153)) * 153 + la_index(&la);
        let plid: PlacementId = format!("PL{k:09}").parse().unwrap();
        ds.placements.push(Placement {
            placement_id: plid.clone(),
            person_id: pid.clone(),
            request_id: Some(rid),
            location_id: locations[loc as usize].location_id.clone(),
            service_type: ServiceType::Homecare,
            start_date: received + chrono::Duration::days(9),
            end_date: k
                .is_multiple_of(3)
                .then(|| received + chrono::Duration::days(200)),
            end_reason: k.is_multiple_of(3).then_some(EndReason::Planned),
            weekly_cost: Some(312.75),
            hours_per_week: Some(10.5),
            delivery: Delivery::Commissioned,
            interim: false,
            ooa_reason: None,
        });
        if e == 0 {
            ds.reviews.push(Review {
                review_id: format!("V{k:09}").parse().unwrap(),
                person_id: pid.clone(),
                placement_id: Some(plid),
                date: received + chrono::Duration::days(60),
                kind: ReviewKind::Planned,
            });
        }
    }
}

fn la_index(la: &LaName) -> u64 {
    la.as_str()[8..].parse().unwrap()
}

#[test]
#[ignore = "a benchmark: run in release mode with --ignored"]
fn a_national_bundle_reads_in_seconds() {
    let people: u64 = std::env::var("CONTINUUM_BENCH_PEOPLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_500_000);
    let ds = national(people);
    let rows = ds.total_rows();
    let tmp = tempfile::tempdir().unwrap();
    // CONTINUUM_BENCH_DIR keeps the bundle, for profiling.
    let dir = std::env::var_os("CONTINUUM_BENCH_DIR").map_or(tmp.path().to_path_buf(), Into::into);
    let t = Instant::now();
    write_bundle(&ds, &dir).unwrap();
    let write_s = t.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let t = Instant::now();
    let (back, _) = read_bundle(&dir, &BundleContext::default()).unwrap();
    let read_s = t.elapsed().as_secs_f64();
    println!(
        "rows={rows} bytes={bytes} write={write_s:.2}s ({:.0} rows/s) read={read_s:.2}s \
         ({:.0} rows/s, {:.0} MB/s)",
        rows as f64 / write_s,
        rows as f64 / read_s,
        bytes as f64 / 1e6 / read_s
    );
    assert_eq!(back.total_rows(), rows);
    assert!(back == ds, "the national bundle must read back as written");
}

#[test]
#[ignore = "a benchmark: reads the bundle kept in CONTINUUM_BENCH_DIR"]
fn a_kept_bundle_reads_in_seconds() {
    let Some(dir) = std::env::var_os("CONTINUUM_BENCH_DIR") else {
        return;
    };
    let t = Instant::now();
    let (ds, _) = read_bundle(dir.as_ref(), &BundleContext::default()).unwrap();
    let read_s = t.elapsed().as_secs_f64();
    let rows = ds.total_rows();
    println!(
        "rows={rows} read={read_s:.2}s ({:.0} rows/s)",
        rows as f64 / read_s
    );
}
