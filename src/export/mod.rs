//! Writes the network views of the store as files Gephi opens directly: GraphML
//! and Gephi spreadsheet CSV, for co-participation, topics, person–topic and
//! organisation–person; dynamic GEXF (spells per meeting day, for Gephi's
//! Timeline) for co-participation and topics; and the topic evolution over
//! periods ([`evolution`]: the evolution map of themes, strategic diagrams,
//! topic frequencies, per-period networks, bursts).
//!
//! Rationale: analysts open these files in Gephi, Gephi Lite, networkx or
//! igraph, and diff them between builds; so each file is written atomically
//! (a temporary file in the same directory, then a rename, so a reader never
//! sees half a file) and byte-identically for the same store. The GraphML and
//! CSV of one graph share node ids, derived from each node's IRI
//! ([`node_id()`]: `person:amrita-choudhury`), so they can be mixed, and a node
//! keeps its id when the archive grows.
//!
//! The co-participation graph carries network measures ([`graph::measures`]):
//! per node in both formats, and for the whole graph (modularity, how each
//! measure was computed) as GraphML `<data>` on the `<graph>` and in
//! `coparticipation-graph.csv`.
//!
//! The files of [`FILES`] are replaced one by one, not as a set; so the
//! stamp [`STAMP`] (the store generation and the period they were made with,
//! and each file's hash) is removed before and written after them, and a set
//! of files without its stamp, or whose stamp names another generation or
//! period, is out of date ([`up_to_date`]): an export interrupted half-way is
//! redone by the next build, and so is one cut by other periods.
//!
//! Only the topic evolution depends on the period: the other fifteen files
//! are the same whatever `--period` says.
//!
//! A stamped export keeps the co-participation graph's files when the graph
//! is the one they were written from ([`graph::fingerprint`], recorded in the
//! stamp) and the files are as they were written (length and modification
//! time, recorded too): its measures and its hundreds of megabytes are most
//! of an export's cost, and an incremental build whose change names no one
//! new leaves that graph as it was. Any other case writes them again; its
//! measures are still taken back from the stamp when the people met as
//! before (same adjacency: a change to labels, dates, affiliations or
//! speeches), as they depend on nothing else.
//!
//! Text is cleaned the same way for both formats ([`clean_text`]): characters
//! that XML 1.0 forbids (C0 controls other than tab, line feed and carriage
//! return; U+FFFE, U+FFFF) are dropped, everything else is kept.

pub mod csv;
pub mod digest;
pub mod evolution;
pub mod gexf;
pub mod graphml;
pub mod node_id;
pub mod runs;
mod tag;
pub mod values;

pub use node_id::{node_id, node_ids};
pub use values::clean_text;

use crate::graph::{
    self, AttrDef, EdgeAttributes, GraphError, NodeAttributes, Period, Timed, Value,
};
use crate::pipeline::clock::Stopwatch;
use crate::store::Store;
use petgraph::graph::UnGraph;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// The files [`write_all`] writes, in order.
pub const FILES: [&str; 23] = [
    "coparticipation.graphml",
    "coparticipation-nodes.csv",
    "coparticipation-edges.csv",
    "coparticipation-graph.csv",
    "coparticipation.gexf",
    "topics.graphml",
    "topics-nodes.csv",
    "topics-edges.csv",
    "topics.gexf",
    "person-topic.graphml",
    "person-topic-nodes.csv",
    "person-topic-edges.csv",
    "organisation-person.graphml",
    "organisation-person-nodes.csv",
    "organisation-person-edges.csv",
    "topic-evolution.graphml",
    "topic-evolution-nodes.csv",
    "topic-evolution-edges.csv",
    "topic-evolution-graph.csv",
    evolution::TABLES[0],
    evolution::TABLES[1],
    evolution::TABLES[2],
    evolution::TABLES[3],
];

/// What each dynamic GEXF says it is, in its `<meta>`.
const COPARTICIPATION_GEXF: &str = "People; an edge joins two people who took part in the same \
     meeting. Spells: the days of their meetings; edge weight per spell: meetings shared that day.";
const TOPICS_GEXF: &str = "Topics; an edge joins two topics discussed in the same meeting. \
     Spells: the days of those meetings; edge weight per spell: such meetings that day.";

/// The stamp beside the exports: which store generation they show.
pub const STAMP: &str = ".meetkg-exports.json";

#[derive(Debug, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
struct Stamp {
    generation: String,
    /// The `--period` of the topic evolution (empty in stamps made before it).
    #[serde(default)]
    period: String,
    files: BTreeMap<String, String>,
    /// Each graph's fingerprint ([`graph::fingerprint`]) by the stem of its
    /// files, for the graphs whose files may be kept (empty in stamps made
    /// before).
    #[serde(default)]
    graphs: BTreeMap<String, String>,
    /// Each file's length and modification time (nanoseconds since the
    /// epoch) as written: a file changed since is not kept.
    #[serde(default)]
    written: BTreeMap<String, (u64, u128)>,
    /// The co-participation graph's measures, to the bit, for a graph whose
    /// people met as before ([`graph::measures::Saved`]).
    #[serde(default)]
    measures: Option<graph::measures::Saved>,
    /// Where the edge runs of the co-participation and topics graphs are in
    /// each of their files ([`runs`]), by file name (empty in stamps made
    /// before).
    #[serde(default)]
    runs: Runs,
}

