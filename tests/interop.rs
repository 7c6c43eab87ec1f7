//! The exports read by the libraries their users use: networkx and igraph
//! (Python; networkx also reads the dynamic GEXF back, spells included),
//! graphology-graphml (as Gephi Lite reads GraphML), and xmllint against the
//! published GraphML and GEXF 1.3 schemas.
//!
//! The clients are installed by the test command (`tests/run.sh`), which sets
//! `MEETKG_REQUIRE_INTEROP=1`: then a missing client fails the test. Run alone
//! (`cargo test`) without them, the checks say plainly that they skip.

use assert_cmd::Command;
use std::path::PathBuf;
use std::process::Command as Process;

mod common;

use common::interop::unavailable;
use common::root;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Builds the seed reports into a temporary store and export directory.
fn exports() -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("exports");
    Command::new(env!("CARGO_BIN_EXE_meetkg"))
        .current_dir(root())
        .args(["build", "reports", "--store"])
        .arg(dir.path().join("store"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    Ok((dir, out))
}

fn schemas() -> Option<PathBuf> {
    let dir = root().join("../shared/schemas");
    dir.join("graphml/graphml.xsd").is_file().then_some(dir)
}

#[test]
fn networkx_and_igraph_read_the_exports() -> Result {
    let python = std::env::var("MEETKG_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Process::new(&python)
        .args(["-c", "import networkx, igraph"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return unavailable("Python with networkx and igraph");
    }
    let (_dir, out) = exports()?;
    let mut cmd = Process::new(&python);
    cmd.arg(root().join("tests/interop/check_exports.py"))
        .arg(&out);
    match schemas() {
        Some(s) => {
            cmd.arg("--schema-dir").arg(s);
        }
        None => {
            eprintln!("SKIPPED schema validation in check_exports.py: ../shared/schemas is absent")
        }
    }
    let status = cmd.status()?;
    assert!(status.success(), "check_exports.py failed");
    Ok(())
}

#[test]
fn graphology_graphml_reads_the_exports() -> Result {
    let dir = root().join("tests/interop/graphology");
    let node_ok = Process::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok || !dir.join("node_modules/graphology-graphml").is_dir() {
        return unavailable("node with graphology-graphml (npm ci in tests/interop/graphology)");
    }
    let (_tmp, out) = exports()?;
    let status = Process::new("node")
        .current_dir(&dir)
        .arg("check.mjs")
        .arg(&out)
        .status()?;
    assert!(status.success(), "graphology-graphml check failed");
    Ok(())
}

#[test]
fn graphml_validates_against_the_published_schema() -> Result {
    let Some(schemas) = schemas() else {
        eprintln!("SKIPPED: ../shared/schemas is absent (CI has it); the GraphML schema is third-party and not in the repository");
        return Ok(());
    };
    if Process::new("xmllint").arg("--version").output().is_err() {
        return unavailable("xmllint (Debian's libxml2-utils)");
    }
    let (_dir, out) = exports()?;
    let graphml = schemas.join("graphml/graphml.xsd");
    for f in meetkg::export::FILES
        .iter()
        .filter(|f| f.ends_with(".graphml"))
    {
        xmllint(&graphml, &out.join(f))?;
    }
    Ok(())
}

#[test]
fn gexf_validates_against_the_published_schema() -> Result {
    let Some(xsd) = schemas()
        .map(|s| s.join("gexf-1.3/gexf.xsd"))
        .filter(|x| x.is_file())
    else {
        eprintln!("SKIPPED: ../shared/schemas/gexf-1.3 is absent (CI has it); the GEXF schema is third-party and not in the repository");
        return Ok(());
    };
    if Process::new("xmllint").arg("--version").output().is_err() {
        return unavailable("xmllint (Debian's libxml2-utils)");
    }
    let (_dir, out) = exports()?;
    let gexf: Vec<_> = meetkg::export::FILES
        .iter()
        .filter(|f| f.ends_with(".gexf"))
        .collect();
    assert_eq!(gexf.len(), 2, "coparticipation.gexf and topics.gexf");
    for f in gexf {
        xmllint(&xsd, &out.join(f))?;
    }
    Ok(())
}

/// Validates `file` against the schema `xsd` with xmllint, offline.
fn xmllint(xsd: &std::path::Path, file: &std::path::Path) -> Result {
    let output = Process::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(file)
        .output()?;
    assert!(
        output.status.success(),
        "{} does not validate: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}
