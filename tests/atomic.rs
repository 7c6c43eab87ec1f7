//! A build is all or nothing: killed at any moment, it leaves the store, its
//! manifest and the exports as the previous build left them or as the new one
//! would have, never a mix; the next build then equals a build from scratch; and
//! readers running during a build never fail and see one state or the other.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn meetkg(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(dir)
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY")
        .env_remove("MEETKG_ABORT_AT")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Two corpora: `a`, the seed reports and the fixtures; `b`, the same with one
/// report changed, one removed and one added.
fn corpora(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let a = dir.join("a");
    let b = dir.join("b");
    std::fs::create_dir_all(&a)?;
    for folder in ["reports", "tests/fixtures"] {
        for entry in std::fs::read_dir(common::root().join(folder))? {
            let p = entry?.path();
            if p.extension().is_some_and(|e| e == "txt") {
                if let Some(name) = p.file_name() {
                    std::fs::copy(&p, a.join(name))?;
                }
            }
        }
    }
    std::fs::create_dir_all(&b)?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&a)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::result::Result<_, _>>()?;
    names.sort();
    for (i, p) in names.iter().enumerate() {
        let name = p.file_name().ok_or("no file name")?;
        match i {
            0 => {} // removed
            1 => {
                let mut text = std::fs::read_to_string(p)?;
                text.push_str(
                    "\nIngrid Solberg said that the group should meet again in spring.\n",
                );
                std::fs::write(b.join(name), text)?;
            }
            _ => {
                std::fs::copy(p, b.join(name))?;
            }
        }
    }
    std::fs::copy(&names[0], b.join("zz_added_again.txt"))?;
    Ok((a, b))
}

fn build(dir: &Path, corpus: &Path, store: &str, out: &str) -> Result {
    let status = meetkg(dir)
        .arg("build")
        .arg(corpus)
        .args(["--store", store, "--out", out])
        .status()?;
    if !status.success() {
        return Err(format!(
            "build of {} into {store} failed: {status}",
            corpus.display()
        )
        .into());
    }
    Ok(())
}

fn dump(dir: &Path, store: &str) -> Result<Vec<u8>> {
    let out = dir.join("dump-tmp");
    let _ = std::fs::remove_dir_all(&out);
    let status = meetkg(dir)
        .args([
            "dump",
            "--store",
            store,
            "--date",
            "2024-01-01",
            "--format",
            "nq",
        ])
        .arg("--out")
        .arg(&out)
        .status()?;
    if !status.success() {
        return Err(format!("dump of {store} failed: {status}").into());
    }
    Ok(std::fs::read(out.join("meetkg-2024-01-01-v0.1.0.nq"))?)
}

fn exports(dir: &Path, out: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for name in meetkg::export::FILES {
        files.insert(name.to_owned(), std::fs::read(dir.join(out).join(name))?);
    }
    Ok(files)
}

/// The generation the exports in `out` say they show, if stamped.
fn stamped_generation(dir: &Path, out: &str) -> Option<String> {
    let bytes = std::fs::read(dir.join(out).join(meetkg::export::STAMP)).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v["generation"].as_str().map(str::to_owned)
}

fn current_generation(dir: &Path, store: &str) -> Option<String> {
    let db = std::fs::canonicalize(dir.join(store)).ok()?;
    Some(db.parent()?.file_name()?.to_string_lossy().into_owned())
}

struct Reference {
    a: Vec<u8>,
    b: Vec<u8>,
    exports_a: BTreeMap<String, Vec<u8>>,
    exports_b: BTreeMap<String, Vec<u8>>,
}

fn reference(dir: &Path, a: &Path, b: &Path) -> Result<Reference> {
    build(dir, a, "ref-a", "ref-a-out")?;
    build(dir, b, "ref-b", "ref-b-out")?;
    let r = Reference {
        a: dump(dir, "ref-a")?,
        b: dump(dir, "ref-b")?,
        exports_a: exports(dir, "ref-a-out")?,
        exports_b: exports(dir, "ref-b-out")?,
    };
    assert_ne!(r.a, r.b, "the two corpora must give different stores");
    Ok(r)
}