/// Where the edge runs of files are ([`runs`]), by file name.
type Runs = BTreeMap<String, Vec<runs::Placed>>;

/// The co-participation graph's files: the first five of [`FILES`].
const COPARTICIPATION_FILES: usize = 5;

/// A file's length and modification time, if it can be read.
fn written_as(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// What a stamped export may keep of the previous one: its stamp, read before
/// it is removed.
#[derive(Debug, Default)]
pub struct Previous(Option<Stamp>);

impl Previous {
    /// The stamp in `out_dir`, if there is one that parses.
    fn read(out_dir: &Path) -> Self {
        Self(
            fs::read(out_dir.join(STAMP))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok()),
        )
    }

    /// The hashes of the files `names` in `out_dir`, when the previous export
    /// wrote them from a graph of fingerprint `print` (under `stem`) and each
    /// is still as it was written.
    fn kept(
        &self,
        stem: &str,
        print: &str,
        out_dir: &Path,
        names: &[&str],
    ) -> Option<Vec<(String, String)>> {
        let stamp = self.0.as_ref()?;
        if stamp.graphs.get(stem).map(String::as_str) != Some(print) {
            return None;
        }
        names
            .iter()
            .map(|name| {
                let unchanged = written_as(&out_dir.join(name)) == Some(*stamp.written.get(*name)?);
                let hash = stamp.files.get(*name).filter(|_| unchanged)?;
                Some(((*name).to_owned(), hash.clone()))
            })
            .collect()
    }

    /// The measures the previous export saved.
    fn measures(&self) -> Option<&graph::measures::Saved> {
        self.0.as_ref()?.measures.as_ref()
    }

    /// The file `name` in `out_dir` and where the previous export placed its
    /// edge runs, if the file is still as that export wrote it.
    fn runs(&self, out_dir: &Path, name: &str) -> Option<(PathBuf, &[runs::Placed])> {
        let stamp = self.0.as_ref()?;
        let path = out_dir.join(name);
        let unchanged = written_as(&path) == Some(*stamp.written.get(name)?);
        let placed = stamp.runs.get(name).filter(|_| unchanged)?;
        Some((path, placed.as_slice()))
    }

    /// The runs the previous export recorded for the files `names`.
    fn runs_of(&self, names: &[&str]) -> Runs {
        let Some(stamp) = self.0.as_ref() else {
            return BTreeMap::new();
        };
        names
            .iter()
            .filter_map(|n| Some(((*n).to_owned(), stamp.runs.get(*n)?.clone())))
            .collect()
    }
}

/// How the edges of a graph's files are written: in runs, each copied from
/// the file replaced where the previous export placed it ([`runs`]), what
/// was done recorded in `ledger`.
#[derive(Clone, Copy)]
struct EdgeRuns<'a> {
    runs: &'a [runs::Run],
    previous: &'a Previous,
    out_dir: &'a Path,
    ledger: &'a runs::Ledger,
}

impl<'a> EdgeRuns<'a> {
    /// The splice of the file `name`, whose edges are named as `ids` says.
    fn splice(&self, name: &str, ids: runs::Ids) -> runs::Splice<'a> {
        let old = self.previous.runs(self.out_dir, name);
        runs::Splice::new(self.runs, ids, old.as_ref().map(|(p, r)| (p.as_path(), *r)))
    }
}

/// A file of a graph, written through a splice of `edges` (or at once
/// without), the splice recorded after.
fn spliced<'a>(
    edges: Option<EdgeRuns<'a>>,
    path: &Path,
    ids: runs::Ids,
    write: impl FnOnce(&mut BufWriter<File>, &mut runs::Splice<'a>) -> io::Result<()> + Send + 'a,
) -> FileJob<'a> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let job = move |w: &mut BufWriter<File>| {
        let Some(edges) = edges else {
            return write(w, &mut runs::Splice::none());
        };
        let mut splice = edges.splice(&name, ids);
        write(w, &mut splice)?;
        edges.ledger.record(&name, splice);
        Ok(())
    };
    (path.to_path_buf(), Box::new(job))
}

/// What [`write_all_reusing`] did: the files in [`FILES`] order, the hashes
/// of those it kept, and the fingerprints of the graphs that may be kept next
/// time.
#[derive(Debug, Default)]
pub struct Written {
    pub paths: Vec<PathBuf>,
    kept: BTreeMap<String, String>,
    graphs: BTreeMap<String, String>,
    measures: Option<graph::measures::Saved>,
    runs: Runs,
}

/// Whether `out_dir` holds the [`FILES`] exactly as an export of the store
/// generation `generation`, cut by `period`, wrote them.
pub fn up_to_date(out_dir: &Path, generation: &str, period: Period) -> bool {
    let Some(stamp) = fs::read(out_dir.join(STAMP))
        .ok()
        .and_then(|b| serde_json::from_slice::<Stamp>(&b).ok())
    else {
        return false;
    };
    stamp.generation == generation
        && stamp.period == period.as_str()
        && FILES.par_iter().all(|f| {
            stamp.files.get(*f).is_some_and(|h| {
                let placed = stamp.runs.get(*f).map(Vec::as_slice);
                digest::matches(&out_dir.join(f), h, placed, runs::Ids::of_file(f))
            })
        })
}

