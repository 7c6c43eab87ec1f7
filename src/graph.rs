//! Network views of the store, for Gephi and friends: who took part in meetings
//! together, and which topics were discussed together.
//!
//! Rationale: analysts want networks, not triples. Both graphs are read from the
//! store with SPARQL (so `meetkg export` needs nothing but the store) and built
//! as petgraph [`UnGraph`]s that the exporters in [`crate::export`] write.
//!
//! Determinism is part of the contract: nodes are added in IRI order (so node
//! `n{i}` of an export is the `i`-th IRI), edges in `(source, target)` order, and
//! every list-valued attribute is sorted. The same store always gives the same
//! graph, hence byte-identical exports.
//!
//! This module computes no metrics (degree, centrality...): Gephi does that
//! better, and the exports carry the weights it needs.

use crate::store::{Store, StoreError};
use crate::vocab::sparql_prefixes;
use itertools::Itertools;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::slice::ParallelSliceMut;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Why a graph could not be read from the store.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The store refused the query.
    #[error("cannot query the store")]
    Store(#[from] StoreError),
    /// The query failed while its results were read.
    #[error("SPARQL query evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
    /// A built-in query returned something other than solutions (a meetkg bug).
    #[error("the built-in query for {what} did not return solutions")]
    NotSolutions { what: &'static str },
}

/// The value types an attribute may have: the subset of GraphML types that
/// Gephi, graphology, networkx and igraph all read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Int,
    Double,
    String,
}

impl AttrType {
    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Self::Int => "int",
            Self::Double => "double",
            Self::String => "string",
        }
    }
}

/// One attribute of nodes or edges: its name in the exports and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrDef {
    pub name: &'static str,
    pub kind: AttrType,
}

/// A value of an attribute. An empty `Text` counts as missing in exports.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Double(f64),
    Text(String),
}

/// What the exporters need from a node: identity, label, extra attributes.
pub trait NodeAttributes {
    /// The extra attributes (not `label`, not `iri`), in export column order.
    const ATTRS: &'static [AttrDef];
    fn iri(&self) -> &str;
    fn label(&self) -> &str;
    /// One value per entry of [`Self::ATTRS`], `None` when unknown.
    fn values(&self) -> Vec<Option<Value>>;
}

/// What the exporters need from an edge: weight and extra attributes.
pub trait EdgeAttributes {
    /// The extra attributes (not `weight`), in export column order.
    const ATTRS: &'static [AttrDef];
    fn weight(&self) -> f64;
    /// One value per entry of [`Self::ATTRS`], `None` when unknown.
    fn values(&self) -> Vec<Option<Value>>;
}

/// A person who attended or spoke at one meeting at least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNode {
    pub iri: String,
    /// `foaf:name`, or the IRI when the store has none.
    pub label: String,
    /// Meetings with `schema:attendee` this person.
    pub meetings_attended: u32,
    /// Meetings this person `meetkg:spokeAt`.
    pub meetings_spoken: u32,
    /// Organisation labels from memberships, sorted, joined by `"; "`.
    pub affiliations: String,
}

/// Two people took part in the same meetings.
///
/// Compact on purpose: an archive of 10,000 reports has millions of these
/// edges, so an edge holds only where its meetings start in the graph's shared
/// [`Calendar`], and its texts are made when they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoParticipation {
    /// Number of meetings both took part in.
    pub weight: u32,
    shared: Shared,
}

impl CoParticipation {
    /// An edge on its own, over these meetings (for graphs made by hand).
    #[cfg(test)]
    pub(crate) fn over(meetings: Vec<MeetingInfo>) -> Self {
        let shared = Shared::alone(meetings);
        Self {
            weight: shared.len,
            shared,
        }
    }
    /// Labels of those meetings, by date then label, joined by `"; "`.
    pub fn meetings(&self) -> String {
        self.shared.labels()
    }
    /// Their known dates, sorted, joined by `"; "`.
    pub fn dates(&self) -> String {
        self.shared.dates()
    }
    pub fn first_date(&self) -> Option<&str> {
        self.shared.first_date()
    }
    pub fn last_date(&self) -> Option<&str> {
        self.shared.last_date()
    }
}

