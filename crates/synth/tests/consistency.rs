#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every generated bundle is internally consistent.

mod common;

#[test]
fn the_demo_bundle_is_internally_consistent() {
    let problems = common::check::problems(common::demo());
    assert!(problems.is_empty(), "{problems:#?}");
}
