//! Network measures of the co-participation graph, written by the exports as
//! node attributes (and the graph-wide figures as graph attributes), so an
//! analyst gets in the file what Gephi's Statistics panel would compute, and
//! networkx and igraph agree with it (tested, `tests/measures_interop.rs`).
//!
//! Each measure follows networkx's default, weighted or not:
//!
//! | attribute | measure | weights |
//! | --- | --- | --- |
//! | `degree` | neighbours | no |
//! | `weighted_degree` | Σ meetings shared with each neighbour | yes |
//! | `betweenness` | Brandes, normalised by (V−1)(V−2) ([`paths`]) | no |
//! | `closeness` | Wasserman–Faust for disconnected graphs ([`paths`]) | no |
//! | `pagerank` | damping 0.85 ([`pagerank`]) | yes |
//! | `eigenvector` | power iteration on A + I, unit norm ([`eigenvector`]) | no |
//! | `core_number` | k-core ([`kcore`]) | no |
//! | `community` | Louvain, resolution 1 ([`louvain`]) | yes |
//!
//! Why own code: petgraph 0.8 offers only `page_rank`, unweighted and O(V²)
//! per iteration; a crate such as `rustworkx-core` would add a dependency tree
//! to review for a few hundred lines that the tests check against networkx and
//! igraph. Everything here is linear in memory; only betweenness and closeness
//! cost O(V·E) time, and are sampled above [`paths::EXACT_MAX_NODES`] nodes.

pub mod adjacency;
pub mod eigenvector;
pub mod kcore;
pub mod louvain;
pub mod pagerank;
pub mod paths;
mod rows;
mod tree;

use super::schema::{AttrDef, AttrType, Value};
use adjacency::Adjacency;

/// The measures of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMeasures {
    pub degree: usize,
    pub weighted_degree: f64,
    pub betweenness: f64,
    /// `None` where a sampled pass reached the node from no pivot.
    pub closeness: Option<f64>,
    pub pagerank: f64,
    pub eigenvector: f64,
    pub core_number: usize,
    pub community: usize,
}

/// What is said of the graph as a whole: the modularity of the communities
/// and how each measure was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub nodes: usize,
    pub edges: usize,
    pub communities: usize,
    pub modularity: f64,
    /// Sources of the betweenness and closeness searches: all nodes when
    /// exact, [`paths::PIVOTS`] when sampled.
    pub path_sources: usize,
    pub eigenvector_iterations: usize,
    pub eigenvector_converged: bool,
}

/// The node measures' attributes, in export column order.
pub const NODE_ATTRS: [AttrDef; 8] = [
    def("degree", AttrType::Int),
    def("weighted_degree", AttrType::Double),
    def("betweenness", AttrType::Double),
    def("closeness", AttrType::Double),
    def("pagerank", AttrType::Double),
    def("eigenvector", AttrType::Double),
    def("core_number", AttrType::Int),
    def("community", AttrType::Int),
];

const fn def(name: &'static str, kind: AttrType) -> AttrDef {
    AttrDef { name, kind }
}

fn int(v: usize) -> Value {
    Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
}

impl NodeMeasures {
    /// One value per entry of [`NODE_ATTRS`].
    pub fn values(&self) -> Vec<Option<Value>> {
        vec![
            Some(int(self.degree)),
            Some(Value::Double(self.weighted_degree)),
            Some(Value::Double(self.betweenness)),
            self.closeness.map(Value::Double),
            Some(Value::Double(self.pagerank)),
            Some(Value::Double(self.eigenvector)),
            Some(int(self.core_number)),
            Some(int(self.community)),
        ]
    }
}

impl Summary {
    /// The graph attributes: the figures, and each method said in words.
    pub fn attributes(&self) -> Vec<(AttrDef, Value)> {
        let text = |s: String| Value::Text(s);
        let exact = self.path_sources >= self.nodes;
        let paths = if exact {
            format!(
                "exact (Brandes, breadth-first from all {} nodes, unweighted)",
                self.nodes
            )
        } else {
            format!(
                "sampled (Brandes, breadth-first from {} pivots of {} nodes drawn with seed {:#x}, unweighted; exact up to {} nodes)",
                self.path_sources, self.nodes, paths::PIVOT_SEED, paths::EXACT_MAX_NODES
            )
        };
        vec![
            (def("nodes", AttrType::Int), int(self.nodes)),
            (def("edges", AttrType::Int), int(self.edges)),
            (
                def("modularity", AttrType::Double),
                Value::Double(self.modularity),
            ),
            (def("communities", AttrType::Int), int(self.communities)),
            (
                def("community_method", AttrType::String),
                text("Louvain, weighted, resolution 1, nodes in IRI order (no random seed)".into()),
            ),
            (
                def("betweenness_method", AttrType::String),
                text(paths.clone()),
            ),
            (def("closeness_method", AttrType::String), text(paths)),
            (def("path_sources", AttrType::Int), int(self.path_sources)),
            (
                def("pagerank_method", AttrType::String),
                text(format!(
                    "power iteration, weighted, damping {}",
                    pagerank::DAMPING
                )),
            ),
            (
                def("eigenvector_method", AttrType::String),
                text(format!(
                    "power iteration on A + I, unweighted, unit norm; {} iterations, {}",
                    self.eigenvector_iterations,
                    if self.eigenvector_converged {
                        "converged"
                    } else {
                        "not converged"
                    }
                )),
            ),
        ]
    }
}

