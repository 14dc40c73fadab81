#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The hand-written CLD fixture maps to the requests, placements, waits and
//! weekly costs worked out by hand below.
//!
//! The fixture (`fixtures/cld/submission_small.csv`, header = line 1):
//!
//! | line | person | event | notes |
//! |---|---|---|---|
//! | 2 | P1 | Request REQ1 2024-01-10→01-20 | Discharge from Hospital, R2 |
//! | 3 | P1 | Assessment ASM1 | counted only |
//! | 4 | P1 | Service SRV1 2024-02-05, open | nursing, 1-100, £1,043.17 weekly |
//! | 5 | P1 | Review REV1 →2024-05-03 | planned |
//! | 6 | P2 | Request REQ2 01/03/2024→05/03/2024 | R1 spellings and dates |
//! | 7 | P2 | Service SRV2 11/03/2024→30/09/2024 | home support, £22.50 hourly × 14; died 30/06/2024 |
//! | 8 | P2 | Review (no reference) 10/05/2024 | unplanned |
//! | 9 | P3 | Request REQ3 2024-04-02 | transition |
//! | 10 | P3 | Service SRV3 2024-04-15, open | residential, unknown 1-999, £2,400 4-weekly, direct payment |
//! | 11 | P4 | Request REQ4 2024-02-01→02-10 | NFA - Support declined (R1), no service |
//! | 12 | P5 | Request REQ5 2023-01-01 | progress to services |
//! | 13 | P5 | Service SRV5 2024-02-05, open | 400 days after REQ5: not linked; Kent 1-300; £300 fortnightly |
//! | 14 | P6 | Request REQ6 2024-03-01→03-03 | unpaid carer of P1 |
//! | 15 | P6 | Assessment ASM6 | counted only |
//! | 16 | P6 | Service SRV6 2024-03-10→03-10 | carer respite, no location, one-off £250 |

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use continuum_domain::*;
use continuum_ingest::cld::{CldContext, CldCounts, CldImport, read_cld};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cld/submission_small.csv")
}

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn ctx() -> CldContext {
    let mut known = HashMap::new();
    for (loc, la) in [("1-100", "Medway"), ("1-200", "Medway"), ("1-300", "Kent")] {
        known.insert(loc.parse().unwrap(), la.parse().unwrap());
    }
    CldContext {
        known_locations: known,
    }
}

fn import() -> (CldImport, Vec<continuum_ingest::Warning>) {
    read_cld(&fixture(), &"Medway".parse().unwrap(), &ctx()).unwrap()
}

fn placement<'a>(i: &'a CldImport, id: &str) -> &'a Placement {
    i.placements
        .iter()
        .find(|p| p.placement_id.as_str() == id)
        .unwrap()
}

fn request<'a>(i: &'a CldImport, id: &str) -> &'a Request {
    i.requests
        .iter()
        .find(|r| r.request_id.as_str() == id)
        .unwrap()
}

#[test]
fn every_event_is_counted_and_assessments_are_not_stored() {
    let (i, _) = import();
    assert_eq!(
        i.counts,
        CldCounts {
            rows: 15,
            people: 6,
            requests: 6,
            assessments: 2,
            services: 5,
            reviews: 2,
            // REQ1→SRV1, REQ2→SRV2, REQ3→SRV3, REQ6→SRV6; REQ4 has no service,
            // REQ5's starts 400 days later.
            linked_requests: 4,
            linked_reviews: 2,
            // SRV2 ends at P2's death.
            deaths_applied: 1,
            one_off_costs: 1,
            services_without_location: 1,
        }
    );
    let ids: Vec<&str> = i.people.iter().map(|p| p.person_id.as_str()).collect();
    assert_eq!(ids, ["P1", "P2", "P3", "P4", "P5", "P6"]);
}

