//! The national councils: reading `data/councils.csv` and deriving, for each
//! council, a size, rurality, neighbours, places and traits.
//!
//! Sizes follow the council's ONS class: London boroughs (`E09`) small,
//! metropolitan districts (`E08`) and unitaries (`E06`) in between, counties
//! (`E10`) large, each with a deterministic spread; they are then normalised so
//! the national totals hit the calibration (30,000 locations, 1.5 million
//! people at scale 1). Neighbours are the councils next in the file's order
//! within the same region.

use continuum_domain::{LaName, LocalityId, OnsCode};

use crate::SynthError;
use crate::council::{Council, LocalitySpec, Traits};
use crate::ids::Seq;
use crate::rng::{self, Component, Rng, clamped_normal, lognormal, normal, uniform};

/// One row of `councils.csv`.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub ons: OnsCode,
    pub name: LaName,
    pub region: String,
}

/// Reads `ons_code,name,ascof_name,region` (header required, column order free).
pub(crate) fn parse(text: &str) -> Result<Vec<Row>, SynthError> {
    let bad = |line: usize, message: String| SynthError::Councils { line, message };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| bad(1, format!("missing column {name}")))
    };
    let (ons, name, region) = (col("ons_code")?, col("name")?, col("region")?);
    let mut rows = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = record.map_err(|e| bad(line, e.to_string()))?;
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        rows.push(Row {
            ons: OnsCode::parse(cell(ons)).map_err(|e| bad(line, e.to_string()))?,
            name: LaName::parse(cell(name)).map_err(|e| bad(line, e.to_string()))?,
            region: cell(region).to_string(),
        });
    }
    if rows.is_empty() {
        return Err(SynthError::NoCouncils);
    }
    Ok(rows)
}

/// The ONS class of a council: (relative size, rurality range, out-of-area factor).
fn class(ons: &OnsCode) -> (f64, (f64, f64), f64) {
    match &ons.as_str()[..3] {
        "E09" => (0.55, (0.0, 0.0), 1.6),
        "E08" => (1.0, (0.0, 0.12), 1.1),
        "E10" => (2.6, (0.3, 0.7), 0.8),
        _ => (0.8, (0.0, 0.45), 1.0),
    }
}

/// The councils far from their class's typical size, with their relative size
/// (1 is about 280,000 people, the size of Anyshire and Medway): ONS mid-2023
/// populations, rounded. Every other council's size is drawn around its class.
const KNOWN_SIZES: [(&str, f64); 14] = [
    ("E09000001", 0.03), // City of London, about 8,600
    ("E06000053", 0.01), // Isles of Scilly, about 2,100
    ("E06000017", 0.15), // Rutland, about 41,000
    ("E08000025", 4.1),  // Birmingham, about 1.16 million
    ("E08000035", 2.9),  // Leeds, about 820,000
    ("E08000003", 2.1),  // Manchester, about 570,000
    ("E06000052", 2.1),  // Cornwall, about 580,000
    ("E06000065", 2.2),  // North Yorkshire, about 620,000
    ("E10000016", 5.7),  // Kent, about 1.6 million
    ("E10000012", 5.3),  // Essex, about 1.5 million
    ("E10000014", 5.0),  // Hampshire, about 1.4 million
    ("E10000017", 4.4),  // Lancashire, about 1.24 million
    ("E10000030", 4.3),  // Surrey, about 1.2 million
    ("E10000015", 4.3),  // Hertfordshire, about 1.2 million
];

/// A council's size before the national totals are applied.
fn raw_size(ons: &OnsCode, rng: &mut Rng) -> f64 {
    let drawn = class(ons).0 * lognormal(rng, 1.0, 0.35);
    KNOWN_SIZES
        .iter()
        .find(|(code, _)| *code == ons.as_str())
        .map_or(drawn, |(_, size)| *size)
}

/// A rough centre for each English region (latitude, longitude).
fn region_centre(region: &str) -> (f64, f64) {
    let r = region.to_ascii_lowercase();
    let table = [
        ("north east", (54.9, -1.6)),
        ("north west", (53.7, -2.6)),
        ("yorkshire", (53.8, -1.3)),
        ("east midlands", (52.9, -1.0)),
        ("west midlands", (52.5, -2.1)),
        ("london", (51.5, -0.12)),
        ("south east", (51.3, -0.6)),
        ("south west", (50.9, -3.2)),
        ("east", (52.3, 0.6)),
    ];
    table
        .iter()
        .find(|(k, _)| r.contains(k))
        .map_or((52.5, -1.5), |(_, c)| *c)
}

