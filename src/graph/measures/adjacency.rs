//! The graph as the measures read it: compressed adjacency lists (CSR), each
//! node's neighbours in one slice with the weights beside them.
//!
//! Rationale: every measure walks neighbour lists many times (Brandes once per
//! source); petgraph's linked edge lists are slow to walk and hold what the
//! measures do not need. This copy costs 8 bytes per edge end (a `u32` index
//! and a `u32` weight), linear in the graph, never quadratic.

use crate::graph::EdgeAttributes;
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// An undirected weighted graph without self-loops, nodes `0..n` as in the
/// petgraph graph it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjacency {
    /// Node `v`'s neighbours are `targets[offsets[v]..offsets[v + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<u32>,
}

impl Adjacency {
    /// Reads `graph`; an edge's weight is [`EdgeAttributes::weight`], rounded
    /// to a whole number of meetings. Neighbours are in edge order, which the
    /// graph module makes deterministic.
    pub fn of<N, E: EdgeAttributes>(graph: &UnGraph<N, E>) -> Self {
        let n = graph.node_count();
        let mut counts = vec![0usize; n + 1];
        for e in graph.edge_references() {
            counts[e.source().index() + 1] += 1;
            counts[e.target().index() + 1] += 1;
        }
        for v in 0..n {
            counts[v + 1] += counts[v];
        }
        let offsets = counts.clone();
        let mut next = counts;
        let mut targets = vec![0u32; offsets[n]];
        let mut weights = vec![0u32; offsets[n]];
        for e in graph.edge_references() {
            let w = e.weight().weight().round().clamp(0.0, f64::from(u32::MAX)) as u32;
            for (a, b) in [(e.source(), e.target()), (e.target(), e.source())] {
                let slot = next[a.index()];
                targets[slot] = u32::try_from(b.index()).unwrap_or(u32::MAX);
                weights[slot] = w;
                next[a.index()] += 1;
            }
        }
        Self {
            offsets,
            targets,
            weights,
        }
    }

    /// A graph of `n` nodes from `(a, b, weight)` triples: the topic network
    /// of one period ([`crate::graph::themes`]), and tests.
    pub fn from_edges(n: usize, edges: &[(usize, usize, u32)]) -> Self {
        use crate::graph::{AttrDef, Value};
        struct W(u32);
        impl EdgeAttributes for W {
            const ATTRS: &'static [AttrDef] = &[];
            fn weight(&self) -> f64 {
                self.0.into()
            }
            fn values(&self) -> Vec<Option<Value>> {
                Vec::new()
            }
        }
        let mut g: UnGraph<(), W> = UnGraph::default();
        let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
        for &(a, b, w) in edges {
            g.add_edge(nodes[a], nodes[b], W(w));
        }
        Self::of(&g)
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Edges, each counted once.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    pub fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// `(neighbour, weight)` pairs of `v`.
    pub fn weighted(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[v]..self.offsets[v + 1];
        self.targets[range.clone()]
            .iter()
            .zip(&self.weights[range])
            .map(|(&t, &w)| (t as usize, f64::from(w)))
    }

    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }

    /// The sum of `v`'s edge weights.
    pub fn weighted_degree(&self, v: usize) -> f64 {
        self.weighted(v).map(|(_, w)| w).sum()
    }
}
