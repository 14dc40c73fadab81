//! The closed vocabularies of the bundle (snake_case in files).
//!
//! Each is an enum with `ALL`, `as_str`, `FromStr` and `Display`. An unknown word
//! is an [`UnknownWord`] error that lists every accepted word, so a council
//! analyst can fix the file without reading the code.

/// A word that is not in a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} '{value}'; expected one of: {}", .expected.join(", "))]
pub struct UnknownWord {
    /// The vocabulary's name, as the bundle spec writes it.
    pub vocabulary: &'static str,
    /// The word that was given.
    pub value: String,
    /// Every accepted word.
    pub expected: Vec<&'static str>,
}

impl From<UnknownWord> for crate::ParseError {
    fn from(e: UnknownWord) -> Self {
        crate::ParseError::expected(format!(
            "one of: {} ({} is not a known {})",
            e.expected.join(", "),
            if e.value.is_empty() { "empty" } else { "it" },
            e.vocabulary
        ))
    }
}

/// Defines a vocabulary enum with its snake_case words.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident ($label:literal) { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every word, in the order the spec lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The vocabulary's name in messages.
            pub const LABEL: &'static str = $label;

            /// The word as written in bundle files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::vocab::UnknownWord;
            fn from_str(s: &str) -> Result<Self, $crate::vocab::UnknownWord> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err($crate::vocab::UnknownWord {
                        vocabulary: $label,
                        value: s.to_string(),
                        expected: vec![$($word),+],
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The primary kind of service a location provides.
    ServiceType ("service_type") {
        NursingHome = "nursing_home",
        ResidentialHome = "residential_home",
        Homecare = "homecare",
        SupportedLiving = "supported_living",
        ExtraCare = "extra_care",
        DayService = "day_service",
        SharedLives = "shared_lives",
        Respite = "respite",
        IntermediateCare = "intermediate_care",
        Other = "other",
    }
}

impl ServiceType {
    /// Care homes, with or without nursing: the homes occupancy is counted over.
    pub fn is_care_home(self) -> bool {
        matches!(
            self,
            ServiceType::NursingHome | ServiceType::ResidentialHome
        )
    }

    /// Words a council reader understands, for pages and reports.
    pub fn label(self) -> &'static str {
        match self {
            ServiceType::NursingHome => "Nursing homes",
            ServiceType::ResidentialHome => "Residential homes",
            ServiceType::Homecare => "Homecare",
            ServiceType::SupportedLiving => "Supported living",
            ServiceType::ExtraCare => "Extra care",
            ServiceType::DayService => "Day services",
            ServiceType::SharedLives => "Shared lives",
            ServiceType::Respite => "Respite",
            ServiceType::IntermediateCare => "Intermediate care",
            ServiceType::Other => "Other",
        }
    }
}

vocabulary! {
    /// A need a service can meet; also what a request requires.
    Specialism ("specialism") {
        Dementia = "dementia",
        LearningDisability = "learning_disability",
        Autism = "autism",
        MentalHealth = "mental_health",
        PhysicalDisability = "physical_disability",
        SensoryImpairment = "sensory_impairment",
        SubstanceMisuse = "substance_misuse",
        Bariatric = "bariatric",
        ComplexNeeds = "complex_needs",
        YoungerAdults = "younger_adults",
        OlderPeople = "older_people",
        EndOfLife = "end_of_life",
        CulturallySpecific = "culturally_specific",
    }
}

vocabulary! {
    /// A location's overall CQC rating, as the bundle writes it.
    Rating ("rating") {
        Outstanding = "outstanding",
        Good = "good",
        RequiresImprovement = "requires_improvement",
        Inadequate = "inadequate",
        NotRated = "not_rated",
    }
}

impl Rating {
    /// The rating as CQC prints it.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Outstanding => "Outstanding",
            Rating::Good => "Good",
            Rating::RequiresImprovement => "Requires improvement",
            Rating::Inadequate => "Inadequate",
            Rating::NotRated => "Not yet rated",
        }
    }

    /// Good or outstanding.
    pub fn is_good_or_better(self) -> bool {
        matches!(self, Rating::Outstanding | Rating::Good)
    }
}

