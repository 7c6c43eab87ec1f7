//! A corpus of reports: which files, extracted in parallel, resolved together.
//!
//! Rationale: identity resolution needs every report in view, while extraction
//! needs only one; so reports are read and extracted in parallel (rayon), each
//! failure is kept beside its path instead of stopping the run, and resolution
//! runs once at the end over the reports in path order, which makes the result
//! independent of thread scheduling.

use crate::cache::Cache;
use crate::extract::{ExtractError, Extraction, Extractor};
use crate::ingest::{self, IngestError};
use crate::model::Report;
use crate::ontology::Ontology;
use crate::resolve::{self, Registry};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// File extensions taken as reports when a directory is given.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

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
    /// A directory could not be listed.
    #[error("cannot list directory {}: {source}", path.display())]
    Walk {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A report that could not be used, and why.
#[derive(Debug)]
pub struct Rejected {
    pub path: PathBuf,
    pub error: ReportError,
}

/// The outcome of reading a corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Resolved reports, sorted by source file name.
    pub reports: Vec<Report>,
    pub registry: Registry,
    pub rejected: Vec<Rejected>,
    /// Rejected files whose previous extraction stood in for them (their graphs
    /// must not be rewritten).
    pub kept: Vec<String>,
    /// How many extractions came from the cache.
    pub cached: usize,
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

/// The report files `paths` stand for: files as given, directories walked
/// recursively for [`REPORT_EXTENSIONS`], hidden entries skipped, sorted.
/// Paths that do not exist or cannot be listed come back as rejections.
pub fn report_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let mut files = Vec::new();
    let mut rejected = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut rejected);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            rejected.push(Rejected {
                path: p.clone(),
                error: ReportError::Missing { path: p.clone() },
            });
        }
    }
    files.sort();
    files.dedup();
    (files, rejected)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, rejected: &mut Vec<Rejected>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            rejected.push(Rejected {
                path: dir.to_owned(),
                error: ReportError::Walk {
                    path: dir.to_owned(),
                    source,
                },
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, rejected);
        } else if is_project_file(&path) {
            continue;
        } else if path
            .extension()
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            files.push(path);
        }
    }
}

/// READMEs and licences sit beside reports in many folders; they are not reports.
fn is_project_file(path: &Path) -> bool {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .is_some_and(|s| {
            ["readme", "license", "licence", "changelog", "notes"].contains(&s.as_str())
        })
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
    read_with_cache(paths, ontology, None, progress)
}

/// An extraction, and whether it came from the cache.
type Extracted = (Extraction, bool);

/// Like [`read`], reusing the extractions of unchanged files from `cache` and
/// adding new ones to it. A rejected file whose last good extraction is cached
/// takes part in identity resolution with it, and is listed in [`Corpus::kept`].
pub fn read_with_cache(
    paths: &[PathBuf],
    ontology: &Ontology,
    cache: Option<&Cache>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Corpus {
    let (files, mut rejected) = report_files(paths);
    let extractor = Extractor::new(ontology);
    progress(Progress::Start(files.len()));
    let salt = &ontology.fingerprint;
    let results: Vec<(PathBuf, Result<Extracted, ReportError>)> = files
        .par_iter()
        .map(|path| {
            let r = ingest::read(path)
                .map_err(ReportError::from)
                .and_then(|doc| {
                    let key = format!("{salt}-{}", doc.sha256);
                    if let Some(mut e) = cache.and_then(|c| c.extraction(&key)) {
                        e.source.clone_from(&doc.source);
                        return Ok((e, true));
                    }
                    let e = extractor.extract(&doc).map_err(ReportError::from)?;
                    if let Some(c) = cache {
                        if let Err(err) = c.put_extraction(&key, &e) {
                            log::warn!("{err}");
                        }
                    }
                    Ok((e, false))
                });
            progress(Progress::Extracted);
            (path.clone(), r)
        })
        .collect();
    let mut extractions = Vec::new();
    let mut cached = 0;
    for (path, r) in results {
        match r {
            Ok((e, hit)) => {
                cached += usize::from(hit);
                extractions.push(e);
            }
            Err(error) => rejected.push(Rejected { path, error }),
        }
    }
    // A rejected report keeps its last good extraction for resolution.
    let mut kept = Vec::new();
    if let Some(c) = cache {
        let manifest = c.manifest();
        for r in &rejected {
            let Some(name) = r.path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            let last = manifest
                .reports
                .get(&name)
                .and_then(|entry| c.extraction(&format!("{salt}-{}", entry.sha256)));
            if let Some(mut e) = last {
                e.source.clone_from(&name);
                kept.push(name);
                extractions.push(e);
            }
        }
    }
    // Two files with one name would share a graph: keep the first, reject the rest.
    extractions.sort_by(|a, b| a.source.cmp(&b.source));
    let mut seen = std::collections::BTreeSet::new();
    extractions.retain(|e| seen.insert(e.source.clone()));
    progress(Progress::Resolving);
    let resolved = resolve::resolve(extractions, ontology);
    Corpus {
        reports: resolved.reports,
        registry: resolved.registry,
        rejected,
        kept,
        cached,
    }
}
