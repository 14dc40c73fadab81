//! The council data bundle: a folder of CSV files (`spec/bundle.md`), read into
//! a [`Dataset`] and written back byte for byte.
//!
//! # Reading
//!
//! [`read_bundle`] reads every file, two at a time on two threads (largest
//! first), then checks uniqueness within each file and the references between
//! files (each check on two threads too). It collects up to
//! [`IngestErrors::LIMIT`] errors across all files before failing, shared out
//! so that every bad file shows some; each error names the file, the line (the
//! header is line 1), the column and the value, and says what was expected.
//! References are checked only when every file parsed and no ID is duplicated,
//! so one bad row does not also show up as a dangling reference elsewhere.
//!
//! Speed: the national bundle (about ten million rows) is benchmarked by
//! `cargo test -p continuum-ingest --release --test bundle_speed -- --ignored
//! --nocapture`; see `read.rs` for how a row is read without copying.
//!
//! A column is *required* when the header must have it: IDs, `la`, the dates
//! that define an event, and the vocabularies the metrics count by. Any other
//! column may be left out, and its cells then read as empty: `None`, an empty
//! list or text, or the default each group module names (`in_house` N,
//! `status` registered, `sponsor_licence` none, a person's `sex` unknown, a
//! placement's `interim` N, a locality's `rural` N). The required columns:
//!
//! | file | required columns |
//! |---|---|
//! | authority | la, ons_code |
//! | localities | la, locality_id |
//! | population | la, year, sex, age_band, people, kind |
//! | prevalence | measure, sex, age_band, rate |
//! | locations | location_id, provider_id, local_authority, service_type, beds, rating |
//! | contracts | contract_id, la, location_id, kind, service_type, start_date, rate, rate_unit |
//! | capacity | location_id, date |
//! | people | person_id, la, client_type |
//! | requests | request_id, person_id, service_type, route, received_on |
//! | placements | placement_id, person_id, location_id, service_type, start_date, delivery |
//! | reviews | review_id, person_id, date, kind |
//! | quality_assessments | assessment_id, location_id, la, date, domain, standard, rating |
//! | visits | visit_id, location_id, la, date, kind |
//! | concerns | concern_id, location_id, la, raised_on, kind |
//! | sanctions | sanction_id, location_id, la, kind, start_date |
//! | handbacks | handback_id, location_id, la, date, service_type, people_affected |
//! | workforce | every column |
//! | fees | la, service_type, effective_from, rate, unit |
//! | indicators | la, measure, period, polarity |
//! | gaps | gap_id, la, raised_on, raised_by_role, status |
//!
//! An empty cell in a required column is an error unless the field is optional
//! in the domain (`domain` and `standard` of a quality assessment may be empty).
//!
//! # Writing
//!
//! [`write_bundle`] writes one file per non-empty table (and `authority.csv`
//! always), with the columns in the spec's order and the rows in the
//! [`Dataset`]'s order; the same `Dataset` always gives the same bytes. A bundle
//! file left in the folder for a table that is now empty is removed, so the
//! folder reads back as the same `Dataset`. Text that is `Some("")` reads back
//! as `None`. The national reference tables of a [`Dataset`] (ASCOF, CQC rating
//! history and quality statements) are not bundle files: they are neither
//! written nor read here.

mod care;
mod check;
pub mod fields;
mod indicators;
mod market;
mod places;
mod quality;
pub(crate) mod read;
mod refs;
mod row;
mod sustainability;
pub(crate) mod write;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use continuum_domain::{Dataset, LaName, LocalityId, LocationId, PopulationRow};

pub use read::{Column, FileSpec};
use read::{Parsed, Row, read_file};

use crate::{ErrorKind, IngestError, IngestErrors, Warning};

