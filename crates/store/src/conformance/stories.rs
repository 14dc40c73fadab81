//! The stories. Each takes an empty, migrated store and panics on failure.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use continuum_domain::*;

use super::fixture::{canonical, fixture};
use crate::{ImportSource, LocationQuery, PackRows, PackSource, Scope, Store};

fn src(kind: &str) -> ImportSource {
    ImportSource {
        kind: kind.into(),
        name: "fixture".into(),
        digest: None,
    }
}

async fn load_fixture(store: &dyn Store) {
    store
        .import_dataset(&fixture(), &src("bundle"))
        .await
        .expect("fixture imports");
}

fn data_counts(counts: Vec<(String, i64)>) -> Vec<(String, i64)> {
    counts.into_iter().filter(|(t, _)| t != "imports").collect()
}

pub async fn migrating_twice_is_harmless(store: &dyn Store) {
    store.migrate().await.expect("second migration is a no-op");
    let counts = store.table_counts().await.unwrap();
    assert!(counts.iter().any(|(t, _)| t == "placements"), "{counts:?}");
    assert!(
        counts.iter().all(|(_, n)| *n == 0),
        "a new database is empty: {counts:?}"
    );
}

pub async fn a_bundle_reads_back_exactly(store: &dyn Store) {
    let sum = store
        .import_dataset(&fixture(), &src("bundle"))
        .await
        .unwrap();
    assert_eq!(sum.total_written(), sum.total_read(), "{sum:?}");
    let back = store.load_dataset(&Scope::All).await.unwrap();
    assert_eq!(canonical(back), canonical(fixture()));
}

pub async fn a_reimport_changes_nothing(store: &dyn Store) {
    load_fixture(store).await;
    let before = data_counts(store.table_counts().await.unwrap());
    let sum = store
        .import_dataset(&fixture(), &src("bundle"))
        .await
        .unwrap();
    assert_eq!(sum.total_written(), 0, "{sum:?}");
    assert_eq!(data_counts(store.table_counts().await.unwrap()), before);
}

pub async fn a_changed_row_is_the_only_row_written(store: &dyn Store) {
    load_fixture(store).await;
    let mut ds = fixture();
    ds.placements[1].end_date = parse_date("2025-02-01").ok();
    ds.placements[1].end_reason = Some(EndReason::Moved);
    let sum = store.import_dataset(&ds, &src("bundle")).await.unwrap();
    assert_eq!(sum.total_written(), 1, "{sum:?}");
    let back = store.load_dataset(&Scope::All).await.unwrap();
    let pl2 = back
        .placements
        .iter()
        .find(|p| p.placement_id.as_str() == "PL2")
        .unwrap();
    assert_eq!(pl2.end_reason, Some(EndReason::Moved));
}

pub async fn a_council_scope_holds_only_that_council(store: &dyn Store) {
    load_fixture(store).await;
    let near = store
        .load_dataset(&Scope::Council(LaName::parse("Nearby").unwrap()))
        .await
        .unwrap();
    assert!(near.people.is_empty() && near.placements.is_empty() && near.contracts.is_empty());
    assert_eq!(near.sanctions.len(), 1);
    let ids: Vec<&str> = near
        .locations
        .iter()
        .map(|l| l.location_id.as_str())
        .collect();
    assert_eq!(ids, vec!["1-301"]);
    let any = store
        .load_dataset(&Scope::Council(LaName::parse("Anyshire").unwrap()))
        .await
        .unwrap();
    let mut ids: Vec<&str> = any
        .locations
        .iter()
        .map(|l| l.location_id.as_str())
        .collect();
    ids.sort_unstable();
    // 1-301 is in Nearby but Anyshire places someone there.
    assert_eq!(ids, vec!["1-101", "1-102", "1-301"]);
    assert_eq!(any.people.len(), 3);
    assert_eq!(
        any.authorities.len(),
        2,
        "all councils are loaded for neighbours"
    );
}