/// Measures kept between exports, to the bit (JSON would round a float on
/// reading it back), with the fingerprint of the adjacency they were computed
/// from ([`super::fingerprint::adjacency`]): the measures are a function of
/// the adjacency alone, so a graph whose people met as before (a change to
/// labels, dates, affiliations or speeches) takes them back instead of
/// computing them again; and a graph whose pairs of people all met before,
/// some more often (the next meeting of a body), takes back those that read
/// no weight ([`measure_reweighted`]), the path searches among them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    pub adjacency: String,
    /// The fingerprint of the adjacency without its weights
    /// ([`super::fingerprint::structure`]): the measures that read no weight
    /// are a function of it alone (empty in stamps made before).
    #[serde(default)]
    pub structure: String,
    /// Per node: degree, weighted degree, betweenness, closeness (whether
    /// known, and its bits), pagerank, eigenvector, core number, community.
    nodes: Vec<[u64; 9]>,
    /// Nodes, edges, communities, modularity, path sources, eigenvector
    /// iterations, converged.
    summary: [u64; 7],
}

impl Saved {
    pub fn new(
        adjacency: String,
        structure: String,
        nodes: &[NodeMeasures],
        summary: &Summary,
    ) -> Self {
        let nodes = nodes
            .iter()
            .map(|m| {
                [
                    m.degree as u64,
                    m.weighted_degree.to_bits(),
                    m.betweenness.to_bits(),
                    u64::from(m.closeness.is_some()),
                    m.closeness.unwrap_or_default().to_bits(),
                    m.pagerank.to_bits(),
                    m.eigenvector.to_bits(),
                    m.core_number as u64,
                    m.community as u64,
                ]
            })
            .collect();
        let summary = [
            summary.nodes as u64,
            summary.edges as u64,
            summary.communities as u64,
            summary.modularity.to_bits(),
            summary.path_sources as u64,
            summary.eigenvector_iterations as u64,
            u64::from(summary.eigenvector_converged),
        ];
        Self {
            adjacency,
            structure,
            nodes,
            summary,
        }
    }

