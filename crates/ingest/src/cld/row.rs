//! One CLD row, read field by field into an [`Event`].
//!
//! An error about a private column (the date of birth) never shows its value.

use std::path::Path;

use continuum_domain::{
    ClientType, Gender, ParseError, PersonId, PrimarySupportReason, ReviewKind, Route, Specialism,
};
use csv::StringRecord;

use super::columns::{Col, KNOWN, READ, norm};
use super::rows::{Details, Event, Kind, Tally};
use super::values::{self, EventType};
use crate::IngestError;

/// One record, with its columns resolved.
pub(crate) struct CldRow<'r> {
    pub(crate) rec: &'r StringRecord,
    pub(crate) index: &'r [Option<usize>; READ],
    pub(crate) path: &'r Path,
    pub(crate) line: u64,
}

impl CldRow<'_> {
    pub(crate) fn get(&self, c: Col) -> &str {
        self.index
            .get(c as usize)
            .copied()
            .flatten()
            .and_then(|i| self.rec.get(i))
            .map_or("", str::trim)
    }

    pub(crate) fn parse<T>(
        &self,
        c: Col,
        f: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Result<T, IngestError> {
        let s = self.get(c);
        f(s).map_err(|e| self.bad(c, s, e.expected))
    }

    pub(crate) fn opt<T>(
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

    pub(crate) fn event(&self, tally: &mut Tally) -> Result<Event, IngestError> {
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
