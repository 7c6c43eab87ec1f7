//! Network views of the store, for Gephi and friends: who took part in meetings
//! together, which topics were discussed together, who spoke at meetings on
//! which topics, and who is affiliated with which organisation.
//!
//! Rationale: analysts want networks, not triples. The graphs are read from the
//! store with SPARQL (so `meetkg export` needs nothing but the store), or by a
//! build from the same facts it kept per report graph ([`kept`]), and built
//! as petgraph [`UnGraph`](petgraph::graph::UnGraph)s that the exporters in [`crate::export`] write.
//!
//! Determinism is part of the contract: nodes are added in IRI order (in the
//! two-mode graphs, one side and then the other, each in IRI order; the
//! exports name each by an id derived from its IRI, not by its position, so
//! ids survive a growing archive), edges in `(source, target)` order, and
//! every list-valued attribute is sorted. The same store always gives the same
//! graph, hence byte-identical exports.
//!
//! The co-participation graph also carries network measures ([`measures`]:
//! degree, centralities, k-core, Louvain communities), computed here so that
//! every reader of the exports gets the same figures, checked against
//! networkx and igraph.
//!
//! Nodes and edges of the co-participation and topic graphs also know the days
//! of their meetings ([`Spell`]), which the dynamic GEXF plays over time.
//!
//! The topic evolution ([`topic_evolution`]) cuts the archive into periods
//! ([`periods`]), clusters each period's topic network into themes on a
//! strategic diagram ([`themes`]), links themes of consecutive periods, and
//! finds each topic's bursts ([`bursts`]).

mod assemble;
mod bipartite;
pub mod bursts;
mod elements;
pub mod evolution;
pub mod evolution_map;
mod facts;
pub mod fingerprint;
pub mod kept;
pub mod measures;
pub mod periods;
mod schema;
mod spells;
pub mod themes;

pub use bipartite::{
    Affiliation, Kind, OrganisationPersonGraph, PersonTopicGraph, SideNode, SpokeOn,
};
#[cfg(test)]
pub(crate) use elements::MeetingInfo;
pub use elements::{
    Calendar, CoDiscussion, CoParticipation, CoParticipationGraph, PersonNode, TopicGraph,
    TopicNode,
};
pub use evolution::TopicEvolution;
pub use evolution_map::{EvolutionMap, ThemeLink, ThemeNode};
pub use facts::GraphError;
pub use measures::{NodeMeasures, Summary};
pub use periods::Period;
pub use schema::{AttrDef, AttrType, EdgeAttributes, NodeAttributes, Value};
pub use spells::{Spell, Timed};

use crate::store::Store;
use assemble::{build_coparticipation, build_topics};
use bipartite::{build_organisation_person, build_person_topic};
use facts::{
    read_all, read_discussions, read_memberships, read_participation, read_speaking, AllFacts,
};
use std::path::Path;

/// What every graph of the exports is built from, read from the store once:
/// each query runs once, where the graph functions below run the queries
/// they share (meetings, names, discussions, topic labels) once per graph.
///
/// Cost: ten SPARQL queries; memory: their rows, as strings.
pub struct Sources(AllFacts);

impl Sources {
    /// Reads the facts of every graph from `store`.
    pub fn read(store: &Store) -> Result<Self, GraphError> {
        read_all(store).map(Self)
    }

    /// The facts of every graph, joined from those the build kept for the
    /// report graphs of hashes `hashes` ([`kept`]), in the file at `path`;
    /// `None` when it lacks one of them. Cost: one pass over the file.
    pub fn kept<'a>(path: &Path, hashes: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        kept::all_facts(path, hashes).map(Self)
    }

    /// [`coparticipation`], from these facts.
    pub fn coparticipation(&self) -> CoParticipationGraph {
        build_coparticipation(&self.0.participation)
    }

    /// [`topics`], from these facts.
    pub fn topics(&self) -> TopicGraph {
        build_topics(&self.0.discussions)
    }

    /// [`person_topic`], from these facts.
    pub fn person_topic(&self) -> PersonTopicGraph {
        build_person_topic(&self.0.speaking)
    }

    /// [`organisation_person`], from these facts.
    pub fn organisation_person(&self) -> OrganisationPersonGraph {
        build_organisation_person(&self.0.memberships)
    }

    /// [`topic_evolution`], from these facts.
    pub fn topic_evolution(&self, period: Period) -> TopicEvolution {
        evolution::build_evolution(&self.0.discussions, period)
    }
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

