//! The knowledge graph on disk: an Oxigraph store (RocksDB) holding one named
//! graph per report.
//!
//! Rationale: every later stage (`query`, `serve`, `export`, `dump`) reads the
//! store alone, so the store must always be in a state some build left it in.
//! Writes therefore go through one Oxigraph transaction per call: a build either
//! replaces all the graphs it was given or none of them, and a report that failed
//! extraction is simply not passed in, so its previous graph stays as it was.
//!
//! Queries see the merge of all named graphs as their default graph, so
//! researchers write `?m schema:attendee ?p` without `GRAPH` clauses, and can
//! still ask `GRAPH ?g` to learn which report states a fact.
//!
//! # Why the default graph is materialised
//!
//! Oxigraph 0.5 can evaluate queries over the union of the named graphs
//! (`QueryDatasetSpecification::set_default_graph_as_union`), but it counts a
//! triple once per graph that holds it (oxigraph issue #1919, fixed on the 0.6
//! development branch by PR #1920, not in any 0.5 release). Every report graph
//! repeats `foaf:name`, types and labels of the people it mentions, so a union
//! query would return each row once per report and inflate every `COUNT`. So
//! the store keeps the default graph equal to the RDF merge (a set) of the
//! named graphs, maintained in the same transaction as each write: queries,
//! and any SPARQL endpoint serving the store, get standard set semantics with
//! no flag to remember. **Do not enable "union default graph" on top of this**
//! (it would add the named graphs to the default graph again), and do not write
//! to the default graph or to named graphs behind this type's back; if you did,
//! [`Store::rebuild_default_graph`] repairs the merge. The cost is storage:
//! each distinct triple is stored once more. When oxigraph ships the fix, this
//! can go back to the union flag.
//!
//! This module does not decide which reports to rebuild (incremental builds are
//! the caller's business), and it does not serialise anything.

mod raw;

pub use raw::{RawError, RawStore, UnionCounts};

use crate::model::Report;
use crate::rdf::{self, RdfError, ReportGraph};
use crate::vocab::{ID_BASE, PREFIXES};
use oxigraph::model::{
    GraphName, GraphNameRef, IriParseError, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
    Triple,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::StorageError;
use siphasher::sip128::Hasher128;
use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What went wrong with the store, with the store's path where it matters.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store directory could not be created.
    #[error("cannot create the store directory {}", .path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// RocksDB refused to open the store (locked by another process, corrupt,
    /// not a store...).
    #[error("cannot open the store at {}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// A snapshot of the store could not be written.
    #[error("cannot snapshot the store into {}", .path.display())]
    Checkpoint {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// Reading or writing the open store failed.
    #[error("storage error in the store at {}", .path.display())]
    Storage {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// A report could not be mapped to RDF; nothing was written.
    #[error("cannot map report {report} to RDF; the store was not changed")]
    Mapping {
        /// The report's file name.
        report: String,
        #[source]
        source: RdfError,
    },
    /// The SPARQL query does not parse.
    #[error("invalid SPARQL query")]
    Syntax(#[from] SparqlSyntaxError),
    /// The SPARQL query failed while running.
    #[error("SPARQL query evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
    /// A built-in prefix is not a valid IRI (a bug in [`crate::vocab`]).
    #[error("built-in prefix {prefix}: is not a valid IRI")]
    Prefix {
        prefix: &'static str,
        #[source]
        source: IriParseError,
    },
}

/// Why a bulk load failed: the graphs' source, or the store.
#[derive(Debug, thiserror::Error)]
pub enum BulkLoadError<E> {
    #[error(transparent)]
    Source(E),
    #[error(transparent)]
    Store(StoreError),
}

/// What [`Store::bulk_load`] wrote.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Quads of the named graphs (the merge's are not counted).
    pub quads: u64,
    /// Triples handed to the loader for the default graph: the named graphs'
    /// quads less the shared entities' repeats.
    pub merged: u64,
    /// Where the load's wall time went.
    pub timings: LoadTimings,
}

/// Where a bulk load's wall time went, as the thread feeding the loader saw
/// it (the loader encodes and sorts on threads of its own meanwhile).
#[derive(Debug, Default)]
pub struct LoadTimings {
    /// Waiting for the next graph from the caller's iterator.
    pub source: Duration,
    /// Copying each quad into the default graph (the merge) and handing the
    /// quads to the loader, with the waits while its threads are busy.
    pub feeding: Duration,
    /// Waiting for the loader's last threads, and ingesting their sorted
    /// files into RocksDB.
    pub commit: Duration,
}

impl std::fmt::Display for LoadTimings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "waited for graphs {:.2?}, copied to the default graph and fed the loader {:.2?}, \
             committed {:.2?} (wall)",
            self.source, self.feeding, self.commit
        )
    }
}

