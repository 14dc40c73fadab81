//! One service user's journey: request, wait, placement, end, and what follows.

use continuum_domain::{
    Date, DelayReason, Delivery, EndReason, OoaReason, RequestOutcome, Route, ServiceType as S,
    Specialism,
};

use super::waits::{self, duration, end_reason, reasons_for, wait};
use super::{At, Who, World};
use crate::calibration as cal;
use crate::council::Council;
use crate::rng::{Rng, add_days, between, chance, days, pick, pick_in};

/// A request, before its row is written.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    pub received: Date,
    pub service: S,
    pub route: Route,
    pub pathway: Option<u8>,
    pub medically_fit: Option<Date>,
    pub closed: Option<Date>,
    pub outcome: Option<RequestOutcome>,
    pub reasons: Vec<DelayReason>,
    pub hours: Option<f64>,
    pub needs: Vec<Specialism>,
    pub preferred: Vec<At>,
}

/// A placement, before its row is written.
#[derive(Debug, Clone)]
pub(crate) struct Plc {
    pub at: At,
    pub service: S,
    pub start: Date,
    pub end: Option<Date>,
    pub end_reason: Option<EndReason>,
    pub weekly_cost: Option<f64>,
    pub hours: Option<f64>,
    pub delivery: Delivery,
    pub interim: bool,
    pub ooa: Option<OoaReason>,
    /// Carries the request's ID (the first placement of a request and its
    /// interims; not the continuation after a home closes).
    pub linked: bool,
}

/// One request and the placements that answered it.
#[derive(Debug, Clone)]
pub(crate) struct Ep {
    pub req: Option<Req>,
    pub placements: Vec<Plc>,
}

/// Simulates journeys for one council.
#[derive(Debug)]
pub(crate) struct Journey<'a> {
    pub(super) c: &'a Council,
    pub(super) world: World<'a>,
    pub(super) t: Date,
    /// The council's placements active at the as-at date, per home location, so
    /// no care home is filled past its beds.
    pub(super) load: Vec<u16>,
}

/// What follows an episode.
enum Next {
    Then(S, Date, EndReason),
    Stop,
}

impl<'a> Journey<'a> {
    pub(crate) fn new(c: &'a Council, world: World<'a>) -> Self {
        let n = world.areas.get(world.home).map_or(0, |a| a.locations.len());
        Self {
            c,
            world,
            t: c.as_at,
            load: vec![0; n],
        }
    }

    /// The index of the council's own area in the world.
    pub(crate) fn home_area(&self) -> usize {
        self.world.home
    }

    fn area(&self) -> Option<&'a crate::market::Area> {
        self.world.areas.get(self.world.home)
    }

    /// The number of locations in the council's own area.
    pub(crate) fn home_locations(&self) -> usize {
        self.area().map_or(0, |a| a.locations.len())
    }

    /// The index of a home location by ID.
    pub(crate) fn home_index(&self, id: &continuum_domain::LocationId) -> Option<u32> {
        let a = self.area()?;
        a.locations
            .iter()
            .position(|l| &l.location_id == id)
            .map(|i| i as u32)
    }

    /// The home locations of one type that take ordinary placements.
    pub(crate) fn home_of_type(&self, s: S) -> Vec<u32> {
        self.area().map_or_else(Vec::new, |a| {
            (0..a.locations.len())
                .filter(|&i| a.locations[i].service_type == s && !a.meta[i].reserved)
                .map(|i| i as u32)
                .collect()
        })
    }

    /// The locality of a home location (0 when it has none).
    pub(crate) fn locality_of(&self, loc: u32) -> usize {
        self.area()
            .and_then(|a| a.meta.get(loc as usize))
            .and_then(|m| m.locality)
            .map_or(0, usize::from)
    }

    /// The whole journey of one person, from their first referral.
    pub(crate) fn run(&mut self, rng: &mut Rng, who: &Who) -> Vec<Ep> {
        let mut eps = Vec::new();
        let mut service = first_service(rng, who);
        let mut route = first_route(rng, who, service);
        let mut received = who.entry;
        for _ in 0..6 {
            let (ep, next) = self.episode(rng, who, service, route, received);
            eps.push(ep);
            let Next::Then(after, end, reason) = next else {
                break;
            };
            let Some(Some(s)) = pick_in(rng, cal::next_service(after)) else {
                break;
            };
            let hospital = reason == EndReason::Hospital;
            route = if hospital {
                Route::HospitalDischarge
            } else {
                Route::Review
            };
            received = add_days(
                end,
                if hospital {
                    between(rng, 3, 20)
                } else {
                    between(rng, 0, 10)
                },
            );
            if received > self.t {
                break;
            }
            service = s;
        }
        eps
    }

    /// One request and what came of it.
    fn episode(
        &mut self,
        rng: &mut Rng,
        who: &Who,
        s: S,
        route: Route,
        received: Date,
    ) -> (Ep, Next) {
        let mut req = request(rng, who, s, route, received);
        let mut placements = Vec::new();
        let next = if chance(rng, cal::NOT_PLACED_SHARE) {
            close_unplaced(rng, &mut req, self.t)
        } else {
            self.answer(rng, who, &mut req, &mut placements)
        };
        (
            Ep {
                req: Some(req),
                placements,
            },
            next,
        )
    }

    /// The wait and the placement that answer a request, if it is answered by
    /// the as-at date.
    fn answer(&mut self, rng: &mut Rng, who: &Who, req: &mut Req, out: &mut Vec<Plc>) -> Next {
        let (s, route) = (req.service, req.route);
        let rural = self.c.localities.get(who.locality).is_some_and(|l| l.rural);
        let w = wait(rng, &self.c.traits, who, s, route, rural);
        let start = add_days(req.received, w);
        if start > self.t {
            self.open_at_as_at(rng, who, req, out);
            return Next::Stop;
        }
        let delay = req.medically_fit.map_or(0, |m| days(m, start).max(0));
        req.reasons = reasons_for(rng, s, route, w, delay);
        if w > 14 && long_term(s) && chance(rng, cal::INTERIM_SHARE) {
            let from = add_days(req.received, between(rng, 1, 4).min(w - 1));
            out.extend(self.interim(rng, who, req, from, Some(start)));
        }
        let planned = add_days(start, duration(rng, s, who));
        let end = (planned <= self.t).then_some(planned);
        let reason = end.map(|_| end_reason(rng, s, who));
        req.closed = Some(start);
        let Some((at, ooa)) = self.choose(rng, who, s, start, end) else {
            req.outcome = Some(RequestOutcome::Other);
            return Next::Stop;
        };
        req.outcome = Some(RequestOutcome::Placed);
        self.preferences(rng, req, at, ooa);
        let first = self.placement(rng, s, at, start, end, reason, req.hours, ooa);
        match (self.split_at_exit(rng, who, first, out), reason) {
            (Some(e), Some(r)) if r != EndReason::Died => Next::Then(s, e, r),
            _ => Next::Stop,
        }
    }

    /// A request still waiting at the as-at date: reasons for a long wait, and
    /// sometimes an interim arrangement in the meantime.
    fn open_at_as_at(&mut self, rng: &mut Rng, who: &Who, req: &mut Req, out: &mut Vec<Plc>) {
        let waited = days(req.received, self.t);
        if waited > 28 {
            let table: &[(DelayReason, f64)] = if req.route == Route::HospitalDischarge {
                &cal::DISCHARGE_REASONS
            } else {
                &cal::LONG_WAIT_REASONS
            };
            req.reasons = waits::reasons(rng, table, 2);
        }
        if waited > 5 && long_term(req.service) && chance(rng, cal::INTERIM_SHARE) {
            let from = add_days(req.received, between(rng, 1, 4));
            let req = req.clone();
            out.extend(self.interim(rng, who, &req, from, None));
        }
    }

    /// Who asked for the care and whether the placement honoured it.
    fn preferences(&self, rng: &mut Rng, req: &mut Req, at: At, ooa: Option<OoaReason>) {
        let chosen = matches!(ooa, Some(OoaReason::PersonalChoice | OoaReason::Family));
        if chance(rng, if chosen { 0.7 } else { 0.15 }) {
            req.preferred.push(at);
        }
    }
}

