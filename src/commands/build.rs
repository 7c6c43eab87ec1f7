//! `meetkg build`: reports in, store and exports out.
//!
//! A build is one commit: it writes a new store generation (see
//! [`crate::generations`]) with its manifest, switches the store path to it in
//! one rename, and only then writes the exports, stamped with that generation.
//! Killed anywhere, it leaves the previous build whole for readers and for the
//! next build, which redoes what is missing.

use super::{read_corpus_cached, report_rejections, ExitStatus};
use crate::cache::{report_hash, Cache, Entry, Manifest};
use crate::generations::{Generation, Generations};
use crate::model::Report;
use crate::ontology::Ontology;
use crate::rdf::{RdfError, ReportGraph};
use crate::store::{BulkLoadError, Store};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Reports mapped to RDF at once, in parallel, before their quads go to the
/// store: what bounds the memory of writing, whatever the size of the corpus.
const CHUNK: usize = 256;

/// Memory for Oxigraph's bulk loader, in megabytes.
const BULK_LOADER_MB: usize = 256;

pub fn run(
    paths: &[PathBuf],
    store_dir: &Path,
    out: &Path,
    ontology: &Ontology,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    let generations = Generations::new(store_dir);
    let _lock = generations.lock_for_build()?;
    let current = generations
        .current()
        .with_context(|| format!("reading the store {}", store_dir.display()))?;
    let old = current
        .as_ref()
        .map(Generation::read_manifest)
        .unwrap_or_default();
    // A path that is missing or holds no report is an error that changes
    // nothing: a typo in a cron line must not drop the reports of a folder.
    let (_, path_errors) = crate::corpus::report_files(paths);
    if let Some(bad) = path_errors.iter().find(|r| r.is_bad_path()) {
        return Err(BadPath(crate::error_chain(&bad.error)).into());
    }
    let cache = Cache::for_store(store_dir);
    let corpus = read_corpus_cached(paths, ontology, Some((&cache, &old)), quiet);
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

    // What this build's store holds: every report read, and a rejected report's
    // previous graph (a bad edit never loses data).
    let hashes: Vec<String> = corpus.reports.par_iter().map(report_hash).collect();
    let mut manifest = Manifest::default();
    let mut changed: Vec<&Report> = Vec::new();
    for (report, hash) in corpus.reports.iter().zip(hashes) {
        if corpus.kept.contains(&report.source) {
            if let Some(entry) = old.reports.get(&report.source) {
                manifest
                    .reports
                    .insert(report.source.clone(), entry.clone());
            }
            continue;
        }
        if old
            .reports
            .get(&report.source)
            .is_none_or(|e| e.graph != hash)
        {
            changed.push(report);
        }
        manifest.reports.insert(
            report.source.clone(),
            Entry {
                sha256: report.sha256.clone(),
                graph: hash,
            },
        );
    }
    let rejected_names: BTreeSet<String> = corpus
        .rejected
        .iter()
        .filter_map(|r| r.source.clone())
        .collect();
    // A rejected report whose last good extraction is gone (a deleted cache)
    // still keeps its graph: the store is copied, not rebuilt, and the graph
    // stays with its manifest entry.
    let mut preserved = 0;
    for name in &rejected_names {
        if let Some(entry) = old.reports.get(name) {
            if !manifest.reports.contains_key(name) {
                manifest.reports.insert(name.clone(), entry.clone());
                preserved += 1;
            }
        }
    }
    let removed: Vec<&String> = old
        .reports
        .keys()
        .filter(|s| !manifest.reports.contains_key(*s))
        .collect();

    let reuse = if changed.is_empty() && removed.is_empty() {
        current.clone()
    } else {
        None
    };
    let generation = match reuse {
        Some(g) => g,
        None => {
            let bar = progress_bar(quiet, changed.len());
            let plan = Plan {
                changed: &changed,
                removed: &removed,
                manifest: &manifest,
                must_copy: preserved > 0,
            };
            let g = write_generation(&generations, current.as_ref(), &corpus.reports, &plan, &bar)?;
            bar.finish_and_clear();
            generations.remove_unused();
            g
        }
    };
    let unchanged = changed.is_empty() && removed.is_empty();
    if unchanged && crate::export::up_to_date(out, &generation.id) {
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
    let store = Store::open_read_only(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))?;
    let written = crate::export::write_all_stamped(&store, out, store.generation())
        .with_context(|| format!("writing the exports to {}", out.display()))?;

    let people: BTreeSet<&str> = corpus
        .reports
        .iter()
        .flat_map(|r| r.people.iter().map(|p| p.name.as_str()))
        .collect();
    let orgs: BTreeSet<&str> = corpus
        .reports
        .iter()
        .flat_map(|r| r.organisations.iter().map(|o| o.name.as_str()))
        .collect();
    let topics: BTreeSet<&str> = corpus
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

/// What a build changes in the store.
struct Plan<'a> {
    /// Reports whose graph is new or differs from the current generation's.
    changed: &'a [&'a Report],
    /// Reports of the current generation that are gone.
    removed: &'a [&'a String],
    /// The new generation's manifest.
    manifest: &'a Manifest,
    /// The current generation must be copied, not rebuilt: it holds a graph
    /// (of a rejected report) that this build cannot make again.
    must_copy: bool,
}

