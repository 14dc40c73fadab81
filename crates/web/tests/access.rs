//! Who may see and do what: the role × route matrix, provider isolation by
//! URL and API, council isolation, and what happens without a sign-in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::*;
use continuum_domain::Role;

/// Expected statuses, in the order of [`ROLES`]: commissioner, broker,
/// quality officer, social worker, leader, provider, partner, admin.
type Row = (&'static str, [u16; 8]);

const OK: u16 = 200;
const NO: u16 = 403;
const NF: u16 = 404;

/// GET routes. `1-101` is Anyshire's and provider 1-900's; `1-102` is in
/// Anyshire but another provider's; `1-301` is in Nearby, provider 1-900's,
/// and Anyshire places someone there.
const GETS: [Row; 24] = [
    ("/", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/locations", [OK, OK, OK, OK, OK, OK, OK, OK]),
    (
        "/locations?risk=red&service_type=nursing_home",
        [OK, OK, OK, OK, OK, OK, OK, OK],
    ),
    (
        "/locations?area=elsewhere",
        [OK, OK, OK, OK, OK, OK, OK, OK],
    ),
    ("/locations/1-101", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/locations/1-102", [OK, OK, OK, OK, OK, NF, OK, OK]),
    ("/locations/1-301", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/locations/no-such-place", [NF, NF, NF, NF, NF, NF, NF, NF]),
    ("/people/P1", [OK, OK, OK, OK, NO, NO, NO, NO]),
    ("/people/P404", [NF, NF, NF, NF, NO, NO, NO, NO]),
    ("/evidence", [OK, OK, OK, OK, OK, NO, OK, OK]),
    (
        "/evidence?as_at=2024-03-31",
        [OK, OK, OK, OK, OK, NO, OK, OK],
    ),
    (
        "/evidence/download?format=json",
        [OK, OK, OK, NO, OK, NO, NO, OK],
    ),
    (
        "/evidence/download?format=csv",
        [OK, OK, OK, NO, OK, NO, NO, OK],
    ),
    ("/benchmarking", [OK, OK, OK, OK, OK, NO, OK, OK]),
    ("/imports", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/users", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/users/new", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/audit", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/audit/export", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/account", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/api/v1/me", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/api/v1/locations", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/api/v1/locations/1-102", [OK, OK, OK, OK, OK, NF, OK, OK]),
];

const API_GETS: [Row; 6] = [
    ("/api/v1/locations/1-101", [OK, OK, OK, OK, OK, OK, OK, OK]),
    ("/api/v1/people/P1", [OK, OK, OK, OK, NO, NO, NO, NO]),
    ("/api/v1/evidence", [OK, OK, OK, OK, OK, NO, OK, OK]),
    ("/api/v1/audit", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/api/v1/users", [NO, NO, NO, NO, NO, NO, NO, OK]),
    ("/api/v1/openapi.json", [OK, OK, OK, OK, OK, OK, OK, OK]),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_gets_exactly_its_rights_on_every_route() {
    let app = TestApp::new().await;
    let mut whos = Vec::new();
    for r in ROLES {
        whos.push(app.who(r, "Anyshire").await);
    }
    let mut wrong = Vec::new();
    for (path, expected) in GETS.iter().chain(API_GETS.iter()) {
        for (who, want) in whos.iter().zip(expected) {
            let got = app.get(path, Some(who)).await.status.as_u16();
            if got != *want {
                wrong.push(format!(
                    "{:?} GET {path}: got {got}, want {want}",
                    who.user.role
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_are_refused_to_roles_without_the_right() {
    let app = TestApp::new().await;
    let form = "username=newbie&display_name=New+Person&role=broker&password=a-long-password";
    for r in ROLES {
        let who = app.who(r, "Anyshire").await;
        let res = app.post_form("/users/new", Some(&who), form, true).await;
        let want = if r == Role::Admin { 303 } else { 403 };
        assert_eq!(res.status.as_u16(), want, "{r:?} creating a user");
        let tok = app
            .post_form("/account/tokens", Some(&who), "label=etl", true)
            .await;
        assert_eq!(tok.status, StatusCode::OK, "{r:?} making their own token");
    }
    let created = app.store.user_by_username("newbie").await.unwrap();
    assert!(created.is_some_and(|(u, _)| u.role == Role::Broker && u.la.is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_user_gets_404_for_another_providers_location_and_nothing_leaks() {
    let app = TestApp::new().await;
    let provider = app.who(Role::ProviderUser, "Anyshire").await;
    for path in [
        "/locations/1-102",
        "/api/v1/locations/1-102",
        "/locations?q=secret",
        "/api/v1/locations?q=1-102",
        "/api/v1/locations?q=ZZ9",
        "/locations?status=all",
        "/",
    ] {
        let res = app.get(path, Some(&provider)).await;
        let body = res.text();
        for secret in [SECRET_NAME, SECRET_POSTCODE, SECRET_PROVIDER, "1-800"] {
            assert!(!body.contains(secret), "GET {path} leaked '{secret}'");
        }
        if path.contains("1-102") && !path.contains('?') {
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
    let api = app.get("/api/v1/locations/1-102", Some(&provider)).await;
    assert_eq!(api.json()["error"], "not_found");
    let own = app.get("/api/v1/locations", Some(&provider)).await.json();
    let ids: Vec<&str> = own["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["1-101", "1-301"],
        "its own locations, in any council"
    );
    let page = app.get("/locations/1-101", Some(&provider)).await.text();
    assert!(!page.contains("/people/"), "a provider never sees people");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_councils_staff_cannot_reach_our_people_or_locations() {
    let app = TestApp::new().await;
    let theirs = app.who(Role::Broker, "Nearby").await;
    assert_eq!(
        app.get("/people/P1", Some(&theirs)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/people/P1", Some(&theirs)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/locations/1-102", Some(&theirs)).await.status,
        StatusCode::NOT_FOUND
    );
    let home = app.get("/locations/1-301", Some(&theirs)).await;
    assert_eq!(home.status, StatusCode::OK, "Nearby's own home");
    assert!(
        !home.text().contains("/people/P2"),
        "Anyshire's placement there stays Anyshire's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_without_personal_access_see_counts_not_people() {
    let app = TestApp::new().await;
    let leader = app.who(Role::Leader, "Anyshire").await;
    let broker = app.who(Role::Broker, "Anyshire").await;
    let counted = app
        .get("/api/v1/locations/1-101", Some(&leader))
        .await
        .json();
    assert!(counted["placements"].is_null());
    assert_eq!(counted["placement_counts"]["active"], 1);
    let listed = app
        .get("/api/v1/locations/1-101", Some(&broker))
        .await
        .json();
    assert_eq!(listed["placements"][0]["person_id"], "P1");
    let page = app.get("/locations/1-101", Some(&leader)).await.text();
    assert!(!page.contains("/people/P1") && page.contains("counts only"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_sign_in_pages_redirect_and_the_api_says_401() {
    let app = TestApp::new().await;
    let page = app.get("/locations?q=a", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.header(header::LOCATION).as_deref(),
        Some("/sign-in?next=%2Flocations%3Fq%3Da")
    );
    let api = app.get("/api/v1/me", None).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert_eq!(api.json()["error"], "sign_in_required");
    for open in [
        "/healthz",
        "/sign-in",
        "/assets/app.css",
        "/api/v1/openapi.json",
    ] {
        assert_eq!(app.get(open, None).await.status, StatusCode::OK, "{open}");
    }
    let missing = app.get("/no/such/page", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("Page not found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deactivated_user_is_signed_out() {
    let app = TestApp::new().await;
    let who = app.who(Role::Broker, "Anyshire").await;
    assert_eq!(app.get("/", Some(&who)).await.status, StatusCode::OK);
    let admin = app.who(Role::Admin, "Anyshire").await;
    let form = format!(
        "username={}&display_name=Gone&role=broker",
        who.user.username
    );
    let res = app
        .post_form(
            &format!("/users/{}", who.user.user_id),
            Some(&admin),
            &form,
            true,
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(app.get("/", Some(&who)).await.status, StatusCode::SEE_OTHER);
}
