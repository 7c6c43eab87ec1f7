//! Snapshots of `meetkg extract` on every fixture: each change in what is
//! taken out of a record, and why (evidence and its cues), shows in review as
//! a diff of `tests/snapshots/`. Accept a wanted change with `cargo insta
//! review` or `INSTA_UPDATE=always cargo test --test snapshots`.

mod common;

use common::{meetkg, root};

#[test]
fn extract_json_of_each_fixture() {
    let mut fixtures: Vec<_> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("tests/fixtures is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 25, "the fixtures are there");
    let out = meetkg()
        .arg("extract")
        .arg("--quiet")
        .args(&fixtures)
        .output()
        .expect("meetkg runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 JSON");
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    for report in &reports {
        let source = report["source"].as_str().expect("a source").to_owned();
        let name = source.trim_end_matches(".txt").to_owned();
        let pretty = serde_json::to_string_pretty(report).expect("JSON");
        insta::assert_snapshot!(name, pretty);
    }
    // A record the extraction rejects has no snapshot; all are records here
    // but one, which says so in its name.
    assert!(reports.len() + 1 >= fixtures.len());
}
