//! Signing in, anti-forgery, throttling and API tokens.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use continuum_domain::{AuditAction, LaName, Role, User, UserId};
use continuum_store::AuditQuery;

const PASSWORD: &str = "correct horse battery";

async fn with_password(app: &TestApp, username: &str) -> User {
    let user = User {
        user_id: UserId::parse(&format!("u-{username}")).unwrap(),
        username: username.into(),
        display_name: "Sam Worker".into(),
        role: Role::SocialWorker,
        la: LaName::parse("Anyshire").ok(),
        provider_id: None,
        active: true,
    };
    let hash = continuum_web::auth::password::hash(PASSWORD).unwrap();
    app.store.create_user(&user, &hash).await.unwrap();
    user
}

/// The sign-in form's cookie and token.
async fn sign_in_form(app: &TestApp) -> (String, String) {
    let res = app.get("/sign-in", None).await;
    let cookie = res.header(header::SET_COOKIE).unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let html = res.text();
    let at = html.find("name=\"csrf_token\" value=\"").unwrap() + 25;
    let token = html[at..at + 64].to_string();
    (cookie, token)
}

async fn attempt(app: &TestApp, cookie: &str, token: &str, user: &str, password: &str) -> Reply {
    let body = format!(
        "csrf_token={token}&username={user}&password={}&next=%2Flocations",
        password.replace(' ', "+")
    );
    let req = Request::post("/sign-in")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_starts_a_session_that_opens_the_pages() {
    let app = TestApp::new().await;
    with_password(&app, "sam").await;
    let (cookie, token) = sign_in_form(&app).await;
    let res = attempt(&app, &cookie, &token, "sam", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header(header::LOCATION).as_deref(), Some("/locations"));
    let set: Vec<String> = res
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set
        .iter()
        .find(|c| c.starts_with("continuum_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    let cookie = session.split(';').next().unwrap();
    let req = Request::get("/locations")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let page = app.send(req).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Sam Worker"));
    let log = app.store.audit_log(&AuditQuery::default()).await.unwrap();
    assert_eq!(log[0].action, AuditAction::SignIn);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_passwords_pause_signing_in() {
    let app = TestApp::new().await;
    with_password(&app, "sam").await;
    let (cookie, token) = sign_in_form(&app).await;
    for _ in 0..5 {
        let res = attempt(&app, &cookie, &token, "sam", "wrong password").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert!(res.text().contains("username or password is not right"));
    }
    let res = attempt(&app, &cookie, &token, "sam", PASSWORD).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let text = res.text();
    assert!(text.contains("too many failed attempts") && text.contains("15 minutes"));
    assert!(res.header(header::SET_COOKIE).is_none(), "no session");
    let failed = app
        .store
        .audit_log(&AuditQuery::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::SignInFailed)
        .count();
    assert_eq!(failed, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_username_fails_like_a_wrong_password() {
    let app = TestApp::new().await;
    let (cookie, token) = sign_in_form(&app).await;
    let res = attempt(&app, &cookie, &token, "nobody", PASSWORD).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.text().contains("username or password is not right"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_without_its_csrf_token_is_refused() {
    let app = TestApp::new().await;
    let who = app.who(Role::Admin, "Anyshire").await;
    let form = "username=forged&display_name=Forged&role=admin&password=a-long-password";
    let none = app.post_form("/users/new", Some(&who), form, false).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    assert!(none.text().contains("form has expired"));
    let wrong = app
        .post_form(
            "/users/new",
            Some(&who),
            &format!("csrf_token=guess&{form}"),
            false,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let header_only = Request::post("/account/tokens")
        .header(header::COOKIE, &who.cookie)
        .header("x-csrf-token", "guess")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(header_only).await.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .user_by_username("forged")
            .await
            .unwrap()
            .is_none()
    );
    let signout = app.post_form("/sign-out", Some(&who), "", false).await;
    assert_eq!(signout.status, StatusCode::FORBIDDEN, "even signing out");
    let sign_in = app
        .post_form("/sign-in", None, "username=a&password=b", false)
        .await;
    assert_eq!(
        sign_in.status,
        StatusCode::FORBIDDEN,
        "the sign-in form too"
    );
    let ok = app.post_form("/users/new", Some(&who), form, true).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_token_authenticates_a_machine_client_as_its_user() {
    let app = TestApp::new().await;
    let who = app.who(Role::Commissioner, "Anyshire").await;
    let page = app
        .post_form("/account/tokens", Some(&who), "label=warehouse", true)
        .await;
    let html = page.text();
    let at = html.find("<code id=\"new-token\">").unwrap() + 21;
    let token: String = html[at..].chars().take_while(|c| *c != '<').collect();
    assert!(token.starts_with("ct_"));
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["role"], "commissioner");
    assert!(
        me.json()["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "view_personal_records")
    );
    let bad = app.get_bearer("/api/v1/me", "ct_not-a-token").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let audit = app.get_bearer("/api/v1/audit", &token).await;
    assert_eq!(
        audit.status,
        StatusCode::FORBIDDEN,
        "a token has its user's rights, no more"
    );
    let stored = app.store.api_token(&token).await.unwrap();
    assert!(stored.is_none(), "the store holds only the digest");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_the_session() {
    let app = TestApp::new().await;
    let who = app.who(Role::Leader, "Anyshire").await;
    let res = app.post_form("/sign-out", Some(&who), "", true).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/", Some(&who)).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers() {
    let app = TestApp::new().await;
    let who = app.who(Role::Leader, "Anyshire").await;
    let res = app.get("/", Some(&who)).await;
    let csp = res.header(header::CONTENT_SECURITY_POLICY).unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(
        res.header(header::CACHE_CONTROL).as_deref(),
        Some("no-store")
    );
    assert_eq!(
        res.header(header::X_CONTENT_TYPE_OPTIONS).as_deref(),
        Some("nosniff")
    );
    assert!(res.text().contains("<html lang=\"en-GB\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_change_their_own_password_given_the_current_one() {
    let app = TestApp::new().await;
    with_password(&app, "sam").await;
    let (cookie, token) = sign_in_form(&app).await;
    let res = attempt(&app, &cookie, &token, "sam", PASSWORD).await;
    let session = res
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("continuum_session="))
        .unwrap();
    let page = app
        .send(
            Request::get("/account")
                .header(header::COOKIE, &session)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .text();
    let at = page.find("name=\"csrf_token\" value=\"").unwrap() + 25;
    let csrf = &page[at..at + 64];
    let change = |current: &str| {
        Request::post("/account/password")
            .header(header::COOKIE, &session)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "csrf_token={csrf}&current={}&new_password=a+brand+new+one",
                current.replace(' ', "+")
            )))
            .unwrap()
    };
    let wrong = app.send(change("not it")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.text().contains("href=\"#current\""));
    let right = app.send(change(PASSWORD)).await;
    assert_eq!(right.status, StatusCode::OK);
    assert!(right.text().contains("Your password has been changed"));
    let (cookie, token) = sign_in_form(&app).await;
    let again = attempt(&app, &cookie, &token, "sam", "a brand new one").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_authorization_header_never_falls_back_to_the_cookie() {
    let app = TestApp::new().await;
    let who = app.who(Role::Admin, "Anyshire").await;
    let req = Request::post("/account/tokens")
        .header(header::COOKIE, &who.cookie)
        .header(header::AUTHORIZATION, "Basic Zm9vOmJhcg==")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("label=sneaky"))
        .unwrap();
    assert_eq!(
        app.send(req).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token, no bearer token"
    );
    let req = Request::get("/api/v1/me")
        .header(header::COOKIE, &who.cookie)
        .header(header::AUTHORIZATION, "Bearer ct_wrong")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.send(req).await.status,
        StatusCode::UNAUTHORIZED,
        "a bad token is not rescued by the cookie"
    );
}
