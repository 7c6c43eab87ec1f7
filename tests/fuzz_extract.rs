//! Fuzzing the extractor on stable Rust: no input may panic it, and every
//! evidence's offsets slice the report to exactly the evidence's text.
//!
//! Inputs are made of the pieces records are made of (names, labels,
//! list markers, dates, parentheses, transcript marks, odd Unicode) in random
//! order, so the rules are reached, not only the tokenizer. The normal test
//! run tries a few hundred inputs; `MEETKG_FUZZ_SECONDS=600 cargo test
//! --test fuzz_extract -- --nocapture` runs for ten minutes and prints how
//! many inputs it tried.

use meetkg::extract::{Extraction, Extractor};
use meetkg::ingest::Document;
use meetkg::model::Evidence;
use meetkg::ontology::Ontology;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::time::{Duration, Instant};

const PIECES: &[&str] = &[
    "Ana Silva",
    "MARKUS KUMMER",
    "Remco van Mook",
    "Lynn St. Amour",
    "Glen de Saint G\u{FFFD}ry",
    "Dr.",
    "Ms.",
    "H.E.",
    "Jordan",
    "March",
    "Frank",
    "plh",
    "fantasai",
    "Q",
    "Chair",
    "Present",
    "Apologies",
    "Regrets",
    "Absent",
    "Attendees",
    "Participants",
    "Panel",
    "Staff",
    ":",
    ": ",
    ",",
    ", ",
    ";",
    " and ",
    " y ",
    " & ",
    " - ",
    " – ",
    " / ",
    "(",
    ")",
    "[",
    "]",
    "(ICANN)",
    "(apologies)",
    "absent, apologies",
    ">>",
    ">> ",
    "<",
    ">",
    "<nick> ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    "  • ",
    "- ",
    "1. ",
    "a) ",
    "(ii) ",
    "|",
    " | ",
    "---",
    "***",
    "12:30",
    "[00:01:27] ",
    "14:00 UTC",
    "24-25 June 2024",
    "May 4-8, 2015",
    "24 de abril de 2003",
    "Revision as of",
    "next meeting",
    "said",
    "noted that",
    "asked",
    "This is ",
    "I'm ",
    "The following Trustees were present: ",
    "Board members present",
    "From: ",
    "Subject: ",
    "Agenda",
    "Minutes",
    "Meeting",
    "IGF",
    "Internet Society",
    "é",
    "ß",
    "İ",
    "\u{a0}",
    "\u{200b}",
    "\u{fffd}",
    "日本",
    "🙂",
    "'s",
    "’",
    "\"",
    ".",
    "!",
    "?",
    "...",
    "St.",
    "e.g.",
    "No.",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => "[A-Za-z\u{e0}-\u{ff}]{1,12}",
        1 => "[ -~]{0,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn report() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// Every evidence of an extraction, people's, organisations' and topics'.
fn evidence(out: &Extraction) -> impl Iterator<Item = &Evidence> {
    out.mentions
        .iter()
        .map(|m| &m.evidence)
        .chain(out.organisations.iter().flat_map(|o| &o.evidence))
        .chain(out.topics.iter().flat_map(|t| &t.evidence))
}

fn check(ex: &Extractor, text: &str) -> Result<(), TestCaseError> {
    let doc = Document {
        source: "fuzz.txt".into(),
        path: "fuzz.txt".into(),
        text: text.to_owned(),
        sha256: String::new(),
        places: Default::default(),
    };
    // Not a report is a fine answer; a panic is not (proptest reports it).
    let Ok(out) = ex.extract(&doc) else {
        return Ok(());
    };
    let chars: Vec<char> = text.chars().collect();
    for e in evidence(&out) {
        prop_assert!(
            e.start <= e.end && e.end <= chars.len(),
            "offsets {}..{} out of the text",
            e.start,
            e.end
        );
        let slice: String = chars[e.start..e.end].iter().collect();
        prop_assert_eq!(&slice, &e.text, "offsets {}..{}", e.start, e.end);
    }
    Ok(())
}

#[test]
fn the_extractor_never_panics_and_its_evidence_slices_the_report() {
    let ontology = Ontology::embedded().expect("the embedded ontology loads");
    let ex = Extractor::new(&ontology);
    let seconds: u64 = std::env::var("MEETKG_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0u64;
    loop {
        let batch = if seconds == 0 { 300 } else { 1000 };
        let mut runner = TestRunner::new(Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&report(), |text| check(&ex, &text)) {
            panic!("{e}");
        }
        cases += u64::from(batch);
        if Instant::now() >= deadline {
            break;
        }
    }
    println!("fuzz: {cases} inputs, no panic, every evidence slices the report");
}
