//! The DHSC Adult Social Care Client Level Data (CLD) submission file: one CSV
//! row per event (request, assessment, service or review) of one person.
//!
//! [`read_cld`] maps it to the bundle's people, requests, placements and
//! reviews. The rules, which the README quotes:
//!
//! **Reading.** Column names are read in the spec's spelling ("LA Person Unique
//! Identifier") or DHSC's SQL spelling ("LA_Person_Unique_Identifier"); values
//! in Release 1 or Release 2 spelling ("NFA - Deceased" or "NFA: Deceased").
//! Case and punctuation are ignored in both. Required columns: LA Person
//! Unique Identifier, Client Type, Event Type, Event Start Date. Dates are
//! `YYYY-MM-DD` or `DD/MM/YYYY`. An unknown Event Type, Client Type, Route of
//! Access, Event Outcome, Service Type, Delivery Mechanism or Cost Frequency is
//! an error listing the accepted values; an unknown Gender, Primary Support
//! Reason, Service Component or Review Reason is read with a default and
//! reported once as a warning with its row count.
//!
//! **Privacy.** The person ID is the council's pseudonymous `LA Person Unique
//! Identifier`. NHS Number, First and Last Name, Postcode and GP Practice are
//! never read; Date of Birth is read for its year only, and Date of Death only
//! for the death rule. None of them appears in the output, in an error or in a
//! warning (an error about either date says "(withheld: personal data)"
//! instead of the value).
//!
//! **People.** One per person ID, in order of first appearance; later rows
//! fill what earlier rows left blank. `needs` (on each request) come from the
//! health flags and the primary support reason: Dementia → dementia, Autism
//! Spectrum Disorder → autism, Visual or Hearing Impairment or a sensory
//! support reason → sensory_impairment, learning disability / mental health /
//! substance misuse support reasons → the specialism of that name. A carer's
//! `Adult 1–3 Linked Person_ID`s become `cares_for` when those people are in
//! the file. Locality is left empty (the postcode is not kept).
//!
//! **Death.** DHSC's `Der_Event_End_Date` rule: when the Date of Death is
//! before the Event End Date, or the event has no end date, the event ends on
//! the date of death, and a service ends with `end_reason` died (a request
//! with outcome died). A death before the event started is left alone. Open
//! services of people with no date of death stay open.
//!
//! **Requests.** A Request event becomes a request received on its Event Start
//! Date. Route of Access: Discharge from Hospital → hospital_discharge; Planned
//! Entry (Transition) → transition; Community / Other route, Diversion from
//! Hospital Services, Prison, Self-Funder, Discharge from Reablement and
//! Transfer from Other LA → community; blank → community (DHSC's default).
//! Every request of an unpaid carer has route carer.
//!
//! A request is linked to the person's first Service event that starts on or
//! after the request's start, within 365 days, and that no earlier request of
//! the person has taken (requests are linked in order of start date). The
//! link sets `placement.request_id`. The request takes the service's
//! service_type and hours (else service_type `other`), and is closed with
//! outcome placed on its Event End Date, or the service's start when blank.
//! A request with no linked service:
//! - NFA: Deceased → died; NFA: Support declined → declined; NFA:
//!   Responsibility moved to another local authority (R1: NFA - Moved to
//!   another LA) → moved_away; NFA: Information and advice or signposting, NFA:
//!   No services offered for other reason and NFA: Support ended as planned
//!   (R1: Service ended as planned) → no_longer_needed; every other NFA
//!   (self-funded, NHS-funded, referred elsewhere, other) → other: closed on
//!   the Event End Date (or start date when blank);
//! - Progress to … (reablement, assessment, support planning or services,
//!   end of life care), Continuation of support or services, No change in
//!   package and Provision of service: the person goes on towards a service
//!   that has not started, so the request stays open (waiting);
//! - Admitted to hospital: stays open, with delay reason hospital_admission;
//! - a blank outcome: open when the event has no end date, else closed other.
//!
//! **Services.** A Service event becomes a placement. Service type, by the
//! Service Component first, then the Service Type:
//! - Long term nursing care, or Long term support: Nursing care → nursing_home;
//! - Long term residential care, or Long term support: Residential care →
//!   residential_home;
//! - Home support (or domiciliary care) → homecare; Community supported living
//!   → supported_living; Extra care housing → extra_care; Shared Lives →
//!   shared_lives; Day Support → day_service; Reablement → intermediate_care;
//! - Short term residential or nursing care → intermediate_care under Short
//!   term support: ST-Max, else respite; Carer Respite and Carer Sitting
//!   Service → respite;
//! - other components (meals, transport, equipment, direct payment,
//!   professional support, …) follow the Service Type: Short term support:
//!   ST-Max → intermediate_care; support involving the person cared-for →
//!   respite; everything else → other.
//!
//! Delivery Mechanism: Direct payment → direct_payment; CASSR managed personal
//! budget → managed_budget; CASSR commissioned support → commissioned; blank →
//! commissioned (with a warning).
//!
//! Weekly cost = Unit Cost × units a week, by Cost Frequency (DHSC's
//! `Costs_fact` rules): weekly ×1; fortnightly ×1/2; 4-weekly ×1/4; monthly
//! ×12/52; quarterly ×4/52; annually ×1/52; per session, hourly or daily ×
//! Planned units per week. It is rounded to the penny. A one-off cost has no
//! weekly cost (spreading it would invent a period); such services are counted
//! in [`CldCounts::one_off_costs`]. An hourly service's `hours_per_week` is its
//! planned units per week.
//!
//! An open service (no end date) stays open. An ended service's `end_reason`
//! comes from its Event Outcome: NFA: Deceased → died; Admitted to hospital →
//! hospital; moved to another local authority → moved; Support ended as
//! planned and Progress to … → planned; anything else (or blank) → other.
//!
//! The Provider CQC Location ID is looked up in the register
//! ([`CldContext::known_locations`]). An ID the register does not know is kept:
//! the placement keeps it, a stub location in the person's council is added
//! to [`CldImport::location_stubs`], and a warning names it. A service with no
//! location ID is placed at the council's stub ([`no_location_id`], such as
//! `no-cqc-location:Medway`). CLD does not say why a
//! person is placed out of area, so a placement at a registered location in
//! another council gets `ooa_reason` other.
//!
//! **Reviews.** A Review event becomes a review dated on its Event End Date
//! (moved back to the date of death when that is earlier), or its start date
//! when the end is blank. Review Reason
//! starting "Unplanned" → unplanned; anything else → planned. A review names
//! the person's placement active on that date (the latest started).
//!
//! **Assessments** are counted ([`CldCounts::assessments`]), not stored.
//!
//! **IDs.** An event keeps its Event Reference as its ID; a reference used
//! twice by one kind of event gets `#2`, `#3`…; a blank one becomes the person
//! ID and the line, such as `P123:S14`.

