//! An internal-consistency checker for a generated bundle: IDs are unique and
//! every reference resolves (here); dates are ordered and rows make sense
//! ([`super::rows`]).

use std::collections::{BTreeMap, BTreeSet};

use continuum_domain::Dataset;

/// Every problem found (the first 50); empty when the bundle is consistent.
pub fn problems(ds: &Dataset) -> Vec<String> {
    let mut p = Vec::new();
    ids_unique(ds, &mut p);
    Refs::new(ds).check(ds, &mut p);
    super::rows::check(ds, &mut p);
    p.truncate(50);
    p
}

fn unique<'a>(file: &str, ids: impl Iterator<Item = &'a str>, p: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            p.push(format!("{file}: duplicate ID {id}"));
        }
    }
}

fn ids_unique(ds: &Dataset, p: &mut Vec<String>) {
    unique("authority", ds.authorities.iter().map(|a| a.la.as_str()), p);
    unique(
        "authority ons",
        ds.authorities.iter().map(|a| a.ons_code.as_str()),
        p,
    );
    unique(
        "localities",
        ds.localities.iter().map(|l| l.locality_id.as_str()),
        p,
    );
    unique(
        "locations",
        ds.locations.iter().map(|l| l.location_id.as_str()),
        p,
    );
    unique(
        "contracts",
        ds.contracts.iter().map(|c| c.contract_id.as_str()),
        p,
    );
    unique("people", ds.people.iter().map(|x| x.person_id.as_str()), p);
    unique(
        "requests",
        ds.requests.iter().map(|x| x.request_id.as_str()),
        p,
    );
    unique(
        "placements",
        ds.placements.iter().map(|x| x.placement_id.as_str()),
        p,
    );
    unique(
        "reviews",
        ds.reviews.iter().map(|x| x.review_id.as_str()),
        p,
    );
    unique("visits", ds.visits.iter().map(|x| x.visit_id.as_str()), p);
    unique(
        "concerns",
        ds.concerns.iter().map(|x| x.concern_id.as_str()),
        p,
    );
    unique(
        "sanctions",
        ds.sanctions.iter().map(|x| x.sanction_id.as_str()),
        p,
    );
    unique(
        "handbacks",
        ds.handbacks.iter().map(|x| x.handback_id.as_str()),
        p,
    );
    unique("gaps", ds.gaps.iter().map(|x| x.gap_id.as_str()), p);
    standards_unique(ds, p);
}

/// Each assessment scores each standard once.
fn standards_unique(ds: &Dataset, p: &mut Vec<String>) {
    let standards = ds
        .quality_assessments
        .iter()
        .map(|q| (q.assessment_id.as_str(), q.standard.as_str()));
    let mut seen = BTreeSet::new();
    for (id, standard) in standards {
        if !seen.insert((id, standard)) {
            p.push(format!("quality_assessments: {id} scores {standard} twice"));
        }
    }
}

/// The IDs rows may refer to.
struct Refs<'a> {
    las: BTreeSet<&'a str>,
    locations: BTreeSet<&'a str>,
    localities: BTreeSet<(&'a str, &'a str)>,
    people: BTreeSet<&'a str>,
    requests: BTreeSet<&'a str>,
    placements: BTreeMap<&'a str, &'a str>,
}

impl<'a> Refs<'a> {
    fn new(ds: &'a Dataset) -> Self {
        Self {
            las: ds.authorities.iter().map(|a| a.la.as_str()).collect(),
            locations: ds
                .locations
                .iter()
                .map(|l| l.location_id.as_str())
                .collect(),
            localities: ds
                .localities
                .iter()
                .map(|l| (l.la.as_str(), l.locality_id.as_str()))
                .collect(),
            people: ds.people.iter().map(|x| x.person_id.as_str()).collect(),
            requests: ds.requests.iter().map(|x| x.request_id.as_str()).collect(),
            placements: ds
                .placements
                .iter()
                .map(|x| (x.placement_id.as_str(), x.person_id.as_str()))
                .collect(),
        }
    }

    fn check(&self, ds: &Dataset, p: &mut Vec<String>) {
        self.places(ds, p);
        self.market(ds, p);
        self.care(ds, p);
        self.quality(ds, p);
    }

    fn need(p: &mut Vec<String>, file: &str, what: &str, id: &str, ok: bool) {
        if !ok {
            p.push(format!("{file}: unknown {what} {id}"));
        }
    }

    fn la(&self, p: &mut Vec<String>, file: &str, la: &str) {
        Self::need(p, file, "la", la, self.las.contains(la));
    }

