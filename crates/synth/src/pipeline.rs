//! The two phases of generating one council, shared by both profiles.
//!
//! Phase 1 needs nothing but the council: places, the market, sanctions,
//! contracts, provider returns, fees, indicators and gaps. Phase 2 needs every
//! council's market (people are placed out of area in neighbours' homes):
//! people, requests, placements, the scenarios, disruptions, reviews, and the
//! council's visits, concerns and quality assessments.

use std::collections::{BTreeSet, HashMap};

use continuum_domain::{Dataset, Handback, LocationId};

use crate::care::{self, At, CareOut, Emitter, Journey, World};
use crate::council::Council;
use crate::ids::Seq;
use crate::market::{self, Area};
use crate::rng::{self, Component};
use crate::scenarios::Extras;
use crate::{SynthError, needs, places, quality, scenarios, sustainability};

/// The output of phase 1: the council's market and its market-side rows.
#[derive(Debug)]
pub(crate) struct Phase1 {
    pub area: Area,
    pub rows: Dataset,
}

/// Phase 1 of one council.
pub(crate) fn phase1(c: &Council, seed: u64) -> Result<Phase1, SynthError> {
    let r = |k| rng::stream(seed, rng::stream_id(c.index, k));
    let mut area = market::generate(c, seed)?;
    let sanctions = quality::sanctions(c, &mut r(Component::Sanctions), &mut area)?;
    let contracts = market::contracts(c, &mut r(Component::Contracts), &area, &sanctions)?;
    let rows = Dataset {
        authorities: vec![places::authority(c)],
        localities: places::localities(c),
        population: places::population(c, &mut r(Component::Places)),
        contracts,
        capacity: market::capacity_returns(c, &mut r(Component::Capacity), &area),
        sanctions,
        workforce: market::workforce_returns(c, &mut r(Component::Workforce), &area),
        fees: sustainability::fees(c),
        indicators: needs::indicators(c, &mut r(Component::Needs)),
        gaps: needs::gaps(c, &mut r(Component::Needs))?,
        ..Dataset::default()
    };
    Ok(Phase1 { area, rows })
}

/// Phase 2 of one council; `market_rows` is its phase 1 output.
pub(crate) fn phase2(
    c: &Council,
    world: World<'_>,
    seed: u64,
    market_rows: &Dataset,
) -> Result<Dataset, SynthError> {
    let r = |k| rng::stream(seed, rng::stream_id(c.index, k));
    let (out, handbacks, extras) = care(c, world, seed, market_rows)?;
    let (out, heads) = {
        let (out, mut ids) = out;
        care::split_at_uplifts(c, out, &mut ids)?
    };
    let reviews = care::reviews(
        c,
        &mut r(Component::Reviews),
        &out,
        &heads,
        &extras.reviews,
        &mut c.seq("RV"),
    )?;
    let commissioned = commissioned(c, world, market_rows, &out);
    let mut q = r(Component::Quality);
    let (areas, home) = (world.areas, world.home);
    Ok(Dataset {
        visits: quality::visits(c, &mut q, areas, home, &commissioned)?,
        concerns: quality::concerns(c, &mut q, areas, home, &commissioned)?,
        quality_assessments: quality::assessments(c, &mut q, areas, home, &commissioned)?,
        people: out.people,
        requests: out.requests,
        placements: out.placements,
        reviews,
        handbacks,
        sanctions: extras.sanctions,
        ..Dataset::default()
    })
}

/// The care rows with the placement IDs still to hand out, the hand-backs and
/// what the scenarios add.
type CareRows = ((CareOut, Seq), Vec<Handback>, Extras);

/// People and their care: the journeys, the scenarios and the disruptions.
fn care(
    c: &Council,
    world: World<'_>,
    seed: u64,
    market_rows: &Dataset,
) -> Result<CareRows, SynthError> {
    let r = |k| rng::stream(seed, rng::stream_id(c.index, k));
    let mut journey = Journey::new(c, world);
    let mut emit = Emitter::new(c, world);
    care::simulate(c, &mut journey, seed, &mut emit)?;
    let mut rng = r(Component::Scenarios);
    let extras = scenarios::run(&mut scenarios::Ctx {
        c,
        rng: &mut rng,
        journey: &mut journey,
        emit: &mut emit,
        world,
    })?;
    let mut rng = r(Component::Disruption);
    let handbacks =
        sustainability::disrupt(c, &mut rng, &mut journey, &mut emit, &market_rows.sanctions)?;
    Ok((emit.finish(), handbacks, extras))
}

/// The locations the council commissions at the as-at date: a contract active
/// then, or one of its placements active then (`metrics.md`).
fn commissioned(c: &Council, world: World<'_>, market_rows: &Dataset, out: &CareOut) -> Vec<At> {
    let mut set: BTreeSet<(u16, u32)> = BTreeSet::new();
    if let Some(area) = world.areas.get(world.home) {
        let index: HashMap<&LocationId, u32> = area
            .locations
            .iter()
            .enumerate()
            .map(|(i, l)| (&l.location_id, i as u32))
            .collect();
        for k in &market_rows.contracts {
            let active = k.start_date <= c.as_at && k.end_date.is_none_or(|e| e > c.as_at);
            if let Some(&i) = index.get(&k.location_id).filter(|_| active) {
                set.insert((world.home as u16, i));
            }
        }
    }
    for (p, at) in out.placements.iter().zip(&out.placed_at) {
        if p.is_active_at(c.as_at) {
            set.insert((at.area, at.loc));
        }
    }
    set.into_iter()
        .map(|(area, loc)| At { area, loc })
        .collect()
}