/// What the database already knows, so a bundle may refer to it: locations
/// imported from CQC, councils and their localities imported before.
#[derive(Debug, Clone, Default)]
pub struct BundleContext {
    /// Known locations, each with its CQC "Location Local Authority".
    pub known_locations: HashMap<LocationId, LaName>,
    /// Known councils.
    pub known_authorities: HashSet<LaName>,
    /// Known localities, by council.
    pub known_localities: HashSet<(LaName, LocalityId)>,
}

impl BundleContext {
    /// The context of data already loaded (for example from the store).
    pub fn from_dataset(ds: &Dataset) -> Self {
        Self {
            known_locations: ds
                .locations
                .iter()
                .map(|l| (l.location_id.clone(), l.local_authority.clone()))
                .collect(),
            known_authorities: ds.authorities.iter().map(|a| a.la.clone()).collect(),
            known_localities: ds
                .localities
                .iter()
                .map(|l| (l.la.clone(), l.locality_id.clone()))
                .collect(),
        }
    }
}

/// Reads a bundle folder. All or nothing: any error gives `Err` with every
/// error found (up to [`IngestErrors::LIMIT`]); warnings (such as unknown
/// columns) come with the `Dataset`.
pub fn read_bundle(
    dir: &Path,
    ctx: &BundleContext,
) -> Result<(Dataset, Vec<Warning>), IngestErrors> {
    if !dir.is_dir() {
        return Err(IngestError::file(
            ErrorKind::Io,
            dir,
            "expected a folder holding the bundle's CSV files; there is none here",
        )
        .into());
    }
    let mut loaded = Loaded::default();
    let mut jobs = Jobs {
        dir,
        list: Vec::new(),
    };
    loaded.jobs(&mut jobs);
    let started = Instant::now();
    jobs.run();
    let parsed_ms = started.elapsed().as_millis();
    let mut report = Report::default();
    loaded.report(&mut report);
    let mut errors = report.errors();
    let keys = check::check_unique(&loaded, &mut errors);
    let unique_ms = started.elapsed().as_millis() - parsed_ms;
    if errors.is_empty() {
        refs::check_refs(&loaded, ctx, &keys, &mut errors);
    }
    drop(keys);
    tracing::debug!(
        parse_ms = parsed_ms,
        unique_ms,
        total_ms = started.elapsed().as_millis(),
        errors = errors.errors.len(),
        "bundle read"
    );
    errors.into_result(())?;
    Ok((loaded.into_dataset(), report.warnings))
}

/// Writes a bundle folder (creating it if needed): one CSV per non-empty table,
/// and `authority.csv` always. Deterministic: the same `Dataset` gives the same
/// bytes.
pub fn write_bundle(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    std::fs::create_dir_all(dir).map_err(|e| IngestError::io(dir, &e))?;
    places::write(ds, dir)?;
    market::write(ds, dir)?;
    care::write(ds, dir)?;
    quality::write(ds, dir)?;
    sustainability::write(ds, dir)?;
    indicators::write(ds, dir)
}

/// Reads one CSV in the form of the bundle's `population.csv` (ONS projections
/// converted to it, for example), on its own: no council check, but the
/// uniqueness rule (la, locality, year, sex, age band, kind) holds.
pub fn read_population_csv(
    path: &Path,
) -> Result<(Vec<PopulationRow>, Vec<Warning>), IngestErrors> {
    let mut parsed = read_file(path, &places::POPULATION, true, places::parse_population);
    let mut errors = std::mem::take(&mut parsed.errors);
    if errors.is_empty() {
        let mut l = Loaded::default();
        l.places.population = parsed;
        check::check_unique(&l, &mut errors);
        parsed = std::mem::take(&mut l.places.population);
    }
    errors.into_result((parsed.rows, parsed.warnings))
}

/// Row counts per file, for an import summary or a `--dry-run`.
pub fn summary(ds: &Dataset) -> Vec<(&'static str, usize)> {
    ds.counts()
}

/// Every bundle file and its columns, in the spec's order.
pub fn files() -> Vec<FileSpec> {
    [
        places::FILES,
        market::FILES,
        care::FILES,
        quality::FILES,
        sustainability::FILES,
        indicators::FILES,
    ]
    .concat()
}

