#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Arbitrary cells never make a reader panic: each row is either read or
//! refused with an error. (The single-cell parsers have their own property test
//! in `bundle::fields`.)

use continuum_ingest::bundle::{BundleContext, fields, files, read_bundle};
use proptest::prelude::*;

/// Any text, including commas, quotes, newlines, `;` and non-ASCII.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[0-9;:,\" \\-./+eE]{0,12}",
        Just(String::new()),
        Just("2024-02-29".to_string()),
        Just("Y".to_string()),
    ]
}

/// Cells for a CLD row: valid words often enough to reach the later rules.
fn cld_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        cell(),
        prop::sample::select(vec![
            "P1",
            "Service user",
            "Unpaid carer",
            "Service",
            "Request",
            "Review",
            "Assessment",
            "2024-01-10",
            "10/01/2024",
            "1938",
            "NFA: Deceased",
            "Progress to assessment",
            "Long term support: Nursing care",
            "Hourly",
            "One-off",
            "4-weekly",
            "12.5",
        ])
        .prop_map(str::to_string),
    ]
}

fn csv_row(cells: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cells).unwrap();
    w.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_row_of_any_file_is_read_or_refused(
        file in 0usize..20,
        cells in proptest::collection::vec(cell(), 25),
    ) {
        let spec = files()[file];
        let dir = tempfile::tempdir().unwrap();
        let authority = "la,ons_code\nMedway,E06000035\n";
        std::fs::write(dir.path().join("authority.csv"), authority).unwrap();
        let header: Vec<String> = spec.columns.iter().map(|c| c.name.to_string()).collect();
        let mut bytes = csv_row(&header);
        bytes.extend(csv_row(&cells[..header.len()]));
        std::fs::write(dir.path().join(spec.file), bytes).unwrap();
        let _ = read_bundle(dir.path(), &BundleContext::default());
    }

    #[test]
    fn the_public_cell_parsers_never_panic(s in "\\PC{0,30}") {
        let _ = fields::year(&s);
        let _ = fields::pathway(&s);
        let _ = fields::fraction(&s);
        let _ = fields::signed(&s);
        let _ = fields::people(&s);
        let _ = fields::period(&s);
        let _ = fields::name(&s);
        let _ = fields::list::<continuum_domain::PersonId>(&s);
        let _ = fields::word::<continuum_domain::Route>(&s);
    }

    #[test]
    fn any_cld_rows_are_read_or_refused(cells in proptest::collection::vec(cld_cell(), 36)) {
        let header = "LA Person Unique Identifier,Client Type,Event Type,Event Start Date,\
                      Event End Date,Event Outcome,Date of Birth,Date of Death,Service Type,\
                      Unit Cost,Cost Frequency (Unit Type),Planned units per week\n";
        let mut bytes = header.as_bytes().to_vec();
        for row in cells.chunks(12) {
            bytes.extend(csv_row(row));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cld.csv");
        std::fs::write(&path, bytes).unwrap();
        let la = "Medway".parse().unwrap();
        let _ = continuum_ingest::cld::read_cld(&path, &la, &Default::default());
    }
}
