//! Writing journeys out as rows: IDs are given in the order rows are written, and
//! only what falls within the bundle's history is kept.

use continuum_domain::{Date, PersonId, Placement, PlacementId, Request, RequestId};

use super::journey::{Ep, Plc, Req};
use super::person::person_row;
use super::{At, CareOut, Who, World};
use crate::SynthError;
use crate::council::Council;
use crate::ids::Seq;

/// Turns simulated journeys into rows.
#[derive(Debug)]
pub(crate) struct Emitter<'a> {
    pub out: CareOut,
    c: &'a Council,
    world: World<'a>,
    history: Date,
    t: Date,
    people: Seq,
    requests: Seq,
    placements: Seq,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(c: &'a Council, world: World<'a>) -> Self {
        Self {
            out: CareOut::default(),
            c,
            world,
            history: c.history_start(),
            t: c.as_at,
            people: c.seq("PE"),
            requests: c.seq("RQ"),
            placements: c.seq("PL"),
        }
    }

    fn keep_request(&self, r: &Req) -> bool {
        r.received >= self.history && r.received <= self.t
    }

    fn keep_placement(&self, p: &Plc) -> bool {
        p.start <= self.t && p.end.is_none_or(|e| e >= self.history)
    }

    /// Writes a person and their journey, if any of it falls in the history.
    /// Returns whether the person was written.
    pub(crate) fn person(&mut self, who: &Who, eps: &[Ep]) -> Result<bool, SynthError> {
        let relevant = eps.iter().any(|e| {
            e.req.as_ref().is_some_and(|r| self.keep_request(r))
                || e.placements.iter().any(|p| self.keep_placement(p))
        });
        if !relevant {
            return Ok(false);
        }
        let person_id = self.next_person_id()?;
        self.out
            .people
            .push(person_row(&self.c.la, self.c, who, person_id.clone()));
        for ep in eps {
            let request_id = match &ep.req {
                Some(r) if self.keep_request(r) => Some(self.request(&person_id, r)?),
                _ => None,
            };
            for p in &ep.placements {
                // An interim arrangement means nothing without its request.
                let orphan = p.interim && request_id.is_none();
                if self.keep_placement(p) && !orphan {
                    let rid = if p.linked { request_id.clone() } else { None };
                    self.placement(&person_id, rid, p)?;
                }
            }
        }
        Ok(true)
    }

    /// The rows, and the placement ID sequence to continue.
    pub(crate) fn finish(self) -> (CareOut, Seq) {
        (self.out, self.placements)
    }

    /// A carer's own request (an assessment or a request for a break), closed
    /// without a placement unless still open at the as-at date.
    pub(crate) fn carer_request(
        &mut self,
        person_id: &PersonId,
        received: Date,
        closed: Option<Date>,
        outcome: continuum_domain::RequestOutcome,
    ) -> Result<(), SynthError> {
        self.out.requests.push(Request {
            request_id: self.requests.next()?,
            person_id: person_id.clone(),
            service_type: continuum_domain::ServiceType::Respite,
            needs: Vec::new(),
            hours_per_week: None,
            route: continuum_domain::Route::Carer,
            discharge_pathway: None,
            received_on: received,
            medically_fit_on: None,
            closed_on: closed,
            outcome: closed.map(|_| outcome),
            delay_reasons: Vec::new(),
            preferred_locations: Vec::new(),
        });
        Ok(())
    }

    /// The next person ID.
    pub(crate) fn next_person_id(&mut self) -> Result<PersonId, SynthError> {
        self.people.next()
    }

    /// The next placement ID.
    pub(crate) fn next_placement_id(&mut self) -> Result<PlacementId, SynthError> {
        self.placements.next()
    }

    /// The location ID of a place in the world.
    pub(crate) fn location_id(&self, at: At) -> Option<continuum_domain::LocationId> {
        let area = self.world.areas.get(usize::from(at.area))?;
        Some(area.locations.get(at.loc as usize)?.location_id.clone())
    }

    fn request(&mut self, person_id: &PersonId, r: &Req) -> Result<RequestId, SynthError> {
        let id: RequestId = self.requests.next()?;
        let preferred = r
            .preferred
            .iter()
            .filter_map(|at| self.location_id(*at))
            .collect();
        self.out.requests.push(Request {
            request_id: id.clone(),
            person_id: person_id.clone(),
            service_type: r.service,
            needs: r.needs.clone(),
            hours_per_week: r.hours,
            route: r.route,
            discharge_pathway: r.pathway,
            received_on: r.received,
            medically_fit_on: r.medically_fit,
            closed_on: r.closed,
            outcome: r.outcome,
            delay_reasons: r.reasons.clone(),
            preferred_locations: preferred,
        });
        Ok(id)
    }

    /// Writes one placement row.
    pub(crate) fn placement(
        &mut self,
        person_id: &PersonId,
        request_id: Option<RequestId>,
        p: &Plc,
    ) -> Result<(), SynthError> {
        let Some(location_id) = self.location_id(p.at) else {
            return Ok(());
        };
        let placement_id = self.next_placement_id()?;
        self.out.placements.push(Placement {
            placement_id,
            person_id: person_id.clone(),
            request_id,
            location_id,
            service_type: p.service,
            start_date: p.start,
            end_date: p.end,
            end_reason: p.end_reason,
            weekly_cost: p.weekly_cost,
            hours_per_week: p.hours,
            delivery: p.delivery,
            interim: p.interim,
            ooa_reason: p.ooa,
        });
        self.out.placed_at.push(p.at);
        Ok(())
    }
}
