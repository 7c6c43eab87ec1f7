//! `meetkg build`: reports in, store and exports out.

use super::{read_corpus_cached, report_rejections, ExitStatus};
use crate::cache::{graph_hash, Cache, Entry, Manifest};
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
    let cache = Cache::for_store(store_dir);
    let corpus = read_corpus_cached(paths, ontology, Some(&cache), quiet);
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

    // Only graphs whose quads changed are rewritten, in one transaction; a
    // rejected report keeps its previous graph (a bad edit never loses data).
    let old = cache.manifest();
    let mut manifest = Manifest::default();
    let mut changed = Vec::new();
    for report in &corpus.reports {
        if corpus.kept.contains(&report.source) {
            if let Some(entry) = old.reports.get(&report.source) {
                manifest
                    .reports
                    .insert(report.source.clone(), entry.clone());
            }
            continue;
        }
        let graph = crate::rdf::report_graph(report)
            .with_context(|| format!("mapping report {} to RDF", report.source))?;
        let hash = graph_hash(&graph);
        if old
            .reports
            .get(&report.source)
            .is_none_or(|e| e.graph != hash)
        {
            changed.push(graph);
        }
        manifest.reports.insert(
            report.source.clone(),
            Entry {
                sha256: report.sha256.clone(),
                graph: hash,
            },
        );
    }
    store
        .replace_graphs(&changed)
        .with_context(|| format!("writing the reports into the store {}", store_dir.display()))?;
    let mut keep: Vec<String> = corpus.reports.iter().map(|r| r.source.clone()).collect();
    keep.extend(
        corpus
            .rejected
            .iter()
            .filter_map(|r| r.path.file_name().map(|n| n.to_string_lossy().into_owned())),
    );
    let removed = store.remove_graphs_except(&keep).with_context(|| {
        format!(
            "dropping the graphs of removed reports from {}",
            store_dir.display()
        )
    })?;
    cache
        .put_manifest(&manifest)
        .context("recording the build in the cache")?;
    let unchanged = changed.is_empty() && removed.is_empty();
    if unchanged && crate::export::FILES.iter().all(|f| out.join(f).is_file()) {
        if !quiet {
            println!(
                "nothing changed: {} reports ({} from the cache), store {} and exports {} are up to date",
                corpus.reports.len(),
                corpus.cached,
                store_dir.display(),
                out.display()
            );
        }
        return Ok(status);
    }
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
            "{} reports extracted, {} from the cache; {} graphs rewritten, {} dropped",
            corpus.reports.len() - corpus.cached - corpus.kept.len(),
            corpus.cached,
            changed.len(),
            removed.len()
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
