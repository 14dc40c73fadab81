//! A small hand-built dataset touching every table, and a canonical order for
//! comparing datasets read back from a database.

use continuum_domain::parse_date;
use continuum_domain::*;

fn d(s: &str) -> Date {
    parse_date(s).unwrap_or(Date::MIN)
}

macro_rules! id {
    ($t:ty, $s:expr) => {
        <$t>::parse($s).unwrap_or_else(|_| unreachable!("fixture ID {} is valid", $s))
    };
}

fn location(id: &str, la: &str, st: ServiceType, beds: u32, rating: Rating) -> Location {
    Location {
        location_id: id!(LocationId, id),
        provider_id: id!(ProviderId, "1-900"),
        provider_name: "Anyshire Care Ltd".into(),
        name: format!("Home {id}"),
        local_authority: id!(LaName, la),
        locality_id: (la == "Anyshire").then(|| id!(LocalityId, "north")),
        postcode: "AN1 1AA".into(),
        latitude: Some(52.5),
        longitude: Some(-1.25),
        service_type: st,
        beds,
        specialisms: vec![Specialism::Dementia, Specialism::OlderPeople],
        registered_manager: Some(true),
        in_house: false,
        rating,
        rating_date: Some(d("2023-06-01")),
        status: RegistrationStatus::Registered,
        registered_on: Some(d("2015-01-01")),
        deregistered_on: None,
        sponsor_licence: SponsorLicence::NotHeld,
    }
}

