//! Hand-made bundles for the report tests, built the way the engine's own
//! tests build theirs (`crates/engine/tests/common.rs`), plus one council with
//! a little of everything so every section has figures and charts.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use continuum_domain::*;
use continuum_engine::{AscofMeasure, Options, Pack, evidence_pack, evidence_packs};

pub const T: &str = "2025-03-31";

pub fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// `T` moved by whole days.
pub fn t(offset: i64) -> Date {
    d(T) + chrono::Duration::days(offset)
}

pub fn la() -> LaName {
    LaName::parse("Anyshire").unwrap()
}

#[derive(Debug)]
pub struct B {
    pub ds: Dataset,
}

impl B {
    pub fn new() -> Self {
        let mut ds = Dataset::default();
        ds.authorities.push(Authority {
            la: la(),
            ons_code: OnsCode::parse("E06099999").unwrap(),
            as_at: Some(d(T)),
            neighbours: vec![LaName::parse("Nearby").unwrap()],
        });
        ds.authorities.push(Authority {
            la: LaName::parse("Nearby").unwrap(),
            ons_code: OnsCode::parse("E06099998").unwrap(),
            as_at: None,
            neighbours: vec![la()],
        });
        B { ds }
    }

    pub fn location(&mut self, id: &str, council: &str, st: ServiceType) -> &mut Location {
        self.ds.locations.push(Location {
            location_id: LocationId::parse(id).unwrap(),
            provider_id: ProviderId::parse("1-P").unwrap(),
            provider_name: "Provider".into(),
            name: format!("Location {id}"),
            local_authority: LaName::parse(council).unwrap(),
            locality_id: None,
            postcode: "AN1 1AA".into(),
            latitude: None,
            longitude: None,
            service_type: st,
            beds: if st.is_care_home() { 20 } else { 0 },
            specialisms: vec![],
            registered_manager: Some(true),
            in_house: false,
            rating: Rating::Good,
            rating_date: Some(d("2023-01-01")),
            status: RegistrationStatus::Registered,
            registered_on: Some(d("2010-01-01")),
            deregistered_on: None,
            sponsor_licence: SponsorLicence::NotHeld,
        });
        self.ds.locations.last_mut().unwrap()
    }

    pub fn person(&mut self, id: &str) -> &mut Person {
        self.ds.people.push(Person {
            person_id: PersonId::parse(id).unwrap(),
            la: la(),
            birth_year: Some(1940),
            sex: Gender::Female,
            ethnicity: None,
            locality_id: None,
            client_type: ClientType::ServiceUser,
            primary_support_reason: None,
            has_unpaid_carer: None,
            cares_for: vec![],
        });
        self.ds.people.last_mut().unwrap()
    }

    pub fn request(
        &mut self,
        id: &str,
        person: &str,
        st: ServiceType,
        received: Date,
    ) -> &mut Request {
        self.ds.requests.push(Request {
            request_id: RequestId::parse(id).unwrap(),
            person_id: PersonId::parse(person).unwrap(),
            service_type: st,
            needs: vec![],
            hours_per_week: None,
            route: Route::Community,
            discharge_pathway: None,
            received_on: received,
            medically_fit_on: None,
            closed_on: None,
            outcome: None,
            delay_reasons: vec![],
            preferred_locations: vec![],
        });
        self.ds.requests.last_mut().unwrap()
    }

    pub fn placement(
        &mut self,
        id: &str,
        person: &str,
        loc: &str,
        st: ServiceType,
        start: Date,
    ) -> &mut Placement {
        self.ds.placements.push(Placement {
            placement_id: PlacementId::parse(id).unwrap(),
            person_id: PersonId::parse(person).unwrap(),
            request_id: None,
            location_id: LocationId::parse(loc).unwrap(),
            service_type: st,
            start_date: start,
            end_date: None,
            end_reason: None,
            weekly_cost: None,
            hours_per_week: None,
            delivery: Delivery::Commissioned,
            interim: false,
            ooa_reason: None,
        });
        self.ds.placements.last_mut().unwrap()
    }

    pub fn capacity(&mut self, loc: &str, date: Date, max: u32, occupied: u32, accepting: u32) {
        self.ds.capacity.push(CapacityReturn {
            location_id: LocationId::parse(loc).unwrap(),
            date,
            beds_max: Some(max),
            beds_occupied: Some(occupied),
            beds_vacant_reserved: Some(0),
            beds_vacant_accepting: Some(accepting),
            homecare_people: None,
            homecare_hours_week: None,
            homecare_extra_hours: None,
        });
    }

