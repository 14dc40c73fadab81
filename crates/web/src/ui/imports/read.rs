//! What an upload is, how it is unpacked, and which reader checks it. The
//! readers are the CLI's: the same files give the same errors in both.

use std::io::Read;
use std::path::{Path, PathBuf};

use continuum_domain::{AscofValue, CqcBatch, Dataset, LaName};
use continuum_ingest::{
    ErrorKind, IngestError, IngestErrors, Warning, ascof, bundle, cld, cqc, ons,
};

/// The kinds of upload, as `continuum import` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bundle,
    CqcApi,
    CqcRatings,
    CqcDirectory,
    Cld,
    Ascof,
    Population,
}

impl Kind {
    /// Every kind, in the order the form lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Bundle,
        Kind::CqcRatings,
        Kind::CqcDirectory,
        Kind::CqcApi,
        Kind::Cld,
        Kind::Ascof,
        Kind::Population,
    ];

    /// The word used in forms and the import log.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Bundle => "bundle",
            Kind::CqcApi => "cqc-api",
            Kind::CqcRatings => "cqc-ratings",
            Kind::CqcDirectory => "cqc-directory",
            Kind::Cld => "cld",
            Kind::Ascof => "ascof",
            Kind::Population => "population",
        }
    }

    /// The label and hint the form shows.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Bundle => (
                "Council data bundle",
                "A .zip of the bundle's CSV files, or the CSV files themselves",
            ),
            Kind::CqcRatings => (
                "CQC care directory with ratings",
                "CQC's Latest_ratings CSV",
            ),
            Kind::CqcDirectory => ("CQC directory", "CQC's directory CSV"),
            Kind::CqcApi => (
                "CQC API download",
                "A .zip of the API folder: locations.json, providers.json and the detail folders",
            ),
            Kind::Cld => (
                "Client Level Data (CLD)",
                "One CLD submission CSV for your council",
            ),
            Kind::Ascof => ("ASCOF measures", "NHS England's ASCOF .ods file"),
            Kind::Population => (
                "ONS population",
                "A Nomis extract CSV, or population rows in the bundle's form",
            ),
        }
    }

    /// Parses the form word.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a reader produced, ready for the store.
#[derive(Debug)]
pub enum Parsed {
    Cqc(CqcBatch),
    Data(Dataset),
    Ascof(Vec<AscofValue>),
}

impl Parsed {
    /// Rows per table, for the confirmation page.
    pub fn counts(&self) -> Vec<(String, usize)> {
        match self {
            Parsed::Cqc(b) => vec![
                ("locations".into(), b.locations.len()),
                ("rating events".into(), b.rating_events.len()),
                (
                    "quality statement scores".into(),
                    b.quality_statements.len(),
                ),
            ],
            Parsed::Data(ds) => ds
                .counts()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(t, n)| (t.to_string(), n))
                .collect(),
            Parsed::Ascof(v) => vec![("ASCOF figures".into(), v.len())],
        }
    }
}

/// What the database already holds that a file may refer to.
#[derive(Debug, Default)]
pub struct Known {
    pub bundle: bundle::BundleContext,
    pub targets: ons::Targets,
    /// The uploading admin's council, for CLD and population files.
    pub la: Option<LaName>,
}

/// A file name without folders or odd characters; none if nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ' '))
        .collect();
    let name = name.trim().trim_start_matches('.').to_string();
    (!name.is_empty()).then_some(name)
}

/// The most bytes a zip may unpack to, against zip bombs.
const MAX_UNPACKED: u64 = 4 * 1024 * 1024 * 1024;

/// Unpacks a zip into `dir`, keeping its folders (never outside `dir`).
pub fn unzip(zip_path: &Path, dir: &Path) -> Result<(), IngestErrors> {
    let bad =
        |m: String| IngestErrors::one(IngestError::file(ErrorKind::BadStructure, zip_path, m));
    let file = std::fs::File::open(zip_path)
        .map_err(|e| IngestErrors::one(IngestError::io(zip_path, &e)))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| bad(format!("not a readable .zip file: {e}")))?;
    let mut left = MAX_UNPACKED;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| bad(format!("entry {i}: {e}")))?;
        let Some(rel) = entry.enclosed_name() else {
            continue;
        };
        let to = dir.join(&rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&to)
                .map_err(|e| IngestErrors::one(IngestError::io(&to, &e)))?;
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| IngestErrors::one(IngestError::io(parent, &e)))?;
        }
        let mut out =
            std::fs::File::create(&to).map_err(|e| IngestErrors::one(IngestError::io(&to, &e)))?;
        let n = std::io::copy(&mut (&mut entry).take(left + 1), &mut out)
            .map_err(|e| bad(format!("cannot unpack {}: {e}", rel.display())))?;
        if n > left {
            return Err(bad("the .zip unpacks to more than 4 GB".into()));
        }
        left -= n;
    }
    Ok(())
}

