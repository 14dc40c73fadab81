//! Hand-made bundles for `quality.*`.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use continuum_domain::*;

fn qa(b: &mut B, id: &str, loc: &str, date: Date, ratings: &[QaRating]) {
    for (i, r) in ratings.iter().enumerate() {
        b.ds.quality_assessments.push(QualityAssessment {
            assessment_id: AssessmentId::parse(id).unwrap(),
            location_id: LocationId::parse(loc).unwrap(),
            la: la(),
            date,
            framework: "pamms".into(),
            domain: "Safe".into(),
            standard: format!("S{i}"),
            rating: *r,
        });
    }
}

#[test]
fn a_rating_dated_after_t_counts_as_not_rated() {
    let mut b = B::new();
    b.location("A", "Anyshire", ServiceType::ResidentialHome)
        .rating = Rating::Outstanding;
    let l = b.location("B", "Anyshire", ServiceType::ResidentialHome);
    l.rating = Rating::Good;
    l.rating_date = Some(t(1));
    b.location("C", "Anyshire", ServiceType::Homecare).rating = Rating::RequiresImprovement;
    b.location("D", "Anyshire", ServiceType::Homecare).rating = Rating::NotRated;
    b.location("E", "Nearby", ServiceType::Homecare).rating = Rating::Inadequate;
    let p = b.pack();
    // In area: A outstanding, B not rated (rating after T), C RI, D not rated.
    assert_eq!(
        row(&p, "quality.rating_mix.all.shares.not_rated"),
        Some(0.5)
    );
    assert_eq!(
        row(&p, "quality.rating_mix.all.shares.inadequate"),
        Some(0.0)
    );
    assert_eq!(
        row(
            &p,
            "quality.rating_mix.by_service_type.residential_home.shares.outstanding"
        ),
        Some(0.5)
    );
    assert_eq!(
        row(&p, "quality.rating_mix.good_or_outstanding"),
        Some(0.25)
    );
    // Rated ones: A and C; one good or better.
    assert_eq!(
        row(&p, "quality.rating_mix.rated_good_or_outstanding"),
        Some(0.5)
    );
    // A year later B's rating counts.
    let later = b.pack_at(t(2));
    assert_eq!(
        row(&later, "quality.rating_mix.good_or_outstanding"),
        Some(0.5)
    );
}

#[test]
fn the_assessment_threshold_is_any_poor_or_a_quarter_requires_improvement() {
    use QaRating::*;
    let mut b = B::new();
    for l in ["L1", "L2", "L3", "L4"] {
        b.location(l, "Anyshire", ServiceType::ResidentialHome);
    }
    // L1: 1 of 4 RI = 25%: below.
    qa(
        &mut b,
        "A1",
        "L1",
        t(-10),
        &[RequiresImprovement, Good, Good, Excellent],
    );
    // L2: 1 of 5 RI = 20%: not below.
    qa(
        &mut b,
        "A2",
        "L2",
        t(-10),
        &[RequiresImprovement, Good, Good, Good, Good],
    );
    // L3: one poor: below. Its newer assessment is after T and is ignored.
    qa(
        &mut b,
        "A3",
        "L3",
        t(-10),
        &[Poor, Excellent, Excellent, Excellent, Excellent],
    );
    qa(&mut b, "A3b", "L3", t(5), &[Excellent]);
    // L4: an old poor assessment replaced by a good one: not below.
    qa(&mut b, "A4", "L4", t(-300), &[Poor]);
    qa(&mut b, "A4b", "L4", t(-30), &[Good, Good]);
    let p = b.pack();
    assert_eq!(row(&p, "quality.assessments"), Some(0.5));
    let q = &p.sections.quality.assessments;
    assert_eq!((q.ratio.numerator, q.ratio.denominator), (2.0, 4.0));
    assert_eq!(
        q.below_threshold
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>(),
        ["L1", "L3"]
    );
}

fn concern(b: &mut B, id: &str, loc: &str, date: Date, kind: ConcernKind) {
    b.ds.concerns.push(Concern {
        concern_id: ConcernId::parse(id).unwrap(),
        location_id: LocationId::parse(loc).unwrap(),
        la: la(),
        raised_on: date,
        kind,
        closed_on: None,
        substantiated: None,
    });
}

#[test]
fn three_safeguarding_concerns_within_90_days_make_a_cluster() {
    use ConcernKind::*;
    let mut b = B::new();
    b.location("L1", "Anyshire", ServiceType::ResidentialHome);
    b.location("L2", "Anyshire", ServiceType::ResidentialHome);
    // L1: days −100, −40, −10: span 90 → a cluster.
    concern(&mut b, "C1", "L1", t(-100), Safeguarding);
    concern(&mut b, "C2", "L1", t(-40), Safeguarding);
    concern(&mut b, "C3", "L1", t(-10), Safeguarding);
    // L2: span 91 → not a cluster; a complaint does not count.
    concern(&mut b, "C4", "L2", t(-101), Safeguarding);
    concern(&mut b, "C5", "L2", t(-40), Safeguarding);
    concern(&mut b, "C6", "L2", t(-10), Safeguarding);
    concern(&mut b, "C7", "L2", t(-50), Complaint);
    // Outside the window.
    concern(&mut b, "C8", "L2", t(-365), Medication);
    let p = b.pack();
    let c = &p.sections.quality.concerns;
    assert_eq!(
        c.clusters.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        ["L1"]
    );
    assert_eq!(row(&p, "quality.concerns.raised_in_year"), Some(7.0));
    assert_eq!(row(&p, "quality.concerns.by_kind.safeguarding"), Some(6.0));
}

