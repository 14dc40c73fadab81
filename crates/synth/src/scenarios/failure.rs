//! The provider failure: the people at the failing home, and where they went.

use continuum_domain::{DelayReason, EndReason, OoaReason, Route, ServiceType as S};

use super::{Ctx, placed, request};
use crate::SynthError;
use crate::calibration as cal;
use crate::care::{At, Ep, Plc, Span, Who};
use crate::market::Failure;
use crate::rng::{add_days, between};

/// Every person at the failing home has a placement there that ends on the day
/// it fails. All but the slow ones are re-placed within a week (without a new
/// request: the bulk re-placement plan); the slow ones later; the last is still
/// waiting, in hospital, at the as-at date.
pub(super) fn run(x: &mut Ctx<'_, '_>) -> Result<(), SynthError> {
    let Some(f) = x.world.areas.get(x.world.home).and_then(|a| a.failure) else {
        return Ok(());
    };
    let slow = if x.c.demo {
        cal::PROVIDER_FAILURE_SLOW
    } else {
        (f.people / 8).max(1)
    };
    for k in 0..f.people {
        let who = Who::draw(x.c, x.rng, Some(true));
        let first = before(x, &who, &f);
        let mut second = Ep {
            req: None,
            placements: Vec::new(),
        };
        if k + 1 == f.people {
            let mut waiting = request(f.date, S::ResidentialHome, Route::Review, who.needs.clone());
            waiting.reasons = vec![DelayReason::HospitalAdmission];
            second.req = Some(waiting);
        } else {
            let gap = if k + slow >= f.people {
                between(x.rng, 9, 30)
            } else {
                between(x.rng, 0, 7).min(between(x.rng, 0, 7))
            };
            second
                .placements
                .extend(after(x, &who, &f, add_days(f.date, gap)));
        }
        x.emit.person(&who, &[first, second])?;
    }
    Ok(())
}

/// The stay at the failing home, with the request that led to it.
fn before(x: &mut Ctx<'_, '_>, who: &Who, f: &Failure) -> Ep {
    let at = At {
        area: x.world.home as u16,
        loc: f.location,
    };
    let start = add_days(f.date, -between(x.rng, 30, 1_000));
    let end = Some(EndReason::ProviderFailure);
    let stay = x.journey.placement(
        x.rng,
        S::ResidentialHome,
        at,
        start,
        Some(f.date),
        end,
        None,
        None,
    );
    let received = add_days(start, -between(x.rng, 5, 40));
    let req = request(
        received,
        S::ResidentialHome,
        Route::Community,
        who.needs.clone(),
    );
    Ep {
        req: Some(placed(req, start)),
        placements: vec![stay],
    }
}

/// The new home from `from`: in the council if there is room, otherwise out of
/// area for want of a vacancy.
fn after(x: &mut Ctx<'_, '_>, who: &Who, f: &Failure, from: continuum_domain::Date) -> Option<Plc> {
    let span = Span {
        start: from,
        end: None,
    };
    let home = x.journey.choose_home_with(
        x.rng,
        who.locality,
        S::ResidentialHome,
        span,
        false,
        f.location,
    );
    let (to, ooa) = match home {
        Some(loc) => (
            At {
                area: x.world.home as u16,
                loc,
            },
            None,
        ),
        None => (
            x.journey.choose_away(x.rng, S::ResidentialHome, from)?,
            Some(OoaReason::NoVacancy),
        ),
    };
    let mut p = x
        .journey
        .placement(x.rng, S::ResidentialHome, to, from, None, None, None, ooa);
    p.linked = false;
    Some(p)
}
