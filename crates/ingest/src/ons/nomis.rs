//! The Nomis CSV reader: every row checked, then summed into adult age bands.

use continuum_domain::{AgeBand, OnsCode, Sex};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::{NOMIS_COLUMNS, OnsPopulation, clean_header};
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// An age label: `Age 65`, `Aged 90+`, `Aged 65-69`, `Aged under 1`, `All Ages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Age {
    All,
    Range(u32, u32),
    Plus(u32),
}

const AGE_EXPECTED: &str = "an age label such as 'Age 65', 'Aged 90+', 'Aged 65-69' or \
                            'All Ages', within one band (under 18, 18-64, 65-74, 75-84, 85+)";
const SEX_EXPECTED: &str = "Male, Female or Total";

fn parse_age(s: &str) -> Option<Age> {
    let t = s.trim().to_lowercase();
    if t == "all ages" || t == "all" {
        return Some(Age::All);
    }
    let rest = t
        .strip_prefix("aged ")
        .or_else(|| t.strip_prefix("age "))?
        .trim();
    if rest == "under 1" {
        return Some(Age::Range(0, 0));
    }
    if let Some(n) = rest
        .strip_suffix('+')
        .or_else(|| rest.strip_suffix(" and over"))
    {
        return n.trim().parse().ok().map(Age::Plus);
    }
    let range = rest.split_once('-').or_else(|| rest.split_once(" to "));
    match range {
        Some((a, b)) => Some(Age::Range(a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => rest.parse().ok().map(|n| Age::Range(n, n)),
    }
}

/// The band an age label counts in: `Ok(None)` for children and `All Ages`,
/// `Err` for a label that spans two bands.
fn band(age: Age) -> Result<Option<AgeBand>, ()> {
    match age {
        Age::All => Ok(None),
        Age::Plus(n) if n >= 85 => Ok(Some(AgeBand::A85Plus)),
        Age::Plus(_) => Err(()),
        Age::Range(a, b) if a <= b && AgeBand::for_age(a) == AgeBand::for_age(b) => {
            Ok(AgeBand::for_age(a))
        }
        Age::Range(..) => Err(()),
    }
}

fn parse_sex(s: &str) -> Result<Option<Sex>, ()> {
    match s.trim().to_lowercase().as_str() {
        "male" | "males" | "m" => Ok(Some(Sex::Male)),
        "female" | "females" | "f" => Ok(Some(Sex::Female)),
        "total" | "all persons" | "persons" | "people" | "all" => Ok(None),
        _ => Err(()),
    }
}

fn parse_year(s: &str) -> Option<i32> {
    let last = s.trim().rsplit([' ', '-']).next()?;
    (last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()))
        .then(|| last.parse().ok())
        .flatten()
}

/// One checked row.
struct Row {
    code: OnsCode,
    name: String,
    year: i32,
    gender: String,
    sex: Option<Sex>,
    age: Age,
    age_label: String,
    people: u64,
}

/// Reads a Nomis population extract: adult bands, by sex, per geography and year.
///
/// Errors name the file, line, column and value; all rows are checked before
/// any error is returned, up to [`IngestErrors::LIMIT`].
pub fn read_nomis(path: &Path) -> Result<(Vec<OnsPopulation>, Vec<Warning>), IngestErrors> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, &e))?;
    let mut rdr = csv::ReaderBuilder::new().from_reader(std::io::BufReader::new(file));
    let cols = columns(path, &mut rdr)?;
    let mut errors = IngestErrors::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<(OnsCode, i32, String, String), u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(path, &e));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let Some(row) = parse_row(path, line, &rec, &cols, &mut errors) else {
            continue;
        };
        let key = (
            row.code.clone(),
            row.year,
            row.gender.clone(),
            row.age_label.clone(),
        );
        if let Some(first) = seen.insert(key, line) {
            errors.push(duplicate(path, line, first));
        }
        rows.push(row);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let warnings = check_totals(path, &rows);
    Ok((sum_bands(rows), warnings))
}

/// The index of each needed column; every missing one is an error.
fn columns<R: std::io::Read>(
    path: &Path,
    rdr: &mut csv::Reader<R>,
) -> Result<[usize; 6], IngestErrors> {
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(clean_header).collect(),
        Err(e) => return Err(csv_error(path, &e).into()),
    };
    let mut errors = IngestErrors::new();
    let mut cols = [0; 6];
    for (slot, name) in cols.iter_mut().zip(NOMIS_COLUMNS) {
        match header.iter().position(|h| h.eq_ignore_ascii_case(name)) {
            Some(i) => *slot = i,
            None => errors.push(IngestError {
                kind: ErrorKind::MissingColumn,
                file: path.to_path_buf(),
                at: Position::Line(1),
                column: Some(name.to_string()),
                value: None,
                message: format!(
                    "the Nomis column {name} is missing; the header has: {}",
                    header.join(", ")
                ),
            }),
        }
    }
    errors.into_result(cols)
}

