//! A folder of CQC public API responses, as in `data/cqc/api_oldham/`:
//!
//! | file | what the reader does with it |
//! |---|---|
//! | `locations.json` | the list of locations (`locations[].locationId`); required |
//! | `location_details/location_<id>.json` | one `/locations/<id>` response per listed location; each is required |
//! | `providers.json` | the list of providers, for their names; optional |
//! | `provider_details/provider_<id>.json` | one `/providers/<id>` response; optional, and its `name` is preferred to `providers.json`'s |
//! | `location_details.json` (top level) | ignored: it is a single `/locations/<id>` response left over from fetching (in the Oldham folder it is the same document as the detail of dental practice `1-11177962695`, which `location_details/` also holds) |
//!
//! The list drives the read: a detail file that is not listed is not read (a
//! warning counts them), and a listed location without its detail file is an
//! error. A list that says it has more pages than the one given gives a warning.
//!
//! Locations whose `inspectionDirectorate` is not `Adult social care` are
//! counted in `skipped` and otherwise only checked for being JSON with a
//! directorate. The others are read whole:
//!
//! | field | from |
//! |---|---|
//! | name, provider, council, postcode | `name`, `providerId`, `localAuthority`, `postalCode` |
//! | coordinates | `onspdLatitude`, `onspdLongitude` |
//! | service type | `gacServiceTypes[].name` and `.description`, by the priority rule in [`mapping`] |
//! | beds | `numberOfBeds`; absent means 0 (homecare has none) |
//! | specialisms | `specialisms[].name` |
//! | registered manager | whether any `regulatedActivities[].contacts[].personRoles` holds "Registered Manager" (the person's name is never read) |
//! | status and dates | `registrationStatus`, `registrationDate`, `deregistrationDate` |
//!
//! Ratings and quality statements:
//!
//! - The location's rating is `currentRatings.overall.rating`, dated by its
//!   `reportDate` (or `currentRatings.reportDate`).
//! - A location with no `currentRatings.overall` takes the rating of its
//!   assessment service group whose `status` is `Current` (the latest, if
//!   several), dated by the date part of the assessment's
//!   `assessmentPlanPublishedDateTime`: that is the day CQC published it, which
//!   is what `reportDate` means elsewhere. Its events are also recorded under
//!   the group "Overall", as the ratings CSV does for single-service locations.
//! - A location with neither is not rated, with no date.
//! - Every dated rating becomes a
//!   [`RatingEvent`](continuum_domain::RatingEvent): current and historic ratings
//!   under the group "Overall", assessment ratings under their service group's
//!   name ("Care Homes"). Key question ratings without a date of their own take
//!   their overall rating's. Words that mean "no rating" add no event.
//! - Each `topicareas[]` entry becomes a
//!   [`QualityStatementScore`](continuum_domain::QualityStatementScore), assessed on
//!   the group's `assessmentDate` (or, without one, the publication date).
//!
//! The API does not put the provider's name in the location detail, so a
//! location's `provider_name` is `None` when neither provider file names it.

mod history;
mod json;
mod location;
mod model;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use continuum_domain::CqcBatch;

use super::{common, mapping};
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};
use json::Ctx;
use model::{LocationDetail, LocationList, ProviderDetail, ProviderList};

/// Reads a folder of CQC API responses into a batch of adult social care
/// locations with their rating history and quality statement scores.
///
/// Fails, naming the file, the JSON path (or line, for broken JSON), the field
/// and the value, on a missing file, JSON that is not valid or not shaped as
/// the API writes it, an unknown rating word or key question, or a bad date.
pub fn read_dir(dir: &Path) -> Result<(CqcBatch, Vec<Warning>), IngestErrors> {
    let list_path = dir.join("locations.json");
    let list: LocationList = json::read_typed(&list_path).map_err(|e| IngestErrors::one(*e))?;
    let mut errors = IngestErrors::new();
    let mut warnings = page_warnings(&list_path, &list);
    let ids = listed_ids(&list_path, &list, &mut errors);
    warnings.extend(unlisted_warning(dir, &ids));
    let mut kept = Vec::new();
    let mut not_asc = 0;
    for id in &ids {
        let file = dir
            .join("location_details")
            .join(format!("location_{id}.json"));
        match read_location(&file, id) {
            Ok(Some(detail)) => kept.push((file, detail)),
            Ok(None) => not_asc += 1,
            Err(e) => errors.push(*e),
        }
    }
    let providers: BTreeSet<&str> = kept.iter().map(|(_, d)| d.provider_id.as_str()).collect();
    let names = provider_names(dir, &providers, &mut errors, &mut warnings);
    let mut batch = CqcBatch::default();
    let mut unknown = BTreeMap::new();
    for (file, detail) in &kept {
        let mut ctx = Ctx {
            file,
            errors: &mut errors,
            warnings: &mut warnings,
        };
        let name = names.get(&detail.provider_id).cloned();
        if let Some(c) = location::convert(&mut ctx, detail, name) {
            batch.locations.push(c.update);
            batch.rating_events.extend(c.events);
            batch.quality_statements.extend(c.statements);
            for n in c.unknown_specialisms {
                *unknown.entry(n).or_default() += 1;
            }
        }
    }
    batch.providers = common::providers_of(&batch.locations);
    batch.skipped = common::skipped(BTreeMap::from([("not adult social care", not_asc)]));
    let details = dir.join("location_details");
    warnings.extend(common::unknown_specialism_warnings(&details, &unknown));
    errors.into_result((common::finish(batch), warnings))
}