vocabulary! {
    /// Whether a location is registered with CQC.
    RegistrationStatus ("status") {
        Registered = "registered",
        Deregistered = "deregistered",
    }
}

vocabulary! {
    /// The Home Office sponsor licence of a provider that recruits from abroad.
    SponsorLicence ("sponsor_licence") {
        /// No licence is held.
        NotHeld = "none",
        Held = "held",
        Revoked = "revoked",
    }
}

vocabulary! {
    /// How a contract was let.
    ContractKind ("contract kind") {
        Framework = "framework",
        Spot = "spot",
        Block = "block",
        /// A dynamic purchasing system, with open enrolment.
        Dps = "dps",
        /// Outcome- or zone-based.
        Outcome = "outcome",
    }
}

vocabulary! {
    /// What a rate is paid per.
    RateUnit ("rate_unit") {
        Hour = "hour",
        Week = "week",
        Night = "night",
        Session = "session",
    }
}

vocabulary! {
    /// Sex in population figures and prevalence rates.
    Sex ("sex") {
        Female = "f",
        Male = "m",
    }
}

vocabulary! {
    /// A person's recorded sex or gender; wider than [`Sex`] because records hold
    /// "other" and "not known".
    Gender ("sex") {
        Female = "f",
        Male = "m",
        Other = "other",
        Unknown = "unknown",
    }
}

impl Gender {
    /// The population band this person is counted in, where there is one.
    pub fn band(self) -> Option<Sex> {
        match self {
            Gender::Female => Some(Sex::Female),
            Gender::Male => Some(Sex::Male),
            Gender::Other | Gender::Unknown => None,
        }
    }
}

vocabulary! {
    /// Whether a population figure is an estimate or a projection.
    PopulationKind ("population kind") {
        Estimate = "estimate",
        Projection = "projection",
    }
}

vocabulary! {
    /// Whether a person receives services or cares for someone who does.
    ClientType ("client_type") {
        ServiceUser = "service_user",
        UnpaidCarer = "unpaid_carer",
    }
}

