//! Hand-made bundles for `capacity.*`.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use continuum_domain::*;

#[test]
fn waits_count_linked_placements_started_in_the_window_only() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::Homecare);
    for p in ["P1", "P2", "P3", "P4", "P5"] {
        b.person(p);
    }
    // R1: starts at T − 365: outside the window (T − 365 < d).
    b.request("R1", "P1", ServiceType::Homecare, t(-370));
    b.placement("X1", "P1", "H1", ServiceType::Homecare, t(-365))
        .request_id = RequestId::parse("R1").ok();
    // R2: starts at T − 364, received 2 days before: wait 2.
    b.request("R2", "P2", ServiceType::Homecare, t(-366));
    b.placement("X2", "P2", "H1", ServiceType::Homecare, t(-364))
        .request_id = RequestId::parse("R2").ok();
    // R3: starts at T itself, received 10 days before: wait 10. An interim placement
    // started earlier does not count as the linked placement.
    b.request("R3", "P3", ServiceType::Homecare, t(-10));
    let i = b.placement("X3i", "P3", "H1", ServiceType::Homecare, t(-9));
    i.interim = true;
    i.request_id = RequestId::parse("R3").ok();
    b.placement("X3", "P3", "H1", ServiceType::Homecare, t(0))
        .request_id = RequestId::parse("R3").ok();
    // R4: starts after T: outside.
    b.request("R4", "P4", ServiceType::Homecare, t(-1));
    b.placement("X4", "P4", "H1", ServiceType::Homecare, t(1))
        .request_id = RequestId::parse("R4").ok();
    // R5: no linked placement at all.
    b.request("R5", "P5", ServiceType::Homecare, t(-30));
    let p = b.pack();
    // Waits counted: R2 (2 days) and R3 (10 days).
    assert_eq!(row(&p, "capacity.waits.all.count"), Some(2.0));
    assert_eq!(row(&p, "capacity.waits.all.mean"), Some(6.0));
    assert_eq!(row(&p, "capacity.waits.all.median"), Some(6.0));
    assert_eq!(row(&p, "capacity.waits.all.max"), Some(10.0));
    assert_eq!(row(&p, "capacity.waits.all.buckets.2"), Some(1.0));
    assert_eq!(row(&p, "capacity.waits.all.buckets.8-28"), Some(1.0));
    assert_eq!(
        row(&p, "capacity.waits.by_service_type.homecare.count"),
        Some(2.0)
    );
}

#[test]
fn the_linked_placement_is_the_earliest_non_interim_one() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::ResidentialHome);
    b.person("P1");
    b.request("R1", "P1", ServiceType::ResidentialHome, t(-100));
    b.placement("B", "P1", "H1", ServiceType::ResidentialHome, t(-40))
        .request_id = RequestId::parse("R1").ok();
    b.placement("A", "P1", "H1", ServiceType::ResidentialHome, t(-60))
        .request_id = RequestId::parse("R1").ok();
    let p = b.pack();
    // Earliest non-interim start is T − 60: wait 40 days.
    assert_eq!(row(&p, "capacity.waits.all.max"), Some(40.0));
    assert_eq!(row(&p, "capacity.waits.all.count"), Some(1.0));
}