/// The fixture, with history around 1 April 2022 for a council loaded since
/// that date: each row sits on one side of one rule of `Scope::CouncilSince`.
fn with_history() -> Dataset {
    let mut ds = fixture();
    let d = |s: &str| parse_date(s).unwrap();
    let base = ds.placements[0].clone();
    let placement =
        |id: &str, start: &str, end: Option<&str>, request: Option<&str>, interim| Placement {
            placement_id: PlacementId::parse(id).unwrap(),
            start_date: d(start),
            end_date: end.map(d),
            request_id: request.map(|r| RequestId::parse(r).unwrap()),
            interim,
            ..base.clone()
        };
    ds.placements.extend([
        // Ended on the date: left out.
        placement("OLD", "2019-01-01", Some("2022-04-01"), None, false),
        // Ended the day after: kept.
        placement("EDGE", "2019-01-01", Some("2022-04-02"), None, false),
        // Ends before it starts, but starts after the date: kept.
        placement("ODD", "2022-05-01", Some("2020-01-01"), None, false),
        // Old, but may be a request's linked placement: kept.
        placement(
            "LINKED",
            "2019-06-01",
            Some("2021-01-01"),
            Some("R0"),
            false,
        ),
        // Old and interim: left out.
        placement(
            "INTERIM",
            "2019-06-01",
            Some("2021-01-01"),
            Some("R0"),
            true,
        ),
        // Starts after the date, linked to a request closed on it.
        placement("LATE", "2023-01-01", None, Some("ROLD"), false),
    ]);
    let base = ds.requests[0].clone();
    let request = |id: &str, closed: Option<&str>| Request {
        request_id: RequestId::parse(id).unwrap(),
        received_on: d("2020-01-01"),
        closed_on: closed.map(d),
        ..base.clone()
    };
    ds.requests.extend([
        // Closed before the date, its placement too: left out.
        request("R0", Some("2021-01-01")),
        // Closed on the date, but LATE links to it: read back by ID.
        request("ROLD", Some("2022-04-01")),
        // Closed before the date, no placement: left out.
        request("RGONE", Some("2022-03-01")),
        // Still open, and closed the day after: kept.
        request("ROPEN", None),
        request("REDGE", Some("2022-04-02")),
    ]);
    let base = ds.reviews[0].clone();
    let review = |id: &str, on: &str| Review {
        review_id: ReviewId::parse(id).unwrap(),
        date: d(on),
        ..base.clone()
    };
    ds.reviews
        .extend([review("VOLD", "2022-04-01"), review("VNEW", "2022-04-02")]);
    ds
}

fn ids<T>(rows: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|r| id(r).to_string()).collect();
    v.sort_unstable();
    v
}

pub async fn a_council_since_a_date_leaves_out_only_unused_history(store: &dyn Store) {
    store
        .import_dataset(&with_history(), &src("bundle"))
        .await
        .unwrap();
    let la = LaName::parse("Anyshire").unwrap();
    let whole = store
        .load_dataset(&Scope::Council(la.clone()))
        .await
        .unwrap();
    let since = parse_date("2022-04-01").unwrap();
    let part = store
        .load_dataset(&Scope::CouncilSince(la, since))
        .await
        .unwrap();
    assert_eq!(whole.placements.len(), 8);
    assert_eq!(
        ids(&part.placements, |p| p.placement_id.as_str()),
        ["EDGE", "LATE", "LINKED", "ODD", "PL1", "PL2"]
    );
    assert_eq!(whole.requests.len(), 6);
    assert_eq!(
        ids(&part.requests, |r| r.request_id.as_str()),
        ["R1", "REDGE", "ROLD", "ROPEN"]
    );
    assert_eq!(whole.reviews.len(), 3);
    assert_eq!(ids(&part.reviews, |r| r.review_id.as_str()), ["V1", "VNEW"]);
    // The kept rows and everything else are as the whole load gives them,
    // less the columns no figure reads, which come back empty.
    let unread = pack_columns_only(whole.clone());
    assert_ne!(unread.people, whole.people, "the fixture fills them");
    assert_ne!(unread.requests, whole.requests);
    assert_ne!(unread.placements, whole.placements);
    let mut expected = unread;
    let kept = |rows: &[String], id: &str| rows.iter().any(|k| k == id);
    let placements = ids(&part.placements, |p| p.placement_id.as_str());
    expected
        .placements
        .retain(|p| kept(&placements, p.placement_id.as_str()));
    let requests = ids(&part.requests, |r| r.request_id.as_str());
    expected
        .requests
        .retain(|r| kept(&requests, r.request_id.as_str()));
    expected.reviews.retain(|r| r.date > since);
    assert_eq!(canonical(part), canonical(expected));
}

