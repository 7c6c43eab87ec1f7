//! A corpus of reports: which files, extracted in parallel, resolved together.
//!
//! Rationale: identity resolution needs every report in view, while extraction
//! needs only one; so reports are read and extracted in parallel (rayon), each
//! failure is kept beside its path instead of stopping the run, and resolution
//! runs once at the end over the reports in path order, which makes the result
//! independent of thread scheduling.

use crate::cache::Cache;
use crate::extract::{ExtractError, Extraction, Extractor};
use crate::ingest::{self, Document, IngestError};
use crate::model::{MessageId, Report, Thread};
use crate::ontology::Ontology;
use crate::resolve::{self, Registry};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod walk;
pub use walk::{SkipReason, Skipped, Walked};

/// File extensions taken as reports when a directory is given. Which reader
/// reads a file is told by its content (`ingest::Format`), not by these.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "docx", "odt", "html", "htm", "xhtml", "eml", "mbox", "pdf",
];

/// Why a report was rejected.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// A path the user gave does not exist.
    #[error("{} does not exist", path.display())]
    Missing { path: PathBuf },
    /// A directory could not be listed, or a link leads nowhere.
    #[error("cannot read {}: {source}", path.display())]
    Walk {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A folder the user gave holds no report file.
    #[error("{} holds no report (no .txt, .md, .docx, .odt, .html, .eml, .mbox or .pdf file)", path.display())]
    NoReports { path: PathBuf },
    /// Another file already has this report's identity (its graph).
    #[error("another report has the identity {identity} ({}): rename one of them", first.display())]
    Duplicate { identity: String, first: PathBuf },
}

/// A report that could not be used, and why.
#[derive(Debug)]
pub struct Rejected {
    pub path: PathBuf,
    /// The report's identity, for a report file (not for a path given that
    /// is missing or empty, nor for a second file with a taken identity).
    pub source: Option<String>,
    pub error: ReportError,
}

impl Rejected {
    fn path(path: &Path, error: ReportError) -> Self {
        Self {
            path: path.to_owned(),
            source: None,
            error,
        }
    }

    /// Whether a path the user gave is wrong (missing, unreadable, empty): a
    /// build then changes nothing, since removing every report of a path that
    /// is gone by a typo is never what was meant.
    pub fn is_bad_path(&self) -> bool {
        matches!(
            self.error,
            ReportError::Missing { .. } | ReportError::Walk { .. } | ReportError::NoReports { .. }
        )
    }
}

/// The outcome of reading a corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Resolved reports, sorted by source file name.
    pub reports: Vec<Report>,
    pub registry: Registry,
    pub rejected: Vec<Rejected>,
}

/// Progress of a long run, for the caller to show (the library never prints).
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// Extraction is starting on this many files.
    Start(usize),
    /// One more file is done.
    Extracted,
    /// Identity resolution over the whole corpus is starting.
    Resolving,
}

/// A report file, and its identity in the corpus (its `source`): its path
/// under the folder it was found in, with `/` between folders
/// (`2024-10/minutes.txt`), or its file name when it was given as a file. Two
/// archives often file minutes under the same name in folders by date, so the
/// bare file name is no identity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReportFile {
    pub path: PathBuf,
    pub source: String,
}

/// The report files `paths` stand for: files as given, directories walked
/// recursively for [`REPORT_EXTENSIONS`] (each real folder once, see
/// `corpus/walk.rs`), hidden entries skipped, sorted by source. Paths that do not
/// exist, cannot be listed or hold no report, and files whose identity another
/// file already has, come back as rejections; directory links not followed,
/// as skipped.
pub fn report_files(paths: &[PathBuf]) -> Walked {
    let Walked {
        mut files,
        mut rejected,
        skipped,
    } = walk::walk(paths);
    files.sort();
    files.dedup_by(|a, b| a.path == b.path);
    // Two files with one identity would share a graph: keep the first, name the rest.
    let mut seen: std::collections::BTreeMap<String, PathBuf> = std::collections::BTreeMap::new();
    files.retain(|f| {
        let key = crate::rdf::report_stem(&f.source).unwrap_or_else(|_| f.source.clone());
        match seen.get(&key) {
            Some(first) => {
                rejected.push(Rejected::path(
                    &f.path,
                    ReportError::Duplicate {
                        identity: f.source.clone(),
                        first: first.clone(),
                    },
                ));
                false
            }
            None => {
                seen.insert(key, f.path.clone());
                true
            }
        }
    });
    Walked {
        files,
        rejected,
        skipped,
    }
}