mod build;
mod columns;
mod link;
mod row;
mod rows;
mod services;
mod values;

use std::collections::HashMap;
use std::path::Path;

use continuum_domain::{Dataset, LaName, Location, LocationId, Person, Placement, Request, Review};

use crate::{IngestErrors, Position, Warning};

/// How far after a request its service may start and still be linked.
pub const LINK_WINDOW_DAYS: i64 = 365;

/// The ID of a council's stub location for services with no CQC location ID,
/// such as `no-cqc-location:Medway`. One per council, because a location
/// belongs to one council.
pub fn no_location_id(la: &LaName) -> String {
    format!("no-cqc-location:{la}")
}

/// What the database already knows.
#[derive(Debug, Clone, Default)]
pub struct CldContext {
    /// The register: each CQC location with its council.
    pub known_locations: HashMap<LocationId, LaName>,
}

/// What one CLD file gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CldImport {
    pub people: Vec<Person>,
    pub requests: Vec<Request>,
    pub placements: Vec<Placement>,
    pub reviews: Vec<Review>,
    /// Minimal locations for services whose CQC location the register does
    /// not know, so that no placement is dropped.
    pub location_stubs: Vec<Location>,
    pub counts: CldCounts,
}

impl CldImport {
    /// The import as a dataset (the stubs as locations), for the store.
    pub fn into_dataset(self) -> Dataset {
        Dataset {
            people: self.people,
            requests: self.requests,
            placements: self.placements,
            reviews: self.reviews,
            locations: self.location_stubs,
            ..Dataset::default()
        }
    }
}

/// Counts for the import summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CldCounts {
    /// Rows read.
    pub rows: usize,
    pub people: usize,
    /// Request events (each became a request).
    pub requests: usize,
    /// Assessment events: counted, not stored.
    pub assessments: usize,
    /// Service events (each became a placement).
    pub services: usize,
    /// Review events (each became a review).
    pub reviews: usize,
    /// Requests linked to a service.
    pub linked_requests: usize,
    /// Reviews linked to a placement.
    pub linked_reviews: usize,
    /// Events ended by the person's death.
    pub deaths_applied: usize,
    /// Services with a one-off cost (no weekly cost).
    pub one_off_costs: usize,
    /// Services with no CQC location ID.
    pub services_without_location: usize,
}

/// Reads one CLD submission file for council `la`. All or nothing: any error
/// gives `Err` with up to [`IngestErrors::LIMIT`] errors.
pub fn read_cld(
    path: &Path,
    la: &LaName,
    ctx: &CldContext,
) -> Result<(CldImport, Vec<Warning>), IngestErrors> {
    let (events, tally, mut warnings) = rows::read_events(path)?;
    let import = build::build(&events, la, ctx, path)?;
    warnings.extend(tally.warnings(path));
    for stub in &import.location_stubs {
        if stub.location_id.as_str() != no_location_id(la) {
            let n = import
                .placements
                .iter()
                .filter(|p| p.location_id == stub.location_id)
                .count();
            warnings.push(Warning {
                file: path.to_path_buf(),
                at: Position::File,
                message: format!(
                    "Provider CQC Location ID '{}' is not in the register: {n} service(s) kept \
                     at a stub location until a CQC import adds it",
                    stub.location_id
                ),
            });
        }
    }
    let n = import.counts.services_without_location;
    if n > 0 {
        warnings.push(Warning {
            file: path.to_path_buf(),
            at: Position::File,
            message: format!(
                "{n} service(s) have no Provider CQC Location ID: they are placed at the stub \
                 location '{}'",
                no_location_id(la)
            ),
        });
    }
    Ok((import, warnings))
}
