//! A [`Dataset`]: everything Continuum knows, as plain values.
//!
//! A bundle reads into one, the store loads one (for a council or for all), and
//! the engine computes from one. So the report from files and the report from a
//! database are the same function of the same values.

use serde::{Deserialize, Serialize};

use crate::cqc::{QualityStatementScore, RatingEvent};
use crate::{
    AscofValue, Authority, CapacityReturn, Concern, Contract, FeeRate, Gap, Handback, Indicator,
    Locality, Location, Person, Placement, PopulationRow, PrevalenceRow, QualityAssessment,
    Request, Review, Sanction, Visit, WorkforceReturn,
};

/// Every entity of the bundle, plus the national reference data read from CQC and
/// NHS England.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub authorities: Vec<Authority>,
    pub localities: Vec<Locality>,
    pub population: Vec<PopulationRow>,
    pub prevalence: Vec<PrevalenceRow>,
    pub locations: Vec<Location>,
    pub contracts: Vec<Contract>,
    pub capacity: Vec<CapacityReturn>,
    pub people: Vec<Person>,
    pub requests: Vec<Request>,
    pub placements: Vec<Placement>,
    pub reviews: Vec<Review>,
    pub quality_assessments: Vec<QualityAssessment>,
    pub visits: Vec<Visit>,
    pub concerns: Vec<Concern>,
    pub sanctions: Vec<Sanction>,
    pub handbacks: Vec<Handback>,
    pub workforce: Vec<WorkforceReturn>,
    pub fees: Vec<FeeRate>,
    pub indicators: Vec<Indicator>,
    pub gaps: Vec<Gap>,
    /// National reference: ASCOF figures for every council and England.
    pub ascof: Vec<AscofValue>,
    /// National reference: CQC rating history, for trends.
    pub rating_history: Vec<RatingEvent>,
    /// National reference: CQC quality statement scores.
    pub quality_statements: Vec<QualityStatementScore>,
}

impl Dataset {
    /// Row counts per bundle file name, for import summaries.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("authority", self.authorities.len()),
            ("localities", self.localities.len()),
            ("population", self.population.len()),
            ("prevalence", self.prevalence.len()),
            ("locations", self.locations.len()),
            ("contracts", self.contracts.len()),
            ("capacity", self.capacity.len()),
            ("people", self.people.len()),
            ("requests", self.requests.len()),
            ("placements", self.placements.len()),
            ("reviews", self.reviews.len()),
            ("quality_assessments", self.quality_assessments.len()),
            ("visits", self.visits.len()),
            ("concerns", self.concerns.len()),
            ("sanctions", self.sanctions.len()),
            ("handbacks", self.handbacks.len()),
            ("workforce", self.workforce.len()),
            ("fees", self.fees.len()),
            ("indicators", self.indicators.len()),
            ("gaps", self.gaps.len()),
        ]
    }

    /// Appends every row of `other` (table by table, after this one's rows).
    /// A table this one does not have yet is taken over whole rather than
    /// copied: a council's load joins halves that mostly hold different
    /// tables, tens of megabytes of rows.
    pub fn append(&mut self, other: Dataset) {
        macro_rules! extend {
            ($($f:ident),*) => { $(
                if self.$f.is_empty() {
                    self.$f = other.$f;
                } else {
                    self.$f.extend(other.$f);
                }
            )* };
        }
        extend!(
            authorities,
            localities,
            population,
            prevalence,
            locations,
            contracts,
            capacity,
            people,
            requests,
            placements,
            reviews,
            quality_assessments,
            visits,
            concerns,
            sanctions,
            handbacks,
            workforce,
            fees,
            indicators,
            gaps,
            ascof,
            rating_history,
            quality_statements
        );
    }

    /// The total number of bundle rows.
    pub fn total_rows(&self) -> usize {
        self.counts().iter().map(|(_, n)| n).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LaName, LocationId, VisitId, VisitKind};

    fn visit(id: &str) -> Visit {
        Visit {
            visit_id: VisitId::parse(id).unwrap(),
            location_id: LocationId::parse("1-101").unwrap(),
            la: LaName::parse("Medway").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            kind: VisitKind::Annual,
        }
    }

    fn ids(ds: &Dataset) -> Vec<&str> {
        ds.visits.iter().map(|v| v.visit_id.as_str()).collect()
    }

    #[test]
    fn append_takes_over_a_table_this_one_lacks_and_extends_one_it_has() {
        let mut ds = Dataset::default();
        let theirs = Dataset {
            visits: vec![visit("V1"), visit("V2")],
            ..Dataset::default()
        };
        let rows = theirs.visits.as_ptr();
        ds.append(theirs);
        assert_eq!(ids(&ds), ["V1", "V2"]);
        assert_eq!(
            ds.visits.as_ptr(),
            rows,
            "an empty table is taken over, not copied"
        );

        ds.append(Dataset {
            visits: vec![visit("V3")],
            ..Dataset::default()
        });
        assert_eq!(ids(&ds), ["V1", "V2", "V3"]);
        ds.append(Dataset::default());
        assert_eq!(ids(&ds), ["V1", "V2", "V3"]);
    }
}
