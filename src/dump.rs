//! Writes the whole store as RDF dump files for data portals, with a VoID/DCAT
//! description (`void.ttl`) and a `SHA256SUMS` file beside them.
//!
//! Rationale: a data portal (or a researcher mirroring the data) harvests files,
//! not a SPARQL endpoint. It wants to know what a file holds before downloading
//! it, to check what it downloaded, and to see that nothing changed when nothing
//! changed. So a dump is:
//!
//! - **deterministic**: the same store, options and date give byte-identical
//!   files. Statements are sorted (graph by graph, and the union on disk), the Turtle and TriG
//!   prefixes are always the same ([`crate::vocab::PREFIXES`]), blank nodes (which
//!   meetkg never writes, but a store edited by hand may hold) are skolemised to
//!   `id:.well-known/genid/{sha256 of the blank node id}` IRIs whose names are
//!   stable for the same store, and gzip is written with a fixed header (no
//!   modification time, no file name). The date is an input ([`DumpOptions::date`]),
//!   never read from a clock or from file times here: the store records no
//!   modification date, and the RocksDB files' times change when the store is
//!   merely opened. (The command defaults it to today's UTC date.)
//! - **named by date and version**: `meetkg-{date}-v{crate version}.{ext}[.gz]`,
//!   plus `meetkg-latest.{ext}[.gz]`, a full copy (not a symlink, which some
//!   web servers and sync tools do not follow, and not a hard link, which
//!   `rsync` without `-H` turns into a second copy anyway) for a stable URL.
//! - **described**: `void.ttl` is a `void:Dataset` and `dcat:Dataset` (DCAT-AP 3
//!   style) with the counts, vocabularies, class partitions, license, and one
//!   `dcat:Distribution` per dated file with its media type, size and SHA-256.
//!   It holds no blank nodes either: the checksum nodes are `<{file}#checksum>`.
//!   Without a base URL the files are named by relative IRIs (`<meetkg-...nq>`),
//!   which a reader resolves against wherever `void.ttl` is published.
//! - **atomic per file, staged as a set**: every file is first written to a
//!   hidden temporary file beside its target and synced; only when all of them
//!   are written are they renamed into place, dated dumps first and `SHA256SUMS`
//!   last. A dump that fails or is killed while writing leaves the previous files
//!   as they were (and, if killed, hidden `.*.tmp` files, which the next dump
//!   removes). The renames
//!   themselves are not one atomic step: a crash between them can leave new dump
//!   files with the previous `void.ttl`, which `sha256sum -c SHA256SUMS` (renamed
//!   last) then reports.
//!
//! Counts: `void:triples` is the number of distinct triples in the union of the
//! named graphs (the store's default graph, see [`crate::store`]); a triple two
//! reports state is one triple. The N-Quads and TriG files hold more statements
//! than that (one per graph stating it); `void.ttl` starts with a comment giving
//! that quad count, since VoID has no term for it.
//!
//! This module does not decide where dumps are published or how old dumps are
//! pruned: dated files of earlier runs are left alone, and `void.ttl` and
//! `SHA256SUMS` describe the files of the latest run only.

mod gzip;
mod line;
mod merged;
mod spill;

use crate::atomic::Staged;
use crate::dataset::{serializer, Dataset, Distribution, Stats, StatsCounter, VoidError};
pub use crate::dataset::{DEFAULT_LICENSE, VOID_FILE};
use crate::store::{RawStore, Store, StoreError};
use chrono::NaiveDate;
use flate2::Compression;
use gzip::ThreadedGzip;
use merged::Tally;
use oxigraph::io::RdfFormat;
use oxigraph::model::{
    BlankNode, GraphName, IriParseError, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use spill::Spill;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The checksum file written beside the dumps, in `sha256sum` format.
pub const SUMS_FILE: &str = "SHA256SUMS";
/// Where skolemised blank nodes live (RDF 1.1 §3.5 `.well-known/genid/`).
pub const GENID_BASE: &str = "https://w3id.org/meetkg/id/.well-known/genid/";

/// The version in dump file names.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// An RDF syntax to dump in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DumpFormat {
    /// N-Quads: one statement a line, with its report's graph.
    Nq,
    /// TriG: Turtle grouped by graph, one block per report.
    Trig,
    /// Turtle: the union of the graphs, deduplicated (no graph names).
    Ttl,
    /// N-Triples: the union of the graphs, deduplicated, one triple a line.
    Nt,
}

impl DumpFormat {
    /// Every format, in the order of the docs.
    pub const ALL: [Self; 4] = [Self::Nq, Self::Trig, Self::Ttl, Self::Nt];

    /// The name on the command line: the file extension.
    pub fn as_str(self) -> &'static str {
        self.extension()
    }

    /// What the format is, for the command line's help.
    pub fn help(self) -> &'static str {
        match self {
            Self::Nq => "N-Quads: one statement a line, with its report's graph",
            Self::Trig => "TriG: Turtle grouped by graph, one block per report",
            Self::Ttl => "Turtle: the union of the graphs, deduplicated (no graph names)",
            Self::Nt => "N-Triples: the union of the graphs, deduplicated, one triple a line",
        }
    }

    /// The file extension, also the name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Nq => "nq",
            Self::Trig => "trig",
            Self::Ttl => "ttl",
            Self::Nt => "nt",
        }
    }

    /// The IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Nq => "application/n-quads",
            Self::Trig => "application/trig",
            Self::Ttl => "text/turtle",
            Self::Nt => "application/n-triples",
        }
    }

    /// Whether the format keeps the report graphs (else it holds their union).
    pub fn has_graphs(self) -> bool {
        matches!(self, Self::Nq | Self::Trig)
    }

    fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Nq => RdfFormat::NQuads,
            Self::Trig => RdfFormat::TriG,
            Self::Ttl => RdfFormat::Turtle,
            Self::Nt => RdfFormat::NTriples,
        }
    }

    /// The file name of a dump in this format: `meetkg-{tag}.{ext}[.gz]`.
    fn file_name(self, tag: &str, gzip: bool) -> String {
        let gz = if gzip { ".gz" } else { "" };
        format!("meetkg-{tag}.{}{gz}", self.extension())
    }
}

