//! CQC's own words: the full set of rating words, key questions, rating history
//! and the quality statement scores of the single assessment framework.

use serde::{Deserialize, Serialize};

use crate::{Date, LocationId, ParseError, Rating};

/// A rating word as CQC publishes it, including the words that only some sectors
/// use. [`CqcRating::to_rating`] folds it into the bundle's five ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CqcRating {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// "Not Rated", "Not yet rated", "No published rating" or an empty rating.
    NotRated,
    InspectedButNotRated,
    InsufficientEvidence,
    RegulationsMet,
    RegulationsNotMet,
    NotApplicable,
}

impl CqcRating {
    /// Reads a CQC rating word, ignoring case. An empty word is "not yet rated",
    /// as the API writes it.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let w = s.trim().to_ascii_lowercase();
        Ok(match w.as_str() {
            "outstanding" => Self::Outstanding,
            "good" => Self::Good,
            "requires improvement" => Self::RequiresImprovement,
            "inadequate" => Self::Inadequate,
            "" | "not rated" | "not yet rated" | "no published rating" => Self::NotRated,
            "inspected but not rated" => Self::InspectedButNotRated,
            "insufficient evidence to rate" => Self::InsufficientEvidence,
            "regulations met" => Self::RegulationsMet,
            "regulations not met" => Self::RegulationsNotMet,
            "not applicable" => Self::NotApplicable,
            _ => {
                return Err(ParseError::expected(
                    "a CQC rating: Outstanding, Good, Requires improvement, Inadequate, Not Rated, \
                     Inspected but not rated, Insufficient evidence to rate, Regulations met, \
                     Regulations not met or Not applicable",
                ));
            }
        })
    }

    /// The bundle rating: the four graded words map across, everything else is
    /// `not_rated`.
    pub fn to_rating(self) -> Rating {
        match self {
            Self::Outstanding => Rating::Outstanding,
            Self::Good => Rating::Good,
            Self::RequiresImprovement => Rating::RequiresImprovement,
            Self::Inadequate => Rating::Inadequate,
            _ => Rating::NotRated,
        }
    }

    /// The word as CQC prints it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outstanding => "Outstanding",
            Self::Good => "Good",
            Self::RequiresImprovement => "Requires improvement",
            Self::Inadequate => "Inadequate",
            Self::NotRated => "Not rated",
            Self::InspectedButNotRated => "Inspected but not rated",
            Self::InsufficientEvidence => "Insufficient evidence to rate",
            Self::RegulationsMet => "Regulations met",
            Self::RegulationsNotMet => "Regulations not met",
            Self::NotApplicable => "Not applicable",
        }
    }
}

/// The overall rating and CQC's five key questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyQuestion {
    Overall,
    Safe,
    Effective,
    Caring,
    Responsive,
    WellLed,
}

impl KeyQuestion {
    /// All six, overall first.
    pub const ALL: [KeyQuestion; 6] = [
        KeyQuestion::Overall,
        KeyQuestion::Safe,
        KeyQuestion::Effective,
        KeyQuestion::Caring,
        KeyQuestion::Responsive,
        KeyQuestion::WellLed,
    ];

    /// Reads CQC's domain name ("Well-led", "Overall"), ignoring case.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "overall" => Ok(Self::Overall),
            "safe" => Ok(Self::Safe),
            "effective" => Ok(Self::Effective),
            "caring" => Ok(Self::Caring),
            "responsive" => Ok(Self::Responsive),
            "well-led" | "well led" | "well_led" => Ok(Self::WellLed),
            _ => Err(ParseError::expected(
                "a key question: Overall, Safe, Effective, Caring, Responsive or Well-led",
            )),
        }
    }

    /// The key question as CQC prints it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overall => "Overall",
            Self::Safe => "Safe",
            Self::Effective => "Effective",
            Self::Caring => "Caring",
            Self::Responsive => "Responsive",
            Self::WellLed => "Well-led",
        }
    }

    /// The snake_case name used in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overall => "overall",
            Self::Safe => "safe",
            Self::Effective => "effective",
            Self::Caring => "caring",
            Self::Responsive => "responsive",
            Self::WellLed => "well_led",
        }
    }
}

/// One published rating of one location: the history that trends are drawn from.
///
/// The same event read twice is the same value, so a re-import adds nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RatingEvent {
    pub location_id: LocationId,
    /// CQC's service or population group: "Overall", "Care Homes", "Homecare"…
    pub service_group: String,
    pub key_question: KeyQuestion,
    pub rating: CqcRating,
    /// The publication date of the report that gave the rating.
    pub published_on: Date,
}

/// A score for one quality statement of CQC's single assessment framework.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QualityStatementScore {
    pub location_id: LocationId,
    pub assessed_on: Date,
    pub key_question: KeyQuestion,
    /// CQC's quality statement ID, 1–33 for providers.
    pub statement_id: u32,
    pub statement: String,
    /// 1–4 where CQC gives a score; none for "Regulations met" and similar.
    pub score: Option<u8>,
    /// CQC's words for the score.
    pub score_text: String,
    /// Whether this statement was looked at in the assessment.
    pub assessed: bool,
}

