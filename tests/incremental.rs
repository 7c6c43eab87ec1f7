//! Incremental builds equal builds from scratch: after reports are added,
//! changed and removed, the store built step by step dumps to the same bytes as
//! a store built once from the final reports.

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
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

/// `meetkg dump` of `store` into `out`, dated, in the formats added to it.
fn dump_command(dir: &Path, store: &str, out: &str) -> Command {
    let mut cmd = meetkg(dir);
    cmd.args(["dump", "--store", store, "--out", out])
        .args(["--date", "2024-01-01"]);
    cmd
}

fn dump(dir: &Path, store: &str, out: &str) -> Result<Vec<u8>> {
    dump_command(dir, store, out).assert().success();
    Ok(std::fs::read(
        dir.join(out).join("meetkg-2024-01-01-v0.1.0.nq"),
    )?)
}

/// The seed reports copied into `dir/reports`, which is returned.
fn copy_seeds(dir: &Path) -> Result<PathBuf> {
    let reports = dir.join("reports");
    std::fs::create_dir(&reports)?;
    for entry in std::fs::read_dir(root().join("reports"))? {
        let p = entry?.path();
        if let Some(name) = p.file_name() {
            std::fs::copy(&p, reports.join(name))?;
        }
    }
    Ok(reports)
}

/// Copies the fixtures `names` into `reports`, beside the seeds.
fn copy_fixtures(reports: &Path, names: &[&str]) -> Result {
    for name in names {
        std::fs::copy(root().join("tests/fixtures").join(name), reports.join(name))?;
    }
    Ok(())
}

#[test]
fn incremental_build_equals_a_build_from_scratch() -> Result {
    let dir = tempfile::tempdir()?;
    let reports = copy_seeds(dir.path())?;
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

/// Every file of a dump of `store` in every format (N-Quads, TriG, Turtle,
/// N-Triples, with void.ttl and SHA256SUMS), by name.
fn dump_all(dir: &Path, store: &str, out: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    dump_command(dir, store, out)
        .args(["--format", "nq", "--format", "trig", "--format", "ttl"])
        .args(["--format", "nt"])
        .assert()
        .success();
    files(&dir.join(out), |_| true)
}

/// The files of `folder` whose names `keep` says, by name.
fn files(folder: &Path, keep: impl Fn(&str) -> bool) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if keep(&name) {
            out.insert(name, std::fs::read(entry.path())?);
        }
    }
    Ok(out)
}

/// The export files in `out`: every file there but the stamp, which names
/// the generation and the files' modification times (so two exports compare
/// as `diff -r` with the stamp aside), and those are the export files.
fn exports(dir: &Path, out: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let exported = files(&dir.join(out), |name| name != meetkg::export::STAMP)?;
    let names: Vec<&str> = exported.keys().map(String::as_str).collect();
    let mut expected = meetkg::export::FILES.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected, "the files of {out}");
    Ok(exported)
}

/// Builds `store` from `reports` with its exports in `out`; gives the log.
fn build(dir: &Path, store: &str, out: &str) -> Result<String> {
    let output = meetkg(dir)
        .args(["-v", "build", "reports", "--store", store, "--out", out])
        .output()?;
    assert!(output.status.success(), "build of {store} failed");
    Ok(String::from_utf8(output.stderr)?)
}

/// After `change` to one report, an incremental build over `store` gives the
/// dumps (every format) and the exports a build from scratch gives; `log`
/// checks the incremental build's log (which path it took).
fn one_change(
    dir: &Path,
    scratch: &str,
    change: impl FnOnce(&Path) -> Result,
    log: impl FnOnce(&str) -> bool,
) -> Result {
    change(&dir.join("reports"))?;
    let said = build(dir, "s1", "e1")?;
    assert!(
        log(&said),
        "the incremental build took another path:\n{said}"
    );
    assert!(said.contains("wrote store generation"), "{said}");
    build(dir, scratch, &format!("{scratch}-out"))?;
    let step = dump_all(dir, "s1", &format!("d1-{scratch}"))?;
    let whole = dump_all(dir, scratch, &format!("d-{scratch}"))?;
    assert_eq!(step.len(), 10, "{:?}", step.keys());
    for (name, bytes) in &whole {
        assert!(
            step.get(name) == Some(bytes),
            "{name} of the incremental build differs from a build from scratch"
        );
    }
    let (a, b) = (
        exports(dir, "e1")?,
        exports(dir, &format!("{scratch}-out"))?,
    );
    assert_eq!(a.len(), b.len());
    for (name, bytes) in &b {
        assert!(
            a.get(name) == Some(bytes),
            "export {name} of the incremental build differs from a build from scratch"
        );
    }
    Ok(())
}

