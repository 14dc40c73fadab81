//! The long table as CSV.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use continuum_report::csv::write_long_table;

fn written(packs: &[continuum_engine::Pack]) -> String {
    let mut out = Vec::new();
    write_long_table(packs, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn opt(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

#[test]
fn the_header_and_one_line_per_row() {
    let packs = common::both();
    let text = written(&packs);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("la,metric_id,value,numerator,denominator,england_value,variation,last_year")
    );
    let rows: usize = packs.iter().map(|p| p.rows.len()).sum();
    assert_eq!(lines.count(), rows);
}

#[test]
fn it_reads_back_to_exactly_the_same_values() {
    let packs = common::both();
    let text = written(&packs);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let all: Vec<_> = packs.iter().flat_map(|p| &p.rows).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), all.len());
    for (rec, row) in records.iter().zip(all) {
        assert_eq!(&rec[0], row.la);
        assert_eq!(&rec[1], row.metric_id);
        assert_eq!(opt(&rec[2]), row.value, "{}", row.metric_id);
        assert_eq!(opt(&rec[3]), row.numerator);
        assert_eq!(opt(&rec[4]), row.denominator);
        assert_eq!(opt(&rec[5]), row.england_value);
        assert_eq!(
            (!rec[6].is_empty()).then(|| rec[6].to_string()),
            row.variation
        );
        assert_eq!(opt(&rec[7]), row.last_year);
    }
    // Full precision: a ninth is not rounded.
    assert!(text.contains("Anyshire,market.direct_payments,0.1111111111111111,1,9,,,"));
    assert!(text.contains(",positive,"));
}

#[test]
fn the_same_packs_give_the_same_bytes() {
    assert_eq!(written(&common::both()), written(&common::both()));
}

#[test]
fn a_small_pack_is_written_exactly_so() {
    insta::assert_snapshot!(written(&[common::small()]));
}