/// The quads of report graphs and their merge, as one stream for the bulk
/// loader: each quad's triple in the default graph (a shared entity's only
/// the first time, see [`MergedShared`]), then the quad itself.
///
/// Why one stream: the loader cuts what it is given into batches of its own
/// size, and each call ends with a batch of what is left. Graphs gathered
/// into batches of ours first cost a copy of every quad on the one thread
/// feeding the loader, and a small batch (more sorted files for RocksDB to
/// compact) at the end of each.
struct WithMerge<'f, I> {
    graphs: I,
    /// The current graph's quads still to yield.
    quads: std::vec::IntoIter<Quad>,
    /// The quad whose default-graph copy was yielded last.
    named: Option<Quad>,
    /// The shared entities' triples merged so far.
    merged: MergedShared,
    /// Triples yielded for the default graph.
    merged_count: u64,
    on_graph: &'f mut dyn FnMut(&ReportGraph),
    /// Quads of the graphs taken so far.
    count: u64,
    /// Time spent waiting for graphs.
    source: Duration,
}

impl<'f, I> WithMerge<'f, I> {
    fn new(graphs: I, on_graph: &'f mut dyn FnMut(&ReportGraph)) -> Self {
        Self {
            graphs,
            quads: Vec::new().into_iter(),
            named: None,
            merged: MergedShared::default(),
            merged_count: 0,
            on_graph,
            count: 0,
            source: Duration::ZERO,
        }
    }
}

impl<I, E> Iterator for WithMerge<'_, I>
where
    I: Iterator<Item = Result<ReportGraph, E>>,
{
    type Item = Result<Quad, E>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(quad) = self.named.take() {
            return Some(Ok(quad));
        }
        loop {
            if let Some(quad) = self.quads.next() {
                if !self.merged.first(&quad) {
                    return Some(Ok(quad));
                }
                self.merged_count += 1;
                let merged = Quad::new(
                    quad.subject.clone(),
                    quad.predicate.clone(),
                    quad.object.clone(),
                    GraphName::DefaultGraph,
                );
                self.named = Some(quad);
                return Some(Ok(merged));
            }
            let clock = Instant::now();
            let graph = match self.graphs.next()? {
                Ok(graph) => graph,
                Err(e) => return Some(Err(e)),
            };
            self.source += clock.elapsed();
            (self.on_graph)(&graph);
            self.count += graph.quads.len() as u64;
            self.quads = graph.quads.into_iter();
        }
    }
}

/// The triples of shared entities ([`rdf::is_shared_entity`]) given to the
/// default graph so far, each known by a 128-bit SipHash of its terms.
///
/// Why: every report graph repeats the names, types and labels of the
/// people, organisations and topics it mentions, a quarter of its quads at
/// 1,000 reports; each repeat handed to the loader is encoded, sorted,
/// written and compacted away again. The triples of a report's own subjects
/// are not kept, as no other graph states them. Why hashes rather than the
/// triples: a 16-byte key for each distinct triple (160,000 at 1,000 reports)
/// instead of three strings; Oxigraph itself knows every string of the store
/// by such a hash, so two triples taken for one is as unlikely as two strings
/// taken for one there.
#[derive(Default)]
struct MergedShared {
    seen: HashSet<u128, foldhash::fast::FixedState>,
}

impl MergedShared {
    /// Whether `quad`'s triple is to be merged into the default graph now:
    /// always for a report's own subject, the first time for a shared one.
    fn first(&mut self, quad: &Quad) -> bool {
        match &quad.subject {
            NamedOrBlankNode::NamedNode(s) if rdf::is_shared_entity(s.as_str()) => {
                let mut hasher = siphasher::sip128::SipHasher13::new();
                (s.as_str(), quad.predicate.as_str(), &quad.object).hash(&mut hasher);
                self.seen.insert(hasher.finish128().as_u128())
            }
            _ => true,
        }
    }
}

/// Why feeding the loader stopped: the graphs' source, or the storage.
enum Fed<E> {
    Source(E),
    Storage(StorageError),
}

impl<E> From<StorageError> for Fed<E> {
    fn from(e: StorageError) -> Self {
        Self::Storage(e)
    }
}

/// The meetkg store: an Oxigraph store at a directory, one named graph per report.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
    /// The RocksDB directory itself (the generation's, for a store opened
    /// read-only through its link).
    db: PathBuf,
    /// The shared lock on the generation a reader opened (see
    /// [`crate::generations`]): no build removes it while this store is open.
    _reader: Option<std::sync::Arc<crate::generations::ReaderLock>>,
    /// The generation opened, for a store opened read-only through its link.
    generation: Option<String>,
}