/// A change CQC's data made to a location, kept so that history is never lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationChange {
    pub location_id: LocationId,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_word_for_not_rated_folds_to_not_rated() {
        for w in ["", "Not Rated", "Not yet rated", "No published rating"] {
            assert_eq!(
                CqcRating::parse(w).map(CqcRating::to_rating),
                Ok(Rating::NotRated),
                "{w}"
            );
        }
    }

    #[test]
    fn an_unknown_rating_word_is_refused() {
        assert!(CqcRating::parse("Excellent").is_err());
    }
}

/// What one CQC source says about one location. Each source knows different
/// fields, so every field it does not carry is `None` and leaves the register
/// as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CqcLocationUpdate {
    pub location_id: LocationId,
    pub provider_id: crate::ProviderId,
    pub provider_name: Option<String>,
    pub name: String,
    pub local_authority: crate::LaName,
    pub postcode: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub service_type: Option<crate::ServiceType>,
    /// Set by sources that know a location is a care home but not whether it
    /// provides nursing (the ratings CSV): a nursing home already in the register
    /// then stays a nursing home.
    pub nursing_unknown: bool,
    pub beds: Option<u32>,
    pub specialisms: Option<Vec<crate::Specialism>>,
    pub registered_manager: Option<bool>,
    /// The overall rating and the date it was published.
    pub rating: Option<(Rating, Option<Date>)>,
    pub status: Option<crate::RegistrationStatus>,
    pub registered_on: Option<Date>,
    pub deregistered_on: Option<Date>,
}

impl CqcLocationUpdate {
    /// Applies this update to the register's current row (or creates the row).
    ///
    /// The rule: CQC fields take CQC's value, except that a rating older than the
    /// one already held is kept as history only (the newest rating wins). Council
    /// fields (`locality_id`, `in_house`, `sponsor_licence`) are never touched.
    /// Returns the new row and the list of fields that changed.
    pub fn apply(
        &self,
        current: Option<&crate::Location>,
    ) -> (crate::Location, Vec<LocationChange>) {
        let mut loc = current.cloned().unwrap_or_else(|| crate::Location {
            location_id: self.location_id.clone(),
            provider_id: self.provider_id.clone(),
            provider_name: String::new(),
            name: self.name.clone(),
            local_authority: self.local_authority.clone(),
            locality_id: None,
            postcode: String::new(),
            latitude: None,
            longitude: None,
            service_type: crate::ServiceType::Other,
            beds: 0,
            specialisms: Vec::new(),
            registered_manager: None,
            in_house: false,
            rating: Rating::NotRated,
            rating_date: None,
            status: crate::RegistrationStatus::Registered,
            registered_on: None,
            deregistered_on: None,
            sponsor_licence: crate::SponsorLicence::NotHeld,
        });
        let mut changes = Vec::new();
        let id = &self.location_id;
        let mut note = |field: &str, old: String, new: String| {
            if current.is_some() && old != new {
                changes.push(LocationChange {
                    location_id: id.clone(),
                    field: field.to_string(),
                    old_value: old,
                    new_value: new,
                });
            }
        };
        fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
            v.as_ref().map(ToString::to_string).unwrap_or_default()
        }
        macro_rules! set {
            ($field:ident, $new:expr, $show:expr) => {{
                let new = $new;
                if loc.$field != new {
                    note(stringify!($field), $show(&loc.$field), $show(&new));
                    loc.$field = new;
                }
            }};
        }
        set!(
            provider_id,
            self.provider_id.clone(),
            |v: &crate::ProviderId| v.to_string()
        );
        if let Some(p) = &self.provider_name {
            set!(provider_name, p.clone(), |v: &String| v.clone());
        }
        set!(name, self.name.clone(), |v: &String| v.clone());
        set!(
            local_authority,
            self.local_authority.clone(),
            |v: &crate::LaName| v.to_string()
        );
        if let Some(p) = &self.postcode {
            set!(postcode, p.clone(), |v: &String| v.clone());
        }
        if self.latitude.is_some() || self.longitude.is_some() {
            set!(latitude, self.latitude, opt);
            set!(longitude, self.longitude, opt);
        }
        if let Some(s) = self.service_type {
            let keep_nursing = self.nursing_unknown
                && loc.service_type == crate::ServiceType::NursingHome
                && s.is_care_home();
            if !keep_nursing {
                set!(service_type, s, |v: &crate::ServiceType| v.to_string());
            }
        }
        if let Some(b) = self.beds {
            set!(beds, b, |v: &u32| v.to_string());
        }
        if let Some(s) = &self.specialisms {
            set!(specialisms, s.clone(), |v: &Vec<crate::Specialism>| {
                crate::parse::format_list(v)
            });
        }
        if let Some(m) = self.registered_manager {
            set!(registered_manager, Some(m), opt);
        }
        if let Some((rating, date)) = self.rating {
            let newer = match (loc.rating_date, date) {
                (Some(held), Some(new)) => new >= held,
                (Some(_), None) => false,
                (None, _) => true,
            };
            if newer {
                set!(rating, rating, |v: &Rating| v.to_string());
                set!(rating_date, date, |v: &Option<Date>| v
                    .map(crate::parse::format_date)
                    .unwrap_or_default());
            }
        }
        if let Some(s) = self.status {
            set!(status, s, |v: &crate::RegistrationStatus| v.to_string());
        }
        if self.registered_on.is_some() {
            set!(registered_on, self.registered_on, |v: &Option<Date>| v
                .map(crate::parse::format_date)
                .unwrap_or_default());
        }
        if self.deregistered_on.is_some()
            || self.status == Some(crate::RegistrationStatus::Registered)
        {
            set!(deregistered_on, self.deregistered_on, |v: &Option<Date>| v
                .map(crate::parse::format_date)
                .unwrap_or_default());
        }
        (loc, changes)
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;
    use crate::{LaName, ProviderId, RegistrationStatus, ServiceType};

