//! Section 2, market shaping and commissioning (`market.*`).

use std::collections::BTreeMap;

use continuum_domain::*;
use serde::Serialize;

use crate::compare::{AscofMeasure, IndicatorEntry, ascof_indicators, bundle_indicators};
use crate::index::{Council, Index};
use crate::stats::Ratio;
use crate::time::active_at;

/// `market.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Market {
    #[serde(rename = "market.locations")]
    pub locations: Locations,
    #[serde(rename = "market.contracts")]
    pub contracts: Contracts,
    #[serde(rename = "market.direct_payments")]
    pub direct_payments: Shared,
    #[serde(rename = "market.indicators")]
    pub indicators: Indicators,
}

/// Locations and beds of one service type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TypeCount {
    pub locations: u64,
    pub beds: u64,
}

/// `market.locations`: in-area locations registered at T, by service type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Locations {
    pub id: &'static str,
    pub total: TypeCount,
    pub by_service_type: BTreeMap<ServiceType, TypeCount>,
}

/// `market.contracts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contracts {
    pub id: &'static str,
    pub active: u64,
    pub active_by_kind: BTreeMap<ContractKind, u64>,
    /// Contracts ending in (T, T + 548]: within 18 months.
    pub expiring_18_months: u64,
    pub expiring_by_kind: BTreeMap<ContractKind, u64>,
}

/// A share with its ID.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shared {
    pub id: &'static str,
    #[serde(flatten)]
    pub ratio: Ratio,
}

/// `market.indicators`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    pub id: &'static str,
    pub entries: Vec<IndicatorEntry>,
}

/// The locations of the council's own area registered at `t`.
pub fn registered_in_area<'a, 'c>(
    c: &'c Council<'a>,
    t: Date,
) -> impl Iterator<Item = &'a Location> + 'c {
    c.in_area
        .iter()
        .copied()
        .filter(move |l| l.is_registered_at(t))
}

fn locations(c: &Council<'_>, t: Date) -> Locations {
    let mut by: BTreeMap<ServiceType, TypeCount> = BTreeMap::new();
    let mut total = TypeCount::default();
    for l in registered_in_area(c, t) {
        let e = by.entry(l.service_type).or_default();
        e.locations += 1;
        e.beds += u64::from(l.beds);
        total.locations += 1;
        total.beds += u64::from(l.beds);
    }
    Locations {
        id: "market.locations",
        total,
        by_service_type: by,
    }
}

fn contracts(c: &Council<'_>, t: Date) -> Contracts {
    let horizon = t + chrono::Duration::days(548);
    let mut active_by_kind = BTreeMap::new();
    let mut expiring_by_kind = BTreeMap::new();
    for k in &c.contracts {
        if active_at(k.start_date, k.end_date, t) {
            *active_by_kind.entry(k.kind).or_insert(0) += 1;
        }
        if k.end_date.is_some_and(|e| e > t && e <= horizon) {
            *expiring_by_kind.entry(k.kind).or_insert(0) += 1;
        }
    }
    Contracts {
        id: "market.contracts",
        active: active_by_kind.values().sum(),
        active_by_kind,
        expiring_18_months: expiring_by_kind.values().sum(),
        expiring_by_kind,
    }
}

fn direct_payments(c: &Council<'_>, t: Date) -> Shared {
    let active: Vec<&Placement> = c
        .placements
        .iter()
        .copied()
        .filter(|p| p.is_active_at(t))
        .collect();
    let dp = active
        .iter()
        .filter(|p| p.delivery == Delivery::DirectPayment)
        .count();
    Shared {
        id: "market.direct_payments",
        ratio: Ratio::of(dp, active.len()),
    }
}

/// Computes section 2.
pub fn compute(ix: &Index<'_>, c: &Council<'_>, t: Date, ascof: &[AscofMeasure]) -> Market {
    let mut entries = bundle_indicators(&c.indicators, t);
    if let Some(a) = c.authority {
        entries.extend(ascof_indicators(ix, &a.ons_code, t, ascof));
    }
    Market {
        locations: locations(c, t),
        contracts: contracts(c, t),
        direct_payments: direct_payments(c, t),
        indicators: Indicators {
            id: "market.indicators",
            entries,
        },
    }
}
