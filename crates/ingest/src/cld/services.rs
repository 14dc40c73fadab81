//! CLD services: the bundle service type, the delivery mechanism and the
//! weekly cost of a Service event.

use continuum_domain::{Delivery, LocationId, ParseError, ServiceType as St};

use super::columns::{Col, norm};
use super::row::CldRow;
use super::rows::{Service, Tally};
use super::values::find;
use crate::IngestError;

const DELIVERY: &[(&str, Delivery)] = &[
    ("direct_payment", Delivery::DirectPayment),
    ("cassr_managed_personal_budget", Delivery::ManagedBudget),
    ("cassr_commissioned_support", Delivery::Commissioned),
];

/// `Delivery Mechanism`.
pub(crate) fn delivery(s: &str) -> Result<Delivery, ParseError> {
    find(DELIVERY, s, "a Delivery Mechanism")
}

/// How a unit cost becomes a weekly cost (DHSC's `Costs_fact` rules).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Frequency {
    /// Multiply by this many units a week.
    PerWeek(f64),
    /// Per session, hour or day: multiply by `Planned units per week`.
    PerUnit { hourly: bool },
    /// A single payment: no weekly cost.
    OneOff,
}

/// `Cost Frequency (Unit Type)`.
pub(crate) fn frequency(s: &str) -> Result<Frequency, ParseError> {
    use Frequency::*;
    let table = [
        ("per_session", PerUnit { hourly: false }),
        ("session", PerUnit { hourly: false }),
        ("hourly", PerUnit { hourly: true }),
        ("per_hour", PerUnit { hourly: true }),
        ("daily", PerUnit { hourly: false }),
        ("per_day", PerUnit { hourly: false }),
        ("weekly", PerWeek(1.0)),
        ("per_week", PerWeek(1.0)),
        ("fortnightly", PerWeek(0.5)),
        ("4_weekly", PerWeek(0.25)),
        ("four_weekly", PerWeek(0.25)),
        ("monthly", PerWeek(12.0 / 52.0)),
        ("per_month", PerWeek(12.0 / 52.0)),
        ("quarterly", PerWeek(4.0 / 52.0)),
        ("annually", PerWeek(1.0 / 52.0)),
        ("annual", PerWeek(1.0 / 52.0)),
        ("yearly", PerWeek(1.0 / 52.0)),
        ("one_off", OneOff),
    ];
    find(&table, s, "a Cost Frequency")
}

/// A money amount or a number of units: `1234.5`, `£1,234.50`.
pub(crate) fn number(s: &str) -> Result<f64, ParseError> {
    let t: String = s
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(ParseError::expected("a number, 0 or more, such as 1043.17")),
    }
}

/// `Service Component`: the specific service, where it names one. `None` when
/// the component does not decide the type (meals, equipment, a direct
/// payment…), so `Service Type` decides. `st_max` says whether the service
/// type is short-term reablement (ST-Max).
pub(crate) fn component(s: &str, st_max: bool) -> Option<St> {
    let short_term = if st_max {
        St::IntermediateCare
    } else {
        St::Respite
    };
    let t = match norm(s).as_str() {
        "long_term_nursing_care" | "nursing_care" => St::NursingHome,
        "long_term_residential_care" | "residential_care" => St::ResidentialHome,
        "short_term_nursing_care" | "short_term_residential_care" => short_term,
        "home_support" | "home_support_or_domiciliary_care" | "domiciliary_care" => St::Homecare,
        "reablement" => St::IntermediateCare,
        "community_supported_living" | "supported_living" => St::SupportedLiving,
        "extra_care_housing" | "extra_care" => St::ExtraCare,
        "shared_lives" => St::SharedLives,
        "day_support" | "day_care" | "day_services" => St::DayService,
        "carer_respite" | "carer_sitting_service" => St::Respite,
        _ => return None,
    };
    Some(t)
}

const SERVICE_TYPES: &[(&str, St)] = &[
    ("long_term_support_nursing_care", St::NursingHome),
    ("long_term_support_residential_care", St::ResidentialHome),
    ("long_term_support_community", St::Other),
    ("long_term_support_prison", St::Other),
    ("short_term_support_st_max", St::IntermediateCare),
    ("short_term_support_ongoing_low_level", St::Other),
    ("short_term_support_other_short_term", St::Other),
    ("unpaid_carer_support_direct_to_unpaid_carer", St::Other),
    (
        "unpaid_carer_support_support_involving_the_person_cared_for",
        St::Respite,
    ),
    ("carer_support_direct_to_carer", St::Other),
    (
        "carer_support_support_involving_the_person_cared_for",
        St::Respite,
    ),
];

