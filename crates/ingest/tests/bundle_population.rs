#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `population.csv` read on its own (the form ONS projections are converted to).

use continuum_domain::{AgeBand, PopulationKind, Sex};
use continuum_ingest::bundle::read_population_csv;
use continuum_ingest::{ErrorKind, Position};

fn file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("projection.csv");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_projection_file_reads_in_any_column_order() {
    let (_dir, path) = file(
        "kind,year,la,sex,age_band,people,source\n\
         projection,2030,Lincolnshire,f,85+,21400,ONS 2022-based\n\
         projection,2030,Lincolnshire,m,85+,14900,ONS 2022-based\n",
    );
    let (rows, warnings) = read_population_csv(&path).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].sex, Sex::Male);
    assert_eq!(rows[1].age_band, AgeBand::A85Plus);
    assert_eq!(rows[1].people, 14_900);
    assert_eq!(rows[1].kind, PopulationKind::Projection);
    assert_eq!(rows[0].locality_id, None);
    // `source` is not a population.csv column.
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("unknown column 'source'"));
}

#[test]
fn the_same_figure_twice_is_refused() {
    let (_dir, path) = file(
        "la,year,sex,age_band,people,kind\n\
         Lincolnshire,2030,f,85+,21400,projection\n\
         Lincolnshire,2030,f,85+,21500,projection\n",
    );
    let e = read_population_csv(&path).unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!(e.errors[0].kind, ErrorKind::DuplicateId);
    assert_eq!(e.errors[0].at, Position::Line(3));
    assert!(e.to_string().contains("already on line 2"), "{e}");
}

#[test]
fn a_bad_age_band_names_the_line_and_the_accepted_bands() {
    let (_dir, path) = file(
        "la,year,sex,age_band,people,kind\n\
         Lincolnshire,2030,f,90+,500,projection\n",
    );
    let e = read_population_csv(&path).unwrap_err().to_string();
    assert!(e.contains("line 2, column 'age_band', value '90+'"), "{e}");
    assert!(e.contains("18-64, 65-74, 75-84, 85+"), "{e}");
}
