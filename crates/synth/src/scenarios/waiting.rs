//! Long waits: people waiting more than six months, and the longest hospital
//! discharge delay.

use continuum_domain::{DelayReason, PrimarySupportReason, Route, ServiceType as S, Specialism};

use super::{Ctx, placed, request};
use crate::SynthError;
use crate::calibration as cal;
use crate::care::{At, Ep, Plc, Span, Who};
use crate::rng::{add_days, between, stochastic_round};

/// People with complex needs waiting more than six months for supported living
/// (`001_5ce92765b551ce5c.txt`): half in hospital needing specialist support
/// on discharge, half at home with interim care.
pub(super) fn long_waiters(x: &mut Ctx<'_, '_>) -> Result<(), SynthError> {
    let c = x.c;
    let n = if c.demo {
        cal::LONG_WAITERS
    } else {
        stochastic_round(x.rng, f64::from(cal::LONG_WAITERS) * c.size)
    };
    for k in 0..n {
        let mut who = Who::draw(c, x.rng, Some(false));
        who.psr = PrimarySupportReason::LearningDisability;
        who.needs = vec![Specialism::LearningDisability, Specialism::ComplexNeeds];
        let received = add_days(c.as_at, -between(x.rng, 190, 700));
        let in_hospital = k.is_multiple_of(2);
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
            placements.extend(
                x.journey
                    .interim(x.rng, &who, &req, add_days(received, 3), None),
            );
        }
        x.emit.person(
            &who,
            &[Ep {
                req: Some(req),
                placements,
            }],
        )?;
    }
    Ok(())
}

/// A discharge delayed 119 days waiting for a nursing bed
/// (`000_a9ed2bfda6862aee.txt`), bridged by an intermediate care or respite bed.
pub(super) fn longest_discharge(x: &mut Ctx<'_, '_>) -> Result<(), SynthError> {
    let c = x.c;
    let who = Who::draw(c, x.rng, Some(true));
    let received = add_days(c.as_at, -170);
    let mut req = request(
        received,
        S::NursingHome,
        Route::HospitalDischarge,
        who.needs.clone(),
    );
    let start = add_days(received, 1 + cal::LONGEST_DISCHARGE_DELAY);
    req.reasons = vec![DelayReason::FamilyChoice, DelayReason::Sourcing];
    let bridge = x
        .journey
        .interim(x.rng, &who, &req, add_days(received, 2), Some(start));
    let mut placements: Vec<Plc> = bridge.into_iter().collect();
    let span = Span { start, end: None };
    if let Some(loc) = x
        .journey
        .choose_home(x.rng, who.locality, S::NursingHome, span)
    {
        let at = At {
            area: x.journey.home_area() as u16,
            loc,
        };
        placements.push(x.journey.placement(
            x.rng,
            S::NursingHome,
            at,
            start,
            None,
            None,
            None,
            None,
        ));
        req = placed(req, start);
    }
    x.emit.person(
        &who,
        &[Ep {
            req: Some(req),
            placements,
        }],
    )?;
    Ok(())
}