/// [`write_all`], stamped with the store generation the files show.
pub fn write_all_stamped(
    store: &Store,
    out_dir: &Path,
    generation: &str,
    period: Period,
) -> Result<Vec<PathBuf>, ExportError> {
    write_all_stamped_from(store, None, out_dir, generation, period)
}

/// [`write_all_stamped`], from the graphs' facts `kept` by the build
/// ([`graph::kept`]) when it gives them, else read from `store`.
pub fn write_all_stamped_from(
    store: &Store,
    kept: Option<graph::Sources>,
    out_dir: &Path,
    generation: &str,
    period: Period,
) -> Result<Vec<PathBuf>, ExportError> {
    let stamp_path = out_dir.join(STAMP);
    let previous = Previous::read(out_dir);
    match fs::remove_file(&stamp_path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(ExportError::Write {
                path: stamp_path,
                source: e,
            })
        }
        _ => {}
    }
    let sources = match kept {
        Some(kept) => kept,
        None => read_sources(store)?,
    };
    let mut written = write_all_reusing(&sources, out_dir, period, &previous)?;
    let mut watch = Stopwatch::start();
    let name = |p: &PathBuf| Some(p.file_name()?.to_string_lossy().into_owned());
    let (mut files, read) = hash_written(&mut written);
    files.extend(written.kept.clone());
    let stamp = Stamp {
        generation: generation.to_owned(),
        period: period.as_str().to_owned(),
        files,
        graphs: written.graphs,
        measures: written.measures,
        runs: written.runs,
        written: written
            .paths
            .iter()
            .filter_map(|p| Some((name(p)?, written_as(p)?)))
            .collect(),
    };
    write_atomically(&stamp_path, |w| {
        serde_json::to_writer_pretty(&mut *w, &stamp).map_err(io::Error::other)
    })?;
    log::info!(
        "exports: hashed the files for the stamp ({} MB read): {}",
        read / 1_000_000,
        watch.lap()
    );
    Ok(written.paths)
}