pub async fn a_read_model_serves_packs_until_an_import_writes(store: &dyn Store) {
    store
        .import_dataset(&with_history(), &src("bundle"))
        .await
        .unwrap();
    let la = LaName::parse("Anyshire").unwrap();
    let since = parse_date("2022-04-01").unwrap();
    let from_tables = store
        .load_dataset(&Scope::CouncilSince(la.clone(), since))
        .await
        .unwrap();
    let from = |rows: &PackRows| match &rows.source {
        PackSource::ReadModel => "model",
        PackSource::Tables { kept: None } => "tables",
        PackSource::Tables { kept: Some(Ok(_)) } => "tables, kept",
        PackSource::Tables { kept: Some(Err(e)) } => panic!("not kept: {e}"),
    };

    // Not asked to keep one: none is stored.
    let rows = store.load_pack_rows(&la, since, false).await.unwrap();
    assert_eq!(from(&rows), "tables");
    assert_eq!(rows.dataset, from_tables);
    assert!(store.read_models().await.unwrap().is_empty());

    // Kept, then served, row for row as the tables give them.
    let rows = store.load_pack_rows(&la, since, true).await.unwrap();
    assert_eq!(from(&rows), "tables, kept");
    let PackSource::Tables {
        kept: Some(Ok(info)),
    } = &rows.source
    else {
        unreachable!()
    };
    let every_row = from_tables.total_rows()
        + from_tables.ascof.len()
        + from_tables.rating_history.len()
        + from_tables.quality_statements.len();
    assert!(!from_tables.ascof.is_empty());
    assert_eq!(
        (&info.la, info.since, info.rows, info.current),
        (&la, since, every_row as u64, true)
    );
    assert!(info.bytes > 0);
    let rows = store.load_pack_rows(&la, since, true).await.unwrap();
    assert_eq!(from(&rows), "model");
    assert_eq!(rows.dataset, from_tables);

    // It serves a later history (which needs less), not an earlier one.
    let later = since + chrono::Duration::days(100);
    let rows = store.load_pack_rows(&la, later, false).await.unwrap();
    assert_eq!(from(&rows), "model");
    assert_eq!(rows.dataset, from_tables);
    let earlier = since - chrono::Duration::days(1);
    let rows = store.load_pack_rows(&la, earlier, false).await.unwrap();
    assert_eq!(from(&rows), "tables");

    // A re-import that writes nothing leaves it current.
    store
        .import_dataset(&with_history(), &src("bundle"))
        .await
        .unwrap();
    assert_eq!(
        from(&store.load_pack_rows(&la, since, false).await.unwrap()),
        "model"
    );

    // An import that writes makes it stale: the pack reads the new row from
    // the tables, and the refreshed model holds it too.
    let mut ds = with_history();
    ds.reviews[0].kind = ReviewKind::Unplanned;
    let changed = ds.reviews[0].review_id.clone();
    ds.reviews.truncate(1);
    let sum = store.import_dataset(&ds, &src("bundle")).await.unwrap();
    assert_eq!(sum.total_written(), 1);
    let models = store.read_models().await.unwrap();
    assert_eq!(models.len(), 1);
    assert!(!models[0].current);
    let rows = store.load_pack_rows(&la, since, false).await.unwrap();
    assert_eq!(from(&rows), "tables");
    let review = |ds: &Dataset| {
        ds.reviews
            .iter()
            .find(|r| r.review_id == changed)
            .map(|r| r.kind)
    };
    assert_eq!(review(&rows.dataset), Some(ReviewKind::Unplanned));
    let heard = std::sync::Mutex::new(Vec::new());
    let refreshed = store
        .refresh_read_models(&|done, of| heard.lock().unwrap().push((done, of)))
        .await
        .unwrap();
    assert_eq!(refreshed.len(), 1);
    assert!(refreshed[0].current && refreshed[0].since == since);
    assert_eq!(heard.into_inner().unwrap().last(), Some(&(1, 1)));
    let rows = store.load_pack_rows(&la, since, false).await.unwrap();
    assert_eq!(from(&rows), "model");
    assert_eq!(review(&rows.dataset), Some(ReviewKind::Unplanned));
    assert!(
        store
            .refresh_read_models(&|_, _| {})
            .await
            .unwrap()
            .is_empty(),
        "nothing is stale"
    );

    // National data counts too: a changed ASCOF figure makes it stale.
    let mut ascof = fixture().ascof;
    ascof[0].outcome = Figure::Value(12.5);
    let sum = store.import_ascof(&ascof, &src("ascof")).await.unwrap();
    assert_eq!(sum.total_written(), 1);
    assert!(!store.read_models().await.unwrap()[0].current);
}

