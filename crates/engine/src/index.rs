//! Indexes built once over a [`Dataset`], so that one council or all 153 are
//! computed in one pass over the rows.

use std::collections::HashMap;

use continuum_domain::*;

/// Lookups shared by every council.
#[derive(Debug)]
pub struct Index<'a> {
    pub ds: &'a Dataset,
    pub locations: HashMap<&'a str, &'a Location>,
    pub capacity: HashMap<&'a str, Vec<&'a CapacityReturn>>,
    pub workforce: HashMap<&'a str, Vec<&'a WorkforceReturn>>,
    /// Sanctions of every council, by location: a host council's sanction
    /// matters to every council with people placed there.
    pub sanctions_by_location: HashMap<&'a str, Vec<&'a Sanction>>,
    pub councils: HashMap<&'a str, Council<'a>>,
}

/// One council's rows.
#[derive(Debug, Default)]
pub struct Council<'a> {
    pub authority: Option<&'a Authority>,
    pub localities: Vec<&'a Locality>,
    pub population: Vec<&'a PopulationRow>,
    pub in_area: Vec<&'a Location>,
    pub contracts: Vec<&'a Contract>,
    pub people: Vec<&'a Person>,
    pub requests: Vec<&'a Request>,
    pub placements: Vec<&'a Placement>,
    pub reviews: Vec<&'a Review>,
    pub assessments: Vec<&'a QualityAssessment>,
    pub visits: Vec<&'a Visit>,
    pub concerns: Vec<&'a Concern>,
    pub sanctions: Vec<&'a Sanction>,
    pub handbacks: Vec<&'a Handback>,
    pub fees: Vec<&'a FeeRate>,
    pub indicators: Vec<&'a Indicator>,
    pub gaps: Vec<&'a Gap>,
    /// The non-interim placements of each request, earliest start first.
    pub linked: HashMap<&'a str, Vec<&'a Placement>>,
    /// Interim placements by request, and by person when they name no request.
    pub interim_by_request: HashMap<&'a str, Vec<&'a Placement>>,
    pub interim_by_person: HashMap<&'a str, Vec<&'a Placement>>,
    /// Every placement of each person, earliest start first.
    pub by_person: HashMap<&'a str, Vec<&'a Placement>>,
    /// Review dates of each placement.
    pub reviews_of: HashMap<&'a str, Vec<Date>>,
}

impl<'a> Council<'a> {
    /// The linked placement of a request: the earliest placement with its
    /// `request_id` and `interim = N`.
    pub fn linked_placement(&self, r: &Request) -> Option<&'a Placement> {
        self.linked
            .get(r.request_id.as_str())
            .and_then(|v| v.first().copied())
    }

    /// The council's neighbours.
    pub fn neighbours(&self) -> &'a [LaName] {
        self.authority.map_or(&[], |a| a.neighbours.as_slice())
    }
}

impl<'a> Index<'a> {
    /// Indexes a dataset.
    pub fn new(ds: &'a Dataset) -> Self {
        let mut ix = Index {
            ds,
            locations: ds
                .locations
                .iter()
                .map(|l| (l.location_id.as_str(), l))
                .collect(),
            capacity: HashMap::new(),
            workforce: HashMap::new(),
            sanctions_by_location: HashMap::new(),
            councils: HashMap::new(),
        };
        for c in &ds.capacity {
            ix.capacity
                .entry(c.location_id.as_str())
                .or_default()
                .push(c);
        }
        for w in &ds.workforce {
            ix.workforce
                .entry(w.location_id.as_str())
                .or_default()
                .push(w);
        }
        for s in &ds.sanctions {
            ix.sanctions_by_location
                .entry(s.location_id.as_str())
                .or_default()
                .push(s);
        }
        ix.group_councils();
        ix
    }

    fn council(&mut self, la: &'a LaName) -> &mut Council<'a> {
        self.councils.entry(la.as_str()).or_default()
    }

    fn group_councils(&mut self) {
        let ds = self.ds;
        for a in &ds.authorities {
            self.council(&a.la).authority = Some(a);
        }
        macro_rules! group {
            ($rows:ident, $field:ident) => {
                for r in &ds.$rows {
                    self.council(&r.la).$field.push(r);
                }
            };
        }
        group!(localities, localities);
        group!(population, population);
        group!(contracts, contracts);
        group!(people, people);
        group!(quality_assessments, assessments);
        group!(visits, visits);
        group!(concerns, concerns);
        group!(sanctions, sanctions);
        group!(handbacks, handbacks);
        group!(fees, fees);
        group!(indicators, indicators);
        group!(gaps, gaps);
        for l in &ds.locations {
            self.council(&l.local_authority).in_area.push(l);
        }
        let person_la: HashMap<&str, &LaName> = ds
            .people
            .iter()
            .map(|p| (p.person_id.as_str(), &p.la))
            .collect();
        for r in &ds.requests {
            if let Some(la) = person_la.get(r.person_id.as_str()) {
                self.council(la).requests.push(r);
            }
        }
        for p in &ds.placements {
            if let Some(la) = person_la.get(p.person_id.as_str()) {
                self.council(la).placements.push(p);
            }
        }
        for r in &ds.reviews {
            if let Some(la) = person_la.get(r.person_id.as_str()) {
                self.council(la).reviews.push(r);
            }
        }
        for c in self.councils.values_mut() {
            c.link();
        }
    }
}

impl<'a> Council<'a> {
    fn link(&mut self) {
        for &p in &self.placements {
            self.by_person
                .entry(p.person_id.as_str())
                .or_default()
                .push(p);
            match (&p.request_id, p.interim) {
                (Some(r), false) => self.linked.entry(r.as_str()).or_default().push(p),
                (Some(r), true) => self
                    .interim_by_request
                    .entry(r.as_str())
                    .or_default()
                    .push(p),
                (None, true) => self
                    .interim_by_person
                    .entry(p.person_id.as_str())
                    .or_default()
                    .push(p),
                (None, false) => {}
            }
        }
        let order = |v: &mut Vec<&Placement>| {
            v.sort_by(|a, b| (a.start_date, &a.placement_id).cmp(&(b.start_date, &b.placement_id)))
        };
        self.linked.values_mut().for_each(order);
        self.by_person.values_mut().for_each(order);
        for &r in &self.reviews {
            if let Some(pl) = &r.placement_id {
                self.reviews_of.entry(pl.as_str()).or_default().push(r.date);
            }
        }
    }
}