/// A topic discussed at one meeting at least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicNode {
    pub iri: String,
    /// `skos:prefLabel`, or the IRI when the store has none.
    pub label: String,
    /// Number of meetings that discussed it.
    pub meetings: u32,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Two topics discussed in the same meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoDiscussion {
    /// Number of meetings that discussed both.
    pub weight: u32,
    shared: Shared,
}

impl CoDiscussion {
    pub fn first_date(&self) -> Option<&str> {
        self.shared.first_date()
    }
    pub fn last_date(&self) -> Option<&str> {
        self.shared.last_date()
    }
    /// Known dates of those meetings, sorted, joined by `"; "`.
    pub fn dates(&self) -> String {
        self.shared.dates()
    }
}

/// The meetings of one graph in chronological order (known dates first, then
/// label, then IRI), and the meetings of every edge, one run after another:
/// what the edges of a graph share instead of a string each.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    meetings: Vec<MeetingInfo>,
    /// Positions in `meetings`, ascending within each edge's run.
    runs: Vec<u32>,
}

/// An edge's meetings: a run of [`Calendar::runs`]. Equal when the meetings
/// are, whatever calendar they are in.
#[derive(Clone)]
struct Shared {
    calendar: Arc<Calendar>,
    start: usize,
    len: u32,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.meetings().eq(other.meetings())
    }
}

impl Eq for Shared {}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.meetings()).finish()
    }
}

impl Shared {
    /// A calendar of its own, for an edge made by hand.
    #[cfg(test)]
    fn alone(meetings: Vec<MeetingInfo>) -> Self {
        let iris: Vec<String> = (0..meetings.len()).map(|i| format!("{i:09}")).collect();
        let info: BTreeMap<String, MeetingInfo> = iris.iter().cloned().zip(meetings).collect();
        let ordered = chronological(iris.iter().map(String::as_str), &info);
        let len = u32::try_from(ordered.len()).unwrap_or(u32::MAX);
        let runs = (0..len).collect();
        let meetings = ordered.into_iter().map(|(_, m)| m).collect();
        Self {
            calendar: Arc::new(Calendar { meetings, runs }),
            start: 0,
            len,
        }
    }
    fn meetings(&self) -> impl DoubleEndedIterator<Item = &MeetingInfo> + '_ {
        let (start, len) = (self.start, self.len as usize);
        self.calendar.runs[start..start + len]
            .iter()
            .map(|&m| &self.calendar.meetings[m as usize])
    }
    fn labels(&self) -> String {
        self.meetings().map(|m| m.label.as_str()).join("; ")
    }
    /// Known dates come first in the calendar, in order: no sort needed.
    fn dates(&self) -> String {
        self.meetings().filter_map(|m| m.date.as_deref()).join("; ")
    }
    fn first_date(&self) -> Option<&str> {
        self.meetings().find_map(|m| m.date.as_deref())
    }
    fn last_date(&self) -> Option<&str> {
        self.meetings().rev().find_map(|m| m.date.as_deref())
    }
}

/// People linked by shared meetings.
pub type CoParticipationGraph = UnGraph<PersonNode, CoParticipation>;
/// Topics linked by shared meetings.
pub type TopicGraph = UnGraph<TopicNode, CoDiscussion>;

const STRING: AttrType = AttrType::String;
const INT: AttrType = AttrType::Int;

impl NodeAttributes for PersonNode {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "meetings_attended",
            kind: INT,
        },
        AttrDef {
            name: "meetings_spoken",
            kind: INT,
        },
        AttrDef {
            name: "affiliations",
            kind: STRING,
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
            Some(Value::Int(self.meetings_attended.into())),
            Some(Value::Int(self.meetings_spoken.into())),
            text(&self.affiliations),
        ]
    }
}

