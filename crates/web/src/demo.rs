//! Demo users, one for each role, for `continuum demo`.

use std::collections::BTreeMap;

use anyhow::Context;
use continuum_domain::{LaName, ProviderId, Role, User, UserId};
use continuum_store::{LocationQuery, Store};
use serde::Serialize;

use crate::auth::password;

/// A demo sign-in, to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoLogin {
    pub role: Role,
    pub username: String,
    pub password: String,
}

/// The username and display name of each role's demo user.
fn names(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Commissioner => ("commissioner", "Demo commissioner"),
        Role::Broker => ("broker", "Demo broker"),
        Role::QualityOfficer => ("quality", "Demo quality officer"),
        Role::SocialWorker => ("socialworker", "Demo social worker"),
        Role::Leader => ("leader", "Demo director"),
        Role::ProviderUser => ("provider", "Demo provider manager"),
        Role::Partner => ("partner", "Demo ICB partner"),
        Role::Admin => ("admin", "Demo administrator"),
    }
}

/// The provider with the most registered locations in the council's area.
async fn busiest_provider(store: &dyn Store, la: &LaName) -> anyhow::Result<Option<ProviderId>> {
    let q = LocationQuery {
        la: Some(la.clone()),
        ..LocationQuery::default()
    };
    let mut counts: BTreeMap<ProviderId, usize> = BTreeMap::new();
    for l in store.locations(&q).await? {
        *counts.entry(l.provider_id).or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(p, _)| p))
}

/// Creates (or resets) a demo user for every role of council `la`, and
/// returns their sign-ins. Idempotent: a second run changes nothing but
/// leaves every printed password working. The provider user is tied to
/// `provider`, or else to the provider with most locations in the area; with
/// no provider at all, there is no provider user.
pub async fn ensure_demo_users(
    store: &dyn Store,
    la: &LaName,
    provider: Option<ProviderId>,
) -> anyhow::Result<Vec<DemoLogin>> {
    let provider = match provider {
        Some(p) => Some(p),
        None => busiest_provider(store, la).await?,
    };
    let mut out = Vec::new();
    for &role in Role::ALL {
        if role == Role::ProviderUser && provider.is_none() {
            continue;
        }
        let (name, display) = names(role);
        let user = User {
            user_id: UserId::parse(&format!("demo-{name}"))?,
            username: name.to_string(),
            display_name: display.to_string(),
            role,
            la: (role != Role::ProviderUser).then(|| la.clone()),
            provider_id: provider.clone().filter(|_| role == Role::ProviderUser),
            active: true,
        };
        let pass = format!("demo-{name}");
        ensure(store, &user, &pass)
            .await
            .with_context(|| format!("cannot set up the demo user '{name}'"))?;
        out.push(DemoLogin {
            role,
            username: name.to_string(),
            password: pass,
        });
    }
    Ok(out)
}

async fn ensure(store: &dyn Store, user: &User, pass: &str) -> anyhow::Result<()> {
    match store.user_by_username(&user.username).await? {
        None => {
            let h = password::hash_async(pass.to_string()).await?;
            store.create_user(user, &h).await?;
        }
        Some((mut existing, h)) => {
            let keep_id = existing.user_id.clone();
            existing.clone_from(user);
            existing.user_id = keep_id;
            store.update_user(&existing).await?;
            if !password::verify_async(pass.to_string(), Some(h)).await? {
                let h = password::hash_async(pass.to_string()).await?;
                store.set_password(&existing.user_id, &h).await?;
            }
        }
    }
    Ok(())
}