#[test]
fn waiting_now_follows_received_closed_and_started_at_t() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::NursingHome);
    for p in ["P1", "P2", "P3", "P4", "P5", "P6", "P7"] {
        b.person(p);
    }
    // Waiting: received at T (0 days).
    b.request("R1", "P1", ServiceType::NursingHome, t(0));
    // Not waiting: received after T.
    b.request("R2", "P2", ServiceType::NursingHome, t(1));
    // Not waiting: closed at T.
    b.request("R3", "P3", ServiceType::NursingHome, t(-20))
        .closed_on = Some(t(0));
    // Waiting: closes after T; 100 days, reasons sourcing twice and funding once.
    let r = b.request("R4", "P4", ServiceType::NursingHome, t(-100));
    r.closed_on = Some(t(5));
    r.delay_reasons = vec![
        DelayReason::Sourcing,
        DelayReason::Sourcing,
        DelayReason::Funding,
    ];
    // Not waiting: linked placement started at T.
    b.request("R5", "P5", ServiceType::NursingHome, t(-3));
    b.placement("X5", "P5", "H1", ServiceType::NursingHome, t(0))
        .request_id = RequestId::parse("R5").ok();
    // Waiting: linked placement starts after T; 200 days; with an interim placement active at T.
    b.request("R6", "P6", ServiceType::ResidentialHome, t(-200))
        .delay_reasons = vec![DelayReason::Sourcing];
    b.placement("X6", "P6", "H1", ServiceType::ResidentialHome, t(2))
        .request_id = RequestId::parse("R6").ok();
    let i = b.placement("X6i", "P6", "H1", ServiceType::Respite, t(-30));
    i.interim = true;
    i.request_id = RequestId::parse("R6").ok();
    // An interim placement that ended at T does not count.
    b.request("R7", "P7", ServiceType::NursingHome, t(-5));
    let j = b.placement("X7i", "P7", "H1", ServiceType::Respite, t(-4));
    j.interim = true;
    j.end_date = Some(t(0));
    let p = b.pack();
    // Waiting: R1 (0), R4 (100), R6 (200), R7 (5).
    assert_eq!(row(&p, "capacity.waiting_now.count"), Some(4.0));
    assert_eq!(
        row(&p, "capacity.waiting_now.by_service_type.nursing_home"),
        Some(3.0)
    );
    assert_eq!(row(&p, "capacity.waiting_now.over_90"), Some(2.0));
    assert_eq!(row(&p, "capacity.waiting_now.over_182"), Some(1.0));
    // Sourcing: R4 once (not twice) and R6 once.
    assert_eq!(
        row(&p, "capacity.waiting_now.over_90_delay_reasons.sourcing"),
        Some(2.0)
    );
    assert_eq!(
        row(&p, "capacity.waiting_now.over_90_delay_reasons.funding"),
        Some(1.0)
    );
    assert_eq!(row(&p, "capacity.waiting_now.with_interim"), Some(1.0));
    assert_eq!(row(&p, "capacity.waiting_now.buckets.0-1"), Some(1.0));
    assert_eq!(row(&p, "capacity.waiting_now.buckets.3-7"), Some(1.0));
    assert_eq!(row(&p, "capacity.waiting_now.buckets.>90"), Some(2.0));
}

#[test]
fn discharge_delays_count_from_medically_fit_and_never_below_zero() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::NursingHome);
    for (i, (fit, start)) in [(-30, -26), (-50, -50), (-10, -12), (-200, -81)]
        .iter()
        .enumerate()
    {
        let (p, r) = (format!("P{i}"), format!("R{i}"));
        b.person(&p);
        let req = b.request(&r, &p, ServiceType::NursingHome, t(fit - 5));
        req.route = Route::HospitalDischarge;
        req.medically_fit_on = Some(t(*fit));
        req.delay_reasons = vec![DelayReason::Sourcing];
        b.placement(
            &format!("X{i}"),
            &p,
            "H1",
            ServiceType::NursingHome,
            t(*start),
        )
        .request_id = RequestId::parse(&r).ok();
    }
    // A discharge with no medically fit date is left out.
    b.person("Q");
    b.request("RQ", "Q", ServiceType::NursingHome, t(-9)).route = Route::HospitalDischarge;
    b.placement("XQ", "Q", "H1", ServiceType::NursingHome, t(-1))
        .request_id = RequestId::parse("RQ").ok();
    let p = b.pack();
    // Delays: 4, 0, max(0, −2) = 0, 119.
    assert_eq!(row(&p, "capacity.discharge_delays.count"), Some(4.0));
    assert_eq!(row(&p, "capacity.discharge_delays.min"), Some(0.0));
    assert_eq!(row(&p, "capacity.discharge_delays.max"), Some(119.0));
    assert_eq!(row(&p, "capacity.discharge_delays.median"), Some(2.0));
    assert_eq!(row(&p, "capacity.discharge_delays.mean"), Some(30.75));
    assert_eq!(row(&p, "capacity.discharge_delays.delayed"), Some(2.0));
    assert_eq!(
        row(&p, "capacity.discharge_delays.delay_reasons.sourcing"),
        Some(4.0)
    );
}

