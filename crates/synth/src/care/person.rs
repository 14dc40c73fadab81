//! Who a service user is (age, sex, support reason, needs, locality), and the
//! unpaid carers known to the council.

use chrono::Datelike;
use continuum_domain::{
    ClientType, Date, Gender, Person, PrimarySupportReason as P, RequestOutcome, Specialism as Sp,
};

use super::Emitter;
use crate::SynthError;
use crate::calibration as cal;
use crate::council::Council;
use crate::rng::{Rng, add_days, between, chance, date_between, index, pick};

/// A service user, before any row is written.
#[derive(Debug, Clone)]
pub(crate) struct Who {
    pub birth_year: i32,
    /// The first referral.
    pub entry: Date,
    pub sex: Gender,
    pub older: bool,
    pub psr: P,
    pub locality: usize,
    pub ethnicity: Option<&'static str>,
    pub has_carer: bool,
    /// The specialisms their care needs.
    pub needs: Vec<Sp>,
}

impl Who {
    /// Draws a service user whose journey starts in the look-back span; `older`
    /// forces the age group.
    pub(crate) fn draw(c: &Council, rng: &mut Rng, older: Option<bool>) -> Self {
        let span = 365 * cal::LOOKBACK_YEARS;
        let entry = add_days(c.as_at, -between(rng, 0, span));
        let older = older.unwrap_or_else(|| !chance(rng, cal::YOUNGER_ADULT_SHARE));
        let (lo, hi) = pick(
            rng,
            if older {
                &cal::AGES_OLDER
            } else {
                &cal::AGES_YOUNGER
            },
        );
        let age = between(rng, lo, hi) as i32;
        let female = chance(
            rng,
            if older {
                cal::FEMALE_OLDER
            } else {
                cal::FEMALE_YOUNGER
            },
        );
        let psr = if older {
            pick(rng, &cal::PSR_OLDER)
        } else {
            pick(rng, &cal::PSR_YOUNGER)
        };
        let table = if c.london {
            &cal::ETHNICITY_LONDON
        } else {
            &cal::ETHNICITY
        };
        let ethnicity = (!chance(rng, cal::ETHNICITY_MISSING)).then(|| pick(rng, table));
        Self {
            birth_year: entry.year() - age,
            entry,
            sex: if female { Gender::Female } else { Gender::Male },
            older,
            psr,
            locality: c.pick_locality(rng),
            ethnicity,
            has_carer: chance(rng, cal::HAS_UNPAID_CARER),
            needs: needs(rng, psr, older, c.london),
        }
    }

    /// Age in whole years during the year of `d`.
    pub(crate) fn age_in(&self, d: Date) -> i32 {
        d.year() - self.birth_year
    }
}

fn needs(rng: &mut Rng, psr: P, older: bool, london: bool) -> Vec<Sp> {
    let mut v = Vec::new();
    match psr {
        P::MemoryAndCognition => v.push(Sp::Dementia),
        P::LearningDisability => {
            v.push(Sp::LearningDisability);
            if chance(rng, 0.3) {
                v.push(Sp::Autism);
            }
        }
        P::MentalHealth => v.push(Sp::MentalHealth),
        P::SubstanceMisuse => v.push(Sp::SubstanceMisuse),
        P::VisualImpairment | P::HearingImpairment | P::DualImpairment => {
            v.push(Sp::SensoryImpairment)
        }
        P::PersonalCare | P::AccessAndMobility if chance(rng, 0.35) => {
            v.push(Sp::PhysicalDisability)
        }
        _ => {}
    }
    if older && psr != P::MemoryAndCognition && chance(rng, 0.15) {
        v.insert(0, Sp::Dementia);
    }
    if chance(rng, 0.015) {
        v.push(Sp::Bariatric);
    }
    if !older && chance(rng, 0.12) {
        v.push(Sp::ComplexNeeds);
    }
    if chance(rng, if london { 0.04 } else { 0.01 }) {
        v.push(Sp::CulturallySpecific);
    }
    v
}

/// The `people.csv` row of a service user.
pub(crate) fn person_row(
    la: &continuum_domain::LaName,
    c: &Council,
    who: &Who,
    person_id: continuum_domain::PersonId,
) -> Person {
    Person {
        person_id,
        la: la.clone(),
        birth_year: Some(who.birth_year),
        sex: who.sex,
        ethnicity: who.ethnicity.map(str::to_string),
        locality_id: c.localities.get(who.locality).map(|l| l.id.clone()),
        client_type: ClientType::ServiceUser,
        primary_support_reason: Some(who.psr),
        has_unpaid_carer: Some(who.has_carer),
        cares_for: Vec::new(),
    }
}

/// Adds the unpaid carers known to the council: some of the service users who
/// have an unpaid carer have that carer on record, a few caring for two people.
pub(crate) fn carers(c: &Council, rng: &mut Rng, emit: &mut Emitter) -> Result<(), SynthError> {
    let cared: Vec<usize> = (0..emit.out.people.len())
        .filter(|&i| emit.out.people[i].has_unpaid_carer == Some(true))
        .collect();
    let p = (cal::CARERS_PER_SERVICE_USER / cal::HAS_UNPAID_CARER).min(1.0);
    let mut carers = Vec::new();
    for &i in &cared {
        if !chance(rng, p) {
            continue;
        }
        let person_id = emit.next_person_id()?;
        let cared_for = &emit.out.people[i];
        let mut cares_for = vec![cared_for.person_id.clone()];
        if chance(rng, 0.06) && !cared.is_empty() {
            let other = &emit.out.people[cared[index(rng, cared.len())]];
            if other.person_id != cared_for.person_id {
                cares_for.push(other.person_id.clone());
            }
        }
        let year = cared_for.birth_year.unwrap_or(1950);
        let spouse = year < c.as_at.year() - 65 && chance(rng, 0.5);
        let birth_year = if spouse {
            year + between(rng, -4, 4) as i32
        } else {
            c.as_at.year() - between(rng, 35, 68) as i32
        };
        carers.push(Person {
            person_id,
            la: c.la.clone(),
            birth_year: Some(birth_year),
            sex: if chance(rng, 0.62) {
                Gender::Female
            } else {
                Gender::Male
            },
            ethnicity: cared_for.ethnicity.clone(),
            locality_id: cared_for.locality_id.clone(),
            client_type: ClientType::UnpaidCarer,
            primary_support_reason: None,
            has_unpaid_carer: None,
            cares_for,
        });
        if let Some(id) = carers.last().map(|x: &Person| x.person_id.clone()) {
            carer_requests(c, rng, emit, &id)?;
        }
    }
    emit.out.people.extend(carers);
    Ok(())
}

/// A carer's own requests: assessments and requests for a break, a few over the
/// years of the history, met by carers' services rather than a placement.
fn carer_requests(
    c: &Council,
    rng: &mut Rng,
    emit: &mut Emitter,
    id: &continuum_domain::PersonId,
) -> Result<(), SynthError> {
    let mut dates: Vec<Date> = (0..between(rng, 1, 4))
        .map(|_| date_between(rng, c.history_start(), c.as_at))
        .collect();
    dates.sort();
    for received in dates {
        let closed = Some(add_days(received, between(rng, 3, 40))).filter(|d| *d <= c.as_at);
        let outcome = pick(
            rng,
            &[
                (RequestOutcome::Other, 0.6),
                (RequestOutcome::NoLongerNeeded, 0.25),
                (RequestOutcome::Declined, 0.15),
            ],
        );
        emit.carer_request(id, received, closed, outcome)?;
    }
    Ok(())
}
