//! What a build changes in the current store: which reports' graphs must be
//! written, which graphs dropped, and whether the next generation starts from a
//! copy of the current one or from scratch.
//!
//! Rationale: a graph is a function of its resolved report and the mapping's
//! version, and a resolved report of its extraction and its identity
//! decisions; so comparing [`graph_hash`]es with the current generation's
//! manifest tells, without reading an extraction or building a quad, which
//! graphs differ. The plan is pure (no store, no file), so its rules are
//! tested here one by one.

use crate::corpus::Streamed;
use crate::generations::{Entry, Manifest};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// A generation starts from a copy of the current one when fewer than one
/// report in `COPY_BELOW` changed or went; otherwise rewriting every graph
/// through the bulk loader is faster than replacing graphs in transactions.
pub const COPY_BELOW: usize = 4;

/// A hash of what a report's graph is made from: the `i`-th report of
/// `corpus` as [`Streamed::feed_report`] gives it (its extraction's cache key,
/// identity, thread and identity decisions), and the code that makes the
/// graph of these (the version, and `MEETKG_GRAPH_CODE`: see build.rs). The
/// graph is a function of these, so equal hashes mean equal graphs; and it
/// costs neither reading the extraction back nor serialising the report, so
/// comparing every report of an archive costs little more than the reports
/// that changed.
pub fn graph_hash(corpus: &Streamed, i: usize) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\n");
    h.update(env!("MEETKG_GRAPH_CODE").as_bytes());
    h.update(b"\n");
    corpus.feed_report(i, &mut |bytes| h.update(bytes));
    hex::encode(h.finalize())
}

/// What a build changes in the current store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Reports (indices in the corpus) whose graph is new or differs from the
    /// current generation's.
    pub changed: Vec<usize>,
    /// Reports of the current generation that are gone.
    pub removed: Vec<String>,
    /// The current generation must be copied, not rebuilt: it holds a graph
    /// (of a rejected report) that this build cannot make again.
    pub must_copy: bool,
}

impl Plan {
    /// Nothing to write: the current generation is the build's result.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }

    /// The next generation starts from a copy of the current one (few graphs
    /// change, or one must be kept that cannot be rebuilt) rather than from
    /// scratch, for a corpus of `reports` reports.
    pub fn copies(&self, reports: usize) -> bool {
        self.must_copy || (self.changed.len() + self.removed.len()) * COPY_BELOW < reports
    }
}

/// Where a report of the corpus was read from.
#[derive(Debug, Clone, Copy)]
pub struct Read<'a> {
    /// Its identity.
    pub source: &'a str,
    /// The hash of its bytes.
    pub sha256: &'a str,
    /// Its file, when its identity is not the file's; empty otherwise.
    pub file: &'a str,
}

/// Builds the [`Plan`] and the next manifest, one report at a time in the
/// corpus's order.
#[derive(Debug)]
pub struct Planner<'a> {
    old: &'a Manifest,
    changed: Vec<usize>,
    manifest: Manifest,
}

impl<'a> Planner<'a> {
    /// A plan against the current generation's manifest.
    pub fn new(old: &'a Manifest) -> Self {
        Self {
            old,
            changed: Vec::new(),
            manifest: Manifest::default(),
        }
    }

    /// The `i`-th report of the corpus, read from `source` (`sha256`) with its
    /// graph hash, and the `file` it was read from when its identity is not
    /// the file's (see [`Entry::file`]). A `kept` report is a rejected file
    /// whose last good extraction stood in: its graph and entry stay as they
    /// were.
    pub fn report(&mut self, i: usize, read: Read<'_>, graph: String, kept: bool) {
        let before = self.old.reports.get(read.source);
        match before {
            Some(e) if kept => {
                self.manifest
                    .reports
                    .insert(read.source.to_owned(), e.clone());
            }
            Some(e) if e.graph == graph => {
                let entry = Entry {
                    file: read.file.to_owned(),
                    ..e.clone()
                };
                self.manifest.reports.insert(read.source.to_owned(), entry);
            }
            _ if kept => {}
            _ => {
                self.changed.push(i);
                self.manifest.reports.insert(
                    read.source.to_owned(),
                    Entry {
                        sha256: read.sha256.to_owned(),
                        graph,
                        quads: 0,
                        file: read.file.to_owned(),
                    },
                );
            }
        }
    }

