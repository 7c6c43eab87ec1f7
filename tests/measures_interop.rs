//! The network measures of the co-participation export agree with networkx and
//! igraph (issue 22, item 5): on the seed reports, and on a 200-report archive
//! from the benchmark's generator. `tests/interop/check_measures.py` recomputes
//! each measure from the GraphML and states the tolerances.
//!
//! As in `tests/interop.rs`: the test command installs the Python clients and
//! sets `MEETKG_REQUIRE_INTEROP=1`; run alone without them, the test skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;

use common::interop::unavailable;
use common::{meetkg, root};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn python() -> Option<String> {
    let python = std::env::var("MEETKG_PYTHON").unwrap_or_else(|_| "python3".into());
    Command::new(&python)
        .args(["-c", "import networkx, igraph"])
        .status()
        .is_ok_and(|s| s.success())
        .then_some(python)
}

/// Builds `reports` into `dir/store` and `dir/exports`; returns the exports.
fn build(reports: &Path, dir: &Path) -> Result<PathBuf> {
    let out = dir.join("exports");
    let started = Instant::now();
    let status = meetkg()
        .arg("build")
        .arg(reports)
        .arg("--store")
        .arg(dir.join("store"))
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .status()?;
    assert!(status.success(), "build of {} failed", reports.display());
    eprintln!("built {} in {:?}", reports.display(), started.elapsed());
    Ok(out)
}

fn check(python: &str, exports: &Path) -> Result {
    let status = Command::new(python)
        .arg(root().join("tests/interop/check_measures.py"))
        .arg(exports)
        .status()?;
    assert!(
        status.success(),
        "check_measures.py failed on {}",
        exports.display()
    );
    Ok(())
}

#[test]
fn measures_agree_with_networkx_and_igraph_on_the_seeds() -> Result {
    let Some(python) = python() else {
        return unavailable("Python with networkx and igraph");
    };
    let dir = tempfile::tempdir()?;
    let exports = build(&root().join("reports"), dir.path())?;
    check(&python, &exports)
}

#[test]
fn measures_agree_with_networkx_and_igraph_on_200_generated_reports() -> Result {
    let Some(python) = python() else {
        return unavailable("Python with networkx and igraph");
    };
    let dir = tempfile::tempdir()?;
    let reports = dir.path().join("reports");
    let status = Command::new(&python)
        .arg(root().join("benches/gen_corpus.py"))
        .arg("200")
        .arg(&reports)
        .status()?;
    assert!(status.success(), "gen_corpus.py failed");
    let exports = build(&reports, dir.path())?;
    check(&python, &exports)
}
