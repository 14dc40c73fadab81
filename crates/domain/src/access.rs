//! Who may see and do what.
//!
//! A role grants permissions. Code that needs a permission takes a value that
//! proves it (the web crate's capability types are built from [`Role::can`]), so
//! authorisation is decided in one place and cannot be forgotten.

use serde::{Deserialize, Serialize};

use crate::vocab::vocabulary;
use crate::{LaName, ProviderId, UserId};

vocabulary! {
    /// The roles of `spec/product.md`.
    Role ("role") {
        /// Commissioner or market-shaping officer.
        Commissioner = "commissioner",
        /// Brokerage team: finds care for each request.
        Broker = "broker",
        /// Provider development and quality assurance.
        QualityOfficer = "quality_officer",
        /// Social worker or locality team.
        SocialWorker = "social_worker",
        /// Director of Adult Social Services and senior leaders.
        Leader = "leader",
        /// A care provider's staff: sees only their own locations.
        ProviderUser = "provider",
        /// ICB, hospital discharge team or a neighbouring council: read-only.
        Partner = "partner",
        /// Users, roles and reference data.
        Admin = "admin",
    }
}

/// One thing a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See the market: the register, capacity and contracts, with counts.
    ViewMarket,
    /// See a person's record (pseudonymous, but still personal data).
    ViewPersonalRecords,
    /// Change a person's record, requests and placements.
    EditPersonalRecords,
    /// See the evidence pack and benchmarking.
    ViewEvidence,
    /// Download reports and tables.
    Export,
    /// Raise and manage quality work: visits, concerns, sanctions.
    ManageQuality,
    /// Submit capacity and workforce returns (providers).
    SubmitReturns,
    /// Raise a gap in services.
    RaiseGaps,
    /// Upload and import data files.
    ImportData,
    /// Create users and change roles.
    ManageUsers,
    /// Read and export the audit log.
    ViewAudit,
}

impl Role {
    /// Whether this role holds a permission. This table is the only place where
    /// roles are turned into rights.
    pub fn can(self, p: Permission) -> bool {
        use Permission as P;
        use Role as R;
        match p {
            P::ViewMarket => true,
            P::ViewPersonalRecords => matches!(
                self,
                R::Broker | R::SocialWorker | R::QualityOfficer | R::Commissioner
            ),
            P::EditPersonalRecords => matches!(self, R::Broker | R::SocialWorker),
            P::ViewEvidence => !matches!(self, R::ProviderUser),
            P::Export => matches!(
                self,
                R::Commissioner | R::Leader | R::QualityOfficer | R::Admin | R::Broker
            ),
            P::ManageQuality => matches!(self, R::QualityOfficer),
            P::SubmitReturns => matches!(self, R::ProviderUser),
            P::RaiseGaps => matches!(
                self,
                R::SocialWorker | R::Broker | R::Commissioner | R::QualityOfficer
            ),
            P::ImportData => matches!(self, R::Admin),
            P::ManageUsers => matches!(self, R::Admin),
            P::ViewAudit => matches!(self, R::Admin),
        }
    }

    /// Words for pages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Commissioner => "Commissioner",
            Role::Broker => "Broker",
            Role::QualityOfficer => "Quality officer",
            Role::SocialWorker => "Social worker",
            Role::Leader => "Leader (DASS)",
            Role::ProviderUser => "Provider",
            Role::Partner => "Partner (read-only)",
            Role::Admin => "Administrator",
        }
    }
}

/// A user of the app. The password hash is kept by the store, never here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The council whose data the user works on; none for provider users.
    pub la: Option<LaName>,
    /// For provider users: the only provider whose locations they see.
    pub provider_id: Option<ProviderId>,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_and_partners_never_see_personal_records() {
        assert!(!Role::ProviderUser.can(Permission::ViewPersonalRecords));
        assert!(!Role::Partner.can(Permission::ViewPersonalRecords));
        assert!(!Role::Leader.can(Permission::ViewPersonalRecords));
        assert!(Role::SocialWorker.can(Permission::ViewPersonalRecords));
    }

    #[test]
    fn only_admins_import_and_manage_users() {
        for r in Role::ALL {
            assert_eq!(r.can(Permission::ImportData), *r == Role::Admin);
            assert_eq!(r.can(Permission::ManageUsers), *r == Role::Admin);
        }
    }
}

crate::vocab::vocabulary! {
    /// What an audit entry records.
    AuditAction ("audit action") {
        /// A person's record was viewed.
        ViewPerson = "view_person",
        /// A person's record, request or placement was changed.
        ChangePerson = "change_person",
        /// Data left the system: a report, a table or the audit log itself.
        Export = "export",
        SignIn = "sign_in",
        SignInFailed = "sign_in_failed",
        SignOut = "sign_out",
        /// A file was imported.
        Import = "import",
        /// A user was created or changed.
        ChangeUser = "change_user",
    }
}

/// One line of the audit log: who did what, when, to which record. It holds
/// IDs only — never a name or any other personal detail beyond what the event
/// needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_id: UserId,
    pub role: Role,
    /// The council whose data was touched, where there is one.
    pub la: Option<LaName>,
    pub action: AuditAction,
    /// What kind of thing: `person`, `request`, `report`, `audit_log`…
    pub subject_kind: String,
    /// Its ID (a pseudonymous person ID, a report name…).
    pub subject_id: Option<String>,
    /// A short note: the export format, the fields changed (names, never values).
    pub detail: String,
}
