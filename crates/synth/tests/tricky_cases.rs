#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The edge cases the demo must hold, one test each, found in the rows.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::demo;
use common::metrics::*;
use continuum_domain::{
    ClientType, EndReason, Location, Rating, RegistrationStatus, Route, SanctionKind,
    SponsorLicence,
};
use continuum_synth::{DEMO_LA, demo_as_at};

const LA: &str = DEMO_LA;

fn location(id: &continuum_domain::LocationId) -> &'static Location {
    demo()
        .locations
        .iter()
        .find(|l| &l.location_id == id)
        .unwrap()
}

#[test]
fn people_have_waited_more_than_six_months_some_in_hospital_some_with_interim_care() {
    let t = demo_as_at();
    let waiting = waiting_now(demo(), LA, t);
    let long: Vec<_> = waiting
        .iter()
        .filter(|r| days(r.received_on, t) > 182)
        .collect();
    assert!(long.len() >= 6, "{} waiting over 182 days", long.len());
    assert!(long.iter().any(|r| r.route == Route::HospitalDischarge));
    let interim: BTreeSet<_> = placements_of(demo(), LA)
        .into_iter()
        .filter(|p| p.interim && p.is_active_at(t))
        .filter_map(|p| p.request_id.clone())
        .collect();
    assert!(
        long.iter().any(|r| interim.contains(&r.request_id)),
        "no long waiter has interim care"
    );
    assert!(long.iter().all(|r| !r.delay_reasons.is_empty()));
}

#[test]
fn a_provider_failure_ends_30_placements_and_most_people_are_replaced_within_a_week() {
    let t = demo_as_at();
    let failed: Vec<_> = placements_of(demo(), LA)
        .into_iter()
        .filter(|p| p.end_reason == Some(EndReason::ProviderFailure))
        .collect();
    assert_eq!(failed.len(), 30);
    let homes: BTreeSet<_> = failed.iter().map(|p| &p.location_id).collect();
    assert_eq!(homes.len(), 1, "one home failed");
    let home = location(homes.iter().next().unwrap());
    assert!(
        home.deregistered_on.is_some_and(|d| in_window(d, t)),
        "the failed home left the market in the year"
    );
    let gaps = continuity(demo(), LA, t, EndReason::ProviderFailure);
    let quick = gaps.iter().filter(|g| g.is_some_and(|d| d <= 7)).count();
    assert!(
        (24..30).contains(&quick),
        "{quick} of 30 re-placed within 7 days"
    );
    assert!(
        gaps.iter().any(Option::is_none),
        "someone is still without a placement"
    );
}

#[test]
fn an_out_of_area_home_is_under_the_host_councils_suspension_with_our_people_in_it() {
    let ds = demo();
    let t = demo_as_at();
    let neighbours = ds
        .authorities
        .iter()
        .find(|a| a.la.as_str() == LA)
        .unwrap()
        .neighbours
        .clone();
    let sanction = ds
        .sanctions
        .iter()
        .find(|s| {
            let l = location(&s.location_id);
            s.is_active_at(t)
                && s.kind == SanctionKind::Suspension
                && l.local_authority.as_str() != LA
                && neighbours.contains(&l.local_authority)
        })
        .expect("a suspension of a home in a neighbouring council");
    assert!(sanction.reason.contains("host"), "{}", sanction.reason);
    let placed: Vec<_> = placements_of(ds, LA)
        .into_iter()
        .filter(|p| p.location_id == sanction.location_id && p.is_active_at(t))
        .collect();
    assert!(placed.len() >= 3, "{} of our people there", placed.len());
    assert!(placed.iter().all(|p| p.ooa_reason.is_some()));
    let reviewed_since: BTreeSet<_> = ds
        .reviews
        .iter()
        .filter(|r| r.date >= sanction.start_date)
        .filter_map(|r| r.placement_id.clone())
        .collect();
    assert!(
        placed
            .iter()
            .any(|p| reviewed_since.contains(&p.placement_id))
    );
    assert!(
        placed
            .iter()
            .any(|p| !reviewed_since.contains(&p.placement_id))
    );
}

#[test]
fn some_out_of_area_placements_were_reviewed_this_year_and_some_were_not() {
    let ds = demo();
    let t = demo_as_at();
    let ooa = out_of_area(ds, LA, t);
    let reviewed: BTreeSet<_> = ds
        .reviews
        .iter()
        .filter(|r| in_window(r.date, t))
        .filter_map(|r| r.placement_id.clone())
        .collect();
    let share = ooa
        .iter()
        .filter(|p| reviewed.contains(&p.placement_id))
        .count() as f64
        / ooa.len() as f64;
    assert!((0.6..0.97).contains(&share), "{share} reviewed");
}

#[test]
fn interim_placements_bridge_waits_and_point_at_their_request() {
    let all: Vec<_> = placements_of(demo(), LA)
        .into_iter()
        .filter(|p| p.interim)
        .collect();
    assert!(all.len() > 20, "{} interim placements", all.len());
    assert!(all.iter().all(|p| p.request_id.is_some()));
    let link = linked(demo());
    let bridged = all
        .iter()
        .filter(|p| {
            link.get(p.request_id.as_ref().unwrap().as_str())
                .is_some_and(|q| p.end_date == Some(q.start_date))
        })
        .count();
    assert!(
        bridged > 10,
        "{bridged} interims end the day the placement starts"
    );
}

#[test]
fn some_requests_have_no_linked_placement() {
    let link = linked(demo());
    let unlinked: Vec<_> = requests_of(demo(), LA)
        .into_iter()
        .filter(|r| !link.contains_key(r.request_id.as_str()))
        .collect();
    assert!(
        unlinked.iter().any(|r| r.closed_on.is_some()),
        "closed without a placement"
    );
    assert!(unlinked.iter().any(|r| r.closed_on.is_none()), "still open");
}

