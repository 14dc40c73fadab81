//! Everything one location's page shows, gathered once for the page and the
//! API: the register entry, its CQC history, capacity, contracts, the
//! council's quality work and risk, and its placements — listed for roles
//! with personal access, counted for everyone else.

use std::collections::BTreeMap;
use std::sync::Arc;

use continuum_domain::cqc::RatingEvent;
use continuum_domain::{
    AuditAction, CapacityReturn, Concern, Contract, Location, LocationId, Placement,
    QualityAssessment, Sanction, ServiceType, Visit,
};
use continuum_engine::risk::RiskEntry;
use continuum_store::LocationChangeRecord;
use serde::Serialize;

use crate::audit;
use crate::auth::can::{ViewMarket, ViewPersonalRecords};
use crate::auth::{Can, DataScope};
use crate::cache::PackEntry;
use crate::error::AppError;
use crate::state::AppState;

/// How many capacity returns a page shows.
const CAPACITY_SHOWN: usize = 12;

/// Placements: the list, or only counts.
#[derive(Debug, Clone)]
pub enum Placements {
    /// For roles with personal access (this view was audited).
    Listed(Vec<Placement>),
    /// For everyone else: how many are active now, by service type.
    Counted(PlacementCounts),
}

/// Counts of placements, with no one in them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlacementCounts {
    /// Placements active today.
    pub active: u64,
    /// Placements ended before today.
    pub ended: u64,
    /// Active placements by service type.
    pub active_by_service_type: BTreeMap<String, u64>,
}

impl PlacementCounts {
    /// Counts placements as at a date.
    pub fn of(placements: &[Placement], t: continuum_domain::Date) -> Self {
        let mut c = PlacementCounts::default();
        for p in placements {
            if p.is_active_at(t) {
                c.active += 1;
                *c.active_by_service_type
                    .entry(p.service_type.as_str().to_string())
                    .or_default() += 1;
            } else if p.start_date <= t {
                c.ended += 1;
            }
        }
        c
    }
}

/// One council's latest quality assessment of a location.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub la: String,
    pub date: continuum_domain::Date,
    pub framework: String,
    /// Below the council's threshold: any standard poor, or a quarter or
    /// more requires improvement or worse (the engine's rule).
    pub below_threshold: bool,
    pub rows: Vec<QualityAssessment>,
}

/// Each council's latest assessment, from rows sorted newest first.
fn latest_assessments(rows: Vec<QualityAssessment>) -> Vec<Assessment> {
    let mut out: Vec<Assessment> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for r in rows {
        let la = r.la.to_string();
        match seen.iter().find(|(l, _)| *l == la) {
            Some((_, id)) if *id != r.assessment_id.as_str() => continue,
            Some(_) => {}
            None => {
                seen.push((la.clone(), r.assessment_id.to_string()));
                out.push(Assessment {
                    la: la.clone(),
                    date: r.date,
                    framework: r.framework.clone(),
                    below_threshold: false,
                    rows: Vec::new(),
                });
            }
        }
        if let Some(a) = out.iter_mut().find(|a| a.la == la) {
            a.rows.push(r);
        }
    }
    for a in &mut out {
        let refs: Vec<&QualityAssessment> = a.rows.iter().collect();
        a.below_threshold = continuum_engine::quality::below_threshold(&refs);
    }
    out
}

/// One location's page.
#[derive(Debug, Clone)]
pub struct LocationDetail {
    pub location: Location,
    pub ratings: Vec<RatingEvent>,
    pub changes: Vec<LocationChangeRecord>,
    /// Newest first, at most [`CAPACITY_SHOWN`].
    pub capacity: Vec<CapacityReturn>,
    pub contracts: Vec<Contract>,
    pub placements: Placements,
    pub sanctions: Vec<Sanction>,
    pub visits: Vec<Visit>,
    /// Concerns are listed for council staff; a provider sees the count.
    pub concerns: Vec<Concern>,
    pub concern_count: usize,
    /// The latest quality assessment of each council that assessed it, one
    /// row per standard.
    pub assessments: Vec<Assessment>,
    /// The council's risk rating, for council staff, where the council
    /// commissions the location.
    pub risk: Option<RiskEntry>,
    /// The pack the risk came from (its as-at date).
    pub pack: Option<Arc<PackEntry>>,
}

impl LocationDetail {
    /// Whether the location is a care home (beds) or homecare (hours).
    pub fn is_care_home(&self) -> bool {
        self.location.service_type.is_care_home()
    }

    /// Whether it is homecare.
    pub fn is_homecare(&self) -> bool {
        self.location.service_type == ServiceType::Homecare
    }
}

/// Gathers a location's page for a user who may see the market. Outside the
/// user's scope it is "not found". Listing placements is written to the
/// audit log (one entry for the list, naming the location, not the people).
pub async fn load(
    state: &AppState,
    can: &Can<ViewMarket>,
    id: &LocationId,
    via: &str,
) -> Result<LocationDetail, AppError> {
    let scope = can.scope();
    let data = scope.location_data(state, id).await?;
    let records = &data.records;
    let pack = match scope.council() {
        Some(la) => Some(state.cache.pack(state.store.as_ref(), la, None).await?),
        None => None,
    };
    let today = pack
        .as_ref()
        .map_or_else(|| chrono::Utc::now().date_naive(), |p| p.pack.as_at);
    let placements = match can.signed().can::<ViewPersonalRecords>() {
        Some(personal) => listed(state, &personal, id, records.placements.clone(), via).await?,
        None => Placements::Counted(PlacementCounts::of(&records.placements, today)),
    };
    let council = matches!(scope, DataScope::Council(_));
    let concern_count = records.concerns.len();
    Ok(LocationDetail {
        risk: pack.as_ref().and_then(|p| p.risk_of(id).cloned()),
        pack,
        ratings: data.ratings.clone(),
        changes: data.changes.clone(),
        capacity: records
            .capacity
            .iter()
            .take(CAPACITY_SHOWN)
            .cloned()
            .collect(),
        contracts: records.contracts.clone(),
        placements,
        sanctions: records.sanctions.clone(),
        visits: records.visits.clone(),
        concerns: if council {
            records.concerns.clone()
        } else {
            Vec::new()
        },
        concern_count,
        assessments: latest_assessments(records.quality_assessments.clone()),
        location: data.location.clone(),
    })
}

async fn listed(
    state: &AppState,
    personal: &Can<ViewPersonalRecords>,
    id: &LocationId,
    placements: Vec<Placement>,
    via: &str,
) -> Result<Placements, AppError> {
    if !placements.is_empty() {
        audit::record(
            state,
            personal.user(),
            AuditAction::ViewPerson,
            "location_placements",
            Some(id.as_str()),
            &format!("{via}: {} placements listed", placements.len()),
        )
        .await?;
    }
    Ok(Placements::Listed(placements))
}