/// The report files of `paths`, each directory link not followed named once
/// on the log (a warning: the rest builds).
fn walk_logged(paths: &[PathBuf]) -> (Vec<ReportFile>, Vec<Rejected>) {
    let walked = report_files(paths);
    for s in &walked.skipped {
        log::warn!("{s}");
    }
    (walked.files, walked.rejected)
}

/// Why a path that is not there is not there: missing, or a link that leads
/// nowhere or in a circle.
fn missing(path: &Path) -> ReportError {
    match std::fs::metadata(path) {
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => ReportError::Walk {
            path: path.to_owned(),
            source: e,
        },
        _ if std::fs::symlink_metadata(path).is_ok() => ReportError::Walk {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "a symbolic link to something that does not exist",
            ),
        },
        _ => ReportError::Missing {
            path: path.to_owned(),
        },
    }
}

/// One report of a file, read: its identity, and its document or why not.
struct ReadPart {
    source: String,
    /// Where it is: the file, or the archive and the message's number.
    place: PathBuf,
    /// A message of a mail archive, not a file of its own.
    in_archive: bool,
    /// The messages a mail message answers.
    thread: Thread,
    document: Result<Document, ReportError>,
    /// The file's last report: when it is done, so is the file.
    last: bool,
}

/// The reports of one file, each with its identity: a mail message's is its
/// Message-ID (`mid:1@example.org`, [`MessageId::source`]), the same
/// whichever file holds it and wherever; any other report's is the file's,
/// with the message's number for a message of an archive that has no
/// Message-ID (`list.mbox/3`). A file that cannot be read at all is one
/// rejected report under the file's identity.
fn reports_of(file: &ReportFile) -> Vec<ReadPart> {
    let parts = match ingest::read_parts(&file.path) {
        Ok(parts) => parts,
        Err(e) => {
            return vec![ReadPart {
                source: file.source.clone(),
                place: file.path.clone(),
                in_archive: false,
                thread: Thread::default(),
                document: Err(e.into()),
                last: true,
            }]
        }
    };
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let source = match &part.message_id {
                Some(id) => MessageId::from(id.as_str()).source(),
                None => format!("{}{}", file.source, part.suffix),
            };
            let document = part.document.map_err(ReportError::from).map(|mut doc| {
                doc.source.clone_from(&source);
                doc
            });
            ReadPart {
                source,
                place: part.place,
                in_archive: !part.suffix.is_empty(),
                thread: thread_of(part.replies),
                document,
                last: i + 1 == count,
            }
        })
        .collect()
}

/// The thread of a message as the reader found it, in the model's terms.
fn thread_of(replies: ingest::Replies) -> Thread {
    let ids = |ids: Vec<String>| ids.iter().map(|id| MessageId::from(id.as_str())).collect();
    Thread {
        in_reply_to: ids(replies.in_reply_to),
        references: ids(replies.references),
    }
}

/// One report read and extracted (`T`), or why not.
struct Outcome<'a, T> {
    file: &'a ReportFile,
    source: String,
    place: PathBuf,
    in_archive: bool,
    thread: Thread,
    result: Result<T, ReportError>,
}

/// The reports of `files`, each read and passed to `extract`, in the
/// files' order and each file's; `progress` hears of each file done.
fn read_all<'a, T: Send>(
    files: &'a [ReportFile],
    extract: &(dyn Fn(Document, &str) -> Result<T, ReportError> + Sync),
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Outcome<'a, T>> {
    let outcomes: Vec<Outcome<'a, T>> = files
        .par_iter()
        .flat_map(|file| {
            reports_of(file).into_par_iter().map(move |part| {
                let result = part.document.and_then(|doc| extract(doc, &part.source));
                if part.last {
                    progress(Progress::Extracted);
                }
                Outcome {
                    file,
                    source: part.source,
                    place: part.place,
                    in_archive: part.in_archive,
                    thread: part.thread,
                    result,
                }
            })
        })
        .collect();
    once_each(outcomes)
}

