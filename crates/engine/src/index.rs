//! Indexes built once over a [`Dataset`], so that one council or all 153 are
//! computed in one pass over the rows.

// FxHash: the keys are IDs from the council's own data, hashed millions of
// times per report; SipHash's protection against crafted keys is not needed.
use rustc_hash::FxHashMap as HashMap;

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
    /// ASCOF figures by measure, in the dataset's order: a national file
    /// holds some 25,000 figures, and each figure of a pack wants one
    /// measure's few hundred.
    pub ascof: HashMap<&'a str, Vec<&'a AscofValue>>,
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
    /// Interim placements by request, and by person when they name no request.
    pub interim_by_request: HashMap<&'a str, Vec<&'a Placement>>,
    pub interim_by_person: HashMap<&'a str, Vec<&'a Placement>>,
    /// Each request's linked placement (its earliest non-interim placement,
    /// by start, then placement ID), in the order of `requests`, and each
    /// placement's location (none if the register lacks it), in the order of
    /// `placements`: each year of a pack walks them several times, and these
    /// save a hash lookup by ID at every step.
    linked_of: Vec<Option<&'a Placement>>,
    location_of: Vec<Option<&'a Location>>,
}

impl<'a> Council<'a> {
    /// Every request with its linked placement.
    pub fn requests_linked(
        &self,
    ) -> impl Iterator<Item = (&'a Request, Option<&'a Placement>)> + '_ {
        debug_assert_eq!(self.requests.len(), self.linked_of.len());
        self.requests
            .iter()
            .copied()
            .zip(self.linked_of.iter().copied())
    }

    /// Every placement with its location.
    pub fn placements_at(
        &self,
    ) -> impl Iterator<Item = (&'a Placement, Option<&'a Location>)> + '_ {
        debug_assert_eq!(self.placements.len(), self.location_of.len());
        self.placements
            .iter()
            .copied()
            .zip(self.location_of.iter().copied())
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
            capacity: HashMap::default(),
            workforce: HashMap::default(),
            sanctions_by_location: HashMap::default(),
            ascof: HashMap::default(),
            councils: HashMap::default(),
        };
        for v in &ds.ascof {
            ix.ascof.entry(v.measure.as_str()).or_default().push(v);
        }
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

    /// The ASCOF figures of one measure, in the dataset's order.
    pub fn ascof_of(&self, measure: &str) -> &[&'a AscofValue] {
        self.ascof.get(measure).map_or(&[], Vec::as_slice)
    }

    fn council(&mut self, la: &'a str) -> &mut Council<'a> {
        self.councils.entry(la).or_default()
    }

    /// Adds rows to their councils' lists. Rows mostly come in runs of one
    /// council (a database returns a council's rows together), so a run is
    /// gathered first and its council looked up once, not once per row.
    fn add<T>(
        &mut self,
        rows: impl IntoIterator<Item = (&'a str, &'a T)>,
        list: for<'c> fn(&'c mut Council<'a>) -> &'c mut Vec<&'a T>,
    ) {
        let mut run: Vec<&'a T> = Vec::new();
        let mut run_la: Option<&'a str> = None;
        for (la, r) in rows {
            if run_la != Some(la) {
                if let Some(prev) = run_la {
                    list(self.council(prev)).append(&mut run);
                }
                run_la = Some(la);
            }
            run.push(r);
        }
        if let Some(prev) = run_la {
            list(self.council(prev)).append(&mut run);
        }
    }

    fn group_councils(&mut self) {
        let ds = self.ds;
        for a in &ds.authorities {
            self.council(a.la.as_str()).authority = Some(a);
        }
        macro_rules! group {
            ($rows:ident, $field:ident) => {
                self.add(ds.$rows.iter().map(|r| (r.la.as_str(), r)), |c| {
                    &mut c.$field
                });
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
        self.add(
            ds.locations.iter().map(|l| (l.local_authority.as_str(), l)),
            |c| &mut c.in_area,
        );
        let mut person_la: HashMap<&str, &str> = HashMap::default();
        person_la.reserve(ds.people.len());
        person_la.extend(
            ds.people
                .iter()
                .map(|p| (p.person_id.as_str(), p.la.as_str())),
        );
        let of_person = |id: &PersonId| person_la.get(id.as_str()).copied();
        self.add(
            ds.requests
                .iter()
                .filter_map(|r| of_person(&r.person_id).map(|la| (la, r))),
            |c| &mut c.requests,
        );
        self.add(
            ds.placements
                .iter()
                .filter_map(|p| of_person(&p.person_id).map(|la| (la, p))),
            |c| &mut c.placements,
        );
        self.add(
            ds.reviews
                .iter()
                .filter_map(|r| of_person(&r.person_id).map(|la| (la, r))),
            |c| &mut c.reviews,
        );
        // Councils are independent: sort and link them on all cores.
        let locations = &self.locations;
        let queue = std::sync::Mutex::new(self.councils.values_mut());
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    loop {
                        let next = queue.lock().ok().and_then(|mut q| q.next());
                        let Some(c) = next else { break };
                        c.sort();
                        c.link(locations);
                    }
                });
            }
        });
    }
}

