//! The app over a temporary SQLite database holding the store's conformance
//! fixture (two councils, Anyshire and Nearby), with two providers and a
//! signed-in session for every role.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::{Duration, Utc};
use continuum_domain::*;
use continuum_store::{DatabaseUrl, ImportSource, Session, Store};
use continuum_store_sqlite::SqliteStore;
use continuum_web::{AppState, Router};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

/// The other provider's location, whose details must never leak.
pub const SECRET_ID: &str = "1-102";
pub const SECRET_NAME: &str = "Secret Street Homecare";
pub const SECRET_POSTCODE: &str = "ZZ9 9ZZ";
pub const SECRET_PROVIDER: &str = "Hidden Providers Ltd";

/// A signed-in user of the test app.
#[derive(Debug, Clone)]
pub struct Who {
    pub user: User,
    pub cookie: String,
    pub csrf: String,
}

/// The test app.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

/// The roles in the order the matrices list them.
pub const ROLES: [Role; 8] = [
    Role::Commissioner,
    Role::Broker,
    Role::QualityOfficer,
    Role::SocialWorker,
    Role::Leader,
    Role::ProviderUser,
    Role::Partner,
    Role::Admin,
];

fn dataset() -> Dataset {
    let mut ds = continuum_store::conformance::fixture();
    for l in &mut ds.locations {
        if l.location_id.as_str() == SECRET_ID {
            l.provider_id = ProviderId::parse("1-800").unwrap();
            l.provider_name = SECRET_PROVIDER.into();
            l.name = SECRET_NAME.into();
            l.postcode = SECRET_POSTCODE.into();
        }
    }
    ds
}

impl TestApp {
    /// A fresh app.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url =
            DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("t.db").display())).unwrap();
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.unwrap());
        store.migrate().await.unwrap();
        let src = ImportSource {
            kind: "bundle".into(),
            name: "fixture".into(),
            digest: None,
        };
        store.import_dataset(&dataset(), &src).await.unwrap();
        let state = AppState::new(store.clone());
        let router = continuum_web::app(state.clone());
        Self {
            router,
            state,
            store,
            _dir: dir,
        }
    }

    /// A user with a session: `role` of council `la`, or of provider `1-900`.
    pub async fn who(&self, role: Role, la: &str) -> Who {
        let name = format!("{}-{}", role.as_str(), la.to_lowercase());
        let user = User {
            user_id: UserId::parse(&format!("u-{name}")).unwrap(),
            username: name.clone(),
            display_name: format!("Test {name}"),
            role,
            la: (role != Role::ProviderUser).then(|| LaName::parse(la).unwrap()),
            provider_id: (role == Role::ProviderUser).then(|| ProviderId::parse("1-900").unwrap()),
            active: true,
        };
        if self.store.user(&user.user_id).await.unwrap().is_none() {
            self.store.create_user(&user, "not-a-hash").await.unwrap();
        }
        let token = format!("token-{name}");
        let csrf = format!("csrf-{name}");
        self.store
            .create_session(&Session {
                token_hash: hex::encode(Sha256::digest(token.as_bytes())),
                user_id: user.user_id.clone(),
                csrf_token: csrf.clone(),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::hours(1),
            })
            .await
            .unwrap();
        Who {
            user,
            cookie: format!("continuum_session={token}"),
            csrf,
        }
    }

    /// Sends a request.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = to_bytes(res.into_body(), 64 * 1024 * 1024).await.unwrap();
        Reply {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    /// `GET path` as someone (or no one).
    pub async fn get(&self, path: &str, who: Option<&Who>) -> Reply {
        let mut b = Request::get(path);
        if let Some(w) = who {
            b = b.header(header::COOKIE, &w.cookie);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// `GET path` with an API token.
    pub async fn get_bearer(&self, path: &str, token: &str) -> Reply {
        let req = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// `POST path` with a form body as someone; the CSRF token is added
    /// unless `csrf` is false.
    pub async fn post_form(&self, path: &str, who: Option<&Who>, body: &str, csrf: bool) -> Reply {
        let mut body = body.to_string();
        let mut b =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(w) = who {
            b = b.header(header::COOKIE, &w.cookie);
            if csrf {
                body = format!("csrf_token={}&{body}", w.csrf);
            }
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }
}

/// A response, read.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value.
    pub fn header(&self, name: header::HeaderName) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}
