//! `meetkg build`: reports in, store and exports out.
//!
//! A build is one commit: it writes a new store generation (see
//! [`crate::generations`]) with its manifest, switches the store path to it in
//! one rename, and only then writes the exports, stamped with that generation.
//! Killed anywhere, it leaves the previous build whole for readers and for the
//! next build, which redoes what is missing.
//!
//! Memory is bounded by a chunk of reports, not by the archive: identities are
//! resolved from the names alone ([`crate::corpus::read_streamed`]), and the
//! reports are then read back from the extraction cache [`CHUNK`] at a time,
//! mapped to RDF in parallel and handed to the store.

use super::{name_rejections, with_progress, ExitStatus};
use crate::cache::{report_hash, Cache, Entry, Manifest};
use crate::corpus::Streamed;
use crate::generations::{Generation, Generations};
use crate::model::Report;
use crate::ontology::Ontology;
use crate::rdf::ReportGraph;
use crate::store::{BulkLoadError, Store};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Reports read back and mapped to RDF at once, in parallel, before their
/// quads go to the store: what bounds the memory of writing.
const CHUNK: usize = 256;

/// Memory for Oxigraph's bulk loader, in megabytes.
const BULK_LOADER_MB: usize = 256;

/// What the build summary counts.
#[derive(Default)]
struct Tally {
    people: BTreeSet<String>,
    organisations: BTreeSet<String>,
    topics: BTreeSet<String>,
}