/// What to dump, where, and how to describe it.
#[derive(Debug, Clone)]
pub struct DumpOptions {
    /// Directory for the dumps, `void.ttl` and `SHA256SUMS` (created if needed).
    pub out_dir: PathBuf,
    /// The syntaxes to write, one dated file (and one `latest` copy) each;
    /// duplicates are ignored.
    pub formats: Vec<DumpFormat>,
    /// Compress every dump with gzip (`.gz`).
    pub gzip: bool,
    /// The date in the file names and in `dcterms:modified`.
    pub date: NaiveDate,
    /// The dataset's license (`dcterms:license`).
    pub license: NamedNode,
    /// Where the files will be published: file IRIs are resolved against it.
    /// `None` writes them as IRIs relative to `void.ttl`.
    pub base_url: Option<NamedNode>,
    /// A SPARQL endpoint serving the same data (`void:sparqlEndpoint`).
    pub endpoint: Option<NamedNode>,
}

impl DumpOptions {
    /// The dataset these options describe.
    pub fn dataset(&self) -> Dataset {
        Dataset {
            date: self.date,
            license: self.license.clone(),
            base_url: self.base_url.clone(),
            endpoint: self.endpoint.clone(),
        }
    }

    /// N-Quads, uncompressed, CC BY 4.0, relative IRIs, no endpoint.
    pub fn new(out_dir: impl Into<PathBuf>, date: NaiveDate) -> Self {
        Self {
            out_dir: out_dir.into(),
            formats: vec![DumpFormat::Nq],
            gzip: false,
            date,
            license: NamedNode::new_unchecked(DEFAULT_LICENSE),
            base_url: None,
            endpoint: None,
        }
    }
}

/// One dump file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpFile {
    /// Its syntax.
    pub format: DumpFormat,
    /// The dated file.
    pub path: PathBuf,
    /// The `meetkg-latest` copy.
    pub latest: PathBuf,
    /// Size in bytes (of the compressed file when gzipped).
    pub byte_size: u64,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

/// What [`write_dump`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpReport {
    /// The dumps, in the order of their formats.
    pub files: Vec<DumpFile>,
    /// The VoID/DCAT description.
    pub void: PathBuf,
    /// The checksum file.
    pub sums: PathBuf,
    /// Distinct triples in the union of the named graphs (`void:triples`).
    pub triples: usize,
    /// Statements in the named graphs (the lines of an N-Quads dump).
    pub quads: usize,
    /// Named graphs (reports).
    pub graphs: usize,
}

impl DumpReport {
    /// Every path written, in the order they were renamed into place.
    pub fn paths(&self) -> Vec<&Path> {
        let mut paths: Vec<&Path> = self.files.iter().map(|f| f.path.as_path()).collect();
        paths.extend(self.files.iter().map(|f| f.latest.as_path()));
        paths.push(&self.void);
        paths.push(&self.sums);
        paths
    }
}

