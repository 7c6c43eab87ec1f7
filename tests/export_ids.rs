//! Node ids in the exports are derived from IRIs, not positions: an archive
//! grown by one report keeps the id of every node it had (issue 22, item 7).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

use common::{meetkg, root};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Builds the seed reports but those in `left_out` into `dir/store`, in place
/// (so the second build is incremental, as an archive grows), exporting to `out`.
fn build(dir: &Path, left_out: &[&str], out: &str) -> Result<PathBuf> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports)?;
    for entry in std::fs::read_dir(root().join("reports"))? {
        let p = entry?.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !left_out.iter().any(|l| name.starts_with(l)) {
            std::fs::copy(&p, reports.join(name))?;
        }
    }
    let out = dir.join(out);
    let status = meetkg()
        .arg("build")
        .arg(&reports)
        .arg("--store")
        .arg(dir.join("store"))
        .arg("--out")
        .arg(&out)
        .status()?;
    assert!(status.success(), "build failed");
    Ok(out)
}

/// The nodes CSV as (iri → (position, Id)).
fn ids(csv_path: &Path) -> Result<BTreeMap<String, (usize, String)>> {
    let mut reader = csv::Reader::from_path(csv_path)?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(id), Some(iri)) = (col("Id"), col("iri")) else {
        return Err(format!("{}: no Id or iri column", csv_path.display()).into());
    };
    let mut out = BTreeMap::new();
    for (position, record) in reader.records().enumerate() {
        let record = record?;
        out.insert(record[iri].to_owned(), (position, record[id].to_owned()));
    }
    Ok(out)
}

/// The GraphML node ids in file order, read by a real XML parser.
fn graphml_ids(path: &Path) -> Result<Vec<String>> {
    let xml = std::fs::read_to_string(path)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event()? {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"node" => {
                if let Some(a) = e.try_get_attribute("id")? {
                    out.push(a.unescape_value()?.into_owned());
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[test]
fn a_grown_archive_keeps_every_old_node_id() -> Result {
    let dir = tempfile::tempdir()?;
    // 002 brings ten people and fifteen topics, several sorting before old
    // ones: their positions move, which positional ids (`n0`...) did not survive.
    let before = build(dir.path(), &["002_"], "before")?;
    let after = build(dir.path(), &[], "after")?;
    for graph in ["coparticipation", "topics"] {
        let old = ids(&before.join(format!("{graph}-nodes.csv")))?;
        let new = ids(&after.join(format!("{graph}-nodes.csv")))?;
        assert!(
            new.len() > old.len(),
            "{graph}: the new report added no node"
        );
        let mut kept = 0;
        let mut moved = 0;
        for (iri, (position, id)) in &old {
            let Some((new_position, new_id)) = new.get(iri) else {
                continue;
            };
            assert_eq!(id, new_id, "{graph}: {iri} changed its id");
            kept += 1;
            moved += usize::from(position != new_position);
        }
        assert!(
            kept * 2 > old.len(),
            "{graph}: most old nodes are still there"
        );
        assert!(moved > 0, "{graph}: no node moved, the test proves nothing");
        // The GraphML names the nodes as the CSV does, in both builds.
        for (out, table) in [(&before, &old), (&after, &new)] {
            let mut from_csv: Vec<&str> = table.values().map(|(_, id)| id.as_str()).collect();
            let mut from_xml = graphml_ids(&out.join(format!("{graph}.graphml")))?;
            from_csv.sort_unstable();
            from_xml.sort_unstable();
            assert_eq!(from_csv, from_xml, "{graph}: GraphML and CSV ids differ");
        }
    }
    Ok(())
}
