//! A content hash of a built graph, before its measures: what its export files
//! are a function of, so that an incremental build whose change leaves a graph
//! as it was keeps that graph's files instead of measuring and writing them
//! again (the co-participation graph's measures and files are most of an
//! export's cost).
//!
//! Rationale: the files of a graph are a pure function of the graph and of
//! the code that measures and writes it, so equal fingerprints mean equal
//! bytes. The fingerprint covers the crate's version and the export code
//! (`MEETKG_EXPORT_CODE`, from `build.rs`), the nodes in index order, and the
//! edges in index order with their meetings. It reads the compact form of the
//! graph (an edge's ranks in the graph's one calendar), so it costs a pass over
//! a few bytes an edge, not the formatting of the files' hundreds of megabytes.
//!
//! What it will not do: tell which part of a graph changed. A graph changed in
//! one edge is measured and written whole, as the measures of every node
//! depend on the whole graph.

use super::elements::{Calendar, CoParticipationGraph, MeetingInfo, Shared, TopicGraph};
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// The fingerprint of a co-participation graph (hex SHA-256). Its measures,
/// if already computed, are left out: they are a function of the rest.
///
/// Cost: O(V + E + meetings) hashing, no allocation per edge.
pub fn coparticipation(graph: &CoParticipationGraph) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\n");
    h.update(env!("MEETKG_EXPORT_CODE").as_bytes());
    h.update(b"\ncoparticipation\n");
    count(&mut h, graph.node_count());
    for node in graph.node_weights() {
        let mut node = node.clone();
        node.measures = None;
        framed(&mut h, format!("{node:?}").as_bytes());
    }
    count(&mut h, graph.edge_count());
    let mut calendar: Option<&Arc<Calendar>> = None;
    for edge in graph.edge_references() {
        count(&mut h, edge.source().index());
        count(&mut h, edge.target().index());
        let e = edge.weight();
        count(&mut h, e.weight as usize);
        let shared = &e.shared;
        // The edges of a graph share one calendar: hashed once, then each
        // edge by its ranks in it. An edge of another calendar (made by hand)
        // is hashed by its meetings.
        let first = *calendar.get_or_insert_with(|| {
            h.update(b"C");
            framed(&mut h, format!("{:?}", shared.calendar.meetings).as_bytes());
            &shared.calendar
        });
        if Arc::ptr_eq(first, &shared.calendar) {
            h.update(b"R");
            count(&mut h, shared.ranks().len());
            for rank in shared.ranks() {
                h.update(rank.to_le_bytes());
            }
        } else {
            h.update(b"M");
            framed(&mut h, format!("{shared:?}").as_bytes());
        }
    }
    hex::encode(h.finalize())
}

/// The fingerprint of what the measures of a co-participation graph are
/// computed from ([`super::measures::adjacency::Adjacency::of`]): the number
/// of nodes and each edge's ends and weight, in index order. Labels, dates,
/// affiliations and speeches are left out.
///
/// Cost: O(V + E) hashing.
pub fn adjacency(graph: &CoParticipationGraph) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\n");
    h.update(env!("MEETKG_EXPORT_CODE").as_bytes());
    h.update(b"\nadjacency\n");
    count(&mut h, graph.node_count());
    count(&mut h, graph.edge_count());
    for edge in graph.edge_references() {
        count(&mut h, edge.source().index());
        count(&mut h, edge.target().index());
        count(&mut h, edge.weight().weight as usize);
    }
    hex::encode(h.finalize())
}

/// The fingerprint of the graph [`adjacency`] hashes without its weights:
/// the number of nodes and each edge's ends, in index order. The measures
/// that read no weight (degree, betweenness, closeness, eigenvector, core
/// number) are a function of it alone, so people who meet again, each pair
/// having met before, keep them.
///
/// Cost: O(V + E) hashing.
pub fn structure(graph: &CoParticipationGraph) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\n");
    h.update(env!("MEETKG_EXPORT_CODE").as_bytes());
    h.update(b"\nstructure\n");
    count(&mut h, graph.node_count());
    count(&mut h, graph.edge_count());
    for edge in graph.edge_references() {
        count(&mut h, edge.source().index());
        count(&mut h, edge.target().index());
    }
    hex::encode(h.finalize())
}