impl Store {
    /// Opens the store at `path` for reading and writing, creating the directory
    /// if needed.
    ///
    /// Errors when the directory cannot be created or RocksDB cannot open it (for
    /// instance because another process holds it open for writing).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        std::fs::create_dir_all(&path).map_err(|source| StoreError::CreateDir {
            path: path.clone(),
            source,
        })?;
        let inner = oxigraph::store::Store::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            inner,
            db: path.clone(),
            path,
            _reader: None,
            generation: None,
        })
    }

    /// Opens an existing store read-only: the current generation the store path
    /// links to (see [`crate::generations`]), held so that no build removes it
    /// while it is open. Queries and exports run while a build writes the next
    /// generation, and see this one whole. Writes fail with
    /// [`StoreError::Storage`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        let (db, reader) =
            crate::generations::resolve_for_reading(&path).map_err(|e| StoreError::Open {
                path: path.clone(),
                source: io::Error::other(e).into(),
            })?;
        let inner =
            oxigraph::store::Store::open_read_only(&db).map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        let generation = reader.is_some().then(|| {
            db.parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        Ok(Self {
            inner,
            path,
            db,
            _reader: reader.map(std::sync::Arc::new),
            generation,
        })
    }

    /// Loads report graphs into a new, empty store with Oxigraph's bulk
    /// loader, which writes RocksDB's sorted tables directly instead of going
    /// through transactions: the fast path of a build from scratch. Each quad
    /// also goes to the default graph (the merge, see the module docs); a
    /// triple of a shared entity goes there once, the first time a graph
    /// states it, and the loader and RocksDB keep one copy of any other.
    /// Memory is bounded by the loader's batch (`max_memory_mb`), not by the
    /// corpus: graphs are pulled from the iterator as the loader goes.
    ///
    /// Returns the number of quads of the named graphs and where the time
    /// went. Nothing is visible until it returns; on error the store must be
    /// thrown away.
    pub fn bulk_load<E>(
        &self,
        graphs: impl Iterator<Item = Result<ReportGraph, E>>,
        max_memory_mb: usize,
        on_graph: &mut dyn FnMut(&ReportGraph),
    ) -> Result<Loaded, BulkLoadError<E>> {
        let mut loader = self
            .inner
            .bulk_loader()
            .with_max_memory_size_in_megabytes(max_memory_mb);
        let clock = Instant::now();
        let mut quads = WithMerge::new(graphs, on_graph);
        let fed =
            loader.load_ok_quads::<Fed<E>, Fed<E>>((&mut quads).map(|q| q.map_err(Fed::Source)));
        let mut loaded = Loaded {
            quads: quads.count,
            merged: quads.merged_count,
            timings: LoadTimings {
                source: quads.source,
                feeding: clock.elapsed().saturating_sub(quads.source),
                commit: Duration::ZERO,
            },
        };
        fed.map_err(|e| match e {
            Fed::Source(e) => BulkLoadError::Source(e),
            Fed::Storage(e) => BulkLoadError::Store(self.storage()(e)),
        })?;
        let clock = Instant::now();
        loader
            .commit()
            .map_err(|e| BulkLoadError::Store(self.storage()(e)))?;
        loaded.timings.commit = clock.elapsed();
        Ok(loaded)
    }

    /// Writes every buffer to RocksDB's tables and compacts them, so that the
    /// next open neither replays a write-ahead log nor merges many small files.
    pub fn flush_and_compact(&self, compact: bool) -> Result<(), StoreError> {
        self.inner.flush().map_err(self.storage())?;
        if compact {
            self.inner.optimize().map_err(self.storage())?;
        }
        Ok(())
    }

    /// The generation this store is (see [`crate::generations`]): `legacy` for
    /// a store an older meetkg wrote in place.
    pub fn generation(&self) -> &str {
        self.generation.as_deref().unwrap_or("legacy")
    }

    /// The store's directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The RocksDB directory the store reads.
    pub fn db_path(&self) -> &Path {
        &self.db
    }

    /// The store's tables opened for reading in order, beside Oxigraph (see
    /// [`RawStore`]): what a pass over every quad reads fastest.
    ///
    /// # Errors
    /// The tables cannot be read that way (then read through Oxigraph).
    pub fn raw(&self) -> Result<RawStore, RawError> {
        RawStore::open(&self.db)
    }

    /// The underlying Oxigraph store, for what this wrapper does not offer (the
    /// SPARQL HTTP endpoint, dumps in other formats).
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    fn storage(&self) -> impl Fn(StorageError) -> StoreError + '_ {
        |source| StoreError::Storage {
            path: self.path.clone(),
            source,
        }
    }

    /// Maps every report, then replaces their graphs in one transaction.
    ///
    /// All reports are mapped before anything is written: if one fails
    /// ([`StoreError::Mapping`]), the store is untouched. Graphs of reports not
    /// in `reports` are left as they are. Returns the graphs written. Cost: the
    /// transaction holds all the new quads in memory (a few thousand per report).
    pub fn replace_reports(&self, reports: &[Report]) -> Result<Vec<NamedNode>, StoreError> {
        let graphs = reports
            .iter()
            .map(|report| {
                rdf::report_graph(report).map_err(|source| StoreError::Mapping {
                    report: report.source.clone(),
                    source,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.replace_graphs(&graphs)?;
        Ok(graphs.into_iter().map(|g| g.graph).collect())
    }

    /// Replaces each graph's content with its quads, all in one transaction: on
    /// error nothing is written. Graphs not listed are left as they are; the
    /// default graph (the merge) is updated to match.
    ///
    /// Every quad should have its [`ReportGraph::graph`] as graph name, as
    /// [`rdf::report_graph`] guarantees; a quad naming another graph would be
    /// written there, outside the replace-and-merge bookkeeping.
    pub fn replace_graphs(&self, graphs: &[ReportGraph]) -> Result<(), StoreError> {
        self.apply(graphs, &[])
    }

    /// Drops the report graphs (`id:graph/...`) of reports not in `sources`, in
    /// one transaction, and returns the graphs dropped, sorted.
    ///
    /// `sources` are report file names, as in [`Report::source`] (`000_ab.txt`),
    /// not stems: a file name's stem is computed the same way the graph IRI was.
    /// Graphs outside `id:graph/` (an ontology graph, say) are never touched.
    pub fn remove_graphs_except<S: AsRef<str>>(
        &self,
        sources: &[S],
    ) -> Result<Vec<NamedNode>, StoreError> {
        let keep = sources
            .iter()
            .map(|source| {
                rdf::graph_iri(source.as_ref()).map_err(|e| StoreError::Mapping {
                    report: source.as_ref().to_owned(),
                    source: e,
                })
            })
            .collect::<Result<BTreeSet<_>, _>>()?;
        let prefix = format!("{ID_BASE}graph/");
        let mut dropped: Vec<NamedNode> = self
            .named_graphs()?
            .into_iter()
            .filter_map(|graph| match graph {
                NamedOrBlankNode::NamedNode(graph) => Some(graph),
                NamedOrBlankNode::BlankNode(_) => None,
            })
            .filter(|graph| graph.as_str().starts_with(&prefix) && !keep.contains(graph))
            .collect();
        dropped.sort();
        if !dropped.is_empty() {
            self.apply(&[], &dropped)?;
        }
        Ok(dropped)
    }

    /// One transaction: drop `drop`, replace `replace`, and keep the default
    /// graph equal to the merge of the named graphs.
    ///
    /// Reads happen before any write, so the bookkeeping does not depend on
    /// whether a transaction sees its own writes: a triple leaves the default
    /// graph when a touched graph held it, no touched graph holds it any more,
    /// and no untouched named graph holds it.
    fn apply(&self, replace: &[ReportGraph], drop: &[NamedNode]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction().map_err(self.storage())?;
        let touched: HashSet<&NamedNode> = replace.iter().map(|g| &g.graph).chain(drop).collect();
        let new_triples: HashSet<Triple> = replace
            .iter()
            .flat_map(|g| g.quads.iter().cloned().map(Triple::from))
            .collect();
        let mut old_triples: HashSet<Triple> = HashSet::new();
        for graph in &touched {
            for quad in transaction.quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            {
                old_triples.insert(quad.map_err(self.storage())?.into());
            }
        }
        let mut leaving = Vec::new();
        for triple in old_triples.difference(&new_triples) {
            let mut elsewhere = false;
            for quad in transaction.quads_for_pattern(
                Some(triple.subject.as_ref()),
                Some(triple.predicate.as_ref()),
                Some(triple.object.as_ref()),
                None,
            ) {
                elsewhere |= match quad.map_err(self.storage())?.graph_name {
                    GraphName::NamedNode(graph) => !touched.contains(&graph),
                    GraphName::BlankNode(_) => true,
                    GraphName::DefaultGraph => false,
                };
                if elsewhere {
                    break;
                }
            }
            if !elsewhere {
                leaving.push(triple);
            }
        }

        for graph in drop {
            transaction
                .remove_named_graph(graph.as_ref())
                .map_err(self.storage())?;
        }
        for graph in replace {
            transaction
                .remove_named_graph(graph.graph.as_ref())
                .map_err(self.storage())?;
            transaction.insert_named_graph(graph.graph.as_ref());
            transaction.extend(&graph.quads);
        }
        for triple in &new_triples {
            transaction.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        for triple in leaving {
            transaction.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        transaction.commit().map_err(self.storage())
    }

    /// Recomputes the default graph as the merge of all named graphs, in one
    /// transaction. Only needed after writing to the store other than through
    /// this type. Cost: the whole store passes through the transaction, in memory.
    pub fn rebuild_default_graph(&self) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction().map_err(self.storage())?;
        let named: Vec<Quad> = transaction
            .iter()
            .filter(|q| !matches!(q, Ok(q) if q.graph_name.is_default_graph()))
            .collect::<Result<_, _>>()
            .map_err(self.storage())?;
        transaction
            .clear_graph(GraphNameRef::DefaultGraph)
            .map_err(self.storage())?;
        for quad in &named {
            transaction.insert(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        transaction.commit().map_err(self.storage())
    }

    /// Number of quads in the named graphs: what the reports say, without the
    /// derived default graph. Cost: a full scan.
    pub fn len(&self) -> Result<usize, StoreError> {
        let all = self.inner.len().map_err(self.storage())?;
        let mut default = 0;
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        {
            quad.map_err(self.storage())?;
            default += 1;
        }
        Ok(all - default)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.inner.is_empty().map_err(self.storage())
    }

    /// The named graphs, sorted by IRI (blank-node graphs, which meetkg never
    /// writes, come after).
    pub fn named_graphs(&self) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        let mut graphs = self
            .inner
            .named_graphs()
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.storage())?;
        graphs.sort_by_cached_key(|g| (matches!(g, NamedOrBlankNode::BlankNode(_)), g.to_string()));
        Ok(graphs)
    }

    /// Runs a SPARQL query. Its default graph is the merge of all named graphs
    /// (see the module docs), unless the query names its own dataset (`FROM`,
    /// `FROM NAMED`).
    ///
    /// The prefixes of [`crate::vocab::PREFIXES`] (`foaf:`, `schema:`,
    /// `meetkg:`, `id:`...) are predeclared, so short interactive queries need no
    /// `PREFIX` lines; a query's own `PREFIX` lines override them. The results
    /// read a snapshot: a build committing meanwhile does not change them.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        for &(prefix, iri) in PREFIXES {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .map_err(|source| StoreError::Prefix { prefix, source })?;
        }
        Ok(evaluator
            .parse_query(sparql)?
            .on_store(&self.inner)
            .execute()?)
    }

    /// Every quad of the named graphs, in the store's order (not sorted), one at
    /// a time: what a pass over an archive's store needs without holding it.
    pub fn named_quads(&self) -> impl Iterator<Item = Result<Quad, StoreError>> + '_ {
        self.inner
            .iter()
            .filter(|q| !matches!(q, Ok(q) if q.graph_name.is_default_graph()))
            .map(|q| q.map_err(self.storage()))
    }

    /// The triples of one named graph, in no particular order.
    ///
    /// Read through the SPARQL engine rather than as quads: Oxigraph decodes
    /// every term it returns with a lookup of its own, and a quad's graph name
    /// is the same for the whole graph. Three terms decoded a statement instead
    /// of four made reading a 1,000-report store's graphs about a third cheaper
    /// (`dump`, issue 21). A blank-node graph (which meetkg never writes, and
    /// SPARQL cannot name) is read as quads.
    pub fn graph_triples(&self, graph: &NamedOrBlankNode) -> Result<Vec<Triple>, StoreError> {
        let NamedOrBlankNode::NamedNode(name) = graph else {
            return self.graph_triples_as_quads(graph);
        };
        let query = format!("SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}");
        let QueryResults::Solutions(rows) = self.query(&query)? else {
            return Ok(Vec::new());
        };
        let mut triples = Vec::new();
        for row in rows {
            match solution_triple(row?.values()) {
                Some(triple) => triples.push(triple),
                // A shape SPARQL gave that no triple has: read the quads.
                None => return self.graph_triples_as_quads(graph),
            }
        }
        Ok(triples)
    }

    fn graph_triples_as_quads(&self, graph: &NamedOrBlankNode) -> Result<Vec<Triple>, StoreError> {
        Ok(self
            .graph_quads(graph)?
            .into_iter()
            .map(Triple::from)
            .collect())
    }

    /// The quads of one named graph, in the store's order.
    pub fn graph_quads(&self, graph: &NamedOrBlankNode) -> Result<Vec<Quad>, StoreError> {
        self.inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()
            .map_err(self.storage())
    }

    /// Every quad of the named graphs, sorted by graph, subject, predicate and
    /// object (compared as N-Quads terms), so dumps of the same store are
    /// byte-identical. The default graph is left out: it is derived (the merge
    /// of the named graphs) and a dump would only repeat it.
    ///
    /// Cost: the whole store in memory, plus one string per term for sorting.
    pub fn sorted_quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut quads = self
            .inner
            .iter()
            .filter(|q| !matches!(q, Ok(q) if q.graph_name.is_default_graph()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.storage())?;
        quads.sort_by_cached_key(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        Ok(quads)
    }
}

/// The triple of a `?s ?p ?o` solution.
fn solution_triple(values: &[Option<Term>]) -> Option<Triple> {
    let [Some(s), Some(Term::NamedNode(p)), Some(o)] = values else {
        return None;
    };
    let subject: NamedOrBlankNode = match s {
        Term::NamedNode(n) => n.clone().into(),
        Term::BlankNode(b) => b.clone().into(),
        _ => return None,
    };
    Some(Triple::new(subject, p.clone(), o.clone()))
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rdf::tests::sample_report;
    use oxigraph::model::{GraphName, Term};
    use std::collections::HashSet;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A store in a temporary directory with the sample report and a second
    /// report (meeting 47, fewer people) loaded.
    pub(crate) fn sample_store() -> Result<(tempfile::TempDir, Store), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path().join("store"))?;
        store.replace_reports(&[sample_report(), second_report()])?;
        Ok((dir, store))
    }

    pub(crate) fn second_report() -> Report {
        let mut report = sample_report();
        report.source = "001_second.txt".into();
        report.meeting.number = Some(47);
        report.meeting.date = chrono::NaiveDate::from_ymd_opt(2022, 11, 3);
        report.meeting.next_meeting_date = None;
        report.people.truncate(2);
        report.people[1].listed = false;
        report.people[1].spoke = false;
        report.people[1].evidence.clear();
        report.topics.truncate(1);
        report
    }

    /// Read through SPARQL (three terms decoded a statement), a graph's
    /// triples are those of its quads, blank nodes included, and a blank-node
    /// graph (which SPARQL cannot name) is read too.
    #[test]
    fn graph_triples_are_the_triples_of_the_graph_quads() -> TestResult {
        let (_dir, store) = sample_store()?;
        let named = NamedNode::new("https://w3id.org/meetkg/id/graph/000-sample")?;
        let blank = oxigraph::model::BlankNode::new("b0")?;
        let ox = store.oxigraph();
        ox.insert(QuadRef::new(
            &blank,
            crate::vocab::rdf::TYPE,
            &blank,
            &named,
        ))?;
        ox.insert(QuadRef::new(
            &named,
            crate::vocab::rdf::TYPE,
            &blank,
            &blank,
        ))?;
        let graphs = store.named_graphs()?;
        assert!(graphs.len() >= 3);
        for graph in graphs {
            let mut expected: Vec<String> = store
                .graph_quads(&graph)?
                .into_iter()
                .map(|q| Triple::from(q).to_string())
                .collect();
            let mut read: Vec<String> = store
                .graph_triples(&graph)?
                .iter()
                .map(Triple::to_string)
                .collect();
            expected.sort();
            read.sort();
            assert!(!read.is_empty());
            assert_eq!(read, expected, "{graph}");
        }
        Ok(())
    }

    fn graph_quads(store: &Store, graph: &NamedNode) -> Result<HashSet<Quad>, StoreError> {
        Ok(store
            .sorted_quads()?
            .into_iter()
            .filter(|q| q.graph_name == GraphName::from(graph.clone()))
            .collect())
    }

    #[test]
    fn store_round_trips_the_mapping() -> TestResult {
        let (_dir, store) = sample_store()?;
        let expected = rdf::report_graph(&sample_report())?;
        let stored = graph_quads(&store, &expected.graph)?;
        assert_eq!(stored, expected.quads.into_iter().collect::<HashSet<_>>());
        Ok(())
    }

    #[test]
    fn replace_keeps_other_graphs_intact() -> TestResult {
        let (_dir, store) = sample_store()?;
        let second = rdf::graph_iri(&second_report().source)?;
        let before = graph_quads(&store, &second)?;
        assert!(!before.is_empty());

        let mut changed = sample_report();
        changed.topics.clear();
        store.replace_reports(&[changed.clone()])?;
        assert_eq!(graph_quads(&store, &second)?, before);
        let first = rdf::report_graph(&changed)?;
        assert_eq!(
            graph_quads(&store, &first.graph)?,
            first.quads.into_iter().collect::<HashSet<_>>()
        );
        assert_eq!(store.named_graphs()?.len(), 2);
        Ok(())
    }

    #[test]
    fn failed_mapping_writes_nothing() -> TestResult {
        let (_dir, store) = sample_store()?;
        let before = store.sorted_quads()?;
        let mut broken = second_report();
        broken.people[0].name = String::new();
        let mut changed = sample_report();
        changed.topics.clear();
        let err = store.replace_reports(&[changed, broken]);
        assert!(matches!(err, Err(StoreError::Mapping { .. })), "{err:?}");
        assert_eq!(store.sorted_quads()?, before);
        Ok(())
    }

    #[test]
    fn remove_graphs_except_drops_only_stale_report_graphs() -> TestResult {
        let (_dir, store) = sample_store()?;
        let other = NamedNode::new("https://example.org/ontology")?;
        store.oxigraph().insert(&Quad::new(
            other.clone(),
            other.clone(),
            other.clone(),
            other.clone(),
        ))?;
        let dropped = store.remove_graphs_except(&["000_sample.txt"])?;
        assert_eq!(dropped, vec![rdf::graph_iri("001_second.txt")?]);
        let graphs = store.named_graphs()?;
        assert_eq!(
            graphs,
            vec![
                NamedOrBlankNode::from(other),
                NamedOrBlankNode::from(rdf::graph_iri("000_sample.txt")?)
            ]
        );
        assert!(store.remove_graphs_except(&["000_sample.txt"])?.is_empty());
        Ok(())
    }

    #[test]
    fn queries_see_the_merge_of_graphs() -> TestResult {
        let (_dir, store) = sample_store()?;
        let QueryResults::Solutions(solutions) = store.query(
            "SELECT ?m WHERE { ?m schema:attendee <https://w3id.org/meetkg/id/person/wolfgang-kleinwachter> }",
        )?
        else {
            return Err("not solutions".into());
        };
        let meetings = solutions.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(meetings.len(), 1);

        let QueryResults::Solutions(solutions) =
            store.query("SELECT DISTINCT ?m WHERE { ?m a schema:Event }")?
        else {
            return Err("not solutions".into());
        };
        assert_eq!(solutions.count(), 2);

        // FROM restricts the default graph as the query asks.
        let g = rdf::graph_iri("001_second.txt")?;
        let QueryResults::Solutions(solutions) = store.query(&format!(
            "SELECT DISTINCT ?m FROM <{}> WHERE {{ ?m a schema:Event }}",
            g.as_str()
        ))?
        else {
            return Err("not solutions".into());
        };
        let rows = solutions.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].get("m"),
            Some(&Term::from(rdf::meeting_iri(
                &second_report().meeting,
                "001_second.txt"
            )?))
        );
        Ok(())
    }

    /// The default graph holds each distinct triple of the named graphs once.
    fn assert_default_graph_is_the_merge(store: &Store) -> TestResult {
        let mut named = HashSet::new();
        let mut default = HashSet::new();
        let mut default_count = 0;
        for quad in store.oxigraph().iter() {
            let quad = quad?;
            if quad.graph_name.is_default_graph() {
                default_count += 1;
                default.insert(Triple::from(quad));
            } else {
                named.insert(Triple::from(quad));
            }
        }
        assert_eq!(default, named);
        assert_eq!(default_count, default.len());
        Ok(())
    }

    /// Regression test for oxigraph#1919: a triple held by two report graphs
    /// (Amrita's name) must give one solution, not one per graph.
    #[test]
    fn shared_triples_are_counted_once() -> TestResult {
        let (_dir, store) = sample_store()?;
        assert_default_graph_is_the_merge(&store)?;
        let QueryResults::Solutions(solutions) = store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/meetkg/id/person/amrita-choudhury> foaf:name ?name }",
        )?
        else {
            return Err("not solutions".into());
        };
        let rows = solutions.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(
            rows[0].get("n"),
            Some(&Term::from(oxigraph::model::Literal::from(1)))
        );
        Ok(())
    }

    /// Why the merge is stored (see the module docs): Oxigraph's own union of
    /// the named graphs still gives a triple that two reports state once per
    /// report (oxigraph#1919). When an upgrade makes this test fail, the
    /// union can answer queries and the build can stop writing the merge (a
    /// quarter of the store's load time, and of its size).
    #[test]
    fn oxigraph_union_still_counts_a_triple_once_per_graph() -> TestResult {
        let (_dir, store) = sample_store()?;
        // The named graphs alone: the union must not see the merge as well.
        store.oxigraph().clear_graph(GraphNameRef::DefaultGraph)?;
        let mut query = SparqlEvaluator::new().parse_query(
            "SELECT (COUNT(*) AS ?n) WHERE { \
             <https://w3id.org/meetkg/id/person/amrita-choudhury> \
             <http://xmlns.com/foaf/0.1/name> ?name }",
        )?;
        query.dataset_mut().set_default_graph_as_union();
        let QueryResults::Solutions(solutions) = query.on_store(store.oxigraph()).execute()? else {
            return Err("not solutions".into());
        };
        let rows = solutions.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(
            rows[0].get("n"),
            Some(&Term::from(oxigraph::model::Literal::from(2))),
            "oxigraph's union default graph counts a shared triple once: the merge may go"
        );
        Ok(())
    }

    #[test]
    fn default_graph_follows_replacements_and_removals() -> TestResult {
        let (_dir, store) = sample_store()?;
        let netmundial = NamedNode::new("https://w3id.org/meetkg/id/topic/netmundial")?;
        let amrita = NamedNode::new("https://w3id.org/meetkg/id/person/amrita-choudhury")?;
        let in_default = |s: &NamedNode| -> Result<bool, StoreError> {
            Ok(store
                .oxigraph()
                .quads_for_pattern(
                    Some(s.as_ref().into()),
                    None,
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .next()
                .is_some())
        };
        assert!(in_default(&netmundial)? && in_default(&amrita)?);

        // NETmundial only comes from the first report: gone with its topic.
        let mut changed = sample_report();
        changed.topics.truncate(1);
        store.replace_reports(&[changed])?;
        assert_default_graph_is_the_merge(&store)?;
        assert!(!in_default(&netmundial)?);

        // Dropping the second report keeps what the first still says.
        store.remove_graphs_except(&["000_sample.txt"])?;
        assert_default_graph_is_the_merge(&store)?;
        assert!(in_default(&amrita)?);

        // Dropping everything empties the store, default graph included.
        store.remove_graphs_except::<&str>(&[])?;
        assert!(store.oxigraph().is_empty()?);
        assert_eq!(store.len()?, 0);
        Ok(())
    }

    /// The bulk loader's stream (each quad after its default-graph copy)
    /// must give the store a transaction gives: the same quads, and the
    /// default graph the merge, with a triple two reports state once.
    #[test]
    fn bulk_load_writes_what_replacing_writes() -> TestResult {
        let (_dir, replaced) = sample_store()?;
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path().join("bulk"))?;
        let graphs = [sample_report(), second_report()]
            .iter()
            .map(rdf::report_graph)
            .collect::<Result<Vec<_>, _>>()?;
        let named: u64 = graphs.iter().map(|g| g.quads.len() as u64).sum();
        let mut seen = 0;
        let loaded = store
            .bulk_load(
                graphs.into_iter().map(Ok::<_, std::convert::Infallible>),
                16,
                &mut |_| seen += 1,
            )
            .map_err(|e| e.to_string())?;
        assert_eq!((loaded.quads, seen), (named, 2));
        let all =
            |s: &Store| -> Result<HashSet<Quad>, StorageError> { s.oxigraph().iter().collect() };
        assert_eq!(all(&store)?, all(&replaced)?);
        assert_default_graph_is_the_merge(&store)
    }

    /// The stream given to the loader holds every quad of the graphs, and
    /// each triple of a shared entity once in the default graph however many
    /// graphs state it (the person and topic triples the two reports repeat).
    #[test]
    fn merge_hands_a_shared_triple_to_the_loader_once() -> TestResult {
        let graphs = [sample_report(), second_report()]
            .iter()
            .map(rdf::report_graph)
            .collect::<Result<Vec<_>, _>>()?;
        let named: HashSet<Quad> = graphs.iter().flat_map(|g| g.quads.clone()).collect();
        let shared = |q: &Quad| matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if rdf::is_shared_entity(s.as_str()));
        let repeated = graphs[1]
            .quads
            .iter()
            .filter(|q| {
                shared(q)
                    && graphs[0]
                        .quads
                        .iter()
                        .any(|p| Triple::from((*p).clone()) == Triple::from((*q).clone()))
            })
            .count();
        assert!(repeated > 0, "the two sample graphs share entity triples");
        let mut on_graph = |_: &ReportGraph| {};
        let stream: Vec<Quad> = WithMerge::new(
            graphs.into_iter().map(Ok::<_, std::convert::Infallible>),
            &mut on_graph,
        )
        .collect::<Result<_, _>>()?;
        let (default, in_graphs): (Vec<Quad>, Vec<Quad>) = stream
            .into_iter()
            .partition(|q| q.graph_name.is_default_graph());
        assert_eq!(in_graphs.into_iter().collect::<HashSet<_>>(), named);
        let distinct: HashSet<Triple> = default.iter().cloned().map(Triple::from).collect();
        let repeats = default.len() - distinct.len();
        assert_eq!(repeats, 0, "a triple given twice to the default graph");
        let merge: HashSet<Triple> = named.into_iter().map(Triple::from).collect();
        assert_eq!(distinct, merge);
        assert!(rdf::is_shared_entity(&format!("{ID_BASE}person/ada")));
        assert!(!rdf::is_shared_entity(&format!("{ID_BASE}meeting/igf/3")));
        Ok(())
    }

    /// A graph that cannot be made stops the load with its error.
    #[test]
    fn bulk_load_stops_at_the_source_error() -> TestResult {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path().join("bulk"))?;
        let graphs = vec![Ok(rdf::report_graph(&sample_report())?), Err("broken")];
        let loaded = store.bulk_load(graphs.into_iter(), 16, &mut |_| {});
        assert!(
            matches!(loaded, Err(BulkLoadError::Source("broken"))),
            "{loaded:?}"
        );
        Ok(())
    }

    #[test]
    fn rebuild_default_graph_repairs_the_merge() -> TestResult {
        let (_dir, store) = sample_store()?;
        let before: HashSet<Quad> = store.oxigraph().iter().collect::<Result<_, _>>()?;
        store.oxigraph().clear_graph(GraphNameRef::DefaultGraph)?;
        let junk = NamedNode::new("https://example.org/junk")?;
        store.oxigraph().insert(QuadRef::new(
            &junk,
            &junk,
            &junk,
            GraphNameRef::DefaultGraph,
        ))?;
        store.rebuild_default_graph()?;
        let after: HashSet<Quad> = store.oxigraph().iter().collect::<Result<_, _>>()?;
        assert_eq!(before, after);
        Ok(())
    }

    #[test]
    fn query_errors_are_typed() -> TestResult {
        let (_dir, store) = sample_store()?;
        assert!(matches!(
            store.query("SELECT nonsense"),
            Err(StoreError::Syntax(_))
        ));
        Ok(())
    }

    #[test]
    fn sorted_quads_are_sorted_and_complete() -> TestResult {
        let (_dir, store) = sample_store()?;
        let quads = store.sorted_quads()?;
        assert_eq!(quads.len(), store.len()?);
        assert!(!store.is_empty()?);
        let keys: Vec<_> = quads
            .iter()
            .map(|q| {
                (
                    q.graph_name.to_string(),
                    q.subject.to_string(),
                    q.predicate.to_string(),
                    q.object.to_string(),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        Ok(())
    }

    #[test]
    fn open_reports_the_path() -> TestResult {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, b"x")?;
        let err = Store::open(&file)
            .map(|_| ())
            .err()
            .ok_or("opened a file as a store")?;
        assert!(err.to_string().contains("not-a-dir"), "{err}");
        Ok(())
    }
}