/// Two councils; Anyshire has a record in every table, Nearby hosts one home.
pub fn fixture() -> Dataset {
    let any = id!(LaName, "Anyshire");
    let near = id!(LaName, "Nearby");
    let person = |p: &str, ct: ClientType| Person {
        person_id: id!(PersonId, p),
        la: any.clone(),
        birth_year: Some(1940),
        sex: Gender::Female,
        ethnicity: Some("white_english".into()),
        locality_id: Some(id!(LocalityId, "north")),
        client_type: ct,
        primary_support_reason: Some(PrimarySupportReason::PersonalCare),
        has_unpaid_carer: Some(ct == ClientType::ServiceUser),
        cares_for: if ct == ClientType::UnpaidCarer {
            vec![id!(PersonId, "P1")]
        } else {
            vec![]
        },
    };
    let placement = |id: &str, p: &str, loc: &str, start: &str, ooa: Option<OoaReason>| Placement {
        placement_id: id!(PlacementId, id),
        person_id: id!(PersonId, p),
        request_id: None,
        location_id: id!(LocationId, loc),
        service_type: ServiceType::ResidentialHome,
        start_date: d(start),
        end_date: None,
        end_reason: None,
        weekly_cost: Some(812.5),
        hours_per_week: None,
        delivery: Delivery::Commissioned,
        interim: false,
        ooa_reason: ooa,
    };
    let mut placements = vec![
        placement("PL1", "P1", "1-101", "2024-05-02", None),
        placement("PL2", "P2", "1-301", "2023-01-10", Some(OoaReason::Family)),
    ];
    placements[0].request_id = Some(id!(RequestId, "R1"));
    Dataset {
        authorities: vec![
            Authority {
                la: any.clone(),
                ons_code: id!(OnsCode, "E06099999"),
                as_at: Some(d("2025-03-31")),
                neighbours: vec![near.clone()],
            },
            Authority {
                la: near.clone(),
                ons_code: id!(OnsCode, "E06099998"),
                as_at: None,
                neighbours: vec![any.clone()],
            },
        ],
        localities: vec![Locality {
            la: any.clone(),
            locality_id: id!(LocalityId, "north"),
            name: "North".into(),
            rural: true,
        }],
        population: vec![
            PopulationRow {
                la: any.clone(),
                locality_id: None,
                year: 2025,
                sex: Sex::Female,
                age_band: AgeBand::A85Plus,
                people: 4200,
                kind: PopulationKind::Estimate,
            },
            PopulationRow {
                la: any.clone(),
                locality_id: Some(id!(LocalityId, "north")),
                year: 2030,
                sex: Sex::Male,
                age_band: AgeBand::A65To74,
                people: 1234,
                kind: PopulationKind::Projection,
            },
        ],
        prevalence: vec![PrevalenceRow {
            measure: "dementia".into(),
            sex: Sex::Female,
            age_band: AgeBand::A85Plus,
            rate: 0.21,
        }],
        locations: vec![
            location(
                "1-101",
                "Anyshire",
                ServiceType::NursingHome,
                40,
                Rating::Good,
            ),
            location(
                "1-102",
                "Anyshire",
                ServiceType::Homecare,
                0,
                Rating::RequiresImprovement,
            ),
            location(
                "1-301",
                "Nearby",
                ServiceType::ResidentialHome,
                25,
                Rating::Outstanding,
            ),
        ],
        contracts: vec![Contract {
            contract_id: id!(ContractId, "C1"),
            la: any.clone(),
            location_id: id!(LocationId, "1-101"),
            kind: ContractKind::Framework,
            service_type: ServiceType::NursingHome,
            start_date: d("2022-04-01"),
            end_date: Some(d("2026-03-31")),
            rate: 1050.0,
            rate_unit: RateUnit::Week,
            zone: None,
        }],
        capacity: vec![CapacityReturn {
            location_id: id!(LocationId, "1-101"),
            date: d("2025-03-20"),
            beds_max: Some(40),
            beds_occupied: Some(35),
            beds_vacant_reserved: Some(1),
            beds_vacant_accepting: Some(4),
            homecare_people: None,
            homecare_hours_week: None,
            homecare_extra_hours: None,
        }],
        people: vec![
            person("P1", ClientType::ServiceUser),
            person("P2", ClientType::ServiceUser),
            person("C1", ClientType::UnpaidCarer),
        ],
        requests: vec![Request {
            request_id: id!(RequestId, "R1"),
            person_id: id!(PersonId, "P1"),
            service_type: ServiceType::NursingHome,
            needs: vec![Specialism::Dementia],
            hours_per_week: None,
            route: Route::HospitalDischarge,
            discharge_pathway: Some(3),
            received_on: d("2024-04-01"),
            medically_fit_on: Some(d("2024-04-03")),
            closed_on: Some(d("2024-05-02")),
            outcome: Some(RequestOutcome::Placed),
            delay_reasons: vec![DelayReason::Sourcing, DelayReason::FamilyChoice],
            preferred_locations: vec![id!(LocationId, "1-101")],
        }],
        placements,
        reviews: vec![Review {
            review_id: id!(ReviewId, "V1"),
            person_id: id!(PersonId, "P2"),
            placement_id: Some(id!(PlacementId, "PL2")),
            date: d("2024-10-01"),
            kind: ReviewKind::Planned,
        }],
        quality_assessments: vec![
            QualityAssessment {
                assessment_id: id!(AssessmentId, "QA1"),
                location_id: id!(LocationId, "1-101"),
                la: any.clone(),
                date: d("2024-09-01"),
                framework: "pamms".into(),
                domain: "Safe".into(),
                standard: "Medicines".into(),
                rating: QaRating::Poor,
            },
            QualityAssessment {
                assessment_id: id!(AssessmentId, "QA1"),
                location_id: id!(LocationId, "1-101"),
                la: any.clone(),
                date: d("2024-09-01"),
                framework: "pamms".into(),
                domain: "Safe".into(),
                standard: "Staffing".into(),
                rating: QaRating::Good,
            },
        ],
        visits: vec![Visit {
            visit_id: id!(VisitId, "VI1"),
            location_id: id!(LocationId, "1-101"),
            la: any.clone(),
            date: d("2024-09-01"),
            kind: VisitKind::Annual,
        }],
        concerns: vec![Concern {
            concern_id: id!(ConcernId, "CO1"),
            location_id: id!(LocationId, "1-102"),
            la: any.clone(),
            raised_on: d("2024-11-11"),
            kind: ConcernKind::Safeguarding,
            closed_on: None,
            substantiated: None,
        }],
        sanctions: vec![Sanction {
            sanction_id: id!(SanctionId, "S1"),
            location_id: id!(LocationId, "1-301"),
            la: near.clone(),
            kind: SanctionKind::Suspension,
            start_date: d("2025-01-15"),
            end_date: None,
            reason: "Safeguarding concerns".into(),
        }],
        handbacks: vec![Handback {
            handback_id: id!(HandbackId, "H1"),
            location_id: id!(LocationId, "1-102"),
            la: any.clone(),
            date: d("2024-12-01"),
            service_type: ServiceType::Homecare,
            people_affected: 3,
            reason: "Staffing".into(),
        }],
        workforce: vec![WorkforceReturn {
            location_id: id!(LocationId, "1-101"),
            date: d("2025-01-31"),
            posts: 60,
            vacancies: 5,
            starters: 10,
            leavers: 12,
            sickness_days: 88.5,
            care_cert_eligible: 20,
            care_cert_done: 11,
        }],
        fees: vec![FeeRate {
            la: any.clone(),
            service_type: ServiceType::NursingHome,
            effective_from: d("2024-04-01"),
            rate: 1010.0,
            unit: RateUnit::Week,
            fair_cost_median: Some(1120.0),
        }],
        indicators: vec![Indicator {
            la: any.clone(),
            measure: "ascs_choice".into(),
            period: "2023-24".into(),
            value: Some(66.21),
            england_value: Some(70.28),
            margin_of_error: Some(3.9),
            respondents: Some(410),
            source: "ASCS".into(),
            polarity: Polarity::HigherBetter,
        }],
        gaps: vec![Gap {
            gap_id: id!(GapId, "G1"),
            la: any.clone(),
            raised_on: d("2024-07-01"),
            raised_by_role: Role::SocialWorker,
            category: "bariatric".into(),
            service_type: Some(ServiceType::NursingHome),
            locality_id: Some(id!(LocalityId, "north")),
            description: "No bariatric beds in the north".into(),
            status: GapStatus::Open,
            owner: Some("Market team".into()),
            resolved_on: None,
        }],
        ascof: vec![
            AscofValue {
                ons_code: Some(OnsCode::england()),
                area_name: "England".into(),
                measure: "1A".into(),
                year: FinancialYear(2024),
                outcome: Figure::Value(19.0),
                margin_of_error: Some(Figure::Value(0.0)),
                respondents: Some(Figure::Value(63188.0)),
                numerator: None,
                denominator: None,
            },
            AscofValue {
                ons_code: Some(id!(OnsCode, "E06099999")),
                area_name: "Anyshire".into(),
                measure: "2D(1)".into(),
                year: FinancialYear(2024),
                outcome: Figure::Missing(Suppression::Suppressed),
                margin_of_error: None,
                respondents: None,
                numerator: Some(Figure::Missing(Suppression::Suppressed)),
                denominator: Some(Figure::Missing(Suppression::Suppressed)),
            },
        ],
        rating_history: Vec::new(),
        quality_statements: Vec::new(),
    }
}

