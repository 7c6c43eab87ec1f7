//! Fingerprints the code an extraction comes from, so that the extraction
//! cache (keyed by the ontology's fingerprint and each report's bytes) is not
//! reused by a meetkg whose extraction rules changed: an upgraded or rebuilt
//! meetkg re-extracts, where it would otherwise serve extractions of the old
//! rules until the version number moved.
//!
//! Only the files an extraction depends on are hashed (the reading of a
//! report, its text, the words and the rules, and the model they fill): a
//! change to the store, the exports or the server keeps the cache.
//!
//! The code that turns a built graph into export files (the graphs' attributes
//! and measures, the writers) is fingerprinted apart, the same way
//! (`MEETKG_EXPORT_CODE`): an export file kept because its graph did not
//! change is one this code wrote. So is the code that makes a report's graph
//! of its extraction (`MEETKG_GRAPH_CODE`: resolution, the resolved report,
//! the mapping to RDF): a graph kept by an incremental build is one this code
//! made. The hash is
//! `std`'s, which needs no crate; a different compiler may hash differently,
//! which costs one re-extraction and nothing else.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// What an extraction is made of, relative to the package root.
const EXTRACTION_SOURCES: &[&str] = &[
    "src/extract",
    "src/words",
    "src/text.rs",
    "src/model.rs",
    "src/ingest",
    "src/ontology.rs",
];

/// What an export file is made of, from its graph on.
const EXPORT_SOURCES: &[&str] = &["src/export", "src/graph"];

/// What a report's graph is made of besides its extraction: the identity
/// decisions, the resolved report made of them, and its mapping to RDF.
const GRAPH_SOURCES: &[&str] = &[
    "src/resolve.rs",
    "src/resolve",
    "src/corpus.rs",
    "src/rdf.rs",
    "src/vocab.rs",
    "src/pipeline/plan.rs",
];

fn main() {
    println!(
        "cargo:rustc-env=MEETKG_EXTRACTION_CODE={:016x}",
        fingerprint(EXTRACTION_SOURCES)
    );
    println!(
        "cargo:rustc-env=MEETKG_EXPORT_CODE={:016x}",
        fingerprint(EXPORT_SOURCES)
    );
    println!(
        "cargo:rustc-env=MEETKG_GRAPH_CODE={:016x}",
        fingerprint(GRAPH_SOURCES)
    );
}

/// The hash of the files under `sources`, each named.
fn fingerprint(sources: &[&str]) -> u64 {
    let mut files = Vec::new();
    for source in sources {
        println!("cargo:rerun-if-changed={source}");
        collect(Path::new(source), &mut files);
    }
    files.sort();
    let mut hash = DefaultHasher::new();
    for file in &files {
        hash.write(file.to_string_lossy().as_bytes());
        // A file that cannot be read changes the fingerprint all the same.
        hash.write(&std::fs::read(file).unwrap_or_default());
    }
    hash.finish()
}

/// The files under `path` (itself, if it is one), in any order.
fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
        Err(_) if path.is_file() => out.push(path.to_path_buf()),
        Err(_) => {}
    }
}