fn parse_row(
    path: &Path,
    line: u64,
    rec: &csv::StringRecord,
    cols: &[usize; 6],
    errors: &mut IngestErrors,
) -> Option<Row> {
    let get = |i: usize| rec.get(cols[i]).unwrap_or("").trim();
    let mut bad = |i: usize, expected: &str| {
        let e = IngestError::bad_value(path, line, NOMIS_COLUMNS[i], get(i), expected);
        errors.push(e);
    };
    let name = get(0).to_string();
    if name.is_empty() {
        bad(0, "the geography's name");
    }
    let code = OnsCode::parse(get(1)).ok();
    if code.is_none() {
        bad(1, "an ONS area code such as E10000019");
    }
    let year = parse_year(get(2));
    if year.is_none() {
        bad(2, "a year such as 2024");
    }
    let sex = parse_sex(get(3)).ok();
    if sex.is_none() {
        bad(3, SEX_EXPECTED);
    }
    let age = parse_age(get(4)).filter(|a| band(*a).is_ok());
    if age.is_none() {
        bad(4, AGE_EXPECTED);
    }
    let people = get(5).parse::<u64>().ok();
    if people.is_none() {
        bad(5, "a whole number of people, such as 6152");
    }
    Some(Row {
        code: code?,
        name: (!name.is_empty()).then_some(name)?,
        year: year?,
        gender: get(3).to_lowercase(),
        sex: sex?,
        age: age?,
        age_label: get(4).to_lowercase(),
        people: people?,
    })
}

fn csv_error(path: &Path, e: &csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line());
    let (kind, message) = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            (ErrorKind::NotUtf8, "the line is not UTF-8 text".to_string())
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            ErrorKind::BadStructure,
            format!("the line has {len} fields; the header has {expected_len}"),
        ),
        _ => (ErrorKind::Io, format!("the file cannot be read: {e}")),
    };
    IngestError::file(kind, path, message).at(Position::Line(line))
}

fn duplicate(path: &Path, line: u64, first: u64) -> IngestError {
    let message = format!(
        "this geography, year, sex and age are already on line {first}; \
         each may appear once, or people would be counted twice"
    );
    IngestError::file(ErrorKind::DuplicateId, path, message).at(Position::Line(line))
}

/// Warns where single ages do not add up to the file's own `All Ages` figure.
fn check_totals(path: &Path, rows: &[Row]) -> Vec<Warning> {
    let mut sums: BTreeMap<(&str, i32, &str), (Option<u64>, u64)> = BTreeMap::new();
    for r in rows {
        let entry = sums
            .entry((r.code.as_str(), r.year, r.gender.as_str()))
            .or_default();
        match r.age {
            Age::All => entry.0 = Some(r.people),
            _ => entry.1 += r.people,
        }
    }
    sums.into_iter()
        .filter_map(|((code, year, gender), (all, sum))| {
            let all = all.filter(|a| *a != sum)?;
            Some(Warning {
                file: path.to_path_buf(),
                at: Position::File,
                message: format!(
                    "{code} {year} {gender}: the ages add up to {sum}, but 'All Ages' says {all}"
                ),
            })
        })
        .collect()
}

/// Sums the rows into adult bands of one sex, dropping children, totals and
/// the `Total` sex.
fn sum_bands(rows: Vec<Row>) -> Vec<OnsPopulation> {
    let mut sums: BTreeMap<(OnsCode, i32, Sex, AgeBand), (String, u64)> = BTreeMap::new();
    for r in rows {
        let (Some(sex), Ok(Some(age_band))) = (r.sex, band(r.age)) else {
            continue;
        };
        let entry = sums
            .entry((r.code, r.year, sex, age_band))
            .or_insert((r.name, 0));
        entry.1 += r.people;
    }
    sums.into_iter()
        .map(
            |((geography_code, year, sex, age_band), (geography_name, people))| OnsPopulation {
                geography_code,
                geography_name,
                year,
                sex,
                age_band,
                people,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nomis_age_labels_fall_in_one_band() {
        let b = |s: &str| parse_age(s).map(band);
        assert_eq!(b("Age 64"), Some(Ok(Some(AgeBand::A18To64))));
        assert_eq!(b("Age 65"), Some(Ok(Some(AgeBand::A65To74))));
        assert_eq!(b("Aged 90+"), Some(Ok(Some(AgeBand::A85Plus))));
        assert_eq!(b("Aged 85-89"), Some(Ok(Some(AgeBand::A85Plus))));
        assert_eq!(b("Age 17"), Some(Ok(None)));
        assert_eq!(b("Aged under 1"), Some(Ok(None)));
        assert_eq!(b("All Ages"), Some(Ok(None)));
        assert_eq!(b("Aged 60-69"), Some(Err(())), "spans 18-64 and 65-74");
        assert_eq!(b("Aged 65+"), Some(Err(())), "spans three bands");
        assert_eq!(b("Age forty"), None);
        assert_eq!(b("65"), None);
    }

    #[test]
    fn years_and_sexes_read_in_nomis_spellings() {
        assert_eq!(parse_year("2024"), Some(2024));
        assert_eq!(parse_year("June 2024"), Some(2024));
        assert_eq!(parse_year("24"), None);
        assert_eq!(parse_sex("Female"), Ok(Some(Sex::Female)));
        assert_eq!(parse_sex("Total"), Ok(None));
        assert_eq!(parse_sex("Other"), Err(()));
    }
}
