//! Whose data a user may see.
//!
//! Council staff and partners see their council's area and the locations the
//! council uses elsewhere, and their council's records. A provider user sees
//! only its provider's locations, wherever they are, and no one's personal
//! records. The web crate reaches locations and people only through these
//! methods, so no query can leave the scope out; a location or person outside
//! it is [`AppError::NotFound`], exactly as if it did not exist.

use continuum_domain::{
    AuditAction, LaName, Location, LocationId, PersonId, ProviderId, Role, User,
};
use std::sync::Arc;

use continuum_store::{LocationQuery, PersonRecord};

use super::can::{Can, ViewPersonalRecords};
use crate::audit;
use crate::cache::{LocationData, ScopeKey};
use crate::error::AppError;
use crate::state::AppState;

/// Whose data a user may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataScope {
    /// A council's staff (or a partner of it).
    Council(LaName),
    /// A provider's staff.
    Provider(ProviderId),
    /// A user tied to neither sees no data.
    Nothing,
}

impl DataScope {
    /// The scope of a user: provider users by their provider, everyone else
    /// by their council.
    pub(crate) fn of(user: &User) -> Self {
        match (user.role, &user.la, &user.provider_id) {
            (Role::ProviderUser, _, Some(p)) => DataScope::Provider(p.clone()),
            (Role::ProviderUser, _, None) => DataScope::Nothing,
            (_, Some(la), _) => DataScope::Council(la.clone()),
            (_, None, _) => DataScope::Nothing,
        }
    }

    /// The council, for council staff.
    pub fn council(&self) -> Option<&LaName> {
        match self {
            DataScope::Council(la) => Some(la),
            _ => None,
        }
    }

    /// The key of this scope's register rows in the cache.
    fn register_key(&self) -> Option<ScopeKey> {
        match self {
            DataScope::Council(la) => Some(ScopeKey::Council(la.clone())),
            DataScope::Provider(p) => Some(ScopeKey::Provider(p.clone())),
            DataScope::Nothing => None,
        }
    }

    /// Register rows in scope matching `filter`, ordered by name (its own
    /// scope fields are ignored: the scope decides). Council staff get their
    /// area; see [`Self::used_elsewhere`] for the rest.
    pub async fn locations(
        &self,
        state: &AppState,
        filter: &LocationQuery,
    ) -> Result<Vec<Location>, AppError> {
        let Some(key) = self.register_key() else {
            return Ok(Vec::new());
        };
        let rows = state.cache.register(state.store.as_ref(), &key).await?;
        let limit = usize::try_from(filter.limit.unwrap_or(i64::MAX)).unwrap_or(usize::MAX);
        Ok(rows
            .iter()
            .filter(|l| matches(filter, l))
            .take(limit)
            .cloned()
            .collect())
    }

    /// Locations outside the council's area that it uses (contracts,
    /// placements, quality work), matching `filter`. Empty for other scopes.
    pub async fn used_elsewhere(
        &self,
        state: &AppState,
        filter: &LocationQuery,
    ) -> Result<Vec<Location>, AppError> {
        let DataScope::Council(la) = self else {
            return Ok(Vec::new());
        };
        let ds = state.cache.dataset(state.store.as_ref(), la).await?;
        let mut out: Vec<Location> = ds
            .locations
            .iter()
            .filter(|l| &l.local_authority != la && matches(filter, l))
            .cloned()
            .collect();
        out.sort_by(|a, b| (&a.name, &a.location_id).cmp(&(&b.name, &b.location_id)));
        Ok(out)
    }

    /// One location in scope with what the user's side holds about it: the
    /// council's own records for council staff, every council's for the
    /// provider that runs it.
    pub async fn location_data(
        &self,
        state: &AppState,
        id: &LocationId,
    ) -> Result<Arc<LocationData>, AppError> {
        let store = state.store.as_ref();
        let (data, visible) = match self {
            DataScope::Provider(p) => {
                let d = state.cache.location(store, id, None).await?;
                let mine = d.as_ref().is_some_and(|d| &d.location.provider_id == p);
                (d, mine)
            }
            DataScope::Council(la) => {
                let d = state.cache.location(store, id, Some(la)).await?;
                let ours = match d.as_ref() {
                    Some(d) if &d.location.local_authority == la => true,
                    Some(_) => state
                        .cache
                        .dataset(store, la)
                        .await?
                        .locations
                        .iter()
                        .any(|x| &x.location_id == id),
                    None => false,
                };
                (d, ours)
            }
            DataScope::Nothing => return Err(AppError::NotFound),
        };
        match (data, visible) {
            (Some(d), true) => Ok(d),
            _ => Err(AppError::NotFound),
        }
    }

    /// One person's record, for someone with the right to see it, in their
    /// own council only. The view is written to the audit log before the
    /// record is returned; if the log cannot be written, nothing is shown.
    pub async fn person(
        &self,
        state: &AppState,
        can: &Can<ViewPersonalRecords>,
        id: &PersonId,
        via: &str,
    ) -> Result<PersonRecord, AppError> {
        let DataScope::Council(la) = self else {
            return Err(AppError::NotFound);
        };
        let rec = state
            .store
            .person_record(la, id)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            state,
            can.user(),
            AuditAction::ViewPerson,
            "person",
            Some(id.as_str()),
            via,
        )
        .await?;
        Ok(rec)
    }
}

/// Whether a location matches a register filter (for rows filtered in
/// memory; the store applies the same rules in SQL).
pub fn matches(q: &LocationQuery, l: &Location) -> bool {
    q.service_type.is_none_or(|s| l.service_type == s)
        && q.rating.is_none_or(|r| l.rating == r)
        && q.status.is_none_or(|s| l.status == s)
        && q.specialism.is_none_or(|s| l.specialisms.contains(&s))
        && q.locality_id
            .as_deref()
            .is_none_or(|id| l.locality_id.as_ref().is_some_and(|x| x.as_str() == id))
        && q.text.as_deref().map(str::trim).is_none_or(|t| {
            let t = t.to_lowercase();
            t.is_empty()
                || [&l.name, &l.provider_name, &l.postcode]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&t))
                || l.location_id.as_str().to_lowercase().contains(&t)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use continuum_domain::UserId;

    fn user(role: Role, la: Option<&str>, provider: Option<&str>) -> User {
        User {
            user_id: UserId::parse("U1").unwrap_or_else(|_| unreachable!()),
            username: "u".into(),
            display_name: "U".into(),
            role,
            la: la.and_then(|s| LaName::parse(s).ok()),
            provider_id: provider.and_then(|s| ProviderId::parse(s).ok()),
            active: true,
        }
    }

    #[test]
    fn a_provider_user_is_scoped_by_provider_even_with_a_council() {
        let u = user(Role::ProviderUser, Some("Anyshire"), Some("1-900"));
        assert!(matches!(DataScope::of(&u), DataScope::Provider(_)));
        let none = user(Role::ProviderUser, Some("Anyshire"), None);
        assert_eq!(DataScope::of(&none), DataScope::Nothing);
    }

    #[test]
    fn council_staff_without_a_council_see_nothing() {
        assert_eq!(
            DataScope::of(&user(Role::Broker, None, None)),
            DataScope::Nothing
        );
    }
}