/// One report a message, however many copies of it were read: a list's
/// archive and a member's own mailbox, or two exports of one list, hold the
/// same message (one Message-ID). The first copy, in the files' order, is
/// the report; each other is named on the log beside it and left out.
fn once_each<T>(outcomes: Vec<Outcome<'_, T>>) -> Vec<Outcome<'_, T>> {
    let mut first: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    outcomes
        .into_iter()
        .filter(|o| {
            if MessageId::of_source(&o.source).is_none() {
                return true;
            }
            match first.get(&o.source) {
                Some(place) => {
                    log::warn!(
                        "{}: the same message is in {} and in {}; read once, from {}",
                        o.source,
                        place.display(),
                        o.place.display(),
                        place.display()
                    );
                    false
                }
                None => {
                    first.insert(o.source.clone(), o.place.clone());
                    true
                }
            }
        })
        .collect()
}

/// Whether `error` is a message of a mail archive that is no meeting record:
/// most of a list's messages are replies and questions, and skipping them
/// (named on the log) is the expected outcome, not a rejected input. A file
/// that is no record is still rejected.
fn is_chatter<T>(outcome: &Outcome<'_, T>) -> bool {
    let chatter = outcome.in_archive
        && matches!(
            outcome.result,
            Err(ReportError::Extract(ExtractError::NotAReport { .. }))
        );
    if chatter {
        log::info!(
            "{}: a message that is no meeting record (no date, agenda or participants); skipped",
            outcome.source
        );
    }
    chatter
}

/// Reads, extracts and resolves the reports under `paths`.
///
/// Cost: extraction is linear in the corpus and runs on all cores; resolution is
/// near-linear in the number of person mentions.
pub fn read(
    paths: &[PathBuf],
    ontology: &Ontology,
    progress: &(dyn Fn(Progress) + Sync),
) -> Corpus {
    read_with(paths, ontology, progress, true)
}

/// [`read`], with an empty registry unless `registry` (see
/// [`resolve::resolve_with`]).
pub fn read_with(
    paths: &[PathBuf],
    ontology: &Ontology,
    progress: &(dyn Fn(Progress) + Sync),
    registry: bool,
) -> Corpus {
    let (files, mut rejected) = walk_logged(paths);
    let extractor = &Extractor::new(ontology);
    progress(Progress::Start(files.len()));
    let extract = |doc: Document, _: &str| extractor.extract(&doc).map_err(ReportError::from);
    let mut extractions = Vec::new();
    let mut threads = std::collections::HashMap::new();
    for outcome in read_all(&files, &extract, progress) {
        if is_chatter(&outcome) {
            continue;
        }
        match outcome.result {
            Ok(e) => {
                if outcome.thread != Thread::default() {
                    threads.insert(outcome.source, outcome.thread);
                }
                extractions.push(e);
            }
            Err(error) => rejected.push(Rejected {
                path: outcome.file.path.clone(),
                source: Some(outcome.source),
                error,
            }),
        }
    }
    progress(Progress::Resolving);
    let mut resolved = resolve::resolve_with(extractions, ontology, registry);
    for report in &mut resolved.reports {
        if let Some(thread) = threads.remove(&report.source) {
            report.thread = thread;
        }
    }
    Corpus {
        reports: resolved.reports,
        registry: resolved.registry,
        rejected,
    }
}

/// A corpus read for a build: identities resolved from the names alone, each
/// report's extraction left in the cache until its graph is written, so memory
/// holds a few bytes a mention, not the archive.
pub struct Streamed {
    /// Sorted by source.
    pub entries: Vec<StreamEntry>,
    pub identities: resolve::Identities,
    pub rejected: Vec<Rejected>,
    /// Rejected files whose previous extraction stood in for them.
    pub kept: Vec<String>,
    pub cached: usize,
    /// What the reports name, for the build's summary.
    pub tally: Tally,
}

/// What a build's summary counts: the distinct names of the people,
/// organisations and topics of its reports, as their resolved reports name
/// them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub people: BTreeSet<String>,
    pub organisations: BTreeSet<String>,
    pub topics: BTreeSet<String>,
}

impl Tally {
    /// Counts the organisations and topics of `summary` (its people are
    /// counted once they are resolved, by
    /// [`resolve::Identities::people_names`]); gives its names.
    fn add_summary(&mut self, summary: Summary) -> resolve::Names {
        self.organisations.extend(summary.organisations);
        self.topics.extend(summary.topics);
        summary.names
    }

    /// Counts the people, organisations and topics of `report`.
    pub fn add(&mut self, report: &Report) {
        (self.people).extend(report.people.iter().map(|p| p.name.clone()));
        (self.organisations).extend(report.organisations.iter().map(|o| o.name.clone()));
        (self.topics).extend(report.topics.iter().map(|t| t.name.clone()));
    }
}

