//! What the API returns, with OpenAPI schemas. Vocabulary words are the
//! bundle's snake_case words; dates are `YYYY-MM-DD`.

use continuum_domain::{
    AuditEvent, CapacityReturn, Contract, Location, Placement, Sanction, User, Visit,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::views::location::PlacementCounts;

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    /// `commissioner`, `broker`, `quality_officer`, `social_worker`, `leader`, `provider`, `partner` or `admin`.
    pub role: String,
    pub council: Option<String>,
    pub provider_id: Option<String>,
    /// What the role allows, as permission words.
    pub permissions: Vec<String>,
}

/// A location of the register.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationSummary {
    pub location_id: String,
    pub name: String,
    pub provider_id: String,
    pub provider_name: String,
    pub local_authority: String,
    pub locality_id: Option<String>,
    pub postcode: String,
    pub service_type: String,
    pub beds: u32,
    pub specialisms: Vec<String>,
    pub rating: String,
    pub rating_date: Option<String>,
    pub status: String,
    pub registered_manager: Option<bool>,
    /// The council's risk rating (`red`, `amber`, `green`), for council staff
    /// where the council commissions the location.
    pub risk: Option<String>,
}

impl LocationSummary {
    /// From a register row.
    pub fn new(l: &Location, risk: Option<String>) -> Self {
        Self {
            location_id: l.location_id.to_string(),
            name: l.name.clone(),
            provider_id: l.provider_id.to_string(),
            provider_name: l.provider_name.clone(),
            local_authority: l.local_authority.to_string(),
            locality_id: l.locality_id.as_ref().map(ToString::to_string),
            postcode: l.postcode.clone(),
            service_type: l.service_type.as_str().into(),
            beds: l.beds,
            specialisms: l
                .specialisms
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            rating: l.rating.as_str().into(),
            rating_date: l.rating_date.map(|d| d.to_string()),
            status: l.status.as_str().into(),
            registered_manager: l.registered_manager,
            risk,
        }
    }
}

/// One page of the register.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationPage {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub items: Vec<LocationSummary>,
}

/// A published CQC rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingDto {
    pub published_on: String,
    pub service_group: String,
    pub key_question: String,
    pub rating: String,
}

/// A capacity return.
#[derive(Debug, Serialize, ToSchema)]
pub struct CapacityDto {
    pub date: String,
    pub beds_max: Option<u32>,
    pub beds_occupied: Option<u32>,
    pub beds_vacant_reserved: Option<u32>,
    pub beds_vacant_accepting: Option<u32>,
    pub homecare_people: Option<u32>,
    pub homecare_hours_week: Option<f64>,
    pub homecare_extra_hours: Option<f64>,
}

impl From<&CapacityReturn> for CapacityDto {
    fn from(c: &CapacityReturn) -> Self {
        Self {
            date: c.date.to_string(),
            beds_max: c.beds_max,
            beds_occupied: c.beds_occupied,
            beds_vacant_reserved: c.beds_vacant_reserved,
            beds_vacant_accepting: c.beds_vacant_accepting,
            homecare_people: c.homecare_people,
            homecare_hours_week: c.homecare_hours_week,
            homecare_extra_hours: c.homecare_extra_hours,
        }
    }
}

/// A contract.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractDto {
    pub contract_id: String,
    pub la: String,
    pub kind: String,
    pub service_type: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub rate: f64,
    pub rate_unit: String,
}

impl From<&Contract> for ContractDto {
    fn from(c: &Contract) -> Self {
        Self {
            contract_id: c.contract_id.to_string(),
            la: c.la.to_string(),
            kind: c.kind.as_str().into(),
            service_type: c.service_type.as_str().into(),
            start_date: c.start_date.to_string(),
            end_date: c.end_date.map(|d| d.to_string()),
            rate: c.rate,
            rate_unit: c.rate_unit.as_str().into(),
        }
    }
}

/// A placement (personal data: only for roles with personal access).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementDto {
    pub placement_id: String,
    pub person_id: String,
    pub location_id: String,
    pub service_type: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub end_reason: Option<String>,
    pub weekly_cost: Option<f64>,
    pub interim: bool,
    pub ooa_reason: Option<String>,
}

