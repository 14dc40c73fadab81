//! The parts of CQC's API responses the reader uses, as serde types.
//!
//! Unknown fields are ignored, so CQC adding a field breaks nothing. The
//! contacts of regulated activities are read for their roles only: the serde
//! types have no field for a person's name, so a name is never even held.

use serde::Deserialize;

/// `locations.json`: one page of the location list.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LocationList {
    pub total: Option<u64>,
    pub total_pages: Option<u64>,
    pub next_page_uri: Option<String>,
    pub locations: Vec<ListedLocation>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListedLocation {
    pub location_id: String,
}

/// `providers.json`: one page of the provider list.
#[derive(Debug, Deserialize)]
pub(super) struct ProviderList {
    pub providers: Vec<ListedProvider>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListedProvider {
    pub provider_id: String,
    pub provider_name: Option<String>,
}

/// `provider_details/provider_<id>.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ProviderDetail {
    pub provider_id: String,
    pub name: Option<String>,
}

/// `location_details/location_<id>.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LocationDetail {
    pub location_id: String,
    pub provider_id: String,
    pub name: String,
    pub registration_status: String,
    pub registration_date: Option<String>,
    pub deregistration_date: Option<String>,
    pub postal_code: Option<String>,
    pub onspd_latitude: Option<f64>,
    pub onspd_longitude: Option<f64>,
    pub number_of_beds: Option<u32>,
    pub local_authority: String,
    #[serde(default)]
    pub gac_service_types: Vec<ServiceType>,
    #[serde(default)]
    pub specialisms: Vec<Named>,
    #[serde(default)]
    pub regulated_activities: Vec<RegulatedActivity>,
    pub current_ratings: Option<CurrentRatings>,
    #[serde(default)]
    pub historic_ratings: Vec<HistoricRating>,
    #[serde(default)]
    pub assessment: Vec<Assessment>,
}

#[derive(Debug, Deserialize)]
pub(super) struct ServiceType {
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Named {
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct RegulatedActivity {
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// A contact's roles, and nothing else about the person.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Contact {
    #[serde(default)]
    pub person_roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CurrentRatings {
    pub overall: Option<OverallRating>,
    pub report_date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct HistoricRating {
    pub overall: Option<OverallRating>,
    pub report_date: Option<String>,
}

/// An overall rating with its key question ratings (current or historic).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OverallRating {
    pub rating: Option<String>,
    pub report_date: Option<String>,
    #[serde(default)]
    pub key_question_ratings: Vec<KeyQuestionRating>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct KeyQuestionRating {
    pub name: String,
    pub rating: Option<String>,
    pub report_date: Option<String>,
}

/// One assessment of the single assessment framework.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Assessment {
    pub assessment_plan_published_date_time: Option<String>,
    pub ratings: Option<AssessmentRatings>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AssessmentRatings {
    #[serde(default)]
    pub asg_ratings: Vec<AsgRating>,
}

/// The rating of one assessment service group ("Care Homes", "Dental"…).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AsgRating {
    pub name: Option<String>,
    pub rating: Option<String>,
    pub status: Option<String>,
    pub assessment_date: Option<String>,
    #[serde(default)]
    pub key_question_ratings: Vec<AsgKeyQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AsgKeyQuestion {
    pub name: String,
    pub rating: Option<String>,
    #[serde(default)]
    pub topicareas: Vec<TopicArea>,
}

/// One quality statement's score.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TopicArea {
    pub name: String,
    pub quality_statement_id: String,
    #[serde(rename = "qualityStatementscore")]
    pub quality_statement_score: Option<String>,
    pub status: Option<String>,
}