/// Why a dump failed. Whatever the variant, the files of the previous dump are
/// as they were, except after [`DumpError::Rename`] (see its docs).
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// The store could not be read.
    #[error("cannot read the store")]
    Store(#[from] StoreError),
    /// No format was asked for.
    #[error("no dump format given")]
    NoFormat,
    /// The VoID/DCAT description cannot be written (a base URL or file
    /// name that makes no IRI).
    #[error(transparent)]
    Void(#[from] VoidError),
    /// A prefix for Turtle or TriG is not a valid IRI (a bug in the prefix table).
    #[error("prefix {prefix}: is not a valid IRI")]
    Prefix {
        prefix: String,
        #[source]
        source: IriParseError,
    },
    /// Serialising or compressing a file in memory failed.
    #[error("cannot serialise {file}")]
    Serialize {
        file: String,
        #[source]
        source: io::Error,
    },
    /// The store's count of the union is not a number (a bug: the queries
    /// ask for numbers).
    #[error("the store counted the union as {0}, not as a number")]
    Count(String),
    /// Sorting the union on disk (in the system's temporary directory) failed.
    #[error("cannot sort the statements on disk (in the temporary directory)")]
    Sort(#[source] io::Error),
    /// The output directory could not be created.
    #[error("cannot create the output directory {}", .path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A temporary file could not be written; nothing was renamed into place.
    #[error("cannot write {}; the previous files were left as they were", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A temporary file could not be renamed into place. The files listed in
    /// `replaced` (possibly none) are already the new ones; the others are the
    /// previous ones.
    #[error("cannot rename the new {} into place ({} file(s) already replaced)", .path.display(), .replaced.len())]
    Rename {
        path: PathBuf,
        replaced: Vec<PathBuf>,
        #[source]
        source: io::Error,
    },
}

/// Dumps every named graph of `store` in each of `options.formats`, with
/// `void.ttl` and `SHA256SUMS`, into `options.out_dir`.
///
/// Files are staged then renamed (see the module docs): on error the previous
/// files are left in place, except after a failed rename ([`DumpError::Rename`]).
///
/// Cost: streamed, so memory is bounded whatever the size of the store. The
/// N-Quads and TriG dumps are written graph by graph (one report's quads in
/// memory at a time, sorted); the union, which the Turtle and N-Triples dumps
/// hold, is sorted on disk (`SORT_BUDGET` bytes of statements in memory at a
/// time) and deduplicated as it is merged. Without a union format nothing is
/// sorted: `void.ttl`'s counts of the union are the store's (`dump::merged`).
pub fn write_dump(store: &Store, options: &DumpOptions) -> Result<DumpReport, DumpError> {
    let formats: BTreeSet<DumpFormat> = options.formats.iter().copied().collect();
    if formats.is_empty() {
        return Err(DumpError::NoFormat);
    }
    fs::create_dir_all(&options.out_dir).map_err(|source| DumpError::CreateDir {
        path: options.out_dir.clone(),
        source,
    })?;
    // What a dump killed while staging left behind.
    crate::atomic::remove_stale_temp_files(&options.out_dir);
    let dated_tag = format!("{}-v{VERSION}", crate::model::iso::date(options.date));
    let mut staged: Vec<Staged> = Vec::new();
    let result = stage_dump(store, options, &formats, &dated_tag, &mut staged);
    match result {
        Ok(report) => {
            commit(&options.out_dir, staged)?;
            Ok(report)
        }
        Err(e) => {
            discard(&staged);
            Err(e)
        }
    }
}

/// Writes every file of a dump to its temporary name, recording each in
/// `staged` as soon as it exists (so the caller can discard them on error).
fn stage_dump(
    store: &Store,
    options: &DumpOptions,
    formats: &BTreeSet<DumpFormat>,
    dated_tag: &str,
    staged: &mut Vec<Staged>,
) -> Result<DumpReport, DumpError> {
    let dir = &options.out_dir;
    let mut sinks = Vec::new();
    for &format in formats {
        let name = format.file_name(dated_tag, options.gzip);
        let file = Staged::new(dir.join(&name));
        let sink = Sink::create(format, &file, options.gzip)?;
        staged.push(file);
        sinks.push(sink);
    }
    let (mut named, mut union): (Vec<Sink>, Vec<Sink>) =
        sinks.into_iter().partition(|s| s.format.has_graphs());
    let stats = write_statements(store, &mut named, &mut union, SORT_BUDGET)?;

    let mut files = Vec::new();
    for sink in named.into_iter().chain(union) {
        files.push(sink.finish()?);
    }
    files.sort_by_key(|f| f.format);
    // The `latest` copies, renamed after every dated file.
    for file in &files {
        let copy = Staged::new(file.latest.clone());
        let dated_temp = crate::atomic::temp_path(&file.path);
        let copied = fs::copy(&dated_temp, &copy.temp)
            .and_then(|_| File::open(&copy.temp).and_then(|f| f.sync_all()));
        staged.push(Staged::new(copy.target.clone()));
        copied.map_err(|source| DumpError::Write {
            path: copy.target,
            source,
        })?;
    }

    let void = crate::dataset::dump_void(
        &stats,
        &options.dataset(),
        &distributions(&files, options.gzip),
    )?;
    let mut sums: Vec<(String, String)> = files
        .iter()
        .flat_map(|f| [&f.path, &f.latest].map(|p| (p, &f.sha256)))
        .map(|(p, hash)| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, hash.clone())
        })
        .collect();
    sums.push((VOID_FILE.to_owned(), hex::encode(Sha256::digest(&void))));
    sums.sort();
    let sums: String = sums
        .iter()
        .map(|(name, hash)| format!("{hash}  {name}\n"))
        .collect();
    staged.extend(stage(
        dir,
        &[
            (VOID_FILE.to_owned(), &void[..]),
            (SUMS_FILE.to_owned(), sums.as_bytes()),
        ],
    )?);
    Ok(DumpReport {
        files,
        void: dir.join(VOID_FILE),
        sums: dir.join(SUMS_FILE),
        triples: stats.triples,
        quads: stats.quads,
        graphs: stats.graphs,
    })
}

/// Bytes of statements held in memory at once while the union is sorted on
/// disk.
const SORT_BUDGET: usize = 128 << 20;

/// Bytes buffered before each dump's compressor and checksum: they see large
/// slices rather than one term at a time.
const WRITE_BUFFER: usize = 1 << 20;

/// Named graphs read from the store in parallel before they are written in
/// order: enough to keep every core decoding, few enough to stay small.
const GRAPHS_AT_ONCE: usize = 64;

/// A file of bytes being written: counted and hashed on the way to disk.
struct Counted<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

type FileOut = Counted<io::BufWriter<File>>;

/// A dump's bytes on their way to the counted temporary file, through gzip
/// when asked.
enum Compressed {
    Plain(FileOut),
    Gzip(ThreadedGzip<FileOut>),
}

impl Write for Compressed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Plain(w) => w.write(buf),
            Self::Gzip(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Plain(w) => w.flush(),
            Self::Gzip(w) => w.flush(),
        }
    }
}

impl Compressed {
    /// Ends the compression: the counted file, not yet flushed to disk.
    fn finish(self) -> io::Result<FileOut> {
        match self {
            Self::Plain(w) => Ok(w),
            Self::Gzip(w) => w.finish(),
        }
    }
}

type Buffered = io::BufWriter<Compressed>;

/// How a dump's statements become text. N-Quads and N-Triples are the
/// statement lines this module already holds (a term's `Display` is its
/// N-Triples form, which Oxigraph's own serialisers print), written as they
/// are; Turtle and TriG need Oxigraph's serialiser, for prefixes and grouping.
#[expect(
    clippy::large_enum_variant,
    reason = "one per dump file, made once and never moved in a loop"
)]
enum Out {
    Lines(Buffered),
    Terms(oxigraph::io::WriterQuadSerializer<Buffered>),
}

/// One dump being written.
struct Sink {
    format: DumpFormat,
    path: PathBuf,
    latest: PathBuf,
    out: Out,
}

