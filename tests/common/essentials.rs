//! What a report's extraction must keep in any format: `meetkg extract` of a
//! folder read back by file stem, and the people, topics, agenda and date
//! compared across formats (`tests/pdf.rs`, `tests/office.rs`).

use super::meetkg;
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
        let stem = Path::new(source)
            .file_stem()
            .ok_or("no stem")?
            .to_string_lossy()
            .into_owned();
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
