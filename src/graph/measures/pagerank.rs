//! PageRank, weighted by meetings shared, as networkx's `pagerank` computes it
//! by default (`alpha=0.85`, `weight="weight"`): each undirected edge is two
//! arcs, a node's rank flows to its neighbours in proportion to the weights,
//! and the rank of a node without edges is spread over all nodes.
//!
//! petgraph's `page_rank` is not used: it ignores weights and loops over every
//! pair of nodes, O(V²) per iteration; this power iteration is O(E).

use super::adjacency::Adjacency;

/// The damping factor (networkx's and Gephi's default `alpha`).
pub const DAMPING: f64 = 0.85;
/// The iteration stops when the ranks move less than this per node, in sum
/// (networkx stops at 1e-6, which leaves errors near 1e-6).
const TOLERANCE: f64 = 1e-12;
const MAX_ITERATIONS: usize = 10_000;

/// The ranks, summing to 1, by node index. Cost: O(E) per iteration; a few
/// dozen iterations on co-participation graphs.
pub fn pagerank(graph: &Adjacency) -> Vec<f64> {
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = (0..n).map(|v| graph.weighted_degree(v)).collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|&v| strength[v] == 0.0)
            .map(|v| rank[v])
            .sum();
        let base = DAMPING * dangling * uniform + (1.0 - DAMPING) * uniform;
        next.iter_mut().for_each(|x| *x = base);
        for v in (0..n).filter(|&v| strength[v] > 0.0) {
            let flow = DAMPING * rank[v] / strength[v];
            for (w, weight) in graph.weighted(v) {
                next[w] += flow * weight;
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < n as f64 * TOLERANCE {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_sum_to_one_and_follow_the_weights() {
        // A star whose centre is 0, one heavy spoke, and an isolated node.
        let g = Adjacency::from_edges(5, &[(0, 1, 5), (0, 2, 1), (0, 3, 1)]);
        let r = pagerank(&g);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(r[0] > r[1] && r[1] > r[2]);
        assert!((r[2] - r[3]).abs() < 1e-15);
        assert!(r[4] < r[2]);
    }

    /// On a cycle every node is alike: 1/n each.
    #[test]
    fn a_cycle_ranks_every_node_alike() {
        let g = Adjacency::from_edges(4, &[(0, 1, 2), (1, 2, 2), (2, 3, 2), (3, 0, 2)]);
        assert!(pagerank(&g).iter().all(|r| (r - 0.25).abs() < 1e-12));
    }
}