impl Sink {
    fn create(format: DumpFormat, file: &Staged, gzip: bool) -> Result<Self, DumpError> {
        let write_error = |source| DumpError::Write {
            path: file.target.clone(),
            source,
        };
        let counted = Counted {
            inner: io::BufWriter::new(File::create(&file.temp).map_err(write_error)?),
            hasher: Sha256::new(),
            bytes: 0,
        };
        let compressed = if gzip {
            // A fixed header: modification time 0, no file name, so the same
            // statements give the same bytes (with the same flate2 backend).
            let encoder = ThreadedGzip::new(counted, Compression::best()).map_err(write_error)?;
            Compressed::Gzip(encoder)
        } else {
            Compressed::Plain(counted)
        };
        let buffered = io::BufWriter::with_capacity(WRITE_BUFFER, compressed);
        let out = match format {
            DumpFormat::Nq | DumpFormat::Nt => Out::Lines(buffered),
            DumpFormat::Trig | DumpFormat::Ttl => {
                let serializer =
                    serializer(format.rdf_format()).map_err(|source| DumpError::Prefix {
                        prefix: "(one of vocab::PREFIXES)".into(),
                        source,
                    })?;
                Out::Terms(serializer.for_writer(buffered))
            }
        };
        let dir = file.target.parent().unwrap_or(Path::new("."));
        Ok(Self {
            format,
            path: file.target.clone(),
            latest: dir.join(format.file_name("latest", gzip)),
            out,
        })
    }

    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn serialize_error(&self) -> impl Fn(io::Error) -> DumpError + '_ {
        |source| DumpError::Serialize {
            file: self.file_name(),
            source,
        }
    }

    /// Whether this dump is written from terms (else from statement lines).
    fn needs_terms(&self) -> bool {
        matches!(self.out, Out::Terms(_))
    }

    /// One named graph's statements, in their order.
    fn graph(&mut self, graph: &GraphStatements) -> Result<(), DumpError> {
        let written = match &mut self.out {
            Out::Lines(w) => graph.lines.iter().try_for_each(|line| {
                // `s p o .` in the graph: `s p o <g> .`, as N-Quads prints a quad.
                let spo = line.strip_suffix('.').unwrap_or(line);
                w.write_all(spo.as_bytes())?;
                w.write_all(graph.name.as_bytes())?;
                w.write_all(b" .\n")
            }),
            Out::Terms(w) => graph.quads.iter().try_for_each(|q| w.serialize_quad(q)),
        };
        written.map_err(self.serialize_error())
    }

    /// One triple of the union, as its statement line and as terms.
    fn triple(&mut self, line: &str, triple: &Triple) -> Result<(), DumpError> {
        let written = match &mut self.out {
            Out::Lines(w) => w
                .write_all(line.as_bytes())
                .and_then(|()| w.write_all(b"\n")),
            Out::Terms(w) => w.serialize_triple(triple),
        };
        written.map_err(self.serialize_error())
    }

    /// Ends the serialisation and the compression, syncs the file.
    fn finish(self) -> Result<DumpFile, DumpError> {
        let path = self.path.clone();
        let write_error = |source| DumpError::Write {
            path: path.clone(),
            source,
        };
        let buffered = match self.out {
            Out::Lines(w) => Ok(w),
            Out::Terms(w) => w.finish(),
        };
        let counted = buffered
            .and_then(|w| w.into_inner().map_err(io::IntoInnerError::into_error))
            .and_then(Compressed::finish)
            .map_err(write_error)?;
        let Counted {
            inner,
            hasher,
            bytes,
        } = counted;
        inner
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .map_err(write_error)?;
        Ok(DumpFile {
            format: self.format,
            path: self.path,
            latest: self.latest,
            byte_size: bytes,
            sha256: hex::encode(hasher.finalize()),
        })
    }
}

/// One named graph's statements, read from the store once for every dump.
struct GraphStatements {
    /// The graph's name as an N-Quads term (skolemised).
    name: String,
    /// Its statements as N-Triples lines (`s p o .`, no line break), sorted
    /// and distinct.
    lines: Vec<String>,
    /// The same statements as quads, in the same order, if a dump needs terms.
    quads: Vec<Quad>,
    /// Statements read from the store (before skolem IRIs could merge two).
    read: usize,
    /// What the statistics need of them when the union is not sorted (else
    /// empty).
    tally: Tally,
}

/// The named graphs in the order the dumps hold them: by name, as N-Quads terms.
fn sorted_graphs(store: &Store) -> Result<Vec<(String, NamedOrBlankNode)>, DumpError> {
    let mut graphs: Vec<(String, NamedOrBlankNode)> = store
        .named_graphs()?
        .into_iter()
        .map(|g| (key(&skolem_node(g.clone())), g))
        .collect();
    graphs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(graphs)
}

/// Reads one graph's statements, skolemised, sorted by their lines and
/// distinct. Lines sort as their (subject, predicate, object) terms do (see
/// [`write_statements`]), so this is the order of the terms too.
fn read_graph(
    store: &Store,
    raw: Option<&RawStore>,
    name: &str,
    graph: &NamedOrBlankNode,
    keep_quads: bool,
    keep_tally: bool,
) -> Result<GraphStatements, DumpError> {
    let triples = match raw.map(|r| r.graph_triples(graph)) {
        Some(Ok(Some(triples))) => triples,
        Some(Err(e)) => {
            log::debug!("reading {name} through Oxigraph: {e}");
            store.graph_triples(graph)?
        }
        Some(Ok(None)) | None => store.graph_triples(graph)?,
    };
    let read = triples.len();
    let graph_name = GraphName::from(skolem_node(graph.clone()));
    let mut tally = Tally::default();
    let mut statements: Vec<(String, Option<Quad>)> = triples
        .into_iter()
        .map(skolem_triple)
        .inspect(|t| {
            if keep_tally {
                tally.add(t);
            }
        })
        .map(|t| {
            let line = statement_line(&t);
            (line, keep_quads.then(|| t.in_graph(graph_name.clone())))
        })
        .collect();
    statements.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    statements.dedup_by(|a, b| a.0 == b.0);
    let (lines, quads): (Vec<String>, Vec<Option<Quad>>) = statements.into_iter().unzip();
    Ok(GraphStatements {
        name: name.to_owned(),
        lines,
        quads: quads.into_iter().flatten().collect(),
        read,
        tally,
    })
}

