//! Where people are placed: in the council's own area, weighted by size and
//! preferring their locality, or out of area in a neighbour (or further away),
//! with a reason. Also the placement's cost and how it is paid.

use continuum_domain::{Date, Delivery, EndReason, OoaReason, ServiceType as S};

use super::journey::{Journey, Plc, Req};

/// The days a new placement must fit in (`end` empty: still open).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub start: Date,
    pub end: Option<Date>,
}
use super::{At, Who};
use crate::calibration as cal;
use crate::market::ti;
use crate::rng::{Rng, add_days, between, chance, index, pick, uniform};
use crate::sustainability::fee_at;

impl Journey<'_> {
    /// A location for a placement starting on `start`, and the out-of-area
    /// reason if it is outside the council.
    pub(crate) fn choose(
        &mut self,
        rng: &mut Rng,
        who: &Who,
        s: S,
        start: Date,
        end: Option<Date>,
    ) -> Option<(At, Option<OoaReason>)> {
        let p = cal::OUT_OF_AREA_PROBABILITY
            .iter()
            .find(|(t, _)| *t == s)
            .map_or(0.01, |(_, p)| *p)
            * self.c.traits.out_of_area;
        if chance(rng, p)
            && let Some(at) = self.choose_away(rng, s, start)
        {
            return Some((at, Some(pick(rng, &cal::OUT_OF_AREA_REASONS))));
        }
        if let Some(loc) =
            self.choose_home_with(rng, who.locality, s, Span { start, end }, true, u32::MAX)
        {
            return Some((
                At {
                    area: self.world.home as u16,
                    loc,
                },
                None,
            ));
        }
        let reason = if who.older {
            OoaReason::NoVacancy
        } else {
            OoaReason::SpecialistUnavailable
        };
        self.choose_away(rng, s, start).map(|at| (at, Some(reason)))
    }

    /// A home location of type `s` open for the whole span.
    pub(crate) fn choose_home(
        &mut self,
        rng: &mut Rng,
        locality: usize,
        s: S,
        span: Span,
    ) -> Option<u32> {
        self.choose_home_with(rng, locality, s, span, false, u32::MAX)
    }

    /// A home location of type `s` open when the span starts, never `avoid`.
    /// Unless `may_close`, it must stay registered until the span ends. Homes
    /// still occupied at the as-at date are filled to at most 80% of their beds
    /// by this council.
    pub(crate) fn choose_home_with(
        &mut self,
        rng: &mut Rng,
        locality: usize,
        s: S,
        span: Span,
        may_close: bool,
        avoid: u32,
    ) -> Option<u32> {
        let area = self.world.areas.get(self.world.home)?;
        let load = &self.load;
        let capped = span.end.is_none() && s.is_care_home();
        let loc = area.pools.choose(rng, ti(s), Some(locality), |i| {
            let k = i as usize;
            let closes = area.locations[k].deregistered_on;
            i != avoid
                && area.open_on(k, span.start)
                && (may_close || closes.is_none_or(|x| span.end.is_some_and(|e| e <= x)))
                && (!capped || f64::from(load[k]) < f64::from(area.locations[k].beds) * 0.8)
        })?;
        if capped {
            self.load[loc as usize] += 1;
        }
        Some(loc)
    }

    /// A location outside the council: a neighbour's, or sometimes further away.
    pub(crate) fn choose_away(&self, rng: &mut Rng, s: S, start: Date) -> Option<At> {
        let t = ti(s);
        let near = chance(rng, cal::OUT_OF_AREA_NEIGHBOUR_SHARE);
        let first: &[usize] = if near {
            self.world.neighbours
        } else {
            self.world.far
        };
        let second: &[usize] = if near {
            self.world.far
        } else {
            self.world.neighbours
        };
        for list in [first, second] {
            let open: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&a| {
                    self.world
                        .areas
                        .get(a)
                        .is_some_and(|x| x.pools.has_lasting(t))
                })
                .collect();
            if open.is_empty() {
                continue;
            }
            let a = open[index(rng, open.len())];
            let area = &self.world.areas[a];
            if let Some(loc) = area
                .pools
                .choose_lasting(rng, t, |i| area.open_on(i as usize, start))
            {
                return Some(At {
                    area: a as u16,
                    loc,
                });
            }
        }
        None
    }

    /// An interim arrangement while the right care is found: homecare at home,
    /// or a respite or intermediate care bed after a hospital stay.
    pub(crate) fn interim(
        &mut self,
        rng: &mut Rng,
        who: &Who,
        req: &Req,
        from: Date,
        until: Option<Date>,
    ) -> Option<Plc> {
        if from > self.t {
            return None;
        }
        let s = match req.route {
            continuum_domain::Route::HospitalDischarge => {
                if chance(rng, 0.5) {
                    S::IntermediateCare
                } else {
                    S::Respite
                }
            }
            _ => S::Homecare,
        };
        let loc = self.choose_home(
            rng,
            who.locality,
            s,
            Span {
                start: from,
                end: until,
            },
        )?;
        let at = At {
            area: self.world.home as u16,
            loc,
        };
        let reason = until.map(|_| EndReason::Planned);
        let hours = crate::care::waits::hours(rng, s);
        let mut p = self.placement(rng, s, at, from, until, reason, hours, None);
        p.interim = true;
        Some(p)
    }

    /// A placement row-to-be, with its cost and how it is paid.
    pub(crate) fn placement(
        &self,
        rng: &mut Rng,
        s: S,
        at: At,
        start: Date,
        end: Option<Date>,
        end_reason: Option<EndReason>,
        hours: Option<f64>,
        ooa: Option<OoaReason>,
    ) -> Plc {
        let away = ooa.is_some();
        Plc {
            at,
            service: s,
            start,
            end,
            end_reason,
            weekly_cost: Some(weekly_cost(
                rng,
                self.c.traits.fees,
                s,
                start,
                self.t,
                hours,
                away,
            )),
            hours,
            delivery: delivery(rng, s),
            interim: false,
            ooa,
            linked: true,
        }
    }

    /// Ends a placement when its home leaves the market, and moves the person
    /// to another home of the same type for the rest of their stay. Returns the
    /// end of the last part.
    pub(crate) fn split_at_exit(
        &mut self,
        rng: &mut Rng,
        who: &Who,
        mut p: Plc,
        out: &mut Vec<Plc>,
    ) -> Option<Date> {
        let exit = self
            .world
            .areas
            .get(usize::from(p.at.area))
            .and_then(|a| a.locations.get(p.at.loc as usize))
            .and_then(|l| l.deregistered_on);
        let Some(exit) = exit.filter(|x| *x <= self.t && p.end.is_none_or(|e| *x < e)) else {
            let end = p.end;
            out.push(p);
            return end;
        };
        let (rest_end, rest_reason) = (p.end, p.end_reason);
        p.end = Some(exit);
        p.end_reason = Some(EndReason::Moved);
        let s = p.service;
        let hours = p.hours;
        out.push(p);
        let from = add_days(exit, between(rng, 0, 2));
        if rest_end.is_some_and(|e| e <= from) || from > self.t {
            return Some(exit);
        }
        let Some(loc) = self.choose_home(
            rng,
            who.locality,
            s,
            Span {
                start: from,
                end: rest_end,
            },
        ) else {
            return Some(exit);
        };
        let at = At {
            area: self.world.home as u16,
            loc,
        };
        let mut next = self.placement(rng, s, at, from, rest_end, rest_reason, hours, None);
        next.linked = false;
        out.push(next);
        rest_end
    }
}