/// Every council to generate, in file order.
pub(crate) fn councils(
    rows: &[Row],
    seed: u64,
    scale: f64,
    as_at: continuum_domain::Date,
) -> Result<Vec<Council>, SynthError> {
    let mut rngs: Vec<Rng> = (0..rows.len())
        .map(|i| rng::stream(seed, rng::stream_id(i as u32, Component::Traits)))
        .collect();
    let raw: Vec<f64> = rows
        .iter()
        .zip(rngs.iter_mut())
        .map(|(r, g)| raw_size(&r.ons, g))
        .collect();
    let mean = raw.iter().sum::<f64>() / raw.len().max(1) as f64;
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let in_region: Vec<usize> = (0..rows.len())
            .filter(|&j| rows[j].region == row.region)
            .collect();
        let k = in_region.iter().position(|&j| j == i).unwrap_or(0);
        let neighbours = (k.saturating_sub(2)..(k + 3).min(in_region.len()))
            .filter(|&m| m != k)
            .map(|m| rows[in_region[m]].name.clone())
            .collect();
        let size = raw[i] / mean.max(f64::MIN_POSITIVE);
        let g = &mut rngs[i];
        let (_, (lo, hi), ooa) = class(&row.ons);
        let rural = uniform(g, lo, hi);
        let centre = place(region_centre(&row.region), k, in_region.len());
        out.push(Council {
            index: i as u32,
            la: row.name.clone(),
            ons: row.ons.clone(),
            as_at,
            neighbours,
            size: size * scale,
            population: size,
            traits: traits(g, rural, ooa),
            postcode_area: postcode_area(row.name.as_str()),
            localities: localities(g, row, centre, rural, size)?,
            london: row.ons.as_str().starts_with("E09"),
            demo: false,
        });
    }
    Ok(out)
}

/// Spreads a region's councils along a diagonal through its centre, so
/// neighbours in file order are near each other.
fn place(centre: (f64, f64), k: usize, n: usize) -> (f64, f64) {
    let x = k as f64 - (n as f64 - 1.0) / 2.0;
    (centre.0 + 0.05 * x, centre.1 + 0.08 * x)
}

fn traits(g: &mut Rng, rural: f64, ooa: f64) -> Traits {
    Traits {
        occupancy: clamped_normal(g, 0.86, 0.035, 0.74, 0.95),
        wait_factor: lognormal(g, 1.0, 0.35),
        homecare_tail: lognormal(g, 1.0, 0.5) * (1.0 + rural),
        quality: uniform(g, 0.0, 1.2),
        out_of_area: ooa * lognormal(g, 1.0, 0.3),
        vacancy: clamped_normal(g, 0.085, 0.02, 0.04, 0.14),
        turnover: clamped_normal(g, 0.27, 0.035, 0.15, 0.4),
        care_certificate: clamped_normal(g, 0.5, 0.09, 0.25, 0.7),
        fees: uniform(g, 0.9, 1.12),
        survey_shift: 2.0 * normal(g),
        rural,
    }
}

/// Two letters for made-up postcodes, from the council's name.
fn postcode_area(name: &str) -> String {
    let letters: String = name
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(2)
        .collect();
    letters.to_ascii_uppercase()
}

fn localities(
    g: &mut Rng,
    row: &Row,
    centre: (f64, f64),
    rural: f64,
    size: f64,
) -> Result<Vec<LocalitySpec>, SynthError> {
    const PARTS: [(&str, f64, f64); 5] = [
        ("Central", 0.0, 0.0),
        ("North", 0.06, 0.0),
        ("South", -0.06, 0.0),
        ("East", 0.0, 0.09),
        ("West", 0.0, -0.09),
    ];
    let n = (3 + usize::from(rural > 0.3) + usize::from(size > 1.5)).min(PARTS.len());
    let rural_n = (n as f64 * rural).round() as usize;
    let mut seq = Seq::new(&format!("{}-LO", row.ons));
    let weights: Vec<f64> = (0..n).map(|_| uniform(g, 0.6, 1.4)).collect();
    let total: f64 = weights.iter().sum();
    let mut out = Vec::with_capacity(n);
    for (k, (part, dy, dx)) in PARTS.iter().take(n).enumerate() {
        let spread = 1.0 + 0.6 * (size.sqrt() - 1.0).max(0.0);
        let is_rural = k >= n - rural_n;
        let id: LocalityId = seq.next()?;
        out.push(LocalitySpec {
            id,
            name: format!("{} {part}", row.name),
            rural: is_rural,
            share: weights[k] / total,
            centre: (centre.0 + dy * spread, centre.1 + dx * spread),
            spread: if is_rural { 0.06 } else { 0.025 } * spread,
            district: 1 + 3 * k as u32,
        });
    }
    Ok(out)
}
