//! The provider and location register: filters parsed at the edge, a search
//! within the user's scope, and one page of results with its risk, for the
//! page and the API alike.

use std::str::FromStr;

use continuum_domain::{
    LocalityId, Location, Rating, RegistrationStatus, RiskLevel, ServiceType, Specialism,
};
use continuum_store::LocationQuery;
use serde::Deserialize;

use crate::auth::DataScope;
use crate::error::AppError;
use crate::state::AppState;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// The register's filters as they arrive in a query string. Empty values do
/// not filter.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterParams {
    /// Text to find in the name, provider, postcode or CQC ID.
    pub q: Option<String>,
    /// A service type, such as `nursing_home` or `homecare`.
    pub service_type: Option<String>,
    /// A CQC rating: `outstanding`, `good`, `requires_improvement`, `inadequate`, `not_rated`.
    pub rating: Option<String>,
    /// A locality ID of the council.
    pub locality: Option<String>,
    /// A specialism, such as `dementia`.
    pub specialism: Option<String>,
    /// The council's risk rating: `red`, `amber` or `green` (commissioned locations).
    pub risk: Option<String>,
    /// `in` (the council's area, the default) or `elsewhere` (used by the council outside it).
    pub area: Option<String>,
    /// `registered` (the default), `deregistered` or `all`.
    pub status: Option<String>,
    /// The page, from 1.
    pub page: Option<usize>,
}

/// Parsed filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub query: LocationQuery,
    pub risk: Option<RiskLevel>,
    pub elsewhere: bool,
    pub page: usize,
}

fn word<T: FromStr>(field: &str, v: &Option<String>) -> Result<Option<T>, AppError>
where
    T::Err: std::fmt::Display,
{
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|e| AppError::BadRequest(format!("{field}: {e}"))),
    }
}

impl RegisterParams {
    /// Parses the filters, naming the one that is wrong.
    pub fn parse(&self) -> Result<Filter, AppError> {
        let status = match self.status.as_deref().unwrap_or("registered") {
            "" | "registered" => Some(RegistrationStatus::Registered),
            "deregistered" => Some(RegistrationStatus::Deregistered),
            "all" => None,
            other => {
                return Err(AppError::BadRequest(format!(
                    "status: '{other}' is not one of registered, deregistered, all"
                )));
            }
        };
        let elsewhere = match self.area.as_deref().unwrap_or("in") {
            "" | "in" => false,
            "elsewhere" => true,
            other => {
                return Err(AppError::BadRequest(format!(
                    "area: '{other}' is not one of in, elsewhere"
                )));
            }
        };
        let locality: Option<LocalityId> = word("locality", &self.locality)?;
        Ok(Filter {
            query: LocationQuery {
                service_type: word::<ServiceType>("service_type", &self.service_type)?,
                rating: word::<Rating>("rating", &self.rating)?,
                specialism: word::<Specialism>("specialism", &self.specialism)?,
                status,
                locality_id: locality.map(|l| l.to_string()),
                text: self
                    .q
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| t.chars().take(100).collect()),
                ..LocationQuery::default()
            },
            risk: word::<RiskLevel>("risk", &self.risk)?,
            elsewhere,
            page: self.page.unwrap_or(1).max(1),
        })
    }
}

/// One row: a location and, for council staff, its risk.
#[derive(Debug, Clone)]
pub struct Row {
    pub location: Location,
    pub risk: Option<RiskLevel>,
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Results {
    pub rows: Vec<Row>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// Searches the register within a scope.
pub async fn search(state: &AppState, scope: &DataScope, f: &Filter) -> Result<Results, AppError> {
    let found = if f.elsewhere {
        scope.used_elsewhere(state, &f.query).await?
    } else {
        scope.locations(state, &f.query).await?
    };
    let pack = match scope.council() {
        Some(la) => Some(state.cache.pack(state.store.as_ref(), la, None).await?),
        None => None,
    };
    let rows: Vec<Row> = found
        .into_iter()
        .map(|location| Row {
            risk: pack
                .as_ref()
                .and_then(|p| p.risk_of(&location.location_id))
                .map(|r| r.level),
            location,
        })
        .filter(|r| f.risk.is_none() || r.risk == f.risk)
        .collect();
    let total = rows.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = f.page.min(pages);
    let rows = rows
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    Ok(Results {
        rows,
        total,
        page,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_filters_do_not_filter_but_bad_words_are_named() {
        let f = RegisterParams {
            q: Some("  ".into()),
            service_type: Some(String::new()),
            ..RegisterParams::default()
        }
        .parse()
        .unwrap_or_default();
        assert_eq!(f.query.text, None);
        assert_eq!(f.query.status, Some(RegistrationStatus::Registered));
        let bad = RegisterParams {
            rating: Some("great".into()),
            ..RegisterParams::default()
        }
        .parse();
        assert!(matches!(bad, Err(AppError::BadRequest(m)) if m.starts_with("rating:")));
    }
}