    /// The plan and the next manifest (quads of changed graphs still 0: they
    /// are counted as the graphs are written). A `rejected` report the corpus
    /// could not stand in for (its extraction left the cache) keeps its graph
    /// and entry, which forces a copy of the current generation.
    pub fn finish(mut self, rejected: &BTreeSet<String>) -> (Plan, Manifest) {
        let mut must_copy = false;
        for name in rejected {
            // A mail archive that cannot be read at all keeps its messages'
            // graphs (`list.mbox/1`, `list.mbox/2`, …) as a file keeps its one.
            let within = format!("{name}/");
            let messages = self
                .old
                .reports
                .range(within.clone()..)
                .take_while(|(s, _)| s.starts_with(&within));
            // And those known by their Message-ID, read from it last time,
            // when it or one of its messages cannot be read: which message
            // a broken one was is not known.
            let known_by_id = self
                .old
                .reports
                .iter()
                .filter(|(_, e)| is_in(&e.file, name));
            let old = self
                .old
                .reports
                .get_key_value(name)
                .into_iter()
                .chain(messages)
                .chain(known_by_id);
            for (source, e) in old {
                if !self.manifest.reports.contains_key(source) {
                    self.manifest.reports.insert(source.clone(), e.clone());
                    must_copy = true;
                }
            }
        }
        let removed = self
            .old
            .reports
            .keys()
            .filter(|s| !self.manifest.reports.contains_key(*s))
            .cloned()
            .collect();
        let plan = Plan {
            changed: self.changed,
            removed,
            must_copy,
        };
        (plan, self.manifest)
    }
}