/// What an edge's lines in the exports are made of, its index aside: its
/// ends' ids and its meetings (`edge_contents`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeContent {
    /// A hash of the ids of its ends alone: where the exports cut the edges
    /// into runs ([`crate::export::runs`]), so that a change to an edge's
    /// meetings moves no cut.
    pub ends: u64,
    /// A hash of the ends' ids, the weight and each meeting's label and
    /// date, with the crate's version and export code.
    pub key: [u8; 16],
}

/// The [`EdgeContent`] of each edge of a co-participation graph, in index
/// order, its ends named by `ids` ([`crate::export::node_ids`]).
///
/// Cost: one hash per meeting of the graph's calendar, then two per edge
/// over its ids and its meetings' hashes, on every core.
pub fn coparticipation_edges(graph: &CoParticipationGraph, ids: &[String]) -> Vec<EdgeContent> {
    edge_contents(graph, ids, |e| (e.weight, &e.shared))
}

/// [`coparticipation_edges`], for the topics graph.
pub fn topic_edges(graph: &TopicGraph, ids: &[String]) -> Vec<EdgeContent> {
    edge_contents(graph, ids, |e| (e.weight, &e.shared))
}

/// The [`EdgeContent`] of every edge, `meetings` giving its weight and
/// meetings.
fn edge_contents<N, E: Sync>(
    graph: &UnGraph<N, E>,
    ids: &[String],
    meetings: impl Fn(&E) -> (u32, &Shared) + Sync,
) -> Vec<EdgeContent> {
    // Each calendar's meetings hashed once (a graph's edges share one).
    let mut calendars: HashMap<usize, Vec<[u8; 16]>> = HashMap::new();
    for edge in graph.raw_edges() {
        let shared = meetings(&edge.weight).1;
        calendars
            .entry(Arc::as_ptr(&shared.calendar) as usize)
            .or_insert_with(|| shared.calendar.meetings.iter().map(meeting_hash).collect());
    }
    let mut seed = Sha256::new();
    seed.update(env!("CARGO_PKG_VERSION").as_bytes());
    seed.update(b"\n");
    seed.update(env!("MEETKG_EXPORT_CODE").as_bytes());
    seed.update(b"\nedge\n");
    let id = |i: petgraph::graph::NodeIndex| ids.get(i.index()).map_or("", String::as_str);
    graph
        .raw_edges()
        .par_iter()
        .map(|edge| {
            let mut h = seed.clone();
            framed(&mut h, id(edge.source()).as_bytes());
            framed(&mut h, id(edge.target()).as_bytes());
            let ends = first_bytes::<8>(&h.clone().finalize());
            let (weight, shared) = meetings(&edge.weight);
            h.update(weight.to_le_bytes());
            let hashes = calendars.get(&(Arc::as_ptr(&shared.calendar) as usize));
            count(&mut h, shared.ranks().len());
            for &rank in shared.ranks() {
                match hashes.and_then(|m| m.get(rank as usize)) {
                    Some(m) => h.update(m),
                    None => h.update([0xff; 16]),
                }
            }
            EdgeContent {
                ends: u64::from_le_bytes(ends),
                key: first_bytes::<16>(&h.finalize()),
            }
        })
        .collect()
}

/// A meeting's label and date, hashed.
fn meeting_hash(meeting: &MeetingInfo) -> [u8; 16] {
    let mut h = Sha256::new();
    framed(&mut h, meeting.label.as_bytes());
    match &meeting.date {
        Some(d) => framed(&mut h, d.as_bytes()),
        None => h.update(b"-"),
    }
    first_bytes::<16>(&h.finalize())
}

