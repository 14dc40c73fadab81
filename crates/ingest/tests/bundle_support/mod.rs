//! A small hand-built dataset that covers every bundle table, and helpers to
//! write it and corrupt one of its files.

#![allow(dead_code)]

use std::path::Path;

use continuum_domain::*;

fn d(s: &str) -> Date {
    parse_date(s).expect("test date")
}

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("test id")
}

/// Two councils (Medway and Kent); one Medway person placed in Kent.
pub fn sample() -> Dataset {
    let mut ds = Dataset::default();
    places(&mut ds);
    market(&mut ds);
    care(&mut ds);
    quality(&mut ds);
    sustainability(&mut ds);
    ds
}

fn places(ds: &mut Dataset) {
    ds.authorities = vec![
        Authority {
            la: id("Medway"),
            ons_code: id("E06000035"),
            as_at: Some(d("2025-03-31")),
            neighbours: vec![id("Kent"), id("Bexley")],
        },
        Authority {
            la: id("Kent"),
            ons_code: id("E10000016"),
            as_at: None,
            neighbours: vec![],
        },
    ];
    ds.localities = vec![
        Locality {
            la: id("Medway"),
            locality_id: id("CHA"),
            name: "Chatham, \"old\" town".into(),
            rural: false,
        },
        Locality {
            la: id("Medway"),
            locality_id: id("HOO"),
            name: "Hoo Peninsula".into(),
            rural: true,
        },
    ];
    ds.population = vec![
        pop(
            None,
            2024,
            Sex::Female,
            AgeBand::A85Plus,
            4210,
            PopulationKind::Estimate,
        ),
        pop(
            Some("HOO"),
            2030,
            Sex::Male,
            AgeBand::A65To74,
            1875,
            PopulationKind::Projection,
        ),
    ];
    ds.prevalence = vec![PrevalenceRow {
        measure: "dementia".into(),
        sex: Sex::Female,
        age_band: AgeBand::A85Plus,
        rate: 0.1,
    }];
}

fn pop(
    loc: Option<&str>,
    year: i32,
    sex: Sex,
    age_band: AgeBand,
    people: u64,
    kind: PopulationKind,
) -> PopulationRow {
    PopulationRow {
        la: id("Medway"),
        locality_id: loc.map(id),
        year,
        sex,
        age_band,
        people,
        kind,
    }
}

fn location(loc: &str, la: &str, service_type: ServiceType, beds: u32) -> Location {
    Location {
        location_id: id(loc),
        provider_id: id("1-101"),
        provider_name: "Acme Care, Ltd".into(),
        name: format!("Home {loc}"),
        local_authority: id(la),
        locality_id: (la == "Medway").then(|| id("CHA")),
        postcode: "ME4 4AA".into(),
        latitude: Some(51.378_9),
        longitude: Some(-0.521),
        service_type,
        beds,
        specialisms: vec![Specialism::Dementia, Specialism::EndOfLife],
        registered_manager: Some(true),
        in_house: false,
        rating: Rating::Good,
        rating_date: Some(d("2023-07-14")),
        status: RegistrationStatus::Registered,
        registered_on: Some(d("2011-01-01")),
        deregistered_on: None,
        sponsor_licence: SponsorLicence::Held,
    }
}

fn market(ds: &mut Dataset) {
    let mut agency = location("1-200", "Medway", ServiceType::Homecare, 0);
    agency.specialisms = vec![];
    agency.registered_manager = None;
    agency.in_house = true;
    agency.rating = Rating::NotRated;
    agency.rating_date = None;
    agency.latitude = None;
    agency.longitude = None;
    agency.sponsor_licence = SponsorLicence::NotHeld;
    let mut gone = location("1-300", "Kent", ServiceType::ResidentialHome, 30);
    gone.status = RegistrationStatus::Deregistered;
    gone.deregistered_on = Some(d("2024-12-01"));
    ds.locations = vec![
        location("1-100", "Medway", ServiceType::NursingHome, 62),
        agency,
        gone,
    ];
    ds.contracts = vec![Contract {
        contract_id: id("C1"),
        la: id("Medway"),
        location_id: id("1-100"),
        kind: ContractKind::Framework,
        service_type: ServiceType::NursingHome,
        start_date: d("2022-04-01"),
        end_date: Some(d("2026-03-31")),
        rate: 1_234.5,
        rate_unit: RateUnit::Week,
        zone: Some("North".into()),
    }];
    ds.capacity = vec![CapacityReturn {
        location_id: id("1-100"),
        date: d("2025-03-20"),
        beds_max: Some(62),
        beds_occupied: Some(55),
        beds_vacant_reserved: Some(1),
        beds_vacant_accepting: Some(6),
        homecare_people: None,
        homecare_hours_week: None,
        homecare_extra_hours: Some(12.25),
    }];
}