/// The digests of the files `written` wrote (not those it kept), by name,
/// and how many bytes were read to take them: a file written in runs by its
/// segments ([`digest::runs_digest`], its runs given their digests), any
/// other whole. Hashed on every core: 1.6 GB of files at 3,000 reports.
fn hash_written(written: &mut Written) -> (BTreeMap<String, String>, u64) {
    let name = |p: &PathBuf| Some(p.file_name()?.to_string_lossy().into_owned());
    let runs = &written.runs;
    let hashed: Vec<(String, digest::Hashed, Option<Vec<runs::Placed>>)> = written
        .paths
        .par_iter()
        .filter_map(|p| {
            let name = name(p)?;
            if written.kept.contains_key(&name) {
                return None;
            }
            if let Some(placed) = runs.get(&name).filter(|r| !r.is_empty()) {
                let mut placed = placed.clone();
                let hashed = digest::runs_digest(p, &mut placed, runs::Ids::of_file(&name))?;
                return Some((name, hashed, Some(placed)));
            }
            let len = fs::metadata(p).ok()?.len();
            let hashed = digest::Hashed {
                digest: digest::file(p)?,
                read: len,
            };
            Some((name, hashed, None))
        })
        .collect();
    let mut read = 0;
    let mut files = BTreeMap::new();
    for (name, hashed, placed) in hashed {
        read += hashed.read;
        if let Some(placed) = placed {
            written.runs.insert(name.clone(), placed);
        }
        files.insert(name, hashed.digest);
    }
    (files, read)
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The graphs could not be read from the store.
    #[error("cannot read the graphs from the store")]
    Graph(#[from] GraphError),
    /// The output directory could not be created.
    #[error("cannot create the output directory {}", .path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file could not be written (or renamed into place).
    #[error("cannot write {}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Builds the four graphs from the store, measures the co-participation graph,
/// builds the topic evolution cut by `period`, and writes the [`FILES`] into
/// `out_dir` (created if needed). Returns the paths written, in [`FILES`]
/// order. The facts of every graph are read once ([`graph::Sources`]); one
/// graph is in memory at a time, and its files are written at once, one per
/// core ([`write_files`]).
///
/// Cost: the graphs' queries (see [`graph::Sources`]), the measures
/// ([`graph::add_measures`]: O(V·E) for betweenness up to
/// [`graph::measures::paths::EXACT_MAX_NODES`] people, sampled above), then
/// linear in the size of the graphs and their spells; the evolution's cost
/// is the topic graph's ([`graph::topic_evolution`]).
pub fn write_all(
    store: &Store,
    out_dir: &Path,
    period: Period,
) -> Result<Vec<PathBuf>, ExportError> {
    let sources = read_sources(store)?;
    write_all_reusing(&sources, out_dir, period, &Previous::default()).map(|w| w.paths)
}

/// The facts of every graph, read from `store` ([`graph::Sources::read`]).
fn read_sources(store: &Store) -> Result<graph::Sources, ExportError> {
    let mut watch = Stopwatch::start();
    let sources = graph::Sources::read(store)?;
    log::info!("exports: read the facts of every graph: {}", watch.lap());
    Ok(sources)
}

/// [`write_all`] from the facts `sources`, keeping the co-participation graph's files when `previous`
/// says they show the same graph (see the module docs).
///
/// Cost: as [`write_all`], less the co-participation graph's measures and
/// files when they are kept; a fingerprint of that graph, O(V + E), either way.
pub fn write_all_reusing(
    sources: &graph::Sources,
    out_dir: &Path,
    period: Period,
    previous: &Previous,
) -> Result<Written, ExportError> {
    fs::create_dir_all(out_dir).map_err(|source| ExportError::CreateDir {
        path: out_dir.to_path_buf(),
        source,
    })?;
    crate::atomic::remove_stale_temp_files(out_dir);
    let mut watch = Stopwatch::start();
    let mut written = write_coparticipation(sources, out_dir, previous)?;
    log::info!("exports: the co-participation graph: {}", watch.lap());
    crate::failpoint::check("exports-half");
    let (paths, runs) = write_topics(sources, out_dir, previous)?;
    written.runs.extend(runs);
    let written_paths = &mut written.paths;
    written_paths.extend(paths);
    let spoke = sources.person_topic();
    written_paths.extend(write_graph(&spoke, &[], out_dir, "person-topic")?);
    drop(spoke);
    let affiliations = sources.organisation_person();
    written_paths.extend(write_graph(
        &affiliations,
        &[],
        out_dir,
        "organisation-person",
    )?);
    drop(affiliations);
    log::info!("exports: built and wrote the other graphs: {}", watch.lap());
    let evolution = sources.topic_evolution(period);
    written_paths.extend(evolution::write_evolution(&evolution, out_dir)?);
    log::info!(
        "exports: topic evolution of {} periods ({period}) and {} topics: {}",
        evolution.periods.len(),
        evolution.topics.len(),
        watch.lap()
    );
    Ok(written)
}

/// The topics graph's files, its edges in runs copied from the files
/// replaced where they can be ([`runs`]); gives where the runs went.
fn write_topics(
    sources: &graph::Sources,
    out_dir: &Path,
    previous: &Previous,
) -> Result<(Vec<PathBuf>, Runs), ExportError> {
    const STEM: &str = "topics";
    let topics = sources.topics();
    let cut = runs::cut(&graph::fingerprint::topic_edges(
        &topics,
        &node_ids(&topics),
    ));
    write_in_runs(&topics, &[], TOPICS_GEXF, out_dir, STEM, &cut, previous)
}

/// Writes a graph's files ([`graph_files`] and its GEXF) with its edges in
/// the runs `cut`, each run copied where `previous` wrote it unchanged; the
/// paths in job order and the runs as placed.
fn write_in_runs<N, E>(
    graph: &UnGraph<N, E>,
    about: &[(AttrDef, Value)],
    description: &str,
    out_dir: &Path,
    stem: &str,
    cut: &[runs::Run],
    previous: &Previous,
) -> Result<(Vec<PathBuf>, Runs), ExportError>
where
    N: NodeAttributes + Timed + Sync,
    E: EdgeAttributes + Timed + Sync,
{
    let ledger = runs::Ledger::default();
    let edges = EdgeRuns {
        runs: cut,
        previous,
        out_dir,
        ledger: &ledger,
    };
    let mut jobs = graph_files(graph, about, out_dir, stem, Some(edges));
    jobs.push(dynamic_file(graph, description, out_dir, stem, Some(edges)));
    let paths = write_files(jobs)?;
    Ok((paths, booked(ledger)))
}

/// The co-participation graph's files: kept when `previous` wrote them from
/// the same graph, else measured and written.
fn write_coparticipation(
    sources: &graph::Sources,
    out_dir: &Path,
    previous: &Previous,
) -> Result<Written, ExportError> {
    const STEM: &str = "coparticipation";
    let mut people = sources.coparticipation();
    let print = graph::fingerprint::coparticipation(&people);
    let names = &FILES[..COPARTICIPATION_FILES];
    let graphs = BTreeMap::from([(STEM.to_owned(), print.clone())]);
    let paths = names.iter().map(|n| out_dir.join(n)).collect();
    if let Some(kept) = previous.kept(STEM, &print, out_dir, names) {
        log::info!(
            "exports: the co-participation graph of {} people and {} edges is as the files show it: kept",
            people.node_count(),
            people.edge_count()
        );
        return Ok(Written {
            paths,
            kept: kept.into_iter().collect(),
            graphs,
            measures: previous.measures().cloned(),
            runs: previous.runs_of(names),
        });
    }
    let mut watch = Stopwatch::start();
    let (summary, saved) = graph::add_measures_saved(&mut people, previous.measures());
    log::info!(
        "exports: network measures of {} people and {} edges: {}",
        summary.nodes,
        summary.edges,
        watch.lap()
    );
    let about = summary.attributes();
    let cut = runs::cut(&graph::fingerprint::coparticipation_edges(
        &people,
        &node_ids(&people),
    ));
    log::info!(
        "exports: cut the co-participation graph's edges into {} runs: {}",
        cut.len(),
        watch.lap()
    );
    let (written, runs) = write_in_runs(
        &people,
        &about,
        COPARTICIPATION_GEXF,
        out_dir,
        STEM,
        &cut,
        previous,
    )?;
    log::info!(
        "exports: wrote the co-participation graph's files: {}",
        watch.lap()
    );
    debug_assert_eq!(written, paths);
    Ok(Written {
        paths: written,
        kept: BTreeMap::new(),
        graphs,
        measures: Some(saved),
        runs,
    })
}

/// A file of the exports and what writes it.
pub type FileJob<'a> = (
    PathBuf,
    Box<dyn FnOnce(&mut BufWriter<File>) -> io::Result<()> + Send + 'a>,
);

/// Writes the files of `jobs` at once, each atomically, on as many cores as
/// there are: the bytes of each file are what writing it alone gives. Returns
/// the paths in job order, or the error of the first job (in job order) that
/// failed; the files of the other jobs are written all the same.
pub fn write_files(jobs: Vec<FileJob<'_>>) -> Result<Vec<PathBuf>, ExportError> {
    let results: Vec<Result<PathBuf, ExportError>> = jobs
        .into_par_iter()
        .map(|(path, write)| write_atomically(&path, write).map(|()| path))
        .collect();
    results.into_iter().collect()
}

/// The job that writes `{stem}.gexf`, the dynamic GEXF of `graph`.
fn dynamic_file<'a, N, E>(
    graph: &'a UnGraph<N, E>,
    description: &'a str,
    out_dir: &Path,
    stem: &str,
    edges: Option<EdgeRuns<'a>>,
) -> FileJob<'a>
where
    N: NodeAttributes + Timed + Sync,
    E: EdgeAttributes + Timed + Sync,
{
    let path = out_dir.join(format!("{stem}.gexf"));
    spliced(edges, &path, runs::Ids::Xml, move |w, splice| {
        gexf::write_gexf_spliced(graph, description, w, splice).map(drop)
    })
}

