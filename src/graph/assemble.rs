//! The graphs assembled from the facts: nodes in IRI order, an edge per pair
//! of people (or topics) that share a meeting, weighted by the meetings shared.

use super::elements::*;
use super::facts::{DiscussionFacts, ParticipationFacts};
use super::spells::spells_of;
use itertools::Itertools;
use petgraph::graph::NodeIndex;
use rayon::slice::ParallelSliceMut;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// item → the meetings it is in, from (item, meeting) pairs.
pub(super) fn by_item(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (item, meeting) in pairs {
        out.entry(item).or_default().insert(meeting);
    }
    out
}

/// Every pair `(i, j)`, `i < j`, of items (by position in `items`) that share
/// a meeting, with the meetings they share, in `(i, j)` order.
///
/// Cost: one sort of `(i, j, meeting)` integer triples, one per pair of items
/// in each meeting: O(P log P) time and 12 bytes per triple, where P is the sum
/// over meetings of the pairs in it. (A map of sets per pair, as before, took
/// gigabytes for the six million edges of 10,000 reports.)
pub(super) fn co_occurrences(
    items: &BTreeMap<String, BTreeSet<String>>,
    info: &BTreeMap<String, MeetingInfo>,
) -> impl ExactSizeIterator<Item = (usize, usize, Shared)> {
    let ranked = Ranked::new(items.values().flatten(), info);
    let members = ranked.members(items);
    let mut triples: Vec<(u32, u32, u32)> = Vec::new();
    for (r, indices) in (0u32..).zip(&members) {
        for (k, &i) in indices.iter().enumerate() {
            triples.extend(indices[k + 1..].iter().map(|&j| (i, j, r)));
        }
    }
    drop(members);
    ranked.edges(triples)
}

/// Every pair `(i, j)` of an item of `left` and an item of `right` (by
/// position in each) that are in the same meeting, with those meetings, in
/// `(i, j)` order: the edges of a bipartite graph.
///
/// Cost: as [`co_occurrences`], with P the sum over meetings of left items
/// times right items in it (the edges' meetings, nothing quadratic in either
/// side alone).
pub(super) fn cross_occurrences(
    left: &BTreeMap<String, BTreeSet<String>>,
    right: &BTreeMap<String, BTreeSet<String>>,
    info: &BTreeMap<String, MeetingInfo>,
) -> Vec<(usize, usize, Shared)> {
    let ranked = Ranked::new(left.values().chain(right.values()).flatten(), info);
    let on_left = ranked.members(left);
    let on_right = ranked.members(right);
    let mut triples: Vec<(u32, u32, u32)> = Vec::new();
    for (r, (ls, rs)) in (0u32..).zip(on_left.iter().zip(&on_right)) {
        for &i in ls {
            triples.extend(rs.iter().map(|&j| (i, j, r)));
        }
    }
    drop((on_left, on_right));
    ranked.edges(triples).collect()
}

/// The meetings of a graph in chronological order, and each one's rank.
pub(super) struct Ranked<'a> {
    ordered: Vec<(&'a str, MeetingInfo)>,
    rank: HashMap<&'a str, u32>,
}

impl<'a> Ranked<'a> {
    /// Ranks the distinct meetings among `meetings` ([`chronological`]).
    pub(super) fn new(
        meetings: impl IntoIterator<Item = &'a String>,
        info: &BTreeMap<String, MeetingInfo>,
    ) -> Self {
        let used: BTreeSet<&str> = meetings.into_iter().map(String::as_str).collect();
        let ordered = chronological(used, info);
        let rank = ordered
            .iter()
            .zip(0u32..)
            .map(|((iri, _), r)| (*iri, r))
            .collect();
        Self { ordered, rank }
    }

    /// The rank of a meeting given to [`Ranked::new`].
    pub(super) fn of(&self, meeting: &str) -> Option<u32> {
        self.rank.get(meeting).copied()
    }