/// Writes and commits the next generation of the store.
///
/// From scratch through the bulk loader when there is no current generation or
/// most reports changed; otherwise a copy of the current generation (hard
/// links) with the changed graphs replaced and the removed ones dropped, in
/// transactions of [`CHUNK`] reports. Either way the store is flushed before
/// the commit, so readers open it without replaying a log.
fn write_generation(
    generations: &Generations,
    current: Option<&Generation>,
    reports: &[Report],
    plan: &Plan<'_>,
    bar: &ProgressBar,
) -> anyhow::Result<Generation> {
    let Plan {
        changed,
        removed,
        manifest,
        must_copy,
    } = *plan;
    let store_dir = generations.store();
    let context = || format!("writing the store {}", store_dir.display());
    let new = generations.begin().with_context(context)?;
    let incremental =
        current.filter(|_| must_copy || (changed.len() + removed.len()) * 4 < reports.len());
    let store_guard = if let Some(current) = incremental {
        new.copy_store_from(&current.db).with_context(context)?;
        let store = Store::open(new.db()).with_context(context)?;
        for chunk in changed.chunks(CHUNK) {
            let graphs = map_all(chunk)?;
            store.replace_graphs(&graphs).with_context(context)?;
            bar.inc(chunk.len() as u64);
        }
        let keep: Vec<&String> = manifest.reports.keys().collect();
        if !removed.is_empty() {
            store.remove_graphs_except(&keep).with_context(context)?;
        }
        store.flush_and_compact(false).with_context(context)?;
        store
    } else {
        bar.set_length(reports.len() as u64);
        let store = Store::open(new.db()).with_context(context)?;
        let chunks = reports.chunks(CHUNK).map(|chunk| {
            chunk
                .par_iter()
                .map(|r| crate::rdf::report_graph(r).map_err(|e| MapError(r.source.clone(), e)))
                .collect::<Result<Vec<ReportGraph>, MapError>>()
        });
        let graphs = chunks.flat_map(|c| match c {
            Ok(graphs) => graphs.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        });
        store
            .bulk_load(graphs, BULK_LOADER_MB, &mut |_| bar.inc(1))
            .map_err(|e| match e {
                BulkLoadError::Source(e) => {
                    anyhow::Error::new(e.1).context(format!("mapping report {} to RDF", e.0))
                }
                BulkLoadError::Store(e) => anyhow::Error::new(e),
            })
            .with_context(context)?;
        bar.set_message("compacting the store");
        store.flush_and_compact(true).with_context(context)?;
        store
    };
    // Closed before the commit: a committed generation is never open for writing.
    drop(store_guard);
    crate::failpoint::check("store-written");
    let committed = new.commit(generations, manifest).with_context(context)?;
    crate::failpoint::check("committed");
    Ok(committed)
}

/// A path given to `build` that is missing, unreadable or holds no report.
#[derive(Debug, thiserror::Error)]
#[error("{0}; nothing was built, the store and the exports are unchanged")]
struct BadPath(String);

/// A report that could not be mapped to RDF.
#[derive(Debug)]
struct MapError(String, RdfError);

fn map_all(reports: &[&Report]) -> anyhow::Result<Vec<ReportGraph>> {
    reports
        .par_iter()
        .map(|r| {
            crate::rdf::report_graph(r)
                .with_context(|| format!("mapping report {} to RDF", r.source))
        })
        .collect()
}

fn progress_bar(quiet: bool, len: usize) -> ProgressBar {
    let bar = ProgressBar::hidden();
    if !quiet && std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
    }
    bar.set_length(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} writing the store {pos}/{len} reports {wide_bar} {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
