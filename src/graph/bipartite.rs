//! The two-mode graphs: people and the topics they spoke on; organisations and
//! the people affiliated with them.
//!
//! Rationale: "who spoke on which topic" is the question, but the store links
//! no intervention to a topic. It says who spoke at a meeting
//! (`person meetkg:spokeAt meeting`, with a `meetkg:Intervention` quoting each
//! sentence) and which topics a meeting discussed (`meeting meetkg:discussed
//! topic`, with a `meetkg:Discussion` quoting the evidence). The closest fact it
//! holds is the meeting where both happened, so a person–topic edge means "spoke
//! at a meeting that discussed the topic", weighted by the number of such
//! meetings. It counts a person who spoke on something else at that meeting too;
//! it never joins a person and a topic that did not share a meeting. (Matching
//! the sentences of interventions to the evidence of discussions would guess,
//! and evidence is often a title line nobody spoke.)
//!
//! An organisation–person edge is an affiliation: one per organisation and
//! person with an `org:Membership`, weighted by the meetings whose record
//! states it (`meetkg:statedAt`, which every membership meetkg writes has),
//! with the labels of its `org:role`s.
//!
//! Nodes are one side, then the other (people then topics; organisations then
//! people), each in IRI order, and only those with an edge; `kind` names the
//! side, for Gephi's partition colouring. Edges go from the first side to the
//! second, in that order. Ids are those of every export ([`crate::export::node_id()`]),
//! so a person is the same node here as in the co-participation graph.

use super::assemble::{by_item, cross_occurrences, Ranked};
use super::elements::{
    meeting_values, meeting_values_into, text, Shared, INT, MEETING_ATTRS, STRING,
};
use super::facts::{MembershipFacts, SpeakingFacts};
use super::schema::{AttrDef, EdgeAttributes, NodeAttributes, Value};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which side of a two-mode graph a node is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Topic,
    Organisation,
}

impl Kind {
    /// The value of the `kind` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Topic => "topic",
            Self::Organisation => "organisation",
        }
    }
}

/// A person, topic or organisation in a two-mode graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideNode {
    pub iri: String,
    /// The name or label, or the IRI when the store has none.
    pub label: String,
    pub kind: Kind,
    /// The distinct meetings behind the node's edges.
    pub meetings: u32,
}

/// A person spoke at meetings that discussed a topic. The store links no
/// intervention to a topic, so the meeting where both happened links them: the
/// edge also counts a meeting where the person spoke about something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpokeOn {
    /// Number of such meetings.
    pub weight: u32,
    pub(super) shared: Shared,
}

/// A person is affiliated with an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation {
    /// Number of meetings whose record states the affiliation.
    pub weight: u32,
    /// Labels of the roles held there, sorted, joined by `"; "`.
    pub roles: String,
    pub(super) shared: Shared,
}

/// People and the topics of the meetings they spoke at.
pub type PersonTopicGraph = UnGraph<SideNode, SpokeOn>;
/// Organisations and the people affiliated with them.
pub type OrganisationPersonGraph = UnGraph<SideNode, Affiliation>;

/// One side of a two-mode graph: its items (IRI → meetings) and their labels.
struct Side<'a> {
    items: &'a BTreeMap<String, BTreeSet<String>>,
    labels: &'a BTreeMap<String, String>,
    kind: Kind,
}

pub(crate) fn build_person_topic(facts: &SpeakingFacts) -> PersonTopicGraph {
    let people = by_item(facts.spoke.iter().cloned());
    let topics = by_item(facts.discussed.iter().cloned());
    let edges = cross_occurrences(&people, &topics, &facts.meetings);
    two_mode(
        &Side {
            items: &people,
            labels: &facts.names,
            kind: Kind::Person,
        },
        &Side {
            items: &topics,
            labels: &facts.labels,
            kind: Kind::Topic,
        },
        edges,
        |_, _, shared| SpokeOn {
            weight: shared.len,
            shared,
        },
    )
}