/// Whether the rejected report `name` is the file `file` or one of its
/// messages (`list.mbox/2`, named by its number).
fn is_in(file: &str, name: &str) -> bool {
    !file.is_empty()
        && name
            .strip_prefix(file)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(graph: &str, quads: u64) -> Entry {
        Entry {
            sha256: format!("sha-{graph}"),
            graph: graph.to_owned(),
            quads,
            file: String::new(),
        }
    }

    fn read<'a>(source: &'a str, sha256: &'a str) -> Read<'a> {
        Read {
            source,
            sha256,
            file: "",
        }
    }

    #[test]
    fn a_rejected_mail_archive_keeps_its_messages_graphs() {
        let mut old = old();
        old.reports.insert("list.mbox-x".into(), entry("gx", 1));
        old.reports.insert("list.mbox/1".into(), entry("g1", 5));
        old.reports.insert("list.mbox/2".into(), entry("g2", 5));
        let mut p = Planner::new(&old);
        for (i, s) in ["a.txt", "b.txt", "c.txt", "list.mbox-x"]
            .iter()
            .enumerate()
        {
            let graph = old.reports[*s].graph.clone();
            p.report(i, read(s, ""), graph, false);
        }
        let rejected = BTreeSet::from(["list.mbox".to_owned()]);
        let (plan, manifest) = p.finish(&rejected);
        assert!(plan.removed.is_empty() && plan.must_copy);
        assert_eq!(manifest.reports, old.reports);
    }

    /// Messages known by their Message-ID are not named under their file:
    /// the manifest says which file they were read from, and an archive
    /// that cannot be read, or has a message that cannot, keeps them.
    #[test]
    fn an_archive_with_a_rejected_part_keeps_its_messages_known_by_id() {
        let mut old = old();
        let by_id = |graph: &str, file: &str| Entry {
            file: file.to_owned(),
            ..entry(graph, 5)
        };
        old.reports
            .insert("mid:1@x".into(), by_id("g1", "lists/board.mbox"));
        old.reports
            .insert("mid:2@x".into(), by_id("g2", "lists/board.mbox"));
        old.reports
            .insert("mid:3@x".into(), by_id("g3", "lists/board.mbox-old"));
        for rejected in ["lists/board.mbox", "lists/board.mbox/2"] {
            let mut p = Planner::new(&old);
            for (i, s) in ["a.txt", "b.txt", "c.txt"].iter().enumerate() {
                p.report(i, read(s, ""), old.reports[*s].graph.clone(), false);
            }
            let (plan, manifest) = p.finish(&BTreeSet::from([rejected.to_owned()]));
            assert_eq!(plan.removed, ["mid:3@x"], "{rejected}");
            assert!(plan.must_copy);
            assert_eq!(manifest.reports["mid:2@x"], old.reports["mid:2@x"]);
        }
    }

    fn old() -> Manifest {
        let mut m = Manifest::default();
        m.reports.insert("a.txt".into(), entry("ga", 10));
        m.reports.insert("b.txt".into(), entry("gb", 20));
        m.reports.insert("c.txt".into(), entry("gc", 30));
        m
    }

    #[test]
    fn an_unchanged_graph_keeps_its_entry_and_is_not_written() {
        let old = old();
        let mut p = Planner::new(&old);
        p.report(0, read("a.txt", "new-sha"), "ga".into(), false);
        let (plan, manifest) = p.finish(&BTreeSet::new());
        assert!(plan.changed.is_empty());
        assert_eq!(manifest.reports.get("a.txt"), Some(&entry("ga", 10)));
    }

    #[test]
    fn a_changed_or_new_graph_is_written_and_counted_later() {
        let old = old();
        let mut p = Planner::new(&old);
        p.report(0, read("a.txt", "sha-x"), "gx".into(), false);
        p.report(1, read("d.txt", "sha-d"), "gd".into(), false);
        let (plan, manifest) = p.finish(&BTreeSet::new());
        assert_eq!(plan.changed, [0, 1]);
        assert_eq!(manifest.reports.get("a.txt").map(|e| e.quads), Some(0));
        assert_eq!(
            manifest.reports.get("d.txt").map(|e| e.graph.as_str()),
            Some("gd")
        );
    }

    #[test]
    fn reports_no_longer_read_are_removed() {
        let old = old();
        let mut p = Planner::new(&old);
        p.report(0, read("a.txt", "sha-ga"), "ga".into(), false);
        let (plan, _) = p.finish(&BTreeSet::new());
        assert_eq!(plan.removed, ["b.txt", "c.txt"]);
    }

    #[test]
    fn a_rejected_report_standing_in_keeps_its_graph_whatever_its_hash() {
        let old = old();
        let mut p = Planner::new(&old);
        p.report(1, read("b.txt", "sha-other"), "other".into(), true);
        let (plan, manifest) = p.finish(&BTreeSet::new());
        assert!(plan.changed.is_empty());
        assert_eq!(manifest.reports.get("b.txt"), Some(&entry("gb", 20)));
    }

    #[test]
    fn a_rejected_report_without_its_extraction_forces_a_copy() {
        let old = old();
        let mut p = Planner::new(&old);
        p.report(0, read("a.txt", "sha-ga"), "ga".into(), false);
        let rejected: BTreeSet<String> = ["c.txt".to_owned()].into();
        let (plan, manifest) = p.finish(&rejected);
        assert!(plan.must_copy);
        assert_eq!(plan.removed, ["b.txt"]);
        assert_eq!(manifest.reports.get("c.txt"), Some(&entry("gc", 30)));
        assert!(plan.copies(1000));
    }

    #[test]
    fn a_generation_is_copied_below_a_quarter_of_the_reports_changed() {
        let plan = |changed: usize, removed: usize| Plan {
            changed: (0..changed).collect(),
            removed: (0..removed).map(|i| i.to_string()).collect(),
            must_copy: false,
        };
        assert!(plan(1, 0).copies(100));
        assert!(plan(24, 0).copies(100));
        assert!(plan(20, 4).copies(100));
        assert!(!plan(25, 0).copies(100));
        assert!(!plan(20, 5).copies(100));
        assert!(!plan(1, 0).copies(4));
        assert!(plan(0, 0).is_empty());
        assert!(!plan(0, 1).is_empty());
    }
}
