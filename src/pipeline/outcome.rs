//! What a build tells its caller: its progress as it goes, what it did, or
//! why it did not commit.

pub use crate::corpus::Tally;
use crate::corpus::{Progress, Rejected};
use crate::generations::{Generation, GenerationError};
use crate::rdf::RdfError;
use crate::store::StoreError;
use std::path::PathBuf;

/// Why a build did not commit a generation. Nothing was changed in the store.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A path given is missing, unreadable or holds no report.
    #[error("{0}; nothing was built, the store and the exports are unchanged")]
    BadPath(String),
    /// Every file given was rejected (each with its reason).
    #[error("no report could be read from {paths}")]
    NoReports {
        paths: String,
        rejected: Vec<Rejected>,
    },
    /// Another build holds the store, or its lock cannot be taken.
    #[error(transparent)]
    Lock(GenerationError),
    /// The current generation cannot be found.
    #[error("reading the store {}", path.display())]
    Current {
        path: PathBuf,
        #[source]
        source: GenerationError,
    },
    /// A new generation cannot be started, filled or committed.
    #[error("writing the store {}", path.display())]
    Generation {
        path: PathBuf,
        #[source]
        source: GenerationError,
    },
    /// The new generation's store refused a write.
    #[error("{action} the store {}", path.display())]
    Store {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: StoreError,
    },
    /// A report's cached extraction cannot be read back.
    #[error(transparent)]
    Cache(std::io::Error),
    /// A resolved report cannot be mapped to RDF.
    #[error("mapping report {report} to RDF")]
    Rdf {
        report: String,
        #[source]
        source: RdfError,
    },
}

/// What a build reports as it goes, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// Reading, extracting and resolving the corpus.
    Corpus(Progress),
    /// Writing the store starts, for this many reports.
    Writing(usize),
    /// This many more reports' graphs are written.
    Wrote(usize),
    /// The store is being flushed and compacted.
    Compacting,
}

/// What a build did.
#[derive(Debug)]
pub struct Built {
    /// The generation the store path now names (the current one when nothing
    /// changed).
    pub generation: Generation,
    /// Reports in the store: read now, or standing in for a rejected file.
    pub reports: usize,
    /// Files rejected, with the reason.
    pub rejected: Vec<Rejected>,
    /// Of the reports, those whose extraction came from the cache.
    pub cached: usize,
    /// Of the reports, rejected files whose last good extraction stood in.
    pub kept: usize,
    /// Graphs written and graphs dropped.
    pub changed: usize,
    pub removed: usize,
    pub tally: Tally,
}

impl Built {
    /// The store is as it was.
    pub fn unchanged(&self) -> bool {
        self.changed == 0 && self.removed == 0
    }
}
