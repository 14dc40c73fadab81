//! Folding the rows of the ratings CSV into one update per location.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use continuum_domain::{
    CqcBatch, CqcLocationUpdate, CqcRating, Date, KeyQuestion, LaName, LocationId, ProviderId,
    RatingEvent, parse_bool_yn,
};

use super::{
    CARE_HOME, CATEGORY, COLUMNS, DATE, DOMAIN, GROUP, ID, LA, NAME, POSTCODE, PROVIDER,
    PROVIDER_NAME, RATING, SAME_ON_EVERY_ROW,
};
use crate::cqc::common::{self, bad_value, text};
use crate::cqc::mapping;
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// One adult social care location, gathered from its rows.
struct Acc {
    line: u64,
    name: String,
    care_home: bool,
    postcode: Option<String>,
    la: LaName,
    provider_id: ProviderId,
    provider_name: Option<String>,
    groups: BTreeSet<String>,
    overall: Option<(CqcRating, Option<Date>)>,
    seen: HashMap<(String, KeyQuestion), u64>,
}

/// The typed values of one adult social care row.
struct Parsed {
    id: LocationId,
    care_home: bool,
    la: LaName,
    provider_id: ProviderId,
    group: String,
    key_question: KeyQuestion,
    rating: CqcRating,
    date: Option<Date>,
}

/// The state of a pass over the rows.
pub(super) struct Fold<'a> {
    path: &'a Path,
    pub errors: IngestErrors,
    warnings: Vec<Warning>,
    /// The first line and agreeing values of every location seen.
    first: HashMap<String, (u64, [String; 4])>,
    skipped: HashSet<String>,
    locations: BTreeMap<LocationId, Acc>,
    events: Vec<RatingEvent>,
}

impl<'a> Fold<'a> {
    pub fn new(path: &'a Path) -> Self {
        Self {
            path,
            errors: IngestErrors::new(),
            warnings: Vec::new(),
            first: HashMap::new(),
            skipped: HashSet::new(),
            locations: BTreeMap::new(),
            events: Vec::new(),
        }
    }

    fn bad(&mut self, line: u64, col: usize, value: &str, expected: impl std::fmt::Display) {
        let e = bad_value(
            self.path,
            Position::Line(line),
            COLUMNS[col],
            value,
            expected,
        );
        self.errors.push(e);
    }

    pub fn row(&mut self, line: u64, row: &[&str]) {
        if row[ID].trim().is_empty() {
            return self.bad(line, ID, row[ID], "a CQC location ID such as 1-10041249501");
        }
        if !self.agrees(line, row) {
            return;
        }
        if !mapping::is_adult_social_care_category(row[CATEGORY]) {
            self.skipped.insert(row[ID].trim().to_string());
            return;
        }
        if let Some(p) = self.parse(line, row) {
            self.add(line, row, p);
        }
    }

    /// Checks that this row says the same as the location's first row.
    fn agrees(&mut self, line: u64, row: &[&str]) -> bool {
        let values = SAME_ON_EVERY_ROW.map(|c| row[c].trim().to_string());
        let Some((first_line, first)) = self.first.get(row[ID].trim()).cloned() else {
            self.first
                .insert(row[ID].trim().to_string(), (line, values));
            return true;
        };
        let mut ok = true;
        for (k, &col) in SAME_ON_EVERY_ROW.iter().enumerate() {
            if values[k] != first[k] {
                let expected = format!(
                    "'{}' as on line {first_line}, the first row of location {}",
                    first[k],
                    row[ID].trim()
                );
                self.bad(line, col, row[col], expected);
                ok = false;
            }
        }
        ok
    }

    fn parse(&mut self, line: u64, row: &[&str]) -> Option<Parsed> {
        let id = self.check(line, ID, row, LocationId::parse(row[ID].trim()));
        let care_home = self.check(line, CARE_HOME, row, parse_bool_yn(row[CARE_HOME].trim()));
        let la = self.check(line, LA, row, LaName::parse(row[LA].trim()));
        let provider_id = self.check(line, PROVIDER, row, ProviderId::parse(row[PROVIDER].trim()));
        let key_question = self.check(line, DOMAIN, row, KeyQuestion::parse(row[DOMAIN]));
        let rating = self.check(line, RATING, row, CqcRating::parse(row[RATING]));
        let date = match row[DATE].trim() {
            "" => Some(None),
            s => self.check(line, DATE, row, common::parse_us_date(s).map(Some)),
        };
        let group = text(row[GROUP]);
        if group.is_none() {
            self.bad(
                line,
                GROUP,
                row[GROUP],
                "a service or population group such as Overall or Care Homes",
            );
        }
        Some(Parsed {
            id: id?,
            care_home: care_home?,
            la: la?,
            provider_id: provider_id?,
            group: group?,
            key_question: key_question?,
            rating: rating?,
            date: date?,
        })
    }