/// A dataset as an evidence pack's load reads it: without the columns of
/// people, requests and placements that no figure reads.
fn pack_columns_only(mut ds: Dataset) -> Dataset {
    for p in &mut ds.people {
        p.birth_year = None;
        p.ethnicity = None;
        p.locality_id = None;
        p.primary_support_reason = None;
        p.has_unpaid_carer = None;
        p.cares_for.clear();
    }
    for r in &mut ds.requests {
        r.needs.clear();
        r.hours_per_week = None;
        r.discharge_pathway = None;
        r.preferred_locations.clear();
    }
    for p in &mut ds.placements {
        p.weekly_cost = None;
    }
    ds
}

pub async fn a_failed_import_leaves_the_database_as_it_was(store: &dyn Store) {
    load_fixture(store).await;
    let before = store.table_counts().await.unwrap();
    let mut ds = fixture();
    ds.people[0].birth_year = Some(1901);
    // A review of a person nobody knows: the import must fail on the last
    // tenant lookup, after many rows were already sent.
    ds.reviews.push(Review {
        review_id: ReviewId::parse("V9").unwrap(),
        person_id: PersonId::parse("NOBODY").unwrap(),
        placement_id: None,
        date: parse_date("2025-01-01").unwrap(),
        kind: ReviewKind::Unplanned,
    });
    assert!(store.import_dataset(&ds, &src("bundle")).await.is_err());
    assert_eq!(store.table_counts().await.unwrap(), before);
    let back = store.load_dataset(&Scope::All).await.unwrap();
    assert_eq!(
        back.people
            .iter()
            .find(|p| p.person_id.as_str() == "P1")
            .unwrap()
            .birth_year,
        Some(1940)
    );
}

fn cqc_update(rating: Rating, on: &str, beds: u32) -> CqcLocationUpdate {
    CqcLocationUpdate {
        location_id: LocationId::parse("1-101").unwrap(),
        provider_id: ProviderId::parse("1-900").unwrap(),
        provider_name: Some("Anyshire Care Ltd".into()),
        name: "Home 1-101".into(),
        local_authority: LaName::parse("Anyshire").unwrap(),
        postcode: Some("AN1 1AA".into()),
        latitude: Some(52.5),
        longitude: Some(-1.25),
        service_type: Some(ServiceType::NursingHome),
        nursing_unknown: false,
        beds: Some(beds),
        specialisms: None,
        registered_manager: Some(false),
        rating: Some((rating, parse_date(on).ok())),
        status: Some(RegistrationStatus::Registered),
        registered_on: parse_date("2015-01-01").ok(),
        deregistered_on: None,
    }
}