#[test]
fn out_of_area_placements_with_and_without_reviews() {
    let mut b = B::new();
    b.location("IN", "Anyshire", ServiceType::ResidentialHome);
    b.location("NEAR", "Nearby", ServiceType::ResidentialHome);
    b.location("FAR", "Faraway", ServiceType::NursingHome);
    for p in ["P1", "P2", "P3", "P4"] {
        b.person(p);
    }
    b.placement("A", "P1", "IN", ServiceType::ResidentialHome, t(-100));
    b.placement("B", "P2", "NEAR", ServiceType::ResidentialHome, t(-400))
        .ooa_reason = Some(OoaReason::Family);
    b.placement("C", "P3", "FAR", ServiceType::NursingHome, t(-50))
        .ooa_reason = Some(OoaReason::SpecialistUnavailable);
    // Ended at T: not active, not counted.
    let e = b.placement("D", "P4", "FAR", ServiceType::NursingHome, t(-50));
    e.ooa_reason = Some(OoaReason::NoVacancy);
    e.end_date = Some(t(0));
    // B reviewed in the window; C reviewed only at T − 365 (outside).
    b.review("V1", "P2", "B", t(-20));
    b.review("V2", "P3", "C", t(-365));
    let p = b.pack();
    assert_eq!(row(&p, "capacity.out_of_area.count"), Some(2.0));
    assert_eq!(
        row(&p, "capacity.out_of_area.in_neighbouring_council"),
        Some(0.5)
    );
    assert_eq!(row(&p, "capacity.out_of_area.by_reason.family"), Some(0.5));
    assert_eq!(
        row(&p, "capacity.out_of_area.by_reason.specialist_unavailable"),
        Some(0.5)
    );
    assert_eq!(
        row(&p, "capacity.out_of_area.by_service_type.nursing_home"),
        Some(0.5)
    );
    assert_eq!(row(&p, "capacity.out_of_area.reviewed_in_year"), Some(0.5));
}

#[test]
fn occupancy_takes_each_homes_latest_return_in_the_last_90_days() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::NursingHome);
    b.location("H2", "Anyshire", ServiceType::ResidentialHome);
    b.location("H3", "Anyshire", ServiceType::ResidentialHome);
    b.location("H4", "Anyshire", ServiceType::ResidentialHome)
        .deregistered_on = Some(t(-10));
    b.location("H5", "Anyshire", ServiceType::ResidentialHome)
        .registered_on = Some(t(1));
    b.location("HC", "Anyshire", ServiceType::Homecare);
    b.capacity("H1", t(-60), 40, 30, 5);
    b.capacity("H1", t(-5), 40, 36, 2); // latest for H1
    b.capacity("H2", t(-89), 20, 18, 1); // inside (T − 90 < d)
    b.capacity("H3", t(-90), 20, 20, 0); // outside
    b.capacity("H4", t(-20), 20, 10, 10); // deregistered: not counted
    let p = b.pack();
    // Homes: H1, H2, H3 (H4 deregistered, H5 not yet registered). Returns: H1, H2.
    assert_eq!(row(&p, "capacity.care_home_occupancy"), Some(54.0 / 60.0));
    assert_eq!(
        row(&p, "capacity.care_home_occupancy.beds_vacant_accepting"),
        Some(3.0)
    );
    assert_eq!(
        row(&p, "capacity.care_home_occupancy.coverage"),
        Some(2.0 / 3.0)
    );
    assert_eq!(row(&p, "capacity.care_home_occupancy.homes"), Some(3.0));
}

#[test]
fn homecare_counts_distinct_people_and_their_hours() {
    let mut b = B::new();
    b.location("HC", "Anyshire", ServiceType::Homecare);
    b.person("P1");
    b.person("P2");
    b.placement("A", "P1", "HC", ServiceType::Homecare, t(-10))
        .hours_per_week = Some(10.5);
    b.placement("B", "P1", "HC", ServiceType::Homecare, t(-5))
        .hours_per_week = Some(4.0);
    b.placement("C", "P2", "HC", ServiceType::Homecare, t(-5))
        .hours_per_week = None;
    b.placement("D", "P2", "HC", ServiceType::Homecare, t(1))
        .hours_per_week = Some(99.0);
    let p = b.pack();
    assert_eq!(row(&p, "capacity.homecare.people"), Some(2.0));
    assert_eq!(row(&p, "capacity.homecare.hours_per_week"), Some(14.5));
}

#[test]
fn long_term_care_is_counted_now_and_a_year_ago() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::NursingHome);
    b.location("HC", "Anyshire", ServiceType::Homecare);
    b.person("P1");
    b.person("P2");
    b.placement("A", "P1", "H1", ServiceType::NursingHome, t(-500));
    b.placement("B", "P2", "H1", ServiceType::NursingHome, t(-100));
    b.placement("C", "P2", "HC", ServiceType::Homecare, t(-600));
    let p = b.pack();
    assert_eq!(row(&p, "capacity.long_term_care.now"), Some(2.0));
    assert_eq!(row(&p, "capacity.long_term_care.a_year_ago"), Some(1.0));
}