/// The first `N` bytes of a digest.
fn first_bytes<const N: usize>(digest: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&digest[..N]);
    out
}

fn count(h: &mut Sha256, n: usize) {
    h.update((n as u64).to_le_bytes());
}

/// `bytes` with their length before them, so that two sequences of parts
/// never hash alike.
fn framed(h: &mut Sha256, bytes: &[u8]) {
    count(h, bytes.len());
    h.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::nasty_graph;
    use crate::graph::{CoParticipation, MeetingInfo};

    #[test]
    fn equal_graphs_have_equal_fingerprints_and_any_change_shows() {
        let g = nasty_graph();
        let print = coparticipation(&g);
        assert_eq!(print, coparticipation(&nasty_graph()));
        let mut measured = nasty_graph();
        crate::graph::add_measures(&mut measured);
        assert_eq!(coparticipation(&measured), print, "measures are left out");

        let mut renamed = nasty_graph();
        if let Some(n) = renamed.node_weights_mut().next() {
            n.label.push('x');
        }
        assert_ne!(coparticipation(&renamed), print);

        let mut spoken = nasty_graph();
        if let Some(n) = spoken.node_weights_mut().next() {
            n.meetings_spoken += 1;
        }
        assert_ne!(coparticipation(&spoken), print);

        let mut redated = nasty_graph();
        if let Some(e) = redated.edge_weights_mut().next() {
            *e = CoParticipation::over(vec![MeetingInfo {
                label: crate::export::tests::NASTY.into(),
                date: Some("2024-01-01".into()),
            }]);
        }
        assert_ne!(coparticipation(&redated), print);

        // The measures' fingerprint sees who met, not what their meetings say.
        let met = adjacency(&nasty_graph());
        assert_eq!(adjacency(&renamed), met);
        assert_eq!(adjacency(&spoken), met);
        assert_eq!(adjacency(&redated), met);
        let mut more = nasty_graph();
        if let Some(e) = more.edge_weights_mut().next() {
            e.weight += 1;
        }
        assert_ne!(adjacency(&more), met);
    }

    #[test]
    fn saved_measures_come_back_to_the_bit_for_the_same_adjacency_only(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, store) = crate::store::tests::sample_store()?;
        let mut g = crate::graph::coparticipation(&store)?;
        assert!(g.edge_count() > 0);
        let (summary, saved) = crate::graph::add_measures_saved(&mut g, None);
        let json = serde_json::to_string(&saved)?;
        let back: crate::graph::measures::Saved = serde_json::from_str(&json)?;
        assert_eq!(back, saved);
        let mut relabelled = crate::graph::coparticipation(&store)?;
        for n in relabelled.node_weights_mut() {
            n.label.push('!');
        }
        let (again, resaved) = crate::graph::add_measures_saved(&mut relabelled, Some(&back));
        assert_eq!((again, resaved), (summary, saved.clone()));
        let measures = |g: &CoParticipationGraph| -> Vec<_> {
            g.node_weights().map(|n| n.measures.clone()).collect()
        };
        assert_eq!(measures(&relabelled), measures(&g));
        let mut more = crate::graph::coparticipation(&store)?;
        if let Some(e) = more.edge_weights_mut().next() {
            e.weight += 1;
        }
        let (reweighted, other) = crate::graph::add_measures_saved(&mut more, Some(&back));
        assert_ne!(other.adjacency, saved.adjacency);
        // Only a weight changed: what reads no weight is kept, the rest
        // computed, and all of it is what measuring afresh gives, to the bit.
        assert_eq!(other.structure, saved.structure);
        let mut fresh = crate::graph::coparticipation(&store)?;
        if let Some(e) = fresh.edge_weights_mut().next() {
            e.weight += 1;
        }
        let (whole, fresh_saved) = crate::graph::add_measures_saved(&mut fresh, None);
        assert_eq!(reweighted, whole);
        assert_eq!(measures(&more), measures(&fresh));
        assert_eq!(other, fresh_saved);
        Ok(())
    }
}