/// The N-Triples line of a triple, without its line break.
fn statement_line(t: &Triple) -> String {
    format!("{} {} {} .", t.subject, t.predicate, t.object)
}

/// Reads every named graph once and writes it into the `named` sinks, graph by
/// graph in the order of their names, then writes the union (distinct
/// triples, sorted) into the `union` sinks, and counts what `void.ttl` states.
///
/// Decoding the store's quads was the bulk of a dump's cost, so it is done
/// once, from the store's tables read in order ([`RawStore`]: the string table
/// once, then each graph's keys; through Oxigraph, a lookup a term, when they
/// cannot be read so), and on every core: [`GRAPHS_AT_ONCE`] graphs are read
/// in parallel, then written in order. The union is the same statement lines, `budget` bytes of
/// them sorted in memory at a time, the rest on disk ([`spill`]).
fn write_statements(
    store: &Store,
    named: &mut [Sink],
    union: &mut [Sink],
    budget: usize,
) -> Result<Stats, DumpError> {
    let keep_quads = named.iter().any(Sink::needs_terms);
    let graphs = sorted_graphs(store)?;
    // The tables read in order when they can be; else every term is decoded
    // by Oxigraph, one lookup each.
    let raw = store
        .raw()
        .inspect_err(|e| log::debug!("reading the store through Oxigraph: {e}"))
        .ok();
    // Only a union format needs the union sorted; the statistics alone are
    // read from the store ([`merged`]).
    let mut lines = (!union.is_empty()).then(|| Spill::new(budget));
    let mut tally = Tally::default();
    let mut quads = 0;
    for batch in graphs.chunks(GRAPHS_AT_ONCE) {
        let read: Vec<GraphStatements> = batch
            .par_iter()
            .map(|(name, graph)| {
                read_graph(
                    store,
                    raw.as_ref(),
                    name,
                    graph,
                    keep_quads,
                    lines.is_none(),
                )
            })
            .collect::<Result<_, _>>()?;
        for graph in read {
            quads += graph.read;
            for sink in named.iter_mut() {
                sink.graph(&graph)?;
            }
            match &mut lines {
                Some(lines) => {
                    for line in graph.lines {
                        lines.push(line).map_err(sort_error)?;
                    }
                }
                None => tally.merge(graph.tally),
            }
        }
    }
    match lines {
        Some(lines) => {
            // The distinct objects counted on the store's keys when it can:
            // else their text sorted on disk a second time.
            let objects = raw.as_ref().and_then(|r| {
                r.distinct_objects()
                    .inspect_err(|e| log::debug!("counting the objects from their text: {e}"))
                    .ok()
                    .flatten()
            });
            write_union(lines, union, quads, graphs.len(), objects)
        }
        None => merged::stats(store, raw.as_ref(), tally, quads, graphs.len()),
    }
}

fn sort_error(source: io::Error) -> DumpError {
    DumpError::Sort(source)
}

/// The statistics of the union of `store`'s graphs, counted as [`write_dump`]
/// counts them, for a description served without a dump (an endpoint's
/// snapshot). Cost: the union sorted on disk once, memory bounded as for a
/// dump.
///
/// # Errors
/// The store cannot be read, or the union cannot be sorted on disk.
pub fn union_stats(store: &Store) -> Result<Stats, DumpError> {
    write_statements(store, &mut [], &mut [], SORT_BUDGET)
}

/// The dump files as distributions of the dataset.
fn distributions(files: &[DumpFile], gzip: bool) -> Vec<Distribution> {
    files
        .iter()
        .map(|file| Distribution {
            name: file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            media_type: file.format.media_type(),
            gzip,
            byte_size: file.byte_size,
            sha256: file.sha256.clone(),
        })
        .collect()
}

/// Writes the union of the graphs' statement `lines` (distinct triples,
/// sorted) into `sinks`, and counts what `void.ttl` states: the distinct
/// `objects` as given, else by sorting their text.
fn write_union(
    lines: Spill,
    sinks: &mut [Sink],
    quads: usize,
    graphs: usize,
    objects: Option<usize>,
) -> Result<Stats, DumpError> {
    // Lines of N-Triples sort as their (subject, predicate, object) terms do:
    // every term ends with a character (`>`, `"`, a language tag, a datatype)
    // after which the separating space sorts before anything that could
    // continue a longer term. N-Triples escapes line breaks in literals.
    let mut counter = StatsCounter::default();
    let mut object_texts = objects.is_none().then(|| Spill::new(lines.budget()));
    for line in lines.sorted().map_err(sort_error)? {
        let line = line.map_err(sort_error)?;
        let (triple, object) = match line::split(&line) {
            Some(statement) => (statement.triple, Cow::Borrowed(statement.object)),
            None => {
                let triple = parse_triple(&line)?;
                let object = key(&triple.object);
                (triple, Cow::Owned(object))
            }
        };
        if let Some(texts) = &mut object_texts {
            texts.push(object.into_owned()).map_err(sort_error)?;
        }
        counter.add(&triple);
        for sink in sinks.iter_mut() {
            sink.triple(&line, &triple)?;
        }
    }
    let distinct_objects = match (objects, object_texts) {
        (Some(n), _) => n,
        (None, Some(texts)) => texts.sorted().map_err(sort_error)?.count(),
        (None, None) => 0,
    };
    Ok(counter.finish(quads, graphs, distinct_objects))
}

/// A triple back from its N-Triples line (written by this module), for the
/// lines [`line::split`] leaves to a parser.
fn parse_triple(line: &str) -> Result<Triple, DumpError> {
    let quad = oxigraph::io::RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(line.as_bytes())
        .next()
        .transpose()
        .map_err(|e| DumpError::Sort(io::Error::other(e)))?;
    quad.map(Triple::from)
        .ok_or_else(|| DumpError::Sort(io::Error::other(format!("not a statement: {line}"))))
}

