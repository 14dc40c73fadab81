//! Database URLs: the backend is chosen at run time from the scheme.

use std::fmt;

use crate::StoreError;

/// The two backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// A parsed database URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub backend: Backend,
    /// The URL as given (for PostgreSQL) or normalised (for SQLite).
    pub url: String,
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, `sqlite::memory:`, `postgres://…` or
    /// `postgresql://…`. Any other scheme is an error naming the accepted ones.
    pub fn parse(s: &str) -> Result<Self, StoreError> {
        let s = s.trim();
        if s.starts_with("sqlite:") {
            let rest = s.trim_start_matches("sqlite:").trim_start_matches("//");
            if rest.is_empty() {
                return Err(StoreError::BadUrl(format!(
                    "database URL '{s}' has no file path; expected sqlite://PATH such as sqlite://continuum.db"
                )));
            }
            return Ok(Self {
                backend: Backend::Sqlite,
                url: s.to_string(),
            });
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                url: s.to_string(),
            });
        }
        let scheme = s.split_once(':').map_or(s, |(a, _)| a);
        Err(StoreError::BadUrl(format!(
            "database URL scheme '{scheme}' is not supported; expected sqlite://PATH or postgres://USER@HOST/DB"
        )))
    }

    /// The SQLite file path, for `sqlite://` URLs.
    pub fn sqlite_path(&self) -> Option<&str> {
        match self.backend {
            Backend::Sqlite => Some(
                self.url
                    .trim_start_matches("sqlite:")
                    .trim_start_matches("//"),
            ),
            Backend::Postgres => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_comes_from_the_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://continuum.db")
                .map(|u| u.backend)
                .ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/test")
                .map(|u| u.backend)
                .ok(),
            Some(Backend::Postgres)
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/c.db")
                .ok()
                .and_then(|u| u.sqlite_path().map(str::to_string)),
            Some("data/c.db".to_string())
        );
    }

    #[test]
    fn an_unknown_scheme_names_the_accepted_ones() {
        let err = DatabaseUrl::parse("mysql://root@localhost/test")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("'mysql'") && err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }
}
