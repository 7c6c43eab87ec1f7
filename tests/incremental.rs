//! Incremental builds equal builds from scratch: after reports are added,
//! changed and removed, the store built step by step dumps to the same bytes as
//! a store built once from the final reports.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn meetkg(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(dir)
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY");
    cmd
}

fn dump(dir: &Path, store: &str, out: &str) -> Result<Vec<u8>> {
    meetkg(dir)
        .args([
            "dump",
            "--store",
            store,
            "--out",
            out,
            "--date",
            "2024-01-01",
        ])
        .assert()
        .success();
    Ok(std::fs::read(
        dir.join(out).join("meetkg-2024-01-01-v0.1.0.nq"),
    )?)
}

#[test]
fn incremental_build_equals_a_build_from_scratch() -> Result {
    let dir = tempfile::tempdir()?;
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports)?;
    for entry in std::fs::read_dir(root().join("reports"))? {
        let p = entry?.path();
        if let Some(name) = p.file_name() {
            std::fs::copy(&p, reports.join(name))?;
        }
    }
    meetkg(dir.path())
        .args(["build", "--store", "s1"])
        .assert()
        .success();
    meetkg(dir.path())
        .args(["build", "--store", "s1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing changed"));

    // Add a report of another body, change one, remove one.
    std::fs::copy(
        root().join("tests/fixtures/plain_bpf_cybersecurity.txt"),
        reports.join("bpf.txt"),
    )?;
    let changed = reports.join("000_d039960901b7e455.txt");
    let text = std::fs::read_to_string(&changed)?;
    std::fs::write(
        &changed,
        text.replace("Wolfgang observed", "Wolfgang Kleinwächter observed"),
    )?;
    std::fs::remove_file(reports.join("004_d2d3bdfd86faae18.txt"))?;
    meetkg(dir.path())
        .args(["build", "--store", "s1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 reports extracted, 3 from the cache",
        ));

    meetkg(dir.path())
        .args(["build", "--store", "s2"])
        .assert()
        .success();
    let step_by_step = dump(dir.path(), "s1", "d1")?;
    let from_scratch = dump(dir.path(), "s2", "d2")?;
    assert!(!step_by_step.is_empty());
    assert!(
        step_by_step == from_scratch,
        "incremental and from-scratch dumps differ"
    );
    Ok(())
}