/// The listed location IDs, checked: each is an ID that can name a file, and
/// none is listed twice.
fn listed_ids(path: &Path, list: &LocationList, errors: &mut IngestErrors) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut ids = Vec::new();
    for (i, l) in list.locations.iter().enumerate() {
        let id = l.location_id.as_str();
        let at = Position::JsonPath(format!("$.locations[{i}].locationId"));
        let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            let expected = "a CQC location ID: letters, digits and '-', such as 1-10041249501";
            errors.push(common::bad_value(path, at, "locationId", id, expected));
        } else if let Some(first) = seen.insert(id, i) {
            errors.push(IngestError {
                kind: ErrorKind::DuplicateId,
                file: path.to_path_buf(),
                at,
                column: Some("locationId".into()),
                value: Some(id.to_string()),
                message: format!(
                    "expected each location once; $.locations[{first}] already has it"
                ),
            });
        } else {
            ids.push(id.to_string());
        }
    }
    ids
}

/// Reads one location detail; `None` when it is not adult social care.
fn read_location(file: &Path, id: &str) -> Result<Option<LocationDetail>, Box<IngestError>> {
    let value = json::read_value(file)?;
    let Some(directorate) = value.get("inspectionDirectorate").and_then(|v| v.as_str()) else {
        let found = value
            .get("inspectionDirectorate")
            .map_or(String::new(), ToString::to_string);
        let expected = "the inspection directorate, such as \"Adult social care\"";
        let at = Position::JsonPath("$.inspectionDirectorate".into());
        return Err(Box::new(common::bad_value(
            file,
            at,
            "inspectionDirectorate",
            &found,
            expected,
        )));
    };
    let org_type = value
        .get("type")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let service_types = value
        .get("gacServiceTypes")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|g| g.get("name").and_then(|n| n.as_str()));
    if !mapping::is_adult_social_care_api_location(directorate, org_type, service_types) {
        return Ok(None);
    }
    let detail: LocationDetail = json::typed(file, &value)?;
    if detail.location_id != id {
        let expected = format!("'{id}', the ID the file is named after and listed under");
        let at = Position::JsonPath("$.locationId".into());
        return Err(Box::new(common::bad_value(
            file,
            at,
            "locationId",
            &detail.location_id,
            expected,
        )));
    }
    Ok(Some(detail))
}

/// Provider names by ID: from `providers.json`, overridden by each provider's
/// own detail file where there is one.
fn provider_names(
    dir: &Path,
    wanted: &BTreeSet<&str>,
    errors: &mut IngestErrors,
    warnings: &mut Vec<Warning>,
) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let list_path = dir.join("providers.json");
    match json::read_optional(&list_path) {
        Ok(Some(v)) => match json::typed::<ProviderList>(&list_path, &v) {
            Ok(list) => names.extend(list.providers.into_iter().filter_map(|p| {
                let name = common::text(p.provider_name.as_deref()?)?;
                Some((p.provider_id, name))
            })),
            Err(e) => errors.push(*e),
        },
        Ok(None) => warnings.push(Warning {
            file: list_path.clone(),
            at: Position::File,
            message: "there is no providers.json: provider names come only from provider_details/"
                .into(),
        }),
        Err(e) => errors.push(*e),
    }
    for id in wanted {
        let file = dir
            .join("provider_details")
            .join(format!("provider_{id}.json"));
        match read_provider(&file, id) {
            Ok(Some(name)) => {
                names.insert((*id).to_string(), name);
            }
            Ok(None) => {}
            Err(e) => errors.push(*e),
        }
    }
    names
}

/// A provider's name from its detail file, if the file exists and names it.
fn read_provider(file: &Path, id: &str) -> Result<Option<String>, Box<IngestError>> {
    let safe = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let Some(value) = (if safe {
        json::read_optional(file)?
    } else {
        None
    }) else {
        return Ok(None);
    };
    let detail: ProviderDetail = json::typed(file, &value)?;
    if detail.provider_id != id {
        let expected = format!("'{id}', the ID the file is named after");
        let at = Position::JsonPath("$.providerId".into());
        return Err(Box::new(common::bad_value(
            file,
            at,
            "providerId",
            &detail.provider_id,
            expected,
        )));
    }
    Ok(detail.name.as_deref().and_then(common::text))
}

/// A warning when `locations.json` is one page of several.
fn page_warnings(path: &Path, list: &LocationList) -> Vec<Warning> {
    let more_pages = list.total_pages.is_some_and(|n| n > 1) || list.next_page_uri.is_some();
    let short = list.total.is_some_and(|t| t > list.locations.len() as u64);
    if !(more_pages || short) {
        return Vec::new();
    }
    vec![Warning {
        file: path.to_path_buf(),
        at: Position::File,
        message: format!(
            "the list holds {} locations of {}: locations on other pages are not read",
            list.locations.len(),
            list.total
                .map_or_else(|| "more".to_string(), |t| t.to_string())
        ),
    }]
}

/// A warning counting detail files that the list does not name.
fn unlisted_warning(dir: &Path, ids: &[String]) -> Option<Warning> {
    let folder: PathBuf = dir.join("location_details");
    let listed: BTreeSet<String> = ids.iter().map(|id| format!("location_{id}.json")).collect();
    let unlisted = std::fs::read_dir(&folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".json") && !listed.contains(&name)
        })
        .count();
    (unlisted > 0).then(|| Warning {
        file: folder,
        at: Position::File,
        message: format!("{unlisted} detail file(s) are not in locations.json and were not read"),
    })
}