/// Writes `{stem}.graphml`, `{stem}-nodes.csv` and `{stem}-edges.csv`, and
/// `{stem}-graph.csv` when there are graph attributes (`about`), at once
/// ([`write_files`]).
pub fn write_graph<N: NodeAttributes + Sync, E: EdgeAttributes + Sync>(
    graph: &UnGraph<N, E>,
    about: &[(AttrDef, Value)],
    out_dir: &Path,
    stem: &str,
) -> Result<Vec<PathBuf>, ExportError> {
    write_files(graph_files(graph, about, out_dir, stem, None))
}

/// The jobs of [`write_graph`], in its order; the edges of the GraphML and
/// the edge CSV in runs of `edges` when there are some.
fn graph_files<'a, N: NodeAttributes + Sync, E: EdgeAttributes + Sync>(
    graph: &'a UnGraph<N, E>,
    about: &'a [(AttrDef, Value)],
    out_dir: &Path,
    stem: &str,
    edges: Option<EdgeRuns<'a>>,
) -> Vec<FileJob<'a>> {
    let path = |suffix: &str| out_dir.join(format!("{stem}{suffix}"));
    let mut jobs: Vec<FileJob<'a>> = vec![
        spliced(
            edges,
            &path(".graphml"),
            runs::Ids::Xml,
            move |w, splice| graphml::write_graphml_spliced(graph, about, w, splice).map(drop),
        ),
        (
            path("-nodes.csv"),
            Box::new(move |w: &mut BufWriter<File>| csv::write_nodes(graph, w).map(drop)),
        ),
        spliced(
            edges,
            &path("-edges.csv"),
            runs::Ids::None,
            move |w, splice| csv::write_edges_spliced(graph, w, splice).map(drop),
        ),
    ];
    if !about.is_empty() {
        jobs.push((
            path("-graph.csv"),
            Box::new(move |w: &mut BufWriter<File>| csv::write_about(about, w).map(drop)),
        ));
    }
    jobs
}

/// What `ledger` recorded of a graph's files, logged: where their runs
/// went.
fn booked(ledger: runs::Ledger) -> Runs {
    ledger
        .into_inner()
        .into_iter()
        .map(|(name, (placed, copied))| {
            log::info!(
                "exports: {name}: {copied} of {} edge runs copied from the file replaced",
                placed.len()
            );
            (name, placed)
        })
        .collect()
}

