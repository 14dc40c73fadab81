//! A terse builder for hand-made bundles. Every test states its data and works
//! out the expected figures by hand, in comments beside the assertions.

#![allow(dead_code, clippy::unwrap_used, clippy::new_without_default)]

use continuum_domain::*;
use continuum_engine::{AscofMeasure, Options, Pack, evidence_pack};

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

    pub fn review(&mut self, id: &str, person: &str, placement: &str, date: Date) {
        self.ds.reviews.push(Review {
            review_id: ReviewId::parse(id).unwrap(),
            person_id: PersonId::parse(person).unwrap(),
            placement_id: Some(PlacementId::parse(placement).unwrap()),
            date,
            kind: ReviewKind::Planned,
        });
    }

    pub fn pack(&self) -> Pack {
        self.pack_at(d(T))
    }

    pub fn pack_at(&self, at: Date) -> Pack {
        evidence_pack(&self.ds, &la(), Some(at), &options()).unwrap()
    }
}

pub fn options() -> Options {
    Options::new(vec![AscofMeasure {
        code: "1A".into(),
        title: "Social care-related quality of life".into(),
        polarity: Polarity::HigherBetter,
    }])
}

/// A figure from the long table, by its path.
pub fn row(p: &Pack, id: &str) -> Option<f64> {
    p.rows
        .iter()
        .find(|r| r.metric_id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .value
}
