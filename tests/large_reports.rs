//! Reports of archive size, fed whole to `meetkg extract`: a participant list
//! of 50,000 lines and a report of 15 MB (under the 16 MiB limit). What these
//! tests check is the output; how long they take is measured by
//! `benches/scale.sh`, never by a test. Before the extraction was made linear,
//! the first stalled a build and the second did not finish in 400 s.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;

const GIVEN: [&str; 12] = [
    "Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Karin", "Lukas",
];
/// Seventeen syllables (a prime number of them, for the code below).
const SYLLABLES: [&str; 17] = [
    "ba", "ke", "lo", "mi", "nu", "ra", "se", "to", "vi", "za", "do", "fe", "gu", "pa", "ri", "so",
    "he",
];

/// The `i`-th made-up person (no real text): a given name of the list and a
/// surname of six syllables. Surnames are the words of a Reed-Solomon code
/// over the syllables (a polynomial of degree two evaluated at six points,
/// modulo 17), so any two differ in four syllables at least: more than the
/// two typos identity resolution forgives, so every line is its own person.
fn person(i: usize) -> String {
    let k = i / GIVEN.len();
    let (a, b, c) = (k % 17, (k / 17) % 17, (k / 289) % 17);
    let mut surname: String = (0..6)
        .map(|x| SYLLABLES[(a + b * x + c * x * x) % 17])
        .collect();
    surname[..1].make_ascii_uppercase();
    format!("{} {}", GIVEN[i % GIVEN.len()], surname)
}

fn extract(path: &std::path::Path) -> Result<Value, Box<dyn std::error::Error>> {
    let out = common::meetkg()
        .arg("extract")
        .arg("--compact")
        .arg(path)
        .output()?;
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = out
        .stdout
        .split(|&b| b == b'\n')
        .find(|l| !l.is_empty())
        .ok_or("no output")?;
    Ok(serde_json::from_slice(first)?)
}

/// Every `name` of the report's people (with their aliases, whatever the key).
fn people_names(report: &Value) -> BTreeSet<String> {
    report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_participant_list_of_fifty_thousand_lines_is_extracted_whole(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut text =
        String::from("Plenary of the Example Forum\n\nDate: 14 March 2024\n\nParticipants:\n\n");
    let n = 50_000;
    for i in 0..n {
        text.push_str(&format!("- {}\n", person(i)));
    }
    text.push_str("\nThe chair closed the meeting.\n");
    let path = dir.path().join("plenary.txt");
    fs::write(&path, &text)?;
    let report = extract(&path)?;
    let names = people_names(&report);
    let expected: BTreeSet<String> = (0..n).map(person).collect();
    let found = names.intersection(&expected).count();
    // Every listed line is a person; a handful of made-up surnames may read
    // as words, but not more than one in a thousand.
    assert!(found >= n - n / 1000, "found {found} of {n} listed people");
    assert!(
        names.len() <= n + 10,
        "{} people for {n} lines",
        names.len()
    );
    Ok(())
}

#[test]
fn a_fifteen_megabyte_report_is_extracted() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut text = String::from(
        "Summary report of the Example Forum working group\n\nDate: 3 June 2024\n\nAttendees: ",
    );
    text.push_str(&(0..40).map(person).collect::<Vec<_>>().join(", "));
    text.push_str(".\n\n1. Opening\n\n");
    let mut i = 0;
    while text.len() < 15_000_000 {
        let speaker = person(i % 40);
        let other = person((i * 7 + 3) % 40);
        text.push_str(&format!(
            "{speaker} said that the working group should publish its draft on capacity \
             development before the next session, and {other} agreed with the proposal. \
             The group discussed the timeline of item {i} at some length.\n\n"
        ));
        i += 1;
    }
    let path = dir.path().join("summary.txt");
    fs::write(&path, &text)?;
    let report = extract(&path)?;
    let names = people_names(&report);
    let expected: BTreeSet<String> = (0..40).map(person).collect();
    let missing: Vec<_> = expected.difference(&names).collect();
    assert!(missing.is_empty(), "attendees not found: {missing:?}");
    Ok(())
}
