//! Values the store takes and returns that are not domain entities: queries,
//! scopes, import summaries.

use chrono::{DateTime, Utc};
use continuum_domain::{
    Date, LaName, LocationId, ProviderId, Rating, RegistrationStatus, ServiceType, Specialism,
};
use serde::Serialize;

/// Which councils' data to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything.
    All,
    /// One council: its own records, the locations it uses or that sit in its
    /// area, and the national reference data.
    Council(LaName),
    /// One council as [`Scope::Council`] gives it, less the history that no
    /// figure dated after `since` can use. Left out: placements that started
    /// and ended on or before `since`, unless they may be a request's linked
    /// placement (they name a request and are not interim); requests closed
    /// on or before `since`, unless a non-interim placement naming them
    /// starts after it; reviews dated on or before `since`. An evidence pack
    /// gets the date from `continuum_engine::history_from`.
    ///
    /// It is the evidence pack's load, so it also leaves out the columns of
    /// people, requests and placements that no figure reads (a person's birth
    /// year, ethnicity, locality, support reason, carer and cared-for; a
    /// request's needs, hours, discharge pathway and preferred locations; a
    /// placement's weekly cost): those come back empty.
    CouncilSince(LaName, Date),
}

impl Scope {
    /// The council, and the date its history starts after, if one council.
    pub fn council(&self) -> Option<(&LaName, Option<Date>)> {
        match self {
            Scope::All => None,
            Scope::Council(la) => Some((la, None)),
            Scope::CouncilSince(la, d) => Some((la, Some(*d))),
        }
    }
}

/// A filter on the location register. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocationQuery {
    /// Locations in this council's area (CQC's local authority).
    pub la: Option<LaName>,
    pub service_type: Option<ServiceType>,
    pub rating: Option<Rating>,
    pub status: Option<RegistrationStatus>,
    pub provider_id: Option<ProviderId>,
    pub specialism: Option<Specialism>,
    pub locality_id: Option<String>,
    /// Case-insensitive match on name, provider name, postcode or ID.
    pub text: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Where an import came from, for the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSource {
    /// `bundle`, `cqc-api`, `cqc-ratings`, `cqc-directory`, `cld`, `ascof`, `population`.
    pub kind: String,
    /// The file or directory name (no machine paths beyond what the user gave).
    pub name: String,
    /// A SHA-256 of the input, when computed.
    pub digest: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Rows read, per table.
    pub read: Vec<(String, u64)>,
    /// Rows inserted or changed, per table. All zero for a re-import.
    pub written: Vec<(String, u64)>,
}

impl ImportSummary {
    /// Total rows written.
    pub fn total_written(&self) -> u64 {
        self.written.iter().map(|(_, n)| n).sum()
    }

    /// Total rows read.
    pub fn total_read(&self) -> u64 {
        self.read.iter().map(|(_, n)| n).sum()
    }

    /// Adds to a table's counters.
    pub fn add(&mut self, table: &str, read: u64, written: u64) {
        add_to(&mut self.read, table, read);
        add_to(&mut self.written, table, written);
    }
}

fn add_to(v: &mut Vec<(String, u64)>, table: &str, n: u64) {
    match v.iter_mut().find(|(t, _)| t == table) {
        Some((_, m)) => *m += n,
        None => v.push((table.to_string(), n)),
    }
}

/// One line of the import log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    pub kind: String,
    pub name: String,
    pub digest: Option<String>,
    pub at: DateTime<Utc>,
    pub rows_read: i64,
    pub rows_written: i64,
}

/// A change CQC data made to a location, with when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocationChangeRecord {
    pub location_id: LocationId,
    pub at: DateTime<Utc>,
    pub source: String,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

/// A signed-in session. The browser holds the token; the store holds only its
/// SHA-256 digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub token_hash: String,
    pub user_id: continuum_domain::UserId,
    /// The per-session token every form must echo back.
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An API token for machine clients, stored as a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub token_hash: String,
    pub user_id: continuum_domain::UserId,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

/// One sign-in attempt, for throttling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignInAttempt {
    pub username: String,
    pub at: DateTime<Utc>,
    pub succeeded: bool,
}

/// Which audit entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub user_id: Option<continuum_domain::UserId>,
    pub subject_kind: Option<String>,
    pub subject_id: Option<String>,
    pub limit: Option<i64>,
}

/// What is held about one location beyond the register: its capacity returns
/// and the council records that name it. Built for the location page, which
/// shows council records only to the council that holds them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LocationRecords {
    /// Capacity returns, newest first.
    pub capacity: Vec<continuum_domain::CapacityReturn>,
    /// Contracts, newest start first.
    pub contracts: Vec<continuum_domain::Contract>,
    /// Placements, newest start first. Personal data: callers decide who sees
    /// more than their number.
    pub placements: Vec<continuum_domain::Placement>,
    /// Sanctions, newest start first.
    pub sanctions: Vec<continuum_domain::Sanction>,
    /// Monitoring visits, newest first.
    pub visits: Vec<continuum_domain::Visit>,
    /// Concerns, newest first.
    pub concerns: Vec<continuum_domain::Concern>,
    /// Quality assessment rows (one per standard), newest first.
    pub quality_assessments: Vec<continuum_domain::QualityAssessment>,
}

/// One person's record within one council: the person, their requests,
/// placements and reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    pub person: continuum_domain::Person,
    /// Newest received first.
    pub requests: Vec<continuum_domain::Request>,
    /// Newest start first.
    pub placements: Vec<continuum_domain::Placement>,
    /// Newest first.
    pub reviews: Vec<continuum_domain::Review>,
}
