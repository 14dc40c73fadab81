//! Section 5, sustainability and continuity (`sustainability.*`).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use continuum_domain::*;
use serde::Serialize;

use crate::index::{Council, Index};
use crate::stats::Ratio;
use crate::time::{Window, days};

/// `sustainability.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sustainability {
    #[serde(rename = "sustainability.handbacks")]
    pub handbacks: Handbacks,
    #[serde(rename = "sustainability.market_exits")]
    pub market_exits: MarketExits,
    #[serde(rename = "sustainability.fees")]
    pub fees: Fees,
    #[serde(rename = "sustainability.workforce")]
    pub workforce: Workforce,
    #[serde(rename = "sustainability.continuity")]
    pub continuity: Continuity,
}

/// Hand-backs of one service type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HandbackCount {
    pub count: u64,
    pub people_affected: u64,
}

/// `sustainability.handbacks`: hand-backs dated in the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handbacks {
    pub id: &'static str,
    pub total: HandbackCount,
    pub by_service_type: BTreeMap<ServiceType, HandbackCount>,
}

/// `sustainability.market_exits`: in-area locations deregistered in the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketExits {
    pub id: &'static str,
    pub count: u64,
    pub by_service_type: BTreeMap<ServiceType, u64>,
}

/// The fee in force for one service type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fee {
    pub effective_from: Date,
    pub rate: f64,
    pub unit: RateUnit,
    pub fair_cost_median: Option<f64>,
    /// rate / fair-cost median.
    pub ratio_to_fair_cost: Option<f64>,
}

/// `sustainability.fees`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fees {
    pub id: &'static str,
    pub by_service_type: BTreeMap<ServiceType, Fee>,
}

/// `sustainability.workforce`: the latest return in the year of each in-area location.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workforce {
    pub id: &'static str,
    pub locations_reporting: u64,
    pub vacancy_rate: Ratio,
    pub turnover: Ratio,
    pub care_certificate: Ratio,
}

/// `sustainability.continuity`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Continuity {
    pub id: &'static str,
    /// Placements ended in the year by a hand-back, a provider failure or a sanction.
    pub placements_ended: u64,
    pub people_affected: u64,
    /// Of those endings, the share whose next placement started within 7 days.
    pub replaced_within_7_days: Ratio,
    /// The longest gap in days; an ending with no next placement counts as T − end.
    pub longest_gap_days: Option<i64>,
}

fn handbacks(c: &Council<'_>, w: Window) -> Handbacks {
    let mut total = HandbackCount::default();
    let mut by: BTreeMap<ServiceType, HandbackCount> = BTreeMap::new();
    for h in c.handbacks.iter().filter(|h| w.contains(h.date)) {
        for e in [&mut total, by.entry(h.service_type).or_default()] {
            e.count += 1;
            e.people_affected += u64::from(h.people_affected);
        }
    }
    Handbacks {
        id: "sustainability.handbacks",
        total,
        by_service_type: by,
    }
}

fn market_exits(c: &Council<'_>, w: Window) -> MarketExits {
    let mut by = BTreeMap::new();
    for l in c
        .in_area
        .iter()
        .filter(|l| w.contains_opt(l.deregistered_on))
    {
        *by.entry(l.service_type).or_insert(0) += 1;
    }
    MarketExits {
        id: "sustainability.market_exits",
        count: by.values().sum(),
        by_service_type: by,
    }
}

fn fees(c: &Council<'_>, t: Date) -> Fees {
    let mut by: BTreeMap<ServiceType, &FeeRate> = BTreeMap::new();
    for f in c.fees.iter().filter(|f| f.effective_from <= t) {
        let e = by.entry(f.service_type).or_insert(f);
        if f.effective_from > e.effective_from {
            *e = f;
        }
    }
    let by_service_type = by
        .into_iter()
        .map(|(st, f)| {
            let ratio = f.fair_cost_median.filter(|m| *m > 0.0).map(|m| f.rate / m);
            let fee = Fee {
                effective_from: f.effective_from,
                rate: f.rate,
                unit: f.unit,
                fair_cost_median: f.fair_cost_median,
                ratio_to_fair_cost: ratio,
            };
            (st, fee)
        })
        .collect();
    Fees {
        id: "sustainability.fees",
        by_service_type,
    }
}

