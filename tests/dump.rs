//! `meetkg dump` end to end: the seed reports built into a temporary store, then
//! dumped, and the dumps read by other RDF tools: rdflib (Python), Raptor's
//! `rapper`, and pySHACL through `tests/interop/check_shacl.py`.
//!
//! Counts are compared consistently: `void:triples` is the number of distinct
//! triples in the union of the report graphs, so each reader's count of distinct
//! triples (across graphs) must equal it; the count of statements (quads) must
//! equal the one `void.ttl`'s opening comment and the command's summary give.
//!
//! The readers are installed by the test command (`tests/run.sh`), which sets
//! `MEETKG_REQUIRE_INTEROP=1`: then a missing reader fails the test. Run alone
//! (`cargo test`) without them, those checks say plainly that they skip.

use assert_cmd::Command;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command as Process;

mod common;
use common::interop::unavailable;
use common::root;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const DATE: &str = "2024-05-06";

fn dated(ext: &str) -> String {
    format!("meetkg-{DATE}-v{}.{ext}", env!("CARGO_PKG_VERSION"))
}

fn python() -> String {
    std::env::var("MEETKG_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn meetkg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(root())
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY");
    cmd
}

/// Builds the seed reports into a store in a temporary directory.
fn built() -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    meetkg()
        .args(["build", "reports", "--quiet", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(dir.path().join("exports"))
        .assert()
        .success();
    Ok((dir, store))
}

/// Runs `meetkg dump` with the fixed date and `extra` arguments; returns stdout.
fn dump(store: &Path, out: &Path, extra: &[&str]) -> Result<String> {
    let output = meetkg()
        .args(["dump", "--date", DATE, "--store"])
        .arg(store)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()?;
    assert!(
        output.status.success(),
        "dump failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?)
}

fn contents(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let bytes = if entry.file_type()?.is_file() {
            std::fs::read(entry.path())?
        } else {
            Vec::new()
        };
        files.insert(entry.file_name().to_string_lossy().into_owned(), bytes);
    }
    Ok(files)
}

/// The integer after `label` in `text` ("3589 statements" → 3589 for "statements").
fn number_before(text: &str, label: &str) -> Result<usize> {
    let end = text
        .find(label)
        .ok_or_else(|| format!("no {label:?} in {text:?}"))?;
    let digits: String = text[..end]
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Ok(digits.parse()?)
}

/// `void:triples` and the quad count of `void.ttl`'s opening comment, read as text
/// by the test itself (rdflib reads `void:triples` again below).
fn void_counts(void: &str) -> Result<(usize, usize)> {
    let comment = void.lines().next().ok_or("empty void.ttl")?;
    let quads = number_before(comment, "times in them")?;
    let at = void.find("void:triples ").ok_or("no void:triples")? + "void:triples ".len();
    let triples = void[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()?;
    Ok((triples, quads))
}

#[test]
fn dump_is_byte_identical_twice_and_sha256sum_checks_it() -> Result {
    let (dir, store) = built()?;
    for (name, extra) in [
        ("plain", &["--format", "nq", "--format", "ttl"][..]),
        (
            "gzip",
            &["--format", "nq", "--format", "trig", "--gzip"][..],
        ),
    ] {
        let out = dir.path().join(name);
        let summary = dump(&store, &out, extra)?;
        assert_eq!(summary.lines().count(), 1, "{summary}");
        assert!(summary.contains("triples"), "{summary}");
        let first = contents(&out)?;
        assert!(first.values().all(|bytes| !bytes.is_empty()));
        dump(&store, &out, extra)?;
        assert_eq!(contents(&out)?, first, "{name}: second dump differs");

        let status = Process::new("sha256sum")
            .current_dir(&out)
            .args(["--check", "--quiet", "SHA256SUMS"])
            .status();
        match status {
            Ok(status) => assert!(status.success(), "{name}: sha256sum -c failed"),
            Err(_) => eprintln!("SKIPPED sha256sum -c: no sha256sum"),
        }
    }
    let names: BTreeSet<String> = contents(&dir.path().join("gzip"))?.into_keys().collect();
    let expected: BTreeSet<String> = [
        format!("{}.gz", dated("nq")),
        format!("{}.gz", dated("trig")),
        "meetkg-latest.nq.gz".into(),
        "meetkg-latest.trig.gz".into(),
        "void.ttl".into(),
        "SHA256SUMS".into(),
    ]
    .into_iter()
    .collect();
    assert_eq!(names, expected);
    Ok(())
}

#[test]
fn rdflib_and_rapper_count_what_void_says() -> Result {
    let (dir, store) = built()?;
    let out = dir.path().join("dumps");
    let summary = dump(&store, &out, &[])?;
    let nq = out.join(dated("nq"));
    let void = std::fs::read_to_string(out.join("void.ttl"))?;
    let (void_triples, void_quads) = void_counts(&void)?;
    assert!(void_triples > 1000, "{void_triples} triples only");
    assert!(void_quads >= void_triples);
    assert_eq!(number_before(&summary, "triples")?, void_triples);
    assert_eq!(number_before(&summary, "statements")?, void_quads);

    // rdflib: quads, distinct triples across graphs, and void:triples read as RDF.
    let script = r#"
import sys
from rdflib import Dataset, Graph, Namespace
dataset = Dataset()
dataset.parse(sys.argv[1], format="nquads")
quads = list(dataset.quads((None, None, None, None)))
triples = {(s, p, o) for s, p, o, _ in quads}
void = Graph()
void.parse(sys.argv[2], format="turtle")
stated = [int(o) for o in void.objects(None, Namespace("http://rdfs.org/ns/void#").triples)]
print(len(quads), len(triples), *stated)
"#;
    let python = python();
    let rdflib_ok = Process::new(&python)
        .args(["-c", "import rdflib"])
        .status()
        .is_ok_and(|s| s.success());
    if rdflib_ok {
        let output = Process::new(&python)
            .args(["-c", script])
            .arg(&nq)
            .arg(out.join("void.ttl"))
            .output()?;
        assert!(
            output.status.success(),
            "rdflib: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let counts: Vec<usize> = String::from_utf8(output.stdout)?
            .split_whitespace()
            .map(str::parse)
            .collect::<std::result::Result<_, _>>()?;
        eprintln!("rdflib: {counts:?} (quads, distinct triples, void:triples)");
        assert_eq!(counts, vec![void_quads, void_triples, void_triples]);
    } else {
        unavailable("Python with rdflib")?;
    }

    // Raptor: `-c` counts the statements; the N-Triples it writes (graph names
    // dropped) deduplicated are the distinct triples.
    if Process::new("rapper").arg("--version").output().is_err() {
        return unavailable("rapper (Debian's raptor2-utils)");
    }
    let output = Process::new("rapper")
        .args(["-i", "nquads", "-c"])
        .arg(&nq)
        .output()?;
    assert!(output.status.success(), "rapper -c failed");
    let stderr = String::from_utf8(output.stderr)?;
    let rapper_quads = number_before(&stderr, "triples")?;
    let output = Process::new("rapper")
        .args(["-q", "-i", "nquads", "-o", "ntriples"])
        .arg(&nq)
        .output()?;
    assert!(output.status.success(), "rapper -o ntriples failed");
    let rapper_triples = String::from_utf8(output.stdout)?
        .lines()
        .collect::<BTreeSet<_>>()
        .len();
    eprintln!("rapper: {rapper_quads} statements, {rapper_triples} distinct triples");
    assert_eq!(rapper_quads, void_quads);
    assert_eq!(rapper_triples, void_triples);
    let output = Process::new("rapper")
        .args(["-i", "turtle", "-c"])
        .arg(out.join("void.ttl"))
        .output()?;
    assert!(output.status.success(), "rapper cannot read void.ttl");
    Ok(())
}

#[test]
fn shacl_passes_on_the_dump_and_fails_on_the_broken_example() -> Result {
    let python = python();
    let ok = Process::new(&python)
        .args(["-c", "import rdflib, pyshacl"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return unavailable("Python with rdflib and pyshacl");
    }
    let (dir, store) = built()?;
    let out = dir.path().join("dumps");
    dump(&store, &out, &[])?;
    let check = root().join("tests/interop/check_shacl.py");
    let output = Process::new(&python)
        .arg(&check)
        .arg(out.join(dated("nq")))
        .output()?;
    assert!(
        output.status.success(),
        "the dump does not conform:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // The checker can fail: the broken example does not conform (exit 1, not 2).
    let output = Process::new(&python)
        .arg(&check)
        .arg(root().join("tests/interop/shacl/broken.trig"))
        .output()?;
    assert_eq!(
        output.status.code(),
        Some(1),
        "broken.trig should not conform:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    Ok(())
}

#[test]
fn failed_dump_exits_2_and_keeps_the_previous_files() -> Result {
    let (dir, store) = built()?;
    let out = dir.path().join("dumps");
    dump(&store, &out, &[])?;
    let before = contents(&out)?;
    // The next day's dump cannot put its dated file in place: a directory is there.
    let obstacle = out.join(format!(
        "meetkg-2024-05-07-v{}.nq",
        env!("CARGO_PKG_VERSION")
    ));
    std::fs::create_dir(&obstacle)?;
    std::fs::write(obstacle.join("keep"), "x")?;
    meetkg()
        .args(["dump", "--date", "2024-05-07", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("meetkg-2024-05-07"));
    let mut after = contents(&out)?;
    assert!(after
        .remove(
            obstacle
                .file_name()
                .ok_or("no name")?
                .to_string_lossy()
                .as_ref()
        )
        .is_some());
    assert_eq!(after, before);
    Ok(())
}

#[test]
fn dump_without_a_store_says_to_build_first() -> Result {
    let dir = tempfile::tempdir()?;
    meetkg()
        .args(["dump", "--store"])
        .arg(dir.path().join("none"))
        .arg("--out")
        .arg(dir.path().join("dumps"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("meetkg build"));
    assert!(!dir.path().join("dumps").exists());
    Ok(())
}

/// A dump killed at any moment (SIGKILL, no chance to clean up) leaves the
/// previous files whole: the visible files are always a complete earlier dump.
#[test]
fn a_killed_dump_leaves_the_previous_files_whole() -> Result {
    let (dir, store) = built()?;
    let out = dir.path().join("dumps");
    dump(
        &store,
        &out,
        &["--gzip", "--format", "nq", "--format", "ttl"],
    )?;
    let reference = contents(&out)?;
    // Kill at a spread of moments, from before the first write to after the last.
    for delay_ms in [0u64, 5, 20, 50, 100, 150, 200, 250, 300, 350, 400, 500] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meetkg"))
            .current_dir(root())
            .args([
                "dump", "--gzip", "--format", "nq", "--format", "ttl", "--date", DATE, "--store",
            ])
            .arg(&store)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait()?;
        // Temporary files may be left behind, hidden; every visible file is the old one.
        let now = contents(&out)?;
        for (name, bytes) in &reference {
            assert_eq!(
                now.get(name),
                Some(bytes),
                "{name} changed after a kill at {delay_ms} ms"
            );
        }
    }
    Ok(())
}
