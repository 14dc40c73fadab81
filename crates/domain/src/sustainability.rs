//! Sustainability: hand-backs, workforce returns and fee rates.

use serde::{Deserialize, Serialize};

use crate::{Date, HandbackId, LaName, LocationId, RateUnit, ServiceType};

/// A provider handing back packages of care to the council.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handback {
    pub handback_id: HandbackId,
    pub location_id: LocationId,
    pub la: LaName,
    pub date: Date,
    pub service_type: ServiceType,
    pub people_affected: u32,
    pub reason: String,
}

/// An ASC-WDS-like workforce return from one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkforceReturn {
    pub location_id: LocationId,
    pub date: Date,
    pub posts: u32,
    pub vacancies: u32,
    pub starters: u32,
    pub leavers: u32,
    pub sickness_days: f64,
    pub care_cert_eligible: u32,
    pub care_cert_done: u32,
}

/// A council's fee rate for one service type from one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeRate {
    pub la: LaName,
    pub service_type: ServiceType,
    pub effective_from: Date,
    pub rate: f64,
    pub unit: RateUnit,
    /// The fair-cost-of-care median for the same service and unit.
    pub fair_cost_median: Option<f64>,
}
