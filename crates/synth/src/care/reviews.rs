//! Reviews of people's care: a first review six to twelve weeks in, then about
//! once a year, and some unplanned ones. Out-of-area placements are reviewed on
//! a tighter cycle, but some are missed, so the out-of-area dashboard has people
//! to chase.

use std::collections::BTreeMap;

use continuum_domain::{Date, Placement, PlacementId, Review, ReviewKind, ServiceType as S};

use super::CareOut;
use crate::SynthError;
use crate::calibration as cal;
use crate::council::Council;
use crate::ids::Seq;
use crate::rng::{Rng, add_days, between, chance, date_between};

/// Reviews a scenario decides for one placement, in place of the usual ones.
#[derive(Debug, Clone)]
pub(crate) struct ReviewPlan {
    /// The placement (its first row, whose ID it keeps when split by year).
    pub placement: PlacementId,
    pub dates: Vec<(Date, ReviewKind)>,
}

/// Reviews of the council's placement rows. `heads[i]` is the first row of row
/// `i`'s placement; placements with a [`ReviewPlan`] get the plan's reviews,
/// each on the row running on its date.
pub(crate) fn reviews(
    c: &Council,
    rng: &mut Rng,
    out: &CareOut,
    heads: &[usize],
    plans: &[ReviewPlan],
    seq: &mut Seq,
) -> Result<Vec<Review>, SynthError> {
    let planned: BTreeMap<&str, &ReviewPlan> =
        plans.iter().map(|p| (p.placement.as_str(), p)).collect();
    let mut rows = Vec::with_capacity(out.placements.len() * 2);
    for (i, p) in out.placements.iter().enumerate() {
        let head = heads
            .get(i)
            .and_then(|&h| out.placements.get(h))
            .unwrap_or(p);
        match planned.get(head.placement_id.as_str()) {
            Some(plan) => {
                for (d, kind) in &plan.dates {
                    if p.start_date <= *d && p.end_date.is_none_or(|e| *d < e) && *d <= c.as_at {
                        rows.push(review(seq, p, *d, *kind)?);
                    }
                }
            }
            None => usual(c, rng, p, seq, &mut rows)?,
        }
    }
    Ok(rows)
}

/// The usual reviews of one placement row.
fn usual(
    c: &Council,
    rng: &mut Rng,
    p: &Placement,
    seq: &mut Seq,
    rows: &mut Vec<Review>,
) -> Result<(), SynthError> {
    if p.interim || matches!(p.service_type, S::Respite | S::IntermediateCare) {
        return Ok(());
    }
    let (history, window) = (c.history_start(), c.window_start());
    let last = p.end_date.map_or(c.as_at, |e| e.min(c.as_at));
    let away = p.ooa_reason.is_some();
    let missed = away && !chance(rng, cal::OUT_OF_AREA_REVIEWED);
    let (lo, hi) = if away { (250, 350) } else { (300, 420) };
    let mut d = add_days(p.start_date, between(rng, 42, 84));
    while d <= last {
        if d >= history && !(missed && d >= window) {
            rows.push(review(seq, p, d, ReviewKind::Planned)?);
        }
        d = add_days(d, between(rng, lo, hi));
    }
    if chance(rng, 0.15) {
        let d = date_between(rng, p.start_date.max(history), last);
        if d >= p.start_date && !(missed && d >= window) {
            rows.push(review(seq, p, d, ReviewKind::Unplanned)?);
        }
    }
    Ok(())
}

/// One review row.
fn review(
    seq: &mut Seq,
    p: &Placement,
    date: Date,
    kind: ReviewKind,
) -> Result<Review, SynthError> {
    Ok(Review {
        review_id: seq.next()?,
        person_id: p.person_id.clone(),
        placement_id: Some(p.placement_id.clone()),
        date,
        kind,
    })
}
