//! The pipeline of a build: reports in, a new committed generation of the
//! store out.
//!
//! A build is one commit: it reads and resolves the corpus
//! ([`crate::corpus::read_streamed`]), plans what changes against the current
//! generation ([`plan`]), writes a new generation's store ([`load`]) with its
//! manifest, and switches the store path to it in one rename
//! ([`crate::generations`]). Killed anywhere, it leaves the previous build
//! whole for readers and for the next build, which redoes what is missing.
//! The exports are not written here: they are read from the committed store,
//! by the caller.
//!
//! Library code: it prints nothing, and reports progress through a callback.

pub mod clock;
pub mod load;
pub mod outcome;
pub mod plan;

pub use outcome::{BuildError, Built, Event, Tally};

use crate::cache::Cache;
use crate::corpus::Streamed;
use crate::generations::{Generation, GenerationError, Generations, Manifest};
use crate::ontology::Ontology;
use plan::{Plan, Planner};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Builds the store at `store_dir` from the reports under `paths`: holds the
/// store's build lock throughout, and commits a new generation unless nothing
/// changed. Cost: extraction of the new and changed reports, resolution over
/// all of them, and the graphs of the changed ones (all of them when many
/// changed); memory bounded by a chunk of reports.
///
/// # Errors
/// [`BuildError`]: the store is left as it was, whatever failed.
pub fn build(
    paths: &[PathBuf],
    store_dir: &Path,
    ontology: &Ontology,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Built, BuildError> {
    let generations = Generations::new(store_dir);
    let _lock = generations.lock_for_build().map_err(BuildError::Lock)?;
    let current = generations
        .current()
        .map_err(|source| BuildError::Current {
            path: store_dir.to_path_buf(),
            source,
        })?;
    let old = current
        .as_ref()
        .map(Generation::read_manifest)
        .unwrap_or_default();
    // A path that is missing or holds no report is an error that changes
    // nothing: a typo in a cron line must not drop the reports of a folder.
    let walked = crate::corpus::report_files(paths);
    if let Some(bad) = walked.rejected.iter().find(|r| r.is_bad_path()) {
        return Err(BuildError::BadPath(crate::error_chain(&bad.error)));
    }
    let cache = Cache::for_store(store_dir);
    let mut watch = clock::Stopwatch::start();
    let last_good = |source: &str| old.reports.get(source).map(|e| e.sha256.clone());
    let corpus = crate::corpus::read_streamed(paths, ontology, &cache, &last_good, &|p| {
        progress(Event::Corpus(p));
    });
    log::info!(
        "read, extracted and resolved {} reports: {}",
        corpus.entries.len(),
        watch.lap()
    );
    if corpus.entries.is_empty() {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(BuildError::NoReports {
            paths: paths.join(", "),
            rejected: corpus.rejected,
        });
    }
    let (generation, plan) = match current {
        None => {
            let g = from_scratch(&generations, &corpus, &cache, &old, progress)?;
            let plan = Plan {
                changed: (0..corpus.entries.len()).collect(),
                ..Plan::default()
            };
            (g, plan)
        }
        Some(current) => {
            let (plan, manifest) = compare(&corpus, &old);
            log::info!(
                "compared {} reports with the current generation, {} changed: {}",
                corpus.entries.len(),
                plan.changed.len(),
                watch.lap()
            );
            let g = if plan.is_empty() {
                current
            } else if plan.copies(corpus.entries.len()) {
                copied_generation(
                    &generations,
                    &current,
                    &corpus,
                    &cache,
                    &plan,
                    manifest,
                    progress,
                )?
            } else {
                from_scratch(&generations, &corpus, &cache, &old, progress)?
            };
            (g, plan)
        }
    };
    if !plan.is_empty() {
        generations.remove_unused();
    }
    Ok(Built {
        generation,
        reports: corpus.entries.len(),
        cached: corpus.cached,
        kept: corpus.kept.len(),
        rejected: corpus.rejected,
        changed: plan.changed.len(),
        removed: plan.removed.len(),
        tally: corpus.tally,
    })
}

fn generation_error(store_dir: &Path) -> impl FnOnce(GenerationError) -> BuildError + '_ {
    move |source| BuildError::Generation {
        path: store_dir.to_path_buf(),
        source,
    }
}

/// A generation from scratch: every report goes to the bulk loader, hashed on
/// the way, into a new manifest.
fn from_scratch(
    generations: &Generations,
    corpus: &Streamed,
    cache: &Cache,
    old: &Manifest,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Generation, BuildError> {
    let store_dir = generations.store();
    progress(Event::Writing(corpus.entries.len()));
    let new = generations.begin().map_err(generation_error(store_dir))?;
    let mut watch = clock::Stopwatch::start();
    let mut manifest = Manifest::default();
    load::bulk_load(&new.db(), corpus, cache, old, &mut manifest, progress)?;
    log::info!("bulk-loaded and compacted: {}", watch.lap());
    commit(generations, new, &manifest)
}

/// Compares every report with the current generation's manifest, by graph
/// hash ([`plan::graph_hash`]: no extraction is read back).
fn compare(corpus: &Streamed, old: &Manifest) -> (Plan, Manifest) {
    let mut planner = Planner::new(old);
    let kept: BTreeSet<&String> = corpus.kept.iter().collect();
    for (i, entry) in corpus.entries.iter().enumerate() {
        let read = plan::Read {
            source: &entry.source,
            sha256: &entry.sha256,
            file: &entry.file,
        };
        let hash = plan::graph_hash(corpus, i);
        planner.report(i, read, hash, kept.contains(&entry.source));
    }
    let rejected: BTreeSet<String> = corpus
        .rejected
        .iter()
        .filter_map(|r| r.source.clone())
        .collect();
    planner.finish(&rejected)
}

/// The generation after `current`, from a hard-linked copy of it with the
/// changed graphs of `plan` replaced and the removed ones dropped
/// ([`Plan::copies`] says when).
fn copied_generation(
    generations: &Generations,
    current: &Generation,
    corpus: &Streamed,
    cache: &Cache,
    plan: &Plan,
    mut manifest: Manifest,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Generation, BuildError> {
    let store_dir = generations.store();
    let mut watch = clock::Stopwatch::start();
    let new = generations.begin().map_err(generation_error(store_dir))?;
    progress(Event::Writing(plan.changed.len()));
    load::copy_and_replace(
        store_dir,
        &new,
        &current.db,
        corpus,
        cache,
        plan,
        &mut manifest,
        progress,
    )?;
    let g = commit(generations, new, &manifest)?;
    log::info!("wrote store generation {}: {}", g.id, watch.lap());
    Ok(g)
}

/// Commits a written generation: the build's commit point.
fn commit(
    generations: &Generations,
    new: crate::generations::NewGeneration,
    manifest: &Manifest,
) -> Result<Generation, BuildError> {
    crate::failpoint::check("store-written");
    let committed = new
        .commit(generations, manifest)
        .map_err(generation_error(generations.store()))?;
    crate::failpoint::check("committed");
    Ok(committed)
}
