//! Charts: each is an accessible image whose text alternative gives the
//! figures it draws.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use continuum_engine::stats::Buckets;
use continuum_report::charts::{self, Svg};

/// The text of every `<text>` element, unescaped, and whether it is a bold
/// data label.
fn texts(svg: &str) -> Vec<(String, bool)> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let open_end = t.find('>').unwrap();
            let body = &t[open_end + 1..t.find("</text>").unwrap()];
            let text = body
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&");
            (text, t[..open_end].contains("font-weight=\"bold\""))
        })
        .collect()
}

fn accessible(s: &Svg) {
    assert!(s.svg.starts_with("<svg "));
    assert!(s.svg.contains(r#"role="img""#));
    assert!(s.svg.contains(&format!(">{}</title>", s.title)));
    assert!(s.svg.contains("</desc>"));
    assert!(!s.svg.contains("http"));
}

/// Every bold data label drawn is also in the text alternative.
fn labels_are_in_the_alt(s: &Svg) {
    let labels: Vec<String> = texts(&s.svg)
        .into_iter()
        .filter(|t| t.1)
        .map(|t| t.0)
        .collect();
    assert!(!labels.is_empty(), "no data labels in {}", s.title);
    for l in labels {
        assert!(s.alt.contains(&l), "{l} is drawn but not in: {}", s.alt);
    }
}

#[test]
fn the_rating_mix_says_each_service_types_shares_in_words() {
    let p = common::rich();
    let s = charts::rating_mix(&p.sections.quality.rating_mix);
    accessible(&s);
    labels_are_in_the_alt(&s);
    assert!(s.alt.contains(
        "Residential homes (3): 33.33% outstanding, 33.33% good, 33.33% requires improvement."
    ));
    assert!(
        s.alt
            .contains("Nursing homes (2): 50.00% good, 50.00% inadequate.")
    );
    // Requires improvement, inadequate and not rated are hatched, not only coloured.
    assert_eq!(s.svg.matches("<pattern ").count(), 3);
}

#[test]
fn a_wait_histogram_gives_every_bucket_and_its_count() {
    let b = Buckets {
        d0_1: 130,
        d2: 20,
        d3_7: 25,
        d8_28: 10,
        d29_90: 2,
        over_90: 0,
    };
    let s = charts::wait_histogram("Waits for homecare to start", ("request", "requests"), &b);
    accessible(&s);
    assert!(s.alt.starts_with("187 requests."));
    assert!(s.alt.contains("0 to 1 day: 130; 2 days: 20; 3 to 7 days: 25; 8 to 28 days: 10; 29 to 90 days: 2; more than 90 days: 0."));
    let drawn: Vec<String> = texts(&s.svg).into_iter().map(|t| t.0).collect();
    for n in ["130", "20", "25", "10", "2", "0"] {
        assert!(drawn.iter().any(|t| t == n), "count {n} is not drawn");
    }
}

#[test]
fn occupancy_gives_occupied_vacant_and_other_beds() {
    let p = common::rich();
    let s = charts::occupancy(&p.sections.capacity.occupancy);
    accessible(&s);
    for t in texts(&s.svg) {
        assert!(s.alt.contains(&t.0), "{} not in {}", t.0, s.alt);
    }
    assert!(s.alt.contains("Occupied: 70 beds (87.50%)"));
    assert!(
        s.alt
            .contains("Vacant and accepting admissions: 6 beds (7.50%)")
    );
    assert!(s.alt.contains("4 of 5 care homes sent a return"));
}

#[test]
fn out_of_area_reasons_are_bars_with_their_shares() {
    let p = common::rich();
    let charts = charts::for_section(&p, "capacity");
    let s = charts
        .iter()
        .find(|c| c.title.contains("out of area"))
        .unwrap();
    accessible(s);
    assert!(
        s.alt
            .contains("To be near family 66.67% (2); No vacancy at the time 33.33% (1).")
    );
}

#[test]
fn population_lines_label_every_point_and_say_them() {
    let p = common::rich();
    let s = charts::population(&p.sections.needs.population);
    accessible(&s);
    labels_are_in_the_alt(&s);
    assert!(
        s.alt
            .contains("Aged 65 and over: 35,000 in 2025, 39,000 in 2030, 44,000 in 2040.")
    );
    assert!(s.alt.contains("+25.71% aged 65 and over by 2040"));
}

#[test]
fn a_sparkline_says_each_year_including_the_missing_ones() {
    let p = common::rich();
    let t = p
        .trend
        .iter()
        .find(|t| t.metric_id == "quality.visit_coverage")
        .unwrap();
    let s = charts::sparkline("Visits", t, continuum_report::describe::Unit::Percent);
    accessible(&s);
    assert_eq!(
        s.alt,
        "Visits: no data at 1 April 2023, 0.00% at 31 March 2024, 20.00% at 31 March 2025."
    );
    assert!(texts(&s.svg).iter().any(|t| t.0 == "20.00%"));
}

#[test]
fn every_section_of_a_full_pack_has_charts_with_unique_ids() {
    let p = common::rich();
    let mut ids = std::collections::HashSet::new();
    for (key, _) in continuum_report::describe::SECTIONS {
        let all: Vec<Svg> = charts::for_section(&p, key)
            .into_iter()
            .chain(charts::trends_for_section(&p, key))
            .collect();
        assert!(!all.is_empty(), "{key}");
        for s in all {
            for part in s.svg.split(" id=\"").skip(1) {
                let id = &part[..part.find('"').unwrap()];
                assert!(ids.insert(id.to_string()), "duplicate id {id}");
            }
        }
    }
}

#[test]
fn a_small_chart_is_drawn_exactly_so() {
    let b = Buckets {
        d0_1: 2,
        d2: 1,
        d3_7: 1,
        d8_28: 0,
        d29_90: 1,
        over_90: 0,
    };
    let s = charts::wait_histogram(
        "Waits for homecare to start",
        ("placement", "placements"),
        &b,
    );
    insta::assert_snapshot!(s.svg);
}