impl EdgeAttributes for CoParticipation {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "meetings",
            kind: STRING,
        },
        AttrDef {
            name: "dates",
            kind: STRING,
        },
        AttrDef {
            name: "first_date",
            kind: STRING,
        },
        AttrDef {
            name: "last_date",
            kind: STRING,
        },
    ];
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            text(&self.meetings()),
            text(&self.dates()),
            self.first_date().and_then(text),
            self.last_date().and_then(text),
        ]
    }
}

impl NodeAttributes for TopicNode {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "meetings",
            kind: INT,
        },
        AttrDef {
            name: "first_date",
            kind: STRING,
        },
        AttrDef {
            name: "last_date",
            kind: STRING,
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
            Some(Value::Int(self.meetings.into())),
            self.first_date.as_deref().and_then(text),
            self.last_date.as_deref().and_then(text),
        ]
    }
}

impl EdgeAttributes for CoDiscussion {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "first_date",
            kind: STRING,
        },
        AttrDef {
            name: "last_date",
            kind: STRING,
        },
        AttrDef {
            name: "dates",
            kind: STRING,
        },
    ];
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            self.first_date().and_then(text),
            self.last_date().and_then(text),
            text(&self.dates()),
        ]
    }
}

fn text(value: &str) -> Option<Value> {
    (!value.is_empty()).then(|| Value::Text(value.to_owned()))
}

/// A meeting as the graphs see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MeetingInfo {
    pub(crate) label: String,
    pub(crate) date: Option<String>,
}

/// What the co-participation graph is built from; every string is an IRI
/// unless named otherwise.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParticipationFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (person, meeting) with `schema:attendee`.
    pub(crate) attended: BTreeSet<(String, String)>,
    /// (person, meeting) with `meetkg:spokeAt`.
    pub(crate) spoke: BTreeSet<(String, String)>,
    /// person → name.
    pub(crate) names: BTreeMap<String, String>,
    /// person → organisation labels.
    pub(crate) affiliations: BTreeMap<String, BTreeSet<String>>,
}

/// What the topic graph is built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct DiscussionFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (topic, meeting) with `meetkg:discussed`.
    pub(crate) discussed: BTreeSet<(String, String)>,
    /// topic → label.
    pub(crate) labels: BTreeMap<String, String>,
}

const MEETINGS_QUERY: &str = "SELECT ?m (MIN(STR(?n)) AS ?name) (MIN(STR(?d)) AS ?date) WHERE {
  ?m a schema:Event .
  OPTIONAL { ?m schema:name ?n }
  OPTIONAL { ?m schema:startDate ?d }
} GROUP BY ?m";
const ATTENDED_QUERY: &str = "SELECT DISTINCT ?p ?m WHERE { ?m schema:attendee ?p }";
const SPOKE_QUERY: &str = "SELECT DISTINCT ?p ?m WHERE { ?p meetkg:spokeAt ?m }";
const NAMES_QUERY: &str =
    "SELECT ?p (MIN(STR(?n)) AS ?name) WHERE { ?p a foaf:Person ; foaf:name ?n } GROUP BY ?p";
const AFFILIATIONS_QUERY: &str = "SELECT DISTINCT ?p ?label WHERE {
  ?ms org:member ?p ; org:organization ?o .
  OPTIONAL { ?o skos:prefLabel ?l }
  BIND (COALESCE(STR(?l), STR(?o)) AS ?label)
}";
const DISCUSSED_QUERY: &str = "SELECT DISTINCT ?t ?m WHERE { ?m meetkg:discussed ?t }";
const TOPIC_LABELS_QUERY: &str =
    "SELECT ?t (MIN(STR(?l)) AS ?label) WHERE { ?t skos:prefLabel ?l } GROUP BY ?t";