/// Every file of a bundle, as read.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub places: places::Places,
    pub market: market::Market,
    pub care: care::Care,
    pub quality: quality::Quality,
    pub sustainability: sustainability::Sustainability,
    pub indicators: indicators::Indicators,
}

impl Loaded {
    fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        self.places.jobs(jobs);
        self.market.jobs(jobs);
        self.care.jobs(jobs);
        self.quality.jobs(jobs);
        self.sustainability.jobs(jobs);
        self.indicators.jobs(jobs);
    }

    fn report(&mut self, report: &mut Report) {
        self.places.report(report);
        self.market.report(report);
        self.care.report(report);
        self.quality.report(report);
        self.sustainability.report(report);
        self.indicators.report(report);
    }

    fn into_dataset(self) -> Dataset {
        let mut ds = Dataset::default();
        self.places.into_dataset(&mut ds);
        self.market.into_dataset(&mut ds);
        self.care.into_dataset(&mut ds);
        self.quality.into_dataset(&mut ds);
        self.sustainability.into_dataset(&mut ds);
        self.indicators.into_dataset(&mut ds);
        ds
    }
}

/// Errors and warnings of every file, in the spec's file order.
#[derive(Debug, Default)]
pub(crate) struct Report {
    files: Vec<IngestErrors>,
    warnings: Vec<Warning>,
}

impl Report {
    /// Moves one file's errors and warnings in.
    pub(crate) fn take<T>(&mut self, p: &mut Parsed<T>) {
        if !p.errors.is_empty() {
            self.files.push(std::mem::take(&mut p.errors));
        }
        self.warnings.append(&mut p.warnings);
    }

    /// The errors of all files, at most [`IngestErrors::LIMIT`], shared out
    /// fairly: every file with errors shows some, so one bad file does not hide
    /// the others. They stay grouped by file, in line order.
    fn errors(&mut self) -> IngestErrors {
        let files = std::mem::take(&mut self.files);
        let mut quota = vec![0; files.len()];
        let mut left = IngestErrors::LIMIT;
        while left > 0 {
            let before = left;
            for (q, f) in quota.iter_mut().zip(&files) {
                if left > 0 && *q < f.errors.len() {
                    *q += 1;
                    left -= 1;
                }
            }
            if left == before {
                break;
            }
        }
        let mut out = IngestErrors::new();
        for (f, q) in files.into_iter().zip(quota) {
            out.truncated |= f.truncated || q < f.errors.len();
            f.errors.into_iter().take(q).for_each(|e| out.push(e));
        }
        out
    }
}

type Job<'a> = Box<dyn FnOnce() + Send + 'a>;

/// The files to read, each a job that fills its own table.
pub(crate) struct Jobs<'a> {
    dir: &'a Path,
    list: Vec<(u64, Job<'a>)>,
}

impl<'a> Jobs<'a> {
    /// Queues reading `spec.file` into `out`.
    pub(crate) fn add<T: Send + 'a>(
        &mut self,
        spec: &'static FileSpec,
        must_exist: bool,
        parse: fn(&Row<'_>) -> Result<T, IngestError>,
        out: &'a mut Parsed<T>,
    ) {
        let path = self.dir.join(spec.file);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let job = move || *out = read_file(&path, spec, must_exist, parse);
        self.list.push((size, Box::new(job)));
    }

    /// Runs the jobs, largest file first, on up to two threads.
    fn run(mut self) {
        self.list.sort_by_key(|job| std::cmp::Reverse(job.0));
        let queue = Mutex::new(self.list.into_iter());
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
        let work = || {
            loop {
                let next = match queue.lock() {
                    Ok(mut q) => q.next(),
                    Err(poisoned) => poisoned.into_inner().next(),
                };
                let Some((_, job)) = next else { break };
                job();
            }
        };
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(work);
            }
            work();
        });
    }
}