/// One report changed: the incremental build rewrites one graph and keeps
/// the co-participation graph's exports when its change names no one (the
/// agenda), measures and writes them again when it adds a speaker (its
/// edges in runs, copied from the files replaced where they are unchanged),
/// and keeps the measures that read no weight when a report adds a meeting
/// of people who all met before; every dump and every export equals a build
/// from scratch's.
#[test]
fn a_one_report_change_rebuilds_to_what_a_build_from_scratch_gives() -> Result {
    let dir = tempfile::tempdir()?;
    copy_seeds(dir.path())?;
    build(dir.path(), "s1", "e1")?;
    let report = "000_d039960901b7e455.txt";
    let edit = |from: &'static str, to: &'static str| {
        move |reports: &Path| -> Result {
            let path = reports.join(report);
            let text = std::fs::read_to_string(&path)?;
            assert!(text.contains(from));
            std::fs::write(&path, text.replacen(from, to, 1))?;
            Ok(())
        }
    };
    one_change(
        dir.path(),
        "s2",
        edit("5. AoB", "5. AoB and the calendar of the next meetings"),
        |log| log.contains("is as the files show it: kept"),
    )?;
    one_change(
        dir.path(),
        "s3",
        edit(
            "Mark Carvell said",
            "Ingrid Vokomann said that the mandate needs a review. Mark Carvell said",
        ),
        |log| log.contains("network measures of") && log.contains("edge runs copied from the file"),
    )?;
    // The next meeting of a body, the same people: only weights change, and
    // the measures that read no weight are kept.
    let next_meeting = |reports: &Path| -> Result {
        let text = std::fs::read_to_string(reports.join("001_d73c04b723dad814.txt"))?;
        assert!(text.contains("26 September 2024"));
        let next = text
            .replace("26 September 2024", "3 October 2024")
            .replace("84th virtual", "85th virtual");
        std::fs::write(reports.join("005_next_meeting.txt"), next)?;
        Ok(())
    };
    one_change(dir.path(), "s4", next_meeting, |log| {
        log.contains("the network measures that read no weight are kept")
    })?;
    Ok(())
}

/// A change to one report that renames a person of another (a fuller given
/// name, "Christopher", for the "Chris Buckridge" of two seed reports)
/// rewrites the other report's graph too, though its text did not change:
/// the build compares each report's identity decisions with the last
/// build's, not its text alone. Four fixtures join the seeds so that two
/// graphs of nine are few enough to be replaced in a copy of the store (the
/// path that keeps the other graphs). The dumps and exports equal a build
/// from scratch's.
#[test]
fn a_person_renamed_by_another_report_rewrites_the_graphs_that_name_them() -> Result {
    let dir = tempfile::tempdir()?;
    let reports = copy_seeds(dir.path())?;
    copy_fixtures(
        &reports,
        &[
            "aligned_wg_hybrid_12.txt",
            "crlf_dc_schools_of_ig.txt",
            "irc_wg_privacy_sync.txt",
            "md_pn_ai_table.txt",
        ],
    )?;
    build(dir.path(), "s1", "e1")?;
    let add_speaker = |reports: &Path| -> Result {
        let path = reports.join("001_d73c04b723dad814.txt");
        let mut text = std::fs::read_to_string(&path)?;
        text.push_str("\nChristopher Buckridge said that the group should meet again.\n");
        std::fs::write(path, text)?;
        Ok(())
    };
    one_change(dir.path(), "s2", add_speaker, |log| {
        log.contains("compared 9 reports with the current generation, 2 changed")
    })
}

/// The exports of an incremental build are joined from the facts the build
/// keeps per report graph beside the store, not read from the whole store
/// again: a changed report's facts (a new speaker) must reach them and a
/// removed report's (its meeting's day) leave them. They equal the exports
/// `meetkg export` reads from the store with SPARQL, which stale kept facts
/// would not.
#[test]
fn kept_export_facts_follow_a_changed_and_a_removed_report() -> Result {
    let dir = tempfile::tempdir()?;
    let reports = copy_seeds(dir.path())?;
    // Ten fixtures join the seeds, so that the graphs changed and dropped
    // are few enough to be replaced in a copy of the store.
    copy_fixtures(
        &reports,
        &[
            "aligned_wg_hybrid_12.txt",
            "crlf_dc_schools_of_ig.txt",
            "irc_wg_privacy_sync.txt",
            "md_pn_ai_table.txt",
            "caption_dc_accessibility.txt",
            "lynx_wg_outreach_seventh.txt",
            "md_mag_virtual_meeting_5.txt",
            "minutes_bpf_local_content.txt",
            "notes_dc_data_trust.txt",
            "plain_bpf_cybersecurity.txt",
        ],
    )?;
    let said = build(dir.path(), "s1", "e1")?;
    assert!(
        said.contains("facts of every graph kept by the build"),
        "{said}"
    );
    let gexf =
        |out: &str| std::fs::read_to_string(dir.path().join(out).join("coparticipation.gexf"));
    assert!(gexf("e1")?.contains("2021-11-25") && !gexf("e1")?.contains("Ingrid Vokomann"));

    let path = reports.join("001_d73c04b723dad814.txt");
    let mut text = std::fs::read_to_string(&path)?;
    text.push_str("\nIngrid Vokomann said that the group should meet again.\n");
    std::fs::write(path, text)?;
    std::fs::remove_file(reports.join("004_d2d3bdfd86faae18.txt"))?;
    let said = build(dir.path(), "s1", "e1")?;
    assert!(said.contains("wrote store generation"), "{said}");
    assert!(
        said.contains("facts of every graph kept by the build"),
        "{said}"
    );
    assert!(gexf("e1")?.contains("Ingrid Vokomann") && !gexf("e1")?.contains("2021-11-25"));

    meetkg(dir.path())
        .args(["export", "--store", "s1", "--out", "e2"])
        .assert()
        .success();
    let (kept, queried) = (exports(dir.path(), "e1")?, exports(dir.path(), "e2")?);
    for (name, bytes) in &queried {
        assert!(
            kept.get(name) == Some(bytes),
            "export {name} from the kept facts differs from the store's"
        );
    }
    Ok(())
}
