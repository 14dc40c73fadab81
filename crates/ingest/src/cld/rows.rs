//! Reading a CLD submission file into typed events, one per row.
//!
//! Private columns (NHS number, names, date of birth, postcode, GP practice)
//! are never copied: the date of birth is read for its year only, and an error
//! about a private column never shows its value.

use std::collections::BTreeMap;
use std::path::Path;

use continuum_domain::{
    ClientType, Date, Delivery, Gender, LocationId, ParseError, PersonId, PrimarySupportReason,
    ReviewKind, Route, ServiceType, Specialism,
};
use csv::{ByteRecord, StringRecord};

use super::columns::{Col, KNOWN, Known, READ, lookup, norm};
use super::values::{self, EventType, Frequency, Outcome};
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// What a row says about its person.
#[derive(Debug, Clone)]
pub(crate) struct Details {
    pub birth_year: Option<i32>,
    pub sex: Gender,
    pub ethnicity: Option<String>,
    pub client_type: ClientType,
    pub psr: Option<PrimarySupportReason>,
    pub has_carer: Option<bool>,
    pub death: Option<Date>,
    pub linked: Vec<PersonId>,
    pub needs: Vec<Specialism>,
}

/// The service-only fields of a row.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub service_type: ServiceType,
    pub location: Option<LocationId>,
    pub delivery: Delivery,
    pub weekly_cost: Option<f64>,
    pub hours_per_week: Option<f64>,
    pub one_off: bool,
}

/// The kind of event, with its own fields.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Request(Route),
    Assessment,
    Service(Service),
    Review(ReviewKind),
}

/// One row: one event of one person.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub line: u64,
    pub person: PersonId,
    pub details: Details,
    pub kind: Kind,
    pub reference: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub outcome: Option<Outcome>,
}

/// Values read with a default instead of an error, counted for one warning
/// each (never one per row): `(column, what happened) → (rows, first line)`.
#[derive(Debug, Default)]
pub(crate) struct Tally(BTreeMap<(&'static str, String), (usize, u64)>);

impl Tally {
    fn add(&mut self, column: &'static str, what: String, line: u64) {
        let e = self.0.entry((column, what)).or_insert((0, line));
        e.0 += 1;
    }

    /// One warning per kind of problem.
    pub(crate) fn warnings(self, path: &Path) -> Vec<Warning> {
        let rows = |n: usize| {
            if n == 1 {
                "1 row".to_string()
            } else {
                format!("{n} rows")
            }
        };
        self.0
            .into_iter()
            .map(|((column, what), (n, line))| Warning {
                file: path.to_path_buf(),
                at: Position::Line(line),
                message: format!("column '{column}': {}: {what} (first here)", rows(n)),
            })
            .collect()
    }
}

/// Reads every row of the file.
pub(crate) fn read_events(path: &Path) -> Result<(Vec<Event>, Tally, Vec<Warning>), IngestErrors> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, &e))?;
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let (index, private, warnings) = header(&mut rdr, path)?;
    let mut errors = IngestErrors::new();
    let mut tally = Tally::default();
    let mut events = Vec::new();
    let mut buf = ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut buf) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                errors.push(record_error(path, &e));
                if matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    continue;
                }
                break;
            }
        }
        let line = buf.position().map_or(0, csv::Position::line);
        buf = match StringRecord::from_byte_record(buf) {
            Ok(rec) => {
                let row = CldRow {
                    rec: &rec,
                    index: &index,
                    path,
                    line,
                };
                match row.event(&mut tally) {
                    Ok(ev) => events.push(ev),
                    Err(e) => errors.push(e),
                }
                rec.into_byte_record()
            }
            Err(e) => {
                let field = e.utf8_error().field();
                errors.push(not_utf8(path, line, &private, field));
                e.into_byte_record()
            }
        };
        if errors.truncated {
            break;
        }
    }
    errors.into_result((events, tally, warnings))
}

type Header = (
    [Option<usize>; READ],
    Vec<Option<&'static Known>>,
    Vec<Warning>,
);

/// Resolves the header; a required column missing is an error.
fn header<R: std::io::Read>(rdr: &mut csv::Reader<R>, path: &Path) -> Result<Header, IngestErrors> {
    let names = rdr.headers().map_err(|e| record_error(path, &e))?.clone();
    let mut index = [None; READ];
    let mut fields = Vec::with_capacity(names.len());
    let mut warnings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let known = lookup(name);
        match known {
            Some(k) if k.col != Col::Ignored => index[k.col as usize] = Some(i),
            Some(_) => {}
            None => warnings.push(Warning {
                file: path.to_path_buf(),
                at: Position::Line(1),
                message: format!("unknown column '{name}' is ignored (not a CLD field)"),
            }),
        }
        fields.push(known);
    }
    let mut errors = IngestErrors::new();
    for k in KNOWN
        .iter()
        .filter(|k| k.required && index[k.col as usize].is_none())
    {
        errors.push(IngestError {
            kind: ErrorKind::MissingColumn,
            file: path.to_path_buf(),
            at: Position::Line(1),
            column: Some(k.name.to_string()),
            value: None,
            message: format!(
                "expected a column '{}' (or '{}') in the header; it is required",
                k.name,
                k.name.replace(' ', "_")
            ),
        });
    }
    errors.into_result((index, fields, warnings))
}