    pub fn pop(&mut self, year: i32, band: AgeBand, people: u64, kind: PopulationKind) {
        self.ds.population.push(PopulationRow {
            la: la(),
            locality_id: None,
            year,
            sex: Sex::Female,
            age_band: band,
            people,
            kind,
        });
    }

    pub fn pack(&self) -> Pack {
        evidence_pack(&self.ds, &la(), Some(d(T)), &options()).unwrap()
    }
}

pub fn options() -> Options {
    Options::new(vec![AscofMeasure {
        code: "3A".into(),
        title: "Overall satisfaction of people who use services with their care and support".into(),
        polarity: Polarity::HigherBetter,
    }])
}

/// The smallest pack: a council with one residential home and one return.
pub fn small() -> Pack {
    let mut b = B::new();
    b.location("1-R1", "Anyshire", ServiceType::ResidentialHome);
    b.capacity("1-R1", t(-10), 20, 17, 2);
    b.pack()
}

/// A council with a little of everything.
pub fn rich_dataset() -> Dataset {
    let mut b = B::new();
    market(&mut b);
    care(&mut b);
    needs(&mut b);
    quality(&mut b);
    sustainability(&mut b);
    b.ds
}

/// The rich council's pack.
pub fn rich() -> Pack {
    evidence_pack(&rich_dataset(), &la(), Some(d(T)), &options()).unwrap()
}

/// Packs for both councils of the rich dataset (Nearby given a date and a home).
pub fn both() -> Vec<Pack> {
    let mut ds = rich_dataset();
    ds.authorities[1].as_at = Some(d(T));
    let mut b = B { ds };
    b.location("1-N1", "Nearby", ServiceType::ResidentialHome);
    b.capacity("1-N1", t(-5), 30, 29, 1);
    evidence_packs(&b.ds, Some(d(T)), &options()).unwrap()
}

fn market(b: &mut B) {
    use ServiceType::*;
    for (id, st, rating) in [
        ("1-R1", ResidentialHome, Rating::Good),
        ("1-R2", ResidentialHome, Rating::Outstanding),
        ("1-R3", ResidentialHome, Rating::RequiresImprovement),
        ("1-N1A", NursingHome, Rating::Good),
        ("1-N2A", NursingHome, Rating::Inadequate),
        ("1-H1", Homecare, Rating::Good),
        ("1-H2", Homecare, Rating::NotRated),
        ("1-S1", SupportedLiving, Rating::Good),
    ] {
        b.location(id, "Anyshire", st).rating = rating;
    }
    b.location("1-X1", "Nearby", ResidentialHome);
    b.location("1-X2", "Elsewhere", NursingHome);
    b.capacity("1-R1", t(-10), 20, 18, 1);
    b.capacity("1-R2", t(-20), 20, 17, 2);
    b.capacity("1-R3", t(-40), 20, 20, 0);
    b.capacity("1-N1A", t(-5), 20, 15, 3);
    for (i, (loc, kind, end)) in [
        ("1-R1", ContractKind::Framework, None),
        ("1-H1", ContractKind::Spot, Some(t(200))),
        ("1-S1", ContractKind::Dps, Some(t(400))),
    ]
    .into_iter()
    .enumerate()
    {
        b.ds.contracts.push(Contract {
            contract_id: ContractId::parse(&format!("C{i}")).unwrap(),
            la: la(),
            location_id: LocationId::parse(loc).unwrap(),
            kind,
            service_type: Homecare,
            start_date: d("2024-01-01"),
            end_date: end,
            rate: 25.0,
            rate_unit: RateUnit::Hour,
            zone: None,
        });
    }
}

