//! Findings in plain English, written from the figures, in the reports' own
//! style: "1,478 of 1,724 care home beds (86%) were occupied." Each names the
//! metric it comes from, so a page can link to it.

use continuum_domain::ServiceType;
use serde::Serialize;

use crate::Sections;
use crate::compare::Variation;
use crate::format::{count, days, number, percent};

/// One sentence and the metric behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub section: &'static str,
    pub metric_id: String,
    pub text: String,
}

fn f(section: &'static str, metric_id: &str, text: String) -> Finding {
    Finding {
        section,
        metric_id: metric_id.to_string(),
        text,
    }
}

/// Writes the findings of a pack.
pub fn write(s: &Sections) -> Vec<Finding> {
    let mut out = Vec::new();
    needs(s, &mut out);
    market(s, &mut out);
    capacity(s, &mut out);
    quality(s, &mut out);
    sustainability(s, &mut out);
    out
}

fn needs(s: &Sections, out: &mut Vec<Finding>) {
    let p = &s.needs.population;
    if let (Some(base), Some(far)) = (p.years.first(), p.years.last())
        && base.people_65_plus > 0
        && let Some(ch) = far.change_65_plus
    {
        let dir = if ch >= 0.0 { "rise" } else { "fall" };
        out.push(f("needs", p.id, format!(
            "{} people aged 65 and over lived in the area in {}; the number is projected to {dir} by {} by {}.",
            count(base.people_65_plus), base.year, percent(ch.abs(), 0), far.year
        )));
    }
    for (measure, years) in &s.needs.projected_need.measures {
        if let (Some(a), Some(b)) = (years.first(), years.last())
            && let Some(ch) = b.change.filter(|_| a.people > 0.0)
        {
            out.push(f(
                "needs",
                s.needs.projected_need.id,
                format!(
                    "An estimated {} people have {} needs now, projected to change by {} by {}.",
                    number(a.people, 0),
                    measure.replace('_', " "),
                    percent(ch, 0),
                    b.year
                ),
            ));
        }
    }
    let c = &s.needs.carers_known;
    out.push(f(
        "needs",
        c.id,
        format!(
            "{} known to the council.",
            things(c.value, "unpaid carer was", "unpaid carers were")
        ),
    ));
    let g = &s.needs.gaps;
    let age = g.open_median_age_days.map_or(String::new(), |d| {
        format!(", open for a median of {}", days(d))
    });
    out.push(f(
        "needs",
        g.id,
        format!(
            "{} open{age}; {} resolved in the last 12 months.",
            things(g.open, "gap in services was", "gaps in services were"),
            were(g.resolved_in_year)
        ),
    ));
}

fn market(s: &Sections, out: &mut Vec<Finding>) {
    let l = &s.market.locations;
    if let Some(beds) = l
        .by_service_type
        .iter()
        .filter(|(t, _)| t.is_care_home())
        .map(|(_, c)| c.beds)
        .reduce(|a, b| a + b)
    {
        let homes: u64 = l
            .by_service_type
            .iter()
            .filter(|(t, _)| t.is_care_home())
            .map(|(_, c)| c.locations)
            .sum();
        let nursing = l
            .by_service_type
            .get(&ServiceType::NursingHome)
            .map_or(0, |c| c.locations);
        out.push(f("market", l.id, format!(
            "There were {} care homes registered in the area, {} of them providing nursing care, with {} beds.",
            count(homes), count(nursing), count(beds)
        )));
    }
    let c = &s.market.contracts;
    out.push(f(
        "market",
        c.id,
        format!(
            "{} contracts were in force; {} end within the next 18 months.",
            count(c.active),
            count(c.expiring_18_months)
        ),
    ));
    let dp = &s.market.direct_payments;
    if let Some(v) = dp.ratio.value {
        out.push(f(
            "market",
            dp.id,
            format!(
                "{} of {} people receiving care ({}) used a direct payment.",
                count(dp.ratio.numerator as u64),
                count(dp.ratio.denominator as u64),
                percent(v, 0)
            ),
        ));
    }
    for e in &s.market.indicators.entries {
        let (Some(v), Some(eng)) = (e.value, e.england_value) else {
            continue;
        };
        let var = e.variation.unwrap_or(Variation::NoTest);
        let text = if e.source == "ASCOF" {
            format!(
                "{} ({}): {}, {} the England figure of {}.",
                e.title,
                e.period,
                number(v, 1),
                var.phrase(),
                number(eng, 1)
            )
        } else {
            format!(
                "{}% of people {}, {} the England average of {}%.",
                number(v, 1),
                e.title,
                var.phrase(),
                number(eng, 1)
            )
        };
        out.push(f(
            "market",
            &format!("market.indicators.entries.{}", e.measure),
            text,
        ));
    }
}