/// Computes the network measures of `graph` ([`measures::measure`]) and
/// stores them in its nodes; returns what is said of the whole graph.
///
/// Cost: see [`measures::measure`]; O(V·E) time up to
/// [`measures::paths::EXACT_MAX_NODES`] people.
pub fn add_measures(graph: &mut CoParticipationGraph) -> Summary {
    let (measures, summary) = measures::measure(graph);
    for (weight, m) in graph.node_weights_mut().zip(measures) {
        weight.measures = Some(m);
    }
    summary
}

/// [`add_measures`], taking the measures back from `saved` when they were
/// computed from the same adjacency ([`fingerprint::adjacency`]), and those
/// that read no weight when only weights changed ([`fingerprint::structure`]:
/// people who met before meet again); gives them to save as well.
///
/// Cost: two fingerprints, O(V + E); then nothing when `saved` fits, PageRank
/// and Louvain when its structure does ([`measures::measure_reweighted`]),
/// [`add_measures`]'s else.
pub fn add_measures_saved(
    graph: &mut CoParticipationGraph,
    saved: Option<&measures::Saved>,
) -> (Summary, measures::Saved) {
    let print = fingerprint::adjacency(graph);
    let structure = fingerprint::structure(graph);
    let restore = |s: &measures::Saved| {
        s.restore()
            .filter(|(nodes, _)| nodes.len() == graph.node_count())
    };
    let same = saved.filter(|s| s.adjacency == print).and_then(restore);
    let (nodes, summary) = if let Some(kept) = same {
        log::info!("exports: the people met as before: their network measures are kept");
        kept
    } else if let Some((kept, summary)) =
        saved.filter(|s| s.structure == structure).and_then(restore)
    {
        log::info!(
            "exports: the people met as before, some more often: the network measures that read no weight are kept"
        );
        measures::measure_reweighted(graph, &kept, &summary)
    } else {
        measures::measure(graph)
    };
    let save = measures::Saved::new(print, structure, &nodes, &summary);
    for (weight, m) in graph.node_weights_mut().zip(nodes) {
        weight.measures = Some(m);
    }
    (summary, save)
}

/// The topic co-discussion graph of everything in the store.
///
/// Nodes: topics discussed at one meeting at least, in IRI order. Edges: one per
/// pair of topics discussed in the same meeting, weighted by the number of such
/// meetings. Cost as for [`coparticipation`].
pub fn topics(store: &Store) -> Result<TopicGraph, GraphError> {
    Ok(build_topics(&read_discussions(store)?))
}

/// The topic evolution of everything in the store, cut by `period`: themes
/// per period, their links, topic frequencies and bursts (see [`evolution`]).
///
/// Cost: the topic graph's queries, then O(P log P) for P the (topic,
/// meeting) facts, O(Σ k²) over meetings of k topics for the networks,
/// Louvain per period, and O(T · n) for the bursts of T topics over n
/// periods: below the topic graph's, whose edges span the whole archive.
pub fn topic_evolution(store: &Store, period: Period) -> Result<TopicEvolution, GraphError> {
    Ok(evolution::build_evolution(
        &read_discussions(store)?,
        period,
    ))
}

/// The person–topic graph of everything in the store: who spoke at meetings
/// that discussed which topic (see [`SpokeOn`] for why the meeting links
/// them), weighted by the number of such meetings.
///
/// Cost: a handful of SPARQL queries, then O(P log P) for P the sum over
/// meetings of speakers × topics.
pub fn person_topic(store: &Store) -> Result<PersonTopicGraph, GraphError> {
    Ok(build_person_topic(&read_speaking(store)?))
}