fn care(b: &mut B) {
    use ServiceType::*;
    // Homecare waits of 0, 1, 2, 5 and 40 days; a residential wait of 100 days.
    for (i, wait) in [0i64, 1, 2, 5, 40].into_iter().enumerate() {
        let (r, p, pl) = (format!("RQ{i}"), format!("P{i}"), format!("PL{i}"));
        b.person(&p);
        b.request(&r, &p, Homecare, t(-100));
        let x = b.placement(&pl, &p, "1-H1", Homecare, t(-100 + wait));
        x.request_id = Some(RequestId::parse(&r).unwrap());
        x.hours_per_week = Some(10.0);
    }
    b.ds.placements[0].delivery = Delivery::DirectPayment;
    b.person("P9");
    b.request("RQ9", "P9", ResidentialHome, t(-150));
    b.placement("PL9", "P9", "1-R1", ResidentialHome, t(-50))
        .request_id = Some(RequestId::parse("RQ9").unwrap());
    // One still waiting 120 days.
    b.person("P10");
    b.request("RQ10", "P10", NursingHome, t(-120)).delay_reasons = vec![DelayReason::Sourcing];
    // Out of area: two at Nearby (family), one Elsewhere (no vacancy).
    for (i, (loc, reason)) in [
        ("1-X1", OoaReason::Family),
        ("1-X1", OoaReason::Family),
        ("1-X2", OoaReason::NoVacancy),
    ]
    .into_iter()
    .enumerate()
    {
        let p = format!("O{i}");
        b.person(&p);
        let st = if loc == "1-X1" {
            ResidentialHome
        } else {
            NursingHome
        };
        b.placement(&format!("OPL{i}"), &p, loc, st, t(-300))
            .ooa_reason = Some(reason);
    }
    b.person("C1").client_type = ClientType::UnpaidCarer;
}

fn needs(b: &mut B) {
    use AgeBand::*;
    use PopulationKind::*;
    b.pop(2025, A65To74, 30_000, Estimate);
    b.pop(2025, A85Plus, 5_000, Estimate);
    b.pop(2030, A65To74, 33_000, Projection);
    b.pop(2030, A85Plus, 6_000, Projection);
    b.pop(2040, A65To74, 36_000, Projection);
    b.pop(2040, A85Plus, 8_000, Projection);
    b.ds.prevalence.push(PrevalenceRow {
        measure: "dementia".into(),
        sex: Sex::Female,
        age_band: A85Plus,
        rate: 0.25,
    });
    b.ds.gaps.push(Gap {
        gap_id: GapId::parse("G1").unwrap(),
        la: la(),
        raised_on: t(-30),
        raised_by_role: Role::SocialWorker,
        category: "bariatric".into(),
        service_type: Some(ServiceType::NursingHome),
        locality_id: None,
        description: "No bariatric beds in the north".into(),
        status: GapStatus::Open,
        owner: None,
        resolved_on: None,
    });
    let ons = OnsCode::parse("E06099999").ok();
    for (code, year, v) in [
        (ons.clone(), 2023, 62.0),
        (ons, 2024, 64.5),
        (Some(OnsCode::england()), 2024, 61.0),
    ] {
        b.ds.ascof.push(AscofValue {
            ons_code: code,
            area_name: "x".into(),
            measure: "3A".into(),
            year: FinancialYear(year),
            outcome: Figure::Value(v),
            margin_of_error: Some(Figure::Value(2.0)),
            respondents: None,
            numerator: None,
            denominator: None,
        });
    }
}

fn quality(b: &mut B) {
    b.ds.sanctions.push(Sanction {
        sanction_id: SanctionId::parse("S1").unwrap(),
        location_id: LocationId::parse("1-R3").unwrap(),
        la: la(),
        kind: SanctionKind::Suspension,
        start_date: t(-60),
        end_date: None,
        reason: "care delivery concerns".into(),
    });
    b.ds.visits.push(Visit {
        visit_id: VisitId::parse("V1").unwrap(),
        location_id: LocationId::parse("1-R1").unwrap(),
        la: la(),
        date: t(-100),
        kind: VisitKind::Annual,
    });
}

fn sustainability(b: &mut B) {
    b.ds.handbacks.push(Handback {
        handback_id: HandbackId::parse("HB1").unwrap(),
        location_id: LocationId::parse("1-H1").unwrap(),
        la: la(),
        date: t(-90),
        service_type: ServiceType::Homecare,
        people_affected: 3,
        reason: "staffing".into(),
    });
    b.ds.workforce.push(WorkforceReturn {
        location_id: LocationId::parse("1-R1").unwrap(),
        date: t(-30),
        posts: 50,
        vacancies: 4,
        starters: 5,
        leavers: 12,
        sickness_days: 30.0,
        care_cert_eligible: 20,
        care_cert_done: 11,
    });
    b.ds.fees.push(FeeRate {
        la: la(),
        service_type: ServiceType::ResidentialHome,
        effective_from: d("2024-04-01"),
        rate: 850.0,
        unit: RateUnit::Week,
        fair_cost_median: Some(900.0),
    });
}
