//! The edge cases the evidence pack must handle, built on purpose rather than
//! left to chance:
//!
//! - a provider failure: every placement at one home ends on one day
//!   (`provider_failure`); most people are re-placed within 7 days, a few later,
//!   and one is still waiting at the as-at date ([`failure`]);
//! - people waiting more than six months, some in hospital, some with an interim
//!   arrangement; and (demo) the longest hospital discharge delay of the reports,
//!   119 days ([`waiting`]);
//! - (demo) a home out of area under the host council's suspension, with the
//!   council's people in it, some reviewed since and some not ([`host`]).

mod failure;
mod host;
mod waiting;

use continuum_domain::{Date, RequestOutcome, Route, Sanction, ServiceType as S, Specialism};

use crate::SynthError;
use crate::care::{Emitter, Journey, Req, ReviewPlan, World};
use crate::council::Council;
use crate::rng::{Rng, add_days};

/// What the scenarios add besides people and their care.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    pub sanctions: Vec<Sanction>,
    /// Placements whose reviews the scenarios decide.
    pub reviews: Vec<ReviewPlan>,
}

/// Everything a scenario works with.
pub(crate) struct Ctx<'s, 'w> {
    pub c: &'s Council,
    pub rng: &'s mut Rng,
    pub journey: &'s mut Journey<'w>,
    pub emit: &'s mut Emitter<'w>,
    pub world: World<'w>,
}

/// Runs every scenario that applies to the council.
pub(crate) fn run(x: &mut Ctx<'_, '_>) -> Result<Extras, SynthError> {
    let mut extras = Extras::default();
    failure::run(x)?;
    waiting::long_waiters(x)?;
    if x.c.demo {
        waiting::longest_discharge(x)?;
        host::suspension(x, &mut extras)?;
    }
    Ok(extras)
}

/// A request received on `received`, still open.
fn request(received: Date, service: S, route: Route, needs: Vec<Specialism>) -> Req {
    let discharge = route == Route::HospitalDischarge;
    Req {
        received,
        service,
        route,
        pathway: discharge.then_some(if service.is_care_home() { 3 } else { 1 }),
        medically_fit: discharge.then(|| add_days(received, 1)),
        closed: None,
        outcome: None,
        reasons: Vec::new(),
        hours: None,
        needs,
        preferred: Vec::new(),
    }
}

/// The request, closed as placed on `on`.
fn placed(mut r: Req, on: Date) -> Req {
    r.closed = Some(on);
    r.outcome = Some(RequestOutcome::Placed);
    r
}
