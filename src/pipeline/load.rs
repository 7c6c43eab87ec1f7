//! Writing a generation's store: every report through Oxigraph's bulk loader
//! (from scratch), or the changed graphs replaced in a hard-linked copy of the
//! current generation; either way flushed before the commit, so readers open it
//! without replaying a log.
//!
//! Memory is bounded by a chunk of reports, not by the archive: the reports
//! are read back from the extraction cache [`CHUNK`] at a time, resolved and
//! mapped to RDF in parallel, and handed to the store.

use super::clock::{Stopwatch, ThreadCpu};
use super::outcome::{BuildError, Event};
use super::plan::{graph_hash, Plan};
use crate::cache::Cache;
use crate::corpus::Streamed;
use crate::generations::{Entry, Manifest, NewGeneration};
use crate::graph::kept::{self, GraphFacts};
use crate::model::Report;
use crate::rdf::ReportGraph;
use crate::store::{BulkLoadError, Store, StoreError};
use rayon::prelude::*;
use std::path::Path;

/// Where the per-report stages of writing a store spend their time, for the
/// `-v` log: CPU time of the threads that ran them, summed.
#[derive(Debug, Default)]
struct Clocks {
    /// Reading a report's extraction back from the cache and resolving its
    /// names to identities.
    read_resolve: ThreadCpu,
    /// Mapping the resolved report to RDF quads.
    map: ThreadCpu,
}

/// Reports read back and mapped to RDF at once, in parallel, before their
/// quads go to the store: what bounds the memory of writing.
pub const CHUNK: usize = 256;

/// Memory for Oxigraph's bulk loader, in megabytes.
const BULK_LOADER_MB: usize = 256;

/// One report of the corpus, resolved and mapped to RDF.
struct Mapped {
    /// Its index in the corpus.
    i: usize,
    report: Report,
    graph: ReportGraph,
    /// Its [`graph_hash`], computed here, in parallel, rather than on the one
    /// thread that feeds the store (a copied generation's changed reports
    /// are few, so the hash it does not need costs little).
    hash: String,
    /// What the exports read of its graph, kept beside the store
    /// ([`crate::graph::kept`]).
    facts: Option<GraphFacts>,
}

/// The `indices` reports of `corpus`, [`CHUNK`] at a time, resolved, mapped
/// and hashed in parallel.
fn resolved_chunks<'a>(
    corpus: &'a Streamed,
    cache: &'a Cache,
    indices: &'a [usize],
    clocks: &'a Clocks,
) -> impl Iterator<Item = Result<Vec<Mapped>, BuildError>> + 'a {
    indices.chunks(CHUNK).map(move |chunk| {
        chunk
            .par_iter()
            .map(|&i| {
                let report = clocks
                    .read_resolve
                    .time(|| corpus.report(i, cache))
                    .map_err(BuildError::Cache)?;
                let graph = clocks
                    .map
                    .time(|| crate::rdf::report_graph(&report))
                    .map_err(|source| BuildError::Rdf {
                        report: report.source.clone(),
                        source,
                    })?;
                let hash = graph_hash(corpus, i);
                let facts = GraphFacts::of(&graph.quads);
                Ok(Mapped {
                    i,
                    report,
                    graph,
                    hash,
                    facts,
                })
            })
            .collect()
    })
}

/// The manifest entry of a report whose graph is written now, read from
/// `file` when its identity is not the file's.
fn entry(mapped: &Mapped, file: &str) -> Entry {
    Entry {
        sha256: mapped.report.sha256.clone(),
        graph: mapped.hash.clone(),
        quads: mapped.graph.quads.len() as u64,
        file: file.to_owned(),
    }
}

fn store_error<'a>(
    action: &'static str,
    db: &'a Path,
) -> impl FnOnce(StoreError) -> BuildError + 'a {
    move |source| BuildError::Store {
        action,
        path: db.to_path_buf(),
        source,
    }
}

