//! The edge cases the evidence pack must handle, built on purpose rather than
//! left to chance:
//!
//! - a provider failure: every placement at one home ends on one day
//!   (`provider_failure`); most people are re-placed within 7 days, a few later,
//!   and one is still waiting at the as-at date;
//! - people waiting more than six months, some in hospital, some with an interim
//!   arrangement;
//! - (demo) a home out of area under the host council's suspension, with the
//!   council's people in it, some reviewed since and some not;
//! - (demo) the longest hospital discharge delay of the reports, 119 days.

use continuum_domain::{
    Date, DelayReason, EndReason, OoaReason, ReviewKind, Route, Sanction, SanctionKind,
    ServiceType as S, Specialism,
};

use crate::SynthError;
use crate::calibration as cal;
use crate::care::{At, Emitter, Ep, Journey, Plc, Req, ReviewPlan, Span, Who, World};
use crate::council::Council;
use crate::rng::{Rng, add_days, between, stochastic_round};

/// What the scenarios add besides people and their care.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    pub sanctions: Vec<Sanction>,
    /// Placements whose reviews the scenarios decide.
    pub reviews: Vec<ReviewPlan>,
}

/// Runs every scenario that applies to the council.
pub(crate) fn run(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    world: World<'_>,
) -> Result<Extras, SynthError> {
    let mut extras = Extras::default();
    failure(c, rng, journey, emit, world)?;
    long_waiters(c, rng, journey, emit)?;
    if c.demo {
        longest_discharge(c, rng, journey, emit)?;
        host_suspension(c, rng, journey, emit, world, &mut extras)?;
    }
    Ok(extras)
}

fn request(received: Date, service: S, route: Route, needs: Vec<Specialism>) -> Req {
    Req {
        received,
        service,
        route,
        pathway: (route == Route::HospitalDischarge).then_some(if service.is_care_home() {
            3
        } else {
            1
        }),
        medically_fit: (route == Route::HospitalDischarge).then(|| add_days(received, 1)),
        closed: None,
        outcome: None,
        reasons: Vec::new(),
        hours: None,
        needs,
        preferred: Vec::new(),
    }
}

fn placed(mut r: Req, on: Date) -> Req {
    r.closed = Some(on);
    r.outcome = Some(continuum_domain::RequestOutcome::Placed);
    r
}

/// The provider failure: the people at the failing home, and where they went.
fn failure(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    world: World<'_>,
) -> Result<(), SynthError> {
    let Some(f) = world.areas.get(world.home).and_then(|a| a.failure) else {
        return Ok(());
    };
    let at = At {
        area: world.home as u16,
        loc: f.location,
    };
    let slow = if c.demo {
        cal::PROVIDER_FAILURE_SLOW
    } else {
        (f.people / 8).max(1)
    };
    for k in 0..f.people {
        let who = Who::draw(c, rng, Some(true));
        let start = add_days(f.date, -between(rng, 30, 1_000));
        let before = journey.placement(
            rng,
            S::ResidentialHome,
            at,
            start,
            Some(f.date),
            Some(EndReason::ProviderFailure),
            None,
            None,
        );
        let first = Ep {
            req: Some(placed(
                request(
                    add_days(start, -between(rng, 5, 40)),
                    S::ResidentialHome,
                    Route::Community,
                    who.needs.clone(),
                ),
                start,
            )),
            placements: vec![before],
        };
        let mut again = request(f.date, S::ResidentialHome, Route::Review, who.needs.clone());
        let mut placements = Vec::new();
        let mut waiting = None;
        if k + 1 == f.people {
            again.reasons = vec![DelayReason::HospitalAdmission];
            waiting = Some(again);
        } else {
            let gap = if k + slow >= f.people {
                between(rng, 9, 30)
            } else {
                between(rng, 0, 7).min(between(rng, 0, 7))
            };
            let from = add_days(f.date, gap);
            let home = journey.choose_home_with(
                rng,
                who.locality,
                S::ResidentialHome,
                Span {
                    start: from,
                    end: None,
                },
                false,
                f.location,
            );
            let found = match home {
                Some(loc) => Some((At { area: at.area, loc }, None)),
                None => journey
                    .choose_away(rng, S::ResidentialHome, from)
                    .map(|a| (a, Some(OoaReason::NoVacancy))),
            };
            if let Some((to, ooa)) = found {
                let mut p =
                    journey.placement(rng, S::ResidentialHome, to, from, None, None, None, ooa);
                p.linked = false;
                placements.push(p);
            }
        }
        emit.person(
            &who,
            &[
                first,
                Ep {
                    req: waiting,
                    placements,
                },
            ],
        )?;
    }
    Ok(())
}