struct CldRow<'r> {
    rec: &'r StringRecord,
    index: &'r [Option<usize>; READ],
    path: &'r Path,
    line: u64,
}

impl CldRow<'_> {
    fn get(&self, c: Col) -> &str {
        self.index
            .get(c as usize)
            .copied()
            .flatten()
            .and_then(|i| self.rec.get(i))
            .map_or("", str::trim)
    }

    fn parse<T>(
        &self,
        c: Col,
        f: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Result<T, IngestError> {
        let s = self.get(c);
        f(s).map_err(|e| self.bad(c, s, e.expected))
    }

    fn opt<T>(
        &self,
        c: Col,
        f: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Result<Option<T>, IngestError> {
        if self.get(c).is_empty() {
            Ok(None)
        } else {
            self.parse(c, f).map(Some)
        }
    }

    fn bad(&self, c: Col, value: &str, expected: impl std::fmt::Display) -> IngestError {
        let known = KNOWN.iter().find(|k| k.col == c);
        let name = known.map_or("?", |k| k.name);
        let mut e = IngestError::bad_value(self.path, self.line, name, value, expected);
        if known.is_some_and(|k| k.private) {
            e.value = Some("(withheld: personal data)".to_string());
        }
        e
    }

    fn event(&self, tally: &mut Tally) -> Result<Event, IngestError> {
        let event_type = self.parse(Col::EventType, values::event_type)?;
        let details = self.details(tally)?;
        let kind = match event_type {
            EventType::Request => Kind::Request(self.route(details.client_type)?),
            EventType::Assessment => Kind::Assessment,
            EventType::Service => Kind::Service(self.service(tally)?),
            EventType::Review => Kind::Review(self.review_kind(tally)),
        };
        Ok(Event {
            line: self.line,
            person: self.parse(Col::PersonId, PersonId::parse)?,
            details,
            kind,
            reference: self.opt(Col::EventReference, reference)?,
            start: self.parse(Col::EventStart, values::date)?,
            end: self.opt(Col::EventEnd, values::date)?,
            outcome: self.opt(Col::EventOutcome, values::outcome)?,
        })
    }

    fn details(&self, tally: &mut Tally) -> Result<Details, IngestError> {
        let psr = self.psr(tally);
        let mut linked = Vec::new();
        for c in [Col::Linked1, Col::Linked2, Col::Linked3] {
            linked.extend(self.opt(c, PersonId::parse)?);
        }
        Ok(Details {
            birth_year: self.opt(Col::DateOfBirth, values::birth_year)?,
            sex: self.gender(tally),
            ethnicity: Some(norm(self.get(Col::Ethnicity))).filter(|s| !s.is_empty()),
            client_type: self.parse(Col::ClientType, values::client_type)?,
            psr,
            has_carer: values::yes_no(self.get(Col::HasUnpaidCarer)),
            death: self.opt(Col::DateOfDeath, values::date)?,
            linked,
            needs: self.needs(psr),
        })
    }

    fn gender(&self, tally: &mut Tally) -> Gender {
        let s = self.get(Col::Gender);
        values::gender(s).unwrap_or_else(|| {
            if !s.is_empty() {
                tally.add(
                    "Gender",
                    format!("'{s}' is not a known gender, read as unknown"),
                    self.line,
                );
            }
            Gender::Unknown
        })
    }

    fn psr(&self, tally: &mut Tally) -> Option<PrimarySupportReason> {
        let s = self.get(Col::PrimarySupportReason);
        if s.is_empty() {
            return None;
        }
        let psr = norm(s).parse::<PrimarySupportReason>().ok();
        if psr.is_none() {
            let what = format!("'{s}' is not a known primary support reason, left empty");
            tally.add("Primary Support Reason", what, self.line);
        }
        psr
    }

    /// The specialisms a person's care must have, from the CLD health flags
    /// and the primary support reason.
    fn needs(&self, psr: Option<PrimarySupportReason>) -> Vec<Specialism> {
        use PrimarySupportReason as P;
        let flag = |c| values::yes_no(self.get(c)) == Some(true);
        let mut needs = Vec::new();
        let mut want = |s| {
            if !needs.contains(&s) {
                needs.push(s);
            }
        };
        match psr {
            Some(P::LearningDisability) => want(Specialism::LearningDisability),
            Some(P::MentalHealth) => want(Specialism::MentalHealth),
            Some(P::SubstanceMisuse) => want(Specialism::SubstanceMisuse),
            Some(P::VisualImpairment | P::HearingImpairment | P::DualImpairment) => {
                want(Specialism::SensoryImpairment);
            }
            _ => {}
        }
        if flag(Col::Dementia) {
            want(Specialism::Dementia);
        }
        if flag(Col::Autism) {
            want(Specialism::Autism);
        }
        if flag(Col::VisualImpairment) || flag(Col::HearingImpairment) {
            want(Specialism::SensoryImpairment);
        }
        needs.sort();
        needs
    }

    fn route(&self, client_type: ClientType) -> Result<Route, IngestError> {
        let route = self.opt(Col::RouteOfAccess, values::route)?;
        Ok(match client_type {
            ClientType::UnpaidCarer => Route::Carer,
            ClientType::ServiceUser => route.unwrap_or(Route::Community),
        })
    }

    fn service(&self, tally: &mut Tally) -> Result<Service, IngestError> {
        let component = self.get(Col::ServiceComponent);
        let service_type = self.parse(Col::ServiceType, |t| values::service_type(t, component))?;
        if !values::known_component(component) {
            let what =
                format!("'{component}' is not a known Service Component; Service Type decides");
            tally.add("Service Component", what, self.line);
        }
        let delivery = match self.opt(Col::DeliveryMechanism, values::delivery)? {
            Some(d) => d,
            None => {
                tally.add(
                    "Delivery Mechanism",
                    "blank, read as CASSR commissioned support".into(),
                    self.line,
                );
                Delivery::Commissioned
            }
        };
        let (weekly_cost, hours_per_week, one_off) = self.cost(tally)?;
        Ok(Service {
            service_type,
            location: self.opt(Col::LocationId, LocationId::parse)?,
            delivery,
            weekly_cost,
            hours_per_week,
            one_off,
        })
    }

    /// The weekly cost, the hours a week (for hourly services) and whether the
    /// cost was a one-off.
    fn cost(&self, tally: &mut Tally) -> Result<(Option<f64>, Option<f64>, bool), IngestError> {
        let unit_cost = self.opt(Col::UnitCost, values::number)?;
        let frequency = self.opt(Col::CostFrequency, values::frequency)?;
        let units = self.opt(Col::PlannedUnits, values::number)?;
        let hours = match frequency {
            Some(Frequency::PerUnit { hourly: true }) => units,
            _ => None,
        };
        let pennies = |v: f64| (v * 100.0).round() / 100.0;
        let weekly = match (unit_cost, frequency) {
            (None, _) => None,
            (Some(c), Some(Frequency::PerWeek(per_week))) => Some(pennies(c * per_week)),
            (Some(c), Some(Frequency::PerUnit { .. })) => {
                if units.is_none() {
                    tally.add(
                        "Planned units per week",
                        "blank for a per-unit cost: no weekly cost".into(),
                        self.line,
                    );
                }
                units.map(|u| pennies(c * u))
            }
            (Some(_), Some(Frequency::OneOff)) => return Ok((None, hours, true)),
            (Some(_), None) => {
                tally.add(
                    "Cost Frequency (Unit Type)",
                    "blank with a Unit Cost: no weekly cost".into(),
                    self.line,
                );
                None
            }
        };
        Ok((weekly, hours, false))
    }

    fn review_kind(&self, tally: &mut Tally) -> ReviewKind {
        let n = norm(self.get(Col::ReviewReason));
        if n.starts_with("unplanned") {
            ReviewKind::Unplanned
        } else {
            if !n.starts_with("planned") && n != "review_of_short_term_support" {
                let what = format!(
                    "'{}' is neither planned nor unplanned, read as planned",
                    self.get(Col::ReviewReason)
                );
                tally.add("Review Reason", what, self.line);
            }
            ReviewKind::Planned
        }
    }
}

/// An `Event Reference`: kept as an ID, so it may not hold `;`.
fn reference(s: &str) -> Result<String, ParseError> {
    continuum_domain::PlacementId::parse(s).map(|id| id.to_string())
}

fn record_error(path: &Path, e: &csv::Error) -> IngestError {
    let at = e
        .position()
        .map_or(Position::File, |p| Position::Line(p.line()));
    let (kind, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            ErrorKind::Truncated,
            format!("expected {expected_len} fields, as in the header, but the record has {len}"),
        ),
        csv::ErrorKind::Io(io) => return IngestError::io(path, io).at(at),
        _ => (
            ErrorKind::BadStructure,
            format!("the CSV cannot be read: {e}"),
        ),
    };
    IngestError::file(kind, path, message).at(at)
}

/// A cell that is not UTF-8; the value is never shown (it may be personal).
fn not_utf8(
    path: &Path,
    line: u64,
    fields: &[Option<&'static Known>],
    field: usize,
) -> IngestError {
    let column = fields
        .get(field)
        .copied()
        .flatten()
        .map_or_else(|| format!("field {}", field + 1), |k| k.name.to_string());
    IngestError {
        kind: ErrorKind::NotUtf8,
        file: path.to_path_buf(),
        at: Position::Line(line),
        column: Some(column),
        value: None,
        message: "expected UTF-8 text (save the file as UTF-8)".to_string(),
    }
}
