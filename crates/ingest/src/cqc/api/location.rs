//! One API location detail into a [`CqcLocationUpdate`] and its history; the
//! field table is in the parent module's doc.

use continuum_domain::{
    CqcLocationUpdate, Date, LaName, LocationId, ParseError, ProviderId, QualityStatementScore,
    RatingEvent, RegistrationStatus,
};

use super::history;
use super::json::Ctx;
use super::model::LocationDetail;
use crate::cqc::common::text;
use crate::cqc::mapping::{self, same_word};

/// A converted location with its history and the specialism names the
/// mapping did not know.
pub(super) struct Converted {
    pub update: CqcLocationUpdate,
    pub events: Vec<RatingEvent>,
    pub statements: Vec<QualityStatementScore>,
    pub unknown_specialisms: Vec<String>,
}

/// Converts one adult social care location; `None` when a field is bad (the
/// errors are in `ctx`).
pub(super) fn convert(
    ctx: &mut Ctx<'_>,
    d: &LocationDetail,
    provider_name: Option<String>,
) -> Option<Converted> {
    let ident = identity(ctx, d);
    let location_id = LocationId::parse(&d.location_id).ok()?;
    let history = history::read(ctx, &location_id, d);
    let ident = ident?;
    let (specialisms, unknown_specialisms) =
        mapping::specialisms(d.specialisms.iter().map(|s| s.name.as_str()));
    let service_types = d
        .gac_service_types
        .iter()
        .flat_map(|s| [s.name.as_deref(), s.description.as_deref()])
        .flatten();
    let update = CqcLocationUpdate {
        location_id,
        provider_id: ident.provider_id,
        provider_name,
        name: ident.name,
        local_authority: ident.local_authority,
        postcode: d.postal_code.as_deref().and_then(text),
        latitude: d.onspd_latitude,
        longitude: d.onspd_longitude,
        service_type: Some(mapping::service_type(service_types)),
        nursing_unknown: false,
        beds: Some(d.number_of_beds.unwrap_or(0)),
        specialisms: Some(specialisms),
        registered_manager: Some(has_registered_manager(d)),
        rating: Some(history.rating),
        status: Some(ident.status),
        registered_on: ident.registered_on,
        deregistered_on: ident.deregistered_on,
    };
    Some(Converted {
        update,
        events: history.events,
        statements: history.statements,
        unknown_specialisms,
    })
}

/// The checked identity and registration fields of a location.
struct Identity {
    provider_id: ProviderId,
    name: String,
    local_authority: LaName,
    status: RegistrationStatus,
    registered_on: Option<Date>,
    deregistered_on: Option<Date>,
}

/// Checks the identity and registration fields, recording every bad one.
fn identity(ctx: &mut Ctx<'_>, d: &LocationDetail) -> Option<Identity> {
    let id = &d.location_id;
    let location_id = ctx.check("$.locationId", "locationId", id, LocationId::parse(id));
    let p = &d.provider_id;
    let provider_id = ctx.check("$.providerId", "providerId", p, ProviderId::parse(p));
    let la = &d.local_authority;
    let local_authority = ctx.check("$.localAuthority", "localAuthority", la, LaName::parse(la));
    let word = &d.registration_status;
    let status = ctx.check(
        "$.registrationStatus",
        "registrationStatus",
        word,
        parse_status(word),
    );
    let registered = d.registration_date.as_deref();
    let registered_on = ctx.opt_date("$.registrationDate", "registrationDate", registered);
    let deregistered = d.deregistration_date.as_deref();
    let deregistered_on = ctx.opt_date("$.deregistrationDate", "deregistrationDate", deregistered);
    let name = text(&d.name);
    if name.is_none() {
        ctx.bad("$.name", "name", &d.name, "the location's name");
    }
    location_id?;
    Some(Identity {
        provider_id: provider_id?,
        name: name?,
        local_authority: local_authority?,
        status: status?,
        registered_on: registered_on?,
        deregistered_on: deregistered_on?,
    })
}

/// Whether a registered manager is in post: some contact of some regulated
/// activity has the role. Only the roles are looked at.
fn has_registered_manager(d: &LocationDetail) -> bool {
    d.regulated_activities
        .iter()
        .flat_map(|a| &a.contacts)
        .flat_map(|c| &c.person_roles)
        .any(|r| same_word(r, "Registered Manager"))
}

/// The API's registration status words.
fn parse_status(s: &str) -> Result<RegistrationStatus, ParseError> {
    if same_word(s, "Registered") {
        Ok(RegistrationStatus::Registered)
    } else if same_word(s, "Deregistered") {
        Ok(RegistrationStatus::Deregistered)
    } else {
        Err(ParseError::expected("Registered or Deregistered"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_status_words_are_read_whatever_the_case() {
        assert_eq!(
            parse_status("Registered"),
            Ok(RegistrationStatus::Registered)
        );
        assert_eq!(
            parse_status("deregistered"),
            Ok(RegistrationStatus::Deregistered)
        );
        assert!(parse_status("Dormant").is_err());
    }
}