vocabulary! {
    /// The CLD primary support reason, in snake_case (the CLD words lower-cased,
    /// with every run of other characters turned into `_`).
    PrimarySupportReason ("primary_support_reason") {
        PersonalCare = "physical_support_personal_care_support",
        AccessAndMobility = "physical_support_access_and_mobility_only",
        VisualImpairment = "sensory_support_support_for_visual_impairment",
        HearingImpairment = "sensory_support_support_for_hearing_impairment",
        DualImpairment = "sensory_support_support_for_dual_impairment",
        MemoryAndCognition = "support_with_memory_and_cognition",
        LearningDisability = "learning_disability_support",
        MentalHealth = "mental_health_support",
        SubstanceMisuse = "social_support_substance_misuse_support",
        AsylumSeeker = "social_support_asylum_seeker_support",
        SocialIsolation = "social_support_support_for_social_isolation_or_other",
        UnpaidCarer = "social_support_support_to_unpaid_carer",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// How a request reached the council.
    Route ("route") {
        Community = "community",
        HospitalDischarge = "hospital_discharge",
        Review = "review",
        Transition = "transition",
        Carer = "carer",
    }
}

vocabulary! {
    /// How a request was closed.
    RequestOutcome ("outcome") {
        Placed = "placed",
        Declined = "declined",
        Died = "died",
        NoLongerNeeded = "no_longer_needed",
        MovedAway = "moved_away",
        Other = "other",
    }
}

vocabulary! {
    /// Why a request waited.
    DelayReason ("delay_reasons") {
        HospitalAdmission = "hospital_admission",
        Declined = "declined",
        Sourcing = "sourcing",
        AwaitingDirectPayment = "awaiting_direct_payment",
        FamilyChoice = "family_choice",
        Funding = "funding",
        Transport = "transport",
        Medication = "medication",
        Assessment = "assessment",
        Housing = "housing",
        Other = "other",
    }
}

vocabulary! {
    /// Where a request is in brokerage. Kept by the app; a bundle import derives
    /// it from the outcome and the linked placement.
    RequestStage ("stage") {
        Received = "received",
        Sourcing = "sourcing",
        Offered = "offered",
        Accepted = "accepted",
        Started = "started",
        Closed = "closed",
    }
}

vocabulary! {
    /// Why a placement ended.
    EndReason ("end_reason") {
        Planned = "planned",
        Died = "died",
        Moved = "moved",
        Hospital = "hospital",
        Handback = "handback",
        ProviderFailure = "provider_failure",
        Sanction = "sanction",
        Other = "other",
    }
}

impl EndReason {
    /// Ends caused by the provider or the market, which test continuity.
    pub fn is_disruption(self) -> bool {
        matches!(
            self,
            EndReason::Handback | EndReason::ProviderFailure | EndReason::Sanction
        )
    }
}

vocabulary! {
    /// How a placement is paid for.
    Delivery ("delivery") {
        Commissioned = "commissioned",
        DirectPayment = "direct_payment",
        ManagedBudget = "managed_budget",
    }
}

vocabulary! {
    /// Why a person is placed outside their council's area.
    OoaReason ("ooa_reason") {
        PersonalChoice = "personal_choice",
        Family = "family",
        SpecialistUnavailable = "specialist_unavailable",
        NoVacancy = "no_vacancy",
        Other = "other",
    }
}

vocabulary! {
    /// Whether a review was planned.
    ReviewKind ("review kind") {
        Planned = "planned",
        Unplanned = "unplanned",
    }
}

vocabulary! {
    /// A rating in the council's own quality assessment framework (PAMMS shape).
    QaRating ("quality assessment rating") {
        Excellent = "excellent",
        Good = "good",
        RequiresImprovement = "requires_improvement",
        Poor = "poor",
    }
}

vocabulary! {
    /// Why a monitoring visit was made.
    VisitKind ("visit kind") {
        Annual = "annual",
        Risk = "risk",
        FollowUp = "follow_up",
        Themed = "themed",
        Contract = "contract",
    }
}

vocabulary! {
    /// What kind of concern was raised about a location.
    ConcernKind ("concern kind") {
        Safeguarding = "safeguarding",
        Complaint = "complaint",
        Whistleblowing = "whistleblowing",
        Professional = "professional",
        Medication = "medication",
        Other = "other",
    }
}

vocabulary! {
    /// A contractual sanction on a location.
    SanctionKind ("sanction kind") {
        /// No new placements.
        Suspension = "suspension",
        Embargo = "embargo",
        Restriction = "restriction",
        Termination = "termination",
    }
}

vocabulary! {
    /// Where a gap in services has got to.
    GapStatus ("gap status") {
        Open = "open",
        InProgress = "in_progress",
        Resolved = "resolved",
    }
}

vocabulary! {
    /// Whether a higher or a lower value of a measure is better.
    Polarity ("polarity") {
        HigherBetter = "higher_better",
        LowerBetter = "lower_better",
    }
}

vocabulary! {
    /// A provider's risk, red/amber/green.
    RiskLevel ("risk") {
        Red = "red",
        Amber = "amber",
        Green = "green",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back_to_its_variant() {
        for s in ServiceType::ALL {
            assert_eq!(s.as_str().parse::<ServiceType>(), Ok(*s));
        }
        for s in DelayReason::ALL {
            assert_eq!(s.as_str().parse::<DelayReason>(), Ok(*s));
        }
    }

    #[test]
    fn an_unknown_word_lists_the_accepted_ones() {
        let err = "care_home"
            .parse::<ServiceType>()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown service_type 'care_home'"), "{err}");
        assert!(err.contains("nursing_home, residential_home"), "{err}");
    }

    #[test]
    fn words_serialise_as_the_bundle_writes_them() {
        let json = serde_json::to_string(&SponsorLicence::NotHeld).unwrap_or_default();
        assert_eq!(json, "\"none\"");
    }
}