fn batch(rating: Rating, on: &str, beds: u32) -> CqcBatch {
    let u = cqc_update(rating, on, beds);
    let event = RatingEvent {
        location_id: u.location_id.clone(),
        service_group: "Overall".into(),
        key_question: KeyQuestion::Overall,
        rating: match rating {
            Rating::Good => CqcRating::Good,
            Rating::RequiresImprovement => CqcRating::RequiresImprovement,
            _ => CqcRating::Inadequate,
        },
        published_on: parse_date(on).unwrap(),
    };
    CqcBatch {
        locations: vec![u],
        rating_events: vec![event],
        ..CqcBatch::default()
    }
}

pub async fn a_cqc_update_keeps_history_and_council_fields(store: &dyn Store) {
    load_fixture(store).await;
    let first = store
        .apply_cqc(&batch(Rating::Good, "2024-01-05", 40), &src("cqc-api"))
        .await
        .unwrap();
    assert!(first.total_written() > 0);
    let again = store
        .apply_cqc(&batch(Rating::Good, "2024-01-05", 40), &src("cqc-api"))
        .await
        .unwrap();
    assert_eq!(again.total_written(), 0, "{again:?}");
    store
        .apply_cqc(
            &batch(Rating::RequiresImprovement, "2025-02-01", 42),
            &src("cqc-api"),
        )
        .await
        .unwrap();
    let id = LocationId::parse("1-101").unwrap();
    let loc = store.location(&id).await.unwrap().unwrap();
    assert_eq!((loc.rating, loc.beds), (Rating::RequiresImprovement, 42));
    assert_eq!(
        loc.locality_id.as_ref().map(LocalityId::as_str),
        Some("north"),
        "council field kept"
    );
    let history = store.rating_history(&id).await.unwrap();
    assert_eq!(
        history.iter().map(|e| e.rating).collect::<Vec<_>>(),
        vec![CqcRating::Good, CqcRating::RequiresImprovement]
    );
    let changes = store.location_changes(&id).await.unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.field == "beds" && c.old_value == "40" && c.new_value == "42"),
        "{changes:?}"
    );
}