/// The folder holding the bundle's CSVs (or the API's `locations.json`):
/// the upload folder itself, or the one folder a zip put them in.
fn content_dir(dir: &Path, marker: impl Fn(&Path) -> bool) -> PathBuf {
    if marker(dir) {
        return dir.to_path_buf();
    }
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir() && marker(p))
        .unwrap_or_else(|| dir.to_path_buf())
}

fn has_csv(p: &Path) -> bool {
    std::fs::read_dir(p)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
        })
}

/// The one uploaded file a single-file reader reads.
fn single(dir: &Path, files: &[String]) -> Result<PathBuf, IngestErrors> {
    match files {
        [one] => Ok(dir.join(one)),
        _ => Err(IngestErrors::one(IngestError::file(
            ErrorKind::Io,
            Path::new("upload"),
            format!(
                "expected one file for this kind of import; {} were uploaded",
                files.len()
            ),
        ))),
    }
}

fn need_council(la: &Option<LaName>) -> Result<LaName, IngestErrors> {
    la.clone().ok_or_else(|| {
        IngestErrors::one(IngestError::file(
            ErrorKind::BadStructure,
            Path::new("upload"),
            "your account is not tied to a council, so this file has no council to belong to",
        ))
    })
}

/// Reads and checks an upload. CPU-bound: call it on the blocking pool.
pub fn check(
    kind: Kind,
    dir: &Path,
    files: &[String],
    known: &Known,
) -> Result<(Parsed, Vec<Warning>), IngestErrors> {
    match kind {
        Kind::Bundle => {
            let d = content_dir(dir, has_csv);
            bundle::read_bundle(&d, &known.bundle).map(|(ds, w)| (Parsed::Data(ds), w))
        }
        Kind::CqcApi => {
            let d = content_dir(dir, |p| p.join("locations.json").is_file());
            cqc::api::read_dir(&d).map(|(b, w)| (Parsed::Cqc(b), w))
        }
        Kind::CqcRatings => {
            cqc::ratings::read_csv(&single(dir, files)?).map(|(b, w)| (Parsed::Cqc(b), w))
        }
        Kind::CqcDirectory => {
            cqc::directory::read_csv(&single(dir, files)?).map(|(b, w)| (Parsed::Cqc(b), w))
        }
        Kind::Ascof => ascof::read_ods(&single(dir, files)?).map(|(v, w)| (Parsed::Ascof(v), w)),
        Kind::Cld => {
            let la = need_council(&known.la)?;
            let ctx = cld::CldContext {
                known_locations: known.bundle.known_locations.clone(),
            };
            cld::read_cld(&single(dir, files)?, &la, &ctx)
                .map(|(i, w)| (Parsed::Data(i.into_dataset()), w))
        }
        Kind::Population => population(&single(dir, files)?, known),
    }
}

fn population(path: &Path, known: &Known) -> Result<(Parsed, Vec<Warning>), IngestErrors> {
    let data = |population| {
        Parsed::Data(Dataset {
            population,
            ..Dataset::default()
        })
    };
    if ons::detect_format(path)? == ons::PopulationFormat::Bundle {
        return bundle::read_population_csv(path).map(|(rows, w)| (data(rows), w));
    }
    let (rows, mut warnings) = ons::read_nomis(path)?;
    let (pop, unmatched) = ons::to_population_rows(path, &rows, &known.targets);
    warnings.extend(unmatched);
    Ok((data(pop), warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_lose_their_folders_and_odd_characters() {
        assert_eq!(
            clean_name("C:\\Users\\a\\people.csv").as_deref(),
            Some("people.csv")
        );
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(clean_name("..").as_deref(), None);
        assert_eq!(clean_name("a<b>.csv").as_deref(), Some("ab.csv"));
    }
}