    fn check<T, E: std::fmt::Display>(
        &mut self,
        line: u64,
        col: usize,
        row: &[&str],
        r: Result<T, E>,
    ) -> Option<T> {
        r.map_err(|e| self.bad(line, col, row[col], e)).ok()
    }

    fn add(&mut self, line: u64, row: &[&str], p: Parsed) {
        let acc = self.locations.entry(p.id.clone()).or_insert_with(|| Acc {
            line,
            name: row[NAME].trim().to_string(),
            care_home: p.care_home,
            postcode: text(row[POSTCODE]),
            la: p.la.clone(),
            provider_id: p.provider_id.clone(),
            provider_name: text(row[PROVIDER_NAME]),
            groups: BTreeSet::new(),
            overall: None,
            seen: HashMap::new(),
        });
        let key = (p.group.to_ascii_lowercase(), p.key_question);
        if let Some(earlier) = acc.seen.insert(key, line) {
            let e = duplicate(self.path, line, &p, earlier);
            self.errors.push(e);
            return;
        }
        let overall = is_overall_group(&p.group) && p.key_question == KeyQuestion::Overall;
        if overall {
            acc.overall = Some((p.rating, p.date));
        }
        acc.groups.insert(p.group.clone());
        self.history(line, p, overall);
    }

    /// Keeps a dated rating as an event, and warns about an undated overall
    /// rating (it cannot be placed in the history).
    fn history(&mut self, line: u64, p: Parsed, overall: bool) {
        match p.date {
            Some(published_on) if p.rating != CqcRating::NotRated => {
                self.events.push(RatingEvent {
                    location_id: p.id,
                    service_group: p.group,
                    key_question: p.key_question,
                    rating: p.rating,
                    published_on,
                });
            }
            None if overall && p.rating.to_rating() != continuum_domain::Rating::NotRated => {
                self.warnings.push(Warning {
                    file: self.path.to_path_buf(),
                    at: Position::Line(line),
                    message: format!(
                        "location {} is rated {} with no publication date: the rating is kept \
                         undated and left out of the history",
                        p.id,
                        p.rating.label()
                    ),
                });
            }
            _ => {}
        }
    }

    pub fn finish(mut self) -> Result<(CqcBatch, Vec<Warning>), IngestErrors> {
        let errors = std::mem::take(&mut self.errors);
        let mut locations = Vec::with_capacity(self.locations.len());
        for (id, acc) in std::mem::take(&mut self.locations) {
            locations.push(self.update(id, acc));
        }
        let batch = CqcBatch {
            providers: common::providers_of(&locations),
            locations,
            rating_events: self.events,
            quality_statements: Vec::new(),
            skipped: common::skipped(BTreeMap::from([(
                "not adult social care",
                self.skipped.len(),
            )])),
        };
        errors.into_result((common::finish(batch), self.warnings))
    }

    fn update(&mut self, id: LocationId, acc: Acc) -> CqcLocationUpdate {
        let (service_type, nursing_unknown) =
            mapping::ratings_csv_service_type(acc.care_home, acc.groups.iter().map(String::as_str));
        if acc.overall.is_none() {
            self.warnings.push(Warning {
                file: self.path.to_path_buf(),
                at: Position::Line(acc.line),
                message: format!(
                    "location {id} has no Overall / Overall row: its rating is left as it is"
                ),
            });
        }
        CqcLocationUpdate {
            location_id: id,
            provider_id: acc.provider_id,
            provider_name: acc.provider_name,
            name: acc.name,
            local_authority: acc.la,
            postcode: acc.postcode,
            latitude: None,
            longitude: None,
            service_type: Some(service_type),
            nursing_unknown,
            beds: None,
            specialisms: None,
            registered_manager: None,
            rating: acc.overall.map(|(r, d)| (r.to_rating(), d)),
            status: None,
            registered_on: None,
            deregistered_on: None,
        }
    }
}

/// The CSV names the location-level group "Overall".
fn is_overall_group(group: &str) -> bool {
    mapping::same_word(group, "Overall")
}

/// A second row for the same location, group and key question.
fn duplicate(path: &Path, line: u64, p: &Parsed, earlier: u64) -> IngestError {
    IngestError {
        kind: ErrorKind::DuplicateId,
        file: path.to_path_buf(),
        at: Position::Line(line),
        column: Some(COLUMNS[DOMAIN].to_string()),
        value: Some(format!(
            "{} / {} / {}",
            p.id,
            p.group,
            p.key_question.label()
        )),
        message: format!(
            "expected one row per location, group and key question; line {earlier} already has it"
        ),
    }
}
