#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The CQC API reader on the real Oldham files in `data/cqc/api_oldham/`
//! (the CSV readers are in `cqc_real_data_csv.rs`).
//!
//! Every expected figure is worked out here from the raw files (JSON through
//! `serde_json::Value`, CSV through the `csv` crate), independently of the
//! readers, and then also pinned to the number it has today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use continuum_domain::{
    CqcBatch, CqcRating, KeyQuestion, Rating, RegistrationStatus, ServiceType, parse_date,
};
use continuum_ingest::cqc::{api, mapping};
use serde_json::Value;

/// The repository's `data/`, or `CONTINUUM_SHARED_DATA`.
fn data_dir() -> PathBuf {
    continuum_ingest::data_dir()
}

fn oldham_dir() -> PathBuf {
    data_dir().join("cqc/api_oldham")
}

/// Every location detail file of the Oldham folder, parsed.
fn oldham_raw() -> Vec<Value> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(oldham_dir().join("location_details")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        out.push(serde_json::from_slice(&bytes).unwrap());
    }
    out
}

fn is_asc_directorate(v: &Value) -> bool {
    v["inspectionDirectorate"] == "Adult social care"
}

/// Adult social care: the directorate says so, or a deregistered care service
/// filed under "Unspecified" (a Social Care Org with a care service type).
fn is_asc(v: &Value) -> bool {
    const CARE: [&str; 6] = [
        "Nursing homes",
        "Residential homes",
        "Supported housing",
        "Shared lives",
        "Supported living",
        "Homecare agencies",
    ];
    let care_type = v["gacServiceTypes"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|g| CARE.contains(&g["name"].as_str().unwrap_or("")));
    is_asc_directorate(v)
        || (v["inspectionDirectorate"] == "Unspecified"
            && v["type"] == "Social Care Org"
            && care_type)
}

fn oldham() -> CqcBatch {
    let (batch, _warnings) = api::read_dir(&oldham_dir()).unwrap();
    batch
}

const GRADED: [&str; 4] = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

