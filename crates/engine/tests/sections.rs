//! Hand-made bundles for `needs.*`, `market.*` and `sustainability.*`.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use continuum_domain::*;

fn pop(
    b: &mut B,
    year: i32,
    band: AgeBand,
    people: u64,
    kind: PopulationKind,
    locality: Option<&str>,
) {
    b.ds.population.push(PopulationRow {
        la: la(),
        locality_id: locality.map(|l| LocalityId::parse(l).unwrap()),
        year,
        sex: Sex::Female,
        age_band: band,
        people,
        kind,
    });
}

#[test]
fn a_missing_horizon_year_uses_the_nearest_earlier_projection() {
    use AgeBand::*;
    use PopulationKind::*;
    let mut b = B::new();
    // Base year 2025: an estimate by locality (no whole-council rows).
    pop(&mut b, 2025, A65To74, 600, Estimate, Some("n"));
    pop(&mut b, 2025, A85Plus, 400, Estimate, Some("s"));
    // Projections for 2030 (whole council) and 2035; none for 2040.
    pop(&mut b, 2030, A65To74, 700, Projection, None);
    pop(&mut b, 2030, A85Plus, 500, Projection, None);
    pop(&mut b, 2035, A85Plus, 800, Projection, None);
    pop(&mut b, 2035, A18To64, 9999, Projection, None);
    b.ds.prevalence.push(PrevalenceRow {
        measure: "dementia".into(),
        sex: Sex::Female,
        age_band: A85Plus,
        rate: 0.25,
    });
    let p = b.pack();
    let y = &p.sections.needs.population.years;
    assert_eq!(
        y.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2025, 2030, 2040]
    );
    assert_eq!((y[0].people_65_plus, y[0].people_85_plus), (1000, 400));
    assert_eq!((y[1].people_65_plus, y[1].people_85_plus), (1200, 500));
    // 2040 is missing: 2035 is used.
    assert_eq!(y[2].source_year, Some(2035));
    assert_eq!(y[2].people_65_plus, 800);
    assert_eq!(y[2].change_85_plus, Some(1.0));
    // Dementia: 400 × 0.25 = 100 now, 800 × 0.25 = 200 in 2040.
    let dem = &p.sections.needs.projected_need.measures["dementia"];
    assert_eq!(
        (dem[0].people, dem[2].people, dem[2].change),
        (100.0, 200.0, Some(1.0))
    );
}

#[test]
fn gaps_open_at_t_and_resolved_in_the_year() {
    let mut b = B::new();
    let g = |id: &str, raised: Date, resolved: Option<Date>| Gap {
        gap_id: GapId::parse(id).unwrap(),
        la: la(),
        raised_on: raised,
        raised_by_role: Role::SocialWorker,
        category: "x".into(),
        service_type: None,
        locality_id: None,
        description: String::new(),
        status: if resolved.is_some() {
            GapStatus::Resolved
        } else {
            GapStatus::Open
        },
        owner: None,
        resolved_on: resolved,
    };
    b.ds.gaps.push(g("G1", t(-10), None)); // open, 10 days
    b.ds.gaps.push(g("G2", t(-40), Some(t(1)))); // resolved after T: open, 40 days
    b.ds.gaps.push(g("G3", t(-500), Some(t(0)))); // resolved at T: in the window
    b.ds.gaps.push(g("G4", t(-500), Some(t(-365)))); // resolved at T − 365: outside
    b.ds.gaps.push(g("G5", t(3), None)); // raised after T
    let p = b.pack();
    assert_eq!(row(&p, "needs.gaps.open"), Some(2.0));
    assert_eq!(row(&p, "needs.gaps.open_median_age_days"), Some(25.0));
    assert_eq!(row(&p, "needs.gaps.resolved_in_year"), Some(1.0));
}

#[test]
fn contracts_active_and_expiring_within_18_months() {
    let mut b = B::new();
    b.location("L1", "Anyshire", ServiceType::Homecare);
    let k = |id: &str, kind, start: Date, end: Option<Date>| Contract {
        contract_id: ContractId::parse(id).unwrap(),
        la: la(),
        location_id: LocationId::parse("L1").unwrap(),
        kind,
        service_type: ServiceType::Homecare,
        start_date: start,
        end_date: end,
        rate: 22.5,
        rate_unit: RateUnit::Hour,
        zone: None,
    };
    b.ds.contracts
        .push(k("K1", ContractKind::Framework, t(-100), Some(t(548)))); // active, expiring (T+548 inside)
    b.ds.contracts
        .push(k("K2", ContractKind::Framework, t(-100), Some(t(549)))); // active, not expiring
    b.ds.contracts
        .push(k("K3", ContractKind::Spot, t(-100), Some(t(0)))); // ended at T
    b.ds.contracts
        .push(k("K4", ContractKind::Dps, t(-100), None)); // active
    let p = b.pack();
    assert_eq!(row(&p, "market.contracts.active"), Some(3.0));
    assert_eq!(
        row(&p, "market.contracts.active_by_kind.framework"),
        Some(2.0)
    );
    assert_eq!(row(&p, "market.contracts.expiring_18_months"), Some(1.0));
}

fn ascof(code: &str, ons: &str, year: i32, outcome: Figure, margin: Option<f64>) -> AscofValue {
    AscofValue {
        ons_code: Some(OnsCode::parse(ons).unwrap()),
        area_name: ons.into(),
        measure: code.into(),
        year: FinancialYear(year),
        outcome,
        margin_of_error: margin.map(Figure::Value),
        respondents: Some(Figure::Value(300.0)),
        numerator: None,
        denominator: None,
    }
}

