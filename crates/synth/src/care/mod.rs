//! People and their care: a simulation of journeys through requests and
//! placements, written out as `people.csv`, `requests.csv`, `placements.csv` and
//! (after the disruptions) `reviews.csv`.
//!
//! Each service user is simulated from their first referral: a request, a wait,
//! a placement, its end, and what follows (homecare, then a care home, and so
//! on). Journeys start up to [`LOOKBACK_YEARS`](crate::calibration::LOOKBACK_YEARS)
//! before the as-at date so that the stock of long stays is right; only what
//! falls in the bundle's history is written.

mod choose;
mod emit;
mod journey;
mod person;
mod reviews;
mod uplift;
mod waits;

pub(crate) use choose::Span;
pub(crate) use emit::Emitter;
pub(crate) use journey::{Ep, Journey, Plc, Req};
pub(crate) use person::{Who, carers};
pub(crate) use reviews::{ReviewPlan, reviews};
pub(crate) use uplift::split_at_uplifts;

use continuum_domain::{Person, Placement, Request};

use crate::SynthError;
use crate::council::Council;
use crate::market::Area;
use crate::rng::{self, Component};

/// What one council's care simulation sees: every area's market and which of
/// them are its neighbours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct World<'a> {
    pub areas: &'a [Area],
    pub home: usize,
    pub neighbours: &'a [usize],
    pub far: &'a [usize],
}

/// Where a placement is: an area and a location in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    pub area: u16,
    pub loc: u32,
}

/// The care rows of one council, with the location of each placement kept
/// beside it for the passes that follow (disruptions, reviews, quality).
#[derive(Debug, Default)]
pub(crate) struct CareOut {
    pub people: Vec<Person>,
    pub requests: Vec<Request>,
    pub placements: Vec<Placement>,
    pub placed_at: Vec<At>,
}

/// Simulates the council's service users and their carers.
pub(crate) fn simulate(
    c: &Council,
    journey: &mut Journey<'_>,
    seed: u64,
    emit: &mut Emitter,
) -> Result<(), SynthError> {
    let mut rng = rng::stream(seed, rng::stream_id(c.index, Component::Care));
    let years = crate::calibration::LOOKBACK_YEARS as f64;
    let entries = (crate::calibration::NEW_CLIENTS_PER_YEAR * c.size * years).round() as u64;
    for _ in 0..entries {
        let who = Who::draw(c, &mut rng, None);
        let eps = journey.run(&mut rng, &who);
        emit.person(&who, &eps)?;
    }
    carers(c, &mut rng, emit)
}