/// One report of a [`Streamed`] corpus.
pub struct StreamEntry {
    pub source: String,
    pub sha256: String,
    /// The file it was read from, when its identity is not the file's (a
    /// mail message known by its Message-ID); empty otherwise.
    pub file: String,
    /// The messages a mail message answers, which the report carries
    /// (the extraction, and so the cache, knows nothing of them).
    thread: Thread,
    /// Its extraction's key in the cache.
    key: String,
    /// The extraction itself when the cache could not keep it.
    held: Option<Box<Extraction>>,
}

impl Streamed {
    /// The `i`-th report, resolved: its extraction read back from `cache`.
    ///
    /// # Errors
    /// When the cache entry written moments ago cannot be read back.
    pub fn report(&self, i: usize, cache: &Cache) -> Result<Report, std::io::Error> {
        let entry = &self.entries[i];
        let mut extraction = match &entry.held {
            Some(e) => (**e).clone(),
            None => cache.extraction(&entry.key).ok_or_else(|| {
                std::io::Error::other(format!(
                    "the cached extraction of {} is gone from the build cache or cannot \
                     be read (damaged since it was written); the store is left as it was: \
                     remove the cache (the store's path with .cache after it) and build again",
                    entry.source
                ))
            })?,
        };
        extraction.source.clone_from(&entry.source);
        let mut report = self.identities.report(i, extraction, None);
        report.thread.clone_from(&entry.thread);
        Ok(report)
    }

    /// Feeds `out` with everything the `i`-th report, as [`Streamed::report`]
    /// gives it, is made from: its extraction's cache key (the domain data's
    /// fingerprint and the content's hash), its identity, its thread, and
    /// its mentions' decisions; each field with its length, so no two
    /// reports feed the same bytes. Reads no extraction: an incremental build
    /// compares every report with the last build's at the cost of a hash.
    pub fn feed_report(&self, i: usize, out: &mut dyn FnMut(&[u8])) {
        let Some(entry) = self.entries.get(i) else {
            return;
        };
        let thread = serde_json::to_vec(&entry.thread).unwrap_or_default();
        for field in [entry.key.as_bytes(), entry.source.as_bytes(), &thread] {
            out(&(field.len() as u64).to_le_bytes());
            out(field);
        }
        self.identities.feed_decisions(i, out);
    }
}

/// Reads a corpus for a build: extracts what the cache lacks, adds it there,
/// resolves identities over the names, and keeps no extraction in memory.
/// `last_good` gives the content hash of a file's last good extraction: a
/// rejected file stands in with it when the cache still has it.
pub fn read_streamed(
    paths: &[PathBuf],
    ontology: &Ontology,
    cache: &Cache,
    last_good: &dyn Fn(&str) -> Option<String>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Streamed {
    let (files, mut rejected) = walk_logged(paths);
    let extractor = &Extractor::new(ontology);
    progress(Progress::Start(files.len()));
    let salt = &ontology.fingerprint;
    let extract = |doc: Document, source: &str| extract_cached(doc, source, salt, extractor, cache);
    let results = read_all(&files, &extract, progress);
    let mut tally = Tally::default();
    let (mut read, cached) = sort_out(results, &mut rejected, &mut tally);
    let kept = stand_ins(&rejected, last_good, salt, cache, &mut read, &mut tally);
    read.sort_by(|a, b| a.0.source.cmp(&b.0.source));
    let (names, entries): (Vec<_>, Vec<_>) = read.into_iter().unzip();
    progress(Progress::Resolving);
    let clock = std::time::Instant::now();
    let identities = resolve::decide(&names, ontology);
    for (ri, n) in names.iter().enumerate() {
        tally.people.extend(identities.people_names(ri, n));
    }
    log::info!("resolved identities in {:.2?}", clock.elapsed());
    Streamed {
        entries,
        identities,
        rejected,
        kept,
        cached,
        tally,
    }
}

/// One report as [`read_streamed`] reads it: its [`Summary`], where its
/// extraction is, and whether the cache had it.
type StreamRead = (Summary, StreamEntry, bool);

/// What a build reads of every report's extraction, kept in the cache beside
/// it ([`Cache::summary`]): the names resolution needs, and the organisations
/// and topics the build's summary counts. Reading the extractions was three
/// fifths of the cost of reading an unchanged archive (1,000 reports: JSON
/// of 80 kilobytes a report, where a summary is 9).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Summary {
    names: resolve::Names,
    organisations: Vec<String>,
    topics: Vec<String>,
}

