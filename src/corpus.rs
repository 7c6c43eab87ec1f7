//! A corpus of reports: which files, extracted in parallel, resolved together.
//!
//! Rationale: identity resolution needs every report in view, while extraction
//! needs only one; so reports are read and extracted in parallel (rayon), each
//! failure is kept beside its path instead of stopping the run, and resolution
//! runs once at the end over the reports in path order, which makes the result
//! independent of thread scheduling.

use crate::extract::{ExtractError, Extractor};
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
    let (files, mut rejected) = report_files(paths);
    let extractor = Extractor::new(ontology);
    progress(Progress::Start(files.len()));
    let results: Vec<(PathBuf, Result<_, ReportError>)> = files
        .par_iter()
        .map(|path| {
            let r = ingest::read(path)
                .map_err(ReportError::from)
                .and_then(|doc| extractor.extract(&doc).map_err(ReportError::from));
            progress(Progress::Extracted);
            (path.clone(), r)
        })
        .collect();
    let mut extractions = Vec::new();
    for (path, r) in results {
        match r {
            Ok(e) => extractions.push(e),
            Err(error) => rejected.push(Rejected { path, error }),
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
    }
}