impl<'a> Council<'a> {
    /// Puts every list in key order, so that results (including sums of
    /// decimals, whose last bits depend on the order of addition) do not depend
    /// on the order rows arrived in: a bundle's file order or a database's.
    fn sort(&mut self) {
        self.population.sort_by(|a, b| {
            (a.year, &a.locality_id, a.sex, a.age_band, a.kind).cmp(&(
                b.year,
                &b.locality_id,
                b.sex,
                b.age_band,
                b.kind,
            ))
        });
        self.localities
            .sort_by(|a, b| a.locality_id.cmp(&b.locality_id));
        self.in_area
            .sort_by(|a, b| a.location_id.cmp(&b.location_id));
        self.contracts
            .sort_by(|a, b| a.contract_id.cmp(&b.contract_id));
        self.people.sort_by(|a, b| a.person_id.cmp(&b.person_id));
        self.requests
            .sort_by(|a, b| a.request_id.cmp(&b.request_id));
        self.placements
            .sort_by(|a, b| a.placement_id.cmp(&b.placement_id));
        self.reviews.sort_by(|a, b| a.review_id.cmp(&b.review_id));
        self.assessments.sort_by(|a, b| {
            (&a.assessment_id, &a.domain, &a.standard).cmp(&(
                &b.assessment_id,
                &b.domain,
                &b.standard,
            ))
        });
        self.visits.sort_by(|a, b| a.visit_id.cmp(&b.visit_id));
        self.concerns
            .sort_by(|a, b| a.concern_id.cmp(&b.concern_id));
        self.sanctions
            .sort_by(|a, b| a.sanction_id.cmp(&b.sanction_id));
        self.handbacks
            .sort_by(|a, b| a.handback_id.cmp(&b.handback_id));
        self.fees.sort_by(|a, b| {
            (a.service_type, a.effective_from).cmp(&(b.service_type, b.effective_from))
        });
        self.indicators
            .sort_by(|a, b| (&a.measure, &a.period).cmp(&(&b.measure, &b.period)));
        self.gaps.sort_by(|a, b| a.gap_id.cmp(&b.gap_id));
    }

    fn link(&mut self, locations: &HashMap<&'a str, &'a Location>) {
        let mut linked: HashMap<&str, &Placement> = HashMap::default();
        for &p in &self.placements {
            match (&p.request_id, p.interim) {
                (Some(r), false) => {
                    let first = linked.entry(r.as_str()).or_insert(p);
                    if (p.start_date, &p.placement_id) < (first.start_date, &first.placement_id) {
                        *first = p;
                    }
                }
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
        self.linked_of = self
            .requests
            .iter()
            .map(|r| linked.get(r.request_id.as_str()).copied())
            .collect();
        self.location_of = self
            .placements
            .iter()
            .map(|p| locations.get(p.location_id.as_str()).copied())
            .collect();
    }
}
