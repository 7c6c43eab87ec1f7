//! `meetkg build`: reports in, store and exports out. The build itself is
//! library code ([`crate::pipeline`]); this file shows its progress, writes the
//! exports of the committed generation and prints the summary.

use super::{name_rejections, print_summary, ExitStatus};
use crate::cache::Cache;
use crate::corpus::Progress;
use crate::graph::Period;
use crate::ontology::Ontology;
use crate::pipeline::{BuildError, Built, Event};
use crate::store::Store;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn run(
    paths: &[PathBuf],
    store_dir: &Path,
    out: &Path,
    period: Period,
    ontology: &Ontology,
    quiet: bool,
) -> anyhow::Result<ExitStatus> {
    let bars = Bars::new(quiet);
    let built = crate::pipeline::build(paths, store_dir, ontology, &|e| bars.show(e));
    bars.finish();
    if let Err(BuildError::NoReports { rejected, .. }) = &built {
        name_rejections(rejected);
    }
    let built = built?;
    let status = name_rejections(&built.rejected);
    if built.unchanged() && crate::export::up_to_date(out, &built.generation.id, period) {
        if !quiet {
            let summary = format!(
                "nothing changed: {} reports ({} from the cache), store {} and exports {} are up to date",
                built.reports,
                built.cached,
                store_dir.display(),
                out.display()
            );
            print_summary(&summary, "the build is done")?;
        }
        return Ok(status);
    }
    let store = Store::open_read_only(store_dir)
        .with_context(|| format!("opening the store {}", store_dir.display()))?;
    let mut watch = crate::pipeline::clock::Stopwatch::start();
    let spinner = super::spinner(quiet, "writing the exports");
    let manifest = built.generation.read_manifest();
    let hashes = manifest.reports.values().map(|e| e.graph.as_str());
    let kept = crate::graph::Sources::kept(&Cache::for_store(store_dir).export_facts(), hashes);
    log::info!(
        "exports: facts of every graph {}: {}",
        if kept.is_some() {
            "kept by the build"
        } else {
            "to be read from the store"
        },
        watch.lap()
    );
    let written =
        crate::export::write_all_stamped_from(&store, kept, out, store.generation(), period)
            .with_context(|| format!("writing the exports to {}", out.display()));
    spinner.finish_and_clear();
    let written =
        written.with_context(|| exports_not_written(store_dir, out, built.unchanged()))?;
    log::info!("wrote the exports: {}", watch.lap());
    if !quiet {
        print_summary(&summary(&built, store_dir, &written), "the build is done")?;
    }
    Ok(status)
}

/// What a build did when only its exports failed: the store holds the new
/// build (or was up to date already), so "the build failed" would be untrue,
/// and the user needs to know the exports are behind the store.
fn exports_not_written(store_dir: &Path, out: &Path, unchanged: bool) -> String {
    let store = if unchanged {
        "was up to date already"
    } else {
        "was built and holds the new build"
    };
    format!(
        "the store {} {store}, but its exports were not written \
         (`meetkg export --store {} --out {}` writes them once the cause is mended)",
        store_dir.display(),
        store_dir.display(),
        out.display()
    )
}

/// The three lines a build prints: what the store holds, what was done, what
/// was written.
fn summary(built: &Built, store_dir: &Path, written: &[PathBuf]) -> String {
    // Counted as the graphs were written (a scan of the store takes seconds).
    let triples: u64 = built
        .generation
        .read_manifest()
        .reports
        .values()
        .map(|e| e.quads)
        .sum();
    let reports = built.reports;
    let holds = format!(
        "{} reports ({} rejected), {} meetings, {} people, {} organisations, {} topics, {} triples in {}",
        reports,
        built.rejected.len(),
        reports,
        built.tally.people.len(),
        built.tally.organisations.len(),
        built.tally.topics.len(),
        triples,
        store_dir.display()
    );
    let did = format!(
        "{} reports extracted, {} from the cache; {} graphs rewritten, {} dropped",
        reports - built.cached - built.kept,
        built.cached,
        built.changed,
        built.removed
    );
    let wrote = written
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!("{holds}\n{did}\nwrote {wrote}")
}

/// The build's progress on stderr, when it is a terminal, not `quiet`, and
/// there is enough to wait for: extraction, then the writing of the store.
struct Bars {
    show: bool,
    extracting: ProgressBar,
    writing: ProgressBar,
}

impl Bars {
    fn new(quiet: bool) -> Self {
        Self {
            show: !quiet && std::io::stderr().is_terminal(),
            extracting: ProgressBar::hidden(),
            writing: ProgressBar::hidden(),
        }
    }

    fn show(&self, event: Event) {
        match event {
            Event::Corpus(Progress::Start(n)) => {
                self.start(
                    &self.extracting,
                    n,
                    "{spinner} extracting {pos}/{len} reports {wide_bar} {eta} {msg}",
                );
            }
            Event::Corpus(Progress::Extracted) => self.extracting.inc(1),
            Event::Corpus(Progress::Resolving) => {
                self.extracting.set_message("resolving identities");
            }
            Event::Writing(n) => {
                self.extracting.finish_and_clear();
                self.start(
                    &self.writing,
                    n,
                    "{spinner} writing the store {pos}/{len} reports {wide_bar} {eta} {msg}",
                );
            }
            Event::Wrote(n) => self.writing.inc(n as u64),
            Event::Compacting => self.writing.set_message("compacting the store"),
        }
    }

    fn start(&self, bar: &ProgressBar, len: usize, template: &str) {
        if self.show && len >= 50 {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_length(len as u64);
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
    }

    fn finish(&self) {
        self.extracting.finish_and_clear();
        self.writing.finish_and_clear();
    }
}