/// The raw overall rating word: `currentRatings.overall`, else the current
/// assessment group's.
fn raw_rating(v: &Value) -> Option<String> {
    if let Some(r) = v["currentRatings"]["overall"]["rating"].as_str() {
        return Some(r.to_string());
    }
    let assessments = v["assessment"].as_array().cloned().unwrap_or_default();
    assessments
        .iter()
        .flat_map(|a| {
            a["ratings"]["asgRatings"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|g| g["status"] == "Current")
        .and_then(|g| g["rating"].as_str().map(str::to_string))
}

#[test]
fn oldham_keeps_the_adult_social_care_locations_and_counts_the_rest() {
    let raw = oldham_raw();
    let asc = raw.iter().filter(|v| is_asc(v)).count();
    let batch = oldham();
    assert_eq!(batch.locations.len(), asc);
    assert_eq!(
        batch.skipped,
        vec![("not adult social care".to_string(), raw.len() - asc)]
    );
    assert_eq!((asc, raw.len() - asc), (224, 227));
    let ids: Vec<_> = batch
        .locations
        .iter()
        .map(|l| l.location_id.clone())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "locations come sorted by ID");
}

#[test]
fn oldham_registered_and_rated_counts_match_the_raw_json() {
    let raw: Vec<Value> = oldham_raw().into_iter().filter(is_asc).collect();
    let registered = |v: &&Value| v["registrationStatus"] == "Registered";
    let rated = |v: &&Value| raw_rating(v).is_some_and(|r| GRADED.contains(&r.as_str()));
    let raw_registered = raw.iter().filter(registered).count();
    let raw_rated = raw.iter().filter(rated).count();
    let raw_rated_registered = raw.iter().filter(registered).filter(rated).count();

    let batch = oldham();
    let is_registered =
        |l: &&continuum_domain::CqcLocationUpdate| l.status == Some(RegistrationStatus::Registered);
    let is_rated = |l: &&continuum_domain::CqcLocationUpdate| {
        l.rating.is_some_and(|(r, _)| r != Rating::NotRated)
    };
    let locs = &batch.locations;
    assert_eq!(locs.iter().filter(is_registered).count(), raw_registered);
    assert_eq!(locs.iter().filter(is_rated).count(), raw_rated);
    let both = locs.iter().filter(is_registered).filter(is_rated).count();
    assert_eq!(both, raw_rated_registered);
    assert_eq!(
        (raw_registered, raw_rated, raw_rated_registered),
        (106, 115, 74)
    );
}

/// The service type worked out from the long CQC names, as a plain if-chain.
fn raw_service_type(v: &Value) -> ServiceType {
    let names: BTreeSet<String> = v["gacServiceTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["description"].as_str().unwrap().to_string())
        .collect();
    let has = |n: &str| names.contains(n);
    if has("Care home service with nursing") {
        ServiceType::NursingHome
    } else if has("Care home service without nursing") {
        ServiceType::ResidentialHome
    } else if has("Extra Care housing services") {
        ServiceType::ExtraCare
    } else if has("Shared Lives") {
        ServiceType::SharedLives
    } else if has("Supported living service") {
        ServiceType::SupportedLiving
    } else if has("Domiciliary care service") {
        ServiceType::Homecare
    } else if has("Rehabilitation services") {
        ServiceType::IntermediateCare
    } else {
        ServiceType::Other
    }
}

#[test]
fn oldham_service_types_follow_the_gac_service_types() {
    let mut expected: BTreeMap<ServiceType, usize> = BTreeMap::new();
    for v in oldham_raw().iter().filter(|v| is_asc(v)) {
        *expected.entry(raw_service_type(v)).or_default() += 1;
    }
    let mut got: BTreeMap<ServiceType, usize> = BTreeMap::new();
    for l in &oldham().locations {
        *got.entry(l.service_type.unwrap()).or_default() += 1;
    }
    assert_eq!(got, expected);
    let today = BTreeMap::from([
        (ServiceType::NursingHome, 25),
        (ServiceType::ResidentialHome, 61),
        (ServiceType::Homecare, 105),
        (ServiceType::SupportedLiving, 25),
        (ServiceType::ExtraCare, 6),
        (ServiceType::SharedLives, 2),
    ]);
    assert_eq!(expected, today);
}

#[test]
fn oldham_beds_managers_and_coordinates_come_from_the_detail() {
    let raw: BTreeMap<String, Value> = oldham_raw()
        .into_iter()
        .filter(is_asc)
        .map(|v| (v["locationId"].as_str().unwrap().to_string(), v))
        .collect();
    let mut managers = 0;
    for l in &oldham().locations {
        let v = &raw[l.location_id.as_str()];
        let beds = v["numberOfBeds"].as_u64().unwrap_or(0);
        assert_eq!(
            l.beds,
            Some(u32::try_from(beds).unwrap()),
            "{}",
            l.location_id
        );
        assert_eq!(l.latitude, v["onspdLatitude"].as_f64());
        assert_eq!(l.longitude, v["onspdLongitude"].as_f64());
        let text = v["regulatedActivities"].to_string();
        assert_eq!(
            l.registered_manager,
            Some(text.contains("\"Registered Manager\""))
        );
        managers += usize::from(l.registered_manager == Some(true));
    }
    assert_eq!(managers, 97);
}

#[test]
fn oldham_keeps_no_persons_name() {
    let mut names = BTreeSet::new();
    for v in oldham_raw() {
        for a in v["regulatedActivities"].as_array().unwrap() {
            for c in a["contacts"].as_array().into_iter().flatten() {
                let given = c["personGivenName"].as_str().unwrap_or("");
                let family = c["personFamilyName"].as_str().unwrap_or("");
                names.insert(format!("{given} {family}"));
            }
        }
    }
    assert!(names.len() > 50, "the raw files do name managers");
    // A sole trader or partnership is registered under its people's names
    // ("Mr Charles Jones and Mrs Sally Jones"): that is the provider's
    // published name, which the register keeps, not a contact read from the
    // regulated activities.
    let providers = std::fs::read_to_string(oldham_dir().join("providers.json")).unwrap();
    names.retain(|n| !providers.contains(n.as_str()));
    let out = serde_json::to_string(&oldham()).unwrap();
    for n in &names {
        assert!(!out.contains(n.as_str()), "the batch holds the name {n}");
    }
}

#[test]
fn oldham_ratings_are_dated_by_their_report_and_history_is_kept() {
    let raw: Vec<Value> = oldham_raw().into_iter().filter(is_asc).collect();
    let batch = oldham();
    let by_id: BTreeMap<_, _> = batch
        .locations
        .iter()
        .map(|l| (l.location_id.as_str().to_string(), l))
        .collect();
    let mut historic = 0;
    for v in &raw {
        let l = by_id[v["locationId"].as_str().unwrap()];
        let date = v["currentRatings"]["overall"]["reportDate"].as_str();
        if let Some(d) = date {
            assert_eq!(l.rating.unwrap().1, Some(parse_date(d).unwrap()));
        }
        for h in v["historicRatings"].as_array().into_iter().flatten() {
            let word = h["overall"]["rating"].as_str().unwrap_or("");
            if CqcRating::parse(word).unwrap() == CqcRating::NotRated {
                continue;
            }
            historic += 1;
            let on = parse_date(h["reportDate"].as_str().unwrap()).unwrap();
            assert!(
                batch
                    .rating_events
                    .iter()
                    .any(|e| e.location_id == l.location_id
                        && e.published_on == on
                        && e.key_question == KeyQuestion::Overall
                        && e.rating == CqcRating::parse(word).unwrap()),
                "historic rating of {} on {on}",
                l.location_id
            );
        }
    }
    assert!(historic > 100);
}

#[test]
fn oldham_assessed_locations_take_their_current_assessment_rating() {
    let batch = oldham();
    for id in ["1-5203053560", "1-5312102242"] {
        let l = batch
            .locations
            .iter()
            .find(|l| l.location_id.as_str() == id)
            .unwrap();
        let published = if id == "1-5203053560" {
            "2024-09-17"
        } else {
            "2024-08-08"
        };
        assert_eq!(
            l.rating,
            Some((Rating::Good, Some(parse_date(published).unwrap())))
        );
    }
}

#[test]
fn oldham_quality_statements_come_from_the_topic_areas() {
    let mut raw_scores = Vec::new();
    for v in oldham_raw().iter().filter(|v| is_asc(v)) {
        for a in v["assessment"].as_array().into_iter().flatten() {
            for g in a["ratings"]["asgRatings"].as_array().unwrap() {
                for k in g["keyQuestionRatings"].as_array().unwrap() {
                    for t in k["topicareas"].as_array().unwrap() {
                        raw_scores.push(t["qualityStatementscore"].as_str().unwrap().to_string());
                    }
                }
            }
        }
    }
    let batch = oldham();
    assert_eq!(batch.quality_statements.len(), raw_scores.len());
    assert_eq!(raw_scores.len(), 66);
    let twos = raw_scores.iter().filter(|s| s.starts_with("2 ")).count();
    let got_twos = batch
        .quality_statements
        .iter()
        .filter(|q| q.score == Some(2))
        .count();
    assert_eq!(got_twos, twos);
    assert!(twos >= 1);
    assert!(
        batch
            .quality_statements
            .iter()
            .all(|q| (1..=33).contains(&q.statement_id))
    );
}

#[test]
fn the_directory_rule_agrees_with_the_api_directorate() {
    let mut compared = 0;
    for v in oldham_raw() {
        let directorate = v["inspectionDirectorate"].as_str().unwrap();
        if directorate == "Unspecified" {
            continue;
        }
        let names: Vec<&str> = v["gacServiceTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            mapping::is_adult_social_care_service_types(names.iter().copied()),
            is_asc_directorate(&v),
            "{} {names:?}",
            v["locationId"]
        );
        compared += 1;
    }
    assert_eq!(compared, 391);
}

#[test]
fn the_top_level_location_details_json_repeats_a_listed_detail() {
    let top: Value =
        serde_json::from_slice(&std::fs::read(oldham_dir().join("location_details.json")).unwrap())
            .unwrap();
    let id = top["locationId"].as_str().unwrap();
    let file = oldham_dir().join(format!("location_details/location_{id}.json"));
    let same: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(top, same);
}