#[test]
fn a_rating_dated_after_the_as_at_date_counts_as_not_rated_then() {
    let t = demo_as_at();
    let later: Vec<_> = demo()
        .locations
        .iter()
        .filter(|l| l.rating_date.is_some_and(|d| d > t))
        .collect();
    assert!(!later.is_empty());
    assert!(
        later
            .iter()
            .all(|l| l.rating != Rating::NotRated && l.rating_at(t) == Rating::NotRated)
    );
}

#[test]
fn locations_left_the_market_this_year_and_before_and_their_people_moved() {
    let ds = demo();
    let t = demo_as_at();
    let gone: Vec<_> = ds
        .locations
        .iter()
        .filter(|l| l.status == RegistrationStatus::Deregistered)
        .collect();
    assert!(
        gone.iter()
            .any(|l| l.deregistered_on.is_some_and(|d| in_window(d, t)))
    );
    assert!(
        gone.iter()
            .any(|l| l.deregistered_on.is_some_and(|d| d <= add(t, -365)))
    );
    let ids: BTreeSet<_> = gone.iter().map(|l| &l.location_id).collect();
    assert!(
        ds.placements
            .iter()
            .any(|p| ids.contains(&p.location_id) && p.end_reason == Some(EndReason::Moved))
    );
}

#[test]
fn handbacks_and_a_termination_end_placements_and_people_move_on() {
    let t = demo_as_at();
    let handed = continuity(demo(), LA, t, EndReason::Handback);
    let terminated = continuity(demo(), LA, t, EndReason::Sanction);
    assert!(
        handed.len() >= 19,
        "{} placements handed back",
        handed.len()
    );
    assert!(!terminated.is_empty(), "a termination moved people");
    assert!(handed.iter().filter(|g| g.is_some_and(|d| d <= 7)).count() * 10 >= handed.len() * 7);
}

#[test]
fn unpaid_carers_care_for_service_users_who_have_a_carer() {
    let ds = demo();
    let by_id: BTreeMap<_, _> = ds.people.iter().map(|p| (&p.person_id, p)).collect();
    let carers: Vec<_> = ds
        .people
        .iter()
        .filter(|p| p.client_type == ClientType::UnpaidCarer)
        .collect();
    assert!(carers.len() > 500, "{} carers", carers.len());
    for c in carers {
        for id in &c.cares_for {
            let cared = by_id[id];
            assert_eq!(cared.client_type, ClientType::ServiceUser);
            assert_eq!(cared.has_unpaid_carer, Some(true));
        }
    }
    assert!(ds.requests.iter().any(|r| r.route == Route::Carer));
}

#[test]
fn locations_carry_managers_licences_and_in_house_services() {
    let mine: Vec<_> = demo()
        .locations
        .iter()
        .filter(|l| l.local_authority.as_str() == LA)
        .collect();
    let revoked = mine
        .iter()
        .filter(|l| l.sponsor_licence == SponsorLicence::Revoked)
        .count();
    assert_eq!(revoked, 1);
    assert!(
        mine.iter()
            .filter(|l| l.sponsor_licence == SponsorLicence::Held)
            .count()
            >= 3
    );
    let no_manager = mine
        .iter()
        .filter(|l| l.registered_manager == Some(false))
        .count();
    assert!(
        (2..=30).contains(&no_manager),
        "{no_manager} without a manager"
    );
    assert!(mine.iter().any(|l| l.in_house));
    assert!(mine.iter().all(|l| {
        let id = l.location_id.as_str();
        id.starts_with("1-")
            && (11..=13).contains(&id.len())
            && id[2..].bytes().all(|b| b.is_ascii_digit())
    }));
    assert!(mine.iter().all(|l| l.postcode.starts_with("AY")
        && l.latitude.is_some()
        && !l.specialisms.is_empty()
        || !l.service_type.is_care_home()));
}

#[test]
fn the_revoked_licence_location_is_suspended() {
    let ds = demo();
    let revoked = ds
        .locations
        .iter()
        .find(|l| l.sponsor_licence == SponsorLicence::Revoked)
        .unwrap();
    assert!(
        ds.sanctions
            .iter()
            .any(|s| s.location_id == revoked.location_id && s.reason.contains("sponsor"))
    );
}

#[test]
fn indicators_hold_two_years_with_margins_and_england_values() {
    let ds = demo();
    let choice: Vec<_> = ds
        .indicators
        .iter()
        .filter(|i| i.measure.contains("choice"))
        .collect();
    assert_eq!(choice.len(), 2);
    assert!(choice.iter().all(|i| i.margin_of_error.is_some()
        && i.england_value.is_some()
        && i.respondents.is_some()));
    assert!(
        ds.indicators.iter().any(|i| i.margin_of_error.is_none()),
        "one measure has no margin (no_test)"
    );
    assert!(
        ds.indicators
            .iter()
            .any(|i| i.polarity == continuum_domain::Polarity::LowerBetter)
    );
}

#[test]
fn the_demo_holds_the_two_real_councils_with_no_data_of_their_own() {
    let ds = demo();
    for (name, code) in [("Oldham", "E08000004"), ("Lincolnshire", "E10000019")] {
        let a = ds
            .authorities
            .iter()
            .find(|a| a.la.as_str() == name)
            .unwrap();
        assert_eq!(a.ons_code.as_str(), code);
        assert!(!ds.people.iter().any(|p| p.la.as_str() == name));
        assert!(
            !ds.locations
                .iter()
                .any(|l| l.local_authority.as_str() == name)
        );
        assert!(!ds.sanctions.iter().any(|s| s.la.as_str() == name));
    }
}