/// The N-Quads form of a term, the sort key of every statement written.
fn key(term: &impl ToString) -> String {
    term.to_string()
}

/// A blank node as a skolem IRI under [`GENID_BASE`] named by the SHA-256 of
/// its id, which the store keeps, so the same store gives the same IRIs.
fn skolem_iri(node: &BlankNode) -> NamedNode {
    let hash = hex::encode(Sha256::digest(node.as_str().as_bytes()));
    // A fixed valid prefix and hex digits: a valid IRI by construction.
    NamedNode::new_unchecked(format!("{GENID_BASE}{}", &hash[..32]))
}

fn skolem_node(n: NamedOrBlankNode) -> NamedOrBlankNode {
    match n {
        NamedOrBlankNode::BlankNode(b) => skolem_iri(&b).into(),
        other => other,
    }
}

/// The triple with every blank node replaced by its skolem IRI.
fn skolem_triple(t: Triple) -> Triple {
    Triple {
        subject: skolem_node(t.subject),
        predicate: t.predicate,
        object: match t.object {
            Term::BlankNode(b) => skolem_iri(&b).into(),
            other => other,
        },
    }
}

/// Writes and syncs every file to its temporary name. On error, removes the
/// temporary files written so far: the targets are untouched.
fn stage(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<Staged>, DumpError> {
    let mut staged: Vec<Staged> = Vec::new();
    for (name, bytes) in files {
        let target = dir.join(name);
        match Staged::write(target.clone(), bytes) {
            Ok(file) => staged.push(file),
            Err(source) => {
                discard(&staged);
                return Err(DumpError::Write {
                    path: target,
                    source,
                });
            }
        }
    }
    Ok(staged)
}

fn discard(staged: &[Staged]) {
    staged.iter().for_each(Staged::discard);
}

/// Renames every staged file over its target, in order, then syncs the
/// directory so the renames survive a crash.
fn commit(dir: &Path, staged: Vec<Staged>) -> Result<(), DumpError> {
    let mut replaced = Vec::new();
    for (i, file) in staged.iter().enumerate() {
        if let Err(source) = file.commit() {
            discard(&staged[i..]);
            return Err(DumpError::Rename {
                path: file.target.clone(),
                replaced,
                source,
            });
        }
        replaced.push(file.target.clone());
    }
    // Best effort: the renames are done; a directory that cannot be opened or
    // synced (some filesystems refuse) only weakens durability after a crash.
    let _ = crate::atomic::sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::RELATIVE_BASE;
    use crate::store::tests::sample_store;
    use crate::vocab::{dcat, dcterms, foaf, rdf, spdx, void, xsd};
    use oxigraph::io::RdfParser;
    use oxigraph::model::{Dataset, GraphNameRef, QuadRef};
    use oxigraph::model::{Literal, NamedNodeRef};
    use oxigraph::sparql::QueryResults;
    use std::collections::BTreeMap;
    use std::collections::HashSet;
    use std::io::Read;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn date() -> Result<NaiveDate, chrono::ParseError> {
        NaiveDate::parse_from_str("2024-05-06", "%Y-%m-%d")
    }

    /// Every file of a directory, by name.
    fn contents(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, io::Error> {
        fs::read_dir(dir)?
            .map(|e| {
                let e = e?;
                Ok((
                    e.file_name().to_string_lossy().into_owned(),
                    if e.file_type()?.is_file() {
                        fs::read(e.path())?
                    } else {
                        Vec::new()
                    },
                ))
            })
            .collect()
    }

    fn gunzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    /// Distinct triples of the store's union, counted by SPARQL on the default
    /// graph (the materialised merge), independently of this module.
    fn distinct_triples(store: &Store) -> Result<usize, Box<dyn std::error::Error>> {
        let QueryResults::Solutions(mut rows) =
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?
        else {
            return Err("not solutions".into());
        };
        let row = rows.next().ok_or("no row")??;
        match row.get("n") {
            Some(Term::Literal(n)) => Ok(n.value().parse()?),
            other => Err(format!("unexpected count {other:?}").into()),
        }
    }

    fn parse(format: RdfFormat, bytes: &[u8]) -> Result<Dataset, Box<dyn std::error::Error>> {
        let mut dataset = Dataset::new();
        for quad in RdfParser::from_format(format)
            .with_base_iri("https://example.org/dumps/")?
            .for_slice(bytes)
        {
            dataset.insert(&quad?);
        }
        Ok(dataset)
    }

    fn void_integer(
        void: &Dataset,
        predicate: NamedNodeRef<'_>,
    ) -> Result<usize, Box<dyn std::error::Error>> {
        let dataset = NamedNode::new("https://example.org/dumps/void.ttl#dataset")?;
        let values: Vec<_> = void
            .quads_for_subject(&dataset)
            .filter(|q| q.predicate == predicate)
            .collect();
        match values.as_slice() {
            [QuadRef {
                object: oxigraph::model::TermRef::Literal(l),
                ..
            }] => Ok(l.value().parse()?),
            other => Err(format!("{predicate}: {other:?}").into()),
        }
    }

    #[test]
    fn every_format_is_byte_identical_twice_and_round_trips() -> TestResult {
        let (dir, store) = sample_store()?;
        let quads: HashSet<Quad> = store.sorted_quads()?.into_iter().collect();
        let triples: HashSet<Triple> = quads.iter().cloned().map(Triple::from).collect();
        for format in [
            DumpFormat::Nq,
            DumpFormat::Trig,
            DumpFormat::Ttl,
            DumpFormat::Nt,
        ] {
            for gzip in [false, true] {
                let out = dir.path().join(format!("{format:?}-{gzip}"));
                let mut options = DumpOptions::new(&out, date()?);
                options.formats = vec![format];
                options.gzip = gzip;
                let report = write_dump(&store, &options)?;
                let first = contents(&out)?;
                write_dump(&store, &options)?;
                assert_eq!(first, contents(&out)?, "{format:?} gzip={gzip}");

                let gz = if gzip { ".gz" } else { "" };
                let ext = format.extension();
                let names: Vec<&str> = first.keys().map(String::as_str).collect();
                let dated = format!("meetkg-2024-05-06-v{VERSION}.{ext}{gz}");
                let latest = format!("meetkg-latest.{ext}{gz}");
                let mut expected = vec![dated.as_str(), latest.as_str(), SUMS_FILE, VOID_FILE];
                expected.sort_unstable();
                assert_eq!(names, expected);
                assert_eq!(first[&dated], first[&latest]);
                assert_eq!(report.files.len(), 1);
                assert_eq!(report.files[0].byte_size, first[&dated].len() as u64);

                let bytes = if gzip {
                    gunzip(&first[&dated])?
                } else {
                    first[&dated].clone()
                };
                let text = String::from_utf8(bytes)?;
                assert!(!text.contains("_:"), "blank node in {format:?}");
                let parsed = parse(format.rdf_format(), text.as_bytes())?;
                if format.has_graphs() {
                    let parsed: HashSet<Quad> = parsed.iter().map(QuadRef::into_owned).collect();
                    assert_eq!(parsed, quads, "{format:?}");
                } else {
                    let parsed: HashSet<Triple> = parsed
                        .iter()
                        .map(|q| {
                            assert_eq!(q.graph_name, GraphNameRef::DefaultGraph);
                            Triple::from(q.into_owned())
                        })
                        .collect();
                    assert_eq!(parsed, triples, "{format:?}");
                    // Deduplicated: one line per triple in N-Triples.
                    if format == DumpFormat::Nt {
                        assert_eq!(text.lines().count(), triples.len());
                    }
                }
            }
        }
        Ok(())
    }

    /// The union is sorted on disk in segments; merged back, it must be the
    /// same statements in the same order as one segment sorted in memory, and
    /// give the same counts.
    #[test]
    fn union_sorted_on_disk_in_small_segments_equals_one_segment() -> TestResult {
        let (dir, store) = sample_store()?;
        let write = |budget: usize,
                     name: &str|
         -> Result<(Vec<u8>, usize, usize), Box<dyn std::error::Error>> {
            let file = Staged {
                temp: dir.path().join(format!("{name}.tmp")),
                target: dir.path().join(name),
            };
            let mut sinks = [Sink::create(DumpFormat::Nt, &file, false)?];
            let stats = write_statements(&store, &mut [], &mut sinks, budget)?;
            let [sink] = sinks;
            sink.finish()?;
            Ok((fs::read(&file.temp)?, stats.objects, stats.subjects))
        };
        let whole = write(1 << 30, "whole.nt")?;
        let pieces = write(300, "pieces.nt")?;
        assert!(!whole.0.is_empty());
        assert_eq!(whole, pieces);
        let lines: Vec<&[u8]> = whole
            .0
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
        Ok(())
    }

    #[test]
    fn gzip_header_has_no_time_and_no_name() -> TestResult {
        let (dir, store) = sample_store()?;
        let mut options = DumpOptions::new(dir.path().join("dumps"), date()?);
        options.gzip = true;
        let report = write_dump(&store, &options)?;
        let bytes = fs::read(&report.files[0].path)?;
        // ID1 ID2 CM FLG MTIME(4) XFL OS: no FNAME flag, zero mtime.
        assert_eq!(&bytes[..3], &[0x1f, 0x8b, 8]);
        assert_eq!(bytes[3] & 0x08, 0, "FNAME set");
        assert_eq!(&bytes[4..8], &[0, 0, 0, 0]);
        assert!(!gunzip(&bytes)?.is_empty());
        Ok(())
    }

    #[test]
    fn sha256sums_match_the_files_and_the_void() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("dumps");
        let mut options = DumpOptions::new(&out, date()?);
        options.formats = vec![DumpFormat::Ttl, DumpFormat::Nq];
        options.gzip = true;
        let report = write_dump(&store, &options)?;
        let sums = fs::read_to_string(out.join(SUMS_FILE))?;
        let mut listed = Vec::new();
        for line in sums.lines() {
            let (hash, name) = line.split_once("  ").ok_or("bad line")?;
            assert_eq!(hash, hex::encode(Sha256::digest(fs::read(out.join(name))?)));
            listed.push(name.to_owned());
        }
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        let mut written: Vec<String> = report
            .paths()
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .filter(|n| n != SUMS_FILE)
            .collect();
        written.sort();
        assert_eq!(listed, written);

        // The VoID states each dated file's size and checksum.
        let void = fs::read_to_string(out.join(VOID_FILE))?;
        let parsed = parse(RdfFormat::Turtle, void.as_bytes())?;
        assert_eq!(report.files.len(), 2);
        for file in &report.files {
            let name = file.path.file_name().ok_or("no name")?.to_string_lossy();
            let checksum = NamedNode::new(format!("https://example.org/dumps/{name}#checksum"))?;
            let value = parsed
                .quads_for_subject(&checksum)
                .find(|q| q.predicate == spdx::CHECKSUM_VALUE)
                .ok_or("no checksum value")?;
            assert_eq!(
                value.object,
                Literal::new_typed_literal(&file.sha256, xsd::HEX_BINARY)
                    .as_ref()
                    .into()
            );
            assert!(void.contains(&format!("<{name}>")), "{name} not relative");
        }
        assert!(!void.contains("_:") && !void.contains("[") && !void.contains(RELATIVE_BASE));
        Ok(())
    }

    #[test]
    fn void_counts_the_distinct_triples_of_the_union() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("dumps");
        let report = write_dump(&store, &DumpOptions::new(&out, date()?))?;
        let expected = distinct_triples(&store)?;
        assert!(expected > 0);
        assert_eq!(report.triples, expected);
        // The two sample reports share triples: the union is smaller.
        assert!(report.quads > report.triples);
        let void = parse(RdfFormat::Turtle, &fs::read(out.join(VOID_FILE))?)?;
        assert_eq!(void_integer(&void, void::TRIPLES)?, expected);
        assert!(void_integer(&void, void::ENTITIES)? > 0);
        Ok(())
    }

    #[test]
    fn void_uses_the_base_url_license_and_endpoint() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("dumps");
        let mut options = DumpOptions::new(&out, date()?);
        options.base_url = Some(NamedNode::new(
            "https://data.example.org/meetkg/index.html",
        )?);
        options.endpoint = Some(NamedNode::new("https://data.example.org/sparql")?);
        options.license = NamedNode::new("https://creativecommons.org/publicdomain/zero/1.0/")?;
        write_dump(&store, &options)?;
        let void = fs::read_to_string(out.join(VOID_FILE))?;
        let parsed = parse(RdfFormat::Turtle, void.as_bytes())?;
        let dataset = NamedNode::new("https://data.example.org/meetkg/void.ttl#dataset")?;
        let file = NamedNode::new(format!(
            "https://data.example.org/meetkg/meetkg-2024-05-06-v{VERSION}.nq"
        ))?;
        for (p, o) in [
            (dcat::DISTRIBUTION, Term::from(file.clone())),
            (
                void::SPARQL_ENDPOINT,
                NamedNode::new("https://data.example.org/sparql")?.into(),
            ),
            (dcterms::LICENSE, options.license.clone().into()),
            (
                dcterms::MODIFIED,
                Literal::new_typed_literal("2024-05-06", xsd::DATE).into(),
            ),
        ] {
            assert!(
                parsed.contains(QuadRef::new(&dataset, p, &o, GraphNameRef::DefaultGraph)),
                "{p} {o}"
            );
        }
        assert!(parsed.contains(QuadRef::new(
            &file,
            dcat::MEDIA_TYPE,
            NamedNodeRef::new("https://www.iana.org/assignments/media-types/application/n-quads")?,
            GraphNameRef::DefaultGraph
        )));
        Ok(())
    }

    #[test]
    fn blank_nodes_are_skolemised_stably() -> TestResult {
        let (dir, store) = sample_store()?;
        let graph = NamedNode::new("https://w3id.org/meetkg/id/graph/000-sample")?;
        let blank = BlankNode::new("b0")?;
        store.oxigraph().insert(QuadRef::new(
            &blank,
            rdf::TYPE,
            foaf::PERSON,
            graph.as_ref(),
        ))?;
        store.rebuild_default_graph()?;
        let out = dir.path().join("dumps");
        let options = DumpOptions::new(&out, date()?);
        write_dump(&store, &options)?;
        let first = contents(&out)?;
        write_dump(&store, &options)?;
        assert_eq!(first, contents(&out)?);
        let text = String::from_utf8(first[&format!("meetkg-2024-05-06-v{VERSION}.nq")].clone())?;
        assert!(!text.contains("_:"));
        assert!(text.contains(GENID_BASE));
        Ok(())
    }

    #[test]
    fn failed_rename_keeps_the_previous_dump() -> TestResult {
        let (dir, store) = sample_store()?;
        let out = dir.path().join("dumps");
        write_dump(&store, &DumpOptions::new(&out, date()?))?;
        let before = contents(&out)?;

        // The store changes, and the next dump's dated file cannot be renamed
        // into place: a directory (not empty) stands where it goes.
        let mut changed = crate::rdf::tests::sample_report();
        changed.topics.clear();
        store.replace_reports(&[changed])?;
        let next = NaiveDate::parse_from_str("2024-05-07", "%Y-%m-%d")?;
        let obstacle = out.join(format!("meetkg-2024-05-07-v{VERSION}.nq"));
        fs::create_dir(&obstacle)?;
        fs::write(obstacle.join("keep"), b"x")?;
        let err = write_dump(&store, &DumpOptions::new(&out, next));
        assert!(
            matches!(&err, Err(DumpError::Rename { replaced, .. }) if replaced.is_empty()),
            "{err:?}"
        );
        let mut after = contents(&out)?;
        assert!(after
            .remove(&format!("meetkg-2024-05-07-v{VERSION}.nq"))
            .is_some());
        // Same files, same bytes, no temporary file left behind.
        assert_eq!(after, before);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn unwritable_directory_keeps_the_previous_dump() -> TestResult {
        use std::os::unix::fs::PermissionsExt;
        let (dir, store) = sample_store()?;
        let out = dir.path().join("dumps");
        write_dump(&store, &DumpOptions::new(&out, date()?))?;
        let before = contents(&out)?;
        fs::set_permissions(&out, fs::Permissions::from_mode(0o555))?;
        // Root (as in some containers) writes into read-only directories anyway.
        let probe = out.join(".probe");
        if File::create(&probe).is_ok() {
            fs::remove_file(&probe)?;
            fs::set_permissions(&out, fs::Permissions::from_mode(0o755))?;
            eprintln!("SKIPPED: running as root, a read-only directory is still writable");
            return Ok(());
        }
        let mut changed = crate::rdf::tests::sample_report();
        changed.topics.clear();
        store.replace_reports(&[changed])?;
        let err = write_dump(&store, &DumpOptions::new(&out, date()?));
        fs::set_permissions(&out, fs::Permissions::from_mode(0o755))?;
        assert!(matches!(err, Err(DumpError::Write { .. })), "{err:?}");
        assert_eq!(contents(&out)?, before);
        Ok(())
    }
}
