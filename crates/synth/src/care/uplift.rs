//! Service rows per cost: a long placement is written as one row per financial
//! year, because CLD records a new service event whenever the weekly cost
//! changes, and the cost changes with every April fee uplift.
//!
//! The first row keeps the placement's ID and its request; each later row starts
//! on 1 April with the uplifted cost. Every row but the last ends with `other`
//! on the day the next begins, so the person is never shown without care, and
//! the disruption measures (`handback`, `provider_failure`, `sanction`) only see
//! real ends. This runs after all disruptions, so they work on whole placements.

use chrono::Datelike;
use continuum_domain::{Date, EndReason, Placement, ServiceType as S};

use super::CareOut;
use crate::SynthError;
use crate::council::Council;
use crate::ids::Seq;
use crate::rng::ymd;
use crate::sustainability::fee_at;

/// The placements split at each 1 April they run through, with, for each row,
/// the index of the first row of its placement.
pub(crate) fn split_at_uplifts(
    c: &Council,
    out: CareOut,
    ids: &mut Seq,
) -> Result<(CareOut, Vec<usize>), SynthError> {
    let n = out.placements.len();
    let mut rows = CareOut {
        people: out.people,
        requests: out.requests,
        placements: Vec::with_capacity(n + n / 2),
        placed_at: Vec::with_capacity(n + n / 2),
    };
    let mut heads = Vec::with_capacity(n + n / 2);
    for (p, at) in out.placements.into_iter().zip(out.placed_at) {
        let head = rows.placements.len();
        for piece in pieces(c, p, ids)? {
            rows.placements.push(piece);
            rows.placed_at.push(at);
            heads.push(head);
        }
    }
    Ok((rows, heads))
}

/// Whether a placement is long enough to be costed year by year.
fn yearly(p: &Placement) -> bool {
    !p.interim && !matches!(p.service_type, S::Respite | S::IntermediateCare)
}

fn pieces(c: &Council, p: Placement, ids: &mut Seq) -> Result<Vec<Placement>, SynthError> {
    let last = p.end_date.map_or(c.as_at, |e| e.min(c.as_at));
    let cuts = aprils(p.start_date, last, p.end_date);
    if !yearly(&p) || cuts.is_empty() {
        return Ok(vec![p]);
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let base = fee_at(p.service_type, p.start_date, c.as_at);
    let mut first = p.clone();
    first.end_date = Some(cuts[0]);
    first.end_reason = Some(EndReason::Other);
    out.push(first);
    for (k, &from) in cuts.iter().enumerate() {
        let mut next = p.clone();
        next.placement_id = ids.next()?;
        next.request_id = None;
        next.start_date = from;
        match cuts.get(k + 1) {
            Some(&to) => {
                next.end_date = Some(to);
                next.end_reason = Some(EndReason::Other);
            }
            None => {
                next.end_date = p.end_date;
                next.end_reason = p.end_reason;
            }
        }
        let factor = fee_at(p.service_type, from, c.as_at) / base.max(f64::MIN_POSITIVE);
        next.weekly_cost = p.weekly_cost.map(|w| (w * factor * 100.0).round() / 100.0);
        out.push(next);
    }
    Ok(out)
}

/// The 1 Aprils after `start`, on or before `last`, and before `end`.
fn aprils(start: Date, last: Date, end: Option<Date>) -> Vec<Date> {
    (start.year()..=last.year())
        .map(|y| ymd(y, 4, 1))
        .filter(|d| *d > start && *d <= last && end.is_none_or(|e| *d < e))
        .collect()
}
