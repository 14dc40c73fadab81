//! The audit log: person views, placement lists and exports are written;
//! entries hold IDs, never personal details.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::*;
use continuum_domain::{AuditAction, Role};
use continuum_store::AuditQuery;

async fn log(app: &TestApp) -> Vec<continuum_domain::AuditEvent> {
    app.store.audit_log(&AuditQuery::default()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewing_a_person_writes_who_when_and_which_person() {
    let app = TestApp::new().await;
    let broker = app.who(Role::Broker, "Anyshire").await;
    let page = app.get("/people/P1", Some(&broker)).await;
    assert_eq!(page.status, StatusCode::OK);
    let api = app.get("/api/v1/people/P2", Some(&broker)).await;
    assert_eq!(api.json()["person"]["person_id"], "P2");
    let entries = log(&app).await;
    let views: Vec<_> = entries
        .iter()
        .filter(|e| e.action == AuditAction::ViewPerson)
        .collect();
    assert_eq!(views.len(), 2);
    assert_eq!(views[1].subject_id.as_deref(), Some("P1"));
    assert_eq!(views[1].detail, "page");
    assert_eq!(views[0].subject_id.as_deref(), Some("P2"));
    assert_eq!(views[0].detail, "api");
    assert!(
        views
            .iter()
            .all(|v| v.user_id == broker.user.user_id && v.role == Role::Broker)
    );
    let refused = app.who(Role::Leader, "Anyshire").await;
    app.get("/people/P1", Some(&refused)).await;
    assert_eq!(
        log(&app).await.len(),
        entries.len(),
        "a refused view writes nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_a_locations_placements_is_audited_without_naming_anyone() {
    let app = TestApp::new().await;
    let broker = app.who(Role::Broker, "Anyshire").await;
    app.get("/locations/1-101", Some(&broker)).await;
    let e = &log(&app).await[0];
    assert_eq!(e.action, AuditAction::ViewPerson);
    assert_eq!(
        (e.subject_kind.as_str(), e.subject_id.as_deref()),
        ("location_placements", Some("1-101"))
    );
    assert!(
        !e.detail.contains("P1"),
        "the entry names the list, not the people: {}",
        e.detail
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_export_is_audited() {
    let app = TestApp::new().await;
    let leader = app.who(Role::Leader, "Anyshire").await;
    for format in ["json", "csv", "xlsx", "html"] {
        let res = app
            .get(
                &format!("/evidence/download?format={format}&as_at=2025-03-31"),
                Some(&leader),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{format}");
        let disposition = res.header(header::CONTENT_DISPOSITION).unwrap();
        assert!(
            disposition.contains(&format!("evidence-pack-anyshire-2025-03-31.{format}")),
            "{disposition}"
        );
    }
    let xlsx = app
        .get("/evidence/download?format=xlsx", Some(&leader))
        .await;
    assert!(xlsx.body.starts_with(b"PK"), "an XLSX is a zip");
    let exports: Vec<_> = log(&app)
        .await
        .into_iter()
        .filter(|e| e.action == AuditAction::Export)
        .collect();
    assert_eq!(exports.len(), 5);
    assert_eq!(exports[4].detail, "json, as at 2025-03-31");
    assert_eq!(exports[4].subject_kind, "evidence_pack");
    let admin = app.who(Role::Admin, "Anyshire").await;
    let csv = app.get("/audit/export", Some(&admin)).await;
    assert!(
        csv.text()
            .starts_with("at,user_id,role,la,action,subject_kind,subject_id,detail")
    );
    assert!(csv.text().contains("evidence_pack"));
    let last = &log(&app).await[0];
    assert_eq!(
        (last.action, last.subject_kind.as_str()),
        (AuditAction::Export, "audit_log")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_read_the_log_in_the_app() {
    let app = TestApp::new().await;
    let broker = app.who(Role::Broker, "Anyshire").await;
    app.get("/people/P1", Some(&broker)).await;
    let admin = app.who(Role::Admin, "Anyshire").await;
    let page = app.get("/audit?kind=person", Some(&admin)).await.text();
    assert!(page.contains("view_person") && page.contains(&broker.user.username));
    let api = app
        .get("/api/v1/audit?subject=P1", Some(&admin))
        .await
        .json();
    assert_eq!(api[0]["subject_id"], "P1");
    assert_eq!(api.as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_views_are_each_written_once() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let broker = app.who(Role::Broker, "Anyshire").await;
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let (app, broker) = (app.clone(), broker.clone());
        tasks.push(tokio::spawn(async move {
            app.get("/people/P1", Some(&broker)).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let views = log(&app)
        .await
        .into_iter()
        .filter(|e| e.action == AuditAction::ViewPerson)
        .count();
    assert_eq!(views, 40);
}