pub(crate) fn build_organisation_person(facts: &MembershipFacts) -> OrganisationPersonGraph {
    let organisations = by_item(facts.stated.iter().map(|(o, _, m)| (o.clone(), m.clone())));
    let people = by_item(facts.stated.iter().map(|(_, p, m)| (p.clone(), m.clone())));
    let ranked = Ranked::new(facts.stated.iter().map(|(_, _, m)| m), &facts.meetings);
    let (org_index, person_index) = (positions(&organisations), positions(&people));
    let triples = facts
        .stated
        .iter()
        .filter_map(|(o, p, m)| {
            Some((
                *org_index.get(o.as_str())?,
                *person_index.get(p.as_str())?,
                ranked.of(m)?,
            ))
        })
        .collect();
    let edges = ranked.edges(triples).collect();
    two_mode(
        &Side {
            items: &organisations,
            labels: &facts.labels,
            kind: Kind::Organisation,
        },
        &Side {
            items: &people,
            labels: &facts.names,
            kind: Kind::Person,
        },
        edges,
        |o, p, shared| Affiliation {
            weight: shared.len,
            roles: facts
                .roles
                .get(&(o.to_owned(), p.to_owned()))
                .map(|r| r.iter().map(String::as_str).collect::<Vec<_>>().join("; "))
                .unwrap_or_default(),
            shared,
        },
    )
}

/// Each item's position among the keys of `items`.
fn positions<V>(items: &BTreeMap<String, V>) -> HashMap<&str, u32> {
    items
        .keys()
        .zip(0u32..)
        .map(|(iri, i)| (iri.as_str(), i))
        .collect()
}

/// The graph of `edges` (positions in `left` and `right`): the nodes with an
/// edge, left then right, each side in IRI order.
///
/// Cost: linear in the edges' meetings, plus a sort of (node, meeting) pairs.
fn two_mode<E>(
    left: &Side<'_>,
    right: &Side<'_>,
    edges: Vec<(usize, usize, Shared)>,
    mut edge: impl FnMut(&str, &str, Shared) -> E,
) -> UnGraph<SideNode, E> {
    let left_meetings = meetings_per_node(left.items.len(), edges.iter().map(|(i, _, s)| (*i, s)));
    let right_meetings =
        meetings_per_node(right.items.len(), edges.iter().map(|(_, j, s)| (*j, s)));
    let mut graph = UnGraph::with_capacity(left.items.len() + right.items.len(), edges.len());
    let left_nodes = add_side(&mut graph, left, &left_meetings);
    let right_nodes = add_side(&mut graph, right, &right_meetings);
    let left_iris: Vec<&String> = left.items.keys().collect();
    let right_iris: Vec<&String> = right.items.keys().collect();
    for (i, j, shared) in edges {
        if let (Some(a), Some(b)) = (left_nodes[i], right_nodes[j]) {
            let weight = edge(left_iris[i], right_iris[j], shared);
            graph.add_edge(a, b, weight);
        }
    }
    graph
}

/// Adds the items of `side` that have meetings; returns each item's node.
fn add_side<E>(
    graph: &mut UnGraph<SideNode, E>,
    side: &Side<'_>,
    meetings: &[u32],
) -> Vec<Option<NodeIndex>> {
    side.items
        .keys()
        .zip(meetings)
        .map(|(iri, &meetings)| {
            (meetings > 0).then(|| {
                graph.add_node(SideNode {
                    iri: iri.clone(),
                    label: side.labels.get(iri).cloned().unwrap_or_else(|| iri.clone()),
                    kind: side.kind,
                    meetings,
                })
            })
        })
        .collect()
}

/// For each of `count` nodes, the number of distinct meetings among its edges.
fn meetings_per_node<'a>(
    count: usize,
    edges: impl Iterator<Item = (usize, &'a Shared)>,
) -> Vec<u32> {
    let mut pairs: Vec<(usize, u32)> = edges
        .flat_map(|(node, shared)| shared.ranks().iter().map(move |&r| (node, r)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = vec![0u32; count];
    for (node, _) in pairs {
        out[node] = out[node].saturating_add(1);
    }
    out
}

impl NodeAttributes for SideNode {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "kind",
            kind: STRING,
        },
        AttrDef {
            name: "meetings",
            kind: INT,
        },
    ];
    fn iri(&self) -> &str {
        &self.iri
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            text(self.kind.as_str()),
            Some(Value::Int(self.meetings.into())),
        ]
    }
}

impl EdgeAttributes for SpokeOn {
    const ATTRS: &'static [AttrDef] = &MEETING_ATTRS;
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        meeting_values(&self.shared)
    }
    fn values_into(&self, values: &mut Vec<Option<Value>>) {
        meeting_values_into(&self.shared, values);
    }
}

impl EdgeAttributes for Affiliation {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "roles",
            kind: STRING,
        },
        MEETING_ATTRS[0],
        MEETING_ATTRS[1],
        MEETING_ATTRS[2],
        MEETING_ATTRS[3],
    ];
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        let mut values = vec![text(&self.roles)];
        values.extend(meeting_values(&self.shared));
        values
    }
}
