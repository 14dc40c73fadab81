//! The home out of area under its host council's suspension.

use continuum_domain::{
    Date, OoaReason, ReviewKind, Route, Sanction, SanctionKind, ServiceType as S,
};

use super::{Ctx, Extras, placed, request};
use crate::SynthError;
use crate::care::{At, Ep, ReviewPlan, Who};
use crate::rng::{add_days, between};

/// People placed in the host council's suspended home.
const PEOPLE: u32 = 5;

/// Five people live in a home in a neighbouring council that the host council
/// has suspended; the council records the host's suspension as its own
/// sanction (`002_bcb1a377354bd4bb.txt`, Middlesbrough: "notifications
/// concerning care homes they were using out of the area") and has reviewed
/// three of them since; two have had no review this year.
pub(super) fn suspension(x: &mut Ctx<'_, '_>, extras: &mut Extras) -> Result<(), SynthError> {
    let world = x.world;
    let found = world
        .neighbours
        .iter()
        .find_map(|&a| Some((a, world.areas.get(a)?.host_sanctioned?)));
    let Some((a, loc)) = found else { return Ok(()) };
    let area = &world.areas[a];
    let suspended = add_days(x.c.as_at, -45);
    for k in 0..PEOPLE {
        let plan = resident(
            x,
            At {
                area: a as u16,
                loc,
            },
            k,
            suspended,
        )?;
        extras.reviews.extend(plan);
    }
    extras.sanctions.push(Sanction {
        sanction_id: x.c.seq("SX").next()?,
        location_id: area.locations[loc as usize].location_id.clone(),
        la: x.c.la.clone(),
        kind: SanctionKind::Suspension,
        start_date: suspended,
        end_date: None,
        reason: format!(
            "{} Council, the host authority, suspended new placements after safeguarding concerns",
            area.la
        ),
    });
    Ok(())
}

/// One resident: placed by choice or for family some years ago.
fn resident(
    x: &mut Ctx<'_, '_>,
    at: At,
    k: u32,
    suspended: Date,
) -> Result<Option<ReviewPlan>, SynthError> {
    let (c, rng) = (x.c, &mut *x.rng);
    let who = Who::draw(c, rng, Some(true));
    let back = if k < 3 {
        between(rng, 200, 900)
    } else {
        between(rng, 500, 900)
    };
    let start = add_days(c.as_at, -back);
    let reason = if k.is_multiple_of(2) {
        OoaReason::Family
    } else {
        OoaReason::PersonalChoice
    };
    let p = x.journey.placement(
        rng,
        S::ResidentialHome,
        at,
        start,
        None,
        None,
        None,
        Some(reason),
    );
    let received = add_days(start, -between(rng, 10, 40));
    let req = request(
        received,
        S::ResidentialHome,
        Route::Community,
        who.needs.clone(),
    );
    let dates = review_dates(x, start, k < 3, suspended);
    x.emit.person(
        &who,
        &[Ep {
            req: Some(placed(req, start)),
            placements: vec![p],
        }],
    )?;
    let last = x.emit.out.placements.last();
    Ok(last.map(|row| ReviewPlan {
        placement: row.placement_id.clone(),
        dates,
    }))
}

/// A review after moving in and, for those followed up, one after the
/// suspension; those not followed up have had no review this year.
fn review_dates(
    x: &mut Ctx<'_, '_>,
    start: Date,
    followed_up: bool,
    suspended: Date,
) -> Vec<(Date, ReviewKind)> {
    let c = x.c;
    let mut dates = vec![(add_days(start, 60), ReviewKind::Planned)];
    if followed_up {
        dates.push((
            add_days(suspended, between(x.rng, 5, 20)),
            ReviewKind::Unplanned,
        ));
    }
    dates.retain(|(d, _)| *d <= c.as_at && *d >= c.history_start());
    dates
}