/// Writes `path` through [`crate::atomic::write`]: the old file or the new one,
/// never a mix.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<(), ExportError> {
    crate::atomic::write(path, write).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::{CoParticipation, CoParticipationGraph, MeetingInfo, PersonNode};
    use crate::store::tests::sample_store;
    use std::borrow::Cow;
    use std::io::Write;

    pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Hostile text: markup, entities, quotes, backslashes, controls, non-ASCII.
    pub(crate) const NASTY: &str =
        "Ann & <Bob> \"quoted\" 'single' \\ back\\slash\\ ,semi;colon\u{1}\u{8}\u{b}\u{c}\u{1f}\ttab\nline\r\ncrlf é 中文 🎉 ]]> \u{FFFE}";

    /// A two-node graph whose texts are all [`NASTY`].
    pub(crate) fn nasty_graph() -> CoParticipationGraph {
        let mut g = CoParticipationGraph::default();
        let a = g.add_node(PersonNode {
            iri: "https://w3id.org/meetkg/id/person/a".into(),
            label: NASTY.into(),
            meetings_attended: 2,
            meetings_spoken: 0,
            affiliations: NASTY.into(),
            measures: None,
            spells: Vec::new(),
        });
        let b = g.add_node(PersonNode {
            iri: "https://w3id.org/meetkg/id/person/b".into(),
            label: "B".into(),
            meetings_attended: 1,
            meetings_spoken: 1,
            affiliations: String::new(),
            measures: None,
            spells: Vec::new(),
        });
        g.add_edge(
            a,
            b,
            CoParticipation::over(vec![MeetingInfo {
                label: NASTY.into(),
                date: None,
            }]),
        );
        g
    }

    #[test]
    fn clean_text_drops_only_illegal_characters() {
        assert_eq!(
            clean_text("a\u{0}b\u{1f}c\td\ne\rf\u{FFFF}g\u{7f}h"),
            "abc\td\ne\rfg\u{7f}h"
        );
        assert!(matches!(clean_text("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn write_all_writes_its_files_identically_twice() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("out");
        let written = write_all(&store, &out, Period::Year)?;
        let names: Vec<_> = written
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
            .collect();
        assert_eq!(names, FILES);
        let first: Vec<Vec<u8>> = written.iter().map(fs::read).collect::<Result<_, _>>()?;
        assert!(first.iter().all(|bytes| !bytes.is_empty()));
        let again = write_all(&store, &out, Period::Year)?;
        let second: Vec<Vec<u8>> = again.iter().map(fs::read).collect::<Result<_, _>>()?;
        assert_eq!(first, second);
        // Nothing but the files is left behind.
        let mut listed: Vec<_> = fs::read_dir(&out)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        listed.sort();
        let mut expected = FILES.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(listed, expected);
        Ok(())
    }

    /// The two-mode exports of the sample store, exactly: the columns, the
    /// `kind` of each side, the ids shared with the other graphs, the roles.
    #[test]
    fn two_mode_csv_of_the_sample_store() -> TestResult {
        let (_dir, store) = sample_store()?;
        let text = |bytes: Vec<u8>| String::from_utf8(bytes);
        let spoke = graph::person_topic(&store)?;
        let affiliations = graph::organisation_person(&store)?;
        let tables = [
            text(csv::write_nodes(&spoke, Vec::new())?)?,
            text(csv::write_edges(&spoke, Vec::new())?)?,
            text(csv::write_nodes(&affiliations, Vec::new())?)?,
            text(csv::write_edges(&affiliations, Vec::new())?)?,
        ];
        let crlf = |rows: &[&str]| rows.iter().map(|r| format!("{r}\r\n")).collect::<String>();
        assert_eq!(
            tables,
            [
                crlf(&[
                    "Id,Label,iri,kind,meetings",
                    "person:amrita-choudhury,Amrita Choudhury,https://w3id.org/meetkg/id/person/amrita-choudhury,person,2",
                    "person:wolfgang-kleinwachter,Wolfgang Kleinwächter,https://w3id.org/meetkg/id/person/wolfgang-kleinwachter,person,1",
                    "topic:global-digital-compact,Global Digital Compact,https://w3id.org/meetkg/id/topic/global-digital-compact,topic,2",
                    "topic:netmundial,NETmundial,https://w3id.org/meetkg/id/topic/netmundial,topic,1",
                ]),
                crlf(&[
                    "Source,Target,Type,Weight,meetings,dates,first_date,last_date",
                    "person:amrita-choudhury,topic:global-digital-compact,Undirected,2,MAG Working Group on IGF Strengthening and Strategy meeting 46; MAG Working Group on IGF Strengthening and Strategy meeting 47,2022-10-20; 2022-11-03,2022-10-20,2022-11-03",
                    "person:amrita-choudhury,topic:netmundial,Undirected,1,MAG Working Group on IGF Strengthening and Strategy meeting 46,2022-10-20,2022-10-20,2022-10-20",
                    "person:wolfgang-kleinwachter,topic:global-digital-compact,Undirected,1,MAG Working Group on IGF Strengthening and Strategy meeting 46,2022-10-20,2022-10-20,2022-10-20",
                    "person:wolfgang-kleinwachter,topic:netmundial,Undirected,1,MAG Working Group on IGF Strengthening and Strategy meeting 46,2022-10-20,2022-10-20,2022-10-20",
                ]),
                crlf(&[
                    "Id,Label,iri,kind,meetings",
                    "organisation:icann,ICANN,https://w3id.org/meetkg/id/organisation/icann,organisation,2",
                    "organisation:university-of-aarhus,University of Aarhus,https://w3id.org/meetkg/id/organisation/university-of-aarhus,organisation,2",
                    "person:wolfgang-kleinwachter,Wolfgang Kleinwächter,https://w3id.org/meetkg/id/person/wolfgang-kleinwachter,person,2",
                ]),
                crlf(&[
                    "Source,Target,Type,Weight,roles,meetings,dates,first_date,last_date",
                    "organisation:icann,person:wolfgang-kleinwachter,Undirected,2,,MAG Working Group on IGF Strengthening and Strategy meeting 46; MAG Working Group on IGF Strengthening and Strategy meeting 47,2022-10-20; 2022-11-03,2022-10-20,2022-11-03",
                    "organisation:university-of-aarhus,person:wolfgang-kleinwachter,Undirected,2,MAG Member,MAG Working Group on IGF Strengthening and Strategy meeting 46; MAG Working Group on IGF Strengthening and Strategy meeting 47,2022-10-20; 2022-11-03,2022-10-20,2022-11-03",
                ]),
            ]
        );
        Ok(())
    }

    /// The modification times of the co-participation graph's files.
    fn coparticipation_times(out: &Path) -> Vec<Option<(u64, u128)>> {
        FILES[..COPARTICIPATION_FILES]
            .iter()
            .map(|n| written_as(&out.join(n)))
            .collect()
    }

    #[test]
    fn a_stamped_export_keeps_the_files_of_an_unchanged_coparticipation_graph() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("out");
        let first = write_all_stamped(&store, &out, "g1", Period::Year)?;
        let bytes: Vec<Vec<u8>> = first.iter().map(fs::read).collect::<Result<_, _>>()?;
        let stamp = fs::read(out.join(STAMP))?;
        let times = coparticipation_times(&out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let again = write_all_stamped(&store, &out, "g1", Period::Year)?;
        assert_eq!(again, first);
        assert_eq!(coparticipation_times(&out), times, "rewritten, not kept");
        let second: Vec<Vec<u8>> = again.iter().map(fs::read).collect::<Result<_, _>>()?;
        assert_eq!(second, bytes);
        let read = |b: &[u8]| serde_json::from_slice::<Stamp>(b);
        let (old, new) = (read(&stamp)?, read(&fs::read(out.join(STAMP))?)?);
        assert_eq!(new.files, old.files);
        assert_eq!(new.graphs, old.graphs);
        assert!(up_to_date(&out, "g1", Period::Year));
        Ok(())
    }

    #[test]
    fn a_kept_file_changed_since_it_was_written_is_written_again() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("out");
        write_all_stamped(&store, &out, "g1", Period::Year)?;
        let graphml = out.join(FILES[0]);
        let bytes = fs::read(&graphml)?;
        fs::write(&graphml, b"edited by hand")?;
        write_all_stamped(&store, &out, "g1", Period::Year)?;
        assert_eq!(fs::read(&graphml)?, bytes);
        assert!(up_to_date(&out, "g1", Period::Year));
        // A stamp without fingerprints (an older meetkg's) keeps nothing.
        let mut stamp: Stamp = serde_json::from_slice(&fs::read(out.join(STAMP))?)?;
        stamp.graphs.clear();
        fs::write(out.join(STAMP), serde_json::to_vec(&stamp)?)?;
        let times = coparticipation_times(&out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_all_stamped(&store, &out, "g1", Period::Year)?;
        assert_ne!(coparticipation_times(&out), times);
        Ok(())
    }

    #[test]
    fn failed_write_leaves_the_old_file() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("x.csv");
        fs::write(&path, b"old")?;
        let err = write_atomically(&path, |w| {
            w.write_all(b"new")?;
            Err(io::Error::other("boom"))
        });
        assert!(matches!(err, Err(ExportError::Write { .. })));
        assert_eq!(fs::read(&path)?, b"old");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    /// People `p0000`... linked to the next twenty, each edge over a meeting
    /// of its own; `changed` adds a person among them (every later edge
    /// index shifts) and moves one edge's meeting to another day. The edges
    /// before the change are more than a run's most ([`runs::RUN_MAX`]), so
    /// a run is copied whatever the cut points (the seed of their hash is
    /// the export code's, which any edit of it changes: with the change at
    /// person 120, one edit in fifty cut no run before it).
    fn many_people(changed: bool) -> CoParticipationGraph {
        let mut g = CoParticipationGraph::default();
        let mut names: Vec<String> = (0..300).map(|i| format!("p{i:04}")).collect();
        if changed {
            names.insert(260, "p0259x".into());
        }
        let nodes: Vec<_> = names
            .iter()
            .map(|n| {
                g.add_node(PersonNode {
                    iri: format!("https://w3id.org/meetkg/id/person/{n}"),
                    label: n.clone(),
                    meetings_attended: 1,
                    meetings_spoken: 0,
                    affiliations: String::new(),
                    measures: None,
                    spells: Vec::new(),
                })
            })
            .collect();
        for (i, a) in nodes.iter().enumerate() {
            for (j, b) in nodes.iter().enumerate().skip(i + 1).take(20) {
                let day = if changed && i == 280 && j == 281 {
                    28
                } else {
                    1 + (i * j) % 27
                };
                let meeting = MeetingInfo {
                    label: format!("m{}", (i + j) % 7),
                    date: Some(format!("2024-01-{day:02}")),
                };
                g.add_edge(*a, *b, CoParticipation::over(vec![meeting]));
            }
        }
        g
    }

    /// Writes the three edge files of `g` into `dir` through splices of its
    /// runs, copying from `previous` (the files and records of an earlier
    /// write); gives the records and the runs copied.
    fn write_spliced(
        g: &CoParticipationGraph,
        dir: &Path,
        previous: Option<&(PathBuf, Runs)>,
    ) -> Result<(Runs, usize), Box<dyn std::error::Error>> {
        let cut = runs::cut(&graph::fingerprint::coparticipation_edges(g, &node_ids(g)));
        let mut book = BTreeMap::new();
        let mut copied = 0;
        for (name, ids) in [
            ("g.graphml", runs::Ids::Xml),
            ("g-edges.csv", runs::Ids::None),
            ("g.gexf", runs::Ids::Xml),
        ] {
            let old = previous.and_then(|(d, b)| Some((d.join(name), b.get(name)?.as_slice())));
            let mut splice =
                runs::Splice::new(&cut, ids, old.as_ref().map(|(p, r)| (p.as_path(), *r)));
            let out = File::create(dir.join(name))?;
            match name {
                "g.graphml" => drop(graphml::write_graphml_spliced(g, &[], out, &mut splice)?),
                "g.gexf" => drop(gexf::write_gexf_spliced(g, "d", out, &mut splice)?),
                _ => drop(csv::write_edges_spliced(g, out, &mut splice)?),
            }
            let (placed, n) = splice.finish();
            copied += n;
            book.insert(name.to_owned(), placed);
        }
        Ok((book, copied))
    }

    /// The stamp's digests of `book`'s files in `dir` ([`hash_written`]),
    /// `book` given its runs' digests; gives the bytes read to take them.
    fn stamp_digests(
        dir: &Path,
        book: &mut Runs,
    ) -> Result<(BTreeMap<String, String>, u64), Box<dyn std::error::Error>> {
        let mut written = Written {
            paths: book.keys().map(|n| dir.join(n)).collect(),
            runs: std::mem::take(book),
            ..Written::default()
        };
        let (files, read) = hash_written(&mut written);
        *book = written.runs;
        assert_eq!(files.len(), book.len());
        for (name, digest) in &files {
            let placed = book.get(name).map(Vec::as_slice);
            let ids = runs::Ids::of_file(name);
            assert!(
                digest::matches(&dir.join(name), digest, placed, ids),
                "{name}"
            );
        }
        Ok((files, read))
    }

    /// After a change of one person and one edge, the stamp hashes the runs
    /// formatted again, not the runs copied (renumbered or not): it hashed
    /// every byte of the files before.
    #[test]
    fn the_stamp_of_spliced_files_hashes_only_the_runs_not_copied_unchanged() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (first, second) = (dir.path().join("1"), dir.path().join("2"));
        fs::create_dir_all(&first)?;
        fs::create_dir_all(&second)?;
        let (mut book, _) = write_spliced(&many_people(false), &first, None)?;
        let (_, read) = stamp_digests(&first, &mut book)?;
        let size = |d: &Path, b: &Runs| -> io::Result<u64> {
            b.keys().map(|n| Ok(fs::metadata(d.join(n))?.len())).sum()
        };
        assert_eq!(read, size(&first, &book)?);
        let (mut again, copied) = write_spliced(&many_people(true), &second, Some(&(first, book)))?;
        assert!(copied > 0);
        let (_, read) = stamp_digests(&second, &mut again)?;
        let total = size(&second, &again)?;
        // Most runs are copied; the XML ones after the new person renumbered.
        assert!(read < total / 2, "read {read} of {total} bytes");
        Ok(())
    }

    /// The edges copied from the files of a graph that changed in a person
    /// and an edge give the bytes that formatting every edge gives.
    #[test]
    fn spliced_edge_files_equal_files_written_whole() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (first, second) = (dir.path().join("1"), dir.path().join("2"));
        fs::create_dir_all(&first)?;
        fs::create_dir_all(&second)?;
        let (book, copied) = write_spliced(&many_people(false), &first, None)?;
        assert_eq!(copied, 0);
        let runs = book.get("g.graphml").map_or(0, Vec::len);
        assert!(runs > 4, "{runs} runs");
        let changed = many_people(true);
        let (_, copied) = write_spliced(&changed, &second, Some(&(first, book)))?;
        assert!(
            copied > 0 && copied < 3 * runs,
            "{copied} of {} runs copied",
            3 * runs
        );
        let whole = [
            graphml::write_graphml(&changed, &[], Vec::new())?,
            csv::write_edges(&changed, Vec::new())?,
            gexf::write_gexf(&changed, "d", Vec::new())?,
        ];
        for (name, bytes) in ["g.graphml", "g-edges.csv", "g.gexf"].iter().zip(whole) {
            assert!(fs::read(second.join(name))? == bytes, "{name} differs");
        }
        Ok(())
    }
}
