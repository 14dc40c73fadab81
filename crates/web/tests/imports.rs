//! Imports: an upload is checked row by row before anything is written,
//! errors name the file, line and column, and a valid file is written only
//! when the admin confirms.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use continuum_domain::Role;

const BOUNDARY: &str = "----continuum-test-boundary";

fn multipart(kind: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = Vec::new();
    let mut part = |head: String, body: &[u8]| {
        b.extend_from_slice(format!("--{BOUNDARY}\r\n{head}\r\n\r\n").as_bytes());
        b.extend_from_slice(body);
        b.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"kind\"".into(),
        kind.as_bytes(),
    );
    for (name, content) in files {
        part(
            format!(
                "Content-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv"
            ),
            content,
        );
    }
    b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    b
}

async fn upload(
    app: &TestApp,
    who: &Who,
    kind: &str,
    files: &[(&str, &[u8])],
    csrf: bool,
) -> Reply {
    let path = if csrf {
        format!("/imports?csrf_token={}", who.csrf)
    } else {
        "/imports".into()
    };
    let req = Request::post(path)
        .header(header::COOKIE, &who.cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(multipart(kind, files)))
        .unwrap();
    app.send(req).await
}

/// Follows a job until it has finished checking or writing.
async fn settle(app: &TestApp, who: &Who, job: &str) -> String {
    for _ in 0..200 {
        let s = app.get(&format!("{job}/status"), Some(who)).await.json();
        let state = s["state"].as_str().unwrap().to_string();
        if state != "checking" && state != "writing" {
            return state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the job never finished");
}

const BAD: &[u8] = b"la,ons_code,as_at,neighbours\nNewshire,E06099990,2025-13-45,\nOtherby,not-a-code,2025-03-31,\n";
const GOOD: &[u8] = b"la,ons_code,as_at,neighbours\nNewshire,E06099990,2025-03-31,\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_file_shows_row_level_errors_and_writes_nothing() {
    let app = TestApp::new().await;
    let admin = app.who(Role::Admin, "Anyshire").await;
    let before = app.store.table_counts().await.unwrap();
    let res = upload(&app, &admin, "bundle", &[("authority.csv", BAD)], true).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let job = res.header(header::LOCATION).unwrap();
    assert_eq!(settle(&app, &admin, &job).await, "invalid");
    let page = app.get(&job, Some(&admin)).await.text();
    assert!(page.contains("There is a problem with the file"));
    assert!(
        page.contains("authority.csv, line 2, column as_at"),
        "{page}"
    );
    assert!(page.contains("authority.csv, line 3, column ons_code"));
    assert!(page.contains("<code>2025-13-45</code>"));
    assert!(!page.contains("/tmp"), "no server paths are shown");
    let apply = app
        .post_form(&format!("{job}/apply"), Some(&admin), "", true)
        .await;
    assert_eq!(apply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.table_counts().await.unwrap(),
        before,
        "nothing was written"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_valid_file_is_checked_then_written_on_confirmation() {
    let app = TestApp::new().await;
    let admin = app.who(Role::Admin, "Anyshire").await;
    let res = upload(&app, &admin, "bundle", &[("authority.csv", GOOD)], true).await;
    let job = res.header(header::LOCATION).unwrap();
    assert_eq!(settle(&app, &admin, &job).await, "valid");
    let page = app.get(&job, Some(&admin)).await.text();
    assert!(page.contains("Check complete") && page.contains("Import now"));
    assert!(
        !app.store
            .council_exists(&"Newshire".parse().unwrap())
            .await
            .unwrap(),
        "a dry run first"
    );
    let apply = app
        .post_form(&format!("{job}/apply"), Some(&admin), "", true)
        .await;
    assert_eq!(apply.status, StatusCode::SEE_OTHER);
    assert_eq!(settle(&app, &admin, &job).await, "done");
    assert!(
        app.store
            .council_exists(&"Newshire".parse().unwrap())
            .await
            .unwrap()
    );
    assert!(
        app.get(&job, Some(&admin))
            .await
            .text()
            .contains("The import is complete")
    );
    let log = app.store.audit_log(&Default::default()).await.unwrap();
    assert_eq!(log[0].action, continuum_domain::AuditAction::Import);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_need_the_right_the_token_a_kind_and_a_file() {
    let app = TestApp::new().await;
    let admin = app.who(Role::Admin, "Anyshire").await;
    let forged = upload(&app, &admin, "bundle", &[("authority.csv", GOOD)], false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let broker = app.who(Role::Broker, "Anyshire").await;
    assert_eq!(
        upload(&app, &broker, "bundle", &[("authority.csv", GOOD)], true)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let empty = upload(&app, &admin, "", &[], true).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let text = empty.text();
    assert!(text.contains("href=\"#kind-bundle\"") && text.contains("href=\"#files\""));
    let other = app.who(Role::Admin, "Nearby").await;
    let res = upload(&app, &admin, "bundle", &[("authority.csv", GOOD)], true).await;
    let job = res.header(header::LOCATION).unwrap();
    assert_eq!(
        app.get(&job, Some(&other)).await.status,
        StatusCode::NOT_FOUND,
        "jobs are their owner's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_follow_an_import_made_by_another_process() {
    let app = TestApp::new().await;
    let who = app.who(Role::Commissioner, "Anyshire").await;
    let before = app.get("/api/v1/locations", Some(&who)).await.json();
    assert_eq!(before["total"], 2);
    // The CLI writes straight to the database, not through this app.
    let mut ds = continuum_store::conformance::fixture();
    let mut new = ds.locations[0].clone();
    new.location_id = "1-999".parse().unwrap();
    new.name = "Newly Registered House".into();
    ds.locations = vec![new];
    ds.authorities.clear();
    let src = continuum_store::ImportSource {
        kind: "cqc-api".into(),
        name: "elsewhere".into(),
        digest: None,
    };
    app.store
        .import_dataset(
            &continuum_domain::Dataset {
                locations: ds.locations,
                ..Default::default()
            },
            &src,
        )
        .await
        .unwrap();
    tokio::time::sleep(continuum_web::cache::CHECK_EVERY + std::time::Duration::from_millis(200))
        .await;
    let after = app.get("/api/v1/locations", Some(&who)).await.json();
    assert_eq!(after["total"], 3, "{after}");
}
