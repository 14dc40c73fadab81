//! People and their care: requests, placements and reviews.
//!
//! Person IDs are pseudonymous. Nothing here holds a name, an NHS number, a date
//! of birth or an address: the birth year and the locality are enough for every
//! figure Continuum produces.

use serde::{Deserialize, Serialize};

use crate::{
    ClientType, Date, DelayReason, Delivery, EndReason, Gender, LaName, LocalityId, LocationId,
    OoaReason, PersonId, PlacementId, PrimarySupportReason, RequestId, RequestOutcome, ReviewId,
    ReviewKind, Route, ServiceType, Specialism,
};

/// A person known to a council: someone who uses services or an unpaid carer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub person_id: PersonId,
    pub la: LaName,
    pub birth_year: Option<i32>,
    pub sex: Gender,
    /// The CLD ethnicity, snake_case; empty when not recorded.
    pub ethnicity: Option<String>,
    pub locality_id: Option<LocalityId>,
    pub client_type: ClientType,
    pub primary_support_reason: Option<PrimarySupportReason>,
    pub has_unpaid_carer: Option<bool>,
    /// For carers: the people they care for.
    pub cares_for: Vec<PersonId>,
}

/// A need for a service, from first contact to a start or a close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub request_id: RequestId,
    pub person_id: PersonId,
    pub service_type: ServiceType,
    /// The specialisms the care must have.
    pub needs: Vec<Specialism>,
    pub hours_per_week: Option<f64>,
    pub route: Route,
    /// 0–3, for hospital discharges.
    pub discharge_pathway: Option<u8>,
    pub received_on: Date,
    pub medically_fit_on: Option<Date>,
    pub closed_on: Option<Date>,
    /// Empty while the request is open.
    pub outcome: Option<RequestOutcome>,
    pub delay_reasons: Vec<DelayReason>,
    pub preferred_locations: Vec<LocationId>,
}

/// One service episode: a person receiving care from one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub placement_id: PlacementId,
    pub person_id: PersonId,
    pub request_id: Option<RequestId>,
    pub location_id: LocationId,
    pub service_type: ServiceType,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub end_reason: Option<EndReason>,
    pub weekly_cost: Option<f64>,
    pub hours_per_week: Option<f64>,
    pub delivery: Delivery,
    /// A stop-gap while the right care is found.
    pub interim: bool,
    /// Required when the location is outside the person's council.
    pub ooa_reason: Option<OoaReason>,
}

impl Placement {
    /// Active at `t`: started on or before `t`, and not ended by then.
    pub fn is_active_at(&self, t: Date) -> bool {
        self.start_date <= t && self.end_date.is_none_or(|e| e > t)
    }
}

/// A review of a person's care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub review_id: ReviewId,
    pub person_id: PersonId,
    /// The placement reviewed; CLD reviews may not name one.
    pub placement_id: Option<PlacementId>,
    pub date: Date,
    pub kind: ReviewKind,
}
