//! The conformance suite: the same stories, run against every backend.
//!
//! Each story is an `async fn` taking a freshly migrated, empty store. The
//! [`conformance_suite!`](crate::conformance_suite) macro turns every story into
//! a `#[tokio::test]` in a backend crate, given an expression that opens a fresh
//! store (or skips, when PostgreSQL is not configured).

mod fixture;
mod stories;

pub use fixture::{canonical, fixture};
pub use stories::*;

/// Generates one test per story for a backend. `$open` is an async expression
/// giving `Option<(Box<dyn Store>, Guard)>`: `None` skips the test, and the guard
/// (any value) is dropped after the story, to clean up.
#[macro_export]
macro_rules! conformance_suite {
    ($open:expr; $($story:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() {
                let Some((store, guard)) = $open.await else {
                    eprintln!("skipped: no database for this backend");
                    return;
                };
                $crate::conformance::$story(&*store).await;
                drop(store);
                drop(guard);
            }
        )+
    };
    ($open:expr) => {
        $crate::conformance_suite!($open;
            migrating_twice_is_harmless,
            a_bundle_reads_back_exactly,
            a_reimport_changes_nothing,
            a_changed_row_is_the_only_row_written,
            a_council_scope_holds_only_that_council,
            a_council_since_a_date_leaves_out_only_unused_history,
            a_read_model_serves_packs_until_an_import_writes,
            a_failed_import_leaves_the_database_as_it_was,
            a_cqc_update_keeps_history_and_council_fields,
            an_older_cqc_file_does_not_undo_a_newer_rating,
            the_register_filters_by_council_type_and_text,
            ascof_suppression_codes_survive_a_round_trip,
            the_import_log_records_every_import,
            a_large_import_round_trips_and_reimports_as_a_no_op,
            users_are_created_found_and_updated,
            sessions_and_api_tokens_round_trip,
            sign_in_attempts_are_kept_for_throttling,
            the_audit_log_is_append_only_and_newest_first,
            decimals_read_back_bit_for_bit,
            a_location_page_reads_one_councils_records,
            a_person_record_stays_within_its_council,
            audit_entries_written_together_keep_their_order,
        );
    };
}
