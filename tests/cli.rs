//! End-to-end tests of the `meetkg` binary in temporary directories.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn meetkg(dir: &Path) -> Result<Command> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(dir)
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY");
    Ok(cmd)
}

/// A work directory with a copy of the seed reports in `reports/`.
fn workdir() -> Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("reports"))?;
    for entry in std::fs::read_dir(root().join("reports"))? {
        let p = entry?.path();
        if let Some(name) = p.file_name() {
            std::fs::copy(&p, dir.path().join("reports").join(name))?;
        }
    }
    Ok(dir)
}

/// Every export file: GraphML, CSV and dynamic GEXF.
const EXPORTS: [&str; 23] = meetkg::export::FILES;

#[test]
fn build_writes_store_and_every_export_and_is_reproducible() -> Result {
    let dir = workdir()?;
    meetkg(dir.path())?
        .arg("build")
        .assert()
        .success()
        .stdout(predicate::str::contains("5 reports").and(predicate::str::contains("triples")));
    assert!(dir.path().join(".meetkg/store").is_dir());
    let first: Vec<Vec<u8>> = EXPORTS
        .iter()
        .map(|f| std::fs::read(dir.path().join("exports").join(f)))
        .collect::<std::io::Result<_>>()?;
    for (f, bytes) in EXPORTS.iter().zip(&first) {
        assert!(bytes.len() > 50, "{f} is nearly empty");
    }
    meetkg(dir.path())?.arg("build").assert().success();
    for (f, bytes) in EXPORTS.iter().zip(&first) {
        assert_eq!(
            &std::fs::read(dir.path().join("exports").join(f))?,
            bytes,
            "{f} changed on rebuild"
        );
    }
    // `export` rewrites the same files from the store alone.
    std::fs::remove_dir_all(dir.path().join("exports"))?;
    meetkg(dir.path())?.arg("export").assert().success();
    for (f, bytes) in EXPORTS.iter().zip(&first) {
        assert_eq!(
            &std::fs::read(dir.path().join("exports").join(f))?,
            bytes,
            "{f} differs from export"
        );
    }
    Ok(())
}

#[test]
fn extract_prints_one_json_object_per_report() -> Result {
    let out = meetkg(&root())?.args(["extract", "reports"]).output()?;
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)?;
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;
    assert_eq!(lines.len(), 5);
    for l in &lines {
        for key in [
            "source",
            "meeting",
            "agenda",
            "people",
            "organisations",
            "topics",
        ] {
            assert!(l.get(key).is_some(), "missing {key}");
        }
        assert!(l["people"].as_array().is_some_and(|p| !p.is_empty()));
    }
    Ok(())
}

#[test]
fn bad_reports_are_named_rejected_and_do_not_touch_the_store() -> Result {
    let dir = workdir()?;
    meetkg(dir.path())?.arg("build").assert().success();
    let count = |dir: &Path| -> Result<String> {
        let out = meetkg(dir)?
            .args([
                "query",
                "--format",
                "csv",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), \"002\")) }",
            ])
            .output()?;
        Ok(String::from_utf8(out.stdout)?)
    };
    let before = count(dir.path())?;
    assert!(!before.contains("\n0"), "the graph of 002 exists: {before}");
    let reports = dir.path().join("reports");
    std::fs::write(reports.join("empty.txt"), "")?;
    std::fs::write(reports.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00")?;
    std::fs::write(reports.join("scan.txt"), b"%PDF-1.7\x00\x01\x02")?;
    std::fs::write(reports.join("latin1.txt"), b"R\xe9union du groupe")?;
    // A seed report truncated inside a UTF-8 character keeps its previous graph.
    let victim = reports.join("002_fc8fae1d6911dcd5.txt");
    let mut bytes = std::fs::read(&victim)?;
    let cut = bytes
        .iter()
        .position(|&b| b >= 0xC0)
        .ok_or("no multibyte char")?;
    bytes.truncate(cut + 1);
    std::fs::write(&victim, bytes)?;
    meetkg(dir.path())?.arg("build").assert().code(1).stderr(
        predicate::str::contains("empty.txt is empty")
            .and(predicate::str::contains("binary.txt is not a text file"))
            .and(predicate::str::contains("scan.txt is a damaged PDF"))
            .and(predicate::str::contains("latin1.txt is not valid UTF-8"))
            .and(
                predicate::str::contains("002_fc8fae1d6911dcd5.txt")
                    .and(predicate::str::contains("truncated")),
            ),
    );
    assert_eq!(
        count(dir.path())?,
        before,
        "the rejected report's graph must stay"
    );
    Ok(())
}