/// `Service Type`, then `Service Component`, to the bundle's service type.
pub(crate) fn service_type(service_type: &str, component_value: &str) -> Result<St, ParseError> {
    let by_type = find(SERVICE_TYPES, service_type, "a Service Type")?;
    let st_max = norm(service_type) == "short_term_support_st_max";
    Ok(component(component_value, st_max).unwrap_or(by_type))
}

/// Whether a `Service Component` is one the tables know (else a warning).
pub(crate) fn known_component(s: &str) -> bool {
    const OTHERS: &[&str] = &[
        "meals",
        "transport",
        "equipment",
        "direct_payment",
        "professional_support",
        "professional_support_social_worker",
        "learning_education_employment_support",
        "end_of_life_care",
        "emergency_support",
        "other_short_term_support",
        "other_long_term_support",
        "carer_universal_services",
        "other_carer_support",
    ];
    s.trim().is_empty() || component(s, false).is_some() || OTHERS.contains(&norm(s).as_str())
}

impl CldRow<'_> {
    pub(crate) fn service(&self, tally: &mut Tally) -> Result<Service, IngestError> {
        let component = self.get(Col::ServiceComponent);
        let service_type = self.parse(Col::ServiceType, |t| service_type(t, component))?;
        if !known_component(component) {
            let what =
                format!("'{component}' is not a known Service Component; Service Type decides");
            tally.add("Service Component", what, self.line);
        }
        let delivery = match self.opt(Col::DeliveryMechanism, delivery)? {
            Some(d) => d,
            None => {
                tally.add(
                    "Delivery Mechanism",
                    "blank, read as CASSR commissioned support".into(),
                    self.line,
                );
                Delivery::Commissioned
            }
        };
        let (weekly_cost, hours_per_week, one_off) = self.cost(tally)?;
        Ok(Service {
            service_type,
            location: self.opt(Col::LocationId, LocationId::parse)?,
            delivery,
            weekly_cost,
            hours_per_week,
            one_off,
        })
    }

    /// The weekly cost, the hours a week (for hourly services) and whether the
    /// cost was a one-off.
    fn cost(&self, tally: &mut Tally) -> Result<(Option<f64>, Option<f64>, bool), IngestError> {
        let unit_cost = self.opt(Col::UnitCost, number)?;
        let frequency = self.opt(Col::CostFrequency, frequency)?;
        let units = self.opt(Col::PlannedUnits, number)?;
        let hours = match frequency {
            Some(Frequency::PerUnit { hourly: true }) => units,
            _ => None,
        };
        let pennies = |v: f64| (v * 100.0).round() / 100.0;
        let weekly = match (unit_cost, frequency) {
            (None, _) => None,
            (Some(c), Some(Frequency::PerWeek(per_week))) => Some(pennies(c * per_week)),
            (Some(c), Some(Frequency::PerUnit { .. })) => {
                if units.is_none() {
                    tally.add(
                        "Planned units per week",
                        "blank for a per-unit cost: no weekly cost".into(),
                        self.line,
                    );
                }
                units.map(|u| pennies(c * u))
            }
            (Some(_), Some(Frequency::OneOff)) => return Ok((None, hours, true)),
            (Some(_), None) => {
                tally.add(
                    "Cost Frequency (Unit Type)",
                    "blank with a Unit Cost: no weekly cost".into(),
                    self.line,
                );
                None
            }
        };
        Ok((weekly, hours, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_types_follow_the_component_first() {
        let st = |t, c| service_type(t, c).ok();
        assert_eq!(
            st("Long Term Support: Nursing Care", ""),
            Some(St::NursingHome)
        );
        assert_eq!(
            st(
                "Long term support: Community",
                "Home support or domiciliary care"
            ),
            Some(St::Homecare)
        );
        assert_eq!(
            st("Short term support: ST-Max", "Short term residential care"),
            Some(St::IntermediateCare)
        );
        assert_eq!(
            st(
                "Short term support: Other short term",
                "Short Term Residential Care"
            ),
            Some(St::Respite)
        );
        assert_eq!(
            st("Long term support: Community", "Equipment"),
            Some(St::Other)
        );
        assert!(service_type("Long term care", "").is_err());
    }

    #[test]
    fn money_may_carry_a_pound_sign_and_commas() {
        assert_eq!(number("£1,043.17"), Ok(1043.17));
        assert!(number("-5").is_err());
    }
}