pub async fn an_older_cqc_file_does_not_undo_a_newer_rating(store: &dyn Store) {
    store
        .apply_cqc(&batch(Rating::Good, "2025-02-01", 40), &src("cqc-api"))
        .await
        .unwrap();
    store
        .apply_cqc(
            &batch(Rating::Inadequate, "2019-02-01", 40),
            &src("cqc-ratings"),
        )
        .await
        .unwrap();
    let loc = store
        .location(&LocationId::parse("1-101").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(loc.rating, Rating::Good);
    assert_eq!(
        store.rating_history(&loc.location_id).await.unwrap().len(),
        2,
        "the old rating is still history"
    );
}

pub async fn the_register_filters_by_council_type_and_text(store: &dyn Store) {
    load_fixture(store).await;
    let q = |f: fn(&mut LocationQuery)| {
        let mut q = LocationQuery::default();
        f(&mut q);
        q
    };
    let ids = |v: Vec<Location>| {
        v.into_iter()
            .map(|l| l.location_id.to_string())
            .collect::<Vec<_>>()
    };
    let by_la = store
        .locations(&q(|q| q.la = LaName::parse("Anyshire").ok()))
        .await
        .unwrap();
    assert_eq!(ids(by_la), vec!["1-101", "1-102"]);
    let homecare = store
        .locations(&q(|q| q.service_type = Some(ServiceType::Homecare)))
        .await
        .unwrap();
    assert_eq!(ids(homecare), vec!["1-102"]);
    let text = store
        .locations(&q(|q| q.text = Some("home 1-30".into())))
        .await
        .unwrap();
    assert_eq!(ids(text), vec!["1-301"]);
    let dementia = store
        .locations(&q(|q| q.specialism = Some(Specialism::Dementia)))
        .await
        .unwrap();
    assert_eq!(dementia.len(), 3);
    let paged = store
        .locations(&q(|q| {
            q.limit = Some(1);
            q.offset = Some(1);
        }))
        .await
        .unwrap();
    assert_eq!(ids(paged), vec!["1-102"]);
}

pub async fn ascof_suppression_codes_survive_a_round_trip(store: &dyn Store) {
    let values = fixture().ascof;
    let sum = store.import_ascof(&values, &src("ascof")).await.unwrap();
    assert_eq!(sum.total_written(), 2);
    let back = store.load_dataset(&Scope::All).await.unwrap();
    assert_eq!(canonical(back).ascof, canonical(fixture()).ascof);
    let again = store.import_ascof(&values, &src("ascof")).await.unwrap();
    assert_eq!(again.total_written(), 0);
}

pub async fn the_import_log_records_every_import(store: &dyn Store) {
    load_fixture(store).await;
    store
        .import_ascof(&fixture().ascof, &src("ascof"))
        .await
        .unwrap();
    let log = store.imports(10).await.unwrap();
    assert_eq!(
        log.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        vec!["ascof", "bundle"]
    );
    assert!(log[1].rows_written > 0);
}

pub async fn a_large_import_round_trips_and_reimports_as_a_no_op(store: &dyn Store) {
    let mut ds = fixture();
    let template = ds.people[0].clone();
    let mut tricky = 0;
    for i in 0..2_500 {
        let mut p = template.clone();
        p.person_id = PersonId::parse(&format!("BULK{i:05}")).unwrap();
        p.birth_year = Some(1930 + (i % 60));
        // Text that needs escaping in bulk formats: tabs, backslashes, quotes, newlines.
        if i % 500 == 0 {
            p.ethnicity = Some(format!("mixed\t\\ \"q\" line\nbreak {i}"));
            tricky += 1;
        }
        ds.people.push(p);
    }
    let sum = store.import_dataset(&ds, &src("bundle")).await.unwrap();
    assert_eq!(sum.total_written(), sum.total_read());
    assert!(tricky > 0);
    let back = store.load_dataset(&Scope::All).await.unwrap();
    assert_eq!(canonical(back), canonical(ds.clone()));
    let again = store.import_dataset(&ds, &src("bundle")).await.unwrap();
    assert_eq!(again.total_written(), 0);
}

fn user(id: &str, name: &str, role: Role) -> User {
    User {
        user_id: UserId::parse(id).unwrap(),
        username: name.into(),
        display_name: format!("{name} (test)"),
        role,
        la: LaName::parse("Anyshire").ok(),
        provider_id: None,
        active: true,
    }
}

pub async fn users_are_created_found_and_updated(store: &dyn Store) {
    store
        .create_user(&user("U1", "broker1", Role::Broker), "hash-1")
        .await
        .unwrap();
    let err = store
        .create_user(&user("U2", "broker1", Role::Admin), "hash-2")
        .await;
    assert!(
        matches!(err, Err(crate::StoreError::Conflict(_))),
        "{err:?}"
    );
    let (u, hash) = store.user_by_username("broker1").await.unwrap().unwrap();
    assert_eq!((u.role, hash.as_str()), (Role::Broker, "hash-1"));
    let mut changed = u.clone();
    changed.role = Role::QualityOfficer;
    changed.active = false;
    store.update_user(&changed).await.unwrap();
    store
        .set_password(&changed.user_id, "hash-3")
        .await
        .unwrap();
    let (back, hash) = store.user_by_username("broker1").await.unwrap().unwrap();
    assert_eq!(back, changed);
    assert_eq!(hash, "hash-3");
    assert_eq!(store.users().await.unwrap().len(), 1);
    assert!(
        store
            .user(&UserId::parse("nobody").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn sessions_and_api_tokens_round_trip(store: &dyn Store) {
    let now = chrono::Utc::now();
    let s = crate::Session {
        token_hash: "abc".into(),
        user_id: UserId::parse("U1").unwrap(),
        csrf_token: "csrf".into(),
        created_at: now,
        expires_at: now + chrono::Duration::hours(8),
    };
    store.create_session(&s).await.unwrap();
    let back = store.session("abc").await.unwrap().unwrap();
    assert_eq!(back.csrf_token, "csrf");
    assert!((back.expires_at - s.expires_at).num_seconds().abs() <= 1);
    store.delete_session("abc").await.unwrap();
    assert!(store.session("abc").await.unwrap().is_none());
    let t = crate::ApiToken {
        token_hash: "tok".into(),
        user_id: UserId::parse("U1").unwrap(),
        label: "etl".into(),
        created_at: now,
    };
    store.create_api_token(&t).await.unwrap();
    assert_eq!(
        store.api_token("tok").await.unwrap().map(|t| t.label),
        Some("etl".into())
    );
    assert!(store.api_token("other").await.unwrap().is_none());
}

pub async fn sign_in_attempts_are_kept_for_throttling(store: &dyn Store) {
    let now = chrono::Utc::now();
    let at = |mins: i64, ok| crate::SignInAttempt {
        username: "sw1".into(),
        at: now - chrono::Duration::minutes(mins),
        succeeded: ok,
    };
    store.record_sign_in(&at(60 * 24 * 8, false)).await.unwrap();
    for m in [30, 20, 10] {
        store.record_sign_in(&at(m, false)).await.unwrap();
    }
    let recent = store
        .sign_in_attempts("sw1", now - chrono::Duration::minutes(25))
        .await
        .unwrap();
    assert_eq!(recent.len(), 2);
    let all = store
        .sign_in_attempts("sw1", now - chrono::Duration::days(30))
        .await
        .unwrap();
    assert_eq!(all.len(), 3, "attempts older than a week are forgotten");
}

pub async fn the_audit_log_is_append_only_and_newest_first(store: &dyn Store) {
    let e = |subject: &str, action| AuditEvent {
        at: chrono::Utc::now(),
        user_id: UserId::parse("U1").unwrap(),
        role: Role::SocialWorker,
        la: LaName::parse("Anyshire").ok(),
        action,
        subject_kind: "person".into(),
        subject_id: Some(subject.into()),
        detail: String::new(),
    };
    store
        .audit(&e("P1", AuditAction::ViewPerson))
        .await
        .unwrap();
    store
        .audit(&e("P2", AuditAction::ViewPerson))
        .await
        .unwrap();
    store
        .audit(&e("P1", AuditAction::ChangePerson))
        .await
        .unwrap();
    let all = store
        .audit_log(&crate::AuditQuery::default())
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|a| a.action).collect::<Vec<_>>(),
        [
            AuditAction::ChangePerson,
            AuditAction::ViewPerson,
            AuditAction::ViewPerson
        ]
    );
    let p1 = store
        .audit_log(&crate::AuditQuery {
            subject_id: Some("P1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(p1.len(), 2);
    let one = store
        .audit_log(&crate::AuditQuery {
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
}

pub async fn a_location_page_reads_one_councils_records(store: &dyn Store) {
    load_fixture(store).await;
    let id = |s: &str| LocationId::parse(s).unwrap();
    let any = LaName::parse("Anyshire").unwrap();
    let near = LaName::parse("Nearby").unwrap();
    let home = store
        .location_records(&id("1-101"), Some(&any))
        .await
        .unwrap();
    assert_eq!(home.capacity.len(), 1);
    assert_eq!(home.contracts.len(), 1);
    assert_eq!(home.visits.len(), 1);
    assert_eq!(home.quality_assessments.len(), 2, "one row per standard");
    let ids: Vec<&str> = home
        .placements
        .iter()
        .map(|p| p.placement_id.as_str())
        .collect();
    assert_eq!(ids, vec!["PL1"]);
    // 1-301 is in Nearby: Nearby's sanction and Anyshire's placement there.
    let theirs = store
        .location_records(&id("1-301"), Some(&near))
        .await
        .unwrap();
    assert!(
        theirs.placements.is_empty(),
        "Anyshire's people stay Anyshire's"
    );
    assert_eq!(theirs.sanctions.len(), 1);
    let ours = store
        .location_records(&id("1-301"), Some(&any))
        .await
        .unwrap();
    assert_eq!((ours.placements.len(), ours.sanctions.len()), (1, 0));
    let all = store.location_records(&id("1-301"), None).await.unwrap();
    assert_eq!((all.placements.len(), all.sanctions.len()), (1, 1));
    let none = store.location_records(&id("no-such"), None).await.unwrap();
    assert_eq!(none, crate::LocationRecords::default());
}

pub async fn a_person_record_stays_within_its_council(store: &dyn Store) {
    load_fixture(store).await;
    let any = LaName::parse("Anyshire").unwrap();
    let near = LaName::parse("Nearby").unwrap();
    let p1 = PersonId::parse("P1").unwrap();
    let rec = store.person_record(&any, &p1).await.unwrap().unwrap();
    assert_eq!(rec.person.person_id, p1);
    assert_eq!(rec.requests.len(), 1);
    assert_eq!(rec.placements.len(), 1);
    assert!(rec.reviews.is_empty());
    let p2 = store
        .person_record(&any, &PersonId::parse("P2").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p2.reviews.len(), 1);
    assert!(store.person_record(&near, &p1).await.unwrap().is_none());
    assert!(
        store
            .person_record(&any, &PersonId::parse("P9").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn audit_entries_written_together_keep_their_order(store: &dyn Store) {
    let e = |subject: &str| AuditEvent {
        at: chrono::Utc::now(),
        user_id: UserId::parse("U1").unwrap(),
        role: Role::Broker,
        la: LaName::parse("Anyshire").ok(),
        action: AuditAction::ViewPerson,
        subject_kind: "person".into(),
        subject_id: Some(subject.into()),
        detail: "page".into(),
    };
    store.audit(&e("P0")).await.unwrap();
    store.audit_all(&[e("P1"), e("P2"), e("P3")]).await.unwrap();
    store.audit_all(&[]).await.unwrap();
    let ids: Vec<String> = store
        .audit_log(&crate::AuditQuery::default())
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.subject_id)
        .collect();
    assert_eq!(ids, vec!["P3", "P2", "P1", "P0"], "newest first");
}

pub async fn decimals_read_back_bit_for_bit(store: &dyn Store) {
    let mut ds = fixture();
    let tricky = [
        0.1 + 0.2,
        1.0 / 3.0,
        256.24,
        1e-300,
        123_456_789.123_456_79,
        2.0_f64.powi(60) + 1.0,
    ];
    let template = ds.placements[0].clone();
    for (i, v) in tricky.iter().enumerate() {
        let mut p = template.clone();
        p.placement_id = PlacementId::parse(&format!("F{i}")).unwrap();
        p.request_id = None;
        p.weekly_cost = Some(*v);
        p.hours_per_week = None;
        ds.placements.push(p);
    }
    store.import_dataset(&ds, &src("bundle")).await.unwrap();
    let back = store
        .load_dataset(&Scope::Council(LaName::parse("Anyshire").unwrap()))
        .await
        .unwrap();
    for (i, v) in tricky.iter().enumerate() {
        let p = back
            .placements
            .iter()
            .find(|p| p.placement_id.as_str() == format!("F{i}"))
            .unwrap();
        assert_eq!(p.weekly_cost.map(f64::to_bits), Some(v.to_bits()), "{v}");
        assert_eq!(p.hours_per_week, None);
    }
}
