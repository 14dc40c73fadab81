//! Uniqueness within each file.
//!
//! IDs are unique within their file; tables without an ID are unique on the key
//! the metrics read them by (see the list in [`check_unique`]). The ID indexes
//! built here are then used by [`refs`](super::refs) to check references.

use std::collections::hash_map::Entry;
use std::hash::Hash;

use continuum_domain::{LaName, LocalityId, LocationId, PersonId, PlacementId, RequestId};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Loaded;
use super::read::Parsed;
use crate::{ErrorKind, IngestError, IngestErrors, Position};

/// The IDs of the bundle, each with its row index and what the reference
/// checks need from the row. The big tables are keyed by value (IDs are stored
/// inline) and carry the person or council inline, so a lookup touches the map
/// only, never the rows: on ten million rows the checks are bound by cache
/// misses, and this saves one or two per lookup.
#[derive(Debug, Default)]
pub(crate) struct Keys<'a> {
    pub authorities: FxHashSet<&'a LaName>,
    pub localities: FxHashSet<(&'a LaName, &'a LocalityId)>,
    /// Each location's council.
    pub locations: FxHashMap<&'a LocationId, (usize, &'a LaName)>,
    /// Each person's council.
    pub people: FxHashMap<PersonId, (usize, LaName)>,
    /// Each request's person.
    pub requests: FxHashMap<RequestId, (usize, PersonId)>,
    /// Each placement's person.
    pub placements: FxHashMap<PlacementId, (usize, PersonId)>,
}

/// Checks every file's uniqueness rule, and returns the ID indexes. People and
/// requests run on a second thread.
pub(crate) fn check_unique<'a>(l: &'a Loaded, errors: &mut IngestErrors) -> Keys<'a> {
    let c = &l.care;
    let (mut keys, people, requests, theirs) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let mut e = IngestErrors::new();
            let people = unique_with(
                &c.people,
                "person_id",
                |x| x.person_id.clone(),
                |x| x.la.clone(),
                show,
                &mut e,
            );
            let requests = unique_with(
                &c.requests,
                "request_id",
                |x| x.request_id.clone(),
                |x| x.person_id.clone(),
                show,
                &mut e,
            );
            (people, requests, e)
        });
        let keys = unique_rest(l, errors);
        let (people, requests, e) = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (keys, people, requests, e)
    });
    absorb(errors, theirs);
    keys.people = people;
    keys.requests = requests;
    keys
}

/// Everything but people and requests.
fn unique_rest<'a>(l: &'a Loaded, errors: &mut IngestErrors) -> Keys<'a> {
    let p = &l.places;
    let authorities = unique(&p.authority, "la", |a| &a.la, show, errors);
    unique(&p.authority, "ons_code", |a| &a.ons_code, show, errors);
    let localities = unique(
        &p.localities,
        "la, locality_id",
        |x| (&x.la, &x.locality_id),
        |(la, id)| format!("{la} / {id}"),
        errors,
    );
    unique_composites(l, errors);
    let c = &l.care;
    let m = &l.market;
    let keys = Keys {
        authorities: authorities.into_keys().collect(),
        localities: localities.into_keys().collect(),
        locations: unique_with(
            &m.locations,
            "location_id",
            |x| &x.location_id,
            |x| &x.local_authority,
            show,
            errors,
        ),
        placements: unique_with(
            &c.placements,
            "placement_id",
            |x| x.placement_id.clone(),
            |x| x.person_id.clone(),
            show,
            errors,
        ),
        ..Keys::default()
    };
    unique_other_ids(l, errors);
    keys
}

/// The ID files nothing refers to: unique, no index kept.
fn unique_other_ids(l: &Loaded, errors: &mut IngestErrors) {
    unique(&l.care.reviews, "review_id", |x| &x.review_id, show, errors);
    unique(
        &l.market.contracts,
        "contract_id",
        |x| &x.contract_id,
        show,
        errors,
    );
    let q = &l.quality;
    unique(&q.visits, "visit_id", |x| &x.visit_id, show, errors);
    unique(&q.concerns, "concern_id", |x| &x.concern_id, show, errors);
    unique(
        &q.sanctions,
        "sanction_id",
        |x| &x.sanction_id,
        show,
        errors,
    );
    unique(
        &l.sustainability.handbacks,
        "handback_id",
        |x| &x.handback_id,
        show,
        errors,
    );
    unique(&l.indicators.gaps, "gap_id", |x| &x.gap_id, show, errors);
}