#[test]
fn a_host_councils_sanction_counts_our_people_placed_there() {
    let mut b = B::new();
    b.location("OUT", "Nearby", ServiceType::ResidentialHome);
    b.location("IN", "Anyshire", ServiceType::ResidentialHome);
    b.person("P1");
    b.person("P2");
    b.placement("A", "P1", "OUT", ServiceType::ResidentialHome, t(-50))
        .ooa_reason = Some(OoaReason::Family);
    b.placement("B", "P2", "IN", ServiceType::ResidentialHome, t(-50));
    let s = |id: &str, loc: &str, council: &str, kind, start: Date, end: Option<Date>| Sanction {
        sanction_id: SanctionId::parse(id).unwrap(),
        location_id: LocationId::parse(loc).unwrap(),
        la: LaName::parse(council).unwrap(),
        kind,
        start_date: start,
        end_date: end,
        reason: String::new(),
    };
    b.ds.sanctions.push(s(
        "S1",
        "OUT",
        "Nearby",
        SanctionKind::Embargo,
        t(-30),
        None,
    ));
    b.ds.sanctions.push(s(
        "S2",
        "IN",
        "Anyshire",
        SanctionKind::Suspension,
        t(-300),
        Some(t(0)),
    ));
    b.ds.sanctions.push(s(
        "S3",
        "IN",
        "Anyshire",
        SanctionKind::Restriction,
        t(-400),
        None,
    ));
    let p = b.pack();
    // Our sanctions active at T: S3 only (S2 lifted at T). Started in the window: S2.
    assert_eq!(row(&p, "quality.sanctions.active"), Some(1.0));
    assert_eq!(row(&p, "quality.sanctions.started_in_year"), Some(1.0));
    // People under an active sanction: P1 (Nearby's embargo) and P2 (our restriction).
    assert_eq!(row(&p, "quality.sanctions.people_affected"), Some(2.0));
}

#[test]
fn inadequate_and_a_revoked_licence_are_always_red() {
    let mut b = B::new();
    b.location("L1", "Anyshire", ServiceType::ResidentialHome)
        .rating = Rating::Inadequate;
    b.location("L2", "Anyshire", ServiceType::ResidentialHome)
        .sponsor_licence = SponsorLicence::Revoked;
    b.location("L3", "Anyshire", ServiceType::ResidentialHome);
    b.capacity("L3", t(-3), 10, 9, 1);
    for (i, l) in ["L1", "L2", "L3"].iter().enumerate() {
        let p = format!("P{i}");
        b.person(&p);
        b.placement(
            &format!("X{i}"),
            &p,
            l,
            ServiceType::ResidentialHome,
            t(-10),
        );
    }
    let p = b.pack();
    let r = &p.sections.quality.risk;
    assert_eq!((r.red, r.amber, r.green), (2, 0, 1));
    let l1 = r
        .locations
        .iter()
        .find(|e| e.location_id.as_str() == "L1")
        .unwrap();
    assert!(
        l1.reasons
            .iter()
            .any(|x| x.code == "cqc_inadequate" && x.always_red)
    );
}

#[test]
fn visit_coverage_is_over_commissioned_locations() {
    let mut b = B::new();
    b.location("L1", "Anyshire", ServiceType::ResidentialHome);
    b.location("L2", "Nearby", ServiceType::ResidentialHome)
        .rating = Rating::Inadequate;
    b.location("L3", "Anyshire", ServiceType::ResidentialHome);
    b.person("P1");
    b.placement("X", "P1", "L2", ServiceType::ResidentialHome, t(-10))
        .ooa_reason = Some(OoaReason::Family);
    b.ds.contracts.push(Contract {
        contract_id: ContractId::parse("K1").unwrap(),
        la: la(),
        location_id: LocationId::parse("L1").unwrap(),
        kind: ContractKind::Block,
        service_type: ServiceType::ResidentialHome,
        start_date: t(-100),
        end_date: None,
        rate: 800.0,
        rate_unit: RateUnit::Week,
        zone: None,
    });
    let v = |id: &str, loc: &str, date| Visit {
        visit_id: VisitId::parse(id).unwrap(),
        location_id: LocationId::parse(loc).unwrap(),
        la: la(),
        date,
        kind: VisitKind::Annual,
    };
    b.ds.visits.push(v("V1", "L1", t(-200)));
    b.ds.visits.push(v("V2", "L2", t(-100)));
    b.ds.visits.push(v("V3", "L3", t(-1)));
    let p = b.pack();
    // Commissioned: L1 (contract) and L2 (placement); both visited in the year.
    assert_eq!(row(&p, "quality.visit_coverage"), Some(1.0));
    // L2 is red (inadequate) and was not visited in the last 90 days.
    let red: Vec<&str> = p
        .sections
        .quality
        .visit_coverage
        .red_not_visited_90_days
        .iter()
        .map(|l| l.as_str())
        .collect();
    assert_eq!(red, ["L2"]);
}
