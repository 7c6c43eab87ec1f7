//! What an incremental build remembers beside the store: each report's
//! extraction, keyed by the SHA-256 of its bytes, and beside it what a build
//! reads of every report (the names resolution needs, what the summary
//! counts: about a ninth of the extraction's bytes), so that a build reads
//! the extractions of the changed reports only. (The hash of the graph
//! each report was last stored as is in the manifest of the store's
//! generation.)
//!
//! Rationale: extraction is the costly part of a build and depends on one file
//! alone, so an unchanged file is never extracted twice; identity resolution
//! depends on the whole corpus and is cheap, so it always runs over every
//! report, which makes an incremental build equal a build from scratch. A graph
//! whose quads did not change is not rewritten. A report that is rejected keeps
//! both its old graph and its last good extraction, so the people it names stay
//! the same nodes. The cache lives in `{store}.cache/`, never inside RocksDB's
//! directory, and is only an accelerator: deleting it forces a full rebuild.

use crate::extract::Extraction;
use std::path::{Path, PathBuf};

/// Why the cache could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot write the build cache {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot encode the build cache entry {}: {source}", path.display())]
    Encode {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

/// The cache directory of one store.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the store at `store` (`{store}.cache`).
    pub fn for_store(store: &Path) -> Self {
        let mut name = store.as_os_str().to_owned();
        name.push(".cache");
        Self {
            dir: PathBuf::from(name),
        }
    }

    /// The facts of each report graph that the exports read
    /// ([`crate::graph::kept`]).
    pub fn export_facts(&self) -> PathBuf {
        self.dir.join("export-facts.bin")
    }

    fn extraction_path(&self, key: &str) -> PathBuf {
        self.dir.join("extractions").join(format!("{key}.json"))
    }

    /// A summary is made of its extraction by resolution's code, which the
    /// key's fingerprint does not cover (it is the extraction's): so the
    /// name has the fingerprint of that code too (`MEETKG_GRAPH_CODE`, see
    /// build.rs), and other code makes its own summaries.
    fn summary_path(&self, key: &str) -> PathBuf {
        let code = env!("MEETKG_GRAPH_CODE");
        self.dir
            .join("summaries")
            .join(format!("{key}-{code}.json"))
    }

    /// Whether the cache holds an extraction under `key` (not whether it
    /// reads: a build that finds it unreadable later fails, as when it is
    /// removed in the middle of a build).
    pub fn has_extraction(&self, key: &str) -> bool {
        self.extraction_path(key).is_file()
    }

    /// The summary of the extraction under `key` ([`Cache::put_summary`]); a
    /// missing or unreadable one is a cache miss.
    pub fn summary<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        let bytes = std::fs::read(self.summary_path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores what a build reads of the extraction under `key`, atomically;
    /// put after the extraction, so a summary is never there without it
    /// (unless the extraction is removed by hand, which [`Cache::has_extraction`]
    /// tells).
    ///
    /// # Errors
    /// [`CacheError`] when the cache directory cannot be written.
    pub fn put_summary<T: serde::Serialize>(
        &self,
        key: &str,
        summary: &T,
    ) -> Result<(), CacheError> {
        put_json(self.summary_path(key), summary)
    }

    /// The cached extraction under `key` (the domain data's fingerprint and the
    /// file's content hash). A missing or unreadable entry is a cache miss.
    pub fn extraction(&self, key: &str) -> Option<Extraction> {
        let bytes = std::fs::read(self.extraction_path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores an extraction under `key`, atomically.
    ///
    /// # Errors
    /// [`CacheError`] when the cache directory cannot be written.
    pub fn put_extraction(&self, key: &str, extraction: &Extraction) -> Result<(), CacheError> {
        put_json(self.extraction_path(key), extraction)
    }
}

/// Writes `value` as JSON to `path`, atomically. The cache is only an
/// accelerator: a crash may lose an entry (a cache miss), but never leaves
/// half of one, and a sync per report would slow a build.
fn put_json<T: serde::Serialize + ?Sized>(path: PathBuf, value: &T) -> Result<(), CacheError> {
    let bytes = serde_json::to_vec(value).map_err(|source| CacheError::Encode {
        path: path.clone(),
        source,
    })?;
    crate::atomic::write_unsynced(&path, &bytes)
        .map_err(|source| CacheError::Write { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractions_round_trip() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let cache = Cache::for_store(&dir.path().join("store"));
        assert!(cache.extraction("abc").is_none());
        let e = Extraction {
            source: "a.txt".into(),
            sha256: "abc".into(),
            ..Extraction::default()
        };
        cache.put_extraction("abc", &e)?;
        assert_eq!(
            cache.extraction("abc").map(|x| x.source),
            Some("a.txt".into())
        );
        Ok(())
    }
}