    /// For each meeting by rank, the positions of the items in it.
    fn members(&self, items: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<u32>> {
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); self.ordered.len()];
        for (index, meetings) in (0u32..).zip(items.values()) {
            for r in meetings.iter().filter_map(|m| self.of(m)) {
                members[r as usize].push(index);
            }
        }
        members
    }

    /// Groups `(i, j, meeting rank)` triples into one edge per `(i, j)`, in
    /// that order, whose meetings are a run of one calendar shared by all.
    ///
    /// Cost: a parallel sort of the triples.
    pub(super) fn edges(
        self,
        mut triples: Vec<(u32, u32, u32)>,
    ) -> impl ExactSizeIterator<Item = (usize, usize, Shared)> {
        triples.par_sort_unstable();
        triples.dedup();
        let mut runs = Vec::with_capacity(triples.len());
        let mut edges: Vec<(usize, usize, usize, u32)> = Vec::new();
        for ((i, j), group) in &triples.iter().chunk_by(|t| (t.0, t.1)) {
            let start = runs.len();
            runs.extend(group.map(|t| t.2));
            let len = u32::try_from(runs.len() - start).unwrap_or(u32::MAX);
            edges.push((i as usize, j as usize, start, len));
        }
        drop(triples);
        let calendar = Arc::new(Calendar::new(
            self.ordered.into_iter().map(|(_, m)| m).collect(),
            runs,
        ));
        edges.into_iter().map(move |(i, j, start, len)| {
            let shared = Shared {
                calendar: Arc::clone(&calendar),
                start,
                len,
            };
            (i, j, shared)
        })
    }
}

/// Sorted known dates, with first and last.
pub(super) fn date_summary(
    dates: impl IntoIterator<Item = Option<impl AsRef<str>>>,
) -> (String, Option<String>, Option<String>) {
    let mut dates: Vec<String> = dates
        .into_iter()
        .flatten()
        .map(|d| d.as_ref().to_owned())
        .collect();
    dates.sort();
    let first = dates.first().cloned();
    let last = dates.last().cloned();
    (dates.join("; "), first, last)
}

pub(crate) fn build_coparticipation(facts: &ParticipationFacts) -> CoParticipationGraph {
    let took_part = by_item(facts.attended.iter().chain(&facts.spoke).cloned());
    let count = |set: &BTreeSet<(String, String)>, person: &str| -> u32 {
        let n = set
            .range((person.to_owned(), String::new())..)
            .take_while(|(p, _)| p == person)
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let date_of = |m: &str| facts.meetings.get(m).and_then(|i| i.date.as_deref());
    let edges = co_occurrences(&took_part, &facts.meetings);
    // Sized once: growing a graph of millions of edges doubles its memory.
    let mut graph = CoParticipationGraph::with_capacity(took_part.len(), edges.len());
    let mut nodes: Vec<NodeIndex> = Vec::with_capacity(took_part.len());
    for person in took_part.keys() {
        nodes.push(
            graph.add_node(PersonNode {
                iri: person.clone(),
                label: facts
                    .names
                    .get(person)
                    .cloned()
                    .unwrap_or_else(|| person.clone()),
                meetings_attended: count(&facts.attended, person),
                meetings_spoken: count(&facts.spoke, person),
                affiliations: facts
                    .affiliations
                    .get(person)
                    .map(|a| a.iter().map(String::as_str).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default(),
                measures: None,
                spells: spells_of(took_part[person].iter().filter_map(|m| date_of(m))),
            }),
        );
    }
    for (i, j, shared) in edges {
        let weight = shared.len;
        graph.add_edge(nodes[i], nodes[j], CoParticipation { weight, shared });
    }
    graph
}

pub(crate) fn build_topics(facts: &DiscussionFacts) -> TopicGraph {
    let discussed = by_item(facts.discussed.iter().cloned());
    let date_of = |m: &str| facts.meetings.get(m).and_then(|i| i.date.as_deref());
    let edges = co_occurrences(&discussed, &facts.meetings);
    let mut graph = TopicGraph::with_capacity(discussed.len(), edges.len());
    let mut nodes: Vec<NodeIndex> = Vec::with_capacity(discussed.len());
    for (topic, meetings) in &discussed {
        let (_, first_date, last_date) = date_summary(meetings.iter().map(|m| date_of(m)));
        nodes.push(
            graph.add_node(TopicNode {
                iri: topic.clone(),
                label: facts
                    .labels
                    .get(topic)
                    .cloned()
                    .unwrap_or_else(|| topic.clone()),
                meetings: u32::try_from(meetings.len()).unwrap_or(u32::MAX),
                first_date,
                last_date,
                spells: spells_of(meetings.iter().filter_map(|m| date_of(m))),
            }),
        );
    }
    for (i, j, shared) in edges {
        let weight = shared.len;
        graph.add_edge(nodes[i], nodes[j], CoDiscussion { weight, shared });
    }
    graph
}
