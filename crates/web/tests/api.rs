//! The JSON API: its OpenAPI document, and snapshots of its answers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use continuum_domain::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_valid_and_lists_every_api_route() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let mut paths: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    paths.sort();
    insta::assert_json_snapshot!("openapi_paths", paths);
    for (path, item) in doc["paths"].as_object().unwrap() {
        let get = &item["get"];
        assert!(
            get["responses"]["200"].is_object(),
            "{path} documents its answer"
        );
        assert!(
            get["responses"]["401"].is_object(),
            "{path} documents sign-in"
        );
    }
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert!(doc["components"]["schemas"]["LocationDetailDto"].is_object());
    // Every path the document names answers (not 404) for an admin.
    let admin = app.who(Role::Admin, "Anyshire").await;
    for p in &paths {
        let url = format!("/api/v1{}", p.replace("{id}", "1-101"));
        let status = app.get(&url, Some(&admin)).await.status.as_u16();
        assert!(matches!(status, 200 | 403 | 404), "{url}: {status}");
        assert_ne!(status, 404, "{url} is routed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_location_reads_the_same_every_time() {
    let app = TestApp::new().await;
    let leader = app.who(Role::Leader, "Anyshire").await;
    let json = app
        .get("/api/v1/locations/1-101", Some(&leader))
        .await
        .json();
    insta::assert_json_snapshot!("location_1_101_for_a_leader", json);
    let me = app.get("/api/v1/me", Some(&leader)).await.json();
    insta::assert_json_snapshot!("me_leader", me);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_api_filters_and_pages() {
    let app = TestApp::new().await;
    let who = app.who(Role::Commissioner, "Anyshire").await;
    let all = app.get("/api/v1/locations", Some(&who)).await.json();
    assert_eq!(all["total"], 2, "in-area locations");
    let homecare = app
        .get("/api/v1/locations?service_type=homecare", Some(&who))
        .await
        .json();
    assert_eq!(homecare["items"][0]["location_id"], "1-102");
    let elsewhere = app
        .get("/api/v1/locations?area=elsewhere", Some(&who))
        .await
        .json();
    assert_eq!(elsewhere["items"][0]["location_id"], "1-301");
    let bad = app.get("/api/v1/locations?rating=great", Some(&who)).await;
    assert_eq!(bad.status.as_u16(), 400);
    assert_eq!(bad.json()["error"], "bad_request");
    assert!(
        bad.json()["message"]
            .as_str()
            .unwrap()
            .contains("outstanding")
    );
    let evidence = app
        .get("/api/v1/evidence?as_at=2025-03-31", Some(&who))
        .await
        .json();
    assert_eq!(evidence["la"], "Anyshire");
    assert!(evidence["sections"]["capacity"].is_object());
}

/// The evidence pack reads only the rows a pack can use, from the council's
/// read model once one is kept: it must be the pack of the council's whole
/// data, at its own date and at an earlier one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evidence_pack_is_the_pack_of_the_whole_council() {
    let app = TestApp::new().await;
    let leader = app.who(Role::Leader, "Anyshire").await;
    let la = continuum_domain::LaName::parse("Anyshire").unwrap();
    let whole = app
        .store
        .load_dataset(&continuum_store::Scope::Council(la.clone()))
        .await
        .unwrap();
    let opts = continuum_engine::Options::new(continuum_web::cache::ascof_measures());
    for (query, as_at) in [("", None), ("?as_at=2023-06-30", Some("2023-06-30"))] {
        let got = app
            .get(&format!("/api/v1/evidence{query}"), Some(&leader))
            .await
            .json();
        let t = as_at.map(|d| continuum_domain::parse_date(d).unwrap());
        let expected = continuum_engine::evidence_pack(&whole, &la, t, &opts).unwrap();
        // Both through JSON text, as a client reads them.
        let expected: serde_json::Value =
            serde_json::from_slice(&serde_json::to_vec(&expected).unwrap()).unwrap();
        assert_eq!(got, expected, "{query}");
    }
    let models = app.store.read_models().await.unwrap();
    assert_eq!(models.len(), 1, "the pack's rows were kept");
    assert!(models[0].current);
}
