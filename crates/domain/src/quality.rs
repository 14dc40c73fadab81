//! Quality work: the council's own assessments, monitoring visits, concerns and
//! sanctions.

use serde::{Deserialize, Serialize};

use crate::{
    AssessmentId, ConcernId, ConcernKind, Date, LaName, LocationId, QaRating, SanctionId,
    SanctionKind, VisitId, VisitKind,
};

/// One scored area of a quality assessment (long format: one row per standard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityAssessment {
    pub assessment_id: AssessmentId,
    pub location_id: LocationId,
    pub la: LaName,
    pub date: Date,
    /// For example `pamms`.
    pub framework: String,
    pub domain: String,
    pub standard: String,
    pub rating: QaRating,
}

/// A monitoring visit to a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub visit_id: VisitId,
    pub location_id: LocationId,
    pub la: LaName,
    pub date: Date,
    pub kind: VisitKind,
}

/// A concern raised about a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concern {
    pub concern_id: ConcernId,
    pub location_id: LocationId,
    pub la: LaName,
    pub raised_on: Date,
    pub kind: ConcernKind,
    pub closed_on: Option<Date>,
    pub substantiated: Option<bool>,
}

/// A contractual sanction: suspension of new placements, embargo, restriction or
/// termination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sanction {
    pub sanction_id: SanctionId,
    pub location_id: LocationId,
    pub la: LaName,
    pub kind: SanctionKind,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub reason: String,
}

impl Sanction {
    /// Active at `t`: started on or before `t`, and not lifted by then.
    pub fn is_active_at(&self, t: Date) -> bool {
        self.start_date <= t && self.end_date.is_none_or(|e| e > t)
    }
}
