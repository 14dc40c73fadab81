//! A process killed in the middle of an import leaves no partial data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

#[test]
fn killing_an_import_mid_write_leaves_the_database_as_it_was() {
    let db = sqlite();
    let bundle = db.dir.path().join("bundle");
    ok(
        &db.url,
        &[
            "generate",
            "--profile",
            "national",
            "--seed",
            "7",
            "--scale",
            "0.03",
            "--out",
            bundle.to_str().unwrap(),
        ],
    );
    ok(
        &db.url,
        &[
            "import",
            "cqc-api",
            data().join("cqc/api_oldham").to_str().unwrap(),
        ],
    );
    let before = counts(&db.url);
    let mut child = Command::new(env!("CARGO_BIN_EXE_continuum"))
        .args([
            "--database",
            &db.url,
            "--log",
            "info",
            "import",
            "bundle",
            bundle.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import says it is writing, then kill it without warning.
    let stderr = child.stderr.take().unwrap();
    let mut saw_writing = false;
    for line in BufReader::new(stderr).lines() {
        if line.unwrap().contains("writing") {
            saw_writing = true;
            break;
        }
    }
    assert!(saw_writing, "the import never started writing");
    std::thread::sleep(Duration::from_millis(300));
    let finished_already = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !finished_already,
        "the import finished before it could be killed; make the bundle bigger"
    );
    assert_eq!(
        counts(&db.url),
        before,
        "a killed import must leave no rows behind"
    );
    // And the database still works: the same import now completes.
    ok(&db.url, &["import", "bundle", bundle.to_str().unwrap()]);
    assert!(
        counts(&db.url)
            .iter()
            .find(|(t, _)| t == "people")
            .unwrap()
            .1
            > 0
    );
}