/// Sorts every table by its key, so datasets from different sources compare.
pub fn canonical(mut ds: Dataset) -> Dataset {
    fn by<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
        v.sort_by_key(key);
    }
    by(&mut ds.authorities, |r| r.la.clone());
    by(&mut ds.localities, |r| {
        (r.la.clone(), r.locality_id.clone())
    });
    by(&mut ds.population, |r| {
        (
            r.la.clone(),
            r.locality_id.clone(),
            r.year,
            r.sex,
            r.age_band,
            r.kind,
        )
    });
    by(&mut ds.prevalence, |r| {
        (r.measure.clone(), r.sex, r.age_band)
    });
    by(&mut ds.locations, |r| r.location_id.clone());
    by(&mut ds.contracts, |r| (r.la.clone(), r.contract_id.clone()));
    by(&mut ds.capacity, |r| (r.location_id.clone(), r.date));
    by(&mut ds.people, |r| (r.la.clone(), r.person_id.clone()));
    by(&mut ds.requests, |r| r.request_id.clone());
    by(&mut ds.placements, |r| r.placement_id.clone());
    by(&mut ds.reviews, |r| r.review_id.clone());
    by(&mut ds.quality_assessments, |r| {
        (
            r.la.clone(),
            r.assessment_id.clone(),
            r.domain.clone(),
            r.standard.clone(),
        )
    });
    by(&mut ds.visits, |r| (r.la.clone(), r.visit_id.clone()));
    by(&mut ds.concerns, |r| (r.la.clone(), r.concern_id.clone()));
    by(&mut ds.sanctions, |r| (r.la.clone(), r.sanction_id.clone()));
    by(&mut ds.handbacks, |r| (r.la.clone(), r.handback_id.clone()));
    by(&mut ds.workforce, |r| (r.location_id.clone(), r.date));
    by(&mut ds.fees, |r| {
        (r.la.clone(), r.service_type, r.effective_from)
    });
    by(&mut ds.indicators, |r| {
        (r.la.clone(), r.measure.clone(), r.period.clone())
    });
    by(&mut ds.gaps, |r| (r.la.clone(), r.gap_id.clone()));
    by(&mut ds.ascof, |r| {
        (
            r.ons_code.clone(),
            r.area_name.clone(),
            r.measure.clone(),
            r.year,
        )
    });
    ds
}