/// The organisation–person graph of everything in the store: affiliations,
/// weighted by the meetings stating them, with roles.
///
/// Cost: a handful of SPARQL queries, then O(M log M) for M the (membership,
/// meeting) facts.
pub fn organisation_person(store: &Store) -> Result<OrganisationPersonGraph, GraphError> {
    Ok(build_organisation_person(&read_memberships(store)?))
}

#[cfg(test)]
mod tests {
    use super::assemble::*;
    use super::elements::*;
    use super::facts::*;
    use super::*;
    use crate::store::tests::sample_store;
    use petgraph::graph::{NodeIndex, UnGraph};
    use petgraph::visit::EdgeRef;
    use std::collections::{BTreeMap, BTreeSet};

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
        // One spell per dated meeting; m3 has no date and gives none.
        let days = |spells: Vec<Spell>| -> Vec<(String, u32)> {
            spells.into_iter().map(|s| (s.date, s.meetings)).collect()
        };
        let both = vec![(s("2021-10-28"), 1), (s("2022-02-10"), 1)];
        assert_eq!(days(ab.spells()), both);
        assert_eq!(days(g[NodeIndex::new(0)].spells()), both);
        assert_eq!(days(g[NodeIndex::new(3)].spells()), [(s("2022-02-10"), 1)]);
        Ok(())
    }

    /// Two meetings on one day are one spell of weight 2.
    #[test]
    fn meetings_on_one_day_make_one_spell() {
        let mut facts = ParticipationFacts::default();
        for m in ["m1", "m2"] {
            facts.meetings.insert(s(m), meeting(m, Some("2023-05-04")));
            for p in ["a", "b"] {
                facts.attended.insert((s(p), s(m)));
            }
        }
        let g = build_coparticipation(&facts);
        let spells = g.edge_references().map(|e| e.weight().spells()).next();
        let day = vec![Spell {
            date: s("2023-05-04"),
            meetings: 2,
        }];
        assert_eq!(spells, Some(day.clone()));
        assert_eq!(g[NodeIndex::new(0)].spells, day);
    }

    /// Spoke at m1 (topics x, y), m2 (topic x), m3 (no topic): the edges are
    /// the meetings where both happened, and only people and topics with one.
    #[test]
    fn hand_made_person_topic_graph_counts_meetings_where_both_happened() -> TestResult {
        let mut facts = SpeakingFacts::default();
        facts
            .meetings
            .insert(s("m1"), meeting("M1", Some("2021-10-28")));
        facts
            .meetings
            .insert(s("m2"), meeting("M2", Some("2022-02-10")));
        for (p, m) in [("p:a", "m1"), ("p:a", "m2"), ("p:b", "m1"), ("p:c", "m3")] {
            facts.spoke.insert((s(p), s(m)));
        }
        for (t, m) in [("t:x", "m1"), ("t:x", "m2"), ("t:y", "m1"), ("t:z", "m4")] {
            facts.discussed.insert((s(t), s(m)));
        }
        facts.names.insert(s("p:a"), s("Ann"));
        facts.labels.insert(s("t:x"), s("X"));
        let g = bipartite::build_person_topic(&facts);
        let nodes: Vec<_> = g
            .node_indices()
            .map(|i| {
                (
                    g[i].iri.as_str(),
                    g[i].label.as_str(),
                    g[i].kind,
                    g[i].meetings,
                )
            })
            .collect();
        assert_eq!(
            nodes,
            [
                ("p:a", "Ann", Kind::Person, 2),
                ("p:b", "p:b", Kind::Person, 1),
                ("t:x", "X", Kind::Topic, 2),
                ("t:y", "t:y", Kind::Topic, 1),
            ]
        );
        let edges: Vec<_> = g
            .edge_references()
            .map(|e| {
                (
                    g[e.source()].iri.as_str(),
                    g[e.target()].iri.as_str(),
                    e.weight().weight,
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                ("p:a", "t:x", 2),
                ("p:a", "t:y", 1),
                ("p:b", "t:x", 1),
                ("p:b", "t:y", 1)
            ]
        );
        let ax = g.edge_references().next().ok_or("no edge")?;
        assert_eq!(
            ax.weight().values(),
            [
                Some(Value::Text(s("M1; M2"))),
                Some(Value::Text(s("2021-10-28; 2022-02-10"))),
                Some(Value::Text(s("2021-10-28"))),
                Some(Value::Text(s("2022-02-10"))),
            ]
        );
        Ok(())
    }

    #[test]
    fn hand_made_organisation_person_graph_has_roles_and_meetings() {
        let mut facts = MembershipFacts::default();
        facts
            .meetings
            .insert(s("m1"), meeting("M1", Some("2021-10-28")));
        facts.meetings.insert(s("m2"), meeting("M2", None));
        for (o, p, m) in [
            ("o:icann", "p:b", "m1"),
            ("o:icann", "p:b", "m2"),
            ("o:icann", "p:a", "m2"),
            ("o:aarhus", "p:b", "m1"),
        ] {
            facts.stated.insert((s(o), s(p), s(m)));
        }
        facts.roles.insert(
            (s("o:icann"), s("p:b")),
            ["Chair", "Board member"].map(s).into(),
        );
        facts.labels.insert(s("o:icann"), s("ICANN"));
        let g = bipartite::build_organisation_person(&facts);
        let nodes: Vec<_> = g
            .node_indices()
            .map(|i| (g[i].label.as_str(), g[i].kind, g[i].meetings))
            .collect();
        assert_eq!(
            nodes,
            [
                ("o:aarhus", Kind::Organisation, 1),
                ("ICANN", Kind::Organisation, 2),
                ("p:a", Kind::Person, 1),
                ("p:b", Kind::Person, 2),
            ]
        );
        let edges: Vec<_> = g
            .edge_references()
            .map(|e| {
                let w = e.weight();
                (
                    g[e.source()].iri.as_str(),
                    g[e.target()].iri.as_str(),
                    w.weight,
                    w.roles.as_str(),
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                ("o:aarhus", "p:b", 1, ""),
                ("o:icann", "p:a", 1, ""),
                ("o:icann", "p:b", 2, "Board member; Chair"),
            ]
        );
        let icann_b = g.edge_references().next_back().map(|e| e.weight().values());
        assert_eq!(
            icann_b.and_then(|v| v.into_iter().nth(2)),
            Some(Some(Value::Text(s("2021-10-28"))))
        );
    }

    /// On random facts, a person–topic weight is the number of meetings the
    /// person spoke at and the topic was discussed at, and an edge exists
    /// exactly when that number is positive.
    #[test]
    fn property_person_topic_weights_count_meetings_of_both() {
        for seed in 1..200u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut facts = SpeakingFacts::default();
            let meetings = 1 + rng.below(6);
            for m in 0..meetings {
                facts
                    .meetings
                    .insert(format!("m{m}"), meeting(&format!("M{m}"), None));
                for p in 0..1 + rng.below(6) {
                    if rng.below(3) == 0 {
                        facts.spoke.insert((format!("p{p}"), format!("m{m}")));
                    }
                }
                for t in 0..1 + rng.below(6) {
                    if rng.below(3) == 0 {
                        facts.discussed.insert((format!("t{t}"), format!("m{m}")));
                    }
                }
            }
            let g = bipartite::build_person_topic(&facts);
            let spoke = by_item(facts.spoke.iter().cloned());
            let discussed = by_item(facts.discussed.iter().cloned());
            let mut expected = 0;
            for (p, pm) in &spoke {
                for (t, tm) in &discussed {
                    let both = pm.intersection(tm).count();
                    assert_eq!(weight(&g, p, t), both as f64, "seed {seed} {p} {t}");
                    expected += usize::from(both > 0);
                }
            }
            assert_eq!(g.edge_count(), expected, "seed {seed}");
            assert!(
                g.node_indices().all(|i| g.neighbors(i).next().is_some()),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn two_mode_graphs_read_from_the_store() -> TestResult {
        let (_dir, store) = sample_store()?;
        let g = person_topic(&store)?;
        let id = |iri: &str| iri.rsplit('/').next().unwrap_or_default().to_owned();
        let edges: Vec<_> = g
            .edge_references()
            .map(|e| {
                (
                    id(&g[e.source()].iri),
                    id(&g[e.target()].iri),
                    e.weight().weight,
                )
            })
            .collect();
        // Amrita spoke at both meetings, Wolfgang at the first; the GDC was
        // discussed at both, NETmundial at the first.
        assert_eq!(
            edges,
            [
                (s("amrita-choudhury"), s("global-digital-compact"), 2),
                (s("amrita-choudhury"), s("netmundial"), 1),
                (s("wolfgang-kleinwachter"), s("global-digital-compact"), 1),
                (s("wolfgang-kleinwachter"), s("netmundial"), 1),
            ]
        );
        let a = organisation_person(&store)?;
        let edges: Vec<_> = a
            .edge_references()
            .map(|e| {
                let w = e.weight();
                (
                    a[e.source()].label.clone(),
                    a[e.target()].label.clone(),
                    w.weight,
                    w.roles.clone(),
                )
            })
            .collect();
        // Both reports state Wolfgang's two memberships; Amrita has none.
        assert_eq!(
            edges,
            [
                (s("ICANN"), s("Wolfgang Kleinwächter"), 2, s("")),
                (
                    s("University of Aarhus"),
                    s("Wolfgang Kleinwächter"),
                    2,
                    s("MAG Member")
                ),
            ]
        );
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
                spells: ["2021-10-28", "2022-02-10"]
                    .map(|d| Spell {
                        date: s(d),
                        meetings: 1
                    })
                    .to_vec(),
            })
        );
        let edge = g
            .edge_references()
            .find(|e| g[e.source()].iri == "t:gdc" && g[e.target()].iri == "t:youth")
            .map(|e| e.weight().clone());
        assert_eq!(edge.map(|e| e.dates()), Some(s("2021-10-28; 2022-02-10")));
    }

    /// The README's SPARQL for the two-mode graphs gives their edges and weights.
    #[test]
    fn the_readme_queries_give_the_two_mode_edges() -> TestResult {
        let (_dir, store) = sample_store()?;
        let edges_of =
            |query: &str, vars: &[&str]| -> Result<Vec<(String, String, String)>, GraphError> {
                let mut rows: Vec<_> = bound::<3>(select(&store, "readme", query, vars)?)
                    .map(|[a, b, w]| (a, b, w))
                    .collect();
                rows.sort();
                Ok(rows)
            };
        let graph_edges = |ends: Vec<(String, String, u32)>| {
            let mut rows: Vec<_> = ends
                .into_iter()
                .map(|(a, b, w)| (a, b, w.to_string()))
                .collect();
            rows.sort();
            rows
        };
        let spoke = edges_of(
            "SELECT ?person ?topic (COUNT(DISTINCT ?m) AS ?meetings) WHERE {
               ?person meetkg:spokeAt ?m . ?m meetkg:discussed ?topic .
             } GROUP BY ?person ?topic",
            &["person", "topic", "meetings"],
        )?;
        let g = person_topic(&store)?;
        let expected = graph_edges(
            g.edge_references()
                .map(|e| {
                    (
                        g[e.source()].iri.clone(),
                        g[e.target()].iri.clone(),
                        e.weight().weight,
                    )
                })
                .collect(),
        );
        assert!(!spoke.is_empty());
        assert_eq!(spoke, expected);
        let affiliations = edges_of(
            "SELECT ?org ?person (COUNT(DISTINCT ?m) AS ?meetings) WHERE {
               ?ms org:member ?person ; org:organization ?org ; meetkg:statedAt ?m .
             } GROUP BY ?org ?person",
            &["org", "person", "meetings"],
        )?;
        let a = organisation_person(&store)?;
        let expected = graph_edges(
            a.edge_references()
                .map(|e| {
                    (
                        a[e.source()].iri.clone(),
                        a[e.target()].iri.clone(),
                        e.weight().weight,
                    )
                })
                .collect(),
        );
        assert!(!affiliations.is_empty());
        assert_eq!(affiliations, expected);
        Ok(())
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
