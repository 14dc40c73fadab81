//! References between files.
//!
//! Every `la` must be a council of `authority.csv` or one the database already
//! knows; every location a row names must be in `locations.csv` or already in
//! the register; people, requests, placements and localities must be in their
//! files. `authority.neighbours` and `locations.local_authority` may name
//! councils outside the bundle. A placement at a location in another council
//! than the person's must say why (`ooa_reason`), and a placement's request and
//! a review's placement must be the same person's.

use continuum_domain::{LaName, LocalityId, LocationId, PersonId};

use super::check::{Keys, absorb};
use super::read::Parsed;
use super::{BundleContext, Loaded};
use crate::{ErrorKind, IngestError, IngestErrors, Position};

const AUTHORITY: &str = "authority.csv";
const LOCATIONS: &str = "locations.csv or the register already imported";
const LOCALITIES: &str = "localities.csv, for that council";

/// Checks the references of every file; placements (the biggest check) on a
/// second thread.
pub(crate) fn check_refs(
    l: &Loaded,
    ctx: &BundleContext,
    keys: &Keys<'_>,
    errors: &mut IngestErrors,
) {
    let theirs = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let mut e = IngestErrors::new();
            Refs {
                l,
                ctx,
                keys,
                errors: &mut e,
            }
            .placements();
            e
        });
        Refs {
            l,
            ctx,
            keys,
            errors,
        }
        .all_but_placements();
        other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    absorb(errors, theirs);
}

struct Refs<'a, 'k> {
    l: &'a Loaded,
    ctx: &'a BundleContext,
    keys: &'a Keys<'k>,
    errors: &'a mut IngestErrors,
}

