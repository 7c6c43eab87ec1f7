//! `--period` end to end: the seed reports built once, exported cut by each
//! kind of period. The topic evolution's files follow the period and state
//! each row's bounds; the other exports do not depend on it; and the export
//! stamp names the period, so a build with another period rewrites them.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use common::meetkg;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The files that depend on the period: the topic evolution's.
fn periodic(file: &str) -> bool {
    file.starts_with("topic-evolution")
}

fn read_all(dir: &Path) -> Result<BTreeMap<&'static str, Vec<u8>>> {
    meetkg::export::FILES
        .iter()
        .map(|f| Ok((*f, std::fs::read(dir.join(f))?)))
        .collect()
}

/// The rows of a CSV as maps from column to value.
fn rows(path: &Path) -> Result<Vec<BTreeMap<String, String>>> {
    let mut reader = csv::Reader::from_path(path)?;
    let header = reader.headers()?.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record?;
        out.push(
            header
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect(),
        );
    }
    Ok(out)
}

fn export(store: &Path, out: &Path, period: &str) -> Result {
    let status = meetkg()
        .args(["export", "--store"])
        .arg(store)
        .arg("--out")
        .arg(out)
        .args(["--period", period])
        .status()?;
    assert!(status.success(), "export --period {period}");
    Ok(())
}

#[test]
fn every_period_kind_states_its_bounds_and_leaves_the_other_exports_alone() -> Result {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let base = dir.path().join("year");
    let status = meetkg()
        .args(["build", "reports", "-q", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&base)
        .status()?;
    assert!(status.success());
    let year = read_all(&base)?;
    for period in ["year", "quarter", "month", "auto"] {
        let out = dir.path().join(period);
        export(&store, &out, period)?;
        let files = read_all(&out)?;
        for (f, bytes) in &files {
            if !periodic(f) {
                assert_eq!(bytes, &year[f], "{f} changed with --period {period}");
            }
        }
        let strategic = rows(&out.join("topic-evolution-strategic.csv"))?;
        assert!(!strategic.is_empty(), "{period}: no theme");
        for table in meetkg::export::evolution::TABLES {
            for row in rows(&out.join(table))? {
                let (start, end) = match (row.get("start"), row.get("end")) {
                    (Some(s), Some(e)) => (s.clone(), e.clone()),
                    _ => return Err(format!("{table} has no bounds").into()),
                };
                let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d");
                assert!(day(&start)? <= day(&end)?, "{table}: {start} > {end}");
            }
        }
        let quadrants = ["motor", "basic", "niche", "emerging-or-declining"];
        assert!(strategic
            .iter()
            .all(|r| quadrants.contains(&r["quadrant"].as_str())));
        // Each theme's period is one of the cut's, written the cut's way.
        let shaped = |p: &str| match period {
            "year" => p.len() == 4,
            "quarter" => p.len() == 7 && p.contains("-Q"),
            "month" => p.len() == 7,
            _ => p.len() == 7 || p.len() == 16,
        };
        assert!(strategic.iter().all(|r| shaped(&r["period"])), "{period}");
    }
    // The seeds span 2021 to 2024 in three years; five meetings are one
    // automatic period, whole months from October 2021 to September 2024.
    let auto = rows(&dir.path().join("auto/topic-evolution-strategic.csv"))?;
    assert!(auto
        .iter()
        .all(|r| r["period"] == "2021-10..2024-09" && r["start"] == "2021-10-01"));
    let years = rows(&base.join("topic-evolution-topics.csv"))?;
    let periods: std::collections::BTreeSet<_> =
        years.iter().map(|r| r["period"].clone()).collect();
    assert_eq!(
        periods.into_iter().collect::<Vec<_>>(),
        ["2021", "2022", "2024"]
    );
    Ok(())
}

/// A build with another period than the exports were made with rewrites
/// them, though the store did not change.
#[test]
fn a_new_period_makes_the_exports_out_of_date() -> Result {
    let dir = tempfile::tempdir()?;
    let (store, out) = (dir.path().join("store"), dir.path().join("exports"));
    let build = |period: &str| {
        meetkg()
            .args(["build", "reports", "-q", "--store"])
            .arg(&store)
            .arg("--out")
            .arg(&out)
            .args(["--period", period])
            .status()
    };
    assert!(build("year")?.success());
    let before = std::fs::read(out.join("topic-evolution-strategic.csv"))?;
    assert!(build("quarter")?.success());
    let after = std::fs::read(out.join("topic-evolution-strategic.csv"))?;
    assert_ne!(before, after);
    assert!(String::from_utf8(after)?.contains("-Q"));
    Ok(())
}