/// Writes every report of `corpus` into a new store at `db` through the bulk
/// loader, then flushes and compacts it. The manifest gets every report's
/// entry.
pub fn bulk_load(
    db: &Path,
    corpus: &Streamed,
    cache: &Cache,
    old: &Manifest,
    manifest: &mut Manifest,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<(), BuildError> {
    let store = Store::open(db).map_err(store_error("creating", db))?;
    let all: Vec<usize> = (0..corpus.entries.len()).collect();
    let mut failed = None;
    let clocks = Clocks::default();
    let mut watch = Stopwatch::start();
    let mut facts = kept::Writer::create(&cache.export_facts());
    let graphs = resolved_chunks(corpus, cache, &all, &clocks)
        .map_while(|chunk| match chunk {
            Ok(chunk) => Some(chunk),
            Err(e) => {
                failed = Some(e);
                None
            }
        })
        .flatten()
        .map(|mapped| {
            let i = mapped.i;
            let (source, file) = (&corpus.entries[i].source, &corpus.entries[i].file);
            // A rejected report standing in with its last good extraction
            // keeps its manifest entry (its file is not the one extracted).
            let e = match old.reports.get(source) {
                Some(e) if corpus.kept.contains(source) => Entry {
                    quads: mapped.graph.quads.len() as u64,
                    ..e.clone()
                },
                _ => entry(&mapped, file),
            };
            facts.graph(&e.graph, mapped.facts.as_ref());
            manifest.reports.insert(source.clone(), e);
            progress(Event::Wrote(1));
            Ok::<_, std::convert::Infallible>(mapped.graph)
        });
    let loaded = store.bulk_load(graphs, BULK_LOADER_MB, &mut |_| {});
    if let Some(e) = failed {
        return Err(e);
    }
    let loaded = loaded.map_err(|e| match e {
        BulkLoadError::Source(never) => match never {},
        BulkLoadError::Store(e) => store_error("loading", db)(e),
    })?;
    facts.finish();
    log::info!(
        "loaded {} quads of {} reports and their merge ({} triples given to the default graph): {}; \
         of which read back and resolved {:.2?}, mapped to RDF {:.2?} (CPU of the threads); {}",
        loaded.quads,
        all.len(),
        loaded.merged,
        watch.lap(),
        clocks.read_resolve.total(),
        clocks.map.total(),
        loaded.timings,
    );
    progress(Event::Compacting);
    // The compaction the ingested files need is paid here or below: the flush
    // waits for the compactions their ingestion started, if it started any,
    // and the explicit one does the rest. The two lines together are its cost.
    store
        .flush_and_compact(false)
        .map_err(store_error("flushing", db))?;
    log::info!("flushed the store: {}", watch.lap());
    store
        .flush_and_compact(true)
        .map_err(store_error("compacting", db))?;
    log::info!("compacted the store: {}", watch.lap());
    Ok(())
}

/// Fills `new` from a copy of the current generation's store at `current`
/// (hard links), with the changed graphs of `plan` replaced in transactions of
/// [`CHUNK`] reports and the removed ones dropped, then flushes it. Counts the
/// quads of the graphs written into `manifest`. Errors name `store_dir`, the
/// store path the user gave.
#[expect(
    clippy::too_many_arguments,
    reason = "the build's state, passed down once"
)]
pub fn copy_and_replace(
    store_dir: &Path,
    new: &NewGeneration,
    current: &Path,
    corpus: &Streamed,
    cache: &Cache,
    plan: &Plan,
    manifest: &mut Manifest,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<(), BuildError> {
    new.copy_store_from(current)
        .map_err(|source| BuildError::Generation {
            path: store_dir.to_path_buf(),
            source,
        })?;
    let store = Store::open(new.db()).map_err(store_error("writing", store_dir))?;
    let mut fresh = std::collections::HashMap::new();
    for chunk in resolved_chunks(corpus, cache, &plan.changed, &Clocks::default()) {
        let chunk = chunk?;
        let written = chunk.len();
        let mut graphs = Vec::with_capacity(written);
        for Mapped {
            i, graph, facts, ..
        } in chunk
        {
            if let Some(e) = manifest.reports.get_mut(&corpus.entries[i].source) {
                e.quads = graph.quads.len() as u64;
                fresh.insert(e.graph.clone(), facts);
            }
            graphs.push(graph);
        }
        store
            .replace_graphs(&graphs)
            .map_err(store_error("writing", store_dir))?;
        progress(Event::Wrote(written));
    }
    if !plan.removed.is_empty() {
        let keep: Vec<&String> = manifest.reports.keys().collect();
        store
            .remove_graphs_except(&keep)
            .map_err(store_error("writing", store_dir))?;
    }
    keep_facts(&store, cache, manifest, &fresh);
    store
        .flush_and_compact(false)
        .map_err(store_error("writing", store_dir))
}

/// Rewrites the facts the exports read ([`kept`]) for the graphs of
/// `manifest`: the `fresh` ones of the graphs just written, those kept of
/// the others, and any the file lacks read back from `store`.
fn keep_facts(
    store: &Store,
    cache: &Cache,
    manifest: &Manifest,
    fresh: &std::collections::HashMap<String, Option<GraphFacts>>,
) {
    let hashes: Vec<&str> = manifest
        .reports
        .values()
        .map(|e| e.graph.as_str())
        .collect();
    let sources: std::collections::HashMap<&str, &str> = manifest
        .reports
        .iter()
        .map(|(source, e)| (e.graph.as_str(), source.as_str()))
        .collect();
    let from_store = |hash: &str| {
        let graph = crate::rdf::graph_iri(sources.get(hash)?).ok()?;
        GraphFacts::of(&store.graph_quads(&graph.into()).ok()?)
    };
    kept::rewrite(&cache.export_facts(), &hashes, fresh, from_store);
}