/// People waiting more than six months at the as-at date: half in hospital
/// needing specialist support on discharge, half at home with interim care.
fn long_waiters(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
) -> Result<(), SynthError> {
    let n = if c.demo {
        cal::LONG_WAITERS
    } else {
        stochastic_round(rng, f64::from(cal::LONG_WAITERS) * c.size)
    };
    for k in 0..n {
        let mut who = Who::draw(c, rng, Some(false));
        who.psr = continuum_domain::PrimarySupportReason::LearningDisability;
        who.needs = vec![Specialism::LearningDisability, Specialism::ComplexNeeds];
        let received = add_days(c.as_at, -between(rng, 190, 700));
        let in_hospital = k % 2 == 0;
        let route = if in_hospital {
            Route::HospitalDischarge
        } else {
            Route::Community
        };
        let mut req = request(received, S::SupportedLiving, route, who.needs.clone());
        req.hours = Some(30.0);
        req.reasons = if in_hospital {
            vec![DelayReason::Sourcing, DelayReason::Housing]
        } else {
            vec![DelayReason::Housing]
        };
        let mut placements = Vec::new();
        if !in_hospital {
            let mut bridge = req.clone();
            bridge.route = Route::Community;
            placements.extend(journey.interim(rng, &who, &bridge, add_days(received, 3), None));
        }
        emit.person(
            &who,
            &[Ep {
                req: Some(req),
                placements,
            }],
        )?;
    }
    Ok(())
}

/// A discharge delayed 119 days waiting for a nursing bed, bridged by an
/// intermediate care bed.
fn longest_discharge(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
) -> Result<(), SynthError> {
    let who = Who::draw(c, rng, Some(true));
    let received = add_days(c.as_at, -170);
    let mut req = request(
        received,
        S::NursingHome,
        Route::HospitalDischarge,
        who.needs.clone(),
    );
    let start = add_days(received, 1 + cal::LONGEST_DISCHARGE_DELAY);
    req.reasons = vec![DelayReason::FamilyChoice, DelayReason::Sourcing];
    let mut placements: Vec<Plc> = journey
        .interim(rng, &who, &req, add_days(received, 2), Some(start))
        .into_iter()
        .collect();
    if let Some(loc) =
        journey.choose_home(rng, who.locality, S::NursingHome, Span { start, end: None })
    {
        let at = At {
            area: journey.home_area() as u16,
            loc,
        };
        placements.push(journey.placement(rng, S::NursingHome, at, start, None, None, None, None));
        req = placed(req, start);
    }
    emit.person(
        &who,
        &[Ep {
            req: Some(req),
            placements,
        }],
    )?;
    Ok(())
}

/// Five people in a home in a neighbouring council that the host council has
/// suspended; the council records the host's suspension as its own sanction and
/// has reviewed three of them since.
fn host_suspension(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    world: World<'_>,
    extras: &mut Extras,
) -> Result<(), SynthError> {
    let found = world
        .neighbours
        .iter()
        .find_map(|&a| Some((a, world.areas.get(a)?.host_sanctioned?)));
    let Some((a, loc)) = found else { return Ok(()) };
    let area = &world.areas[a];
    let suspended = add_days(c.as_at, -45);
    let at = At {
        area: a as u16,
        loc,
    };
    for k in 0..5 {
        let who = Who::draw(c, rng, Some(true));
        let start = if k < 3 {
            add_days(c.as_at, -between(rng, 200, 1_100))
        } else {
            add_days(c.as_at, -between(rng, 500, 1_100))
        };
        let reason = if k % 2 == 0 {
            OoaReason::Family
        } else {
            OoaReason::PersonalChoice
        };
        let p = journey.placement(
            rng,
            S::ResidentialHome,
            at,
            start,
            None,
            None,
            None,
            Some(reason),
        );
        let req = placed(
            request(
                add_days(start, -between(rng, 10, 40)),
                S::ResidentialHome,
                Route::Community,
                who.needs.clone(),
            ),
            start,
        );
        emit.person(
            &who,
            &[Ep {
                req: Some(req),
                placements: vec![p],
            }],
        )?;
        let Some(row) = emit.out.placements.last() else {
            continue;
        };
        let mut dates = vec![(add_days(start, 60), ReviewKind::Planned)];
        if k < 3 {
            dates.push((
                add_days(suspended, between(rng, 5, 20)),
                ReviewKind::Unplanned,
            ));
        }
        dates.retain(|(d, _)| *d <= c.as_at && *d >= c.history_start());
        extras.reviews.push(ReviewPlan {
            placement: row.placement_id.clone(),
            dates,
        });
    }
    extras.sanctions.push(Sanction {
        sanction_id: c.seq("SX").next()?,
        location_id: area.locations[loc as usize].location_id.clone(),
        la: c.la.clone(),
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
