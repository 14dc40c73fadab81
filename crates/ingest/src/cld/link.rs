//! People, the links between events, and event IDs: the parts of the CLD
//! rules that look across rows.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;

use continuum_domain::{Date, LaName, LocationId, ParseError, Person, PersonId, Placement};

use super::no_location_id;
use super::rows::{Details, Event, Kind};
use super::{CldImport, LINK_WINDOW_DAYS};
use crate::IngestError;

/// The people, in order of first appearance; later rows fill what earlier
/// rows left blank. Linked adults are kept only when they are in the file.
pub(crate) fn people(events: &[Event], la: &LaName) -> Vec<Person> {
    let mut order: Vec<&PersonId> = Vec::new();
    let mut merged: HashMap<&PersonId, Details> = HashMap::new();
    for ev in events {
        match merged.get_mut(&ev.person) {
            Some(d) => fill(d, &ev.details),
            None => {
                order.push(&ev.person);
                merged.insert(&ev.person, ev.details.clone());
            }
        }
    }
    let known: HashSet<&PersonId> = order.iter().copied().collect();
    order
        .into_iter()
        .filter_map(|id| merged.remove(id).map(|d| (id, d)))
        .map(|(id, d)| Person {
            person_id: id.clone(),
            la: la.clone(),
            birth_year: d.birth_year,
            sex: d.sex,
            ethnicity: d.ethnicity,
            locality_id: None,
            client_type: d.client_type,
            primary_support_reason: d.psr,
            has_unpaid_carer: d.has_carer,
            cares_for: d.linked.into_iter().filter(|p| known.contains(p)).collect(),
        })
        .collect()
}

fn fill(d: &mut Details, more: &Details) {
    d.birth_year = d.birth_year.or(more.birth_year);
    if d.sex == continuum_domain::Gender::Unknown {
        d.sex = more.sex;
    }
    d.ethnicity = d.ethnicity.take().or_else(|| more.ethnicity.clone());
    d.psr = d.psr.or(more.psr);
    d.has_carer = d.has_carer.or(more.has_carer);
    d.death = d.death.or(more.death);
    for p in &more.linked {
        if !d.linked.contains(p) {
            d.linked.push(p.clone());
        }
    }
    for s in &more.needs {
        if !d.needs.contains(s) {
            d.needs.push(*s);
        }
    }
    d.needs.sort();
}

pub(crate) fn people_deaths(events: &[Event]) -> HashMap<&PersonId, Date> {
    let mut deaths = HashMap::new();
    for ev in events {
        if let Some(d) = ev.details.death {
            deaths.entry(&ev.person).or_insert(d);
        }
    }
    deaths
}

/// DHSC's derived end date: a death before the recorded end (or with no end)
/// ends the event on the date of death. Returns the end and whether the death
/// ended it. A death before the event started is left alone.
pub(crate) fn derived_end(
    start: Date,
    end: Option<Date>,
    death: Option<Date>,
) -> (Option<Date>, bool) {
    match death {
        Some(d) if d >= start && end.is_none_or(|e| d < e) => (Some(d), true),
        _ => (end, false),
    }
}

/// Each request (by row) linked to a service (by row): the person's first
/// service starting on or after the request, within [`LINK_WINDOW_DAYS`],
/// that no earlier request has taken. Requests go in order of start date.
pub(crate) fn link(events: &[Event]) -> HashMap<usize, usize> {
    let mut by_person: HashMap<&PersonId, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, ev) in events.iter().enumerate() {
        let e = by_person.entry(&ev.person).or_default();
        match ev.kind {
            Kind::Request(_) => e.0.push(i),
            Kind::Service(_) => e.1.push(i),
            _ => {}
        }
    }
    let mut links = HashMap::new();
    for (mut requests, mut services) in by_person.into_values() {
        requests.sort_by_key(|&i| (events[i].start, i));
        services.sort_by_key(|&i| (events[i].start, i));
        let mut taken = vec![false; services.len()];
        for r in requests {
            let start = events[r].start;
            let found = services.iter().enumerate().find(|&(k, &s)| {
                let days = (events[s].start - start).num_days();
                !taken[k] && (0..=LINK_WINDOW_DAYS).contains(&days)
            });
            if let Some((k, &s)) = found {
                taken[k] = true;
                links.insert(r, s);
            }
        }
    }
    links
}

/// The IDs of the events: the Event Reference where given (a reference used
/// twice by one kind of event gets `#2`, `#3`…), else the person ID and the
/// line, such as `P123:S14`.
pub(crate) struct Ids(Vec<String>);

impl Ids {
    pub(crate) fn new(events: &[Event]) -> Self {
        let mut seen: HashMap<(char, &str), usize> = HashMap::new();
        let ids = events
            .iter()
            .map(|ev| {
                let letter = match ev.kind {
                    Kind::Request(_) => 'R',
                    Kind::Assessment => 'A',
                    Kind::Service(_) => 'S',
                    Kind::Review(_) => 'V',
                };
                match &ev.reference {
                    Some(r) => {
                        let n = seen.entry((letter, r)).or_insert(0);
                        *n += 1;
                        if *n == 1 {
                            r.clone()
                        } else {
                            format!("{r}#{n}")
                        }
                    }
                    None => format!("{}:{letter}{}", ev.person, ev.line),
                }
            })
            .collect();
        Self(ids)
    }

    pub(crate) fn of(&self, i: usize) -> String {
        self.0.get(i).cloned().unwrap_or_default()
    }
}

/// An event's ID, made into a typed ID with an error that says where.
pub(crate) struct Id<'a> {
    pub(crate) path: &'a Path,
    pub(crate) ev: &'a Event,
    pub(crate) text: String,
}

impl Id<'_> {
    pub(crate) fn parse<T: FromStr<Err = ParseError>>(&self) -> Result<T, IngestError> {
        self.text.parse().map_err(|e: ParseError| {
            IngestError::bad_value(
                self.path,
                self.ev.line,
                "Event Reference",
                &self.text,
                e.expected,
            )
        })
    }

    /// The council's stub for services with no CQC location ID.
    pub(crate) fn no_location(&self, la: &LaName) -> Result<LocationId, IngestError> {
        Id {
            text: no_location_id(la),
            ..*self
        }
        .parse()
    }
}

/// A review names the person's placement active on the review date (the
/// latest started, if several).
pub(crate) fn link_reviews(out: &mut CldImport) {
    let mut by_person: HashMap<&PersonId, Vec<&Placement>> = HashMap::new();
    for p in &out.placements {
        by_person.entry(&p.person_id).or_default().push(p);
    }
    for r in &mut out.reviews {
        let active = by_person.get(&r.person_id).and_then(|ps| {
            ps.iter()
                .filter(|p| p.start_date <= r.date && p.end_date.is_none_or(|e| e >= r.date))
                .max_by_key(|p| p.start_date)
        });
        r.placement_id = active.map(|p| p.placement_id.clone());
    }
    out.counts.linked_reviews = out
        .reviews
        .iter()
        .filter(|r| r.placement_id.is_some())
        .count();
}