/// Services where a long wait is bridged by an interim placement.
pub(crate) fn long_term(s: S) -> bool {
    matches!(s, S::ResidentialHome | S::NursingHome | S::SupportedLiving)
}

fn request(rng: &mut Rng, who: &Who, s: S, route: Route, received: Date) -> Req {
    let discharge = route == Route::HospitalDischarge;
    let pathway = discharge.then(|| match s {
        S::IntermediateCare => 2,
        S::ResidentialHome | S::NursingHome => 3,
        S::Homecare if chance(rng, 0.1) => 0,
        _ => 1,
    });
    Req {
        received,
        service: s,
        route,
        pathway,
        medically_fit: discharge.then(|| add_days(received, between(rng, 0, 3))),
        closed: None,
        outcome: None,
        reasons: Vec::new(),
        hours: waits::hours(rng, s),
        needs: who.needs.clone(),
        preferred: Vec::new(),
    }
}

/// Closes a request without a placement; a request that would close after the
/// as-at date is still open then.
fn close_unplaced(rng: &mut Rng, req: &mut Req, t: Date) -> Next {
    let closed = add_days(req.received, between(rng, 2, 60));
    if closed > t {
        return Next::Stop;
    }
    let outcome = pick(
        rng,
        &[
            (RequestOutcome::Declined, 0.35),
            (RequestOutcome::NoLongerNeeded, 0.25),
            (RequestOutcome::Died, 0.12),
            (RequestOutcome::MovedAway, 0.08),
            (RequestOutcome::Other, 0.20),
        ],
    );
    if outcome == RequestOutcome::Declined {
        req.reasons = vec![DelayReason::Declined];
    }
    req.closed = Some(closed);
    req.outcome = Some(outcome);
    Next::Stop
}

fn first_service(rng: &mut Rng, who: &Who) -> S {
    if who.older {
        pick(rng, &cal::FIRST_SERVICE_OLDER)
    } else {
        pick(rng, &cal::FIRST_SERVICE_YOUNGER)
    }
}

fn first_route(rng: &mut Rng, who: &Who, s: S) -> Route {
    let age = who.age_in(who.entry);
    match s {
        S::IntermediateCare => Route::HospitalDischarge,
        S::Respite if who.has_carer && chance(rng, 0.6) => Route::Carer,
        _ if !who.older && age <= 25 && chance(rng, 0.6) => Route::Transition,
        S::Homecare | S::ResidentialHome | S::NursingHome
            if who.older && chance(rng, cal::DISCHARGE_SHARE) =>
        {
            Route::HospitalDischarge
        }
        _ => Route::Community,
    }
}
