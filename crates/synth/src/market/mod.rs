//! The market: locations and their providers, contracts, capacity returns and
//! workforce returns.
//!
//! A council's market is generated first, for every council, because other
//! councils place people in it (out of area). The result is an [`Area`]: the
//! location rows plus what the care simulation needs to choose among them.

mod build;
mod capacity;
mod contracts;
mod plan;
mod pool;
mod specialisms;

pub(crate) use capacity::{capacity_returns, workforce_returns};
pub(crate) use contracts::contracts;
pub(crate) use plan::{generate, hosts};
pub(crate) use pool::Pools;

use continuum_domain::{Date, LaName, Location, ServiceType};

/// A service type as an array index (the order of `ServiceType::ALL`).
pub(crate) fn ti(s: ServiceType) -> usize {
    s as usize
}

/// The number of service types.
pub(crate) const TYPES: usize = 10;

/// One council's locations (or, in the demo, a host area's).
#[derive(Debug, Clone)]
pub(crate) struct Area {
    pub la: LaName,
    pub locations: Vec<Location>,
    pub meta: Vec<Meta>,
    /// Choosers for new placements.
    pub pools: Pools,
    /// A provider failure, where the council has one.
    pub failure: Option<Failure>,
    /// A home under the host council's suspension with the demo council's people
    /// in it (demo host areas only).
    pub host_sanctioned: Option<u32>,
    /// Spans when a location takes no new placements (suspensions, embargoes,
    /// terminations), filled in when the council's sanctions are drawn.
    pub blocks: Vec<Block>,
}

/// A span when a location takes no new placements.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    pub loc: u32,
    pub start: Date,
    pub end: Option<Date>,
}

/// What the generator knows about a location beyond its row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta {
    /// Latent quality, 0 (poor) to 1 (excellent); drives assessments, concerns
    /// and sanctions.
    pub quality: f32,
    /// Relative size, for choosing where people go.
    pub weight: f32,
    /// The locality index, for in-area locations.
    pub locality: Option<u8>,
    /// Kept out of ordinary placements (a scenario location).
    pub reserved: bool,
}

/// A provider failing: every placement there ends on `date`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Failure {
    pub location: u32,
    pub date: Date,
    pub people: u32,
}

impl Area {
    /// Whether the location takes new people on `day`: registered, and not a
    /// scenario location.
    pub(crate) fn open_on(&self, i: usize, day: Date) -> bool {
        !self.meta[i].reserved
            && self.locations[i].is_registered_at(day)
            && !self.blocked(i as u32, day)
    }

    /// Whether a sanction stops new placements at the location on `day`.
    pub(crate) fn blocked(&self, i: u32, day: Date) -> bool {
        self.blocks
            .iter()
            .any(|b| b.loc == i && b.start <= day && b.end.is_none_or(|e| e > day))
    }
}