/// Adds another collector's errors to `into`.
pub(crate) fn absorb(into: &mut IngestErrors, from: IngestErrors) {
    into.truncated |= from.truncated;
    from.errors.into_iter().for_each(|e| into.push(e));
}

/// The files without a single ID column, unique on the key the metrics use.
fn unique_composites(l: &Loaded, errors: &mut IngestErrors) {
    unique(
        &l.places.population,
        "la, locality_id, year, sex, age_band, kind",
        |x| (&x.la, &x.locality_id, x.year, x.sex, x.age_band, x.kind),
        |k| {
            format!(
                "{} / {} / {} / {} / {} / {}",
                k.0,
                opt(k.1),
                k.2,
                k.3,
                k.4,
                k.5
            )
        },
        errors,
    );
    unique(
        &l.places.prevalence,
        "measure, sex, age_band",
        |x| (&x.measure, x.sex, x.age_band),
        |k| format!("{} / {} / {}", k.0, k.1, k.2),
        errors,
    );
    unique_dated(l, errors);
}

/// Returns, assessments, fees and indicators: unique per thing and date.
fn unique_dated(l: &Loaded, errors: &mut IngestErrors) {
    let loc_date = |k: &(&LocationId, _)| format!("{} / {}", k.0, k.1);
    unique(
        &l.market.capacity,
        "location_id, date",
        |x| (&x.location_id, x.date),
        loc_date,
        errors,
    );
    unique(
        &l.sustainability.workforce,
        "location_id, date",
        |x| (&x.location_id, x.date),
        loc_date,
        errors,
    );
    unique(
        &l.quality.assessments,
        "assessment_id, domain, standard",
        |x| (&x.assessment_id, &x.domain, &x.standard),
        |k| format!("{} / {} / {}", k.0, k.1, k.2),
        errors,
    );
    unique(
        &l.sustainability.fees,
        "la, service_type, effective_from",
        |x| (&x.la, x.service_type, x.effective_from),
        |k| format!("{} / {} / {}", k.0, k.1, k.2),
        errors,
    );
    unique(
        &l.indicators.indicators,
        "la, measure, period",
        |x| (&x.la, &x.measure, &x.period),
        |k| format!("{} / {} / {}", k.0, k.1, k.2),
        errors,
    );
}

/// Checks that `key` is unique in a file.
pub(crate) fn unique<'a, T, K: Hash + Eq>(
    p: &'a Parsed<T>,
    column: &str,
    key: impl Fn(&'a T) -> K,
    show: impl Fn(&K) -> String,
    errors: &mut IngestErrors,
) -> FxHashMap<K, (usize, ())> {
    unique_with(p, column, key, |_| (), show, errors)
}

/// Checks that `key` is unique in a file; returns each key's row index and
/// `value` of its first row.
pub(crate) fn unique_with<'a, T, K: Hash + Eq, V>(
    p: &'a Parsed<T>,
    column: &str,
    key: impl Fn(&'a T) -> K,
    value: impl Fn(&'a T) -> V,
    show: impl Fn(&K) -> String,
    errors: &mut IngestErrors,
) -> FxHashMap<K, (usize, V)> {
    let mut seen: FxHashMap<K, (usize, V)> =
        FxHashMap::with_capacity_and_hasher(p.rows.len(), Default::default());
    for (i, row) in p.rows.iter().enumerate() {
        match seen.entry(key(row)) {
            Entry::Occupied(_) if errors.truncated => {}
            Entry::Occupied(first) => errors.push(IngestError {
                kind: ErrorKind::DuplicateId,
                file: p.path.clone(),
                at: Position::Line(p.line(i)),
                column: Some(column.to_string()),
                value: Some(show(first.key())),
                message: format!(
                    "expected each {column} once in the file; it is already on line {}",
                    p.line(first.get().0)
                ),
            }),
            Entry::Vacant(v) => {
                v.insert((i, value(row)));
            }
        }
    }
    seen
}

fn show<K: std::fmt::Display>(k: &K) -> String {
    k.to_string()
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
