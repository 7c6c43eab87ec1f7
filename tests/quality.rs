//! Extraction quality against the hand-made gold annotations of `reports/`
//! (copied from the project's shared gold data into `tests/gold/`), scored the
//! way the reference scorer does, with bounds that fail the test when missed.

mod common;

use common::score::score;
use meetkg::ontology::Ontology;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn load_gold(dir: &Path) -> Result<BTreeMap<String, Value>, Box<dyn std::error::Error>> {
    let mut gold = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_json = path.extension().is_some_and(|e| e == "json");
        if is_json && path.file_name().is_some_and(|n| n != "people.json") {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            let src = v
                .get("source")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            gold.insert(src, v);
        }
    }
    Ok(gold)
}

fn predict(paths: &[PathBuf]) -> Result<BTreeMap<String, Value>, Box<dyn std::error::Error>> {
    let ontology = Ontology::embedded()?;
    let corpus = meetkg::corpus::read(paths, &ontology, &|_| {});
    assert!(
        corpus.rejected.is_empty(),
        "rejected: {:?}",
        corpus.rejected
    );
    let mut out = BTreeMap::new();
    for r in corpus.reports {
        out.insert(r.source.clone(), serde_json::to_value(&r)?);
    }
    Ok(out)
}

fn check(results: &BTreeMap<String, f64>, notes: &[String], bounds: &[(&str, f64)]) {
    let mut failed = Vec::new();
    for (field, bound) in bounds {
        let got = results.get(*field).copied().unwrap_or(0.0);
        if got + 1e-9 < *bound {
            failed.push(format!("{field} {got:.3} < {bound}"));
        }
    }
    eprintln!("scores: {results:.3?}");
    if std::env::var_os("MEETKG_SCORE_NOTES").is_some() {
        eprintln!("{}", notes.join("\n"));
    }
    assert!(
        failed.is_empty(),
        "below bound: {}\n{}",
        failed.join("; "),
        notes.join("\n")
    );
}

const MEETING: [&str; 7] = [
    "meeting.series",
    "meeting.number",
    "meeting.date",
    "meeting.start_time_utc",
    "meeting.moderators",
    "meeting.hosts",
    "meeting.next_meeting_date",
];

#[test]
fn seed_reports_reach_the_gold_bounds() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&root.join("tests/gold"))?;
    assert_eq!(gold.len(), 5, "the five gold files are test data");
    let pred = predict(&[root.join("reports")])?;
    let (results, notes) = score(&gold, &pred);
    // The bars of the extraction-quality issue (stricter than the end-to-end one).
    let mut bounds = vec![
        ("people", 0.97),
        ("spoke", 0.95),
        ("listed", 1.0),
        ("affiliations", 0.90),
        ("organisations", 0.93),
        ("topics", 0.80),
        ("agenda", 0.95),
        ("identity", 0.97),
    ];
    bounds.extend(MEETING.iter().map(|m| (*m, 1.0)));
    check(&results, &notes, &bounds);
    Ok(())
}

/// Invented records in other layouts (PDF text, Word Markdown, tables, numbered
/// paragraphs, captioning transcripts, other IGF bodies): the extraction must
/// generalise beyond the five seed reports.
#[test]
fn varied_fixtures_reach_their_bounds() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures");
    let gold = load_gold(&dir)?;
    assert!(gold.len() >= 25, "the fixtures are test data");
    let pred = predict(&[dir])?;
    let (results, notes) = score(&gold, &pred);
    let mut bounds = vec![
        ("people", 0.95),
        ("spoke", 0.95),
        ("listed", 0.95),
        ("affiliations", 0.90),
        ("organisations", 0.90),
        ("topics", 0.55),
        ("agenda", 0.95),
        ("identity", 0.95),
    ];
    // Six of the fixtures were written by someone who had not seen the
    // extractor, and the last three were kept after the rules were fixed
    // for what generalises: their remaining misses are in these figures.
    bounds.extend(MEETING.iter().map(|m| (*m, 0.90)));
    check(&results, &notes, &bounds);
    Ok(())
}