fn care(ds: &mut Dataset) {
    ds.people = vec![
        person("P1", ClientType::ServiceUser, vec![]),
        person("P2", ClientType::UnpaidCarer, vec![id("P1")]),
    ];
    ds.people[1].birth_year = None;
    ds.people[1].sex = Gender::Unknown;
    ds.people[1].ethnicity = None;
    ds.people[1].primary_support_reason = None;
    ds.requests = vec![Request {
        request_id: id("R1"),
        person_id: id("P1"),
        service_type: ServiceType::NursingHome,
        needs: vec![Specialism::Dementia],
        hours_per_week: None,
        route: Route::HospitalDischarge,
        discharge_pathway: Some(3),
        received_on: d("2025-01-02"),
        medically_fit_on: Some(d("2025-01-05")),
        closed_on: Some(d("2025-01-20")),
        outcome: Some(RequestOutcome::Placed),
        delay_reasons: vec![DelayReason::Sourcing, DelayReason::FamilyChoice],
        preferred_locations: vec![id("1-100"), id("1-300")],
    }];
    ds.placements = vec![
        placement("PL1", "1-300", None, Some(OoaReason::Family)),
        placement("PL2", "1-100", Some("R1"), None),
    ];
    ds.placements[0].end_date = Some(d("2024-12-01"));
    ds.placements[0].end_reason = Some(EndReason::ProviderFailure);
    ds.placements[0].interim = true;
    ds.reviews = vec![
        Review {
            review_id: id("V1"),
            person_id: id("P1"),
            placement_id: Some(id("PL2")),
            date: d("2025-03-01"),
            kind: ReviewKind::Planned,
        },
        Review {
            review_id: id("V2"),
            person_id: id("P2"),
            placement_id: None,
            date: d("2025-03-02"),
            kind: ReviewKind::Unplanned,
        },
    ];
}

fn person(pid: &str, client_type: ClientType, cares_for: Vec<PersonId>) -> Person {
    Person {
        person_id: id(pid),
        la: id("Medway"),
        birth_year: Some(1938),
        sex: Gender::Female,
        ethnicity: Some("white_english".into()),
        locality_id: Some(id("HOO")),
        client_type,
        primary_support_reason: Some(PrimarySupportReason::MemoryAndCognition),
        has_unpaid_carer: Some(true),
        cares_for,
    }
}

fn placement(pl: &str, loc: &str, req: Option<&str>, ooa: Option<OoaReason>) -> Placement {
    Placement {
        placement_id: id(pl),
        person_id: id("P1"),
        request_id: req.map(id),
        location_id: id(loc),
        service_type: ServiceType::NursingHome,
        start_date: d("2024-06-01"),
        end_date: None,
        end_reason: None,
        weekly_cost: Some(1_043.17),
        hours_per_week: None,
        delivery: Delivery::Commissioned,
        interim: false,
        ooa_reason: ooa,
    }
}

fn quality(ds: &mut Dataset) {
    let qa = |standard: &str, rating| QualityAssessment {
        assessment_id: id("QA1"),
        location_id: id("1-100"),
        la: id("Medway"),
        date: d("2024-11-05"),
        framework: "pamms".into(),
        domain: "Safe".into(),
        standard: standard.into(),
        rating,
    };
    ds.quality_assessments = vec![qa("Medication", QaRating::Good), qa("", QaRating::Poor)];
    ds.visits = vec![Visit {
        visit_id: id("VI1"),
        location_id: id("1-100"),
        la: id("Medway"),
        date: d("2024-11-05"),
        kind: VisitKind::FollowUp,
    }];
    ds.concerns = vec![Concern {
        concern_id: id("CO1"),
        location_id: id("1-300"),
        la: id("Medway"),
        raised_on: d("2024-10-01"),
        kind: ConcernKind::Safeguarding,
        closed_on: None,
        substantiated: None,
    }];
    ds.sanctions = vec![Sanction {
        sanction_id: id("S1"),
        location_id: id("1-300"),
        la: id("Kent"),
        kind: SanctionKind::Embargo,
        start_date: d("2024-10-15"),
        end_date: Some(d("2024-12-01")),
        reason: "Line one\nline two, with a comma".into(),
    }];
}

fn sustainability(ds: &mut Dataset) {
    ds.handbacks = vec![Handback {
        handback_id: id("H1"),
        location_id: id("1-200"),
        la: id("Medway"),
        date: d("2025-02-01"),
        service_type: ServiceType::Homecare,
        people_affected: 14,
        reason: "Staffing".into(),
    }];
    ds.workforce = vec![WorkforceReturn {
        location_id: id("1-200"),
        date: d("2025-03-31"),
        posts: 40,
        vacancies: 5,
        starters: 8,
        leavers: 6,
        sickness_days: 31.5,
        care_cert_eligible: 12,
        care_cert_done: 9,
    }];
    ds.fees = vec![FeeRate {
        la: id("Medway"),
        service_type: ServiceType::Homecare,
        effective_from: d("2025-04-01"),
        rate: 24.3,
        unit: RateUnit::Hour,
        fair_cost_median: None,
    }];
    ds.indicators = vec![Indicator {
        la: id("Medway"),
        measure: "carers_break".into(),
        period: "2023-24".into(),
        value: Some(-2.5),
        england_value: Some(12.0),
        margin_of_error: Some(0.333_333_333_333_333_3),
        respondents: Some(310),
        source: "SACE".into(),
        polarity: Polarity::HigherBetter,
    }];
    ds.gaps = vec![Gap {
        gap_id: id("G1"),
        la: id("Medway"),
        raised_on: d("2025-01-10"),
        raised_by_role: Role::SocialWorker,
        category: "bariatric".into(),
        service_type: Some(ServiceType::NursingHome),
        locality_id: Some(id("HOO")),
        description: "No bariatric beds on the peninsula".into(),
        status: GapStatus::InProgress,
        owner: None,
        resolved_on: None,
    }];
}

/// Writes the sample to a fresh folder.
pub fn written_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    continuum_ingest::bundle::write_bundle(&sample(), dir.path()).expect("write");
    dir
}

/// Replaces `from` with `to` in one file of a bundle (exactly once).
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in {file}:\n{text}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Reads a bundle folder with no prior knowledge, expecting errors.
pub fn errors_of(dir: &Path) -> continuum_ingest::IngestErrors {
    match continuum_ingest::bundle::read_bundle(dir, &Default::default()) {
        Ok(_) => panic!("expected the bundle to be refused"),
        Err(e) => e,
    }
}