fn workforce(ix: &Index<'_>, c: &Council<'_>, w: Window) -> Workforce {
    let (mut n, mut posts, mut vac, mut leavers, mut elig, mut done) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    for l in &c.in_area {
        let latest = ix.workforce.get(l.location_id.as_str()).and_then(|v| {
            v.iter()
                .filter(|r| w.contains(r.date))
                .max_by_key(|r| r.date)
        });
        if let Some(r) = latest {
            n += 1;
            posts += u64::from(r.posts);
            vac += u64::from(r.vacancies);
            leavers += u64::from(r.leavers);
            elig += u64::from(r.care_cert_eligible);
            done += u64::from(r.care_cert_done);
        }
    }
    let r = |a: u64, b: u64| Ratio::new(a as f64, b as f64);
    Workforce {
        id: "sustainability.workforce",
        locations_reporting: n,
        vacancy_rate: r(vac, posts),
        turnover: r(leavers, posts),
        care_certificate: r(done, elig),
    }
}

/// The next placement after an ending: the person's earliest other placement
/// starting on or after the end date. `theirs` holds the placements of the
/// people concerned.
fn gap_after(theirs: &HashMap<&str, Vec<&Placement>>, p: &Placement, end: Date) -> Option<i64> {
    theirs
        .get(p.person_id.as_str())?
        .iter()
        .filter(|q| q.placement_id != p.placement_id && q.start_date >= end)
        .map(|q| days(end, q.start_date))
        .min()
}

/// The placements of the given people, found in one pass over the council's.
/// Endings in a year are few; indexing every person's placements up front
/// would cost a list for each of tens of thousands of people.
fn placements_of<'a>(
    c: &Council<'a>,
    people: &BTreeSet<&'a str>,
) -> HashMap<&'a str, Vec<&'a Placement>> {
    let mut theirs: HashMap<&str, Vec<&Placement>> =
        people.iter().map(|p| (*p, Vec::new())).collect();
    if theirs.is_empty() {
        return theirs;
    }
    for &p in &c.placements {
        if let Some(list) = theirs.get_mut(p.person_id.as_str()) {
            list.push(p);
        }
    }
    theirs
}

fn continuity(c: &Council<'_>, t: Date, w: Window) -> Continuity {
    let ended: Vec<(&Placement, Date)> = c
        .placements
        .iter()
        .filter(|p| p.end_reason.is_some_and(EndReason::is_disruption))
        .filter_map(|p| p.end_date.filter(|e| w.contains(*e)).map(|e| (*p, e)))
        .collect();
    let people: BTreeSet<&str> = ended.iter().map(|(p, _)| p.person_id.as_str()).collect();
    let theirs = placements_of(c, &people);
    let gaps: Vec<Option<i64>> = ended
        .iter()
        .map(|(p, e)| gap_after(&theirs, p, *e))
        .collect();
    let quick = gaps.iter().filter(|g| g.is_some_and(|g| g <= 7)).count();
    let gaps: Vec<i64> = ended
        .iter()
        .zip(gaps)
        .map(|((_, e), g)| g.unwrap_or_else(|| days(*e, t)))
        .collect();
    Continuity {
        id: "sustainability.continuity",
        placements_ended: ended.len() as u64,
        people_affected: people.len() as u64,
        replaced_within_7_days: Ratio::of(quick, ended.len()),
        longest_gap_days: gaps.into_iter().max(),
    }
}

/// Computes section 5.
pub fn compute(ix: &Index<'_>, c: &Council<'_>, t: Date) -> Sustainability {
    let w = Window::year_to(t);
    Sustainability {
        handbacks: handbacks(c, w),
        market_exits: market_exits(c, w),
        fees: fees(c, t),
        workforce: workforce(ix, c, w),
        continuity: continuity(c, t, w),
    }
}
