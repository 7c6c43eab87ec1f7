//! What a report's extraction must keep in any format: `meetkg extract` of a
//! folder read back by file stem, the people, topics, agenda and date
//! compared across formats, and the gold's scores held to the text's
//! (`tests/pdf.rs`, `tests/office.rs`, `tests/formats.rs`).

use super::meetkg;
use super::score::score;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `meetkg extract dir`: each report's JSON by its file stem.
pub fn extract(dir: &Path) -> Result<BTreeMap<String, Value>> {
    let out = meetkg().arg("extract").arg(dir).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "extract {}: {stderr}",
        dir.display()
    );
    let mut reports = BTreeMap::new();
    for line in String::from_utf8(out.stdout)?.lines() {
        let v: Value = serde_json::from_str(line)?;
        let source = v["source"].as_str().ok_or("no source")?;
        // A mail is known by its Message-ID, `{stem}@…`.
        let stem = match source.strip_prefix("mid:") {
            Some(id) => id.split('@').next().unwrap_or(id).to_owned(),
            None => Path::new(source)
                .file_stem()
                .ok_or("no stem")?
                .to_string_lossy()
                .into_owned(),
        };
        reports.insert(stem, v);
    }
    Ok(reports)
}

pub fn names(v: &Value, list: &str, key: &str) -> BTreeSet<String> {
    v[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x[key].as_str().map(str::to_owned))
        .collect()
}

/// What must come out the same: people, topics, agenda titles, the date.
pub type Essentials = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>, Value);

pub fn essentials(v: &Value) -> Essentials {
    (
        names(v, "people", "name"),
        names(v, "topics", "label"),
        names(v, "agenda", "title"),
        v["meeting"]["date"].clone(),
    )
}

/// Where `got` (a document's extraction) names other people, topics,
/// agenda items or date than `text` (its text's), but where the document
/// agrees with the gold `gold` and the text does not: that is the text
/// reader's mistake, not the document reader's.
pub fn differences(text: &Essentials, got: &Essentials, gold: &Essentials) -> Option<String> {
    let wrong = |a: &BTreeSet<String>, b: &BTreeSet<String>, g: &BTreeSet<String>| {
        a.difference(b).any(|x| g.contains(x)) || b.difference(a).any(|x| !g.contains(x))
    };
    let (a, b) = (text, got);
    let differ = wrong(&a.0, &b.0, &gold.0)
        || wrong(&a.1, &b.1, &gold.1)
        || wrong(&a.2, &b.2, &gold.2)
        || a.3 != b.3;
    differ.then(|| {
        format!(
            "people only in text {:?}, only in the document {:?}; topics only in text {:?}, \
             only in the document {:?}; agenda only in text {:?}, only in the document {:?}; \
             date {} / {}",
            a.0.difference(&b.0).collect::<Vec<_>>(),
            b.0.difference(&a.0).collect::<Vec<_>>(),
            a.1.difference(&b.1).collect::<Vec<_>>(),
            b.1.difference(&a.1).collect::<Vec<_>>(),
            a.2.difference(&b.2).collect::<Vec<_>>(),
            b.2.difference(&a.2).collect::<Vec<_>>(),
            a.3,
            b.3
        )
    })
}

/// The reports of `dir/txt` (`{stem}.txt`) and the same reports in each of
/// `formats` (`dir/{format}/{stem}.*`) extract alike: each document names
/// the people, topics, agenda and date its text does (see
/// [`differences`]), and each field of the gold in `gold_dir`
/// (`{stem}.json`) scores within 0.02 F1 of the text's, or better (a list
/// numbered on past a blank line is one list in a document, which the
/// text's reader can take for agenda items). Prints each format's scores;
/// panics naming every failure. Returns how many reports.
pub fn score_as_their_text(dir: &Path, gold_dir: &Path, formats: &[&str]) -> Result<usize> {
    let text = extract(&dir.join("txt"))?;
    let mut gold = BTreeMap::new();
    for stem in text.keys() {
        let g = std::fs::read_to_string(gold_dir.join(format!("{stem}.json")))?;
        gold.insert(format!("{stem}.txt"), serde_json::from_str::<Value>(&g)?);
    }
    // Scored as the .txt it was made from, so the gold's keys match.
    let as_txt = |reports: &BTreeMap<String, Value>| -> BTreeMap<String, Value> {
        reports
            .iter()
            .map(|(stem, v)| {
                let mut v = v.clone();
                v["source"] = Value::from(format!("{stem}.txt"));
                (format!("{stem}.txt"), v)
            })
            .collect()
    };
    let (want, _) = score(&gold, &as_txt(&text));
    eprintln!("txt: {want:.3?}");
    let mut failures = Vec::new();
    for format in formats {
        let got = extract(&dir.join(format))?;
        for (stem, report) in &text {
            let g = essentials(&gold[&format!("{stem}.txt")]);
            let b = got.get(stem).map(essentials).unwrap_or_default();
            if let Some(d) = differences(&essentials(report), &b, &g) {
                failures.push(format!("{format} {stem}: {d}"));
            }
        }
        let (scores, _) = score(&gold, &as_txt(&got));
        eprintln!("{format}: {scores:.3?}");
        for (field, f1) in &want {
            let other = scores.get(field).copied().unwrap_or(0.0);
            if other + 0.02 + 1e-9 < *f1 {
                failures.push(format!("{format} {field}: {other:.3}, text {f1:.3}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(text.len())
}