impl<'a> Refs<'a, '_> {
    fn all_but_placements(&mut self) {
        let l = self.l;
        self.places();
        self.market();
        self.people();
        self.requests();
        self.reviews();
        self.located(&l.quality.assessments, |x| (Some(&x.la), &x.location_id));
        self.located(&l.quality.visits, |x| (Some(&x.la), &x.location_id));
        self.located(&l.quality.concerns, |x| (Some(&x.la), &x.location_id));
        self.located(&l.quality.sanctions, |x| (Some(&x.la), &x.location_id));
        self.located(&l.sustainability.handbacks, |x| {
            (Some(&x.la), &x.location_id)
        });
        self.located(&l.sustainability.workforce, |x| (None, &x.location_id));
        self.located(&l.market.capacity, |x| (None, &x.location_id));
        self.located(&l.market.contracts, |x| (Some(&x.la), &x.location_id));
        self.las(&l.sustainability.fees, |x| &x.la);
        self.las(&l.indicators.indicators, |x| &x.la);
        for (i, g) in l.indicators.gaps.rows.iter().enumerate() {
            self.la(&l.indicators.gaps, i, &g.la);
            self.locality(&l.indicators.gaps, i, &g.la, g.locality_id.as_ref());
        }
    }

    fn places(&mut self) {
        let p = &self.l.places;
        self.las(&p.localities, |x| &x.la);
        for (i, x) in p.population.rows.iter().enumerate() {
            self.la(&p.population, i, &x.la);
            self.locality(&p.population, i, &x.la, x.locality_id.as_ref());
        }
    }

    fn market(&mut self) {
        let m = &self.l.market;
        for (i, x) in m.locations.rows.iter().enumerate() {
            self.locality(&m.locations, i, &x.local_authority, x.locality_id.as_ref());
        }
    }

    fn people(&mut self) {
        let p = &self.l.care.people;
        for (i, x) in p.rows.iter().enumerate() {
            self.la(p, i, &x.la);
            self.locality(p, i, &x.la, x.locality_id.as_ref());
            for carer_of in &x.cares_for {
                self.person(p, i, "cares_for", carer_of);
            }
        }
    }

    fn requests(&mut self) {
        let p = &self.l.care.requests;
        for (i, x) in p.rows.iter().enumerate() {
            self.person(p, i, "person_id", &x.person_id);
            for loc in &x.preferred_locations {
                self.location(p, i, "preferred_locations", loc);
            }
        }
    }

    fn placements(&mut self) {
        let p = &self.l.care.placements;
        for (i, x) in p.rows.iter().enumerate() {
            let person_la = self.person(p, i, "person_id", &x.person_id);
            let place_la = self.location(p, i, "location_id", &x.location_id);
            if let Some(id) = &x.request_id {
                match self.keys.requests.get(id) {
                    Some((_, theirs)) => {
                        self.same_person(p, i, "request_id", id, theirs, &x.person_id);
                    }
                    None => self.dangling(p, i, "request_id", id, "requests.csv"),
                }
            }
            if let (Some(person_la), Some(place_la)) = (person_la, place_la)
                && person_la != place_la
                && x.ooa_reason.is_none()
                && !self.errors.truncated
            {
                let msg = format!(
                    "expected an ooa_reason: location {} is in {place_la}, but person {} \
                     belongs to {person_la}",
                    x.location_id, x.person_id
                );
                self.errors
                    .push(error(p, i, ErrorKind::BadValue, "ooa_reason", "", msg));
            }
        }
    }

    fn reviews(&mut self) {
        let p = &self.l.care.reviews;
        for (i, x) in p.rows.iter().enumerate() {
            self.person(p, i, "person_id", &x.person_id);
            if let Some(id) = &x.placement_id {
                match self.keys.placements.get(id) {
                    Some((_, theirs)) => {
                        self.same_person(p, i, "placement_id", id, theirs, &x.person_id);
                    }
                    None => self.dangling(p, i, "placement_id", id, "placements.csv"),
                }
            }
        }
    }

    /// Rows that name a location and, for most, a council.
    fn located<T>(&mut self, p: &Parsed<T>, get: impl Fn(&T) -> (Option<&LaName>, &LocationId)) {
        for (i, x) in p.rows.iter().enumerate() {
            let (la, loc) = get(x);
            if let Some(la) = la {
                self.la(p, i, la);
            }
            self.location(p, i, "location_id", loc);
        }
    }

    fn las<T>(&mut self, p: &Parsed<T>, get: impl Fn(&T) -> &LaName) {
        for (i, x) in p.rows.iter().enumerate() {
            self.la(p, i, get(x));
        }
    }

    fn la<T>(&mut self, p: &Parsed<T>, i: usize, la: &LaName) {
        if !self.keys.authorities.contains(la) && !self.ctx.known_authorities.contains(la) {
            self.dangling(p, i, "la", la, AUTHORITY);
        }
    }

    fn locality<T>(&mut self, p: &Parsed<T>, i: usize, la: &LaName, id: Option<&LocalityId>) {
        let Some(id) = id else { return };
        if !self.keys.localities.contains(&(la, id))
            && !self
                .ctx
                .known_localities
                .contains(&(la.clone(), id.clone()))
        {
            self.dangling(p, i, "locality_id", id, LOCALITIES);
        }
    }

    /// The person's council, if the person exists.
    fn person<T>(
        &mut self,
        p: &Parsed<T>,
        i: usize,
        col: &str,
        id: &PersonId,
    ) -> Option<&'a LaName> {
        let found = self.keys.people.get(id).map(|(_, la)| la);
        if found.is_none() {
            self.dangling(p, i, col, id, "people.csv");
        }
        found
    }

    /// The council the location is in, if the location exists.
    fn location<T>(
        &mut self,
        p: &Parsed<T>,
        i: usize,
        col: &str,
        id: &LocationId,
    ) -> Option<&'a LaName> {
        let found = match self.keys.locations.get(id) {
            Some((_, la)) => Some(*la),
            None => self.ctx.known_locations.get(id),
        };
        if found.is_none() {
            self.dangling(p, i, col, id, LOCATIONS);
        }
        found
    }

    fn same_person<T>(
        &mut self,
        p: &Parsed<T>,
        i: usize,
        col: &str,
        id: &impl std::fmt::Display,
        theirs: &PersonId,
        ours: &PersonId,
    ) {
        if theirs != ours && !self.errors.truncated {
            let msg = format!("expected a {col} of person {ours}; {id} is person {theirs}'s");
            self.errors
                .push(error(p, i, ErrorKind::BadValue, col, &id.to_string(), msg));
        }
    }

    fn dangling<T>(
        &mut self,
        p: &Parsed<T>,
        i: usize,
        col: &str,
        id: &impl std::fmt::Display,
        target: &str,
    ) {
        if self.errors.truncated {
            return;
        }
        let id = id.to_string();
        let msg = format!("expected a {col} that is in {target}; '{id}' is not there");
        self.errors
            .push(error(p, i, ErrorKind::DanglingReference, col, &id, msg));
    }
}

fn error<T>(
    p: &Parsed<T>,
    i: usize,
    kind: ErrorKind,
    col: &str,
    value: &str,
    message: String,
) -> IngestError {
    IngestError {
        kind,
        file: p.path.clone(),
        at: Position::Line(p.line(i)),
        column: Some(col.to_string()),
        value: Some(value.to_string()),
        message,
    }
}