#[test]
fn a_missing_path_is_a_clear_failure() -> Result {
    let dir = tempfile::tempdir()?;
    meetkg(dir.path())?
        .args(["build", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere does not exist"));
    Ok(())
}

#[test]
fn query_formats_and_query_files() -> Result {
    let dir = workdir()?;
    meetkg(dir.path())?.arg("build").assert().success();
    let q = root().join("queries/spoke.rq");
    for format in ["table", "csv", "tsv", "json", "xml"] {
        meetkg(dir.path())?
            .args(["query", "--format", format])
            .arg(format!("@{}", q.display()))
            .assert()
            .success()
            .stdout(predicate::str::contains("Anriette"));
    }
    meetkg(dir.path())?
        .args(["query", "CONSTRUCT { ?p a <http://xmlns.com/foaf/0.1/Person> } WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"])
        .assert()
        .success()
        .stdout(predicate::str::contains("foaf:Person").or(predicate::str::contains("xmlns.com/foaf")));
    meetkg(dir.path())?
        .args(["query", "SELEKT nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("query"));
    Ok(())
}

#[test]
fn people_lists_identities_and_review_candidates() -> Result {
    meetkg(&root())?
        .args(["people", "reports"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Anriette Esterhuysen")
                .and(predicate::str::contains("Hesterhuysen"))
                .and(predicate::str::contains("review")),
        );
    Ok(())
}

/// Every attendance, intervention, membership and discussed topic links to the
/// sentence it came from (the extraction issue's provenance requirement).
#[test]
fn every_fact_links_to_its_sentence() -> Result {
    let dir = workdir()?;
    meetkg(dir.path())?.arg("build").assert().success();
    let unsourced = [
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership . FILTER NOT EXISTS { ?m prov:wasDerivedFrom ?s } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?meeting schema:attendee ?p . FILTER NOT EXISTS { ?a meetkg:participant ?p ; meetkg:atMeeting ?meeting } FILTER NOT EXISTS { ?i meetkg:speaker ?p ; meetkg:atMeeting ?meeting } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?p meetkg:spokeAt ?meeting . FILTER NOT EXISTS { ?i meetkg:speaker ?p ; meetkg:atMeeting ?meeting ; prov:wasDerivedFrom ?s . ?s oa:exact ?text ; oa:start ?start ; oa:end ?end } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?meeting meetkg:discussed ?t . FILTER NOT EXISTS { ?d meetkg:topic ?t ; meetkg:atMeeting ?meeting ; prov:wasDerivedFrom ?s } }",
    ];
    for q in unsourced {
        meetkg(dir.path())?
            .args(["query", "--format", "csv", q])
            .assert()
            .success()
            .stdout(predicate::eq("n\r\n0\r\n"));
    }
    Ok(())
}

/// How many report graphs the store in `dir` holds.
fn graph_count(dir: &Path) -> Result<String> {
    let out = meetkg(dir)?
        .args([
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ])
        .output()?;
    Ok(String::from_utf8(out.stdout)?)
}

#[test]
fn reports_with_one_file_name_in_two_folders_are_two_reports() -> Result {
    let dir = tempfile::tempdir()?;
    for (month, seed) in [
        ("2024-10", "000_d039960901b7e455.txt"),
        ("2024-11", "001_d73c04b723dad814.txt"),
    ] {
        let folder = dir.path().join("in").join(month);
        std::fs::create_dir_all(&folder)?;
        std::fs::copy(
            root().join("reports").join(seed),
            folder.join("minutes.txt"),
        )?;
    }
    // Notes are how many groups file their minutes: not skipped.
    std::fs::copy(
        root().join("reports/002_fc8fae1d6911dcd5.txt"),
        dir.path().join("in/notes.txt"),
    )?;
    meetkg(dir.path())?
        .args(["build", "in"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 reports (0 rejected)"));
    assert!(graph_count(dir.path())?.contains("\n3"));
    Ok(())
}

#[test]
fn a_missing_or_emptied_path_beside_others_changes_nothing() -> Result {
    let dir = workdir()?;
    std::fs::create_dir(dir.path().join("more"))?;
    std::fs::copy(
        root().join("tests/fixtures/plain_bpf_cybersecurity.txt"),
        dir.path().join("more/bpf.txt"),
    )?;
    meetkg(dir.path())?
        .args(["build", "reports", "more"])
        .assert()
        .success();
    let before = graph_count(dir.path())?;
    assert!(before.contains("\n6"), "{before}");
    // A typo in a cron line.
    meetkg(dir.path())?
        .args(["build", "reports", "more_typo"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("more_typo does not exist")
                .and(predicate::str::contains("nothing was built")),
        );
    assert_eq!(graph_count(dir.path())?, before);
    // A folder emptied by mistake.
    std::fs::remove_file(dir.path().join("more/bpf.txt"))?;
    meetkg(dir.path())?
        .args(["build", "reports", "more"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no report"));
    assert_eq!(graph_count(dir.path())?, before);
    Ok(())
}

/// What a run said: its exit code and its stderr.
struct Ran {
    code: Option<i32>,
    stderr: String,
}

/// Runs `meetkg args` in `dir` with stdout a pipe whose reader is gone
/// before anything is printed, as `meetkg build | true` is.
fn into_a_closed_pipe(dir: &Path, args: &[&str]) -> Result<Ran> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meetkg"))
        .current_dir(dir)
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    drop(child.stdout.take());
    let output = child.wait_with_output()?;
    Ok(Ran {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// `meetkg build | true` and `meetkg dump | true` ended with exit 101
/// ("failed printing to stdout", a panic) after the work was done. A reader
/// that went away is no failure: the exit code is the work's, 0 or 1.
#[test]
fn a_closed_stdout_pipe_is_no_failure_after_build_and_dump() -> Result {
    let dir = workdir()?;
    let ran = into_a_closed_pipe(dir.path(), &["build"])?;
    assert_eq!(ran.code, Some(0), "build: {}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(dir.path().join("exports/topics.graphml").is_file());

    let ran = into_a_closed_pipe(dir.path(), &["dump"])?;
    assert_eq!(ran.code, Some(0), "dump: {}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(dir.path().join("dumps/SHA256SUMS").is_file());

    // A report rejected: the work says 1, and a closed pipe does not change it.
    std::fs::write(dir.path().join("reports/empty.txt"), "")?;
    let ran = into_a_closed_pipe(dir.path(), &["build"])?;
    assert_eq!(
        ran.code,
        Some(1),
        "build with a rejected report: {}",
        ran.stderr
    );
    Ok(())
}

/// `meetkg build > /dev/full` ended with exit 101 and a panic message; a
/// stdout that cannot be written is a failure, exit 2, said in one line.
#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_exit_2_with_one_line_for_build_and_dump() -> Result {
    let dir = workdir()?;
    for command in ["build", "dump"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full")?;
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_meetkg"))
            .current_dir(dir.path())
            .env_remove("MEETKG_STORE")
            .env_remove("MEETKG_ONTOLOGY")
            .arg(command)
            .stdout(full)
            .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{command}: {stderr}");
        assert!(stderr.contains("stdout"), "{command}: {stderr}");
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
    }
    Ok(())
}

/// When only the exports failed (a full disk in the probe; here `--out` is
/// a file), `build` exited 2 as if nothing was done, though the store had
/// switched to the new build. It still exits 2, and says the store was
/// built and the exports were not.
#[test]
fn exports_failing_after_the_store_switched_say_the_store_was_built() -> Result {
    let dir = workdir()?;
    std::fs::write(dir.path().join("exports"), "a file where the exports go")?;
    let output = meetkg(dir.path())?.arg("build").output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("was built"), "{stderr}");
    assert!(stderr.contains("exports were not written"), "{stderr}");
    assert!(stderr.contains("meetkg export"), "{stderr}");
    meetkg(dir.path())?
        .args([
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?m a schema:Event }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("5"));
    Ok(())
}

/// `meetkg extract | head` with a rejected report exited 0: the closed pipe
/// was taken for the end of the run and the rejection's exit code was lost.
/// The exit code is the work's, 1, for `extract` and `people` alike.
#[test]
fn a_closed_stdout_pipe_keeps_the_exit_code_of_rejected_reports() -> Result {
    let dir = workdir()?;
    std::fs::write(dir.path().join("reports/empty.txt"), "")?;
    for command in ["extract", "people"] {
        let ran = into_a_closed_pipe(dir.path(), &[command, "reports"])?;
        assert_eq!(ran.code, Some(1), "{command}: {}", ran.stderr);
        assert!(
            ran.stderr.contains("empty.txt"),
            "{command}: {}",
            ran.stderr
        );
    }
    Ok(())
}