impl Summary {
    fn of(e: &Extraction) -> Self {
        Self {
            names: resolve::Names::of(e),
            organisations: resolve::organisations_kept(e).map(str::to_owned).collect(),
            topics: e.topics.iter().map(|t| t.name.clone()).collect(),
        }
    }
}

/// A report's extraction from the cache, or extracted and added there: the
/// cache is keyed by the ontology's fingerprint (`salt`) and the content's
/// hash, so a changed ontology or text extracts again.
fn extract_cached(
    doc: Document,
    source: &str,
    salt: &str,
    extractor: &Extractor,
    cache: &Cache,
) -> Result<StreamRead, ReportError> {
    let key = format!("{salt}-{}", doc.sha256);
    let cached = (cache.summary::<Summary>(&key)).filter(|_| cache.has_extraction(&key));
    let (mut summary, hit, held) = match cached {
        Some(summary) => (summary, true, None),
        None => summarised(&doc, &key, extractor, cache)?,
    };
    summary.names.source = source.to_owned();
    let entry = StreamEntry {
        source: source.to_owned(),
        sha256: doc.sha256,
        file: String::new(),
        thread: Thread::default(),
        key,
        held,
    };
    Ok((summary, entry, hit))
}

/// The [`Summary`] of a report whose summary the cache lacks: its extraction
/// read from the cache or made, each put in the cache; whether the cache had
/// the extraction, and the extraction itself when the cache could not keep
/// it.
fn summarised(
    doc: &Document,
    key: &str,
    extractor: &Extractor,
    cache: &Cache,
) -> Result<(Summary, bool, Option<Box<Extraction>>), ReportError> {
    let (e, hit) = match cache.extraction(key) {
        Some(e) => (e, true),
        None => (extractor.extract(doc).map_err(ReportError::from)?, false),
    };
    let held = if hit {
        None
    } else {
        stored_or_held(cache, key, &e)
    };
    let summary = Summary::of(&e);
    if held.is_none() {
        if let Err(err) = cache.put_summary(key, &summary) {
            log::warn!("{err}");
        }
    }
    Ok((summary, hit, held))
}

/// A new extraction goes to the cache; when the cache cannot take it (the
/// failure is logged), the entry holds it in memory so the build still has
/// it.
fn stored_or_held(cache: &Cache, key: &str, e: &Extraction) -> Option<Box<Extraction>> {
    match cache.put_extraction(key, e) {
        Ok(()) => None,
        Err(err) => {
            log::warn!("{err}");
            Some(Box::new(e.clone()))
        }
    }
}

/// The reports read, sorted out: those extracted, with how many the cache
/// had, their organisations and topics added to `tally`, and the rejected
/// added to `rejected`; a mailbox's chatter is neither ([`is_chatter`]).
fn sort_out(
    results: Vec<Outcome<'_, StreamRead>>,
    rejected: &mut Vec<Rejected>,
    tally: &mut Tally,
) -> (Vec<(resolve::Names, StreamEntry)>, usize) {
    let mut read = Vec::new();
    let mut cached = 0;
    for outcome in results {
        if is_chatter(&outcome) {
            continue;
        }
        match outcome.result {
            Ok((summary, mut entry, hit)) => {
                cached += usize::from(hit);
                let names = tally.add_summary(summary);
                if MessageId::of_source(&outcome.source).is_some() {
                    entry.file.clone_from(&outcome.file.source);
                }
                entry.thread = outcome.thread;
                read.push((names, entry));
            }
            Err(error) => rejected.push(Rejected {
                path: outcome.file.path.clone(),
                source: Some(outcome.source),
                error,
            }),
        }
    }
    (read, cached)
}