    fn locality(
        &self,
        p: &mut Vec<String>,
        file: &str,
        la: &str,
        id: Option<&continuum_domain::LocalityId>,
    ) {
        if let Some(id) = id {
            Self::need(
                p,
                file,
                "locality",
                id.as_str(),
                self.localities.contains(&(la, id.as_str())),
            );
        }
    }

    fn location(&self, p: &mut Vec<String>, file: &str, id: &str) {
        Self::need(p, file, "location", id, self.locations.contains(id));
    }

    fn places(&self, ds: &Dataset, p: &mut Vec<String>) {
        ds.localities
            .iter()
            .for_each(|l| self.la(p, "localities", l.la.as_str()));
        for x in &ds.population {
            self.la(p, "population", x.la.as_str());
            self.locality(p, "population", x.la.as_str(), x.locality_id.as_ref());
        }
        for x in &ds.gaps {
            self.la(p, "gaps", x.la.as_str());
            self.locality(p, "gaps", x.la.as_str(), x.locality_id.as_ref());
        }
        ds.fees
            .iter()
            .for_each(|x| self.la(p, "fees", x.la.as_str()));
        ds.indicators
            .iter()
            .for_each(|x| self.la(p, "indicators", x.la.as_str()));
    }

    fn market(&self, ds: &Dataset, p: &mut Vec<String>) {
        for l in &ds.locations {
            self.locality(
                p,
                "locations",
                l.local_authority.as_str(),
                l.locality_id.as_ref(),
            );
        }
        for c in &ds.contracts {
            self.la(p, "contracts", c.la.as_str());
            self.location(p, "contracts", c.location_id.as_str());
        }
        ds.capacity
            .iter()
            .for_each(|c| self.location(p, "capacity", c.location_id.as_str()));
        ds.workforce
            .iter()
            .for_each(|w| self.location(p, "workforce", w.location_id.as_str()));
    }

    fn care(&self, ds: &Dataset, p: &mut Vec<String>) {
        for x in &ds.people {
            self.la(p, "people", x.la.as_str());
            self.locality(p, "people", x.la.as_str(), x.locality_id.as_ref());
            for c in &x.cares_for {
                Self::need(
                    p,
                    "people",
                    "cares_for",
                    c.as_str(),
                    self.people.contains(c.as_str()),
                );
            }
        }
        for r in &ds.requests {
            Self::need(
                p,
                "requests",
                "person",
                r.person_id.as_str(),
                self.people.contains(r.person_id.as_str()),
            );
            r.preferred_locations
                .iter()
                .for_each(|l| self.location(p, "requests", l.as_str()));
        }
        for x in &ds.placements {
            Self::need(
                p,
                "placements",
                "person",
                x.person_id.as_str(),
                self.people.contains(x.person_id.as_str()),
            );
            self.location(p, "placements", x.location_id.as_str());
            if let Some(r) = &x.request_id {
                Self::need(
                    p,
                    "placements",
                    "request",
                    r.as_str(),
                    self.requests.contains(r.as_str()),
                );
            }
        }
        self.reviews(ds, p);
    }

    fn reviews(&self, ds: &Dataset, p: &mut Vec<String>) {
        for r in &ds.reviews {
            Self::need(
                p,
                "reviews",
                "person",
                r.person_id.as_str(),
                self.people.contains(r.person_id.as_str()),
            );
            if let Some(pl) = &r.placement_id {
                let owner = self.placements.get(pl.as_str());
                Self::need(
                    p,
                    "reviews",
                    "placement of this person",
                    pl.as_str(),
                    owner == Some(&r.person_id.as_str()),
                );
            }
        }
    }

    fn quality(&self, ds: &Dataset, p: &mut Vec<String>) {
        let located = ds
            .quality_assessments
            .iter()
            .map(|x| ("quality_assessments", &x.la, &x.location_id))
            .chain(ds.visits.iter().map(|x| ("visits", &x.la, &x.location_id)))
            .chain(
                ds.concerns
                    .iter()
                    .map(|x| ("concerns", &x.la, &x.location_id)),
            )
            .chain(
                ds.sanctions
                    .iter()
                    .map(|x| ("sanctions", &x.la, &x.location_id)),
            )
            .chain(
                ds.handbacks
                    .iter()
                    .map(|x| ("handbacks", &x.la, &x.location_id)),
            );
        for (file, la, location) in located {
            self.la(p, file, la.as_str());
            self.location(p, file, location.as_str());
        }
    }
}
