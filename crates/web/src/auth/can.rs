//! Capabilities: a right, proven once, carried as a value.
//!
//! `Can<ViewPersonalRecords>` can only be made by [`Signed::require`] or
//! [`Signed::can`], which ask [`Role::can`] — the one table of rights in the
//! domain crate. A handler that lists a person's placements must be handed a
//! `Can<ViewPersonalRecords>`, so forgetting the check does not compile.

use std::marker::PhantomData;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use continuum_domain::{Permission, Role, User};

use super::scope::DataScope;
use super::session::Signed;
use crate::error::AppError;
use crate::state::AppState;

/// A right, as a type.
pub trait Capability: Send + Sync + 'static {
    /// The permission of the domain's table that this type stands for.
    const PERMISSION: Permission;
}

macro_rules! capabilities {
    ($($(#[$m:meta])* $name:ident),+ $(,)?) => {
        $(
            $(#[$m])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;
            impl Capability for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )+
    };
}

capabilities! {
    /// See the register, capacity and contracts.
    ViewMarket,
    /// See people's records.
    ViewPersonalRecords,
    /// Change people's records.
    EditPersonalRecords,
    /// See the evidence pack and benchmarking.
    ViewEvidence,
    /// Download reports and tables.
    Export,
    /// Quality work.
    ManageQuality,
    /// Provider returns.
    SubmitReturns,
    /// Raise gaps.
    RaiseGaps,
    /// Upload and import files.
    ImportData,
    /// Manage users.
    ManageUsers,
    /// Read and export the audit log.
    ViewAudit,
}

/// Proof that the signed-in user holds capability `C`.
#[derive(Debug, Clone)]
pub struct Can<C> {
    signed: Signed,
    _right: PhantomData<C>,
}

impl<C> Can<C> {
    /// The user.
    pub fn user(&self) -> &User {
        &self.signed.user
    }

    /// The session (or token) the user came with.
    pub fn signed(&self) -> &Signed {
        &self.signed
    }

    /// Whose data the user may see.
    pub fn scope(&self) -> DataScope {
        DataScope::of(&self.signed.user)
    }
}

/// The one place a role is turned into a right.
fn allowed(role: Role, p: Permission) -> bool {
    role.can(p)
}

impl Signed {
    /// The capability, if the user's role holds it.
    pub fn can<C: Capability>(&self) -> Option<Can<C>> {
        allowed(self.user.role, C::PERMISSION).then(|| Can {
            signed: self.clone(),
            _right: PhantomData,
        })
    }

    /// The capability, or "forbidden".
    pub fn require<C: Capability>(&self) -> Result<Can<C>, AppError> {
        self.can::<C>().ok_or(AppError::Forbidden)
    }

    /// Whether the role holds a permission, for showing or hiding links.
    pub fn has(&self, p: Permission) -> bool {
        allowed(self.user.role, p)
    }

    /// The user, shared.
    pub fn user_arc(&self) -> Arc<User> {
        self.user.clone()
    }
}

impl<C: Capability> FromRequestParts<AppState> for Can<C> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Signed::from_request_parts(parts, state)
            .await?
            .require::<C>()
    }
}