/// A rejected report keeps its last good extraction for resolution, when
/// the cache still has it: added to `read` (and its organisations and
/// topics to `tally`); gives the sources kept so.
fn stand_ins(
    rejected: &[Rejected],
    last_good: &dyn Fn(&str) -> Option<String>,
    salt: &str,
    cache: &Cache,
    read: &mut Vec<(resolve::Names, StreamEntry)>,
    tally: &mut Tally,
) -> Vec<String> {
    let mut kept = Vec::new();
    for r in rejected {
        let Some(source) = r.source.clone() else {
            continue;
        };
        let Some(sha256) = last_good(&source) else {
            continue;
        };
        let key = format!("{salt}-{sha256}");
        if let Some(e) = cache.extraction(&key) {
            let mut names = tally.add_summary(Summary::of(&e));
            names.source.clone_from(&source);
            kept.push(source.clone());
            read.push((
                names,
                StreamEntry {
                    source,
                    sha256,
                    file: String::new(),
                    thread: Thread::default(),
                    key,
                    held: None,
                },
            ));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        vec![root.join("reports"), root.join("tests/fixtures")]
    }

    fn as_json(corpus: &Corpus) -> String {
        serde_json::to_string(&(&corpus.reports, &corpus.registry)).unwrap_or_default()
    }

    /// The summary's tally, gathered as the extractions are read and the
    /// identities decided (no report is resolved for it), is the tally of
    /// the resolved reports.
    #[test]
    fn the_tally_read_with_the_names_is_the_resolved_reports_tally(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let dir = tempfile::tempdir()?;
        let cache = Cache::for_store(&dir.path().join("store"));
        let corpus = read_streamed(&fixtures(), &ontology, &cache, &|_| None, &|_| {});
        let mut resolved = Tally::default();
        for i in 0..corpus.entries.len() {
            resolved.add(&corpus.report(i, &cache)?);
        }
        assert!(resolved.people.len() > 100 && !resolved.organisations.is_empty());
        assert_eq!(corpus.tally, resolved);
        Ok(())
    }

    /// A report's graph hashes of a read, in order, with its tally.
    fn hashes(corpus: &Streamed) -> (Vec<String>, Tally) {
        let hashes = (0..corpus.entries.len())
            .map(|i| crate::pipeline::plan::graph_hash(corpus, i))
            .collect();
        (hashes, corpus.tally.clone())
    }

    /// Each cached extraction, overwritten with `bytes` (empty: removed).
    fn spoil_extractions(cache_dir: &Path, bytes: &[u8]) -> Result<usize, std::io::Error> {
        let mut spoilt = 0;
        for entry in std::fs::read_dir(cache_dir.join("extractions"))? {
            let path = entry?.path();
            if bytes.is_empty() {
                std::fs::remove_file(&path)?;
            } else {
                std::fs::write(&path, bytes)?;
            }
            spoilt += 1;
        }
        Ok(spoilt)
    }

    /// A second read of the same reports reads the summaries the first put
    /// in the cache, not the extractions (unreadable here, yet it reads
    /// every report from the cache, to the same graph hashes and tally); and
    /// an extraction gone from the cache is made again, its summary aside.
    #[test]
    fn a_read_of_unchanged_reports_reads_their_summaries_not_their_extractions(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let dir = tempfile::tempdir()?;
        let cache = Cache::for_store(&dir.path().join("store"));
        let read = || read_streamed(&fixtures(), &ontology, &cache, &|_| None, &|_| {});
        let first = read();
        assert_eq!(first.cached, 0);
        let cache_dir = dir.path().join("store.cache");
        assert!(spoil_extractions(&cache_dir, b"not json")? > 20);
        let second = read();
        assert_eq!(second.cached, first.entries.len());
        assert_eq!(hashes(&second), hashes(&first));
        spoil_extractions(&cache_dir, b"")?;
        let third = read();
        assert_eq!(third.cached, 0);
        assert_eq!(hashes(&third), hashes(&first));
        assert!(third.report(0, &cache).is_ok());
        Ok(())
    }

    #[test]
    fn the_result_does_not_depend_on_the_number_of_threads(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let mut results = Vec::new();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            results.push(pool.install(|| as_json(&read(&fixtures(), &ontology, &|_| {}))));
        }
        assert!(results[0].len() > 1000);
        assert!(results.iter().all(|r| *r == results[0]));
        Ok(())
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_reports() -> Result<(), Box<dyn std::error::Error>>
    {
        let ontology = Ontology::embedded()?;
        let extractor = Extractor::new(&ontology);
        let files = report_files(&fixtures()).files;
        let extractions: Vec<Extraction> = files
            .iter()
            .filter_map(|f| extractor.extract(&ingest::read(&f.path).ok()?).ok())
            .collect();
        assert!(extractions.len() > 20);
        let json = |r: resolve::Resolved| {
            serde_json::to_string(&(r.reports, r.registry)).unwrap_or_default()
        };
        let sorted = json(resolve::resolve(extractions.clone(), &ontology));
        let mut reversed = extractions.clone();
        reversed.reverse();
        let mut rotated = extractions;
        rotated.rotate_left(7);
        assert_eq!(json(resolve::resolve(reversed, &ontology)), sorted);
        assert_eq!(json(resolve::resolve(rotated, &ontology)), sorted);
        Ok(())
    }
}
