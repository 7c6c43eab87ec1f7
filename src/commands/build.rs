//! `meetkg build`: reports in, store and exports out.

use super::{read_corpus, report_rejections, ExitStatus};
use crate::ontology::Ontology;
use crate::store::Store;
use anyhow::Context;
use std::path::{Path, PathBuf};

pub fn run(
    paths: &[PathBuf],
    store_dir: &Path,
    out: &Path,
    ontology: &Ontology,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    let corpus = read_corpus(paths, ontology, quiet);
    let status = report_rejections(&corpus);
    if corpus.reports.is_empty() {
        anyhow::bail!(
            "no report could be read from {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let store = Store::open(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))?;
    store
        .replace_reports(&corpus.reports)
        .with_context(|| format!("writing the reports into the store {}", store_dir.display()))?;
    // Rejected files keep their previous graph: a bad edit never loses data.
    let mut keep: Vec<String> = corpus.reports.iter().map(|r| r.source.clone()).collect();
    keep.extend(
        corpus
            .rejected
            .iter()
            .filter_map(|r| r.path.file_name().map(|n| n.to_string_lossy().into_owned())),
    );
    store.remove_graphs_except(&keep).with_context(|| {
        format!(
            "dropping the graphs of removed reports from {}",
            store_dir.display()
        )
    })?;
    let written = crate::export::write_all(&store, out)
        .with_context(|| format!("writing the exports to {}", out.display()))?;

    let people: std::collections::BTreeSet<&str> = corpus
        .reports
        .iter()
        .flat_map(|r| r.people.iter().map(|p| p.name.as_str()))
        .collect();
    let orgs: std::collections::BTreeSet<&str> = corpus
        .reports
        .iter()
        .flat_map(|r| r.organisations.iter().map(|o| o.name.as_str()))
        .collect();
    let topics: std::collections::BTreeSet<&str> = corpus
        .reports
        .iter()
        .flat_map(|r| r.topics.iter().map(|t| t.name.as_str()))
        .collect();
    let triples = store.len().context("counting the store's quads")?;
    if !quiet {
        println!(
            "{} reports ({} rejected), {} meetings, {} people, {} organisations, {} topics, {} triples in {}",
            corpus.reports.len(),
            corpus.rejected.len(),
            corpus.reports.len(),
            people.len(),
            orgs.len(),
            topics.len(),
            triples,
            store_dir.display()
        );
        println!(
            "wrote {}",
            written
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(status)
}