/// After a killed build of `b` over a build of `a`: the store holds one of
/// the two states, exports stamped with the store's generation show that
/// state, and the next build equals the build from scratch.
fn check_after_kill(
    dir: &Path,
    b: &Path,
    store: &str,
    out: &str,
    r: &Reference,
    what: &str,
) -> Result {
    let state = dump(dir, store)?;
    let is_b = state == r.b;
    assert!(
        state == r.a || is_b,
        "{what}: the store is neither the old build nor the new one"
    );
    if stamped_generation(dir, out) == current_generation(dir, store) {
        let expected = if is_b { &r.exports_b } else { &r.exports_a };
        assert!(
            &exports(dir, out)? == expected,
            "{what}: the exports say they show the store but differ from it"
        );
    }
    build(dir, b, store, out)?;
    assert!(
        dump(dir, store)? == r.b,
        "{what}: the next build differs from a build from scratch"
    );
    assert!(
        exports(dir, out)? == r.exports_b,
        "{what}: the next build's exports differ from a build from scratch"
    );
    Ok(())
}

#[test]
fn a_build_killed_at_each_gap_of_its_commit_leaves_one_whole_state() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let (a, b) = corpora(dir)?;
    let r = reference(dir, &a, &b)?;
    for point in ["store-written", "committed", "exports-half"] {
        let (store, out) = (format!("s-{point}"), format!("e-{point}"));
        build(dir, &a, &store, &out)?;
        let status = meetkg(dir)
            .arg("build")
            .arg(&b)
            .args(["--store", &store, "--out", &out])
            .env("MEETKG_ABORT_AT", point)
            .status()?;
        assert!(!status.success(), "the build did not stop at {point}");
        check_after_kill(dir, &b, &store, &out, &r, point)?;
    }
    Ok(())
}

#[test]
fn a_build_killed_at_random_moments_leaves_one_whole_state() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let (a, b) = corpora(dir)?;
    let r = reference(dir, &a, &b)?;
    // How long a build of `b` over `a` takes, without the cache of `a`'s
    // extractions (a new store each time), to spread the kills over it.
    build(dir, &a, "timed", "timed-out")?;
    let start = Instant::now();
    build(dir, &b, "timed", "timed-out")?;
    let duration = start.elapsed();
    for i in 0..20u32 {
        let (store, out) = (format!("k{i}"), format!("k{i}-out"));
        build(dir, &a, &store, &out)?;
        let mut child = meetkg(dir)
            .arg("build")
            .arg(&b)
            .args(["--store", &store, "--out", &out])
            .spawn()?;
        std::thread::sleep(duration.mul_f64((f64::from(i) + 0.5) / 20.0));
        let _ = child.kill(); // SIGKILL; it may have finished already
        child.wait()?;
        check_after_kill(dir, &b, &store, &out, &r, &format!("kill {i} of 20"))?;
    }
    Ok(())
}

fn count(dir: &Path, store: &str) -> Result<String> {
    let out = meetkg(dir)
        .args(["query", "--store", store, "--format", "csv"])
        .arg("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "a query during a build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

#[test]
fn readers_during_builds_never_fail_and_see_the_old_or_the_new_state() -> Result {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path();
    let (a, b) = corpora(dir)?;
    build(dir, &a, "ref-a", "ref-a-out")?;
    build(dir, &b, "ref-b", "ref-b-out")?;
    let (count_a, count_b) = (count(dir, "ref-a")?, count(dir, "ref-b")?);
    assert_ne!(count_a, count_b);
    build(dir, &a, "s", "e")?;
    let mut reads = 0;
    // Back and forth: each build replaces the whole state the readers see.
    for corpus in [&b, &a, &b, &a, &b, &a] {
        let mut child = meetkg(dir)
            .arg("build")
            .arg(corpus)
            .args(["--store", "s", "--out", "e"])
            .spawn()?;
        let deadline = Instant::now() + Duration::from_secs(120);
        while child.try_wait()?.is_none() && Instant::now() < deadline {
            let seen = count(dir, "s")?;
            assert!(seen == count_a || seen == count_b, "a reader saw {seen}");
            reads += 1;
        }
        assert!(child.wait()?.success());
    }
    assert!(reads > 0, "no read happened during a build");
    Ok(())
}
