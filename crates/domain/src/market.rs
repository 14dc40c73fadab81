//! The market: providers, their locations, contracts and capacity returns.

use serde::{Deserialize, Serialize};

use crate::{
    ContractId, ContractKind, Date, LaName, LocalityId, LocationId, ProviderId, RateUnit, Rating,
    RegistrationStatus, ServiceType, Specialism, SponsorLicence,
};

/// A CQC-registered provider: the organisation that runs one or more locations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub provider_id: ProviderId,
    pub name: String,
}

/// A CQC location: one place (or one agency office) where care is provided.
///
/// CQC fields (rating, beds, registered manager, registration) come from CQC's
/// published data, and the most recent CQC data wins. Council fields
/// (`locality_id`, `in_house`, `sponsor_licence`) come from the council's bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub location_id: LocationId,
    pub provider_id: ProviderId,
    pub provider_name: String,
    pub name: String,
    /// CQC's "Location Local Authority": where the location *is*. It is the
    /// tenant key of the register.
    pub local_authority: LaName,
    /// Empty when the location is outside the council.
    pub locality_id: Option<LocalityId>,
    pub postcode: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The primary type (see the mapping rule in `continuum_ingest::cqc`).
    pub service_type: ServiceType,
    /// 0 for services without beds.
    pub beds: u32,
    pub specialisms: Vec<Specialism>,
    /// Whether a registered manager is in post; `None` when the source does not
    /// say (the ratings CSV and the CQC directory do not).
    pub registered_manager: Option<bool>,
    pub in_house: bool,
    pub rating: Rating,
    pub rating_date: Option<Date>,
    pub status: RegistrationStatus,
    pub registered_on: Option<Date>,
    pub deregistered_on: Option<Date>,
    pub sponsor_licence: SponsorLicence,
}

impl Location {
    /// Registered at `t`: registered on or before `t`, and not deregistered by then.
    pub fn is_registered_at(&self, t: Date) -> bool {
        self.registered_on.is_none_or(|d| d <= t) && self.deregistered_on.is_none_or(|d| d > t)
    }

    /// The rating as it stood at `t`: a rating dated after `t` counts as not rated.
    pub fn rating_at(&self, t: Date) -> Rating {
        match self.rating_date {
            Some(d) if d > t => Rating::NotRated,
            _ => self.rating,
        }
    }
}

/// A contract between a council and a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub contract_id: ContractId,
    pub la: LaName,
    pub location_id: LocationId,
    pub kind: ContractKind,
    pub service_type: ServiceType,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub rate: f64,
    pub rate_unit: RateUnit,
    pub zone: Option<String>,
}

/// A Capacity Tracker style return from one location on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityReturn {
    pub location_id: LocationId,
    pub date: Date,
    pub beds_max: Option<u32>,
    pub beds_occupied: Option<u32>,
    pub beds_vacant_reserved: Option<u32>,
    pub beds_vacant_accepting: Option<u32>,
    pub homecare_people: Option<u32>,
    pub homecare_hours_week: Option<f64>,
    /// Extra hours a week the agency could take on.
    pub homecare_extra_hours: Option<f64>,
}