impl From<&Placement> for PlacementDto {
    fn from(p: &Placement) -> Self {
        Self {
            placement_id: p.placement_id.to_string(),
            person_id: p.person_id.to_string(),
            location_id: p.location_id.to_string(),
            service_type: p.service_type.as_str().into(),
            start_date: p.start_date.to_string(),
            end_date: p.end_date.map(|d| d.to_string()),
            end_reason: p.end_reason.map(|r| r.as_str().to_string()),
            weekly_cost: p.weekly_cost,
            interim: p.interim,
            ooa_reason: p.ooa_reason.map(|r| r.as_str().to_string()),
        }
    }
}

/// A sanction or a visit, briefly.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualityEventDto {
    pub kind: String,
    pub date: String,
    pub end_date: Option<String>,
}

impl From<&Sanction> for QualityEventDto {
    fn from(s: &Sanction) -> Self {
        Self {
            kind: s.kind.as_str().into(),
            date: s.start_date.to_string(),
            end_date: s.end_date.map(|d| d.to_string()),
        }
    }
}

impl From<&Visit> for QualityEventDto {
    fn from(v: &Visit) -> Self {
        Self {
            kind: v.kind.as_str().into(),
            date: v.date.to_string(),
            end_date: None,
        }
    }
}

/// The council's risk rating of a location, with every reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskDto {
    pub level: String,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// One location in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationDetailDto {
    pub location: LocationSummary,
    pub ratings: Vec<RatingDto>,
    /// Newest first.
    pub capacity: Vec<CapacityDto>,
    pub contracts: Vec<ContractDto>,
    /// Listed only for roles with personal access (and audited).
    pub placements: Option<Vec<PlacementDto>>,
    /// For every other role: counts, with no one in them.
    pub placement_counts: Option<PlacementCounts>,
    pub sanctions: Vec<QualityEventDto>,
    pub visits: Vec<QualityEventDto>,
    pub concern_count: usize,
    /// Each council's latest quality assessment.
    pub assessments: Vec<AssessmentDto>,
    pub risk: Option<RiskDto>,
}

/// A council's latest quality assessment of a location.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    pub la: String,
    pub date: String,
    pub framework: String,
    /// Any standard poor, or a quarter or more requires improvement or worse.
    pub below_threshold: bool,
    pub standards: Vec<StandardDto>,
}

/// One standard's rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct StandardDto {
    pub domain: String,
    pub standard: String,
    /// `excellent`, `good`, `requires_improvement` or `poor`.
    pub rating: String,
}

impl From<&crate::views::location::Assessment> for AssessmentDto {
    fn from(a: &crate::views::location::Assessment) -> Self {
        Self {
            la: a.la.clone(),
            date: a.date.to_string(),
            framework: a.framework.clone(),
            below_threshold: a.below_threshold,
            standards: a
                .rows
                .iter()
                .map(|r| StandardDto {
                    domain: r.domain.clone(),
                    standard: r.standard.clone(),
                    rating: r.rating.as_str().into(),
                })
                .collect(),
        }
    }
}

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    pub at: String,
    pub user_id: String,
    pub role: String,
    pub la: Option<String>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<String>,
    pub detail: String,
}

impl From<&AuditEvent> for AuditEntryDto {
    fn from(e: &AuditEvent) -> Self {
        Self {
            at: e.at.to_rfc3339(),
            user_id: e.user_id.to_string(),
            role: e.role.as_str().into(),
            la: e.la.as_ref().map(ToString::to_string),
            action: e.action.as_str().into(),
            subject_kind: e.subject_kind.clone(),
            subject_id: e.subject_id.clone(),
            detail: e.detail.clone(),
        }
    }
}

/// A user, for admins.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub council: Option<String>,
    pub provider_id: Option<String>,
    pub active: bool,
}

impl From<&User> for UserDto {
    fn from(u: &User) -> Self {
        Self {
            user_id: u.user_id.to_string(),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.as_str().into(),
            council: u.la.as_ref().map(ToString::to_string),
            provider_id: u.provider_id.as_ref().map(ToString::to_string),
            active: u.active,
        }
    }
}
