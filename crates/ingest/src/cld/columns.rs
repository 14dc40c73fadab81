//! The columns of a CLD submission file, under both spellings.
//!
//! DHSC's specification names columns with spaces ("LA Person Unique
//! Identifier"); DHSC's own SQL uses underscores ("LA_Person_Unique_Identifier").
//! Both are read: a header is matched after [`norm`], which lower-cases it and
//! turns every run of other characters into one `_`.
//!
//! Some columns identify a person directly (NHS number, names, dates of birth
//! and death, postcode, GP practice). They are marked `private`: their values
//! are never kept (the birth year and the death rule aside), and never shown in
//! an error or a warning.

/// A column the reader knows. Only some are read; the others are recognised so
/// that they do not raise "unknown column" warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    PersonId,
    Gender,
    Ethnicity,
    DateOfBirth,
    DateOfDeath,
    ClientType,
    PrimarySupportReason,
    HasUnpaidCarer,
    Autism,
    VisualImpairment,
    HearingImpairment,
    Dementia,
    EventType,
    EventReference,
    EventStart,
    EventEnd,
    EventOutcome,
    RouteOfAccess,
    Linked1,
    Linked2,
    Linked3,
    ServiceType,
    ServiceComponent,
    DeliveryMechanism,
    LocationId,
    ReviewReason,
    UnitCost,
    CostFrequency,
    PlannedUnits,
    /// Known, not read.
    Ignored,
}

/// One known column: its spec name, whether the header must have it, and
/// whether its values identify a person.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Known {
    pub col: Col,
    pub name: &'static str,
    pub required: bool,
    pub private: bool,
}

const fn k(col: Col, name: &'static str) -> Known {
    Known {
        col,
        name,
        required: false,
        private: false,
    }
}

const fn required(col: Col, name: &'static str) -> Known {
    Known {
        required: true,
        ..k(col, name)
    }
}

const fn private(name: &'static str) -> Known {
    Known {
        private: true,
        ..k(Col::Ignored, name)
    }
}

/// Every column of `cld_fields.csv`, by its spec name.
pub(crate) const KNOWN: &[Known] = &[
    k(Col::Ignored, "LA Code"),
    k(Col::Ignored, "Reporting Period Start Date"),
    k(Col::Ignored, "Reporting Period End Date"),
    private("NHS Number"),
    required(Col::PersonId, "LA Person Unique Identifier"),
    private("First Name"),
    private("Last Name"),
    private("GP Practice Name"),
    private("GP Practice Code"),
    k(Col::Gender, "Gender"),
    k(Col::Ethnicity, "Ethnicity"),
    Known {
        private: true,
        ..k(Col::DateOfBirth, "Date of Birth")
    },
    Known {
        private: true,
        ..k(Col::DateOfDeath, "Date of Death")
    },
    required(Col::ClientType, "Client Type"),
    k(Col::PrimarySupportReason, "Primary Support Reason"),
    private("Postcode"),
    k(Col::Ignored, "Accommodation Status"),
    k(Col::Ignored, "Employment Status"),
    k(Col::HasUnpaidCarer, "Has Unpaid Carer"),
    k(Col::Autism, "Autism Spectrum Disorder (ASD)"),
    k(Col::VisualImpairment, "Visual Impairment"),
    k(Col::HearingImpairment, "Hearing Impairment"),
    k(Col::Dementia, "Dementia"),
    k(Col::Ignored, "Client Funding Status"),
    required(Col::EventType, "Event Type"),
    k(Col::EventReference, "Event Reference"),
    required(Col::EventStart, "Event Start Date"),
    k(Col::EventEnd, "Event End Date"),
    k(Col::Ignored, "Event Description"),
    k(Col::EventOutcome, "Event Outcome"),
    k(Col::RouteOfAccess, "Request: Route of Access"),
    k(Col::Ignored, "Assessment Type"),
    k(Col::Ignored, "Eligible Needs Identified"),
    k(Col::Ignored, "Method of Assessment"),
    k(Col::Ignored, "Total Hrs Caring per week"),
    k(Col::Ignored, "No. of adults being cared for"),
    k(Col::Linked1, "Adult 1 Linked Person_ID"),
    k(Col::Linked2, "Adult 2 Linked Person_ID"),
    k(Col::Linked3, "Adult 3 Linked Person_ID"),
    k(Col::ServiceType, "Service Type"),
    k(Col::ServiceComponent, "Service Component"),
    k(Col::DeliveryMechanism, "Delivery Mechanism"),
    k(Col::Ignored, "Provider CQC Location Name"),
    k(Col::LocationId, "Provider CQC Location ID"),
    k(Col::ReviewReason, "Review Reason"),
    k(Col::Ignored, "Review Outcomes Achieved"),
    k(Col::Ignored, "Method of Review"),
    k(Col::UnitCost, "Unit Cost"),
    k(Col::CostFrequency, "Cost Frequency (Unit Type)"),
    k(Col::PlannedUnits, "Planned units per week"),
];

/// The number of columns the reader reads (every [`Col`] but `Ignored`).
pub(crate) const READ: usize = Col::Ignored as usize;

/// Lower-cases `s` and turns every run of characters other than ASCII letters
/// and digits into one `_`, trimmed at both ends: "Request: Route of Access"
/// and "Request_Route_of_Access" both give `request_route_of_access`, and
/// "NFA - Deceased" and "NFA: Deceased" both give `nfa_deceased`.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The known column a header names, under either spelling.
pub(crate) fn lookup(header: &str) -> Option<&'static Known> {
    let n = norm(header);
    KNOWN.iter().find(|k| norm(k.name) == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_every_field_name_are_recognised() {
        // The spec and SQL names of cld_fields.csv.
        let pairs = [
            ("LA Person Unique Identifier", "LA_Person_Unique_Identifier"),
            (
                "Autism Spectrum Disorder (ASD)",
                "Autism_Spectrum_Disorder_ASD",
            ),
            ("Request: Route of Access", "Request_Route_of_Access"),
            (
                "No. of adults being cared for",
                "No_of_adults_being_cared_for",
            ),
            ("Adult 1 Linked Person_ID", "Adult_1_Linked_Person_ID"),
            ("Cost Frequency (Unit Type)", "Cost_Frequency_Unit_Type"),
        ];
        for (spec, sql) in pairs {
            let a = lookup(spec).map(|k| k.name);
            assert_eq!(a, Some(spec));
            assert_eq!(lookup(sql).map(|k| k.name), a, "{sql}");
        }
        assert!(lookup("Favourite colour").is_none());
    }

    #[test]
    fn every_read_column_appears_once() {
        for i in 0..READ {
            let n = KNOWN.iter().filter(|k| k.col as usize == i).count();
            assert_eq!(n, 1, "column {i}");
        }
    }
}