/// What a week of the placement costs.
pub(crate) fn weekly_cost(
    rng: &mut Rng,
    level: f64,
    s: S,
    start: Date,
    t: Date,
    hours: Option<f64>,
    away: bool,
) -> f64 {
    let rate = fee_at(s, start, t) * level;
    let premium = if away { 1.1 } else { 1.0 };
    let cost = match s {
        S::NursingHome | S::ResidentialHome | S::SharedLives => rate * uniform(rng, 0.92, 1.3),
        S::Homecare | S::SupportedLiving | S::ExtraCare => rate * hours.unwrap_or(10.0),
        S::DayService => rate * (hours.unwrap_or(6.0) / 6.0),
        S::Respite | S::IntermediateCare => rate * 7.0,
        S::Other => uniform(rng, 120.0, 420.0),
    } * premium;
    (cost * 100.0).round() / 100.0
}

fn delivery(rng: &mut Rng, s: S) -> Delivery {
    let personal = matches!(
        s,
        S::Homecare | S::DayService | S::SupportedLiving | S::Other
    );
    if personal && chance(rng, cal::DIRECT_PAYMENT_SHARE) {
        Delivery::DirectPayment
    } else if chance(rng, cal::MANAGED_BUDGET_SHARE) {
        Delivery::ManagedBudget
    } else {
        Delivery::Commissioned
    }
}