fn capacity(s: &Sections, out: &mut Vec<Finding>) {
    let c = &s.capacity;
    let o = &c.occupancy;
    if let Some(v) = o.ratio.value {
        out.push(f(
            "capacity",
            o.id,
            format!(
                "{} of {} care home beds ({}) were occupied.",
                count(o.ratio.numerator as u64),
                count(o.ratio.denominator as u64),
                percent(v, 0)
            ),
        ));
    }
    if let Some(hc) = c.waits.by_service_type.get(&ServiceType::Homecare) {
        out.push(f(
            "capacity",
            "capacity.waits.by_service_type.homecare",
            format!(
                "{} of {} homecare requests started within 1 day.",
                count(hc.buckets.d0_1),
                count(hc.summary.count)
            ),
        ));
    }
    for st in [
        ServiceType::ResidentialHome,
        ServiceType::NursingHome,
        ServiceType::SupportedLiving,
    ] {
        if let Some(w) = c
            .waits
            .by_service_type
            .get(&st)
            .and_then(|w| w.summary.mean.map(|m| (m, w.summary.count)))
        {
            out.push(f(
                "capacity",
                &format!("capacity.waits.by_service_type.{st}"),
                format!(
                    "The average wait for {} was {} ({}).",
                    st.label().to_lowercase(),
                    days((w.0 * 10.0).round() / 10.0),
                    things(w.1, "placement", "placements")
                ),
            ));
        }
    }
    let n = &c.waiting_now;
    out.push(f(
        "capacity",
        n.id,
        format!(
            "{} waiting for care; {} had waited more than 90 days and {} more than 6 months.",
            things(n.count, "person was", "people were"),
            count(n.over_90),
            count(n.over_182)
        ),
    ));
    let d = &c.discharge_delays;
    if let (Some(min), Some(max)) = (d.summary.min, d.summary.max) {
        out.push(f(
            "capacity",
            d.id,
            format!(
                "Hospital discharge delays ranged from {} to {}; {} of {} delayed.",
                days(min as f64),
                days(max as f64),
                count(d.delayed),
                things(d.summary.count, "person was", "people were")
            ),
        ));
    }
    let a = &c.out_of_area;
    let near = a.in_neighbouring_council.value.map_or(String::new(), |v| {
        format!(", {} of them in a neighbouring council", percent(v, 0))
    });
    out.push(f(
        "capacity",
        a.id,
        format!(
            "{} placed out of area{near}.",
            things(a.count, "person was", "people were")
        ),
    ));
}

fn quality(s: &Sections, out: &mut Vec<Finding>) {
    let q = &s.quality;
    for (st, mix) in &q.rating_mix.by_service_type {
        let parts: Vec<String> = mix
            .shares
            .iter()
            .filter(|(_, r)| r.numerator > 0.0)
            .filter_map(|(rating, r)| {
                r.value
                    .map(|v| format!("{} {}", percent(v, 2), rating.label().to_lowercase()))
            })
            .collect();
        if !parts.is_empty() {
            out.push(f(
                "quality",
                &format!("quality.rating_mix.by_service_type.{st}"),
                format!(
                    "Of the {} {}: {}.",
                    count(mix.locations),
                    service_noun(*st, mix.locations),
                    parts.join(", ")
                ),
            ));
        }
    }
    let sa = &q.sanctions;
    out.push(f(
        "quality",
        sa.id,
        format!(
            "{} sanctions were in force ({}), affecting {} people placed by the council.",
            count(sa.active),
            sa.active_by_kind
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", "),
            count(sa.people_affected)
        ),
    ));
    if let Some(v) = q.visit_coverage.ratio.value {
        out.push(f("quality", q.visit_coverage.id, format!(
            "{} of {} commissioned locations ({}) had a monitoring visit in the last 12 months.",
            count(q.visit_coverage.ratio.numerator as u64), count(q.visit_coverage.ratio.denominator as u64), percent(v, 0)
        )));
    }
    let r = &q.risk;
    out.push(f(
        "quality",
        r.id,
        format!(
            "Of the commissioned locations, {} were rated red for risk, {} amber and {} green.",
            count(r.red),
            count(r.amber),
            count(r.green)
        ),
    ));
}

fn sustainability(s: &Sections, out: &mut Vec<Finding>) {
    let x = &s.sustainability;
    let parts: Vec<String> = x
        .handbacks
        .by_service_type
        .iter()
        .map(|(st, h)| format!("{} from {}", h.count, st.label().to_lowercase()))
        .collect();
    if !parts.is_empty() {
        out.push(f(
            "sustainability",
            x.handbacks.id,
            format!(
                "{} back in the last 12 months ({}).",
                things(
                    x.handbacks.total.count,
                    "package of care was handed",
                    "packages of care were handed"
                ),
                parts.join(", ")
            ),
        ));
    }
    out.push(f(
        "sustainability",
        x.market_exits.id,
        format!(
            "{} the market in the last 12 months.",
            things(x.market_exits.count, "location left", "locations left")
        ),
    ));
    let w = &x.workforce;
    if let (Some(v), Some(t)) = (w.vacancy_rate.value, w.turnover.value) {
        out.push(f(
            "sustainability",
            w.id,
            format!(
                "Across {} reporting, the vacancy rate was {} and staff turnover {}.",
                things(w.locations_reporting, "provider", "providers"),
                percent(v, 1),
                percent(t, 1)
            ),
        ));
    }
    let c = &x.continuity;
    if let Some(v) = c.replaced_within_7_days.value {
        out.push(f("sustainability", c.id, format!(
            "When providers handed back care, failed or were sanctioned, {} affected; {} were re-placed within 7 days.",
            things(c.people_affected, "person was", "people were"), percent(v, 0)
        )));
    }
}

/// "1 unpaid carer was" or "3 unpaid carers were": a count with its noun phrase.
fn things(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// "1 was" or "4 were".
fn were(n: u64) -> String {
    things(n, "was", "were")
}

/// A service type as a plural or singular noun: "nursing homes", "homecare
/// service", "supported living services".
fn service_noun(st: ServiceType, n: u64) -> String {
    let plural = n != 1;
    let noun = match st {
        ServiceType::NursingHome => "nursing home",
        ServiceType::ResidentialHome => "residential home",
        ServiceType::Homecare => "homecare service",
        ServiceType::SupportedLiving => "supported living service",
        ServiceType::ExtraCare => "extra care scheme",
        ServiceType::DayService => "day service",
        ServiceType::SharedLives => "shared lives scheme",
        ServiceType::Respite => "respite service",
        ServiceType::IntermediateCare => "intermediate care service",
        ServiceType::Other => "other service",
    };
    if plural {
        format!("{noun}s")
    } else {
        noun.to_string()
    }
}