#[test]
fn requests_link_to_the_first_service_within_365_days_and_waits_follow() {
    let (i, _) = import();
    // wait = linked placement start − request received, in days, by hand:
    // REQ1 2024-01-10 → SRV1 2024-02-05: 21 days to 31 Jan, + 5 = 26.
    // REQ2 2024-03-01 → SRV2 2024-03-11: 10.
    // REQ3 2024-04-02 → SRV3 2024-04-15: 13.
    // REQ6 2024-03-01 → SRV6 2024-03-10: 9.
    for (req, srv, wait) in [
        ("REQ1", "SRV1", 26),
        ("REQ2", "SRV2", 10),
        ("REQ3", "SRV3", 13),
        ("REQ6", "SRV6", 9),
    ] {
        let p = placement(&i, srv);
        assert_eq!(p.request_id.as_ref().map(RequestId::as_str), Some(req));
        let r = request(&i, req);
        assert_eq!((p.start_date - r.received_on).num_days(), wait, "{req}");
        assert_eq!(r.outcome, Some(RequestOutcome::Placed), "{req}");
        assert_eq!(r.service_type, p.service_type, "{req}");
    }
    // Closed on the request's own end date.
    assert_eq!(request(&i, "REQ1").closed_on, Some(d("2024-01-20")));
    assert_eq!(request(&i, "REQ2").closed_on, Some(d("2024-03-05")));
    // 2023-01-01 + 365 = 2024-01-01; SRV5 starts 2024-02-05, 400 days after.
    assert_eq!(placement(&i, "SRV5").request_id, None);
    let req5 = request(&i, "REQ5");
    assert_eq!(
        (req5.outcome, req5.closed_on),
        (None, None),
        "still waiting"
    );
    assert_eq!(req5.service_type, ServiceType::Other);
}

#[test]
fn a_request_with_no_service_closes_by_its_outcome() {
    let (i, _) = import();
    let r = request(&i, "REQ4");
    assert_eq!(r.outcome, Some(RequestOutcome::Declined));
    assert_eq!(r.closed_on, Some(d("2024-02-10")));
}

#[test]
fn routes_map_from_both_releases_and_carers_come_by_the_carer_route() {
    let (i, _) = import();
    let route = |id| request(&i, id).route;
    assert_eq!(route("REQ1"), Route::HospitalDischarge);
    assert_eq!(route("REQ2"), Route::Community);
    assert_eq!(route("REQ3"), Route::Transition);
    assert_eq!(route("REQ6"), Route::Carer);
    assert_eq!(request(&i, "REQ1").needs, vec![Specialism::Dementia]);
    assert_eq!(
        request(&i, "REQ3").needs,
        vec![Specialism::LearningDisability]
    );
}

#[test]
fn weekly_costs_follow_the_dhsc_unit_rules() {
    let (i, _) = import();
    let cost = |id| placement(&i, id).weekly_cost;
    assert_eq!(cost("SRV1"), Some(1043.17)); // weekly × 1
    assert_eq!(cost("SRV2"), Some(315.0)); // £22.50 an hour × 14 hours
    assert_eq!(cost("SRV3"), Some(600.0)); // £2,400 every 4 weeks ÷ 4
    assert_eq!(cost("SRV5"), Some(150.0)); // £300 a fortnight ÷ 2
    assert_eq!(cost("SRV6"), None); // one-off
    assert_eq!(placement(&i, "SRV2").hours_per_week, Some(14.0));
    assert_eq!(placement(&i, "SRV1").hours_per_week, None);
}

#[test]
fn service_types_and_delivery_map_from_both_releases() {
    let (i, _) = import();
    let p = |id| placement(&i, id);
    assert_eq!(p("SRV1").service_type, ServiceType::NursingHome);
    assert_eq!(p("SRV2").service_type, ServiceType::Homecare);
    assert_eq!(p("SRV3").service_type, ServiceType::ResidentialHome);
    assert_eq!(p("SRV5").service_type, ServiceType::Homecare);
    assert_eq!(p("SRV6").service_type, ServiceType::Respite);
    assert_eq!(p("SRV1").delivery, Delivery::Commissioned);
    assert_eq!(p("SRV2").delivery, Delivery::Commissioned);
    assert_eq!(p("SRV3").delivery, Delivery::DirectPayment);
    assert_eq!(p("SRV5").delivery, Delivery::ManagedBudget);
}

