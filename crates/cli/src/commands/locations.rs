//! `continuum locations`: the register, filtered, as a table, JSON or CSV.

use std::io::Write;

use continuum_domain::{Location, ProviderId, Rating};
use continuum_store::LocationQuery;
use serde::Serialize;

use super::{open_store, parse_la, parse_word};
use crate::cli::{ListFormat, LocationsArgs};
use crate::config::Config;

/// One row of the listing: the register's fields a council analyst asks for.
#[derive(Debug, Serialize)]
struct Row<'a> {
    location_id: &'a str,
    name: &'a str,
    provider_id: &'a str,
    provider_name: &'a str,
    local_authority: &'a str,
    service_type: &'a str,
    beds: u32,
    rating: &'a str,
    rating_date: Option<String>,
    status: &'a str,
    registered_manager: Option<bool>,
    specialisms: Vec<&'a str>,
    postcode: &'a str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    registered_on: Option<String>,
    deregistered_on: Option<String>,
}

fn row(l: &Location) -> Row<'_> {
    let date = |d: Option<continuum_domain::Date>| d.map(continuum_domain::parse::format_date);
    Row {
        location_id: l.location_id.as_str(),
        name: &l.name,
        provider_id: l.provider_id.as_str(),
        provider_name: &l.provider_name,
        local_authority: l.local_authority.as_str(),
        service_type: l.service_type.as_str(),
        beds: l.beds,
        rating: l.rating.as_str(),
        rating_date: date(l.rating_date),
        status: l.status.as_str(),
        registered_manager: l.registered_manager,
        specialisms: l.specialisms.iter().map(|s| s.as_str()).collect(),
        postcode: &l.postcode,
        latitude: l.latitude,
        longitude: l.longitude,
        registered_on: date(l.registered_on),
        deregistered_on: date(l.deregistered_on),
    }
}

pub async fn run(a: LocationsArgs, cfg: &Config) -> anyhow::Result<()> {
    let query = LocationQuery {
        la: a.la.as_deref().map(parse_la).transpose()?,
        service_type: a
            .service_type
            .as_deref()
            .map(|s| parse_word("--service-type", s))
            .transpose()?,
        rating: a
            .rating
            .as_deref()
            .map(|s| parse_word::<Rating>("--rating", s))
            .transpose()?,
        status: a
            .status
            .as_deref()
            .map(|s| parse_word("--status", s))
            .transpose()?,
        provider_id: a
            .provider
            .as_deref()
            .map(|s| parse_word::<ProviderId>("--provider", s))
            .transpose()?,
        specialism: a
            .specialism
            .as_deref()
            .map(|s| parse_word("--specialism", s))
            .transpose()?,
        locality_id: None,
        text: a.search.clone(),
        limit: a.limit,
        offset: None,
    };
    let store = open_store(&cfg.database).await?;
    let locations = store.locations(&query).await?;
    let rows: Vec<Row<'_>> = locations.iter().map(row).collect();
    let mut out = std::io::stdout().lock();
    match a.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Csv => write_csv(&mut out, &rows)?,
        ListFormat::Table => write_table(&mut out, &rows)?,
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, rows: &[Row<'_>]) -> anyhow::Result<()> {
    writeln!(
        out,
        "location_id,name,provider_name,local_authority,service_type,beds,rating,rating_date,status,postcode"
    )?;
    for r in rows {
        let cells = [
            r.location_id.to_string(),
            r.name.to_string(),
            r.provider_name.to_string(),
            r.local_authority.to_string(),
            r.service_type.to_string(),
            r.beds.to_string(),
            r.rating.to_string(),
            r.rating_date.clone().unwrap_or_default(),
            r.status.to_string(),
            r.postcode.to_string(),
        ];
        let quoted: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        writeln!(out, "{}", quoted.join(","))?;
    }
    Ok(())
}

fn csv_cell(c: &str) -> String {
    if c.contains([',', '"', '\n']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c.to_string()
    }
}

fn write_table(out: &mut impl Write, rows: &[Row<'_>]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<16} {:<40} {:<18} {:>5} {:<21} {:<11} {:<12}",
        "location_id", "name", "service_type", "beds", "rating", "rating_date", "status"
    )?;
    for r in rows {
        let name: String = r.name.chars().take(40).collect();
        writeln!(
            out,
            "{:<16} {:<40} {:<18} {:>5} {:<21} {:<11} {:<12}",
            r.location_id,
            name,
            r.service_type,
            r.beds,
            r.rating,
            r.rating_date.as_deref().unwrap_or("-"),
            r.status
        )?;
    }
    writeln!(out, "{} location(s)", rows.len())?;
    Ok(())
}