/// Runs a built-in SELECT and returns each row's values (IRIs and literal
/// values as strings) in the order of `vars`.
fn select(
    store: &Store,
    what: &'static str,
    query: &str,
    vars: &[&str],
) -> Result<Vec<Vec<Option<String>>>, GraphError> {
    let QueryResults::Solutions(solutions) =
        store.query(&format!("{}{query}", sparql_prefixes()))?
    else {
        return Err(GraphError::NotSolutions { what });
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            vars.iter()
                .map(|v| match solution.get(*v) {
                    Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                    Some(Term::Literal(l)) => Some(l.value().to_owned()),
                    _ => None,
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// Rows whose first `N` values are all bound.
fn bound<const N: usize>(rows: Vec<Vec<Option<String>>>) -> impl Iterator<Item = [String; N]> {
    rows.into_iter().filter_map(|row| {
        let values: Vec<String> = row.into_iter().take(N).collect::<Option<_>>()?;
        values.try_into().ok()
    })
}

fn read_meetings(store: &Store) -> Result<BTreeMap<String, MeetingInfo>, GraphError> {
    let rows = select(store, "meetings", MEETINGS_QUERY, &["m", "name", "date"])?;
    Ok(rows
        .into_iter()
        .filter_map(|mut row| {
            let date = row.pop().flatten();
            let name = row.pop().flatten();
            let iri = row.pop().flatten()?;
            let label = name.unwrap_or_else(|| iri.clone());
            Some((iri, MeetingInfo { label, date }))
        })
        .collect())
}

fn pairs(rows: Vec<Vec<Option<String>>>) -> BTreeSet<(String, String)> {
    bound::<2>(rows).map(|[a, b]| (a, b)).collect()
}

fn read_participation(store: &Store) -> Result<ParticipationFacts, GraphError> {
    let mut affiliations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for [person, label] in bound::<2>(select(
        store,
        "affiliations",
        AFFILIATIONS_QUERY,
        &["p", "label"],
    )?) {
        affiliations.entry(person).or_default().insert(label);
    }
    Ok(ParticipationFacts {
        meetings: read_meetings(store)?,
        attended: pairs(select(store, "attendance", ATTENDED_QUERY, &["p", "m"])?),
        spoke: pairs(select(store, "interventions", SPOKE_QUERY, &["p", "m"])?),
        names: bound::<2>(select(store, "names", NAMES_QUERY, &["p", "name"])?)
            .map(|[p, n]| (p, n))
            .collect(),
        affiliations,
    })
}

fn read_discussions(store: &Store) -> Result<DiscussionFacts, GraphError> {
    Ok(DiscussionFacts {
        meetings: read_meetings(store)?,
        discussed: pairs(select(store, "discussions", DISCUSSED_QUERY, &["t", "m"])?),
        labels: bound::<2>(select(
            store,
            "topic labels",
            TOPIC_LABELS_QUERY,
            &["t", "label"],
        )?)
        .map(|[t, l]| (t, l))
        .collect(),
    })
}

/// The co-participation graph of everything in the store.
///
/// Nodes: people who attended or spoke at one meeting at least, in IRI order.
/// Edges: one per pair of people who took part in the same meeting, weighted by
/// the number of such meetings. Cost: a handful of SPARQL queries, then
/// O(Σ participants² per meeting).
pub fn coparticipation(store: &Store) -> Result<CoParticipationGraph, GraphError> {
    Ok(build_coparticipation(&read_participation(store)?))
}

/// The topic co-discussion graph of everything in the store.
///
/// Nodes: topics discussed at one meeting at least, in IRI order. Edges: one per
/// pair of topics discussed in the same meeting, weighted by the number of such
/// meetings. Cost as for [`coparticipation`].
pub fn topics(store: &Store) -> Result<TopicGraph, GraphError> {
    Ok(build_topics(&read_discussions(store)?))
}

/// item → the meetings it is in, from (item, meeting) pairs.
fn by_item(
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
fn co_occurrences(
    items: &BTreeMap<String, BTreeSet<String>>,
    info: &BTreeMap<String, MeetingInfo>,
) -> impl ExactSizeIterator<Item = (usize, usize, Shared)> {
    let used: BTreeSet<&str> = items.values().flatten().map(String::as_str).collect();
    let ordered = chronological(used, info);
    let rank: HashMap<&str, u32> = ordered
        .iter()
        .zip(0u32..)
        .map(|((iri, _), r)| (*iri, r))
        .collect();
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); ordered.len()];
    for (index, meetings) in (0u32..).zip(items.values()) {
        for m in meetings {
            members[rank[m.as_str()] as usize].push(index);
        }
    }
    let mut triples: Vec<(u32, u32, u32)> = Vec::new();
    for (r, indices) in (0u32..).zip(&members) {
        for (k, &i) in indices.iter().enumerate() {
            triples.extend(indices[k + 1..].iter().map(|&j| (i, j, r)));
        }
    }
    drop(members);
    triples.par_sort_unstable();
    let mut runs = Vec::with_capacity(triples.len());
    let mut edges: Vec<(usize, usize, usize, u32)> = Vec::new();
    for ((i, j), group) in &triples.iter().chunk_by(|t| (t.0, t.1)) {
        let start = runs.len();
        runs.extend(group.map(|t| t.2));
        let len = u32::try_from(runs.len() - start).unwrap_or(u32::MAX);
        edges.push((i as usize, j as usize, start, len));
    }
    drop(triples);
    let calendar = Arc::new(Calendar {
        meetings: ordered.into_iter().map(|(_, m)| m).collect(),
        runs,
    });
    edges.into_iter().map(move |(i, j, start, len)| {
        let shared = Shared {
            calendar: Arc::clone(&calendar),
            start,
            len,
        };
        (i, j, shared)
    })
}

/// The meetings sorted by date (unknown dates last), then label, then IRI; a
/// meeting the store says nothing about is labelled by its IRI.
fn chronological<'a>(
    meetings: impl IntoIterator<Item = &'a str>,
    info: &BTreeMap<String, MeetingInfo>,
) -> Vec<(&'a str, MeetingInfo)> {
    let mut out: Vec<(&str, MeetingInfo)> = meetings
        .into_iter()
        .map(|m| {
            let found = info.get(m).cloned().unwrap_or_else(|| MeetingInfo {
                label: m.to_owned(),
                date: None,
            });
            (m, found)
        })
        .collect();
    out.sort_by(|(a, x), (b, y)| {
        (x.date.is_none(), &x.date, &x.label, a).cmp(&(y.date.is_none(), &y.date, &y.label, b))
    });
    out
}

/// Sorted known dates, with first and last.
fn date_summary(
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
            }),
        );
    }
    for (i, j, shared) in edges {
        let weight = shared.len;
        graph.add_edge(nodes[i], nodes[j], CoDiscussion { weight, shared });
    }
    graph
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample_store;
    use petgraph::visit::EdgeRef;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn s(v: &str) -> String {
        v.to_owned()
    }

    fn meeting(label: &str, date: Option<&str>) -> MeetingInfo {
        MeetingInfo {
            label: s(label),
            date: date.map(s),
        }
    }

    /// Weight of the edge between two IRIs, 0 when absent.
    fn weight<N: NodeAttributes, E: EdgeAttributes>(g: &UnGraph<N, E>, a: &str, b: &str) -> f64 {
        let find = |iri: &str| g.node_indices().find(|&i| g[i].iri() == iri);
        match (find(a), find(b)) {
            (Some(a), Some(b)) => g.find_edge(a, b).map_or(0.0, |e| g[e].weight()),
            _ => 0.0,
        }
    }

    #[test]
    fn hand_made_coparticipation_has_the_right_weights() -> TestResult {
        let mut facts = ParticipationFacts::default();
        facts
            .meetings
            .insert(s("m1"), meeting("Meeting 1", Some("2021-10-28")));
        facts
            .meetings
            .insert(s("m2"), meeting("Meeting 2", Some("2022-02-10")));
        facts.meetings.insert(s("m3"), meeting("Meeting 3", None));
        for (p, m) in [
            ("a", "m1"),
            ("b", "m1"),
            ("c", "m1"),
            ("a", "m2"),
            ("b", "m2"),
            ("a", "m3"),
            ("b", "m3"),
        ] {
            facts.attended.insert((s(p), s(m)));
        }
        // d only spoke (no attendee triple): still a participant.
        facts.spoke.insert((s("d"), s("m2")));
        facts.spoke.insert((s("a"), s("m2")));
        facts.names.insert(s("a"), s("Ann"));
        facts
            .affiliations
            .insert(s("a"), ["Zeta", "Alpha"].map(s).into());

        let g = build_coparticipation(&facts);
        let iris: Vec<_> = g.node_indices().map(|i| g[i].iri.clone()).collect();
        assert_eq!(iris, ["a", "b", "c", "d"]);
        assert_eq!(g[NodeIndex::new(0)].label, "Ann");
        assert_eq!(g[NodeIndex::new(1)].label, "b");
        assert_eq!(g[NodeIndex::new(0)].meetings_attended, 3);
        assert_eq!(g[NodeIndex::new(0)].meetings_spoken, 1);
        assert_eq!(g[NodeIndex::new(0)].affiliations, "Alpha; Zeta");
        assert_eq!(weight(&g, "a", "b"), 3.0);
        assert_eq!(weight(&g, "a", "c"), 1.0);
        assert_eq!(weight(&g, "a", "d"), 1.0);
        assert_eq!(weight(&g, "c", "d"), 0.0);
        assert_eq!(g.edge_count(), 5);
        let ab = g
            .find_edge(NodeIndex::new(0), NodeIndex::new(1))
            .map(|e| &g[e])
            .ok_or("no edge a-b")?;
        assert_eq!(ab.meetings(), "Meeting 1; Meeting 2; Meeting 3");
        assert_eq!(ab.dates(), "2021-10-28; 2022-02-10");
        assert_eq!(ab.first_date(), Some("2021-10-28"));
        assert_eq!(ab.last_date(), Some("2022-02-10"));
        Ok(())
    }

    #[test]
    fn hand_made_topic_graph_has_the_right_weights() {
        let mut facts = DiscussionFacts::default();
        facts
            .meetings
            .insert(s("m1"), meeting("M1", Some("2021-10-28")));
        facts
            .meetings
            .insert(s("m2"), meeting("M2", Some("2022-02-10")));
        for (t, m) in [
            ("t:gdc", "m1"),
            ("t:youth", "m1"),
            ("t:gdc", "m2"),
            ("t:youth", "m2"),
            ("t:alone", "m2"),
        ] {
            facts.discussed.insert((s(t), s(m)));
        }
        facts.labels.insert(s("t:gdc"), s("Global Digital Compact"));
        let g = build_topics(&facts);
        assert_eq!(g.node_count(), 3);
        assert_eq!(weight(&g, "t:gdc", "t:youth"), 2.0);
        assert_eq!(weight(&g, "t:alone", "t:gdc"), 1.0);
        let gdc = g
            .node_indices()
            .find(|&i| g[i].iri == "t:gdc")
            .map(|i| g[i].clone());
        assert_eq!(
            gdc,
            Some(TopicNode {
                iri: s("t:gdc"),
                label: s("Global Digital Compact"),
                meetings: 2,
                first_date: Some(s("2021-10-28")),
                last_date: Some(s("2022-02-10")),
            })
        );
        let edge = g
            .edge_references()
            .find(|e| g[e.source()].iri == "t:gdc" && g[e.target()].iri == "t:youth")
            .map(|e| e.weight().clone());
        assert_eq!(edge.map(|e| e.dates()), Some(s("2021-10-28; 2022-02-10")));
    }

    /// A tiny deterministic generator (xorshift64*), so the property test needs
    /// no extra dependency and every failure is reproducible from its seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// On random participation, every edge weight equals the number of shared
    /// meetings, edges exist exactly for pairs sharing one, nodes are in IRI
    /// order, edges in (source, target) order, and building twice gives the
    /// same graph.
    #[test]
    fn property_weights_count_shared_meetings() {
        for seed in 1..200u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let people = 1 + rng.below(9);
            let meetings = 1 + rng.below(6);
            let mut facts = ParticipationFacts::default();
            for m in 0..meetings {
                facts.meetings.insert(
                    format!("m{m}"),
                    meeting(&format!("M{m}"), Some(&format!("2020-01-{:02}", m + 1))),
                );
                for p in 0..people {
                    match rng.below(4) {
                        0 => {
                            facts.attended.insert((format!("p{p}"), format!("m{m}")));
                        }
                        1 => {
                            facts.spoke.insert((format!("p{p}"), format!("m{m}")));
                        }
                        _ => {}
                    }
                }
            }
            let g = build_coparticipation(&facts);
            let mut sets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (p, m) in facts.attended.iter().chain(&facts.spoke) {
                sets.entry(p.clone()).or_default().insert(m.clone());
            }
            let iris: Vec<_> = g.node_indices().map(|i| g[i].iri.clone()).collect();
            assert_eq!(
                iris,
                sets.keys().cloned().collect::<Vec<_>>(),
                "seed {seed}"
            );
            let mut expected_edges = 0;
            for (i, a) in iris.iter().enumerate() {
                for b in &iris[i + 1..] {
                    let shared = sets[a].intersection(&sets[b]).count();
                    assert_eq!(weight(&g, a, b), shared as f64, "seed {seed} {a} {b}");
                    assert_eq!(weight(&g, b, a), shared as f64, "seed {seed} symmetric");
                    expected_edges += usize::from(shared > 0);
                }
            }
            assert_eq!(g.edge_count(), expected_edges, "seed {seed}");
            let ends: Vec<_> = g
                .edge_references()
                .map(|e| (e.source().index(), e.target().index()))
                .collect();
            assert!(ends.windows(2).all(|w| w[0] < w[1]), "seed {seed}");
            assert!(ends.iter().all(|(s, t)| s < t), "seed {seed}");
            for e in g.edge_references() {
                let w = e.weight();
                assert_eq!(
                    w.meetings().split("; ").count(),
                    w.weight as usize,
                    "seed {seed}"
                );
                assert!(w.first_date() <= w.last_date(), "seed {seed}");
            }
            let again = build_coparticipation(&facts);
            assert_eq!(format!("{:?}", again), format!("{:?}", g), "seed {seed}");
        }
    }

    #[test]
    fn graphs_read_from_the_store() -> TestResult {
        let (_dir, store) = sample_store()?;
        let g = coparticipation(&store)?;
        let labels: Vec<_> = g.node_indices().map(|i| g[i].label.as_str()).collect();
        // Chris was only mentioned: not a participant.
        assert_eq!(labels, ["Amrita Choudhury", "Wolfgang Kleinwächter"]);
        let amrita = &g[NodeIndex::new(0)];
        assert_eq!((amrita.meetings_attended, amrita.meetings_spoken), (2, 2));
        let wolfgang = &g[NodeIndex::new(1)];
        assert_eq!(
            (wolfgang.meetings_attended, wolfgang.meetings_spoken),
            (1, 1)
        );
        assert_eq!(wolfgang.affiliations, "ICANN; University of Aarhus");
        assert_eq!(g.edge_count(), 1);
        let edge = g.edge_references().next().map(|e| e.weight().clone());
        assert_eq!(
            edge,
            Some(CoParticipation::over(vec![meeting(
                "MAG Working Group on IGF Strengthening and Strategy meeting 46",
                Some("2022-10-20")
            )]))
        );

        let t = topics(&store)?;
        assert_eq!(t.node_count(), 2);
        let gdc = &t[NodeIndex::new(0)];
        assert_eq!(gdc.label, "Global Digital Compact");
        assert_eq!(gdc.meetings, 2);
        assert_eq!(gdc.first_date.as_deref(), Some("2022-10-20"));
        assert_eq!(gdc.last_date.as_deref(), Some("2022-11-03"));
        assert_eq!(weight(&t, &gdc.iri, &t[NodeIndex::new(1)].iri), 1.0);
        Ok(())
    }
}