#[test]
fn a_death_before_the_end_ends_the_service_and_open_services_stay_open() {
    let (i, _) = import();
    let srv2 = placement(&i, "SRV2");
    assert_eq!(srv2.end_date, Some(d("2024-06-30")));
    assert_eq!(srv2.end_reason, Some(EndReason::Died));
    for open in ["SRV1", "SRV3", "SRV5"] {
        assert_eq!(placement(&i, open).end_date, None, "{open}");
        assert_eq!(placement(&i, open).end_reason, None, "{open}");
    }
    assert_eq!(placement(&i, "SRV6").end_reason, Some(EndReason::Planned));
}

#[test]
fn unknown_and_missing_locations_are_kept_as_stubs_with_a_warning() {
    let (i, warnings) = import();
    assert_eq!(placement(&i, "SRV3").location_id.as_str(), "1-999");
    assert_eq!(
        placement(&i, "SRV6").location_id.as_str(),
        "no-cqc-location:Medway"
    );
    let stubs: Vec<&str> = i
        .location_stubs
        .iter()
        .map(|l| l.location_id.as_str())
        .collect();
    assert_eq!(stubs, ["1-999", "no-cqc-location:Medway"]);
    assert!(
        i.location_stubs
            .iter()
            .all(|l| l.local_authority.as_str() == "Medway")
    );
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("'1-999' is not in the register")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("1 service(s) have no Provider CQC Location ID")),
        "{text:?}"
    );
    // Out of area: only the Kent placement.
    let ooa: Vec<&str> = i
        .placements
        .iter()
        .filter(|p| p.ooa_reason.is_some())
        .map(|p| p.placement_id.as_str())
        .collect();
    assert_eq!(ooa, ["SRV5"]);
    assert_eq!(placement(&i, "SRV5").ooa_reason, Some(OoaReason::Other));
}

#[test]
fn reviews_name_the_placement_active_on_their_date() {
    let (i, _) = import();
    let r: Vec<_> = i
        .reviews
        .iter()
        .map(|r| {
            (
                r.review_id.as_str(),
                r.date,
                r.kind,
                r.placement_id.as_ref().map(PlacementId::as_str),
            )
        })
        .collect();
    assert_eq!(
        r,
        [
            ("REV1", d("2024-05-03"), ReviewKind::Planned, Some("SRV1")),
            // No reference: person ID and line 8.
            (
                "P2:V8",
                d("2024-05-10"),
                ReviewKind::Unplanned,
                Some("SRV2")
            ),
        ]
    );
}

#[test]
fn people_keep_the_birth_year_only_and_carers_name_whom_they_care_for() {
    let (i, _) = import();
    let p = |id: &str| {
        i.people
            .iter()
            .find(|p| p.person_id.as_str() == id)
            .unwrap()
    };
    assert_eq!(p("P1").birth_year, Some(1938));
    assert_eq!(p("P2").birth_year, Some(1950));
    assert_eq!(p("P2").sex, Gender::Male);
    assert_eq!(
        p("P2").primary_support_reason,
        Some(PrimarySupportReason::PersonalCare)
    );
    assert_eq!(p("P6").client_type, ClientType::UnpaidCarer);
    assert_eq!(p("P6").cares_for, vec!["P1".parse::<PersonId>().unwrap()]);
    assert_eq!(p("P1").has_unpaid_carer, Some(true));
}

#[test]
fn the_import_reads_back_as_a_valid_bundle() {
    let (i, _) = import();
    let mut ds = i.clone().into_dataset();
    ds.authorities = vec![Authority {
        la: "Medway".parse().unwrap(),
        ons_code: "E06000035".parse().unwrap(),
        as_at: None,
        neighbours: vec![],
    }];
    let dir = tempfile::tempdir().unwrap();
    continuum_ingest::bundle::write_bundle(&ds, dir.path()).unwrap();
    let bctx = continuum_ingest::bundle::BundleContext {
        known_locations: ctx().known_locations,
        ..Default::default()
    };
    let (back, _) = continuum_ingest::bundle::read_bundle(dir.path(), &bctx).unwrap();
    assert_eq!(back, ds);
}