    /// The measures saved, by node index, and the summary; `None` when a
    /// count does not fit this machine's `usize`.
    pub fn restore(&self) -> Option<(Vec<NodeMeasures>, Summary)> {
        let size = |v: u64| usize::try_from(v).ok();
        let nodes = self
            .nodes
            .iter()
            .map(|m| {
                Some(NodeMeasures {
                    degree: size(m[0])?,
                    weighted_degree: f64::from_bits(m[1]),
                    betweenness: f64::from_bits(m[2]),
                    closeness: (m[3] == 1).then(|| f64::from_bits(m[4])),
                    pagerank: f64::from_bits(m[5]),
                    eigenvector: f64::from_bits(m[6]),
                    core_number: size(m[7])?,
                    community: size(m[8])?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let s = &self.summary;
        let summary = Summary {
            nodes: size(s[0])?,
            edges: size(s[1])?,
            communities: size(s[2])?,
            modularity: f64::from_bits(s[3]),
            path_sources: size(s[4])?,
            eigenvector_iterations: size(s[5])?,
            eigenvector_converged: s[6] == 1,
        };
        Some((nodes, summary))
    }
}

/// Every measure of every node of `graph`, by node index, and the summary.
///
/// Cost: O(V·E) time for betweenness and closeness up to
/// [`paths::EXACT_MAX_NODES`] nodes, O(pivots·E) above; O(E) per iteration for
/// the rest. Memory O(V + E) (a compact copy of the adjacency).
pub fn measure<N, E: super::EdgeAttributes>(
    graph: &petgraph::graph::UnGraph<N, E>,
) -> (Vec<NodeMeasures>, Summary) {
    let adjacency = Adjacency::of(graph);
    let n = adjacency.node_count();
    // The path searches spread over every core; the other measures, one
    // core each, run beside them rather than after.
    let (paths, (rank, eigen, cores, communities)) = rayon::join(
        || paths::paths(&adjacency),
        || {
            (
                pagerank::pagerank(&adjacency),
                eigenvector::eigenvector(&adjacency),
                kcore::core_numbers(&adjacency),
                louvain::louvain(&adjacency),
            )
        },
    );
    let nodes = (0..n)
        .map(|v| NodeMeasures {
            degree: adjacency.degree(v),
            weighted_degree: adjacency.weighted_degree(v),
            betweenness: paths.betweenness[v],
            closeness: paths.closeness[v],
            pagerank: rank[v],
            eigenvector: eigen.centrality[v],
            core_number: cores[v],
            community: communities.membership[v],
        })
        .collect();
    let summary = Summary {
        nodes: n,
        edges: adjacency.edge_count(),
        communities: communities.count,
        modularity: communities.modularity,
        path_sources: paths.sources,
        eigenvector_iterations: eigen.iterations,
        eigenvector_converged: eigen.converged,
    };
    (nodes, summary)
}

/// [`measure`] of a graph whose nodes and edges (in index order) are those
/// `kept` was measured on, only its weights changed: degree, betweenness,
/// closeness, eigenvector and core number read no weight and are taken from
/// `kept` (the same values to the bit as computing them again); weighted
/// degree, PageRank and the communities are computed.
///
/// Cost: O(E) per iteration of PageRank and per Louvain pass, no path search.
pub fn measure_reweighted<N, E: super::EdgeAttributes>(
    graph: &petgraph::graph::UnGraph<N, E>,
    kept: &[NodeMeasures],
    summary: &Summary,
) -> (Vec<NodeMeasures>, Summary) {
    let adjacency = Adjacency::of(graph);
    let (rank, communities) = rayon::join(
        || pagerank::pagerank(&adjacency),
        || louvain::louvain(&adjacency),
    );
    let nodes = kept
        .iter()
        .enumerate()
        .map(|(v, m)| NodeMeasures {
            weighted_degree: adjacency.weighted_degree(v),
            pagerank: rank[v],
            community: communities.membership[v],
            ..m.clone()
        })
        .collect();
    let summary = Summary {
        communities: communities.count,
        modularity: communities.modularity,
        ..summary.clone()
    };
    (nodes, summary)
}

#[cfg(test)]
mod tests {
    use super::adjacency::Adjacency;
    use super::*;

    /// xorshift64*: reproducible random graphs without a dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        }
    }

    fn random_graph(seed: u64) -> Adjacency {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let n = 1 + rng.below(12) as usize;
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if rng.below(3) == 0 {
                    edges.push((a, b, 1 + rng.below(4) as u32));
                }
            }
        }
        Adjacency::from_edges(n, &edges)
    }

    /// Distances and shortest-path counts between every pair, by brute force.
    fn all_pairs(g: &Adjacency) -> (Vec<Vec<Option<usize>>>, Vec<Vec<f64>>) {
        let n = g.node_count();
        let mut dist = vec![vec![None; n]; n];
        let mut count = vec![vec![0.0; n]; n];
        for s in 0..n {
            dist[s][s] = Some(0);
            count[s][s] = 1.0;
            let mut frontier = vec![s];
            let mut d = 0;
            while !frontier.is_empty() {
                d += 1;
                let mut next = Vec::new();
                for &v in &frontier {
                    for &w in g.neighbours(v) {
                        let w = w as usize;
                        if dist[s][w].is_none() {
                            dist[s][w] = Some(d);
                            next.push(w);
                        }
                        if dist[s][w] == Some(d) {
                            count[s][w] += count[s][v];
                        }
                    }
                }
                frontier = next;
            }
        }
        (dist, count)
    }

    /// On random graphs: betweenness equals its definition summed over pairs;
    /// every node of core k has k neighbours of core k or more; ranks sum to
    /// 1; the modularity reported is that of the communities, not negative,
    /// and the same on a second run.
    #[test]
    fn property_measures_meet_their_definitions() {
        for seed in 1..150u64 {
            let g = random_graph(seed);
            let n = g.node_count();
            let (dist, count) = all_pairs(&g);
            let paths = paths::exact(&g);
            for v in 0..n {
                let mut through = 0.0;
                for s in 0..n {
                    for t in s + 1..n {
                        if s == v || t == v {
                            continue;
                        }
                        if let (Some(st), Some(sv), Some(vt)) = (dist[s][t], dist[s][v], dist[v][t])
                        {
                            if sv + vt == st {
                                through += count[s][v] * count[v][t] / count[s][t];
                            }
                        }
                    }
                }
                let expected = if n > 2 {
                    2.0 * through / ((n - 1) * (n - 2)) as f64
                } else {
                    through
                };
                assert!(
                    (paths.betweenness[v] - expected).abs() < 1e-12,
                    "seed {seed} node {v}"
                );
            }
            let cores = kcore::core_numbers(&g);
            for v in 0..n {
                let at_least = |k: usize| {
                    g.neighbours(v)
                        .iter()
                        .filter(|&&w| cores[w as usize] >= k)
                        .count()
                };
                assert!(at_least(cores[v]) >= cores[v], "seed {seed} node {v}");
            }
            let rank = pagerank::pagerank(&g);
            assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9, "seed {seed}");
            let c = louvain::louvain(&g);
            let again = louvain::modularity(&g, &c.membership);
            assert!((c.modularity - again).abs() < 1e-12, "seed {seed}");
            assert!(c.modularity >= -1e-12, "seed {seed}");
            assert_eq!(louvain::louvain(&g), c, "seed {seed}: not deterministic");
        }
    }
}