#[test]
fn ascof_takes_the_latest_year_ending_by_t_and_keeps_suppression() {
    let mut b = B::new();
    b.ds.ascof.push(ascof(
        "1A",
        "E06099999",
        2023,
        Figure::Value(18.6),
        Some(0.4),
    ));
    b.ds.ascof.push(ascof(
        "1A",
        "E06099999",
        2024,
        Figure::Missing(Suppression::Suppressed),
        None,
    ));
    b.ds.ascof.push(ascof(
        "1A",
        OnsCode::ENGLAND,
        2023,
        Figure::Value(19.2),
        Some(0.0),
    ));
    b.ds.ascof.push(ascof(
        "1A",
        OnsCode::ENGLAND,
        2024,
        Figure::Value(19.0),
        Some(0.0),
    ));
    // At T = 2025-03-31 the 2024-25 year has ended: suppressed, no value, never 0.
    let p = b.pack();
    let e = &p.sections.market.indicators.entries[0];
    assert_eq!(
        (e.period.as_str(), e.value, e.missing_reason),
        ("2024-25", None, Some("suppressed"))
    );
    assert_eq!(e.england_value, Some(19.0));
    assert_eq!(e.last_year, Some(18.6));
    // A day earlier, 2024-25 has not ended: 2023-24, z = (18.6 − 19.2) / (0.4 / 1.96) = −2.94.
    let p = b.pack_at(t(-1));
    let e = &p.sections.market.indicators.entries[0];
    assert_eq!(e.period, "2023-24");
    assert_eq!(e.variation, Some(continuum_engine::Variation::Negative));
}

#[test]
fn continuity_measures_the_gap_to_the_next_placement() {
    let mut b = B::new();
    b.location("FAIL", "Anyshire", ServiceType::ResidentialHome);
    b.location("NEW", "Anyshire", ServiceType::ResidentialHome);
    for p in ["P1", "P2", "P3"] {
        b.person(p);
    }
    for (p, end) in [("P1", -100), ("P2", -100), ("P3", -20)] {
        let x = b.placement(
            &format!("F{p}"),
            p,
            "FAIL",
            ServiceType::ResidentialHome,
            t(-900),
        );
        x.end_date = Some(t(end));
        x.end_reason = Some(EndReason::ProviderFailure);
    }
    b.placement("N1", "P1", "NEW", ServiceType::ResidentialHome, t(-93)); // 7 days: within
    b.placement("N2", "P2", "NEW", ServiceType::ResidentialHome, t(-92)); // 8 days
    // P3 has no next placement: T − end = 20 days.
    let p = b.pack();
    assert_eq!(
        row(&p, "sustainability.continuity.people_affected"),
        Some(3.0)
    );
    assert_eq!(
        row(&p, "sustainability.continuity.replaced_within_7_days"),
        Some(1.0 / 3.0)
    );
    assert_eq!(
        row(&p, "sustainability.continuity.longest_gap_days"),
        Some(20.0)
    );
}

#[test]
fn workforce_uses_each_locations_latest_return_in_the_year() {
    let mut b = B::new();
    b.location("L1", "Anyshire", ServiceType::ResidentialHome);
    b.location("L2", "Anyshire", ServiceType::Homecare);
    b.location("L3", "Nearby", ServiceType::Homecare);
    let w = |loc: &str, date, posts, vac, leavers| WorkforceReturn {
        location_id: LocationId::parse(loc).unwrap(),
        date,
        posts,
        vacancies: vac,
        starters: 0,
        leavers,
        sickness_days: 0.0,
        care_cert_eligible: 10,
        care_cert_done: 5,
    };
    b.ds.workforce.push(w("L1", t(-300), 50, 20, 20));
    b.ds.workforce.push(w("L1", t(-30), 40, 4, 10)); // latest for L1
    b.ds.workforce.push(w("L2", t(-365), 99, 99, 99)); // outside the window
    b.ds.workforce.push(w("L2", t(-100), 60, 2, 20));
    b.ds.workforce.push(w("L3", t(-10), 10, 10, 10)); // out of area
    let p = b.pack();
    assert_eq!(
        row(&p, "sustainability.workforce.vacancy_rate"),
        Some(6.0 / 100.0)
    );
    assert_eq!(
        row(&p, "sustainability.workforce.turnover"),
        Some(30.0 / 100.0)
    );
    assert_eq!(
        row(&p, "sustainability.workforce.care_certificate"),
        Some(0.5)
    );
}

#[test]
fn findings_quote_the_figures_in_british_style() {
    let mut b = B::new();
    b.location("H1", "Anyshire", ServiceType::NursingHome);
    b.capacity("H1", t(-5), 1724, 1478, 30);
    let p = b.pack();
    let f = p
        .findings
        .iter()
        .find(|f| f.metric_id == "capacity.care_home_occupancy")
        .unwrap();
    assert_eq!(f.text, "1,478 of 1,724 care home beds (86%) were occupied.");
}

#[test]
fn the_base_year_is_used_when_present_whatever_its_kind() {
    use AgeBand::*;
    use PopulationKind::*;
    let mut b = B::new();
    // T.year = 2025 is present only as a projection: it is still the base year.
    pop(&mut b, 2024, A65To74, 1000, Estimate, None);
    pop(&mut b, 2025, A65To74, 1100, Projection, None);
    pop(&mut b, 2030, A65To74, 1500, Projection, None);
    let p = b.pack();
    let y = &p.sections.needs.population.years;
    assert_eq!((y[0].source_year, y[0].people_65_plus), (Some(2025), 1100));
    // (1500 − 1100) / 1100.
    assert_eq!(y[1].change_65_plus, Some(400.0 / 1100.0));
}