impl Tally {
    fn add(&mut self, report: &Report) {
        self.people
            .extend(report.people.iter().map(|p| p.name.clone()));
        self.organisations
            .extend(report.organisations.iter().map(|o| o.name.clone()));
        self.topics
            .extend(report.topics.iter().map(|t| t.name.clone()));
    }
}

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
    let clock = std::time::Instant::now();
    let corpus = with_progress(quiet, |progress| {
        crate::corpus::read_streamed(paths, ontology, &cache, &old, progress)
    });
    log::info!(
        "read, extracted and resolved {} reports in {:.2?}",
        corpus.entries.len(),
        clock.elapsed()
    );
    let status = name_rejections(&corpus.rejected);
    if corpus.entries.is_empty() {
        anyhow::bail!(
            "no report could be read from {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let rejected_names: BTreeSet<String> = corpus
        .rejected
        .iter()
        .filter_map(|r| r.source.clone())
        .collect();

    let mut tally = Tally::default();
    let mut manifest = Manifest::default();
    let (generation, changed, removed) = match &current {
        None => {
            // Nothing to compare with: every report goes to the bulk loader,
            // hashed on the way.
            let bar = progress_bar(quiet, corpus.entries.len());
            let new = generations.begin().with_context(|| context(store_dir))?;
            let clock = std::time::Instant::now();
            bulk_load(
                &new.db(),
                &corpus,
                &cache,
                &old,
                &mut manifest,
                &mut tally,
                &bar,
            )?;
            log::info!("bulk-loaded and compacted in {:.2?}", clock.elapsed());
            bar.finish_and_clear();
            crate::failpoint::check("store-written");
            let g = new
                .commit(&generations, &manifest)
                .with_context(|| context(store_dir))?;
            crate::failpoint::check("committed");
            (g, corpus.entries.len(), 0)
        }
        Some(current) => {
            let plan = compare(
                &corpus,
                &cache,
                &old,
                &rejected_names,
                &mut manifest,
                &mut tally,
            )?;
            let (changed, removed) = (plan.changed.len(), plan.removed.len());
            let g = if changed == 0 && removed == 0 {
                current.clone()
            } else {
                let bar = progress_bar(quiet, changed);
                let clock = std::time::Instant::now();
                let g = write_generation(
                    &generations,
                    current,
                    &corpus,
                    &cache,
                    &plan,
                    &old,
                    &mut manifest,
                    &mut tally,
                    &bar,
                )?;
                log::info!("wrote store generation {} in {:.2?}", g.id, clock.elapsed());
                bar.finish_and_clear();
                g
            };
            (g, changed, removed)
        }
    };
    if changed > 0 || removed > 0 {
        generations.remove_unused();
    }
    if changed == 0 && removed == 0 && crate::export::up_to_date(out, &generation.id) {
        if !quiet {
            println!(
                "nothing changed: {} reports ({} from the cache), store {} and exports {} are up to date",
                corpus.entries.len(),
                corpus.cached,
                store_dir.display(),
                out.display()
            );
        }
        return Ok(status);
    }
    let store = Store::open_read_only(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))?;
    let clock = std::time::Instant::now();
    let spinner = super::spinner(quiet, "writing the exports");
    let written = crate::export::write_all_stamped(&store, out, store.generation())
        .with_context(|| format!("writing the exports to {}", out.display()));
    spinner.finish_and_clear();
    let written = written?;
    log::info!("wrote the exports in {:.2?}", clock.elapsed());
    // Counted as the graphs were written (a scan of the store takes seconds).
    let triples: u64 = generation
        .read_manifest()
        .reports
        .values()
        .map(|e| e.quads)
        .sum();
    if !quiet {
        let reports = corpus.entries.len();
        println!(
            "{} reports ({} rejected), {} meetings, {} people, {} organisations, {} topics, {} triples in {}",
            reports,
            corpus.rejected.len(),
            reports,
            tally.people.len(),
            tally.organisations.len(),
            tally.topics.len(),
            triples,
            store_dir.display()
        );
        println!(
            "{} reports extracted, {} from the cache; {} graphs rewritten, {} dropped",
            reports - corpus.cached - corpus.kept.len(),
            corpus.cached,
            changed,
            removed
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

fn context(store_dir: &Path) -> String {
    format!("writing the store {}", store_dir.display())
}

/// The reports of `corpus`, `CHUNK` at a time, resolved and mapped in parallel.
fn resolved_chunks<'a>(
    corpus: &'a Streamed,
    cache: &'a Cache,
    indices: &'a [usize],
) -> impl Iterator<Item = anyhow::Result<Vec<(usize, Report, ReportGraph)>>> + 'a {
    indices.chunks(CHUNK).map(move |chunk| {
        chunk
            .par_iter()
            .map(|&i| {
                let report = corpus.report(i, cache)?;
                let graph = crate::rdf::report_graph(&report)
                    .with_context(|| format!("mapping report {} to RDF", report.source))?;
                Ok((i, report, graph))
            })
            .collect()
    })
}

/// The manifest entry of a report whose graph is written now.
fn entry(report: &Report, graph: &ReportGraph) -> Entry {
    Entry {
        sha256: report.sha256.clone(),
        graph: report_hash(report),
        quads: graph.quads.len() as u64,
    }
}

/// Writes every report of `corpus` into a new store at `db` through the bulk
/// loader, then flushes and compacts it.
fn bulk_load(
    db: &Path,
    corpus: &Streamed,
    cache: &Cache,
    old: &Manifest,
    manifest: &mut Manifest,
    tally: &mut Tally,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let store = Store::open(db).with_context(|| format!("creating the store {}", db.display()))?;
    let all: Vec<usize> = (0..corpus.entries.len()).collect();
    let mut failed = None;
    let graphs = resolved_chunks(corpus, cache, &all)
        .map_while(|chunk| match chunk {
            Ok(chunk) => Some(chunk),
            Err(e) => {
                failed = Some(e);
                None
            }
        })
        .flatten()
        .map(|(i, report, graph)| {
            let source = &corpus.entries[i].source;
            // A rejected report standing in with its last good extraction
            // keeps its manifest entry (its file is not the one extracted).
            let e = match old.reports.get(source) {
                Some(e) if corpus.kept.contains(source) => Entry {
                    quads: graph.quads.len() as u64,
                    ..e.clone()
                },
                _ => entry(&report, &graph),
            };
            manifest.reports.insert(source.clone(), e);
            tally.add(&report);
            bar.inc(1);
            Ok::<_, std::convert::Infallible>(graph)
        });
    let loaded = store.bulk_load(graphs, BULK_LOADER_MB, &mut |_| {});
    if let Some(e) = failed {
        return Err(e);
    }
    loaded
        .map_err(|e| match e {
            BulkLoadError::Source(never) => match never {},
            BulkLoadError::Store(e) => anyhow::Error::new(e),
        })
        .with_context(|| format!("loading the store {}", db.display()))?;
    bar.set_message("compacting the store");
    store
        .flush_and_compact(true)
        .with_context(|| format!("compacting the store {}", db.display()))
}

/// What a build changes in the current store.
struct Plan {
    /// Reports whose graph is new or differs from the current generation's.
    changed: Vec<usize>,
    /// Reports of the current generation that are gone.
    removed: Vec<String>,
    /// The current generation must be copied, not rebuilt: it holds a graph
    /// (of a rejected report) that this build cannot make again.
    must_copy: bool,
}

/// Compares every report with the current generation's manifest, by hash.
fn compare(
    corpus: &Streamed,
    cache: &Cache,
    old: &Manifest,
    rejected: &BTreeSet<String>,
    manifest: &mut Manifest,
    tally: &mut Tally,
) -> anyhow::Result<Plan> {
    let all: Vec<usize> = (0..corpus.entries.len()).collect();
    let mut changed = Vec::new();
    for chunk in all.chunks(CHUNK) {
        let hashed: Vec<(usize, Report, String)> = chunk
            .par_iter()
            .map(|&i| {
                let report = corpus.report(i, cache)?;
                let hash = report_hash(&report);
                Ok((i, report, hash))
            })
            .collect::<anyhow::Result<_>>()?;
        for (i, report, hash) in hashed {
            tally.add(&report);
            let source = &corpus.entries[i].source;
            let before = old.reports.get(source);
            if corpus.kept.contains(source) {
                if let Some(e) = before {
                    manifest.reports.insert(source.clone(), e.clone());
                }
                continue;
            }
            match before {
                Some(e) if e.graph == hash => {
                    manifest.reports.insert(source.clone(), e.clone());
                }
                _ => {
                    changed.push(i);
                    manifest.reports.insert(
                        source.clone(),
                        Entry {
                            sha256: report.sha256.clone(),
                            graph: hash,
                            quads: 0,
                        },
                    );
                }
            }
        }
    }
    // A rejected report whose last good extraction is gone (a deleted cache)
    // still keeps its graph: the store is copied, not rebuilt, and the graph
    // stays with its manifest entry.
    let mut must_copy = false;
    for name in rejected {
        if let Some(e) = old.reports.get(name) {
            if !manifest.reports.contains_key(name) {
                manifest.reports.insert(name.clone(), e.clone());
                must_copy = true;
            }
        }
    }
    let removed = old
        .reports
        .keys()
        .filter(|s| !manifest.reports.contains_key(*s))
        .cloned()
        .collect();
    Ok(Plan {
        changed,
        removed,
        must_copy,
    })
}

/// Writes and commits the next generation of the store.
///
/// From a copy of the current generation (hard links) with the changed graphs
/// replaced and the removed ones dropped, in transactions of [`CHUNK`]
/// reports, when few reports changed; otherwise from scratch through the bulk
/// loader. Either way the store is flushed before the commit, so readers open
/// it without replaying a log.
#[allow(clippy::too_many_arguments)]
fn write_generation(
    generations: &Generations,
    current: &Generation,
    corpus: &Streamed,
    cache: &Cache,
    plan: &Plan,
    old: &Manifest,
    manifest: &mut Manifest,
    tally: &mut Tally,
    bar: &ProgressBar,
) -> anyhow::Result<Generation> {
    let store_dir = generations.store();
    let new = generations.begin().with_context(|| context(store_dir))?;
    let incremental =
        plan.must_copy || (plan.changed.len() + plan.removed.len()) * 4 < corpus.entries.len();
    if incremental {
        new.copy_store_from(&current.db)
            .with_context(|| context(store_dir))?;
        let store = Store::open(new.db()).with_context(|| context(store_dir))?;
        for chunk in resolved_chunks(corpus, cache, &plan.changed) {
            let chunk = chunk?;
            let graphs: Vec<ReportGraph> = chunk.iter().map(|(_, _, g)| g.clone()).collect();
            store
                .replace_graphs(&graphs)
                .with_context(|| context(store_dir))?;
            for (i, _, graph) in &chunk {
                if let Some(e) = manifest.reports.get_mut(&corpus.entries[*i].source) {
                    e.quads = graph.quads.len() as u64;
                }
            }
            bar.inc(chunk.len() as u64);
        }
        if !plan.removed.is_empty() {
            let keep: Vec<&String> = manifest.reports.keys().collect();
            store
                .remove_graphs_except(&keep)
                .with_context(|| context(store_dir))?;
        }
        store
            .flush_and_compact(false)
            .with_context(|| context(store_dir))?;
    } else {
        bar.set_length(corpus.entries.len() as u64);
        let mut again = Tally::default();
        bulk_load(&new.db(), corpus, cache, old, manifest, &mut again, bar)?;
        *tally = again;
    }
    crate::failpoint::check("store-written");
    let committed = new
        .commit(generations, manifest)
        .with_context(|| context(store_dir))?;
    crate::failpoint::check("committed");
    Ok(committed)
}

/// A path given to `build` that is missing, unreadable or holds no report.
#[derive(Debug, thiserror::Error)]
#[error("{0}; nothing was built, the store and the exports are unchanged")]
struct BadPath(String);

fn progress_bar(quiet: bool, len: usize) -> ProgressBar {
    let bar = ProgressBar::hidden();
    if !quiet && std::io::stderr().is_terminal() && len >= 50 {
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
