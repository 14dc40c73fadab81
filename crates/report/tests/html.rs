//! The evidence pack page: structure, accessibility and self-containment,
//! checked on the rendered HTML of hand-made councils.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use continuum_report::describe::SECTIONS;
use continuum_report::{pack_html, summary_html};

/// The values of every `attr="…"` in the page, in order.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// HTML-unescapes the few entities askama writes in attributes.
fn unescape(s: &str) -> String {
    s.replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn page() -> String {
    pack_html(&common::rich()).unwrap()
}

#[test]
fn the_page_has_exactly_one_h1_and_it_names_the_statement() {
    let html = page();
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("<h1>Care provision, integration and continuity — evidence pack</h1>"));
    assert!(html.contains(r#"<html lang="en-GB">"#));
    assert!(html.contains("Anyshire — evidence as at 31 March 2025"));
}

#[test]
fn the_five_sections_have_the_reports_headings_in_order() {
    let html = page();
    let mut at = 0;
    for (key, heading) in SECTIONS {
        let h2 = format!(r#"<h2 id="s-{key}-heading">{heading}</h2>"#);
        let i = html[at..]
            .find(&h2)
            .unwrap_or_else(|| panic!("{heading} after byte {at}"));
        at += i + h2.len();
    }
}

#[test]
fn headings_never_skip_a_level() {
    let html = page();
    let mut last = 1;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last} at byte {i}");
        last = level;
    }
}

#[test]
fn every_section_with_data_has_a_chart_and_every_chart_a_title() {
    let html = page();
    for (key, _) in SECTIONS {
        let start = html.find(&format!(r#"<section id="s-{key}""#)).unwrap();
        let end = start + html[start..].find("</section>").unwrap();
        assert!(html[start..end].contains("<svg"), "no chart in {key}");
    }
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert!(svgs.len() >= 10, "{} charts", svgs.len());
    for s in svgs {
        let head = &s[..s.find("</svg>").unwrap()];
        assert!(head.contains(r#"role="img""#));
        assert!(head.contains("<title"), "an svg without a title");
        assert!(head.contains("<desc"), "an svg without a desc");
    }
}

#[test]
fn every_chart_has_its_text_alternative_printed_beneath_it() {
    let html = page();
    assert_eq!(
        html.matches("<figure>").count(),
        html.matches("<figcaption>").count()
    );
    assert!(html.contains("To be near family 66.67% (2); No vacancy at the time 33.33% (1)."));
}

#[test]
fn the_page_is_self_contained() {
    let html = page();
    for banned in [
        "http://", "https://", "src=", "<link", "<script", "@import", "url(http",
    ] {
        assert!(!html.contains(banned), "the page contains {banned}");
    }
    assert!(html.contains("<style>"));
}

#[test]
fn every_link_lands_on_an_anchor_and_every_anchor_is_unique() {
    let html = page();
    let ids: Vec<String> = attr_values(&html, "id").into_iter().map(unescape).collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate IDs");
    let hrefs = attr_values(&html, "href");
    assert!(hrefs.len() > 50);
    for h in hrefs {
        let target = unescape(h.strip_prefix('#').expect("only in-page links"));
        assert!(unique.contains(&target), "no element with id {target}");
    }
}

#[test]
fn each_finding_links_to_its_own_figure() {
    let html = page();
    for (target, text) in [
        (
            "m-capacity.care_home_occupancy",
            "70 of 80 care home beds (88%) were occupied.",
        ),
        (
            "m-capacity.waits.by_service_type.homecare",
            "2 of 5 homecare requests started within 1 day.",
        ),
        (
            "m-market.indicators.entries.ascof_3A",
            "Overall satisfaction of people who use services",
        ),
        (
            "m-quality.rating_mix.by_service_type.nursing_home",
            "Of the 2 nursing homes",
        ),
        ("m-needs.population", "35,000 people aged 65 and over"),
    ] {
        let link = format!(r##"<li><a href="#{target}">{text}"##);
        assert!(html.contains(&link), "{link}");
        assert!(html.contains(&format!(r#"id="{target}""#)), "{target}");
    }
}

#[test]
fn figures_are_written_the_british_way_with_england_and_last_year() {
    let html = page();
    // A share: 2 decimals, with what it is a share of.
    assert!(html.contains(r#"87.50%<span class="of">70 of 80</span>"#));
    // Thousands take commas; years do not.
    assert!(html.contains(">35,000<"));
    assert!(!html.contains("2,025"));
    // The ASCOF figure against England: value, England, variation, the year before, the change.
    let row = &html[html
        .find(r#"<tr id="m-market.indicators.entries.ascof_3A">"#)
        .unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    for cell in [
        "64.50%",
        "61.00%",
        "Positive variation",
        "62.00% (2023-24)",
        "+2.50 pp",
    ] {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    // A change in a share is in percentage points.
    assert!(html.contains("+80.00 pp"));
}

#[test]
fn tables_have_captions_and_scoped_headers() {
    let html = page();
    let tables = html.matches("<table").count();
    assert!(tables > 15);
    assert_eq!(html.matches("<caption>").count(), tables);
    assert!(!html.contains("<th>"), "every header cell has a scope");
}

#[test]
fn the_score_box_is_a_suggestion_and_shows_every_input_and_its_effect() {
    let pack = common::rich();
    let html = pack_html(&pack).unwrap();
    let start = html.find(r#"<section id="score""#).unwrap();
    let boxed = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(boxed.contains("suggested score for self-assessment"));
    assert!(boxed.contains("not CQC's score"));
    assert!(boxed.contains("Evidence shows some shortfalls"));
    assert!(boxed.contains("25 of 48 points, 52.08%"));
    let inputs = pack.score.overall.inputs.len();
    assert_eq!(boxed.matches("tag--").count(), 1 + 5 + inputs);
    for effect in [
        "Moved it up",
        "Moved it down",
        "Held it in the middle",
        "Left out: no data",
    ] {
        assert!(boxed.contains(effect), "{effect}");
    }
}

#[test]
fn the_methods_quote_the_definitions_the_risk_rule_and_the_bands() {
    let html = page();
    let m = &html[html.find(r#"<section id="methods""#).unwrap()..];
    for text in [
        "from 1 April 2024 to 31 March 2025",
        "linked placement",
        "rounded to 2 decimal places",
        "se = margin of error ÷ 1.96",
        "Home Office sponsor licence revoked",
        "red at 5 points or more",
        "88% and above",
        "Median homecare wait (days)",
        "≤\u{a0}60 days",
        "≥\u{a0}28.00%",
    ] {
        assert!(m.contains(text), "{text}");
    }
}

#[test]
fn the_provider_risk_table_gives_every_reason() {
    let html = page();
    let row = &html[html
        .find(r#"<tr id="m-quality.risk.locations.1-H1">"#)
        .unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Amber"));
    assert!(row.contains("it handed back care in the last 12 months (1 point)"));
    assert!(row.contains("no capacity return in the last 30 days (1 point)"));
}

#[test]
fn a_council_with_no_data_still_gets_a_whole_page() {
    let html = pack_html(&common::B::new().pack()).unwrap();
    assert_eq!(html.matches("<h1").count(), 1);
    for (_, heading) in SECTIONS {
        assert!(html.contains(heading));
    }
    assert!(html.contains("No suggestion: not enough data"));
}

#[test]
fn the_summary_ranks_every_council_and_links_each_to_its_block() {
    let packs = common::both();
    let html = summary_html(&packs).unwrap();
    assert_eq!(html.matches("<h1").count(), 1);
    for p in &packs {
        let anchor = format!("la-{}", p.la.as_str().to_lowercase());
        assert!(html.contains(&format!(r##"<a href="#{anchor}">{}</a>"##, p.la)));
        assert!(html.contains(&format!(r#"<section class="council-block" id="{anchor}""#)));
    }
    for banned in ["http://", "https://", "src=", "<link", "<script"] {
        assert!(!html.contains(banned), "{banned}");
    }
    // Headline ranks with no polarity put the highest first: Nearby's 96.67%
    // occupancy is 1st of 2, Anyshire's 87.50% 2nd.
    assert!(html.contains(r#"96.67%<span class="of">1st of 2</span>"#));
    assert!(html.contains(r#"87.50%<span class="of">2nd of 2</span>"#));
    // Ranked best score first: Anyshire (52.08%) above Nearby (50.00%).
    assert!(html.find(r##"<a href="#la-anyshire">"##) < html.find(r##"<a href="#la-nearby">"##));
}