    fn d(s: &str) -> Date {
        crate::parse_date(s).unwrap_or(Date::MIN)
    }

    fn update(rating: Rating, on: &str) -> CqcLocationUpdate {
        CqcLocationUpdate {
            location_id: LocationId::parse("1-1").unwrap_or_else(|_| unreachable!()),
            provider_id: ProviderId::parse("1-2").unwrap_or_else(|_| unreachable!()),
            provider_name: Some("Acme Care".into()),
            name: "Acme House".into(),
            local_authority: LaName::parse("Oldham").unwrap_or_else(|_| unreachable!()),
            postcode: Some("OL1 1AA".into()),
            latitude: None,
            longitude: None,
            service_type: Some(ServiceType::ResidentialHome),
            nursing_unknown: false,
            beds: Some(30),
            specialisms: None,
            registered_manager: Some(true),
            rating: Some((rating, Some(d(on)))),
            status: Some(RegistrationStatus::Registered),
            registered_on: Some(d("2010-01-01")),
            deregistered_on: None,
        }
    }

    #[test]
    fn applying_the_same_update_twice_changes_nothing() {
        let u = update(Rating::Good, "2024-01-05");
        let (first, _) = u.apply(None);
        let (second, changes) = u.apply(Some(&first));
        assert_eq!(first, second);
        assert!(changes.is_empty());
    }

    #[test]
    fn a_newer_rating_replaces_the_held_one_and_is_logged() {
        let (first, _) = update(Rating::Good, "2022-01-05").apply(None);
        let (second, changes) =
            update(Rating::RequiresImprovement, "2024-03-01").apply(Some(&first));
        assert_eq!(second.rating, Rating::RequiresImprovement);
        assert!(
            changes
                .iter()
                .any(|c| c.field == "rating" && c.old_value == "good")
        );
    }

    #[test]
    fn an_older_rating_does_not_replace_a_newer_one() {
        let (first, _) = update(Rating::Good, "2024-01-05").apply(None);
        let (second, _) = update(Rating::Inadequate, "2019-01-05").apply(Some(&first));
        assert_eq!(second.rating, Rating::Good);
    }

    #[test]
    fn a_source_that_cannot_tell_nursing_keeps_a_nursing_home() {
        let mut u = update(Rating::Good, "2024-01-05");
        u.service_type = Some(ServiceType::NursingHome);
        let (first, _) = u.apply(None);
        let mut v = update(Rating::Good, "2024-01-05");
        v.nursing_unknown = true;
        let (second, _) = v.apply(Some(&first));
        assert_eq!(second.service_type, ServiceType::NursingHome);
    }

    #[test]
    fn council_fields_survive_a_cqc_update() {
        let (mut first, _) = update(Rating::Good, "2024-01-05").apply(None);
        first.in_house = true;
        first.sponsor_licence = crate::SponsorLicence::Revoked;
        let (second, _) = update(Rating::Good, "2024-01-05").apply(Some(&first));
        assert!(second.in_house);
        assert_eq!(second.sponsor_licence, crate::SponsorLicence::Revoked);
    }
}

/// Everything one CQC file (or API directory) says, ready for the register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CqcBatch {
    /// Providers named by the source, with their names.
    pub providers: Vec<crate::Provider>,
    /// One update per adult social care location.
    pub locations: Vec<CqcLocationUpdate>,
    /// Every rating the source publishes, current and historic.
    pub rating_events: Vec<RatingEvent>,
    /// Quality statement scores, where the source has them.
    pub quality_statements: Vec<QualityStatementScore>,
    /// Rows or records left out, with the reason (not adult social care, and so on).
    pub skipped: Vec<(String, usize)>,
}
